//! The seed page "Create trustFrameworkKeySet" (POST /trustFramework/keySets -> 201): its request
//! body comes out of a typed value and its response parses and round-trips.

mod common;

use common::{canonical_annotations, fixture, json};
use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::EntityType;

#[test]
fn request_body_is_built_from_typed_values() {
    let body = TrustFrameworkKeySet::builder()
        .key(TrustFrameworkKey::builder().build())
        .build();
    let ours = json(&odata_core::json::to_string(&body).unwrap());

    let mut page = json(&fixture("seed_create_request.json"));
    assert_ne!(
        ours, page,
        "the page writes the nested annotation without `#`"
    );
    let changed = canonical_annotations(&mut page);
    assert_eq!(
        changed,
        ["$.keys[0].@odata.type"],
        "the only permitted difference"
    );
    assert_eq!(ours, page);
}

#[test]
fn request_body_has_no_id_and_writes_odata_type_first() {
    let body = TrustFrameworkKeySet::builder()
        .key(TrustFrameworkKey::builder().build())
        .build();
    let text = odata_core::json::to_string(&body).unwrap();
    assert!(text.starts_with(r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet""##));
    assert!(text.contains(r##"[{"@odata.type":"#microsoft.graph.trustFrameworkKey"}]"##));
    assert!(
        !text.contains("\"id\""),
        "no id before the service assigns one: {text}"
    );
}

#[test]
fn response_parses_with_id_and_keys() {
    let text = fixture("seed_create_response.json");
    let created: TrustFrameworkKeySet = odata_core::json::from_str(&text).unwrap();
    assert_eq!(created.id(), Some("f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5f1"));
    assert_eq!(created.keys, Some(vec![TrustFrameworkKey::default()]));
    assert!(created.extra.is_empty());
}

#[test]
fn response_round_trips_losslessly() {
    let text = fixture("seed_create_response.json");
    let created: TrustFrameworkKeySet = odata_core::json::from_str(&text).unwrap();
    let written = odata_core::json::to_string(&created).unwrap();

    let mut page = json(&text);
    canonical_annotations(&mut page);
    assert_eq!(json(&written), page);

    let again: TrustFrameworkKeySet = odata_core::json::from_str(&written).unwrap();
    assert_eq!(again, created);
}
