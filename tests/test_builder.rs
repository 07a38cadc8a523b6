//! The typed builders: one setter per property, whole-collection setters and repeated "add one"
//! methods, required properties as arguments.

use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::{BuilderOf, EntityType, ODataEntity};

#[test]
fn a_key_set_with_two_keys_in_one_expression() {
    let by_each = TrustFrameworkKeySet::builder()
        .id("B2C_1A_Signing")
        .key(TrustFrameworkKey::builder().kid("k1").kty("RSA").build())
        .key(TrustFrameworkKey::builder().kid("k2").kty("oct").build())
        .build();
    let by_collection = TrustFrameworkKeySet::builder()
        .id("B2C_1A_Signing")
        .keys(vec![
            TrustFrameworkKey::builder().kid("k1").kty("RSA").build(),
            TrustFrameworkKey::builder().kid("k2").kty("oct").build(),
        ])
        .build();
    assert_eq!(by_each, by_collection);
    assert_eq!(by_each.id(), Some("B2C_1A_Signing"));
    let kids: Vec<_> = by_each
        .keys
        .iter()
        .flatten()
        .map(|k| k.kid.as_deref().unwrap())
        .collect();
    assert_eq!(kids, ["k1", "k2"]);
}

#[test]
fn whole_collection_setter_replaces_and_each_appends() {
    let key = TrustFrameworkKey::builder()
        .x5c_cert("a")
        .x5c(["b", "c"])
        .x5c_cert(String::from("d"))
        .build();
    assert_eq!(key.x5c.unwrap(), ["b", "c", "d"]);
    let empty = TrustFrameworkKeySet::builder()
        .keys(Vec::<TrustFrameworkKey>::new())
        .build();
    assert_eq!(empty.keys, Some(vec![]));
    assert_eq!(
        odata_core::json::to_string(&empty).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","keys":[]}"##
    );
}

#[test]
fn every_key_member_has_a_setter() {
    let key = TrustFrameworkKey::builder()
        .d("d")
        .dp("dp")
        .dq("dq")
        .e("e")
        .exp(2_000_000_000)
        .k("k")
        .kid("kid")
        .kty("RSA")
        .n("n")
        .nbf(1_700_000_000)
        .p("p")
        .q("q")
        .qi("qi")
        .r#use("sig")
        .x5c(["c"])
        .x5t("t")
        .build();
    let value: serde_json::Value =
        serde_json::from_str(&odata_core::json::to_string(&key).unwrap()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "@odata.type": "#microsoft.graph.trustFrameworkKey",
            "d": "d", "dp": "dp", "dq": "dq", "e": "e", "exp": 2_000_000_000i64, "k": "k",
            "kid": "kid", "kty": "RSA", "n": "n", "nbf": 1_700_000_000i64, "p": "p", "q": "q",
            "qi": "qi", "use": "sig", "x5c": ["c"], "x5t": "t"
        })
    );
}

/// Required (non-`Option`) properties are the builder's arguments.
#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "test.builder", name = "Product")]
struct Product {
    #[odata(key)]
    sku: String,
    price: f64,
    tags: Vec<String>,
    note: Option<String>,
}

#[test]
fn required_properties_are_arguments() {
    let product = Product::builder("P-1", 9.5)
        .push_tags("new")
        .note("n")
        .build();
    assert_eq!(product.id(), Some("P-1"));
    assert_eq!(
        odata_core::json::to_string(&product).unwrap(),
        r##"{"@odata.type":"#test.builder.Product","sku":"P-1","price":9.5,"tags":["new"],"note":"n"}"##
    );
    let read: Product =
        odata_core::json::from_str(r#"{"sku":"P-1","price":9.5,"tags":["new"],"note":"n"}"#)
            .unwrap();
    assert_eq!(read, product);
}

#[test]
fn builders_can_be_named() {
    fn rsa(b: BuilderOf<TrustFrameworkKey>) -> BuilderOf<TrustFrameworkKey> {
        b.kty("RSA").e("AQAB")
    }
    let key = rsa(TrustFrameworkKey::builder()).kid("k").build();
    assert_eq!(
        (key.kty.as_deref(), key.e.as_deref()),
        (Some("RSA"), Some("AQAB"))
    );
}
