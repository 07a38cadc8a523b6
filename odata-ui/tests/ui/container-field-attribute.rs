use odata_core::graph::TrustFramework;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", container)]
pub struct Service {
    #[odata(key)]
    pub trust_framework: TrustFramework,
}

fn main() {}
