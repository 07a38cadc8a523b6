//! The navigation chain: a service root, entity sets and collection-valued navigation
//! properties ([`CollectionPath`]), single entities ([`EntityPath`]). Each step offers only the
//! operations OData defines for it; the derive adds each type's navigation properties and bound
//! operations to the step through `Deref` to a generated struct. Above resource paths, requests,
//! queries and patches; [`Service::root`] is defined here, where the navigation starts, so that
//! the resource layer below knows nothing of navigation.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use serde::Serialize;

use super::error::Error;
use super::fields::{Property, Untyped};
use super::filter::{parameter_literal, quote};
use super::patch::Patch;
use super::query::Query;
use super::request::{Created, MediaBytes, NoContent, One, PageOf, Request, Updated};
use super::resource::{encode_query_value, encode_segment, ResourcePath, Service};
use crate::{EntityType, StructuredType};

/// A generated navigation struct: wraps the path of the entity (or container) it belongs to.
#[doc(hidden)]
pub trait NavPath {
    fn __from_path(path: ResourcePath) -> Self;
    fn __path(&self) -> &ResourcePath;
}

/// Implemented by the derive for entity types and entity containers: the struct that holds
/// their navigation properties and bound operations as methods.
pub trait Navigable {
    /// The generated navigation struct.
    #[doc(hidden)]
    type Nav: NavPath;
    /// The struct that holds the operations bound to a collection of the type (and its base
    /// types) as methods: the target of [`CollectionPath`]'s `Deref`.
    #[doc(hidden)]
    type CollectionNav: NavPath;
}

/// The operations bound to a collection of a type that declares none (nor do its bases).
#[doc(hidden)]
pub struct NoCollectionOperations(ResourcePath);

impl NavPath for NoCollectionOperations {
    fn __from_path(path: ResourcePath) -> Self {
        NoCollectionOperations(path)
    }
    fn __path(&self) -> &ResourcePath {
        &self.0
    }
}

/// Implemented by the derive for `#[odata(container)]` types: a service's entity sets and
/// singletons.
pub trait EntityContainer {
    /// The static description of the container.
    const CONTAINER: &'static crate::model::ContainerInfo;
}

impl NavPath for ResourcePath {
    fn __from_path(path: ResourcePath) -> Self {
        path
    }
    fn __path(&self) -> &ResourcePath {
        self
    }
}

impl Service {
    /// The entity container: the start of every navigation.
    pub fn root<C: EntityContainer + Navigable>(&self) -> Root<C> {
        Root::new(self.path(String::new()))
    }
}

/// The root of a service: derefs to the container's entity sets and singletons.
pub struct Root<C: Navigable> {
    nav: C::Nav,
    _c: PhantomData<fn() -> C>,
}

impl<C: Navigable> Root<C> {
    pub(crate) fn new(path: ResourcePath) -> Self {
        Root {
            nav: C::Nav::__from_path(path),
            _c: PhantomData,
        }
    }
}

impl<C: Navigable> Deref for Root<C> {
    type Target = C::Nav;
    fn deref(&self) -> &C::Nav {
        &self.nav
    }
}

/// A collection of entities: an entity set or a collection-valued navigation property.
/// Offers list, create and addressing one member by key, and derefs to the operations bound
/// to the collection (`function(name = "...", collection, ...)` on the entity type or a base).
pub struct CollectionPath<T: Navigable> {
    nav: T::CollectionNav,
    _t: PhantomData<fn() -> T>,
}

impl<T: Navigable> Clone for CollectionPath<T> {
    fn clone(&self) -> Self {
        Self::__new(self.path().clone())
    }
}

impl<T: Navigable> fmt::Debug for CollectionPath<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CollectionPath({})", self.path().url())
    }
}

impl<T: Navigable> CollectionPath<T> {
    #[doc(hidden)]
    pub fn __new(path: ResourcePath) -> Self {
        CollectionPath {
            nav: T::CollectionNav::__from_path(path),
            _t: PhantomData,
        }
    }

    /// The resource path.
    pub fn path(&self) -> &ResourcePath {
        self.nav.__path()
    }
}

