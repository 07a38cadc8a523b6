//! A request ready to be executed ([`Request`]) and how its response is read
//! ([`ResponseKind`]). Above the resource paths, errors and the page type; below the query
//! builder and the typed paths, which make requests.

use std::fmt;
use std::marker::PhantomData;

use http::header::{HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE};
use http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{Error, ServiceError};
use super::etag::{add_preference, ETag, Preference, Reply, PREFER};
use super::page::Page;
use super::resource::{ResourcePath, Service};
use crate::edm::{Edm, EdmValue};
use crate::model::EdmType;

const JSON: &str = "application/json";
/// Graph's header for advanced queries (`$count` and `$search` on directory objects).
pub(crate) const CONSISTENCY_LEVEL: HeaderName = HeaderName::from_static("consistencylevel");
const JSON_IEEE754: &str = "application/json;IEEE754Compatible=true";

/// A request ready to be executed, and the knowledge of how to read its response (`K`).
pub struct Request<K> {
    http: http::Request<Vec<u8>>,
    service: Service,
    _k: PhantomData<fn() -> K>,
}

impl<K> fmt::Debug for Request<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", self.http.method())
            .field("uri", self.http.uri())
            .field("body_len", &self.http.body().len())
            .finish()
    }
}

/// The HTTP request of a `Request<K>`, whatever `K` (not generic, so compiled once).
fn http_request(
    method: Method,
    url: &str,
    body: Option<Vec<u8>>,
    service: &Service,
) -> Result<http::Request<Vec<u8>>, Error> {
    // Every part of `url` was validated (the service root) or percent-encoded (keys, query
    // values) or is an OData identifier; what can still fail is the length limit of
    // `http::Uri` (64 KiB).
    let uri = url
        .parse()
        .map_err(|e| Error::InvalidUrl(format!("{e} ({} bytes)", url.len())))?;
    Ok(http_request_to(method, uri, body, service))
}

fn http_request_to(
    method: Method,
    uri: http::Uri,
    body: Option<Vec<u8>>,
    service: &Service,
) -> http::Request<Vec<u8>> {
    let mut request = http::Request::new(Vec::new());
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    let json = if service.is_ieee754_compatible() {
        JSON_IEEE754
    } else {
        JSON
    };
    headers.insert(ACCEPT, HeaderValue::from_static(json));
    if let Some(body) = body {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(json));
        *request.body_mut() = body;
    }
    request
}

impl<K> Request<K> {
    pub(super) fn build(
        method: Method,
        url: &str,
        body: Option<Vec<u8>>,
        service: &Service,
    ) -> Result<Self, Error> {
        Ok(Request {
            http: http_request(method, url, body, service)?,
            service: service.clone(),
            _k: PhantomData,
        })
    }

    fn build_uri(method: Method, uri: http::Uri, body: Option<Vec<u8>>, service: &Service) -> Self {
        Request {
            http: http_request_to(method, uri, body, service),
            service: service.clone(),
            _k: PhantomData,
        }
    }

    pub(crate) fn with_body<B: Serialize + ?Sized>(
        method: Method,
        path: &ResourcePath,
        body: &B,
    ) -> Result<Self, Error> {
        let options = crate::json::WriteOptions::new()
            .ieee754_compatible(path.service().is_ieee754_compatible());
        let body = crate::json::to_vec_with(body, options).map_err(Error::Serialize)?;
        Self::build(method, &path.url(), Some(body), path.service())
    }

    pub(crate) fn without_body(method: Method, path: &ResourcePath) -> Result<Self, Error> {
        Self::build(method, &path.url(), None, path.service())
    }

    pub(crate) fn get(path: &ResourcePath, query: &str) -> Result<Self, Error> {
        let mut url = path.url();
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        Self::build(Method::GET, &url, None, path.service())
    }

    /// The HTTP request.
    pub fn http(&self) -> &http::Request<Vec<u8>> {
        &self.http
    }

