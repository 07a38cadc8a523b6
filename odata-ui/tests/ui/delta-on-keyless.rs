use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", keyless, delta)]
pub struct Settings {
    pub theme: Option<String>,
}

fn main() {}
