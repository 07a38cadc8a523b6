//! A checked-in corpus of malformed and hostile documents (`tests/corpus/hostile/`), each
//! parsed as a `trustFrameworkKeySet`, as an item of a `Page<TrustFrameworkKeySet>` and as the
//! body (and the `innerError`) of a non-2xx response.
//!
//! [`CASES`] maps every file to what must happen: the error's category, JSON path and a
//! substring of its message, or acceptance with a check of the value and of what is written
//! back. Every file in the folder must be in the table and every entry must name a file, so a
//! new document cannot go unchecked. Nothing may panic.
//!
//! The huge documents are generated here at test time instead of being checked in: nesting
//! 100,000 levels deep (run on a thread with a 256 KiB stack, which proves that no path
//! recurses per level), and a 50 MB string in an unknown member and in `kid` (with a rough
//! bound on the peak memory, read from `/proc/self/status`).
//!
//! To see what a new file gives, run it through the payload checker:
//! `cargo run -q --example canonical -- trustFrameworkKeySet < tests/corpus/hostile/FILE`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use odata_core::graph::TrustFrameworkKeySet;
use odata_core::json::Category::{self, Data, Eof, Syntax};
use odata_core::request::{Page, ServiceError};
use odata_core::EntityType;

type KeySet = TrustFrameworkKeySet;

/// What parsing a corpus file as a `TrustFrameworkKeySet` must give.
#[derive(Clone, Copy)]
enum Expect {
    /// An error of this category at this JSON path, whose message contains the text.
    Err(Category, &'static str, &'static str),
    /// The value, checked with the value and the compact JSON written back from it.
    Accept(fn(&KeySet, &str)),
}

#[derive(Clone, Copy)]
struct Case {
    file: &'static str,
    expect: Expect,
}

const fn err(file: &'static str, cat: Category, path: &'static str, msg: &'static str) -> Case {
    Case {
        file,
        expect: Expect::Err(cat, path, msg),
    }
}

const fn accept(file: &'static str, check: fn(&KeySet, &str)) -> Case {
    Case {
        file,
        expect: Expect::Accept(check),
    }
}

