//! JSON `$batch` over loopback HTTP against the embedded service, through both clients:
//! responses come back typed and in order, `dependsOn` holds back a request whose dependency
//! failed (424), each request's error is its own, and Graph's limit of 20 requests per batch
//! is respected (split, or refused with a clear error).

mod common;

mod support;

use std::time::Duration;

use common::loopback::{asynchronous, blocking, key_sets, start};
use odata_core::async_client::AsyncClient;
use odata_core::client::Client;
use odata_core::graph::{GraphService, TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::{Batch, Error, Patch, Service, MAX_BATCH_REQUESTS};
use odata_core::EntityType;
use odata_service::RunningService;

fn set(id: &str, kid: &str) -> TrustFrameworkKeySet {
    TrustFrameworkKeySet::builder()
        .id(id)
        .key(TrustFrameworkKey::builder().kid(kid).kty("oct").build())
        .build()
}

fn ids(running: &RunningService) -> Vec<String> {
    running
        .key_sets()
        .iter()
        .map(|s| s.id().unwrap().to_owned())
        .collect()
}

fn status_of(err: &Error) -> u16 {
    err.service_error()
        .unwrap_or_else(|| panic!("a service error: {err}"))
        .status
        .as_u16()
}

#[test]
fn a_batch_with_failing_requests_answers_each_typed_and_in_order() {
    let running = start();
    let client = blocking();
    let sets = key_sets(&running);
    let service = Service::graph(running.base_url()).unwrap();

    let mut batch = Batch::new(&service);
    let create = batch
        .add(&sets.create(&set("B2C_1A_a", "k1")).unwrap())
        .unwrap();
    let get = batch
        .add_depending(
            &sets.by_id("B2C_1A_a").get().build().unwrap(),
            &[create.id()],
        )
        .unwrap();
    let again = batch
        .add(&sets.create(&set("B2C_1A_a", "k9")).unwrap())
        .unwrap();
    let patch = Patch::from_value(
        &TrustFrameworkKeySet::builder()
            .keys(Vec::<TrustFrameworkKey>::new())
            .build(),
    )
    .unwrap();
    let after_failure = batch
        .add_depending(
            &sets.by_id("B2C_1A_a").update(&patch).unwrap(),
            &[again.id()],
        )
        .unwrap();
    let missing = batch
        .add(&sets.by_id("B2C_1A_none").delete().unwrap())
        .unwrap();
    let list = batch.add(&sets.list().build().unwrap()).unwrap();

    let responses = client.execute_batch(&batch).unwrap();
    let order: Vec<&str> = responses.iter().map(|(id, _)| id).collect();
    assert_eq!(order, ["1", "2", "3", "4", "5", "6"]);

    let created = responses.get(&create).unwrap();
    assert_eq!(created.id(), Some("B2C_1A_a"));
    assert_eq!(responses.response("1").unwrap().status(), 201);
    let got = responses.get(&get).unwrap();
    assert_eq!(got.keys.unwrap()[0].kid.as_deref(), Some("k1"));
    // The second create conflicts; the update that depends on it is not run (424); the
    // delete of a missing key set is its own 404; the list still succeeds.
    let conflict = responses.get(&again).unwrap_err();
    assert_eq!(status_of(&conflict), 409);
    assert_eq!(
        conflict
            .service_error()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .code,
        "Conflict"
    );
    let skipped = responses.get(&after_failure).unwrap_err();
    assert_eq!(status_of(&skipped), 424);
    assert_eq!(
        skipped
            .service_error()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .code,
        "FailedDependency"
    );
    assert_eq!(status_of(&responses.get(&missing).unwrap_err()), 404);
    let page = responses.get(&list).unwrap();
    assert_eq!(page.value.len(), 1);

    // The update was not applied: the key set keeps its key.
    let stored = running.key_sets();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].keys.as_ref().unwrap().len(), 1);
}

#[tokio::test]
async fn batches_through_the_async_client() {
    let running = start();
    let client = asynchronous();
    let mut batch = Batch::new(&Service::odata(running.base_url()).unwrap());
    let odata_sets = Service::odata(running.base_url())
        .unwrap()
        .root::<GraphService>()
        .trust_framework()
        .key_sets();
    let create = batch
        .add(&odata_sets.create(&set("B2C_1A_o'q", "k1")).unwrap())
        .unwrap();
    let delete = batch
        .add_depending(
            &odata_sets.by_id("B2C_1A_o'q").delete().unwrap(),
            &[create.id()],
        )
        .unwrap();
    let get = batch
        .add_depending(
            &odata_sets.by_id("B2C_1A_o'q").get().build().unwrap(),
            &[delete.id()],
        )
        .unwrap();
    let responses = client.execute_batch(&batch).await.unwrap();
    assert_eq!(responses.get(&create).unwrap().id(), Some("B2C_1A_o'q"));
    responses.get(&delete).unwrap();
    assert_eq!(status_of(&responses.get(&get).unwrap_err()), 404);
    assert!(running.key_sets().is_empty());

    // A request for another service cannot join the batch.
    let elsewhere = Service::graph("https://graph.microsoft.com/v1.0")
        .unwrap()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .build()
        .unwrap();
    let err = batch.add(&elsewhere).unwrap_err();
    assert!(
        err.to_string()
            .contains("not below the batch's service root"),
        "{err}"
    );
}

