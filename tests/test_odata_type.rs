//! `@odata.type`: written first in canonical `#namespace.name` form, nested values carry their
//! own; read with or without `#`, anywhere in the object, or not at all.

use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::EntityType;

#[test]
fn accepted_with_and_without_hash_and_when_missing() {
    for text in [
        r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"a"}"##,
        r##"{"@odata.type":"microsoft.graph.trustFrameworkKeySet","id":"a"}"##,
        r##"{"id":"a","@odata.type":"#microsoft.graph.trustFrameworkKeySet"}"##,
        r##"{"id":"a"}"##,
    ] {
        let set: TrustFrameworkKeySet = odata_core::json::from_str(text).unwrap();
        assert_eq!(set.id(), Some("a"), "{text}");
        assert_eq!(
            odata_core::json::to_string(&set).unwrap(),
            r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"a"}"##,
            "canonical output for {text}"
        );
    }
}

#[test]
fn another_type_is_rejected_even_the_base_type() {
    for other in [
        "#microsoft.graph.entity",
        "microsoft.graph.trustframeworkkeyset",
        "#trustFrameworkKeySet",
        "",
    ] {
        let text = format!(r#"{{"@odata.type":"{other}"}}"#);
        let err = odata_core::json::from_str::<TrustFrameworkKeySet>(&text).unwrap_err();
        assert_eq!(err.path(), "$.@odata.type", "{other}");
    }
}

#[test]
fn nested_values_carry_their_own_annotation() {
    let set = TrustFrameworkKeySet::builder()
        .key(TrustFrameworkKey::builder().kid("a").build())
        .key(TrustFrameworkKey::builder().kid("b").build())
        .build();
    let text = odata_core::json::to_string(&set).unwrap();
    assert_eq!(
        text.matches(r##""@odata.type":"#microsoft.graph.trustFrameworkKey""##)
            .count(),
        2
    );
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    for key in value["keys"].as_array().unwrap() {
        let first = key.as_object().unwrap().keys().next().unwrap();
        assert_eq!(first, "@odata.type");
    }
}

#[test]
fn written_first_also_through_serde_json_value() {
    let key = TrustFrameworkKey::builder().kid("a").kty("RSA").build();
    let value = serde_json::to_value(&key).unwrap();
    assert_eq!(value["@odata.type"], "#microsoft.graph.trustFrameworkKey");
    assert_eq!(value["kid"], "a");
}
