//! Query options: `$select`, `$orderby` and `$expand` typed from the field list the derive
//! generates (a misspelled property does not compile), `$filter` typed ([`Filter`]) or raw,
//! `$expand` with nested options, `$search` ([`Search`]), `$top`, `$skip` and `$count`,
//! encoded per the OData URL conventions; Graph's `ConsistencyLevel: eventual`. Above
//! `fields`, `filter`, `resource` and `request`; below the typed paths.

use std::fmt;
use std::marker::PhantomData;

use http::header::HeaderValue;

use super::error::Error;
use super::fields::{HasFields, NavigationProperty, OrderBy, Property, Typed, Untyped};
use super::filter::{Complex, Filter, Many, Operand};
use super::request::{PageOf, Request, CONSISTENCY_LEVEL};
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
///     .filter_expr(|f| f.id.starts_with("B2C_1A_"))
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
    options: Options,
    eventual: bool,
    _t: PhantomData<fn() -> (T, K)>,
}

/// The options of a query or of one nested `$expand` item.
#[derive(Default)]
struct Options {
    select: Vec<&'static str>,
    /// Each item written out: `name` or `name(nested options)`.
    expand: Vec<String>,
    order_by: Vec<OrderBy>,
    filter: Option<Filter>,
    search: Option<Search>,
    top: Option<u64>,
    skip: Option<u64>,
    count: Option<bool>,
    /// Why a nested item's options cannot be written.
    nested_error: Option<String>,
}

impl Options {
    /// The options joined by `separator` (`&` in the query, `;` inside `$expand=x(...)`), each
    /// value percent-encoded so that it can neither end its option nor add one.
    fn render(&self, separator: &str) -> String {
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
            parts.push(format!(
                "$filter={}",
                encode_query_value(&filter.to_string())
            ));
        }
        if let Some(search) = &self.search {
            parts.push(format!("$search={}", encode_query_value(&search.0)));
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
        parts.join(separator)
    }

    fn check(&self) -> Result<(), String> {
        if let Some(error) = &self.nested_error {
            return Err(error.clone());
        }
        self.filter
            .as_ref()
            .map_or(Ok(()), |f| f.check().map_err(|e| format!("$filter: {e}")))
    }

    fn expand_nested<N>(&mut self, name: &'static str, nested: Expand<N>) {
        let text = nested.options.render(";");
        if let Err(error) = nested.options.check() {
            self.nested_error
                .get_or_insert(format!("$expand={name}(...): {error}"));
        }
        self.expand.push(if text.is_empty() {
            name.to_owned()
        } else {
            format!("{name}({text})")
        });
    }
}

/// What a navigation property leads to, for a nested `$expand`: implemented for the kinds of
/// single and collection-valued navigation properties.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the kind of a navigation target",
    label = "nested $expand options need an entity or a collection of entities"
)]
pub trait Target {
    /// The entity type the nested options are typed on.
    type Entity: HasFields;
}

impl<T: HasFields> Target for Complex<T> {
    type Entity = T;
}

impl<T: HasFields> Target for Many<Complex<T>> {
    type Entity = T;
}

/// The options of one `$expand` item, typed on the navigation target's field list:
/// `$select`, `$expand` (nested again), `$filter`, `$orderby`, `$top`, `$skip`, `$count`,
/// written inside parentheses and separated by `;`.
///
/// ```
/// use odata_core::graph::GraphService;
/// use odata_core::request::Service;
///
/// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
/// let get = service
///     .root::<GraphService>()
///     .trust_framework()
///     .get()
///     .expand_with(|f| f.key_sets, |e| e.select(|k| [k.id]).filter_expr(|k| k.id.ne("x")).top(5))
///     .build()?;
/// assert_eq!(
///     get.http().uri(),
///     "https://graph.microsoft.com/v1.0/trustFramework?$expand=keySets($select=id;$filter=id%20ne%20'x';$top=5)"
/// );
/// # Ok::<(), odata_core::request::Error>(())
/// ```
#[must_use = "nested options do nothing unless returned to `expand_with`"]
pub struct Expand<T> {
    options: Options,
    _t: PhantomData<fn() -> T>,
}

