//! Starting and stopping: loopback only, an ephemeral port each, a clean stop on `shutdown`
//! and on drop, even with idle keep-alive connections open.

mod common;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::Client;
use odata_core::graph::TrustFrameworkKeySet;
use odata_service::KeySetService;

#[test]
fn binds_loopback_on_distinct_ephemeral_ports() {
    let a = KeySetService::default().start().unwrap();
    let b = KeySetService::default().start().unwrap();
    for running in [&a, &b] {
        assert!(running.local_addr().ip().is_loopback());
        assert_ne!(running.local_addr().port(), 0);
        assert_eq!(
            running.base_url(),
            format!("http://127.0.0.1:{}/v1.0", running.local_addr().port())
        );
    }
    assert_ne!(a.local_addr(), b.local_addr());
    // Each has its own state.
    let client = Client::new(&a, "graph");
    client.ok(client
        .key_sets()
        .create(&TrustFrameworkKeySet::builder().id("only-in-a").build())
        .unwrap());
    assert_eq!(a.key_sets().len(), 1);
    assert!(b.key_sets().is_empty());
}

#[test]
fn shutdown_stops_serving_promptly_despite_idle_connections() {
    let running = KeySetService::default().start().unwrap();
    let addr = running.local_addr();
    // An idle keep-alive connection in ureq's pool, and a raw idle connection.
    let client = Client::new(&running, "odata");
    client.ok(client.key_sets().list().build());
    let idle = TcpStream::connect(addr).unwrap();

    let started = Instant::now();
    running.shutdown().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "shutdown took {:?}",
        started.elapsed()
    );
    drop(idle);
    assert!(TcpStream::connect(addr).is_err(), "no longer listening");
}

#[test]
fn drop_stops_the_service() {
    let addr = {
        let running = KeySetService::default().start().unwrap();
        let client = Client::new(&running, "graph");
        client.ok(client.key_sets().list().build());
        running.local_addr()
    };
    assert!(TcpStream::connect(addr).is_err(), "no longer listening");
}
