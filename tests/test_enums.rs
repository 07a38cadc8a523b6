//! Enumeration types: member names both ways (case kept), values, flags, evolvable enums that
//! keep members they do not know, strict enums that reject them with the member's path, and
//! enums in properties, collections, action parameters and the model.

use odata_core::model::EdmType;
use odata_core::{EnumType, Extra, Flags, ODataEntity, ODataEnum, StructuredType};

/// Graph's `importance`: closed (strict).
#[derive(ODataEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[odata(namespace = "microsoft.graph")]
pub enum Importance {
    Low,
    Normal,
    High,
}

/// Graph's `riskLevel`: evolvable, with `unknownFutureValue` and members after it.
#[derive(ODataEnum, Clone, Debug, PartialEq, Eq)]
#[odata(namespace = "microsoft.graph")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Hidden,
    None,
    UnknownFutureValue,
    #[odata(other)]
    Other(String),
}

/// A flags enum with a combined member, Int16 underneath, explicit names and values (Rust
/// takes discriminants beside a data-carrying variant with a `repr`).
#[derive(ODataEnum, Clone, Debug, PartialEq, Eq)]
#[repr(i16)]
#[odata(
    namespace = "contoso.security",
    name = "Permission",
    flags,
    underlying = "Int16"
)]
pub enum Permission {
    #[odata(rename = "None")]
    Nothing = 0,
    Read = 1,
    Write = 2,
    #[odata(rename = "ReadWrite")]
    Both = 3,
    Delete = 8,
    #[odata(other)]
    Other(String),
}

/// Values given by attribute (a catch-all variant forbids `= n` discriminants in Rust).
#[derive(ODataEnum, Clone, Debug, PartialEq, Eq)]
#[odata(namespace = "contoso", underlying = "Int64")]
pub enum Tier {
    #[odata(value = -1)]
    Unknown,
    Free,
    #[odata(value = 5_000_000_000)]
    Enterprise,
    Custom,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEntity, Debug, Clone, PartialEq)]
#[odata(namespace = "contoso", complex)]
pub struct Alert {
    pub importance: Option<Importance>,
    pub risk: Option<RiskLevel>,
    pub history: Option<Vec<RiskLevel>>,
    pub permissions: Option<Flags<Permission>>,
    pub tier: Option<Tier>,
    #[odata(extra)]
    pub extra: Extra,
}

fn alert(body: &str) -> Alert {
    odata_core::json::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"))
}

fn write<T: serde::Serialize>(value: &T) -> String {
    odata_core::json::to_string(value).unwrap()
}

