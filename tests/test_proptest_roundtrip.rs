//! Property tests of the round trip through `odata_core::json`:
//!
//! - (a) typed `TrustFrameworkKeySet` values (ids with any Unicode, quotes, backslashes and
//!   control characters; 0..5 keys with any optional members; any `i64` for `exp`/`nbf`; any
//!   `x5c` list) -> `to_vec` -> `from_slice` give the same value, and writing is stable;
//! - (b) JSON documents of a key set or a key with arbitrary unknown members and annotations
//!   (any JSON: nested objects and arrays, integers past `u64`, exponents, any Unicode, names
//!   and strings sometimes written with `\u` escapes), in any member order, parse and write
//!   back as the same `serde_json::Value`, except that `@odata.type` is written, canonical
//!   (`#ns.name`), on the set and on each key;
//! - (c) an explicit `null` on an optional member is written back as `null`.
//!
//! 256 cases each. Failures are not persisted to `proptest-regressions/` (the seed is printed
//! with the failing, shrunk case).

use odata_core::graph::{Entity, TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::Extra;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

const SET_TYPE: &str = "#microsoft.graph.trustFrameworkKeySet";
const KEY_TYPE: &str = "#microsoft.graph.trustFrameworkKey";
/// The key set's declared members (with the inherited `id`).
const SET_DECLARED: &[&str] = &["id", "keys"];
/// The key's string-valued members.
const KEY_STRINGS: &[&str] = &[
    "d", "dp", "dq", "e", "k", "kid", "kty", "n", "p", "q", "qi", "use", "x5t",
];
const KEY_DECLARED: &[&str] = &[
    "d", "dp", "dq", "e", "exp", "k", "kid", "kty", "n", "nbf", "p", "q", "qi", "use", "x5c", "x5t",
];

fn config() -> ProptestConfig {
    ProptestConfig {
        // PROPTEST_CASES=N runs more (or fewer) cases.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---- Strategies ----------------------------------------------------------------------------

/// Characters that stress escaping.
const SPECIAL: &[char] = &[
    '"',
    '\\',
    '/',
    '\u{0}',
    '\u{8}',
    '\u{c}',
    '\n',
    '\r',
    '\t',
    '\u{1f}',
    '\u{7f}',
    '\u{80}',
    '\u{2028}',
    '\u{2029}',
    '\u{feff}',
    '\u{fffd}',
    '\u{ffff}',
    '\u{10000}',
    '\u{1f600}',
    '\u{10ffff}',
    'é',
    '@',
    '#',
    '.',
    '$',
    '[',
    ']',
    '{',
    '}',
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => vec(prop_oneof![select(SPECIAL), any::<char>()], 0..12)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
        1 => any::<String>(),
        1 => "[a-zA-Z0-9_ -]{0,12}",
    ]
}

/// A JSON value, kept as a tree so that it is written as JSON text with numbers as given
/// (integers past `u64` stay integers in the text).
#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    Num(String),
    /// A string; `true`: written with every non-ASCII character as a `\u` escape.
    Str(String, bool),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        // Integers past u64 (read by serde_json::Value as f64, the same on both sides).
        "-?[1-9][0-9]{20,40}",
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| serde_json::to_string(&f).unwrap()),
        // Fractions and exponents inside f64's range.
        "-?(0|[1-9][0-9]{0,5})(\\.[0-9]{1,8})?([eE][+-]?[0-9]{1,2})?",
        select(vec!["-0", "0.0", "-0.0", "1E+2", "1e-0"]).prop_map(str::to_owned),
    ]
}

fn json() -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        number().prop_map(J::Num),
        (text(), any::<bool>()).prop_map(|(s, ascii)| J::Str(s, ascii)),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(J::Arr),
            vec((text(), inner), 0..6).prop_map(|members| J::Obj(dedup(members))),
        ]
    })
}

fn dedup(members: Vec<(String, J)>) -> Vec<(String, J)> {
    let mut seen = std::collections::HashSet::new();
    members
        .into_iter()
        .filter(|(name, _)| seen.insert(name.clone()))
        .collect()
}

