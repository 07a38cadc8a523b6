//! What the HTTP clients do around each request, decided without doing any I/O: which token
//! to send, whether a response is retried and after how long, when a token is refreshed, and
//! how large a body may be. The blocking client (feature `client`) and the async client
//! (feature `async-client`) both run their send loop on these decisions, so they behave alike;
//! an executor of your own can use them too.
//!
//! ```
//! use odata_core::policy::{Decision, Policy};
//! use std::time::Duration;
//!
//! let policy = Policy::default();
//! let mut attempts = policy.attempts();
//! // A 429 with `Retry-After: 2` is retried after 2 s; the next 503 after the backoff.
//! let busy = http::Response::builder().status(429).header("Retry-After", "2").body(()).unwrap();
//! assert_eq!(attempts.decide(&busy, false), Decision::Retry(Duration::from_secs(2)));
//! let unavailable = http::Response::builder().status(503).body(()).unwrap();
//! assert_eq!(attempts.decide(&unavailable, false), Decision::Retry(Duration::from_millis(400)));
//! // A 401 is retried once after a refresh, when the token can be refreshed.
//! let denied = http::Response::builder().status(401).body(()).unwrap();
//! assert_eq!(attempts.decide(&denied, true), Decision::Refresh);
//! assert_eq!(attempts.decide(&denied, true), Decision::Done);
//! ```

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderValue, AUTHORIZATION, RETRY_AFTER};
use http::StatusCode;

/// An error a token provider returns.
pub type TokenError = Box<dyn std::error::Error + Send + Sync>;

type Provide = dyn Fn(Refresh) -> Result<String, TokenError> + Send + Sync;

/// The future an async token provider returns.
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, TokenError>> + Send>>;

type ProvideAsync = dyn Fn(Refresh) -> TokenFuture + Send + Sync;

/// Whether a token provider is asked for the token it holds, or for a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refresh {
    /// The token to send now (a cached one is fine).
    Current,
    /// The service refused the last token (`401`): get a new one.
    Force,
}

/// Where the bearer token comes from: a fixed token, or a callback that can refresh it.
///
/// The callback runs on the calling thread (or task) before each request, so it should answer
/// from a cache when asked for [`Refresh::Current`]; a `401` asks it once for
/// [`Refresh::Force`], and the request is sent once more with the new token.
///
/// ```
/// use odata_core::policy::{Refresh, TokenSource};
/// use std::sync::atomic::{AtomicU32, Ordering};
///
/// let version = AtomicU32::new(1);
/// let source = TokenSource::provider(move |refresh| {
///     if refresh == Refresh::Force {
///         version.fetch_add(1, Ordering::SeqCst);
///     }
///     Ok(format!("token-v{}", version.load(Ordering::SeqCst)))
/// });
/// assert!(source.can_refresh());
/// assert_eq!(source.header(Refresh::Current)?.unwrap(), "Bearer token-v1");
/// assert_eq!(source.header(Refresh::Force)?.unwrap(), "Bearer token-v2");
/// assert!(!TokenSource::fixed("t").can_refresh());
/// # Ok::<(), odata_core::policy::TokenFailure>(())
/// ```
#[derive(Clone, Default)]
pub struct TokenSource(Source);

#[derive(Clone, Default)]
enum Source {
    #[default]
    None,
    /// The header value, made once; `None` if the token cannot be a header value.
    Fixed(Option<HeaderValue>),
    Provider(Arc<Provide>),
    AsyncProvider(Arc<ProvideAsync>),
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Source::None => "TokenSource::None",
            Source::Fixed(_) => "TokenSource::Fixed(<redacted>)",
            Source::Provider(_) => "TokenSource::Provider",
            Source::AsyncProvider(_) => "TokenSource::AsyncProvider",
        })
    }
}

/// Why no `Authorization` header could be made.
#[derive(Debug)]
pub enum TokenFailure {
    /// The token cannot be a header value (it holds a line break or a control character).
    Invalid,
    /// The token provider failed.
    Provider(TokenError),
    /// The token provider is async ([`TokenSource::async_provider`]): only the async client
    /// (or [`TokenSource::header_async`]) can ask it.
    NeedsAsync,
}

