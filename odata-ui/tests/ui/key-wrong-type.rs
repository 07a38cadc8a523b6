use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Reading {
    #[odata(key)]
    pub value: f64,
}

fn main() {}
