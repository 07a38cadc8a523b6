//! Create, get, list, patch, put and delete over loopback HTTP, in both key syntaxes, with
//! requests built by odata-core's sans-IO layer and executed by odata-core's client.

mod common;

use common::{kids, request, Client, SYNTAXES};
use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::{pages, Patch};
use odata_core::EntityType;
use odata_service::KeySetService;

fn key(kid: &str) -> TrustFrameworkKey {
    TrustFrameworkKey::builder()
        .kid(kid)
        .kty("RSA")
        .r#use("sig")
        .e("AQAB")
        .n("n-value")
        .build()
}

fn set(id: &str, kids: &[&str]) -> TrustFrameworkKeySet {
    TrustFrameworkKeySet::builder()
        .id(id)
        .keys(kids.iter().map(|k| key(k)))
        .build()
}

#[test]
fn lifecycle_in_both_key_syntaxes() {
    let running = KeySetService::builder().build().start().unwrap();
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        let id = format!("B2C_1A_{syntax}_lifecycle");

        // Create: 201, Location, the created object with its context first.
        let (response, created) =
            client.send(client.key_sets().create(&set(&id, &["k1", "k2"])).unwrap());
        let created = created.unwrap();
        assert_eq!(response.status(), 201);
        assert_eq!(created.id(), Some(id.as_str()));
        assert_eq!(kids(&created), ["k1", "k2"]);
        assert_eq!(
            created.keys.as_ref().unwrap()[0].n.as_deref(),
            Some("n-value")
        );
        let location = response.headers()["location"].to_str().unwrap();
        assert_eq!(
            location,
            format!("{}/trustFramework/keySets('{id}')", running.base_url())
        );
        let body = String::from_utf8(response.body().clone()).unwrap();
        let etag = response.headers()["etag"].to_str().unwrap();
        assert!(
            body.starts_with(&format!(
                r##"{{"@odata.context":"{}/$metadata#trustFramework/keySets/$entity","@odata.type":"#microsoft.graph.trustFrameworkKeySet","@odata.etag":{},"id":"##,
                running.base_url(),
                serde_json::Value::from(etag)
            )),
            "{body}"
        );
        assert!(response.headers().contains_key("request-id"));

        // The Location URL serves the entity.
        let at_location = client.raw(request("GET", location, None));
        assert_eq!(at_location.status(), 200);

        // Get.
        let got = client.ok(client.key_set(&id).get().build());
        assert_eq!(got.id(), Some(id.as_str()));
        assert_eq!(kids(&got), ["k1", "k2"]);

        // PATCH with no members changes nothing.
        let patch = Patch::<TrustFrameworkKeySet>::new();
        let same = client
            .ok(client.key_set(&id).update(&patch).unwrap())
            .unwrap();
        assert_eq!(kids(&same), ["k1", "k2"]);

        // PATCH `keys`: replaced as a whole.
        let patch =
            Patch::from_value(&TrustFrameworkKeySet::builder().key(key("k3")).build()).unwrap();
        let patched = client
            .ok(client.key_set(&id).update(&patch).unwrap())
            .unwrap();
        assert_eq!(kids(&patched), ["k3"]);
        assert_eq!(kids(&client.ok(client.key_set(&id).get().build())), ["k3"]);

        // PATCH with the same id in the body is fine.
        let patch =
            Patch::from_value(&TrustFrameworkKeySet::builder().id(id.as_str()).build()).unwrap();
        let patched = client
            .ok(client.key_set(&id).update(&patch).unwrap())
            .unwrap();
        assert_eq!(kids(&patched), ["k3"]);

        // PATCH `"keys": null` clears them.
        let patch = Patch::<TrustFrameworkKeySet>::new().set_null(|f| f.keys);
        let cleared = client
            .ok(client.key_set(&id).update(&patch).unwrap())
            .unwrap();
        assert_eq!(cleared.keys, Some(vec![]));

        // PUT replaces; the id may be left out of the body.
        let replacement = TrustFrameworkKeySet::builder()
            .keys([key("k4"), key("k5")])
            .build();
        let replaced = client
            .ok(client.key_set(&id).replace(&replacement).unwrap())
            .unwrap();
        assert_eq!(replaced.id(), Some(id.as_str()));
        assert_eq!(kids(&replaced), ["k4", "k5"]);
        // PUT without keys empties the set.
        let empty = client
            .ok(client
                .key_set(&id)
                .replace(&TrustFrameworkKeySet::builder().id(id.as_str()).build())
                .unwrap())
            .unwrap();
        assert_eq!(empty.keys, Some(vec![]));

        // Delete: 204, then it is gone.
        let (response, deleted) = client.send(client.key_set(&id).delete());
        deleted.unwrap();
        assert_eq!(response.status(), 204);
        assert!(response.body().is_empty());
        client.fails(client.key_set(&id).get().build(), 404, "ResourceNotFound");
    }
    assert!(running.key_sets().is_empty());
    running.shutdown().unwrap();
}

