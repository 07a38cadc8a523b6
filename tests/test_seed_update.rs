//! The seed page "Update keySets" (PATCH -> 200): its request body comes out of a typed value
//! and its response parses and round-trips. The page's path has no id (`PATCH
//! /trustFramework/keySets`); a key set is addressed by id (`/trustFramework/keySets/{id}`), which
//! the navigation builders write.

mod common;

use common::{canonical_annotations, fixture, json};
use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::EntityType;

#[test]
fn request_body_is_built_from_typed_values() {
    let body = TrustFrameworkKeySet::builder()
        .keys([TrustFrameworkKey::builder().build()])
        .build();
    let ours = json(&odata_core::json::to_string(&body).unwrap());

    let mut page = json(&fixture("seed_update_request.json"));
    let changed = canonical_annotations(&mut page);
    assert_eq!(
        changed,
        ["$.keys[0].@odata.type"],
        "the only permitted difference"
    );
    assert_eq!(ours, page);
}

#[test]
fn response_parses_with_id_and_keys() {
    let text = fixture("seed_update_response.json");
    let updated: TrustFrameworkKeySet = odata_core::json::from_str(&text).unwrap();
    assert_eq!(updated.id(), Some("8acc96bc-96bc-8acc-bc96-cc8abc96cc8a"));
    let keys = updated.keys.as_deref().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0], TrustFrameworkKey::default());
}

#[test]
fn response_round_trips_losslessly() {
    let text = fixture("seed_update_response.json");
    let updated: TrustFrameworkKeySet = odata_core::json::from_str(&text).unwrap();
    let written = odata_core::json::to_string_pretty(&updated).unwrap();
    let mut page = json(&text);
    canonical_annotations(&mut page);
    assert_eq!(json(&written), page);
    assert_eq!(
        odata_core::json::from_str::<TrustFrameworkKeySet>(&written).unwrap(),
        updated
    );
}
