//! Error responses: Graph's error body (with its nested `innerError` chain) and the OData
//! standard spelling read into `Error::Service` with the headers that matter and the raw body;
//! bodies that are not OData errors (HTML, empty) kept as they came; 2xx bodies that do not
//! parse or do not fit the model (`Error::Body`, with the JSON path); 2xx statuses the operation
//! does not return (`Error::UnexpectedStatus`). Nothing panics, whatever the status and body.

mod test_req_support;

use std::collections::BTreeMap;
use std::time::Duration;

use odata_core::graph::{
    GenerateKeyParameters, GraphService, KeyType, KeyUse, TrustFrameworkKey, TrustFrameworkKeySet,
};
use odata_core::json::Category;
use odata_core::request::{
    Error, InnerError, ODataError, ODataErrorDetail, Patch, Request, ResponseKind, ServiceError,
};
use serde_json::json;
use test_req_support::{graph, graph_fixture, response};

fn key_set() -> odata_core::request::EntityPath<TrustFrameworkKeySet> {
    graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("B2C_1A_missing")
}

fn service_error<T: std::fmt::Debug>(result: Result<T, Error>) -> ServiceError {
    match result {
        Err(Error::Service(e)) => *e,
        other => panic!("expected Error::Service, got {other:?}"),
    }
}

/// Graph's error format: `code`, `message`, and `innerError` with the request ids and date,
/// nesting further `innerError`s.
const GRAPH_ERROR: &str = r#"{
  "error": {
    "code": "Request_ResourceNotFound",
    "message": "Resource 'B2C_1A_missing' does not exist or one of its queried reference-property objects are not present.",
    "target": "id",
    "details": [
      {"code": "NotFound", "message": "No key set B2C_1A_missing.", "target": "keySets"}
    ],
    "innerError": {
      "date": "2024-06-20T10:11:12",
      "request-id": "5fe0b2c1-0000-4000-8000-000000000001",
      "client-request-id": "5fe0b2c1-0000-4000-8000-000000000002",
      "innerError": {
        "code": "KeySetNotFound",
        "innerError": {
          "code": "TenantKeyStoreMiss",
          "retryable": false
        }
      }
    }
  }
}"#;