    /// The HTTP request, to add headers (authorization) before executing it.
    pub fn http_mut(&mut self) -> &mut http::Request<Vec<u8>> {
        &mut self.http
    }

    /// The HTTP request, to hand to a client.
    pub fn into_http(self) -> http::Request<Vec<u8>> {
        self.http
    }

    /// The service the request goes to.
    pub fn service(&self) -> &Service {
        &self.service
    }
}

impl<K: ResponseKind> Request<K> {
    /// Reads the response to this request: a non-2xx status is an [`Error::Service`] with the
    /// service's OData error; a 2xx status other than the operation's, or a body that does not
    /// parse as the expected type, is an error too.
    pub fn parse_response<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
    ) -> Result<K::Output, Error> {
        read_response::<K, B>(response)
    }

    /// Reads the response like [`parse_response`](Request::parse_response), with what its
    /// headers say: the `ETag`, the preferences applied and the `Location`.
    pub fn parse_reply<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
    ) -> Result<Reply<K::Output>, Error> {
        let value = self.parse_response(response)?;
        Ok(Reply::new(value, response.headers()))
    }
}

impl<K> Request<K> {
    fn with_if_match(mut self, etag: &ETag) -> Self {
        self.http
            .headers_mut()
            .insert(http::header::IF_MATCH, etag.header_value());
        self
    }

    fn with_preference(mut self, preference: Preference) -> Self {
        add_preference(self.http.headers_mut(), preference);
        self
    }

    fn into_kind<L>(self) -> Request<L> {
        Request {
            http: self.http,
            service: self.service,
            _k: PhantomData,
        }
    }
}

/// Reads a response as `K` (see [`Request::parse_response`]).
pub(super) fn read_response<K: ResponseKind, B: AsRef<[u8]>>(
    response: &http::Response<B>,
) -> Result<K::Output, Error> {
    let status = response.status();
    let body = response.body().as_ref();
    if status == StatusCode::PRECONDITION_FAILED {
        return Err(Error::PreconditionFailed(Box::new(
            ServiceError::from_response(response),
        )));
    }
    if !status.is_success() {
        return Err(K::__error(ServiceError::from_response(response)));
    }
    K::__parse(status, body)
}

/// How a response is read: implemented by [`One`], [`Created`], [`Updated`], [`NoContent`] and
/// [`PageOf`].
pub trait ResponseKind {
    /// What a successful response yields.
    type Output;
    #[doc(hidden)]
    fn __parse(status: StatusCode, body: &[u8]) -> Result<Self::Output, Error>;
    /// The error of a non-2xx answer other than `412` (a kind may read some statuses as
    /// errors of its own, as delta requests read `410`).
    #[doc(hidden)]
    fn __error(error: ServiceError) -> Error {
        Error::Service(Box::new(error))
    }
}

fn unexpected<T>(status: StatusCode, body: &[u8]) -> Result<T, Error> {
    Err(Error::UnexpectedStatus {
        status,
        body: body.to_vec(),
    })
}

fn parse_body<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, Error> {
    crate::json::from_slice(body).map_err(|error| Error::Body {
        status,
        error,
        body: body.to_vec(),
    })
}

/// `200 OK` with a `T` (get, bound actions and functions).
pub struct One<T>(PhantomData<T>);

impl<T: DeserializeOwned> ResponseKind for One<T> {
    type Output = T;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<T, Error> {
        match status {
            StatusCode::OK => parse_body(status, body),
            _ => unexpected(status, body),
        }
    }
}

/// `200 OK` with the result of a bound operation, as the caller wants it: a structured value
/// (entity or complex) as the body itself; a primitive, enumeration or collection value
/// unwrapped from OData's `{"@odata.context": ..., "value": ...}`. Values are read in their
/// OData form ([`EdmValue`]). A collection result is better declared as `Vec<T>`, which the
/// derive answers with [`ValuesOf`] (pages with their `@odata.nextLink`); here a collection
/// that has a next page is an error ([`Error::MorePages`]), never a silently short list.
pub struct Returned<T>(PhantomData<T>);

