//! `odata-codegen`: generates Rust types from a CSDL document on the command line.
//!
//! ```text
//! odata-codegen <metadata.xml|metadata.json> <out.rs> [--namespace NS]... [--type NS.T]...
//!               [--runtime-crate PATH] [--module NS=PATH]... [--flat] [--plain-serde]
//! ```
//!
//! `--plain-serde` emits the same types with plain serde derives, for build-cost comparisons
//! (`Config::emit_plain_serde`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: odata-codegen <metadata.xml|metadata.json> <out.rs> [--namespace NS]... [--type NS.T]... [--runtime-crate PATH] [--module NS=PATH]... [--flat] [--plain-serde]";

fn run(args: &[String]) -> Result<String, Box<dyn std::error::Error>> {
    let mut config = odata_codegen::Config::new();
    let mut positional = Vec::new();
    let (mut namespaces, mut types) = (Vec::new(), Vec::new());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--namespace" => namespaces.push(value()?.clone()),
            "--type" => types.push(value()?.clone()),
            "--runtime-crate" => config = config.runtime_crate(value()?.clone()),
            "--module" => {
                let v = value()?;
                let (ns, path) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--module takes NS=PATH, not `{v}`"))?;
                config = config.module(ns, path);
            }
            "--flat" => config = config.module_layout(odata_codegen::ModuleLayout::Flat),
            "--plain-serde" => config = config.emit_plain_serde(true),
            "-h" | "--help" => return Ok(USAGE.to_owned()),
            a if a.starts_with('-') => return Err(format!("unknown option `{a}`\n{USAGE}").into()),
            _ => positional.push(arg.clone()),
        }
    }
    let [input, output] = positional.as_slice() else {
        return Err(USAGE.into());
    };
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let generated = config.namespaces(namespaces).types(types).generate(&text)?;
    std::fs::write(output, &generated.code).map_err(|e| format!("{output}: {e}"))?;
    Ok(generated.report.summary())
}
