use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(key)]
    pub id: Option<String>,
    pub city: Option<String>,
}

fn main() {}
