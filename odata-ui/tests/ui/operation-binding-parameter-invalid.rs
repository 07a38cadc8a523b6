use odata_core::graph::Entity;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", function(name = "summary", binding_parameter = "the vault", returns = String))]
pub struct Vault {
    #[odata(base)]
    pub entity: Entity,
}

fn main() {}
