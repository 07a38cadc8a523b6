//! Delta queries: what changed in a collection since the last time it was read.
//!
//! A *round* starts with the collection's bound `delta` function (the first round returns
//! every entity) or with the delta link the previous round ended with (later rounds return
//! what changed since). Its pages are followed by `@odata.nextLink`; the last page carries
//! `@odata.deltaLink` instead, which starts the next round. Items are changed entities or
//! removals. Above requests, paths and paging (whose [`PageError`] a round's walk shares).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use http::StatusCode;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::error::{Error, ServiceError};
use super::paging::{PageError, Walk};
use super::path::{CollectionPath, Navigable};
use super::query::Query;
use super::request::{Request, ResponseKind};
use crate::{EntityType, Extra};

/// An entity type whose collections have a bound `delta` function (Graph's
/// `microsoft.graph.delta`, bound to `Collection(T)` and returning `Collection(T)`).
///
/// OData binds Graph's `delta` to the *collection* of an entity type
/// (`<Function Name="delta" IsBound="true">` whose binding parameter is
/// `Collection(microsoft.graph.user)`, returning `Collection(microsoft.graph.user)`). The
/// derive's `#[odata(delta)]` on the entity type implements this trait, which gives every
/// [`CollectionPath`] of that type (entity sets and collection-valued navigation properties
/// alike) the methods [`delta`](CollectionPath::delta) and
/// [`delta_from`](CollectionPath::delta_from), and puts the function in the static model, so
/// `$metadata` ([`csdl`](crate::csdl)) declares it. `delta(namespace = "...",
/// binding_parameter = "...", nullable_binding, nullable_return)` says what the defaults do
/// not (the type's namespace, `bindingParameter`, neither nullable); a code generator emits
/// it for every function named `delta` bound to `Collection(T)` and returning it:
///
/// ```
/// use odata_core::csdl::Document;
/// use odata_core::graph::Entity;
/// use odata_core::request::DeltaFunction;
/// use odata_core::{ODataEntity, StructuredType};
///
/// #[derive(ODataEntity)]
/// #[odata(namespace = "microsoft.graph", delta(nullable_binding, nullable_return))]
/// pub struct User {
///     #[odata(base)]
///     pub entity: Entity,
///     pub display_name: Option<String>,
/// }
///
/// assert_eq!((User::DELTA_NAMESPACE, User::DELTA_NAME), ("microsoft.graph", "delta"));
/// let xml = Document::builder().structured(User::TYPE).build()?.to_xml();
/// assert!(xml.contains(
///     r#"<Function Name="delta" IsBound="true">
///         <Parameter Name="bindingParameter" Type="Collection(microsoft.graph.user)"/>
///         <ReturnType Type="Collection(microsoft.graph.user)"/>
///       </Function>"#
/// ));
/// # Ok::<(), odata_core::csdl::Error>(())
/// ```
///
/// Implementing the trait by hand still gives the collection paths their delta queries, but
/// leaves the function out of the model (and `$metadata`): the embedded service's key sets
/// do so ([`TrustFrameworkKeySet`](crate::graph::TrustFrameworkKeySet), whose model follows
/// Graph's, where key sets have no delta function).
pub trait DeltaFunction: EntityType {
    /// The namespace of the schema that declares the function, e.g. `microsoft.graph`
    /// (services with [`Conventions::ODATA`](super::Conventions::ODATA) qualify the name).
    const DELTA_NAMESPACE: &'static str;
    /// The function's name: `delta` unless the model says otherwise.
    const DELTA_NAME: &'static str = "delta";
}

impl<T: DeltaFunction + Navigable> CollectionPath<T> {
    /// The first request of a full delta round: `GET {collection}/delta` (or
    /// `{collection}/microsoft.graph.delta()` with OData conventions). Add `$select` or
    /// `$expand`, then `build()`; walk the round with [`delta_pages`] or a client's
    /// `delta_round`.
    ///
    /// ```
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::Service;
    ///
    /// let graph = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let delta = graph.root::<GraphService>().trust_framework().key_sets().delta().build()?.max_page_size(50);
    /// assert_eq!(delta.http().uri(), "https://graph.microsoft.com/v1.0/trustFramework/keySets/delta");
    /// assert_eq!(delta.http().headers()["prefer"], "odata.maxpagesize=50");
    ///
    /// let odata = Service::odata("https://example.com/odata")?;
    /// let delta = odata.root::<GraphService>().trust_framework().key_sets().delta().select(|f| [f.id]).build()?;
    /// assert_eq!(delta.http().uri(), "https://example.com/odata/trustFramework/keySets/microsoft.graph.delta()?$select=id");
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn delta(&self) -> Query<T, DeltaOf<T>> {
        Query::new(
            self.path()
                .operation(T::DELTA_NAMESPACE, T::DELTA_NAME, true),
        )
    }

