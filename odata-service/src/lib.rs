//! An embedded, in-process Microsoft Graph `trustFramework/keySets` service, served over HTTP
//! on a loopback port, for tests and examples of OData clients.
//!
//! [`KeySetService::start`] binds `127.0.0.1` on an ephemeral port and serves from its own
//! thread, with its own tokio runtime, so synchronous code can call it; the
//! [`RunningService`] it returns stops it on [`RunningService::shutdown`] or on drop.
//!
//! ```
//! use odata_core::graph::{GraphService, TrustFrameworkKeySet};
//! use odata_core::request::Service;
//! use odata_service::KeySetService;
//!
//! let running = KeySetService::builder().page_size(50).build().start()?;
//! assert!(running.base_url().starts_with("http://127.0.0.1:"));
//! assert!(running.base_url().ends_with("/v1.0"));
//!
//! // Requests are built with odata-core's sans-IO layer and sent with any HTTP client.
//! let service = Service::graph(running.base_url())?;
//! let create = service
//!     .root::<GraphService>()
//!     .trust_framework()
//!     .key_sets()
//!     .create(&TrustFrameworkKeySet::builder().id("B2C_1A_Signing").build())?;
//! assert_eq!(create.http().uri().path(), "/v1.0/trustFramework/keySets");
//!
//! assert!(running.key_sets().is_empty());
//! running.shutdown()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Resources
//!
//! Every path but `$batch` lies under `{base_url}/trustFramework/keySets`, where `base_url` is
//! `http://127.0.0.1:{port}/v1.0`. A key set is addressed as `/keySets/{id}` (Graph) or
//! `/keySets('{id}')` (OData, quotes doubled inside); ids are percent-decoded. Bound
//! operations may be namespace-qualified (`microsoft.graph.generateKey`), and the function
//! may end in `()` (`getActiveKey()`).
//!
//! | method and path | answer |
//! |---|---|
//! | `GET /keySets` | 200, a page: `@odata.context`, `value`, `@odata.nextLink` while more remain, `@odata.count` with `$count=true` |
//! | `GET /keySets/$count` | 200, `text/plain`: how many key sets pass `$filter` |
//! | `GET /keySets/delta` (or `delta()`, `microsoft.graph.delta()`) | 200, a delta page: `value` (key sets; deleted ones as `{"id":...,"@removed":{"reason":"deleted"}}`), `@odata.nextLink` while more remain, else `@odata.deltaLink`; with `$deltatoken` (from a delta link) what changed since; 410 if the token expired |
//! | `POST /keySets` | 201, the key set and `Location` (absolute, `keySets('{id}')` form); 409 if the id is taken |
//! | `GET /keySets/{id}` | 200, the key set, with `ETag` |
//! | `PATCH /keySets/{id}` | 200, the key set: only the members sent change; `keys` is replaced as a whole, `"keys": null` empties it |
//! | `PUT /keySets/{id}` | 200, the key set: `keys` replaced (absent means empty) |
//! | `DELETE /keySets/{id}` | 204 |
//! | `POST /keySets/{id}/generateKey`, `uploadSecret`, `uploadCertificate`, `uploadPkcs12` | 200, the key added to the set |
//! | `GET /keySets/{id}/getActiveKey` | 200, the active key; 404 if none |
//! | `POST /v1.0/$batch` | 200, a JSON batch response: up to 20 requests (`id`, `method`, `url` relative to the root or absolute below it, `headers`, `body`, `dependsOn`), run in order as if sent alone with the batch's `Authorization`; each answer has `id`, `status`, `headers` and `body`; a request whose dependency did not succeed gets 424 `FailedDependency` and is not run. A malformed batch (not JSON, no request, more than 20, a repeated id, a `dependsOn` naming no earlier request) is a 400 and nothing runs |
//!
//! # Behaviour, where Graph's documentation leaves a choice
//!
//! - **Ids.** A client-supplied id is kept as sent. Graph adds the prefix `B2C_1A_` to the
//!   id it is given ("keyset1" becomes "B2C_1A_keyset1" on the Create page); turn
//!   [`KeySetServiceBuilder::graph_id_prefix`] on to get that (an id that already starts
//!   with the prefix, in any case, is kept). A create without an id gets a random UUID
//!   (prefixed too, in that mode). An empty id is refused (400). Ids are case-sensitive.
//! - **Query options.** On `GET /keySets`: `$filter`, `$orderby`, `$select`, `$skip`,
//!   `$top`, `$count` and `$skiptoken`; on `GET /keySets/$count` (the count as
//!   `text/plain`): `$filter`. Any other system query option, or one on another resource,
//!   is refused with 400; custom (non-`$`) options are ignored.
//!   - `$filter` takes OData's common expressions (module `filter`): literals (strings with
//!     `''` for a quote, integers, decimals, `true`, `false`, `null`, dates,
//!     date-times with offsets, GUIDs), property paths, `eq ne gt ge lt le in`, `and or
//!     not`, parentheses, `startswith endswith contains tolower toupper length`,
//!     `keys/any(k:k/kid eq 'x')`, `keys/any()`, `keys/all(...)` (nested too, e.g.
//!     `k/x5c/any(c:...)`) and `keys/$count`. Names and types are checked against
//!     odata-core's model (`id`, `keys`; a key's `kid`, `kty`, `use`, `e`, `n`, `x5c`,
//!     `x5t`, `nbf`, `exp`; the write-only members cannot be queried). A bad expression is
//!     a 400 whose message gives the character offset (from 0, in the decoded value) and
//!     what was expected and found, or names the unknown property. Nulls follow OData:
//!     `eq`/`ne null` test for null, other comparisons with null are false.
//!   - `$orderby`: expressions (`id desc`, `keys/$count desc`, `tolower(id)`), each
//!     `asc` (default) or `desc`; nulls come first ascending, last descending; ties keep
//!     id order.
//!   - `$select`: `id`, `keys` or `*`; `id` and the control information (`@odata.type`,
//!     `@odata.etag`) are always served; an unknown property is a 400.
//!   - `$count=true`: `@odata.count` is the number of key sets passing `$filter`,
//!     whatever `$skip`, `$top` and the page.
//! - **Order and paging.** Without `$orderby` the collection is ordered by id (byte
//!   order). `$skip` leaves out that many of the filtered, ordered key sets. A page holds
//!   `$top` key sets if given (Graph's reading of `$top`: the page size), at most the
//!   configured page size. `@odata.nextLink` repeats `$filter`, `$orderby`, `$select`,
//!   `$top` and `$count` as sent (not `$skip`) and adds an opaque `$skiptoken` holding the
//!   position of the last key set served (its `$orderby` values and id) and the `$orderby`
//!   it belongs to (another `$orderby` with that token is a 400); the next page starts
//!   after that position, so pages never repeat or skip a key set that exists, and keeps
//!   its values, throughout the walk.
//! - **Bodies.** They must be sent as `application/json` (parameters allowed; a charset
//!   must be UTF-8), else 415. A key set body must have `@odata.type`
//!   `microsoft.graph.trustFrameworkKeySet` if any, and no member the model does not
//!   declare (400, naming the member's JSON path); annotations are accepted and dropped.
//!   An `id` in a `PATCH` or `PUT` body must equal the id in the URL.
//! - **Entity tags.** Every key set served carries `@odata.etag` (after `@odata.type`), and
//!   single key set answers an `ETag` header with the same tag: a weak tag (`W/"..."`) over
//!   the stored content, so it changes whenever the key set does. `PATCH`, `PUT` and
//!   `DELETE` with `If-Match` apply only if one of the tags sent (compared without `W/`) is
//!   the current one, or `*`; else 412. The check and the change happen under one lock.
//!   The actions ignore `If-Match`.
//! - **Preferences.** `Prefer: return=minimal` on a create, `PATCH` or `PUT` answers 204 with
//!   the `ETag` (and, on a create, `Location` and `OData-EntityId`); `return=representation`
//!   answers as without a preference. `odata.maxpagesize=N` (or `maxpagesize=N`) caps the page
//!   size like `$top`, and is sent on each next-page request by odata-core's clients. Each
//!   preference honoured is echoed in `Preference-Applied`; others are ignored.
//! - **Delta.** `keySets/delta` is Graph's `microsoft.graph.delta` bound to the collection (so
//!   a key set with the id `delta` must be addressed as `keySets('delta')`). A first round
//!   lists every key set, in id order and paged like the collection (`odata.maxpagesize`
//!   honoured); its last page's `@odata.deltaLink` holds the change position the round
//!   started at. Following it returns every key set created or changed since (as it is now)
//!   and every one deleted since (`@removed`, reason `deleted`), in id order, paged, ending
//!   with the next delta link; changes made during a round are reported by the next round
//!   (as is a key set created and deleted between two rounds, as removed).
//!   The service keeps the last [`KeySetServiceBuilder::delta_log_capacity`] changes
//!   (default 1000, one id each): a delta link older than the oldest change kept, or from
//!   another run of the service, is a 410 `syncStateNotFound`, and the client starts over
//!   with a full round. A malformed token is a 400; other system query options on delta are
//!   refused (400).
//! - **Write-only members.** `d`, `dp`, `dq`, `k`, `p`, `q` and `qi` are stored but never
//!   served: every response leaves them out. [`RunningService::key_sets`] shows them.
//! - **Keys made by the actions.** Each gets a random `kid` (32 random bytes, base64url:
//!   43 characters, the shape of Graph's kids) and `nbf` = now unless given; `exp` only if
//!   given (an `exp` before `nbf` is a 400). The key is appended to the set's `keys`.
//!   - `generateKey`, `kty` `RSA`: `e` = `AQAB` and `n` = 256 random bytes (top and
//!     bottom bits set), base64url. **This is not a real RSA key**: `n` is not a product
//!     of two primes and no private key exists. Generating a real 2048-bit key costs
//!     seconds in a debug build, too much for a test service, so none is made.
//!   - `generateKey`, `kty` `oct`: a real 64-byte random secret `k`, stored, never served.
//!   - `generateKey` with another `kty`: 400 (`$.kty`). `use` is kept as sent.
//!   - `uploadSecret`: `kty` `oct`, `use` as sent, `k` stored (never served).
//!   - `uploadCertificate`: `kty` `RSA`, `use` `sig`, `x5c` = the certificate as sent. The
//!     certificate is only checked to be non-empty base64; it is not parsed, so `nbf`, `exp`
//!     and `x5t` do not come from it.
//!   - `uploadPkcs12`: `kty` `RSA`, `use` `sig`; the PFX is checked to be non-empty base64,
//!     the password is not checked, and neither is kept.
//! - **The active key** is the last key of the set (the most recently added) whose window
//!   `nbf <= now < exp` holds, a missing bound being open; none is a 404.
//!
//! # Errors
//!
//! Every response carries a `request-id` header (a fresh UUID) and echoes `client-request-id`
//! when the request had one. An error answer to a request that sent a body carries
//! `Connection: close` (the body may not have been read, so the connection is not reused). Errors have Graph's body,
//! `{"error":{"code","message","innerError":{"request-id","date","client-request-id"}}}`,
//! plus `target` (the member's JSON path) on body errors. They are checked in this order:
//!
//! | status | code | when |
//! |---|---|---|
//! | 401 | `InvalidAuthenticationToken` | a token is configured and `Authorization: Bearer <token>` is missing or wrong (with `WWW-Authenticate: Bearer`) |
//! | 404 | `ResourceNotFound` | no such route |
//! | 400 | `BadRequest` | a malformed `('...')` key literal, or a path that is not UTF-8 once decoded |
//! | 405 | `MethodNotAllowed` | a known route, another method (with `Allow`) |
//! | 400 | `BadRequest` | an unsupported, repeated or invalid query option: a `$filter` or `$orderby` that does not parse or type-check (the message gives the character offset and what was expected and found), an unknown property (named), a `$skiptoken` not issued for this `$orderby` |
//! | 400 | `BadRequest` | an `If-Match` header that is not visible ASCII or holds no tag |
//! | 415 | `UnsupportedMediaType` | a body that is not declared `application/json` |
//! | 413 | `RequestEntityTooLarge` | a body over [`KeySetServiceBuilder::max_body_bytes`] |
//! | 400 | `BadRequest` | malformed JSON, a wrong `@odata.type`, a member of the wrong type or unknown, an invalid parameter: the message and `target` name its JSON path |
//! | 404 | `ResourceNotFound` | no key set with that id, or no active key |
//! | 412 | `PreconditionFailed` | `If-Match` names no current tag of the key set |
//! | 409 | `Conflict` | a create with an id already taken |
//! | 410 | `syncStateNotFound` | a delta token whose changes are no longer kept, or from another run |
//!
//! # Concurrency
//!
//! The key sets live in one map behind a mutex. Every operation takes the lock once and
//! reads and writes under it, so concurrent requests never lose an update; the lock is never
//! held across an `await`.