#[test]
fn more_than_20_requests_are_split_or_refused() {
    let running = start();
    let client = blocking();
    let sets = key_sets(&running);
    let service = Service::graph(running.base_url()).unwrap();

    let mut batch = Batch::new(&service);
    let handles: Vec<_> = (0..25)
        .map(|i| {
            batch
                .add(&sets.create(&set(&format!("B2C_1A_{i:02}"), "k")).unwrap())
                .unwrap()
        })
        .collect();
    let err = batch.build_one().unwrap_err();
    assert_eq!(
        err.to_string(),
        "batch: a batch holds at most 20 requests (Microsoft Graph's limit); this one holds 25: use `build` to split it"
    );
    assert_eq!(batch.build().unwrap().len(), 2, "20 + 5");
    let responses = client.execute_batch(&batch).unwrap();
    assert_eq!(responses.len(), 25);
    for (i, handle) in handles.iter().enumerate() {
        let created = responses.get(handle).unwrap();
        assert_eq!(created.id(), Some(format!("B2C_1A_{i:02}").as_str()));
    }
    assert_eq!(ids(&running).len(), 25);

    // A dependency that would cross from one part to the next is refused before sending.
    let mut crossing = Batch::new(&service);
    let first = crossing.add(&sets.list().build().unwrap()).unwrap();
    for _ in 0..MAX_BATCH_REQUESTS - 1 {
        crossing.add(&sets.list().build().unwrap()).unwrap();
    }
    crossing
        .add_depending(&sets.list().build().unwrap(), &[first.id()])
        .unwrap();
    let err = crossing.build().unwrap_err();
    assert!(matches!(err, Error::Batch(_)));
    assert!(
        err.to_string()
            .contains("request 21 depends on request 1, which falls in an earlier batch"),
        "{err}"
    );
    // So is a dependency on a request that is not in the batch, and an empty batch.
    let mut bad = Batch::new(&service);
    assert!(bad
        .add_depending(&sets.list().build().unwrap(), &["7"])
        .unwrap_err()
        .to_string()
        .contains("depends on `7`, which is not a request added before it"));
    assert_eq!(
        bad.build().unwrap_err().to_string(),
        "batch: the batch holds no request"
    );
}

/// The service checks the batch itself too: a hand-made batch of 21 requests, duplicate ids
/// or a forward `dependsOn` is a 400 in Graph's format, and nothing of it runs.
#[test]
fn the_service_refuses_malformed_batches_whole() {
    let running = start();
    let client = blocking();
    let url = format!("{}/$batch", running.base_url());
    let post = |body: String| {
        let request = http::Request::builder()
            .method("POST")
            .uri(&url)
            .header("content-type", "application/json")
            .body(body.into_bytes())
            .unwrap();
        client.send(request).unwrap()
    };
    let create = |id: &str| {
        format!(
            r#"{{"id":"{id}","method":"POST","url":"/trustFramework/keySets","headers":{{"content-type":"application/json"}},"body":{{"id":"B2C_1A_{id}"}}}}"#
        )
    };
    let many: Vec<String> = (0..21).map(|i| create(&i.to_string())).collect();
    for (body, message) in [
        (
            format!(r#"{{"requests":[{}]}}"#, many.join(",")),
            "A batch holds at most 20 requests; this one holds 21.",
        ),
        (
            format!(r#"{{"requests":[{},{}]}}"#, create("1"), create("1")),
            "The id '1' is used by more than one request.",
        ),
        (
            r#"{"requests":[{"id":"1","method":"GET","url":"/trustFramework/keySets","dependsOn":["2"]},{"id":"2","method":"GET","url":"/trustFramework/keySets"}]}"#.to_owned(),
            "The request '1' depends on '2', which is not a request before it.",
        ),
        ("{}".to_owned(), "The body is not a JSON batch request"),
    ] {
        let response = post(body);
        assert_eq!(response.status(), 400);
        let error = odata_core::request::ServiceError::from_response(&response);
        let error = error.error.unwrap();
        assert_eq!(error.code, "BadRequest");
        assert!(error.message.starts_with(message), "{}", error.message);
    }
    assert!(running.key_sets().is_empty(), "nothing ran");

    // A GET on $batch is a 405 naming POST; a wrong URL inside is that request's own 400.
    let get = http::Request::builder().uri(&url).body(Vec::new()).unwrap();
    let response = client.send(get).unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    let response = post(
        r#"{"requests":[{"id":"1","method":"GET","url":"https://elsewhere.example/v1.0/x"},{"id":"2","method":"GET","url":"trustFramework/keySets"}]}"#.to_owned(),
    );
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["responses"][0]["status"], 400);
    assert_eq!(body["responses"][1]["status"], 200);
}

/// A batch whose second request is throttled (429, `Retry-After: 3`) and whose third depends
/// on it (424): both are sent again in a second batch, with their ids, after the wait; the
/// first is not. With the retries used up, the 429 is that request's own error.
fn throttled_script() -> Vec<String> {
    let json = ["Content-Type: application/json"];
    vec![
        support::reply(
            "200 OK",
            &json,
            r#"{"responses":[
              {"id":"1","status":200,"body":{"value":[]}},
              {"id":"2","status":429,"headers":{"Retry-After":"3"},"body":{"error":{"code":"TooManyRequests","message":"slow"}}},
              {"id":"3","status":424,"body":{"error":{"code":"FailedDependency","message":"2 failed"}}}]}"#,
        ),
        support::reply(
            "200 OK",
            &json,
            r#"{"responses":[
              {"id":"3","status":200,"body":{"id":"B2C_1A_b","keys":[]}},
              {"id":"2","status":201,"body":{"id":"B2C_1A_b","keys":[]}}]}"#,
        ),
    ]
}

