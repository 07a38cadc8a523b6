//! Microsoft Graph's `trustFramework` key set types, written with the project's own derive.
//!
//! - [`Entity`]: `microsoft.graph.entity`, the abstract base of every Graph entity; gives `id`.
//! - [`TrustFrameworkKeySet`]: `microsoft.graph.trustFrameworkKeySet`, an entity holding keys.
//! - [`TrustFrameworkKey`]: `microsoft.graph.trustFrameworkKey`, a complex type: one JWK.
//!
//! ```
//! use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
//! use odata_core::EntityType;
//!
//! // The create request body of the Graph page "Create trustFrameworkKeySet".
//! let body = TrustFrameworkKeySet::builder().key(TrustFrameworkKey::builder().build()).build();
//! let json = odata_core::json::to_string(&body)?;
//! assert_eq!(
//!     json,
//!     r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","keys":[{"@odata.type":"#microsoft.graph.trustFrameworkKey"}]}"##
//! );
//!
//! // Its response: the nested annotation has no `#`, which is accepted.
//! let created: TrustFrameworkKeySet = odata_core::json::from_str(r##"{
//!   "@odata.type": "#microsoft.graph.trustFrameworkKeySet",
//!   "id": "f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5f1",
//!   "keys": [ { "@odata.type": "microsoft.graph.trustFrameworkKey" } ]
//! }"##)?;
//! assert_eq!(created.id(), Some("f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5f1"));
//! assert_eq!(created.keys.as_ref().map(Vec::len), Some(1));
//! # Ok::<(), odata_core::json::Error>(())
//! ```

mod key;
mod key_set;
mod operations;
mod trust_framework;

pub use key::TrustFrameworkKey;
pub use key_set::TrustFrameworkKeySet;
pub use operations::{
    GenerateKeyParameters, KeyType, KeyUse, UploadCertificateParameters, UploadPkcs12Parameters,
    UploadSecretParameters,
};
pub use trust_framework::{GraphService, TrustFramework};

use crate::ODataEntity;

/// `microsoft.graph.entity`: the abstract base type of every Graph entity type. It declares
/// the key `id` (Edm.String), which every entity inherits.
///
/// Embed it as a `#[odata(base)]` field to inherit `id`:
///
/// ```
/// use odata_core::graph::Entity;
/// use odata_core::{EntityType, ODataEntity};
///
/// #[derive(ODataEntity)]
/// #[odata(namespace = "microsoft.graph")]
/// struct Application {
///     #[odata(base)]
///     entity: Entity,
///     display_name: Option<String>,
/// }
///
/// let app = Application::builder().id("a1").display_name("app").build();
/// assert_eq!(app.id(), Some("a1"));
/// assert_eq!(app.entity.id.as_deref(), Some("a1"));
/// ```
#[derive(ODataEntity, Clone, Debug, Default, PartialEq, Eq)]
#[odata(namespace = "microsoft.graph", name = "entity", abstract)]
pub struct Entity {
    /// The unique identifier of the entity; `None` before the service assigns one.
    #[odata(key)]
    pub id: Option<String>,
}