impl<T: Navigable> Deref for CollectionPath<T> {
    type Target = T::CollectionNav;
    fn deref(&self) -> &T::CollectionNav {
        &self.nav
    }
}

impl<T: EntityType + Navigable> CollectionPath<T> {
    /// One member, by key. The key is percent-encoded (and quotes doubled in the parenthesised
    /// form), so no key can change the request's path or query.
    pub fn by_id(&self, id: &str) -> EntityPath<T> {
        EntityPath::__new(self.path().key(id))
    }

    /// One member, by a single key of any key type ([`KeyValue`]): a string as [`by_id`]
    /// writes it, a number or GUID as its literal (`/42` with key-as-segment, `(42)`
    /// parenthesised).
    ///
    /// [`by_id`]: CollectionPath::by_id
    ///
    /// ```
    /// use odata_core::request::Service;
    /// use odata_core::ODataEntity;
    ///
    /// #[derive(ODataEntity, Default)]
    /// #[odata(namespace = "contoso")]
    /// pub struct Version {
    ///     #[odata(key)]
    ///     pub version_number: Option<i32>,
    /// }
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso", container)]
    /// pub struct Api {
    ///     pub versions: Vec<Version>,
    /// }
    ///
    /// let graph = Service::graph("https://example.com/v1.0")?;
    /// let path = graph.root::<Api>().versions().by_key(3);
    /// assert_eq!(path.path().url(), "https://example.com/v1.0/versions/3");
    /// let odata = Service::odata("https://example.com/odata")?;
    /// let path = odata.root::<Api>().versions().by_key(3);
    /// assert_eq!(path.path().url(), "https://example.com/odata/versions(3)");
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn by_key<K: KeyValue>(&self, key: K) -> EntityPath<T> {
        EntityPath::__new(match key.key_literal() {
            KeyLiteral::String(s) => self.path().key(&s),
            KeyLiteral::Other(literal) => self.path().key_literal(&literal),
        })
    }

    /// One member, by a composite key: each part a key property's name and value, written
    /// `(k1=1,k2='x')` in either key syntax.
    ///
    /// ```
    /// use odata_core::request::Service;
    /// use odata_core::ODataEntity;
    ///
    /// #[derive(ODataEntity, Default)]
    /// #[odata(namespace = "contoso")]
    /// pub struct OrderLine {
    ///     #[odata(key)]
    ///     pub order: String,
    ///     #[odata(key)]
    ///     pub line: i64,
    /// }
    ///
    /// #[derive(ODataEntity)]
    /// #[odata(namespace = "contoso", container)]
    /// pub struct Shop {
    ///     pub lines: Vec<OrderLine>,
    /// }
    ///
    /// let shop = Service::graph("https://example.com")?;
    /// let lines = shop.root::<Shop>().lines();
    /// let line = lines.by_composite_key(&[("order", &"O'1"), ("line", &2i64)]);
    /// assert_eq!(line.path().url(), "https://example.com/lines(order='O''1',line=2)");
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn by_composite_key(&self, parts: &[(&str, &dyn KeyValue)]) -> EntityPath<T> {
        let parts: Vec<(&str, String)> = parts
            .iter()
            .map(|(name, value)| (*name, value.key_literal().into_literal()))
            .collect();
        EntityPath::__new(self.path().composite_key(&parts))
    }

    /// `GET` the collection: `200 OK` with a page of entities. Add query options, then `build()`.
    pub fn list(&self) -> Query<T, PageOf<T>> {
        Query::new(self.path().clone())
    }

    /// `POST` a new entity: `201 Created` with the entity as created.
    pub fn create(&self, value: &T) -> Result<Request<Created<T>>, Error> {
        Request::with_body(http::Method::POST, self.path(), value)
    }
}

/// A value an entity key can have: a string, an integer or (with the `uuid` feature) a GUID.
///
/// ```
/// use odata_core::request::{KeyLiteral, KeyValue};
///
/// assert_eq!(42i32.key_literal(), KeyLiteral::Other("42".into()));
/// assert_eq!("O'Brien".key_literal(), KeyLiteral::String("O'Brien".into()));
/// assert_eq!("O'Brien".key_literal().into_literal(), "'O''Brien'");
/// ```
pub trait KeyValue {
    /// The key's URL form.
    fn key_literal(&self) -> KeyLiteral;
}

