use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
enum Level {
    Low,
    #[odata(other, rename = "unknown")]
    Other(String),
}

fn main() {}
