//! The mixed-operations workload shared by the blocking and the async concurrency tests: the
//! per-thread (or per-task) sequence, what one worker saw succeed, and the check that the final
//! state is exactly what the successful responses imply.

use std::collections::{BTreeMap, BTreeSet};

use odata_core::graph::{
    GenerateKeyParameters, KeyType, KeyUse, TrustFrameworkKey, TrustFrameworkKeySet,
};
use odata_core::EntityType;
use odata_service::RunningService;

use super::kids;

pub const SHARED: [&str; 2] = ["B2C_1A_shared0", "B2C_1A_shared1"];
pub const CONTENDED: [&str; 4] = [
    "B2C_1A_race0",
    "B2C_1A_race1",
    "B2C_1A_race2",
    "B2C_1A_race3",
];

/// xorshift64: a fixed, per-thread sequence of operations.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

/// What one thread saw succeed.
#[derive(Default)]
pub struct Outcome {
    /// Its own key sets at the end: id -> kids, in order.
    pub own: BTreeMap<String, Vec<String>>,
    /// Kids returned by generateKey on the shared sets, per set.
    pub shared: BTreeMap<String, Vec<String>>,
    /// Per contended id: successful creates minus successful deletes.
    pub contended: BTreeMap<String, i64>,
    pub operations: usize,
}

pub fn generate(kty: KeyType) -> GenerateKeyParameters {
    GenerateKeyParameters {
        key_use: KeyUse::Sig,
        kty,
        nbf: None,
        exp: None,
    }
}

pub fn with_kids(id: Option<&str>, kids: &[String]) -> TrustFrameworkKeySet {
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

/// The seed of worker `worker`'s operation sequence.
pub fn rng(worker: usize) -> Rng {
    Rng(0x9E37_79B9_7F4A_7C15 ^ (worker as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03))
}

/// Checks the service's state against what the workers saw succeed, and returns the ids that
/// must exist (in id order), for comparing with a list walk.
pub fn check_final_state(running: &RunningService, outcomes: &[Outcome]) -> Vec<String> {
    let state: BTreeMap<String, TrustFrameworkKeySet> = running
        .key_sets()
        .into_iter()
        .map(|s| (s.id().unwrap().to_owned(), s))
        .collect();

    // Exactly the key sets the responses imply: no phantom, none missing.
    let mut expected: BTreeSet<String> = SHARED.iter().map(|s| s.to_string()).collect();
    for outcome in outcomes {
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
    for outcome in outcomes {
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

    expected.into_iter().collect()
}
