//! Bound operations of the generated Graph model as sans-IO requests (the URL and body each
//! builds), and their results read from the Graph v1.0 reference's own example responses (the
//! corpus in `../tests/corpus/graph-v1.0`, with where each came from in its `SOURCE.md`):
//! a function with parameters, an action bound to a collection, collection results as pages.

use odata_core::request::Service;
use odata_core::StructuredType;
use odata_graph::graph::{
    AnyDirectoryObject, CalendarGetScheduleParameters, DateTimeTimeZone, DirectoryObject,
    DirectoryObjectGetByIdsParameters, GraphService, User, UserReminderViewParameters,
};

const ROOT: &str = "https://graph.microsoft.com/v1.0";

fn graph() -> Service {
    Service::graph(ROOT).unwrap()
}

fn corpus(name: &str) -> http::Response<Vec<u8>> {
    let dir = if name < "m" { "a-l" } else { "m-z" };
    let path = format!(
        "{}/../tests/corpus/graph-v1.0/{dir}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let body = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    http::Response::builder().status(200).body(body).unwrap()
}

/// `GET /users/{id}/reminderView(StartDateTime='...',EndDateTime='...')`, as the reference's
/// `user-reminderview.md` writes it; its example response is a collection of reminders.
#[test]
fn reminder_view_is_a_function_with_parameters_in_the_url() {
    let service = graph();
    let user = service
        .root::<GraphService>()
        .users()
        .by_id("dd@contoso.com");
    let request = user
        .reminder_view(&UserReminderViewParameters {
            start_date_time: "2017-06-05T10:00:00.0000000".to_owned(),
            end_date_time: Some("2017-06-11T11:00:00.0000000".to_owned()),
        })
        .unwrap();
    assert_eq!(request.http().method(), "GET");
    assert_eq!(
        request.http().uri(),
        "https://graph.microsoft.com/v1.0/users/dd@contoso.com/reminderView(StartDateTime='2017-06-05T10:00:00.0000000',EndDateTime='2017-06-11T11:00:00.0000000')"
    );
    let page = request
        .parse_response(&corpus("user-reminderview--1.json"))
        .unwrap();
    assert_eq!(page.value.len(), 1);
    assert_eq!(
        page.value[0].event_subject.as_deref(),
        Some("Plan summer company picnic")
    );
    assert_eq!(page.next_link, None);
    // The model holds the parameters, with their Edm types and nullability.
    let op = User::TYPE
        .operations
        .iter()
        .find(|o| o.name == "reminderView")
        .unwrap();
    let params: Vec<_> = op
        .parameter_list()
        .iter()
        .map(|p| (p.name, p.edm.to_string(), p.nullable))
        .collect();
    assert_eq!(
        params,
        [
            ("StartDateTime", "Edm.String".to_owned(), false),
            ("EndDateTime", "Edm.String".to_owned(), true)
        ]
    );
}

/// `POST /directoryObjects/getByIds`: an action bound to `Collection(directoryObject)`, a
/// method of the entity set's path; the result is a page of polymorphic directory objects.
#[test]
fn get_by_ids_is_an_action_of_the_collection() {
    let service = graph();
    let set = service.root::<GraphService>().directory_objects();
    let parameters = DirectoryObjectGetByIdsParameters {
        ids: vec!["84b80893-8749-40a3-97b7-68513b600544".to_owned()],
        types: Some(vec!["user".to_owned()]),
    };
    let request = set.get_by_ids(&parameters).unwrap();
    assert_eq!(request.http().method(), "POST");
    assert_eq!(
        request.http().uri(),
        "https://graph.microsoft.com/v1.0/directoryObjects/getByIds"
    );
    let body: serde_json::Value = serde_json::from_slice(request.http().body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"ids": ["84b80893-8749-40a3-97b7-68513b600544"], "types": ["user"]})
    );
    let page = request
        .parse_response(&corpus("directoryobject-getbyids--1.json"))
        .unwrap();
    assert!(!page.value.is_empty());
    assert!(
        page.value
            .iter()
            .all(|o| matches!(o, AnyDirectoryObject::User(_))),
        "{:?}",
        page.value
    );
    // Bound to the collection in the model, so the CSDL writes `Collection(...)`.
    let op = DirectoryObject::TYPE
        .operations
        .iter()
        .find(|o| o.name == "getByIds")
        .unwrap();
    assert!(op.collection);
    // A subtype's collection has the base's collection operations: `/users/getByIds`.
    let users = service.root::<GraphService>().users();
    assert_eq!(
        users.get_by_ids(&parameters).unwrap().http().uri(),
        "https://graph.microsoft.com/v1.0/users/getByIds"
    );
}

/// `POST /me/calendar/getSchedule`: its collection result is read as a page.
#[test]
fn get_schedule_reads_its_collection_result() {
    let service = graph();
    let calendar = service
        .root::<GraphService>()
        .users()
        .by_id("adelev@contoso.onmicrosoft.com")
        .calendar();
    let time = |t: &str| {
        DateTimeTimeZone::builder()
            .date_time(t)
            .time_zone("Pacific Standard Time")
            .build()
    };
    let request = calendar
        .get_schedule(&CalendarGetScheduleParameters {
            schedules: Some(vec!["adelev@contoso.onmicrosoft.com".to_owned()]),
            start_time: Some(time("2019-03-15T09:00:00")),
            end_time: Some(time("2019-03-15T18:00:00")),
            availability_view_interval: Some(60),
        })
        .unwrap();
    assert_eq!(
        request.http().uri(),
        "https://graph.microsoft.com/v1.0/users/adelev@contoso.onmicrosoft.com/calendar/getSchedule"
    );
    let page = request
        .parse_response(&corpus("calendar-getschedule--1.json"))
        .unwrap();
    assert_eq!(
        page.value[0].schedule_id.as_deref(),
        Some("adelev@contoso.onmicrosoft.com")
    );
    assert_eq!(
        page.value[0].availability_view.as_deref(),
        Some("000220000")
    );
}
