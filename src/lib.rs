//! The workspace's own package: it holds the examples and the integration and UI tests, and the
//! small amount of code they share.

use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};

/// The types the `canonical` example reads, by OData type name.
pub const TYPE_NAMES: [&str; 2] = ["trustFrameworkKeySet", "trustFrameworkKey"];

/// Reads an OData JSON document of the named type (`trustFrameworkKeySet` or
/// `trustFrameworkKey`, optionally qualified with `microsoft.graph.`) and writes it back in
/// canonical form, pretty-printed.
///
/// ```
/// let out = odata_suite::canonicalize("trustFrameworkKey", br#"{"kid":"k1"}"#).unwrap();
/// assert!(out.starts_with("{\n  \"@odata.type\": \"#microsoft.graph.trustFrameworkKey\""));
/// let err = odata_suite::canonicalize("trustFrameworkKey", br#"{"exp":"x"}"#).unwrap_err();
/// assert!(err.starts_with("$.exp: invalid value: string \"x\", expected an Edm.Int64"));
/// ```
pub fn canonicalize(type_name: &str, input: &[u8]) -> Result<String, String> {
    let short = type_name
        .strip_prefix("microsoft.graph.")
        .unwrap_or(type_name);
    fn rewrite<T: serde::de::DeserializeOwned + serde::Serialize>(
        input: &[u8],
    ) -> Result<String, odata_core::json::Error> {
        odata_core::json::to_string_pretty(&odata_core::json::from_slice::<T>(input)?)
    }
    let written = match short {
        "trustFrameworkKeySet" => rewrite::<TrustFrameworkKeySet>(input),
        "trustFrameworkKey" => rewrite::<TrustFrameworkKey>(input),
        other => {
            return Err(format!(
                "unknown type `{other}`: expected one of {}",
                TYPE_NAMES.join(", ")
            ))
        }
    };
    written.map_err(|e| e.to_string())
}

/// The README's Rust examples, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub mod fuzzing {
    //! The bodies of the fuzz targets (`fuzz/fuzz_targets/`), shared with the test that replays
    //! the fuzz corpus (`tests/test_fuzz_regressions.rs`) so that an ordinary `cargo test` runs
    //! every input the fuzzer kept. Each panics only when an invariant breaks.

    use odata_core::graph::{GraphService, TrustFrameworkKey, TrustFrameworkKeySet};
    use odata_core::request::{Page, Service, ServiceError};
    use serde::{de::DeserializeOwned, Serialize};

    /// Parses `data` as `T`; when it parses, writing it and parsing that again must give the
    /// same value, and writing that must give the same bytes (a fixed point).
    fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(data: &[u8]) {
        let Ok(value) = odata_core::json::from_slice::<T>(data) else {
            return;
        };
        let written = odata_core::json::to_vec(&value).expect("a parsed value writes");
        let again: T = odata_core::json::from_slice(&written).expect("what we write parses");
        assert_eq!(again, value);
        assert_eq!(odata_core::json::to_vec(&again).unwrap(), written);
    }

    /// A key set document.
    pub fn parse_key_set(data: &[u8]) {
        round_trip::<TrustFrameworkKeySet>(data);
    }

    /// A key document.
    pub fn parse_key(data: &[u8]) {
        round_trip::<TrustFrameworkKey>(data);
    }

    /// A collection page of key sets.
    pub fn parse_page(data: &[u8]) {
        round_trip::<Page<TrustFrameworkKeySet>>(data);
    }

    /// An error response body, under a few statuses: never panics, keeps the body.
    pub fn parse_error_body(data: &[u8]) {
        for status in [400u16, 404, 429, 500, 503] {
            let response = http::Response::builder()
                .status(status)
                .header("Retry-After", "3")
                .body(data.to_vec())
                .expect("valid response parts");
            let error = ServiceError::from_response(&response);
            assert_eq!(error.body, data);
            let _ = error.to_string();
        }
    }

    /// A request URL built from an arbitrary id, in both key syntaxes: the id stays one key,
    /// the service's host and path prefix are kept, and no query appears.
    pub fn build_url(data: &[u8]) {
        let id = String::from_utf8_lossy(data);
        for service in [
            Service::graph("https://graph.microsoft.com/v1.0").unwrap(),
            Service::odata("https://example.com/odata").unwrap(),
        ] {
            let set = service
                .root::<GraphService>()
                .trust_framework()
                .key_sets()
                .by_id(&id);
            let Ok(get) = set.get().build() else {
                // Only a URL too long for http::Uri is refused.
                assert!(id.len() > 10_000, "refused a {}-byte id", id.len());
                continue;
            };
            let uri = get.http().uri();
            assert_eq!(uri.query(), None, "{uri}");
            let base = service.base();
            let text = uri.to_string();
            assert!(text.starts_with(base), "{text} left {base}");
            let rest = &text[base.len()..];
            let key_part = rest
                .strip_prefix("/trustFramework/keySets")
                .unwrap_or_else(|| panic!("{text}"));
            // One segment (`/key`) or one predicate (`('key')`), never more.
            if let Some(segment) = key_part.strip_prefix('/') {
                assert!(!segment.contains('/'), "{text}");
                assert!(!segment.is_empty() && segment != "." && segment != "..");
            } else {
                assert!(
                    key_part.starts_with("('") && key_part.ends_with("')"),
                    "{text}"
                );
                assert!(!key_part.contains('/'), "{text}");
            }
            if let Ok(function) = set.get_active_key() {
                assert!(
                    function.http().uri().path().ends_with("getActiveKey")
                        || function.http().uri().path().ends_with("getActiveKey()")
                );
            }
        }
    }
}
