#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| odata_suite::fuzzing::parse_error_body(data));