#[test]
fn graph_error_with_nested_inner_errors() {
    let response = http::Response::builder()
        .status(404)
        .header("content-type", "application/json; charset=utf-8")
        .header("request-id", "5fe0b2c1-0000-4000-8000-000000000001")
        .header("client-request-id", "5fe0b2c1-0000-4000-8000-000000000002")
        .header("retry-after", "120")
        .header("x-ms-ags-diagnostic", "{}")
        .body(GRAPH_ERROR.as_bytes().to_vec())
        .unwrap();
    let e = service_error(key_set().get().build().unwrap().parse_response(&response));

    assert_eq!(e.status, 404);
    assert_eq!(e.retry_after.as_deref(), Some("120"));
    assert_eq!(e.retry_after_delay(), Some(Duration::from_secs(120)));
    assert_eq!(
        e.request_id.as_deref(),
        Some("5fe0b2c1-0000-4000-8000-000000000001")
    );
    assert_eq!(
        e.client_request_id.as_deref(),
        Some("5fe0b2c1-0000-4000-8000-000000000002")
    );
    assert_eq!(
        e.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(e.body, GRAPH_ERROR.as_bytes());

    let deepest = InnerError {
        code: Some("TenantKeyStoreMiss".into()),
        other: BTreeMap::from([("retryable".to_owned(), json!(false))]),
        ..InnerError::default()
    };
    let middle = InnerError {
        code: Some("KeySetNotFound".into()),
        inner_error: Some(Box::new(deepest)),
        ..InnerError::default()
    };
    let expected = ODataError {
        code: "Request_ResourceNotFound".into(),
        message: "Resource 'B2C_1A_missing' does not exist or one of its queried reference-property objects are not present.".into(),
        target: Some("id".into()),
        details: vec![ODataErrorDetail {
            code: "NotFound".into(),
            message: "No key set B2C_1A_missing.".into(),
            target: Some("keySets".into()),
        }],
        inner_error: Some(InnerError {
            code: None,
            request_id: Some("5fe0b2c1-0000-4000-8000-000000000001".into()),
            client_request_id: Some("5fe0b2c1-0000-4000-8000-000000000002".into()),
            date: Some("2024-06-20T10:11:12".into()),
            inner_error: Some(Box::new(middle)),
            other: BTreeMap::new(),
        }),
    };
    assert_eq!(e.error.as_ref(), Some(&expected));

    // Walking the chain.
    let mut codes = Vec::new();
    let mut inner = e.error.as_ref().unwrap().inner_error.as_ref();
    while let Some(i) = inner {
        codes.push(i.code.clone());
        inner = i.inner_error.as_deref();
    }
    assert_eq!(
        codes,
        [
            None,
            Some("KeySetNotFound".to_owned()),
            Some("TenantKeyStoreMiss".to_owned())
        ]
    );

    assert_eq!(
        e.to_string(),
        "404 Not Found: Request_ResourceNotFound: Resource 'B2C_1A_missing' does not exist or one of its queried reference-property objects are not present."
    );
    // The same through `Error`'s Display.
    let err = key_set()
        .delete()
        .unwrap()
        .parse_response(&response)
        .unwrap_err();
    assert_eq!(err.to_string(), e.to_string());
}

/// `Retry-After` as an HTTP date is kept as sent; only seconds convert to a delay.
#[test]
fn retry_after_forms() {
    for (value, delay) in [
        ("7", Some(Duration::from_secs(7))),
        (" 30 ", Some(Duration::from_secs(30))),
        ("Fri, 31 Dec 1999 23:59:59 GMT", None),
        ("-1", None),
    ] {
        let response = http::Response::builder()
            .status(503)
            .header("Retry-After", value)
            .body(Vec::new())
            .unwrap();
        let e = service_error(
            key_set()
                .get_active_key()
                .unwrap()
                .parse_response(&response),
        );
        assert_eq!(e.retry_after.as_deref(), Some(value));
        assert_eq!(e.retry_after_delay(), delay);
    }
}

/// The OData 4.0 JSON format's own example: `innererror` in lower case, service-defined content.
#[test]
fn odata_standard_innererror_spelling() {
    let body = r#"{
  "error": {
    "code": "501",
    "message": "Unsupported functionality",
    "target": "query",
    "details": [
      {"code": "301", "target": "$search", "message": "$search query option not supported"}
    ],
    "innererror": {
      "trace": [],
      "context": {},
      "innererror": {"code": "nested", "message": "deeper"}
    }
  }
}"#;
    let e = service_error(
        key_set()
            .get()
            .build()
            .unwrap()
            .parse_response(&response(501, body)),
    );
    assert_eq!(e.status, 501);
    let error = e.error.unwrap();
    assert_eq!(error.code, "501");
    assert_eq!(error.message, "Unsupported functionality");
    assert_eq!(error.target.as_deref(), Some("query"));
    assert_eq!(
        error.details,
        [ODataErrorDetail {
            code: "301".into(),
            message: "$search query option not supported".into(),
            target: Some("$search".into()),
        }]
    );
    let inner = error.inner_error.unwrap();
    assert_eq!(
        inner.other,
        BTreeMap::from([
            ("context".to_owned(), json!({})),
            ("trace".to_owned(), json!([])),
        ])
    );
    let nested = inner.inner_error.unwrap();
    assert_eq!(nested.code.as_deref(), Some("nested"));
    assert_eq!(
        nested.other,
        BTreeMap::from([("message".to_owned(), json!("deeper"))])
    );
    assert_eq!(e.request_id, None);
    assert_eq!(e.retry_after, None);
    assert_eq!(e.body, body.as_bytes());
}

/// The innererror's content is service-defined (OData JSON Format, "Error Response"): a
/// member that is not a string where Graph puts one must not lose the error's code and
/// message.
#[test]
fn innererror_with_non_string_members_keeps_code_and_message() {
    let body = r#"{"error":{"code":"InternalServerError","message":"Boom","innererror":{"code":500,"date":1718878272}}}"#;
    let e = service_error(
        key_set()
            .get()
            .build()
            .unwrap()
            .parse_response(&response(500, body)),
    );
    let error = e.error.expect("the code and message are well-formed");
    assert_eq!(error.code, "InternalServerError");
    assert_eq!(error.message, "Boom");
}

