//! Key encoding: whatever the id, it stays one key in the path, in both key syntaxes. It never
//! adds a path segment, never starts a query or fragment, and decodes back to itself.

mod test_req_support;

use odata_core::graph::{GenerateKeyParameters, GraphService, KeyType, KeyUse};
use odata_core::request::Service;
use test_req_support::{graph, odata, percent_decode, GRAPH_BASE, ODATA_ROOT};

/// `(id, Graph key segment, OData key predicate)`.
const HOSTILE: &[(&str, &str, &str)] = &[
    ("a/b", "/a%2Fb", "('a%2Fb')"),
    ("x?y=1", "/x%3Fy=1", "('x%3Fy=1')"),
    ("#", "/%23", "('%23')"),
    ("%2F", "/%252F", "('%252F')"),
    ("O'Brien", "/O'Brien", "('O''Brien')"),
    (
        "ключ",
        "/%D0%BA%D0%BB%D1%8E%D1%87",
        "('%D0%BA%D0%BB%D1%8E%D1%87')",
    ),
    ("日本", "/%E6%97%A5%E6%9C%AC", "('%E6%97%A5%E6%9C%AC')"),
    ("a b", "/a%20b", "('a%20b')"),
    (" ", "/%20", "('%20')"),
    (
        "  lead and trail  ",
        "/%20%20lead%20and%20trail%20%20",
        "('%20%20lead%20and%20trail%20%20')",
    ),
    // An empty key is parenthesised in both syntaxes: as an empty segment it would address
    // the collection.
    ("", "('')", "('')"),
    ("'", "/'", "('''')"),
    ("''", "/''", "('''''')"),
    (")", "/)", "(')')"),
    ("(", "/(", "('(')"),
    ("')", "/')", "(''')')"),
    ("a')/x", "/a')%2Fx", "('a'')%2Fx')"),
    ("?", "/%3F", "('%3F')"),
    ("&$filter=x", "/&$filter=x", "('&$filter=x')"),
    ("a\\b", "/a%5Cb", "('a%5Cb')"),
    ("+", "/+", "('+')"),
    ("%", "/%25", "('%25')"),
    ("%%41", "/%25%2541", "('%25%2541')"),
    ("/", "/%2F", "('%2F')"),
    ("//", "/%2F%2F", "('%2F%2F')"),
    ("../x", "/..%2Fx", "('..%2Fx')"),
    ("a.b", "/a.b", "('a.b')"),
    // All-dot keys are parenthesised in the Graph syntax too: URL parsers resolve `.`/`..`
    // segments (even as `%2E`) as relative steps.
    ("...", "('...')", "('...')"),
    ("$count", "('$count')", "('$count')"),
    ("tab\there", "/tab%09here", "('tab%09here')"),
    ("line\r\nbreak", "/line%0D%0Abreak", "('line%0D%0Abreak')"),
    ("nul\0", "/nul%00", "('nul%00')"),
    (
        "<>\"{}|^`[]",
        "/%3C%3E%22%7B%7D%7C%5E%60%5B%5D",
        "('%3C%3E%22%7B%7D%7C%5E%60%5B%5D')",
    ),
    (
        "B2C_1A_Key-1~!*,;:@",
        "/B2C_1A_Key-1~!*,;:@",
        "('B2C_1A_Key-1~!*,;:@')",
    ),
    ("😀", "/%F0%9F%98%80", "('%F0%9F%98%80')"),
];

const COLLECTION_PATH: &str = "/trustFramework/keySets";

fn graph_url(key: &str) -> String {
    format!("{GRAPH_BASE}{COLLECTION_PATH}{key}")
}

fn odata_url(key: &str) -> String {
    format!("{ODATA_ROOT}{COLLECTION_PATH}{key}")
}

/// The path's segments after the leading `/`.
fn segments(uri: &http::Uri) -> Vec<String> {
    uri.path()[1..].split('/').map(str::to_owned).collect()
}

/// Whether the Graph syntax writes `id` in the parenthesised form (empty, all dots, `$`).
fn graph_parenthesised(id: &str) -> bool {
    id.is_empty() || id.starts_with('$') || id.bytes().all(|b| b == b'.')
}

