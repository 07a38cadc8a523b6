//! The HTTP client over real loopback HTTP against a scripted responder: bearer token sent,
//! 429/503/504 retried a bounded number of times honouring `Retry-After`, other errors not
//! retried, timeouts reported.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use odata_core::client::{Client, ClientError};
use odata_core::graph::GraphService;
use odata_core::request::{Error, Service};

/// One request as the responder saw it.
#[derive(Debug, Clone)]
struct Seen {
    request_line: String,
    authorization: Option<String>,
}

/// Serves the scripted responses in order, one per connection, and records the requests.
fn responder(script: Vec<String>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    thread::spawn(move || {
        for response in script {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            let (mut authorization, mut length) = (None, 0usize);
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                let (name, value) = line.split_once(':').unwrap();
                match name.to_ascii_lowercase().as_str() {
                    "authorization" => authorization = Some(value.trim().to_owned()),
                    "content-length" => length = value.trim().parse().unwrap(),
                    _ => {}
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            record.lock().unwrap().push(Seen {
                request_line: request_line.trim_end().to_owned(),
                authorization,
            });
            let mut stream = stream;
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (base, seen)
}

fn reply(status: &str, headers: &[&str], body: &str) -> String {
    let mut text = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for h in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}

const OK_KEY_SET: &str = r#"{"id":"B2C_1A_x","keys":[]}"#;

fn recorded_sleeps() -> (
    Arc<Mutex<Vec<Duration>>>,
    impl Fn(Duration) + Send + Sync + 'static,
) {
    let sleeps = Arc::new(Mutex::new(Vec::new()));
    let record = sleeps.clone();
    (sleeps, move |d| record.lock().unwrap().push(d))
}

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
    let service = Service::graph(&base).unwrap();
    let get = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("B2C_1A_x")
        .get()
        .build()
        .unwrap();
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
    let service = Service::graph(&base).unwrap();
    let list = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .build()
        .unwrap();
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
    let service = Service::graph(&base).unwrap();
    let delete = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("nope")
        .delete()
        .unwrap();
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
    let service = Service::graph(&base).unwrap();
    let list = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .build()
        .unwrap();
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
