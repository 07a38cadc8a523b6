use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex, function(name = "normalize"))]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
