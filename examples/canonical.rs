//! Reads an OData JSON document of a named type on stdin and writes it back in canonical form
//! on stdout; on bad input prints the error (with the JSON path of the offending member) to
//! stderr and exits 1; on a usage error exits 2.
//!
//! ```text
//! cargo run -q --example canonical -- trustFrameworkKeySet < tests/fixtures/seed_create_response.json
//! cargo run -q --example canonical -- microsoft.graph.user < user.json
//! cargo run -q --example canonical -- --page microsoft.graph.user < users.json
//! ```
//!
//! Any type of the Microsoft Graph v1.0 model (`odata-graph`) is read by its qualified name,
//! through the generated `odata_graph::registry`; a type with subtypes reads any of them.
//! `--page` reads a collection response: `value` and its control information
//! (`@odata.context`, `@odata.count`, `@odata.nextLink`, ...).

use std::io::{Read, Write};
use std::process::ExitCode;

use odata_core::json::Error;
use odata_core::request::Page;
use odata_graph::registry::{self, TypeVisitor};

const USAGE: &str = "usage: canonical [--page] <type> < document.json
  <type>: a Microsoft Graph v1.0 type by qualified name (microsoft.graph.user; every EntityType,
          ComplexType and EnumType of odata-graph/clean_v10_metadata/cleanMetadata.xml),
          or trustFrameworkKeySet / trustFrameworkKey
  --page: a collection response (`value` and its control information)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (page, type_name) = match args.as_slice() {
        [name] if !name.starts_with('-') => (false, name.as_str()),
        [flag, name] if flag == "--page" && !name.starts_with('-') => (true, name.as_str()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut input = Vec::new();
    if let Err(err) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("error: reading stdin: {err}");
        return ExitCode::FAILURE;
    }
    match canonicalize(type_name, &input, page) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            if writeln!(out, "{text}").is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The keySet types (beta-only in Graph) as `odata_suite` reads them, else the Graph v1.0 type
/// of that qualified name (a bare name is tried in `microsoft.graph`).
fn canonicalize(type_name: &str, input: &[u8], page: bool) -> Result<String, String> {
    let short = type_name
        .strip_prefix("microsoft.graph.")
        .unwrap_or(type_name);
    if odata_suite::TYPE_NAMES.contains(&short) {
        return match (page, short) {
            (false, _) => odata_suite::canonicalize(type_name, input),
            (true, "trustFrameworkKeySet") => Canonical { input, page }
                .visit::<odata_core::graph::TrustFrameworkKeySet>()
                .map_err(|e| e.to_string()),
            (true, _) => Canonical { input, page }
                .visit::<odata_core::graph::TrustFrameworkKey>()
                .map_err(|e| e.to_string()),
        };
    }
    let qualified = if type_name.contains('.') {
        type_name.to_owned()
    } else {
        format!("microsoft.graph.{type_name}")
    };
    match registry::visit(&qualified, Canonical { input, page }) {
        Some(result) => result.map_err(|e| e.to_string()),
        None => Err(format!(
            "unknown type `{type_name}`: not a Microsoft Graph v1.0 type (see odata-graph/clean_v10_metadata/cleanMetadata.xml), nor {}",
            odata_suite::TYPE_NAMES.join(", ")
        )),
    }
}

/// Reads one value (or a collection page) of `T` and writes it back, pretty-printed. The
/// one-pass located parse compiles each of the model's thousands of readers once.
struct Canonical<'a> {
    input: &'a [u8],
    page: bool,
}

impl TypeVisitor for Canonical<'_> {
    type Output = Result<String, Error>;

    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Result<String, Error> {
        if self.page {
            odata_core::json::to_string_pretty(&odata_core::json::from_slice_located::<Page<T>>(
                self.input,
            )?)
        } else {
            odata_core::json::to_string_pretty(&odata_core::json::from_slice_located::<T>(
                self.input,
            )?)
        }
    }
}