fn throttled_batch(base: &str) -> (Batch, [String; 3]) {
    let service = Service::graph(base).unwrap();
    let sets = service.root::<GraphService>().trust_framework().key_sets();
    let mut batch = Batch::new(&service);
    let a = batch.add(&sets.list().build().unwrap()).unwrap();
    let b = batch
        .add(&sets.create(&set("B2C_1A_b", "k")).unwrap())
        .unwrap();
    let c = batch
        .add_depending(&sets.by_id("B2C_1A_b").get().build().unwrap(), &[b.id()])
        .unwrap();
    let ids = [a.id().to_owned(), b.id().to_owned(), c.id().to_owned()];
    (batch, ids)
}

fn second_batch_ids(seen: &[support::Seen]) -> Vec<String> {
    let body: serde_json::Value = serde_json::from_str(&seen[1].body).unwrap();
    body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn throttled_requests_in_a_batch_are_retried_by_the_blocking_client() {
    let (base, seen) = support::responder(throttled_script());
    let (sleeps, sleep) = support::recorded_sleeps();
    let client = Client::builder().sleep_with(sleep).build().unwrap();
    let (batch, ids) = throttled_batch(&base);
    let responses = client.execute_batch(&batch).unwrap();
    let statuses: Vec<u16> = responses.iter().map(|(_, r)| r.status().as_u16()).collect();
    assert_eq!(statuses, [200, 201, 200], "in the order added: {ids:?}");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert_eq!(second_batch_ids(&seen), ["2", "3"]);
    let second: serde_json::Value = serde_json::from_str(&seen[1].body).unwrap();
    assert_eq!(second["requests"][1]["dependsOn"][0], "2");
    assert_eq!(*sleeps.lock().unwrap(), [Duration::from_secs(3)]);
}

#[tokio::test]
async fn throttled_requests_in_a_batch_are_retried_by_the_async_client_until_the_limit() {
    let (base, seen) = support::responder(throttled_script());
    let (sleeps, sleep) = support::recorded_sleeps();
    let client = AsyncClient::builder()
        .env_proxy(false)
        .sleep_with(sleep)
        .build()
        .unwrap();
    let (batch, _) = throttled_batch(&base);
    let responses = client.execute_batch(&batch).await.unwrap();
    let statuses: Vec<u16> = responses.iter().map(|(_, r)| r.status().as_u16()).collect();
    assert_eq!(statuses, [200, 201, 200]);
    assert_eq!(second_batch_ids(&seen.lock().unwrap()), ["2", "3"]);
    assert_eq!(*sleeps.lock().unwrap(), [Duration::from_secs(3)]);

    // No retries allowed: the 429 and the 424 are those requests' own errors.
    let (base, seen) = support::responder(throttled_script());
    let client = AsyncClient::builder()
        .env_proxy(false)
        .max_retries(0)
        .build()
        .unwrap();
    let (batch, _) = throttled_batch(&base);
    let responses = client.execute_batch(&batch).await.unwrap();
    let statuses: Vec<u16> = responses.iter().map(|(_, r)| r.status().as_u16()).collect();
    assert_eq!(statuses, [200, 429, 424]);
    assert_eq!(seen.lock().unwrap().len(), 1);
}
