use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(each = "line")]
    pub street: Option<String>,
}

fn main() {}
