use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "1graph", complex)]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
