//! Keys that are not strings, and composite keys: the derive takes `#[odata(key)]` on integer
//! and GUID fields and on several fields; the request builders write each key literal by its
//! type, as a key segment (Graph) or in parentheses (OData), and a composite key always as
//! `(k1=..,k2=..)`.

mod test_req_support;

use odata_core::request::{EntityContainer, KeyLiteral, KeyValue};
use odata_core::{EntityType, ODataEntity, StructuredType};
use test_req_support::{graph, odata, GRAPH_BASE, ODATA_ROOT};
use uuid::Uuid;

/// Like Graph's `identityGovernance.workflowVersion`: an `Edm.Int32` key.
#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct WorkflowVersion {
    #[odata(key)]
    pub version_number: Option<i32>,
    pub description: Option<String>,
}

#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct Device {
    #[odata(key)]
    pub device_id: Uuid,
}

#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct OrderLine {
    #[odata(key)]
    pub order: String,
    #[odata(key)]
    pub line: i64,
    pub quantity: Option<i32>,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso", container)]
pub struct Shop {
    pub versions: Vec<WorkflowVersion>,
    pub devices: Vec<Device>,
    pub lines: Vec<OrderLine>,
}

#[test]
fn an_integer_key_is_a_bare_literal() {
    let g = graph().root::<Shop>().versions().by_key(3).path().url();
    assert_eq!(g, format!("{GRAPH_BASE}/versions/3"));
    let o = odata().root::<Shop>().versions().by_key(-7i32).path().url();
    assert_eq!(o, format!("{ODATA_ROOT}/versions(-7)"));
}

#[test]
fn a_guid_key_is_unquoted() {
    let id = Uuid::parse_str("01234567-89ab-cdef-0123-456789abcdef").unwrap();
    let g = graph().root::<Shop>().devices().by_key(id).path().url();
    assert_eq!(
        g,
        format!("{GRAPH_BASE}/devices/01234567-89ab-cdef-0123-456789abcdef")
    );
    let o = odata().root::<Shop>().devices().by_key(id).path().url();
    assert_eq!(
        o,
        format!("{ODATA_ROOT}/devices(01234567-89ab-cdef-0123-456789abcdef)")
    );
}

#[test]
fn a_string_key_through_by_key_is_written_as_by_id_writes_it() {
    for service in [graph(), odata()] {
        let shop = service.root::<Shop>();
        let hostile = "O'Brien/x";
        assert_eq!(
            shop.versions().by_key(hostile).path().url(),
            shop.versions().by_id(hostile).path().url()
        );
    }
}

#[test]
fn a_composite_key_is_parenthesised_in_both_syntaxes() {
    for (service, root) in [(graph(), GRAPH_BASE), (odata(), ODATA_ROOT)] {
        let lines = service.root::<Shop>().lines();
        let line = lines.by_composite_key(&[("order", &"O'1/2"), ("line", &2i64)]);
        assert_eq!(
            line.path().url(),
            format!("{root}/lines(order='O''1%2F2',line=2)")
        );
        // The entity path goes on like any other.
        let get = line.get().build().unwrap();
        assert_eq!(
            get.http().uri().to_string(),
            format!("{root}/lines(order='O''1%2F2',line=2)")
        );
    }
}

