use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Widget {
    #[odata(base)]
    pub entity: Entity,
    #[odata(rename = "id")]
    pub ident: Option<String>,
}

fn main() {}
