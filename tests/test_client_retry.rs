//! The HTTP client over real loopback HTTP against a scripted responder: bearer token sent,
//! 429/503/504 retried a bounded number of times honouring `Retry-After`, other errors not
//! retried, timeouts reported.

mod common;
mod support;

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use common::loopback::{expired_until_refreshed, key_sets, key_sets_at, start_with_token};
use support::{recorded_sleeps, reply, responder, OK_KEY_SET};

use odata_core::client::{Client, ClientError};
use odata_core::graph::TrustFrameworkKeySet;
use odata_core::policy::Refresh;
use odata_core::request::Error;

#[test]
fn retries_429_and_503_honouring_retry_after_then_succeeds() {
    let (base, seen) = responder(vec![
        reply(
            "429 Too Many Requests",
            &["Retry-After: 7"],
            r#"{"error":{"code":"TooManyRequests","message":"slow"}}"#,
        ),
        reply("503 Service Unavailable", &[], ""),
        reply("200 OK", &["Content-Type: application/json"], OK_KEY_SET),
    ]);
    let (sleeps, sleep) = recorded_sleeps();
    let client = Client::builder()
        .bearer_token("t0k3n")
        .sleep_with(sleep)
        .build()
        .unwrap();
    let get = key_sets_at(&base).by_id("B2C_1A_x").get().build().unwrap();
    let set = client.execute(&get).unwrap();
    assert_eq!(set.entity.id.as_deref(), Some("B2C_1A_x"));

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    for s in &seen {
        assert_eq!(
            s.request_line,
            "GET /v1.0/trustFramework/keySets/B2C_1A_x HTTP/1.1"
        );
        assert_eq!(s.authorization.as_deref(), Some("Bearer t0k3n"));
    }
    // Retry-After: 7 seconds honoured; then the default backoff for the second retry.
    assert_eq!(
        *sleeps.lock().unwrap(),
        [Duration::from_secs(7), Duration::from_millis(400)]
    );
}

#[test]
fn gives_up_after_max_retries_with_the_service_error() {
    let busy = || {
        reply(
            "504 Gateway Timeout",
            &["request-id: r-1"],
            r#"{"error":{"code":"GatewayTimeout","message":"later"}}"#,
        )
    };
    let (base, seen) = responder(vec![busy(), busy(), busy()]);
    let (sleeps, sleep) = recorded_sleeps();
    let client = Client::builder()
        .max_retries(2)
        .max_retry_delay(Duration::from_millis(300))
        .sleep_with(sleep)
        .build()
        .unwrap();
    let list = key_sets_at(&base).list().build().unwrap();
    let err = client.execute(&list).unwrap_err();
    let ClientError::Response(Error::Service(e)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 504);
    assert_eq!(e.request_id.as_deref(), Some("r-1"));
    assert_eq!(e.error.unwrap().code, "GatewayTimeout");
    assert_eq!(seen.lock().unwrap().len(), 3, "one try and two retries");
    // Backoff 200 ms, then 400 ms capped at 300 ms.
    assert_eq!(
        *sleeps.lock().unwrap(),
        [Duration::from_millis(200), Duration::from_millis(300)]
    );
}

#[test]
fn other_errors_are_not_retried() {
    let (base, seen) = responder(vec![reply(
        "404 Not Found",
        &["Content-Type: application/json"],
        r#"{"error":{"code":"ResourceNotFound","message":"no such key set"}}"#,
    )]);
    let client = Client::builder().build().unwrap();
    let delete = key_sets_at(&base).by_id("nope").delete().unwrap();
    let err = client.execute(&delete).unwrap_err();
    assert!(
        err.to_string()
            .contains("404 Not Found: ResourceNotFound: no such key set"),
        "{err}"
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert_eq!(
        seen.lock().unwrap()[0].authorization,
        None,
        "no token configured, none sent"
    );
}

#[test]
fn a_silent_server_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let hold = thread::spawn(move || {
        let conn = listener.accept();
        thread::sleep(Duration::from_millis(1500));
        drop(conn);
    });
    let client = Client::builder()
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();
    let list = key_sets_at(&base).list().build().unwrap();
    let started = std::time::Instant::now();
    let err = client.execute(&list).unwrap_err();
    assert!(matches!(err, ClientError::Transport(_)), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "the timeout cut the wait"
    );
    hold.join().unwrap();
}