impl fmt::Display for TokenFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenFailure::Invalid => f.write_str("the bearer token is not a valid header value"),
            TokenFailure::NeedsAsync => f.write_str(
                "the token provider is async: use it with the async client, or give the blocking client a callback",
            ),
            TokenFailure::Provider(e) => write!(f, "the token provider failed: {e}"),
        }
    }
}

impl std::error::Error for TokenFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TokenFailure::Invalid | TokenFailure::NeedsAsync => None,
            TokenFailure::Provider(e) => Some(e.as_ref()),
        }
    }
}

impl TokenSource {
    /// No token: no `Authorization` header.
    pub fn none() -> Self {
        TokenSource(Source::None)
    }

    /// The same token for every request; a `401` is returned as it is.
    pub fn fixed(token: impl Into<String>) -> Self {
        TokenSource(Source::Fixed(bearer(&token.into()).ok()))
    }

    /// A callback asked for the token before each request, and for a new one after a `401`.
    pub fn provider(
        provide: impl Fn(Refresh) -> Result<String, TokenError> + Send + Sync + 'static,
    ) -> Self {
        TokenSource(Source::Provider(Arc::new(provide)))
    }

    /// An async callback, asked (and awaited) for the token before each request and for a
    /// new one after a `401`, with the same rules as [`provider`](Self::provider): for
    /// tokens that come from an async token endpoint. Only the async client can use it; the
    /// blocking client refuses it when built.
    ///
    /// ```
    /// use odata_core::policy::{Refresh, TokenSource};
    ///
    /// let source = TokenSource::async_provider(|refresh| async move {
    ///     // e.g. `reqwest` to the identity platform's token endpoint, on `Refresh::Force`
    ///     Ok(match refresh {
    ///         Refresh::Current => "cached".to_owned(),
    ///         Refresh::Force => "renewed".to_owned(),
    ///     })
    /// });
    /// assert!(source.can_refresh());
    /// assert!(source.header(Refresh::Current).is_err(), "not without awaiting");
    /// let header = futures_util::FutureExt::now_or_never(source.header_async(Refresh::Force));
    /// assert_eq!(header.unwrap()?.unwrap(), "Bearer renewed");
    /// # Ok::<(), odata_core::policy::TokenFailure>(())
    /// ```
    pub fn async_provider<F, Fut>(provide: F) -> Self
    where
        F: Fn(Refresh) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<String, TokenError>> + Send + 'static,
    {
        TokenSource(Source::AsyncProvider(Arc::new(move |refresh| {
            Box::pin(provide(refresh))
        })))
    }

    /// Whether a `401` can be answered by refreshing the token.
    pub fn can_refresh(&self) -> bool {
        matches!(self.0, Source::Provider(_) | Source::AsyncProvider(_))
    }

    /// Whether the provider is async (so only [`header_async`](Self::header_async) can ask
    /// it).
    pub fn is_async(&self) -> bool {
        matches!(self.0, Source::AsyncProvider(_))
    }

    /// The `Authorization` value like [`header`](Self::header), awaiting an async provider.
    pub async fn header_async(
        &self,
        refresh: Refresh,
    ) -> Result<Option<HeaderValue>, TokenFailure> {
        match &self.0 {
            Source::AsyncProvider(provide) => {
                let token = provide(refresh).await.map_err(TokenFailure::Provider)?;
                bearer(&token).map(Some)
            }
            _ => self.header(refresh),
        }
    }

    /// The `Authorization: Bearer ...` value to send (marked sensitive), or `None` without a
    /// token.
    pub fn header(&self, refresh: Refresh) -> Result<Option<HeaderValue>, TokenFailure> {
        match &self.0 {
            Source::None => Ok(None),
            Source::Fixed(Some(value)) => Ok(Some(value.clone())),
            Source::Fixed(None) => Err(TokenFailure::Invalid),
            Source::Provider(provide) => {
                let token = provide(refresh).map_err(TokenFailure::Provider)?;
                bearer(&token).map(Some)
            }
            Source::AsyncProvider(_) => Err(TokenFailure::NeedsAsync),
        }
    }
}

