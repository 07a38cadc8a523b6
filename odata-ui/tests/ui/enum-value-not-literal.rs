use odata_core::ODataEnum;

const HIGH: i32 = 2;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
enum Level {
    Low,
    #[odata(value = HIGH)]
    High,
}

fn main() {}
