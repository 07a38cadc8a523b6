//! An async HTTP client for the sans-IO requests (feature `async-client`, built on `reqwest`
//! with rustls, on tokio). It shares the blocking client's options and behaviour (bearer token
//! or token provider, timeout, bounded retries honouring `Retry-After`, one retry after a token
//! refresh on `401`, body size limit): both run on the decisions of [`policy`].
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use odata_core::async_client::AsyncClient;
//! use odata_core::graph::GraphService;
//! use odata_core::request::Service;
//! use std::time::Duration;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let service = Service::graph("https://graph.microsoft.com/v1.0")?;
//! let client = AsyncClient::builder()
//!     .bearer_token(std::env::var("GRAPH_TOKEN")?)
//!     .timeout(Duration::from_secs(30))
//!     .build()?;
//! let key_sets = service.root::<GraphService>().trust_framework().key_sets();
//! let first = client.execute(&key_sets.list().build()?).await?;
//! println!("{} key sets on the first page", first.value.len());
//! // Every key set, following `@odata.nextLink`, as a stream:
//! let all: Vec<_> = client.items(key_sets.list().build()?).try_collect().await?;
//! println!("{} key sets in all", all.len());
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::sync::Arc;

use futures_core::Stream;
use futures_util::stream::{self, TryStreamExt};
use serde::de::DeserializeOwned;

use crate::policy::{self, BodyTooLarge, Decision, Policy, Refresh, Sleep, TokenFailure};
use crate::policy::{ClientBuilder, TokenSource};
use crate::request::{self, Page, PageOf, Request, ResponseKind};

/// What can go wrong executing a request with the [`AsyncClient`].
#[derive(Debug)]
pub enum AsyncClientError {
    /// The request could not be sent or its response not read (connection, timeout, TLS).
    Transport(reqwest::Error),
    /// The response body is larger than the configured limit.
    BodyTooLarge(BodyTooLarge),
    /// The service answered with an error, or with a response that does not fit.
    Response(request::Error),
    /// The bearer token cannot be sent as a header value.
    InvalidToken,
    /// The token provider failed.
    TokenProvider(policy::TokenError),
}

impl fmt::Display for AsyncClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsyncClientError::Transport(e) => write!(f, "transport: {e}"),
            AsyncClientError::BodyTooLarge(e) => e.fmt(f),
            AsyncClientError::Response(e) => e.fmt(f),
            AsyncClientError::InvalidToken => {
                f.write_str("the bearer token is not a valid header value")
            }
            AsyncClientError::TokenProvider(e) => write!(f, "the token provider failed: {e}"),
        }
    }
}

impl std::error::Error for AsyncClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AsyncClientError::Transport(e) => Some(e),
            AsyncClientError::BodyTooLarge(e) => Some(e),
            AsyncClientError::Response(e) => Some(e),
            AsyncClientError::InvalidToken => None,
            AsyncClientError::TokenProvider(e) => Some(e.as_ref()),
        }
    }
}

impl From<request::Error> for AsyncClientError {
    fn from(e: request::Error) -> Self {
        AsyncClientError::Response(e)
    }
}

impl From<TokenFailure> for AsyncClientError {
    fn from(e: TokenFailure) -> Self {
        match e {
            TokenFailure::Invalid => AsyncClientError::InvalidToken,
            TokenFailure::Provider(e) => AsyncClientError::TokenProvider(e),
            // `header_async` awaits async providers, so this is not met; kept typed anyway.
            needs_async @ TokenFailure::NeedsAsync => {
                AsyncClientError::TokenProvider(Box::new(needs_async))
            }
        }
    }
}

/// Executes requests over HTTP(S) asynchronously, on tokio. Cheap to clone; clones share a
/// connection pool. Must be used inside a tokio runtime (with its time driver enabled).
#[derive(Clone)]
pub struct AsyncClient {
    http: reqwest::Client,
    token: TokenSource,
    policy: Arc<Policy>,
    sleep: Option<Sleep>,
}