#![warn(missing_docs, missing_debug_implementations)]

mod app;
mod batch;
mod conditions;
mod delta;
mod error;
mod filter;
mod keys;
mod listing;
mod metadata;
mod query;
mod route;

use std::fmt;
use std::future::IntoFuture;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use axum::serve::ListenerExt;
use odata_core::graph::TrustFrameworkKeySet;
use tokio::sync::{oneshot, watch};

use crate::app::App;
pub use crate::delta::DEFAULT_DELTA_LOG_CAPACITY;

/// How long shutdown waits for requests in flight before it drops their connections.
const GRACE: Duration = Duration::from_secs(5);

/// The page size when none is configured.
pub const DEFAULT_PAGE_SIZE: usize = 100;
/// The largest request body accepted when no limit is configured: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

#[derive(Clone)]
struct Config {
    token: Option<String>,
    page_size: usize,
    max_body_bytes: usize,
    graph_id_prefix: bool,
    delta_log_capacity: usize,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("page_size", &self.page_size)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("graph_id_prefix", &self.graph_id_prefix)
            .field("delta_log_capacity", &self.delta_log_capacity)
            .finish()
    }
}

/// A key sets service, configured and not yet started. Made by [`KeySetService::builder`]
/// (or [`Default`]: no token, [`DEFAULT_PAGE_SIZE`], [`DEFAULT_MAX_BODY_BYTES`]).
#[derive(Clone, Debug)]
pub struct KeySetService {
    config: Config,
}

