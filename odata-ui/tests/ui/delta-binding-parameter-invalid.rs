use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", delta(binding_parameter = "1st"))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