/// Names of members the type does not declare: unknown properties, instance annotations,
/// annotations of declared and of unknown properties, any text.
fn unknown_name(declared: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z_][a-zA-Z0-9_]{0,10}",
        "@(odata|contoso|microsoft\\.graph)\\.[a-zA-Z]{1,10}",
        (select(declared), "(odata|contoso)\\.[a-zA-Z]{1,10}")
            .prop_map(|(property, term)| format!("{property}@{term}")),
        "[a-z]{1,6}@odata\\.(type|count|nextLink)",
        text(),
    ]
    .prop_filter("not a declared member", move |name| {
        name != "@odata.type" && !declared.contains(&name.as_str())
    })
}

fn unknown_members(declared: &'static [&'static str]) -> impl Strategy<Value = Vec<(String, J)>> {
    vec((unknown_name(declared), json()), 0..5).prop_map(dedup)
}

/// A declared optional member: absent, an explicit null, or a value.
fn optional(name: &'static str, value: BoxedStrategy<J>) -> BoxedStrategy<Option<(String, J)>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some((name.to_owned(), J::Null))),
        3 => value.prop_map(move |v| Some((name.to_owned(), v))),
    ]
    .boxed()
}

fn string_value() -> BoxedStrategy<J> {
    (text(), any::<bool>())
        .prop_map(|(s, ascii)| J::Str(s, ascii))
        .boxed()
}

fn odata_type(qualified: &'static str) -> BoxedStrategy<Option<(String, J)>> {
    prop_oneof![
        Just(None),
        Just(Some((
            "@odata.type".to_owned(),
            J::Str(format!("#{qualified}"), false)
        ))),
        Just(Some((
            "@odata.type".to_owned(),
            J::Str(qualified.to_owned(), false)
        ))),
    ]
    .boxed()
}

/// The declared members, unknown ones added, in any order.
fn object(
    declared: Vec<BoxedStrategy<Option<(String, J)>>>,
    unknown: &'static [&'static str],
) -> impl Strategy<Value = Vec<(String, J)>> {
    (declared, unknown_members(unknown)).prop_flat_map(|(declared, unknown)| {
        let members: Vec<(String, J)> = declared.into_iter().flatten().chain(unknown).collect();
        Just(members).prop_shuffle()
    })
}

fn key_declared_members() -> Vec<BoxedStrategy<Option<(String, J)>>> {
    let mut members: Vec<_> = KEY_STRINGS
        .iter()
        .map(|&name| optional(name, string_value()))
        .collect();
    for name in ["exp", "nbf"] {
        let int = any::<i64>().prop_map(|n| J::Num(n.to_string())).boxed();
        members.push(optional(name, int));
    }
    members.push(optional(
        "x5c",
        vec(string_value(), 0..4).prop_map(J::Arr).boxed(),
    ));
    members.push(odata_type("microsoft.graph.trustFrameworkKey"));
    members
}

fn key_object() -> impl Strategy<Value = Vec<(String, J)>> {
    object(key_declared_members(), KEY_DECLARED)
}

fn key_set_object() -> impl Strategy<Value = Vec<(String, J)>> {
    let keys = vec(key_object().prop_map(J::Obj), 0..5)
        .prop_map(J::Arr)
        .boxed();
    let declared = vec![
        optional("id", string_value()),
        optional("keys", keys),
        odata_type("microsoft.graph.trustFrameworkKeySet"),
    ];
    object(declared, SET_DECLARED)
}

// ---- Writing the generated JSON --------------------------------------------------------------

/// How a document is written: `, `/`: ` or `,`/`:`, and how member names are escaped.
#[derive(Clone, Copy, Debug)]
struct Style {
    spaced: bool,
    names: Esc,
}

/// How a string is escaped beyond what JSON requires.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Esc {
    /// As serde_json writes it.
    Plain,
    /// Every non-ASCII character as `\uXXXX` (surrogate pairs past the BMP).
    NonAscii,
    /// Every character as `\uXXXX` (`/` as `\/`): `"kid"` becomes `"\u006b\u0069\u0064"`.
    All,
}

