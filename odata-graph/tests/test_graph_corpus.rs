//! Every response example of the Graph v1.0 reference in the corpus (`tests/corpus/graph-v1.0`,
//! see its `SOURCE.md` files) parses into its generated type, found by qualified name through
//! the generated `registry`, as a single value or a collection page, and writes back losslessly.
//!
//! Where the documentation is wrong (bodies that are not JSON, values of the wrong type, a type
//! that does not exist, ...), the file is in [`DOCS_ERRORS`] with the reason: it must fail, and
//! each one is counted. A file that fails and is not listed is our failure; a listed file that
//! parses is stale in the list. Both fail the test.
//!
//! Lossless means: the input and what we write, both read as `serde_json::Value`, are equal
//! after these normalisations, each of which is a difference of form that the model defines
//! the meaning of:
//!
//! - `@odata.type` is written on every structured value, always with `#`: an `@odata.type` in
//!   the output where the input has none is dropped, and a `#` is added where the input leaves
//!   it out.
//! - Numbers compare by value: an `Edm.Double` written `5` in the docs is written `5.0`.
//!
//! And "into its type" means more than "was read": a member the model does not declare for
//! the value's type (at any depth; annotations and open types' dynamic properties aside) is
//! kept, and so would pass the round trip, but the body is then not a value of its declared
//! type (a misspelled property, an entity wrapped in `{"value": ...}`, a property newer than
//! v1.0): it fails too.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use odata_core::model::TypeInfo;
use odata_core::request::Page;
use odata_graph::registry::{self, TypeVisitor};
use serde_json::Value;

/// Files whose documentation example is wrong, and why. Each must fail to parse.
const DOCS_ERRORS: &[(&str, &str)] = &[];

/// Reads one value (or a page) of the type the registry gives, and writes it back. The
/// one-pass located parse compiles each of the model's thousands of readers once.
struct Canonical<'a> {
    input: &'a [u8],
    page: bool,
}

impl TypeVisitor for Canonical<'_> {
    type Output = Result<Vec<u8>, odata_core::json::Error>;

    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output {
        use odata_core::json::{from_slice_located, to_vec};
        if self.page {
            to_vec(&from_slice_located::<Page<T>>(self.input)?)
        } else {
            to_vec(&from_slice_located::<T>(self.input)?)
        }
    }
}

struct Entry {
    file: PathBuf,
    name: String,
    odata_type: String,
    page: bool,
}

fn corpus() -> Vec<Entry> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/graph-v1.0");
    let mut out = Vec::new();
    for (dir, manifest) in [("a-l", "manifest-a-l.json"), ("m-z", "manifest-m-z.json")] {
        let dir = root.join(dir);
        let text = std::fs::read_to_string(dir.join(manifest)).expect("the manifest");
        let entries: Vec<Value> = serde_json::from_str(&text).expect("the manifest is JSON");
        for e in entries {
            let name = e["file"].as_str().expect("file").to_owned();
            let declared = e["odata_type"].as_str().expect("odata_type");
            // The docs declare a collection either with `isCollection` or as `Collection(T)`
            // (any case).
            let (odata_type, collection_type) = match declared
                .get(..11)
                .filter(|p| p.eq_ignore_ascii_case("collection("))
            {
                Some(_) => (declared[11..declared.len() - 1].to_owned(), true),
                None => (declared.to_owned(), false),
            };
            out.push(Entry {
                file: dir.join(&name),
                name,
                odata_type,
                page: collection_type || e["is_collection"].as_bool() == Some(true),
            });
        }
    }
    out
}

/// Members of `value` the model does not declare for its type (the type its `@odata.type`
/// names, else `declared`), by JSON path, at every depth; annotations aside, and dynamic
/// properties of open types allowed. Such members are kept and written back (so they pass the
/// round trip), but a body with them is not a value of its declared type.
fn undeclared(
    path: &str,
    value: &Value,
    declared: &'static TypeInfo,
    types: &HashMap<&str, &'static TypeInfo>,
    out: &mut Vec<String>,
) {
    let Value::Object(map) = value else { return };
    let info = map
        .get("@odata.type")
        .and_then(Value::as_str)
        .and_then(|t| types.get(t.trim_start_matches('#')).copied())
        .unwrap_or(declared);
    for (name, member) in map {
        if name.contains('@') {
            continue;
        }
        let Some(property) = info.property(name) else {
            if !info.ancestry().any(|t| t.is_open) {
                out.push(format!("{path}.{name}"));
            }
            continue;
        };
        let Some(target) = property.edm.structured() else {
            continue;
        };
        match member {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    undeclared(&format!("{path}.{name}[{i}]"), item, target, types, out);
                }
            }
            other => undeclared(&format!("{path}.{name}"), other, target, types, out),
        }
    }
}