/// `Bearer <token>` as a sensitive header value.
fn bearer(token: &str) -> Result<HeaderValue, TokenFailure> {
    let mut value =
        HeaderValue::try_from(format!("Bearer {token}")).map_err(|_| TokenFailure::Invalid)?;
    value.set_sensitive(true);
    Ok(value)
}

/// Puts the token (if any) on an outgoing request, replacing any `Authorization` it had.
pub fn authorize<B>(request: &mut http::Request<B>, token: Option<&HeaderValue>) {
    if let Some(token) = token {
        request.headers_mut().insert(AUTHORIZATION, token.clone());
    }
}

/// The limits and retry rules shared by the clients.
///
/// ```
/// use odata_core::policy::Policy;
/// use std::time::Duration;
///
/// let policy = Policy { max_retry_delay: Duration::from_secs(1), ..Policy::default() };
/// let retry_after = http::HeaderValue::from_static("120");
/// assert_eq!(policy.retry_delay(Some(&retry_after), 0), Duration::from_secs(1), "capped");
/// assert_eq!(policy.retry_delay(None, 2), Duration::from_millis(800), "200 ms doubled twice");
/// assert!(policy.check_body_len(64 << 20).is_ok());
/// assert!(policy.check_body_len((64 << 20) + 1).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// How many times a `429`, `503` or `504` is retried (0 disables retries).
    pub max_retries: u32,
    /// The longest wait between retries, whatever `Retry-After` asks for.
    pub max_retry_delay: Duration,
    /// The first backoff when the service gives no `Retry-After`; doubled at each retry.
    pub base_backoff: Duration,
    /// The largest response body read, in bytes.
    pub max_body_bytes: u64,
    /// The whole-request timeout (connect, send, receive), or `None`.
    pub timeout: Option<Duration>,
}

impl Default for Policy {
    /// 3 retries, waits capped at 30 s, backoff from 200 ms, 64 MiB bodies, 60 s timeout.
    fn default() -> Self {
        Policy {
            max_retries: 3,
            max_retry_delay: Duration::from_secs(30),
            base_backoff: Duration::from_millis(200),
            max_body_bytes: 64 << 20,
            timeout: Some(Duration::from_secs(60)),
        }
    }
}

impl Policy {
    /// The decisions for one request, from its first attempt on.
    pub fn attempts(&self) -> Attempts<'_> {
        Attempts {
            policy: self,
            retries: 0,
            refreshed: false,
        }
    }

    /// How long to wait before retry number `retry` (from 0): `Retry-After` in seconds when
    /// the service sent it, else the doubling backoff; never more than `max_retry_delay`.
    pub fn retry_delay(&self, retry_after: Option<&HeaderValue>, retry: u32) -> Duration {
        let asked = retry_after
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let backoff = self.base_backoff.saturating_mul(1u32 << retry.min(16));
        asked.unwrap_or(backoff).min(self.max_retry_delay)
    }

    /// Checks a body length (announced or read so far) against `max_body_bytes`.
    pub fn check_body_len(&self, len: u64) -> Result<(), BodyTooLarge> {
        if len > self.max_body_bytes {
            Err(BodyTooLarge {
                limit: self.max_body_bytes,
            })
        } else {
            Ok(())
        }
    }
}

/// A response body longer than [`Policy::max_body_bytes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyTooLarge {
    /// The limit, in bytes.
    pub limit: u64,
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the response body is larger than {} bytes", self.limit)
    }
}

impl std::error::Error for BodyTooLarge {}

/// What to do after a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Hand the response to the caller.
    Done,
    /// Wait this long, then send the request again.
    Retry(Duration),
    /// Ask the token source for a new token ([`Refresh::Force`]), then send the request again.
    Refresh,
}

/// The state of one request's attempts: retries used, and whether the token was refreshed.
#[derive(Debug)]
pub struct Attempts<'p> {
    policy: &'p Policy,
    retries: u32,
    refreshed: bool,
}

