//! Optimistic concurrency and preferences over loopback HTTP against the embedded service,
//! through the blocking and the async client: `@odata.etag` and `ETag` agree and change with
//! the entity, `If-Match` guards update, replace and delete (a stale tag is a typed 412 that
//! changes nothing), `Prefer: return=minimal|representation` on create and update, and
//! `Prefer: odata.maxpagesize` on every page, with `Preference-Applied` read back.

mod common;

use common::loopback::{asynchronous, blocking, key_sets, start};
use futures_util::TryStreamExt;
use odata_core::async_client::AsyncClientError;
use odata_core::client::ClientError;
use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::{pages, ETag, Error, Patch, Preference, ServiceError};
use odata_core::EntityType;
use odata_service::RunningService;

fn with_kid(id: Option<&str>, kid: &str) -> TrustFrameworkKeySet {
    let mut set = TrustFrameworkKeySet::builder()
        .key(TrustFrameworkKey::builder().kid(kid).kty("oct").build())
        .build();
    if let Some(id) = id {
        set.set_id(id.to_owned());
    }
    set
}

fn kids_stored(running: &RunningService, id: &str) -> Option<Vec<String>> {
    running
        .key_sets()
        .into_iter()
        .find(|s| s.id() == Some(id))
        .map(|s| {
            s.keys
                .unwrap_or_default()
                .into_iter()
                .map(|k| k.kid.unwrap())
                .collect()
        })
}

fn precondition_failed(err: ClientError) -> ServiceError {
    match err {
        ClientError::Response(Error::PreconditionFailed(e)) => *e,
        other => panic!("expected a 412, got {other:?}"),
    }
}

#[test]
fn etags_guard_updates_and_deletes_through_the_blocking_client() {
    let running = start();
    let client = blocking();
    let sets = key_sets(&running);
    let created = client
        .execute_reply(&sets.create(&with_kid(Some("B2C_1A_e"), "k1")).unwrap())
        .unwrap();
    let tag = created.etag.clone().expect("an ETag header");
    let from_body = ETag::from_extra(&created.value.extra).unwrap().unwrap();
    assert_eq!(tag, from_body, "header and @odata.etag agree");
    assert!(tag.as_str().starts_with("W/\""));

    // A get reads the same version.
    let set = sets.by_id("B2C_1A_e");
    let got = client.execute_reply(&set.get().build().unwrap()).unwrap();
    assert_eq!(got.etag.as_ref(), Some(&tag));

    // An update at that version applies and makes a new version.
    let patch = Patch::from_value(&with_kid(None, "k2")).unwrap();
    let updated = client
        .execute_reply(&set.update(&patch).unwrap().if_match(&tag))
        .unwrap();
    let new_tag = updated.etag.clone().unwrap();
    assert_ne!(new_tag, tag);
    assert_eq!(
        ETag::from_extra(&updated.value.unwrap().extra)
            .unwrap()
            .unwrap(),
        new_tag
    );
    assert_eq!(kids_stored(&running, "B2C_1A_e").unwrap(), ["k2"]);

    // The old tag is stale now: update, replace and delete fail with a typed 412 and change
    // nothing.
    let stale = Patch::from_value(&with_kid(None, "k3")).unwrap();
    let e = precondition_failed(
        client
            .execute(&set.update(&stale).unwrap().if_match(&tag))
            .unwrap_err(),
    );
    assert_eq!(e.status, 412);
    assert_eq!(e.error.unwrap().code, "PreconditionFailed");
    let replace = set.replace(&with_kid(None, "k4")).unwrap().if_match(&tag);
    precondition_failed(client.execute(&replace).unwrap_err());
    precondition_failed(
        client
            .execute(&set.delete().unwrap().if_match(&tag))
            .unwrap_err(),
    );
    assert_eq!(kids_stored(&running, "B2C_1A_e").unwrap(), ["k2"]);

    // The current tag replaces; `*` deletes whatever the version.
    let replaced = client
        .execute_reply(
            &set.replace(&with_kid(None, "k5"))
                .unwrap()
                .if_match(&new_tag),
        )
        .unwrap();
    assert_ne!(replaced.etag.as_ref(), Some(&new_tag));
    client
        .execute(&set.delete().unwrap().if_match(&ETag::any()))
        .unwrap();
    assert!(kids_stored(&running, "B2C_1A_e").is_none());

    // Gone: `*` does not make it exist (404, not 412).
    let err = client
        .execute(&set.delete().unwrap().if_match(&ETag::any()))
        .unwrap_err();
    assert!(
        matches!(&err, ClientError::Response(Error::Service(e)) if e.status == 404),
        "{err:?}"
    );
}

