//! Navigation properties on complex types (Graph has 47, such as `printerShare`'s
//! `allowedUsers` under a complex property): the derive takes `navigation` on a complex type's
//! field; the model, the CSDL writer and JSON reading and writing carry it. Requests through a
//! complex property (`entity/complexProp/nav`) have no builder: the complex type has no path.

use odata_core::csdl::Document;
use odata_core::graph::Entity;
use odata_core::{ODataEntity, StructuredType};

#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct Person {
    #[odata(base)]
    pub entity: Entity,
    pub name: Option<String>,
}

#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso", complex)]
pub struct Assignment {
    pub role: Option<String>,
    #[odata(navigation)]
    pub assignee: Option<Person>,
    #[odata(navigation, contains_target)]
    pub reviewers: Option<Vec<Person>>,
}

#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
pub struct Task {
    #[odata(base)]
    pub entity: Entity,
    pub assignment: Option<Assignment>,
}

#[test]
fn the_model_marks_the_complex_types_navigation() {
    let assignee = Assignment::TYPE.property("assignee").unwrap();
    assert!(assignee.navigation && !assignee.contains_target);
    let reviewers = Assignment::TYPE.property("reviewers").unwrap();
    assert!(reviewers.navigation && reviewers.contains_target);
    assert!(!Assignment::TYPE.property("role").unwrap().navigation);
}

#[test]
fn csdl_writes_navigation_properties_in_the_complex_type() {
    let doc = Document::builder().structured(Task::TYPE).build().unwrap();
    let xml = doc.to_xml();
    let expected = r#"      <ComplexType Name="assignment">
        <Property Name="role" Type="Edm.String"/>
        <NavigationProperty Name="assignee" Type="contoso.person"/>
        <NavigationProperty Name="reviewers" Type="Collection(contoso.person)" ContainsTarget="true"/>
      </ComplexType>"#;
    assert!(xml.contains(expected), "{xml}");
    let json: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    assert_eq!(
        json["contoso"]["assignment"]["assignee"]["$Kind"],
        "NavigationProperty"
    );
}

#[test]
fn an_expanded_navigation_under_a_complex_property_reads_and_writes_back() {
    let text = r#"{"id":"t","assignment":{"role":"owner","assignee":{"id":"p","name":"Ann"},"reviewers":[{"id":"r"}]}}"#;
    let task: Task = odata_core::json::from_str(text).unwrap();
    let assignment = task.assignment.as_ref().unwrap();
    assert_eq!(
        assignment.assignee.as_ref().unwrap().name.as_deref(),
        Some("Ann")
    );
    assert_eq!(
        assignment.reviewers.as_ref().unwrap()[0]
            .entity
            .id
            .as_deref(),
        Some("r")
    );
    // Written back (with the `@odata.type` annotations the writer adds), it reads the same.
    let written = odata_core::json::to_string(&task).unwrap();
    assert!(
        written.contains(r##""assignee":{"@odata.type":"#contoso.person","id":"p","name":"Ann"}"##),
        "{written}"
    );
    assert_eq!(odata_core::json::from_str::<Task>(&written).unwrap(), task);
}