/// The differences between `input` and `output`, after the normalisations above.
fn differences(path: &str, input: &Value, output: &Value, out: &mut Vec<String>) {
    match (input, output) {
        (Value::Object(i), Value::Object(o)) => {
            for (k, iv) in i {
                match o.get(k) {
                    None => out.push(format!("{path}.{k}: missing in the output")),
                    Some(ov) if k == "@odata.type" => {
                        let strip =
                            |v: &Value| v.as_str().map(|s| s.trim_start_matches('#').to_owned());
                        if strip(iv) != strip(ov) {
                            out.push(format!("{path}.{k}: {iv} became {ov}"));
                        }
                    }
                    Some(ov) => differences(&format!("{path}.{k}"), iv, ov, out),
                }
            }
            for k in o.keys() {
                if !i.contains_key(k) && k != "@odata.type" {
                    out.push(format!("{path}.{k}: added in the output"));
                }
            }
        }
        (Value::Array(i), Value::Array(o)) if i.len() == o.len() => {
            for (n, (iv, ov)) in i.iter().zip(o).enumerate() {
                differences(&format!("{path}[{n}]"), iv, ov, out);
            }
        }
        (Value::Number(i), Value::Number(o)) if i.as_f64() == o.as_f64() => {}
        (i, o) if i == o => {}
        (i, o) => out.push(format!("{path}: {i} became {o}")),
    }
}

#[test]
fn every_corpus_response_parses_into_its_generated_type_and_round_trips() {
    let corpus = corpus();
    assert!(corpus.len() >= 300, "{} files", corpus.len());
    let docs_errors: BTreeMap<&str, &str> = DOCS_ERRORS.iter().copied().collect();
    let (mut parsed, mut docs) = (0, 0);
    let mut failures = Vec::new();
    let mut parsed_types = std::collections::BTreeSet::new();
    let types: HashMap<&str, &'static TypeInfo> = registry::STRUCTURED_TYPES
        .iter()
        .map(|t| (t.qualified_name, *t))
        .collect();
    for e in &corpus {
        let bytes = std::fs::read(&e.file).expect("a corpus file");
        let result = registry::visit(
            &e.odata_type,
            Canonical {
                input: &bytes,
                page: e.page,
            },
        );
        let outcome = match result {
            None => Err(format!("`{}` is not a type of the model", e.odata_type)),
            Some(Err(err)) => Err(err.to_string()),
            Some(Ok(written)) => {
                let input: Value = serde_json::from_slice(&bytes).expect("what parsed is JSON");
                let output: Value = serde_json::from_slice(&written).expect("we write JSON");
                let mut diffs = Vec::new();
                differences("$", &input, &output, &mut diffs);
                let mut unknown = Vec::new();
                if let Some(&declared) = types.get(e.odata_type.as_str()) {
                    match (&input, e.page) {
                        (Value::Object(page), true) => {
                            for (name, member) in page {
                                match (name.as_str(), member) {
                                    ("value", Value::Array(items)) => {
                                        for (i, item) in items.iter().enumerate() {
                                            let path = format!("$.value[{i}]");
                                            undeclared(&path, item, declared, &types, &mut unknown);
                                        }
                                    }
                                    (n, _) if n.starts_with('@') => {}
                                    (n, _) => unknown.push(format!("$.{n}")),
                                }
                            }
                        }
                        (v, _) => undeclared("$", v, declared, &types, &mut unknown),
                    }
                }
                if !diffs.is_empty() {
                    Err(format!("not lossless: {}", diffs.join("; ")))
                } else if !unknown.is_empty() {
                    Err(format!(
                        "members the model does not declare: {}",
                        unknown.join(", ")
                    ))
                } else {
                    Ok(())
                }
            }
        };
        let kind = if e.page { "page of" } else { "one" };
        match (outcome, docs_errors.get(e.name.as_str())) {
            (Ok(()), None) => {
                parsed += 1;
                parsed_types.insert(e.odata_type.clone());
            }
            (Ok(()), Some(reason)) => failures.push(format!(
                "{}: listed as a docs error ({reason}) but parses as {kind} {}: remove it from DOCS_ERRORS",
                e.name, e.odata_type
            )),
            (Err(err), Some(_)) => {
                docs += 1;
                let _ = err;
            }
            (Err(err), None) => failures.push(format!(
                "{} ({kind} {}): {err}",
                e.name, e.odata_type
            )),
        }
    }
    for name in docs_errors.keys() {
        assert!(
            corpus.iter().any(|e| e.name == *name),
            "DOCS_ERRORS names {name}, which is not in the corpus"
        );
    }
    println!(
        "graph v1.0 corpus: {} files: {parsed} parsed and round tripped ({} types), {docs} docs errors, {} our failures",
        corpus.len(),
        parsed_types.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
