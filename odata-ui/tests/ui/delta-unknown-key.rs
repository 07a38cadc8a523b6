use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", delta(returns = Vault))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