impl Attempts<'_> {
    /// Decides what follows `response`: a `429`, `503` or `504` is retried until
    /// `max_retries` is used up; a `401` is retried once after a refresh when `can_refresh`;
    /// anything else is done.
    pub fn decide<B>(&mut self, response: &http::Response<B>, can_refresh: bool) -> Decision {
        match response.status() {
            StatusCode::UNAUTHORIZED if can_refresh && !self.refreshed => {
                self.refreshed = true;
                Decision::Refresh
            }
            StatusCode::TOO_MANY_REQUESTS
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
                if self.retries < self.policy.max_retries =>
            {
                let delay = self
                    .policy
                    .retry_delay(response.headers().get(RETRY_AFTER), self.retries);
                self.retries += 1;
                Decision::Retry(delay)
            }
            _ => Decision::Done,
        }
    }
}

/// Replaces how a client waits between retries (tests record the delays with it).
pub(crate) type Sleep = Arc<dyn Fn(Duration) + Send + Sync>;

/// Configures a client: `Client` (feature `client`) or `AsyncClient` (feature
/// `async-client`). The options and their defaults are the same for both; `build()` makes the
/// client `C`.
///
/// ```
/// # #[cfg(feature = "client")] {
/// use odata_core::client::Client;
/// use odata_core::policy::Refresh;
/// use std::time::Duration;
///
/// let client = Client::builder()
///     .token_provider(|refresh| match refresh {
///         Refresh::Current => Ok("cached-token".to_owned()),
///         Refresh::Force => Ok("new-token".to_owned()), // ask the identity service here
///     })
///     .timeout(Duration::from_secs(20))
///     .max_retries(5)
///     .max_retry_delay(Duration::from_secs(10))
///     .max_body_bytes(8 << 20)
///     .build()?;
/// # let _ = client;
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub struct ClientBuilder<C> {
    pub(crate) token: TokenSource,
    pub(crate) policy: Policy,
    pub(crate) env_proxy: bool,
    pub(crate) sleep: Option<Sleep>,
    _c: PhantomData<fn() -> C>,
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder {
            token: TokenSource::none(),
            policy: Policy::default(),
            env_proxy: true,
            sleep: None,
            _c: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token)
            .field("policy", &self.policy)
            .field("env_proxy", &self.env_proxy)
            .finish()
    }
}

