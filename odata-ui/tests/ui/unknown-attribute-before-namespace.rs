use odata_core::ODataEntity;

// The unknown key comes first in the attribute: it alone must be reported, and the namespace
// after it must still be read.
#[derive(ODataEntity)]
#[odata(open_type, namespace = "contoso", complex)]
pub struct Address {
    pub city: Option<String>,
}

fn main() {}
