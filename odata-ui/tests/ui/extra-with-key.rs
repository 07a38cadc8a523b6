use odata_core::{Extra, ODataEntity};

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Customer {
    #[odata(key)]
    pub id: String,
    #[odata(extra, key)]
    pub extra: Extra,
}

fn main() {}
