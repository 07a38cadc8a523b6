use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Customer {
    #[odata(key = "true")]
    pub id: String,
}

fn main() {}
