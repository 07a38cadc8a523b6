//! Every keySet operation as a sans-IO request, in both key syntaxes: the exact method, URL,
//! headers and body, and the documented example response parsed through
//! `Request::parse_response`. The example bodies are the Graph documentation's
//! (`docs/graph-keyset-reference.md`, section 2), one fixture each in `tests/fixtures/graph/`.
//!
//! The documentation's "Update trustFrameworkKeySet" page is a `PUT` (our `replace`); the seed
//! page "Update keySets" is a `PATCH` (our `update`), with the seed fixtures.

mod common;
mod test_req_support;

use odata_core::graph::{
    GenerateKeyParameters, GraphService, KeyType, KeyUse, TrustFrameworkKey, TrustFrameworkKeySet,
    UploadCertificateParameters, UploadPkcs12Parameters, UploadSecretParameters,
};
use odata_core::request::{Error, Patch, Service};
use odata_core::EntityType;
use serde_json::Value;
use test_req_support::{
    assert_request, graph, graph_fixture, json, json_bytes, odata, response,
    strip_type_annotations, GRAPH_BASE, ODATA_ROOT,
};

/// A key set id as Azure AD B2C names them (the pages only write `{id}`).
const ID: &str = "B2C_1A_TokenSigningKeyContainer";

/// Both services, each with the URL of the key set collection and of key set `ID`.
fn services() -> [(Service, String, String); 2] {
    [
        (
            graph(),
            format!("{GRAPH_BASE}/trustFramework/keySets"),
            format!("{GRAPH_BASE}/trustFramework/keySets/{ID}"),
        ),
        (
            odata(),
            format!("{ODATA_ROOT}/trustFramework/keySets"),
            format!("{ODATA_ROOT}/trustFramework/keySets('{ID}')"),
        ),
    ]
}

/// The URL of bound operation `name` of key set `ID`, in the service's conventions.
fn operation_url(service: &Service, name: &str, function: bool) -> String {
    if service.conventions().qualified_operations {
        let parens = if function { "()" } else { "" };
        format!("{ODATA_ROOT}/trustFramework/keySets('{ID}')/microsoft.graph.{name}{parens}")
    } else {
        format!("{GRAPH_BASE}/trustFramework/keySets/{ID}/{name}")
    }
}

/// The key every full example of the pages (list, create, get, update) carries.
fn documented_key() -> TrustFrameworkKey {
    TrustFrameworkKey::builder()
        .k("k-value")
        .x5c(["x5c-value"])
        .x5t("x5t-value")
        .kty("kty-value")
        .r#use("use-value")
        .exp(99)
        .nbf(99)
        .kid("kid-value")
        .e("e-value")
        .n("n-value")
        .d("d-value")
        .p("p-value")
        .q("q-value")
        .dp("dp-value")
        .dq("dq-value")
        .qi("qi-value")
        .build()
}

/// Our body equals the documented one but for the `@odata.type` annotations we always write;
/// exactly `annotated` (JSON paths) carry one, each the canonical `#microsoft.graph.` name.
fn assert_documented_body(ours: &[u8], documented: &str, annotated: &[(&str, &str)]) -> Value {
    let mut ours = json_bytes(ours);
    let removed = strip_type_annotations(&mut ours);
    let expected: Vec<(String, String)> = annotated
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    assert_eq!(removed, expected, "the @odata.type annotations we add");
    let documented = json(documented);
    assert_eq!(ours, documented);
    documented
}

// ---------------------------------------------------------------------------------------------
// list: GET /trustFramework/keySets -> 200 with a collection

#[test]
fn list_get_200_collection() {
    for (service, collection, _) in services() {
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .list()
            .build()
            .unwrap();
        assert_request(&request, "GET", &collection, None);

        let page = request
            .parse_response(&response(200, &graph_fixture("list_response.json")))
            .unwrap();
        assert_eq!(page.context, None);
        assert_eq!(page.count, None);
        assert_eq!(page.next_link, None);
        assert!(page.extra.is_empty());
        assert_eq!(
            page.value,
            [TrustFrameworkKeySet::builder()
                .id("id-value")
                .key(documented_key())
                .build()]
        );
    }
}

