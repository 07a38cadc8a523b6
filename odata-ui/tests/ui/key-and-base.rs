use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Customer {
    #[odata(base)]
    pub entity: Entity,
    #[odata(key)]
    pub number: String,
}

fn main() {}
