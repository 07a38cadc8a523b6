use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", function(name = "count", collection = true, returns = i64))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
