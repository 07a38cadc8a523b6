//! `$filter`, `$orderby`, `$select`, `$skip`, `$count` and `/keySets/$count` end to end: the
//! embedded service evaluates them over real loopback HTTP, through the blocking and the
//! async client and odata-core's request builders (raw `$filter` strings). Paging with a
//! filter and an order follows next links to the end without repeating or skipping a key
//! set, even when the collection changes between pages. Bad options are 400s whose message
//! says where and what.

mod common;

use common::loopback::{asynchronous, blocking, key_sets, start};
use futures_util::TryStreamExt;
use odata_core::async_client::AsyncClientError;
use odata_core::client::{Client, ClientError};
use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::request::{pages, CollectionPath, Error, PageOf, Request, ServiceError};
use odata_core::EntityType;
use odata_service::RunningService;

fn key(kid: &str, kty: &str, nbf: Option<i64>, exp: Option<i64>) -> TrustFrameworkKey {
    let mut key = TrustFrameworkKey::builder().kid(kid).kty(kty).build();
    key.nbf = nbf;
    key.exp = exp;
    key
}

/// The key sets every test starts from: (id, keys).
fn fixtures() -> Vec<(&'static str, Vec<TrustFrameworkKey>)> {
    let mut signing = key("sig-1", "RSA", Some(100), Some(200));
    signing.r#use = Some("sig".into());
    signing.x5c = Some(vec!["MIIC-one".into(), "MIIC-two".into()]);
    let mut encryption = key("O'Brien", "RSA", Some(300), None);
    encryption.r#use = Some("enc".into());
    vec![
        (
            "B2C_1A_Signing",
            vec![signing, key("sig-2", "oct", Some(150), None)],
        ),
        ("B2C_1A_Encryption", vec![encryption]),
        ("B2C_1A_empty", vec![]),
        (
            "B2C_1A_many",
            vec![
                key("m1", "oct", None, None),
                key("m2", "oct", None, None),
                key("m3", "RSA", Some(5), Some(6)),
            ],
        ),
        ("other", vec![key("o1", "RSA", None, Some(50))]),
        ("Zeta", vec![]),
    ]
}

fn seeded() -> (RunningService, CollectionPath<TrustFrameworkKeySet>) {
    let running = start();
    let sets = key_sets(&running);
    let client = blocking();
    for (id, keys) in fixtures() {
        let body = TrustFrameworkKeySet::builder().id(id).keys(keys).build();
        client.execute(&sets.create(&body).unwrap()).unwrap();
    }
    (running, sets)
}

/// Adds raw query options (already encoded) to a built list request.
fn with_query<T>(mut request: Request<PageOf<T>>, extra: &str) -> Request<PageOf<T>> {
    let uri = request.http().uri().to_string();
    let joined = if uri.contains('?') {
        format!("{uri}&{extra}")
    } else {
        format!("{uri}?{extra}")
    };
    *request.http_mut().uri_mut() = joined.parse().unwrap();
    request
}

fn ids(sets: &[TrustFrameworkKeySet]) -> Vec<String> {
    sets.iter().map(|s| s.id().unwrap().to_owned()).collect()
}

/// Every key set the request's pages hold, following next links, and the page sizes.
fn walk(
    client: &Client,
    first: Request<PageOf<TrustFrameworkKeySet>>,
) -> (Vec<String>, Vec<usize>) {
    let mut all = Vec::new();
    let mut sizes = Vec::new();
    for page in pages(first, |request| client.send(request)) {
        let page = page.unwrap();
        sizes.push(page.value.len());
        all.extend(ids(&page.value));
    }
    (all, sizes)
}

/// The ids of the fixtures whose keys satisfy `keep`, in id order: an oracle written in Rust.
fn fixtures_where(keep: impl Fn(&str, &[TrustFrameworkKey]) -> bool) -> Vec<String> {
    let mut ids: Vec<String> = fixtures()
        .into_iter()
        .filter(|(id, keys)| keep(id, keys))
        .map(|(id, _)| id.to_owned())
        .collect();
    ids.sort();
    ids
}

fn bad_request(err: ClientError) -> String {
    match err {
        ClientError::Response(Error::Service(e)) => message(*e),
        other => panic!("expected a 400, got {other:?}"),
    }
}

fn message(e: ServiceError) -> String {
    assert_eq!(e.status, 400, "{:?}", String::from_utf8_lossy(&e.body));
    let error = e.error.expect("an OData error body");
    assert_eq!(error.code, "BadRequest");
    error.message
}

