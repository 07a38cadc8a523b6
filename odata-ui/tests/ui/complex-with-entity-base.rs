use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(base)]
    pub entity: Entity,
    pub city: Option<String>,
}

fn main() {}
