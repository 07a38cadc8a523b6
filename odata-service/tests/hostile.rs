//! The service survives the hostile corpus over HTTP (`tests/corpus/hostile/`, shared with the
//! parser's tests): every document the model rejects is a 400 in Graph's error format naming
//! the same JSON path the parser names, as a create, a PATCH and a PUT body, in both key
//! syntaxes; the service keeps serving and its state is unchanged. Bodies over the limit are
//! refused with 413 (a client still sending tens of megabytes may see the connection close
//! first).

mod common;

use common::{assert_graph_error, with_body, Client, SYNTAXES};
use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::Patch;
use odata_service::KeySetService;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/hostile");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the hostile corpus")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

#[test]
fn every_rejected_document_is_a_400_naming_its_path_and_changes_nothing() {
    let running = KeySetService::builder().build().start().unwrap();
    let mut rejected = 0;
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let seed = TrustFrameworkKeySet::builder()
            .id(format!("B2C_1A_{syntax}"))
            .key(TrustFrameworkKey::builder().kid("k1").build())
            .build();
        client.ok(client.key_sets().create(&seed));
        let before = running.key_sets();

        let set = client.key_set(&format!("B2C_1A_{syntax}"));
        let patch = Patch::from_value(&seed).unwrap();
        for (name, body) in corpus() {
            let Err(parse_error) = odata_core::json::from_slice::<TrustFrameworkKeySet>(&body)
            else {
                continue; // accepted by the model: not a hostile body for the service
            };
            for request in [
                with_body(client.key_sets().create(&seed), &body),
                with_body(set.update(&patch), &body),
                with_body(set.replace(&seed), &body),
            ] {
                let what = format!(
                    "{syntax} {} {} with {name}",
                    request.method(),
                    request.uri()
                );
                let response = client.raw(request);
                let error = assert_graph_error(&response, 400, "BadRequest");
                // The service names the member the parser names.
                assert_eq!(
                    error.target.as_deref(),
                    Some(parse_error.path()),
                    "{what}: {}",
                    error.message
                );
                rejected += 1;
            }
            // Still serving, nothing changed.
            assert_eq!(
                running.key_sets(),
                before,
                "{syntax}: state changed by {name}"
            );
        }
        client.ok(set.get().build());
    }
    assert!(rejected > 3 * 2 * 100, "{rejected} rejections");
}

#[test]
fn oversized_bodies_are_413_and_change_nothing() {
    let running = KeySetService::builder()
        .max_body_bytes(64 * 1024)
        .build()
        .start()
        .unwrap();
    let client = Client::new(&running, "graph");
    // A 50 MB string and 100,000 levels of nesting, as in the parser's corpus tests.
    let huge_string = format!(r#"{{"id":"x","kid":"{}"}}"#, "a".repeat(50 << 20));
    let deep = format!(
        r#"{{"id":"x","future":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let seed = TrustFrameworkKeySet::builder().id("B2C_1A_x").build();
    let just_over = format!(r#"{{"id":"x","kid":"{}"}}"#, "a".repeat(64 * 1024));
    for body in [
        just_over.as_bytes(),
        deep.as_bytes(),
        huge_string.as_bytes(),
    ] {
        let request = with_body(client.key_sets().create(&seed), body);
        match client.http.send(request) {
            Ok(response) => {
                assert_graph_error(&response, 413, "RequestEntityTooLarge");
            }
            // The service answers 413 as soon as the body passes the limit and closes the
            // connection (it has not read the rest); a client still writing a body well past
            // the limit (more than the socket buffers take) may see the connection close
            // first. A body just over the limit must get the 413.
            Err(odata_core::client::ClientError::Transport(e)) => {
                assert!(body.len() > 2 * 64 * 1024, "{} bytes: {e}", body.len());
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert!(running.key_sets().is_empty());
    // Still serving.
    client.ok(client.key_sets().create(&seed));
    assert_eq!(running.key_sets().len(), 1);
}