fn style() -> impl Strategy<Value = Style> {
    (
        any::<bool>(),
        select(vec![Esc::Plain, Esc::NonAscii, Esc::All]),
    )
        .prop_map(|(spaced, names)| Style { spaced, names })
}

fn write_str(out: &mut String, s: &str, esc: Esc) {
    if esc == Esc::Plain {
        out.push_str(&serde_json::to_string(s).unwrap());
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '/' if esc == Esc::All => out.push_str("\\/"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' if esc == Esc::NonAscii => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

fn write(out: &mut String, value: &J, style: Style) {
    let sep = if style.spaced { ", " } else { "," };
    match value {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => out.push_str(n),
        J::Str(s, ascii) => write_str(out, s, if *ascii { Esc::NonAscii } else { Esc::Plain }),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                write(out, item, style);
            }
            out.push(']');
        }
        J::Obj(members) => {
            out.push('{');
            for (i, (name, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                write_str(out, name, style.names);
                out.push_str(if style.spaced { ": " } else { ":" });
                write(out, item, style);
            }
            out.push('}');
        }
    }
}

fn document(members: &[(String, J)], style: Style) -> String {
    let mut out = String::new();
    write(&mut out, &J::Obj(members.to_vec()), style);
    out
}

/// What a document must read back as: the input, with `@odata.type` canonical on the object
/// and, for a key set, on each key.
fn expected(input: &str, own_type: &str, nested_keys: bool) -> Value {
    let mut value: Value = serde_json::from_str(input).expect("the generated document is JSON");
    value["@odata.type"] = Value::from(own_type);
    if nested_keys {
        if let Some(Value::Array(keys)) = value.get_mut("keys") {
            for key in keys {
                key["@odata.type"] = Value::from(KEY_TYPE);
            }
        }
    }
    value
}

// ---- Typed values ---------------------------------------------------------------------------

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn typed_key() -> impl Strategy<Value = TrustFrameworkKey> {
    let strings = vec(opt_text(), KEY_STRINGS.len());
    let numbers = (
        proptest::option::of(any::<i64>()),
        proptest::option::of(any::<i64>()),
    );
    let x5c = proptest::option::of(vec(text(), 0..4));
    (strings, numbers, x5c).prop_map(|(s, (exp, nbf), x5c)| {
        let mut s = s.into_iter();
        let mut next = || s.next().unwrap();
        TrustFrameworkKey {
            d: next().map(Into::into),
            dp: next().map(Into::into),
            dq: next().map(Into::into),
            e: next(),
            exp,
            k: next().map(Into::into),
            kid: next(),
            kty: next(),
            n: next(),
            nbf,
            p: next().map(Into::into),
            q: next().map(Into::into),
            qi: next().map(Into::into),
            r#use: next(),
            x5c,
            x5t: next(),
            extra: Extra::new(),
        }
    })
}

fn typed_key_set() -> impl Strategy<Value = TrustFrameworkKeySet> {
    (opt_text(), proptest::option::of(vec(typed_key(), 0..5))).prop_map(|(id, keys)| {
        TrustFrameworkKeySet {
            entity: Entity { id },
            keys,
            extra: Extra::new(),
        }
    })
}

// ---- Properties -------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// (a) Typed values survive `to_vec` -> `from_slice`, and writing again gives the same bytes.
    #[test]
    fn typed_key_set_round_trips(set in typed_key_set()) {
        let bytes = odata_core::json::to_vec(&set).unwrap();
        let back: TrustFrameworkKeySet = odata_core::json::from_slice(&bytes)
            .map_err(|e| TestCaseError::fail(format!("{e} in {}", String::from_utf8_lossy(&bytes))))?;
        prop_assert_eq!(&back, &set);
        prop_assert_eq!(odata_core::json::to_vec(&back).unwrap(), bytes);
    }

    /// (a) The same for a key on its own.
    #[test]
    fn typed_key_round_trips(key in typed_key()) {
        let bytes = odata_core::json::to_vec(&key).unwrap();
        let back: TrustFrameworkKey = odata_core::json::from_slice(&bytes)
            .map_err(|e| TestCaseError::fail(format!("{e} in {}", String::from_utf8_lossy(&bytes))))?;
        prop_assert_eq!(&back, &key);
    }

    /// (b) A key set with unknown members and annotations, on it and on its keys, in any
    /// order, reads and writes back as the same JSON value.
    #[test]
    fn key_set_with_unknown_members_round_trips(members in key_set_object(), style in style()) {
        let input = document(&members, style);
        let set: TrustFrameworkKeySet = odata_core::json::from_str(&input)
            .map_err(|e| TestCaseError::fail(format!("{e} in {input}")))?;
        let output = odata_core::json::to_string(&set).unwrap();
        let written: Value = serde_json::from_str(&output)
            .map_err(|e| TestCaseError::fail(format!("output is not JSON: {e}: {output}")))?;
        prop_assert_eq!(&written, &expected(&input, SET_TYPE, true), "input: {}\noutput: {}", input, output);
        // Written once more: the same bytes.
        let again: TrustFrameworkKeySet = odata_core::json::from_str(&output).unwrap();
        prop_assert_eq!(odata_core::json::to_string(&again).unwrap(), output);
    }

    /// (b) The same for a key on its own.
    #[test]
    fn key_with_unknown_members_round_trips(members in key_object(), style in style()) {
        let input = document(&members, style);
        let key: TrustFrameworkKey = odata_core::json::from_str(&input)
            .map_err(|e| TestCaseError::fail(format!("{e} in {input}")))?;
        let output = odata_core::json::to_string(&key).unwrap();
        let written: Value = serde_json::from_str(&output)
            .map_err(|e| TestCaseError::fail(format!("output is not JSON: {e}: {output}")))?;
        prop_assert_eq!(&written, &expected(&input, KEY_TYPE, false), "input: {}\noutput: {}", input, output);
    }

    /// (c) Explicit nulls on optional members (any subset, with or without annotations of
    /// those members) are read as absent and written back as `null`, twice over.
    #[test]
    fn explicit_nulls_survive(
        set_nulls in vec(any::<bool>(), 2),
        key_nulls in vec(vec(any::<bool>(), KEY_DECLARED.len()), 0..4),
        annotate in any::<bool>(),
        style in style(),
    ) {
        let mut members = Vec::new();
        let annotation = |name: &str| (format!("{name}@contoso.note"), J::Str("n".into(), false));
        if set_nulls[0] {
            members.push(("id".to_owned(), J::Null));
        }
        if set_nulls[1] && key_nulls.is_empty() {
            members.push(("keys".to_owned(), J::Null));
        } else {
            let keys = key_nulls.iter().map(|nulls| {
                let mut key = Vec::new();
                for (&name, &null) in KEY_DECLARED.iter().zip(nulls) {
                    if null {
                        if annotate {
                            key.push(annotation(name));
                        }
                        key.push((name.to_owned(), J::Null));
                    }
                }
                J::Obj(key)
            });
            members.push(("keys".to_owned(), J::Arr(keys.collect())));
        }
        if annotate && set_nulls[0] {
            members.push(annotation("id"));
        }
        let input = document(&members, style);
        let set: TrustFrameworkKeySet = odata_core::json::from_str(&input)
            .map_err(|e| TestCaseError::fail(format!("{e} in {input}")))?;
        if set_nulls[0] {
            prop_assert_eq!(set.entity.id.as_deref(), None);
        }
        for key in set.keys.iter().flatten() {
            let without_extra = TrustFrameworkKey { extra: Extra::new(), ..key.clone() };
            prop_assert_eq!(without_extra, TrustFrameworkKey::default());
        }
        let output = odata_core::json::to_string(&set).unwrap();
        let written: Value = serde_json::from_str(&output).unwrap();
        prop_assert_eq!(&written, &expected(&input, SET_TYPE, true), "input: {}\noutput: {}", input, output);
        let again: TrustFrameworkKeySet = odata_core::json::from_str(&output).unwrap();
        prop_assert_eq!(odata_core::json::to_string(&again).unwrap(), output);
    }
}
