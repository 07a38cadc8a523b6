//! JSON batch (OData 4.01's JSON batch format, as Microsoft Graph's `POST /$batch` uses it):
//! several requests sent as one, each response read back typed by the request's own
//! [`ResponseKind`]. Above requests and resource paths.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use http::header::{HeaderValue, AUTHORIZATION};
use http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::error::Error;
use super::request::{read_response, Request, ResponseKind};
use super::resource::Service;
use crate::policy::Policy;

/// The most requests one batch may hold (Microsoft Graph's limit).
pub const MAX_BATCH_REQUESTS: usize = 20;

/// Requests to send as JSON batches, in order, with their `dependsOn` relations.
///
/// [`build`](Batch::build) makes one `POST {root}/$batch` per [`MAX_BATCH_REQUESTS`]
/// requests (a dependency may not cross from one of those batches to another: that is refused);
/// [`build_one`](Batch::build_one) refuses more than that many. The clients'
/// `execute_batch` does both steps and [`responses`](Batch::responses).
///
/// ```
/// use odata_core::graph::{GraphService, TrustFrameworkKeySet};
/// use odata_core::request::{Batch, Service};
///
/// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
/// let sets = service.root::<GraphService>().trust_framework().key_sets();
/// let mut batch = Batch::new(&service);
/// let create = batch.add(&sets.create(&TrustFrameworkKeySet::builder().id("B2C_1A_x").build())?)?;
/// let get = batch.add_depending(&sets.by_id("B2C_1A_x").get().build()?, &[create.id()])?;
/// let request = batch.build_one()?;
/// assert_eq!(request.http().uri(), "https://graph.microsoft.com/v1.0/$batch");
/// let body: serde_json::Value = serde_json::from_slice(request.http().body())?;
/// assert_eq!(body["requests"][1]["url"], "/trustFramework/keySets/B2C_1A_x");
/// assert_eq!(body["requests"][1]["dependsOn"][0], "1");
///
/// // The service answers the batch; each response is read with its request's type.
/// let response = http::Response::builder().status(200).body(br#"{"responses":[
///   {"id":"2","status":404,"body":{"error":{"code":"ResourceNotFound","message":"gone"}}},
///   {"id":"1","status":201,"headers":{"content-type":"application/json"},"body":{"id":"B2C_1A_x"}}
/// ]}"#.to_vec())?;
/// let responses = batch.responses(vec![request.parse_response(&response)?])?;
/// assert_eq!(responses.get(&create)?.entity.id.as_deref(), Some("B2C_1A_x"));
/// assert!(responses.get(&get).is_err()); // per-request errors, per request
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Batch {
    service: Service,
    items: Vec<Item>,
}

impl fmt::Debug for Batch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch")
            .field("service", &self.service.base())
            .field("requests", &self.items.len())
            .finish()
    }
}

#[derive(Clone, Serialize)]
struct Item {
    id: String,
    method: String,
    url: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<Box<RawValue>>,
    #[serde(rename = "dependsOn", skip_serializing_if = "Vec::is_empty")]
    depends_on: Vec<String>,
}

/// A request's place in a [`Batch`]: its id, and how its response is read (`K`).
pub struct BatchId<K> {
    id: String,
    _k: PhantomData<fn() -> K>,
}

impl<K> Clone for BatchId<K> {
    fn clone(&self) -> Self {
        BatchId {
            id: self.id.clone(),
            _k: PhantomData,
        }
    }
}

impl<K> fmt::Debug for BatchId<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BatchId({})", self.id)
    }
}

impl<K> BatchId<K> {
    /// The request's `id` in the batch (`"1"`, `"2"`, ... in the order added).
    pub fn id(&self) -> &str {
        &self.id
    }
}

fn batch_error(message: impl Into<String>) -> Error {
    Error::Batch(message.into())
}

