//! Browser half of the cross-platform determinism check (see tests/simulation_golden.rs): the same
//! fixed simulation in headless Chromium gives exactly the numbers recorded natively.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "common/simulation_fingerprint.rs"]
mod simulation_fingerprint;

#[path = "common/simulation_golden.rs"]
mod golden;

#[wasm_bindgen_test]
fn wasm_simulation_matches_the_native_numbers() {
    assert_eq!(simulation_fingerprint::fingerprint(), golden::FINGERPRINT);
}
