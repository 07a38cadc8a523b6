use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "microsoft..graph", complex)]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
