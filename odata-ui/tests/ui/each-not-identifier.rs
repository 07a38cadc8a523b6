use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    #[odata(each = "add line")]
    pub lines: Vec<String>,
}

fn main() {}
