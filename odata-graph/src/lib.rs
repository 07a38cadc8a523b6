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

// `workbookFunctions` carries some 300 `#[odata(action(...))]` attributes.
#![recursion_limit = "1024"]

include!(concat!(env!("OUT_DIR"), "/graph_v1.rs"));

pub use microsoft::graph;