#[test]
fn html_body_is_kept_without_an_odata_error() {
    let html =
        "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
    let response = http::Response::builder()
        .status(502)
        .header("content-type", "text/html; charset=utf-8")
        .header("request-id", "gw-1")
        .body(html.as_bytes().to_vec())
        .unwrap();
    let e = service_error(key_set().get().build().unwrap().parse_response(&response));
    assert_eq!(e.status, 502);
    assert_eq!(e.error, None);
    assert_eq!(e.body, html.as_bytes());
    assert_eq!(e.request_id.as_deref(), Some("gw-1"));
    assert_eq!(e.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(
        e.to_string(),
        format!(
            "502 Bad Gateway (body is not an OData error: {} bytes of text/html; charset=utf-8)",
            html.len()
        )
    );
}

#[test]
fn empty_body() {
    let response = http::Response::builder()
        .status(401)
        .header("www-authenticate", "Bearer")
        .body(Vec::new())
        .unwrap();
    let e = service_error(key_set().delete().unwrap().parse_response(&response));
    assert_eq!(e.status, 401);
    assert_eq!(e.error, None);
    assert!(e.body.is_empty());
    assert_eq!(e.content_type, None);
    assert_eq!(e.to_string(), "401 Unauthorized (empty body)");

    // A JSON body that is not an error object, and one whose `error` misses its message.
    for body in [
        r#"{"message":"nope"}"#,
        r#"{"error":{"code":"X"}}"#,
        "null",
        "[]",
    ] {
        let e = service_error(
            key_set()
                .get()
                .build()
                .unwrap()
                .parse_response(&response_with(400, body)),
        );
        assert_eq!(e.error, None, "{body}");
        assert_eq!(e.body, body.as_bytes());
        assert_eq!(
            e.to_string(),
            format!(
                "400 Bad Request (body is not an OData error: {} bytes of application/json)",
                body.len()
            )
        );
    }
}

fn response_with(status: u16, body: &str) -> http::Response<Vec<u8>> {
    response(status, body)
}

/// A header value that is not visible ASCII is dropped, not a panic.
#[test]
fn non_ascii_header_values() {
    let response = http::Response::builder()
        .status(500)
        .header(
            "request-id",
            http::HeaderValue::from_bytes(b"id-\xff").unwrap(),
        )
        .header(
            "retry-after",
            http::HeaderValue::from_bytes(b"\xfe").unwrap(),
        )
        .body(b"{}".to_vec())
        .unwrap();
    let e = ServiceError::from_response(&response);
    assert_eq!(e.request_id, None);
    assert_eq!(e.retry_after, None);
    assert_eq!(e.retry_after_delay(), None);
}

/// 2xx bodies that are not JSON, with the JSON error's category, path and position.
#[test]
fn unparsable_2xx_bodies() {
    // The generateKey page's response verbatim: a trailing comma after `"n": "rd54s6"`.
    let verbatim = r#"{
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#microsoft.graph.trustFrameworkKey",
    "k": null,
    "x5c": [],
    "kty": "RSA",
    "use": "sig",
    "exp": 1908969811,
    "nbf": 1908969811,
    "kid": "Gaid7K8sO8RavMX9fzHir_Wg0femGhbY9b-B4rVIxbE",
    "e": "AQAB",
    "n": "rd54s6",
}"#;
    let generate = key_set()
        .generate_key(&GenerateKeyParameters {
            key_use: KeyUse::Sig,
            kty: KeyType::Rsa,
            nbf: Some(1508969811),
            exp: Some(1508969811),
        })
        .unwrap();
    match generate.parse_response(&response(200, verbatim)) {
        Err(Error::Body {
            status,
            error,
            body,
        }) => {
            assert_eq!(status, 200);
            assert_eq!(error.category(), Category::Syntax);
            assert_eq!((error.line(), error.column()), (12, 1));
            assert_eq!(body, verbatim.as_bytes());
        }
        other => panic!("{other:?}"),
    }
    // The fixture, with that comma removed, parses.
    generate
        .parse_response(&response(200, &graph_fixture("generate_key_response.json")))
        .unwrap();

    let get = key_set().get().build().unwrap();
    for (body, category) in [
        (r#"{"id":"#, Category::Eof),
        ("", Category::Eof),
        ("<html>OK</html>", Category::Syntax),
        (r#"{"id":"a"} trailing"#, Category::Syntax),
        ("\u{feff}{}", Category::Syntax),
    ] {
        match get.parse_response(&response(200, body)) {
            Err(Error::Body {
                status,
                error,
                body: raw,
            }) => {
                assert_eq!(status, 200);
                assert_eq!(error.category(), category, "{body:?}: {error}");
                assert_eq!(raw, body.as_bytes());
            }
            other => panic!("{body:?}: {other:?}"),
        }
    }
    // Not UTF-8 at all.
    let bytes = http::Response::builder()
        .status(200)
        .body(vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'])
        .unwrap();
    assert!(matches!(
        get.parse_response(&bytes),
        Err(Error::Body { .. })
    ));
}

/// 2xx bodies that are JSON but do not fit the model: the error names the member.
#[test]
fn wrongly_typed_2xx_bodies_name_the_path() {
    let get = key_set().get().build().unwrap();
    let body = r#"{"id":"a","keys":[{"kid":"k1","exp":"9.9"}]}"#;
    let err = get.parse_response(&response(200, body)).unwrap_err();
    match &err {
        Error::Body {
            status,
            error,
            body: raw,
        } => {
            assert_eq!(*status, 200);
            assert_eq!(error.category(), Category::Data);
            assert_eq!(error.path(), "$.keys[0].exp");
            assert_eq!(
                error.message(),
                "invalid value: string \"9.9\", expected an Edm.Int64: an integer, or an integer in a string"
            );
            assert_eq!(raw, body.as_bytes());
        }
        other => panic!("{other:?}"),
    }
    assert!(err
        .to_string()
        .starts_with("the 200 OK response body does not fit the model: $.keys[0].exp: invalid value: string \"9.9\", expected an Edm.Int64"),
        "{err}");
    assert!(std::error::Error::source(&err).is_some());

    // The older uploadSecret page's response: `nbf` and `exp` as strings, which is how an
    // IEEE754Compatible service sends an Int64: read as the integers they are.
    let upload = key_set()
        .upload_secret(&odata_core::graph::UploadSecretParameters {
            key_use: KeyUse::Sig,
            k: "s".into(),
            nbf: None,
            exp: None,
        })
        .unwrap();
    let key = upload
        .parse_response(&response(
            200,
            &graph_fixture("upload_secret_response_older.json"),
        ))
        .unwrap();
    assert_eq!(key.nbf, Some(1_508_969_811));

    // Another type's annotation, and an object where a collection is due.
    match get.parse_response(&response(
        200,
        r##"{"@odata.type":"#microsoft.graph.user","id":"a"}"##,
    )) {
        Err(Error::Body { error, .. }) => assert_eq!(error.path(), "$.@odata.type"),
        other => panic!("{other:?}"),
    }
    match get.parse_response(&response(200, r#"{"id":"a","keys":{"kid":"k"}}"#)) {
        Err(Error::Body { error, .. }) => assert_eq!(error.path(), "$.keys"),
        other => panic!("{other:?}"),
    }
    // The stub page's `{"value": {...}}` wrapper is not an error: the key set type keeps
    // unknown members, so it reads as a key set without id whose `value` member is kept.
    let wrapped = get
        .parse_response(&response(200, r#"{"value":{"id":"a"}}"#))
        .unwrap();
    assert_eq!(wrapped.entity.id, None);
    assert_eq!(
        wrapped.extra.get("value").map(|raw| raw.get()),
        Some(r#"{"id":"a"}"#)
    );
}

/// A 2xx the operation does not answer with is not silently read.
#[test]
fn unexpected_2xx_statuses() {
    fn unexpected<T: std::fmt::Debug>(result: Result<T, Error>, expected_status: u16, body: &str) {
        match result {
            Err(Error::UnexpectedStatus { status, body: raw }) => {
                assert_eq!(status, expected_status);
                assert_eq!(raw, body.as_bytes());
            }
            other => panic!("{expected_status}: {other:?}"),
        }
    }
    let body = r#"{"id":"a"}"#;
    let get = key_set().get().build().unwrap();
    unexpected(get.parse_response(&response(202, body)), 202, body);
    unexpected(get.parse_response(&response(201, body)), 201, body);
    unexpected(get.parse_response(&response(204, "")), 204, "");
    unexpected(get.parse_response(&response(206, body)), 206, body);
    let err = get.parse_response(&response(202, body)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected status 202 Accepted for this operation (10 byte body)"
    );

    let list = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .build()
        .unwrap();
    unexpected(list.parse_response(&response(204, "")), 204, "");

    let create = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .create(&TrustFrameworkKeySet::default())
        .unwrap();
    unexpected(create.parse_response(&response(204, "")), 204, "");
    unexpected(create.parse_response(&response(202, body)), 202, body);

    let update = key_set()
        .update(&Patch::from_value(&TrustFrameworkKeySet::builder().id("a").build()).unwrap())
        .unwrap();
    unexpected(update.parse_response(&response(201, body)), 201, body);
    unexpected(update.parse_response(&response(202, "")), 202, "");

    let delete = key_set().delete().unwrap();
    unexpected(delete.parse_response(&response(202, "")), 202, "");

    let active = key_set().get_active_key().unwrap();
    unexpected(active.parse_response(&response(201, "{}")), 201, "{}");
    unexpected(active.parse_response(&response(204, "")), 204, "");
}

/// Every status from 100 to 999 against every kind of response and a set of odd bodies: the
/// outcome is classified, never a panic. Non-2xx is always `Error::Service`, with the body.
#[test]
fn no_panic_for_any_status_and_body() {
    let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let deep_in_member = format!(r#"{{"keys":{}}}"#, "[".repeat(5_000));
    let bodies: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"{".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"{}".to_vec(),
        br#"{"value":[]}"#.to_vec(),
        br#"{"error":{"code":"c","message":"m"}}"#.to_vec(),
        br#"{"error":{"code":"c","message":"m","innerError":{"innerError":{"innerError":{"innerError":{}}}}}}"#.to_vec(),
        b"<html></html>".to_vec(),
        vec![0xff, 0x00, 0xfe],
        b"\0".to_vec(),
        deep.into_bytes(),
        deep_in_member.into_bytes(),
        graph_fixture("get_response.json").into_bytes(),
        graph_fixture("list_response.json").into_bytes(),
    ];

    /// `ok_statuses`: read as the operation's answer (`Ok` or `Error::Body`); `lenient`: read
    /// as its answer only with an empty body (`Ok` or `Error::UnexpectedStatus`).
    fn check<K: ResponseKind>(
        request: &Request<K>,
        status: u16,
        body: &[u8],
        ok_statuses: &[u16],
        lenient: &[u16],
    ) where
        K::Output: std::fmt::Debug,
    {
        let response = http::Response::builder()
            .status(status)
            .body(body.to_vec())
            .unwrap();
        let outcome = request.parse_response(&response);
        match (&outcome, (200..300).contains(&status)) {
            (Err(Error::Service(e)), false) => {
                assert_ne!(status, 412, "a 412 is PreconditionFailed");
                assert_eq!(e.status, status);
                assert_eq!(e.body, body);
            }
            (Err(Error::PreconditionFailed(e)), false) => {
                assert_eq!(status, 412);
                assert_eq!(e.status, status);
                assert_eq!(e.body, body);
            }
            (Err(Error::UnexpectedStatus { status: s, .. }), true) => {
                assert_eq!(*s, status);
                assert!(!ok_statuses.contains(&status), "{status}");
            }
            (Ok(_), true) if lenient.contains(&status) => {
                assert!(body.iter().all(u8::is_ascii_whitespace), "{status}");
            }
            (Err(Error::Body { status: s, .. }), true) => {
                assert_eq!(*s, status);
                assert!(ok_statuses.contains(&status), "{status}");
            }
            (Ok(_), true) => assert!(ok_statuses.contains(&status), "{status}"),
            (other, _) => panic!("{status}: {other:?}"),
        }
    }

    let list = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .build()
        .unwrap();
    let get = key_set().get().build().unwrap();
    let create = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .create(&TrustFrameworkKeySet::default())
        .unwrap();
    let update = key_set()
        .replace(
            &TrustFrameworkKeySet::builder()
                .key(TrustFrameworkKey::default())
                .build(),
        )
        .unwrap();
    let delete = key_set().delete().unwrap();
    let active = key_set().get_active_key().unwrap();
    let mut checked = 0;
    for status in 100..=999 {
        for body in &bodies {
            check(&list, status, body, &[200], &[]);
            check(&get, status, body, &[200], &[]);
            check(&create, status, body, &[200, 201], &[]);
            check(&update, status, body, &[200, 204], &[]);
            check(&delete, status, body, &[204], &[200]);
            check(&active, status, body, &[200], &[]);
            checked += 6;
        }
    }
    assert_eq!(checked, 900 * bodies.len() * 6);
}
