use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", action(name = "rotate", binding_parameter = ""))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
