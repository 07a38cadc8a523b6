use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    pub line: Option<String>,
    #[odata(each = "line")]
    pub lines: Vec<String>,
}

fn main() {}
