use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", action(name = "rotate", nullable_binding = true))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
