//! Unknown members and instance annotations are kept in the value and written back: parse ->
//! serialize loses nothing, and annotations stand where OData puts them.

use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::EntityType;
use serde_json::Value;

const RESPONSE: &str = r##"{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#trustFramework/keySets/$entity",
  "@odata.type": "#microsoft.graph.trustFrameworkKeySet",
  "@odata.etag": "W/\"3\"",
  "id": "B2C_1A_Signing",
  "keys@odata.type": "#Collection(microsoft.graph.trustFrameworkKey)",
  "keys": [
    {
      "@odata.type": "microsoft.graph.trustFrameworkKey",
      "kid": "k1",
      "status": "enabled",
      "x5c@odata.type": "#Collection(String)",
      "x5c": ["MIIC"],
      "alg": {"name": "RS256", "bits": 2048, "big": 123456789012345678901234567890}
    }
  ],
  "lastModified": "2026-11-24T00:00:00Z",
  "lastModified@odata.type": "#DateTimeOffset"
}"##;

fn parse() -> TrustFrameworkKeySet {
    odata_core::json::from_str(RESPONSE).unwrap()
}

#[test]
fn unknown_members_are_kept_in_order() {
    let set = parse();
    assert_eq!(set.id(), Some("B2C_1A_Signing"));
    let names: Vec<_> = set.extra.iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "@odata.context",
            "@odata.etag",
            "keys@odata.type",
            "lastModified",
            "lastModified@odata.type"
        ]
    );
    let key = &set.keys.as_ref().unwrap()[0];
    let names: Vec<_> = key.extra.iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["status", "x5c@odata.type", "alg"]);
    assert_eq!(
        key.extra.get_as::<String>("status").unwrap().unwrap(),
        "enabled"
    );
}

#[test]
fn parse_then_write_loses_nothing() {
    let written = odata_core::json::to_string(&parse()).unwrap();
    let mut expected: Value = serde_json::from_str(RESPONSE).unwrap();
    expected["keys"][0]["@odata.type"] = "#microsoft.graph.trustFrameworkKey".into();
    assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), expected);
    // Unknown values are written back as their exact text: a number beyond f64 stays exact.
    assert!(written.contains("123456789012345678901234567890"));
    // And a second round trip is a fixed point.
    let again: TrustFrameworkKeySet = odata_core::json::from_str(&written).unwrap();
    assert_eq!(odata_core::json::to_string(&again).unwrap(), written);
}

#[test]
fn annotations_are_placed_where_odata_puts_them() {
    let written = odata_core::json::to_string(&parse()).unwrap();
    let position = |needle: &str| {
        written
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {written}"))
    };
    // A response's @odata.context first, @odata.type next, then the object's annotations.
    assert!(written.starts_with(
        r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#trustFramework/keySets/$entity","@odata.type":"#microsoft.graph.trustFrameworkKeySet","@odata.etag""##
    ), "{written}");
    assert!(position("\"@odata.etag\"") < position("\"id\""));
    // A property's annotation right before the property.
    assert!(written.contains(
        r##""keys@odata.type":"#Collection(microsoft.graph.trustFrameworkKey)","keys":["##
    ));
    assert!(written.contains(r##""x5c@odata.type":"#Collection(String)","x5c":["MIIC"]"##));
    // Unknown properties after the declared ones, their annotations kept next to them.
    assert!(written.ends_with(
        r##""lastModified":"2026-11-24T00:00:00Z","lastModified@odata.type":"#DateTimeOffset"}"##
    ));
}

#[test]
fn explicit_null_is_written_back_as_null() {
    let text = r#"{"kid":"k1","x5t":null,"x5c":null}"#;
    let key: TrustFrameworkKey = odata_core::json::from_str(text).unwrap();
    assert_eq!(key.x5t, None);
    assert_eq!(key.x5c, None);
    let written = odata_core::json::to_string(&key).unwrap();
    assert_eq!(
        written,
        r##"{"@odata.type":"#microsoft.graph.trustFrameworkKey","kid":"k1","x5c":null,"x5t":null}"##
    );
    // A value built in code with the property unset leaves it out.
    let built = TrustFrameworkKey::builder().kid("k1").build();
    assert_eq!(
        odata_core::json::to_string(&built).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.trustFrameworkKey","kid":"k1"}"##
    );
}

#[test]
fn extra_members_can_be_set_in_code() {
    let mut set = TrustFrameworkKeySet::builder().id("s").build();
    set.extra.insert("@odata.etag", "W/\"1\"").unwrap();
    set.extra
        .insert("note", &serde_json::json!({"a": [1, 2]}))
        .unwrap();
    assert_eq!(
        odata_core::json::to_string(&set).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","@odata.etag":"W/\"1\"","id":"s","note":{"a":[1,2]}}"##
    );
    assert!(set.extra.remove("note").is_some());
    assert_eq!(set.extra.len(), 1);
}
