use odata_core::ODataEntity;

// Each key of a type attribute is checked: a wrong key does not hide a second one.
#[derive(ODataEntity)]
#[odata(namespace = "contoso", rename = "address", complex, name = "1address")]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
