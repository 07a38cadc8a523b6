use odata_core::graph::TrustFramework;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", container)]
pub struct Service {
    pub trust_framework: Option<TrustFramework>,
}

fn main() {}