#[test]
fn a_token_that_cannot_be_a_header_is_an_error() {
    let err = Client::builder()
        .bearer_token("bad\ntoken")
        .build()
        .unwrap_err();
    assert!(matches!(err, ClientError::InvalidToken));
    let client = Client::builder()
        .bearer_token("secret-token")
        .build()
        .unwrap();
    assert!(
        !format!("{client:?}").contains("secret-token"),
        "Debug redacts the token"
    );
}

#[test]
fn a_401_that_a_refreshed_token_fixes_is_retried_once_with_the_new_token() {
    let (base, seen) = responder(vec![
        reply(
            "401 Unauthorized",
            &["WWW-Authenticate: Bearer"],
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#,
        ),
        reply("200 OK", &["Content-Type: application/json"], OK_KEY_SET),
    ]);
    let calls = Arc::new(Mutex::new(Vec::new()));
    let record = calls.clone();
    let client = Client::builder()
        .token_provider(move |refresh| {
            let mut calls = record.lock().unwrap();
            calls.push(refresh);
            Ok(format!("token-{}", calls.len()))
        })
        .build()
        .unwrap();
    let set = client.execute(&get_x(&base)).unwrap();
    assert_eq!(set.entity.id.as_deref(), Some("B2C_1A_x"));
    assert_eq!(*calls.lock().unwrap(), [Refresh::Current, Refresh::Force]);
    let sent: Vec<_> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.authorization.clone().unwrap())
        .collect();
    assert_eq!(sent, ["Bearer token-1", "Bearer token-2"]);
}

#[test]
fn a_401_that_a_refreshed_token_does_not_fix_is_returned_after_one_refresh() {
    let denied = || {
        reply(
            "401 Unauthorized",
            &[],
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"no"}}"#,
        )
    };
    let (base, seen) = responder(vec![denied(), denied(), denied()]);
    let refreshes = Arc::new(Mutex::new(0));
    let count = refreshes.clone();
    let client = Client::builder()
        .token_provider(move |refresh| {
            if refresh == Refresh::Force {
                *count.lock().unwrap() += 1;
            }
            Ok("still-wrong".into())
        })
        .build()
        .unwrap();
    let err = client.execute(&get_x(&base)).unwrap_err();
    let ClientError::Response(Error::Service(e)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 401);
    assert_eq!(e.error.unwrap().code, "InvalidAuthenticationToken");
    assert_eq!(*refreshes.lock().unwrap(), 1, "refreshed once");
    assert_eq!(seen.lock().unwrap().len(), 2, "sent twice, not more");
}

#[test]
fn a_401_with_a_fixed_token_is_not_retried_and_a_failing_provider_is_reported() {
    let (base, seen) = responder(vec![reply("401 Unauthorized", &[], "")]);
    let client = Client::builder().bearer_token("fixed").build().unwrap();
    let err = client.execute(&get_x(&base)).unwrap_err();
    assert!(err.to_string().starts_with("401 Unauthorized"), "{err}");
    assert_eq!(seen.lock().unwrap().len(), 1);

    let client = Client::builder()
        .token_provider(|_| Err("the identity service is down".into()))
        .build()
        .unwrap();
    let err = client.execute(&get_x(&base)).unwrap_err();
    assert!(matches!(err, ClientError::TokenProvider(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "the token provider failed: the identity service is down"
    );
}

#[test]
fn a_body_over_the_limit_is_an_error() {
    let big = format!(
        r#"{{"id":"B2C_1A_x","keys":[],"pad":"{}"}}"#,
        "x".repeat(200)
    );
    let (base, _) = responder(vec![reply(
        "200 OK",
        &["Content-Type: application/json"],
        &big,
    )]);
    let client = Client::builder().max_body_bytes(100).build().unwrap();
    let err = client.execute(&get_x(&base)).unwrap_err();
    assert!(matches!(err, ClientError::Transport(_)), "{err:?}");
}

fn get_x(
    base: &str,
) -> odata_core::request::Request<odata_core::request::One<TrustFrameworkKeySet>> {
    key_sets_at(base).by_id("B2C_1A_x").get().build().unwrap()
}

/// Against the embedded service, which requires a token: a provider that starts with an
/// expired token gets the right one on refresh, and the request succeeds.
#[test]
fn the_embedded_service_accepts_the_refreshed_token() {
    let running = start_with_token("fresh");
    let (current, provide) = expired_until_refreshed("fresh");
    let client = Client::builder()
        .env_proxy(false)
        .token_provider(provide)
        .build()
        .unwrap();
    let sets = key_sets(&running);
    let page = client.execute(&sets.list().build().unwrap()).unwrap();
    assert!(page.value.is_empty());
    assert_eq!(*current.lock().unwrap(), "fresh");
}