/// A key's URL form: a string (written plain as a key segment, quoted in parentheses), or the
/// literal of another type (written as is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyLiteral {
    /// A string key, unquoted.
    String(String),
    /// A number's or GUID's literal.
    Other(String),
}

impl KeyLiteral {
    /// The OData URL literal: a string quoted (`'O''Brien'`), another value as is.
    pub fn into_literal(self) -> String {
        match self {
            KeyLiteral::String(s) => quote(&s),
            KeyLiteral::Other(literal) => literal,
        }
    }
}

impl<K: KeyValue + ?Sized> KeyValue for &K {
    fn key_literal(&self) -> KeyLiteral {
        (**self).key_literal()
    }
}

impl KeyValue for str {
    fn key_literal(&self) -> KeyLiteral {
        KeyLiteral::String(self.to_owned())
    }
}

impl KeyValue for String {
    fn key_literal(&self) -> KeyLiteral {
        KeyLiteral::String(self.clone())
    }
}

macro_rules! integer_key {
    ($($ty:ty),*) => {$(
        impl KeyValue for $ty {
            fn key_literal(&self) -> KeyLiteral {
                KeyLiteral::Other(self.to_string())
            }
        }
    )*};
}

integer_key!(u8, i8, i16, i32, i64);

/// A GUID, unquoted (`01234567-89ab-cdef-0123-456789abcdef`).
#[cfg(feature = "uuid")]
impl KeyValue for uuid::Uuid {
    fn key_literal(&self) -> KeyLiteral {
        KeyLiteral::Other(self.hyphenated().to_string())
    }
}

/// One entity. Offers get, update, replace and delete, and derefs to the entity type's
/// navigation properties and bound operations.
pub struct EntityPath<T: Navigable> {
    nav: T::Nav,
    _t: PhantomData<fn() -> T>,
}

impl<T: Navigable> EntityPath<T> {
    #[doc(hidden)]
    pub fn __new(path: ResourcePath) -> Self {
        EntityPath {
            nav: T::Nav::__from_path(path),
            _t: PhantomData,
        }
    }

    /// The resource path.
    pub fn path(&self) -> &ResourcePath {
        self.nav.__path()
    }
}

impl<T: Navigable> Deref for EntityPath<T> {
    type Target = T::Nav;
    fn deref(&self) -> &T::Nav {
        &self.nav
    }
}

impl<T: Navigable> fmt::Debug for EntityPath<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EntityPath({})", self.path().url())
    }
}

impl<T: StructuredType + Navigable> EntityPath<T> {
    /// `GET` the entity: `200 OK` with it. Add `$select`/`$expand`, then `build()`.
    pub fn get(&self) -> Query<T, One<T>> {
        Query::new(self.path().clone())
    }

    /// `PATCH` the entity with only the members in `patch`: `200 OK` with the updated entity,
    /// or `204 No Content`.
    pub fn update(&self, patch: &Patch<T>) -> Result<Request<Updated<T>>, Error> {
        Request::with_body(http::Method::PATCH, self.path(), patch)
    }

    /// `PUT` the whole entity, replacing it: `200 OK` with the entity, or `204 No Content`.
    pub fn replace(&self, value: &T) -> Result<Request<Updated<T>>, Error> {
        Request::with_body(http::Method::PUT, self.path(), value)
    }

    /// `DELETE` the entity: `204 No Content`.
    pub fn delete(&self) -> Result<Request<NoContent>, Error> {
        Request::without_body(http::Method::DELETE, self.path())
    }

