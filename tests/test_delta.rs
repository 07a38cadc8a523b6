//! Delta queries over real loopback HTTP against the embedded service, through the blocking
//! and the async client: a first round over several pages, then a round that sees exactly
//! the creates, updates and deletes made since (removals typed), a delta link stored as a
//! string and restored, changes made during a round reported by the next one, an expired or
//! unknown delta link as a typed error after which a full round starts over, and malformed
//! delta responses as errors.

mod common;

use common::loopback::{asynchronous, blocking};
use futures_util::TryStreamExt;
use odata_core::async_client::AsyncClientError;
use odata_core::client::{Client, ClientError};
use odata_core::graph::{GenerateKeyParameters, TrustFrameworkKey};
use odata_core::graph::{GraphService, KeyType, KeyUse, TrustFrameworkKeySet};
use odata_core::request::{
    Change, CollectionPath, DeltaLink, DeltaPage, Error, Patch, RemovedReason, Service,
};
use odata_core::EntityType;
use odata_service::{KeySetService, RunningService};

fn key_sets(service: &Service) -> CollectionPath<TrustFrameworkKeySet> {
    service.root::<GraphService>().trust_framework().key_sets()
}

/// A service holding the key sets `B2C_1A_a` .. `B2C_1A_e`.
fn five_key_sets(capacity: usize) -> (RunningService, Service) {
    let running = KeySetService::builder()
        .delta_log_capacity(capacity)
        .build()
        .start()
        .unwrap();
    let service = Service::graph(running.base_url()).unwrap();
    let client = blocking();
    for id in ["a", "b", "c", "d", "e"] {
        let set = TrustFrameworkKeySet::builder()
            .id(format!("B2C_1A_{id}"))
            .build();
        client
            .execute(&key_sets(&service).create(&set).unwrap())
            .unwrap();
    }
    (running, service)
}

/// Each change as (id, what): `changed` with the number of keys, or the removal's reason.
fn summary(changes: &[Change<TrustFrameworkKeySet>]) -> Vec<(String, String)> {
    changes
        .iter()
        .map(|change| match change {
            Change::Changed(set) => (
                set.id().unwrap().to_owned(),
                format!("changed, {} keys", set.keys.as_ref().map_or(0, Vec::len)),
            ),
            Change::Removed(removed) => (
                removed.id.clone().unwrap(),
                format!("removed: {:?}", removed.reason),
            ),
        })
        .collect()
}

fn expected(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(id, what)| (format!("B2C_1A_{id}"), (*what).to_owned()))
        .collect()
}

/// The writes between the rounds: one create, one update (a generated key), one delete.
fn change_three(client: &Client, service: &Service) {
    let sets = key_sets(service);
    client
        .execute(
            &sets
                .create(&TrustFrameworkKeySet::builder().id("B2C_1A_f").build())
                .unwrap(),
        )
        .unwrap();
    let parameters = GenerateKeyParameters {
        key_use: KeyUse::Sig,
        kty: KeyType::Rsa,
        nbf: None,
        exp: None,
    };
    client
        .execute(&sets.by_id("B2C_1A_b").generate_key(&parameters).unwrap())
        .unwrap();
    client
        .execute(&sets.by_id("B2C_1A_d").delete().unwrap())
        .unwrap();
}

fn all_five() -> Vec<(String, String)> {
    expected(&[
        ("a", "changed, 0 keys"),
        ("b", "changed, 0 keys"),
        ("c", "changed, 0 keys"),
        ("d", "changed, 0 keys"),
        ("e", "changed, 0 keys"),
    ])
}

fn the_three_changes() -> Vec<(String, String)> {
    expected(&[
        ("b", "changed, 1 keys"),
        ("d", "removed: Deleted"),
        ("f", "changed, 0 keys"),
    ])
}