impl Batch {
    /// An empty batch for `service`.
    pub fn new(service: &Service) -> Self {
        Batch {
            service: service.clone(),
            items: Vec::new(),
        }
    }

    /// The number of requests.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is no request.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds `request`; an error if it is not below this batch's service root, or if a header
    /// or the body cannot be written in the batch format.
    pub fn add<K>(&mut self, request: &Request<K>) -> Result<BatchId<K>, Error> {
        self.add_depending(request, &[])
    }

    /// Adds `request`, to run only after the requests `depends_on` (ids of requests added
    /// before) have succeeded; a service answers `424 Failed Dependency` otherwise.
    pub fn add_depending<K>(
        &mut self,
        request: &Request<K>,
        depends_on: &[&str],
    ) -> Result<BatchId<K>, Error> {
        let id = (self.items.len() + 1).to_string();
        for dependency in depends_on {
            if !self.items.iter().any(|item| item.id == *dependency) {
                return Err(batch_error(format!(
                    "request {id} depends on `{dependency}`, which is not a request added before it"
                )));
            }
        }
        let http = request.http();
        let uri = http.uri().to_string();
        let base = self.service.base();
        let url = match uri.strip_prefix(base) {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '?']) => rest.to_owned(),
            _ => {
                return Err(batch_error(format!(
                    "request {id} goes to `{uri}`, which is not below the batch's service root `{base}`"
                )))
            }
        };
        let mut headers = BTreeMap::new();
        for (name, value) in http.headers() {
            if name == AUTHORIZATION {
                continue; // the batch's own Authorization header covers every request
            }
            let value = value.to_str().map_err(|_| {
                batch_error(format!(
                    "request {id}: the header `{name}` is not visible ASCII"
                ))
            })?;
            headers.insert(name.as_str().to_owned(), value.to_owned());
        }
        let body = if http.body().is_empty() {
            None
        } else {
            let text = std::str::from_utf8(http.body())
                .map_err(|_| batch_error(format!("request {id}: the body is not UTF-8")))?;
            Some(
                RawValue::from_string(text.to_owned())
                    .map_err(|e| batch_error(format!("request {id}: the body is not JSON: {e}")))?,
            )
        };
        self.items.push(Item {
            id: id.clone(),
            method: http.method().as_str().to_owned(),
            url,
            headers,
            body,
            depends_on: depends_on.iter().map(|d| (*d).to_owned()).collect(),
        });
        Ok(BatchId {
            id,
            _k: PhantomData,
        })
    }

    /// One `POST {root}/$batch` per [`MAX_BATCH_REQUESTS`] requests, in order. Refused when
    /// the batch is empty, or when a request depends on one that falls in an earlier part.
    pub fn build(&self) -> Result<Vec<Request<BatchOf>>, Error> {
        if self.items.is_empty() {
            return Err(batch_error("the batch holds no request"));
        }
        self.items
            .chunks(MAX_BATCH_REQUESTS)
            .enumerate()
            .map(|(part, chunk)| {
                for item in chunk {
                    if let Some(outside) = item
                        .depends_on
                        .iter()
                        .find(|d| !chunk.iter().any(|other| other.id == **d))
                    {
                        return Err(batch_error(format!(
                            "request {} depends on request {outside}, which falls in an earlier batch: a batch holds at most {MAX_BATCH_REQUESTS} requests and a dependency cannot cross batches (part {} of the split)",
                            item.id,
                            part + 1
                        )));
                    }
                }
                self.request(chunk)
            })
            .collect()
    }

    /// The one `POST {root}/$batch`; refused when the batch is empty or holds more than
    /// [`MAX_BATCH_REQUESTS`] requests.
    pub fn build_one(&self) -> Result<Request<BatchOf>, Error> {
        if self.items.len() > MAX_BATCH_REQUESTS {
            return Err(batch_error(format!(
                "a batch holds at most {MAX_BATCH_REQUESTS} requests (Microsoft Graph's limit); this one holds {}: use `build` to split it",
                self.items.len()
            )));
        }
        let mut parts = self.build()?;
        Ok(parts.remove(0))
    }

    fn request(&self, items: &[Item]) -> Result<Request<BatchOf>, Error> {
        #[derive(Serialize)]
        struct Body<'a> {
            requests: &'a [Item],
        }
        let body = serde_json::to_vec(&Body { requests: items })
            .map_err(|e| batch_error(format!("writing the batch: {e}")))?;
        Request::build(
            Method::POST,
            &format!("{}/$batch", self.service.base()),
            Some(body),
            &self.service,
        )
    }

    /// Puts the answers to the parts of [`build`](Batch::build) together, in the order the
    /// requests were added; an error if a request has no response.
    pub fn responses(&self, parts: Vec<BatchParts>) -> Result<BatchResponses, Error> {
        let mut by_id: BTreeMap<String, http::Response<Vec<u8>>> =
            parts.into_iter().flat_map(|part| part.0).collect();
        let responses = self
            .items
            .iter()
            .map(|item| {
                by_id
                    .remove(&item.id)
                    .map(|response| (item.id.clone(), response))
                    .ok_or_else(|| {
                        batch_error(format!(
                            "the service sent no response for request {}",
                            item.id
                        ))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(BatchResponses { responses })
    }
}

impl Batch {
    /// The requests to send again after `responses`, decided like the clients' retries: those
    /// answered `429`, `503` or `504`, and those answered `424` because a request they depend
    /// on is among them; with the wait before sending them (the longest `Retry-After` among
    /// them, in seconds, else the backoff for retry number `retry`, capped). `None` when none
    /// is to be retried or `policy.max_retries` retries are used up. The requests keep their
    /// ids, so [`BatchResponses::update`] puts the new answers in their place.
    ///
    /// ```
    /// use odata_core::graph::GraphService;
    /// use odata_core::policy::Policy;
    /// use odata_core::request::{Batch, Service};
    /// use std::time::Duration;
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let sets = service.root::<GraphService>().trust_framework().key_sets();
    /// let mut batch = Batch::new(&service);
    /// let a = batch.add(&sets.list().build()?)?;
    /// let b = batch.add(&sets.by_id("x").get().build()?)?;
    /// let c = batch.add_depending(&sets.by_id("y").get().build()?, &[b.id()])?;
    /// let answer = http::Response::builder().status(200).body(br#"{"responses":[
    ///   {"id":"1","status":200,"body":{"value":[]}},
    ///   {"id":"2","status":429,"headers":{"Retry-After":"4"}},
    ///   {"id":"3","status":424}]}"#.to_vec())?;
    /// let responses = batch.responses(vec![batch.build_one()?.parse_response(&answer)?])?;
    /// let (again, wait) = batch.throttled(&responses, &Policy::default(), 0).unwrap();
    /// assert_eq!(again.len(), 2); // b, and c which depends on it
    /// assert_eq!(wait, Duration::from_secs(4));
    /// assert!(batch.throttled(&responses, &Policy { max_retries: 0, ..Policy::default() }, 0).is_none());
    /// # let _ = (a, c);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn throttled(
        &self,
        responses: &BatchResponses,
        policy: &Policy,
        retry: u32,
    ) -> Option<(Batch, Duration)> {
        if retry >= policy.max_retries {
            return None;
        }
        let mut again: Vec<Item> = Vec::new();
        let mut retry_after = None;
        for item in &self.items {
            let Some(response) = responses.response(&item.id) else {
                continue;
            };
            let throttled = matches!(
                response.status(),
                StatusCode::TOO_MANY_REQUESTS
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            );
            let held_back = response.status() == StatusCode::FAILED_DEPENDENCY
                && item
                    .depends_on
                    .iter()
                    .any(|d| again.iter().any(|other| other.id == *d));
            if throttled {
                let asked = response
                    .headers()
                    .get(http::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok());
                retry_after = retry_after.max(asked);
            }
            if throttled || held_back {
                let mut item = item.clone();
                // A dependency that succeeded before is not sent again, so it is dropped.
                item.depends_on
                    .retain(|d| again.iter().any(|other| other.id == *d));
                again.push(item);
            }
        }
        if again.is_empty() {
            return None;
        }
        let header = retry_after.map(HeaderValue::from);
        let delay = policy.retry_delay(header.as_ref(), retry);
        Some((
            Batch {
                service: self.service.clone(),
                items: again,
            },
            delay,
        ))
    }
}

/// `200 OK` with a JSON batch response: the responses of one batch request, as sent.
pub struct BatchOf;

/// The responses of one `$batch` request, in the service's order (see [`Batch::responses`]).
#[derive(Debug)]
pub struct BatchParts(Vec<(String, http::Response<Vec<u8>>)>);

#[derive(Deserialize)]
struct ResponsesBody {
    responses: Vec<RawResponse>,
}

#[derive(Deserialize)]
struct RawResponse {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Box<RawValue>>,
}

impl ResponseKind for BatchOf {
    type Output = BatchParts;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<BatchParts, Error> {
        if status != StatusCode::OK {
            return Err(Error::UnexpectedStatus {
                status,
                body: body.to_vec(),
            });
        }
        let read: ResponsesBody = serde_json::from_slice(body).map_err(|e| {
            batch_error(format!(
                "the batch response is not a JSON batch response: {e}"
            ))
        })?;
        read.responses
            .into_iter()
            .map(|raw| {
                let id = raw.id;
                let status = StatusCode::from_u16(raw.status).map_err(|_| {
                    batch_error(format!("response {id}: status {} is not valid", raw.status))
                })?;
                let mut response = http::Response::new(
                    raw.body
                        .map(|b| b.get().as_bytes().to_vec())
                        .unwrap_or_default(),
                );
                *response.status_mut() = status;
                for (name, value) in raw.headers {
                    let name = http::header::HeaderName::from_bytes(name.as_bytes());
                    let value = HeaderValue::from_str(&value);
                    if let (Ok(name), Ok(value)) = (name, value) {
                        response.headers_mut().append(name, value);
                    }
                }
                Ok((id, response))
            })
            .collect::<Result<_, _>>()
            .map(BatchParts)
    }
}

/// The responses of a [`Batch`], in the order its requests were added.
#[derive(Debug)]
pub struct BatchResponses {
    responses: Vec<(String, http::Response<Vec<u8>>)>,
}

impl BatchResponses {
    /// The response to request `id`, read as its request's type: a non-2xx status is that
    /// request's error ([`Error::Service`], [`Error::PreconditionFailed`]), whatever the others
    /// got.
    pub fn get<K: ResponseKind>(&self, id: &BatchId<K>) -> Result<K::Output, Error> {
        let response = self
            .response(id.id())
            .ok_or_else(|| batch_error(format!("no response for request {}", id.id())))?;
        read_response::<K, _>(response)
    }

    /// The raw response to request `id`.
    pub fn response(&self, id: &str) -> Option<&http::Response<Vec<u8>>> {
        self.responses
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, response)| response)
    }

    /// Every response with its request's id, in the order the requests were added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &http::Response<Vec<u8>>)> {
        self.responses.iter().map(|(id, r)| (id.as_str(), r))
    }

    /// The number of responses.
    pub fn len(&self) -> usize {
        self.responses.len()
    }

    /// Replaces the responses that `newer` has (by request id) with its, keeping the order.
    pub fn update(&mut self, newer: BatchResponses) {
        for (id, response) in newer.responses {
            if let Some(slot) = self.responses.iter_mut().find(|(i, _)| *i == id) {
                slot.1 = response;
            }
        }
    }

    /// Whether there is no response.
    pub fn is_empty(&self) -> bool {
        self.responses.is_empty()
    }
}