/// The body of a non-structured operation result.
#[derive(serde::Deserialize)]
#[serde(bound = "T: EdmValue")]
struct ValueBody<T> {
    value: Edm<T>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<String>,
}

impl<T: EdmValue> ResponseKind for Returned<T> {
    type Output = T;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<T, Error> {
        if status != StatusCode::OK {
            return unexpected(status, body);
        }
        if matches!(T::EDM, EdmType::Structured(_)) {
            return parse_body::<Edm<T>>(status, body).map(|value| value.0);
        }
        let wrapped: ValueBody<T> = parse_body(status, body)?;
        match wrapped.next_link {
            Some(next_link) => Err(Error::MorePages { next_link }),
            None => Ok(wrapped.value.0),
        }
    }
}

/// `200 OK` with a page of an operation's collection result (`returns = Vec<T>`): the items
/// (structured, primitive or enumeration values, read in their OData form) and the page's
/// `@odata.nextLink`, which [`Request::next_page`](Request#method.next_page-1) follows.
pub struct ValuesOf<T>(PhantomData<T>);

impl<T: EdmValue> ResponseKind for ValuesOf<T> {
    type Output = Page<T>;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<Page<T>, Error> {
        if status != StatusCode::OK {
            return unexpected(status, body);
        }
        let page: Page<Edm<T>> = parse_body(status, body)?;
        Ok(Page {
            context: page.context,
            count: page.count,
            value: page.value.into_iter().map(|item| item.0).collect(),
            next_link: page.next_link,
            extra: page.extra,
        })
    }
}

impl<T> Request<ValuesOf<T>> {
    /// The request for the page after `page`, from its `@odata.nextLink`; `None` on the last
    /// page (see [`Request::next_page`](Request#method.next_page) on lists).
    pub fn next_page(&self, page: &Page<T>) -> Option<Result<Request<ValuesOf<T>>, Error>> {
        let link = page.next_link.as_deref()?;
        Some(self.follow(link))
    }
}

/// `201 Created` with the new `T` (a `200 OK` with the entity is accepted too).
pub struct Created<T>(PhantomData<T>);

impl<T: DeserializeOwned> ResponseKind for Created<T> {
    type Output = T;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<T, Error> {
        match status {
            StatusCode::CREATED | StatusCode::OK => parse_body(status, body),
            _ => unexpected(status, body),
        }
    }
}

impl<T: DeserializeOwned> Request<Created<T>> {
    /// Reads the response like [`parse_response`](Request::parse_response), and also returns
    /// the `Location` header (the new entity's URL), when the service sends one.
    pub fn parse_created<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
    ) -> Result<(T, Option<String>), Error> {
        let value = self.parse_response(response)?;
        let location = response
            .headers()
            .get(http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok((value, location))
    }
}

/// `201 Created` or `200 OK` with the new `T` (`Some`), or `204 No Content` (`None`): a create
/// sent with `Prefer: return=minimal` ([`Request::prefer_minimal`]).
pub struct MaybeCreated<T>(PhantomData<T>);

impl<T: DeserializeOwned> ResponseKind for MaybeCreated<T> {
    type Output = Option<T>;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<Option<T>, Error> {
        match status {
            StatusCode::CREATED | StatusCode::OK => parse_body(status, body).map(Some),
            StatusCode::NO_CONTENT => Ok(None),
            _ => unexpected(status, body),
        }
    }
}

