//! Typed `$filter` from the field list: every operator's exact URL, `and`/`or`/`not` with the
//! parentheses precedence needs, `in`, string functions, `null`, `any`/`all` on collections of
//! primitives, enumerations, complex types and navigation targets (nested too), literals of
//! every kind (strings with quotes, enums, flags, dates, times, GUIDs, durations, decimals,
//! floats), percent-encoding of quotes, `&`, `#`, `+` and non-ASCII, errors for what cannot
//! be sent, and `$expand` with nested options typed on the navigation target.

mod test_req_support;

use odata_core::graph::GraphService;
use odata_core::request::{Error, Filter, HasFields, Search, Service, Typed};
use odata_core::{Flags, ODataEntity, ODataEnum};
use test_req_support::{filter_of, percent_decode};
use time::macros::{date, datetime, time};

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "contoso.shop")]
pub enum Color {
    Red,
    Green,
    Orange,
    /// Members the model does not know (a name with a quote shows it doubled in the literal).
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "contoso.shop", flags)]
pub enum Access {
    Read = 1,
    Write = 2,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.shop", complex)]
pub struct Dimension {
    pub name: Option<String>,
    pub value: Option<f64>,
    pub labels: Option<Vec<String>>,
    pub parts: Option<Vec<Part>>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.shop", complex)]
pub struct Part {
    pub code: Option<String>,
}

/// No property of its own: only unknown members.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.shop", complex, open)]
pub struct Note {
    #[odata(extra)]
    pub extra: odata_core::Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso.shop")]
pub struct Product {
    #[odata(key)]
    pub id: Option<String>,
    pub name: Option<String>,
    pub price: Option<f64>,
    pub weight: Option<f32>,
    pub stock: Option<i32>,
    pub sold: Option<i64>,
    pub active: Option<bool>,
    pub color: Option<Color>,
    pub access: Option<Flags<Access>>,
    pub released: Option<time::OffsetDateTime>,
    pub launch_date: Option<time::Date>,
    pub opens_at: Option<time::Time>,
    pub warranty: Option<time::Duration>,
    pub sku: Option<uuid::Uuid>,
    pub cost: Option<rust_decimal::Decimal>,
    pub colors: Option<Vec<Color>>,
    pub tags: Vec<String>,
    pub dimensions: Option<Vec<Dimension>>,
    pub main_dimension: Option<Dimension>,
    pub note: Option<Note>,
    #[odata(navigation)]
    pub related: Option<Vec<Product>>,
    #[odata(navigation)]
    pub parent: Option<Box<Product>>,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso.shop", container)]
pub struct Shop {
    pub products: Vec<Product>,
}

const ROOT: &str = "https://shop.example.com/v1";

fn shop() -> odata_core::request::CollectionPath<Product> {
    Service::graph(ROOT).unwrap().root::<Shop>().products()
}

/// The URL of the list with this filter.
fn url(build: impl FnOnce(&<Product as HasFields>::Fields<Typed>) -> Filter) -> String {
    shop()
        .list()
        .filter_expr(build)
        .build()
        .unwrap()
        .http()
        .uri()
        .to_string()
}

/// The `$filter` value as the service decodes it.
fn decoded(build: impl FnOnce(&<Product as HasFields>::Fields<Typed>) -> Filter) -> String {
    filter_of(&url(build))
}

#[test]
fn every_comparison_operator() {
    let base = format!("{ROOT}/products?$filter=");
    assert_eq!(url(|f| f.name.eq("a")), format!("{base}name%20eq%20'a'"));
    assert_eq!(url(|f| f.name.ne("a")), format!("{base}name%20ne%20'a'"));
    assert_eq!(url(|f| f.stock.gt(5)), format!("{base}stock%20gt%205"));
    assert_eq!(url(|f| f.stock.ge(-5)), format!("{base}stock%20ge%20-5"));
    assert_eq!(url(|f| f.price.lt(9.5)), format!("{base}price%20lt%209.5"));
    assert_eq!(
        url(|f| f.sold.le(1 << 40)),
        format!("{base}sold%20le%201099511627776")
    );
    assert_eq!(
        url(|f| f.active.eq(true)),
        format!("{base}active%20eq%20true")
    );
}

#[test]
fn logical_operators_and_precedence() {
    assert_eq!(
        decoded(|f| f.name.eq("a").and(f.stock.gt(1))),
        "name eq 'a' and stock gt 1"
    );
    assert_eq!(
        decoded(|f| f.name.eq("a") | f.name.eq("b") & f.active.eq(true)),
        "name eq 'a' or name eq 'b' and active eq true"
    );
    // An `or` inside an `and` keeps its parentheses; `and` inside `or` needs none.
    assert_eq!(
        decoded(|f| (f.name.eq("a") | f.name.eq("b")) & f.active.eq(true)),
        "(name eq 'a' or name eq 'b') and active eq true"
    );
    assert_eq!(
        decoded(|f| !(f.name.eq("a") & f.stock.lt(3))),
        "not (name eq 'a' and stock lt 3)"
    );
    assert_eq!(
        decoded(|f| f.name.starts_with("x").not()),
        "not startswith(name,'x')"
    );
    assert_eq!(
        decoded(|f| Filter::raw("a eq 1 or b eq 2").and(f.active.eq(false))),
        "(a eq 1 or b eq 2) and active eq false"
    );
    assert_eq!(
        decoded(|f| f.active.eq(false).or(Filter::raw("a eq 1"))),
        "active eq false or (a eq 1)"
    );
}

#[test]
fn in_and_its_empty_list() {
    assert_eq!(
        url(|f| f.name.is_in(["a", "b'c"])),
        format!("{ROOT}/products?$filter=name%20in%20('a','b''c')")
    );
    assert_eq!(
        decoded(|f| f.color.is_in([Color::Red, Color::Green])),
        "color in (contoso.shop.color'red',contoso.shop.color'green')"
    );
    let empty: [&str; 0] = [];
    let Err(err) = shop()
        .list()
        .filter_expr(|f| f.active.eq(true) & f.name.is_in(empty))
        .build()
    else {
        panic!("an empty `in` is refused")
    };
    assert!(matches!(&err, Error::InvalidQuery(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "invalid query option: $filter: `name in ()`: an `in` list needs at least one value"
    );
}

#[test]
fn string_functions() {
    assert_eq!(
        url(|f| f.name.starts_with("B2C_")),
        format!("{ROOT}/products?$filter=startswith(name,'B2C_')")
    );
    assert_eq!(decoded(|f| f.name.ends_with("z")), "endswith(name,'z')");
    assert_eq!(
        decoded(|f| f.name.contains("it's")),
        "contains(name,'it''s')"
    );
    let owned = String::from("o");
    assert_eq!(decoded(|f| f.name.contains(&owned)), "contains(name,'o')");
}

#[test]
fn null_and_optional_values() {
    assert_eq!(decoded(|f| f.name.is_null()), "name eq null");
    assert_eq!(
        decoded(|f| f.main_dimension.is_not_null()),
        "mainDimension ne null"
    );
    assert_eq!(decoded(|f| f.parent.is_null()), "parent eq null");
    assert_eq!(decoded(|f| f.note.is_null()), "note eq null");
    let missing: Option<&str> = None;
    assert_eq!(decoded(|f| f.name.eq(missing)), "name eq null");
    assert_eq!(decoded(|f| f.stock.ne(Some(3))), "stock ne 3");
}

/// Quotes doubled inside the literal; `&`, `#`, `+`, `%`, `;`, `=` and non-ASCII
/// percent-encoded, so the value stays one option and decodes back exactly.
#[test]
fn escaping_in_literals() {
    assert_eq!(
        url(|f| f.name.eq("O'Brien & Sons #1 + 100% ;x=y")),
        format!(
            "{ROOT}/products?$filter=name%20eq%20'O''Brien%20%26%20Sons%20%231%20%2B%20100%25%20%3Bx%3Dy'"
        )
    );
    assert_eq!(
        url(|f| f.name.eq("crème 日本")),
        format!("{ROOT}/products?$filter=name%20eq%20'cr%C3%A8me%20%E6%97%A5%E6%9C%AC'")
    );
    for text in [
        "''", "a'", "'b", "&$top=1", "#frag", "a+b", "ключ", "\"q\"", "x\\y", "",
    ] {
        let expected = format!("name eq '{}'", text.replace('\'', "''"));
        assert_eq!(decoded(|f| f.name.eq(text)), expected);
    }
}

#[test]
fn enumeration_and_flags_literals() {
    assert_eq!(
        url(|f| f.color.eq(Color::Red)),
        format!("{ROOT}/products?$filter=color%20eq%20contoso.shop.color'red'")
    );
    assert_eq!(
        decoded(|f| f.color.ne(Color::Orange)),
        "color ne contoso.shop.color'orange'"
    );
    assert_eq!(
        decoded(|f| f.color.ne(Color::Other("o'range".into()))),
        "color ne contoso.shop.color'o''range'"
    );
    assert_eq!(
        decoded(|f| f.access.has(Access::Write)),
        "access has contoso.shop.access'write'"
    );
    let both: Flags<Access> = [Access::Read, Access::Write].into_iter().collect();
    assert_eq!(
        decoded(|f| f.access.eq(&both)),
        "access eq contoso.shop.access'read,write'"
    );
}

#[test]
fn temporal_guid_duration_decimal_and_float_literals() {
    assert_eq!(
        url(|f| f.released.ge(datetime!(2019-02-07 21:53:13.0844209 UTC))),
        format!("{ROOT}/products?$filter=released%20ge%202019-02-07T21:53:13.0844209Z")
    );
    // The offset's `+` is encoded: unencoded, a server would read it as a space.
    assert_eq!(
        url(|f| f.released.lt(datetime!(2024-01-02 03:04:05 +01:00))),
        format!("{ROOT}/products?$filter=released%20lt%202024-01-02T03:04:05%2B01:00")
    );
    assert_eq!(
        decoded(|f| f.launch_date.eq(date!(2019 - 02 - 07))),
        "launchDate eq 2019-02-07"
    );
    assert_eq!(
        decoded(|f| f.opens_at.gt(time!(09:30:00.5))),
        "opensAt gt 09:30:00.5"
    );
    assert_eq!(
        decoded(|f| f
            .warranty
            .ge(time::Duration::days(1) + time::Duration::hours(2))),
        "warranty ge duration'P1DT2H'"
    );
    let sku = uuid::Uuid::parse_str("01234567-89ab-cdef-0123-456789abcdef").unwrap();
    assert_eq!(
        decoded(|f| f.sku.eq(sku)),
        "sku eq 01234567-89ab-cdef-0123-456789abcdef"
    );
    assert_eq!(
        decoded(|f| f.cost.lt(rust_decimal::Decimal::new(1250, 2))),
        "cost lt 12.50"
    );
    assert_eq!(decoded(|f| f.price.eq(f64::NAN)), "price eq NaN");
    assert_eq!(decoded(|f| f.price.lt(f64::NEG_INFINITY)), "price lt -INF");
    assert_eq!(decoded(|f| f.price.gt(1e300)), "price gt 1e300");
    assert_eq!(decoded(|f| f.weight.ge(0.1f32)), "weight ge 0.1");
}

#[test]
fn lambdas_on_collections() {
    // Primitive items: the variable is the item.
    assert_eq!(
        url(|f| f.tags.any(|t| t.eq("new"))),
        format!("{ROOT}/products?$filter=tags/any(t:t%20eq%20'new')")
    );
    assert_eq!(
        decoded(|f| f.colors.all(|c| c.ne(Color::Red))),
        "colors/all(c:c ne contoso.shop.color'red')"
    );
    // Complex items: the closure gets the item's field list.
    assert_eq!(
        decoded(|f| f.dimensions.any(|d| d.name.eq("h") & d.value.gt(2.0))),
        "dimensions/any(d:d/name eq 'h' and d/value gt 2.0)"
    );
    // Nested lambdas bind each property to its own variable.
    assert_eq!(
        decoded(|f| f
            .dimensions
            .any(|d| d.parts.any(|p| p.code.starts_with("X")) | d.labels.is_not_empty())),
        "dimensions/any(d:d/parts/any(p:startswith(p/code,'X')) or d/labels/any())"
    );
    // A nested variable with the same first letter is numbered.
    assert_eq!(
        decoded(|f| f.dimensions.any(|d| d.parts.any(|p| p.code.eq("a")))
            & f.dimensions.all(|d| d.labels.any(|l| l.eq("x")))),
        "dimensions/any(d:d/parts/any(p:p/code eq 'a')) and dimensions/all(d:d/labels/any(l:l eq 'x'))"
    );
    assert_eq!(
        decoded(|f| f.related.any(|r| r.related.any(|r| r.name.eq("deep")))),
        "related/any(r1:r1/related/any(r:r/name eq 'deep'))"
    );
    // A navigation property: the closure gets its target's field list.
    assert_eq!(
        decoded(|f| f.related.all(|r| r.active.eq(true))),
        "related/all(r:r/active eq true)"
    );
    assert_eq!(decoded(|f| !f.tags.is_not_empty()), "not tags/any()");
}

#[test]
fn graph_key_set_filters() {
    let list = Service::graph("https://graph.microsoft.com/v1.0")
        .unwrap()
        .root::<GraphService>()
        .trust_framework()
        .key_sets()
        .list()
        .filter_expr(|f| f.keys.any(|k| k.kid.eq("x")) & f.id.starts_with("B2C_1A_"))
        .build()
        .unwrap();
    assert_eq!(
        list.http().uri(),
        "https://graph.microsoft.com/v1.0/trustFramework/keySets?$filter=keys/any(k:k/kid%20eq%20'x')%20and%20startswith(id,'B2C_1A_')"
    );
}

/// The raw form keeps working, and the last filter given wins.
#[test]
fn raw_and_typed_replace_each_other() {
    let raw = shop().list().filter("name eq 'a'").build().unwrap();
    assert_eq!(
        raw.http().uri(),
        &*format!("{ROOT}/products?$filter=name%20eq%20'a'")
    );
    let typed_last = shop()
        .list()
        .filter("name eq 'a'")
        .filter_expr(|f| f.stock.eq(1))
        .build()
        .unwrap();
    assert_eq!(
        typed_last.http().uri(),
        &*format!("{ROOT}/products?$filter=stock%20eq%201")
    );
    let raw_last = shop()
        .list()
        .filter_expr(|f| f.stock.eq(1))
        .filter("stock eq 2")
        .build()
        .unwrap();
    assert_eq!(
        raw_last.http().uri(),
        &*format!("{ROOT}/products?$filter=stock%20eq%202")
    );
}

#[test]
fn nested_expand_options() {
    let request = shop()
        .list()
        .select(|f| [f.id])
        .expand_with(
            |f| f.related,
            |e| {
                e.select(|p| [p.id, p.name])
                    .filter_expr(|p| p.name.eq("a;b=c&d"))
                    .order_by(|p| [p.price.desc(), p.name.asc()])
                    .top(5)
                    .skip(1)
                    .count(true)
                    .expand_with(|p| p.parent, |e| e.select(|p| [p.name]))
            },
        )
        .expand(|f| [f.parent])
        .build()
        .unwrap();
    assert_eq!(
        request.http().uri(),
        &*format!(
            "{ROOT}/products?$select=id&$expand=related($select=id,name;$expand=parent($select=name);$orderby=price%20desc,name;$filter=name%20eq%20'a%3Bb%3Dc%26d';$top=5;$skip=1;$count=true),parent"
        )
    );
    // No options: the bare name.
    let bare = shop()
        .by_id("p1")
        .get()
        .expand_with(|f| f.parent, |e| e)
        .build()
        .unwrap();
    assert_eq!(
        bare.http().uri(),
        &*format!("{ROOT}/products/p1?$expand=parent")
    );
    // An error in a nested filter fails the build.
    let none: [i32; 0] = [];
    let Err(err) = shop()
        .list()
        .expand_with(|f| f.related, |e| e.filter_expr(|p| p.stock.is_in(none)))
        .build()
    else {
        panic!("an empty nested `in` is refused")
    };
    assert_eq!(
        err.to_string(),
        "invalid query option: $expand=related(...): $filter: `stock in ()`: an `in` list needs at least one value"
    );
}

#[test]
fn search_is_quoted_and_sent_with_consistency_level() {
    let request = shop()
        .list()
        .search(Search::phrase("blue \"big\" \\ box").or(Search::phrase("red")))
        .count(true)
        .consistency_eventual()
        .build()
        .unwrap();
    assert_eq!(
        request.http().uri(),
        &*format!(
            "{ROOT}/products?$search=%22blue%20%5C%22big%5C%22%20%5C%5C%20box%22%20OR%20%22red%22&$count=true"
        )
    );
    assert_eq!(request.http().headers()["consistencylevel"], "eventual");
    let by_property = shop()
        .list()
        .search_with(|f| Search::property(f.name, "Contoso & Co").and(Search::property(f.id, "x")))
        .build()
        .unwrap();
    let query = by_property.http().uri().query().unwrap();
    assert_eq!(
        percent_decode(query.strip_prefix("$search=").unwrap()),
        "\"name:Contoso & Co\" AND \"id:x\""
    );
    assert!(!by_property
        .http()
        .headers()
        .contains_key("consistencylevel"));
}

/// The next page of an eventual-consistency query asks for eventual consistency too.
#[test]
fn next_page_keeps_consistency_level() {
    let first = shop()
        .list()
        .count(true)
        .consistency_eventual()
        .build()
        .unwrap();
    let page = first
        .parse_response(&test_req_support::response(
            200,
            &format!(r#"{{"value":[],"@odata.nextLink":"{ROOT}/products?$skiptoken=abc"}}"#),
        ))
        .unwrap();
    let next = first.next_page(&page).unwrap().unwrap();
    assert_eq!(
        next.http().uri(),
        &*format!("{ROOT}/products?$skiptoken=abc")
    );
    assert_eq!(next.http().headers()["consistencylevel"], "eventual");
}
