use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex, open_type)]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