#[test]
fn blocking_rounds_see_everything_then_exactly_the_changes_since() {
    let (running, service) = five_key_sets(1000);
    let client = blocking();
    let sets = key_sets(&service);

    let first = sets.delta().build().unwrap().max_page_size(2);
    let raw = client.send(first.http().clone()).unwrap();
    assert_eq!(raw.headers()["preference-applied"], "odata.maxpagesize=2");
    let pages: Vec<DeltaPage<TrustFrameworkKeySet>> =
        client.delta_pages(first).collect::<Result<_, _>>().unwrap();
    assert_eq!(
        pages.iter().map(|p| p.value.len()).collect::<Vec<_>>(),
        [2, 2, 1]
    );
    for page in &pages[..2] {
        assert!(page.next_link.is_some() && page.delta_link.is_none());
    }
    let last = pages.last().unwrap();
    assert!(last.next_link.is_none());
    let link = last.delta_link.clone().unwrap();
    assert!(link.as_str().starts_with(&format!(
        "{}/trustFramework/keySets/delta?$deltatoken=",
        running.base_url()
    )));
    let everything: Vec<_> = pages.into_iter().flat_map(|p| p.value).collect();
    assert_eq!(summary(&everything), all_five());

    change_three(&client, &service);

    // The link survives being stored as text.
    let stored = link.to_string();
    let restored: DeltaLink = stored.parse().unwrap();
    let round = client
        .delta_round(sets.delta_from(&restored).unwrap().max_page_size(2))
        .unwrap();
    assert_eq!(summary(&round.changes), the_three_changes());
    assert_ne!(round.delta_link, link);

    // Nothing changed since: an empty round, and a link that still works.
    let quiet = client
        .delta_round(sets.delta_from(&round.delta_link).unwrap())
        .unwrap();
    assert!(quiet.changes.is_empty(), "{:?}", quiet.changes);
    // The old link can be read again: the same changes.
    let again = client.delta_round(sets.delta_from(&link).unwrap()).unwrap();
    assert_eq!(summary(&again.changes), the_three_changes());
}

#[tokio::test]
async fn async_rounds_see_everything_then_exactly_the_changes_since() {
    let (_running, service) = five_key_sets(1000);
    let client = asynchronous();
    let sets = key_sets(&service);

    let first = sets.delta().build().unwrap().max_page_size(2);
    let pages: Vec<DeltaPage<TrustFrameworkKeySet>> =
        client.delta_pages(first).try_collect().await.unwrap();
    assert_eq!(pages.len(), 3);
    let link = pages.last().unwrap().delta_link.clone().unwrap();
    let everything: Vec<_> = pages.into_iter().flat_map(|p| p.value).collect();
    assert_eq!(summary(&everything), all_five());

    tokio::task::spawn_blocking({
        let service = service.clone();
        move || change_three(&blocking(), &service)
    })
    .await
    .unwrap();

    let restored = DeltaLink::new(link.clone().into_string()).unwrap();
    let round = client
        .delta_round(sets.delta_from(&restored).unwrap().max_page_size(1))
        .await
        .unwrap();
    assert_eq!(summary(&round.changes), the_three_changes());
    let quiet = client
        .delta_round(sets.delta_from(&round.delta_link).unwrap())
        .await
        .unwrap();
    assert!(quiet.changes.is_empty());
}

/// Rounds through the OData conventions: `keySets/microsoft.graph.delta()`.
#[test]
fn a_round_with_odata_conventions() {
    let (running, _) = five_key_sets(1000);
    let service = Service::odata(running.base_url()).unwrap();
    let first = key_sets(&service).delta().build().unwrap();
    assert!(first
        .http()
        .uri()
        .path()
        .ends_with("/keySets/microsoft.graph.delta()"));
    let round = blocking().delta_round(first).unwrap();
    assert_eq!(summary(&round.changes), all_five());
}

/// A change made while a round is read is reported by the next round (the round shows the
/// collection as it is when each page is read, and its delta link starts where it began).
#[test]
fn a_change_during_a_round_is_reported_by_the_next_round() {
    let (_running, service) = five_key_sets(1000);
    let client = blocking();
    let sets = key_sets(&service);
    let mut pages = client.delta_pages(sets.delta().build().unwrap().max_page_size(2));
    let first = pages.next().unwrap().unwrap();
    assert_eq!(
        summary(&first.value),
        expected(&[("a", "changed, 0 keys"), ("b", "changed, 0 keys")])
    );
    // `a` was served already; `e` not yet.
    let patch = Patch::from_value(
        &TrustFrameworkKeySet::builder()
            .keys([TrustFrameworkKey::builder().kid("k1").build()])
            .build(),
    )
    .unwrap();
    client
        .execute(&sets.by_id("B2C_1A_a").update(&patch).unwrap())
        .unwrap();
    client
        .execute(&sets.by_id("B2C_1A_e").delete().unwrap())
        .unwrap();
    let rest: Vec<_> = pages.collect::<Result<_, _>>().unwrap();
    let link = rest.last().unwrap().delta_link.clone().unwrap();
    let rest: Vec<_> = rest.into_iter().flat_map(|p| p.value).collect();
    assert_eq!(
        summary(&rest),
        expected(&[("c", "changed, 0 keys"), ("d", "changed, 0 keys")])
    );

    let next = client.delta_round(sets.delta_from(&link).unwrap()).unwrap();
    assert_eq!(
        summary(&next.changes),
        expected(&[("a", "changed, 1 keys"), ("e", "removed: Deleted")])
    );
}

