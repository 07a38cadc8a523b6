//! The CSDL documents `odata_core::csdl` writes are valid against the OASIS schemas
//! (`tests/data/csdl-schemas/`: `edmx.xsd` and `edm.xsd` for CSDL XML, `csdl.schema.json` for
//! CSDL JSON), checked by real validators: Python's `xmlschema` and Node's Ajv, installed by
//! `scripts/csdl-validate/setup.sh` into a directory named by `ODATA_CSDL_VALIDATORS` (default
//! `target/csdl-validate`). CI installs them and sets `ODATA_CSDL_VALIDATORS`, which makes
//! their absence a failure; without it and without the default directory the test says it is
//! skipped.

mod csdl_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use csdl_support::{AnyItem, Shop};
use odata_core::csdl::Document;
use odata_core::graph::GraphService;
use odata_core::request::EntityContainer;

fn schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/csdl-schemas")
}

/// The validators' directory, or `None` (skip) when they are not installed and not required.
fn validators() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ODATA_CSDL_VALIDATORS") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.join("venv/bin/python").exists() && dir.join("node_modules/ajv").exists(),
            "ODATA_CSDL_VALIDATORS={} holds no validators: run scripts/csdl-validate/setup.sh",
            dir.display()
        );
        return Some(dir);
    }
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/csdl-validate");
    if default.join("venv/bin/python").exists() && default.join("node_modules/ajv").exists() {
        return Some(default);
    }
    eprintln!(
        "skipped: the CSDL validators are not installed (scripts/csdl-validate/setup.sh; CI runs it)"
    );
    None
}

/// A fresh directory for the documents of one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("odata-csdl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs one validator over `files`; returns whether it accepted all of them, and its output.
fn run(validators: &Path, format: &str, files: &[PathBuf]) -> (bool, String) {
    let mut command = match format {
        "xml" => {
            let mut c = Command::new(validators.join("venv/bin/python"));
            c.arg(validators.join("validate_xml.py"));
            c
        }
        _ => {
            let mut c = Command::new("node");
            c.arg(validators.join("validate_json.js"));
            c
        }
    };
    let output = command
        .arg(schemas())
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("running the {format} validator: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // 0: all valid; 1: some invalid; anything else: the validator itself failed.
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "the {format} validator failed:\n{text}"
    );
    (code == Some(0), text)
}

/// The documents of the keySets model (OData 4.0) and of the rich test model (4.01: it has
/// `Edm.Untyped`), in both formats.
fn documents() -> Vec<(&'static str, Document)> {
    vec![
        (
            "keysets",
            Document::for_container(GraphService::CONTAINER).unwrap(),
        ),
        (
            "shop",
            Document::builder()
                .container(Shop::CONTAINER)
                .polymorphic::<AnyItem>()
                .build()
                .unwrap(),
        ),
    ]
}

#[test]
fn written_documents_are_valid_against_the_oasis_schemas() {
    let Some(validators) = validators() else {
        return;
    };
    let dir = scratch("valid");
    let (mut xml, mut json) = (Vec::new(), Vec::new());
    for (name, doc) in documents() {
        let path = dir.join(format!("{name}.xml"));
        std::fs::write(&path, doc.to_xml()).unwrap();
        xml.push(path);
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, doc.to_json()).unwrap();
        json.push(path);
    }
    for (format, files) in [("xml", &xml), ("json", &json)] {
        let (valid, output) = run(&validators, format, files);
        assert!(valid, "{format}:\n{output}");
        for file in files {
            assert!(
                output.contains(&format!("ok: {}", file.display())),
                "{output}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// The validators do reject: each broken copy of a valid document is refused, with the reason.
#[test]
fn the_validators_reject_broken_documents() {
    let Some(validators) = validators() else {
        return;
    };
    let dir = scratch("broken");
    let doc = Document::for_container(GraphService::CONTAINER).unwrap();
    let (xml, json) = (doc.to_xml(), doc.to_json());
    let xml_breaks = [
        // A function needs a return type.
        xml.replace(
            "<ReturnType Type=\"microsoft.graph.trustFrameworkKey\" Nullable=\"false\"/>\n      </Function>",
            "</Function>",
        ),
        // A name is an identifier.
        xml.replace("Name=\"trustFrameworkKey\"", "Name=\"trust framework key\""),
        // Facets are typed: a boolean is `true` or `false`.
        xml.replacen("IsBound=\"true\"", "IsBound=\"yes\"", 1),
    ];
    let json_breaks = [
        json.replace("\"$Version\": \"4.0\"", "\"$Version\": \"5.0\""),
        json.replace("\"$Kind\": \"EntityType\"", "\"$Kind\": \"EntityTyp\""),
        json.replace("\"$Abstract\": true", "\"$Abstract\": \"yes\""),
    ];
    for (format, broken, original) in [("xml", &xml_breaks, &xml), ("json", &json_breaks, &json)] {
        let mut files = Vec::new();
        for (i, text) in broken.iter().enumerate() {
            assert_ne!(text, original, "{format} break {i} changed nothing");
            let path = dir.join(format!("broken{i}.{format}"));
            std::fs::write(&path, text).unwrap();
            files.push(path);
        }
        let (valid, output) = run(&validators, format, &files);
        assert!(!valid, "{format}:\n{output}");
        for (i, path) in files.iter().enumerate() {
            assert!(
                output.contains(&format!("invalid: {}", path.display())),
                "{format} break {i} was accepted:\n{output}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}
