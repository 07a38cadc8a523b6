//! A string property inside a complex property compared with a number.
use odata_core::request::{HasFields, Typed};
use odata_core::ODataEntity;

#[derive(ODataEntity)]
#[odata(namespace = "contoso", complex)]
pub struct Attributes {
    pub extension_attribute1: Option<String>,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    pub attributes: Option<Attributes>,
}

fn main() {
    let f = User::fields::<Typed>();
    let _ = f.attributes.at(|a| a.extension_attribute1).eq(1);
}
