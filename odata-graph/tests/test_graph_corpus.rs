//! Every response example of the Graph v1.0 reference in the corpus (`tests/corpus/graph-v1.0`,
//! see its `SOURCE.md` files) parses into its generated type, found by qualified name through
//! the generated `registry`, as a single value or a collection page, and writes back losslessly.
//!
//! Where the documentation is wrong (bodies that are not JSON, values of the wrong type, a type
//! that does not exist, ...), the file is in [`DOCS_ERRORS`] with the reason: it must fail, and
//! each one is counted. A file that fails and is not listed is our failure; a listed file that
//! parses is stale in the list. Both fail the test.
//!
//! Lossless means: the input and what we write, both read as `serde_json::Value`, are equal
//! after these normalisations, each of which is a difference of form that the model defines
//! the meaning of:
//!
//! - `@odata.type` is written on every structured value, always with `#`: an `@odata.type` in
//!   the output where the input has none is dropped, and a `#` is added where the input leaves
//!   it out.
//! - Numbers compare by value: an `Edm.Double` written `5` in the docs is written `5.0`.
//! - An `Edm.DateTimeOffset` or `Edm.TimeOfDay` is written without trailing zeros in its
//!   fraction of a second (`08:00:00.0000000` is written `08:00:00`): the same instant.
//! - An enumeration member given by its value (`"1"`, which OData allows) is written by its
//!   name (`"operatingSystemVolume"`).
//!
//! And "into its type" means more than "was read": a member the model does not declare for
//! the value's type (at any depth; annotations and open types' dynamic properties aside) is
//! kept, and so would pass the round trip, but the body is then not a value of its declared
//! type (a misspelled property, an entity wrapped in `{"value": ...}`, a property newer than
//! v1.0): it fails too.
//!
//! No test here needs more stack than a spawned thread's default 2 MiB: the largest types
//! (by `size_of`) and a user with nested expanded navigation are read on a 2 MiB thread.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use odata_core::model::{EdmType, Primitive, TypeInfo};
use odata_core::request::Page;
use odata_graph::registry::{self, TypeVisitor};
use serde_json::Value;

