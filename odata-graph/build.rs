//! Generates the Graph v1.0 model from `clean_v10_metadata/cleanMetadata.xml`, and the small
//! model of odata-codegen's test fixture for `tests/test_generated_small_model.rs`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let csdl = "clean_v10_metadata/cleanMetadata.xml";
    let fixture = "../odata-codegen/tests/fixtures/contoso.xml";
    println!("cargo:rerun-if-changed={csdl}");
    println!("cargo:rerun-if-changed={fixture}");
    let out_dir = std::env::var("OUT_DIR")?;
    let report = odata_codegen::Config::new()
        .file_name("graph_v1.rs")
        .compile(csdl, &out_dir)?;
    // The counts, for `cargo build -vv`; the skips are in the `codegen_report` module's docs.
    println!("odata-codegen: {}", report.summary());
    odata_codegen::Config::new()
        .file_name("contoso.rs")
        .compile(fixture, &out_dir)?;
    Ok(())
}
