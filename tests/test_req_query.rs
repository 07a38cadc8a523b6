//! Query options on list and get: `$select`, `$orderby` and `$expand` from the typed field
//! list, `$filter` and `$search` encoded so that they cannot add options of their own, `$top`,
//! `$skip`, `$count`, and their combinations, in a fixed order.

mod test_req_support;

use odata_core::graph::GraphService;
use odata_core::request::Service;
use odata_core::ODataEntity;
use test_req_support::{assert_request, graph, odata, percent_decode, GRAPH_BASE, ODATA_ROOT};

/// A small model with navigation properties, for `$expand` on a collection.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.library")]
pub struct Book {
    #[odata(key)]
    pub id: Option<String>,
    pub title: Option<String>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.library")]
pub struct Shelf {
    #[odata(key)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[odata(navigation)]
    pub books: Option<Vec<Book>>,
    #[odata(navigation)]
    pub featured: Option<Book>,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso.library", container)]
pub struct Library {
    pub shelves: Vec<Shelf>,
}

const KEY_SETS: &str = "https://graph.microsoft.com/beta/trustFramework/keySets";

/// The query string split back into `(name, decoded value)` pairs, as a server reads it.
fn options(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .map(|pair| {
            let (name, value) = pair
                .split_once('=')
                .unwrap_or_else(|| panic!("option without `=`: {pair}"));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn names(query: &str) -> Vec<String> {
    options(query).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn select_from_the_field_list_on_list() {
    let request = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .select(|f| [f.id, f.keys])
        .build()
        .unwrap();
    assert_request(
        &request,
        "GET",
        &format!("{KEY_SETS}?$select=id,keys"),
        None,
    );
    assert_eq!(request.http().uri().query(), Some("$select=id,keys"));
    assert_eq!(request.http().uri().path(), "/beta/trustFramework/keySets");
}

#[test]
fn select_on_get_in_both_syntaxes() {
    let request = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("B2C_1A_x")
        .get()
        .select(|f| [f.keys])
        .build()
        .unwrap();
    assert_request(
        &request,
        "GET",
        &format!("{KEY_SETS}/B2C_1A_x?$select=keys"),
        None,
    );
    let request = odata()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("B2C_1A_x")
        .get()
        .select(|f| [f.id])
        .select(|f| [f.keys])
        .build()
        .unwrap();
    assert_request(
        &request,
        "GET",
        &format!("{ODATA_ROOT}/trustFramework/keySets('B2C_1A_x')?$select=id,keys"),
        None,
    );
}

#[test]
fn select_writes_odata_names() {
    let service = Service::odata("https://library.example.com/v4").unwrap();
    let request = service
        .root::<Library>()
        .shelves()
        .list()
        .select(|f| [f.display_name, f.id])
        .order_by(|f| [f.display_name])
        .build()
        .unwrap();
    assert_eq!(
        request.http().uri(),
        "https://library.example.com/v4/shelves?$select=displayName,id&$orderby=displayName"
    );
}

#[test]
fn order_by_ascending_and_descending() {
    let key_sets = graph().root::<GraphService>().trust_framework().key_sets();
    let desc = key_sets.list().order_by(|f| [f.id.desc()]).build().unwrap();
    assert_eq!(
        desc.http().uri(),
        &*format!("{KEY_SETS}?$orderby=id%20desc")
    );
    let plain = key_sets.list().order_by(|f| [f.id]).build().unwrap();
    assert_eq!(plain.http().uri(), &*format!("{KEY_SETS}?$orderby=id"));
    let asc = key_sets.list().order_by(|f| [f.id.asc()]).build().unwrap();
    assert_eq!(asc.http().uri(), &*format!("{KEY_SETS}?$orderby=id"));
    let two = key_sets
        .list()
        .order_by(|f| [f.keys.desc(), f.id.asc()])
        .build()
        .unwrap();
    assert_eq!(
        two.http().uri(),
        &*format!("{KEY_SETS}?$orderby=keys%20desc,id")
    );
    assert_eq!(
        options(two.http().uri().query().unwrap()),
        [("$orderby".to_owned(), "keys desc,id".to_owned())]
    );
}

#[test]
fn expand_on_get_of_the_singleton() {
    let request = graph()
        .root::<GraphService>()
        .trust_framework()
        .get()
        .expand(|f| [f.key_sets])
        .build()
        .unwrap();
    assert_request(
        &request,
        "GET",
        &format!("{GRAPH_BASE}/trustFramework?$expand=keySets"),
        None,
    );
}

#[test]
fn expand_on_list_and_get_of_a_collection() {
    let service = Service::odata("https://library.example.com/v4/").unwrap();
    let shelves = service.root::<Library>().shelves();
    let list = shelves
        .list()
        .expand(|f| [f.books, f.featured])
        .select(|f| [f.id])
        .build()
        .unwrap();
    assert_request(
        &list,
        "GET",
        "https://library.example.com/v4/shelves?$select=id&$expand=books,featured",
        None,
    );
    let get = shelves
        .by_id("s'1")
        .get()
        .expand(|f| [f.books])
        .build()
        .unwrap();
    assert_request(
        &get,
        "GET",
        "https://library.example.com/v4/shelves('s''1')?$expand=books",
        None,
    );
    // Navigation from an entity to its collection, and to one member of it.
    let book = shelves
        .by_id("s1")
        .books()
        .by_id("b/1")
        .get()
        .select(|f| [f.title])
        .build()
        .unwrap();
    assert_eq!(
        book.http().uri(),
        "https://library.example.com/v4/shelves('s1')/books('b%2F1')?$select=title"
    );
    let featured = Service::graph("https://library.example.com/v4")
        .unwrap()
        .root::<Library>()
        .shelves()
        .by_id("s1")
        .featured()
        .get()
        .build()
        .unwrap();
    assert_eq!(
        featured.http().uri(),
        "https://library.example.com/v4/shelves/s1/featured"
    );
}

/// `$filter` with every character that would end or add an option: it stays one option, and
/// decodes back to exactly the expression given.
#[test]
fn filter_cannot_inject_options() {
    let expressions = [
        "id eq 'a&$top=1'",
        "id eq 'x=y'",
        "id eq 'hash#fragment'",
        "id eq 'a+b'",
        "id eq '100%'",
        "id eq '%26$skip=2'",
        "id eq 'O''Brien' and startswith(id,\"B2C\")",
        "  spaced   out  ",
        "id eq 'ключ' or id eq '日本'",
        "id eq 'a;b' or id eq 'c?d' or id eq 'e/f'",
        "&&==##++%%",
        "",
    ];
    for expression in expressions {
        let request = graph()
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .list()
            .filter(expression)
            .top(5)
            .build()
            .unwrap();
        let uri = request.http().uri();
        assert_eq!(uri.path(), "/beta/trustFramework/keySets");
        let query = uri.query().unwrap();
        assert_eq!(
            options(query),
            [
                ("$filter".to_owned(), expression.to_owned()),
                ("$top".to_owned(), "5".to_owned()),
            ],
            "{uri}"
        );
        assert!(!uri.to_string().contains('#'));
        assert!(!query.contains('+'), "a `+` reads as a space: {query}");
        assert!(!query.contains(' '));
    }
}

#[test]
fn filter_exact_encoding() {
    let request = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .filter("id eq 'a&b=c#d+e%f' or startswith(id,'B2C_1A_')")
        .build()
        .unwrap();
    assert_eq!(
        request.http().uri(),
        &*format!(
            "{KEY_SETS}?$filter=id%20eq%20'a%26b%3Dc%23d%2Be%25f'%20or%20startswith(id,'B2C_1A_')"
        )
    );
    assert_eq!(names(request.http().uri().query().unwrap()), ["$filter"]);
}

#[test]
fn search_is_encoded() {
    let request = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .search("\"blue green\" & $top=1")
        .build()
        .unwrap();
    assert_eq!(
        request.http().uri(),
        &*format!("{KEY_SETS}?$search=%22blue%20green%22%20%26%20$top%3D1")
    );
    assert_eq!(
        options(request.http().uri().query().unwrap()),
        [("$search".to_owned(), "\"blue green\" & $top=1".to_owned())]
    );
}

#[test]
fn top_skip_count() {
    let key_sets = graph().root::<GraphService>().trust_framework().key_sets();
    assert_eq!(
        key_sets.list().top(0).build().unwrap().http().uri(),
        &*format!("{KEY_SETS}?$top=0")
    );
    assert_eq!(
        key_sets.list().skip(20).build().unwrap().http().uri(),
        &*format!("{KEY_SETS}?$skip=20")
    );
    assert_eq!(
        key_sets.list().count(true).build().unwrap().http().uri(),
        &*format!("{KEY_SETS}?$count=true")
    );
    assert_eq!(
        key_sets.list().count(false).build().unwrap().http().uri(),
        &*format!("{KEY_SETS}?$count=false")
    );
    assert_eq!(
        key_sets.list().top(u64::MAX).build().unwrap().http().uri(),
        &*format!("{KEY_SETS}?$top=18446744073709551615")
    );
    // The last value given wins.
    assert_eq!(
        key_sets
            .list()
            .top(1)
            .top(2)
            .skip(3)
            .skip(4)
            .build()
            .unwrap()
            .http()
            .uri(),
        &*format!("{KEY_SETS}?$top=2&$skip=4")
    );
}

/// Every option at once, in the order the builder writes them whatever the call order, in both
/// syntaxes; `query_string()` is exactly the request's query.
#[test]
fn all_options_combined() {
    let expected_query = "$select=id,keys&$orderby=id%20desc&$filter=startswith(id,'B2C_1A_')%20and%20id%20ne%20'x%26y'&$search=%22key%22&$top=10&$skip=5&$count=true";
    for (service, base) in [
        (graph(), KEY_SETS.to_owned()),
        (odata(), format!("{ODATA_ROOT}/trustFramework/keySets")),
    ] {
        let query = service
            .root::<GraphService>()
            .trust_framework()
            .key_sets()
            .list()
            .count(true)
            .skip(5)
            .top(10)
            .search("\"key\"")
            .filter("startswith(id,'B2C_1A_') and id ne 'x&y'")
            .order_by(|f| [f.id.desc()])
            .select(|f| [f.id, f.keys]);
        assert_eq!(query.query_string(), expected_query);
        let request = query.build().unwrap();
        assert_request(&request, "GET", &format!("{base}?{expected_query}"), None);
        assert_eq!(
            names(request.http().uri().query().unwrap()),
            ["$select", "$orderby", "$filter", "$search", "$top", "$skip", "$count"]
        );
    }
}

#[test]
fn no_options_no_question_mark() {
    let query = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list();
    assert_eq!(query.query_string(), "");
    let request = query.select(|_| []).build().unwrap();
    assert_eq!(request.http().uri(), KEY_SETS);
    assert_eq!(request.http().uri().query(), None);
}

/// Query options on a key whose text looks like a query: the key stays in the path, the
/// options in the query.
#[test]
fn options_after_a_hostile_key() {
    let request = graph()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .by_id("x?$select=keys&$top=1#")
        .get()
        .select(|f| [f.id])
        .build()
        .unwrap();
    let uri = request.http().uri();
    assert_eq!(
        uri,
        &*format!("{KEY_SETS}/x%3F$select=keys&$top=1%23?$select=id")
    );
    assert_eq!(uri.query(), Some("$select=id"));
    assert_eq!(
        percent_decode(uri.path().rsplit('/').next().unwrap()),
        "x?$select=keys&$top=1#"
    );
}

/// `$orderby` on several properties, each ascending or descending, in the order given, across
/// calls too.
#[test]
fn order_by_several_properties() {
    let service = Service::odata("https://library.example.com/v4").unwrap();
    let request = service
        .root::<Library>()
        .shelves()
        .list()
        .order_by(|f| [f.display_name.desc(), f.id.asc()])
        .order_by(|f| [f.display_name])
        .build()
        .unwrap();
    assert_eq!(
        request.http().uri(),
        "https://library.example.com/v4/shelves?$orderby=displayName%20desc,id,displayName"
    );
    assert_eq!(
        options(request.http().uri().query().unwrap()),
        [(
            "$orderby".to_owned(),
            "displayName desc,id,displayName".to_owned()
        )]
    );
}

/// `$expand` with options of its own, typed on the target's field list, beside a plain one.
#[test]
fn expand_with_nested_options() {
    let service = Service::odata("https://library.example.com/v4").unwrap();
    let request = service
        .root::<Library>()
        .shelves()
        .list()
        .expand_with(
            |f| f.books,
            |b| {
                b.select(|b| [b.title])
                    .order_by(|b| [b.title.desc()])
                    .top(5)
            },
        )
        .expand(|f| [f.featured])
        .build()
        .unwrap();
    assert_eq!(
        request.http().uri(),
        "https://library.example.com/v4/shelves?$expand=books($select=title;$orderby=title%20desc;$top=5),featured"
    );
    assert_eq!(
        options(request.http().uri().query().unwrap()),
        [(
            "$expand".to_owned(),
            "books($select=title;$orderby=title desc;$top=5),featured".to_owned()
        )]
    );
}

/// `$count=true` with Graph's `ConsistencyLevel: eventual`; without the call, no such header.
#[test]
fn count_with_eventual_consistency() {
    let key_sets = graph().root::<GraphService>().trust_framework().key_sets();
    let request = key_sets
        .list()
        .count(true)
        .consistency_eventual()
        .build()
        .unwrap();
    assert_eq!(request.http().uri(), &*format!("{KEY_SETS}?$count=true"));
    assert_eq!(request.http().headers()["consistencylevel"], "eventual");
    let plain = key_sets.list().count(true).build().unwrap();
    assert!(plain.http().headers().get("consistencylevel").is_none());
    // A get takes it too (Graph's advanced queries on one directory object).
    let get = key_sets
        .by_id("k")
        .get()
        .consistency_eventual()
        .build()
        .unwrap();
    assert_eq!(get.http().headers()["consistencylevel"], "eventual");
}