    /// The first request of a round that reads what changed since `link` (the delta link a
    /// previous round ended with, perhaps stored as a string and restored). The link must be
    /// on the service's origin (see
    /// [`Service::allow_foreign_next_links`](super::Service::allow_foreign_next_links)).
    ///
    /// ```
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::{DeltaLink, Service};
    ///
    /// let graph = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let key_sets = graph.root::<GraphService>().trust_framework().key_sets();
    /// let stored = "https://graph.microsoft.com/v1.0/trustFramework/keySets/delta?$deltatoken=abc".to_owned();
    /// let link: DeltaLink = stored.parse()?;
    /// let next = key_sets.delta_from(&link)?;
    /// assert_eq!(next.http().uri(), stored.as_str());
    ///
    /// let elsewhere: DeltaLink = "https://attacker.example/delta?$deltatoken=abc".parse()?;
    /// assert!(key_sets.delta_from(&elsewhere).is_err());
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn delta_from(&self, link: &DeltaLink) -> Result<Request<DeltaOf<T>>, Error> {
        Request::link(self.path().service(), link.as_str())
    }
}

/// A delta link: where the next delta round starts. Store it as a string
/// ([`as_str`](Self::as_str), `Display`) and restore it with [`str::parse`] or
/// [`DeltaLink::new`]; start the round with [`CollectionPath::delta_from`].
///
/// ```
/// use odata_core::request::DeltaLink;
///
/// let link: DeltaLink = "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=x".parse()?;
/// assert_eq!(link.to_string(), "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=x");
/// assert!("not a link".parse::<DeltaLink>().is_err());
/// # Ok::<(), odata_core::request::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DeltaLink(String);

impl DeltaLink {
    /// A delta link from its text: an absolute URL, or a path rooted at the service's
    /// origin (`/v1.0/...`).
    pub fn new(link: impl Into<String>) -> Result<Self, Error> {
        let link = link.into();
        let uri: http::Uri = link
            .parse()
            .map_err(|e| Error::InvalidUrl(format!("delta link `{link}`: {e}")))?;
        let rooted = uri.scheme().is_none() && link.starts_with('/') && !link.starts_with("//");
        if uri.scheme().is_some() && uri.authority().is_some() || rooted {
            Ok(DeltaLink(link))
        } else {
            Err(Error::InvalidUrl(format!(
                "delta link `{link}` is neither absolute nor rooted"
            )))
        }
    }

    /// The link's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The link's text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for DeltaLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeltaLink({:?})", self.0)
    }
}

impl fmt::Display for DeltaLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for DeltaLink {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        DeltaLink::new(s)
    }
}

impl Serialize for DeltaLink {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DeltaLink {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DeltaLink::new(text).map_err(de::Error::custom)
    }
}

/// Why an entity left the collection (`@removed.reason`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RemovedReason {
    /// `changed`: it left the collection (no longer matches, membership ended) and may still
    /// exist elsewhere.
    Changed,
    /// `deleted`: it was deleted.
    Deleted,
    /// A reason this version does not know, as sent.
    Other(String),
}

impl RemovedReason {
    fn from_wire(reason: Option<String>) -> Self {
        match reason.as_deref() {
            Some("changed") => RemovedReason::Changed,
            // OData 4.01 makes `reason` optional; without one the entity is gone for the
            // client either way.
            Some("deleted") | None => RemovedReason::Deleted,
            Some(other) => RemovedReason::Other(other.to_owned()),
        }
    }
}

/// An entity removed from the collection, in any of the three forms services send:
/// `{"@removed":{"reason":"deleted"},"id":"..."}` (Graph),
/// `{"@odata.removed":{"reason":"deleted"},"@odata.id":"..."}` (OData 4.01), or OData 4.0's
/// deleted entity, `{"@odata.context":"...$deletedEntity","id":"Customers('ANTON')","reason":"deleted"}`,
/// whose `id` is the entity's id (kept as [`odata_id`](Removed::odata_id); a key in
/// parentheses at its end is read into [`id`](Removed::id)).
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    /// The entity's key (its key property, `id` in Graph), when the entry has it.
    pub id: Option<String>,
    /// The entity's `@odata.id`, when the entry has it.
    pub odata_id: Option<String>,
    /// Why it was removed.
    pub reason: RemovedReason,
}

