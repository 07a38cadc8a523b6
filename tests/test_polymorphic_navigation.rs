//! An expanded navigation property whose declared type has subtypes holds the polymorphic
//! `AnyT` (a group's `members`: users and groups, each read into its own type), while the
//! navigation is still addressed, expanded and filtered as a navigation to `T`.

use odata_core::graph::Entity;
use odata_core::request::Service;
use odata_core::{Extra, ODataEntity, StructuredType};

#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct DirectoryObject {
    #[odata(base)]
    pub entity: Entity,
    pub deleted: Option<bool>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct User {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    pub mail: Option<String>,
}

#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct Group {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    pub display_name: Option<String>,
    #[odata(navigation)]
    pub members: Option<Vec<AnyDirectoryObject>>,
    #[odata(navigation)]
    pub owner: Option<Box<AnyDirectoryObject>>,
}

#[derive(ODataEntity, Debug, PartialEq)]
pub enum AnyDirectoryObject {
    User(User),
    Group(Group),
    #[odata(base)]
    DirectoryObject(DirectoryObject),
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso", container)]
pub struct Directory {
    pub groups: Vec<Group>,
}

const EXPANDED: &str = r##"{"id":"g","members":[{"@odata.type":"#contoso.user","id":"u","mail":"a@b"},{"@odata.type":"#contoso.group","id":"g2","displayName":"inner"},{"@odata.type":"#contoso.device","id":"d","name":"x"}],"owner":{"@odata.type":"#contoso.user","id":"o"}}"##;

#[test]
fn expanded_members_are_read_into_their_subtypes_and_written_back() {
    let group: Group = odata_core::json::from_str(EXPANDED).unwrap();
    let members = group.members.as_ref().unwrap();
    assert!(matches!(&members[0], AnyDirectoryObject::User(u) if u.mail.as_deref() == Some("a@b")));
    assert!(
        matches!(&members[1], AnyDirectoryObject::Group(g) if g.display_name.as_deref() == Some("inner"))
    );
    // A subtype the model does not know is kept as the base, with its members.
    assert!(matches!(
        &members[2],
        AnyDirectoryObject::DirectoryObject(_)
    ));
    assert!(matches!(
        group.owner.as_deref(),
        Some(AnyDirectoryObject::User(_))
    ));
    // Written back (the writer adds the group's own `@odata.type`), every member is kept.
    let written = odata_core::json::to_string(&group).unwrap();
    assert!(
        written.contains(r##"{"@odata.type":"#contoso.device","id":"d","name":"x"}"##),
        "{written}"
    );
    assert_eq!(
        odata_core::json::from_str::<Group>(&written).unwrap(),
        group
    );
}

#[test]
fn the_model_still_declares_the_base_type() {
    let members = Group::TYPE.property("members").unwrap();
    assert!(members.navigation);
    assert_eq!(
        members.edm.to_string(),
        "Collection(contoso.directoryObject)"
    );
    let owner = Group::TYPE.property("owner").unwrap();
    assert_eq!(owner.edm.to_string(), "contoso.directoryObject");
}

#[test]
fn the_navigation_is_addressed_expanded_and_filtered_as_the_base() {
    let graph = Service::graph("https://example.com/v1.0").unwrap();
    let groups = graph.root::<Directory>().groups();
    let members = groups.by_id("g").members();
    assert_eq!(
        members.path().url(),
        "https://example.com/v1.0/groups/g/members"
    );
    // A member's path: the base type's navigation and key.
    assert_eq!(
        groups.by_id("g").owner().path().url(),
        "https://example.com/v1.0/groups/g/owner"
    );
    let request = groups
        .list()
        .expand(|f| [f.members, f.owner])
        .filter_expr(|f| f.members.any(|m| m.deleted.eq(true)))
        .build()
        .unwrap();
    let uri = request.http().uri().to_string();
    assert!(uri.contains("$expand=members,owner"), "{uri}");
    assert!(
        uri.ends_with("$filter=members/any(m:m/deleted%20eq%20true)"),
        "{uri}"
    );
}
