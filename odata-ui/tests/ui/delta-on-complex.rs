use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex, delta)]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
