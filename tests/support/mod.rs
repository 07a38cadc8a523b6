//! Shared by the client tests: a scripted HTTP responder on a loopback port, which serves
//! canned responses in order and records what it was sent.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request as the responder saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub request_line: String,
    pub authorization: Option<String>,
    pub body: String,
}

/// Serves the scripted responses in order, one per connection, and records the requests.
pub fn responder(script: Vec<String>) -> (String, Arc<Mutex<Vec<Seen>>>) {
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
                body: String::from_utf8_lossy(&body).into_owned(),
            });
            let mut stream = stream;
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (base, seen)
}

pub fn reply(status: &str, headers: &[&str], body: &str) -> String {
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

pub const OK_KEY_SET: &str = r#"{"id":"B2C_1A_x","keys":[]}"#;

pub fn recorded_sleeps() -> (
    Arc<Mutex<Vec<Duration>>>,
    impl Fn(Duration) + Send + Sync + 'static,
) {
    let sleeps = Arc::new(Mutex::new(Vec::new()));
    let record = sleeps.clone();
    (sleeps, move |d| record.lock().unwrap().push(d))
}