    /// The media stream of a media entity (`has_stream`): `{entity}/$value`.
    ///
    /// ```
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::Service;
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let set = service.root::<GraphService>().trust_framework().key_sets().by_id("B2C_1A_x");
    /// let get = set.value().get()?;
    /// assert_eq!(get.http().uri(), "https://graph.microsoft.com/v1.0/trustFramework/keySets/B2C_1A_x/$value");
    /// assert_eq!(get.http().headers()["accept"], "*/*");
    /// let put = set.value().put(b"bytes".to_vec(), "application/octet-stream")?;
    /// assert_eq!(put.http().method(), "PUT");
    /// assert_eq!(put.http().headers()["content-type"], "application/octet-stream");
    /// assert_eq!(put.http().body(), b"bytes");
    /// # Ok::<(), odata_core::request::Error>(())
    /// ```
    pub fn value(&self) -> MediaPath {
        MediaPath(self.path().child("$value"))
    }

    /// A stream property of the entity (`Edm.Stream`, such as a driveItem's `content`):
    /// `{entity}/{property}`, picked from the typed field list.
    pub fn stream(&self, pick: impl FnOnce(&T::Fields<Untyped>) -> Property) -> MediaPath {
        MediaPath(self.path().child(pick(&T::fields::<Untyped>()).name()))
    }
}

/// Where a media stream is read and written: a media entity's `$value` or a stream property.
#[derive(Clone, Debug)]
pub struct MediaPath(ResourcePath);

impl MediaPath {
    /// The resource path.
    pub fn path(&self) -> &ResourcePath {
        &self.0
    }

    /// `GET` the stream's bytes: `200 OK`.
    pub fn get(&self) -> Result<Request<MediaBytes>, Error> {
        Request::media(http::Method::GET, &self.0, None)
    }

    /// `PUT` new bytes of media type `content_type`: `204 No Content` (or `200 OK`).
    pub fn put(&self, bytes: Vec<u8>, content_type: &str) -> Result<Request<NoContent>, Error> {
        Request::media(http::Method::PUT, &self.0, Some((bytes, content_type)))
    }
}

/// Builds bound operation requests; called by generated navigation methods.
#[doc(hidden)]
pub fn action<P: Serialize + ?Sized, R>(
    path: &ResourcePath,
    namespace: &str,
    name: &str,
    parameters: &P,
) -> Result<Request<R>, Error> {
    Request::with_body(
        http::Method::POST,
        &path.operation(namespace, name, false),
        parameters,
    )
}

/// An operation's parameter type `P`, as generated code asks about it, by autoref: a derived
/// structured type ([`StructuredParameters`]) has a model (its properties are the parameters)
/// and goes into an action's body as its members, the JSON object of the parameters without
/// `@odata.type`; any other `Serialize` type ([`PlainParameters`], found when the first does
/// not apply) has no model and goes into the body as it serializes. Generated code calls
/// `(&Parameters::<P>::new()).__parameter_type()` for the model and
/// `(&Parameters::<P>::new()).__action(path, namespace, name, parameters)` for the request.
#[doc(hidden)]
pub struct Parameters<P: ?Sized>(PhantomData<P>);

impl<P: ?Sized> Parameters<P> {
    /// The probe.
    pub const fn new() -> Self {
        Parameters(PhantomData)
    }
}

impl<P: ?Sized> Default for Parameters<P> {
    fn default() -> Self {
        Self::new()
    }
}

/// See [`Parameters`]: a derived structured type.
#[doc(hidden)]
pub trait StructuredParameters {
    /// The parameter type.
    type Parameters: ?Sized;
    /// `Some(P::TYPE)`.
    fn __parameter_type(&self) -> Option<&'static crate::model::TypeInfo>;
    /// The action's request, the parameters' members in the body.
    fn __action<R>(
        &self,
        path: &ResourcePath,
        namespace: &str,
        name: &str,
        parameters: &Self::Parameters,
    ) -> Result<Request<R>, Error>;
}

impl<P: StructuredType> StructuredParameters for Parameters<P> {
    type Parameters = P;
    fn __parameter_type(&self) -> Option<&'static crate::model::TypeInfo> {
        Some(P::TYPE)
    }
    fn __action<R>(
        &self,
        path: &ResourcePath,
        namespace: &str,
        name: &str,
        parameters: &P,
    ) -> Result<Request<R>, Error> {
        action(path, namespace, name, &Members(parameters))
    }
}