/// Checks one Graph-syntax URL: the key stays one key, in whichever form it is written.
fn check_graph_key(what: &str, id: &str, uri: &http::Uri, after: usize) {
    let segs = segments(uri);
    assert_eq!(uri.query(), None, "{what} of {id:?}: {uri}");
    if graph_parenthesised(id) {
        assert_eq!(segs.len(), 3 + after, "{what} of {id:?}: {uri}");
        assert_eq!(odata_key(&segs[2]), id, "{what}: {uri}");
    } else {
        assert_eq!(segs.len(), 4 + after, "{what} of {id:?}: {uri}");
        assert_eq!(graph_key(&segs[3]), id, "{what}: {uri}");
    }
}

/// The id a Graph key segment decodes to.
fn graph_key(segment: &str) -> String {
    percent_decode(segment)
}

/// The id an OData key predicate (`keySets('...')`) decodes to.
fn odata_key(segment: &str) -> String {
    let literal = segment
        .strip_prefix("keySets('")
        .and_then(|s| s.strip_suffix("')"))
        .unwrap_or_else(|| panic!("not a key predicate: {segment}"));
    let decoded = percent_decode(literal);
    // Inside the literal, every quote is doubled.
    assert!(
        !decoded.replace("''", "").contains('\''),
        "an undoubled quote in {segment}"
    );
    decoded.replace("''", "'")
}

/// Every request an entity path makes, for one id, with the number of segments after the key.
fn all_requests(service: &Service, id: &str) -> Vec<(&'static str, http::Uri, usize)> {
    let set = service
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id(id);
    let p = GenerateKeyParameters {
        key_use: KeyUse::Sig,
        kty: KeyType::Rsa,
        nbf: None,
        exp: None,
    };
    vec![
        ("get", set.get().build().unwrap().http().uri().clone(), 0),
        ("delete", set.delete().unwrap().http().uri().clone(), 0),
        (
            "generateKey",
            set.generate_key(&p).unwrap().http().uri().clone(),
            1,
        ),
        (
            "getActiveKey",
            set.get_active_key().unwrap().http().uri().clone(),
            1,
        ),
    ]
}

#[test]
fn hostile_ids_exact_urls_in_both_syntaxes() {
    for &(id, graph_key_text, odata_key_text) in HOSTILE {
        let graph_request = graph()
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(id)
            .get()
            .build()
            .unwrap();
        assert_eq!(
            graph_request.http().uri().to_string(),
            graph_url(graph_key_text),
            "Graph syntax, id {id:?}"
        );
        let odata_request = odata()
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(id)
            .get()
            .build()
            .unwrap();
        assert_eq!(
            odata_request.http().uri().to_string(),
            odata_url(odata_key_text),
            "OData syntax, id {id:?}"
        );
    }
}

#[test]
fn hostile_ids_cannot_change_path_or_query() {
    let mut ids: Vec<&str> = HOSTILE.iter().map(|h| h.0).collect();
    ids.extend([".", ".."]);
    for id in ids {
        for (what, uri, after) in all_requests(&graph(), id) {
            assert_eq!(uri.host(), Some("graph.microsoft.com"));
            assert!(segments(&uri).starts_with(&["beta".into(), "trustFramework".into()]));
            check_graph_key(what, id, &uri, after);
        }
        for (what, uri, after) in all_requests(&odata(), id) {
            let segs = segments(&uri);
            assert_eq!(uri.query(), None, "{what} of {id:?}: {uri}");
            assert_eq!(uri.host(), Some("example.com"));
            assert_eq!(segs.len(), 3 + after, "{what} of {id:?}: {uri}");
            assert_eq!(&segs[..2], ["odata", "trustFramework"]);
            assert_eq!(odata_key(&segs[2]), id, "{what}: {uri}");
        }
    }
}

#[test]
fn dot_ids_are_parenthesised() {
    for (id, graph_key_text, odata_key_text) in
        [(".", "('.')", "('.')"), ("..", "('..')", "('..')")]
    {
        let set = graph()
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(id)
            .get()
            .build()
            .unwrap();
        assert_eq!(set.http().uri().to_string(), graph_url(graph_key_text));
        let set = odata()
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .by_id(id)
            .get()
            .build()
            .unwrap();
        assert_eq!(set.http().uri().to_string(), odata_url(odata_key_text));
    }
}

/// A path segment that the WHATWG URL Standard (browsers, Node, the `url` crate that reqwest
/// parses every request URL with) treats as `.` or `..` and removes while parsing.
fn is_whatwg_dot_segment(segment: &str) -> bool {
    let s = segment.to_ascii_lowercase();
    matches!(s.as_str(), "." | "%2e" | ".." | ".%2e" | "%2e." | "%2e%2e")
}

