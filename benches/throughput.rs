//! Run-time cost of the derive against plain serde derive, measured side by side in one binary.
//!
//! ```text
//! cargo bench --bench throughput
//! ```
//!
//! For each workload and direction (write to `Vec<u8>`, parse from `&[u8]`) it times our derived
//! types and "mirror" structs with `#[derive(Serialize, Deserialize)]` that produce the same JSON,
//! alternating short batches of each so that both see the same machine conditions, and prints
//! MB/s, the ratio ours/baseline (higher is better for us), and allocations per operation counted
//! by a global allocator. The baseline drops unknown members; ours keeps them.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::Page;
use serde::{Deserialize, Serialize};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

// ---------------------------------------------------------------------------------------------
// The baseline: plain serde derive producing the same JSON.

fn key_set_type() -> String {
    "#microsoft.graph.trustFrameworkKeySet".to_owned()
}
fn key_type() -> String {
    "#microsoft.graph.trustFrameworkKey".to_owned()
}

#[derive(Serialize, Deserialize)]
struct MirrorKeySet {
    #[serde(rename = "@odata.type", default = "key_set_type")]
    odata_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keys: Option<Vec<MirrorKey>>,
}

#[derive(Serialize, Deserialize)]
struct MirrorKey {
    #[serde(rename = "@odata.type", default = "key_type")]
    odata_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dq: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    e: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    k: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kty: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    n: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qi: Option<String>,
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    key_use: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x5c: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x5t: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct MirrorPage {
    value: Vec<MirrorKeySet>,
}

// ---------------------------------------------------------------------------------------------
// Workloads, built as JSON text once.

/// A deterministic base64url-ish string of `len` characters.
fn b64(seed: u64, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ALPHABET[(x % 64) as usize] as char
        })
        .collect()
}

/// A fully populated 2048-bit RSA JWK with a two-certificate chain (realistic lengths).
fn rsa_key(i: u64) -> TrustFrameworkKey {
    TrustFrameworkKey::builder()
        .kid(format!("B2C_1A_Signing.{i}"))
        .kty("RSA")
        .r#use("sig")
        .e("AQAB")
        .n(b64(i, 342))
        .d(b64(i + 1, 342))
        .p(b64(i + 2, 171))
        .q(b64(i + 3, 171))
        .dp(b64(i + 4, 171))
        .dq(b64(i + 5, 171))
        .qi(b64(i + 6, 171))
        .exp(1_900_000_000 + i as i64)
        .nbf(1_700_000_000 + i as i64)
        .x5c([b64(i + 7, 1400), b64(i + 8, 1300)])
        .x5t(b64(i + 9, 27))
        .build()
}

fn small_key(i: u64) -> TrustFrameworkKey {
    TrustFrameworkKey::builder()
        .kid(format!("k{i}"))
        .kty("oct")
        .r#use("enc")
        .exp(1_900_000_000)
        .nbf(1_700_000_000)
        .build()
}

