use odata_core::graph::TrustFrameworkKeySet;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Holder {
    #[odata(navigation)]
    pub sets: Option<Vec<TrustFrameworkKeySet>>,
}

fn main() {}
