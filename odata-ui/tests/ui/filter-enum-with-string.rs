//! An enumeration property compared with its member's name as a string.
use odata_core::request::{HasFields, Typed};
use odata_core::{ODataEntity, ODataEnum};

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "contoso")]
pub enum Color {
    Red,
    Green,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso", complex)]
pub struct Paint {
    pub color: Option<Color>,
}

fn main() {
    let f = Paint::fields::<Typed>();
    let _ = f.color.eq("red");
}