/// The options shared by [`Query`] and [`Expand`], written once.
macro_rules! options {
    ($t:ident) => {
        /// `$select`: the properties to return, picked from the type's field list.
        pub fn select<I: IntoIterator<Item = Property>>(
            mut self,
            pick: impl FnOnce(&$t::Fields<Untyped>) -> I,
        ) -> Self {
            self.options.select.extend(
                pick(&$t::fields::<Untyped>())
                    .into_iter()
                    .map(Property::name),
            );
            self
        }

        /// `$expand`: navigation properties to return inline.
        pub fn expand<I: IntoIterator<Item = NavigationProperty>>(
            mut self,
            pick: impl FnOnce(&$t::Fields<Untyped>) -> I,
        ) -> Self {
            self.options.expand.extend(
                pick(&$t::fields::<Untyped>())
                    .into_iter()
                    .map(|n| n.name().to_owned()),
            );
            self
        }

        /// `$expand` of one navigation property with options of its own, typed on its
        /// target's field list: `members($select=id;$top=5)`.
        pub fn expand_with<V, N>(
            mut self,
            pick: impl FnOnce(&$t::Fields<Typed>) -> NavigationProperty<V>,
            nested: impl FnOnce(Expand<N>) -> Expand<N>,
        ) -> Self
        where
            V: Operand,
            V::Kind: Target<Entity = N>,
            N: HasFields,
        {
            let name = pick(&$t::fields::<Typed>()).name();
            let options = nested(Expand {
                options: Options::default(),
                _t: PhantomData,
            });
            self.options.expand_nested(name, options);
            self
        }
    };
}

/// The options that filter and order a collection, shared by a list [`Query`] and [`Expand`].
macro_rules! collection_options {
    ($t:ident) => {
        /// `$orderby`: `f.name` (ascending), `f.name.asc()` or `f.name.desc()`, in order.
        pub fn order_by<I>(mut self, pick: impl FnOnce(&$t::Fields<Untyped>) -> I) -> Self
        where
            I: IntoIterator,
            I::Item: Into<OrderBy>,
        {
            self.options
                .order_by
                .extend(pick(&$t::fields::<Untyped>()).into_iter().map(Into::into));
            self
        }

        /// `$filter` as written, e.g. `startswith(id,'B2C_1A_')` (the same as
        /// `filter_expr(|_| Filter::raw(..))`). Percent-encoded, so it cannot add query
        /// options of its own.
        pub fn filter(mut self, expression: impl Into<String>) -> Self {
            self.options.filter = Some(Filter::raw(expression));
            self
        }

        /// `$filter` built from the typed field list: `|f| f.id.eq("x") & f.keys.is_not_empty()`.
        /// A value of the wrong type or a lambda on a single value does not compile; see
        /// [`Filter`].
        pub fn filter_expr(mut self, build: impl FnOnce(&$t::Fields<Typed>) -> Filter) -> Self {
            self.options.filter = Some(build(&$t::fields::<Typed>()));
            self
        }

        /// `$top`: at most this many results.
        pub fn top(mut self, n: u64) -> Self {
            self.options.top = Some(n);
            self
        }

        /// `$skip`: skip this many results.
        pub fn skip(mut self, n: u64) -> Self {
            self.options.skip = Some(n);
            self
        }

        /// `$count`: ask for (`true`) or against (`false`) the total count in `@odata.count`.
        pub fn count(mut self, count: bool) -> Self {
            self.options.count = Some(count);
            self
        }
    };
}

impl<T: HasFields, K> Query<T, K> {
    pub(crate) fn new(path: ResourcePath) -> Self {
        Query {
            path,
            options: Options::default(),
            eventual: false,
            _t: PhantomData,
        }
    }

    options!(T);