/// Files whose documentation example is wrong, and why. Each must fail.
const DOCS_ERRORS: &[(&str, &str)] = &[
    // Not JSON.
    ("bookingbusiness-list--1.json", "not JSON: trailing comma"),
    ("bookingbusiness-list--2.json", "not JSON: trailing comma"),
    ("calendarpermission-get--1.json", "not JSON: trailing comma"),
    ("driveitem-createlink--1.json", "not JSON: trailing comma"),
    ("driveitem-createlink--2.json", "not JSON: trailing commas"),
    (
        "educationclass-list-members--1.json",
        "not JSON: trailing commas",
    ),
    (
        "educationuser-list-classes--1.json",
        "not JSON: trailing comma",
    ),
    (
        "opentypeextension-get--1.json",
        "not JSON: a raw line break in a string",
    ),
    (
        "securescorecontrolprofile-get--1.json",
        "not JSON: trailing comma",
    ),
    ("signin-get--1.json", "not JSON: trailing comma"),
    ("signin-list--2.json", "not JSON: trailing comma"),
    ("team-get--1.json", "not JSON: trailing comma"),
    ("timecard-get--1.json", "not JSON: trailing commas"),
    (
        "unifiedroleassignment-get--2.json",
        "not JSON: trailing commas",
    ),
    // Placeholders and values of the wrong type.
    (
        "calendar-list-events--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "contactfolder-list-contacts--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "contactfolder-post-contacts--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "conversationthread-get--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "group-list-threads--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "offershiftrequest-get--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "post-get--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "timeoffrequest-get--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "user-list-contacts--1.json",
        "DateTimeOffset placeholder `datetime-value`",
    ),
    (
        "synchronization-synchronizationjob-get--1.json",
        "empty strings as DateTimeOffset",
    ),
    (
        "contract-get--1.json",
        "Guid placeholder `customerId-value`",
    ),
    (
        "contract-list--1.json",
        "Guid placeholder `customerId-value`",
    ),
    (
        "riskyuser-list--1.json",
        "Boolean placeholder `\"Boolean\"`",
    ),
    (
        "riskyuser-list-history--1.json",
        "Boolean placeholder `\"Boolean\"`",
    ),
    (
        "message-createreply--2.json",
        "contentBytes `Adfsdfsdfsdfw==` is not base64 (15 characters)",
    ),
    (
        "calendargroup-post-calendars--1.json",
        "an object where the enumeration calendarColor is due",
    ),
    (
        "notebook-get--1.json",
        "userRole is an empty object, not an onenoteUserRole member",
    ),
    (
        "place-list--1.json",
        "capacity (Edm.Int32) is the string \"50\"",
    ),
    (
        "user-get-mailboxsettings--1.json",
        "userPurpose is an object (the beta shape), not the v1.0 enumeration",
    ),
    (
        "user-get-mailboxsettings--4.json",
        "declared as the enumeration userPurpose, the body is an object",
    ),
    // A single value declared, a collection or a wrapped value given.
    (
        "channel-list-members--1.json",
        "declared a single conversationMember, the body is a collection",
    ),
    (
        "chat-list-members--1.json",
        "declared a single conversationMember, the body is a collection",
    ),
    (
        "directoryaudit-get--1.json",
        "a single value declared, the body is a collection",
    ),
    (
        "directoryaudit-list--2.json",
        "a single value declared (no isCollection), the body is a collection",
    ),
    (
        "presence-get--3.json",
        "a single value declared, the body is a collection",
    ),
    (
        "riskdetection-get--1.json",
        "a single value declared, the body is a collection",
    ),
    (
        "riskyuser-get--1.json",
        "a single value declared, the body is a collection",
    ),
    (
        "educationschool-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "educationuser-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "emailauthenticationmethod-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "fido2authenticationmethod-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "linkedresource-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "riskyserviceprincipal-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "softwareoathauthenticationmethod-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "teamworktag-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "virtualeventwebinar-get--1.json",
        "the entity wrapped in {\"value\": ...}",
    ),
    (
        "channel-get--2.json",
        "declared channelSummary, the body is a channel with `summary`",
    ),
    // Another type than declared.
    (
        "orgcontact-get--1.json",
        "declared type misspelled (`orgcontact`, the model has `orgContact`)",
    ),
    (
        "tenantadmin-settings-get--1.json",
        "`microsoft.graph.tenantAdmin.settings` is not in v1.0",
    ),
    ("place-get--1.json", "declared room, the body is a roomList"),
    (
        "security-incident-get--1.json",
        "@odata.type `#microsoft.graph.incident`, not security.incident",
    ),
    (
        "teamsapp-publish--3.json",
        "declared teamsApp, the body is a teamsAppDefinition",
    ),
    // Members the v1.0 model does not have: misspelled, or from the beta model.
    (
        "directoryaudit-list--1.json",
        "targetResources[].Type (the model has `type`)",
    ),
    (
        "onlinemeeting-get--1.json",
        "audioConferencing.ConferenceId (the model has `conferenceId`)",
    ),
    (
        "place-list--2.json",
        "geocoordinates (the model has `geoCoordinates`)",
    ),
    (
        "printconnector-get--1.json",
        "location.subUnit (the model has `subunit`)",
    ),
    (
        "printer-get--1.json",
        "location.subUnit (the model has `subunit`)",
    ),
    (
        "printershare-get--1.json",
        "location.subUnit (the model has `subunit`)",
    ),
    (
        "bookingbusiness-get--1.json",
        "physicalAddress postOfficeBox, type: not in v1.0",
    ),
    (
        "authentication-list-methods--1.json",
        "creationDateTime: not in v1.0",
    ),
    (
        "accesspackageassignmentpolicy-get--2.json",
        "accessPackageId, accessReviewSettings, canExtend, durationInDays, expirationDateTime, verifiableCredentialSettings and requestApprovalSettings/requestorSettings members of the beta model: not in v1.0 (seen once its expanded navigation, holding a subtype, read: it was in OUR_KNOWN_FAILURES)",
    ),
    (
        "bookingbusiness-list-customers--1.json",
        "physicalAddress postOfficeBox, type: not in v1.0",
    ),
    (
        "bookingcustomer-get--1.json",
        "physicalAddress postOfficeBox, type: not in v1.0",
    ),
    (
        "channel-list-tabs--1.json",
        "teamsTab sortOrderIndex: not in v1.0",
    ),
    (
        "chat-list-installedapps--3.json",
        "teamsAppDefinition azureADAppId, ...: not in v1.0",
    ),
    (
        "team-list-installedapps--3.json",
        "teamsAppDefinition azureADAppId, ...: not in v1.0",
    ),
    (
        "educationrubric-get--1.json",
        "rubricCriterion id: not in v1.0",
    ),
    (
        "permissiongrantpolicy-get--1.json",
        "certifiedClientApplicationsOnly: not in v1.0",
    ),
    (
        "security-list-incidents--1.json",
        "alertComment createdBy, createdTime: not in v1.0",
    ),
    (
        "serviceannouncement-list-messages--1.json",
        "serviceUpdateMessage expiryDateTime: not in v1.0",
    ),
    (
        "subscription-get--1.json",
        "notificationContentType: not in v1.0",
    ),
    (
        "subscription-post-subscriptions--1.json",
        "notificationContentType: not in v1.0",
    ),
    ("workforceintegration-get--1.json", "supports: not in v1.0"),
];

