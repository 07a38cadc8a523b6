use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
struct Level {
    value: i32,
}

fn main() {}
