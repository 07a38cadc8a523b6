//! Walking every page of a collection, following `@odata.nextLink`, with any function that
//! executes one HTTP request. The top layer: above requests and pages.

use std::fmt;

use serde::de::DeserializeOwned;

use super::error::Error;
use super::page::Page;
use super::request::{PageOf, Request, ResponseKind};

/// A failure while walking pages: executing a request, or reading its response.
#[derive(Debug)]
pub enum PageError<E> {
    /// The function that executes requests failed.
    Execute(E),
    /// The response was an error or did not parse, or the next link was refused.
    Response(Error),
}

impl<E: fmt::Display> fmt::Display for PageError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageError::Execute(e) => write!(f, "executing a page request: {e}"),
            PageError::Response(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for PageError<E> {}

/// Walks every page of a collection, starting with `first`, following `@odata.nextLink`;
/// `execute` performs one HTTP request. Stops after the last page or the first error.
///
/// ```
/// use odata_core::graph::{GraphService, TrustFrameworkKeySet};
/// use odata_core::request::{pages, Service};
///
/// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
/// let first = service.root::<GraphService>().trust_framework().key_sets().list().top(1).build()?;
/// let mut served = 0;
/// let execute = |request: http::Request<Vec<u8>>| -> Result<_, std::convert::Infallible> {
///     served += 1;
///     let body = if request.uri().query() == Some("$top=1") {
///         r#"{"value":[{"id":"a"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/trustFramework/keySets?$skiptoken=2"}"#
///     } else {
///         r#"{"value":[{"id":"b"}]}"#
///     };
///     Ok(http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap())
/// };
/// let ids: Vec<String> = pages(first, execute)
///     .map(|page| page.unwrap().value)
///     .flatten()
///     .map(|set: TrustFrameworkKeySet| set.entity.id.unwrap())
///     .collect();
/// assert_eq!(ids, ["a", "b"]);
/// # Ok::<(), odata_core::request::Error>(())
/// ```
pub fn pages<T, E, F>(first: Request<PageOf<T>>, execute: F) -> Pages<T, F>
where
    T: DeserializeOwned,
    F: FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E>,
{
    Pages {
        walk: Walk::new(first, execute),
    }
}

/// The iterator of [`pages`].
pub struct Pages<T, F> {
    walk: Walk<PageOf<T>, F>,
}

impl<T, E, F> Iterator for Pages<T, F>
where
    T: DeserializeOwned,
    F: FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E>,
{
    type Item = Result<Page<T>, PageError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.walk.step(|request, page| request.next_page(page))
    }
}

/// A walk from one request to the next, each made from the response to the one before:
/// the step both [`Pages`] and delta rounds take.
pub(super) struct Walk<K, F> {
    /// The next request, or the error that stops the walk after the response just yielded.
    pub(super) next: Option<Result<Request<K>, Error>>,
    execute: F,
}

impl<K, F> Walk<K, F> {
    pub(super) fn new(first: Request<K>, execute: F) -> Self {
        Walk {
            next: Some(Ok(first)),
            execute,
        }
    }

    /// Executes the next request and reads its response; `follow` gives the request after it
    /// (`None`: the walk ends). `None` once the walk has ended.
    pub(super) fn step<E>(
        &mut self,
        follow: impl FnOnce(&Request<K>, &K::Output) -> Option<Result<Request<K>, Error>>,
    ) -> Option<Result<K::Output, PageError<E>>>
    where
        K: ResponseKind,
        F: FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E>,
    {
        let request = match self.next.take()? {
            Ok(request) => request,
            Err(e) => return Some(Err(PageError::Response(e))),
        };
        let response = match (self.execute)(request.http().clone()) {
            Ok(response) => response,
            Err(e) => return Some(Err(PageError::Execute(e))),
        };
        let output = match request.parse_response(&response) {
            Ok(output) => output,
            Err(e) => return Some(Err(PageError::Response(e))),
        };
        self.next = follow(&request, &output);
        Some(Ok(output))
    }
}
