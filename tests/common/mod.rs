//! Shared by the integration tests: fixtures and the one permitted seed difference.
#![allow(dead_code)]

pub mod loopback;

use serde_json::Value;

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// Rewrites every `@odata.type` value without a leading `#` into the canonical `#ns.name`
/// form, and returns the JSON paths it changed. This is the one difference allowed between
/// the seed pages' bodies and ours: the pages write the nested key's annotation without `#`.
pub fn canonical_annotations(value: &mut Value) -> Vec<String> {
    let mut changed = Vec::new();
    walk(value, "$".to_owned(), &mut changed);
    changed
}

fn walk(value: &mut Value, path: String, changed: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                let child = format!("{path}.{k}");
                if k == "@odata.type" {
                    if let Value::String(s) = v {
                        if !s.starts_with('#') {
                            *s = format!("#{s}");
                            changed.push(child);
                        }
                    }
                } else {
                    walk(v, child, changed);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                walk(v, format!("{path}[{i}]"), changed);
            }
        }
        _ => {}
    }
}
