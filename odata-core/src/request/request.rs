//! A request ready to be executed ([`Request`]) and how its response is read
//! ([`ResponseKind`]). Above the resource paths, errors and the page type; below the query
//! builder and the typed paths, which make requests.

use std::fmt;
use std::marker::PhantomData;

use http::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{Error, ServiceError};
use super::page::Page;
use super::resource::{ResourcePath, Service};

const JSON: &str = "application/json";

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

impl<K> Request<K> {
    fn build(
        method: Method,
        url: &str,
        body: Option<Vec<u8>>,
        service: &Service,
    ) -> Result<Self, Error> {
        // Every part of `url` was validated (the service root) or percent-encoded (keys, query
        // values) or is an OData identifier; what can still fail is the length limit of
        // `http::Uri` (64 KiB).
        let uri = url
            .parse()
            .map_err(|e| Error::InvalidUrl(format!("{e} ({} bytes)", url.len())))?;
        Ok(Self::build_uri(method, uri, body, service))
    }

    fn build_uri(method: Method, uri: http::Uri, body: Option<Vec<u8>>, service: &Service) -> Self {
        let mut request = http::Request::new(Vec::new());
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        headers.insert(ACCEPT, HeaderValue::from_static(JSON));
        if let Some(body) = body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
            *request.body_mut() = body;
        }
        Request {
            http: request,
            service: service.clone(),
            _k: PhantomData,
        }
    }

    pub(crate) fn with_body<B: Serialize + ?Sized>(
        method: Method,
        path: &ResourcePath,
        body: &B,
    ) -> Result<Self, Error> {
        let body = crate::json::to_vec(body).map_err(Error::Serialize)?;
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
        let status = response.status();
        let body = response.body().as_ref();
        if !status.is_success() {
            return Err(Error::Service(Box::new(ServiceError::from_response(
                response,
            ))));
        }
        K::__parse(status, body)
    }
}

/// How a response is read: implemented by [`One`], [`Created`], [`Updated`], [`NoContent`] and
/// [`PageOf`].
pub trait ResponseKind {
    /// What a successful response yields.
    type Output;
    #[doc(hidden)]
    fn __parse(status: StatusCode, body: &[u8]) -> Result<Self::Output, Error>;
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
    /// The request for the page after `page`, from its `@odata.nextLink`; `None` on the last
    /// page. A next link on another host than the service's is refused unless the service
    /// allows it.
    pub fn next_page(&self, page: &Page<T>) -> Option<Result<Request<PageOf<T>>, Error>> {
        let link = page.next_link.as_deref()?;
        Some(self.service.resolve_link(link).and_then(|url| {
            let uri: http::Uri = url
                .parse()
                .map_err(|e| Error::InvalidUrl(format!("next link `{link}`: {e}")))?;
            Ok(Request::build_uri(Method::GET, uri, None, &self.service))
        }))
    }
}
