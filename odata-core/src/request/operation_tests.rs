//! Bound functions with parameters (the URL each request builds) and operation results (the
//! `{"value": ...}` a collection or primitive result comes in), on a small model of our own.

use crate::model::{EdmType, Primitive};
use crate::request::{CollectionPath, EntityPath, Error, Page, Service};
use crate::{Extra, ODataEntity, ODataEnum, StructuredType};

#[derive(ODataEnum, Clone, Copy, Debug, PartialEq)]
#[odata(namespace = "contoso")]
enum Shade {
    Light,
    Dark,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso", complex)]
struct Point {
    x: Option<i32>,
    y: Option<i32>,
}

/// The parameters of `contoso.search`: one of each literal form.
#[derive(ODataEntity, Clone, Debug, PartialEq)]
#[odata(namespace = "contoso", complex)]
struct SearchParameters {
    #[odata(rename = "Text")]
    text: String,
    count: Option<i32>,
    ratio: Option<f64>,
    shade: Option<Shade>,
    since: Option<time::OffsetDateTime>,
    day: Option<time::Date>,
    within: Option<time::Duration>,
    owner: Option<uuid::Uuid>,
    near: Option<Point>,
    tags: Option<Vec<String>>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
#[odata(function(name = "search", parameters = SearchParameters, returns = Vec<Point>))]
#[odata(function(name = "total", returns = i64))]
#[odata(function(name = "favourite", returns = Shade))]
#[odata(function(name = "origin", returns = Point))]
#[odata(function(name = "shades", returns = Vec<Shade>))]
#[odata(function(name = "byShade", collection, parameters = ByShadeParameters, returns = Vec<Canvas>))]
#[odata(action(name = "clear", collection))]
#[odata(action(name = "move"))]
struct Canvas {
    #[odata(key)]
    id: Option<String>,
    #[odata(extra)]
    extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, PartialEq)]
#[odata(namespace = "contoso", complex)]
struct ByShadeParameters {
    shade: Shade,
}

/// A subtype: the collection operations of its base apply to its collections.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
#[odata(function(name = "largest", collection, returns = Poster))]
struct Poster {
    #[odata(base)]
    canvas: Canvas,
    title: Option<String>,
}

fn canvas(service: &Service) -> EntityPath<Canvas> {
    EntityPath::__new(service.path("/canvases".to_owned()).key("c1"))
}

fn only_text(text: &str) -> SearchParameters {
    SearchParameters {
        text: text.to_owned(),
        count: None,
        ratio: None,
        shade: None,
        since: None,
        day: None,
        within: None,
        owner: None,
        near: None,
        tags: None,
    }
}

fn ok(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn every_literal_form_in_the_url() {
    let service = Service::odata("https://example.com/odata").unwrap();
    let parameters = SearchParameters {
        text: "O'Brien & co/x?".to_owned(),
        count: Some(42),
        ratio: Some(0.5),
        shade: Some(Shade::Dark),
        since: Some(time::macros::datetime!(2024-01-01 00:00:00 UTC)),
        day: Some(time::macros::date!(2024 - 02 - 29)),
        within: Some(time::Duration::hours(26)),
        owner: Some(uuid::uuid!("01234567-89ab-cdef-0123-456789abcdef")),
        near: None,
        tags: None,
    };
    let request = canvas(&service).search(&parameters).unwrap();
    assert_eq!(request.http().method(), "GET");
    assert_eq!(
        request.http().uri(),
        "https://example.com/odata/canvases('c1')/contoso.search(\
         Text='O''Brien%20&%20co%2Fx%3F',count=42,ratio=0.5,shade=contoso.shade'dark',\
         since=2024-01-01T00:00:00Z,day=2024-02-29,within=duration'P1DT2H',\
         owner=01234567-89ab-cdef-0123-456789abcdef)"
    );
    assert!(request.http().body().is_empty());
}

#[test]
fn structured_and_collection_values_go_as_aliases() {
    let service = Service::graph("https://graph.example.com/v1.0").unwrap();
    let mut parameters = only_text("a");
    parameters.near = Some(Point {
        x: Some(1),
        y: Some(2),
    });
    parameters.tags = Some(vec!["x&y".to_owned(), "z".to_owned()]);
    let request = canvas(&service).search(&parameters).unwrap();
    assert_eq!(
        request.http().uri(),
        "https://graph.example.com/v1.0/canvases/c1/search(Text='a',near=@near,tags=@tags)\
         ?@near=%7B%22@odata.type%22:%22%23contoso.point%22,%22x%22:1,%22y%22:2%7D\
         &@tags=%5B%22x%26y%22,%22z%22%5D"
    );
}

#[test]
fn a_null_parameter_is_written_null_and_a_left_out_one_is_omitted() {
    let service = Service::graph("https://graph.example.com/v1.0").unwrap();
    // `Option` members the derive leaves out when `None` are omitted from the call.
    let request = canvas(&service).search(&only_text("")).unwrap();
    assert_eq!(
        request.http().uri(),
        "https://graph.example.com/v1.0/canvases/c1/search(Text='')"
    );
}

#[test]
fn the_model_records_the_parameters() {
    let search = &Canvas::TYPE.operations[0];
    let names: Vec<_> = search.parameter_list().iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        ["Text", "count", "ratio", "shade", "since", "day", "within", "owner", "near", "tags"]
    );
    let text = &search.parameter_list()[0];
    assert_eq!(text.edm.to_string(), "Edm.String");
    assert!(!text.nullable);
    assert!(search.parameter_list()[1].nullable);
    assert!(Canvas::TYPE.operations[1].parameter_list().is_empty());
}

#[test]
fn the_csdl_writes_the_parameters() {
    let xml = crate::csdl::Document::builder()
        .structured(Canvas::TYPE)
        .build()
        .unwrap()
        .to_xml();
    let start = xml.find("<Function Name=\"search\"").unwrap();
    let end = start + xml[start..].find("</Function>").unwrap();
    let search = &xml[start..end];
    assert!(search.contains(r#"<Parameter Name="Text" Type="Edm.String" Nullable="false"/>"#));
    assert!(search.contains(r#"<Parameter Name="shade" Type="contoso.shade"/>"#));
    assert!(search.contains(r#"<Parameter Name="tags" Type="Collection(Edm.String)"/>"#));
    assert!(search.contains(r#"<ReturnType Type="Collection(contoso.point)""#));
}

#[test]
fn a_collection_result_is_a_page_with_its_next_link() {
    let service = Service::odata("https://example.com/odata").unwrap();
    let request = canvas(&service).search(&only_text("a")).unwrap();
    let page: Page<Point> = request
        .parse_response(&ok(r#"{
            "@odata.context": "https://example.com/odata/$metadata#Collection(contoso.point)",
            "value": [{"x": 1}, {"y": 2}],
            "@odata.nextLink": "https://example.com/odata/next?page=2"
        }"#))
        .unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.value[0].x, Some(1));
    let next = request.next_page(&page).unwrap().unwrap();
    assert_eq!(next.http().uri(), "https://example.com/odata/next?page=2");
}

#[test]
fn primitive_and_enum_results_are_unwrapped() {
    let service = Service::odata("https://example.com/odata").unwrap();
    let total = canvas(&service).total().unwrap();
    assert_eq!(
        total.http().uri(),
        "https://example.com/odata/canvases('c1')/contoso.total()"
    );
    let n: i64 = total
        .parse_response(&ok(
            r#"{"@odata.context": "https://example.com/odata/$metadata#Edm.Int64", "value": 9007199254740993}"#,
        ))
        .unwrap();
    assert_eq!(n, 9_007_199_254_740_993);
    let shade: Shade = canvas(&service)
        .favourite()
        .unwrap()
        .parse_response(&ok(r#"{"value": "dark"}"#))
        .unwrap();
    assert_eq!(shade, Shade::Dark);
    let shades: Page<Shade> = canvas(&service)
        .shades()
        .unwrap()
        .parse_response(&ok(r#"{"value": ["light", "dark"]}"#))
        .unwrap();
    assert_eq!(shades.value, [Shade::Light, Shade::Dark]);
}

#[test]
fn a_structured_result_is_the_body_itself() {
    let service = Service::odata("https://example.com/odata").unwrap();
    let origin: Point = canvas(&service)
        .origin()
        .unwrap()
        .parse_response(&ok(r#"{"x": 0, "y": 0}"#))
        .unwrap();
    assert_eq!((origin.x, origin.y), (Some(0), Some(0)));
}

#[test]
fn a_primitive_result_without_value_is_a_located_body_error() {
    let service = Service::odata("https://example.com/odata").unwrap();
    let err = canvas(&service)
        .total()
        .unwrap()
        .parse_response(&ok(r#"{"total": 3}"#))
        .unwrap_err();
    assert!(matches!(err, Error::Body { .. }), "{err:?}");
    assert!(err.to_string().contains("value"), "{err}");
}

#[test]
fn a_literal_that_does_not_fit_its_type_is_a_clear_error() {
    use super::filter::parameter_literal;
    let string = EdmType::Primitive(Primitive::String);
    assert_eq!(
        parameter_literal(&string, "\"it's\"").unwrap().unwrap(),
        "'it''s'"
    );
    let err = parameter_literal(&string, "3").unwrap_err();
    assert_eq!(err, "expected a JSON string, found `3`");
    let boolean = EdmType::Primitive(Primitive::Boolean);
    assert_eq!(
        parameter_literal(&boolean, "\"yes\"").unwrap_err(),
        "expected true or false, found `\"yes\"`"
    );
    let int64 = EdmType::Primitive(Primitive::Int64);
    // IEEE754-compatible services get Int64 as a JSON string; the literal is the number.
    assert_eq!(parameter_literal(&int64, "\"12\"").unwrap().unwrap(), "12");
    assert_eq!(parameter_literal(&int64, "null").unwrap().unwrap(), "null");
}

#[test]
fn operations_bound_to_a_collection_are_methods_of_its_paths() {
    let service = Service::odata("https://example.com/odata").unwrap();
    let canvases = CollectionPath::<Canvas>::__new(service.path("/canvases".to_owned()));
    let by_shade = canvases
        .by_shade(&ByShadeParameters {
            shade: Shade::Light,
        })
        .unwrap();
    assert_eq!(
        by_shade.http().uri(),
        "https://example.com/odata/canvases/contoso.byShade(shade=contoso.shade'light')"
    );
    let clear = canvases.clear().unwrap();
    assert_eq!(clear.http().method(), "POST");
    assert_eq!(
        clear.http().uri(),
        "https://example.com/odata/canvases/contoso.clear"
    );
    // The collection's own methods are still there.
    assert_eq!(
        canvases.by_id("c1").path().url(),
        "https://example.com/odata/canvases('c1')"
    );

    // A subtype's collection has its own collection operations and its base's.
    let graph = Service::graph("https://graph.example.com/v1.0").unwrap();
    let posters = CollectionPath::<Poster>::__new(graph.path("/posters".to_owned()));
    assert_eq!(
        posters.largest().unwrap().http().uri(),
        "https://graph.example.com/v1.0/posters/largest"
    );
    assert_eq!(
        posters.clear().unwrap().http().uri(),
        "https://graph.example.com/v1.0/posters/clear"
    );
    // An entity's path does not have them.
    let model = Canvas::TYPE.operations;
    let collection: Vec<_> = model
        .iter()
        .filter(|o| o.collection)
        .map(|o| o.name)
        .collect();
    assert_eq!(collection, ["byShade", "clear"]);
}

#[test]
fn the_csdl_binds_collection_operations_to_the_collection() {
    let doc = crate::csdl::Document::builder()
        .structured(Poster::TYPE)
        .build()
        .unwrap();
    let xml = doc.to_xml();
    let start = xml.find("<Function Name=\"byShade\"").unwrap();
    let by_shade = &xml[start..start + xml[start..].find("</Function>").unwrap()];
    assert!(
        by_shade.contains(r#"<Parameter Name="bindingParameter" Type="Collection(contoso.canvas)" Nullable="false"/>"#),
        "{by_shade}"
    );
    assert!(by_shade.contains(r#"<Parameter Name="shade" Type="contoso.shade" Nullable="false"/>"#));
    let json = doc.to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let binding = &value["contoso"]["largest"][0]["$Parameter"][0];
    assert_eq!(binding["$Type"], "contoso.poster");
    assert_eq!(binding["$Collection"], true);
}

#[test]
fn an_operation_named_after_a_keyword_is_a_raw_method_with_the_exact_odata_name() {
    let service = Service::graph("https://graph.example.com/v1.0").unwrap();
    let request = canvas(&service).r#move().unwrap();
    assert_eq!(
        request.http().uri(),
        "https://graph.example.com/v1.0/canvases/c1/move"
    );
    assert!(Canvas::TYPE.operations.iter().any(|o| o.name == "move"));
}

/// An operation declared in another namespace than its binding type's.
#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
#[odata(action(name = "archive", namespace = "contoso.admin"))]
#[odata(function(name = "archive", namespace = "contoso.admin", method = "archived", parameters = ByShadeParameters, returns = bool))]
struct Frame {
    #[odata(key)]
    id: Option<String>,
}

#[test]
fn an_operation_of_another_namespace_is_addressed_and_written_in_it() {
    let service = Service::odata("https://example.com/odata").unwrap();
    let frame = EntityPath::<Frame>::__new(service.path("/frames".to_owned()).key("f1"));
    assert_eq!(
        frame.archive().unwrap().http().uri(),
        "https://example.com/odata/frames('f1')/contoso.admin.archive"
    );
    let namespaces: Vec<_> = Frame::TYPE.operations.iter().map(|o| o.namespace).collect();
    assert_eq!(namespaces, ["contoso.admin", "contoso.admin"]);
    // An action and a function of one name: CSDL wants one kind per name in a schema.
    let err = crate::csdl::Document::builder()
        .structured(Frame::TYPE)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "two model items are named `contoso.admin.archive`: action bound to `contoso.frame` and function bound to `contoso.frame`"
    );
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
#[odata(action(name = "archive", namespace = "contoso.admin"))]
struct Album {
    #[odata(key)]
    id: Option<String>,
}

#[test]
fn the_csdl_writes_an_operation_in_its_own_schema() {
    let xml = crate::csdl::Document::builder()
        .structured(Album::TYPE)
        .build()
        .unwrap()
        .to_xml()
        .replace(['\n', ' '], "");
    assert!(
        xml.contains(r#"<SchemaNamespace="contoso.admin"xmlns="http://docs.oasis-open.org/odata/ns/edm"><ActionName="archive"IsBound="true"><ParameterName="bindingParameter"Type="contoso.album"Nullable="false"/></Action></Schema>"#),
        "{xml}"
    );
}

/// The parameters of an action as a derived complex type: in the model, and the body.
#[derive(ODataEntity, Clone, Debug, PartialEq)]
#[odata(namespace = "contoso", complex)]
struct ResizeParameters {
    width: i32,
    #[odata(rename = "keepRatio")]
    keep: Option<bool>,
    near: Option<Point>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "contoso")]
#[odata(action(name = "resize", parameters = ResizeParameters, returns = Point))]
struct Mural {
    #[odata(key)]
    id: Option<String>,
}

#[test]
fn an_action_with_derived_parameters_sends_their_members_and_models_them() {
    let service = Service::odata("https://example.com/odata").unwrap();
    let mural = EntityPath::<Mural>::__new(service.path("/murals".to_owned()).key("m1"));
    let request = mural
        .resize(&ResizeParameters {
            width: 3,
            keep: None,
            near: Some(Point {
                x: Some(1),
                y: Some(2),
            }),
        })
        .unwrap();
    assert_eq!(request.http().method(), "POST");
    // The parameters' JSON object: no `@odata.type` of the parameter type itself, a nested
    // structured value keeps its own.
    let body: serde_json::Value = serde_json::from_slice(request.http().body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"width": 3, "near": {"@odata.type": "#contoso.point", "x": 1, "y": 2}})
    );
    let names: Vec<_> = Mural::TYPE.operations[0]
        .parameter_list()
        .iter()
        .map(|p| (p.name, p.edm.to_string(), p.nullable))
        .collect();
    assert_eq!(
        names,
        [
            ("width", "Edm.Int32".to_owned(), false),
            ("keepRatio", "Edm.Boolean".to_owned(), true),
            ("near", "contoso.point".to_owned(), true),
        ]
    );
    let xml = crate::csdl::Document::builder()
        .structured(Mural::TYPE)
        .build()
        .unwrap()
        .to_xml();
    assert!(
        xml.contains(r#"<Parameter Name="keepRatio" Type="Edm.Boolean"/>"#),
        "{xml}"
    );
    // A plain serde parameter type is sent as it serializes and is not in the model.
    let key_set = crate::graph::TrustFrameworkKeySet::TYPE;
    let generate = key_set
        .operations
        .iter()
        .find(|o| o.name == "generateKey")
        .unwrap();
    assert!(generate.parameters.is_some());
    assert!(generate.parameter_list().is_empty());
}