impl Default for KeySetService {
    fn default() -> Self {
        KeySetService::builder().build()
    }
}

impl KeySetService {
    /// A builder with the defaults: no token, [`DEFAULT_PAGE_SIZE`],
    /// [`DEFAULT_MAX_BODY_BYTES`], ids kept as sent.
    pub fn builder() -> KeySetServiceBuilder {
        KeySetServiceBuilder {
            config: Config {
                token: None,
                page_size: DEFAULT_PAGE_SIZE,
                max_body_bytes: DEFAULT_MAX_BODY_BYTES,
                graph_id_prefix: false,
                delta_log_capacity: DEFAULT_DELTA_LOG_CAPACITY,
            },
        }
    }

    /// Binds `127.0.0.1` on an ephemeral port and starts serving from a new thread with its
    /// own tokio runtime. Fails if the port cannot be bound or the thread or runtime cannot
    /// be started.
    pub fn start(&self) -> io::Result<RunningService> {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}{}", route::BASE_PATH);
        let app = Arc::new(App::new(self.config.clone(), &base_url)?);
        let router = app::router(Arc::clone(&app)).merge(metadata::router(&base_url)?);
        let (stop, stopped) = oneshot::channel::<()>();
        // The runtime is made, used and dropped on the service's thread only (dropping a
        // runtime inside another one panics, and callers may be async tests).
        let (ready, started) = std::sync::mpsc::channel::<io::Result<()>>();
        let thread = std::thread::Builder::new()
            .name("odata-service".to_owned())
            .spawn(move || serve(listener, router, &ready, stopped))?;
        match started.recv() {
            Ok(Ok(())) => Ok(RunningService {
                app,
                addr,
                base_url,
                stop: Some(stop),
                thread: Some(thread),
            }),
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => Err(thread.join().err().map_or_else(
                || io::Error::other("the service thread ended before serving"),
                |_| io::Error::other("the service thread panicked while starting"),
            )),
        }
    }
}

