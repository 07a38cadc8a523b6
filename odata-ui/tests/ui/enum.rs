use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub enum Color {
    Red,
    Green,
}

fn main() {}