// ---------------------------------------------------------------------------------------------
// create: POST /trustFramework/keySets -> 201 with the new key set

#[test]
fn create_post_201_with_a_key() {
    for (service, collection, _) in services() {
        let body = TrustFrameworkKeySet::builder()
            .id("keyset1")
            .key(documented_key())
            .build();
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .create(&body)
            .unwrap();
        let expected = assert_documented_body(
            request.http().body(),
            &graph_fixture("create_request.json"),
            &[
                ("$.@odata.type", "#microsoft.graph.trustFrameworkKeySet"),
                (
                    "$.keys[0].@odata.type",
                    "#microsoft.graph.trustFrameworkKey",
                ),
            ],
        );
        let mut sent = json_bytes(request.http().body());
        strip_type_annotations(&mut sent);
        assert_eq!(sent, expected);
        assert_request(
            &request,
            "POST",
            &collection,
            Some(&json_bytes(request.http().body())),
        );
        // `@odata.type` is written first.
        assert!(request
            .http()
            .body()
            .starts_with(br##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"keyset1","keys":[{"@odata.type":"#microsoft.graph.trustFrameworkKey","##));

        let created = request
            .parse_response(&response(201, &graph_fixture("create_response.json")))
            .unwrap();
        assert_eq!(created.id(), Some("B2C_1A_keyset1"));
        assert_eq!(
            created,
            TrustFrameworkKeySet::builder()
                .id("B2C_1A_keyset1")
                .key(documented_key())
                .build()
        );
    }
}

#[test]
fn create_post_201_empty_key_set() {
    for (service, collection, _) in services() {
        let body = TrustFrameworkKeySet::builder().id("keyset1").build();
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .create(&body)
            .unwrap();
        // The page's request has two trailing spaces after "keyset1": harmless whitespace.
        assert_documented_body(
            request.http().body(),
            &graph_fixture("create_empty_request.json"),
            &[("$.@odata.type", "#microsoft.graph.trustFrameworkKeySet")],
        );
        assert_eq!(
            request.http().body(),
            br##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"keyset1"}"##
        );
        assert_request(
            &request,
            "POST",
            &collection,
            Some(&json(
                r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"keyset1"}"##,
            )),
        );

        let mut created = http::Response::builder()
            .status(201)
            .header("content-type", "application/json")
            .header("location", "/trustFramework/keySets('B2C_1A_keyset1')")
            .body(graph_fixture("create_empty_response.json").into_bytes())
            .unwrap();
        let set = request.parse_response(&created).unwrap();
        assert_eq!(
            set,
            TrustFrameworkKeySet::builder()
                .id("B2C_1A_keyset1")
                .keys(Vec::<TrustFrameworkKey>::new())
                .build()
        );
        // `Created` accepts 200 with the entity too.
        *created.status_mut() = http::StatusCode::OK;
        assert_eq!(request.parse_response(&created).unwrap(), set);
    }
}

// ---------------------------------------------------------------------------------------------
// get: GET /trustFramework/keySets/{id} -> 200

#[test]
fn get_200() {
    for (service, _, entity) in services() {
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .get()
            .build()
            .unwrap();
        assert_request(&request, "GET", &entity, None);

        let set = request
            .parse_response(&response(200, &graph_fixture("get_response.json")))
            .unwrap();
        assert_eq!(
            set,
            TrustFrameworkKeySet::builder()
                .id("id-value")
                .key(documented_key())
                .build()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// update: PATCH /trustFramework/keySets/{id} -> 200 with the key set, or 204 (the seed page)

/// The seed page's PATCH body, built from a typed update of a fresh value, sent with `update`.
#[test]
fn update_patch_seed_body_200_and_204() {
    const SEED_ID: &str = "8acc96bc-96bc-8acc-bc96-cc8abc96cc8a";
    let graph_url = format!("{GRAPH_BASE}/trustFramework/keySets/{SEED_ID}");
    let odata_url = format!("{ODATA_ROOT}/trustFramework/keySets('{SEED_ID}')");
    for (service, url) in [(graph(), graph_url), (odata(), odata_url)] {
        let fresh = TrustFrameworkKeySet::builder()
            .keys([TrustFrameworkKey::builder().build()])
            .build();
        let patch = Patch::from_value(&fresh).unwrap();
        assert_eq!(patch.names().collect::<Vec<_>>(), ["keys"]);
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(SEED_ID)
            .update(&patch)
            .unwrap();

        let mut seed = json(&common::fixture("seed_update_request.json"));
        let changed = common::canonical_annotations(&mut seed);
        assert_eq!(
            changed,
            ["$.keys[0].@odata.type"],
            "the only permitted difference"
        );
        assert_request(&request, "PATCH", &url, Some(&seed));
        assert_eq!(
            request.http().body(),
            br##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","keys":[{"@odata.type":"#microsoft.graph.trustFrameworkKey"}]}"##
        );

        // 200 with the updated object.
        let updated = request
            .parse_response(&response(
                200,
                &common::fixture("seed_update_response.json"),
            ))
            .unwrap()
            .expect("200 carries the entity");
        assert_eq!(updated.id(), Some(SEED_ID));
        assert_eq!(updated.keys, Some(vec![TrustFrameworkKey::default()]));
        assert!(updated.extra.is_empty());

        // 204 No Content, no body.
        let none = request.parse_response(&response(204, "")).unwrap();
        assert_eq!(none, None);
    }
}

// ---------------------------------------------------------------------------------------------
// replace: PUT /trustFramework/keySets/{id} -> 200 (the documentation's "Update" page)

#[test]
fn replace_put_200() {
    for (service, _, entity) in services() {
        let body = TrustFrameworkKeySet::builder()
            .key(documented_key())
            .build();
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .replace(&body)
            .unwrap();
        assert_documented_body(
            request.http().body(),
            &graph_fixture("replace_request.json"),
            &[
                ("$.@odata.type", "#microsoft.graph.trustFrameworkKeySet"),
                (
                    "$.keys[0].@odata.type",
                    "#microsoft.graph.trustFrameworkKey",
                ),
            ],
        );
        assert_request(
            &request,
            "PUT",
            &entity,
            Some(&json_bytes(request.http().body())),
        );

        let replaced = request
            .parse_response(&response(200, &graph_fixture("replace_response.json")))
            .unwrap();
        assert_eq!(
            replaced,
            Some(
                TrustFrameworkKeySet::builder()
                    .id("id-value")
                    .key(documented_key())
                    .build()
            )
        );
        assert_eq!(request.parse_response(&response(204, "")).unwrap(), None);
    }
}

// ---------------------------------------------------------------------------------------------
// delete: DELETE /trustFramework/keySets/{id} -> 204

#[test]
fn delete_204() {
    for (service, _, entity) in services() {
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .delete()
            .unwrap();
        assert_request(&request, "DELETE", &entity, None);
        request.parse_response(&response(204, "")).unwrap();
        // A 200 with an empty body is accepted too; a 200 with content is not a delete answer.
        request.parse_response(&response(200, "")).unwrap();
        match request.parse_response(&response(200, "{}")) {
            Err(Error::UnexpectedStatus { status, body }) => {
                assert_eq!(status, 200);
                assert_eq!(body, b"{}");
            }
            other => panic!("{other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// generateKey: POST /trustFramework/keySets/{id}/generateKey -> 200 with a key

#[test]
fn generate_key_post_200() {
    for (service, _, _) in services() {
        let parameters = GenerateKeyParameters {
            key_use: KeyUse::Sig,
            kty: KeyType::Rsa,
            nbf: Some(1508969811),
            exp: Some(1508969811),
        };
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .generate_key(&parameters)
            .unwrap();
        assert_request(
            &request,
            "POST",
            &operation_url(&service, "generateKey", false),
            Some(&json(&graph_fixture("generate_key_request.json"))),
        );
        assert_eq!(
            request.http().body(),
            br#"{"use":"sig","kty":"RSA","nbf":1508969811,"exp":1508969811}"#
        );

        // The page's response has a trailing comma after `"n": "rd54s6"` (invalid JSON); the
        // fixture drops that comma and is otherwise verbatim. test_req_errors.rs feeds the
        // verbatim body and gets an `Error::Body`.
        let key = request
            .parse_response(&response(200, &graph_fixture("generate_key_response.json")))
            .unwrap();
        assert_eq!(key.k, None, "`\"k\": null`");
        assert_eq!(key.x5c, Some(vec![]));
        assert_eq!(key.kty.as_deref(), Some("RSA"));
        assert_eq!(key.r#use.as_deref(), Some("sig"));
        assert_eq!(key.exp, Some(1908969811));
        assert_eq!(key.nbf, Some(1908969811));
        assert_eq!(
            key.kid.as_deref(),
            Some("Gaid7K8sO8RavMX9fzHir_Wg0femGhbY9b-B4rVIxbE")
        );
        assert_eq!(key.e.as_deref(), Some("AQAB"));
        assert_eq!(key.n.as_deref(), Some("rd54s6"));
        for absent in [&key.d, &key.dp, &key.dq, &key.p, &key.q, &key.qi] {
            assert_eq!(*absent, None);
        }
        assert_eq!(key.x5t, None);
        assert_eq!(key.extra.len(), 1);
        assert_eq!(
            key.extra.get("@odata.context").map(|raw| raw.get()),
            Some(
                r##""https://graph.microsoft.com/beta/$metadata#microsoft.graph.trustFrameworkKey""##
            )
        );
        // The explicit `null` and the context survive a round trip.
        assert_eq!(json(&odata_core::json::to_string(&key).unwrap()), {
            let mut page = json(&graph_fixture("generate_key_response.json"));
            page["@odata.type"] = "#microsoft.graph.trustFrameworkKey".into();
            page
        });
    }
}

// ---------------------------------------------------------------------------------------------
// uploadSecret: POST /trustFramework/keySets/{id}/uploadSecret -> 200 with a key

#[test]
fn upload_secret_post_200() {
    for (service, _, _) in services() {
        let parameters = UploadSecretParameters {
            key_use: KeyUse::from("use-value"),
            k: "application-secret-to-be-uploaded".into(),
            nbf: Some(1508969811),
            exp: Some(1508973711),
        };
        assert_eq!(parameters.key_use, KeyUse::Other("use-value".to_owned()));
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .upload_secret(&parameters)
            .unwrap();
        assert_request(
            &request,
            "POST",
            &operation_url(&service, "uploadSecret", false),
            Some(&json(&graph_fixture("upload_secret_request.json"))),
        );

        let key = request
            .parse_response(&response(
                200,
                &graph_fixture("upload_secret_response.json"),
            ))
            .unwrap();
        assert_eq!(
            key,
            TrustFrameworkKey::builder()
                .kid("kid-value")
                .r#use("use-value")
                .kty("OCT")
                .nbf(1508969811)
                .exp(1508973711)
                .build()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// uploadCertificate: POST /trustFramework/keySets/{id}/uploadCertificate -> 200 with a key

#[test]
fn upload_certificate_post_200() {
    for (service, _, _) in services() {
        let parameters = UploadCertificateParameters {
            key: "key-value".to_owned(),
        };
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .upload_certificate(&parameters)
            .unwrap();
        assert_request(
            &request,
            "POST",
            &operation_url(&service, "uploadCertificate", false),
            Some(&json(&graph_fixture("upload_certificate_request.json"))),
        );

        let key = request
            .parse_response(&response(
                200,
                &graph_fixture("upload_certificate_response.json"),
            ))
            .unwrap();
        assert_eq!(
            key,
            TrustFrameworkKey::builder()
                .kid("kid-value")
                .r#use("sig")
                .kty("oct")
                .nbf(1508969811)
                .exp(1508973711)
                .build()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// uploadPkcs12: POST /trustFramework/keySets/{id}/uploadPkcs12 -> 200 with a key

#[test]
fn upload_pkcs12_post_200() {
    for (service, _, _) in services() {
        let parameters = UploadPkcs12Parameters {
            key: "Base64-encoded-pfx-content".into(),
            password: Some("password-value".into()),
        };
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .upload_pkcs12(&parameters)
            .unwrap();
        assert_request(
            &request,
            "POST",
            &operation_url(&service, "uploadPkcs12", false),
            Some(&json(&graph_fixture("upload_pkcs12_request.json"))),
        );

        let key = request
            .parse_response(&response(
                200,
                &graph_fixture("upload_pkcs12_response.json"),
            ))
            .unwrap();
        assert_eq!(
            key,
            TrustFrameworkKey::builder()
                .kid("kid-value")
                .r#use("sig")
                .kty("OCT")
                .nbf(1508969811)
                .exp(1508973711)
                .build()
        );

        // Without a password, the member is left out (not `null`).
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .upload_pkcs12(&UploadPkcs12Parameters {
                key: "pfx".into(),
                password: None,
            })
            .unwrap();
        assert_eq!(request.http().body(), br#"{"key":"pfx"}"#);
    }
}

// ---------------------------------------------------------------------------------------------
// getActiveKey: GET /trustFramework/keySets/{id}/getActiveKey -> 200 with a key (a function)

#[test]
fn get_active_key_function_get_200() {
    for (service, _, _) in services() {
        let request = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(ID)
            .get_active_key()
            .unwrap();
        assert_request(
            &request,
            "GET",
            &operation_url(&service, "getActiveKey", true),
            None,
        );

        let key = request
            .parse_response(&response(
                200,
                &graph_fixture("get_active_key_response.json"),
            ))
            .unwrap();
        assert_eq!(
            key,
            TrustFrameworkKey::builder()
                .k("k-value")
                .x5c(["x5c-value"])
                .x5t("x5t-value")
                .kty("kty-value")
                .r#use("use-value")
                .exp(99)
                .build()
        );
        assert_eq!(key.kid, None, "the page's active key has no kid");
    }
}

/// The exact URLs of both syntaxes, written out once for readability.
#[test]
fn operation_urls_written_out() {
    let graph = graph();
    let set = graph
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("B2C_1A_x");
    let odata = odata();
    let odata_set = odata
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("B2C_1A_x");
    let p = GenerateKeyParameters {
        key_use: KeyUse::Enc,
        kty: KeyType::Oct,
        nbf: None,
        exp: None,
    };
    assert_eq!(
        set.generate_key(&p).unwrap().http().uri(),
        "https://graph.microsoft.com/beta/trustFramework/keySets/B2C_1A_x/generateKey"
    );
    assert_eq!(
        set.get_active_key().unwrap().http().uri(),
        "https://graph.microsoft.com/beta/trustFramework/keySets/B2C_1A_x/getActiveKey"
    );
    assert_eq!(
        odata_set.generate_key(&p).unwrap().http().uri(),
        "https://example.com/odata/trustFramework/keySets('B2C_1A_x')/microsoft.graph.generateKey"
    );
    assert_eq!(
        odata_set.get_active_key().unwrap().http().uri(),
        "https://example.com/odata/trustFramework/keySets('B2C_1A_x')/microsoft.graph.getActiveKey()"
    );
    // Optional parameters left out, enums in their wire spelling.
    assert_eq!(
        set.generate_key(&p).unwrap().http().body(),
        br#"{"use":"enc","kty":"oct"}"#
    );
}

/// `into_http` hands over exactly the request `http()` shows; `http_mut` adds a header.
#[test]
fn request_hand_over_and_authorization() {
    let mut request = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id(ID)
        .get_active_key()
        .unwrap();
    request.http_mut().headers_mut().insert(
        http::header::AUTHORIZATION,
        http::HeaderValue::from_static("Bearer token"),
    );
    assert_eq!(request.service().base(), GRAPH_BASE);
    let http = request.into_http();
    assert_eq!(http.headers().len(), 2);
    assert_eq!(http.headers()["authorization"], "Bearer token");
    assert_eq!(http.headers()["accept"], "application/json");
    assert_eq!(
        http.uri(),
        "https://graph.microsoft.com/beta/trustFramework/keySets/B2C_1A_TokenSigningKeyContainer/getActiveKey"
    );
}

/// The service root: trailing slashes dropped, and anything but an absolute http(s) URL
/// without query or fragment refused.
#[test]
fn service_roots() {
    assert_eq!(
        Service::graph("https://graph.microsoft.com/beta/")
            .unwrap()
            .base(),
        GRAPH_BASE
    );
    assert_eq!(odata().base(), ODATA_ROOT);
    assert_eq!(
        Service::odata("https://example.com").unwrap().base(),
        "https://example.com"
    );
    for bad in [
        "",
        "graph.microsoft.com/beta",
        "/beta",
        "ftp://graph.microsoft.com/beta",
        "https://graph.microsoft.com/beta?x=1",
        "https://graph.microsoft.com/beta#frag",
        "https://graph microsoft.com/beta",
    ] {
        match Service::graph(bad) {
            Err(Error::InvalidUrl(why)) => assert!(why.contains(bad), "{why}"),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    // At the root of a host, paths start right after the authority.
    let root = Service::graph("https://example.com").unwrap();
    assert_eq!(
        root.root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id("a")
            .get()
            .build()
            .unwrap()
            .http()
            .uri(),
        "https://example.com/trustFramework/keySets/a"
    );
}

/// Other conventions combine as configured: key segments with qualified functions and `()`.
#[test]
fn custom_conventions() {
    use odata_core::request::{Conventions, KeySyntax};
    let conventions = Conventions {
        key_syntax: KeySyntax::Segment,
        function_parentheses: true,
        qualified_operations: true,
    };
    let service = Service::new("https://example.com/svc", conventions).unwrap();
    assert_eq!(service.conventions(), conventions);
    let set = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("O'Brien");
    assert_eq!(
        set.get_active_key().unwrap().http().uri(),
        "https://example.com/svc/trustFramework/keySets/O'Brien/microsoft.graph.getActiveKey()"
    );
    let p = UploadCertificateParameters { key: "c".into() };
    assert_eq!(
        set.upload_certificate(&p).unwrap().http().uri(),
        "https://example.com/svc/trustFramework/keySets/O'Brien/microsoft.graph.uploadCertificate"
    );
}

/// Requests, services, pages and errors cross threads (async executors need it).
#[test]
fn send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<Service>();
    check::<odata_core::request::Request<odata_core::request::One<TrustFrameworkKeySet>>>();
    check::<odata_core::request::Request<odata_core::request::PageOf<TrustFrameworkKeySet>>>();
    check::<odata_core::request::Page<TrustFrameworkKeySet>>();
    check::<Error>();
    check::<Patch<TrustFrameworkKeySet>>();
    fn error<E: std::error::Error + Send + Sync + 'static>() {}
    error::<Error>();
    error::<odata_core::request::ServiceError>();
}

/// `parse_created` also hands back the `Location` header (the docs' create response sends
/// `Location: /trustFramework/keySets('B2C_1A_keyset1')`).
#[test]
fn create_returns_the_location_too() {
    let body = TrustFrameworkKeySet::builder().id("keyset1").build();
    let create = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .create(&body)
        .unwrap();
    let response = http::Response::builder()
        .status(201)
        .header("Location", "/trustFramework/keySets('B2C_1A_keyset1')")
        .body(br#"{"id":"B2C_1A_keyset1","keys":[]}"#.to_vec())
        .unwrap();
    let (created, location) = create.parse_created(&response).unwrap();
    assert_eq!(created.entity.id.as_deref(), Some("B2C_1A_keyset1"));
    assert_eq!(
        location.as_deref(),
        Some("/trustFramework/keySets('B2C_1A_keyset1')")
    );
    let without = http::Response::builder()
        .status(201)
        .body(b"{}".to_vec())
        .unwrap();
    assert_eq!(create.parse_created(&without).unwrap().1, None);
}
