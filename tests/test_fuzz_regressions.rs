//! Replays every input the fuzzers kept (`fuzz/corpus/<target>/`) and every input that once
//! broke an invariant (`fuzz/regressions/<target>/`) through the same target bodies the fuzzers
//! run (`odata_suite::fuzzing`), so an ordinary `cargo test` guards against regressions.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for folder in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(
                outcome.is_ok(),
                "{target}: {} broke an invariant",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for {target}");
}

#[test]
fn parse_key_set() {
    replay("parse_key_set", odata_suite::fuzzing::parse_key_set);
}

#[test]
fn parse_key() {
    replay("parse_key", odata_suite::fuzzing::parse_key);
}

#[test]
fn parse_page() {
    replay("parse_page", odata_suite::fuzzing::parse_page);
}

#[test]
fn parse_error_body() {
    replay("parse_error_body", odata_suite::fuzzing::parse_error_body);
}

#[test]
fn build_url() {
    replay("build_url", odata_suite::fuzzing::build_url);
}
