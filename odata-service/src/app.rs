//! The service itself: one axum fallback handler that authorizes, routes, reads the body and
//! runs the operation against the store.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::header::{
    HeaderValue, AUTHORIZATION, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, ETAG, LOCATION,
    TRANSFER_ENCODING,
};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use odata_core::graph::{GraphService, TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::{Page, Service};
use odata_core::{EntityType, Extra, StructuredType};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::conditions::{self, Conditions, Return, PREFERENCE_APPLIED};
use crate::delta::{self, ChangeLog};
use crate::error::{ApiError, RequestIds, JSON};
use crate::query::{self, ListOptions};
use crate::route::{self, Action, Endpoint};
use crate::{keys, listing, Config};

/// The prefix Graph gives key set ids (see `KeySetServiceBuilder::graph_id_prefix`).
const GRAPH_ID_PREFIX: &str = "B2C_1A_";
const ODATA_VERSION: HeaderName = HeaderName::from_static("odata-version");
const ODATA_ENTITY_ID: HeaderName = HeaderName::from_static("odata-entityid");
const ODATA_ETAG: &str = "@odata.etag";

/// The state shared by every request, and by the handle for snapshots.
pub(crate) struct App {
    config: Config,
    /// `{base}/trustFramework/keySets`.
    key_sets_url: String,
    entity_context: String,
    collection_context: String,
    key_context: String,
    /// The service seen through odata-core with OData conventions, to write `Location` URLs
    /// (`keySets('id')`) with exactly the encoding clients use.
    locations: Service,
    /// Every key set by id: the order of the collection. Each operation takes the lock once
    /// and does all of its reading and writing under it.
    store: Mutex<BTreeMap<String, TrustFrameworkKeySet>>,
    /// Every write, for delta queries; recorded with `store` locked.
    changes: ChangeLog,
}

impl App {
    pub(crate) fn new(config: Config, base_url: &str) -> std::io::Result<Self> {
        let locations = Service::odata(base_url).map_err(std::io::Error::other)?;
        Ok(App {
            changes: ChangeLog::new(config.delta_log_capacity),
            config,
            key_sets_url: format!("{base_url}/trustFramework/keySets"),
            entity_context: format!("{base_url}/$metadata#trustFramework/keySets/$entity"),
            collection_context: format!("{base_url}/$metadata#trustFramework/keySets"),
            key_context: format!("{base_url}/$metadata#microsoft.graph.trustFrameworkKey"),
            locations,
            store: Mutex::new(BTreeMap::new()),
        })
    }

    /// Every key set as stored, in id order.
    pub(crate) fn snapshot(&self) -> Vec<TrustFrameworkKeySet> {
        self.lock().values().cloned().collect()
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, TrustFrameworkKeySet>> {
        // No operation panics while holding the lock, and each leaves the map consistent.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The service root, `http://127.0.0.1:{port}/v1.0`.
    pub(crate) fn base_url(&self) -> &str {
        self.key_sets_url
            .strip_suffix("/trustFramework/keySets")
            .unwrap_or(&self.key_sets_url)
    }

    pub(crate) async fn dispatch(&self, request: Request) -> Result<Response, ApiError> {
        self.authorize(request.headers())?;
        let endpoint = route::parse(request.uri().path())?.endpoint(request.method())?;
        if endpoint == Endpoint::Delta {
            return self.delta(request.uri().query(), &Conditions::read(request.headers())?);
        }
        let options = query::parse(request.uri().query(), endpoint.query_target())?;
        let conditions = Conditions::read(request.headers())?;
        let body = if endpoint.has_body() {
            self.read_body(request).await?
        } else {
            Bytes::new()
        };
        match endpoint {
            Endpoint::List => self.list(&options, &conditions),
            Endpoint::Count => self.count(&options),
            // Answered above, before its `$deltatoken`/`$skiptoken` meet the list's options.
            Endpoint::Delta => Err(ApiError::internal("the delta function was not answered")),
            Endpoint::Create => self.create(&body, &conditions),
            Endpoint::Get(id) => self.get(&id),
            Endpoint::Patch(id) => self.patch(&id, &body, &conditions),
            Endpoint::Put(id) => self.put(&id, &body, &conditions),
            Endpoint::Delete(id) => self.delete(&id, &conditions),
            Endpoint::Action(id, action) => self.action(&id, action, &body),
            Endpoint::ActiveKey(id) => self.active_key(&id),
        }
    }

    pub(crate) fn authorize(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let Some(expected) = &self.config.token else {
            return Ok(());
        };
        let Some(value) = headers.get(AUTHORIZATION) else {
            return Err(ApiError::unauthorized("Access token is empty."));
        };
        let token = value.to_str().ok().and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
        match token {
            Some(token) if same_bytes(token.as_bytes(), expected.as_bytes()) => Ok(()),
            Some(_) => Err(ApiError::unauthorized("Access token validation failure.")),
            None => Err(ApiError::unauthorized(
                "The Authorization header is not of the form 'Bearer <token>'.",
            )),
        }
    }

    pub(crate) async fn read_body(&self, request: Request) -> Result<Bytes, ApiError> {
        check_content_type(request.headers())?;
        // The `DefaultBodyLimit` layer set in `router` bounds what this buffers.
        Bytes::from_request(request, &())
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::too_large(self.config.max_body_bytes)
                } else {
                    ApiError::bad_request(format!(
                        "The request body could not be read: {}",
                        rejection.body_text()
                    ))
                }
            })
    }

    fn list(&self, options: &ListOptions, conditions: &Conditions) -> Result<Response, ApiError> {
        let size = [options.top, conditions.max_page_size]
            .into_iter()
            .flatten()
            .fold(self.config.page_size, usize::min);
        let listing = listing::page(options, &self.lock(), served, size)?;
        let page = Page {
            context: Some(self.collection_context.clone()),
            count: listing.count,
            value: listing.value,
            next_link: listing
                .next
                .map(|last| format!("{}?{}", self.key_sets_url, options.next_query(last))),
            extra: Extra::new(),
        };
        let mut response = json(StatusCode::OK, write(&page)?);
        if let Some(max) = conditions.max_page_size {
            applied(&mut response, &format!("odata.maxpagesize={max}"))?;
        }
        Ok(response)
    }

    /// `GET /keySets/$count`: how many key sets pass the `$filter`, as plain text.
    fn count(&self, options: &ListOptions) -> Result<Response, ApiError> {
        let sets: Vec<TrustFrameworkKeySet> = self.lock().values().map(served).collect();
        let n = listing::count(options.filter.as_ref(), sets.into_iter())?;
        Ok((
            StatusCode::OK,
            [(CONTENT_TYPE, "text/plain;charset=utf-8")],
            n.to_string(),
        )
            .into_response())
    }

    /// `GET keySets/delta`: a page of a delta round (see the `delta` module).
    fn delta(&self, query: Option<&str>, conditions: &Conditions) -> Result<Response, ApiError> {
        let size = conditions
            .max_page_size
            .map_or(self.config.page_size, |max| max.min(self.config.page_size));
        let body = delta::page(
            &self.lock(),
            &self.changes,
            query,
            size,
            &format!("{}/delta", self.key_sets_url),
            &format!("{}/$delta", self.collection_context),
            served,
        )?;
        let mut response = json(StatusCode::OK, body);
        if let Some(max) = conditions.max_page_size {
            applied(&mut response, &format!("odata.maxpagesize={max}"))?;
        }
        Ok(response)
    }

    fn create(&self, body: &[u8], conditions: &Conditions) -> Result<Response, ApiError> {
        let set: TrustFrameworkKeySet = parse(body)?;
        check_members(&set)?;
        let id = match set.id() {
            None => self.new_id(),
            Some("") => return Err(ApiError::invalid_member("$.id", "the id is empty")),
            Some(given) => self.given_id(given),
        };
        let stored = stored(id.clone(), set.keys);
        let response = served(&stored);
        match self.lock().entry(id.clone()) {
            Entry::Occupied(_) => return Err(ApiError::conflict(&id)),
            Entry::Vacant(slot) => {
                slot.insert(stored);
                self.changes.record(&id);
            }
        };
        let location = self.location(&id);
        let mut response = self.written(StatusCode::CREATED, &response, conditions)?;
        let location = HeaderValue::from_str(&location)
            .map_err(|e| ApiError::internal(format!("the Location header: {e}")))?;
        if response.status() == StatusCode::NO_CONTENT {
            response
                .headers_mut()
                .insert(ODATA_ENTITY_ID, location.clone());
        }
        response.headers_mut().insert(LOCATION, location);
        Ok(response)
    }

    fn get(&self, id: &str) -> Result<Response, ApiError> {
        let set = self
            .lock()
            .get(id)
            .map(served)
            .ok_or_else(|| ApiError::no_key_set(id))?;
        self.entity(StatusCode::OK, &set)
    }

    fn patch(&self, id: &str, body: &[u8], conditions: &Conditions) -> Result<Response, ApiError> {
        let set: TrustFrameworkKeySet = parse(body)?;
        check_members(&set)?;
        // The typed value cannot tell `"keys": null` from no `keys`: read the member names too.
        let members: serde_json::Map<String, serde_json::Value> = parse(body)?;
        if members.contains_key("id") {
            check_id(set.id(), id)?;
        }
        let keys = members.contains_key("keys").then(|| keys_of(set.keys));
        let updated = {
            let mut store = self.lock();
            let stored = store.get_mut(id).ok_or_else(|| ApiError::no_key_set(id))?;
            conditions.check(id, stored)?;
            if let Some(keys) = keys {
                stored.keys = Some(keys);
            }
            let served = served(stored);
            self.changes.record(id);
            served
        };
        self.written(StatusCode::OK, &updated, conditions)
    }

    fn put(&self, id: &str, body: &[u8], conditions: &Conditions) -> Result<Response, ApiError> {
        let set: TrustFrameworkKeySet = parse(body)?;
        check_members(&set)?;
        if set.id().is_some() {
            check_id(set.id(), id)?;
        }
        let replacement = stored(id.to_owned(), set.keys);
        let response = served(&replacement);
        match self.lock().get_mut(id) {
            Some(slot) => {
                conditions.check(id, slot)?;
                *slot = replacement;
                self.changes.record(id);
            }
            None => return Err(ApiError::no_key_set(id)),
        }
        self.written(StatusCode::OK, &response, conditions)
    }

    fn delete(&self, id: &str, conditions: &Conditions) -> Result<Response, ApiError> {
        let mut store = self.lock();
        let stored = store.get(id).ok_or_else(|| ApiError::no_key_set(id))?;
        conditions.check(id, stored)?;
        store.remove(id);
        self.changes.record(id);
        Ok(StatusCode::NO_CONTENT.into_response())
    }

    fn action(&self, id: &str, action: Action, body: &[u8]) -> Result<Response, ApiError> {
        let now = keys::now();
        let key = match action {
            Action::GenerateKey => keys::generate(&parse(body)?, now)?,
            Action::UploadSecret => keys::secret(&parse(body)?, now)?,
            Action::UploadCertificate => keys::certificate(&parse(body)?, now)?,
            Action::UploadPkcs12 => keys::pkcs12(&parse(body)?, now)?,
        };
        let response = keys::public(&key);
        let mut store = self.lock();
        store
            .get_mut(id)
            .ok_or_else(|| ApiError::no_key_set(id))?
            .keys
            .get_or_insert_with(Vec::new)
            .push(key);
        self.changes.record(id);
        drop(store);
        self.with_context(StatusCode::OK, &self.key_context, &response)
    }

    fn active_key(&self, id: &str) -> Result<Response, ApiError> {
        let now = keys::now();
        let key = {
            let store = self.lock();
            let set = store.get(id).ok_or_else(|| ApiError::no_key_set(id))?;
            set.keys
                .iter()
                .flatten()
                .rev()
                .find(|key| keys::is_active(key, now))
                .map(keys::public)
                .ok_or_else(|| ApiError::no_active_key(id))?
        };
        self.with_context(StatusCode::OK, &self.key_context, &key)
    }

    fn new_id(&self) -> String {
        let id = keys::guid();
        if self.config.graph_id_prefix {
            format!("{GRAPH_ID_PREFIX}{id}")
        } else {
            id
        }
    }

    fn given_id(&self, given: &str) -> String {
        let prefixed = given
            .get(..GRAPH_ID_PREFIX.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(GRAPH_ID_PREFIX));
        if self.config.graph_id_prefix && !prefixed {
            format!("{GRAPH_ID_PREFIX}{given}")
        } else {
            given.to_owned()
        }
    }

    /// The absolute URL of key set `id`, in the OData key syntax: `.../keySets('id')`.
    fn location(&self, id: &str) -> String {
        self.locations
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(id)
            .path()
            .url()
    }

    /// A key set answer with its `ETag` header (the key set carries it as `@odata.etag`).
    fn entity(&self, status: StatusCode, set: &TrustFrameworkKeySet) -> Result<Response, ApiError> {
        let mut response = self.with_context(status, &self.entity_context, set)?;
        set_etag(&mut response, set)?;
        Ok(response)
    }

    /// The answer to a create or update: the key set with `status`, or `204 No Content` (with
    /// the `ETag`) under `Prefer: return=minimal`; the `return` preference, if any, is
    /// reported in `Preference-Applied`.
    fn written(
        &self,
        status: StatusCode,
        set: &TrustFrameworkKeySet,
        conditions: &Conditions,
    ) -> Result<Response, ApiError> {
        match conditions.returning {
            Return::Default => self.entity(status, set),
            Return::Representation => {
                let mut response = self.entity(status, set)?;
                applied(&mut response, "return=representation")?;
                Ok(response)
            }
            Return::Minimal => {
                let mut response = StatusCode::NO_CONTENT.into_response();
                set_etag(&mut response, set)?;
                applied(&mut response, "return=minimal")?;
                Ok(response)
            }
        }
    }

    /// `value` written as JSON with `@odata.context` as its first member.
    fn with_context<T: Serialize>(
        &self,
        status: StatusCode,
        context: &str,
        value: &T,
    ) -> Result<Response, ApiError> {
        let body = write(value)?;
        let members = body
            .strip_prefix(b"{")
            .ok_or_else(|| ApiError::internal("a response value is not a JSON object"))?;
        let mut out = Vec::with_capacity(body.len() + context.len() + 24);
        out.extend_from_slice(b"{\"@odata.context\":");
        out.extend_from_slice(&write(context)?);
        if members != b"}" {
            out.push(b',');
        }
        out.extend_from_slice(members);
        Ok(json(status, out))
    }
}

