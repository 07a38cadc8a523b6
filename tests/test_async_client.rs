//! The async client over real loopback HTTP: against a scripted responder, the same behaviours
//! as the blocking client (bearer token, bounded retries of 429/503/504 honouring
//! `Retry-After`, no retry of other errors, timeouts, body limit, one refresh on 401); against
//! the embedded service, operations, paging as streams of pages and of items, and a token
//! provider that fixes a 401 by refreshing.

mod common;
mod support;

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::loopback::{expired_until_refreshed, key_sets, key_sets_at, start_with_token};
use futures_util::{StreamExt, TryStreamExt};
use odata_core::async_client::{AsyncClient, AsyncClientError};
use odata_core::graph::TrustFrameworkKeySet;
use odata_core::policy::Refresh;
use odata_core::request::{Error, One, Patch, Request};
use odata_core::EntityType;
use odata_service::KeySetService;
use support::{recorded_sleeps, reply, responder, OK_KEY_SET};

fn get_x(base: &str) -> Request<One<TrustFrameworkKeySet>> {
    key_sets_at(base).by_id("B2C_1A_x").get().build().unwrap()
}

#[tokio::test]
async fn retries_429_and_503_honouring_retry_after_then_succeeds() {
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
    let client = AsyncClient::builder()
        .bearer_token("t0k3n")
        .env_proxy(false)
        .sleep_with(sleep)
        .build()
        .unwrap();
    let set = client.execute(&get_x(&base)).await.unwrap();
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
    assert_eq!(
        *sleeps.lock().unwrap(),
        [Duration::from_secs(7), Duration::from_millis(400)]
    );
}

#[tokio::test]
async fn waits_for_real_when_no_sleep_hook_is_set() {
    let (base, seen) = responder(vec![
        reply("503 Service Unavailable", &["Retry-After: 0"], ""),
        reply("200 OK", &["Content-Type: application/json"], OK_KEY_SET),
    ]);
    let client = AsyncClient::builder()
        .env_proxy(false)
        .max_retry_delay(Duration::from_millis(50))
        .build()
        .unwrap();
    client.execute(&get_x(&base)).await.unwrap();
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn gives_up_after_max_retries_with_the_service_error() {
    let busy = || {
        reply(
            "504 Gateway Timeout",
            &["request-id: r-1"],
            r#"{"error":{"code":"GatewayTimeout","message":"later"}}"#,
        )
    };
    let (base, seen) = responder(vec![busy(), busy(), busy()]);
    let (sleeps, sleep) = recorded_sleeps();
    let client = AsyncClient::builder()
        .max_retries(2)
        .max_retry_delay(Duration::from_millis(300))
        .env_proxy(false)
        .sleep_with(sleep)
        .build()
        .unwrap();
    let list = key_sets_at(&base).list().build().unwrap();
    let err = client.execute(&list).await.unwrap_err();
    let AsyncClientError::Response(Error::Service(e)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 504);
    assert_eq!(e.request_id.as_deref(), Some("r-1"));
    assert_eq!(e.error.unwrap().code, "GatewayTimeout");
    assert_eq!(seen.lock().unwrap().len(), 3, "one try and two retries");
    assert_eq!(
        *sleeps.lock().unwrap(),
        [Duration::from_millis(200), Duration::from_millis(300)]
    );
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let (base, seen) = responder(vec![reply(
        "404 Not Found",
        &["Content-Type: application/json"],
        r#"{"error":{"code":"ResourceNotFound","message":"no such key set"}}"#,
    )]);
    let client = AsyncClient::builder().env_proxy(false).build().unwrap();
    let delete = key_sets_at(&base).by_id("nope").delete().unwrap();
    let err = client.execute(&delete).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("404 Not Found: ResourceNotFound: no such key set"),
        "{err}"
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert_eq!(seen.lock().unwrap()[0].authorization, None);
}

#[tokio::test]
async fn a_silent_server_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let hold = std::thread::spawn(move || {
        let conn = listener.accept();
        std::thread::sleep(Duration::from_millis(1500));
        drop(conn);
    });
    let client = AsyncClient::builder()
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .env_proxy(false)
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client
        .execute(&key_sets_at(&base).list().build().unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AsyncClientError::Transport(e) if e.is_timeout()),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(1400));
    hold.join().unwrap();
}

#[test]
fn a_token_that_cannot_be_a_header_is_an_error() {
    let err = AsyncClient::builder()
        .bearer_token("bad\ntoken")
        .build()
        .unwrap_err();
    assert!(matches!(err, AsyncClientError::InvalidToken));
    let client = AsyncClient::builder()
        .bearer_token("secret-token")
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("secret-token"));
}

