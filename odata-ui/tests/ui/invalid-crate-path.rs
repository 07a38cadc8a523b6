use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex, crate = "not a path!")]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
