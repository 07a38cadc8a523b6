use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Order {
    #[odata(key)]
    pub number: i32,
}

fn main() {}
