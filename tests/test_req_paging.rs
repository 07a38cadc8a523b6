//! Walking a collection page by page with `odata_core::request::pages`, a closure serving
//! canned responses: `@odata.count`, `@odata.context` and `@odata.nextLink` read; next links on
//! another host refused (after the page that carried them) unless allowed; relative next links
//! resolved against the service's origin.

mod test_req_support;

use std::convert::Infallible;

use odata_core::graph::{GraphService, TrustFrameworkKeySet};
use odata_core::request::{pages, Error, Page, PageError, PageOf, Request, Service};
use odata_core::EntityType;
use test_req_support::{graph, headers, response, GRAPH_BASE};

const CONTEXT: &str = "https://graph.microsoft.com/beta/$metadata#trustFramework/keySets";
const PAGE_2: &str = "https://graph.microsoft.com/beta/trustFramework/keySets?$top=2&$skiptoken=p2";
const PAGE_3: &str = "https://graph.microsoft.com/beta/trustFramework/keySets?$top=2&$skiptoken=p3";

fn first(service: &Service) -> Request<PageOf<TrustFrameworkKeySet>> {
    service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .top(2)
        .count(true)
        .build()
        .unwrap()
}

fn page_body(ids: &[&str], next: Option<&str>, count: Option<i64>) -> String {
    let value: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id":"{id}","keys":[{{"kid":"{id}.1"}}]}}"#))
        .collect();
    let mut body = format!(r#"{{"@odata.context":"{CONTEXT}""#);
    if let Some(count) = count {
        body.push_str(&format!(r#","@odata.count":{count}"#));
    }
    body.push_str(&format!(r#","value":[{}]"#, value.join(",")));
    if let Some(next) = next {
        body.push_str(&format!(r#","@odata.nextLink":"{next}""#));
    }
    body.push('}');
    body
}

fn ids(page: &Page<TrustFrameworkKeySet>) -> Vec<String> {
    page.value
        .iter()
        .map(|set| set.id().unwrap().to_owned())
        .collect()
}

/// Serves `bodies` by exact URL; any other URL is a test failure. Records every URL asked.
fn server<'a>(
    bodies: &'a [(&'a str, String)],
    asked: &'a mut Vec<String>,
) -> impl FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Infallible> + 'a {
    move |request| {
        let url = request.uri().to_string();
        assert_eq!(request.method(), "GET");
        assert_eq!(
            headers(&request),
            [("accept".to_owned(), "application/json".to_owned())],
            "every page request is a plain GET"
        );
        assert!(request.body().is_empty());
        asked.push(url.clone());
        let body = bodies
            .iter()
            .find(|(u, _)| *u == url)
            .unwrap_or_else(|| panic!("unexpected request {url}"));
        Ok(response(200, &body.1))
    }
}

#[test]
fn three_pages() {
    let first_url = format!("{GRAPH_BASE}/trustFramework/keySets?$top=2&$count=true");
    let bodies = [
        (
            first_url.as_str(),
            page_body(&["a", "b"], Some(PAGE_2), Some(5)),
        ),
        (PAGE_2, page_body(&["c", "d"], Some(PAGE_3), Some(5))),
        (PAGE_3, page_body(&["e"], None, Some(5))),
    ];
    let mut asked = Vec::new();
    let walked: Vec<Page<TrustFrameworkKeySet>> =
        pages(first(&graph()), server(&bodies, &mut asked))
            .map(|page| page.unwrap())
            .collect();
    assert_eq!(asked, [first_url.as_str(), PAGE_2, PAGE_3]);
    assert_eq!(walked.len(), 3);
    assert_eq!(ids(&walked[0]), ["a", "b"]);
    assert_eq!(ids(&walked[1]), ["c", "d"]);
    assert_eq!(ids(&walked[2]), ["e"]);
    for page in &walked {
        assert_eq!(page.count, Some(5));
        assert_eq!(page.context.as_deref(), Some(CONTEXT));
        assert!(page.extra.is_empty());
    }
    assert_eq!(walked[0].next_link.as_deref(), Some(PAGE_2));
    assert_eq!(walked[1].next_link.as_deref(), Some(PAGE_3));
    assert_eq!(walked[2].next_link, None);
    assert_eq!(
        walked[2].value[0].keys.as_ref().unwrap()[0].kid.as_deref(),
        Some("e.1")
    );
}

/// The page-by-page API under `pages`: `next_page` is `None` on the last page.
#[test]
fn next_page_by_hand() {
    let request = first(&graph());
    let page = request
        .parse_response(&response(200, &page_body(&["a"], Some(PAGE_2), Some(2))))
        .unwrap();
    let next = request.next_page(&page).unwrap().unwrap();
    assert_eq!(next.http().uri(), PAGE_2);
    assert_eq!(next.http().method(), "GET");
    assert_eq!(
        headers(next.http()),
        [("accept".to_owned(), "application/json".to_owned())]
    );
    let last = next
        .parse_response(&response(200, &page_body(&["b"], None, None)))
        .unwrap();
    assert_eq!(last.count, None);
    assert!(next.next_page(&last).is_none());
}

/// A next link to another host is refused, after the page that carried it was yielded; the
/// walk then ends.
#[test]
fn foreign_next_link_refused_after_its_page() {
    const EVIL: &str = "https://evil.example.com/beta/trustFramework/keySets?$skiptoken=p2";
    let first_url = format!("{GRAPH_BASE}/trustFramework/keySets?$top=2&$count=true");
    let bodies = [(
        first_url.as_str(),
        page_body(&["a", "b"], Some(EVIL), Some(4)),
    )];
    let mut asked = Vec::new();
    let mut walk = pages(first(&graph()), server(&bodies, &mut asked));
    let page = walk.next().unwrap().unwrap();
    assert_eq!(ids(&page), ["a", "b"]);
    assert_eq!(page.next_link.as_deref(), Some(EVIL));
    match walk.next() {
        Some(Err(PageError::Response(Error::ForeignNextLink { link, service }))) => {
            assert_eq!(link, EVIL);
            assert_eq!(service, "https://graph.microsoft.com");
        }
        other => panic!("{other:?}"),
    }
    assert!(walk.next().is_none());
    assert!(walk.next().is_none());
    drop(walk);
    assert_eq!(asked, [first_url], "the foreign host was never asked");
}

/// Links that leave the origin in other ways are refused too: another scheme, another port,
/// user info that hides another host, a scheme-relative link.
#[test]
fn other_foreign_links_refused() {
    let request = first(&graph());
    for link in [
        "http://graph.microsoft.com/beta/trustFramework/keySets?$skiptoken=x",
        "https://graph.microsoft.com:8443/beta/trustFramework/keySets?$skiptoken=x",
        "https://graph.microsoft.com@evil.example.com/beta?$skiptoken=x",
        "https://graph.microsoft.com.evil.example.com/beta?$skiptoken=x",
        "ftp://graph.microsoft.com/beta",
    ] {
        let page = Page::<TrustFrameworkKeySet> {
            next_link: Some(link.to_owned()),
            ..Page::default()
        };
        match request.next_page(&page) {
            Some(Err(Error::ForeignNextLink { link: l, service })) => {
                assert_eq!(l, link);
                assert_eq!(service, "https://graph.microsoft.com");
            }
            other => panic!("{link}: {other:?}"),
        }
    }
    for link in [
        "//evil.example.com/beta?$skiptoken=x",
        "trustFramework/keySets?$skiptoken=x",
        "not a url",
    ] {
        let page = Page::<TrustFrameworkKeySet> {
            next_link: Some(link.to_owned()),
            ..Page::default()
        };
        match request.next_page(&page) {
            Some(Err(Error::InvalidUrl(why))) => assert!(why.contains(link), "{why}"),
            other => panic!("{link}: {other:?}"),
        }
    }
    // The host compares case-insensitively.
    let page = Page::<TrustFrameworkKeySet> {
        next_link: Some(
            "https://GRAPH.microsoft.com/beta/trustFramework/keySets?$skiptoken=x".into(),
        ),
        ..Page::default()
    };
    assert_eq!(
        request.next_page(&page).unwrap().unwrap().http().uri(),
        "https://graph.microsoft.com/beta/trustFramework/keySets?$skiptoken=x"
    );
}

#[test]
fn foreign_next_link_followed_when_allowed() {
    const OTHER: &str = "https://graph-eu.example.net/beta/trustFramework/keySets?$skiptoken=p2";
    let service = Service::graph(GRAPH_BASE)
        .unwrap()
        .allow_foreign_next_links(true);
    let first_url = format!("{GRAPH_BASE}/trustFramework/keySets?$top=2&$count=true");
    let bodies = [
        (
            first_url.as_str(),
            page_body(&["a", "b"], Some(OTHER), None),
        ),
        (OTHER, page_body(&["c"], None, None)),
    ];
    let mut asked = Vec::new();
    let all: Vec<String> = pages(first(&service), server(&bodies, &mut asked))
        .flat_map(|page| ids(&page.unwrap()))
        .collect();
    assert_eq!(all, ["a", "b", "c"]);
    assert_eq!(asked, [first_url.as_str(), OTHER]);
    // Only http(s) links, even when allowed.
    let page = Page::<TrustFrameworkKeySet> {
        next_link: Some("ftp://files.example.net/keySets".into()),
        ..Page::default()
    };
    assert!(matches!(
        first(&service).next_page(&page),
        Some(Err(Error::ForeignNextLink { .. }))
    ));
    // Turning it off again refuses.
    let strict = service.allow_foreign_next_links(false);
    let page = Page::<TrustFrameworkKeySet> {
        next_link: Some(OTHER.into()),
        ..Page::default()
    };
    assert!(matches!(
        first(&strict).next_page(&page),
        Some(Err(Error::ForeignNextLink { .. }))
    ));
}

#[test]
fn relative_next_link_resolved_against_the_origin() {
    const RELATIVE: &str = "/beta/trustFramework/keySets?$top=2&$skiptoken=p2";
    let first_url = format!("{GRAPH_BASE}/trustFramework/keySets?$top=2&$count=true");
    let resolved = format!("https://graph.microsoft.com{RELATIVE}");
    let bodies = [
        (
            first_url.as_str(),
            page_body(&["a"], Some(RELATIVE), Some(2)),
        ),
        (resolved.as_str(), page_body(&["b"], None, Some(2))),
    ];
    let mut asked = Vec::new();
    let walked: Vec<_> = pages(first(&graph()), server(&bodies, &mut asked))
        .map(|page| ids(&page.unwrap()))
        .collect();
    assert_eq!(walked, [vec!["a".to_owned()], vec!["b".to_owned()]]);
    assert_eq!(asked, [first_url.as_str(), resolved.as_str()]);
}

/// A failing page stops the walk: an error status, a body that is not a page, or the
/// executor's own error.
#[test]
fn errors_stop_the_walk() {
    let first_url = format!("{GRAPH_BASE}/trustFramework/keySets?$top=2&$count=true");

    // The second page answers 429.
    let mut served = 0;
    let execute = |request: http::Request<Vec<u8>>| -> Result<_, Infallible> {
        served += 1;
        if request.uri() == first_url.as_str() {
            Ok(response(200, &page_body(&["a"], Some(PAGE_2), None)))
        } else {
            Ok(http::Response::builder()
                .status(429)
                .header("retry-after", "3")
                .body(br#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#.to_vec())
                .unwrap())
        }
    };
    let mut walk = pages(first(&graph()), execute);
    assert_eq!(ids(&walk.next().unwrap().unwrap()), ["a"]);
    match walk.next() {
        Some(Err(PageError::Response(Error::Service(e)))) => {
            assert_eq!(e.status, 429);
            assert_eq!(e.retry_after.as_deref(), Some("3"));
            assert_eq!(e.error.as_ref().unwrap().code, "TooManyRequests");
        }
        other => panic!("{other:?}"),
    }
    assert!(walk.next().is_none());
    drop(walk);
    assert_eq!(served, 2);

    // A 200 without `value`.
    let mut walk = pages(first(&graph()), |_| -> Result<_, Infallible> {
        Ok(response(200, r#"{"@odata.context":"x"}"#))
    });
    match walk.next() {
        Some(Err(PageError::Response(Error::Body { status, error, .. }))) => {
            assert_eq!(status, 200);
            assert_eq!(error.path(), "$");
            assert!(error.message().contains("value"), "{}", error.message());
        }
        other => panic!("{other:?}"),
    }
    assert!(walk.next().is_none());

    // The executor fails.
    let mut walk = pages(first(&graph()), |_| Err("connection reset"));
    match walk.next() {
        Some(Err(PageError::Execute(e))) => assert_eq!(e, "connection reset"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        PageError::<&str>::Execute("connection reset").to_string(),
        "executing a page request: connection reset"
    );
}

/// A wrongly typed member deep in a page is reported with its JSON path.
#[test]
fn page_body_error_names_the_member_path() {
    let request = first(&graph());
    let body = r#"{"value":[{"id":"a"},{"id":"b","keys":[{"kid":"k"},{"exp":"soon"}]}]}"#;
    match request.parse_response(&response(200, body)) {
        Err(Error::Body {
            status,
            error,
            body: raw,
        }) => {
            assert_eq!(status, 200);
            assert_eq!(error.path(), "$.value[1].keys[1].exp");
            assert_eq!(raw, body.as_bytes());
        }
        other => panic!("{other:?}"),
    }
}

/// `@odata.deltaLink` and other members of a page are kept.
#[test]
fn other_page_members_kept() {
    let request = first(&graph());
    let page = request
        .parse_response(&response(
            200,
            r#"{"value":[],"@odata.deltaLink":"https://graph.microsoft.com/beta/x?$deltatoken=1","@odata.count":0}"#,
        ))
        .unwrap();
    assert!(page.value.is_empty());
    assert_eq!(page.count, Some(0));
    assert_eq!(page.extra.len(), 1);
    assert_eq!(
        page.extra.get("@odata.deltaLink").unwrap().get(),
        r#""https://graph.microsoft.com/beta/x?$deltatoken=1""#
    );
}

/// `https://host:443` is the same origin as `https://host` (RFC 6454): a next link that spells
/// out the default port stays on the service.
#[test]
fn next_link_with_the_default_port_is_not_foreign() {
    let page = Page::<TrustFrameworkKeySet> {
        next_link: Some(
            "https://graph.microsoft.com:443/beta/trustFramework/keySets?$skiptoken=x".into(),
        ),
        ..Page::default()
    };
    let next = first(&graph()).next_page(&page).unwrap().unwrap();
    assert_eq!(next.http().uri().host(), Some("graph.microsoft.com"));
}
