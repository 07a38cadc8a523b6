//! User items in the same module as the derived type, named like the items the derive
//! generates (`__WidgetSlots`, `__WidgetBuilder`), like the runtime functions it calls
//! (`serialize_structured`, ...) and like std items it uses (`Result`). The generated code must
//! neither collide with them nor pick them up.
#![allow(dead_code, non_camel_case_types)]

use odata_core::graph::Entity;
use odata_core::{EntityType, Extra, ODataEntity};

type Result = ();

fn serialize_structured() {}
fn deserialize_structured() {}
fn write_property() {}
fn read_property() {}
fn finish_property() {}
fn missing_property() {}
fn type_info() {}
fn assert_entity_base() {}

struct __WidgetSlots;
struct __WidgetBuilder {
    not_the_generated_one: (),
}
struct __private;
struct TypeInfo;
struct StructuredType;
struct Serializer;
struct Deserializer;
struct Serialize;
struct Deserialize;
struct MapAccess;
struct SerializeMap;
struct EdmValue;
struct HasBuilder;

#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "contoso.sdk")]
pub struct Widget {
    #[odata(base)]
    pub entity: Entity,
    pub display_name: Option<String>,
    #[odata(each = "tag")]
    pub tags: Option<Vec<String>>,
    pub sizes: Vec<i64>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "contoso.sdk")]
pub struct Gadget {
    #[odata(key)]
    pub id: String,
    pub weight: f64,
}

fn main() {
    let _user_items = (
        __WidgetSlots,
        __WidgetBuilder {
            not_the_generated_one: (),
        },
    );
    let widget = Widget::builder()
        .id("w1")
        .display_name("Gear")
        .tag("metal")
        .sizes([1, 2])
        .build();
    assert_eq!(widget.id(), Some("w1"));
    let json = odata_core::json::to_string(&widget).unwrap();
    assert_eq!(
        json,
        r##"{"@odata.type":"#contoso.sdk.widget","id":"w1","displayName":"Gear","tags":["metal"],"sizes":[1,2]}"##
    );
    let back: Widget = odata_core::json::from_str(&json).unwrap();
    assert_eq!(back, widget);

    let gadget = Gadget::builder("g1", 2.5).build();
    assert_eq!(
        odata_core::json::to_string(&gadget).unwrap(),
        r##"{"@odata.type":"#contoso.sdk.gadget","id":"g1","weight":2.5}"##
    );
}
