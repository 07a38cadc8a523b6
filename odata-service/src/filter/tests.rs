//! Parsing and evaluating filters and orders on key sets as JSON.

use serde_json::{json, Value};

use super::{Filter, OrderBy, Row};

fn sets() -> Vec<Value> {
    vec![
        json!({"id": "B2C_1A_alpha", "keys": [
            {"kid": "a1", "kty": "RSA", "use": "sig", "nbf": 100, "exp": 200, "x5c": ["MIIa", "MIIb"]},
            {"kid": "a2", "kty": "oct", "nbf": 150}
        ]}),
        json!({"id": "B2C_1A_Beta", "keys": [{"kid": "O'Brien", "kty": "RSA", "use": "enc"}]}),
        json!({"id": "gamma", "keys": []}),
    ]
}

/// The ids of the sample key sets that pass `filter`.
fn passing(filter: &str) -> Vec<String> {
    let filter = Filter::parse(filter).unwrap_or_else(|e| panic!("{filter}: {e}"));
    sets()
        .iter()
        .filter(|set| filter.matches(&Row(set)))
        .map(|set| set["id"].as_str().unwrap().to_owned())
        .collect()
}

fn refused(filter: &str) -> String {
    match Filter::parse(filter) {
        Ok(parsed) => panic!("{filter} parsed as {parsed:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn comparisons_and_strings() {
    assert_eq!(passing("id eq 'gamma'"), ["gamma"]);
    assert_eq!(passing("id ne 'gamma'"), ["B2C_1A_alpha", "B2C_1A_Beta"]);
    assert_eq!(passing("id gt 'B2C_1A_Beta'"), ["B2C_1A_alpha", "gamma"]);
    assert_eq!(passing("id le 'B2C_1A_Beta'"), ["B2C_1A_Beta"]);
    assert_eq!(
        passing("startswith(id,'B2C_1A_')"),
        ["B2C_1A_alpha", "B2C_1A_Beta"]
    );
    assert_eq!(passing("endswith(id, 'ma')"), ["gamma"]);
    assert_eq!(passing("contains(tolower(id),'beta')"), ["B2C_1A_Beta"]);
    assert_eq!(passing("toupper(id) eq 'GAMMA'"), ["gamma"]);
    assert_eq!(passing("length(id) eq 5"), ["gamma"]);
    assert_eq!(
        passing("id in ('gamma', 'B2C_1A_alpha', 'x')"),
        ["B2C_1A_alpha", "gamma"]
    );
}

#[test]
fn precedence_and_logic() {
    // and binds tighter than or.
    assert_eq!(
        passing("id eq 'gamma' or id eq 'B2C_1A_Beta' and length(id) eq 1"),
        ["gamma"]
    );
    assert_eq!(
        passing("(id eq 'gamma' or id eq 'B2C_1A_Beta') and length(id) eq 5"),
        ["gamma"]
    );
    assert_eq!(
        passing("not (id eq 'gamma')"),
        ["B2C_1A_alpha", "B2C_1A_Beta"]
    );
    assert_eq!(passing("not startswith(id,'B2C')"), ["gamma"]);
    assert_eq!(passing("true"), ["B2C_1A_alpha", "B2C_1A_Beta", "gamma"]);
    assert_eq!(
        passing("1 lt 2 eq true"),
        ["B2C_1A_alpha", "B2C_1A_Beta", "gamma"]
    );
    assert!(passing("false or null").is_empty());
}

#[test]
fn lambdas_counts_and_nulls() {
    assert_eq!(passing("keys/any(k:k/kid eq 'a2')"), ["B2C_1A_alpha"]);
    assert_eq!(passing("keys/any(k:k/kid eq 'O''Brien')"), ["B2C_1A_Beta"]);
    assert_eq!(passing("keys/any()"), ["B2C_1A_alpha", "B2C_1A_Beta"]);
    assert_eq!(passing("not keys/any()"), ["gamma"]);
    // all() over no keys holds.
    assert_eq!(
        passing("keys/all(k:k/kty eq 'RSA')"),
        ["B2C_1A_Beta", "gamma"]
    );
    assert_eq!(passing("keys/$count ge 2"), ["B2C_1A_alpha"]);
    assert_eq!(passing("length(keys) eq 1"), ["B2C_1A_Beta"]);
    // Nested lambdas, and the outer variable inside the inner one.
    assert_eq!(
        passing("keys/any(k:k/x5c/any(c:startswith(c,'MII') and k/use eq 'sig'))"),
        ["B2C_1A_alpha"]
    );
    // A missing member is null: eq null holds, ordering comparisons with null do not.
    assert_eq!(
        passing("keys/any(k:k/exp eq null)"),
        ["B2C_1A_alpha", "B2C_1A_Beta"]
    );
    assert_eq!(passing("keys/any(k:k/exp gt 0)"), ["B2C_1A_alpha"]);
    assert_eq!(passing("keys/all(k:k/exp le 0)"), ["gamma"]);
    assert_eq!(passing("keys/any(k:k/nbf ge 150.0)"), ["B2C_1A_alpha"]);
    assert_eq!(
        passing("keys/any(k:k/nbf ne null and k/exp eq null)"),
        ["B2C_1A_alpha"]
    );
    assert_eq!(
        passing("keys/any(k:startswith(k/use, 'e'))"),
        ["B2C_1A_Beta"]
    );
    assert_eq!(passing("keys/any(k:k/kid eq $it/id)"), Vec::<String>::new());
    assert_eq!(
        passing("keys/any(k:startswith(k/kid, 'a') and startswith($it/id, 'B2C'))"),
        ["B2C_1A_alpha"]
    );
}

#[test]
fn typed_literals() {
    assert_eq!(passing("2024-05-01 lt 2024-05-02").len(), 3);
    assert_eq!(
        passing("2024-05-01T12:00:00+02:00 eq 2024-05-01T10:00:00Z").len(),
        3
    );
    assert_eq!(
        passing("01234567-89ab-cdef-0123-456789ABCDEF eq 01234567-89ab-cdef-0123-456789abcdef")
            .len(),
        3
    );
    assert!(refused("id eq 01234567-89ab-cdef-0123-456789abcdef")
        .contains("cannot compare Edm.String with Edm.Guid"));
    assert!(refused("keys/any(k:k/nbf lt 2024-05-01T00:00:00Z)")
        .contains("cannot compare Edm.Int64 with Edm.DateTimeOffset"));
}

#[test]
fn errors_say_where_and_what() {
    assert_eq!(
        refused("id eq"),
        "at offset 5: expected a property, a literal, a function call or '(', found the end of the expression"
    );
    assert_eq!(
        refused("id eq 'a' and (id eq 'b'"),
        "at offset 24: expected ')' closing the parenthesis, found the end of the expression"
    );
    assert_eq!(
        refused("name eq 'a'"),
        "at offset 0: unknown property 'name': microsoft.graph.trustFrameworkKeySet has id, keys"
    );
    let message = refused("keys/any(k:k/kidd eq 'a')");
    assert!(
        message.starts_with(
            "at offset 13: unknown property 'kidd': microsoft.graph.trustFrameworkKey has "
        ),
        "{message}"
    );
    assert!(
        !message.contains(" k,"),
        "write-only members are not offered: {message}"
    );
    assert_eq!(
        refused("keys/any(k:k/k eq 'a')"),
        "at offset 13: the property 'k' is write-only and cannot be queried"
    );
    assert_eq!(refused("id eq 'a' id"), "at offset 10: expected an operator (eq, ne, gt, ge, lt, le, in, and, or) or the end of the $filter, found 'id'");
    assert!(refused("id add 1").contains("'add' is not supported"));
    assert!(refused("id eq 1").contains("cannot compare Edm.String with Edm.Int64"));
    assert!(refused("id").contains("must be a Boolean expression"));
    assert!(refused("keys/kid eq 'a'").contains("cannot follow a collection"));
    assert!(refused("keys eq null")
        .contains("cannot compare Collection(microsoft.graph.trustFrameworkKey) with null"));
    assert!(refused("id/x eq 'a'").contains("has no members"));
    assert!(refused("frob(id)").contains("unknown function 'frob'"));
    assert!(refused("startswith(id)").contains("startswith takes 2 arguments, found 1"));
    assert!(refused("length(1) eq 1").contains("argument 1 of length must be"));
    assert!(refused("keys/all()").contains("all() needs a condition"));
    assert!(
        refused("keys/any(k k/kid eq 'a')").contains("expected ':' after the lambda variable 'k'")
    );
    assert!(refused("not id").contains("'not' needs Boolean operands"));
    assert!(refused("id in 'a'").contains("expected '(' opening the list after 'in'"));
    assert!(refused("id in ('a', 1)").contains("'in' cannot compare Edm.String with Edm.Int64"));
    assert!(refused("id eq 'a' or 1").contains("'or' needs Boolean operands"));
    assert!(refused("id eq 'open").contains("not closed"));
    assert!(refused(&"(".repeat(100)).contains("nested more than 64 levels"));
    assert!(refused(&"not ".repeat(100)).contains("nested more than 64 levels"));
    assert!(refused("").contains("at offset 0"));
}

#[test]
fn order_by_keys() {
    let order = OrderBy::parse("keys/$count desc, id").unwrap();
    let sets = sets();
    let mut rows: Vec<_> = sets
        .iter()
        .map(|s| (order.key(&Row(s)), s["id"].as_str().unwrap()))
        .collect();
    rows.sort_by(|a, b| order.compare(&a.0, &b.0).then(a.1.cmp(b.1)));
    let ids: Vec<_> = rows.iter().map(|r| r.1).collect();
    assert_eq!(ids, ["B2C_1A_alpha", "B2C_1A_Beta", "gamma"]);

    let order = OrderBy::parse("tolower(id) asc").unwrap();
    let mut rows: Vec<_> = sets
        .iter()
        .map(|s| (order.key(&Row(s)), s["id"].as_str().unwrap()))
        .collect();
    rows.sort_by(|a, b| order.compare(&a.0, &b.0));
    let ids: Vec<_> = rows.iter().map(|r| r.1).collect();
    assert_eq!(ids, ["B2C_1A_alpha", "B2C_1A_Beta", "gamma"]);

    for (text, message) in [
        ("keys", "cannot order by a value of type Collection"),
        ("id sideways", "expected asc, desc, ',' or the end"),
        ("id,", "expected a property"),
        ("nope desc", "unknown property 'nope'"),
    ] {
        let error = OrderBy::parse(text).unwrap_err().to_string();
        assert!(error.contains(message), "{text}: {error}");
    }
}

mod no_panic {
    use proptest::prelude::*;

    use super::super::{Filter, OrderBy, Row};
    use super::sets;

    /// Words and symbols of the grammar, so that random sequences reach deep into the parser.
    const VOCABULARY: &[&str] = &[
        "id",
        "keys",
        "k",
        "k/kid",
        "k/nbf",
        "k/x5c",
        "keys/any(",
        "keys/all(",
        "any(",
        "all(",
        "$it",
        "$count",
        "/$count",
        "k:",
        "c:",
        "(",
        ")",
        ",",
        "/",
        ":",
        "eq",
        "ne",
        "gt",
        "ge",
        "lt",
        "le",
        "in",
        "and",
        "or",
        "not",
        "add",
        "asc",
        "desc",
        "startswith(",
        "endswith(",
        "contains(",
        "tolower(",
        "toupper(",
        "length(",
        "'a'",
        "'it''s'",
        "'",
        "''",
        "12",
        "-3",
        "1.5",
        "1e",
        "INF",
        "NaN",
        "true",
        "false",
        "null",
        "2024-05-01",
        "2024-05-01T10:00:00Z",
        "2024-13-45",
        "01234567-89ab-cdef-0123-456789abcdef",
        "é",
        "\t",
        "-",
        "$",
        "%20",
    ];

    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(VOCABULARY), 0..24)
            .prop_map(|words| words.concat())
    }

    fn spaced() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(VOCABULARY), 0..24)
            .prop_map(|words| words.join(" "))
    }

    fn exercise(text: &str) {
        let rows = sets();
        if let Ok(filter) = Filter::parse(text) {
            for row in &rows {
                filter.matches(&Row(row));
            }
        }
        if let Ok(order) = OrderBy::parse(text) {
            let keys: Vec<_> = rows.iter().map(|row| order.key(&Row(row))).collect();
            for a in &keys {
                for b in &keys {
                    order.compare(a, b);
                }
            }
        }
        if let Err(error) = Filter::parse(text) {
            assert!(error.at <= text.chars().count(), "{text:?}: {error}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_text(text in any::<String>()) {
            exercise(&text);
        }

        #[test]
        fn grammar_words(text in sentence()) {
            exercise(&text);
        }

        #[test]
        fn grammar_words_spaced(text in spaced()) {
            exercise(&text);
        }
    }
}
