//! Errors in Microsoft Graph's format, and the per-request ids every response carries.
//!
//! ```json
//! {"error":{"code":"ResourceNotFound","message":"...","innerError":{
//!   "request-id":"...","client-request-id":"...","date":"2024-05-01T12:00:00Z"}}}
//! ```

use std::time::SystemTime;

use axum::http::header::{HeaderName, HeaderValue, ALLOW, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use odata_core::request::{InnerError, ODataError};
use serde::Serialize;

/// The `request-id` response header (and `innerError` member).
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("request-id");
/// The `client-request-id` request and response header.
pub(crate) const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");
/// The content type of every JSON response.
pub(crate) const JSON: &str =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// The ids of one request: the service's own and the one the client sent, if any.
pub(crate) struct RequestIds {
    request_id: HeaderValue,
    client_request_id: Option<HeaderValue>,
}

impl RequestIds {
    /// A fresh request id, and the client's `client-request-id`.
    pub(crate) fn new(headers: &HeaderMap) -> Self {
        let id = crate::keys::guid();
        RequestIds {
            request_id: HeaderValue::from_str(&id).expect("a UUID is a valid header value"),
            client_request_id: headers.get(CLIENT_REQUEST_ID).cloned(),
        }
    }

    /// Adds `request-id` and, when the client sent one, `client-request-id` to a response.
    pub(crate) fn stamp(&self, headers: &mut HeaderMap) {
        headers.insert(REQUEST_ID, self.request_id.clone());
        if let Some(client) = &self.client_request_id {
            headers.insert(CLIENT_REQUEST_ID, client.clone());
        }
    }

    fn inner_error(&self) -> InnerError {
        InnerError {
            request_id: self.request_id.to_str().ok().map(str::to_owned),
            client_request_id: self
                .client_request_id
                .as_ref()
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            date: Some(humantime::format_rfc3339_seconds(SystemTime::now()).to_string()),
            ..InnerError::default()
        }
    }
}

/// A failed request: the status, Graph's error code and message, and the headers the status
/// calls for (`Allow` on 405, `WWW-Authenticate` on 401). Boxed: it travels in every `Result`.
#[derive(Debug)]
pub(crate) struct ApiError(Box<Failure>);

#[derive(Debug)]
struct Failure {
    status: StatusCode,
    code: &'static str,
    message: String,
    target: Option<String>,
    header: Option<(HeaderName, HeaderValue)>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError(Box::new(Failure {
            status,
            code,
            message: message.into(),
            target: None,
            header: None,
        }))
    }

    /// The status.
    #[cfg(test)]
    pub(crate) fn status(&self) -> StatusCode {
        self.0.status
    }

    /// Names the member (a JSON path such as `$.keys[0].exp`) the error is about.
    pub(crate) fn with_target(mut self, target: impl Into<String>) -> Self {
        self.0.target = Some(target.into());
        self
    }

    /// 400: the request is malformed.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    /// 400: a member of the body is invalid; the message and target name its JSON path.
    pub(crate) fn invalid_member(path: &str, message: impl std::fmt::Display) -> Self {
        Self::bad_request(format!("Invalid request body at {path}: {message}")).with_target(path)
    }

    /// 400: the body does not parse as the expected type.
    pub(crate) fn body(error: &odata_core::json::Error) -> Self {
        Self::invalid_member(error.path(), error.message())
    }

    /// 401: no or a wrong bearer token.
    pub(crate) fn unauthorized(message: &str) -> Self {
        let mut error = Self::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            message,
        );
        error.0.header = Some((WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        error
    }

    /// 404: no resource at this path.
    pub(crate) fn no_route(path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!("No resource is found at the path '{path}'."),
        )
    }

    /// 404: no key set with this id.
    pub(crate) fn no_key_set(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!("The key set '{id}' does not exist."),
        )
    }

    /// 404: the key set has no key valid now.
    pub(crate) fn no_active_key(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!("The key set '{id}' has no key that is valid now (nbf <= now < exp)."),
        )
    }

    /// 405: the resource does not answer this method.
    pub(crate) fn method_not_allowed(method: &Method, allow: &'static str) -> Self {
        let mut error = Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            format!("The method {method} is not allowed on this resource; allowed: {allow}."),
        );
        error.0.header = Some((ALLOW, HeaderValue::from_static(allow)));
        error
    }

    /// 409: a key set with this id exists already.
    pub(crate) fn conflict(id: &str) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "Conflict",
            format!("A key set with the id '{id}' already exists."),
        )
    }

    /// 410: a delta token the service no longer knows (Graph's `syncStateNotFound`): the
    /// client must start a new delta round.
    pub(crate) fn sync_state_not_found(message: &str) -> Self {
        Self::new(StatusCode::GONE, "syncStateNotFound", message)
    }

    /// 412: `If-Match` names another version than the key set's current one.
    pub(crate) fn precondition_failed(id: &str) -> Self {
        Self::new(
            StatusCode::PRECONDITION_FAILED,
            "PreconditionFailed",
            format!("The entity tag in If-Match does not match the current version of the key set '{id}'."),
        )
    }

    /// 424: a batch request depends on one that did not succeed.
    pub(crate) fn failed_dependency(id: &str, dependency: &str) -> Self {
        Self::new(
            StatusCode::FAILED_DEPENDENCY,
            "FailedDependency",
            format!(
                "The request '{id}' depends on the request '{dependency}', which did not succeed."
            ),
        )
    }

    /// 413: the body is larger than the service accepts.
    pub(crate) fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            format!("The request body is larger than {limit} bytes."),
        )
    }

    /// 415: the body is not declared as JSON.
    pub(crate) fn unsupported_media_type(got: Option<&str>) -> Self {
        let got = match got {
            Some(value) => format!("'{value}'"),
            None => "none".to_owned(),
        };
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UnsupportedMediaType",
            format!("The request body must be sent as 'Content-Type: application/json' (with UTF-8, if a charset is given); the content type was {got}."),
        )
    }

    /// 500: the service could not do what it should have.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            message,
        )
    }

    /// The response: status, headers and Graph's error body.
    pub(crate) fn into_response(self, ids: &RequestIds) -> Response {
        let failure = *self.0;
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a ODataError,
        }
        let error = ODataError {
            code: failure.code.to_owned(),
            message: failure.message,
            target: failure.target,
            details: Vec::new(),
            inner_error: Some(ids.inner_error()),
        };
        let body = serde_json::to_vec(&Body { error: &error })
            .expect("an error body is plain strings, always serializable");
        let mut response = (failure.status, [(CONTENT_TYPE, JSON)], body).into_response();
        if let Some((name, value)) = failure.header {
            response.headers_mut().insert(name, value);
        }
        response
    }
}