#[test]
fn filters_select_the_key_sets_they_describe() {
    let (_running, sets) = seeded();
    let client = blocking();
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("id eq 'other'", vec!["other".into()]),
        (
            "startswith(id,'B2C_1A_') and not endswith(id,'y')",
            fixtures_where(|id, _| id.starts_with("B2C_1A_") && !id.ends_with('y')),
        ),
        (
            "contains(tolower(id), 'e') or toupper(id) eq 'ZETA'",
            fixtures_where(|id, _| id.to_lowercase().contains('e') || id == "Zeta"),
        ),
        (
            "id in ('Zeta', 'other', 'nobody')",
            vec!["Zeta".into(), "other".into()],
        ),
        (
            "keys/any(k:k/kid eq 'O''Brien')",
            vec!["B2C_1A_Encryption".into()],
        ),
        ("keys/any()", fixtures_where(|_, keys| !keys.is_empty())),
        ("not keys/any()", fixtures_where(|_, keys| keys.is_empty())),
        (
            "keys/all(k:k/kty eq 'oct')",
            fixtures_where(|_, keys| keys.iter().all(|k| k.kty.as_deref() == Some("oct"))),
        ),
        (
            "keys/$count ge 2",
            fixtures_where(|_, keys| keys.len() >= 2),
        ),
        // Nulls: a missing exp is null; gt null-safe, eq null matches it.
        (
            "keys/any(k:k/exp gt 100)",
            fixtures_where(|_, keys| keys.iter().any(|k| k.exp.is_some_and(|e| e > 100))),
        ),
        (
            "keys/any(k:k/exp eq null and k/nbf ne null)",
            fixtures_where(|_, keys| keys.iter().any(|k| k.exp.is_none() && k.nbf.is_some())),
        ),
        (
            "keys/any(k:k/x5c/any(c:startswith(c,'MIIC')) and k/use eq 'sig')",
            vec!["B2C_1A_Signing".into()],
        ),
        // and binds tighter than or.
        (
            "id eq 'Zeta' or id eq 'other' and length(id) eq 1",
            vec!["Zeta".into()],
        ),
        (
            "(id eq 'Zeta' or id eq 'other') and length(id) eq 5",
            vec!["other".into()],
        ),
    ];
    for (filter, expected) in cases {
        // Pages of 2, so the filter is applied across next links too.
        let request = sets
            .list()
            .filter(filter)
            .top(2)
            .count(true)
            .build()
            .unwrap();
        let first = client.execute(&request).unwrap();
        assert_eq!(first.count, Some(expected.len() as i64), "{filter}");
        let (got, _) = walk(&client, request);
        assert_eq!(got, expected, "{filter}");
        // The count segment agrees.
        let mut count = sets.list().filter(filter).build().unwrap().into_http();
        let url = count
            .uri()
            .to_string()
            .replace("/keySets?", "/keySets/$count?");
        *count.uri_mut() = url.parse().unwrap();
        let response = client.send(count).unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        assert_eq!(
            String::from_utf8(response.into_body()).unwrap(),
            expected.len().to_string(),
            "{filter}"
        );
    }
}