impl fmt::Debug for AsyncClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncClient")
            .field("token", &self.token)
            .field("max_retries", &self.policy.max_retries)
            .field("max_retry_delay", &self.policy.max_retry_delay)
            .finish()
    }
}

/// Configures an [`AsyncClient`]: the same options as the blocking client's builder.
pub type AsyncClientBuilder = ClientBuilder<AsyncClient>;

impl ClientBuilder<AsyncClient> {
    /// The client. Fails if a fixed token cannot be a header value, or if the TLS backend
    /// cannot be set up.
    ///
    /// ```
    /// use odata_core::async_client::{AsyncClient, AsyncClientError};
    ///
    /// let err = AsyncClient::builder().bearer_token("two\nlines").build().unwrap_err();
    /// assert!(matches!(err, AsyncClientError::InvalidToken));
    /// ```
    pub fn build(self) -> Result<AsyncClient, AsyncClientError> {
        self.check_token()?;
        // reqwest's default redirect policy follows up to 10 redirects, as ureq's does for the
        // blocking client; reqwest drops `Authorization` when the host changes, ureq on every
        // redirect.
        let mut builder = reqwest::Client::builder();
        if let Some(timeout) = self.policy.timeout {
            builder = builder.timeout(timeout);
        }
        if !self.env_proxy {
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(AsyncClientError::Transport)?;
        Ok(AsyncClient {
            http,
            token: self.token,
            policy: Arc::new(self.policy),
            sleep: self.sleep,
        })
    }
}

impl ClientBuilder<AsyncClient> {
    /// Asks the async callback `provide` for the token before each request, and for a new one
    /// (once) when the service answers `401`, awaiting it: for tokens fetched from an async
    /// token endpoint. The same rules as
    /// [`token_provider`](ClientBuilder::token_provider); see
    /// [`TokenSource::async_provider`].
    ///
    /// ```no_run
    /// use odata_core::async_client::AsyncClient;
    /// use odata_core::policy::Refresh;
    /// use std::sync::{Arc, Mutex};
    ///
    /// # async fn fetch_token() -> Result<String, Box<dyn std::error::Error + Send + Sync>> { Ok(String::new()) }
    /// let cache = Arc::new(Mutex::new(None::<String>));
    /// let client = AsyncClient::builder()
    ///     .async_token_provider(move |refresh| {
    ///         let cache = cache.clone();
    ///         async move {
    ///             let cached = cache.lock().unwrap().clone();
    ///             match (cached, refresh) {
    ///                 (Some(token), Refresh::Current) => Ok(token),
    ///                 _ => {
    ///                     let token = fetch_token().await?; // the token endpoint
    ///                     *cache.lock().unwrap() = Some(token.clone());
    ///                     Ok(token)
    ///                 }
    ///             }
    ///         }
    ///     })
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn async_token_provider<F, Fut>(self, provide: F) -> Self
    where
        F: Fn(Refresh) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<String, policy::TokenError>> + Send + 'static,
    {
        self.token_source(TokenSource::async_provider(provide))
    }
}

impl AsyncClient {
    /// Starts configuring a client.
    pub fn builder() -> AsyncClientBuilder {
        ClientBuilder::default()
    }

    /// Executes `request` and reads its response.
    pub async fn execute<K: ResponseKind>(
        &self,
        request: &Request<K>,
    ) -> Result<K::Output, AsyncClientError> {
        let response = self.send(request.http().clone()).await?;
        Ok(request.parse_response(&response)?)
    }

    /// Executes `request` and reads its response with what its headers say (`ETag`,
    /// `Preference-Applied`, `Location`): see [`Request::parse_reply`].
    pub async fn execute_reply<K: ResponseKind>(
        &self,
        request: &Request<K>,
    ) -> Result<request::Reply<K::Output>, AsyncClientError> {
        let response = self.send(request.http().clone()).await?;
        Ok(request.parse_reply(&response)?)
    }

