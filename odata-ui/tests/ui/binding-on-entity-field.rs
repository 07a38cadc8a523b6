use odata_core::graph::{Entity, TrustFrameworkKeySet};
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Holder {
    #[odata(base)]
    pub entity: Entity,
    #[odata(navigation, binding(path = "keys", target = "keySets"))]
    pub sets: Option<Vec<TrustFrameworkKeySet>>,
}

fn main() {}