/// One item of a delta page: an entity added or changed (with the members the service sent),
/// or a removal.
#[derive(Clone, Debug, PartialEq)]
pub enum Change<T> {
    /// Created or updated since the last round (every entity, in a first round).
    Changed(T),
    /// Removed since the last round.
    Removed(Removed),
}

/// One page of a delta response: items, and either `@odata.nextLink` (more pages in this
/// round) or `@odata.deltaLink` (the round is complete; the link starts the next).
///
/// ```
/// use odata_core::graph::TrustFrameworkKeySet;
/// use odata_core::request::{Change, DeltaPage, RemovedReason};
///
/// let page: DeltaPage<TrustFrameworkKeySet> = odata_core::json::from_str(r#"{
///   "value": [
///     {"id": "B2C_1A_a", "keys": []},
///     {"id": "B2C_1A_b", "@removed": {"reason": "deleted"}},
///     {"@odata.removed": {"reason": "changed"}, "@odata.id": "keySets('B2C_1A_c')"},
///     {"@odata.context": "$metadata#keySets/$deletedEntity", "id": "keySets('O''Brien')", "reason": "changed"}
///   ],
///   "@odata.deltaLink": "https://graph.microsoft.com/v1.0/trustFramework/keySets/delta?$deltatoken=7"
/// }"#)?;
/// assert!(matches!(&page.value[0], Change::Changed(set) if set.entity.id.as_deref() == Some("B2C_1A_a")));
/// let Change::Removed(b) = &page.value[1] else { panic!() };
/// assert_eq!((b.id.as_deref(), &b.reason), (Some("B2C_1A_b"), &RemovedReason::Deleted));
/// let Change::Removed(c) = &page.value[2] else { panic!() };
/// assert_eq!((c.odata_id.as_deref(), &c.reason), (Some("keySets('B2C_1A_c')"), &RemovedReason::Changed));
/// let Change::Removed(d) = &page.value[3] else { panic!() };
/// assert_eq!(d.odata_id.as_deref(), Some("keySets('O''Brien')"));
/// assert_eq!((d.id.as_deref(), &d.reason), (Some("O'Brien"), &RemovedReason::Changed));
/// assert!(page.next_link.is_none() && page.delta_link.is_some());
/// # Ok::<(), odata_core::json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaPage<T> {
    /// `@odata.context`.
    pub context: Option<String>,
    /// The changes.
    pub value: Vec<Change<T>>,
    /// `@odata.nextLink`: the next page of this round.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: where the next round starts (on the last page of a round).
    pub delta_link: Option<DeltaLink>,
    /// Other members, kept.
    pub extra: Extra,
}

const CONTEXT: &str = "@odata.context";
const NEXT: &str = "@odata.nextLink";
const DELTA: &str = "@odata.deltaLink";

impl<'de, T: EntityType + DeserializeOwned> Deserialize<'de> for DeltaPage<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<T>);

fn once<'de, A: MapAccess<'de>, V: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<V>,
    name: &str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        crate::format::duplicate(map, name)?;
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de, T: EntityType + DeserializeOwned> Visitor<'de> for PageVisitor<T> {
    type Value = DeltaPage<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an OData delta response: an object with a `value` array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DeltaPage<T>, A::Error> {
        let (mut context, mut value, mut next, mut delta) = (None, None, None, None);
        let mut extra = Extra::new();
        while let Some(name) = map.next_key::<String>()? {
            match name.as_str() {
                CONTEXT => once(&mut map, &mut context, CONTEXT)?,
                NEXT => once(&mut map, &mut next, NEXT)?,
                DELTA => once(&mut map, &mut delta, DELTA)?,
                "value" => once::<_, Vec<Change<T>>>(&mut map, &mut value, "value")?,
                _ => crate::format::keep_unknown(&mut map, &mut extra, &name)?,
            }
        }
        Ok(DeltaPage {
            context,
            value: value.ok_or_else(|| de::Error::missing_field("value"))?,
            next_link: next,
            delta_link: delta,
            extra,
        })
    }
}