    /// Sends `batch` as JSON batches (one `POST $batch` per
    /// [`MAX_BATCH_REQUESTS`](request::MAX_BATCH_REQUESTS) requests, one after the other)
    /// and returns every request's response in the order added; read each with
    /// [`BatchResponses::get`](request::BatchResponses::get). The batch requests themselves get
    /// the retries and token handling of [`send`](Self::send); requests inside a batch answered
    /// `429`, `503` or `504` (and those held back by them with `424`) are sent again in a new
    /// batch after the wait the policy decides (see [`Batch::throttled`](request::Batch::throttled)),
    /// up to the same number of retries.
    pub async fn execute_batch(
        &self,
        batch: &request::Batch,
    ) -> Result<request::BatchResponses, AsyncClientError> {
        let mut responses = self.execute_batch_once(batch).await?;
        let mut retry = 0;
        while let Some((again, delay)) = batch.throttled(&responses, &self.policy, retry) {
            self.pause(delay).await;
            responses.update(self.execute_batch_once(&again).await?);
            retry += 1;
        }
        Ok(responses)
    }

    async fn execute_batch_once(
        &self,
        batch: &request::Batch,
    ) -> Result<request::BatchResponses, AsyncClientError> {
        let mut parts = Vec::new();
        for part in batch.build()? {
            parts.push(self.execute(&part).await?);
        }
        Ok(batch.responses(parts)?)
    }

    /// Sends one HTTP request (adding the bearer token), retrying `429`, `503` and `504` up to
    /// the configured count, waiting what `Retry-After` says (in seconds, capped) or an
    /// exponential backoff, and retrying a `401` once with a refreshed token when a token
    /// provider is configured: the same decisions as the blocking client.
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, AsyncClientError> {
        let mut attempts = self.policy.attempts();
        let mut token = self.token.header_async(Refresh::Current).await?;
        loop {
            let mut outgoing = request.clone();
            policy::authorize(&mut outgoing, token.as_ref());
            let response = self.send_once(outgoing).await?;
            match attempts.decide(&response, self.token.can_refresh()) {
                Decision::Done => return Ok(response),
                Decision::Retry(delay) => self.pause(delay).await,
                Decision::Refresh => token = self.token.header_async(Refresh::Force).await?,
            }
        }
    }

    /// Waits `delay` (or tells the test hook about it).
    async fn pause(&self, delay: std::time::Duration) {
        match &self.sleep {
            Some(sleep) => sleep(delay),
            None => tokio::time::sleep(delay).await,
        }
    }