/// The router: every request goes to one handler, which answers every path and method itself
/// (so that 404 and 405 come in Graph's error format too).
pub(crate) fn router(app: Arc<App>) -> Router {
    let limit = app.config.max_body_bytes;
    Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(app)
}

async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let ids = RequestIds::new(request.headers());
    let sent_body = announces_body(request.headers());
    let answer = if crate::batch::is_batch(request.uri().path()) {
        app.batch(request).await
    } else {
        app.dispatch(request).await
    };
    let mut response = match answer {
        Ok(response) => response,
        Err(error) => {
            let mut response = error.into_response(&ids);
            // An error may come before the body was read (401, 404, 405, 415, 413, ...), and
            // the server then drops the connection; saying so keeps a client from reusing
            // it for its next request.
            if sent_body {
                response
                    .headers_mut()
                    .insert(CONNECTION, HeaderValue::from_static("close"));
            }
            response
        }
    };
    ids.stamp(response.headers_mut());
    response
        .headers_mut()
        .insert(ODATA_VERSION, HeaderValue::from_static("4.0"));
    response
}

/// Whether a request has a body: a non-zero `Content-Length`, or `Transfer-Encoding`.
fn announces_body(headers: &HeaderMap) -> bool {
    headers.contains_key(TRANSFER_ENCODING)
        || headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0")
}

