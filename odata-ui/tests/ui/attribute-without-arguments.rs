use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