impl<'de, T: EntityType + DeserializeOwned> Deserialize<'de> for Change<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Whether an item is a removal can be told only once all its members are read (the
        // marker may come last), so the item's text is kept and read twice: once for the
        // marker and the key, then, for an entity, as `T`.
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let key = match T::TYPE.key() {
            [one] => *one,
            _ => "id",
        };
        let mut probe = serde_json::Deserializer::from_str(raw.get());
        let probe = probe
            .deserialize_map(ProbeVisitor { key })
            .map_err(de::Error::custom)?;
        if probe.deleted_entity {
            // OData 4.0: `id` is the entity-id (an IRI), `reason` a member of its own.
            let odata_id = probe.entity_id.ok_or_else(|| {
                de::Error::custom(
                    "a $deletedEntity entry has no `id`: it must name the entity it removes",
                )
            })?;
            return Ok(Change::Removed(Removed {
                id: key_of(&odata_id),
                odata_id: Some(odata_id),
                reason: RemovedReason::from_wire(probe.reason),
            }));
        }
        match probe.removed {
            Some(reason) => {
                if probe.id.is_none() && probe.odata_id.is_none() {
                    return Err(de::Error::custom(format!(
                        "a removed entry names no entity: it has neither `{key}` nor `@odata.id`"
                    )));
                }
                Ok(Change::Removed(Removed {
                    id: probe.id,
                    odata_id: probe.odata_id,
                    reason: RemovedReason::from_wire(reason.reason),
                }))
            }
            None => crate::json::from_str(raw.get())
                .map(Change::Changed)
                .map_err(de::Error::custom),
        }
    }
}

/// The key at the end of an entity-id, `...('a''b')` or `...(42)`, unescaped; `None` for a
/// composite key or another form.
fn key_of(entity_id: &str) -> Option<String> {
    let inner = entity_id.strip_suffix(')')?;
    let inner = &inner[inner.rfind('(')? + 1..];
    if inner.contains('=') || inner.is_empty() {
        return None;
    }
    Some(
        match inner.strip_prefix('\'').and_then(|i| i.strip_suffix('\'')) {
            Some(quoted) => quoted.replace("''", "'"),
            None => inner.to_owned(),
        },
    )
}

/// What an item says about its removal.
struct Probe {
    removed: Option<RemovedMarker>,
    id: Option<String>,
    odata_id: Option<String>,
    /// OData 4.0's form: `@odata.context` ends with `$deletedEntity`.
    deleted_entity: bool,
    /// The `id` member, as text (the entity-id in OData 4.0's form).
    entity_id: Option<String>,
    /// The `reason` member, as text (OData 4.0's form).
    reason: Option<String>,
}

