//! Collection pages (`value`, `@odata.nextLink`, `@odata.count`) and walking all of them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{Error, PageOf, Request};
use crate::Extra;

/// One page of a collection response.
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
/// use odata_core::request::Page;
///
/// let page: Page<TrustFrameworkKeySet> = odata_core::json::from_str(r#"{
///   "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#trustFramework/keySets",
///   "@odata.count": 3,
///   "value": [ {"id": "a"}, {"id": "b"} ],
///   "@odata.nextLink": "https://graph.microsoft.com/v1.0/trustFramework/keySets?$skiptoken=x"
/// }"#)?;
/// assert_eq!(page.value.len(), 2);
/// assert_eq!(page.count, Some(3));
/// assert!(page.next_link.is_some());
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// `@odata.context`.
    pub context: Option<String>,
    /// `@odata.count`: the total count, when asked for with `$count=true`.
    pub count: Option<i64>,
    /// The items.
    pub value: Vec<T>,
    /// `@odata.nextLink`: where the next page is.
    pub next_link: Option<String>,
    /// Other members (`@odata.deltaLink`, ...), kept.
    pub extra: Extra,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            context: None,
            count: None,
            value: Vec::new(),
            next_link: None,
            extra: Extra::new(),
        }
    }
}

const CONTEXT: &str = "@odata.context";
const COUNT: &str = "@odata.count";
const NEXT: &str = "@odata.nextLink";

impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(context) = &self.context {
            map.serialize_entry(CONTEXT, context)?;
        }
        if let Some(count) = self.count {
            map.serialize_entry(COUNT, &count)?;
        }
        for (name, raw) in self.extra.iter() {
            map.serialize_entry(name, raw)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(next) = &self.next_link {
            map.serialize_entry(NEXT, next)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<T>);

/// Reads member `name` into `slot`; a second member of that name is an error at its own path.
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        crate::format::duplicate(map, name)?;
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an OData collection response: an object with a `value` array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let (mut context, mut count, mut value, mut next) = (None, None, None, None);
        let mut extra = Extra::new();
        while let Some(name) = map.next_key::<String>()? {
            match name.as_str() {
                CONTEXT => once(&mut map, &mut context, CONTEXT)?,
                COUNT => once(&mut map, &mut count, COUNT)?,
                NEXT => once(&mut map, &mut next, NEXT)?,
                "value" => once::<_, Vec<T>>(&mut map, &mut value, "value")?,
                _ => crate::format::keep_unknown(&mut map, &mut extra, &name)?,
            }
        }
        Ok(Page {
            context,
            count,
            value: value.ok_or_else(|| de::Error::missing_field("value"))?,
            next_link: next,
            extra,
        })
    }
}

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
        next: Some(Ok(first)),
        execute,
    }
}

/// The iterator of [`pages`].
pub struct Pages<T, F> {
    /// The next request, or the error that stops the walk after the page just yielded.
    next: Option<Result<Request<PageOf<T>>, Error>>,
    execute: F,
}

impl<T, E, F> Iterator for Pages<T, F>
where
    T: DeserializeOwned,
    F: FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E>,
{
    type Item = Result<Page<T>, PageError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        let request = match self.next.take()? {
            Ok(request) => request,
            Err(e) => return Some(Err(PageError::Response(e))),
        };
        let response = match (self.execute)(request.http().clone()) {
            Ok(response) => response,
            Err(e) => return Some(Err(PageError::Execute(e))),
        };
        let page = match request.parse_response(&response) {
            Ok(page) => page,
            Err(e) => return Some(Err(PageError::Response(e))),
        };
        self.next = request.next_page(&page);
        Some(Ok(page))
    }
}
