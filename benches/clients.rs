//! Requests per second of the async client (tokio tasks) beside the blocking client (threads)
//! against the embedded service, at 1, 8 and 64 concurrent workers, in one run.
//!
//! ```text
//! cargo bench --bench clients          # BENCH_MS=3000 sets the time per measurement
//! ```
//!
//! Every worker repeats `GET /trustFramework/keySets/{id}` (a key set with 2 keys) and parses
//! the response into the typed value, for the measurement time. The async workers are tasks on
//! one multi-threaded tokio runtime with 2 worker threads (the machine's cores) sharing one
//! `AsyncClient`; the blocking workers are OS threads sharing one `Client`. Each concurrency
//! level runs blocking, async, blocking, async, and keeps the better of each side's two runs,
//! so both see the same machine conditions. The service runs in the same process on its own
//! 2-thread runtime, so client and service compete for the same cores, as they would in a test.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use odata_core::async_client::AsyncClient;
use odata_core::client::Client;
use odata_core::graph::{GraphService, TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::{One, Request, Service};
use odata_service::KeySetService;

const ID: &str = "B2C_1A_bench";

fn get(service: &Service) -> Request<One<TrustFrameworkKeySet>> {
    service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id(ID)
        .get()
        .build()
        .expect("a valid request")
}

fn blocking(service: &Service, workers: usize, time: Duration) -> f64 {
    let client = Client::builder()
        .env_proxy(false)
        .max_retries(0)
        .build()
        .expect("no token");
    let done = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let request = get(service);
                while !stop.load(Ordering::Relaxed) {
                    client.execute(&request).expect("the GET succeeds");
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        std::thread::sleep(time);
        stop.store(true, Ordering::Relaxed);
    });
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn asynchronous(
    runtime: &tokio::runtime::Runtime,
    service: &Service,
    workers: usize,
    time: Duration,
) -> f64 {
    let client = AsyncClient::builder()
        .env_proxy(false)
        .max_retries(0)
        .build()
        .expect("no token");
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    runtime.block_on(async {
        let started = Instant::now();
        let tasks: Vec<_> = (0..workers)
            .map(|_| {
                let (client, done, stop) = (client.clone(), done.clone(), stop.clone());
                let request = get(service);
                tokio::spawn(async move {
                    while !stop.load(Ordering::Relaxed) {
                        client.execute(&request).await.expect("the GET succeeds");
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        tokio::time::sleep(time).await;
        stop.store(true, Ordering::Relaxed);
        for task in tasks {
            task.await.expect("a worker task panicked");
        }
        done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
    })
}

fn main() {
    let time = Duration::from_millis(
        std::env::var("BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2000),
    );
    let running = KeySetService::builder()
        .build()
        .start()
        .expect("the service starts");
    let service = Service::graph(running.base_url()).expect("a valid root");
    let setup = Client::builder()
        .env_proxy(false)
        .build()
        .expect("no token");
    let body = TrustFrameworkKeySet::builder()
        .id(ID)
        .key(TrustFrameworkKey::builder().kid("k1").kty("RSA").build())
        .key(TrustFrameworkKey::builder().kid("k2").kty("oct").build())
        .build();
    let create = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .create(&body)
        .expect("a valid request");
    setup.execute(&create).expect("the key set is created");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    println!(
        "GET one key set, {} ms per measurement, best of 2",
        time.as_millis()
    );
    println!("| workers | blocking req/s | async req/s | async / blocking |");
    println!("|---:|---:|---:|---:|");
    for workers in [1, 8, 64] {
        let (mut b, mut a) = (0f64, 0f64);
        for _ in 0..2 {
            b = b.max(blocking(&service, workers, time));
            a = a.max(asynchronous(&runtime, &service, workers, time));
        }
        println!("| {workers} | {b:.0} | {a:.0} | {:.2} |", a / b);
    }
    drop(runtime);
    running.shutdown().expect("the service stops");
}
