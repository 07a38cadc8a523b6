//! Many threads, one service: afterwards the state is exactly what the successful responses
//! imply — no lost update, no phantom or missing key set.
//!
//! Each thread mixes creates, gets, patches, generateKeys, deletes and list walks over:
//! - its own key sets (only it touches them, so every response must match its own model),
//! - two shared key sets that every thread adds keys to at once (append-only: every key a
//!   response returned must be there exactly once),
//! - a few contended ids that every thread creates and deletes at once (each id's successful
//!   creates and deletes must alternate, so their difference is 0 or 1, and is whether the id
//!   exists at the end).

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use common::mixed::{
    self, check_final_state, generate, with_kids, Outcome, Rng, CONTENDED, SHARED,
};
use common::{kids, Client};
use odata_core::graph::{KeyType, TrustFrameworkKeySet};
use odata_core::request::{pages, Patch};
use odata_core::EntityType;
use odata_service::KeySetService;

const THREADS: usize = 8;
const OPERATIONS: usize = 250;

/// Walks the whole collection; the pages must come in strictly ascending id order.
fn walk(client: &Client, top: u64) -> Vec<TrustFrameworkKeySet> {
    let first = common::req(client.key_sets().list().top(top).build());
    let all: Vec<TrustFrameworkKeySet> = pages(first, |request| {
        Ok::<_, std::convert::Infallible>(common::execute(&client.http, request))
    })
    .flat_map(|page| page.unwrap().value)
    .collect();
    assert!(
        all.windows(2).all(|w| w[0].id() < w[1].id()),
        "pages in strictly ascending id order, no repeats"
    );
    all
}

fn run(client: &Client, thread: usize) -> Outcome {
    let mut rng = mixed::rng(thread);
    let mut out = Outcome::default();
    let mut created = 0;
    let prefix = format!("B2C_1A_t{thread}_");
    for _ in 0..OPERATIONS {
        out.operations += 1;
        let own: Vec<String> = out.own.keys().cloned().collect();
        let pick = |rng: &mut Rng| own.get(rng.next(own.len().max(1))).cloned();
        match rng.next(100) {
            // Create one of its own, with one key.
            0..=14 => {
                let id = format!("{prefix}{created:03}");
                let kid = format!("{id}-init");
                created += 1;
                let set = client.ok(client
                    .key_sets()
                    .create(&with_kids(Some(&id), std::slice::from_ref(&kid)))
                    .unwrap());
                assert_eq!(set.id(), Some(id.as_str()));
                assert_eq!(kids(&set), [kid.as_str()]);
                out.own.insert(id, vec![kid]);
            }
            // Get one of its own: exactly its model.
            15..=29 => match pick(&mut rng) {
                Some(id) => {
                    let set = client.ok(client.key_set(&id).get().build());
                    assert_eq!(kids(&set), out.own[&id], "GET {id}");
                }
                None => {
                    let missing = client.key_set(&format!("{prefix}none")).get().build();
                    client.fails(missing, 404, "ResourceNotFound");
                }
            },
            // Patch one of its own: keys replaced.
            30..=44 => {
                if let Some(id) = pick(&mut rng) {
                    let new = vec![format!("{id}-p{}", out.operations)];
                    let patch = Patch::from_value(&with_kids(None, &new)).unwrap();
                    let set = client
                        .ok(client.key_set(&id).update(&patch).unwrap())
                        .unwrap();
                    assert_eq!(kids(&set), new);
                    out.own.insert(id, new);
                }
            }
            // generateKey on one of its own: appended.
            45..=59 => {
                if let Some(id) = pick(&mut rng) {
                    let key = client.ok(client
                        .key_set(&id)
                        .generate_key(&generate(KeyType::Rsa))
                        .unwrap());
                    out.own.get_mut(&id).unwrap().push(key.kid.unwrap());
                }
            }
            // Delete one of its own.
            60..=69 => {
                if let Some(id) = pick(&mut rng) {
                    client.ok(client.key_set(&id).delete());
                    out.own.remove(&id);
                }
            }
            // generateKey on a shared set, all threads at once.
            70..=79 => {
                let id = SHARED[rng.next(SHARED.len())];
                let kty = if rng.next(2) == 0 {
                    KeyType::Rsa
                } else {
                    KeyType::Oct
                };
                let key = client.ok(client.key_set(id).generate_key(&generate(kty)).unwrap());
                out.shared
                    .entry(id.to_owned())
                    .or_default()
                    .push(key.kid.unwrap());
            }
            // Create or delete a contended id.
            80..=93 => {
                let id = CONTENDED[rng.next(CONTENDED.len())];
                let (response, result) = if rng.next(2) == 0 {
                    let (r, c) =
                        client.send(client.key_sets().create(&with_kids(Some(id), &[])).unwrap());
                    (r, c.map(|_| 1))
                } else {
                    let (r, d) = client.send(client.key_set(id).delete());
                    (r, d.map(|()| -1))
                };
                match result {
                    Ok(delta) => *out.contended.entry(id.to_owned()).or_default() += delta,
                    Err(_) => assert!(
                        [404, 409].contains(&response.status().as_u16()),
                        "{}",
                        String::from_utf8_lossy(response.body())
                    ),
                }
            }
            // generateKey on a contended id: there or not.
            94..=96 => {
                let id = CONTENDED[rng.next(CONTENDED.len())];
                let (response, _) = client.send(
                    client
                        .key_set(id)
                        .generate_key(&generate(KeyType::Oct))
                        .unwrap(),
                );
                assert!([200, 404].contains(&response.status().as_u16()));
            }
            // Walk the collection: its own sets are all there, exactly as modelled.
            _ => {
                let all = walk(client, 25);
                let mine: BTreeMap<String, Vec<String>> = all
                    .iter()
                    .filter(|s| s.id().unwrap().starts_with(&prefix))
                    .map(|s| (s.id().unwrap().to_owned(), kids(s)))
                    .collect();
                assert_eq!(mine, out.own, "thread {thread}'s sets in a list walk");
            }
        }
    }
    out
}

#[test]
fn concurrent_mixed_operations_lose_nothing() {
    let started = Instant::now();
    let running = KeySetService::builder()
        .page_size(50)
        .build()
        .start()
        .unwrap();
    let setup = Client::new(&running, "graph");
    for id in SHARED {
        setup.ok(setup.key_sets().create(&with_kids(Some(id), &[])).unwrap());
    }

    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|thread| {
                let running = &running;
                scope.spawn(move || {
                    let syntax = common::SYNTAXES[thread % 2];
                    run(&Client::new(running, syntax), thread)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(outcomes.iter().all(|o| o.operations >= 200));

    let expected = check_final_state(&running, &outcomes);

    // The service lists the same state over HTTP.
    let listed: Vec<String> = walk(&setup, 50)
        .iter()
        .map(|s| s.id().unwrap().to_owned())
        .collect();
    assert_eq!(listed, expected);

    running.shutdown().unwrap();
    let elapsed = started.elapsed();
    eprintln!(
        "{} operations on {THREADS} threads in {elapsed:?}",
        outcomes.iter().map(|o| o.operations).sum::<usize>()
    );
}
