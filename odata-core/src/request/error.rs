//! Errors of requests and responses, and the OData error body services send.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use http::StatusCode;
use serde::{Deserialize, Serialize};

/// What went wrong with a request or its response.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a non-2xx status.
    Service(Box<ServiceError>),
    /// The service answered `412 Precondition Failed`: the entity changed since the entity
    /// tag sent in `If-Match` was read (or is gone, for `If-Match: *`).
    PreconditionFailed(Box<ServiceError>),
    /// The service answered `410 Gone` to a delta request: the delta link (its change
    /// position) expired or is unknown to the service (Graph's `syncStateNotFound`). Start a
    /// full round again from the collection's `delta()`.
    DeltaLinkExpired(Box<ServiceError>),
    /// The service answered 2xx, but not with a status this operation returns.
    UnexpectedStatus {
        /// The status.
        status: StatusCode,
        /// The raw body.
        body: Vec<u8>,
    },
    /// The service answered 2xx with a body that does not parse as the expected type.
    Body {
        /// The status.
        status: StatusCode,
        /// Where and why the body does not fit (with the member's JSON path).
        error: crate::json::Error,
        /// The raw body.
        body: Vec<u8>,
    },
    /// A request body could not be written.
    Serialize(crate::json::Error),
    /// A JSON batch cannot be made or its response read: the message says why (too many
    /// requests for one batch, a dependency on an unknown request or across batches, a
    /// response missing or malformed).
    Batch(String),
    /// A URL (service root, next link) is not usable.
    InvalidUrl(String),
    /// A header value the caller gave (a stream's content type) cannot be sent as one.
    InvalidHeader {
        /// The header's name.
        name: &'static str,
        /// The value given.
        value: String,
    },
    /// A query option cannot be written: the message says why (an `in` list without values, a
    /// value without a URL literal).
    InvalidQuery(String),
    /// An `@odata.nextLink` points at another host than the service; following it would send
    /// the caller's credentials there. See `Service::allow_foreign_next_links`.
    ForeignNextLink {
        /// The link.
        link: String,
        /// The service's origin.
        service: String,
    },
    /// An operation answered with a collection that has more pages (`@odata.nextLink`), but
    /// its result type is not declared as `Vec<T>` (which reads pages) and holds one page
    /// only: the items are not returned short.
    MorePages {
        /// The next page's link.
        next_link: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Service(e) => e.fmt(f),
            Error::PreconditionFailed(e) => write!(
                f,
                "precondition failed, the entity changed since its ETag was read: {e}"
            ),
            Error::DeltaLinkExpired(e) => write!(
                f,
                "the delta link expired, start a full delta round again: {e}"
            ),
            Error::UnexpectedStatus { status, body } => write!(
                f,
                "unexpected status {status} for this operation ({} byte body)",
                body.len()
            ),
            Error::Body { status, error, .. } => {
                write!(
                    f,
                    "the {status} response body does not fit the model: {error}"
                )
            }
            Error::Serialize(e) => write!(f, "writing the request body: {e}"),
            Error::InvalidUrl(why) => write!(f, "invalid URL: {why}"),
            Error::InvalidHeader { name, value } => {
                write!(f, "{value:?} is not a valid {name} header value")
            }
            Error::InvalidQuery(why) => write!(f, "invalid query option: {why}"),
            Error::Batch(why) => write!(f, "batch: {why}"),
            Error::ForeignNextLink { link, service } => write!(
                f,
                "refusing to follow next link `{link}`: it leaves the service at {service}"
            ),
            Error::MorePages { next_link } => write!(
                f,
                "the operation's collection result has more pages (next link `{next_link}`), but its result type holds one page: declare it `Vec<T>` to read pages"
            ),
        }
    }
}

