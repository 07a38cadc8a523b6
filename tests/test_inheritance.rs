//! Inheritance through `#[odata(base)]` fields: the `id` every Graph entity gets from
//! `microsoft.graph.entity`, and chains deeper than `entity`, without buffering or flatten.

use odata_core::graph::{Entity, TrustFrameworkKeySet};
use odata_core::model::TypeKind;
use odata_core::{EntityType, Extra, ODataEntity, StructuredType};

/// `microsoft.graph.directoryObject`: an entity type deriving from `entity`.
#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", abstract)]
struct DirectoryObject {
    #[odata(base)]
    entity: Entity,
    deleted_date_time: Option<String>,
}

/// `microsoft.graph.user`: two levels below `entity`.
#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
struct User {
    #[odata(base)]
    directory_object: DirectoryObject,
    display_name: Option<String>,
    #[odata(extra)]
    extra: Extra,
}

/// A complex type with a complex base.
#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "test.geo", complex)]
struct Point2 {
    x: Option<f64>,
    y: Option<f64>,
}

#[derive(ODataEntity, Debug, PartialEq)]
#[odata(namespace = "test.geo", complex)]
struct Point3 {
    #[odata(base)]
    base: Point2,
    z: Option<f64>,
}

#[test]
fn id_is_inherited_from_entity() {
    let set: TrustFrameworkKeySet = odata_core::json::from_str(r#"{"id":"x","keys":[]}"#).unwrap();
    assert_eq!(set.id(), Some("x"));
    assert_eq!(set.entity.id.as_deref(), Some("x"));
    let mut set = set;
    set.set_id("y".to_owned());
    assert_eq!(set.id(), Some("y"));
}

#[test]
fn base_properties_come_first_at_every_level() {
    let user = User::builder()
        .display_name("Adele")
        .directory_object(
            DirectoryObject::builder()
                .id("u1")
                .deleted_date_time("2026-01-01T00:00:00Z")
                .build(),
        )
        .build();
    assert_eq!(user.id(), Some("u1"));
    assert_eq!(
        odata_core::json::to_string(&user).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.user","id":"u1","deletedDateTime":"2026-01-01T00:00:00Z","displayName":"Adele"}"##
    );
}

#[test]
fn members_of_any_level_are_read_in_any_order() {
    let user: User = odata_core::json::from_str(
        r#"{"displayName":"Adele","mail":"a@contoso.com","deletedDateTime":null,"id":"u1"}"#,
    )
    .unwrap();
    assert_eq!(user.id(), Some("u1"));
    assert_eq!(user.display_name.as_deref(), Some("Adele"));
    assert_eq!(user.directory_object.deleted_date_time, None);
    assert_eq!(
        user.extra.get_as::<String>("mail").unwrap().unwrap(),
        "a@contoso.com"
    );
    // The explicit null of an inherited property is written back too.
    assert_eq!(
        odata_core::json::to_string(&user).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.user","id":"u1","deletedDateTime":null,"displayName":"Adele","mail":"a@contoso.com"}"##
    );
}

#[test]
fn duplicate_inherited_member_is_an_error() {
    let err =
        odata_core::json::from_str::<User>(r#"{"id":"a","displayName":"b","id":"c"}"#).unwrap_err();
    assert_eq!(err.path(), "$.id");
    assert_eq!(err.message(), "duplicate member `id`");
}

#[test]
fn the_model_describes_the_chain() {
    let info = User::TYPE;
    let chain: Vec<_> = info.ancestry().map(|t| t.qualified_name).collect();
    assert_eq!(
        chain,
        [
            "microsoft.graph.user",
            "microsoft.graph.directoryObject",
            "microsoft.graph.entity"
        ]
    );
    assert_eq!(info.key(), ["id"]);
    assert!(info.declared_key.is_empty());
    let names: Vec<_> = info.all_properties().iter().map(|p| p.name).collect();
    assert_eq!(names, ["id", "deletedDateTime", "displayName"]);
    assert!(DirectoryObject::TYPE.is_abstract);
    assert!(Entity::TYPE.is_abstract);
    assert_eq!(Entity::TYPE.kind, TypeKind::Entity);
}

#[test]
fn complex_types_inherit_too() {
    let p: Point3 = odata_core::json::from_str(r#"{"z":3.0,"x":1.0,"y":2.0}"#).unwrap();
    assert_eq!(
        p.base,
        Point2 {
            x: Some(1.0),
            y: Some(2.0)
        }
    );
    assert_eq!(
        odata_core::json::to_string(&p).unwrap(),
        r##"{"@odata.type":"#test.geo.point3","x":1.0,"y":2.0,"z":3.0}"##
    );
    assert_eq!(Point3::TYPE.kind, TypeKind::Complex);
    assert!(Point3::TYPE.key().is_empty());
    // Point2 keeps no unknown members, and neither does Point3: strict.
    assert!(odata_core::json::from_str::<Point3>(r#"{"w":1}"#).is_err());
}
