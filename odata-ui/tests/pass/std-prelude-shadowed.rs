//! A module where every std prelude name the generated code could use is taken by a user item.
//! The fields spell their std types in full; the generated code must reach std through paths
//! the user cannot shadow.
#![allow(dead_code, non_camel_case_types)]

mod shadowed {
    use odata_core::graph::Entity;
    use odata_core::{Extra, ODataEntity};

    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Result;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Default;
    pub struct Into;
    pub struct From;
    pub struct Iterator;
    pub struct IntoIterator;
    pub struct Sized;
    pub struct Clone;
    pub struct Drop;

    #[derive(ODataEntity, Debug, PartialEq)]
    #[odata(namespace = "contoso.sdk")]
    pub struct Widget {
        #[odata(base)]
        pub entity: Entity,
        pub display_name: std::option::Option<std::string::String>,
        pub sizes: std::vec::Vec<i64>,
        #[odata(each = "tag")]
        pub tags: std::option::Option<std::vec::Vec<std::string::String>>,
        #[odata(extra)]
        pub extra: Extra,
    }

    #[derive(ODataEntity, Debug, PartialEq)]
    #[odata(namespace = "contoso.sdk")]
    pub struct Gadget {
        #[odata(key)]
        pub id: std::string::String,
        pub weight: f64,
    }
}

use odata_core::EntityType;

fn main() {
    let widget = shadowed::Widget::builder()
        .id("w1")
        .display_name("Gear")
        .push_sizes(1)
        .tag("metal")
        .build();
    assert_eq!(widget.id(), Some("w1"));
    let json = odata_core::json::to_string(&widget).unwrap();
    assert_eq!(
        json,
        r##"{"@odata.type":"#contoso.sdk.widget","id":"w1","displayName":"Gear","sizes":[1],"tags":["metal"]}"##
    );
    let back: shadowed::Widget = odata_core::json::from_str(&json).unwrap();
    assert_eq!(back, widget);

    let gadget = shadowed::Gadget::builder("g1", 2.5).build();
    assert_eq!(gadget.id(), Some("g1"));
}
