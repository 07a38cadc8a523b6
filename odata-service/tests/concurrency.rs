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

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use common::{kids, Client};
use odata_core::graph::{
    GenerateKeyParameters, KeyType, KeyUse, TrustFrameworkKey, TrustFrameworkKeySet,
};
use odata_core::request::{pages, Patch};
use odata_core::EntityType;
use odata_service::KeySetService;

const THREADS: usize = 8;
const OPERATIONS: usize = 250;
const SHARED: [&str; 2] = ["B2C_1A_shared0", "B2C_1A_shared1"];
const CONTENDED: [&str; 4] = [
    "B2C_1A_race0",
    "B2C_1A_race1",
    "B2C_1A_race2",
    "B2C_1A_race3",
];

/// xorshift64: a fixed, per-thread sequence of operations.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

/// What one thread saw succeed.
#[derive(Default)]
struct Outcome {
    /// Its own key sets at the end: id -> kids, in order.
    own: BTreeMap<String, Vec<String>>,
    /// Kids returned by generateKey on the shared sets, per set.
    shared: BTreeMap<String, Vec<String>>,
    /// Per contended id: successful creates minus successful deletes.
    contended: BTreeMap<String, i64>,
    operations: usize,
}

fn generate(kty: KeyType) -> GenerateKeyParameters {
    GenerateKeyParameters {
        key_use: KeyUse::Sig,
        kty,
        nbf: None,
        exp: None,
    }
}

fn with_kids(id: Option<&str>, kids: &[String]) -> TrustFrameworkKeySet {
    let keys = kids.iter().map(|kid| {
        TrustFrameworkKey::builder()
            .kid(kid.as_str())
            .kty("oct")
            .build()
    });
    let mut set = TrustFrameworkKeySet::builder().keys(keys).build();
    if let Some(id) = id {
        set.set_id(id.to_owned());
    }
    set
}

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
    let mut rng =
        Rng(0x9E37_79B9_7F4A_7C15 ^ (thread as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
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

    let state: BTreeMap<String, TrustFrameworkKeySet> = running
        .key_sets()
        .into_iter()
        .map(|s| (s.id().unwrap().to_owned(), s))
        .collect();

    // Exactly the key sets the responses imply: no phantom, none missing.
    let mut expected: BTreeSet<String> = SHARED.iter().map(|s| s.to_string()).collect();
    for outcome in &outcomes {
        expected.extend(outcome.own.keys().cloned());
    }
    for id in CONTENDED {
        let net: i64 = outcomes
            .iter()
            .map(|o| o.contended.get(id).copied().unwrap_or(0))
            .sum();
        assert!(net == 0 || net == 1, "{id}: creates - deletes = {net}");
        if net == 1 {
            expected.insert(id.to_owned());
        }
    }
    assert_eq!(state.keys().cloned().collect::<BTreeSet<_>>(), expected);

    // Each thread's own sets hold exactly the keys it last saw.
    for outcome in &outcomes {
        for (id, kids_seen) in &outcome.own {
            assert_eq!(&kids(&state[id]), kids_seen, "{id}");
        }
    }

    // Every key generated on a shared set is there exactly once: no lost update.
    for id in SHARED {
        let mut returned: Vec<String> = outcomes
            .iter()
            .flat_map(|o| o.shared.get(id).into_iter().flatten().cloned())
            .collect();
        let mut stored = kids(&state[id]);
        assert!(!returned.is_empty());
        returned.sort();
        stored.sort();
        assert_eq!(stored, returned, "{id}");
    }

    // The service lists the same state over HTTP.
    let listed: Vec<String> = walk(&setup, 50)
        .iter()
        .map(|s| s.id().unwrap().to_owned())
        .collect();
    assert_eq!(listed, expected.into_iter().collect::<Vec<_>>());

    running.shutdown().unwrap();
    let elapsed = started.elapsed();
    eprintln!(
        "{} operations on {THREADS} threads in {elapsed:?}",
        outcomes.iter().map(|o| o.operations).sum::<usize>()
    );
}
