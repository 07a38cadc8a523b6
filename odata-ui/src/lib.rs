//! The trybuild suites of `#[derive(ODataEntity)]` and `#[derive(ODataEnum)]` (no library
//! code): `tests/ui/` holds one misuse per file with the compile error it must give,
//! `tests/pass/` cases that must compile and run. `cargo test -p odata-ui` runs both.
