use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
enum Level {
    Low,
    #[odata(value = 5)]
    High = 4,
}

fn main() {}
