use odata_core::graph::TrustFrameworkKeySet;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", container)]
pub struct Service {
    #[odata(binding(path = "keys//x", target = "keySets"))]
    #[odata(binding(path = "microsoft.graph.trustFrameworkKeySet", target = "keySets"))]
    #[odata(binding(target = "keySets"))]
    pub key_sets: Vec<TrustFrameworkKeySet>,
}

fn main() {}
