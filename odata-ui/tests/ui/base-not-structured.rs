use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(base)]
    pub parent: String,
    pub city: Option<String>,
}

fn main() {}
