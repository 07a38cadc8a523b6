use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex, open)]
pub struct Settings {
    pub theme: Option<String>,
}

fn main() {}