#[test]
fn the_model_lists_every_key_property() {
    assert_eq!(OrderLine::TYPE.key(), ["order", "line"]);
    assert_eq!(WorkflowVersion::TYPE.key(), ["versionNumber"]);
    let xml = odata_core::csdl::Document::builder()
        .structured(OrderLine::TYPE)
        .build()
        .unwrap()
        .to_xml();
    assert!(
        xml.contains(r#"<PropertyRef Name="order"/>"#)
            && xml.contains(r#"<PropertyRef Name="line"/>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<Property Name="line" Type="Edm.Int64" Nullable="false"/>"#),
        "{xml}"
    );
}

#[test]
fn an_integer_key_reads_and_has_no_string_id() {
    let v: WorkflowVersion =
        odata_core::json::from_str(r#"{"versionNumber":4,"description":"d"}"#).unwrap();
    assert_eq!(v.version_number, Some(4));
    // `id()` is the string form of a single string key; an integer key has none.
    assert_eq!(v.id(), None);
    let mut v = v;
    v.set_id("12".to_owned());
    assert_eq!(v.version_number, Some(12));
    v.set_id("twelve".to_owned());
    assert_eq!(
        v.version_number,
        Some(12),
        "not an Edm.Int32: left as it was"
    );
    // A composite key has no one string form either.
    let line = OrderLine {
        order: "o".into(),
        line: 1,
        ..OrderLine::default()
    };
    assert_eq!(line.id(), None);
}

#[test]
fn key_literals_by_type() {
    assert_eq!(7u8.key_literal(), KeyLiteral::Other("7".into()));
    assert_eq!(
        i64::MIN.key_literal().into_literal(),
        "-9223372036854775808"
    );
    assert_eq!("a'b".to_owned().key_literal().into_literal(), "'a''b'");
}

/// Like Graph's `identityGovernance.workflowBase`: an abstract base without a key, whose
/// subtypes declare theirs (a string key on one, an `Edm.Int32` key on the other).
pub mod keyless_base {
    use super::*;

    #[derive(ODataEntity, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso.flow", abstract, keyless)]
    pub struct WorkflowBase {
        pub display_name: Option<String>,
    }

    #[derive(ODataEntity, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso.flow")]
    pub struct Workflow {
        #[odata(base)]
        pub base: WorkflowBase,
        #[odata(key)]
        pub id: Option<String>,
    }

    #[derive(ODataEntity, Debug, Default, PartialEq)]
    #[odata(namespace = "contoso.flow")]
    pub struct WorkflowVersion {
        #[odata(base)]
        pub base: WorkflowBase,
        #[odata(key)]
        pub version_number: Option<i32>,
    }

    #[derive(ODataEntity)]
    #[odata(namespace = "contoso.flow", container)]
    pub struct Flows {
        pub workflows: Vec<Workflow>,
        pub versions: Vec<WorkflowVersion>,
    }
}

#[test]
fn subtypes_of_a_base_without_a_key_declare_their_own() {
    use keyless_base::{Flows, Workflow, WorkflowBase, WorkflowVersion};
    let keyed = [WorkflowBase::KEYED, Workflow::KEYED, WorkflowVersion::KEYED];
    assert_eq!(keyed, [false, true, true]);
    assert_eq!(WorkflowBase::TYPE.key(), &[] as &[&str]);
    assert_eq!(Workflow::TYPE.key(), &["id"]);
    assert_eq!(WorkflowVersion::TYPE.key(), &["versionNumber"]);

    // Addressed by their own keys.
    let g = graph().root::<Flows>().workflows().by_id("w1").path().url();
    assert_eq!(g, format!("{GRAPH_BASE}/workflows/w1"));
    let o = odata().root::<Flows>().versions().by_key(2).path().url();
    assert_eq!(o, format!("{ODATA_ROOT}/versions(2)"));

    // `id()` is the subtype's own string key; the base's properties come first.
    let mut w: Workflow = odata_core::json::from_str(
        r##"{"@odata.type":"#contoso.flow.workflow","displayName":"onboard","id":"w1"}"##,
    )
    .unwrap();
    assert_eq!(w.id(), Some("w1"));
    assert_eq!(w.base.display_name.as_deref(), Some("onboard"));
    w.set_id("w2".to_owned());
    assert_eq!(w.id.as_deref(), Some("w2"));
    assert_eq!(
        odata_core::json::to_string(&w).unwrap(),
        r##"{"@odata.type":"#contoso.flow.workflow","displayName":"onboard","id":"w2"}"##
    );

    // The CSDL: the base without a `Key`, each subtype with its own.
    let xml = odata_core::csdl::Document::for_container(Flows::CONTAINER)
        .unwrap()
        .to_xml();
    let base = "<EntityType Name=\"workflowBase\" Abstract=\"true\">\n        <Property Name=\"displayName\"";
    assert!(xml.contains(base), "{xml}");
    let version = "<EntityType Name=\"workflowVersion\" BaseType=\"contoso.flow.workflowBase\">\n        <Key>\n          <PropertyRef Name=\"versionNumber\"/>";
    assert!(xml.contains(version), "{xml}");
}
