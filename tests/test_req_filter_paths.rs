//! Typed `$filter` beyond one property and one value: paths into single-valued complex
//! properties (nested, with every operator, in lambdas, and in `$select`/`$orderby`),
//! comparisons of two properties, and casts (`x/ns.Sub/y`) and `isof` on entity, polymorphic
//! and navigation properties, each checked against the exact URL.

mod test_req_support;

use odata_core::graph::Entity;
use odata_core::request::{Filter, HasFields, Service, Typed};
use odata_core::ODataEntity;
use test_req_support::{filter_of, percent_decode};
use time::macros::datetime;

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct OnPremisesExtensionAttributes {
    pub extension_attribute1: Option<String>,
    pub extension_attribute2: Option<String>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct CostCenter {
    pub code: Option<String>,
    pub budget: Option<i64>,
    pub limit: Option<i64>,
    pub tags: Option<Vec<String>>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct EmployeeOrgData {
    pub division: Option<String>,
    pub cost_center: Option<CostCenter>,
    pub previous: Option<Box<EmployeeOrgData>>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct DirectoryObject {
    #[odata(base)]
    pub entity: Entity,
    pub deleted_date_time: Option<time::OffsetDateTime>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct User {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    pub display_name: Option<String>,
    pub mail: Option<String>,
    pub created_date_time: Option<time::OffsetDateTime>,
    pub last_password_change_date_time: Option<time::OffsetDateTime>,
    pub on_premises_extension_attributes: Option<OnPremisesExtensionAttributes>,
    pub employee_org_data: Option<EmployeeOrgData>,
    /// A polymorphic property: any directory object.
    pub sponsor: Option<Box<AnyDirectoryObject>>,
    pub sponsors: Option<Vec<AnyDirectoryObject>>,
    #[odata(navigation)]
    pub member_of: Option<Vec<DirectoryObject>>,
    #[odata(navigation)]
    pub manager: Option<Box<DirectoryObject>>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct Group {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    pub display_name: Option<String>,
    pub security_enabled: Option<bool>,
}

/// A variant holds its subtype by value (the derive reads variants as structured types).
#[allow(clippy::large_enum_variant)]
#[derive(ODataEntity, Clone, Debug, PartialEq)]
pub enum AnyDirectoryObject {
    User(User),
    Group(Group),
    #[odata(base)]
    DirectoryObject(DirectoryObject),
}

#[derive(ODataEntity)]
#[odata(namespace = "microsoft.graph", container)]
pub struct Directory {
    pub users: Vec<User>,
}

const ROOT: &str = "https://graph.microsoft.com/v1.0";

fn users() -> odata_core::request::CollectionPath<User> {
    Service::graph(ROOT).unwrap().root::<Directory>().users()
}

/// The `$filter` value of the users list with this filter, as the service decodes it.
fn decoded(build: impl FnOnce(&<User as HasFields>::Fields<Typed>) -> Filter) -> String {
    let request = users().list().filter_expr(build).build().unwrap();
    filter_of(&request.http().uri().to_string())
}

#[test]
fn paths_into_complex_properties() {
    assert_eq!(
        decoded(|f| f
            .on_premises_extension_attributes
            .at(|a| a.extension_attribute1)
            .eq("x")),
        "onPremisesExtensionAttributes/extensionAttribute1 eq 'x'"
    );
    // Nested to any depth, through a boxed (recursive) complex property too.
    assert_eq!(
        decoded(|f| f
            .employee_org_data
            .at(|e| e.cost_center)
            .at(|c| c.budget)
            .ge(1000)),
        "employeeOrgData/costCenter/budget ge 1000"
    );
    assert_eq!(
        decoded(|f| f
            .employee_org_data
            .at(|e| e.previous)
            .at(|p| p.previous)
            .at(|p| p.division)
            .is_null()),
        "employeeOrgData/previous/previous/division eq null"
    );
    // One closure may name a nested path itself.
    assert_eq!(
        decoded(|f| f
            .employee_org_data
            .at(|e| e.cost_center.at(|c| c.code))
            .starts_with("EU-")),
        "startswith(employeeOrgData/costCenter/code,'EU-')"
    );
    // Every operator applies: `in`, string functions, `null` on the complex value itself,
    // and lambdas on a collection inside (the variable from the last segment).
    let org = || User::fields::<Typed>().employee_org_data;
    assert_eq!(
        decoded(|_| org().at(|e| e.division).is_in(["R&D", "Sales"])),
        "employeeOrgData/division in ('R&D','Sales')"
    );
    assert_eq!(
        decoded(|f| f.employee_org_data.is_not_null()
            & org()
                .at(|e| e.cost_center)
                .at(|c| c.tags)
                .any(|t| t.eq("eu"))),
        "employeeOrgData ne null and employeeOrgData/costCenter/tags/any(t:t eq 'eu')"
    );
}

#[test]
fn nested_paths_in_select_and_order_by() {
    let f = User::fields::<Typed>();
    let division = f.employee_org_data.at(|e| e.division);
    let code = f.employee_org_data.at(|e| e.cost_center).at(|c| c.code);
    let request = users()
        .list()
        .select(|u| [u.display_name, division.untyped(), code.untyped()])
        .order_by(|u| [division.desc(), u.display_name.asc()])
        .build()
        .unwrap();
    assert_eq!(
        percent_decode(request.http().uri().query().unwrap()),
        "$select=displayName,employeeOrgData/division,employeeOrgData/costCenter/code&$orderby=employeeOrgData/division desc,displayName"
    );
    // The same path named twice is one value.
    assert_eq!(
        division.untyped(),
        f.employee_org_data.at(|e| e.division).untyped()
    );
    assert_eq!(
        division.name().as_ptr(),
        f.employee_org_data.at(|e| e.division).name().as_ptr()
    );
}

#[test]
fn a_property_compared_with_another() {
    assert_eq!(
        decoded(|f| f.display_name.eq(f.mail)),
        "displayName eq mail"
    );
    assert_eq!(
        decoded(|f| f.last_password_change_date_time.lt(f.created_date_time)
            | f.created_date_time.ne(Some(datetime!(2020-01-01 0:00 UTC)))),
        "lastPasswordChangeDateTime lt createdDateTime or createdDateTime ne 2020-01-01T00:00:00Z"
    );
    // Nested paths on either side, and in `in` beside literals.
    let budget = |f: &<User as HasFields>::Fields<Typed>| {
        f.employee_org_data.at(|e| e.cost_center).at(|c| c.budget)
    };
    assert_eq!(
        decoded(|f| budget(f).gt(f.employee_org_data.at(|e| e.cost_center).at(|c| c.limit))),
        "employeeOrgData/costCenter/budget gt employeeOrgData/costCenter/limit"
    );
    assert_eq!(
        decoded(|f| f.display_name.is_in([
            f.mail,
            f.on_premises_extension_attributes
                .at(|a| a.extension_attribute2)
        ])),
        "displayName in (mail,onPremisesExtensionAttributes/extensionAttribute2)"
    );
    assert_eq!(
        decoded(|f| f.mail.ends_with(f.display_name)),
        "endswith(mail,displayName)"
    );
    // Inside a lambda both sides are the item's properties.
    assert_eq!(
        decoded(|f| f
            .sponsors
            .any(|s| s.deleted_date_time.le(s.deleted_date_time))),
        "sponsors/any(s:s/deletedDateTime le s/deletedDateTime)"
    );
}

#[test]
fn casts_and_isof_on_polymorphic_and_navigation_properties() {
    // A single polymorphic property: cast to a subtype, then its properties.
    assert_eq!(
        decoded(|f| f.sponsor.cast::<User>().at(|u| u.display_name).eq("Adele")),
        "sponsor/microsoft.graph.user/displayName eq 'Adele'"
    );
    assert_eq!(
        decoded(|f| f.sponsor.is_of::<Group>() & f.sponsor.at(|s| s.deleted_date_time).is_null()),
        "isof(sponsor,microsoft.graph.group) and sponsor/deletedDateTime eq null"
    );
    // A cast's path is a property like any other.
    let sponsor_mail = User::fields::<Typed>()
        .sponsor
        .cast::<User>()
        .at(|u| u.mail);
    assert_eq!(sponsor_mail.name(), "sponsor/microsoft.graph.user/mail");
    // Casting to the declared type itself is allowed (and useless).
    assert_eq!(
        User::fields::<Typed>()
            .sponsor
            .cast::<DirectoryObject>()
            .name(),
        "sponsor/microsoft.graph.directoryObject"
    );
    // A collection of a polymorphic type: the item casts itself in the lambda.
    assert_eq!(
        decoded(|f| f.sponsors.any(|s| s.is_of::<User>())),
        "sponsors/any(s:isof(s,microsoft.graph.user))"
    );
    assert_eq!(
        decoded(|f| f
            .sponsors
            .all(|s| s.cast::<Group>().at(|g| g.security_enabled).eq(true))),
        "sponsors/all(s:s/microsoft.graph.group/securityEnabled eq true)"
    );
    // What a Graph user writes on `memberOf` (a collection of directoryObject).
    assert_eq!(
        decoded(|f| f.member_of.any(|m| m.is_of::<Group>()
            & m.cast::<Group>().at(|g| g.display_name).starts_with("Sales"))),
        "memberOf/any(m:isof(m,microsoft.graph.group) and startswith(m/microsoft.graph.group/displayName,'Sales'))"
    );
    // A nested lambda's cast binds to its own variable.
    assert_eq!(
        decoded(|f| f.member_of.any(|m| m.is_of::<Group>())
            & f.sponsors.any(|s| s.cast::<User>().at(|u| u.sponsors).any(|s| s.is_of::<Group>()))),
        "memberOf/any(m:isof(m,microsoft.graph.group)) and sponsors/any(s1:s1/microsoft.graph.user/sponsors/any(s:isof(s,microsoft.graph.group)))"
    );
}
