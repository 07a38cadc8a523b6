use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub union Bits {
    int: u32,
    float: f32,
}

fn main() {}
