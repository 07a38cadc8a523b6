//! Generates the Graph v1.0 model from `clean_v10_metadata/cleanMetadata.xml`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let csdl = "clean_v10_metadata/cleanMetadata.xml";
    println!("cargo:rerun-if-changed={csdl}");
    let out_dir = std::env::var("OUT_DIR")?;
    let report = odata_codegen::Config::new()
        .file_name("graph_v1.rs")
        .compile(csdl, out_dir)?;
    // The counts, for `cargo build -vv`; the skips are in the `codegen_report` module's docs.
    println!("odata-codegen: {}", report.summary());
    Ok(())
}
