//! Query options: `$select`, `$orderby` and `$expand` typed from the field list the derive
//! generates (a misspelled property does not compile), `$filter`, `$search`, `$top`, `$skip`
//! and `$count`, encoded per the OData URL conventions. Above `fields`, `resource`
//! and `request`; below the typed paths.

use std::marker::PhantomData;

use super::error::Error;
use super::fields::{HasFields, NavigationProperty, OrderBy, Property};
use super::request::{PageOf, Request};
use super::resource::{encode_query_value, ResourcePath};

/// A `GET` request being given its query options; `build()` makes the request. A get takes
/// `$select` and `$expand`; a list takes the collection options too.
///
/// ```
/// use odata_core::graph::GraphService;
/// use odata_core::request::Service;
///
/// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
/// let request = service
///     .root::<GraphService>()
///     .trust_framework()
///     .key_sets()
///     .list()
///     .select(|f| [f.id, f.keys])
///     .order_by(|f| [f.id.desc()])
///     .filter("startswith(id,'B2C_1A_')")
///     .top(10)
///     .count(true)
///     .build()?;
/// assert_eq!(
///     request.http().uri(),
///     "https://graph.microsoft.com/v1.0/trustFramework/keySets?$select=id,keys&$orderby=id%20desc&$filter=startswith(id,'B2C_1A_')&$top=10&$count=true"
/// );
/// # Ok::<(), odata_core::request::Error>(())
/// ```
#[must_use = "a query does nothing until `build()`"]
pub struct Query<T, K> {
    path: ResourcePath,
    select: Vec<&'static str>,
    expand: Vec<&'static str>,
    order_by: Vec<OrderBy>,
    filter: Option<String>,
    search: Option<String>,
    top: Option<u64>,
    skip: Option<u64>,
    count: Option<bool>,
    _t: PhantomData<fn() -> (T, K)>,
}

impl<T: HasFields, K> Query<T, K> {
    pub(crate) fn new(path: ResourcePath) -> Self {
        Query {
            path,
            select: Vec::new(),
            expand: Vec::new(),
            order_by: Vec::new(),
            filter: None,
            search: None,
            top: None,
            skip: None,
            count: None,
            _t: PhantomData,
        }
    }

    /// `$select`: the properties to return, picked from the type's field list.
    pub fn select<I: IntoIterator<Item = Property>>(
        mut self,
        pick: impl FnOnce(&T::Fields) -> I,
    ) -> Self {
        self.select
            .extend(pick(&T::FIELDS).into_iter().map(Property::name));
        self
    }

    /// `$expand`: navigation properties to return inline.
    pub fn expand<I: IntoIterator<Item = NavigationProperty>>(
        mut self,
        pick: impl FnOnce(&T::Fields) -> I,
    ) -> Self {
        self.expand
            .extend(pick(&T::FIELDS).into_iter().map(NavigationProperty::name));
        self
    }

    /// The query string, without `?` (empty when no option is set).
    pub fn query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.select.is_empty() {
            parts.push(format!("$select={}", self.select.join(",")));
        }
        if !self.expand.is_empty() {
            parts.push(format!("$expand={}", self.expand.join(",")));
        }
        if !self.order_by.is_empty() {
            let items: Vec<String> = self
                .order_by
                .iter()
                .map(|o| {
                    if o.1 {
                        format!("{}%20desc", o.0)
                    } else {
                        o.0.to_owned()
                    }
                })
                .collect();
            parts.push(format!("$orderby={}", items.join(",")));
        }
        if let Some(filter) = &self.filter {
            parts.push(format!("$filter={}", encode_query_value(filter)));
        }
        if let Some(search) = &self.search {
            parts.push(format!("$search={}", encode_query_value(search)));
        }
        if let Some(top) = self.top {
            parts.push(format!("$top={top}"));
        }
        if let Some(skip) = self.skip {
            parts.push(format!("$skip={skip}"));
        }
        if let Some(count) = self.count {
            parts.push(format!("$count={count}"));
        }
        parts.join("&")
    }

    /// The `GET` request; an error only when the URL exceeds what `http::Uri` holds (64 KiB).
    pub fn build(self) -> Result<Request<K>, Error> {
        let query = self.query_string();
        Request::get(&self.path, &query)
    }
}

/// The options that only a collection takes: `$orderby`, `$filter`, `$search`, `$top`, `$skip`
/// and `$count`. (Setting one again replaces it; `$select`, `$expand` and `$orderby` add.)
impl<T: HasFields> Query<T, PageOf<T>> {
    /// `$orderby`: `f.name` (ascending), `f.name.asc()` or `f.name.desc()`.
    pub fn order_by<I>(mut self, pick: impl FnOnce(&T::Fields) -> I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<OrderBy>,
    {
        self.order_by
            .extend(pick(&T::FIELDS).into_iter().map(Into::into));
        self
    }

    /// `$filter`: an OData filter expression, e.g. `startswith(id,'B2C_1A_')`. Encoded, so it
    /// cannot add query options of its own.
    pub fn filter(mut self, expression: impl Into<String>) -> Self {
        self.filter = Some(expression.into());
        self
    }

    /// `$search`: a search expression, e.g. `"blue green"`.
    pub fn search(mut self, expression: impl Into<String>) -> Self {
        self.search = Some(expression.into());
        self
    }

    /// `$top`: at most this many results.
    pub fn top(mut self, n: u64) -> Self {
        self.top = Some(n);
        self
    }

    /// `$skip`: skip this many results.
    pub fn skip(mut self, n: u64) -> Self {
        self.skip = Some(n);
        self
    }

    /// `$count`: ask for (`true`) or against (`false`) the total count in `@odata.count`.
    pub fn count(mut self, count: bool) -> Self {
        self.count = Some(count);
        self
    }
}
