use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", action(name = "rotate", binding_parameter = "this", binding_parameter = "bindparameter"))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
