use odata_core::ODataEnum;

#[derive(ODataEnum)]
#[odata(namespace = "contoso", flags, underlying = "String")]
enum Access {
    Read = 1,
    Write = 2,
}

fn main() {}
