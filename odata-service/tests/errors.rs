//! Every error path, in Graph's error format, in both key syntaxes: 404, 400 (naming the
//! member's JSON path), 415, 405, 401, 413, 409 (in crud.rs); request ids on every response.

mod common;

use common::{assert_graph_error, req, request, with_body, Client, SYNTAXES};
use odata_core::graph::{
    GenerateKeyParameters, KeyType, KeyUse, TrustFrameworkKey, TrustFrameworkKeySet,
    UploadCertificateParameters, UploadPkcs12Parameters, UploadSecretParameters,
};
use odata_core::request::Patch;
use odata_service::KeySetService;

fn generate() -> GenerateKeyParameters {
    GenerateKeyParameters {
        key_use: KeyUse::Sig,
        kty: KeyType::Rsa,
        nbf: None,
        exp: None,
    }
}

fn secret() -> UploadSecretParameters {
    UploadSecretParameters {
        key_use: KeyUse::Sig,
        k: "s".into(),
        nbf: None,
        exp: None,
    }
}

fn certificate() -> UploadCertificateParameters {
    UploadCertificateParameters { key: "MIIB".into() }
}

fn pkcs12() -> UploadPkcs12Parameters {
    UploadPkcs12Parameters {
        key: "MIIB".into(),
        password: None,
    }
}

fn body_set() -> TrustFrameworkKeySet {
    TrustFrameworkKeySet::builder()
        .key(TrustFrameworkKey::builder().kid("k").build())
        .build()
}

/// Every request with a body that `client` can make on key set `id`.
fn body_requests(client: &Client, id: &str) -> Vec<http::Request<Vec<u8>>> {
    let set = client.key_set(id);
    let patch = Patch::from_value(&body_set()).unwrap();
    vec![
        client.key_sets().create(&body_set()).unwrap().into_http(),
        set.update(&patch).unwrap().into_http(),
        set.replace(&body_set()).unwrap().into_http(),
        set.generate_key(&generate()).unwrap().into_http(),
        set.upload_secret(&secret()).unwrap().into_http(),
        set.upload_certificate(&certificate()).unwrap().into_http(),
        set.upload_pkcs12(&pkcs12()).unwrap().into_http(),
    ]
}

#[test]
fn unknown_ids_are_404_for_every_operation_in_both_key_syntaxes() {
    let running = KeySetService::builder().build().start().unwrap();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let missing = client.key_set("B2C_1A_missing");
        let patch = Patch::from_value(&body_set()).unwrap();
        let code = "ResourceNotFound";
        let error = client.fails(missing.get().build(), 404, code);
        assert!(error.error.unwrap().message.contains("B2C_1A_missing"));
        client.fails(missing.update(&patch).unwrap(), 404, code);
        client.fails(missing.replace(&body_set()).unwrap(), 404, code);
        client.fails(missing.delete(), 404, code);
        client.fails(missing.generate_key(&generate()).unwrap(), 404, code);
        client.fails(missing.upload_secret(&secret()).unwrap(), 404, code);
        client.fails(
            missing.upload_certificate(&certificate()).unwrap(),
            404,
            code,
        );
        client.fails(missing.upload_pkcs12(&pkcs12()).unwrap(), 404, code);
        client.fails(missing.get_active_key(), 404, code);
    }
    // Nothing was created on the way (no PUT-creates, no phantom sets).
    assert!(running.key_sets().is_empty());
}

#[test]
fn unknown_routes_are_404() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "graph");
    let base = running.base_url();
    let origin = base.trim_end_matches("/v1.0");
    for url in [
        format!("{origin}/"),
        format!("{origin}/beta/trustFramework/keySets"),
        format!("{base}/trustFramework"),
        format!("{base}/trustFramework/policies"),
        format!("{base}/trustFramework/keySets/"),
        format!("{base}/trustFramework/keySets/x/keys"),
        format!("{base}/trustFramework/keySets('x')/nope"),
        format!("{base}/trustFramework/keySets/x/generateKey/more"),
    ] {
        let response = client.raw(request("GET", &url, None));
        assert_graph_error(&response, 404, "ResourceNotFound");
    }
}

