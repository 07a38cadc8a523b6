use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", entity, complex)]
pub struct Address {
    #[odata(key)]
    pub id: String,
}

fn main() {}
