//! Reads an OData JSON document of a named type on stdin and writes it back in canonical form
//! on stdout; on bad input prints the error (with the JSON path of the offending member) to
//! stderr and exits 1.
//!
//! ```text
//! cargo run -q --example canonical -- trustFrameworkKeySet < tests/fixtures/seed_create_response.json
//! ```

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [type_name] = args.as_slice() else {
        eprintln!(
            "usage: canonical <type> < document.json\n  <type>: one of {}",
            odata_suite::TYPE_NAMES.join(", ")
        );
        return ExitCode::from(2);
    };
    let mut input = Vec::new();
    if let Err(err) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("error: reading stdin: {err}");
        return ExitCode::FAILURE;
    }
    match odata_suite::canonicalize(type_name, &input) {
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
