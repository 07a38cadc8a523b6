//! Sans-IO requests: every operation of a derived entity type as an
//! [`http::Request<Vec<u8>>`](http::Request) value, and its response parsed from an
//! [`http::Response`] body. No HTTP stack is chosen here.
//!
//! ```
//! use odata_core::graph::{GraphService, TrustFrameworkKey, TrustFrameworkKeySet};
//! use odata_core::request::Service;
//!
//! let service = Service::graph("https://graph.microsoft.com/v1.0")?;
//! let key_sets = service.root::<GraphService>().trust_framework().key_sets();
//!
//! let body = TrustFrameworkKeySet::builder().key(TrustFrameworkKey::builder().build()).build();
//! let create = key_sets.create(&body)?;
//! assert_eq!(create.http().method(), "POST");
//! assert_eq!(create.http().uri(), "https://graph.microsoft.com/v1.0/trustFramework/keySets");
//!
//! // Whatever executes the request hands the response back for parsing.
//! let response = http::Response::builder()
//!     .status(201)
//!     .body(br#"{"id":"B2C_1A_new","keys":[]}"#.to_vec())
//!     .unwrap();
//! let created = create.parse_response(&response)?;
//! assert_eq!(created.entity.id.as_deref(), Some("B2C_1A_new"));
//! # Ok::<(), odata_core::request::Error>(())
//! ```

// The layers, bottom-up; each module imports only from the ones above it in this list.
/// JSON batches (requests, resource paths, errors).
mod batch;
/// Delta queries (requests, paths, queries, paging, errors).
mod delta;
/// Errors of requests and responses (no dependency).
mod error;
/// Entity tags, preferences, reply headers (no dependency).
mod etag;
/// Typed field lists (no dependency).
mod fields;
/// Typed `$filter` expressions (fields).
mod filter;
/// The page type (no dependency).
mod page;
/// Walking pages (requests, pages, errors).
mod paging;
/// `PATCH` bodies (fields, errors).
mod patch;
/// Typed navigation paths (resource paths, requests, queries, patches).
mod path;
/// Query options (fields, filters, resource paths, requests).
mod query;
/// Requests and response kinds (resource paths, errors, pages).
#[allow(clippy::module_inception)]
mod request;
/// Services, conventions and resource paths (errors).
mod resource;

pub use batch::{Batch, BatchId, BatchOf, BatchParts, BatchResponses, MAX_BATCH_REQUESTS};
pub use delta::{
    delta_pages, AfterDelta, Change, DeltaFunction, DeltaLink, DeltaOf, DeltaPage, DeltaPages,
    DeltaRound, Removed, RemovedReason,
};
pub use error::{Error, InnerError, ODataError, ODataErrorDetail, ServiceError};
pub use etag::{ETag, InvalidETag, Preference, Reply};
pub use fields::{HasFields, Mode, NavigationProperty, OrderBy, Property, Typed, Untyped};
pub use filter::{
    Collection, Comparable, Complex, Filter, HasFlags, ItemFields, Literal, Many, Operand, Scalar,
    ScalarOf, Single, Structured, Text, ValueOf,
};
pub use page::Page;
pub use paging::{pages, PageError, Pages};
pub use patch::{Patch, Tracked};
pub use path::{
    CollectionPath, EntityContainer, EntityPath, KeyLiteral, KeyValue, MediaPath, Navigable, Root,
};
pub use query::{Expand, Query, Search, Target};
pub use request::{
    Created, MaybeCreated, MediaBytes, NoContent, One, PageOf, Request, ResponseKind, Returned,
    Updated, ValuesOf,
};
pub use resource::{Conventions, KeySyntax, ResourcePath, Service};

#[doc(hidden)]
pub use fields::{Field, FieldList, Nav};
#[doc(hidden)]
pub use path::{
    action, action_without_parameters, function, function_with_parameters, NavPath,
    NoCollectionOperations, Parameters, PlainParameters, StructuredParameters,
};

#[cfg(all(test, feature = "time", feature = "uuid"))]
mod operation_tests;

#[cfg(test)]
mod layers {
    /// The modules bottom-up, with their sources: each may import (`use super::...`) only
    /// modules listed before it, so the layers cannot form a circle again.
    const LAYERS: [(&str, &str); 13] = [
        ("error", include_str!("error.rs")),
        ("etag", include_str!("etag.rs")),
        ("fields", include_str!("fields.rs")),
        ("filter", include_str!("filter.rs")),
        ("page", include_str!("page.rs")),
        ("resource", include_str!("resource.rs")),
        ("patch", include_str!("patch.rs")),
        ("request", include_str!("request.rs")),
        ("query", include_str!("query.rs")),
        ("path", include_str!("path.rs")),
        ("paging", include_str!("paging.rs")),
        ("batch", include_str!("batch.rs")),
        ("delta", include_str!("delta.rs")),
    ];

    /// The sibling modules a source imports, by `super::name` or `crate::request::name`.
    fn imports(source: &str) -> Vec<&str> {
        let mut found = Vec::new();
        for prefix in ["super::", "crate::request::"] {
            let mut rest = source;
            while let Some(at) = rest.find(prefix) {
                rest = &rest[at + prefix.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if let Some((module, _)) = LAYERS.iter().find(|(m, _)| *m == name) {
                    found.push(*module);
                }
            }
        }
        found
    }

    #[test]
    fn each_module_imports_only_lower_layers() {
        for (index, (module, source)) in LAYERS.iter().enumerate() {
            for imported in imports(source) {
                let position = LAYERS.iter().position(|(m, _)| *m == imported).unwrap();
                assert!(
                    position < index,
                    "request::{module} imports request::{imported}, which is not below it"
                );
            }
        }
    }

    #[test]
    fn the_check_sees_an_upward_import() {
        assert_eq!(
            imports("use super::path::Root;\nuse super::error::Error;"),
            ["path", "error"]
        );
    }
}
