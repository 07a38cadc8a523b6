//! OData entities in Rust: `#[derive(ODataEntity)]` and the runtime it targets.
//!
//! A derived type reads and writes the OData JSON format (`@odata.type` first, in canonical
//! `#namespace.name` form; inherited properties first; unknown members and annotations kept),
//! describes itself in a static [`model::TypeInfo`], and gets a typed builder.
//!
//! ```
//! use odata_core::{EntityType, Extra, ODataEntity};
//! use odata_core::graph::Entity;
//!
//! /// A Graph-style entity: inherits `id` from `microsoft.graph.entity`.
//! #[derive(ODataEntity, Debug, PartialEq)]
//! #[odata(namespace = "contoso.sdk")]
//! pub struct Widget {
//!     #[odata(base)]
//!     pub entity: Entity,
//!     pub display_name: Option<String>,
//!     #[odata(rename = "type")]
//!     pub kind: Option<String>,
//!     #[odata(each = "tag")]
//!     pub tags: Option<Vec<String>>,
//!     #[odata(extra)]
//!     pub extra: Extra,
//! }
//!
//! // Build a value and write it: `@odata.type` first, unset members left out.
//! let widget = Widget::builder().display_name("Gear").tag("metal").tag("small").build();
//! assert_eq!(
//!     odata_core::json::to_string(&widget)?,
//!     r##"{"@odata.type":"#contoso.sdk.widget","displayName":"Gear","tags":["metal","small"]}"##,
//! );
//!
//! // Read a response: the annotation may lack the `#`, the id comes from the base type, and
//! // members the model does not know are kept and written back.
//! let read: Widget = odata_core::json::from_str(
//!     r#"{"@odata.type":"contoso.sdk.widget","id":"w1","type":"gear","weight":3}"#,
//! )?;
//! assert_eq!(read.id(), Some("w1"));
//! assert_eq!(read.kind.as_deref(), Some("gear"));
//! assert_eq!(
//!     odata_core::json::to_string(&read)?,
//!     r##"{"@odata.type":"#contoso.sdk.widget","id":"w1","type":"gear","weight":3}"##,
//! );
//! # Ok::<(), odata_core::json::Error>(())
//! ```
//!
//! The Microsoft Graph types this project was started for live in [`graph`].

#![warn(missing_docs)]

extern crate self as odata_core;

#[cfg(feature = "async-client")]
pub mod async_client;
#[cfg(feature = "client")]
pub mod client;
pub mod csdl;
pub mod edm;
mod enums;
mod extra;
mod format;
pub mod graph;
pub mod json;
pub mod model;
pub mod policy;
mod poly;
pub mod request;
mod secret;
mod traits;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// The `chrono` crate, re-exported (feature `chrono`).
#[cfg(feature = "chrono")]
pub use chrono;
pub use edm::EdmValue;
pub use enums::{EnumType, Flags, FlagsEnum};
pub use extra::{Extra, Media};
pub use format::ODATA_TYPE;
pub use poly::Polymorphic;
/// The `rust_decimal` crate, re-exported (feature `decimal`).
#[cfg(feature = "decimal")]
pub use rust_decimal;
pub use secret::Secret;
/// The `time` crate, re-exported so that generated code and SDKs use the version this crate
/// implements `EdmValue` for (feature `time`).
#[cfg(feature = "time")]
pub use time;
pub use traits::{ComplexType, EntityType, KeyProperty, StructuredType};
/// The `uuid` crate, re-exported (feature `uuid`).
#[cfg(feature = "uuid")]
pub use uuid;

