//! Shared by the integration tests: odata-core's own HTTP client (feature `client`) executing
//! odata-core's sans-IO requests over loopback HTTP, and checks of Graph's error format.
#![allow(dead_code)]

pub mod mixed;

use std::time::Duration;

use odata_core::graph::{GraphService, TrustFrameworkKeySet};
use odata_core::request::{
    CollectionPath, EntityPath, ODataError, Request, ResponseKind, Service, ServiceError,
};
use odata_service::RunningService;

/// What the helpers accept: a builder's `Result<Request<K>, Error>` (unwrapped, the test fails
/// if the request cannot be built), or a `Request<K>` already taken out and edited.
pub trait IntoRequest<K> {
    fn into_request(self) -> Request<K>;
}

impl<K> IntoRequest<K> for Request<K> {
    fn into_request(self) -> Request<K> {
        self
    }
}

impl<K> IntoRequest<K> for Result<Request<K>, odata_core::request::Error> {
    fn into_request(self) -> Request<K> {
        self.unwrap_or_else(|e| panic!("building the request: {e}"))
    }
}

/// The request, from whichever form the builder returned.
pub fn req<K>(request: impl IntoRequest<K>) -> Request<K> {
    request.into_request()
}

/// Both URL conventions: Graph's `/keySets/{id}` and OData's `/keySets('{id}')`.
pub const SYNTAXES: [&str; 2] = ["graph", "odata"];

/// A ureq agent that hands back every status (no error on 4xx/5xx) and never uses a proxy.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .new_agent()
}

/// odata-core's client: no retries (the tests want every status as sent), no proxy.
pub fn http_client() -> odata_core::client::Client {
    odata_core::client::Client::builder()
        .max_retries(0)
        .env_proxy(false)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("no token, so it builds")
}

/// Executes one HTTP request through odata-core's client and reads the whole reply.
pub fn execute(
    client: &odata_core::client::Client,
    request: http::Request<Vec<u8>>,
) -> http::Response<Vec<u8>> {
    let what = format!("{} {}", request.method(), request.uri());
    client
        .send(request)
        .unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// A client of one running service, in one URL convention.
pub struct Client {
    /// odata-core's client, which every request goes through.
    pub http: odata_core::client::Client,
    /// A raw ureq agent, for the few requests odata-core's client would not send (a chunked
    /// body).
    pub agent: ureq::Agent,
    pub service: Service,
}

impl Client {
    /// `syntax` is `"graph"` or `"odata"`.
    pub fn new(running: &RunningService, syntax: &str) -> Self {
        let service = match syntax {
            "graph" => Service::graph(running.base_url()),
            "odata" => Service::odata(running.base_url()),
            other => panic!("unknown syntax {other}"),
        }
        .expect("the base URL is valid");
        Client {
            http: http_client(),
            agent: agent(),
            service,
        }
    }

    pub fn key_sets(&self) -> CollectionPath<TrustFrameworkKeySet> {
        self.service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
    }

    pub fn key_set(&self, id: &str) -> EntityPath<TrustFrameworkKeySet> {
        self.key_sets().by_id(id)
    }

    /// Sends `request` and parses the reply with the request's own `parse_response`.
    pub fn send<K: ResponseKind>(
        &self,
        request: impl IntoRequest<K>,
    ) -> (
        http::Response<Vec<u8>>,
        Result<K::Output, odata_core::request::Error>,
    ) {
        let request = request.into_request();
        let response = execute(&self.http, request.http().clone());
        let parsed = request.parse_response(&response);
        (response, parsed)
    }

    /// Sends `request`, which must succeed.
    pub fn ok<K: ResponseKind>(&self, request: impl IntoRequest<K>) -> K::Output {
        let request = request.into_request();
        let what = format!("{} {}", request.http().method(), request.http().uri());
        let (response, parsed) = self.send(request);
        parsed
            .unwrap_or_else(|e| panic!("{what}: {e}\n{}", String::from_utf8_lossy(response.body())))
    }

    /// Sends `request`, which must fail with `status` and Graph error `code`; returns the error.
    pub fn fails<K: ResponseKind>(
        &self,
        request: impl IntoRequest<K>,
        status: u16,
        code: &str,
    ) -> ServiceError
    where
        K::Output: std::fmt::Debug,
    {
        let request = request.into_request();
        let what = format!("{} {}", request.http().method(), request.http().uri());
        let (response, parsed) = self.send(request);
        let error = match parsed {
            Err(odata_core::request::Error::Service(error)) => *error,
            other => panic!("{what}: expected a {status} error, got {other:?}"),
        };
        assert_graph_error(&response, status, code);
        error
    }

    /// Sends a raw request (built by hand or edited).
    pub fn raw(&self, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        execute(&self.http, request)
    }
}

/// The reply has `status`, a `request-id` header, and Graph's error body with `code`, whose
/// `innerError.request-id` is that header. Returns the error object.
pub fn assert_graph_error(
    response: &http::Response<Vec<u8>>,
    status: u16,
    code: &str,
) -> ODataError {
    let body = String::from_utf8_lossy(response.body());
    assert_eq!(response.status(), status, "{body}");
    let error = ServiceError::from_response(response);
    let odata = error
        .error
        .unwrap_or_else(|| panic!("not a Graph error body: {body}"));
    assert_eq!(odata.code, code, "{body}");
    assert!(!odata.message.is_empty());
    let inner = odata.inner_error.as_ref().expect("innerError");
    let request_id = error.request_id.expect("a request-id header");
    assert_eq!(inner.request_id.as_deref(), Some(request_id.as_str()));
    assert_eq!(request_id.len(), 36, "a GUID: {request_id}");
    assert!(inner.date.as_deref().is_some_and(|d| d.ends_with('Z')));
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    odata
}

/// The request with its body replaced (the content type is kept).
pub fn with_body<K>(request: impl IntoRequest<K>, body: &[u8]) -> http::Request<Vec<u8>> {
    let mut request = request.into_request();
    *request.http_mut().body_mut() = body.to_vec();
    request.into_http()
}

/// A request to a URL below the service root, by hand.
pub fn request(method: &str, url: &str, body: Option<&[u8]>) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(method).uri(url);
    if body.is_some() {
        builder = builder.header("content-type", "application/json");
    }
    builder
        .body(body.unwrap_or_default().to_vec())
        .expect("a valid request")
}

/// A key set's ids and key ids, to compare values read back with values sent.
pub fn kids(set: &TrustFrameworkKeySet) -> Vec<String> {
    set.keys
        .iter()
        .flatten()
        .map(|k| k.kid.clone().unwrap_or_default())
        .collect()
}
