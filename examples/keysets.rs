//! The main job: the two seed operations of the trustFramework keySets API, create (POST, 201)
//! and update (PATCH, 200), from typed values.
//!
//! Today it builds both request bodies from typed values and checks them against the seed
//! pages, then parses both seed responses and writes them back canonically. The embedded local
//! service and the HTTP client that will carry these over the wire are the next step (see the
//! README's status section).

use std::process::ExitCode;

use odata_core::graph::{TrustFrameworkKey, TrustFrameworkKeySet};
use odata_core::EntityType;

const CREATE_RESPONSE: &str = include_str!("../tests/fixtures/seed_create_response.json");
const UPDATE_RESPONSE: &str = include_str!("../tests/fixtures/seed_update_response.json");

fn main() -> ExitCode {
    match run() {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn exchange(
    method: &str,
    path: &str,
    body: &TrustFrameworkKeySet,
    status: u16,
    response: &str,
) -> Result<TrustFrameworkKeySet, String> {
    let request = odata_core::json::to_string_pretty(body).map_err(|e| e.to_string())?;
    println!("> {method} {path}\n> Content-Type: application/json\n{request}\n");
    let parsed: TrustFrameworkKeySet =
        odata_core::json::from_str(response).map_err(|e| format!("{method} response: {e}"))?;
    let canonical = odata_core::json::to_string_pretty(&parsed).map_err(|e| e.to_string())?;
    println!("< {status}\n{canonical}\n");
    Ok(parsed)
}

fn run() -> Result<String, String> {
    let body = TrustFrameworkKeySet::builder()
        .key(TrustFrameworkKey::builder().build())
        .build();
    let created = exchange(
        "POST",
        "/trustFramework/keySets",
        &body,
        201,
        CREATE_RESPONSE,
    )?;
    let id = created
        .id()
        .ok_or("the create response has no id")?
        .to_owned();

    let update = TrustFrameworkKeySet::builder()
        .keys([TrustFrameworkKey::builder().build()])
        .build();
    let updated = exchange(
        "PATCH",
        &format!("/trustFramework/keySets/{id}"),
        &update,
        200,
        UPDATE_RESPONSE,
    )?;
    let keys = updated.keys.as_ref().map_or(0, Vec::len);
    Ok(format!(
        "ok: create 201 (id {id}), update 200 (id {}, {keys} key{}); served from the seed pages' example responses",
        updated.id().unwrap_or("?"),
        if keys == 1 { "" } else { "s" }
    ))
}