#[test]
fn prefer_return_and_max_page_size_through_the_blocking_client() {
    let running = start();
    let client = blocking();
    let sets = key_sets(&running);

    let minimal = client
        .execute_reply(
            &sets
                .create(&with_kid(Some("B2C_1A_m"), "k1"))
                .unwrap()
                .prefer_minimal(),
        )
        .unwrap();
    assert!(minimal.value.is_none(), "204: no body");
    assert!(minimal.applied(Preference::ReturnMinimal));
    assert!(minimal.etag.is_some());
    assert!(minimal.location.unwrap().ends_with("keySets('B2C_1A_m')"));
    assert_eq!(kids_stored(&running, "B2C_1A_m").unwrap(), ["k1"]);

    let full = client
        .execute_reply(
            &sets
                .create(&with_kid(Some("B2C_1A_r"), "k1"))
                .unwrap()
                .prefer_representation(),
        )
        .unwrap();
    assert_eq!(full.value.id(), Some("B2C_1A_r"));
    assert!(full.applied(Preference::ReturnRepresentation));

    let set = sets.by_id("B2C_1A_m");
    let patch = Patch::from_value(&with_kid(None, "k2")).unwrap();
    let updated = client
        .execute_reply(&set.update(&patch).unwrap().prefer_minimal())
        .unwrap();
    assert!(updated.value.is_none());
    assert!(updated.applied(Preference::ReturnMinimal));
    assert_eq!(kids_stored(&running, "B2C_1A_m").unwrap(), ["k2"]);
    let updated = client
        .execute_reply(&set.update(&patch).unwrap().prefer_representation())
        .unwrap();
    assert_eq!(updated.value.unwrap().id(), Some("B2C_1A_m"));
    // Without a preference, nothing is reported applied.
    let plain = client.execute_reply(&set.update(&patch).unwrap()).unwrap();
    assert!(plain.preference_applied.is_empty());

    // odata.maxpagesize on the first page and on every next page.
    for i in 0..5 {
        let id = format!("B2C_1A_p{i}");
        client
            .execute(&sets.create(&with_kid(Some(&id), "k")).unwrap())
            .unwrap();
    }
    let first = sets.list().build().unwrap().max_page_size(3);
    let reply = client.execute_reply(&first).unwrap();
    assert!(reply.applied(Preference::MaxPageSize(3)));
    let sizes: Vec<usize> = pages(first, |request| client.send(request))
        .map(|page| page.unwrap().value.len())
        .collect();
    assert_eq!(sizes, [3, 3, 1]);
}

#[tokio::test]
async fn etags_and_preferences_through_the_async_client() {
    let running = start();
    let client = asynchronous();
    let sets = key_sets(&running);
    let created = client
        .execute_reply(
            &sets
                .create(&with_kid(Some("B2C_1A_a"), "k1"))
                .unwrap()
                .prefer_minimal(),
        )
        .await
        .unwrap();
    assert!(created.value.is_none());
    assert!(created.applied(Preference::ReturnMinimal));
    let tag = created.etag.unwrap();

    let set = sets.by_id("B2C_1A_a");
    let fetched = client.execute(&set.get().build().unwrap()).await.unwrap();
    assert_eq!(ETag::from_extra(&fetched.extra).unwrap().unwrap(), tag);

    let patch = Patch::from_value(&with_kid(None, "k2")).unwrap();
    let updated = client
        .execute_reply(
            &set.update(&patch)
                .unwrap()
                .if_match(&tag)
                .prefer_representation(),
        )
        .await
        .unwrap();
    assert!(updated.applied(Preference::ReturnRepresentation));
    assert_eq!(
        updated.value.unwrap().keys.unwrap()[0].kid.as_deref(),
        Some("k2")
    );

    let err = client
        .execute(&set.delete().unwrap().if_match(&tag))
        .await
        .unwrap_err();
    let AsyncClientError::Response(Error::PreconditionFailed(e)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.error.unwrap().code, "PreconditionFailed");
    assert_eq!(kids_stored(&running, "B2C_1A_a").unwrap(), ["k2"]);

    for i in 0..4 {
        let id = format!("B2C_1A_q{i}");
        client
            .execute(&sets.create(&with_kid(Some(&id), "k")).unwrap())
            .await
            .unwrap();
    }
    let sizes: Vec<usize> = client
        .pages(sets.list().build().unwrap().max_page_size(2))
        .map_ok(|page| page.value.len())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(sizes, [2, 2, 1]);
}

/// Optimistic concurrency under contention: 8 tasks read the same version, then all update
/// it with `If-Match` at once; exactly one wins each round, the others get a 412, and the
/// stored key is the winner's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_one_of_concurrent_guarded_updates_wins() {
    let running = start();
    let client = asynchronous();
    let sets = key_sets(&running);
    client
        .execute(&sets.create(&with_kid(Some("B2C_1A_c"), "k0")).unwrap())
        .await
        .unwrap();
    for round in 0..5 {
        let got = client
            .execute_reply(&sets.by_id("B2C_1A_c").get().build().unwrap())
            .await
            .unwrap();
        let tag = got.etag.unwrap();
        let tasks: Vec<_> = (0..8)
            .map(|task| {
                let (client, sets, tag) = (client.clone(), sets.clone(), tag.clone());
                tokio::spawn(async move {
                    let kid = format!("r{round}t{task}");
                    let patch = Patch::from_value(&with_kid(None, &kid)).unwrap();
                    let update = sets
                        .by_id("B2C_1A_c")
                        .update(&patch)
                        .unwrap()
                        .if_match(&tag);
                    match client.execute(&update).await {
                        Ok(_) => Some(kid),
                        Err(AsyncClientError::Response(Error::PreconditionFailed(_))) => None,
                        Err(e) => panic!("{e}"),
                    }
                })
            })
            .collect();
        let mut winners = Vec::new();
        for task in tasks {
            winners.extend(task.await.unwrap());
        }
        assert_eq!(winners.len(), 1, "round {round}: {winners:?}");
        assert_eq!(kids_stored(&running, "B2C_1A_c").unwrap(), winners);
    }
}
