//! Polymorphism on `@odata.type`: a value of a base type holds whichever subtype the payload
//! names, with the annotation first (no buffering) or last (replayed); a subtype the model does
//! not know is read as the base type and written back losslessly; inheritance four deep below
//! `entity`; pages dispatch per element. The types are a slice of Microsoft Graph v1.0.

use odata_core::graph::Entity;
use odata_core::request::Page;
use odata_core::{EntityType, Extra, ODataEntity, Polymorphic, StructuredType};
use serde_json::Value;
use time::OffsetDateTime;

#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct DirectoryObject {
    #[odata(base)]
    pub entity: Entity,
    pub deleted_date_time: Option<OffsetDateTime>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct User {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    pub account_enabled: Option<bool>,
    pub business_phones: Option<Vec<String>>,
    pub display_name: Option<String>,
    pub mail: Option<String>,
    pub created_date_time: Option<OffsetDateTime>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct Group {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    pub display_name: Option<String>,
    pub group_types: Option<Vec<String>>,
    pub security_enabled: Option<bool>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct Device {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    pub account_enabled: Option<bool>,
    pub device_id: Option<String>,
    pub display_name: Option<String>,
    pub operating_system: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

/// entity -> directoryObject -> policyBase -> stsPolicy -> tokenLifetimePolicy: four below entity.
#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", abstract)]
pub struct PolicyBase {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    pub description: Option<String>,
    pub display_name: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", abstract)]
pub struct StsPolicy {
    #[odata(base)]
    pub policy_base: PolicyBase,
    pub definition: Option<Vec<String>>,
    pub is_organization_default: Option<bool>,
}

#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct TokenLifetimePolicy {
    #[odata(base)]
    pub sts_policy: StsPolicy,
    #[odata(extra)]
    pub extra: Extra,
}

/// A `directoryObject` of any kind.
#[derive(ODataEntity, Debug, Clone, PartialEq)]
pub enum AnyDirectoryObject {
    User(User),
    Group(Group),
    Device(Device),
    TokenLifetimePolicy(TokenLifetimePolicy),
    #[odata(base)]
    DirectoryObject(DirectoryObject),
}

/// A `policyBase` (abstract) of any kind.
#[derive(ODataEntity, Debug, Clone, PartialEq)]
pub enum AnyPolicy {
    TokenLifetimePolicy(TokenLifetimePolicy),
    #[odata(base)]
    PolicyBase(PolicyBase),
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> T {
    odata_core::json::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// A mixed collection: three known subtypes, a depth-4 subtype, the base type, and a subtype
/// the model does not know (servicePrincipal), annotation first as Graph writes it.
const MIXED: &str = r##"[
  {"@odata.type":"#microsoft.graph.user","id":"84b80893-8749-40a3-97b7-68513b600544","accountEnabled":true,"displayName":"Trevor Jones","businessPhones":["+1 412 555 0109"],"createdDateTime":"2019-02-07T21:53:13.0844209Z"},
  {"@odata.type":"#microsoft.graph.group","id":"02bd9fd6-8f93-4758-87c3-1fb73740a315","displayName":"HR Taskforce","groupTypes":["Unified"],"securityEnabled":false,"mailNickname":"HRTaskforce"},
  {"@odata.type":"#microsoft.graph.device","id":"000005c3-b7a6-4c61-89fc-80bf5ccfc366","accountEnabled":false,"deviceId":"6fa60d52-01e7-4b18-8055-4759461fc16b","displayName":"DESKTOP-858MANH","operatingSystem":"Windows"},
  {"@odata.type":"#microsoft.graph.tokenLifetimePolicy","id":"4d2f137b-e8a9-46da-a5c3-cc85b2b840a4","definition":["{\"TokenLifetimePolicy\":{\"Version\":1}}"],"displayName":"Contoso token policy","isOrganizationDefault":true},
  {"@odata.type":"#microsoft.graph.directoryObject","id":"d1","deletedDateTime":"2024-05-01T10:00:00Z"},
  {"@odata.type":"#microsoft.graph.servicePrincipal","id":"sp1","appId":"00000003-0000-0000-c000-000000000000","displayName":"Microsoft Graph","servicePrincipalNames":["https://graph.microsoft.com"],"deletedDateTime":null}
]"##;

#[test]
fn a_collection_of_a_base_type_holds_each_subtype() {
    let objects: Vec<AnyDirectoryObject> = parse(MIXED);
    assert_eq!(objects.len(), 6);
    let AnyDirectoryObject::User(user) = &objects[0] else {
        panic!("{:?}", objects[0])
    };
    assert_eq!(user.id(), Some("84b80893-8749-40a3-97b7-68513b600544"));
    assert_eq!(user.display_name.as_deref(), Some("Trevor Jones"));
    assert_eq!(user.created_date_time.unwrap().nanosecond(), 84_420_900);
    let AnyDirectoryObject::Group(group) = &objects[1] else {
        panic!()
    };
    assert_eq!(
        group.group_types.as_deref(),
        Some(&["Unified".to_owned()][..])
    );
    // A member the model does not declare is kept by the subtype.
    assert_eq!(
        group.extra.get("mailNickname").unwrap().get(),
        r#""HRTaskforce""#
    );
    assert!(
        matches!(&objects[2], AnyDirectoryObject::Device(d) if d.operating_system.as_deref() == Some("Windows"))
    );
    let AnyDirectoryObject::TokenLifetimePolicy(policy) = &objects[3] else {
        panic!()
    };
    assert_eq!(policy.sts_policy.is_organization_default, Some(true));
    assert_eq!(
        policy.sts_policy.policy_base.display_name.as_deref(),
        Some("Contoso token policy")
    );
    assert_eq!(policy.id(), Some("4d2f137b-e8a9-46da-a5c3-cc85b2b840a4"));
    assert!(
        matches!(&objects[4], AnyDirectoryObject::DirectoryObject(d) if d.deleted_date_time.is_some() && d.extra.is_empty())
    );

    // The unknown subtype: read as the base type, nothing dropped.
    let AnyDirectoryObject::DirectoryObject(sp) = &objects[5] else {
        panic!()
    };
    assert_eq!(sp.id(), Some("sp1"));
    assert_eq!(
        objects[5].value_type_name(),
        "microsoft.graph.servicePrincipal"
    );
    assert!(!objects[5].is_known_type() && objects[0].is_known_type());
    assert_eq!(objects[0].value_type_name(), "microsoft.graph.user");
    assert_eq!(
        sp.extra.get("appId").unwrap().get(),
        r#""00000003-0000-0000-c000-000000000000""#
    );
    assert!(sp.extra.was_null("deletedDateTime"));

    // The round trip is lossless: the same JSON value, each object with its own type first.
    let written = odata_core::json::to_string(&objects).unwrap();
    assert_eq!(json(&written), json(MIXED));
    let input: Vec<Value> = serde_json::from_str(MIXED).unwrap();
    for (object, original) in objects.iter().zip(&input) {
        let own = odata_core::json::to_string(object).unwrap();
        let annotation = format!(r#"{{"@odata.type":{}"#, original["@odata.type"]);
        assert!(own.starts_with(&annotation), "{own}");
    }
    assert_eq!(parse::<Vec<AnyDirectoryObject>>(&written), objects);
}

#[test]
fn annotation_last_or_in_the_middle_is_still_dispatched() {
    let last = r##"{"id":"u1","displayName":"Megan Bowen","businessPhones":["+1 412 555 0109"],"@odata.type":"#microsoft.graph.user"}"##;
    let value: AnyDirectoryObject = parse(last);
    let AnyDirectoryObject::User(user) = &value else {
        panic!("{value:?}")
    };
    assert_eq!(user.id(), Some("u1"));
    assert_eq!(user.display_name.as_deref(), Some("Megan Bowen"));
    assert_eq!(
        odata_core::json::to_string(&value).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.user","id":"u1","businessPhones":["+1 412 555 0109"],"displayName":"Megan Bowen"}"##
    );

    let middle = r##"{"id":"p1","@odata.type":"microsoft.graph.tokenLifetimePolicy","definition":["x"],"futureSetting":{"a":[1,2]}}"##;
    let value: AnyDirectoryObject = parse(middle);
    let AnyDirectoryObject::TokenLifetimePolicy(policy) = &value else {
        panic!("{value:?}")
    };
    assert_eq!(policy.id(), Some("p1"));
    assert_eq!(
        policy.extra.get("futureSetting").unwrap().get(),
        r#"{"a":[1,2]}"#
    );

    // An unknown subtype named last keeps the members before it too.
    let unknown =
        r##"{"id":"c1","displayName":"Contoso","@odata.type":"#microsoft.graph.contract"}"##;
    let value: AnyDirectoryObject = parse(unknown);
    assert_eq!(value.value_type_name(), "microsoft.graph.contract");
    assert_eq!(
        json(&odata_core::json::to_string(&value).unwrap()),
        json(unknown)
    );
}

#[test]
fn no_annotation_reads_the_declared_type() {
    let value: AnyDirectoryObject = parse(r#"{"id":"x","deletedDateTime":null}"#);
    let AnyDirectoryObject::DirectoryObject(object) = &value else {
        panic!("{value:?}")
    };
    assert_eq!(object.id(), Some("x"));
    assert!(value.is_known_type());
    assert_eq!(
        odata_core::json::to_string(&value).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.directoryObject","id":"x","deletedDateTime":null}"##
    );
}

#[test]
fn abstract_base_as_the_declared_type() {
    assert!(AnyPolicy::BASE.is_abstract);
    let policies: Vec<AnyPolicy> = parse(
        r##"[{"@odata.type":"#microsoft.graph.tokenLifetimePolicy","id":"a","displayName":"A"},
             {"@odata.type":"#microsoft.graph.claimsMappingPolicy","id":"b","definition":["{}"]}]"##,
    );
    assert!(
        matches!(&policies[0], AnyPolicy::TokenLifetimePolicy(p) if p.sts_policy.policy_base.display_name.as_deref() == Some("A"))
    );
    assert_eq!(
        policies[1].value_type_name(),
        "microsoft.graph.claimsMappingPolicy"
    );
    assert_eq!(
        odata_core::json::to_string(&policies[1]).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.claimsMappingPolicy","id":"b","definition":["{}"]}"##
    );
}

#[test]
fn inheritance_four_deep_writes_base_members_first() {
    let info = TokenLifetimePolicy::TYPE;
    let chain: Vec<_> = info.ancestry().map(|t| t.name).collect();
    assert_eq!(
        chain,
        [
            "tokenLifetimePolicy",
            "stsPolicy",
            "policyBase",
            "directoryObject",
            "entity"
        ]
    );
    let names: Vec<_> = info.all_properties().iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        [
            "id",
            "deletedDateTime",
            "description",
            "displayName",
            "definition",
            "isOrganizationDefault"
        ]
    );
    let value: TokenLifetimePolicy = parse(
        r#"{"isOrganizationDefault":false,"displayName":"P","id":"t","definition":["d"],"deletedDateTime":null}"#,
    );
    assert_eq!(
        odata_core::json::to_string(&value).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.tokenLifetimePolicy","id":"t","deletedDateTime":null,"displayName":"P","definition":["d"],"isOrganizationDefault":false}"##
    );
    assert_eq!(
        AnyDirectoryObject::VARIANTS
            .iter()
            .map(|t| t.name)
            .collect::<Vec<_>>(),
        ["user", "group", "device", "tokenLifetimePolicy"]
    );
}

#[test]
fn pages_dispatch_per_element() {
    let body = format!(
        r##"{{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#directoryObjects","@odata.nextLink":"https://graph.microsoft.com/v1.0/groups/g/members?$skiptoken=X","value":{MIXED}}}"##
    );
    let page: Page<AnyDirectoryObject> = parse(&body);
    assert_eq!(page.value.len(), 6);
    assert!(matches!(page.value[1], AnyDirectoryObject::Group(_)));
    assert!(!page.value[5].is_known_type());
    assert_eq!(
        json(&odata_core::json::to_string(&page).unwrap()),
        json(&body)
    );
}

#[test]
fn a_subtype_value_writes_its_own_type() {
    let user = User::builder().display_name("Adele Vance").build();
    let any = AnyDirectoryObject::User(user);
    assert_eq!(
        odata_core::json::to_string(&any).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.user","displayName":"Adele Vance"}"##
    );
}

#[test]
fn errors_name_the_path_in_the_subtype() {
    let err = odata_core::json::from_str::<Vec<AnyDirectoryObject>>(
        r##"[{"@odata.type":"#microsoft.graph.user","id":"a"},{"@odata.type":"#microsoft.graph.user","accountEnabled":"yes"}]"##,
    )
    .unwrap_err();
    assert_eq!(err.path(), "$[1].accountEnabled");
    assert!(err.message().contains("expected a boolean"), "{err}");

    let err = odata_core::json::from_str::<AnyDirectoryObject>(
        r##"{"@odata.type":"#microsoft.graph.user","@odata.type":"#microsoft.graph.group"}"##,
    )
    .unwrap_err();
    assert!(
        err.message().contains("duplicate member `@odata.type`"),
        "{err}"
    );

    let err =
        odata_core::json::from_str::<AnyDirectoryObject>(r#"{"@odata.type":42}"#).unwrap_err();
    assert!(
        err.message()
            .contains("invalid type: integer `42`, expected a type name such as \"#microsoft.graph.directoryObject\""),
        "{err}"
    );

    let err = odata_core::json::from_str::<AnyDirectoryObject>(
        r##"{"id":"a","id":"b","@odata.type":"#microsoft.graph.user"}"##,
    )
    .unwrap_err();
    assert!(err.message().contains("duplicate member `id`"), "{err}");

    // The annotation late: the whole object is kept and read again, and the reader still
    // finds a duplicate after the annotation, and a second annotation.
    let err = odata_core::json::from_str::<AnyDirectoryObject>(
        r##"{"id":"a","@odata.type":"#microsoft.graph.user","displayName":"x","id":"b"}"##,
    )
    .unwrap_err();
    assert_eq!(err.path(), "$.id");
    assert_eq!(err.message(), "duplicate member `id`");
    let err = odata_core::json::from_str::<AnyDirectoryObject>(
        r##"{"id":"a","@odata.type":"#microsoft.graph.user","@odata.type":"#microsoft.graph.user"}"##,
    )
    .unwrap_err();
    assert_eq!(err.message(), "duplicate member `@odata.type`");

    let err = odata_core::json::from_str::<AnyDirectoryObject>("[]").unwrap_err();
    assert!(err.message().contains(
        "expected a JSON object of OData type `microsoft.graph.directoryObject` or a subtype"
    ));
}

#[test]
fn an_unknown_subtype_needs_a_base_that_keeps_members() {
    #[derive(ODataEntity, Debug, Default)]
    #[odata(namespace = "contoso")]
    struct Strict {
        #[odata(key)]
        id: Option<String>,
    }
    #[derive(ODataEntity, Debug, Default)]
    #[odata(namespace = "contoso")]
    struct Child {
        #[odata(base)]
        strict: Strict,
    }
    #[derive(ODataEntity, Debug)]
    enum AnyStrict {
        Child(Child),
        #[odata(base)]
        Strict(Strict),
    }
    let err =
        odata_core::json::from_str::<AnyStrict>(r##"{"@odata.type":"#contoso.other","id":"a"}"##)
            .unwrap_err();
    assert_eq!(
        err.message(),
        "`@odata.type` is \"#contoso.other\", a type this model does not know, and its base type `contoso.strict` keeps no unknown members to hold it: add an #[odata(extra)] field to `Strict`"
    );
    let ok: AnyStrict = parse(r##"{"@odata.type":"#contoso.child","id":"a"}"##);
    assert!(matches!(ok, AnyStrict::Child(_)));
}

/// Shapes nest shapes: a replayed member (the annotation comes late) can itself hold
/// polymorphic objects that are replayed.
#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "contoso", abstract)]
pub struct Shape {
    #[odata(base)]
    pub entity: Entity,
    pub label: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct Circle {
    #[odata(base)]
    pub shape: Shape,
    pub radius: Option<f64>,
    pub children: Option<Vec<AnyShape>>,
}

#[derive(ODataEntity, Debug, Clone, PartialEq)]
pub enum AnyShape {
    Circle(Circle),
    #[odata(base)]
    Shape(Shape),
}

#[test]
fn errors_in_replayed_members_name_the_member() {
    // The annotation last: the members before it are replayed, and the error still names one.
    let err = odata_core::json::from_str::<Page<AnyDirectoryObject>>(
        r##"{"value":[{"id":"a","accountEnabled":"yes","@odata.type":"#microsoft.graph.user"}]}"##,
    )
    .unwrap_err();
    assert_eq!(err.path(), "$.value[0].accountEnabled");
    assert!(
        err.message()
            .starts_with("invalid type: string \"yes\", expected a boolean"),
        "{err}"
    );

    // No annotation at all: every member is replayed into the declared type.
    let err = odata_core::json::from_str::<Vec<AnyDirectoryObject>>(
        r#"[{"id":"a"},{"deletedDateTime":"yesterday"}]"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "$[1].deletedDateTime");

    // Replays within replays: the path goes through both, and into arrays.
    let text = r##"{"children":[{"radius":1,"@odata.type":"#contoso.circle"},{"children":[{"radius":"big","@odata.type":"#contoso.circle"}],"@odata.type":"#contoso.circle"}],"@odata.type":"#contoso.circle"}"##;
    let err = odata_core::json::from_str::<AnyShape>(text).unwrap_err();
    assert_eq!(err.path(), "$.children[1].children[0].radius");
    assert!(
        err.message()
            .starts_with("invalid value: string \"big\", expected an Edm.Double"),
        "{err}"
    );
    let err = odata_core::json::from_slice_located::<AnyShape>(text.as_bytes()).unwrap_err();
    assert_eq!(err.path(), "$.children[1].children[0].radius");

    // A member after the annotation is read straight from the input, tracked as before.
    let err = odata_core::json::from_str::<AnyShape>(
        r##"{"label":"x","@odata.type":"#contoso.circle","radius":"big"}"##,
    )
    .unwrap_err();
    assert_eq!(err.path(), "$.radius");

    // Read with serde_json directly, the message still names the member.
    let err =
        serde_json::from_str::<AnyShape>(r##"{"radius":"big","@odata.type":"#contoso.circle"}"##)
            .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("member `.radius`: invalid value"),
        "{err}"
    );

    // The same payloads without errors still read.
    let ok: AnyShape = parse(&text.replace("\"big\"", "2"));
    let AnyShape::Circle(circle) = ok else {
        panic!("{ok:?}")
    };
    assert_eq!(circle.children.as_ref().map(Vec::len), Some(2));
}

#[test]
fn a_replayed_object_keeps_escaped_names_and_raw_values_exactly() {
    // No annotation, then a late one: the object is kept as JSON text and read again, so a
    // member name with escapes and a number beyond f64 must survive that copy unchanged.
    for text in [
        r#"{"we\"ird\u00e9":1e400,"label":"x\ny"}"#,
        r##"{"we\"ird\u00e9":1e400,"label":"x\ny","@odata.type":"#contoso.shape"}"##,
    ] {
        let shape: AnyShape = parse(text);
        let AnyShape::Shape(base) = &shape else {
            panic!("{shape:?}")
        };
        assert_eq!(base.label.as_deref(), Some("x\ny"));
        assert_eq!(
            base.extra.get("we\"irdé").map(|raw| raw.get()),
            Some("1e400")
        );
        let out = odata_core::json::to_string(&shape).unwrap();
        assert_eq!(
            out,
            r##"{"@odata.type":"#contoso.shape","label":"x\ny","we\"irdé":1e400}"##
        );
    }
}
