use odata_core::graph::{Entity, TrustFrameworkKey};
use odata_core::ODataEntity;

// A function's parameters go into its URL one by one, by the model of a derived type.
#[derive(ODataEntity)]
#[odata(namespace = "contoso", function(name = "current", parameters = String, returns = TrustFrameworkKey))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
