use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity, Default)]
#[odata(namespace = "contoso")]
pub struct Folder {
    #[odata(base)]
    pub entity: Entity,
    #[odata(contains_target)]
    pub children: Option<Vec<String>>,
}

fn main() {}
