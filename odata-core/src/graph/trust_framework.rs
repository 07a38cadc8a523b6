use crate::graph::{Entity, TrustFrameworkKeySet};
use crate::{Extra, ODataEntity};

/// `microsoft.graph.trustFramework`: the type of the `trustFramework` singleton, which holds
/// the key sets.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct TrustFramework {
    /// The inherited `microsoft.graph.entity` part.
    #[odata(base)]
    pub entity: Entity,
    /// The key sets (a contained, collection-valued navigation property: they exist only under
    /// the singleton, with no entity set of their own).
    #[odata(navigation, contains_target)]
    pub key_sets: Option<Vec<TrustFrameworkKeySet>>,
    /// Annotations and members the model does not declare.
    #[odata(extra)]
    pub extra: Extra,
}

/// The Microsoft Graph entity container, as far as this crate models it: the start of every
/// navigation (`Service::root::<GraphService>()`).
///
/// ```
/// use odata_core::graph::GraphService;
/// use odata_core::request::Service;
///
/// let service = Service::graph("https://graph.microsoft.com/beta")?;
/// let get = service.root::<GraphService>().trust_framework().key_sets().by_id("B2C_1A_x").get_active_key()?;
/// assert_eq!(get.http().method(), "GET");
/// assert_eq!(get.http().uri(), "https://graph.microsoft.com/beta/trustFramework/keySets/B2C_1A_x/getActiveKey");
/// # Ok::<(), odata_core::request::Error>(())
/// ```
#[derive(ODataEntity)]
#[odata(namespace = "microsoft.graph", container)]
pub struct GraphService {
    /// The `trustFramework` singleton.
    pub trust_framework: TrustFramework,
}