const KEY_OBJ: &str = "expected a JSON object of OData type `microsoft.graph.trustFrameworkKey`";
const SET_OBJ: &str = "expected a JSON object of OData type `microsoft.graph.trustFrameworkKeySet`";
const SET_WANTED: &str = "but `microsoft.graph.trustFrameworkKeySet` was expected";
const KEY_WANTED: &str = "but `microsoft.graph.trustFrameworkKey` was expected";
const CTRL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const BAD_UTF8: &str = "invalid unicode code point";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Wrong JSON types at every member of trustFrameworkKeySet, and at the items of `keys`.
    err("id-number.json", Data, "$.id", "invalid type: integer `42`, expected a string"),
    err("id-object.json", Data, "$.id", "invalid type: map, expected a string"),
    err("id-array.json", Data, "$.id", "invalid type: sequence, expected a string"),
    err("keys-object.json", Data, "$.keys", "invalid type: map, expected an array of microsoft.graph.trustFrameworkKey"),
    err("keys-string.json", Data, "$.keys", "invalid type: string \"[{\\\"kid\\\":\\\"k1\\\"}]\", expected an array of microsoft.graph.trustFrameworkKey"),
    err("keys-number.json", Data, "$.keys", "invalid type: integer `0`, expected an array of microsoft.graph.trustFrameworkKey"),
    err("keys-item-string.json", Data, "$.keys[1]", "invalid type: string \"k2\", expected a JSON object"),
    err("keys-item-array.json", Data, "$.keys[0]", KEY_OBJ),
    err("keys-item-number.json", Data, "$.keys[0]", "invalid type: integer `1`"),
    err("keys-item-bool.json", Data, "$.keys[0]", "invalid type: boolean `true`"),
    // ... and at every member of trustFrameworkKey, and at the items of `x5c`.
    err("key-d-number.json", Data, "$.keys[0].d", "invalid type: integer `12345`, expected a string"),
    err("key-dp-bool.json", Data, "$.keys[0].dp", "invalid type: boolean `true`, expected a string"),
    err("key-dq-object.json", Data, "$.keys[0].dq", "invalid type: map, expected a string"),
    err("key-e-array.json", Data, "$.keys[1].e", "invalid type: sequence, expected a string"),
    // An Int64 in a string is read as IEEE754Compatible services send it, written back as a number.
    accept("key-exp-string.json", |v, out| {
        assert_eq!(v.keys.as_ref().unwrap()[0].exp, Some(1_700_000_000));
        assert!(out.contains(r#""exp":1700000000"#), "{out}");
    }),
    err("key-exp-object.json", Data, "$.keys[0].exp", "invalid type: map, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-k-number.json", Data, "$.keys[0].k", "invalid type: integer `0`, expected a string"),
    err("key-kid-object.json", Data, "$.keys[0].kid", "invalid type: map, expected a string"),
    err("key-kty-bool.json", Data, "$.keys[0].kty", "invalid type: boolean `false`, expected a string"),
    err("key-n-array.json", Data, "$.keys[0].n", "invalid type: sequence, expected a string"),
    err("key-nbf-bool.json", Data, "$.keys[0].nbf", "invalid type: boolean `true`, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-nbf-array.json", Data, "$.keys[0].nbf", "invalid type: sequence, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-p-float.json", Data, "$.keys[0].p", "invalid type: floating point `1.5`, expected a string"),
    err("key-q-negative.json", Data, "$.keys[0].q", "invalid type: integer `-7`, expected a string"),
    err("key-qi-object.json", Data, "$.keys[0].qi", "invalid type: map, expected a string"),
    err("key-use-number.json", Data, "$.keys[2].use", "invalid type: integer `1`, expected a string"),
    err("key-x5c-string.json", Data, "$.keys[0].x5c", "invalid type: string \"MIIC\", expected an array of Edm.String"),
    err("key-x5c-object.json", Data, "$.keys[0].x5c", "invalid type: map, expected an array of Edm.String"),
    err("key-x5c-item-number.json", Data, "$.keys[0].x5c[1]", "invalid type: integer `42`, expected a string"),
    err("key-x5c-item-array.json", Data, "$.keys[0].x5c[0]", "invalid type: sequence, expected a string"),
    err("key-x5c-item-object.json", Data, "$.keys[0].x5c[0]", "invalid type: map, expected a string"),
    err("key-x5t-array.json", Data, "$.keys[0].x5t", "invalid type: sequence, expected a string"),
    // `@odata.type` naming another type, an unknown type, or not a string; top and nested.
    err("odata-type-other-type.json", Data, "$.@odata.type", "the value is of type `microsoft.graph.trustFrameworkKey`, but `microsoft.graph.trustFrameworkKeySet` was expected"),
    err("odata-type-other-type-after-members.json", Data, "$.@odata.type", "of type `microsoft.graph.entity`"),
    err("odata-type-unknown-type.json", Data, "$.@odata.type", "the value is of type `contoso.unknownThing`, but"),
    err("odata-type-wrong-case.json", Data, "$.@odata.type", SET_WANTED),
    err("odata-type-double-hash.json", Data, "$.@odata.type", "of type `#microsoft.graph.trustFrameworkKeySet`"),
    accept("odata-type-escaped-accepted.json", |set, out| {
        assert_eq!(set.id(), Some("x"));
        assert_eq!(out, r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"x"}"##);
    }),
    err("odata-type-trailing-space.json", Data, "$.@odata.type", SET_WANTED),
    err("odata-type-empty.json", Data, "$.@odata.type", "the value is of type ``"),
    err("odata-type-collection.json", Data, "$.@odata.type", "`Collection(microsoft.graph.trustFrameworkKeySet)`"),
    err("odata-type-number.json", Data, "$.@odata.type", "invalid type: integer `7`, expected a type name such as \"#microsoft.graph.trustFrameworkKeySet\""),
    err("odata-type-null.json", Data, "$.@odata.type", "invalid type: null, expected a type name"),
    err("nested-key-odata-type-other-type.json", Data, "$.keys[1].@odata.type", "the value is of type `microsoft.graph.trustFrameworkKeySet`, but `microsoft.graph.trustFrameworkKey` was expected"),
    err("nested-key-odata-type-unknown-type.json", Data, "$.keys[0].@odata.type", KEY_WANTED),
    err("nested-key-odata-type-array.json", Data, "$.keys[0].@odata.type", "invalid type: sequence, expected a type name such as \"#microsoft.graph.trustFrameworkKey\""),
    // Nulls: where the model allows them (every optional member, `keys` included), and where
    // it does not (an item of `keys` or `x5c`).
    accept("keys-null.json", |set, out| {
        assert_eq!(set.keys, None);
        assert_eq!(set.id(), Some("B2C_1A_Signing"));
        assert!(out.ends_with(r#""keys":null}"#), "explicit null written back: {out}");
    }),
    accept("id-null.json", |set, out| {
        assert_eq!(set.id(), None);
        assert_eq!(set.keys.as_deref(), Some(&[][..]));
        assert!(out.contains(r#""id":null,"#), "explicit null written back: {out}");
    }),
    accept("key-members-all-null.json", |set, out| {
        let key = &set.keys.as_ref().unwrap()[0];
        assert_eq!(key.kid, None);
        assert_eq!(key.exp, None);
        assert_eq!(key.x5c, None);
        assert!(key.extra.is_empty());
        let nulls = ["d", "dp", "dq", "e", "exp", "k", "kid", "kty", "n", "nbf", "p", "q", "qi", "use", "x5c", "x5t"]
            .map(|m| format!(r#""{m}":null"#))
            .join(",");
        assert!(out.ends_with(&format!("\"keys\":[{{\"@odata.type\":\"#microsoft.graph.trustFrameworkKey\",{nulls}}}]}}")), "{out}");
    }),
    err("keys-item-null.json", Data, "$.keys[1]", "invalid type: null, expected a JSON object of OData type `microsoft.graph.trustFrameworkKey`"),
    err("key-x5c-item-null.json", Data, "$.keys[0].x5c[1]", "invalid type: null, expected a string"),
    // Duplicate members: declared (also when spelled with an escape, or first null), unknown,
    // annotations, `@odata.type`.
    err("duplicate-declared-id.json", Data, "$.id", "duplicate member `id`"),
    err("duplicate-declared-keys.json", Data, "$.keys", "duplicate member `keys`"),
    err("duplicate-declared-keys-first-null.json", Data, "$.keys", "duplicate member `keys`"),
    err("duplicate-declared-key-kid.json", Data, "$.keys[0].kid", "duplicate member `kid`"),
    err("duplicate-declared-kid-escaped-name.json", Data, "$.keys[0].kid", "duplicate member `kid`"),
    err("duplicate-declared-kid-first-null.json", Data, "$.keys[0].kid", "duplicate member `kid`"),
    err("duplicate-unknown-member.json", Data, "$.status", "duplicate member `status`"),
    err("duplicate-unknown-member-escaped-name.json", Data, "$.status", "duplicate member `status`"),
    err("duplicate-unknown-member-nested.json", Data, "$.keys[0].alg", "duplicate member `alg`"),
    err("duplicate-property-annotation.json", Data, "$.keys@odata.count", "duplicate member `keys@odata.count`"),
    err("duplicate-odata-type.json", Data, "$.@odata.type", "duplicate member `@odata.type`"),
    err("duplicate-odata-type-escaped-name.json", Data, "$.@odata.type", "duplicate member `@odata.type`"),
    err("duplicate-odata-type-nested.json", Data, "$.keys[0].@odata.type", "duplicate member `@odata.type`"),
    // Numbers beyond Int64, fractional, NaN-like, not JSON numbers; the bounds themselves.
    accept("key-exp-int64-max.json", |set, out| {
        let key = &set.keys.as_ref().unwrap()[0];
        assert_eq!((key.exp, key.nbf), (Some(i64::MAX), Some(i64::MIN)));
        assert!(out.contains(r#""exp":9223372036854775807,"kid":"k1","nbf":-9223372036854775808"#), "{out}");
    }),
    err("key-exp-beyond-int64.json", Data, "$.keys[0].exp", "invalid value: integer `9223372036854775808`, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-nbf-below-int64.json", Data, "$.keys[0].nbf", "invalid type: floating point `-9.223372036854776e+18`, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-exp-beyond-uint64.json", Data, "$.keys[0].exp", "invalid type: floating point `1.2345678901234568e+29`, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-exp-1e400.json", Data, "$.keys[0].exp", "number out of range"),
    err("key-exp-fraction.json", Data, "$.keys[0].exp", "invalid type: floating point `1700000000.5`, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-nbf-fraction-zero.json", Data, "$.keys[0].nbf", "invalid type: floating point `1700000000.0`, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-nbf-exponent.json", Data, "$.keys[0].nbf", "invalid type: floating point `1700000000.0`, expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-exp-nan-string.json", Data, "$.keys[0].exp", "invalid value: string \"NaN\", expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-nbf-infinity-string.json", Data, "$.keys[0].nbf", "invalid value: string \"Infinity\", expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-exp-minus-infinity-string.json", Data, "$.keys[0].exp", "invalid value: string \"-Infinity\", expected an Edm.Int64: an integer, or an integer in a string"),
    err("key-exp-bare-nan.json", Syntax, "$.keys[0].exp", "expected value"),
    err("key-nbf-bare-infinity.json", Syntax, "$.keys[0].nbf", "expected value"),
    err("key-exp-leading-zero.json", Syntax, "$.keys[0].exp", "invalid number"),
    err("key-exp-plus-sign.json", Syntax, "$.keys[0].exp", "expected value"),
    // `0` is read as the value of `exp`; the `x` after it is the error, between members.
    err("key-exp-hex.json", Syntax, "$.keys[0]", "expected `,` or `}`"),
    // An unknown member's value is kept as raw text, so numbers no i64/f64 can hold survive.
    // (Note: serde_json::Value cannot read 1e400 back; see the report of the issue.)
    accept("unknown-member-number-1e400.json", |set, out| {
        assert_eq!(set.extra.get("huge").unwrap().get(), "1e400");
        assert!(out.ends_with(r#""keys":[],"huge":1e400}"#), "{out}");
    }),
    accept("unknown-member-number-beyond-uint64.json", |set, out| {
        assert_eq!(set.extra.get("big").unwrap().get(), "123456789012345678901234567890");
        assert!(out.ends_with(r#""big":123456789012345678901234567890}"#), "{out}");
    }),
    // Encodings: byte order marks (rejected: RFC 8259 lets a parser reject or ignore them),
    // UTF-16, invalid UTF-8 inside strings and names and outside them.
    err("bom-utf8.json", Syntax, "$", "expected value"),
    err("bom-utf16le.json", Syntax, "$", "expected value"),
    err("bom-utf16be.json", Syntax, "$", "expected value"),
    err("utf16le-no-bom.json", Syntax, "$", "key must be a string"),
    err("invalid-utf8-in-kid.bin", Syntax, "$.keys[0].kid", BAD_UTF8),
    err("invalid-utf8-in-id.bin", Syntax, "$.id", BAD_UTF8),
    err("invalid-utf8-overlong-slash.bin", Syntax, "$.keys[0].kid", BAD_UTF8),
    err("invalid-utf8-encoded-surrogate.bin", Syntax, "$.keys[0].x5t", BAD_UTF8),
    err("invalid-utf8-in-unknown-member.bin", Syntax, "$.note", BAD_UTF8),
    err("invalid-utf8-in-member-name.bin", Syntax, "$", BAD_UTF8),
    err("invalid-utf8-outside-string.bin", Syntax, "$", "expected `,` or `}`"),
    err("invalid-utf8-truncated-sequence-at-end.bin", Eof, "$.id", "EOF while parsing a string"),
    // Lone surrogates in `\u` escapes (serde_json's wording for a lone trailing surrogate is
    // "lone leading surrogate"), bad escapes, control characters.
    err("lone-leading-surrogate-in-kid.json", Syntax, "$.keys[0].kid", "unexpected end of hex escape"),
    err("lone-trailing-surrogate-in-id.json", Syntax, "$.id", "lone leading surrogate in hex escape"),
    err("surrogate-pair-reversed-in-x5t.json", Syntax, "$.keys[0].x5t", "lone leading surrogate in hex escape"),
    err("lone-surrogate-in-x5c-item.json", Syntax, "$.keys[0].x5c[1]", "unexpected end of hex escape"),
    err("lone-surrogate-in-member-name.json", Syntax, "$", "unexpected end of hex escape"),
    // Quirk, not asserted as a bug: the raw value of an unknown member is not decoded, so a
    // lone surrogate there is accepted and written back as received (declared members reject it).
    accept("lone-surrogate-in-unknown-member.json", |set, out| {
        assert_eq!(set.extra.get("note").unwrap().get(), r#""\ud800""#);
        assert!(out.ends_with(r#""note":"\ud800"}"#), "{out}");
    }),
    err("bad-escape-in-kty.json", Syntax, "$.keys[0].kty", "invalid escape"),
    err("short-unicode-escape-in-id.json", Syntax, "$.id", "invalid escape"),
    err("control-character-in-kid.json", Syntax, "$.keys[0].kid", CTRL),
    err("control-character-nul-in-id.json", Syntax, "$.id", CTRL),
    err("control-character-newline-in-x5c-item.json", Syntax, "$.keys[0].x5c[0]", CTRL),
    err("control-character-tab-in-member-name.json", Syntax, "$", CTRL),
    err("control-character-in-unknown-member.json", Syntax, "$.note", CTRL),
    // Not JSON: trailing garbage, extensions some parsers accept, truncation, nothing at all.
    err("trailing-garbage.json", Syntax, "$", "trailing characters"),
    err("trailing-second-document.json", Syntax, "$", "trailing characters"),
    err("trailing-comma-in-object.json", Syntax, "$", "trailing comma"),
    err("trailing-comma-in-keys.json", Syntax, "$.keys", "trailing comma"),
    err("trailing-comma-in-unknown-member.json", Syntax, "$.future", "expected value"),
    err("single-quoted-strings.json", Syntax, "$", "key must be a string"),
    err("unquoted-member-name.json", Syntax, "$", "key must be a string"),
    err("missing-colon.json", Syntax, "$", "expected `:`"),
    err("comment.json", Syntax, "$", "expected `,` or `}`"),
    err("truncated-in-key-object.json", Eof, "$.keys[0]", "EOF while parsing an object"),
    err("truncated-in-string.json", Eof, "$.id", "EOF while parsing a string"),
    err("truncated-in-member-name.json", Eof, "$", "EOF while parsing a string"),
    err("truncated-after-colon.json", Eof, "$.keys", "EOF while parsing a value"),
    err("truncated-in-number.json", Eof, "$.keys[0].exp", "EOF while parsing a value"),
    err("truncated-after-number.json", Eof, "$.keys[0]", "EOF while parsing an object"),
    err("truncated-in-unknown-member.json", Eof, "$.future", "EOF while parsing a list"),
    err("truncated-in-escape.json", Eof, "$.id", "EOF while parsing a string"),
    err("truncated-after-open-brace.json", Eof, "$", "EOF while parsing an object"),
    err("empty.json", Eof, "$", "EOF while parsing a value"),
    err("whitespace-only.json", Eof, "$", "EOF while parsing a value"),
    // Not an object.
    err("top-level-array.json", Data, "$", SET_OBJ),
    err("top-level-string.json", Data, "$", "invalid type: string \"B2C_1A_Signing\""),
    err("top-level-number.json", Data, "$", "invalid type: integer `42`"),
    err("top-level-null.json", Data, "$", "invalid type: null"),
    err("top-level-true.json", Data, "$", "invalid type: boolean `true`"),
    // Nesting (200 levels here; 100,000 in the generated tests below).
    accept("deep-nesting-in-unknown-member-closed.json", |set, out| {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(set.extra.get("deep").unwrap().get(), deep);
        assert!(out.ends_with(&format!(r#""keys":[],"deep":{deep}}}"#)));
    }),
    accept("deep-nesting-objects-in-unknown-member.json", |set, _| {
        let deep = r#"{"a":"#.repeat(200) + "1" + &"}".repeat(200);
        assert_eq!(set.extra.get("deep").unwrap().get(), deep);
    }),
    err("deep-nesting-in-unknown-member-unclosed.json", Syntax, "$.deep", "expected value"),
    err("deep-nesting-in-kid.json", Data, "$.keys[0].kid", "invalid type: sequence, expected a string"),
    err("deep-nesting-in-keys.json", Data, "$.keys[0]", KEY_OBJ),
    // How the path names members whose names are not identifiers.
    err("path-member-name-with-quote.json", Syntax, "$[\"a b\\\"c\"]", "expected value"),
    err("path-member-name-unicode.json", Syntax, "$.ключ", "expected value"),
    err("path-member-name-with-dot.json", Syntax, "$.keys[0][\"x5c.0\"]", "expected value"),
];

fn corpus_dir() -> String {
    format!("{}/tests/corpus/hostile", env!("CARGO_MANIFEST_DIR"))
}

fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("the corpus folder")
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn read(file: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{file}", corpus_dir())).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Runs `f`, turning a panic into an error that names `what`.
fn no_panic<R>(what: &str, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => panic!("PANIC while {what}"),
    }
}

/// Runs `f` on a thread with a 256 KiB stack: a parse that recursed once per nesting level
/// would overflow it (and abort the test binary) long before 100,000 levels.
fn on_small_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .name("small-stack".into())
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("the small-stack thread panicked"))
}

fn parse(file: &str, bytes: &[u8]) -> Result<KeySet, odata_core::json::Error> {
    no_panic(&format!("parsing {file}"), || {
        odata_core::json::from_slice::<KeySet>(bytes)
    })
}

/// Checks one case; `Err` describes the mismatch.
fn check(case: &Case) -> Result<(), String> {
    let bytes = read(case.file);
    let parsed = parse(case.file, &bytes);
    match (case.expect, parsed) {
        (Expect::Err(cat, path, msg), Err(e)) => {
            if e.category() == cat && e.path() == path && e.message().contains(msg) {
                Ok(())
            } else {
                Err(format!(
                    "expected {cat:?} at {path} containing {msg:?}, got {:?} at {} {:?}",
                    e.category(),
                    e.path(),
                    e.message()
                ))
            }
        }
        (Expect::Err(cat, path, _), Ok(v)) => {
            Err(format!("expected {cat:?} at {path}, but it parsed: {v:?}"))
        }
        (Expect::Accept(_), Err(e)) => Err(format!("expected it to parse, got {e}")),
        (Expect::Accept(check), Ok(v)) => {
            let out = odata_core::json::to_string(&v).map_err(|e| format!("writing: {e}"))?;
            catch_unwind(AssertUnwindSafe(|| check(&v, &out)))
                .map_err(|_| "the value or its output failed the check".to_owned())?;
            // And what was written reads back as the same value.
            let again = odata_core::json::from_str::<KeySet>(&out)
                .map_err(|e| format!("output does not parse back: {e}"))?;
            if again == v {
                Ok(())
            } else {
                Err(format!("output parses back different: {again:?}"))
            }
        }
    }
}

#[test]
fn corpus_and_table_match() {
    let files = corpus_files();
    let in_table: Vec<&str> = CASES.iter().map(|c| c.file).collect();
    let unlisted: Vec<&String> = files
        .iter()
        .filter(|f| !in_table.contains(&f.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "corpus files with no entry in CASES: {unlisted:?}"
    );
    let missing: Vec<&&str> = in_table
        .iter()
        .filter(|f| !files.iter().any(|g| g == **f))
        .collect();
    assert!(
        missing.is_empty(),
        "CASES entries with no file: {missing:?}"
    );
    let mut seen = std::collections::HashSet::new();
    for file in &in_table {
        assert!(seen.insert(file), "{file} is twice in CASES");
    }
    assert!(files.len() >= 40, "only {} corpus files", files.len());
}

#[test]
fn every_corpus_file_gives_what_the_table_says() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|c| check(c).err().map(|why| format!("{}: {why}", c.file)))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The whole corpus again on a small stack: no file needs a deep stack.
#[test]
fn corpus_parses_on_a_small_stack() {
    on_small_stack(|| {
        for file in corpus_files() {
            let bytes = read(&file);
            let _ = odata_core::json::from_slice::<KeySet>(&bytes);
            let _ = odata_core::json::from_slice::<Page<KeySet>>(&bytes);
        }
    });
}

// ---- Page<TrustFrameworkKeySet> ----------------------------------------------------------

/// Files whose meaning changes when wrapped as an item of `value` (they are cut short, run
/// past their end, or are empty): wrapped, they only must not parse, or parse as no item.
const CONTEXT_SENSITIVE: &[&str] = &[
    "empty.json",
    "whitespace-only.json",
    "trailing-garbage.json",
    "trailing-second-document.json",
    "invalid-utf8-truncated-sequence-at-end.bin",
];

fn wrap_in_page(doc: &[u8]) -> Vec<u8> {
    [&b"{\"value\":["[..], doc, b"]}"].concat()
}

/// Each document as the one item of a page: the same outcome, with the path under
/// `$.value[0]`.
#[test]
fn corpus_as_a_page_item() {
    let mut failures = Vec::new();
    for file in corpus_files() {
        let doc = read(&file);
        let page_bytes = wrap_in_page(&doc);
        let direct = parse(&file, &doc);
        let page = no_panic(&format!("parsing {file} as a page item"), || {
            odata_core::json::from_slice::<Page<KeySet>>(&page_bytes)
        });
        let truncated = file.starts_with("truncated-");
        let outcome = match (&direct, &page) {
            (Ok(v), Ok(p)) if p.value.len() == 1 && &p.value[0] == v => Ok(()),
            (Ok(_), other) => Err(format!("parsed alone, but as a page item: {other:?}")),
            (Err(_), Ok(p))
                if p.value.is_empty()
                    && ["empty.json", "whitespace-only.json"].contains(&file.as_str()) =>
            {
                Ok(())
            }
            (Err(_), Ok(p)) => Err(format!("failed alone, but parsed as a page: {p:?}")),
            (Err(_), Err(_)) if truncated || CONTEXT_SENSITIVE.contains(&file.as_str()) => Ok(()),
            (Err(d), Err(p)) => {
                let want = format!("$.value[0]{}", &d.path()[1..]);
                if p.category() == d.category() && p.path() == want && p.message() == d.message() {
                    Ok(())
                } else {
                    Err(format!(
                        "alone: {:?} at {} {:?}; as a page item: {:?} at {} {:?} (wanted path {want})",
                        d.category(),
                        d.path(),
                        d.message(),
                        p.category(),
                        p.path(),
                        p.message()
                    ))
                }
            }
        };
        if let Err(why) = outcome {
            failures.push(format!("{file}: {why}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Each document parsed as a page itself: none has a `value` member, so none is a page, and
/// none panics.
#[test]
fn corpus_as_a_page() {
    for file in corpus_files() {
        let doc = read(&file);
        let result = no_panic(&format!("parsing {file} as a page"), || {
            odata_core::json::from_slice::<Page<KeySet>>(&doc)
        });
        assert!(result.is_err(), "{file} parsed as a page: {result:?}");
    }
}

type PageCase = (&'static str, Category, &'static str, &'static str);

/// Hostile pages: the page's own members. (document, category, path, message substring)
#[rustfmt::skip]
const HOSTILE_PAGES: &[PageCase] = &[
    (r#"{"@odata.count":1}"#, Data, "$", "missing field `value`"),
    (r#"{"value":null}"#, Data, "$.value", "invalid type: null, expected a sequence"),
    (r#"{"value":{}}"#, Data, "$.value", "invalid type: map, expected a sequence"),
    (r#"{"value":[null]}"#, Data, "$.value[0]", "invalid type: null"),
    (r#"{"value":[],"@odata.count":"3"}"#, Data, "$.@odata.count", "invalid type: string \"3\", expected i64"),
    (r#"{"value":[],"@odata.count":9223372036854775808}"#, Data, "$.@odata.count", "expected i64"),
    (r#"{"value":[],"@odata.nextLink":5}"#, Data, "$.@odata.nextLink", "invalid type: integer `5`, expected a string"),
    (r#"{"value":[],"@odata.context":[]}"#, Data, "$.@odata.context", "invalid type: sequence, expected a string"),
    (r#"{"value":[{"id":"a"},{"id":"b","keys":[{"exp":"x"}]}]}"#, Data, "$.value[1].keys[0].exp", "expected an Edm.Int64: an integer, or an integer in a string"),
    (r#"{"value":[]} trailing"#, Syntax, "$", "trailing characters"),
    (r#"{"value":[{"id":"a"}"#, Eof, "$.value", "EOF while parsing a list"),
];

/// A duplicate member of a page is reported at the member itself.
#[rustfmt::skip]
const HOSTILE_PAGE_DUPLICATES: &[PageCase] = &[
    (r#"{"value":[{"id":"a"}],"value":[]}"#, Data, "$.value", "duplicate member `value`"),
    (r#"{"value":[],"@odata.count":1,"@odata.count":2}"#, Data, "$.@odata.count", "duplicate member `@odata.count`"),
    (r#"{"value":[],"@odata.deltaLink":"a","@odata.deltaLink":"b"}"#, Data, "$.@odata.deltaLink", "duplicate member `@odata.deltaLink`"),
];

fn check_page(doc: &str, cat: Category, path: &str, msg: &str) -> Result<(), String> {
    match no_panic(doc, || odata_core::json::from_str::<Page<KeySet>>(doc)) {
        Ok(p) => Err(format!("parsed: {p:?}")),
        Err(e) if e.category() == cat && e.path() == path && e.message().contains(msg) => Ok(()),
        Err(e) => Err(format!(
            "expected {cat:?} at {path} containing {msg:?}, got {:?} at {} {:?}",
            e.category(),
            e.path(),
            e.message()
        )),
    }
}

#[test]
fn page_duplicate_member_path() {
    let failures: Vec<String> = HOSTILE_PAGE_DUPLICATES
        .iter()
        .filter_map(|&(doc, cat, path, msg)| {
            check_page(doc, cat, path, msg)
                .err()
                .map(|why| format!("{doc}: {why}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Hostile pages: the page's own members.
#[test]
fn hostile_pages() {
    let mut failures = Vec::new();
    for &(doc, cat, path, msg) in HOSTILE_PAGES {
        if let Err(why) = check_page(doc, cat, path, msg) {
            failures.push(format!("{doc}: {why}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// ---- ServiceError::from_response ---------------------------------------------------------

fn service_error(status: u16, body: Vec<u8>) -> ServiceError {
    let response = http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("retry-after", "not a number")
        .body(body)
        .unwrap();
    let err = ServiceError::from_response(&response);
    let _ = err.to_string();
    let _ = err.retry_after_delay();
    err
}

/// Whether `doc` is a JSON text by RFC 8259's grammar: UTF-8, one value, nothing after it.
/// (serde_json's `IgnoredAny` scans without recursion and without decoding escapes or
/// numbers, so it accepts lone surrogate escapes, 1e400 and deep nesting, as the grammar does.)
fn well_formed(doc: &[u8]) -> bool {
    std::str::from_utf8(doc).is_ok() && serde_json::from_slice::<serde::de::IgnoredAny>(doc).is_ok()
}

/// Well-formed documents that, as an `innerError`, cost the error its code and message: the
/// lenient `innerError` reads a `serde_json::Value` first, which fails on nesting past 128
/// levels, on numbers out of f64's range and on lone surrogates.
const INNER_ERROR_KNOWN_BUG: &[&str] = &[
    "deep-nesting-in-keys.json",
    "deep-nesting-in-kid.json",
    "deep-nesting-in-unknown-member-closed.json",
    "deep-nesting-objects-in-unknown-member.json",
    "key-exp-1e400.json",
    "lone-leading-surrogate-in-kid.json",
    "lone-surrogate-in-member-name.json",
    "lone-surrogate-in-unknown-member.json",
    "lone-surrogate-in-x5c-item.json",
    "lone-trailing-surrogate-in-id.json",
    "surrogate-pair-reversed-in-x5t.json",
    "unknown-member-number-1e400.json",
];

fn inner_error_body(doc: &[u8]) -> Vec<u8> {
    [
        &br#"{"error":{"code":"BadThing","message":"it broke","innerError":"#[..],
        doc,
        b"}}",
    ]
    .concat()
}

/// No body makes `from_response` panic; none of these bodies is an OData error.
#[test]
fn corpus_as_an_error_response_body() {
    for file in corpus_files() {
        let doc = read(&file);
        for status in [400, 404, 429, 500, 503] {
            let err = no_panic(&format!("reading {file} as a {status} body"), || {
                service_error(status, doc.clone())
            });
            assert!(err.error.is_none(), "{file}: {:?}", err.error);
            assert_eq!(err.body, doc);
        }
        // As the `error` member, and as an item of its `details`: not an OData error either.
        let as_error = [&br#"{"error":"#[..], &doc, b"}"].concat();
        let as_detail = [
            &br#"{"error":{"code":"c","message":"m","details":["#[..],
            &doc,
            b"]}}",
        ]
        .concat();
        for body in [as_error, as_detail] {
            no_panic(&format!("reading {file} inside an error body"), || {
                service_error(400, body)
            });
        }
    }
}

/// As the `innerError` of a good error: a well-formed one never costs the code and message,
/// a malformed one makes the body unreadable.
#[test]
fn corpus_as_an_inner_error() {
    let mut failures = Vec::new();
    let mut costly = Vec::new();
    for file in corpus_files() {
        let doc = read(&file);
        let err = no_panic(&format!("reading {file} as an innerError"), || {
            service_error(400, inner_error_body(&doc))
        });
        let kept = err
            .error
            .as_ref()
            .is_some_and(|e| e.code == "BadThing" && e.message == "it broke");
        if !well_formed(&doc) {
            if err.error.is_some() {
                failures.push(format!("{file}: malformed, but read: {:?}", err.error));
            }
        } else if !kept {
            costly.push(file);
        }
    }
    let unexpected: Vec<&String> = costly
        .iter()
        .filter(|f| !INNER_ERROR_KNOWN_BUG.contains(&f.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "well-formed innerError lost the code and message: {unexpected:?}"
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn inner_error_that_value_cannot_hold() {
    let lost: Vec<&&str> = INNER_ERROR_KNOWN_BUG
        .iter()
        .filter(|file| {
            let err = service_error(400, inner_error_body(&read(file)));
            err.error.is_none_or(|e| e.code != "BadThing")
        })
        .collect();
    assert!(lost.is_empty(), "code and message lost for {lost:?}");
}

// ---- Generated: 100,000 levels of nesting --------------------------------------------------

const DEPTH: usize = 100_000;
const SET_HEAD: &str =
    r##"{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"B2C_1A_Signing","keys":[]"##;

fn deep_array(closed: bool) -> String {
    let mut s = "[".repeat(DEPTH);
    if closed {
        s.push_str(&"]".repeat(DEPTH));
    }
    s
}

fn deep_objects() -> String {
    r#"{"a":"#.repeat(DEPTH) + "1" + &"}".repeat(DEPTH)
}

/// Parses `doc` on a small stack as a key set; the error as (category, path, message).
fn parse_small_stack(doc: String) -> Result<(KeySet, String), (Category, String, String)> {
    on_small_stack(move || match odata_core::json::from_str::<KeySet>(&doc) {
        Ok(v) => {
            let out = odata_core::json::to_string(&v).unwrap();
            Ok((v, out))
        }
        Err(e) => Err((e.category(), e.path().to_owned(), e.message().to_owned())),
    })
}

#[test]
fn deep_nesting_in_an_unknown_member_is_kept_without_recursion() {
    for deep in [deep_array(true), deep_objects()] {
        let doc = format!(r#"{SET_HEAD},"deep":{deep}}}"#);
        let (set, out) = parse_small_stack(doc.clone()).expect("well-formed, kept raw");
        assert_eq!(set.extra.get("deep").unwrap().get(), deep);
        assert_eq!(out, doc, "written back as read");
    }
}

#[test]
fn deep_nesting_errors_without_recursion() {
    let arr = deep_array(true);
    let cases: Vec<(String, Category, &str, &str)> = vec![
        // Unclosed: the input ends inside the unknown member.
        (
            format!(r#"{SET_HEAD},"deep":{}"#, deep_array(false)),
            Eof,
            "$.deep",
            "EOF while parsing a list",
        ),
        // An error after the deep member: the second, path-tracking pass also gets past it.
        (
            format!(r#"{{"keys":[],"deep":{arr},"id":5}}"#),
            Data,
            "$.id",
            "invalid type: integer `5`, expected a string",
        ),
        (
            format!(r#"{{"deep":{},"id":5}}"#, deep_objects()),
            Data,
            "$.id",
            "invalid type: integer `5`",
        ),
        (arr.clone(), Data, "$", SET_OBJ),
        (
            format!(r#"{{"id":{}}}"#, deep_objects()),
            Data,
            "$.id",
            "invalid type: map, expected a string",
        ),
        (
            format!(r#"{{"keys":[{{"kid":{arr}}}]}}"#),
            Data,
            "$.keys[0].kid",
            "invalid type: sequence, expected a string",
        ),
        (format!(r#"{{"keys":{arr}}}"#), Data, "$.keys[0]", KEY_OBJ),
        (
            format!(r#"{{"keys":[{{"x5c":{arr}}}]}}"#),
            Data,
            "$.keys[0].x5c[0]",
            "invalid type: sequence, expected a string",
        ),
    ];
    for (doc, cat, path, msg) in cases {
        let head: String = doc.chars().take(60).collect();
        match parse_small_stack(doc) {
            Ok((v, _)) => panic!("{head}...: parsed: {:?}", v.entity),
            Err((c, p, m)) => assert!(
                c == cat && p == path && m.contains(msg),
                "{head}...: expected {cat:?} at {path} containing {msg:?}, got {c:?} at {p} {m:?}"
            ),
        }
    }
}

#[test]
fn deep_nesting_in_pages_and_error_bodies_without_recursion() {
    on_small_stack(|| {
        let arr = deep_array(true);
        // A page whose item and whose unknown member are deep.
        let page = format!(r#"{{"value":[{arr}]}}"#);
        let err = odata_core::json::from_str::<Page<KeySet>>(&page).unwrap_err();
        assert_eq!((err.category(), err.path()), (Data, "$.value[0]"));
        let page = format!(r#"{{"value":[],"@odata.deltaLink":{arr}}}"#);
        let read = odata_core::json::from_str::<Page<KeySet>>(&page).unwrap();
        assert_eq!(read.extra.get("@odata.deltaLink").unwrap().get(), arr);
        // Error bodies: deep at the top, as `error`, in an unknown member, as `innerError`.
        for body in [
            arr.clone(),
            format!(r#"{{"error":{arr}}}"#),
            format!(r#"{{"error":{{"code":"c","message":"m","extra":{arr}}}}}"#),
            format!(r#"{{"error":{{"code":"c","message":"m","innerError":{arr}}}}}"#),
            format!(r#"{{"error":{{"code":"c","message":"m","innerError":{{"x":{arr}}}}}}}"#),
            format!(r#"{{"error":{{"code":"c","message":"m","details":[{arr}]}}}}"#),
        ] {
            service_error(400, body.into_bytes());
        }
        let unknown = format!(r#"{{"error":{{"code":"c","message":"m","extra":{arr}}}}}"#);
        let err = service_error(400, unknown.into_bytes());
        assert_eq!(err.error.map(|e| e.code).as_deref(), Some("c"));
    });
}

// ---- Generated: a 50 MB string -------------------------------------------------------------

const BIG: usize = 50 * 1024 * 1024;

/// (current RSS, peak RSS) in bytes, after resetting the peak when the kernel allows it.
fn rss() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn reset_peak() {
    // "5" resets the peak RSS to the current RSS (Linux 4.0+); without it, the bound below is
    // only checked against a peak that may include earlier work.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Parses the 50 MB documents and bounds the peak memory the parse adds to about three times
/// the document (the input is already in memory: the parse copies the string once into the
/// value; a failed parse would read the document a second time).
#[test]
fn a_50_mb_string_in_kid_and_in_an_unknown_member() {
    let text = "A".repeat(BIG);
    let in_kid = format!(
        r##"{{"@odata.type":"#microsoft.graph.trustFrameworkKeySet","id":"B2C_1A_Signing","keys":[{{"@odata.type":"#microsoft.graph.trustFrameworkKey","kid":"{text}"}}]}}"##
    );
    let in_unknown = format!(r#"{SET_HEAD},"note":"{text}"}}"#);
    drop(text);
    for (what, doc) in [("kid", in_kid), ("an unknown member", in_unknown)] {
        reset_peak();
        let before = rss();
        let start = std::time::Instant::now();
        let set: KeySet = odata_core::json::from_str(&doc).expect(what);
        let parse_time = start.elapsed();
        let after = rss();
        match what {
            "kid" => assert_eq!(
                set.keys.as_ref().unwrap()[0].kid.as_ref().unwrap().len(),
                BIG
            ),
            _ => assert_eq!(set.extra.get("note").unwrap().get().len(), BIG + 2),
        }
        if let (Some((rss_before, _)), Some((_, peak_after))) = (before, after) {
            let added = peak_after.saturating_sub(rss_before);
            eprintln!(
                "50 MB string in {what}: parsed in {parse_time:?}, peak RSS +{} MB",
                added >> 20
            );
            assert!(
                added < 3 * BIG as u64,
                "parsing a 50 MB string in {what} added {} MB to the peak RSS",
                added >> 20
            );
        }
        // It is written back whole, and the error path (a second, path-tracking read) copes.
        assert_eq!(odata_core::json::to_string(&set).unwrap(), doc);
        drop(set);
        let bad = doc.replacen(r#""id":"B2C_1A_Signing""#, r#""id":7"#, 1);
        let err = odata_core::json::from_str::<KeySet>(&bad).unwrap_err();
        assert_eq!((err.category(), err.path()), (Data, "$.id"));
        let bad = format!(r#"{},"zz":[1,]}}"#, &doc[..doc.len() - 1]);
        let err = odata_core::json::from_str::<KeySet>(&bad).unwrap_err();
        assert_eq!(
            (err.category(), err.path()),
            (Syntax, "$.zz"),
            "after the string"
        );
        // As an error body, and as a page item.
        let service = service_error(500, doc.clone().into_bytes());
        assert!(service.error.is_none());
        let page = wrap_in_page(doc.as_bytes());
        let page = odata_core::json::from_slice::<Page<KeySet>>(&page).expect(what);
        assert_eq!(page.value.len(), 1);
    }
}
