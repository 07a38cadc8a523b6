use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
enum Color {
    Blue = 1,
    Green,
    Red = 1,
}

fn main() {}
