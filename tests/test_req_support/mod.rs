//! Shared by the `test_req_*` integration tests of the sans-IO request layer: the two services,
//! the Graph documentation fixtures (`tests/fixtures/graph/`), canned responses, and exact
//! checks of a built request (method, URL, headers, body).
#![allow(dead_code)]

use odata_core::request::{Request, Service};
use serde_json::Value;

/// The base of every example URL in the Graph documentation (there are no v1.0 pages).
pub const GRAPH_BASE: &str = "https://graph.microsoft.com/beta";
/// A standard OData 4.0 service root; the trailing slash is dropped by `Service`.
pub const ODATA_BASE: &str = "https://example.com/odata/";
/// `ODATA_BASE` as the service writes it.
pub const ODATA_ROOT: &str = "https://example.com/odata";

/// Microsoft Graph conventions: `/keySets/{id}`, `/generateKey`, `/getActiveKey`.
pub fn graph() -> Service {
    Service::graph(GRAPH_BASE).expect("valid service root")
}

/// OData 4.0 conventions: `/keySets('{id}')`, `/microsoft.graph.generateKey`,
/// `/microsoft.graph.getActiveKey()`.
pub fn odata() -> Service {
    Service::odata(ODATA_BASE).expect("valid service root")
}

/// A Graph documentation example body, from `tests/fixtures/graph/`.
pub fn graph_fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/graph/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

pub fn json_bytes(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(bytes).into_owned()
        )
    })
}

/// A response as Graph sends it: `Content-type: application/json` when there is a body.
pub fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    if !body.is_empty() {
        builder = builder.header("content-type", "application/json");
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

/// The request's headers as sorted `(name, value)` pairs (every value, repeated names too).
pub fn headers(request: &http::Request<Vec<u8>>) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    all.sort();
    all
}

/// Asserts the method, the full URL, exactly the headers (`accept: application/json`, plus
/// `content-type: application/json` only with a body) and the body as JSON.
pub fn assert_request<K>(request: &Request<K>, method: &str, url: &str, body: Option<&Value>) {
    let http = request.http();
    assert_eq!(http.method().as_str(), method, "method of {url}");
    assert_eq!(http.uri().to_string(), url);
    assert_eq!(*http.uri(), *url, "the Uri compares equal to the URL text");
    assert_eq!(http.version(), http::Version::HTTP_11);
    match body {
        None => {
            assert_eq!(
                headers(http),
                [("accept".to_owned(), "application/json".to_owned())],
                "headers of {method} {url}"
            );
            assert!(
                http.body().is_empty(),
                "no body for {method} {url}: {:?}",
                String::from_utf8_lossy(http.body())
            );
        }
        Some(expected) => {
            assert_eq!(
                headers(http),
                [
                    ("accept".to_owned(), "application/json".to_owned()),
                    ("content-type".to_owned(), "application/json".to_owned()),
                ],
                "headers of {method} {url}"
            );
            assert_eq!(&json_bytes(http.body()), expected, "body of {method} {url}");
        }
    }
}

/// Removes every `@odata.type` member and returns `(JSON path, value)` of each removed one.
/// Our writer always puts the canonical `@odata.type` first; the documentation's example
/// request bodies have none. That is the one difference allowed between them.
pub fn strip_type_annotations(value: &mut Value) -> Vec<(String, String)> {
    let mut removed = Vec::new();
    strip(value, "$".to_owned(), &mut removed);
    removed
}

fn strip(value: &mut Value, path: String, removed: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(v) = map.remove("@odata.type") {
                removed.push((
                    format!("{path}.@odata.type"),
                    v.as_str().unwrap_or("<not a string>").to_owned(),
                ));
            }
            for (k, v) in map.iter_mut() {
                strip(v, format!("{path}.{k}"), removed);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                strip(v, format!("{path}[{i}]"), removed);
            }
        }
        _ => {}
    }
}

/// The `$filter` value of `url` (its only query option), as the service decodes it; checks
/// that nothing in it could end the option or the URL.
pub fn filter_of(url: &str) -> String {
    let query = url.split_once('?').expect("a query").1;
    let value = query.strip_prefix("$filter=").expect("only $filter");
    assert!(!value.contains(['&', '#', ' ', '+']), "{value}");
    percent_decode(value)
}

/// Decodes `%XX` escapes (panics on a malformed escape or invalid UTF-8).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("escape is ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("escape is hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("decoded text is UTF-8")
}