impl<C> ClientBuilder<C> {
    /// Sends `Authorization: Bearer <token>` with every request.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.token = TokenSource::fixed(token);
        self
    }

    /// Asks `provide` for the token before each request, and for a new one (once) when the
    /// service answers `401`; see [`TokenSource::provider`].
    pub fn token_provider(
        mut self,
        provide: impl Fn(Refresh) -> Result<String, TokenError> + Send + Sync + 'static,
    ) -> Self {
        self.token = TokenSource::provider(provide);
        self
    }

    /// Where the token comes from.
    pub fn token_source(mut self, token: TokenSource) -> Self {
        self.token = token;
        self
    }

    /// The whole-request timeout (connect, send, receive); default 60 s, `None` for none.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.policy.timeout = timeout.into();
        self
    }

    /// How many times a `429`, `503` or `504` is retried (default 3; 0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.policy.max_retries = retries;
        self
    }

    /// The longest wait between retries, whatever `Retry-After` asks for (default 30 s).
    pub fn max_retry_delay(mut self, delay: Duration) -> Self {
        self.policy.max_retry_delay = delay;
        self
    }

    /// The largest response body read (default 64 MiB).
    pub fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.policy.max_body_bytes = bytes;
        self
    }

    /// Whether to use the proxy named by the `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` environment
    /// variables (default `true`). Turn it off for a service on loopback, which a proxy cannot
    /// reach.
    pub fn env_proxy(mut self, use_it: bool) -> Self {
        self.env_proxy = use_it;
        self
    }

    /// Replaces how the client waits between retries (tests use it to record the delays; the
    /// async client then calls it instead of awaiting a timer).
    #[doc(hidden)]
    pub fn sleep_with(mut self, sleep: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    /// Checks what `build()` would fail on: a fixed token that cannot be a header value.
    #[cfg_attr(
        not(any(feature = "client", feature = "async-client")),
        allow(dead_code)
    )]
    pub(crate) fn check_token(&self) -> Result<(), TokenFailure> {
        match &self.token.0 {
            Source::Fixed(None) => Err(TokenFailure::Invalid),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, retry_after: Option<&str>) -> http::Response<()> {
        let mut builder = http::Response::builder().status(status);
        if let Some(v) = retry_after {
            builder = builder.header("Retry-After", v);
        }
        builder.body(()).unwrap()
    }

    #[test]
    fn retries_are_bounded_and_delays_capped() {
        let policy = Policy {
            max_retries: 2,
            max_retry_delay: Duration::from_millis(300),
            ..Policy::default()
        };
        let mut attempts = policy.attempts();
        let busy = response(504, None);
        assert_eq!(
            attempts.decide(&busy, true),
            Decision::Retry(Duration::from_millis(200))
        );
        assert_eq!(
            attempts.decide(&busy, true),
            Decision::Retry(Duration::from_millis(300))
        );
        assert_eq!(attempts.decide(&busy, true), Decision::Done);
    }

    #[test]
    fn retry_after_in_seconds_is_honoured_and_a_date_falls_back_to_backoff() {
        let policy = Policy::default();
        let mut attempts = policy.attempts();
        assert_eq!(
            attempts.decide(&response(429, Some(" 7 ")), false),
            Decision::Retry(Duration::from_secs(7))
        );
        assert_eq!(
            attempts.decide(&response(503, Some("Wed, 21 Oct 2015 07:28:00 GMT")), false),
            Decision::Retry(Duration::from_millis(400))
        );
        assert_eq!(
            attempts.decide(&response(429, Some("3600")), false),
            Decision::Retry(Duration::from_secs(30)),
            "capped at max_retry_delay"
        );
    }

    #[test]
    fn other_statuses_are_done_and_401_refreshes_once_only_when_possible() {
        let policy = Policy::default();
        for status in [200, 201, 204, 400, 404, 412, 500, 502] {
            assert_eq!(
                policy.attempts().decide(&response(status, None), true),
                Decision::Done,
                "{status}"
            );
        }
        assert_eq!(
            policy.attempts().decide(&response(401, None), false),
            Decision::Done
        );
        let mut attempts = policy.attempts();
        assert_eq!(
            attempts.decide(&response(401, None), true),
            Decision::Refresh
        );
        assert_eq!(attempts.decide(&response(401, None), true), Decision::Done);
    }

    #[test]
    fn huge_backoff_exponents_saturate() {
        let policy = Policy {
            max_retries: 100,
            max_retry_delay: Duration::MAX,
            ..Policy::default()
        };
        assert_eq!(
            policy.retry_delay(None, 40),
            Duration::from_millis(200) * (1 << 16)
        );
    }

    #[test]
    fn body_limit() {
        let policy = Policy {
            max_body_bytes: 10,
            ..Policy::default()
        };
        assert!(policy.check_body_len(10).is_ok());
        assert_eq!(policy.check_body_len(11), Err(BodyTooLarge { limit: 10 }));
    }

    #[test]
    fn tokens() {
        assert!(TokenSource::none()
            .header(Refresh::Current)
            .unwrap()
            .is_none());
        let header = TokenSource::fixed("abc")
            .header(Refresh::Force)
            .unwrap()
            .unwrap();
        assert_eq!(header, "Bearer abc");
        assert!(header.is_sensitive());
        assert!(matches!(
            TokenSource::fixed("a\nb").header(Refresh::Current),
            Err(TokenFailure::Invalid)
        ));
        let failing = TokenSource::provider(|_| Err("no network".into()));
        let err = failing.header(Refresh::Current).unwrap_err();
        assert_eq!(err.to_string(), "the token provider failed: no network");
        assert!(!format!("{:?}", TokenSource::fixed("s3cr3t")).contains("s3cr3t"));
    }
}
