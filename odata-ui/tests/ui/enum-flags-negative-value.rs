use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso", flags)]
enum Access {
    Read = 1,
    Everything = -1,
}

fn main() {}