/// See [`Parameters`]: any other `Serialize` type.
#[doc(hidden)]
pub trait PlainParameters {
    /// The parameter type.
    type Parameters: ?Sized;
    /// `None`: the model does not describe it.
    fn __parameter_type(&self) -> Option<&'static crate::model::TypeInfo>;
    /// The action's request, the parameters serialized as they are in the body.
    fn __action<R>(
        &self,
        path: &ResourcePath,
        namespace: &str,
        name: &str,
        parameters: &Self::Parameters,
    ) -> Result<Request<R>, Error>;
}

impl<P: Serialize + ?Sized> PlainParameters for &Parameters<P> {
    type Parameters = P;
    fn __parameter_type(&self) -> Option<&'static crate::model::TypeInfo> {
        None
    }
    fn __action<R>(
        &self,
        path: &ResourcePath,
        namespace: &str,
        name: &str,
        parameters: &P,
    ) -> Result<Request<R>, Error> {
        action(path, namespace, name, parameters)
    }
}

/// A structured value's members, without its `@odata.type`: an action's parameters object.
struct Members<'a, P>(&'a P);

impl<P: crate::StructuredType> Serialize for Members<'_, P> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        self.0.__write_members(&mut map, None)?;
        map.end()
    }
}

/// See [`action`].
#[doc(hidden)]
pub fn action_without_parameters<R>(
    path: &ResourcePath,
    namespace: &str,
    name: &str,
) -> Result<Request<R>, Error> {
    Request::without_body(http::Method::POST, &path.operation(namespace, name, false))
}

/// See [`action`].
#[doc(hidden)]
pub fn function<R>(path: &ResourcePath, namespace: &str, name: &str) -> Result<Request<R>, Error> {
    Request::without_body(http::Method::GET, &path.operation(namespace, name, true))
}

/// See [`action`]: a function called with parameters. Each parameter (a declared property of
/// `P`, in declaration order) is written in OData's URL syntax, `ns.fn(p1='x',p2=2024-01-01)`:
/// a primitive or enumeration value as its typed literal, percent-encoded; a structured or
/// collection value (which has no literal form) as a parameter alias,
/// `ns.fn(p=@p)?@p=<JSON>` (OData 4.01 URL conventions, 11.2.5.8). A parameter missing from
/// `P`'s JSON (an optional one left out) is omitted; `null` is written as `null`.
#[doc(hidden)]
pub fn function_with_parameters<P: StructuredType, R>(
    path: &ResourcePath,
    namespace: &str,
    name: &str,
    parameters: &P,
) -> Result<Request<R>, Error> {
    let options =
        crate::json::WriteOptions::new().ieee754_compatible(path.service().is_ieee754_compatible());
    let json = crate::json::to_vec_with(parameters, options).map_err(Error::Serialize)?;
    let members: std::collections::HashMap<&str, &serde_json::value::RawValue> =
        serde_json::from_slice(&json).map_err(|e| {
            Error::InvalidQuery(format!(
                "the parameters of function `{namespace}.{name}` ({}) are not a JSON object: {e}",
                P::TYPE.rust_name
            ))
        })?;
    let mut arguments = String::new();
    let mut aliases = String::new();
    for property in P::TYPE.properties {
        let Some(raw) = members.get(property.name) else {
            continue;
        };
        let literal = parameter_literal(&property.edm, raw.get()).map_err(|why| {
            Error::InvalidQuery(format!(
                "parameter `{}` ({}) of function `{namespace}.{name}`: {why}",
                property.name, property.edm
            ))
        })?;
        if !arguments.is_empty() {
            arguments.push(',');
        }
        arguments.push_str(property.name);
        arguments.push('=');
        match literal {
            Some(literal) => arguments.push_str(&encode_segment(&literal)),
            None => {
                arguments.push('@');
                arguments.push_str(property.name);
                if !aliases.is_empty() {
                    aliases.push('&');
                }
                aliases.push('@');
                aliases.push_str(property.name);
                aliases.push('=');
                aliases.push_str(&encode_query_value(raw.get()));
            }
        }
    }
    Request::get(&path.function_call(namespace, name, &arguments), &aliases)
}