#[test]
fn names_are_written_and_read_with_their_case() {
    let a = alert(r#"{"importance":"high","risk":"unknownFutureValue","tier":"enterprise"}"#);
    assert_eq!(a.importance, Some(Importance::High));
    assert_eq!(a.risk, Some(RiskLevel::UnknownFutureValue));
    assert_eq!(a.tier, Some(Tier::Enterprise));
    assert_eq!(
        write(&a),
        r##"{"@odata.type":"#contoso.alert","importance":"high","risk":"unknownFutureValue","tier":"enterprise"}"##
    );
    // Names are case-sensitive: `High` is not `high`.
    let err = odata_core::json::from_str::<Alert>(r#"{"importance":"High"}"#).unwrap_err();
    assert_eq!(err.path(), "$.importance");
}

#[test]
fn values_and_underlying_type() {
    assert_eq!(Importance::Low.value(), Some(0));
    assert_eq!(Importance::High.value(), Some(2));
    assert_eq!(Tier::Unknown.value(), Some(-1));
    assert_eq!(Tier::Free.value(), Some(0));
    assert_eq!(Tier::Enterprise.value(), Some(5_000_000_000));
    assert_eq!(Tier::Custom.value(), Some(5_000_000_001));
    assert_eq!(Tier::from_value(5_000_000_001), Some(Tier::Custom));
    assert_eq!(Tier::from_value(7), None);
    assert_eq!(Tier::ENUM.underlying.name(), "Edm.Int64");
    assert_eq!(Permission::ENUM.underlying.name(), "Edm.Int16");
    // A member's value in a string is that member (OData allows either form).
    let a = alert(r#"{"importance":"1","tier":"-1"}"#);
    assert_eq!(a.importance, Some(Importance::Normal));
    assert_eq!(a.tier, Some(Tier::Unknown));
    assert_eq!(
        write(&a),
        r##"{"@odata.type":"#contoso.alert","importance":"normal","tier":"unknown"}"##
    );
}

#[test]
fn evolvable_enum_keeps_an_unknown_member_and_writes_it_back() {
    let body = r##"{"@odata.type":"#contoso.alert","risk":"severe","history":["low","catastrophic","high"]}"##;
    let a = alert(body);
    assert_eq!(a.risk, Some(RiskLevel::Other("severe".into())));
    let history = a.history.as_ref().unwrap();
    assert_eq!(history[1], RiskLevel::Other("catastrophic".into()));
    assert!(!history[1].is_known() && history[2].is_known());
    assert_eq!(history[1].value(), None);
    assert_eq!(history[1].member_name(), "catastrophic");
    assert_eq!(write(&a), body);
}

#[test]
fn strict_enum_rejects_an_unknown_member_with_its_path() {
    let err = odata_core::json::from_str::<Alert>(
        r#"{"importance":"low","history":["low"],"nested":{},"risk":"high","x":1,"importance2":1}"#,
    );
    // Unknown *properties* are kept (the type has `extra`); only enum members are checked.
    assert!(err.is_ok());
    #[derive(ODataEntity, Debug)]
    #[odata(namespace = "contoso", complex)]
    struct Message {
        importance: Vec<Importance>,
    }
    let err =
        odata_core::json::from_str::<Message>(r#"{"importance":["low","urgent"]}"#).unwrap_err();
    assert_eq!(err.path(), "$.importance[1]");
    assert_eq!(
        err.message(),
        "unknown member `urgent` of enumeration type `microsoft.graph.importance`, expected one of: low, normal, high"
    );
    let err = odata_core::json::from_str::<Message>(r#"{"importance":[2]}"#).unwrap_err();
    assert_eq!(err.path(), "$.importance[0]");
    assert!(err
        .message()
        .contains("expected a member of enumeration type `microsoft.graph.importance`"));
}

#[test]
fn flags_combine_and_come_back_in_order() {
    let a = alert(r#"{"permissions":"write,read"}"#);
    let p = a.permissions.as_ref().unwrap();
    assert!(p.contains(&Permission::Read));
    assert!(p.contains(&Permission::Both));
    assert!(!p.contains(&Permission::Delete));
    assert_eq!(p.bits(), Some(3));
    assert_eq!(
        write(&a),
        r##"{"@odata.type":"#contoso.alert","permissions":"write,read"}"##
    );

    // A combined member covers its bits; an unknown member is kept by name.
    let a = alert(r#"{"permissions":"ReadWrite,audit"}"#);
    let p = a.permissions.as_ref().unwrap();
    assert!(p.contains(&Permission::Write));
    assert!(p.contains(&Permission::Other("audit".into())));
    assert_eq!(p.bits(), None);
    assert_eq!(
        write(&a),
        r##"{"@odata.type":"#contoso.alert","permissions":"ReadWrite,audit"}"##
    );

    // Built in code.
    let mut built = Flags::from(Permission::Read).with(Permission::Delete);
    built.insert(Permission::Read);
    assert_eq!(write(&built), r#""read,delete""#);
    assert!(built.remove(&Permission::Read));
    assert_eq!(write(&built), r#""delete""#);
    let empty: Flags<Permission> = odata_core::json::from_str(r#""""#).unwrap();
    assert!(empty.is_empty());
    assert_eq!(write(&empty), r#""""#);
    let none: Flags<Permission> = odata_core::json::from_str(r#""None""#).unwrap();
    assert_eq!(none.bits(), Some(0));
}

#[test]
fn strict_flags_reject_an_unknown_member() {
    #[derive(ODataEnum, Clone, Debug, PartialEq)]
    #[odata(namespace = "contoso", flags)]
    enum Day {
        Monday = 1,
        Tuesday = 2,
    }
    let err = odata_core::json::from_str::<Vec<Flags<Day>>>(r#"["monday","tuesday,funday"]"#)
        .unwrap_err();
    assert_eq!(err.path(), "$[1]");
    assert_eq!(
        err.message(),
        "unknown member `funday` of enumeration type `contoso.day`, expected one of: monday, tuesday"
    );
}

#[test]
fn model_describes_enum_types() {
    let info = Permission::ENUM;
    assert_eq!(info.qualified_name, "contoso.security.Permission");
    assert!(info.is_flags && info.keeps_unknown);
    let members: Vec<_> = info.members.iter().map(|m| (m.name, m.value)).collect();
    assert_eq!(
        members,
        [
            ("None", 0),
            ("read", 1),
            ("write", 2),
            ("ReadWrite", 3),
            ("delete", 8)
        ]
    );
    assert!(!Importance::ENUM.keeps_unknown);
    let property = Alert::TYPE.property("permissions").unwrap();
    assert_eq!(property.edm.to_string(), "contoso.security.Permission");
    assert!(matches!(property.edm, EdmType::Enum(_)));
    assert_eq!(
        Alert::TYPE.property("history").unwrap().edm.to_string(),
        "Collection(microsoft.graph.riskLevel)"
    );
}

#[test]
fn enums_in_plain_serde_structs_and_filter_literals() {
    /// An action's parameters: a plain serde struct.
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct DismissParameters {
        level: RiskLevel,
        permissions: Flags<Permission>,
    }
    let p = DismissParameters {
        level: RiskLevel::Hidden,
        permissions: Flags::from(Permission::Read),
    };
    let text = serde_json::to_string(&p).unwrap();
    assert_eq!(text, r#"{"level":"hidden","permissions":"read"}"#);
    assert_eq!(serde_json::from_str::<DismissParameters>(&text).unwrap(), p);
    assert_eq!(
        Importance::High.literal(),
        "microsoft.graph.importance'high'"
    );
    assert_eq!(
        RiskLevel::Other("it's".into()).literal(),
        "microsoft.graph.riskLevel'it''s'"
    );
}

#[test]
fn enum_lookups() {
    assert_eq!(
        RiskLevel::from_member_name("medium"),
        Some(RiskLevel::Medium)
    );
    assert_eq!(RiskLevel::from_member_name("1"), Some(RiskLevel::Medium));
    assert_eq!(
        RiskLevel::from_member_name("Medium"),
        Some(RiskLevel::Other("Medium".into()))
    );
    assert_eq!(Importance::from_member_name("medium"), None);
    assert_eq!(Importance::Normal.member_name(), "normal");
}
