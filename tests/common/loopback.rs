//! The set-up the client tests share: the embedded keySets service on a loopback port, the
//! key sets' path on it, and a blocking or async client for it (no proxy, no retries: a test
//! sees each response as the service gave it).

use std::sync::{Arc, Mutex};

use odata_core::async_client::AsyncClient;
use odata_core::client::Client;
use odata_core::graph::{GraphService, TrustFrameworkKeySet};
use odata_core::policy::{Refresh, TokenError};
use odata_core::request::{CollectionPath, Service};
use odata_service::{KeySetService, RunningService};

/// The embedded service with its defaults, started.
pub fn start() -> RunningService {
    KeySetService::default().start().unwrap()
}

/// The embedded service accepting only the bearer token `token`, started.
pub fn start_with_token(token: &str) -> RunningService {
    KeySetService::builder()
        .token(Some(token.into()))
        .build()
        .start()
        .unwrap()
}

/// `{base}/trustFramework/keySets` with Graph's conventions (`base` a service root).
pub fn key_sets_at(base: &str) -> CollectionPath<TrustFrameworkKeySet> {
    Service::graph(base)
        .unwrap()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
}

/// The running service's key sets, with Graph's conventions.
pub fn key_sets(running: &RunningService) -> CollectionPath<TrustFrameworkKeySet> {
    key_sets_at(running.base_url())
}

/// A blocking client that neither uses a proxy nor retries.
pub fn blocking() -> Client {
    Client::builder()
        .env_proxy(false)
        .max_retries(0)
        .build()
        .unwrap()
}

/// An async client that neither uses a proxy nor retries.
pub fn asynchronous() -> AsyncClient {
    AsyncClient::builder()
        .env_proxy(false)
        .max_retries(0)
        .build()
        .unwrap()
}

/// A token provider that hands out an expired token until it is asked to refresh, and
/// `fresh` from then on; with the token it holds, to look at.
pub fn expired_until_refreshed(
    fresh: &'static str,
) -> (
    Arc<Mutex<String>>,
    impl Fn(Refresh) -> Result<String, TokenError> + Send + Sync + 'static,
) {
    let current = Arc::new(Mutex::new("expired".to_owned()));
    let token = current.clone();
    let provide = move |refresh| {
        let mut token = token.lock().unwrap();
        if refresh == Refresh::Force {
            *token = fresh.into();
        }
        Ok(token.clone())
    };
    (current, provide)
}
