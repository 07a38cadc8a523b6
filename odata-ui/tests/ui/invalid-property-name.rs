use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(rename = "postal code")]
    pub postal_code: Option<String>,
}

fn main() {}