    async fn send_once(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, AsyncClientError> {
        let request = reqwest::Request::try_from(request).map_err(AsyncClientError::Transport)?;
        let mut response = self
            .http
            .execute(request)
            .await
            .map_err(AsyncClientError::Transport)?;
        if let Some(announced) = response.content_length() {
            self.policy
                .check_body_len(announced)
                .map_err(AsyncClientError::BodyTooLarge)?;
        }
        let mut builder = http::Response::builder()
            .status(response.status())
            .version(response.version());
        if let Some(headers) = builder.headers_mut() {
            *headers = std::mem::take(response.headers_mut());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(AsyncClientError::Transport)?
        {
            self.policy
                .check_body_len((body.len() + chunk.len()) as u64)
                .map_err(AsyncClientError::BodyTooLarge)?;
            body.extend_from_slice(&chunk);
        }
        Ok(builder
            .body(body)
            .expect("status, version and headers come from a valid response"))
    }

    /// Every page of a collection, starting with `first` and following `@odata.nextLink`, as
    /// a stream; it ends after the last page or the first error.
    ///
    /// ```no_run
    /// # use odata_core::async_client::AsyncClient;
    /// # use odata_core::graph::GraphService;
    /// # use odata_core::request::Service;
    /// use futures_util::TryStreamExt;
    ///
    /// # async fn run(client: AsyncClient, service: Service) -> Result<(), Box<dyn std::error::Error>> {
    /// let first = service.root::<GraphService>().trust_framework().key_sets().list().top(50).build()?;
    /// let mut pages = std::pin::pin!(client.pages(first));
    /// while let Some(page) = pages.try_next().await? {
    ///     println!("{} key sets", page.value.len());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn pages<'a, T>(
        &'a self,
        first: Request<PageOf<T>>,
    ) -> impl Stream<Item = Result<Page<T>, AsyncClientError>> + Send + 'a
    where
        T: DeserializeOwned + Send + 'a,
    {
        // The state is the next request, or the error that ends the walk after the page just
        // yielded (a next link that is refused), as in the blocking `request::pages`.
        stream::unfold(Some(Ok(first)), move |next| async move {
            let request = match next? {
                Ok(request) => request,
                Err(e) => return Some((Err(AsyncClientError::Response(e)), None)),
            };
            match self.execute(&request).await {
                Ok(page) => {
                    let after = request.next_page(&page);
                    Some((Ok(page), after))
                }
                Err(e) => Some((Err(e), None)),
            }
        })
    }

    /// Every page of one delta round as a stream, starting with `first` (a collection's
    /// [`delta()`](request::CollectionPath::delta) or
    /// [`delta_from(link)`](request::CollectionPath::delta_from)) and following
    /// `@odata.nextLink`; the last page carries the `@odata.deltaLink` for the next round.
    /// The stream ends after it or after the first error. An expired delta link is
    /// [`request::Error::DeltaLinkExpired`].
    pub fn delta_pages<'a, T>(
        &'a self,
        first: Request<request::DeltaOf<T>>,
    ) -> impl Stream<Item = Result<request::DeltaPage<T>, AsyncClientError>> + Send + 'a
    where
        T: crate::EntityType + DeserializeOwned + Send + 'a,
    {
        // The same walk as the blocking `request::delta_pages`, on `Request::after`.
        stream::unfold(Some(Ok(first)), move |next| async move {
            let request = match next? {
                Ok(request) => request,
                Err(e) => return Some((Err(AsyncClientError::Response(e)), None)),
            };
            match self.execute(&request).await {
                Ok(page) => {
                    let after = match request.after(&page) {
                        Ok(request::AfterDelta::Next(next)) => Some(Ok(*next)),
                        Ok(request::AfterDelta::End(_)) => None,
                        Err(e) => Some(Err(e)),
                    };
                    Some((Ok(page), after))
                }
                Err(e) => Some((Err(e), None)),
            }
        })
    }

    /// Runs one delta round to its end (see [`delta_pages`](Self::delta_pages)): every
    /// change, and the delta link that starts the next round.
    ///
    /// ```no_run
    /// # use odata_core::async_client::{AsyncClient, AsyncClientError};
    /// # use odata_core::graph::GraphService;
    /// # use odata_core::request::{DeltaLink, Error, Service};
    /// # async fn run(client: AsyncClient, service: Service, stored: Option<DeltaLink>) -> Result<(), Box<dyn std::error::Error>> {
    /// let key_sets = service.root::<GraphService>().trust_framework().key_sets();
    /// let first = match &stored {
    ///     Some(link) => key_sets.delta_from(link)?,
    ///     None => key_sets.delta().build()?,
    /// };
    /// let round = match client.delta_round(first).await {
    ///     Err(AsyncClientError::Response(Error::DeltaLinkExpired(_))) => {
    ///         client.delta_round(key_sets.delta().build()?).await?
    ///     }
    ///     other => other?,
    /// };
    /// println!("{} changes; next round from {}", round.changes.len(), round.delta_link);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn delta_round<T>(
        &self,
        first: Request<request::DeltaOf<T>>,
    ) -> Result<request::DeltaRound<T>, AsyncClientError>
    where
        T: crate::EntityType + DeserializeOwned + Send,
    {
        let pages: Vec<_> = self.delta_pages(first).try_collect().await?;
        Ok(request::DeltaRound::from_pages(pages)?)
    }

    /// Every item of a collection, page after page, as a stream (see [`pages`](Self::pages)).
    pub fn items<'a, T>(
        &'a self,
        first: Request<PageOf<T>>,
    ) -> impl Stream<Item = Result<T, AsyncClientError>> + Send + 'a
    where
        T: DeserializeOwned + Send + 'a,
    {
        self.pages(first)
            .map_ok(|page| stream::iter(page.value.into_iter().map(Ok)))
            .try_flatten()
    }
}
