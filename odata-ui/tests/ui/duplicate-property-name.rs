use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    pub city: Option<String>,
    #[odata(rename = "city")]
    pub town: Option<String>,
}

fn main() {}