#[tokio::test]
async fn a_body_over_the_limit_is_an_error_announced_or_not() {
    let big = format!(
        r#"{{"id":"B2C_1A_x","keys":[],"pad":"{}"}}"#,
        "x".repeat(200)
    );
    let chunked = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
        big.len()
    );
    let (base, _) = responder(vec![
        reply("200 OK", &["Content-Type: application/json"], &big),
        chunked,
    ]);
    let client = AsyncClient::builder()
        .max_body_bytes(100)
        .env_proxy(false)
        .build()
        .unwrap();
    for _ in 0..2 {
        let err = client.execute(&get_x(&base)).await.unwrap_err();
        assert!(
            matches!(err, AsyncClientError::BodyTooLarge(ref e) if e.limit == 100),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "the response body is larger than 100 bytes"
        );
    }
}

#[tokio::test]
async fn a_401_that_a_refreshed_token_fixes_is_retried_once_with_the_new_token() {
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
    let client = AsyncClient::builder()
        .env_proxy(false)
        .token_provider(move |refresh| {
            let mut calls = record.lock().unwrap();
            calls.push(refresh);
            Ok(format!("token-{}", calls.len()))
        })
        .build()
        .unwrap();
    let set = client.execute(&get_x(&base)).await.unwrap();
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

#[tokio::test]
async fn a_401_that_a_refreshed_token_does_not_fix_is_returned_after_one_refresh() {
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
    let client = AsyncClient::builder()
        .env_proxy(false)
        .token_provider(move |refresh| {
            if refresh == Refresh::Force {
                *count.lock().unwrap() += 1;
            }
            Ok("still-wrong".into())
        })
        .build()
        .unwrap();
    let err = client.execute(&get_x(&base)).await.unwrap_err();
    let AsyncClientError::Response(Error::Service(e)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 401);
    assert_eq!(*refreshes.lock().unwrap(), 1, "refreshed once");
    assert_eq!(seen.lock().unwrap().len(), 2, "sent twice, not more");
}

/// Against the embedded service, which requires a token: a provider that starts with an
/// expired token gets the right one on refresh, and every later request succeeds.
#[tokio::test]
async fn the_embedded_service_accepts_the_refreshed_token() {
    let running = start_with_token("fresh");
    let (current, provide) = expired_until_refreshed("fresh");
    let client = AsyncClient::builder()
        .env_proxy(false)
        .token_provider(provide)
        .build()
        .unwrap();
    let sets = key_sets(&running);
    let created = client
        .execute(
            &sets
                .create(&TrustFrameworkKeySet::builder().id("B2C_1A_a").build())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(created.id(), Some("B2C_1A_a"));
    assert_eq!(*current.lock().unwrap(), "fresh");
    assert_eq!(running.key_sets().len(), 1);

    // A fixed wrong token is a 401 with Graph's error, not retried.
    let wrong = AsyncClient::builder()
        .env_proxy(false)
        .bearer_token("wrong")
        .build()
        .unwrap();
    let err = wrong
        .execute(&sets.list().build().unwrap())
        .await
        .unwrap_err();
    let AsyncClientError::Response(Error::Service(e)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 401);
    assert_eq!(e.error.unwrap().code, "InvalidAuthenticationToken");
}

#[tokio::test]
async fn operations_and_paging_streams_against_the_embedded_service() {
    let running = KeySetService::builder()
        .page_size(3)
        .build()
        .start()
        .unwrap();
    let client = AsyncClient::builder().env_proxy(false).build().unwrap();
    let sets = key_sets(&running);
    let ids: Vec<String> = (0..8).map(|i| format!("B2C_1A_s{i}")).collect();
    for id in &ids {
        let body = TrustFrameworkKeySet::builder().id(id.as_str()).build();
        client.execute(&sets.create(&body).unwrap()).await.unwrap();
    }

    // Pages of 3, 3 and 2, in id order.
    let pages: Vec<_> = client
        .pages(sets.list().build().unwrap())
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.value.len()).collect();
    assert_eq!(sizes, [3, 3, 2]);
    // Items across pages, with $top=2 as the page size.
    let items: Vec<String> = client
        .items(sets.list().top(2).build().unwrap())
        .map_ok(|set| set.id().unwrap().to_owned())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, ids);
    // A stream can stop early: only the pages read are fetched.
    let first_two: Vec<_> = client
        .items(sets.list().build().unwrap())
        .take(2)
        .collect()
        .await;
    assert_eq!(first_two.len(), 2);

    // Update, get, delete.
    let x = sets.by_id("B2C_1A_s0");
    let patch = Patch::from_value(
        &TrustFrameworkKeySet::builder()
            .keys(Vec::<odata_core::graph::TrustFrameworkKey>::new())
            .build(),
    )
    .unwrap();
    let updated = client.execute(&x.update(&patch).unwrap()).await.unwrap();
    assert_eq!(updated.unwrap().keys.map(|k| k.len()), Some(0));
    client.execute(&x.delete().unwrap()).await.unwrap();
    let err = client.execute(&x.get().build().unwrap()).await.unwrap_err();
    let AsyncClientError::Response(Error::Service(e)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 404);
    assert_eq!(running.key_sets().len(), 7);
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    // The first page links to another host: the page is yielded, then the refusal.
    let first = r#"{"value":[{"id":"a"}],"@odata.nextLink":"https://elsewhere.example/v1.0/trustFramework/keySets"}"#;
    let (base2, seen) = responder(vec![reply(
        "200 OK",
        &["Content-Type: application/json"],
        first,
    )]);
    let client = AsyncClient::builder().env_proxy(false).build().unwrap();
    let results: Vec<_> = client
        .pages(key_sets_at(&base2).list().build().unwrap())
        .collect()
        .await;
    assert_eq!(results.len(), 2, "the page, then the refused next link");
    assert_eq!(results[0].as_ref().unwrap().value.len(), 1);
    assert!(matches!(
        results[1],
        Err(AsyncClientError::Response(Error::ForeignNextLink { .. }))
    ));
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "the foreign link was not followed"
    );
}

