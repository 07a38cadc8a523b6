use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(complex)]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
