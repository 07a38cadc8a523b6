use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Customer {
    #[odata(base)]
    pub entity: Entity,
    #[odata(base)]
    pub other: Entity,
}

fn main() {}
