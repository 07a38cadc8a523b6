use odata_core::{Flags, ODataEntity, ODataEnum};

#[derive(ODataEnum, Clone)]
#[odata(namespace = "contoso")]
pub enum Importance {
    Low,
    High,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Message {
    pub importance: Option<Flags<Importance>>,
}

fn main() {}
