use odata_core::graph::{Entity, TrustFrameworkKey};
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", action(returns = TrustFrameworkKey))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
