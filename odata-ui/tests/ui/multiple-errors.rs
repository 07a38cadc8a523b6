use odata_core::ODataEntity;

// Three independent mistakes, all reported by one build: an invalid namespace, an unknown
// field attribute, and `each` on a field that is not a collection.
#[derive(ODataEntity)]
#[odata(namespace = "contoso..sales", complex)]
pub struct Address {
    #[odata(flatten)]
    pub city: Option<String>,
    #[odata(each = "line")]
    pub street: Option<String>,
}

fn main() {}