/// `%2E` does not protect a dot segment: the WHATWG URL parser treats `%2e` as `.`, so
/// `.../keySets/%2E%2E/generateKey` becomes `.../trustFramework/generateKey` and
/// `.../keySets/%2E` becomes the collection `.../keySets/` in any client built on it (checked
/// with Node's `new URL`). The parenthesised form (`keySets('..')`), which Graph also accepts
/// (its create response's `Location` uses it), is not a dot segment.
#[test]
fn dot_ids_are_not_dot_segments_for_whatwg_clients() {
    for id in [".", "..", "...", "...."] {
        for (what, uri, _) in all_requests(&graph(), id) {
            for segment in segments(&uri) {
                assert!(
                    !is_whatwg_dot_segment(&segment),
                    "{what} of {id:?}: {uri} has the dot segment {segment:?}"
                );
            }
        }
    }
    let set = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("..")
        .get()
        .build()
        .unwrap();
    assert_eq!(set.http().uri().to_string(), graph_url("('..')"));
}

/// In the key-as-segment syntax a key that starts with `$` reads as a system resource:
/// `/keySets/$count` is the collection's count, `/keySets/$ref` its references. The
/// parenthesised form (`keySets('$count')`) addresses the entity.
#[test]
fn dollar_ids_are_not_system_segments() {
    for id in ["$count", "$ref", "$value", "$metadata", "$batch", "$"] {
        for (what, uri, _) in all_requests(&graph(), id) {
            for segment in &segments(&uri)[3..] {
                assert!(
                    !segment.starts_with('$'),
                    "{what} of {id:?}: {uri} has the system-like segment {segment:?}"
                );
            }
        }
    }
}

/// Every character from U+0000 to U+02FF, and some astral ones, as an id (alone and inside a
/// longer id): no panic, a single key segment, no query, and it decodes back to itself.
#[test]
fn every_char_up_to_0x2ff_and_astral_chars_stay_one_key() {
    let astral = [
        '\u{10000}',
        '\u{1F600}',
        '\u{1F9D1}',
        '\u{20000}',
        '\u{E0001}',
        '\u{10FFFF}',
    ];
    let chars = (0u32..=0x2FF).filter_map(char::from_u32).chain(astral);
    let (graph, odata) = (graph(), odata());
    let mut count = 0;
    for c in chars {
        for id in [c.to_string(), format!("k{c}{c}y"), format!("{c}'{c}")] {
            for (what, uri, after) in all_requests(&graph, &id) {
                check_graph_key(what, &id, &uri, after);
                assert!(uri.to_string().is_ascii());
            }
            for (what, uri, after) in all_requests(&odata, &id) {
                let segs = segments(&uri);
                assert_eq!(uri.query(), None, "{what} of {id:?}: {uri}");
                assert_eq!(segs.len(), 3 + after, "{what} of {id:?}: {uri}");
                assert_eq!(odata_key(&segs[2]), id, "{what}: {uri}");
            }
            count += 1;
        }
    }
    assert_eq!(count, 3 * (0x300 + 6));
}

/// The key of a URL is only ever encoded once: no double encoding of an already-encoded key
/// text, and the key-less parts are never encoded.
#[test]
fn keys_are_encoded_once() {
    let once = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("a b")
        .get_active_key()
        .unwrap();
    assert_eq!(
        once.http().uri(),
        "https://graph.microsoft.com/beta/trustFramework/keySets/a%20b/getActiveKey"
    );
    let encoded_text = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("a%20b")
        .get_active_key()
        .unwrap();
    assert_eq!(
        encoded_text.http().uri(),
        "https://graph.microsoft.com/beta/trustFramework/keySets/a%2520b/getActiveKey"
    );
}

/// A key long enough that the URL exceeds what `http::Uri` holds (65,534 bytes): the request
/// cannot be built, which is an error, not a panic.
#[test]
fn overlong_key_is_an_error() {
    let id = "日".repeat(10_000); // 90,000 bytes once encoded
    let set = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id(&id);
    for result in [
        set.get().build().map(|_| ()),
        set.delete().map(|_| ()),
        set.get_active_key().map(|_| ()),
    ] {
        match result {
            Err(odata_core::request::Error::InvalidUrl(why)) => {
                assert!(why.contains("bytes"), "{why}")
            }
            other => panic!("expected InvalidUrl, got {other:?}"),
        }
    }
    // Just under the limit still builds.
    let id = "a".repeat(60_000);
    assert!(graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id(&id)
        .get()
        .build()
        .is_ok());
}
