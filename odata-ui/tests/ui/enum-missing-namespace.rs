use odata_core::ODataEnum;

#[derive(ODataEnum)]
enum Level {
    Low,
    High,
}

fn main() {}