#[test]
fn create_generates_an_id_or_keeps_the_one_given() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "graph");
    let empty = TrustFrameworkKeySet::builder().build();

    let generated = client.ok(client.key_sets().create(&empty).unwrap());
    let id = generated.id().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(
        generated.keys,
        Some(vec![]),
        "Graph answers an empty create with keys: []"
    );

    let given = client.ok(client.key_sets().create(&set("keyset1", &[])).unwrap());
    assert_eq!(given.id(), Some("keyset1"));

    // The same id again: 409, in either syntax (create has no key in its URL; both are run).
    for syntax in common::SYNTAXES {
        let client = Client::new(&running, syntax);
        let error = client.fails(
            client.key_sets().create(&set("keyset1", &["x"])).unwrap(),
            409,
            "Conflict",
        );
        assert!(error.error.unwrap().message.contains("keyset1"));
    }
    // The conflict changed nothing.
    let stored = running.key_sets();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|s| s.keys == Some(vec![])));
}

#[test]
fn graph_id_prefix_mode() {
    let running = KeySetService::builder()
        .graph_id_prefix(true)
        .build()
        .start()
        .unwrap();
    let client = Client::new(&running, "odata");
    let (response, created) = client.send(client.key_sets().create(&set("keyset1", &[])).unwrap());
    assert_eq!(created.unwrap().id(), Some("B2C_1A_keyset1"));
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("/trustFramework/keySets('B2C_1A_keyset1')"));
    let kept = client.ok(client.key_sets().create(&set("b2c_1A_Mine", &[])).unwrap());
    assert_eq!(kept.id(), Some("b2c_1A_Mine"));
    let generated = client.ok(client
        .key_sets()
        .create(&TrustFrameworkKeySet::builder().build())
        .unwrap());
    assert!(generated.id().unwrap().starts_with("B2C_1A_"));
    assert_eq!(generated.id().unwrap().len(), 7 + 36);
}

#[test]
fn ids_that_need_encoding_round_trip_in_both_key_syntaxes() {
    let running = KeySetService::builder().build().start().unwrap();
    let ids = [
        "O'Brien",
        "it''s",
        "a/b",
        "with space",
        "100%",
        "q?x#y&z=1",
        "..",
        ".",
        "généré",
        "('x')",
        "+plus",
    ];
    for syntax in SYNTAXES {
        let client = Client::new(&running, syntax);
        for raw in ids {
            let id = format!("{syntax}-{raw}");
            let (response, created) =
                client.send(client.key_sets().create(&set(&id, &["k"])).unwrap());
            assert_eq!(created.unwrap().id(), Some(id.as_str()));
            // The Location header, in the OData syntax, addresses the same key set.
            let location = response.headers()["location"].to_str().unwrap().to_owned();
            let at_location = client.raw(request("GET", &location, None));
            assert_eq!(at_location.status(), 200, "{location}");
            let read: TrustFrameworkKeySet =
                odata_core::json::from_slice(at_location.body()).unwrap();
            assert_eq!(read.id(), Some(id.as_str()), "{location}");

            let got = client.ok(client.key_set(&id).get().build());
            assert_eq!(got.id(), Some(id.as_str()), "{syntax} {id}");
            let patch =
                Patch::from_value(&TrustFrameworkKeySet::builder().key(key("k2")).build()).unwrap();
            let patched = client
                .ok(client.key_set(&id).update(&patch).unwrap())
                .unwrap();
            assert_eq!(kids(&patched), ["k2"]);
            client.ok(client.key_set(&id).delete());
        }
    }
    assert!(running.key_sets().is_empty());
}

