use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(rename = "")]
    pub city: Option<String>,
}

fn main() {}
