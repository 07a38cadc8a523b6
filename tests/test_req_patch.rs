//! PATCH semantics: absent and `null` differ on the wire. A fresh value sends what it sets; a
//! `set_null` sends an explicit `null`; a `Tracked` fetched value sends only what changed since
//! it was fetched (`null` for what was cleared), and nothing when unchanged.

mod test_req_support;

use odata_core::graph::{GraphService, TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::{Patch, Tracked};
use test_req_support::{assert_request, graph, graph_fixture, json, GRAPH_BASE};

const SET_TYPE: &str = "#microsoft.graph.trustFrameworkKeySet";
const KEY_TYPE: &str = "#microsoft.graph.trustFrameworkKey";

fn text<T: odata_core::StructuredType>(patch: &Patch<T>) -> String {
    odata_core::json::to_string(patch).unwrap()
}

fn fetched() -> TrustFrameworkKeySet {
    odata_core::json::from_str(&graph_fixture("get_response.json")).unwrap()
}

/// Sends `patch` with `update` to key set `id-value` and checks the request exactly.
fn send(patch: &Patch<TrustFrameworkKeySet>, expected_body: &str) {
    let request = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("id-value")
        .update(patch)
        .unwrap();
    assert_request(
        &request,
        "PATCH",
        &format!("{GRAPH_BASE}/trustFramework/keySets/id-value"),
        Some(&json(expected_body)),
    );
    assert_eq!(
        std::str::from_utf8(request.http().body()).unwrap(),
        expected_body
    );
}

#[test]
fn fresh_value_sends_only_what_it_sets() {
    let fresh = TrustFrameworkKeySet::builder().id("B2C_1A_renamed").build();
    let patch = Patch::from_value(&fresh).unwrap();
    assert_eq!(patch.names().collect::<Vec<_>>(), ["id"]);
    assert!(!patch.is_empty());
    let expected = format!(r#"{{"@odata.type":"{SET_TYPE}","id":"B2C_1A_renamed"}}"#);
    assert_eq!(text(&patch), expected);
    send(&patch, &expected);

    // A complex type: one member set, one member written.
    let key = TrustFrameworkKey::builder().r#use("enc").build();
    let patch = Patch::from_value(&key).unwrap();
    assert_eq!(
        text(&patch),
        format!(r#"{{"@odata.type":"{KEY_TYPE}","use":"enc"}}"#)
    );
}

#[test]
fn set_null_sends_an_explicit_null() {
    let patch = Patch::<TrustFrameworkKeySet>::new().set_null(|f| f.keys);
    assert_eq!(patch.names().collect::<Vec<_>>(), ["keys"]);
    let expected = format!(r#"{{"@odata.type":"{SET_TYPE}","keys":null}}"#);
    assert_eq!(text(&patch), expected);
    send(&patch, &expected);

    // On a member the value set, `set_null` replaces it (one member, not two).
    let fresh = TrustFrameworkKeySet::builder()
        .id("x")
        .key(TrustFrameworkKey::builder().kid("k").build())
        .build();
    let patch = Patch::from_value(&fresh).unwrap().set_null(|f| f.keys);
    assert_eq!(
        text(&patch),
        format!(r#"{{"@odata.type":"{SET_TYPE}","id":"x","keys":null}}"#)
    );

    // A base type's property, through the field list's deref to `entity`'s.
    let patch = Patch::<TrustFrameworkKeySet>::new().set_null(|f| f.id);
    assert_eq!(
        text(&patch),
        format!(r#"{{"@odata.type":"{SET_TYPE}","id":null}}"#)
    );

    // Complex type members, `use` by its OData name; set twice, written once.
    let patch = Patch::<TrustFrameworkKey>::new()
        .set_null(|f| f.x5t)
        .set_null(|f| f.r#use)
        .set_null(|f| f.x5t);
    assert_eq!(
        text(&patch),
        format!(r#"{{"@odata.type":"{KEY_TYPE}","x5t":null,"use":null}}"#)
    );
}

#[test]
fn tracked_unchanged_is_an_empty_patch() {
    let tracked = Tracked::new(fetched()).unwrap();
    let patch = tracked.patch().unwrap();
    assert!(patch.is_empty());
    assert_eq!(patch.names().count(), 0);
    let expected = format!(r#"{{"@odata.type":"{SET_TYPE}"}}"#);
    assert_eq!(text(&patch), expected);
    send(&patch, &expected);
    assert!(Patch::<TrustFrameworkKeySet>::new().is_empty());
    assert!(Patch::<TrustFrameworkKeySet>::default().is_empty());
}

#[test]
fn tracked_sends_only_modified_properties() {
    let mut tracked = Tracked::new(fetched()).unwrap();
    tracked.keys.as_mut().unwrap()[0].kid = Some("kid-2".to_owned());
    let patch = tracked.patch().unwrap();
    assert_eq!(patch.names().collect::<Vec<_>>(), ["keys"]);
    // A structural collection is replaced as a whole: the whole modified array is sent.
    let mut expected = json(&graph_fixture("get_response.json"));
    expected.as_object_mut().unwrap().remove("id");
    expected["@odata.type"] = SET_TYPE.into();
    expected["keys"][0]["@odata.type"] = KEY_TYPE.into();
    expected["keys"][0]["kid"] = "kid-2".into();
    assert_eq!(json(&text(&patch)), expected);
    send(&patch, &text(&patch));

    // Declared properties in model order (the base type's `id` first).
    tracked.entity.id = Some("renamed".to_owned());
    let patch = tracked.patch().unwrap();
    assert_eq!(patch.names().collect::<Vec<_>>(), ["id", "keys"]);
    assert!(text(&patch).starts_with(&format!(
        r#"{{"@odata.type":"{SET_TYPE}","id":"renamed","keys":[{{"@odata.type":"{KEY_TYPE}","#
    )));

    // Undoing the changes empties the patch again.
    tracked.entity.id = Some("id-value".to_owned());
    tracked.keys.as_mut().unwrap()[0].kid = Some("kid-value".to_owned());
    assert!(tracked.patch().unwrap().is_empty());
    assert_eq!(tracked.into_inner(), fetched());
}

#[test]
fn tracked_sends_null_for_cleared_properties() {
    let mut tracked = Tracked::new(fetched()).unwrap();
    tracked.keys = None;
    let patch = tracked.patch().unwrap();
    let expected = format!(r#"{{"@odata.type":"{SET_TYPE}","keys":null}}"#);
    assert_eq!(text(&patch), expected);
    send(&patch, &expected);

    let mut tracked = Tracked::new(fetched()).unwrap();
    tracked.entity.id = None;
    assert_eq!(
        text(&tracked.patch().unwrap()),
        format!(r#"{{"@odata.type":"{SET_TYPE}","id":null}}"#)
    );
}

/// The fetched body's explicit `null` (`"k": null`) and annotation (`@odata.context`) are not
/// changes; clearing a property that was set is.
#[test]
fn tracked_key_with_nulls_and_annotations() {
    let key: TrustFrameworkKey =
        odata_core::json::from_str(&graph_fixture("generate_key_response.json")).unwrap();
    let mut tracked = Tracked::new(key).unwrap();
    assert!(tracked.patch().unwrap().is_empty());

    tracked.k = None; // already null: no change
    tracked.e = None; // was "AQAB": cleared
    tracked.x5c.as_mut().unwrap().push("MIIC".to_owned());
    tracked.r#use = Some("enc".to_owned());
    assert_eq!(
        text(&tracked.patch().unwrap()),
        format!(r#"{{"@odata.type":"{KEY_TYPE}","e":null,"use":"enc","x5c":["MIIC"]}}"#)
    );
}

/// An unknown member kept from the fetched body is sent back only when it changed.
#[test]
fn tracked_unknown_members() {
    let fetched: TrustFrameworkKeySet = odata_core::json::from_str(
        r#"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#trustFramework/keySets/$entity","id":"a","status":"enabled"}"#,
    )
    .unwrap();
    let mut tracked = Tracked::new(fetched).unwrap();
    assert!(tracked.patch().unwrap().is_empty());
    tracked.extra.insert("status", &"disabled").unwrap();
    assert_eq!(
        text(&tracked.patch().unwrap()),
        format!(r#"{{"@odata.type":"{SET_TYPE}","status":"disabled"}}"#)
    );
}

#[test]
fn diff_of_two_values() {
    let before = TrustFrameworkKeySet::builder()
        .id("a")
        .key(TrustFrameworkKey::builder().kid("k").build())
        .build();
    let after = TrustFrameworkKeySet::builder().id("b").build();
    let patch = Patch::diff(&before, &after).unwrap();
    assert_eq!(
        text(&patch),
        format!(r#"{{"@odata.type":"{SET_TYPE}","id":"b","keys":null}}"#)
    );
    assert!(Patch::diff(&before, &before.clone()).unwrap().is_empty());
}
