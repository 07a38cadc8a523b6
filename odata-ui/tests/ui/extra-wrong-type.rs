use std::collections::HashMap;

use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Address {
    pub city: Option<String>,
    #[odata(extra)]
    pub extra: HashMap<String, serde_json::Value>,
}

fn main() {}