/// Files that fail on our side, and why: counted and printed, and each must still fail (so a
/// fix shows here). Not docs errors.
const OUR_KNOWN_FAILURES: &[(&str, &str)] = &[];

/// Reads one value (or a page) of the type the registry gives, and writes it back. The
/// one-pass located parse compiles each of the model's thousands of readers once.
struct Canonical<'a> {
    input: &'a [u8],
    page: bool,
}

impl TypeVisitor for Canonical<'_> {
    type Output = Result<Vec<u8>, odata_core::json::Error>;

    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output {
        use odata_core::json::{from_slice_located, to_vec};
        if self.page {
            to_vec(&from_slice_located::<Page<T>>(self.input)?)
        } else {
            to_vec(&from_slice_located::<T>(self.input)?)
        }
    }
}

struct Entry {
    file: PathBuf,
    name: String,
    odata_type: String,
    page: bool,
}

fn corpus() -> Vec<Entry> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/graph-v1.0");
    let mut out = Vec::new();
    for (dir, manifest) in [("a-l", "manifest-a-l.json"), ("m-z", "manifest-m-z.json")] {
        let dir = root.join(dir);
        let text = std::fs::read_to_string(dir.join(manifest)).expect("the manifest");
        let entries: Vec<Value> = serde_json::from_str(&text).expect("the manifest is JSON");
        for e in entries {
            let name = e["file"].as_str().expect("file").to_owned();
            let declared = e["odata_type"].as_str().expect("odata_type");
            // The docs declare a collection either with `isCollection` or as `Collection(T)`
            // (any case).
            let (odata_type, collection_type) = match declared
                .get(..11)
                .filter(|p| p.eq_ignore_ascii_case("collection("))
            {
                Some(_) => (declared[11..declared.len() - 1].to_owned(), true),
                None => (declared.to_owned(), false),
            };
            out.push(Entry {
                file: dir.join(&name),
                name,
                odata_type,
                page: collection_type || e["is_collection"].as_bool() == Some(true),
            });
        }
    }
    out
}

/// Members of `value` the model does not declare for its type (the type its `@odata.type`
/// names, else `declared`), by JSON path, at every depth; annotations aside, and dynamic
/// properties of open types allowed. Such members are kept and written back (so they pass the
/// round trip), but a body with them is not a value of its declared type.
fn undeclared(
    path: &str,
    value: &Value,
    declared: &'static TypeInfo,
    types: &HashMap<&str, &'static TypeInfo>,
    out: &mut Vec<String>,
) {
    let Value::Object(map) = value else { return };
    let info = map
        .get("@odata.type")
        .and_then(Value::as_str)
        .and_then(|t| types.get(t.trim_start_matches('#')).copied())
        .unwrap_or(declared);
    for (name, member) in map {
        if name.contains('@') {
            continue;
        }
        let Some(property) = info.property(name) else {
            if !info.ancestry().any(|t| t.is_open) {
                out.push(format!("{path}.{name}"));
            }
            continue;
        };
        let Some(target) = property.edm.structured() else {
            continue;
        };
        match member {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    undeclared(&format!("{path}.{name}[{i}]"), item, target, types, out);
                }
            }
            other => undeclared(&format!("{path}.{name}"), other, target, types, out),
        }
    }
}

