use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso", flags)]
enum Access {
    Read = 1,
    Write,
}

fn main() {}
