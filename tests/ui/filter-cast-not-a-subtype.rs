//! A cast to a type that does not derive from the property's type.
use odata_core::graph::{Entity, TrustFrameworkKeySet};
use odata_core::request::{HasFields, Typed};
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Thing {
    #[odata(base)]
    pub entity: Entity,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Holder {
    #[odata(base)]
    pub entity: Entity,
    pub owner: Option<Thing>,
}

fn main() {
    let f = Holder::fields::<Typed>();
    let _ = f.owner.cast::<TrustFrameworkKeySet>();
}
