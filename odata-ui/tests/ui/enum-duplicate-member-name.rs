use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
enum Level {
    Low,
    #[odata(rename = "low")]
    Minimal,
}

fn main() {}
