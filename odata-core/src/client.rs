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

use crate::policy::{self, Decision, Policy, Refresh, Sleep, TokenFailure, TokenSource};
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
    /// The token provider failed.
    TokenProvider(policy::TokenError),
}

impl From<TokenFailure> for ClientError {
    fn from(e: TokenFailure) -> Self {
        match e {
            TokenFailure::Invalid => ClientError::InvalidToken,
            TokenFailure::Provider(e) => ClientError::TokenProvider(e),
            needs_async @ TokenFailure::NeedsAsync => {
                ClientError::TokenProvider(Box::new(needs_async))
            }
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Transport(e) => write!(f, "transport: {e}"),
            ClientError::Response(e) => e.fmt(f),
            ClientError::InvalidToken => {
                f.write_str("the bearer token is not a valid header value")
            }
            ClientError::TokenProvider(e) => write!(f, "the token provider failed: {e}"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(e) => Some(e),
            ClientError::Response(e) => Some(e),
            ClientError::InvalidToken => None,
            ClientError::TokenProvider(e) => Some(e.as_ref()),
        }
    }
}

impl From<request::Error> for ClientError {
    fn from(e: request::Error) -> Self {
        ClientError::Response(e)
    }
}

/// Executes requests over HTTP(S). Cheap to clone; clones share a connection pool.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    token: TokenSource,
    policy: Policy,
    sleep: Sleep,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("token", &self.token)
            .field("max_retries", &self.policy.max_retries)
            .field("max_retry_delay", &self.policy.max_retry_delay)
            .finish()
    }
}

/// Configures a [`Client`]: the options shared with the async client, in
/// [`policy::ClientBuilder`].
pub type ClientBuilder = crate::policy::ClientBuilder<Client>;

