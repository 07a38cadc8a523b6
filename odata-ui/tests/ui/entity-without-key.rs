use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Customer {
    pub name: Option<String>,
}

fn main() {}
