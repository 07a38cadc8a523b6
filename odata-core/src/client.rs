//! A blocking HTTP client for the sans-IO requests (feature `client`, built on `ureq`).
//!
//! ```no_run
//! use odata_core::client::Client;
//! use odata_core::graph::GraphService;
//! use odata_core::request::Service;
//! use std::time::Duration;
//!
//! let service = Service::graph("https://graph.microsoft.com/v1.0")?;
//! let client = Client::builder()
//!     .bearer_token(std::env::var("GRAPH_TOKEN")?)
//!     .timeout(Duration::from_secs(30))
//!     .build()?;
//! let key_sets = client.execute(&service.root::<GraphService>().trust_framework().key_sets().list().build()?)?;
//! println!("{} key sets", key_sets.value.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderValue, AUTHORIZATION, RETRY_AFTER};
use http::StatusCode;

use crate::request::{self, Request, ResponseKind};

/// What can go wrong executing a request.
#[derive(Debug)]
pub enum ClientError {
    /// The request could not be sent or its response not read (connection, timeout, TLS).
    Transport(ureq::Error),
    /// The service answered with an error, or with a response that does not fit.
    Response(request::Error),
    /// The bearer token cannot be sent as a header value.
    InvalidToken,
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Transport(e) => write!(f, "transport: {e}"),
            ClientError::Response(e) => e.fmt(f),
            ClientError::InvalidToken => {
                f.write_str("the bearer token is not a valid header value")
            }
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(e) => Some(e),
            ClientError::Response(e) => Some(e),
            ClientError::InvalidToken => None,
        }
    }
}

impl From<request::Error> for ClientError {
    fn from(e: request::Error) -> Self {
        ClientError::Response(e)
    }
}

type Sleep = Arc<dyn Fn(Duration) + Send + Sync>;

/// Executes requests over HTTP(S). Cheap to clone; clones share a connection pool.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    token: Option<HeaderValue>,
    max_retries: u32,
    max_retry_delay: Duration,
    max_body_bytes: u64,
    sleep: Sleep,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("max_retries", &self.max_retries)
            .field("max_retry_delay", &self.max_retry_delay)
            .finish()
    }
}

/// Configures a [`Client`].
#[must_use]
pub struct ClientBuilder {
    token: Option<String>,
    timeout: Option<Duration>,
    max_retries: u32,
    max_retry_delay: Duration,
    max_body_bytes: u64,
    env_proxy: bool,
    sleep: Sleep,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            token: None,
            timeout: Some(Duration::from_secs(60)),
            max_retries: 3,
            max_retry_delay: Duration::from_secs(30),
            max_body_bytes: 64 << 20,
            env_proxy: true,
            sleep: Arc::new(std::thread::sleep),
        }
    }
}

impl ClientBuilder {
    /// Sends `Authorization: Bearer <token>` with every request.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The whole-request timeout (connect, send, receive); default 60 s, `None` for none.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = timeout.into();
        self
    }

    /// How many times a `429`, `503` or `504` is retried (default 3; 0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The longest wait between retries, whatever `Retry-After` asks for (default 30 s).
    pub fn max_retry_delay(mut self, delay: Duration) -> Self {
        self.max_retry_delay = delay;
        self
    }

    /// The largest response body read (default 64 MiB).
    pub fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Whether to use the proxy named by the `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` environment
    /// variables (default `true`). Turn it off for a service on loopback, which a proxy cannot
    /// reach.
    pub fn env_proxy(mut self, use_it: bool) -> Self {
        self.env_proxy = use_it;
        self
    }

    /// Replaces how the client waits between retries (tests use it to record the delays).
    #[doc(hidden)]
    pub fn sleep_with(mut self, sleep: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }

    /// The client. Fails only if the token cannot be a header value.
    pub fn build(self) -> Result<Client, ClientError> {
        let token = match self.token {
            Some(token) => {
                let mut value = HeaderValue::try_from(format!("Bearer {token}"))
                    .map_err(|_| ClientError::InvalidToken)?;
                value.set_sensitive(true);
                Some(value)
            }
            None => None,
        };
        let mut config = ureq::Agent::config_builder()
            .timeout_global(self.timeout)
            .http_status_as_error(false);
        if !self.env_proxy {
            config = config.proxy(None);
        }
        let agent = config.build().into();
        Ok(Client {
            agent,
            token,
            max_retries: self.max_retries,
            max_retry_delay: self.max_retry_delay,
            max_body_bytes: self.max_body_bytes,
            sleep: self.sleep,
        })
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Executes `request` and reads its response.
    pub fn execute<K: ResponseKind>(&self, request: &Request<K>) -> Result<K::Output, ClientError> {
        let response = self.send(request.http().clone())?;
        Ok(request.parse_response(&response)?)
    }

    /// Sends one HTTP request (adding the bearer token), retrying `429`, `503` and `504` up to
    /// the configured count, waiting what `Retry-After` says (in seconds, capped) or an
    /// exponential backoff.
    pub fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let mut attempt = 0;
        loop {
            let mut outgoing = request.clone();
            if let Some(token) = &self.token {
                outgoing.headers_mut().insert(AUTHORIZATION, token.clone());
            }
            let response = self.send_once(outgoing)?;
            let retryable = matches!(
                response.status(),
                StatusCode::TOO_MANY_REQUESTS
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            );
            if !retryable || attempt >= self.max_retries {
                return Ok(response);
            }
            (self.sleep)(self.retry_delay(&response, attempt));
            attempt += 1;
        }
    }

    fn retry_delay(&self, response: &http::Response<Vec<u8>>, attempt: u32) -> Duration {
        let asked = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let backoff = Duration::from_millis(200u64.saturating_mul(1 << attempt.min(16)));
        asked.unwrap_or(backoff).min(self.max_retry_delay)
    }

    fn send_once(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let mut response = self.agent.run(request).map_err(ClientError::Transport)?;
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_body_bytes)
            .read_to_vec()
            .map_err(ClientError::Transport)?;
        let (parts, _) = response.into_parts();
        Ok(http::Response::from_parts(parts, body))
    }
}
