//! The bound actions (generateKey, uploadSecret, uploadCertificate, uploadPkcs12) and the
//! function getActiveKey, in both key syntaxes and with qualified and unqualified names.

mod common;

use common::{assert_graph_error, kids, request, Client, SYNTAXES};
use odata_core::graph::{
    GenerateKeyParameters, KeyType, KeyUse, TrustFrameworkKey, TrustFrameworkKeySet,
    UploadCertificateParameters, UploadPkcs12Parameters, UploadSecretParameters,
};
use odata_service::KeySetService;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn create(client: &Client, id: &str) {
    let body = TrustFrameworkKeySet::builder().id(id).build();
    client.ok(client.key_sets().create(&body).unwrap());
}

fn no_private_members(key: &TrustFrameworkKey) -> bool {
    [&key.d, &key.dp, &key.dq, &key.k, &key.p, &key.q, &key.qi]
        .iter()
        .all(|m| m.is_none())
}

#[test]
fn every_action_adds_a_key_in_both_key_syntaxes() {
    let running = KeySetService::builder().build().start().unwrap();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let id = format!("B2C_1A_{syntax}_actions");
        create(&client, &id);
        let set = client.key_set(&id);

        // generateKey, RSA: public members only; the context first.
        let rsa = GenerateKeyParameters {
            key_use: KeyUse::Sig,
            kty: KeyType::Rsa,
            nbf: Some(1_508_969_811),
            exp: Some(4_102_444_800),
        };
        let (response, generated) = client.send(set.generate_key(&rsa).unwrap());
        let generated = generated.unwrap();
        assert_eq!(response.status(), 200);
        let body = String::from_utf8_lossy(response.body());
        assert!(body.starts_with(&format!(
            r#"{{"@odata.context":"{}/$metadata#microsoft.graph.trustFrameworkKey","#,
            running.base_url()
        )));
        assert_eq!(generated.kty.as_deref(), Some("RSA"));
        assert_eq!(generated.r#use.as_deref(), Some("sig"));
        assert_eq!(generated.nbf, Some(1_508_969_811));
        assert_eq!(generated.exp, Some(4_102_444_800));
        assert_eq!(generated.e.as_deref(), Some("AQAB"));
        assert_eq!(generated.n.as_ref().map(String::len), Some(342));
        assert_eq!(generated.kid.as_ref().map(String::len), Some(43));
        assert!(no_private_members(&generated));

        // generateKey, oct (any case): the secret is stored, never served.
        let oct = GenerateKeyParameters {
            key_use: KeyUse::Enc,
            kty: KeyType::from("OCT"),
            nbf: None,
            exp: None,
        };
        let before = now();
        let secret_key = client.ok(set.generate_key(&oct).unwrap());
        assert_eq!(secret_key.kty.as_deref(), Some("oct"));
        assert_eq!(secret_key.r#use.as_deref(), Some("enc"));
        assert!(secret_key.nbf.unwrap() >= before && secret_key.nbf.unwrap() <= now());
        assert_eq!(secret_key.exp, None);
        assert!(no_private_members(&secret_key));

        // uploadSecret.
        let upload = UploadSecretParameters {
            key_use: KeyUse::Sig,
            k: "application-secret-to-be-uploaded".into(),
            nbf: Some(1_508_969_811),
            exp: Some(1_508_973_711),
        };
        let uploaded = client.ok(set.upload_secret(&upload).unwrap());
        assert_eq!(uploaded.kty.as_deref(), Some("oct"));
        assert_eq!(
            (uploaded.nbf, uploaded.exp),
            (Some(1_508_969_811), Some(1_508_973_711))
        );
        assert!(no_private_members(&uploaded));

        // uploadCertificate.
        let certificate = UploadCertificateParameters {
            key: "MIIDWjCCAkKgAwIBAgIQ".into(),
        };
        let cert = client.ok(set.upload_certificate(&certificate).unwrap());
        assert_eq!(cert.x5c, Some(vec!["MIIDWjCCAkKgAwIBAgIQ".to_owned()]));
        assert_eq!(cert.r#use.as_deref(), Some("sig"));

        // uploadPkcs12.
        let pfx = UploadPkcs12Parameters {
            key: "MIIKQQIBAzCCCf0GCSqGSIb3DQEHAaCCCe4=".into(),
            password: Some("password-value".into()),
        };
        let pkcs12 = client.ok(set.upload_pkcs12(&pfx).unwrap());
        assert_eq!(pkcs12.kty.as_deref(), Some("RSA"));
        assert!(no_private_members(&pkcs12));

        // Each key was appended to the set, in order, as served.
        let served = client.ok(set.get().build());
        let expected: Vec<_> = [&generated, &secret_key, &uploaded, &cert, &pkcs12]
            .iter()
            .map(|k| k.kid.clone().unwrap())
            .collect();
        assert_eq!(kids(&served), expected);
        assert!(served.keys.iter().flatten().all(no_private_members));
        // The stored set keeps the secrets.
        let stored = running
            .key_sets()
            .into_iter()
            .find(|s| s.entity.id.as_deref() == Some(id.as_str()))
            .unwrap();
        let keys = stored.keys.unwrap();
        assert_eq!(
            keys[1].k.as_ref().map(|k| k.expose_secret().len()),
            Some(86)
        );
        assert_eq!(
            keys[2].k.as_ref().map(|k| k.expose_secret()),
            Some("application-secret-to-be-uploaded")
        );
        assert!(keys[0].d.is_none(), "no private RSA key is made");

        // getActiveKey: the latest key valid now is the PKCS#12 key (the upload's window is
        // in the past).
        let active = client.ok(set.get_active_key());
        assert_eq!(active.kid, pkcs12.kid);
    }
}

#[test]
fn operation_names_qualified_or_not_and_function_parentheses() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "graph");
    create(&client, "B2C_1A_names");
    let generate = br#"{"use":"sig","kty":"RSA"}"#;
    let base = format!("{}/trustFramework/keySets", running.base_url());
    for (path, method, body) in [
        ("/B2C_1A_names/generateKey", "POST", Some(&generate[..])),
        (
            "/B2C_1A_names/microsoft.graph.generateKey",
            "POST",
            Some(generate),
        ),
        ("('B2C_1A_names')/generateKey", "POST", Some(generate)),
        (
            "('B2C_1A_names')/microsoft.graph.generateKey",
            "POST",
            Some(generate),
        ),
        ("/B2C_1A_names/getActiveKey", "GET", None),
        ("/B2C_1A_names/getActiveKey()", "GET", None),
        ("/B2C_1A_names/microsoft.graph.getActiveKey", "GET", None),
        (
            "('B2C_1A_names')/microsoft.graph.getActiveKey()",
            "GET",
            None,
        ),
        ("('B2C_1A_names')/getActiveKey", "GET", None),
    ] {
        let response = client.raw(request(method, &format!("{base}{path}"), body));
        assert_eq!(response.status(), 200, "{method} {path}");
        let key: TrustFrameworkKey = odata_core::json::from_slice(response.body()).unwrap();
        assert_eq!(key.kty.as_deref(), Some("RSA"));
    }
    assert_eq!(running.key_sets()[0].keys.as_ref().unwrap().len(), 4);
    // `()` belongs to functions only.
    let response = client.raw(request(
        "POST",
        &format!("{base}/B2C_1A_names/generateKey()"),
        Some(generate),
    ));
    assert_graph_error(&response, 404, "ResourceNotFound");
}

