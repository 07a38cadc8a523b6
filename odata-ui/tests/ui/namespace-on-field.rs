use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(namespace = "contoso.geo")]
    pub city: Option<String>,
}

fn main() {}
