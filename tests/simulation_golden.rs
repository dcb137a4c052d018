//! Native half of the cross-platform determinism check: the fixed simulation gives exactly the
//! recorded numbers. tests/web_simulation.rs asserts the same text in headless Chromium, so native
//! and wasm give identical numbers for the same seed.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/simulation_fingerprint.rs"]
mod simulation_fingerprint;

#[path = "common/simulation_golden.rs"]
mod golden;

#[test]
fn native_simulation_matches_the_recorded_numbers() {
    assert_eq!(simulation_fingerprint::fingerprint(), golden::FINGERPRINT);
}

#[test]
fn without_points_pull_and_healing_the_numbers_are_those_before_they_existed() {
    let before = simulation_fingerprint::fingerprint_with(|a| {
        a.points_perceived_value = 0.0;
        a.demotion_months = 36.0;
    });
    assert_eq!(before, golden::WITHOUT_POINTS_PULL);
}
