//! Navigation property bindings: `#[odata(binding(path, target))]` on a container's entity set
//! or singleton is in the static model and in both CSDL documents.

use odata_core::csdl::Document;
use odata_core::graph::Entity;
use odata_core::model::NavigationBinding;
use odata_core::request::EntityContainer;
use odata_core::ODataEntity;

#[derive(ODataEntity, Debug, Default)]
#[odata(namespace = "contoso", abstract)]
pub struct DirectoryObject {
    #[odata(base)]
    pub entity: Entity,
}

#[derive(ODataEntity, Debug, Default)]
#[odata(namespace = "contoso")]
pub struct User {
    #[odata(base)]
    pub directory_object: DirectoryObject,
    #[odata(navigation)]
    pub member_of: Option<Vec<DirectoryObject>>,
    #[odata(navigation)]
    pub manager: Option<Box<DirectoryObject>>,
}

#[derive(ODataEntity, Debug, Default)]
#[odata(namespace = "contoso")]
pub struct Me {
    #[odata(base)]
    pub entity: Entity,
    #[odata(navigation)]
    pub friends: Option<Vec<User>>,
}

#[derive(ODataEntity)]
#[odata(namespace = "contoso", container)]
pub struct Directory {
    pub directory_objects: Vec<DirectoryObject>,
    #[odata(binding(path = "memberOf", target = "directoryObjects"))]
    #[odata(binding(path = "manager", target = "directoryObjects"))]
    pub users: Vec<User>,
    #[odata(binding(path = "friends", target = "users"))]
    #[odata(binding(path = "contoso.me/friends/memberOf", target = "directoryObjects"))]
    pub me: Me,
}

#[test]
fn the_container_model_holds_the_bindings_in_order() {
    let members = Directory::CONTAINER.members;
    assert!(members[0].bindings.is_empty());
    assert_eq!(
        members[1].bindings,
        [
            NavigationBinding {
                path: "memberOf",
                target: "directoryObjects"
            },
            NavigationBinding {
                path: "manager",
                target: "directoryObjects"
            },
        ]
    );
    assert_eq!(members[2].bindings[1].path, "contoso.me/friends/memberOf");
}

#[test]
fn csdl_xml_writes_them_inside_the_set_or_singleton() {
    let xml = Document::for_container(Directory::CONTAINER)
        .unwrap()
        .to_xml();
    let expected = r#"        <EntitySet Name="directoryObjects" EntityType="contoso.directoryObject"/>
        <EntitySet Name="users" EntityType="contoso.user">
          <NavigationPropertyBinding Path="memberOf" Target="directoryObjects"/>
          <NavigationPropertyBinding Path="manager" Target="directoryObjects"/>
        </EntitySet>
        <Singleton Name="me" Type="contoso.me">
          <NavigationPropertyBinding Path="friends" Target="users"/>
          <NavigationPropertyBinding Path="contoso.me/friends/memberOf" Target="directoryObjects"/>
        </Singleton>"#;
    assert!(xml.contains(expected), "{xml}");
}

#[test]
fn csdl_json_writes_them_as_an_object() {
    let json = Document::for_container(Directory::CONTAINER)
        .unwrap()
        .to_json();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let container = &doc["contoso"]["directory"];
    assert_eq!(
        container["users"]["$NavigationPropertyBinding"],
        serde_json::json!({"memberOf": "directoryObjects", "manager": "directoryObjects"})
    );
    assert_eq!(
        container["me"]["$NavigationPropertyBinding"]["friends"],
        "users"
    );
    assert!(container["directoryObjects"]
        .get("$NavigationPropertyBinding")
        .is_none());
}