fn json(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(CONTENT_TYPE, JSON)], body).into_response()
}

fn write<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, ApiError> {
    odata_core::json::to_vec(value)
        .map_err(|e| ApiError::internal(format!("writing the response: {e}")))
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    odata_core::json::from_slice(body).map_err(|e| ApiError::body(&e))
}

/// Equal, comparing every byte whatever the first difference (no early exit on the token).
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `application/json`, with any parameters; a `charset`, if given, must be UTF-8.
fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let value = headers
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or("(not visible ASCII)"));
    let json = value.is_some_and(|value| {
        let mut parts = value.split(';');
        let essence = parts.next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case("application/json")
            && parts.all(|parameter| match parameter.split_once('=') {
                Some((name, charset)) if name.trim().eq_ignore_ascii_case("charset") => charset
                    .trim()
                    .trim_matches('"')
                    .eq_ignore_ascii_case("utf-8"),
                _ => true,
            })
    });
    if json {
        Ok(())
    } else {
        Err(ApiError::unsupported_media_type(value))
    }
}

/// Refuses members the model does not declare (annotations such as `@odata.context` or
/// `keys@odata.type` are allowed and dropped): Graph's key set type is not open.
fn check_members(set: &TrustFrameworkKeySet) -> Result<(), ApiError> {
    check_extra::<TrustFrameworkKeySet>(&set.extra, "$")?;
    for (index, key) in set.keys.iter().flatten().enumerate() {
        check_extra::<TrustFrameworkKey>(&key.extra, &format!("$.keys[{index}]"))?;
    }
    Ok(())
}

