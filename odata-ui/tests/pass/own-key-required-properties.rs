//! An entity type with its own key (no base) and required properties: the builder takes the
//! required properties as arguments, in field order; reading an object without one of them
//! fails and names it.

use odata_core::{EntityType, ODataEntity, StructuredType};

#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "contoso.sales", name = "Order")]
pub struct SalesOrder {
    #[odata(key)]
    pub id: String,
    pub customer: String,
    pub total_cents: i64,
    pub paid: bool,
    pub note: Option<String>,
    #[odata(each = "line")]
    pub lines: Vec<String>,
}

fn main() {
    let order = SalesOrder::builder("o1", "alice", 1250_i64, true)
        .note("leave at the door")
        .line("apple")
        .line("pear")
        .build();
    assert_eq!(order.id(), Some("o1"));
    assert_eq!(order.customer, "alice");

    let json = odata_core::json::to_string(&order).unwrap();
    assert_eq!(
        json,
        r##"{"@odata.type":"#contoso.sales.Order","id":"o1","customer":"alice","totalCents":1250,"paid":true,"note":"leave at the door","lines":["apple","pear"]}"##
    );
    let back: SalesOrder = odata_core::json::from_str(&json).unwrap();
    assert_eq!(back, order);

    let mut order = order;
    order.set_id("o2".to_owned());
    assert_eq!(order.id, "o2");

    assert_eq!(SalesOrder::TYPE.declared_key, &["id"]);
    assert!(SalesOrder::TYPE.base.is_none());

    let err =
        odata_core::json::from_str::<SalesOrder>(r#"{"id":"o3","customer":"bob","paid":false}"#)
            .unwrap_err();
    assert!(
        err.to_string().contains("totalCents"),
        "the error names the missing property: {err}"
    );
}