#[test]
fn orderby_skip_and_paging_keep_their_place() {
    let (running, sets) = seeded();
    let client = blocking();
    // Most keys first, then by id descending; the oracle sorts the fixtures the same way.
    let mut expected: Vec<(usize, String)> = fixtures()
        .into_iter()
        .map(|(id, keys)| (keys.len(), id.to_owned()))
        .collect();
    expected.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let expected: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();
    let ordered = |top: u64| {
        with_query(
            sets.list().top(top).count(true).build().unwrap(),
            "$orderby=keys/$count%20desc,id%20desc",
        )
    };
    for top in [1, 2, 4, 10] {
        let (got, sizes) = walk(&client, ordered(top));
        assert_eq!(got, expected, "$top={top}");
        assert!(sizes.iter().all(|&s| s as u64 <= top));
    }
    // The typed builder's order: id descending.
    let (got, _) = walk(
        &client,
        sets.list()
            .order_by(|f| [f.id.desc()])
            .top(4)
            .build()
            .unwrap(),
    );
    let mut by_id = fixtures_where(|_, _| true);
    by_id.reverse();
    assert_eq!(got, by_id);
    // tolower(id) ascending mixes the cases that byte order separates.
    let (got, _) = walk(
        &client,
        with_query(sets.list().build().unwrap(), "$orderby=tolower(id)"),
    );
    let mut lower = fixtures_where(|_, _| true);
    lower.sort_by_key(|id| id.to_lowercase());
    assert_eq!(got, lower);

    // $skip applies after the filter and the order; @odata.count ignores it.
    let request = with_query(
        sets.list()
            .filter("startswith(id,'B2C')")
            .skip(1)
            .top(2)
            .count(true)
            .build()
            .unwrap(),
        "$orderby=id",
    );
    let page = client.execute(&request).unwrap();
    assert_eq!(page.count, Some(4));
    assert_eq!(ids(&page.value), ["B2C_1A_Signing", "B2C_1A_empty"]);
    let next = page.next_link.as_deref().unwrap();
    assert!(!next.contains("$skip="), "the token replaces $skip: {next}");
    assert!(next.contains("$filter=startswith(id,'B2C')"), "{next}");
    let (rest, _) = walk(&client, request);
    assert_eq!(rest, ["B2C_1A_Signing", "B2C_1A_empty", "B2C_1A_many"]);

    // The collection changes between pages: a key set added before the position is not
    // served, one added after it is, and none is served twice.
    let first = ordered(2);
    let page = client.execute(&first).unwrap();
    assert_eq!(ids(&page.value), expected[..2]);
    for (id, n) in [("AAA_before", 9), ("AAA_after", 0)] {
        let keys: Vec<_> = (0..n)
            .map(|i| key(&format!("x{i}"), "oct", None, None))
            .collect();
        let body = TrustFrameworkKeySet::builder().id(id).keys(keys).build();
        client.execute(&sets.create(&body).unwrap()).unwrap();
    }
    let next = first.next_page(&page).unwrap().unwrap();
    let (rest, _) = walk(&client, next);
    let mut after = expected[2..].to_vec();
    after.push("AAA_after".into());
    assert_eq!(rest, after);
    drop(running);
}

#[test]
fn select_serves_only_what_is_asked() {
    let (_running, sets) = seeded();
    let client = blocking();
    let page = client
        .execute(
            &sets
                .list()
                .select(|f| [f.id])
                .filter("keys/any()")
                .build()
                .unwrap(),
        )
        .unwrap();
    assert_eq!(page.value.len(), 4);
    for set in &page.value {
        assert!(set.id().is_some());
        assert_eq!(set.keys, None, "keys not selected");
        assert!(
            set.extra.get_as::<String>("@odata.etag").is_some(),
            "control information stays"
        );
    }
    let page = client
        .execute(
            &sets
                .list()
                .select(|f| [f.keys])
                .filter("id eq 'B2C_1A_many'")
                .build()
                .unwrap(),
        )
        .unwrap();
    assert_eq!(page.value[0].keys.as_ref().map(Vec::len), Some(3));
    assert_eq!(page.value[0].id(), Some("B2C_1A_many"), "id always comes");
    // Without a filter or an order too (the service reads its map in id order then), with
    // $skip, across pages.
    let (got, sizes) = walk(
        &client,
        sets.list()
            .select(|f| [f.id])
            .skip(2)
            .top(3)
            .build()
            .unwrap(),
    );
    assert_eq!(got, fixtures_where(|_, _| true)[2..]);
    assert_eq!(sizes, [3, 1]);
    let page = client
        .execute(&sets.list().select(|f| [f.id]).skip(5).build().unwrap())
        .unwrap();
    assert_eq!(ids(&page.value), ["other"]);
    assert_eq!(page.value[0].keys, None);
    let all = client
        .execute(&with_query(sets.list().build().unwrap(), "$select=*"))
        .unwrap();
    assert!(all.value.iter().all(|s| s.keys.is_some()));
}

