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

mod extra;
mod format;
pub mod graph;
pub mod json;
pub mod model;
mod traits;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use extra::Extra;
pub use format::ODATA_TYPE;
pub use traits::{ComplexType, EdmValue, EntityType, KeyProperty, StructuredType};

pub use odata_derive::ODataEntity;

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
