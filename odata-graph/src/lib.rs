//! The Microsoft Graph v1.0 model, generated at build time by `odata-codegen` from Graph's
//! CSDL (`clean_v10_metadata/cleanMetadata.xml`).
//!
//! One module per namespace: `microsoft::graph` (re-exported at the crate root as
//! [`graph`]), `microsoft::graph::security`, `microsoft::graph::call_records`, ...
//! What the generator left out, and why, is listed in [`codegen_report`].
//!
//! ```
//! use odata_graph::graph::{AnyDirectoryObject, User};
//!
//! let user: User = odata_core::json::from_str(
//!     r##"{"@odata.type":"#microsoft.graph.user","id":"u1","displayName":"Adele","accountEnabled":true}"##,
//! )?;
//! assert_eq!(user.display_name.as_deref(), Some("Adele"));
//! # Ok::<(), odata_core::json::Error>(())
//! ```

//!
//! Every generated type by qualified name is in [`registry`]: the static model of the whole
//! document (for its CSDL, written by `odata_core::csdl`), and [`registry::visit`], which calls
//! a generic function with the Rust type that reads a value of a named type (its polymorphic
//! `AnyT` enum when it has subtypes). Nothing is instantiated for a type until a caller does.
//!
//! ```
//! use odata_graph::registry::{self, TypeVisitor};
//!
//! let user = registry::STRUCTURED_TYPES
//!     .iter()
//!     .find(|t| t.qualified_name == "microsoft.graph.user")
//!     .unwrap();
//! assert_eq!(user.base.unwrap().qualified_name, "microsoft.graph.directoryObject");
//!
//! struct RustName;
//! impl TypeVisitor for RustName {
//!     type Output = &'static str;
//!     fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> &'static str {
//!         std::any::type_name::<T>()
//!     }
//! }
//! assert_eq!(
//!     registry::visit("microsoft.graph.directoryObject", RustName),
//!     Some("odata_graph::microsoft::graph::AnyDirectoryObject")
//! );
//! assert_eq!(registry::visit("microsoft.graph.nothing", RustName), None);
//! ```

// `workbookFunctions` carries some 300 `#[odata(action(...))]` attributes.
#![recursion_limit = "1024"]

include!(concat!(env!("OUT_DIR"), "/graph_v1.rs"));

pub use microsoft::graph;
