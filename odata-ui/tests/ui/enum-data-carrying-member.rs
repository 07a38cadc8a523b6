use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
enum Color {
    Blue,
    Red(u8),
}

fn main() {}
