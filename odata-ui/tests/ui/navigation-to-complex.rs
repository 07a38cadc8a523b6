use odata_core::graph::{Entity, TrustFrameworkKey};
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
    #[odata(navigation)]
    pub keys: Option<Vec<TrustFrameworkKey>>,
}

fn main() {}