fn expect_expired_blocking(result: Result<impl std::fmt::Debug, ClientError>) {
    match result {
        Err(ClientError::Response(Error::DeltaLinkExpired(e))) => {
            assert_eq!(e.status, 410);
            assert_eq!(e.error.unwrap().code, "syncStateNotFound");
        }
        other => panic!("expected an expired delta link, got {other:?}"),
    }
}

/// The service keeps 2 changes: a link is good while both changes since it are kept, then
/// 410 (typed); a full round starts over.
#[test]
fn blocking_an_expired_delta_link_is_a_typed_error_and_a_full_round_starts_over() {
    let (_running, service) = five_key_sets(2);
    let client = blocking();
    let sets = key_sets(&service);
    let link = client
        .delta_round(sets.delta().build().unwrap())
        .unwrap()
        .delta_link;
    for id in ["B2C_1A_a", "B2C_1A_b"] {
        client.execute(&sets.by_id(id).delete().unwrap()).unwrap();
    }
    let round = client.delta_round(sets.delta_from(&link).unwrap()).unwrap();
    assert_eq!(
        summary(&round.changes),
        expected(&[("a", "removed: Deleted"), ("b", "removed: Deleted")])
    );
    client
        .execute(&sets.by_id("B2C_1A_c").delete().unwrap())
        .unwrap();
    expect_expired_blocking(client.delta_round(sets.delta_from(&link).unwrap()));
    // Also through the page iterator, and the newer link is still good.
    expect_expired_blocking(
        client
            .delta_pages(sets.delta_from(&link).unwrap())
            .next()
            .unwrap(),
    );
    let newer = client
        .delta_round(sets.delta_from(&round.delta_link).unwrap())
        .unwrap();
    assert_eq!(
        summary(&newer.changes),
        expected(&[("c", "removed: Deleted")])
    );

    let full = client.delta_round(sets.delta().build().unwrap()).unwrap();
    assert_eq!(
        summary(&full.changes),
        expected(&[("d", "changed, 0 keys"), ("e", "changed, 0 keys")])
    );
}

#[tokio::test]
async fn async_an_expired_delta_link_is_a_typed_error() {
    let (_running, service) = five_key_sets(1);
    let client = asynchronous();
    let sets = key_sets(&service);
    let link = client
        .delta_round(sets.delta().build().unwrap())
        .await
        .unwrap()
        .delta_link;
    for id in ["B2C_1A_a", "B2C_1A_b"] {
        client
            .execute(&sets.by_id(id).delete().unwrap())
            .await
            .unwrap();
    }
    match client.delta_round(sets.delta_from(&link).unwrap()).await {
        Err(AsyncClientError::Response(Error::DeltaLinkExpired(e))) => {
            assert_eq!(e.status, 410);
        }
        other => panic!("expected an expired delta link, got {other:?}"),
    }
    let full = client
        .delta_round(sets.delta().build().unwrap())
        .await
        .unwrap();
    assert_eq!(full.changes.len(), 3);
}

/// A token of another run of the service is unknown (410); a token that is not one is a 400.
#[test]
fn unknown_and_malformed_delta_tokens() {
    let (running, service) = five_key_sets(1000);
    let client = blocking();
    let sets = key_sets(&service);
    // base64url("other:1:*"): well formed, another epoch.
    let unknown: DeltaLink = format!(
        "{}/trustFramework/keySets/delta?$deltatoken=b3RoZXI6MToq",
        running.base_url()
    )
    .parse()
    .unwrap();
    expect_expired_blocking(client.delta_round(sets.delta_from(&unknown).unwrap()));
    // base64url("x"): too few parts.
    let malformed: DeltaLink = format!(
        "{}/trustFramework/keySets/delta?$deltatoken=eA",
        running.base_url()
    )
    .parse()
    .unwrap();
    match client.delta_round(sets.delta_from(&malformed).unwrap()) {
        Err(ClientError::Response(Error::Service(e))) => assert_eq!(e.status, 400),
        other => panic!("expected a 400, got {other:?}"),
    }
    // A link that leaves the service is refused before anything is sent.
    let elsewhere: DeltaLink = "http://127.0.0.2:1/v1.0/trustFramework/keySets/delta"
        .parse()
        .unwrap();
    assert!(matches!(
        sets.delta_from(&elsewhere),
        Err(Error::ForeignNextLink { .. })
    ));
}