/// A time's fraction without trailing zeros (`08:00:00.0000000` -> `08:00:00`, `.340Z` ->
/// `.34Z`).
fn trim_fraction(text: &str) -> String {
    let Some(dot) = text.find('.') else {
        return text.to_owned();
    };
    let digits = text[dot + 1..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(text.len(), |n| dot + 1 + n);
    let kept = text[dot + 1..digits].trim_end_matches('0');
    let dot_part = if kept.is_empty() {
        String::new()
    } else {
        format!(".{kept}")
    };
    format!("{}{dot_part}{}", &text[..dot], &text[digits..])
}

/// Whether two leaves are one value of the Edm type `edm` written in two forms.
fn same_value(input: &Value, output: &Value, edm: Option<EdmType>) -> bool {
    match (input, output, edm) {
        (Value::Number(i), Value::Number(o), _) => i.as_f64() == o.as_f64(),
        (Value::String(i), Value::String(o), Some(EdmType::Enum(info))) => {
            // An enumeration member given by its value (`"1"`), which OData allows.
            i == o
                || i.parse::<i64>().ok().and_then(|v| {
                    let info = info();
                    info.index_of_value(v).map(|n| info.members[n].name)
                }) == Some(o.as_str())
        }
        (
            Value::String(i),
            Value::String(o),
            Some(EdmType::Primitive(Primitive::DateTimeOffset | Primitive::TimeOfDay)),
        ) => trim_fraction(i) == trim_fraction(o),
        (i, o, _) => i == o,
    }
}

/// The differences between `input` and `output`, after the normalisations above; `declared`
/// is the structured type of an object without `@odata.type`, `edm` the Edm type of the value.
fn differences(
    path: &str,
    input: &Value,
    output: &Value,
    declared: Option<&'static TypeInfo>,
    edm: Option<EdmType>,
    types: &HashMap<&str, &'static TypeInfo>,
    out: &mut Vec<String>,
) {
    match (input, output) {
        (Value::Object(i), Value::Object(o)) => {
            let info = i
                .get("@odata.type")
                .and_then(Value::as_str)
                .and_then(|t| types.get(t.trim_start_matches('#')).copied())
                .or(declared)
                .or_else(|| edm.and_then(|e| e.structured()));
            for (k, iv) in i {
                match o.get(k) {
                    None => out.push(format!("{path}.{k}: missing in the output")),
                    Some(ov) if k == "@odata.type" => {
                        let strip =
                            |v: &Value| v.as_str().map(|s| s.trim_start_matches('#').to_owned());
                        if strip(iv) != strip(ov) {
                            out.push(format!("{path}.{k}: {iv} became {ov}"));
                        }
                    }
                    Some(ov) => {
                        let edm = info.and_then(|t| t.property(k)).map(|p| p.edm);
                        differences(&format!("{path}.{k}"), iv, ov, None, edm, types, out)
                    }
                }
            }
            for k in o.keys() {
                if !i.contains_key(k) && k != "@odata.type" {
                    out.push(format!("{path}.{k}: added in the output"));
                }
            }
        }
        (Value::Array(i), Value::Array(o)) if i.len() == o.len() => {
            let item = match edm {
                Some(EdmType::Collection(inner)) => Some(*inner),
                other => other,
            };
            for (n, (iv, ov)) in i.iter().zip(o).enumerate() {
                differences(&format!("{path}[{n}]"), iv, ov, declared, item, types, out);
            }
        }
        (i, o) if same_value(i, o, edm) => {}
        (i, o) => out.push(format!("{path}: {i} became {o}")),
    }
}

#[test]
fn every_corpus_response_parses_into_its_generated_type_and_round_trips() {
    let corpus = corpus();
    assert!(corpus.len() >= 300, "{} files", corpus.len());
    let docs_errors: BTreeMap<&str, &str> = DOCS_ERRORS.iter().copied().collect();
    let known: BTreeMap<&str, &str> = OUR_KNOWN_FAILURES.iter().copied().collect();
    let mut known_failing = 0;
    let (mut parsed, mut docs) = (0, 0);
    let mut failures = Vec::new();
    let mut parsed_types = std::collections::BTreeSet::new();
    let types: HashMap<&str, &'static TypeInfo> = registry::STRUCTURED_TYPES
        .iter()
        .map(|t| (t.qualified_name, *t))
        .collect();
    for e in &corpus {
        let bytes = std::fs::read(&e.file).expect("a corpus file");
        let result = registry::visit(
            &e.odata_type,
            Canonical {
                input: &bytes,
                page: e.page,
            },
        );
        let outcome = match result {
            None => Err(format!("`{}` is not a type of the model", e.odata_type)),
            Some(Err(err)) => Err(err.to_string()),
            Some(Ok(written)) => {
                let input: Value = serde_json::from_slice(&bytes).expect("what parsed is JSON");
                let output: Value = serde_json::from_slice(&written).expect("we write JSON");
                let mut diffs = Vec::new();
                let declared = types.get(e.odata_type.as_str()).copied();
                match (&input, &output, e.page) {
                    (Value::Object(i), Value::Object(o), true) => {
                        // The page's control information, then its items.
                        for (k, iv) in i {
                            let path = format!("$.{k}");
                            match o.get(k) {
                                None => diffs.push(format!("{path}: missing in the output")),
                                Some(ov) if k == "value" => {
                                    differences(&path, iv, ov, declared, None, &types, &mut diffs)
                                }
                                Some(ov) => {
                                    differences(&path, iv, ov, None, None, &types, &mut diffs)
                                }
                            }
                        }
                        for k in o.keys().filter(|k| !i.contains_key(*k)) {
                            diffs.push(format!("$.{k}: added in the output"));
                        }
                    }
                    (i, o, _) => differences("$", i, o, declared, None, &types, &mut diffs),
                }
                let mut unknown = Vec::new();
                if let Some(&declared) = types.get(e.odata_type.as_str()) {
                    match (&input, e.page) {
                        (Value::Object(page), true) => {
                            for (name, member) in page {
                                match (name.as_str(), member) {
                                    ("value", Value::Array(items)) => {
                                        for (i, item) in items.iter().enumerate() {
                                            let path = format!("$.value[{i}]");
                                            undeclared(&path, item, declared, &types, &mut unknown);
                                        }
                                    }
                                    (n, _) if n.starts_with('@') => {}
                                    (n, _) => unknown.push(format!("$.{n}")),
                                }
                            }
                        }
                        (v, _) => undeclared("$", v, declared, &types, &mut unknown),
                    }
                }
                if !diffs.is_empty() {
                    Err(format!("not lossless: {}", diffs.join("; ")))
                } else if !unknown.is_empty() {
                    Err(format!(
                        "members the model does not declare: {}",
                        unknown.join(", ")
                    ))
                } else {
                    Ok(())
                }
            }
        };
        let kind = if e.page { "page of" } else { "one" };
        match (outcome, docs_errors.get(e.name.as_str())) {
            (Ok(()), None) if known.contains_key(e.name.as_str()) => failures.push(format!(
                "{}: listed in OUR_KNOWN_FAILURES but passes: remove it",
                e.name
            )),
            (Ok(()), None) => {
                parsed += 1;
                parsed_types.insert(e.odata_type.clone());
            }
            (Ok(()), Some(reason)) => failures.push(format!(
                "{}: listed as a docs error ({reason}) but parses as {kind} {}: remove it from DOCS_ERRORS",
                e.name, e.odata_type
            )),
            (Err(_), Some(_)) => docs += 1,
            (Err(_), None) if known.contains_key(e.name.as_str()) => known_failing += 1,
            (Err(err), None) => failures.push(format!(
                "{} ({kind} {}): {err}",
                e.name, e.odata_type
            )),
        }
    }
    for name in docs_errors.keys().chain(known.keys()) {
        assert!(
            corpus.iter().any(|e| e.name == *name),
            "{name} is listed but not in the corpus"
        );
    }
    println!(
        "graph v1.0 corpus: {} files: {parsed} parsed and round tripped ({} types), {docs} docs errors, {} our failures ({known_failing} known, listed in OUR_KNOWN_FAILURES)",
        corpus.len(),
        parsed_types.len(),
        failures.len() + known_failing
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A test thread's default stack (the Rust runtime's default for spawned threads).
const STACK: usize = 2 << 20;

/// How many of the largest types' files are read.
const LARGEST: usize = 40;

struct SizeOf;

impl TypeVisitor for SizeOf {
    type Output = usize;
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> usize {
        std::mem::size_of::<T>()
    }
}

/// Runs `f` on a thread with a `STACK`-byte stack; an overflow aborts the test binary.
fn on_test_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .name("2-MiB-stack".into())
        .stack_size(STACK)
        .spawn(f)
        .expect("a thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[test]
fn the_largest_types_read_on_a_2_mib_stack() {
    let mut sized: Vec<(usize, PathBuf, String, bool)> = corpus()
        .into_iter()
        .filter_map(|e| {
            registry::visit(&e.odata_type, SizeOf).map(|size| (size, e.file, e.odata_type, e.page))
        })
        .collect();
    sized.sort_by_key(|s| std::cmp::Reverse(s.0));
    sized.truncate(LARGEST);
    let read = on_test_stack(move || {
        let mut read = Vec::new();
        for (size, file, name, page) in sized {
            let bytes = std::fs::read(&file).expect("a corpus file");
            let result = registry::visit(
                &name,
                Canonical {
                    input: &bytes,
                    page,
                },
            )
            .expect("a type of the model");
            read.push((size, name, file, result.is_ok()));
        }
        read
    });
    // Most of them are good values (a few are documentation errors, read to their error).
    let ok = read.iter().filter(|r| r.3).count();
    assert!(ok * 4 >= read.len() * 3, "{ok} of {} read", read.len());
    let largest = &read[0];
    assert!(largest.0 > 1000, "the largest type is {} bytes", largest.0);
}

#[test]
fn a_user_with_expanded_navigation_and_polymorphic_pages_reads_on_a_2_mib_stack() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/graph-v1.0/m-z");
    let user = std::fs::read_to_string(corpus.join("user-get--1.json")).expect("a corpus file");
    let members = std::fs::read(corpus.join("user-list-memberof--1.json")).expect("a corpus file");
    // The user again as its own manager, its direct reports and its groups' owner: readers of
    // the polymorphic directoryObject nested three deep.
    let mut expanded: Value = serde_json::from_str(&user).expect("JSON");
    let mut inner = expanded.clone();
    inner["@odata.type"] = "#microsoft.graph.user".into();
    let mut manager = inner.clone();
    manager["manager"] = inner.clone();
    manager["directReports"] = Value::Array(vec![inner.clone(), inner]);
    expanded["manager"] = manager;
    let expanded = serde_json::to_vec(&expanded).expect("JSON");
    let read = |name: &str, input: &[u8], page: bool| {
        registry::visit(name, Canonical { input, page })
            .expect("a type of the model")
            .map(|written| String::from_utf8(written).expect("we write UTF-8"))
    };
    let (user, page, nested) = on_test_stack(move || {
        (
            read("microsoft.graph.user", user.as_bytes(), false),
            read("microsoft.graph.directoryObject", &members, true),
            read("microsoft.graph.user", &expanded, false),
        )
    });
    let user = user.expect("the user reads");
    assert!(user.contains(r##""@odata.type":"#microsoft.graph.user""##));
    let page = page.expect("the page reads");
    assert!(page.contains(r##""@odata.type":"#microsoft.graph.group""##));
    let nested = nested.expect("the expanded user reads");
    let value: Value = serde_json::from_str(&nested).expect("JSON");
    assert_eq!(
        value["manager"]["directReports"][1]["@odata.type"],
        "#microsoft.graph.user"
    );
}