/// An async token provider (a future per call, as from an async token endpoint) gets the same
/// treatment as a callback: asked for the current token, then once for a new one on `401`.
#[tokio::test]
async fn an_async_token_provider_fixes_a_401_by_one_awaited_refresh() {
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
    let client = AsyncClient::builder()
        .env_proxy(false)
        .async_token_provider(move |refresh| {
            let record = record.clone();
            async move {
                // A real await point, as a token endpoint call has.
                tokio::time::sleep(Duration::from_millis(1)).await;
                let mut calls = record.lock().unwrap();
                calls.push(refresh);
                Ok(format!("async-token-{}", calls.len()))
            }
        })
        .build()
        .unwrap();
    let set = client.execute(&get_x(&base)).await.unwrap();
    assert_eq!(set.entity.id.as_deref(), Some("B2C_1A_x"));
    assert_eq!(*calls.lock().unwrap(), [Refresh::Current, Refresh::Force]);
    let sent: Vec<_> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.authorization.clone().unwrap())
        .collect();
    assert_eq!(sent, ["Bearer async-token-1", "Bearer async-token-2"]);
}

#[tokio::test]
async fn an_async_token_provider_whose_new_token_is_refused_returns_the_401() {
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
    let client = AsyncClient::builder()
        .env_proxy(false)
        .async_token_provider(move |refresh| {
            if refresh == Refresh::Force {
                *count.lock().unwrap() += 1;
            }
            async { Ok("still-wrong".to_owned()) }
        })
        .build()
        .unwrap();
    let err = client.execute(&get_x(&base)).await.unwrap_err();
    let AsyncClientError::Response(Error::Service(e)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, 401);
    assert_eq!(*refreshes.lock().unwrap(), 1, "refreshed once");
    assert_eq!(seen.lock().unwrap().len(), 2, "sent twice, not more");
}

#[tokio::test]
async fn an_async_token_provider_that_fails_stops_the_request_before_sending() {
    let (base, seen) = responder(vec![reply(
        "200 OK",
        &["Content-Type: application/json"],
        OK_KEY_SET,
    )]);
    let client = AsyncClient::builder()
        .env_proxy(false)
        .async_token_provider(|_| async { Err("the token endpoint is down".into()) })
        .build()
        .unwrap();
    let err = client.execute(&get_x(&base)).await.unwrap_err();
    assert!(
        matches!(&err, AsyncClientError::TokenProvider(e) if e.to_string() == "the token endpoint is down"),
        "{err:?}"
    );
    assert!(seen.lock().unwrap().is_empty(), "nothing was sent");
}

/// Against the embedded service: an async provider holding an expired token gets the right
/// one on refresh, and later requests (a delta round of several pages) use it.
#[tokio::test]
async fn the_embedded_service_accepts_a_token_refreshed_asynchronously() {
    let running = KeySetService::builder()
        .token(Some("fresh".into()))
        .page_size(1)
        .build()
        .start()
        .unwrap();
    let current = Arc::new(tokio::sync::Mutex::new("expired".to_owned()));
    let token = current.clone();
    let client = AsyncClient::builder()
        .env_proxy(false)
        .async_token_provider(move |refresh| {
            let token = token.clone();
            async move {
                let mut token = token.lock().await;
                if refresh == Refresh::Force {
                    *token = "fresh".into();
                }
                Ok(token.clone())
            }
        })
        .build()
        .unwrap();
    let sets = key_sets(&running);
    for id in ["B2C_1A_a", "B2C_1A_b"] {
        let body = TrustFrameworkKeySet::builder().id(id).build();
        client.execute(&sets.create(&body).unwrap()).await.unwrap();
    }
    assert_eq!(*current.lock().await, "fresh");
    let round = client
        .delta_round(sets.delta().build().unwrap())
        .await
        .unwrap();
    assert_eq!(round.changes.len(), 2);
}
