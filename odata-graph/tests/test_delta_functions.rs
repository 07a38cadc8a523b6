//! The generated Graph model marks every entity type whose collection has Graph's `delta`
//! function with `#[odata(delta)]`: `odata_core::request::DeltaFunction`, so its entity sets
//! offer delta rounds, and the function in the static model.

use odata_core::request::{DeltaFunction, Service};
use odata_core::StructuredType;
use odata_graph::graph::{GraphService, Group, User};

fn assert_delta<T: DeltaFunction>() -> (&'static str, &'static str) {
    (T::DELTA_NAMESPACE, T::DELTA_NAME)
}

#[test]
fn users_and_groups_have_delta_rounds() {
    assert_eq!(assert_delta::<User>(), ("microsoft.graph", "delta"));
    assert_eq!(assert_delta::<Group>(), ("microsoft.graph", "delta"));
    let delta = User::TYPE
        .operations
        .iter()
        .find(|o| o.name == "delta" && o.collection)
        .expect("user's delta function in the model");
    assert_eq!(
        delta.returns.as_ref().map(ToString::to_string).as_deref(),
        Some("Collection(microsoft.graph.user)")
    );
    // As Graph declares it: neither `Nullable` is written, so both are nullable.
    assert!(delta.binding_nullable && delta.return_nullable);
    let graph = Service::graph("https://graph.microsoft.com/v1.0").unwrap();
    let users = graph
        .root::<GraphService>()
        .users()
        .delta()
        .select(|f| [f.display_name])
        .build()
        .unwrap();
    assert_eq!(
        users.http().uri(),
        "https://graph.microsoft.com/v1.0/users/delta?$select=displayName"
    );
}
