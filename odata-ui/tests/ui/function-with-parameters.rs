use odata_core::graph::{Entity, TrustFrameworkKey};
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", function(name = "current", parameters = String, returns = TrustFrameworkKey))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