#[test]
fn the_active_key_is_the_latest_one_valid_now() {
    let running = KeySetService::builder().build().start().unwrap();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let id = format!("B2C_1A_{syntax}_active");
        let now = now();
        let key = |kid: &str, nbf: Option<i64>, exp: Option<i64>| {
            let mut key = TrustFrameworkKey::builder().kid(kid).kty("RSA").build();
            key.nbf = nbf;
            key.exp = exp;
            key
        };
        let keys = [
            key("open", None, None),
            key("current", Some(now - 60), Some(now + 3600)),
            key("expired", Some(now - 7200), Some(now - 3600)),
            key("future", Some(now + 3600), None),
            key("just-expired", None, Some(now - 1)),
        ];
        let body = TrustFrameworkKeySet::builder()
            .id(id.as_str())
            .keys(keys.clone())
            .build();
        client.ok(client.key_sets().create(&body).unwrap());
        let active = client.ok(client.key_set(&id).get_active_key());
        assert_eq!(active.kid.as_deref(), Some("current"));

        // Only keys outside their window: 404 with a Graph error.
        let body = TrustFrameworkKeySet::builder()
            .keys([keys[2].clone(), keys[3].clone()])
            .build();
        client.ok(client.key_set(&id).replace(&body).unwrap());
        let error = client.fails(
            client.key_set(&id).get_active_key(),
            404,
            "ResourceNotFound",
        );
        assert!(error.error.unwrap().message.contains("no key"));

        // No keys at all: 404 too.
        let body = TrustFrameworkKeySet::builder().build();
        client.ok(client.key_set(&id).replace(&body).unwrap());
        client.fails(
            client.key_set(&id).get_active_key(),
            404,
            "ResourceNotFound",
        );
    }
}

#[test]
fn invalid_action_parameters_name_the_member() {
    let running = KeySetService::builder().build().start().unwrap();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let id = format!("B2C_1A_{syntax}_params");
        create(&client, &id);
        let set = client.key_set(&id);

        let unknown_kty = GenerateKeyParameters {
            key_use: KeyUse::Sig,
            kty: KeyType::from("EC"),
            nbf: None,
            exp: None,
        };
        let error = client.fails(set.generate_key(&unknown_kty).unwrap(), 400, "BadRequest");
        assert_eq!(error.error.unwrap().target.as_deref(), Some("$.kty"));

        let reversed = UploadSecretParameters {
            key_use: KeyUse::Sig,
            k: "s".into(),
            nbf: Some(20),
            exp: Some(10),
        };
        let error = client.fails(set.upload_secret(&reversed).unwrap(), 400, "BadRequest");
        assert_eq!(error.error.unwrap().target.as_deref(), Some("$.exp"));

        let not_base64 = UploadCertificateParameters {
            key: "not base64!".into(),
        };
        let error = client.fails(
            set.upload_certificate(&not_base64).unwrap(),
            400,
            "BadRequest",
        );
        assert_eq!(error.error.unwrap().target.as_deref(), Some("$.key"));

        // Wrong member types and unknown members, through the typed request with its body
        // replaced: the path comes from odata_core::json.
        for (body, path) in [
            (&br#"{"use":"sig","kty":"RSA","nbf":"soon"}"#[..], "$.nbf"),
            (br#"{"use":"sig","kty":7}"#, "$.kty"),
            (br#"{"use":"sig","kty":"RSA","alg":"RS256"}"#, "$.alg"),
        ] {
            let request = common::with_body(set.generate_key(&unknown_kty).unwrap(), body);
            let response = client.raw(request);
            let error = assert_graph_error(&response, 400, "BadRequest");
            let expected = odata_core::json::from_slice::<GenerateKeyParameters>(body).unwrap_err();
            assert_eq!(expected.path(), path);
            assert!(error.message.contains(path), "{}", error.message);
            assert_eq!(error.target.as_deref(), Some(path));
        }
        assert!(running
            .key_sets()
            .iter()
            .all(|s| s.keys.as_ref().unwrap().is_empty()));
    }
}