/// A member's value as text: a string as is, `null` as none, anything else as JSON.
fn text(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

#[derive(Deserialize)]
struct RemovedMarker {
    reason: Option<String>,
}

struct ProbeVisitor {
    key: &'static str,
}

impl<'de> Visitor<'de> for ProbeVisitor {
    type Value = Probe;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an entity or a removed entry (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let mut probe = Probe {
            removed: None,
            id: None,
            odata_id: None,
            deleted_entity: false,
            entity_id: None,
            reason: None,
        };
        while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*name {
                "@removed" | "@odata.removed" => probe.removed = Some(map.next_value()?),
                "@odata.id" | "@id" => probe.odata_id = map.next_value()?,
                "@odata.context" | "@context" => {
                    let context = map.next_value::<Option<String>>()?;
                    probe.deleted_entity = context.is_some_and(|c| c.ends_with("$deletedEntity"));
                }
                "id" | "reason" => {
                    let value = text(map.next_value()?);
                    if name == self.key {
                        probe.id.clone_from(&value);
                    }
                    if name == "id" {
                        probe.entity_id = value;
                    } else {
                        probe.reason = value;
                    }
                }
                name if name == self.key => probe.id = text(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(probe)
    }
}

/// `200 OK` with a delta page of `T`; `410 Gone` is [`Error::DeltaLinkExpired`].
pub struct DeltaOf<T>(PhantomData<T>);

impl<T: EntityType + DeserializeOwned> ResponseKind for DeltaOf<T> {
    type Output = DeltaPage<T>;
    fn __parse(status: StatusCode, body: &[u8]) -> Result<DeltaPage<T>, Error> {
        match status {
            StatusCode::OK => crate::json::from_slice(body).map_err(|error| Error::Body {
                status,
                error,
                body: body.to_vec(),
            }),
            _ => Err(Error::UnexpectedStatus {
                status,
                body: body.to_vec(),
            }),
        }
    }
    fn __error(error: ServiceError) -> Error {
        if error.status == StatusCode::GONE {
            Error::DeltaLinkExpired(Box::new(error))
        } else {
            Error::Service(Box::new(error))
        }
    }
}

/// What follows a delta page.
#[derive(Debug)]
pub enum AfterDelta<T> {
    /// The request for the next page of the round.
    Next(Box<Request<DeltaOf<T>>>),
    /// The round is complete; this link starts the next one.
    End(DeltaLink),
}

impl<T> Request<DeltaOf<T>> {
    /// Sends `Prefer: odata.maxpagesize=n`: at most `n` items per page. The requests for
    /// the round's next pages send it too.
    pub fn max_page_size(self, n: u32) -> Self {
        self.with_max_page_size(n)
    }

    /// What follows `page` (the response to this request): the next page's request, or the
    /// end of the round with its delta link. A page with neither link, or with a next link
    /// on another host, is an error. Both clients walk rounds with this.
    pub fn after(&self, page: &DeltaPage<T>) -> Result<AfterDelta<T>, Error> {
        match (&page.next_link, &page.delta_link) {
            (Some(next), _) => self.follow(next).map(|next| AfterDelta::Next(Box::new(next))),
            (None, Some(delta)) => Ok(AfterDelta::End(delta.clone())),
            (None, None) => Err(Error::InvalidUrl(
                "a delta page has neither @odata.nextLink nor @odata.deltaLink, so the round cannot go on or end"
                    .to_owned(),
            )),
        }
    }
}

/// Walks one delta round, starting with `first` and following `@odata.nextLink`; `execute`
/// performs one HTTP request. Yields each page; the last one carries the delta link. Stops
/// after it or after the first error.
///
/// ```
/// use odata_core::graph::{GraphService, TrustFrameworkKeySet};
/// use odata_core::request::{delta_pages, Change, DeltaRound, Service};
///
/// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
/// let first = service.root::<GraphService>().trust_framework().key_sets().delta().build()?;
/// let execute = |request: http::Request<Vec<u8>>| -> Result<_, std::convert::Infallible> {
///     let body = match request.uri().query() {
///         None => r#"{"value":[{"id":"a"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/trustFramework/keySets/delta?$skiptoken=2"}"#,
///         Some(_) => r#"{"value":[{"id":"b","@removed":{"reason":"deleted"}}],"@odata.deltaLink":"https://graph.microsoft.com/v1.0/trustFramework/keySets/delta?$deltatoken=9"}"#,
///     };
///     Ok(http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap())
/// };
/// let pages = delta_pages(first, execute).collect::<Result<Vec<_>, _>>().unwrap();
/// let round: DeltaRound<TrustFrameworkKeySet> = DeltaRound::from_pages(pages)?;
/// assert_eq!(round.changes.len(), 2);
/// assert!(matches!(&round.changes[1], Change::Removed(r) if r.id.as_deref() == Some("b")));
/// assert!(round.delta_link.as_str().ends_with("$deltatoken=9"));
/// # Ok::<(), odata_core::request::Error>(())
/// ```
pub fn delta_pages<T, E, F>(first: Request<DeltaOf<T>>, execute: F) -> DeltaPages<T, F>
where
    T: EntityType + DeserializeOwned,
    F: FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E>,
{
    DeltaPages {
        walk: Walk::new(first, execute),
    }
}

/// The iterator of [`delta_pages`].
pub struct DeltaPages<T, F> {
    walk: Walk<DeltaOf<T>, F>,
}

impl<T, F> fmt::Debug for DeltaPages<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeltaPages")
            .field("next", &self.walk.next)
            .finish_non_exhaustive()
    }
}

impl<T, E, F> Iterator for DeltaPages<T, F>
where
    T: EntityType + DeserializeOwned,
    F: FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, E>,
{
    type Item = Result<DeltaPage<T>, PageError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.walk.step(|request, page| match request.after(page) {
            Ok(AfterDelta::Next(next)) => Some(Ok(*next)),
            Ok(AfterDelta::End(_)) => None,
            Err(e) => Some(Err(e)),
        })
    }
}

/// A complete delta round: every change, in the order served, and the link that starts the
/// next round.
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaRound<T> {
    /// The changes (every entity, in a first round).
    pub changes: Vec<Change<T>>,
    /// Where the next round starts.
    pub delta_link: DeltaLink,
}

impl<T> DeltaRound<T> {
    /// The round made of `pages`, in order; the last must carry the delta link.
    pub fn from_pages(pages: impl IntoIterator<Item = DeltaPage<T>>) -> Result<Self, Error> {
        let mut changes = Vec::new();
        let mut delta_link = None;
        for page in pages {
            changes.extend(page.value);
            delta_link = page.delta_link;
        }
        let delta_link = delta_link.ok_or_else(|| {
            Error::InvalidUrl("the last page of a delta round has no @odata.deltaLink".to_owned())
        })?;
        Ok(DeltaRound {
            changes,
            delta_link,
        })
    }
}
