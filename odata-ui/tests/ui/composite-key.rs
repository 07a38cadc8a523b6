use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct OrderLine {
    #[odata(key)]
    pub order: String,
    #[odata(key)]
    pub line: String,
}

fn main() {}