#[test]
fn malformed_bodies_are_400_naming_the_json_path_in_both_key_syntaxes() {
    let running = KeySetService::builder().build().start().unwrap();
    // (body, the path odata_core reports or the service names)
    let cases: [(&[u8], &str); 9] = [
        (
            br#"{"id":"x","keys":[{"kid":"k1","exp":"soon"}]}"#,
            "$.keys[0].exp",
        ),
        (br#"{"keys":[{"kid":7}]}"#, "$.keys[0].kid"),
        (br#"{"keys":{"kid":"k"}}"#, "$.keys"),
        (
            br##"{"@odata.type":"#microsoft.graph.user","id":"x"}"##,
            "$.@odata.type",
        ),
        (
            br##"{"keys":[{"@odata.type":"#microsoft.graph.trustFrameworkKeySet"}]}"##,
            "$.keys[0].@odata.type",
        ),
        (br#"{"id":"x","keys":[{"kid":"k1"}"#, "$.keys"),
        (br#"{"id":"x"} trailing"#, "$"),
        (b"", "$"),
        (br#"[1,2]"#, "$"),
    ];
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let id = format!("B2C_1A_{syntax}_bodies");
        client.ok(client
            .key_sets()
            .create(&TrustFrameworkKeySet::builder().id(id.as_str()).build())
            .unwrap());
        for (body, path) in cases {
            let parsed = odata_core::json::from_slice::<TrustFrameworkKeySet>(body).unwrap_err();
            assert!(
                parsed.path() == path,
                "odata-core's path for {} is {}",
                String::from_utf8_lossy(body),
                parsed.path()
            );
            let requests = [
                with_body(client.key_sets().create(&body_set()).unwrap(), body),
                with_body(
                    client
                        .key_set(&id)
                        .update(&Patch::from_value(&body_set()).unwrap())
                        .unwrap(),
                    body,
                ),
                with_body(client.key_set(&id).replace(&body_set()).unwrap(), body),
            ];
            for request in requests {
                let what = format!("{} {}", request.method(), String::from_utf8_lossy(body));
                let response = client.raw(request);
                let error = assert_graph_error(&response, 400, "BadRequest");
                assert!(
                    error.message.contains(&format!(" {path}: ")),
                    "{what}: {}",
                    error.message
                );
                assert!(error.message.contains(parsed.message()), "{what}");
                assert_eq!(error.target.as_deref(), Some(path), "{what}");
            }
        }

        // Unknown members and ids that do not fit are the service's own 400s, with paths.
        let service_cases: [(&str, &[u8], &str); 7] = [
            (
                "POST",
                br#"{"id":"new","displayName":"x"}"#,
                "$.displayName",
            ),
            (
                "POST",
                br#"{"keys":[{"kid":"k"},{"kid":"k","status":"enabled"}]}"#,
                "$.keys[1].status",
            ),
            ("POST", br#"{"id":""}"#, "$.id"),
            ("PATCH", br#"{"keys":[],"odd name":1}"#, r#"$["odd name"]"#),
            ("PATCH", br#"{"id":"other"}"#, "$.id"),
            ("PATCH", br#"{"id":null}"#, "$.id"),
            ("PUT", br#"{"id":"other","keys":[]}"#, "$.id"),
        ];
        for (method, body, path) in service_cases {
            let request = match method {
                "POST" => with_body(client.key_sets().create(&body_set()).unwrap(), body),
                "PATCH" => with_body(
                    client
                        .key_set(&id)
                        .update(&Patch::from_value(&body_set()).unwrap())
                        .unwrap(),
                    body,
                ),
                _ => with_body(client.key_set(&id).replace(&body_set()).unwrap(), body),
            };
            let response = client.raw(request);
            let error = assert_graph_error(&response, 400, "BadRequest");
            assert!(
                error.message.contains(path),
                "{method} {}: {}",
                String::from_utf8_lossy(body),
                error.message
            );
            assert_eq!(error.target.as_deref(), Some(path));
        }
    }
    // Only the two sets created above exist, both unchanged.
    let stored = running.key_sets();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|s| s.keys == Some(vec![])));
}

#[test]
fn malformed_urls_are_400() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "odata");
    let base = format!("{}/trustFramework/keySets", running.base_url());
    for url in [
        format!("{base}(x)"),
        format!("{base}('a'b')"),
        format!("{base}('unterminated"),
        format!("{base}/%FF%FE"),
        format!("{base}?$filter=id%20eq"),
        format!("{base}?$select=nope"),
        format!("{base}?$orderby=id%20up"),
        format!("{base}?$expand=keys"),
        format!("{base}/$count?$top=1"),
        format!("{base}?$top=-1"),
        format!("{base}?$top=1&$top=2"),
        format!("{base}?$count=maybe"),
        format!("{base}?$skiptoken=***"),
        format!("{base}/x?$select=id"),
        format!("{base}('x')?$top=1"),
    ] {
        let response = client.raw(request("GET", &url, None));
        assert_graph_error(&response, 400, "BadRequest");
    }
    // Custom (non-`$`) query options are ignored.
    let response = client.raw(request("GET", &format!("{base}?custom=1"), None));
    assert_eq!(response.status(), 200);
}

#[test]
fn bodies_not_declared_json_are_415_in_both_key_syntaxes() {
    let running = KeySetService::builder().build().start().unwrap();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let id = format!("B2C_1A_{syntax}_media");
        client.ok(client
            .key_sets()
            .create(&TrustFrameworkKeySet::builder().id(id.as_str()).build())
            .unwrap());
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/xml"),
            Some("application/json-patch+json"),
            Some("application/json; charset=iso-8859-1"),
        ] {
            for mut request in body_requests(&client, &id) {
                let headers = request.headers_mut();
                headers.remove("content-type");
                if let Some(value) = content_type {
                    headers.insert("content-type", value.parse().unwrap());
                }
                let what = format!("{} {} {content_type:?}", request.method(), request.uri());
                let response = client.raw(request);
                let error = assert_graph_error(&response, 415, "UnsupportedMediaType");
                assert!(error.message.contains("application/json"), "{what}");
            }
        }
        // Parameters and case do not matter.
        for content_type in [
            "application/json",
            "Application/JSON; charset=UTF-8",
            "application/json;odata.metadata=minimal;charset=\"utf-8\"",
        ] {
            let mut request = client
                .key_set(&id)
                .generate_key(&generate())
                .unwrap()
                .into_http();
            request
                .headers_mut()
                .insert("content-type", content_type.parse().unwrap());
            assert_eq!(client.raw(request).status(), 200, "{content_type}");
        }
    }
}

#[test]
fn wrong_methods_on_known_routes_are_405_with_allow() {
    let running = KeySetService::builder().build().start().unwrap();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let set = client.key_set("B2C_1A_any");
        let collection = req(client.key_sets().list().build()).into_http();
        let entity = req(set.get().build()).into_http();
        let action = set.generate_key(&generate()).unwrap().into_http();
        let function = req(set.get_active_key()).into_http();
        for (base, method, allow) in [
            (&collection, "DELETE", "GET, POST"),
            (&collection, "PUT", "GET, POST"),
            (&collection, "PATCH", "GET, POST"),
            (&entity, "POST", "GET, PUT, PATCH, DELETE"),
            (&entity, "HEAD", "GET, PUT, PATCH, DELETE"),
            (&action, "GET", "POST"),
            (&action, "DELETE", "POST"),
            (&function, "POST", "GET"),
            (&function, "PUT", "GET"),
        ] {
            let mut request = base.clone();
            *request.method_mut() = method.parse().unwrap();
            let what = format!("{method} {}", request.uri());
            let response = client.raw(request);
            if method == "HEAD" {
                assert_eq!(response.status(), 405, "{what}");
                assert!(response.body().is_empty());
            } else {
                assert_graph_error(&response, 405, "MethodNotAllowed");
            }
            assert_eq!(response.headers()["allow"], allow, "{what}");
        }
    }
}

#[test]
fn a_configured_token_is_required_in_both_key_syntaxes() {
    let running = KeySetService::builder()
        .token(Some("s3cret-token".into()))
        .build()
        .start()
        .unwrap();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let id = format!("B2C_1A_{syntax}_auth");
        let create = || {
            client
                .key_sets()
                .create(&TrustFrameworkKeySet::builder().id(id.as_str()).build())
                .unwrap()
        };
        for authorization in [
            None,
            Some("Bearer wrong"),
            Some("Bearer s3cret-token-and-more"),
            Some("Bearer "),
            Some("Basic s3cret-token"),
            Some("s3cret-token"),
        ] {
            let mut request = create();
            if let Some(value) = authorization {
                request
                    .http_mut()
                    .headers_mut()
                    .insert("authorization", value.parse().unwrap());
            }
            let (response, parsed) = client.send(request);
            assert!(parsed.is_err());
            assert_graph_error(&response, 401, "InvalidAuthenticationToken");
            assert_eq!(response.headers()["www-authenticate"], "Bearer");
        }
        // 401 comes before routing: an unknown route without a token is 401 too.
        let response = client.raw(request(
            "GET",
            &format!("{}/nowhere", running.base_url()),
            None,
        ));
        assert_graph_error(&response, 401, "InvalidAuthenticationToken");

        for authorization in ["Bearer s3cret-token", "bearer   s3cret-token"] {
            let mut get = req(client.key_sets().list().build());
            get.http_mut()
                .headers_mut()
                .insert("authorization", authorization.parse().unwrap());
            client.ok(get);
        }
        let mut request = create();
        request
            .http_mut()
            .headers_mut()
            .insert("authorization", "Bearer s3cret-token".parse().unwrap());
        client.ok(request);
    }
    assert_eq!(running.key_sets().len(), 2);
}

#[test]
fn bodies_over_the_limit_are_413_with_or_without_content_length() {
    let running = KeySetService::builder()
        .max_body_bytes(1024)
        .build()
        .start()
        .unwrap();
    let big_key = TrustFrameworkKey::builder()
        .kid("k")
        .n("n".repeat(2000))
        .build();
    let big = TrustFrameworkKeySet::builder()
        .id("B2C_1A_big")
        .key(big_key)
        .build();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let id = format!("B2C_1A_{syntax}_limit");
        client.ok(client
            .key_sets()
            .create(&TrustFrameworkKeySet::builder().id(id.as_str()).build())
            .unwrap());
        let set = client.key_set(&id);
        let big_secret = UploadSecretParameters {
            k: "k".repeat(4096).into(),
            ..secret()
        };
        let requests = [
            client.key_sets().create(&big).unwrap().into_http(),
            set.update(&Patch::from_value(&big).unwrap())
                .unwrap()
                .into_http(),
            set.replace(&big).unwrap().into_http(),
            set.upload_secret(&big_secret).unwrap().into_http(),
        ];
        for request in requests {
            assert!(request.body().len() > 1024);
            // With Content-Length (ureq sends it for a byte body).
            let response = client.raw(request.clone());
            assert_graph_error(&response, 413, "RequestEntityTooLarge");
            // Chunked: no Content-Length, the limit is found while reading.
            let (parts, body) = request.into_parts();
            let chunked = http::Request::from_parts(
                parts,
                ureq::SendBody::from_owned_reader(std::io::Cursor::new(body)),
            );
            let response = client.agent.run(chunked).unwrap();
            let (parts, mut body) = response.into_parts();
            let response = http::Response::from_parts(parts, body.read_to_vec().unwrap());
            assert_graph_error(&response, 413, "RequestEntityTooLarge");
        }
        // Just under the limit is fine.
        let fits = UploadSecretParameters {
            k: "k".repeat(900).into(),
            ..secret()
        };
        client.ok(set.upload_secret(&fits).unwrap());
    }
    let stored = running.key_sets();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|s| s.keys.as_ref().unwrap().len() == 1));
}

