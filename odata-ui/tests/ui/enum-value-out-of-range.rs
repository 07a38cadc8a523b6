use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso", underlying = "Byte")]
enum Level {
    Low = 1,
    High = 300,
}

fn main() {}
