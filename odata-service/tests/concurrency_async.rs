//! The concurrency test through the async client: 8 tokio tasks on a multi-threaded runtime,
//! 200 mixed operations each (the workload of `concurrency.rs`, from `common/mixed.rs`), and
//! afterwards the state is exactly what the successful responses imply.

mod common;

use std::collections::BTreeMap;

use common::kids;
use common::mixed::{
    self, check_final_state, generate, with_kids, Outcome, Rng, CONTENDED, SHARED,
};
use futures_util::TryStreamExt;
use odata_core::async_client::{AsyncClient, AsyncClientError};
use odata_core::graph::{GraphService, KeyType, TrustFrameworkKeySet};
use odata_core::request::{CollectionPath, Error, Patch, Request, ResponseKind, Service};
use odata_core::EntityType;
use odata_service::KeySetService;

const TASKS: usize = 8;
const OPERATIONS: usize = 200;

struct Worker {
    client: AsyncClient,
    service: Service,
}

impl Worker {
    fn key_sets(&self) -> CollectionPath<TrustFrameworkKeySet> {
        self.service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
    }

    /// Executes `request`, which must succeed.
    async fn ok<K: ResponseKind>(&self, request: Result<Request<K>, Error>) -> K::Output {
        let request = request.expect("the request builds");
        let what = format!("{} {}", request.http().method(), request.http().uri());
        self.client
            .execute(&request)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// Executes `request`; a service error's status is returned as `Err`.
    async fn status<K: ResponseKind>(
        &self,
        request: Result<Request<K>, Error>,
    ) -> Result<K::Output, u16> {
        match self
            .client
            .execute(&request.expect("the request builds"))
            .await
        {
            Ok(output) => Ok(output),
            Err(AsyncClientError::Response(Error::Service(e))) => Err(e.status.as_u16()),
            Err(e) => panic!("{e}"),
        }
    }

    /// Every key set, through the item stream; strictly ascending ids.
    async fn walk(&self, top: u64) -> Vec<TrustFrameworkKeySet> {
        let all: Vec<TrustFrameworkKeySet> = self
            .client
            .items(self.key_sets().list().top(top).build().unwrap())
            .try_collect()
            .await
            .unwrap();
        assert!(all.windows(2).all(|w| w[0].id() < w[1].id()));
        all
    }
}

async fn run(worker: Worker, task: usize) -> Outcome {
    let mut rng: Rng = mixed::rng(task);
    let mut out = Outcome::default();
    let mut created = 0;
    let prefix = format!("B2C_1A_a{task}_");
    let sets = worker.key_sets();
    for _ in 0..OPERATIONS {
        out.operations += 1;
        let own: Vec<String> = out.own.keys().cloned().collect();
        let pick = |rng: &mut Rng| own.get(rng.next(own.len().max(1))).cloned();
        match rng.next(100) {
            0..=14 => {
                let id = format!("{prefix}{created:03}");
                let kid = format!("{id}-init");
                created += 1;
                let body = with_kids(Some(&id), std::slice::from_ref(&kid));
                let set = worker.ok(sets.create(&body)).await;
                assert_eq!(set.id(), Some(id.as_str()));
                assert_eq!(kids(&set), [kid.as_str()]);
                out.own.insert(id, vec![kid]);
            }
            15..=29 => match pick(&mut rng) {
                Some(id) => {
                    let set = worker.ok(sets.by_id(&id).get().build()).await;
                    assert_eq!(kids(&set), out.own[&id], "GET {id}");
                }
                None => {
                    let missing = sets.by_id(&format!("{prefix}none")).get().build();
                    assert_eq!(worker.status(missing).await.unwrap_err(), 404);
                }
            },
            30..=44 => {
                if let Some(id) = pick(&mut rng) {
                    let new = vec![format!("{id}-p{}", out.operations)];
                    let patch = Patch::from_value(&with_kids(None, &new)).unwrap();
                    let set = worker.ok(sets.by_id(&id).update(&patch)).await.unwrap();
                    assert_eq!(kids(&set), new);
                    out.own.insert(id, new);
                }
            }
            45..=59 => {
                if let Some(id) = pick(&mut rng) {
                    let key = worker
                        .ok(sets.by_id(&id).generate_key(&generate(KeyType::Rsa)))
                        .await;
                    out.own.get_mut(&id).unwrap().push(key.kid.unwrap());
                }
            }
            60..=69 => {
                if let Some(id) = pick(&mut rng) {
                    worker.ok(sets.by_id(&id).delete()).await;
                    out.own.remove(&id);
                }
            }
            70..=79 => {
                let id = SHARED[rng.next(SHARED.len())];
                let kty = if rng.next(2) == 0 {
                    KeyType::Rsa
                } else {
                    KeyType::Oct
                };
                let key = worker.ok(sets.by_id(id).generate_key(&generate(kty))).await;
                out.shared
                    .entry(id.to_owned())
                    .or_default()
                    .push(key.kid.unwrap());
            }
            80..=93 => {
                let id = CONTENDED[rng.next(CONTENDED.len())];
                let result = if rng.next(2) == 0 {
                    let body = with_kids(Some(id), &[]);
                    worker.status(sets.create(&body)).await.map(|_| 1)
                } else {
                    worker.status(sets.by_id(id).delete()).await.map(|()| -1)
                };
                match result {
                    Ok(delta) => *out.contended.entry(id.to_owned()).or_default() += delta,
                    Err(status) => assert!([404, 409].contains(&status), "{status}"),
                }
            }
            94..=96 => {
                let id = CONTENDED[rng.next(CONTENDED.len())];
                let request = sets.by_id(id).generate_key(&generate(KeyType::Oct));
                if let Err(status) = worker.status(request).await {
                    assert_eq!(status, 404);
                }
            }
            _ => {
                let all = worker.walk(25).await;
                let mine: BTreeMap<String, Vec<String>> = all
                    .iter()
                    .filter(|s| s.id().unwrap().starts_with(&prefix))
                    .map(|s| (s.id().unwrap().to_owned(), kids(s)))
                    .collect();
                assert_eq!(mine, out.own, "task {task}'s sets in a list walk");
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_mixed_operations_through_the_async_client_lose_nothing() {
    let running = KeySetService::builder()
        .page_size(50)
        .build()
        .start()
        .unwrap();
    let client = AsyncClient::builder()
        .max_retries(0)
        .env_proxy(false)
        .build()
        .unwrap();
    let worker = |syntax: &str| Worker {
        client: client.clone(),
        service: match syntax {
            "graph" => Service::graph(running.base_url()),
            _ => Service::odata(running.base_url()),
        }
        .unwrap(),
    };
    let setup = worker("graph");
    for id in SHARED {
        setup
            .ok(setup.key_sets().create(&with_kids(Some(id), &[])))
            .await;
    }

    let tasks: Vec<_> = (0..TASKS)
        .map(|task| tokio::spawn(run(worker(common::SYNTAXES[task % 2]), task)))
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.expect("the task completes without a panic"));
    }
    assert!(outcomes.iter().all(|o| o.operations == OPERATIONS));

    let expected = check_final_state(&running, &outcomes);
    let listed: Vec<String> = setup
        .walk(50)
        .await
        .iter()
        .map(|s| s.id().unwrap().to_owned())
        .collect();
    assert_eq!(listed, expected);
}