    /// Sends `ConsistencyLevel: eventual`, which Microsoft Graph needs for `$count` and
    /// `$search` on directory objects (users, groups, ...) and for its other "advanced
    /// queries"; the next-page requests send it too.
    ///
    /// ```
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::Service;
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let list = service.root::<GraphService>().trust_framework().key_sets().list()
    ///     .count(true)
    ///     .consistency_eventual()
    ///     .build()?;
    /// assert_eq!(list.http().headers()["consistencylevel"], "eventual");
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn consistency_eventual(mut self) -> Self {
        self.eventual = true;
        self
    }

    /// The query string, without `?` (empty when no option is set).
    pub fn query_string(&self) -> String {
        self.options.render("&")
    }

    /// The `GET` request. An error when a typed `$filter` cannot be written
    /// ([`Error::InvalidQuery`]: see [`Filter::check`]) or the URL exceeds what `http::Uri`
    /// holds (64 KiB).
    pub fn build(self) -> Result<Request<K>, Error> {
        self.options.check().map_err(Error::InvalidQuery)?;
        let query = self.query_string();
        let mut request = Request::get(&self.path, &query)?;
        if self.eventual {
            request
                .http_mut()
                .headers_mut()
                .insert(CONSISTENCY_LEVEL, HeaderValue::from_static("eventual"));
        }
        Ok(request)
    }
}

/// The options that only a collection takes: `$orderby`, `$filter`, `$search`, `$top`, `$skip`
/// and `$count`. (Setting one again replaces it; `$select`, `$expand` and `$orderby` add.)
impl<T: HasFields> Query<T, PageOf<T>> {
    collection_options!(T);

    /// `$search`: a [`Search`] (`Search::phrase("blue green")` is `"blue green"`, quoted
    /// and escaped), or a string taken as written (`.search("\"blue green\"")`).
    pub fn search(mut self, expression: impl Into<Search>) -> Self {
        self.options.search = Some(expression.into());
        self
    }

    /// `$search` built with the untyped field list, for Graph's `"property:value"` clauses:
    /// `.search_with(|f| Search::property(f.id, "B2C"))`.
    pub fn search_with(mut self, build: impl FnOnce(&T::Fields<Untyped>) -> Search) -> Self {
        self.options.search = Some(build(&T::fields::<Untyped>()));
        self
    }
}

impl<T: HasFields> Expand<T> {
    options!(T);
    collection_options!(T);
}

/// A `$search` expression. Microsoft Graph reads search terms in double quotes (`"pizza"`,
/// and `"displayName:Contoso"` on directory objects, which also need
/// [`consistency_eventual`](Query::consistency_eventual)), joined by `AND` and `OR`;
/// inside the quotes a `"` or `\` is escaped with `\` (OData 4.01's search phrase).
///
/// ```
/// use odata_core::request::Search;
///
/// let search = Search::phrase(r#"say "hi""#).or(Search::phrase("bye"));
/// assert_eq!(search.to_string(), r#""say \"hi\"" OR "bye""#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search(String);

impl Search {
    /// A term taken as written.
    pub fn raw(text: impl Into<String>) -> Search {
        Search(text.into())
    }

    /// `"text"`: a phrase in double quotes, its `"` and `\` escaped.
    pub fn phrase(text: &str) -> Search {
        Search(format!("\"{}\"", escape_phrase(text)))
    }

    /// `"name:text"`: Graph's search of one property (`displayName`, `description`, `mail`,
    /// ... on directory objects).
    pub fn property<V>(property: Property<V>, text: &str) -> Search {
        Search(format!("\"{}:{}\"", property.name(), escape_phrase(text)))
    }

    /// Both: `a AND b`.
    pub fn and(self, other: Search) -> Search {
        Search(format!("{} AND {}", self.0, other.0))
    }

    /// Either: `a OR b`.
    pub fn or(self, other: Search) -> Search {
        Search(format!("{} OR {}", self.0, other.0))
    }
}

fn escape_phrase(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

impl From<&str> for Search {
    fn from(raw: &str) -> Search {
        Search::raw(raw)
    }
}

impl From<String> for Search {
    fn from(raw: String) -> Search {
        Search::raw(raw)
    }
}

impl fmt::Display for Search {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
