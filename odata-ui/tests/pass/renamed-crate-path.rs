//! The runtime reached through another crate's re-export, as an SDK that wraps odata-core
//! would do: `#[odata(crate = "sdk::odata")]` makes the generated code use that path.

mod sdk {
    pub use ::odata_core as odata;
}

use sdk::odata::graph::Entity;
use sdk::odata::{EntityType, Extra};

#[derive(sdk::odata::ODataEntity, Debug, PartialEq)]
#[odata(namespace = "contoso.sdk", crate = "sdk::odata")]
pub struct Gadget {
    #[odata(base)]
    pub entity: Entity,
    pub label: Option<String>,
    #[odata(each = "part")]
    pub parts: Vec<Part>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(sdk::odata::ODataEntity, Debug, PartialEq)]
#[odata(namespace = "contoso.sdk", complex, crate = "sdk::odata")]
pub struct Part {
    pub serial: String,
}

fn main() {
    let gadget = Gadget::builder()
        .id("g1")
        .label("box")
        .part(Part::builder("s1").build())
        .build();
    assert_eq!(gadget.id(), Some("g1"));
    let json = sdk::odata::json::to_string(&gadget).unwrap();
    assert_eq!(
        json,
        r##"{"@odata.type":"#contoso.sdk.gadget","id":"g1","label":"box","parts":[{"@odata.type":"#contoso.sdk.part","serial":"s1"}]}"##
    );
    let back: Gadget = sdk::odata::json::from_str(&json).unwrap();
    assert_eq!(back, gadget);
}
