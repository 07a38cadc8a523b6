use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
enum Level {
    #[odata(rename = "very low")]
    Low,
}

fn main() {}