impl<T> Request<Created<T>> {
    /// Sends `Prefer: return=minimal`: the service may answer `204 No Content` (with the new
    /// entity's `Location`) instead of the entity, so the response is read as an `Option`.
    ///
    /// ```
    /// use odata_core::graph::{GraphService, TrustFrameworkKeySet};
    /// use odata_core::request::Service;
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let sets = service.root::<GraphService>().trust_framework().key_sets();
    /// let create = sets.create(&TrustFrameworkKeySet::builder().id("B2C_1A_x").build())?.prefer_minimal();
    /// assert_eq!(create.http().headers()["prefer"], "return=minimal");
    /// let response = http::Response::builder()
    ///     .status(204)
    ///     .header("Location", "https://graph.microsoft.com/v1.0/trustFramework/keySets('B2C_1A_x')")
    ///     .header("Preference-Applied", "return=minimal")
    ///     .body(Vec::new())
    ///     .unwrap();
    /// let reply = create.parse_reply(&response)?;
    /// assert!(reply.value.is_none());
    /// assert!(reply.location.unwrap().ends_with("('B2C_1A_x')"));
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn prefer_minimal(self) -> Request<MaybeCreated<T>> {
        self.with_preference(Preference::ReturnMinimal).into_kind()
    }

    /// Sends `Prefer: return=representation`: the entity as created, in the body.
    pub fn prefer_representation(self) -> Self {
        self.with_preference(Preference::ReturnRepresentation)
    }
}

/// `200 OK` with the updated `T` (`Some`), or `204 No Content` (`None`).
pub struct Updated<T>(PhantomData<T>);

impl<T: DeserializeOwned> ResponseKind for Updated<T> {
    type Output = Option<T>;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<Option<T>, Error> {
        match status {
            StatusCode::OK => parse_body(status, body).map(Some),
            StatusCode::NO_CONTENT => Ok(None),
            _ => unexpected(status, body),
        }
    }
}

impl<T> Request<Updated<T>> {
    /// Sends `If-Match`: the update applies only if the entity is still at version `etag`
    /// (read from a fetched value with [`ETag::from_extra`], from a response's `ETag` header,
    /// or [`ETag::any`]); otherwise the service answers `412` and the response reads as
    /// [`Error::PreconditionFailed`].
    ///
    /// ```
    /// use odata_core::graph::{GraphService, TrustFrameworkKeySet};
    /// use odata_core::request::{ETag, Error, Patch, Service};
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let fetched: TrustFrameworkKeySet =
    ///     odata_core::json::from_str(r#"{"@odata.etag":"W/\"1\"","id":"B2C_1A_x","keys":[]}"#)?;
    /// let etag = ETag::from_extra(&fetched.extra).unwrap()?;
    /// let update = service.root::<GraphService>().trust_framework().key_sets().by_id("B2C_1A_x")
    ///     .update(&Patch::from_value(&TrustFrameworkKeySet::builder().build())?)?
    ///     .if_match(&etag)
    ///     .prefer_minimal();
    /// assert_eq!(update.http().headers()["if-match"], "W/\"1\"");
    /// assert_eq!(update.http().headers()["prefer"], "return=minimal");
    ///
    /// let changed = http::Response::builder().status(412)
    ///     .body(br#"{"error":{"code":"PreconditionFailed","message":"changed"}}"#.to_vec())
    ///     .unwrap();
    /// assert!(matches!(update.parse_response(&changed), Err(Error::PreconditionFailed(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn if_match(self, etag: &ETag) -> Self {
        self.with_if_match(etag)
    }

    /// Sends `Prefer: return=minimal`: the service may answer `204 No Content` (`None`).
    pub fn prefer_minimal(self) -> Self {
        self.with_preference(Preference::ReturnMinimal)
    }

    /// Sends `Prefer: return=representation`: the updated entity, in the body.
    pub fn prefer_representation(self) -> Self {
        self.with_preference(Preference::ReturnRepresentation)
    }
}

/// `200 OK` with the bytes of a media stream (`$value` of a media entity, or a stream
/// property), whatever their media type.
pub struct MediaBytes;

impl ResponseKind for MediaBytes {
    type Output = Vec<u8>;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<Vec<u8>, Error> {
        match status {
            StatusCode::OK => Ok(body.to_vec()),
            _ => unexpected(status, body),
        }
    }
}