/// Sans-IO: a removal naming no entity, an entity that does not fit the model (its path
/// named), and a last page without a delta link are errors, not silent losses.
#[test]
fn malformed_delta_pages_are_errors() {
    let no_id = odata_core::json::from_str::<DeltaPage<TrustFrameworkKeySet>>(
        r#"{"value":[{"@removed":{"reason":"deleted"}}]}"#,
    )
    .unwrap_err();
    assert!(no_id.to_string().contains("names no entity"), "{no_id}");
    let bad = odata_core::json::from_str::<DeltaPage<TrustFrameworkKeySet>>(
        r#"{"value":[{"id":"a"},{"id":"b","keys":[{"exp":"soon"}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(bad.path(), "$.value[1]");
    assert!(bad.to_string().contains("$.keys[0].exp"), "{bad}");

    let unknown_reason: DeltaPage<TrustFrameworkKeySet> = odata_core::json::from_str(
        r#"{"value":[{"id":"a","@removed":{"reason":"archived"}},{"id":"b","@odata.removed":{}}]}"#,
    )
    .unwrap();
    assert!(
        matches!(&unknown_reason.value[0], Change::Removed(r) if r.reason == RemovedReason::Other("archived".into()))
    );
    assert!(
        matches!(&unknown_reason.value[1], Change::Removed(r) if r.reason == RemovedReason::Deleted)
    );

    let service = Service::graph("https://graph.microsoft.com/v1.0").unwrap();
    let request = key_sets(&service).delta().build().unwrap();
    let response = http::Response::builder()
        .status(200)
        .body(br#"{"value":[]}"#.to_vec())
        .unwrap();
    let page = request.parse_response(&response).unwrap();
    let err = request.after(&page).unwrap_err();
    assert!(err.to_string().contains("neither"), "{err}");
    assert!(odata_core::request::DeltaRound::from_pages([page]).is_err());
}

/// Keys served per changed key set, in order: `None` when `keys` was left out.
fn keys_served(changes: &[Change<TrustFrameworkKeySet>]) -> Vec<(String, Option<usize>)> {
    changes
        .iter()
        .filter_map(|change| match change {
            Change::Changed(set) => Some((
                set.id().unwrap().to_owned(),
                set.keys.as_ref().map(Vec::len),
            )),
            Change::Removed(_) => None,
        })
        .collect()
}

/// `$select` on a round's first request holds for every page of the round and for the
/// rounds its delta links start; a round without it serves everything.
#[test]
fn blocking_delta_rounds_honour_select() {
    let (_running, service) = five_key_sets(1000);
    let client = blocking();
    let sets = key_sets(&service);

    let first = sets.delta().select(|f| [f.id]).build().unwrap();
    assert!(first
        .http()
        .uri()
        .to_string()
        .ends_with("/delta?$select=id"));
    let pages: Vec<DeltaPage<TrustFrameworkKeySet>> = client
        .delta_pages(first.max_page_size(2))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pages.len(), 3, "the select survives the next links");
    let selected: Vec<_> = pages.into_iter().flat_map(|p| p.value).collect();
    assert!(keys_served(&selected)
        .iter()
        .all(|(_, keys)| keys.is_none()));
    let full = client.delta_round(sets.delta().build().unwrap()).unwrap();
    let selected_link = client
        .delta_round(sets.delta().select(|f| [f.id]).build().unwrap())
        .unwrap()
        .delta_link;

    change_three(&client, &service);

    // From the selected round's link: `keys` still left out; from the full round's: served.
    let round = client
        .delta_round(sets.delta_from(&selected_link).unwrap())
        .unwrap();
    assert_eq!(
        keys_served(&round.changes),
        [("B2C_1A_b".to_owned(), None), ("B2C_1A_f".to_owned(), None)]
    );
    assert_eq!(
        summary(&round.changes)[1],
        expected(&[("d", "removed: Deleted")])[0]
    );
    let round = client
        .delta_round(sets.delta_from(&full.delta_link).unwrap())
        .unwrap();
    assert_eq!(
        keys_served(&round.changes)[0],
        ("B2C_1A_b".to_owned(), Some(1))
    );
    // `$select=keys` (with `id`, always served) keeps the keys.
    let keys = client
        .delta_round(sets.delta().select(|f| [f.keys]).build().unwrap())
        .unwrap();
    assert_eq!(
        keys_served(&keys.changes)[1],
        ("B2C_1A_b".to_owned(), Some(1))
    );
}

#[tokio::test]
async fn async_delta_rounds_honour_select() {
    let (_running, service) = five_key_sets(1000);
    let client = asynchronous();
    let sets = key_sets(&service);
    tokio::task::spawn_blocking({
        let service = service.clone();
        move || change_three(&blocking(), &service)
    })
    .await
    .unwrap();

    let first = sets
        .delta()
        .select(|f| [f.id])
        .build()
        .unwrap()
        .max_page_size(1);
    let pages: Vec<DeltaPage<TrustFrameworkKeySet>> =
        client.delta_pages(first).try_collect().await.unwrap();
    assert_eq!(pages.len(), 5, "a..f without d, one a page");
    let changes: Vec<_> = pages.into_iter().flat_map(|p| p.value).collect();
    assert_eq!(keys_served(&changes).len(), 5);
    assert!(keys_served(&changes).iter().all(|(_, keys)| keys.is_none()));

    let full = client
        .delta_round(sets.delta().build().unwrap())
        .await
        .unwrap();
    assert_eq!(
        keys_served(&full.changes)[1],
        ("B2C_1A_b".to_owned(), Some(1))
    );
}

/// The three forms a removal comes in, side by side with changed entities: Graph's
/// `@removed`, OData 4.01's `@odata.removed`, and OData 4.0's `$deletedEntity` (whose `id` is
/// the entity-id and whose `reason` is a member of its own).
#[test]
fn removals_in_each_form() {
    let page: DeltaPage<TrustFrameworkKeySet> = odata_core::json::from_str(
        r##"{"@odata.context":"https://example.com/$metadata#keySets/$delta","value":[
            {"id":"graph","@removed":{"reason":"changed"}},
            {"@odata.removed":{"reason":"deleted"},"@odata.id":"keySets('v401')"},
            {"@odata.context":"https://example.com/$metadata#keySets/$deletedEntity","id":"https://example.com/keySets('O''Brien')","reason":"changed"},
            {"reason":"deleted","id":"keySets(42)","@odata.context":"#keySets/$deletedEntity"},
            {"@context":"#keySets/$deletedEntity","id":"orderItems(orderId=1,itemNo=2)"},
            {"@odata.context":"#keySets/$entity","id":"kept","keys":[]}
        ],"@odata.deltaLink":"https://example.com/keySets/delta?$deltatoken=1"}"##,
    )
    .unwrap();
    let removal = |i: usize| match &page.value[i] {
        Change::Removed(r) => (r.id.as_deref(), r.odata_id.as_deref(), r.reason.clone()),
        other => panic!("item {i} is not a removal: {other:?}"),
    };
    assert_eq!(removal(0), (Some("graph"), None, RemovedReason::Changed));
    assert_eq!(
        removal(1),
        (None, Some("keySets('v401')"), RemovedReason::Deleted)
    );
    assert_eq!(
        removal(2),
        (
            Some("O'Brien"),
            Some("https://example.com/keySets('O''Brien')"),
            RemovedReason::Changed
        )
    );
    // The members in any order; a key without quotes.
    assert_eq!(
        removal(3),
        (Some("42"), Some("keySets(42)"), RemovedReason::Deleted)
    );
    // A composite key is not read back; no reason is `deleted`.
    assert_eq!(
        removal(4),
        (
            None,
            Some("orderItems(orderId=1,itemNo=2)"),
            RemovedReason::Deleted
        )
    );
    // Another context is an entity, as sent.
    assert!(matches!(&page.value[5], Change::Changed(set) if set.id() == Some("kept")));

    // A deleted entity that names no entity is an error, with its place.
    let err = odata_core::json::from_str::<DeltaPage<TrustFrameworkKeySet>>(
        r##"{"value":[{"id":"a"},{"@odata.context":"#keySets/$deletedEntity","reason":"deleted"}]}"##,
    )
    .unwrap_err();
    assert_eq!(err.path(), "$.value[1]");
    assert!(err.to_string().contains("has no `id`"), "{err}");
}
