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
/// assert!(err.starts_with("$.exp: invalid type"));
/// ```
pub fn canonicalize(type_name: &str, input: &[u8]) -> Result<String, String> {
    let short = type_name
        .strip_prefix("microsoft.graph.")
        .unwrap_or(type_name);
    let written = match short {
        "trustFrameworkKeySet" => odata_core::json::from_slice::<TrustFrameworkKeySet>(input)
            .and_then(|v| odata_core::json::to_string_pretty(&v)),
        "trustFrameworkKey" => odata_core::json::from_slice::<TrustFrameworkKey>(input)
            .and_then(|v| odata_core::json::to_string_pretty(&v)),
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