impl<K> Request<K> {
    /// A request for a stream's bytes: `Accept: */*`, and the body as given, of `content_type`.
    pub(crate) fn media(
        method: Method,
        path: &ResourcePath,
        body: Option<(Vec<u8>, &str)>,
    ) -> Result<Self, Error> {
        let content_type =
            match &body {
                Some((_, content_type)) => Some(HeaderValue::from_str(content_type).map_err(
                    |_| Error::InvalidHeader {
                        name: "Content-Type",
                        value: (*content_type).to_owned(),
                    },
                )?),
                None => None,
            };
        let mut request = Self::build(
            method,
            &path.url(),
            body.map(|(bytes, _)| bytes),
            path.service(),
        )?;
        let headers = request.http.headers_mut();
        headers.insert(ACCEPT, HeaderValue::from_static("*/*"));
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, content_type);
        }
        Ok(request)
    }
}

/// `204 No Content` (a `200 OK` with an empty body is accepted too).
pub struct NoContent;

impl ResponseKind for NoContent {
    type Output = ();
    fn __parse(status: StatusCode, body: &[u8]) -> Result<(), Error> {
        match status {
            StatusCode::NO_CONTENT => Ok(()),
            StatusCode::OK if body.iter().all(u8::is_ascii_whitespace) => Ok(()),
            _ => unexpected(status, body),
        }
    }
}

impl Request<NoContent> {
    /// Sends `If-Match`: the delete applies only if the entity is still at version `etag`
    /// (see [`Request::if_match`](Request#method.if_match) on updates).
    pub fn if_match(self, etag: &ETag) -> Self {
        self.with_if_match(etag)
    }
}

/// `200 OK` with a collection page of `T`.
pub struct PageOf<T>(PhantomData<T>);

impl<T: DeserializeOwned> ResponseKind for PageOf<T> {
    type Output = Page<T>;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<Page<T>, Error> {
        match status {
            StatusCode::OK => parse_body(status, body),
            _ => unexpected(status, body),
        }
    }
}

impl<T> Request<PageOf<T>> {
    /// Sends `Prefer: odata.maxpagesize=n`: at most `n` items per page. The next-page
    /// requests made by [`next_page`](Request::next_page) send it too.
    ///
    /// ```
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::Service;
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let list = service.root::<GraphService>().trust_framework().key_sets().list().build()?.max_page_size(20);
    /// assert_eq!(list.http().headers()["prefer"], "odata.maxpagesize=20");
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn max_page_size(self, n: u32) -> Self {
        self.with_max_page_size(n)
    }

    /// The request for the page after `page`, from its `@odata.nextLink`; `None` on the last
    /// page. A next link on another host than the service's is refused unless the service
    /// allows it.
    pub fn next_page(&self, page: &Page<T>) -> Option<Result<Request<PageOf<T>>, Error>> {
        let link = page.next_link.as_deref()?;
        Some(self.follow(link))
    }
}

impl<K> Request<K> {
    /// A `GET` of `link` (a next or delta link from this request's response) on this
    /// request's service, with its `Prefer` and `ConsistencyLevel` headers: the link must
    /// stay on the service's origin unless the service allows foreign links.
    pub(super) fn follow<L>(&self, link: &str) -> Result<Request<L>, Error> {
        let mut next = Request::link(&self.service, link)?;
        for name in [PREFER, CONSISTENCY_LEVEL] {
            if let Some(value) = self.http.headers().get(&name) {
                next.http.headers_mut().insert(name, value.clone());
            }
        }
        Ok(next)
    }

    /// A `GET` of `link` (an absolute URL on `service`'s origin, or rooted at it).
    pub(super) fn link(service: &Service, link: &str) -> Result<Self, Error> {
        let url = service.resolve_link(link)?;
        let uri: http::Uri = url
            .parse()
            .map_err(|e| Error::InvalidUrl(format!("link `{link}`: {e}")))?;
        Ok(Request::build_uri(Method::GET, uri, None, service))
    }

    /// Sends `Prefer: odata.maxpagesize=n` (shared by the page kinds).
    pub(super) fn with_max_page_size(self, n: u32) -> Self {
        self.with_preference(Preference::MaxPageSize(n))
    }
}