fn check_extra<T: StructuredType>(extra: &Extra, at: &str) -> Result<(), ApiError> {
    match extra.iter().find(|(name, _)| !name.contains('@')) {
        Some((name, _)) => Err(ApiError::invalid_member(
            &member_path(at, name),
            format!("'{name}' is not a property of {}", T::TYPE.qualified_name),
        )),
        None => Ok(()),
    }
}

/// `at.name`, or `at["name"]` when the name is not a plain identifier (as odata-core writes
/// paths).
fn member_path(at: &str, name: &str) -> String {
    let plain = name.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        format!("{at}.{name}")
    } else {
        format!("{at}[{}]", serde_json::Value::from(name))
    }
}

/// A body's `id`, when sent, must be the id in the URL.
fn check_id(sent: Option<&str>, id: &str) -> Result<(), ApiError> {
    match sent {
        Some(sent) if sent == id => Ok(()),
        Some(sent) => Err(ApiError::invalid_member(
            "$.id",
            format!("the id '{sent}' differs from the key set's id '{id}', which cannot change"),
        )),
        None => Err(ApiError::invalid_member("$.id", "the id cannot be null")),
    }
}

/// Keys as stored: without the annotations and explicit nulls they were read with; `null` or
/// no keys is an empty collection.
fn keys_of(keys: Option<Vec<TrustFrameworkKey>>) -> Vec<TrustFrameworkKey> {
    keys.unwrap_or_default()
        .into_iter()
        .map(|key| TrustFrameworkKey {
            extra: Extra::new(),
            ..key
        })
        .collect()
}