#[test]
fn request_ids_on_every_response_and_client_request_id_echoed() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "graph");
    let mut seen = std::collections::HashSet::new();

    // Successes: 201, 200, 204.
    let create = client
        .key_sets()
        .create(&TrustFrameworkKeySet::builder().id("B2C_1A_ids").build())
        .unwrap();
    let get = req(client.key_set("B2C_1A_ids").get().build());
    let delete = req(client.key_set("B2C_1A_ids").delete());
    for (request, status) in [
        (create.into_http(), 201),
        (get.into_http(), 200),
        (delete.into_http(), 204),
    ] {
        let response = client.raw(request);
        assert_eq!(response.status(), status);
        let id = response.headers()["request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(id.len(), 36);
        assert!(seen.insert(id), "request ids are fresh");
        assert!(!response.headers().contains_key("client-request-id"));
        assert_eq!(response.headers()["odata-version"], "4.0");
    }

    // An error, with a client-request-id: echoed in the header and in innerError, and read
    // back by odata-core's ServiceError.
    let mut request = req(client.key_set("B2C_1A_ids").get().build());
    request.http_mut().headers_mut().insert(
        "client-request-id",
        "7d3c2d41-9a8e-4c71-9d6f-3c4bb4c1e2aa".parse().unwrap(),
    );
    let error = client.fails(request, 404, "ResourceNotFound");
    assert_eq!(
        error.client_request_id.as_deref(),
        Some("7d3c2d41-9a8e-4c71-9d6f-3c4bb4c1e2aa")
    );
    let inner = error.error.unwrap().inner_error.unwrap();
    assert_eq!(
        inner.client_request_id.as_deref(),
        Some("7d3c2d41-9a8e-4c71-9d6f-3c4bb4c1e2aa")
    );
    assert_eq!(inner.request_id, error.request_id);

    // A success echoes it too.
    let mut request = req(client.key_sets().list().build());
    request
        .http_mut()
        .headers_mut()
        .insert("client-request-id", "abc".parse().unwrap());
    let (response, page) = client.send(request);
    assert!(page.unwrap().value.is_empty());
    assert_eq!(response.headers()["client-request-id"], "abc");
}
