use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso", rename = "level")]
enum Level {
    Low,
    #[odata(key)]
    High,
}

fn main() {}
