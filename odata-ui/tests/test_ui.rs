//! trybuild suites for `#[derive(ODataEntity)]`: every misuse in `tests/ui/` must fail with the
//! message recorded next to it, and every case in `tests/pass/` must compile and run.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

#[test]
fn pass() {
    let t = trybuild::TestCases::new();
    t.pass("tests/pass/*.rs");
}