/// The service thread: builds the runtime, reports on `ready` whether serving started, serves
/// until `stopped` fires (or its sender is dropped), then drains for up to [`GRACE`].
fn serve(
    listener: std::net::TcpListener,
    router: axum::Router,
    ready: &std::sync::mpsc::Sender<io::Result<()>>,
    stopped: oneshot::Receiver<()>,
) -> io::Result<()> {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("odata-service-worker")
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let _ = ready.send(Err(e));
            return Ok(());
        }
    };
    let served = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener.tap_io(|tcp| {
                let _ = tcp.set_nodelay(true);
            }),
            Err(e) => {
                let _ = ready.send(Err(e));
                return Ok(());
            }
        };
        let (drain, draining) = watch::channel(false);
        let server = tokio::spawn(
            axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let mut draining = draining;
                    let _ = draining.wait_for(|&on| on).await;
                })
                .into_future(),
        );
        let _ = ready.send(Ok(()));
        // Stop when asked, or when the handle is gone without asking.
        let _ = stopped.await;
        let _ = drain.send(true);
        match tokio::time::timeout(GRACE, server).await {
            Ok(Ok(result)) => result,
            Ok(Err(join)) => Err(io::Error::other(join)),
            // Connections still busy after the grace period are dropped with the runtime.
            Err(_) => Ok(()),
        }
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    served
}

