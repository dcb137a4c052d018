// Native only: reads the fuzzers' findings from disk.
#![cfg(not(target_arch = "wasm32"))]
//! Every input that broke a user's path (fuzz/regressions/<target>/: the fuzzers' findings and the
//! edge cases written by hand beside them), replayed through the same library functions the fuzz
//! targets call, plus the seeds they start from: none may panic.

use std::path::Path;

use tierlab::fuzz_paths::{scenario_text, user_file};

fn inputs(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files.into_iter().map(|path| (path.display().to_string(), std::fs::read(&path).unwrap())).collect()
}

#[test]
fn user_files_that_broke_the_path_are_answered() {
    let found = inputs("fuzz/regressions/user_file");
    for (name, bytes) in
        found.into_iter().chain(inputs("tests/fixtures").into_iter().filter(|(n, _)| !n.ends_with(".py")))
    {
        let outcome = std::panic::catch_unwind(|| user_file(&bytes));
        assert!(outcome.is_ok(), "{name} panicked");
    }
}

#[test]
fn scenario_texts_that_broke_the_path_are_answered() {
    for (name, bytes) in inputs("fuzz/regressions/scenario_text").into_iter().chain(inputs("fuzz/seeds/scenario_text"))
    {
        let outcome = std::panic::catch_unwind(|| scenario_text(&bytes));
        assert!(outcome.is_ok(), "{name} panicked");
    }
}