/// Derives an OData structured type: entity (default) or complex.
///
/// The derive implements [`StructuredType`] (with a static [`model::TypeInfo`]), `serde`'s
/// `Serialize` and `Deserialize` in the OData JSON format, [`EdmValue`], [`EntityType`] or
/// [`ComplexType`], and a typed builder reached through `T::builder()` (named as
/// [`BuilderOf<T>`]). Everything it generates sits in an anonymous `const _: () = { ... };`
/// block and reaches this crate through `::odata_core::__private` (or the `crate` override):
/// it adds no name to your module besides the inherent `builder` function.
///
/// # Attributes
///
/// | attribute | on | meaning | default |
/// |---|---|---|---|
/// | `namespace = "ns"` | type | the schema namespace, dot-separated identifiers | required |
/// | `name = "n"` | type | the OData type name | the struct name in lowerCamelCase |
/// | `entity` | type | an entity type: has a key (own `key` field or inherited through `base`) | yes |
/// | `complex` | type | a complex type: no key; a base, if any, must be complex | no |
/// | `abstract` | type | marks the type abstract in the model | no |
/// | `open` | type | an open type: dynamic properties are kept in the `extra` field (required) and read and written with a type by [`Extra::get_value`] and [`Extra::set_value`] | no |
/// | `keyless` | entity type | an entity type declared without a key (Graph declares its singletons' types so, and abstract bases whose subtypes declare their keys); `id()` is `None` | a key is required |
/// | `has_stream` | entity type | a media entity (`HasStream`); its media annotations are read by [`Extra::media`] | no |
/// | `crate = "path"` | type | the path of this crate, for SDKs that rename or re-export it | `::odata_core` |
/// | `container` | type | an entity container: its fields are entity sets (`Vec<T>`) and singletons (`T`), the start of navigation ([`request::Service::root`]) | — |
/// | `action(name = "n", parameters = P, returns = R)` | entity type | a bound action (`POST`), generated as a method of the entity's path; `parameters` and `returns` optional. `parameters` is a derived complex type, whose properties are the parameters (in the model and `$metadata`; the body is the JSON object of its members, without `@odata.type`), or any other `Serialize` type, sent as it serializes and not in the model. A result `Vec<T>` is read as pages ([`request::ValuesOf`]: `Page<T>` with its next link), a primitive or enumeration result is unwrapped from `{"value": ...}` ([`request::Returned`]), a structured one is the body | — |
/// | `function(name = "n", parameters = P, returns = R)` | entity type | a bound function (`GET`); `returns` required. `P` is a derived complex type whose properties are the parameters (names, Edm types, nullability go into the model and `$metadata`); the request writes them in the URL, `ns.fn(a='x',b=2024-01-01T00:00:00Z)`, each as its typed literal, structured and collection values as aliases (`fn(p=@p)?@p={...}`) | no parameters |
/// | `method = "m"` | `action(...)`, `function(...)` | the Rust method of the operation; several operations of one name (overloads: `range()` and `range(address)` bound to one type) each need their own, and a method taken twice is a compile error. In the model and `$metadata` the overloads share their OData name (see the example below) | the name in snake_case |
/// | `namespace = "ns"` | `action(...)`, `function(...)` | the operation's namespace when it is not the binding type's (Graph's `microsoft.graph.security.runHuntingQuery` bound to `microsoft.graph.security`): the request's path and `$metadata` use it | the binding type's namespace |
/// | `delta`, `delta(namespace = "ns", binding_parameter = "b", nullable_binding, nullable_return)` | entity type | the collection's `delta` function (Graph's delta query, bound to `Collection(T)`, returning it): [`request::DeltaFunction`] (every collection path of `T` gets `delta()` and `delta_from(link)`) and the function in the model and `$metadata`; the keys as for operations | no delta function |
/// | `binding_parameter = "b"`, `nullable_binding`, `nullable_return` | `action(...)`, `function(...)` | for `$metadata` only ([`model::OperationInfo`]): the binding parameter's name (a simple identifier; Graph also uses `bindparameter`, `this`, ...), a nullable binding parameter, a nullable return type (for a collection, nullable items; needs `returns`). Clippy's `duplicated_attributes` flags a key repeated in sibling operation attributes, a known false positive (rust-clippy issue 12923): allow it where it fires | `bindingParameter`, neither nullable |
/// | `rename = "n"` | field | the OData property name | the field name (without `r#`) in lowerCamelCase |
/// | `key` | field | a key property: a string, an integer (`i16`, `i32`, `i64`, `u8`, `i8`) or a GUID (`uuid::Uuid`), bare or in an `Option`; on several fields, a composite key. Addressed by `by_id` (a string), `by_key` (any one key) or `by_composite_key` on [`request::CollectionPath`]; `id()` is the string form of a single string key, `None` otherwise. Beside a `base` field only when the base has no key ([`EntityType::KEYED`]) | none |
/// | `base` | field | the value of the base type: its properties are read and written first, its key is inherited; must implement `Default` | no base |
/// | `extra` | field | an [`Extra`] that keeps unknown members and annotations | unknown members are rejected |
/// | `each = "m"` | `Vec`/`Option<Vec>` field | the builder method that adds one item | `push_<field>` |
/// | `navigation` | field of an entity or complex type | a navigation property. The field may hold a polymorphic `AnyT`: expanded entities are read into their subtypes, while the navigation is addressed, expanded and filtered as one to `T`. On an entity type, a method of the entity's path returning a collection path (`Option<Vec<T>>`) or an entity path (`Option<T>`, `Option<Box<T>>`); an expanded value (`$expand`) is read inline, its `@odata.count`/`@odata.nextLink`/`@odata.navigationLink` by [`Extra::property_annotation`] | a structural property |
/// | `contains_target` | navigation field | the navigation property contains its targets (`ContainsTarget`) | no |
/// | `binding(path = "p", target = "t")` | entity set or singleton of a `container` (repeatable) | a navigation property binding ([`model::NavigationBinding`]): the targets reached by path `p` from the member are in the entity set `t`; the path's first property and the target's first segment are checked at compile time | none |
/// | `nullable = false` | `Option` field | records `Nullable="false"` in the model while the field stays optional (a service may leave the property out, as `$select` does) | `Option` fields are nullable |
///
/// On an enum whose variants each hold one derived type (`User(User)`), the derive makes a
/// polymorphic value of the `#[odata(base)]` variant's type: see [`Polymorphic`]. The variants'
/// types must derive from the base type (a compile-time check); the base variant also holds
/// values of subtypes the model does not know, with their `@odata.type` and every member kept.
///
/// | attribute | on | meaning |
/// |---|---|---|
/// | `base` | the variant of the declared type | reads values of that type, of no `@odata.type`, and of unknown subtypes |
/// | `crate = "path"` | the enum | the path of this crate |
///
/// # Fields and the builder
///
/// | field type | on the wire | builder |
/// |---|---|---|
/// | `Option<T>` | optional; `None` is left out (an explicit `null` read is written back) | `field(impl Into<T>)` |
/// | `Option<Vec<T>>` | optional collection | `field(iter)` sets all, `each(item)` adds one |
/// | `Vec<T>` | required collection | starts empty; `field(iter)`, `each(item)` |
/// | anything else | required: missing is an error | an argument of `T::builder(...)`, and `field(value)` |
/// | the `base` field | the base type's properties | `field(base_value)`, and `id(...)` on entity types |
///
/// Property types: every Edm primitive type (`String`, `bool`, `u8`, `i8`, `i16`, `i32`, `i64`,
/// `f32`, `f64`, [`edm::Binary`], `serde_json::Value` for `Edm.Untyped`, and with their features
/// `time`'s `OffsetDateTime`, `Date`, `Time` and `Duration`, `uuid::Uuid`,
/// `rust_decimal::Decimal`; see [`edm`] for each one's JSON form), other derived types, and
/// `Option`, `Vec` and `Box` of these.
///
/// # Example
///
/// ```
/// use odata_core::{EntityType, Extra, ODataEntity, StructuredType};
///
/// #[derive(ODataEntity, Debug)]
/// #[odata(namespace = "contoso.catalog", name = "product")]
/// pub struct Product {
///     #[odata(key)]
///     pub sku: String,
///     pub price: f64,
///     #[odata(rename = "type")]
///     pub kind: Option<String>,
///     #[odata(each = "tag")]
///     pub tags: Vec<String>,
///     #[odata(extra)]
///     pub extra: Extra,
/// }
///
/// let p = Product::builder("P-1", 9.5).kind("tool").tag("new").build();
/// assert_eq!(p.id(), Some("P-1"));
/// assert_eq!(
///     odata_core::json::to_string(&p)?,
///     r##"{"@odata.type":"#contoso.catalog.product","sku":"P-1","price":9.5,"type":"tool","tags":["new"]}"##
/// );
/// assert_eq!(Product::TYPE.key(), ["sku"]);
/// assert_eq!(Product::TYPE.property("price").unwrap().edm.to_string(), "Edm.Double");
/// # Ok::<(), odata_core::json::Error>(())
/// ```
///
/// Overloads: one OData function name, two parameter lists, two methods.
///
/// ```
/// use odata_core::{request::Service, ODataEntity, StructuredType};
///
/// #[derive(ODataEntity, Clone, Debug, PartialEq)]
/// #[odata(namespace = "contoso", complex)]
/// pub struct RangeAddress {
///     pub address: String,
/// }
///
/// #[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
/// #[odata(namespace = "contoso")]
/// #[odata(function(name = "range", returns = String))]
/// #[odata(function(name = "range", method = "range_with_address", parameters = RangeAddress, returns = String))]
/// pub struct Sheet {
///     #[odata(key)]
///     pub id: Option<String>,
/// }
///
/// #[derive(ODataEntity)]
/// #[odata(namespace = "contoso", container)]
/// pub struct Book {
///     pub sheets: Vec<Sheet>,
/// }
///
/// let service = Service::odata("https://example.com/api")?;
/// let sheet = service.root::<Book>().sheets().by_id("s1");
/// let all = sheet.range()?;
/// let one = sheet.range_with_address(&RangeAddress { address: "A1:B2".into() })?;
/// assert_eq!(all.http().uri(), "https://example.com/api/sheets('s1')/contoso.range()");
/// assert_eq!(
///     one.http().uri(),
///     "https://example.com/api/sheets('s1')/contoso.range(address='A1:B2')"
/// );
/// let names: Vec<_> = Sheet::TYPE.operations.iter().map(|op| op.name).collect();
/// assert_eq!(names, ["range", "range"]);
/// let xml = odata_core::csdl::Document::builder().structured(Sheet::TYPE).build()?.to_xml();
/// assert_eq!(xml.matches(r#"<Function Name="range" IsBound="true">"#).count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Misuse is a compile error at the offending token:
///
/// ```compile_fail
/// use odata_core::ODataEntity;
///
/// #[derive(ODataEntity)]
/// #[odata(namespace = "contoso", complex)]
/// struct Money {
///     #[odata(key)] // error: a complex type has no key
///     currency: String,
/// }
/// ```
pub use odata_derive::ODataEntity;