fn stored(id: String, keys: Option<Vec<TrustFrameworkKey>>) -> TrustFrameworkKeySet {
    TrustFrameworkKeySet::builder()
        .id(id)
        .keys(keys_of(keys))
        .build()
}

/// A key set as served: every key without its write-only members, and the entity tag of the
/// stored key set as `@odata.etag`.
fn served(set: &TrustFrameworkKeySet) -> TrustFrameworkKeySet {
    let mut served = TrustFrameworkKeySet {
        keys: set
            .keys
            .as_ref()
            .map(|keys| keys.iter().map(keys::public).collect()),
        ..set.clone()
    };
    // A string always serializes.
    let _ = served.extra.insert(ODATA_ETAG, &conditions::etag(set));
    served
}

/// Copies a served key set's `@odata.etag` into the `ETag` header.
fn set_etag(response: &mut Response, set: &TrustFrameworkKeySet) -> Result<(), ApiError> {
    if let Some(Ok(tag)) = set.extra.get_as::<String>(ODATA_ETAG) {
        let value = HeaderValue::from_str(&tag)
            .map_err(|e| ApiError::internal(format!("the ETag header: {e}")))?;
        response.headers_mut().insert(ETAG, value);
    }
    Ok(())
}

/// Adds `preference` to `Preference-Applied`.
fn applied(response: &mut Response, preference: &str) -> Result<(), ApiError> {
    let value = HeaderValue::from_str(preference)
        .map_err(|e| ApiError::internal(format!("the Preference-Applied header: {e}")))?;
    response.headers_mut().append(PREFERENCE_APPLIED, value);
    Ok(())
}
