use odata_core::graph::{Entity, TrustFrameworkKeySet};
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", action(name = "keySets"))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
    #[odata(navigation)]
    pub key_sets: Option<Vec<TrustFrameworkKeySet>>,
}

fn main() {}
