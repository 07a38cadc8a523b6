//! Bad input gets a clear error naming the member's JSON path, and never a panic.

use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::json::{Category, Error};
use odata_core::{Extra, ODataEntity};

fn key_set_error(text: &str) -> Error {
    odata_core::json::from_str::<TrustFrameworkKeySet>(text).expect_err(text)
}

#[test]
fn wrong_odata_type_names_both_types() {
    let err = key_set_error(r##"{"@odata.type":"#microsoft.graph.user","id":"x"}"##);
    assert_eq!(err.category(), Category::Data);
    assert_eq!(err.path(), "$.@odata.type");
    assert_eq!(
        err.message(),
        "the value is of type `microsoft.graph.user`, but `microsoft.graph.trustFrameworkKeySet` was expected"
    );
}

#[test]
fn wrong_odata_type_on_a_nested_key() {
    let err =
        key_set_error(r#"{"keys":[{},{"@odata.type":"microsoft.graph.trustFrameworkKeySet"}]}"#);
    assert_eq!(err.path(), "$.keys[1].@odata.type");
    assert!(err
        .message()
        .contains("`microsoft.graph.trustFrameworkKeySet`"));
    assert!(err
        .message()
        .contains("`microsoft.graph.trustFrameworkKey` was expected"));
}

#[test]
fn odata_type_that_is_not_a_string() {
    let err = key_set_error(r#"{"@odata.type":7}"#);
    assert_eq!(err.path(), "$.@odata.type");
    assert_eq!(
        err.message(),
        "invalid type: integer `7`, expected a type name such as \"#microsoft.graph.trustFrameworkKeySet\""
    );
}

#[test]
fn string_where_int64_is_expected() {
    // An integer in a string is an Int64 (IEEE754Compatible); anything else in a string is not.
    let err = key_set_error(r#"{"keys":[{"kid":"a","exp":"17e8"}]}"#);
    assert_eq!(err.path(), "$.keys[0].exp");
    assert_eq!(
        err.message(),
        "invalid value: string \"17e8\", expected an Edm.Int64: an integer, or an integer in a string"
    );
    assert_eq!((err.line(), err.column()), (1, 32));
}

#[test]
fn number_beyond_int64() {
    let err = odata_core::json::from_str::<TrustFrameworkKey>(r#"{"nbf":9223372036854775808}"#)
        .unwrap_err();
    assert_eq!(err.path(), "$.nbf");
    assert!(err.message().contains("expected an Edm.Int64"), "{err}");
}

#[test]
fn number_where_a_string_collection_is_expected() {
    let err = key_set_error(r#"{"keys":[{"x5c":["MIIC", 42]}]}"#);
    assert_eq!(err.path(), "$.keys[0].x5c[1]");
    assert_eq!(
        err.message(),
        "invalid type: integer `42`, expected a string"
    );

    let err = key_set_error(r#"{"keys":[{"x5c":42}]}"#);
    assert_eq!(err.path(), "$.keys[0].x5c");
    assert_eq!(
        err.message(),
        "invalid type: integer `42`, expected an array of Edm.String"
    );
}

#[test]
fn duplicate_members() {
    let err = key_set_error(r#"{"id":"a","keys":[],"id":"b"}"#);
    assert_eq!(err.path(), "$.id");
    assert_eq!(err.message(), "duplicate member `id`");

    let err = key_set_error(r#"{"keys":[{"kid":"a","kid":"a"}]}"#);
    assert_eq!(err.path(), "$.keys[0].kid");
    assert_eq!(err.message(), "duplicate member `kid`");

    let err = key_set_error(
        r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","@odata.type":"microsoft.graph.trustFrameworkKeySet"}"##,
    );
    assert_eq!(err.path(), "$.@odata.type");
    assert_eq!(err.message(), "duplicate member `@odata.type`");

    let err = key_set_error(r#"{"future":1,"future":2}"#);
    assert_eq!(err.path(), "$.future");
    assert_eq!(err.message(), "duplicate member `future`");

    // Kept members alike in length and last byte are told apart by their bytes.
    let err = key_set_error(r#"{"fu1re":1,"fu2re":2,"fu3re":3,"fu2re":4}"#);
    assert_eq!(err.path(), "$.fu2re");
    assert_eq!(err.message(), "duplicate member `fu2re`");
    let kept: TrustFrameworkKeySet =
        odata_core::json::from_str(r#"{"fu1re":1,"fu2re":2,"fu3re":3,"fu2rf":4}"#).unwrap();
    assert_eq!(kept.extra.len(), 4);
    assert_eq!(kept.extra.get("fu2re").map(|v| v.get()), Some("2"));

    let err = key_set_error(r#"{"kid":null,"keys":[{"kid":null,"kid":"x"}]}"#);
    assert_eq!(err.path(), "$.keys[0].kid", "a null counts as a member");
}

#[test]
fn not_an_object() {
    for (text, found) in [
        ("[]", "invalid type: sequence"),
        ("\"keySet\"", "invalid type: string \"keySet\""),
        ("null", "invalid type: null"),
        ("12", "invalid type: integer `12`"),
    ] {
        let err = key_set_error(text);
        assert_eq!(err.path(), "$");
        assert_eq!(
            err.message(),
            format!("{found}, expected a JSON object of OData type `microsoft.graph.trustFrameworkKeySet`")
        );
    }
    let err = key_set_error(r#"{"keys":["k1"]}"#);
    assert_eq!(err.path(), "$.keys[0]");
    assert!(err
        .message()
        .ends_with("expected a JSON object of OData type `microsoft.graph.trustFrameworkKey`"));
}

#[test]
fn null_where_the_model_forbids_it() {
    let err = key_set_error(r#"{"keys":[null]}"#);
    assert_eq!(err.path(), "$.keys[0]");
    assert!(err.message().starts_with("invalid type: null"), "{err}");
}

#[test]
fn truncated_json() {
    for text in [
        "",
        "{",
        r#"{"keys":[{"kid":"a""#,
        r#"{"keys":[{"kid":"a"}"#,
        r#"{"id":"f1e55f9a-5f9a"#,
    ] {
        let err = key_set_error(text);
        assert_eq!(err.category(), Category::Eof, "{text}: {err}");
        assert!(
            err.message().starts_with("EOF while parsing"),
            "{text}: {err}"
        );
    }
    let err = key_set_error(r#"{"keys":[{"kid":"a""#);
    assert_eq!(err.path(), "$.keys[0]", "the object the input ended in");
    let err = key_set_error(r#"{"keys":[{"kid":"a"#);
    assert_eq!(err.path(), "$.keys[0].kid");
}

#[test]
fn syntax_errors_and_trailing_characters() {
    let err = key_set_error(r#"{"id":"a",}"#);
    assert_eq!(err.category(), Category::Syntax);
    assert_eq!(err.message(), "trailing comma");

    let err = key_set_error(r#"{"id":"a"} {"id":"b"}"#);
    assert_eq!(err.category(), Category::Syntax);
    assert_eq!(err.path(), "$");
    assert_eq!(err.message(), "trailing characters");
    assert_eq!(err.column(), 12);
}

#[test]
fn unknown_member_of_a_type_that_keeps_none() {
    #[derive(ODataEntity, Debug)]
    #[odata(namespace = "test.strict", complex)]
    struct Strict {
        name: Option<String>,
    }
    let err = odata_core::json::from_str::<Strict>(r#"{"name":"a","nmae":"b"}"#).unwrap_err();
    assert_eq!(err.path(), "$.nmae");
    assert_eq!(
        err.message(),
        "unknown member `nmae`: `test.strict.strict` declares no such property and keeps no unknown members"
    );
}

#[test]
fn missing_required_property() {
    #[derive(ODataEntity, Debug)]
    #[odata(namespace = "test.required", complex)]
    struct Point {
        x: i32,
        y: i32,
        #[odata(extra)]
        extra: Extra,
    }
    let err = odata_core::json::from_str::<Point>(r#"{"x":1}"#).unwrap_err();
    assert_eq!(err.path(), "$");
    assert_eq!(
        err.message(),
        "missing required property `y` of `test.required.point`"
    );
    // Both missing: the first declared is named.
    let err = odata_core::json::from_str::<Point>(r#"{"z":1}"#).unwrap_err();
    assert_eq!(
        err.message(),
        "missing required property `x` of `test.required.point`"
    );
    let point: Point = odata_core::json::from_str(r#"{"y":2,"x":1}"#).unwrap();
    assert_eq!((point.x, point.y), (1, 2));
    assert!(point.extra.is_empty());
}

#[test]
fn display_names_path_message_and_position() {
    let err = key_set_error("{\n  \"keys\": [ { \"nbf\": true } ]\n}");
    assert_eq!(
        err.to_string(),
        "$.keys[0].nbf: invalid type: boolean `true`, expected an Edm.Int64: an integer, or an integer in a string at line 2 column 25"
    );
}

#[test]
fn member_names_that_need_quoting_in_the_path() {
    let err = key_set_error(r#"{"keys":[{"odd name":1,"odd name":2}]}"#);
    assert_eq!(err.path(), r#"$.keys[0]["odd name"]"#);
}
