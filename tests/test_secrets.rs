//! Private key material: never shown by `Debug`, written when sent on purpose, read back when
//! a service returns it.

use odata_core::graph::{
    KeyUse, TrustFrameworkKey, TrustFrameworkKeySet, UploadPkcs12Parameters, UploadSecretParameters,
};

const PRIVATE: [(&str, &str); 7] = [
    ("d", "private-exponent-d"),
    ("dp", "first-exponent-dp"),
    ("dq", "second-exponent-dq"),
    ("k", "symmetric-key-k"),
    ("p", "first-prime-p"),
    ("q", "second-prime-q"),
    ("qi", "coefficient-qi"),
];

fn key_with_every_private_member() -> TrustFrameworkKey {
    let v = |name: &str| PRIVATE.iter().find(|(n, _)| *n == name).unwrap().1;
    TrustFrameworkKey::builder()
        .kid("k1")
        .kty("RSA")
        .d(v("d"))
        .dp(v("dp"))
        .dq(v("dq"))
        .k(v("k"))
        .p(v("p"))
        .q(v("q"))
        .qi(v("qi"))
        .build()
}

#[test]
fn debug_shows_no_private_member() {
    let key = key_with_every_private_member();
    let set = TrustFrameworkKeySet::builder()
        .id("s")
        .key(key.clone())
        .build();
    for shown in [format!("{key:?}"), format!("{key:#?}"), format!("{set:?}")] {
        for (name, value) in PRIVATE {
            assert!(!shown.contains(value), "{name} shown by Debug: {shown}");
        }
        assert!(shown.contains("[REDACTED]"));
        assert!(shown.contains("k1"), "public members are still shown");
    }
}

#[test]
fn serialisation_writes_them_on_purpose_and_parsing_reads_them() {
    let key = key_with_every_private_member();
    let json: serde_json::Value =
        serde_json::from_str(&odata_core::json::to_string(&key).unwrap()).unwrap();
    for (name, value) in PRIVATE {
        assert_eq!(json[name], value, "{name}");
    }
    let read: TrustFrameworkKey =
        odata_core::json::from_str(&odata_core::json::to_string(&key).unwrap()).unwrap();
    assert_eq!(read, key);
    assert_eq!(
        read.d.as_ref().unwrap().expose_secret(),
        "private-exponent-d"
    );
}

#[test]
fn secret_action_parameters_are_redacted_too() {
    let upload = UploadSecretParameters {
        key_use: KeyUse::Enc,
        k: "client-secret-value".into(),
        nbf: None,
        exp: None,
    };
    let pfx = UploadPkcs12Parameters {
        key: "TUlJS1FRSUJBekNDQ2Y=".into(),
        password: Some("pfx-password".into()),
    };
    let shown = format!("{upload:?} {pfx:?}");
    for secret in [
        "client-secret-value",
        "TUlJS1FRSUJBekNDQ2Y=",
        "pfx-password",
    ] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let body = odata_core::json::to_string(&upload).unwrap();
    assert_eq!(body, r#"{"use":"enc","k":"client-secret-value"}"#);
    let body = odata_core::json::to_string(&pfx).unwrap();
    assert_eq!(
        body,
        r#"{"key":"TUlJS1FRSUJBekNDQ2Y=","password":"pfx-password"}"#
    );
}

#[test]
fn the_model_still_types_them_as_edm_string() {
    use odata_core::StructuredType;
    for (name, _) in PRIVATE {
        let property = TrustFrameworkKey::TYPE.property(name).unwrap();
        assert_eq!(property.edm.to_string(), "Edm.String", "{name}");
        assert!(property.nullable);
    }
}