/// Configures a [`KeySetService`].
#[derive(Clone, Debug)]
pub struct KeySetServiceBuilder {
    config: Config,
}

impl KeySetServiceBuilder {
    /// The bearer token every request must carry (`Authorization: Bearer <token>`), or
    /// `None` to accept requests without one. A missing or wrong token is a 401.
    pub fn token(mut self, token: Option<String>) -> Self {
        self.config.token = token;
        self
    }

    /// The most key sets a collection page holds (a `$top` above it is capped). `0` is taken
    /// as `1`.
    pub fn page_size(mut self, page_size: usize) -> Self {
        self.config.page_size = page_size.max(1);
        self
    }

    /// The largest request body accepted, in bytes; a larger one is a 413.
    pub fn max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.config.max_body_bytes = max_body_bytes;
        self
    }

    /// Whether to give created key sets Graph's id prefix `B2C_1A_` (`keyset1` becomes
    /// `B2C_1A_keyset1`, as on Graph's Create page). Off by default: ids are kept as sent.
    pub fn graph_id_prefix(mut self, on: bool) -> Self {
        self.config.graph_id_prefix = on;
        self
    }

    /// How many changes the delta change log keeps (default
    /// [`DEFAULT_DELTA_LOG_CAPACITY`]; `0` is taken as `1`). A delta link is good while every
    /// change after it is kept; once more changes than this were made since, following it is
    /// a `410 Gone` (`syncStateNotFound`).
    pub fn delta_log_capacity(mut self, changes: usize) -> Self {
        self.config.delta_log_capacity = changes.max(1);
        self
    }

    /// The configured service.
    pub fn build(self) -> KeySetService {
        KeySetService {
            config: self.config,
        }
    }
}

/// A started service. It serves until [`RunningService::shutdown`] or until dropped; both
/// stop accepting connections, let requests in flight finish (for up to 5 seconds) and join
/// the service's thread.
pub struct RunningService {
    app: Arc<App>,
    addr: SocketAddr,
    base_url: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl fmt::Debug for RunningService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningService")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl RunningService {
    /// The service root, `http://127.0.0.1:{port}/v1.0`, without a trailing slash: hand it
    /// to `odata_core::request::Service::graph` or `Service::odata`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The loopback address and port the service listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every key set as stored now, sorted by id. Unlike the HTTP answers, the keys keep their
    /// write-only members (`k`, `d`, ...).
    pub fn key_sets(&self) -> Vec<TrustFrameworkKeySet> {
        self.app.snapshot()
    }

    /// Stops the service gracefully and waits for its thread. An error if serving failed or
    /// the service's thread panicked.
    pub fn shutdown(mut self) -> io::Result<()> {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the service thread panicked"))),
            None => Ok(()),
        }
    }
}

impl Drop for RunningService {
    fn drop(&mut self) {
        let _ = self.stop_and_join();
    }
}