#[test]
fn bad_options_are_400_saying_where_and_what() {
    let (_running, sets) = seeded();
    let client = blocking();
    let cases = [
        (
            "id eq",
            "at offset 5: expected a property, a literal, a function call or '('",
        ),
        ("name eq 'x'", "unknown property 'name'"),
        (
            "keys/any(k:k/kidd eq 'x')",
            "at offset 13: unknown property 'kidd'",
        ),
        ("keys/any(k:k/d ne null)", "'d' is write-only"),
        (
            "id eq 'x' and (id eq 'y'",
            "expected ')' closing the parenthesis",
        ),
        ("id eq 5", "cannot compare Edm.String with Edm.Int64"),
        ("frob(id)", "unknown function 'frob'"),
        ("id eq 'unclosed", "not closed"),
        ("id", "must be a Boolean expression"),
    ];
    for (filter, expected) in cases {
        let err = client
            .execute(&sets.list().filter(filter).build().unwrap())
            .unwrap_err();
        let message = bad_request(err);
        assert!(message.contains(expected), "{filter}: {message}");
        assert!(message.contains("$filter"), "{message}");
    }
    for (extra, expected) in [
        (
            "$orderby=keys",
            "cannot order by a value of type Collection",
        ),
        ("$orderby=id%20sideways", "expected asc, desc"),
        ("$select=nope", "unknown property 'nope'"),
        ("$select=keys/kid", "'keys/kid' is not supported"),
        ("$skip=-1", "'$skip' is not valid"),
        ("$skiptoken=bm9wZQ", "'$skiptoken' is not valid"),
    ] {
        let err = client
            .execute(&with_query(sets.list().build().unwrap(), extra))
            .unwrap_err();
        let message = bad_request(err);
        assert!(message.contains(expected), "{extra}: {message}");
    }
    // A token follows its own $orderby only.
    let page = client
        .execute(&with_query(
            sets.list().top(1).build().unwrap(),
            "$orderby=id%20desc",
        ))
        .unwrap();
    let next = page
        .next_link
        .unwrap()
        .replace("$orderby=id%20desc", "$orderby=id");
    let mut request = sets.list().build().unwrap();
    *request.http_mut().uri_mut() = next.parse().unwrap();
    let message = bad_request(client.execute(&request).unwrap_err());
    assert!(
        message.contains("issued for $orderby 'id desc'"),
        "{message}"
    );
}

#[tokio::test]
async fn the_async_client_gets_the_same_answers() {
    let (_running, sets) = seeded();
    let client = asynchronous();
    let blocking = blocking();
    for filter in [
        "keys/any(k:k/kty eq 'RSA')",
        "keys/all(k:k/exp eq null)",
        "startswith(id,'B2C') and keys/$count lt 2",
        "length(id) gt 5",
    ] {
        let request = || {
            with_query(
                sets.list().filter(filter).top(2).build().unwrap(),
                "$orderby=keys/$count,id%20desc",
            )
        };
        let items: Vec<String> = client
            .items(request())
            .map_ok(|set| set.id().unwrap().to_owned())
            .try_collect()
            .await
            .unwrap();
        // The blocking client may block this test's thread: the service runs on its own.
        let (from_blocking, _) = walk(&blocking, request());
        assert_eq!(items, from_blocking, "{filter}");
        assert!(!items.is_empty(), "{filter}");
    }
    let err = client
        .execute(&sets.list().filter("keys/any(k:k/kid eq)").build().unwrap())
        .await
        .unwrap_err();
    match err {
        AsyncClientError::Response(Error::Service(e)) => {
            let message = message(*e);
            assert!(
                message.contains("at offset 19: expected a property"),
                "{message}"
            );
        }
        other => panic!("expected a 400, got {other:?}"),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever the `$filter` or `$orderby` text, the service answers 200 or a 400 in
    /// Graph's format: never a 5xx, a panic or a dropped connection.
    #[test]
    fn any_filter_or_orderby_text_gets_200_or_a_400(
        text in "[ -~é]{0,40}|(id|keys|k|/|any\\(|k:|k/kid|eq|and|or|not|'x'|1|null|\\(|\\)| ){0,16}"
    ) {
        let (running, sets) = SERVICE.get_or_init(seeded);
        let _ = running;
        let client = blocking();
        for request in [
            sets.list().filter(text.as_str()).build().unwrap(),
            with_query(
                sets.list().build().unwrap(),
                &format!("$orderby={}", percent_encode(&text)),
            ),
        ] {
            match client.execute(&request) {
                Ok(page) => proptest::prop_assert!(page.value.len() <= fixtures().len()),
                Err(err) => {
                    let message = bad_request(err);
                    proptest::prop_assert!(message.contains("at offset"), "{}", message);
                }
            }
        }
    }
}

static SERVICE: std::sync::OnceLock<(RunningService, CollectionPath<TrustFrameworkKeySet>)> =
    std::sync::OnceLock::new();

/// Every byte but unreserved ones percent-encoded.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
