#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| odata_suite::fuzzing::build_url(data));
