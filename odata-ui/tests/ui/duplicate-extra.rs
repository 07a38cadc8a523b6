use odata_core::{Extra, ODataEntity};

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    pub city: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
    #[odata(extra)]
    pub more: Extra,
}

fn main() {}
