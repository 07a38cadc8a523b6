use crate::graph::{Entity, TrustFrameworkKey};
use crate::{Extra, ODataEntity};

/// `microsoft.graph.trustFrameworkKeySet`: a set of keys used by Azure AD B2C trust framework
/// policies. An entity type: inherits `id` from [`Entity`].
///
/// ```
/// use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
///
/// let two = TrustFrameworkKeySet::builder()
///     .id("B2C_1A_Signing")
///     .keys([
///         TrustFrameworkKey::builder().kid("k1").build(),
///         TrustFrameworkKey::builder().kid("k2").build(),
///     ])
///     .build();
/// assert_eq!(two.keys.as_ref().unwrap().len(), 2);
/// ```
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct TrustFrameworkKeySet {
    /// The inherited `microsoft.graph.entity` part: the key `id`.
    #[odata(base)]
    pub entity: Entity,
    /// A collection of the keys.
    #[odata(each = "key")]
    pub keys: Option<Vec<TrustFrameworkKey>>,
    /// Annotations and members the model does not declare, kept for the round trip.
    #[odata(extra)]
    pub extra: Extra,
}