impl Error {
    /// The service's error response, for [`Error::Service`], [`Error::PreconditionFailed`]
    /// and [`Error::DeltaLinkExpired`].
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) | Error::PreconditionFailed(e) | Error::DeltaLinkExpired(e) => {
                Some(e)
            }
            _ => None,
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Body { error, .. } | Error::Serialize(error) => Some(error),
            Error::PreconditionFailed(e) | Error::DeltaLinkExpired(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

/// A non-2xx response: the status, the OData error if the body holds one, the headers that
/// matter, and the raw body.
#[derive(Clone, Debug)]
pub struct ServiceError {
    /// The status.
    pub status: StatusCode,
    /// The `error` object of the body, when the body is an OData error.
    pub error: Option<ODataError>,
    /// The `Retry-After` header, as sent.
    pub retry_after: Option<String>,
    /// The `request-id` header.
    pub request_id: Option<String>,
    /// The `client-request-id` header.
    pub client_request_id: Option<String>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl ServiceError {
    /// Reads a non-2xx response.
    ///
    /// ```
    /// use odata_core::request::ServiceError;
    ///
    /// let response = http::Response::builder()
    ///     .status(429)
    ///     .header("Retry-After", "7")
    ///     .body(br#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#.to_vec())
    ///     .unwrap();
    /// let err = ServiceError::from_response(&response);
    /// assert_eq!(err.error.as_ref().unwrap().code, "TooManyRequests");
    /// assert_eq!(err.retry_after_delay(), Some(std::time::Duration::from_secs(7)));
    /// assert_eq!(err.to_string(), "429 Too Many Requests: TooManyRequests: Slow down");
    /// ```
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let body = response.body().as_ref().to_vec();
        let error = serde_json::from_slice::<ErrorBody>(&body)
            .ok()
            .map(|b| b.error);
        ServiceError {
            status: response.status(),
            error,
            retry_after: header("retry-after"),
            request_id: header("request-id"),
            client_request_id: header("client-request-id"),
            content_type: header("content-type"),
            body,
        }
    }

    /// `Retry-After` as a delay, when it is given in seconds.
    pub fn retry_after_delay(&self) -> Option<Duration> {
        self.retry_after
            .as_deref()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs)
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        match &self.error {
            Some(e) => write!(f, ": {}: {}", e.code, e.message),
            None if self.body.is_empty() => write!(f, " (empty body)"),
            None => write!(
                f,
                " (body is not an OData error: {} bytes of {})",
                self.body.len(),
                self.content_type.as_deref().unwrap_or("unknown type")
            ),
        }
    }
}

impl std::error::Error for ServiceError {}

#[derive(Deserialize)]
struct ErrorBody {
    error: ODataError,
}

/// The `error` object of an OData (and Microsoft Graph) error response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ODataError {
    /// A service-defined error code.
    pub code: String,
    /// A human-readable message.
    pub message: String,
    /// The target of the error (a property, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// More errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ODataErrorDetail>,
    /// Service-specific detail: Graph's `innerError` (OData's `innererror`).
    #[serde(
        default,
        rename = "innerError",
        alias = "innererror",
        deserialize_with = "lenient_inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<InnerError>,
}

/// An `innerError` that is not an object does not cost the error its code and message (the
/// raw body stays in [`ServiceError::body`]).
fn lenient_inner<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<InnerError>, D::Error> {
    // Captured as raw text first: any well-formed JSON is accepted here (even what
    // `serde_json::Value` cannot hold: nesting past 128, `1e400`, lone surrogates).
    let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
    Ok(serde_json::from_str(raw.get()).ok())
}

/// One entry of an error's `details`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ODataErrorDetail {
    /// The code.
    pub code: String,
    /// The message.
    pub message: String,
    /// The target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// Graph's `innerError`: request ids, date, and possibly a nested `innerError`.
///
/// Its content is service-specific, so it is read leniently: `code`, `request-id`,
/// `client-request-id` and `date` are taken when they are strings, and every other member
/// (or one of those with another JSON type) is kept in `other`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct InnerError {
    /// A more specific code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// `request-id`.
    #[serde(rename = "request-id", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// `client-request-id`.
    #[serde(rename = "client-request-id", skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    /// `date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A nested inner error (`innerError`, or OData's `innererror`).
    #[serde(rename = "innerError", skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<Box<InnerError>>,
    /// Any other member, kept.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for InnerError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut other = BTreeMap::<String, serde_json::Value>::deserialize(deserializer)?;
        let mut string = |name: &str| match other.remove(name) {
            Some(serde_json::Value::String(s)) => Some(s),
            Some(value) => {
                other.insert(name.to_owned(), value);
                None
            }
            None => None,
        };
        let code = string("code");
        let request_id = string("request-id");
        let client_request_id = string("client-request-id");
        let date = string("date");
        let nested =
            ["innerError", "innererror"]
                .into_iter()
                .find_map(|name| match other.remove(name) {
                    Some(value @ serde_json::Value::Object(_)) => {
                        match serde_json::from_value::<InnerError>(value.clone()) {
                            Ok(inner) => Some(Box::new(inner)),
                            Err(_) => {
                                other.insert(name.to_owned(), value);
                                None
                            }
                        }
                    }
                    Some(value) => {
                        other.insert(name.to_owned(), value);
                        None
                    }
                    None => None,
                });
        Ok(InnerError {
            code,
            request_id,
            client_request_id,
            date,
            inner_error: nested,
            other,
        })
    }
}