#[test]
fn paging_with_top_skiptoken_and_count() {
    let running = KeySetService::builder()
        .page_size(3)
        .build()
        .start()
        .unwrap();
    let client = Client::new(&running, "graph");
    // Created out of order; listed by id.
    let mut ids: Vec<String> = [5, 2, 7, 0, 3, 1, 6, 4]
        .iter()
        .map(|i| format!("B2C_1A_set{i}"))
        .collect();
    for id in &ids {
        client.ok(client.key_sets().create(&set(id, &[])).unwrap());
    }
    ids.sort();

    // Server-driven pages of 3, walked with odata-core's `pages` over odata-core's client.
    let first = common::req(client.key_sets().list().build());
    let walked: Vec<_> = pages(first, |request| {
        Ok::<_, std::convert::Infallible>(common::execute(&client.http, request))
    })
    .map(|page| page.unwrap())
    .collect();
    assert_eq!(
        walked.iter().map(|p| p.value.len()).collect::<Vec<_>>(),
        [3, 3, 2]
    );
    let listed: Vec<String> = walked
        .iter()
        .flat_map(|p| &p.value)
        .map(|s| s.id().unwrap().to_owned())
        .collect();
    assert_eq!(listed, ids);
    let first_page = &walked[0];
    assert_eq!(
        first_page.context.as_deref(),
        Some(format!("{}/$metadata#trustFramework/keySets", running.base_url()).as_str())
    );
    assert_eq!(first_page.count, None);
    let next = first_page.next_link.as_deref().unwrap();
    assert!(next.starts_with(&format!(
        "{}/trustFramework/keySets?$skiptoken=",
        running.base_url()
    )));
    assert!(walked[2].next_link.is_none());

    // `$top` is the page size; `$count=true` gives the total on every page; both carry on.
    let first = common::req(client.key_sets().list().top(2).count(true).build());
    let walked: Vec<_> = pages(first, |request| {
        Ok::<_, std::convert::Infallible>(common::execute(&client.http, request))
    })
    .map(|page| page.unwrap())
    .collect();
    assert_eq!(walked.len(), 4);
    assert!(walked
        .iter()
        .all(|p| p.count == Some(8) && p.value.len() == 2));
    assert!(walked[0]
        .next_link
        .as_deref()
        .unwrap()
        .contains("$top=2&$count=true&$skiptoken="));

    // A `$top` above the page size is capped; `$top=0` is an empty last page.
    let page = client.ok(client.key_sets().list().top(50).build());
    assert_eq!(page.value.len(), 3);
    assert!(page.next_link.is_some());
    let page = client.ok(client.key_sets().list().top(0).count(true).build());
    assert!(page.value.is_empty());
    assert!(page.next_link.is_none());
    assert_eq!(page.count, Some(8));

    // A key set deleted between pages is not skipped over or repeated around.
    let page = client.ok(client.key_sets().list().top(3).build());
    client.ok(client.key_set(&ids[3]).delete());
    let list = common::req(client.key_sets().list().build());
    let next = client.ok(list.next_page(&page).unwrap().unwrap());
    let after: Vec<_> = next.value.iter().map(|s| s.id().unwrap()).collect();
    assert_eq!(after, [&ids[4], &ids[5], &ids[6]]);
}

#[test]
fn write_only_members_are_stored_but_never_served() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "odata");
    let secret = TrustFrameworkKey::builder()
        .kid("s1")
        .kty("oct")
        .k("c2VjcmV0")
        .build();
    let private = TrustFrameworkKey::builder()
        .kid("r1")
        .kty("RSA")
        .n("n")
        .e("AQAB")
        .d("d")
        .p("p")
        .q("q")
        .dp("dp")
        .dq("dq")
        .qi("qi")
        .build();
    let body = TrustFrameworkKeySet::builder()
        .id("B2C_1A_private")
        .keys([secret, private])
        .build();
    let (response, created) = client.send(client.key_sets().create(&body).unwrap());
    let created = created.unwrap();
    for served in [
        created,
        client.ok(client.key_set("B2C_1A_private").get().build()),
    ] {
        let keys = served.keys.unwrap();
        assert!(keys.iter().all(|k| k.k.is_none()
            && k.d.is_none()
            && k.p.is_none()
            && k.q.is_none()
            && k.dp.is_none()
            && k.dq.is_none()
            && k.qi.is_none()));
        assert_eq!(keys[1].n.as_deref(), Some("n"));
    }
    let text = String::from_utf8_lossy(response.body());
    assert!(!text.contains("c2VjcmV0") && !text.contains(r#""d":"#));
    let stored = running.key_sets();
    let keys = stored[0].keys.as_ref().unwrap();
    assert_eq!(
        keys[0].k.as_ref().map(|s| s.expose_secret()),
        Some("c2VjcmV0")
    );
    assert_eq!(keys[1].qi.as_ref().map(|s| s.expose_secret()), Some("qi"));
}

#[test]
fn annotations_are_accepted_and_dropped() {
    let running = KeySetService::builder().build().start().unwrap();
    let client = Client::new(&running, "graph");
    let body = br##"{
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#trustFramework/keySets/$entity",
        "@odata.type": "microsoft.graph.trustFrameworkKeySet",
        "id": "B2C_1A_annotated",
        "keys@odata.type": "#Collection(microsoft.graph.trustFrameworkKey)",
        "keys": [{"@odata.type": "microsoft.graph.trustFrameworkKey", "kid": "k", "x5t": null}]
    }"##;
    let create = client.key_sets().create(&set("unused", &[])).unwrap();
    let response = client.raw(common::with_body(create, body));
    assert_eq!(response.status(), 201);
    let stored = running.key_sets();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].extra.is_empty());
    let key = &stored[0].keys.as_ref().unwrap()[0];
    assert!(key.extra.is_empty());
    assert_eq!(
        odata_core::json::to_string(key).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.trustFrameworkKey","kid":"k"}"##
    );
}
