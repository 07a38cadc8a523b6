//! Open types (dynamic properties kept, read and written with a type), media entities and
//! stream properties (their annotations read), expanded navigation properties read inline with
//! their control information, and `@odata.context` written first.

use odata_core::edm::Binary;
use odata_core::graph::Entity;
use odata_core::{EntityType, Extra, ODataEntity, StructuredType};
use time::macros::datetime;
use time::OffsetDateTime;

/// Graph's `openTypeExtension`: an open entity type.
#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", open)]
pub struct OpenTypeExtension {
    #[odata(base)]
    pub entity: Entity,
    pub extension_name: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

/// Graph's `driveItem` (a slice): a media entity with a stream property.
#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", has_stream)]
pub struct DriveItem {
    #[odata(base)]
    pub entity: Entity,
    pub name: Option<String>,
    pub size: Option<i64>,
    pub last_modified_date_time: Option<OffsetDateTime>,
    pub content: Option<odata_core::edm::Stream>,
    #[odata(navigation, contains_target)]
    pub children: Option<Vec<DriveItem>>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Debug, Clone, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct User {
    #[odata(base)]
    pub entity: Entity,
    #[odata(nullable = false)]
    pub display_name: Option<String>,
    #[odata(navigation)]
    pub manager: Option<Box<User>>,
    #[odata(navigation)]
    pub direct_reports: Option<Vec<User>>,
    #[odata(extra)]
    pub extra: Extra,
}

#[test]
fn the_model_marks_open_media_containment_and_nullability() {
    assert!(OpenTypeExtension::TYPE.is_open && !OpenTypeExtension::TYPE.has_stream);
    assert!(DriveItem::TYPE.has_stream && !DriveItem::TYPE.is_open);
    let children = DriveItem::TYPE.property("children").unwrap();
    assert!(children.navigation && children.contains_target);
    assert_eq!(
        children.edm.to_string(),
        "Collection(microsoft.graph.driveItem)"
    );
    assert_eq!(
        DriveItem::TYPE.property("content").unwrap().edm.to_string(),
        "Edm.Stream"
    );
    let display_name = User::TYPE.property("displayName").unwrap();
    assert!(!display_name.nullable, "nullable = false is recorded");
    let manager = User::TYPE.property("manager").unwrap();
    assert!(manager.navigation && !manager.contains_target && manager.nullable);
    assert_eq!(manager.edm.to_string(), "microsoft.graph.user");
}

#[test]
fn open_type_dynamic_properties_typed_both_ways() {
    let body = r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('x')/extensions/$entity","@odata.type":"#microsoft.graph.openTypeExtension","id":"Com.Contoso.Deal","extensionName":"Com.Contoso.Deal","companyName":"Alpine Skis","dealValue":1010100,"expirationDate@odata.type":"#DateTimeOffset","expirationDate":"2015-07-03T13:04:00.0000000Z"}"##;
    let mut ext: OpenTypeExtension = odata_core::json::from_str(body).unwrap();
    assert_eq!(ext.id(), Some("Com.Contoso.Deal"));
    assert_eq!(
        ext.extra
            .get_value::<String>("companyName")
            .unwrap()
            .unwrap(),
        "Alpine Skis"
    );
    assert_eq!(
        ext.extra.get_value::<i64>("dealValue").unwrap().unwrap(),
        1_010_100
    );
    assert_eq!(
        ext.extra
            .get_value::<OffsetDateTime>("expirationDate")
            .unwrap()
            .unwrap(),
        datetime!(2015-07-03 13:04 UTC)
    );
    // A wrong type is an error, not a silent default.
    assert!(ext.extra.get_value::<bool>("companyName").unwrap().is_err());
    assert!(ext.extra.get_value::<String>("missing").is_none());
    // Written back as it came (the context first).
    assert_eq!(odata_core::json::to_string(&ext).unwrap(), body);

    // Set typed dynamic properties: the annotation is added where OData needs it.
    ext.extra
        .set_value("renewal", &datetime!(2016-01-01 0:00 UTC))
        .unwrap();
    ext.extra
        .set_value("attachment", &Binary(b"hi".to_vec()))
        .unwrap();
    ext.extra.set_value("dealValue", &2.5_f64).unwrap();
    let written = odata_core::json::to_string(&ext).unwrap();
    assert!(written.ends_with(r##","dealValue":2.5,"expirationDate@odata.type":"#DateTimeOffset","expirationDate":"2015-07-03T13:04:00.0000000Z","renewal@odata.type":"#DateTimeOffset","renewal":"2016-01-01T00:00:00Z","attachment@odata.type":"#Binary","attachment":"aGk="}"##), "{written}");
    let again: OpenTypeExtension = odata_core::json::from_str(&written).unwrap();
    assert_eq!(
        again.extra.get_value::<f64>("dealValue").unwrap().unwrap(),
        2.5
    );
    assert_eq!(again, ext);
}

#[test]
fn media_entity_and_stream_property_annotations() {
    let body = r##"{"@odata.type":"#microsoft.graph.driveItem","@odata.mediaReadLink":"https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=1","@odata.mediaContentType":"image/png","@odata.mediaEtag":"\"{1},2\"","id":"01BYE5RZ","content@odata.mediaEditLink":"drives/b!x/items/01BYE5RZ/content","name":"logo.png","size":14025,"lastModifiedDateTime":"2017-08-07T16:16:30Z"}"##;
    let item: DriveItem = odata_core::json::from_str(body).unwrap();
    let media = item.extra.media();
    assert_eq!(media.content_type.as_deref(), Some("image/png"));
    assert_eq!(media.etag.as_deref(), Some("\"{1},2\""));
    assert!(media
        .read_link
        .unwrap()
        .starts_with("https://contoso.sharepoint.com/"));
    let content = item.extra.stream_property("content");
    assert_eq!(
        content.edit_link.as_deref(),
        Some("drives/b!x/items/01BYE5RZ/content")
    );
    // The stream property itself has no value in the payload, and none is written.
    assert_eq!(item.content, None);
    let written = odata_core::json::to_string(&item).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&written).unwrap(),
        serde_json::from_str::<serde_json::Value>(body).unwrap()
    );
    // The stream property's annotations stay in the property's place.
    assert!(written.ends_with(r#""lastModifiedDateTime":"2017-08-07T16:16:30Z","content@odata.mediaEditLink":"drives/b!x/items/01BYE5RZ/content"}"#), "{written}");
}

#[test]
fn expanded_navigation_is_read_inline_with_its_control_information() {
    let body = r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users(displayName,manager(),directReports())/$entity","@odata.type":"#microsoft.graph.user","id":"u1","displayName":"Megan Bowen","manager@odata.navigationLink":"users/u1/manager","manager":{"@odata.type":"#microsoft.graph.user","id":"m1","displayName":"Adele Vance"},"directReports@odata.count":3,"directReports@odata.nextLink":"https://graph.microsoft.com/v1.0/users/u1/directReports?$skiptoken=X","directReports":[{"@odata.type":"#microsoft.graph.user","id":"r1","displayName":"Alex Wilber"},{"@odata.type":"#microsoft.graph.user","id":"r2","displayName":"Lynne Robbins"}]}"##;
    let user: User = odata_core::json::from_str(body).unwrap();
    let manager = user.manager.as_ref().unwrap();
    assert_eq!(manager.display_name.as_deref(), Some("Adele Vance"));
    let reports = user.direct_reports.as_ref().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[1].id(), Some("r2"));
    assert_eq!(
        user.extra
            .property_annotation::<i64>("directReports", "@odata.count")
            .unwrap()
            .unwrap(),
        3
    );
    assert_eq!(
        user.extra
            .property_annotation::<String>("directReports", "@odata.nextLink")
            .unwrap()
            .unwrap(),
        "https://graph.microsoft.com/v1.0/users/u1/directReports?$skiptoken=X"
    );
    assert_eq!(
        user.extra
            .property_annotation::<String>("manager", "@odata.navigationLink")
            .unwrap()
            .unwrap(),
        "users/u1/manager"
    );
    // Written back byte for byte: context, type, properties each after their annotations.
    assert_eq!(odata_core::json::to_string(&user).unwrap(), body);
}

#[test]
fn context_is_written_before_the_type() {
    let user: User = odata_core::json::from_str(
        r##"{"id":"u","@odata.type":"#microsoft.graph.user","@odata.etag":"W/\"1\"","@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity"}"##,
    )
    .unwrap();
    assert_eq!(
        odata_core::json::to_string(&user).unwrap(),
        r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity","@odata.type":"#microsoft.graph.user","@odata.etag":"W/\"1\"","id":"u"}"##
    );
    // Request bodies (no context) stay as the seeds show them: the type first.
    let body = User::builder().display_name("New").build();
    assert_eq!(
        odata_core::json::to_string(&body).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.user","displayName":"New"}"##
    );
}

#[derive(ODataEntity)]
#[odata(namespace = "microsoft.graph", container)]
pub struct Drive {
    pub items: Vec<DriveItem>,
}

#[test]
fn media_streams_are_addressed_by_value_and_by_stream_property() {
    use odata_core::request::{Error, Service};
    let service = Service::graph("https://graph.microsoft.com/v1.0").unwrap();
    let item = service.root::<Drive>().items().by_id("01BYE5RZ");

    let get = item.stream(|f| f.content).get().unwrap();
    assert_eq!(get.http().method(), "GET");
    assert_eq!(
        get.http().uri(),
        "https://graph.microsoft.com/v1.0/items/01BYE5RZ/content"
    );
    assert_eq!(get.http().headers()["accept"], "*/*");
    let png = vec![0x89, b'P', b'N', b'G', 0, 0xff];
    let response = http::Response::builder()
        .status(200)
        .body(png.clone())
        .unwrap();
    assert_eq!(get.parse_response(&response).unwrap(), png);
    let missing = http::Response::builder()
        .status(404)
        .body(
            br#"{"error":{"code":"itemNotFound","message":"The resource could not be found."}}"#
                .to_vec(),
        )
        .unwrap();
    assert!(matches!(
        get.parse_response(&missing),
        Err(Error::Service(_))
    ));

    let put = item.value().put(png.clone(), "image/png").unwrap();
    assert_eq!(put.http().method(), "PUT");
    assert_eq!(
        put.http().uri(),
        "https://graph.microsoft.com/v1.0/items/01BYE5RZ/$value"
    );
    assert_eq!(put.http().headers()["content-type"], "image/png");
    assert_eq!(put.http().body(), &png);
    let done = http::Response::builder()
        .status(204)
        .body(Vec::new())
        .unwrap();
    put.parse_response(&done).unwrap();

    // A content type that cannot be a header is an error, not a panic.
    match item.value().put(Vec::new(), "image/png\r\nX-Evil: 1") {
        Err(err @ Error::InvalidHeader { name, .. }) => {
            assert_eq!(name, "Content-Type");
            assert_eq!(
                err.to_string(),
                r#""image/png\r\nX-Evil: 1" is not a valid Content-Type header value"#
            );
        }
        other => panic!("expected InvalidHeader, got {other:?}"),
    }
}

/// Graph's `admin`: a singleton's entity type declared without a key.
#[derive(ODataEntity, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", keyless)]
pub struct Admin {
    #[odata(navigation)]
    pub people: Option<Box<User>>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity)]
#[odata(namespace = "microsoft.graph", container)]
pub struct GraphRoot {
    pub admin: Admin,
}

#[test]
fn keyless_entity_types_are_singletons_types() {
    use odata_core::request::Service;
    assert!(Admin::TYPE.key().is_empty());
    let admin: Admin = odata_core::json::from_str(
        r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#admin","@odata.type":"#microsoft.graph.admin"}"##,
    )
    .unwrap();
    assert_eq!(admin.id(), None);
    let service = Service::graph("https://graph.microsoft.com/v1.0").unwrap();
    let get = service.root::<GraphRoot>().admin().get().build().unwrap();
    assert_eq!(get.http().uri(), "https://graph.microsoft.com/v1.0/admin");
    let people = service
        .root::<GraphRoot>()
        .admin()
        .people()
        .get()
        .build()
        .unwrap();
    assert_eq!(
        people.http().uri(),
        "https://graph.microsoft.com/v1.0/admin/people"
    );
}
