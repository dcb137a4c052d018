#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tierlab::fuzz_paths::scenario_text(bytes));
