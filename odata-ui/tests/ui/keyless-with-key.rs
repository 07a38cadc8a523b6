use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", keyless)]
pub struct Settings {
    #[odata(key)]
    pub id: Option<String>,
}

#[derive(ODataEntity, Default)]
#[odata(namespace = "contoso", keyless)]
pub struct Derived {
    #[odata(base)]
    pub entity: Entity,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex, keyless)]
pub struct Money {
    pub amount: Option<f64>,
}

fn main() {}
