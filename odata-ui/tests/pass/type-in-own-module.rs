//! A derived type declared in a module of its own and used from outside it: the builder, the
//! trait impls and the JSON format all reach across the module boundary.

mod inner {
    use odata_core::graph::Entity;
    use odata_core::{Extra, ODataEntity};

    #[derive(ODataEntity, Debug, PartialEq)]
    #[odata(namespace = "contoso.sdk")]
    pub struct Widget {
        #[odata(base)]
        pub entity: Entity,
        pub display_name: Option<String>,
        #[odata(each = "tag")]
        pub tags: Option<Vec<String>>,
        #[odata(extra)]
        pub extra: Extra,
    }

    pub mod deeper {
        use odata_core::ODataEntity;

        #[derive(ODataEntity, Debug, PartialEq)]
        #[odata(namespace = "contoso.sdk", complex)]
        pub struct Size {
            pub width: i64,
            pub height: Option<i64>,
        }
    }
}

use odata_core::{BuilderOf, EntityType, StructuredType};

fn named(b: BuilderOf<inner::Widget>) -> BuilderOf<inner::Widget> {
    b.display_name("Gear")
}

fn main() {
    let widget = named(inner::Widget::builder())
        .id("w1")
        .tag("metal")
        .build();
    assert_eq!(widget.id(), Some("w1"));
    let json = odata_core::json::to_string(&widget).unwrap();
    assert_eq!(
        json,
        r##"{"@odata.type":"#contoso.sdk.widget","id":"w1","displayName":"Gear","tags":["metal"]}"##
    );
    let back: inner::Widget = odata_core::json::from_str(&json).unwrap();
    assert_eq!(back, widget);

    let size = inner::deeper::Size::builder(3).height(4).build();
    assert_eq!(
        odata_core::json::to_string(&size).unwrap(),
        r##"{"@odata.type":"#contoso.sdk.size","width":3,"height":4}"##
    );
    assert_eq!(inner::deeper::Size::TYPE.qualified_name, "contoso.sdk.size");
}
