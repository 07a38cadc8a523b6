use odata_core::graph::TrustFrameworkKey;
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct SigningKey {
    #[odata(base)]
    pub key: TrustFrameworkKey,
    pub label: Option<String>,
}

fn main() {}
