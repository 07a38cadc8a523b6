use odata_core::graph::TrustFrameworkKeySet;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", container)]
pub struct Service {
    #[odata(binding(path = "owners", target = "keySets"))]
    pub key_sets: Vec<TrustFrameworkKeySet>,
}

fn main() {}
