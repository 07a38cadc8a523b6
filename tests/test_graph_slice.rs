//! A realistic slice of Microsoft Graph v1.0 written with the derive (event and message with
//! their date, enum, recipient and recurrence types; driveItem, a media entity with its facets;
//! shiftPreferences with TimeOfDay and a recurrence), read from the v1.0 reference's own
//! response examples (tests/corpus/graph-v1.0, see SOURCE.md there) and round-tripped.
//!
//! Types follow Graph's CSDL (clean_v10_metadata/cleanMetadata.xml): names, bases, Edm types,
//! enum members; only the properties these examples use are declared, the rest are kept by
//! `extra` like any member the model does not know.

use odata_core::graph::Entity;
use odata_core::request::Page;
use odata_core::{EntityType, EnumType, Extra, ODataEntity, ODataEnum, StructuredType};
use serde_json::Value;
use time::{OffsetDateTime, Time};

// --- enums -----------------------------------------------------------------------------------

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum BodyType {
    Text,
    Html,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum AttendeeType {
    Required,
    Optional,
    Resource,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum ResponseType {
    None,
    Organizer,
    TentativelyAccepted,
    Accepted,
    Declined,
    NotResponded,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum EventType {
    SingleInstance,
    Occurrence,
    Exception,
    SeriesMaster,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum LocationType {
    Default,
    ConferenceRoom,
    HomeAddress,
    BusinessAddress,
    GeoCoordinates,
    StreetAddress,
    Hotel,
    Restaurant,
    LocalBusiness,
    PostalAddress,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum LocationUniqueIdType {
    Unknown,
    LocationStore,
    Directory,
    Private,
    Bing,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum RecurrencePatternType {
    Daily,
    Weekly,
    AbsoluteMonthly,
    RelativeMonthly,
    AbsoluteYearly,
    RelativeYearly,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum DayOfWeek {
    Sunday,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    #[odata(other)]
    Other(String),
}

#[derive(ODataEnum, Clone, Debug, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub enum RecurrenceRangeType {
    EndDate,
    NoEnd,
    Numbered,
    #[odata(other)]
    Other(String),
}

// --- complex types ---------------------------------------------------------------------------

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct EmailAddress {
    pub address: Option<String>,
    pub name: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct Recipient {
    pub email_address: Option<EmailAddress>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct AttendeeBase {
    #[odata(base)]
    pub recipient: Recipient,
    #[odata(rename = "type")]
    pub kind: Option<AttendeeType>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct ResponseStatus {
    pub response: Option<ResponseType>,
    pub time: Option<OffsetDateTime>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct Attendee {
    #[odata(base)]
    pub attendee_base: AttendeeBase,
    pub status: Option<ResponseStatus>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct ItemBody {
    pub content: Option<String>,
    pub content_type: Option<BodyType>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct DateTimeTimeZone {
    /// Edm.String in Graph's model: a local date and time without offset.
    pub date_time: String,
    pub time_zone: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex, open)]
pub struct Location {
    pub display_name: Option<String>,
    pub location_type: Option<LocationType>,
    pub unique_id: Option<String>,
    pub unique_id_type: Option<LocationUniqueIdType>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct RecurrencePattern {
    #[odata(rename = "type")]
    pub kind: Option<RecurrencePatternType>,
    #[odata(nullable = false)]
    pub interval: Option<i32>,
    pub days_of_week: Option<Vec<Option<DayOfWeek>>>,
    pub first_day_of_week: Option<DayOfWeek>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct RecurrenceRange {
    #[odata(rename = "type")]
    pub kind: Option<RecurrenceRangeType>,
    pub start_date: Option<time::Date>,
    pub end_date: Option<time::Date>,
    pub number_of_occurrences: Option<i32>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct PatternedRecurrence {
    pub pattern: Option<RecurrencePattern>,
    pub range: Option<RecurrenceRange>,
    #[odata(extra)]
    pub extra: Extra,
}

// --- entity types ----------------------------------------------------------------------------

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", abstract)]
pub struct OutlookItem {
    #[odata(base)]
    pub entity: Entity,
    pub categories: Option<Vec<Option<String>>>,
    pub change_key: Option<String>,
    pub created_date_time: Option<OffsetDateTime>,
    pub last_modified_date_time: Option<OffsetDateTime>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct Event {
    #[odata(base)]
    pub outlook_item: OutlookItem,
    pub attendees: Option<Vec<Option<Attendee>>>,
    pub body: Option<ItemBody>,
    pub body_preview: Option<String>,
    pub end: Option<DateTimeTimeZone>,
    pub location: Option<Location>,
    pub locations: Option<Vec<Option<Location>>>,
    pub organizer: Option<Recipient>,
    pub recurrence: Option<PatternedRecurrence>,
    pub series_master_id: Option<String>,
    pub start: Option<DateTimeTimeZone>,
    pub subject: Option<String>,
    #[odata(rename = "type")]
    pub kind: Option<EventType>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct Message {
    #[odata(base)]
    pub outlook_item: OutlookItem,
    pub body: Option<ItemBody>,
    pub body_preview: Option<String>,
    pub subject: Option<String>,
    pub unique_body: Option<ItemBody>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct Identity {
    pub display_name: Option<String>,
    pub id: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex, open)]
pub struct IdentitySet {
    pub application: Option<Identity>,
    pub device: Option<Identity>,
    pub user: Option<Identity>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct Folder {
    pub child_count: Option<i32>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct File {
    pub mime_type: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct Root {
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", abstract)]
pub struct BaseItem {
    #[odata(base)]
    pub entity: Entity,
    pub created_by: Option<IdentitySet>,
    pub created_date_time: Option<OffsetDateTime>,
    pub description: Option<String>,
    pub e_tag: Option<String>,
    pub last_modified_by: Option<IdentitySet>,
    pub last_modified_date_time: Option<OffsetDateTime>,
    pub name: Option<String>,
    pub web_url: Option<String>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", has_stream)]
pub struct DriveItem {
    #[odata(base)]
    pub base_item: BaseItem,
    pub c_tag: Option<String>,
    pub content: Option<odata_core::edm::Stream>,
    pub file: Option<File>,
    pub folder: Option<Folder>,
    pub root: Option<Root>,
    pub size: Option<i64>,
    #[odata(navigation, contains_target)]
    pub children: Option<Vec<DriveItem>>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct TimeRange {
    pub end_time: Option<Time>,
    pub start_time: Option<Time>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", complex)]
pub struct ShiftAvailability {
    pub recurrence: Option<PatternedRecurrence>,
    pub time_slots: Option<Vec<Option<TimeRange>>>,
    pub time_zone: Option<String>,
    #[odata(extra)]
    pub extra: Extra,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph", abstract)]
pub struct ChangeTrackedEntity {
    #[odata(base)]
    pub entity: Entity,
    pub created_date_time: Option<OffsetDateTime>,
    pub last_modified_by: Option<IdentitySet>,
    pub last_modified_date_time: Option<OffsetDateTime>,
}

#[derive(ODataEntity, Clone, Debug, Default, PartialEq)]
#[odata(namespace = "microsoft.graph")]
pub struct ShiftPreferences {
    #[odata(base)]
    pub change_tracked_entity: ChangeTrackedEntity,
    pub availability: Option<Vec<Option<ShiftAvailability>>>,
    #[odata(extra)]
    pub extra: Extra,
}

// --- the examples ----------------------------------------------------------------------------

fn corpus(path: &str) -> String {
    let full = format!(
        "{}/tests/corpus/graph-v1.0/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// Parses `path` as `T`, checks that what is written back is the same JSON value as the
/// example, and that it reads back to the same Rust value.
fn round_trip<T>(path: &str) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let text = corpus(path);
    let value: T = odata_core::json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let written = odata_core::json::to_string(&value).unwrap();
    let mut expected: Value = serde_json::from_str(&text).unwrap();
    add_types(&mut expected, &serde_json::from_str(&written).unwrap());
    assert_eq!(
        serde_json::from_str::<Value>(&written).unwrap(),
        expected,
        "{path}: written back differently:\n{written}"
    );
    assert_eq!(
        odata_core::json::from_str::<T>(&written).unwrap(),
        value,
        "{path}"
    );
    value
}

/// The examples leave `@odata.type` out where the type is the declared one; we write it on
/// every structured value. Copies the written annotations into the example where it has none.
fn add_types(expected: &mut Value, written: &Value) {
    match (expected, written) {
        (Value::Object(e), Value::Object(w)) => {
            if let (false, Some(t)) = (e.contains_key("@odata.type"), w.get("@odata.type")) {
                e.insert("@odata.type".into(), t.clone());
            }
            for (k, v) in e.iter_mut() {
                if let Some(wv) = w.get(k) {
                    add_types(v, wv);
                }
            }
        }
        (Value::Array(e), Value::Array(w)) => {
            for (ev, wv) in e.iter_mut().zip(w) {
                add_types(ev, wv);
            }
        }
        _ => {}
    }
}

#[test]
fn user_list_events() {
    let page: Page<Event> = round_trip("m-z/user-list-events--1.json");
    let event = &page.value[0];
    assert_eq!(event.id(), Some("AAMkAGIAAAoZDOFAAA="));
    assert_eq!(event.subject.as_deref(), Some("Orientation "));
    assert_eq!(
        event.body.as_ref().unwrap().content_type,
        Some(BodyType::Html)
    );
    let attendee = event.attendees.as_ref().unwrap()[1].as_ref().unwrap();
    assert_eq!(attendee.attendee_base.kind, Some(AttendeeType::Required));
    let status = attendee.status.as_ref().unwrap();
    assert_eq!(status.response, Some(ResponseType::None));
    assert_eq!(status.time.unwrap().year(), 1);
    assert_eq!(
        attendee
            .attendee_base
            .recipient
            .email_address
            .as_ref()
            .unwrap()
            .name
            .as_deref(),
        Some("Dana Swope")
    );
    let location = event.location.as_ref().unwrap();
    assert_eq!(location.location_type, Some(LocationType::Default));
    assert_eq!(location.unique_id_type, Some(LocationUniqueIdType::Private));
    assert_eq!(
        event.start.as_ref().unwrap().date_time,
        "2017-04-21T10:00:00.0000000"
    );
    assert_eq!(
        event.extra.get("@odata.etag").unwrap().get(),
        r#""W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"""#
    );
}

#[test]
fn event_list_instances() {
    let page: Page<Event> = round_trip("a-l/event-list-instances--1.json");
    assert!(page.value.len() >= 2);
    assert_eq!(page.value[0].kind, Some(EventType::Exception));
    assert_eq!(page.value[1].kind, Some(EventType::Occurrence));
    // `"recurrence": null` is an explicit null, written back as null.
    assert!(page.value[0].recurrence.is_none());
    assert!(page.value[0].extra.was_null("recurrence"));
}

#[test]
fn message_get() {
    let message: Message = round_trip("m-z/message-get--3.json");
    assert_eq!(message.subject.as_deref(), Some("Welcome to our group!"));
    // Surrogate-pair escapes in the example are read as the characters they stand for.
    assert!(message
        .body
        .as_ref()
        .unwrap()
        .content
        .as_ref()
        .unwrap()
        .contains("[\u{1F60A}]"));
    assert_eq!(
        message.unique_body.as_ref().unwrap().content_type,
        Some(BodyType::Text)
    );
}

#[test]
fn drive_item_and_children() {
    let item: DriveItem = round_trip("a-l/driveitem-get--1.json");
    assert_eq!(item.size, Some(157_286_400));
    assert_eq!(item.folder.as_ref().unwrap().child_count, Some(120));
    assert!(item.root.is_some());
    assert_eq!(
        item.base_item
            .created_by
            .as_ref()
            .unwrap()
            .user
            .as_ref()
            .unwrap()
            .display_name
            .as_deref(),
        Some("Ryan Gregg")
    );
    assert_eq!(
        item.base_item
            .last_modified_date_time
            .unwrap()
            .unix_timestamp(),
        1_458_590_497
    );
    assert!(DriveItem::TYPE.has_stream);

    let children: Page<DriveItem> = round_trip("a-l/driveitem-list-children--1.json");
    assert_eq!(children.value.len(), 4);
    assert!(children.value[0].file.is_some());
    assert_eq!(
        children.value[2].folder.as_ref().unwrap().child_count,
        Some(203)
    );
}

/// The example writes enum members capitalised (`"Weekly"`, `"Tuesday"`) where the model's
/// names are `weekly` and `tuesday`: the names are case-sensitive, so these are members the
/// model does not know; they are kept and written back with their case.
#[test]
fn shift_preferences_keep_enum_case_and_time_of_day() {
    let text = corpus("m-z/shiftpreferences-get--1.json");
    let prefs: ShiftPreferences = odata_core::json::from_str(&text).unwrap();
    let availability = prefs.availability.as_ref().unwrap()[0].as_ref().unwrap();
    let pattern = availability
        .recurrence
        .as_ref()
        .unwrap()
        .pattern
        .as_ref()
        .unwrap();
    assert_eq!(
        pattern.kind,
        Some(RecurrencePatternType::Other("Weekly".into()))
    );
    assert!(!pattern.kind.as_ref().unwrap().is_known());
    assert_eq!(
        pattern.days_of_week.as_ref().unwrap()[0],
        Some(DayOfWeek::Other("Tuesday".into()))
    );
    assert_eq!(pattern.interval, Some(1));
    let range = availability
        .recurrence
        .as_ref()
        .unwrap()
        .range
        .as_ref()
        .unwrap();
    assert_eq!(range.kind, Some(RecurrenceRangeType::NoEnd));
    let slot = availability.time_slots.as_ref().unwrap()[0]
        .as_ref()
        .unwrap();
    assert_eq!(slot.start_time, Some(time::macros::time!(9:15)));
    let written = odata_core::json::to_string(&prefs).unwrap();
    assert!(
        written.contains(r#""type":"Weekly","interval":1,"daysOfWeek":["Tuesday"]"#),
        "{written}"
    );
    // TimeOfDay "09:15:00.000000" is the same time as "09:15:00", which is what is written.
    assert!(written.contains(r#""startTime":"09:15:00""#), "{written}");
    assert_eq!(
        odata_core::json::from_str::<ShiftPreferences>(&written).unwrap(),
        prefs
    );
}

/// Where the docs are wrong, the error names the member: `"datetime-value"` is not a
/// DateTimeOffset.
#[test]
fn a_docs_error_is_reported_at_its_path() {
    let text = corpus("a-l/calendar-list-events--1.json");
    #[derive(ODataEntity, Debug)]
    #[odata(namespace = "microsoft.graph")]
    struct EventStatus {
        #[odata(base)]
        entity: Entity,
        response_status: Option<ResponseStatus>,
        #[odata(extra)]
        extra: Extra,
    }
    let err = odata_core::json::from_str::<Page<EventStatus>>(&text).unwrap_err();
    assert_eq!(err.path(), "$.value[0].responseStatus.time");
    assert!(
        err.message().contains("expected an Edm.DateTimeOffset"),
        "{err}"
    );
}