impl crate::policy::ClientBuilder<Client> {
    /// The client. Fails if a fixed token cannot be a header value, or if the token
    /// provider is async ([`TokenSource::async_provider`]: the blocking client cannot await
    /// it).
    ///
    /// ```
    /// use odata_core::client::{Client, ClientError};
    /// use odata_core::policy::TokenSource;
    ///
    /// let source = TokenSource::async_provider(|_| async { Ok("t".to_owned()) });
    /// let err = Client::builder().token_source(source).build().unwrap_err();
    /// assert!(matches!(err, ClientError::TokenProvider(_)));
    /// assert!(err.to_string().contains("async"));
    /// ```
    pub fn build(self) -> Result<Client, ClientError> {
        self.check_token().map_err(ClientError::from)?;
        if self.token.is_async() {
            return Err(TokenFailure::NeedsAsync.into());
        }
        let mut config = ureq::Agent::config_builder()
            .timeout_global(self.policy.timeout)
            .http_status_as_error(false);
        if !self.env_proxy {
            config = config.proxy(None);
        }
        let agent = config.build().into();
        Ok(Client {
            agent,
            token: self.token,
            policy: self.policy,
            sleep: self.sleep.unwrap_or_else(|| Arc::new(std::thread::sleep)),
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

    /// Executes `request` and reads its response with what its headers say (`ETag`,
    /// `Preference-Applied`, `Location`): see [`Request::parse_reply`].
    ///
    /// ```no_run
    /// use odata_core::client::Client;
    /// use odata_core::graph::{GraphService, TrustFrameworkKeySet};
    /// use odata_core::request::{Patch, Service};
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let set = service.root::<GraphService>().trust_framework().key_sets().by_id("B2C_1A_a");
    /// let client = Client::builder().bearer_token(std::env::var("GRAPH_TOKEN")?).build()?;
    /// let fetched = client.execute_reply(&set.get().build()?)?;
    /// let patch = Patch::from_value(&TrustFrameworkKeySet::builder().keys(fetched.value.keys.unwrap_or_default()).build())?;
    /// let mut update = set.update(&patch)?;
    /// if let Some(etag) = &fetched.etag {
    ///     update = update.if_match(etag); // a 412 if someone changed it meanwhile
    /// }
    /// client.execute(&update)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn execute_reply<K: ResponseKind>(
        &self,
        request: &Request<K>,
    ) -> Result<request::Reply<K::Output>, ClientError> {
        let response = self.send(request.http().clone())?;
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
    ///
    /// ```no_run
    /// use odata_core::client::Client;
    /// use odata_core::graph::{GraphService, TrustFrameworkKeySet};
    /// use odata_core::request::{Batch, Service};
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let sets = service.root::<GraphService>().trust_framework().key_sets();
    /// let client = Client::builder().bearer_token(std::env::var("GRAPH_TOKEN")?).build()?;
    /// let mut batch = Batch::new(&service);
    /// let created = batch.add(&sets.create(&TrustFrameworkKeySet::builder().id("B2C_1A_a").build())?)?;
    /// let listed = batch.add_depending(&sets.list().build()?, &[created.id()])?;
    /// let responses = client.execute_batch(&batch)?;
    /// println!("created {:?}", responses.get(&created)?.entity.id);
    /// println!("{} listed", responses.get(&listed)?.value.len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn execute_batch(
        &self,
        batch: &request::Batch,
    ) -> Result<request::BatchResponses, ClientError> {
        let mut responses = self.execute_batch_once(batch)?;
        let mut retry = 0;
        while let Some((again, delay)) = batch.throttled(&responses, &self.policy, retry) {
            (self.sleep)(delay);
            responses.update(self.execute_batch_once(&again)?);
            retry += 1;
        }
        Ok(responses)
    }

    fn execute_batch_once(
        &self,
        batch: &request::Batch,
    ) -> Result<request::BatchResponses, ClientError> {
        let mut parts = Vec::new();
        for part in batch.build()? {
            parts.push(self.execute(&part)?);
        }
        Ok(batch.responses(parts)?)
    }

    /// Every page of one delta round, starting with `first` (a collection's
    /// [`delta()`](request::CollectionPath::delta) or
    /// [`delta_from(link)`](request::CollectionPath::delta_from)) and following
    /// `@odata.nextLink`; the last page carries the `@odata.deltaLink` for the next round.
    /// Each request gets the retries and token handling of [`send`](Self::send). An expired
    /// delta link is [`request::Error::DeltaLinkExpired`].
    pub fn delta_pages<'a, T>(
        &'a self,
        first: Request<request::DeltaOf<T>>,
    ) -> impl Iterator<Item = Result<request::DeltaPage<T>, ClientError>> + 'a
    where
        T: crate::EntityType + serde::de::DeserializeOwned + 'a,
    {
        request::delta_pages(first, |http| self.send(http)).map(|page| {
            page.map_err(|e| match e {
                request::PageError::Execute(e) => e,
                request::PageError::Response(e) => ClientError::Response(e),
            })
        })
    }

    /// Runs one delta round to its end (see [`delta_pages`](Self::delta_pages)): every
    /// change, and the delta link that starts the next round.
    ///
    /// ```no_run
    /// use odata_core::client::{Client, ClientError};
    /// use odata_core::graph::GraphService;
    /// use odata_core::request::{Change, DeltaLink, Error, Service};
    ///
    /// let service = Service::graph("https://graph.microsoft.com/v1.0")?;
    /// let key_sets = service.root::<GraphService>().trust_framework().key_sets();
    /// let client = Client::builder().bearer_token(std::env::var("GRAPH_TOKEN")?).build()?;
    /// let stored: Option<String> = std::fs::read_to_string("delta-link.txt").ok();
    /// let first = match &stored {
    ///     Some(link) => key_sets.delta_from(&link.parse::<DeltaLink>()?)?,
    ///     None => key_sets.delta().build()?,
    /// };
    /// let round = match client.delta_round(first) {
    ///     // The service forgot the change position: read everything again.
    ///     Err(ClientError::Response(Error::DeltaLinkExpired(_))) => {
    ///         client.delta_round(key_sets.delta().build()?)?
    ///     }
    ///     other => other?,
    /// };
    /// for change in &round.changes {
    ///     match change {
    ///         Change::Changed(set) => println!("changed {:?}", set.entity.id),
    ///         Change::Removed(removed) => println!("removed {:?}", removed.id),
    ///     }
    /// }
    /// std::fs::write("delta-link.txt", round.delta_link.as_str())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn delta_round<T>(
        &self,
        first: Request<request::DeltaOf<T>>,
    ) -> Result<request::DeltaRound<T>, ClientError>
    where
        T: crate::EntityType + serde::de::DeserializeOwned,
    {
        let pages = self
            .delta_pages(first)
            .collect::<Result<Vec<_>, ClientError>>()?;
        Ok(request::DeltaRound::from_pages(pages)?)
    }

    /// Sends one HTTP request (adding the bearer token), retrying `429`, `503` and `504` up to
    /// the configured count, waiting what `Retry-After` says (in seconds, capped) or an
    /// exponential backoff, and retrying a `401` once with a refreshed token when a token
    /// provider is configured (see [`policy`]).
    pub fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let mut attempts = self.policy.attempts();
        let mut token = self.token.header(Refresh::Current)?;
        loop {
            let mut outgoing = request.clone();
            policy::authorize(&mut outgoing, token.as_ref());
            let response = self.send_once(outgoing)?;
            match attempts.decide(&response, self.token.can_refresh()) {
                Decision::Done => return Ok(response),
                Decision::Retry(delay) => (self.sleep)(delay),
                Decision::Refresh => token = self.token.header(Refresh::Force)?,
            }
        }
    }

    fn send_once(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let mut response = self.agent.run(request).map_err(ClientError::Transport)?;
        let body = response
            .body_mut()
            .with_config()
            .limit(self.policy.max_body_bytes)
            .read_to_vec()
            .map_err(ClientError::Transport)?;
        let (parts, _) = response.into_parts();
        Ok(http::Response::from_parts(parts, body))
    }
}
