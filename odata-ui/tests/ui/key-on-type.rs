use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", key)]
pub struct Customer {
    pub id: String,
}

fn main() {}
