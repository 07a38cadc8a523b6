use crate::graph::{
    Entity, GenerateKeyParameters, TrustFrameworkKey, UploadCertificateParameters,
    UploadPkcs12Parameters, UploadSecretParameters,
};
use crate::{Extra, ODataEntity};

/// `microsoft.graph.trustFrameworkKeySet`: a set of keys used by Azure AD B2C trust framework
/// policies. An entity type: inherits `id` from [`Entity`].
///
/// Its bound operations are methods of its path,
/// `root.trust_framework().key_sets().by_id(id)`: `generate_key`, `upload_secret`,
/// `upload_certificate`, `upload_pkcs12` (actions, `POST`) and `get_active_key` (function,
/// `GET`), each answered with a [`TrustFrameworkKey`].
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
#[odata(action(name = "generateKey", parameters = GenerateKeyParameters, returns = TrustFrameworkKey))]
#[odata(action(name = "uploadSecret", parameters = UploadSecretParameters, returns = TrustFrameworkKey))]
#[odata(action(name = "uploadCertificate", parameters = UploadCertificateParameters, returns = TrustFrameworkKey))]
#[odata(action(name = "uploadPkcs12", parameters = UploadPkcs12Parameters, returns = TrustFrameworkKey))]
#[odata(function(name = "getActiveKey", returns = TrustFrameworkKey))]
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

/// Graph's key sets have no `delta` function; the embedded service (`odata-service`) gives
/// them one, `microsoft.graph.delta` as Graph binds it to other collections, to test delta
/// rounds end to end.
impl crate::request::DeltaFunction for TrustFrameworkKeySet {
    const DELTA_NAMESPACE: &'static str = "microsoft.graph";
}
