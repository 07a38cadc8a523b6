use odata_core::{Extra, ODataEntity};

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    pub city: Option<String>,
    pub extra: Extra,
}

fn main() {}