/// Derives an OData enumeration type from a Rust enum of unit variants.
///
/// The derive implements [`EnumType`] (with a static [`model::EnumInfo`]), [`EdmValue`] and
/// `serde`'s `Serialize` and `Deserialize`: a value is written as its member's name, so the
/// enum works as a property, in collections, in action parameters and as a `$filter` literal
/// ([`EnumType::literal`]).
///
/// # Attributes
///
/// | attribute | on | meaning | default |
/// |---|---|---|---|
/// | `namespace = "ns"` | enum | the schema namespace | required |
/// | `name = "n"` | enum | the OData type name | the enum's name in lowerCamelCase |
/// | `underlying = "Int64"` | enum | the underlying type: `Byte`, `SByte`, `Int16`, `Int32`, `Int64` | `Int32` |
/// | `flags` | enum | `IsFlags`: values are sets of members, held in [`Flags<E>`]; every member needs an explicit value | no |
/// | `crate = "path"` | enum | the path of this crate | `::odata_core` |
/// | `rename = "n"` | variant | the member's name | the variant's name in lowerCamelCase |
/// | `value = 4` (or `Variant = 4`) | variant | the member's value | the previous member's plus one, from 0 |
/// | `other` | a variant `Other(String)` | keeps a member the model does not know, by name, and writes it back as it came | unknown members are rejected |
///
/// # Evolvable and strict enums
///
/// Services add members over time (Graph adds them after `unknownFutureValue`). An enum with an
/// `#[odata(other)]` variant is *evolvable*: a member it does not know is read into that
/// variant and written back unchanged, so nothing fails and nothing is lost. An enum without
/// one is *strict*: an unknown member is an error naming the member's JSON path and the known
/// names. Choose strict for enums whose set of members is closed.
///
/// ```
/// use odata_core::{EnumType, ODataEnum};
///
/// #[derive(ODataEnum, Clone, Copy, Debug, PartialEq)]
/// #[odata(namespace = "microsoft.graph")]
/// pub enum Importance { Low, Normal, High }
///
/// let err = odata_core::json::from_str::<Vec<Importance>>(r#"["low","urgent"]"#).unwrap_err();
/// assert_eq!(err.path(), "$[1]");
/// assert_eq!(
///     err.message(),
///     "unknown member `urgent` of enumeration type `microsoft.graph.importance`, expected one of: low, normal, high"
/// );
/// assert_eq!(Importance::from_value(2), Some(Importance::High));
/// ```
///
/// Misuse is a compile error at the offending token:
///
/// ```compile_fail
/// use odata_core::ODataEnum;
///
/// #[derive(ODataEnum)]
/// #[odata(namespace = "contoso", flags)]
/// enum Access {
///     Read, // error: a flags enum's member needs an explicit value
///     Write = 2,
/// }
/// ```
pub use odata_derive::ODataEnum;

/// Gives a derived type's builder a name: `BuilderOf<T>`.
///
/// The derive defines each builder inside an anonymous scope, so it adds no name to the
/// caller's module; this trait is how to name it.
///
/// ```
/// use odata_core::graph::TrustFrameworkKey;
/// use odata_core::BuilderOf;
///
/// fn signing(b: BuilderOf<TrustFrameworkKey>) -> BuilderOf<TrustFrameworkKey> {
///     b.r#use("sig").kty("RSA")
/// }
/// let key = signing(TrustFrameworkKey::builder()).build();
/// assert_eq!(key.kty.as_deref(), Some("RSA"));
/// ```
pub trait HasBuilder {
    /// The builder type.
    type Builder;
}

/// The builder of derived type `T`.
pub type BuilderOf<T> = <T as HasBuilder>::Builder;
