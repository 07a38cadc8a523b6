//! A crate that denies missing docs (and other pedantic lints) and documents its own items:
//! nothing the derive generates may trip them.
#![deny(
    missing_docs,
    missing_debug_implementations,
    unused_qualifications,
    unreachable_pub
)]
#![deny(rust_2018_idioms, unused)]

use odata_core::graph::Entity;
use odata_core::{EntityType, Extra, ODataEntity};

/// A documented entity.
#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "contoso.sdk")]
pub struct Widget {
    /// The inherited key.
    #[odata(base)]
    pub entity: Entity,
    /// A required property.
    pub serial: String,
    /// An optional property.
    pub display_name: Option<String>,
    /// A collection.
    pub tags: Vec<String>,
    /// Unknown members.
    #[odata(extra)]
    pub extra: Extra,
}

/// A documented complex type.
#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "contoso.sdk", complex)]
pub struct Size {
    /// Width.
    pub width: i64,
}

/// A documented module with a derived type inside.
pub mod nested {
    use odata_core::ODataEntity;

    /// A documented entity with its own key.
    #[derive(ODataEntity, Debug)]
    #[odata(namespace = "contoso.sdk")]
    pub struct Part {
        /// The key.
        #[odata(key)]
        pub id: String,
    }
}

fn main() {
    let widget = Widget::builder("s1").id("w1").push_tags("a").build();
    assert_eq!(widget.id(), Some("w1"));
    assert_eq!(
        odata_core::json::to_string(&widget).unwrap(),
        r##"{"@odata.type":"#contoso.sdk.widget","id":"w1","serial":"s1","tags":["a"]}"##
    );
    let size = Size::builder(2).build();
    assert_eq!(size.width, 2);
    let part = nested::Part::builder("p1").build();
    assert_eq!(part.id(), Some("p1"));
}
