use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(rename = "town")]
    #[odata(rename = "city")]
    pub city: Option<String>,
}

fn main() {}
