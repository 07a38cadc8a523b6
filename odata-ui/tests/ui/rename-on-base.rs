use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Customer {
    #[odata(base, rename = "parent")]
    pub entity: Entity,
}

fn main() {}
