use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso")]
enum Level {
    Low,
    #[odata(other)]
    Other(String),
    #[odata(other)]
    Another(String),
}

fn main() {}