/// Adds 10 unknown members (a mix of annotations and properties) to every object.
fn with_unknown(mut value: serde_json::Value) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for child in map.values_mut() {
                    walk(child);
                }
                if map.contains_key("@odata.type") {
                    for i in 0..5 {
                        map.insert(
                            format!("@contoso.note{i}"),
                            format!("annotation {i}").into(),
                        );
                        map.insert(format!("future{i}"), serde_json::json!({"n": i, "s": "x"}));
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

struct Workload {
    name: &'static str,
    json: Vec<u8>,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    KeySet,
    Page,
}

fn workloads() -> Vec<Workload> {
    let seed = TrustFrameworkKeySet::builder()
        .key(TrustFrameworkKey::builder().build())
        .build();
    let hundred = TrustFrameworkKeySet::builder()
        .id("B2C_1A_Signing")
        .keys((0..100).map(rsa_key))
        .build();
    let page = Page {
        value: (0..1000)
            .map(|i| {
                TrustFrameworkKeySet::builder()
                    .id(format!("B2C_1A_Set{i}"))
                    .keys([small_key(2 * i), small_key(2 * i + 1)])
                    .build()
            })
            .collect(),
        ..Page::default()
    };
    let text = |v: &dyn erased::Json| v.to_value();
    let mut out = Vec::new();
    for (name, value, kind) in [
        ("seed key set", text(&seed), Kind::KeySet),
        ("100 RSA keys", text(&hundred), Kind::KeySet),
        ("page of 1000 sets", text(&page), Kind::Page),
    ] {
        let unknown_name: &'static str = Box::leak(format!("{name} +10 unknown").into_boxed_str());
        out.push(Workload {
            name,
            json: serde_json::to_vec(&value).unwrap(),
            kind,
        });
        out.push(Workload {
            name: unknown_name,
            json: serde_json::to_vec(&with_unknown(value)).unwrap(),
            kind,
        });
    }
    out
}

mod erased {
    pub trait Json {
        fn to_value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Measurement.

/// Runs `f` in alternating batches with `g`; returns (ns/op of f, ns/op of g), medians.
fn race(mut f: impl FnMut(), mut g: impl FnMut(), budget: Duration) -> (f64, f64) {
    // Calibrate a batch to about 5 ms.
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_millis(5) {
        f();
        n += 1;
    }
    let batch = n.max(1);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let deadline = Instant::now() + budget;
    while Instant::now() < deadline || a.len() < 5 {
        for (samples, run) in [(&mut a, &mut f as &mut dyn FnMut()), (&mut b, &mut g)] {
            let t = Instant::now();
            for _ in 0..batch {
                run();
            }
            samples.push(t.elapsed().as_nanos() as f64 / batch as f64);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|x, y| x.partial_cmp(y).unwrap());
        v[v.len() / 2]
    };
    (median(&mut a), median(&mut b))
}

fn allocations(mut f: impl FnMut()) -> u64 {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..10 {
        f();
    }
    (ALLOCATIONS.load(Ordering::Relaxed) - before) / 10
}

/// One table row. Throughput is each side's own bytes (written or read) per second, and the
/// ratio is ours/baseline throughput: on workloads with unknown members we write more bytes
/// (we keep them), so the ratio there compares rates, not times.
#[allow(clippy::too_many_arguments)]
fn row(
    workload: &str,
    op: &str,
    (bytes_ours, ns_ours): (usize, f64),
    (bytes_base, ns_base): (usize, f64),
    a_ours: u64,
    a_base: u64,
) {
    let mbs = |bytes: usize, ns: f64| bytes as f64 / ns * 1e9 / 1e6;
    let (ours, base) = (mbs(bytes_ours, ns_ours), mbs(bytes_base, ns_base));
    println!(
        "| {workload:<29} | {op:<5} | {ours:>9.1} | {base:>9.1} | {:>5.2} | {a_ours:>8} | {a_base:>8} |",
        ours / base,
    );
}

/// `--callgrind WORKLOAD-INDEX SIDE OP N`: runs one operation N times and nothing else, for
/// `scripts/callgrind.py`, which counts instructions under valgrind (N = 0 counts the set-up).
fn callgrind(args: &[String]) {
    let [index, side, op, n] = args else {
        panic!("--callgrind WORKLOAD-INDEX ours|serde write|parse N");
    };
    let w = &workloads()[index.parse::<usize>().unwrap()];
    let n: usize = n.parse().unwrap();
    fn run<A, B>(bytes: &[u8], side: &str, op: &str, n: usize)
    where
        A: Serialize + serde::de::DeserializeOwned,
        B: Serialize + serde::de::DeserializeOwned,
    {
        let ours: A = serde_json::from_slice(bytes).unwrap();
        let base: B = serde_json::from_slice(bytes).unwrap();
        for _ in 0..n {
            match (side, op) {
                ("ours", "write") => drop(black_box(serde_json::to_vec(black_box(&ours)).unwrap())),
                ("serde", "write") => {
                    drop(black_box(serde_json::to_vec(black_box(&base)).unwrap()))
                }
                ("ours", "parse") => drop(black_box(
                    serde_json::from_slice::<A>(black_box(bytes)).unwrap(),
                )),
                ("serde", "parse") => drop(black_box(
                    serde_json::from_slice::<B>(black_box(bytes)).unwrap(),
                )),
                other => panic!("unknown {other:?}"),
            }
        }
    }
    match w.kind {
        Kind::KeySet => run::<TrustFrameworkKeySet, MirrorKeySet>(&w.json, side, op, n),
        Kind::Page => run::<Page<TrustFrameworkKeySet>, MirrorPage>(&w.json, side, op, n),
    }
}

// ---------------------------------------------------------------------------------------------
// Polymorphism and temporal/guid-heavy objects (issue 10).

mod poly {
    use odata_core::graph::Entity;
    use odata_core::{Extra, ODataEntity};
    use serde::{Deserialize, Serialize};
    use time::OffsetDateTime;
    use uuid::Uuid;

    #[derive(ODataEntity, Default)]
    #[odata(namespace = "microsoft.graph")]
    pub struct DirectoryObject {
        #[odata(base)]
        pub entity: Entity,
        pub deleted_date_time: Option<OffsetDateTime>,
        #[odata(extra)]
        pub extra: Extra,
    }

    #[derive(ODataEntity, Default)]
    #[odata(namespace = "microsoft.graph")]
    pub struct User {
        #[odata(base)]
        pub directory_object: DirectoryObject,
        pub account_enabled: Option<bool>,
        pub display_name: Option<String>,
        pub mail: Option<String>,
        pub business_phones: Option<Vec<String>>,
    }

    #[derive(ODataEntity, Default)]
    #[odata(namespace = "microsoft.graph")]
    pub struct Group {
        #[odata(base)]
        pub directory_object: DirectoryObject,
        pub display_name: Option<String>,
        pub group_types: Option<Vec<String>>,
        pub security_enabled: Option<bool>,
    }

    #[derive(ODataEntity, Default)]
    #[odata(namespace = "microsoft.graph")]
    pub struct Device {
        #[odata(base)]
        pub directory_object: DirectoryObject,
        pub device_id: Option<String>,
        pub display_name: Option<String>,
        pub operating_system: Option<String>,
    }

    #[derive(ODataEntity)]
    pub enum AnyDirectoryObject {
        User(User),
        Group(Group),
        Device(Device),
        #[odata(base)]
        DirectoryObject(DirectoryObject),
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct MirrorUser {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub account_enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub mail: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub business_phones: Option<Vec<String>>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct MirrorGroup {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub group_types: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub security_enabled: Option<bool>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct MirrorDevice {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub device_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub operating_system: Option<String>,
    }

    /// What serde offers for this: an internally tagged enum on `@odata.type`.
    #[derive(Serialize, Deserialize)]
    #[serde(tag = "@odata.type")]
    pub enum MirrorAny {
        #[serde(rename = "#microsoft.graph.user")]
        User(MirrorUser),
        #[serde(rename = "#microsoft.graph.group")]
        Group(MirrorGroup),
        #[serde(rename = "#microsoft.graph.device")]
        Device(MirrorDevice),
    }

    #[derive(Serialize, Deserialize)]
    pub struct MirrorPage {
        pub value: Vec<MirrorAny>,
    }

    /// No dispatch at all: one plain struct holding every member of the three types, the
    /// annotation skipped. Not a design anyone could use (it cannot tell a user from a group);
    /// it is the floor, what serde_json costs to read these bytes into owned values, against
    /// which the 2x target is judged (`--loop poly floor N`).
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)] // read only to be dropped: the cost of reading is what is measured
    pub struct FloorAny {
        #[serde(rename = "@odata.type")]
        pub odata_type: serde::de::IgnoredAny,
        pub id: Option<String>,
        pub account_enabled: Option<bool>,
        pub display_name: Option<String>,
        pub mail: Option<String>,
        pub business_phones: Option<Vec<String>>,
        pub group_types: Option<Vec<String>>,
        pub security_enabled: Option<bool>,
        pub device_id: Option<String>,
        pub operating_system: Option<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct FloorPage {
        pub value: Vec<FloorAny>,
    }

    /// A page of 1,000 users, groups and devices; the annotation first or last.
    pub fn page(annotation_first: bool) -> Vec<u8> {
        let mut items = Vec::new();
        for i in 0..1000 {
            let (ty, body) = match i % 3 {
                0 => (
                    "user",
                    format!(
                        r#""id":"u{i}","accountEnabled":true,"displayName":"User {i}","mail":"user{i}@contoso.com","businessPhones":["+1 425 555 {i:04}"]"#
                    ),
                ),
                1 => (
                    "group",
                    format!(
                        r#""id":"g{i}","displayName":"Group {i}","groupTypes":["Unified"],"securityEnabled":false"#
                    ),
                ),
                _ => (
                    "device",
                    format!(
                        r#""id":"d{i}","deviceId":"6fa60d52-01e7-4b18-8055-{i:012}","displayName":"DESKTOP-{i}","operatingSystem":"Windows""#
                    ),
                ),
            };
            let annotation = format!(r##""@odata.type":"#microsoft.graph.{ty}""##);
            items.push(if annotation_first {
                format!("{{{annotation},{body}}}")
            } else {
                format!("{{{body},{annotation}}}")
            });
        }
        format!(r#"{{"value":[{}]}}"#, items.join(",")).into_bytes()
    }

    /// An event-like object heavy in dates, times and GUIDs.
    #[derive(ODataEntity)]
    #[odata(namespace = "contoso", complex)]
    pub struct Occurrence {
        pub id: Option<Uuid>,
        pub series_id: Option<Uuid>,
        pub created_date_time: Option<OffsetDateTime>,
        pub last_modified_date_time: Option<OffsetDateTime>,
        pub start: Option<OffsetDateTime>,
        pub end: Option<OffsetDateTime>,
        pub subject: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct MirrorOccurrence {
        #[serde(rename = "@odata.type")]
        pub odata_type: String,
        pub id: Option<Uuid>,
        pub series_id: Option<Uuid>,
        #[serde(with = "time::serde::rfc3339::option")]
        pub created_date_time: Option<OffsetDateTime>,
        #[serde(with = "time::serde::rfc3339::option")]
        pub last_modified_date_time: Option<OffsetDateTime>,
        #[serde(with = "time::serde::rfc3339::option")]
        pub start: Option<OffsetDateTime>,
        #[serde(with = "time::serde::rfc3339::option")]
        pub end: Option<OffsetDateTime>,
        pub subject: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct MirrorOccurrences {
        pub value: Vec<MirrorOccurrence>,
    }

    pub fn occurrences() -> Vec<u8> {
        let items: Vec<String> = (0..1000)
            .map(|i| {
                format!(
                    r##"{{"@odata.type":"#contoso.occurrence","id":"{:08x}-5f9a-f1e5-9a5f-e5f19a5fe5f1","seriesId":"8acc96bc-{:04x}-4a4b-9c3d-2e1f0a9b8c7d","createdDateTime":"2019-02-07T21:53:13.0844209Z","lastModifiedDateTime":"2019-03-01T08:00:00.5Z","start":"2019-03-{:02}T09:00:00Z","end":"2019-03-{:02}T09:30:00.0000001Z","subject":"Sync {i}"}}"##,
                    i,
                    i % 65536,
                    i % 28 + 1,
                    i % 28 + 1
                )
            })
            .collect();
        format!(r#"{{"value":[{}]}}"#, items.join(",")).into_bytes()
    }
}

/// Races parsing `bytes` as `A` (ours) and as `B` (the baseline); prints a row.
fn parse_race<A: serde::de::DeserializeOwned, B: serde::de::DeserializeOwned>(
    name: &str,
    bytes: &[u8],
    budget: Duration,
) {
    let (t_ours, t_base) = race(
        || {
            drop(black_box(
                serde_json::from_slice::<A>(black_box(bytes)).unwrap(),
            ))
        },
        || {
            drop(black_box(
                serde_json::from_slice::<B>(black_box(bytes)).unwrap(),
            ))
        },
        budget,
    );
    let a_ours = allocations(|| drop(serde_json::from_slice::<A>(bytes).unwrap()));
    let a_base = allocations(|| drop(serde_json::from_slice::<B>(bytes).unwrap()));
    row(
        name,
        "parse",
        (bytes.len(), t_ours),
        (bytes.len(), t_base),
        a_ours,
        a_base,
    );
}

/// Races writing `ours` and `base`; prints a row.
fn write_race<A: Serialize, B: Serialize>(name: &str, ours: &A, base: &B, budget: Duration) {
    let written = serde_json::to_vec(ours).unwrap().len();
    let written_base = serde_json::to_vec(base).unwrap().len();
    let (t_ours, t_base) = race(
        || drop(black_box(serde_json::to_vec(black_box(ours)).unwrap())),
        || drop(black_box(serde_json::to_vec(black_box(base)).unwrap())),
        budget,
    );
    let a_ours = allocations(|| drop(serde_json::to_vec(ours).unwrap()));
    let a_base = allocations(|| drop(serde_json::to_vec(base).unwrap()));
    row(
        name,
        "write",
        (written, t_ours),
        (written_base, t_base),
        a_ours,
        a_base,
    );
}

/// Both directions for a workload read as `A` (ours) and `B` (the baseline).
fn measure<A, B>(name: &str, bytes: &[u8], budget: Duration)
where
    A: Serialize + serde::de::DeserializeOwned,
    B: Serialize + serde::de::DeserializeOwned,
{
    let ours: A = odata_core::json::from_slice(bytes).unwrap();
    let base: B = serde_json::from_slice(bytes).unwrap();
    write_race(name, &ours, &base, budget);
    parse_race::<A, B>(name, bytes, budget);
}

/// The polymorphic and temporal workloads.
fn measure_issue10(budget: Duration) {
    use odata_core::request::Page;
    let first = poly::page(true);
    let last = poly::page(false);
    parse_race::<Page<poly::AnyDirectoryObject>, poly::MirrorPage>(
        "poly 1000, type first",
        &first,
        budget,
    );
    parse_race::<Page<poly::AnyDirectoryObject>, poly::MirrorPage>(
        "poly 1000, type last",
        &last,
        budget,
    );
    // Not a contender: the cost of reading the same bytes with no dispatch at all (see
    // `FloorPage`), to show how far below serde's tagged enum any reader can go.
    parse_race::<poly::FloorPage, poly::MirrorPage>("poly 1000, no-dispatch floor", &first, budget);
    write_race(
        "poly 1000",
        &odata_core::json::from_slice::<Page<poly::AnyDirectoryObject>>(&first).unwrap(),
        &serde_json::from_slice::<poly::MirrorPage>(&first).unwrap(),
        budget,
    );
    let dates = poly::occurrences();
    parse_race::<Page<poly::Occurrence>, poly::MirrorOccurrences>(
        "dates+guids 1000",
        &dates,
        budget,
    );
    write_race(
        "dates+guids 1000",
        &odata_core::json::from_slice::<Page<poly::Occurrence>>(&dates).unwrap(),
        &serde_json::from_slice::<poly::MirrorOccurrences>(&dates).unwrap(),
        budget,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--callgrind") {
        return callgrind(&args[at + 1..]);
    }
    if let Some(at) = args.iter().position(|a| a == "--loop") {
        // `--loop poly|poly-last|dates ours|serde|floor N` (floor: poly only): one parse N times, for a profiler.
        use odata_core::request::Page;
        let (what, side, n) = (
            &args[at + 1],
            &args[at + 2],
            args[at + 3].parse::<usize>().unwrap(),
        );
        let bytes = match what.as_str() {
            "poly" => poly::page(true),
            "poly-last" => poly::page(false),
            _ => poly::occurrences(),
        };
        for _ in 0..n {
            match (what.as_str(), side.as_str()) {
                ("dates", "ours") => drop(black_box(
                    serde_json::from_slice::<Page<poly::Occurrence>>(&bytes).unwrap(),
                )),
                ("dates", _) => drop(black_box(
                    serde_json::from_slice::<poly::MirrorOccurrences>(&bytes).unwrap(),
                )),
                (_, "ours") => drop(black_box(
                    serde_json::from_slice::<Page<poly::AnyDirectoryObject>>(&bytes).unwrap(),
                )),
                (_, "floor") => drop(black_box(
                    serde_json::from_slice::<poly::FloorPage>(&bytes).unwrap(),
                )),
                _ => drop(black_box(
                    serde_json::from_slice::<poly::MirrorPage>(&bytes).unwrap(),
                )),
            }
        }
        return;
    }
    if args.iter().any(|a| a == "--list") {
        for (i, w) in workloads().iter().enumerate() {
            println!("{i}\t{}", w.name);
        }
        return;
    }
    let budget = Duration::from_millis(
        std::env::var("BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1500),
    );
    // `cargo test --benches` runs bench binaries with --bench absent; keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let budget = if quick {
        Duration::from_millis(20)
    } else {
        budget
    };
    println!(
        "cores: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| workload                      | op    | ours MB/s | serde MB/s | ratio | ours alloc | serde alloc |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for w in workloads() {
        let bytes = w.json.as_slice();
        match w.kind {
            Kind::KeySet => measure::<TrustFrameworkKeySet, MirrorKeySet>(w.name, bytes, budget),
            Kind::Page => measure::<Page<TrustFrameworkKeySet>, MirrorPage>(w.name, bytes, budget),
        }
    }
    println!();
    println!("Polymorphism (baseline: serde's internally tagged enum) and dates/GUIDs (baseline: time's rfc3339 and uuid's serde impls):");
    println!();
    println!("| workload                      | op    | ours MB/s | serde MB/s | ratio | ours alloc | serde alloc |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    measure_issue10(budget);
}
