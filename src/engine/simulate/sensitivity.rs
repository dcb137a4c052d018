//! One assumption at a time across its plausible range: how much the B - A margin difference moves
//! (a tornado chart), and whether any assumption flips the decision.

use serde::{Deserialize, Serialize};

use super::baseline::Baseline;
use super::kpi::Kpi;
use super::{simulate, SimulateError, SimulationSettings};
use crate::engine::evaluate::PreparedData;
use crate::engine::progress::{Progress, Stage};
use crate::engine::scenario::{Scenario, ASSUMPTIONS};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityResult {
    /// B - A margin with every assumption at its scenario value.
    pub base_difference: f64,
    /// Sorted by swing (largest first), for the tornado chart.
    pub rows: Vec<SensitivityRow>,
    /// Some assumption inside its range changes which scheme has the higher margin.
    pub decision_flips: bool,
    pub replications: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityRow {
    pub assumption: String,
    pub low: f64,
    pub high: f64,
    pub difference_at_low: f64,
    pub difference_at_high: f64,
    pub flips: bool,
}

/// Sensitivity re-simulates many times, so it runs a quarter of the replications of the main run,
/// at least 3 (the page and the CLI both use this rule).
pub fn sensitivity_replications(replications: u32) -> u32 {
    (replications / 4).max(3)
}

/// Re-runs A and B with each assumption at the low and high end of its range (for both schemes:
/// assumptions describe customers, not schemes).
pub fn sensitivity(
    a: &Scenario,
    b: &Scenario,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    progress: &mut dyn Progress,
) -> Result<SensitivityResult, SimulateError> {
    let runs = 1 + 2 * ASSUMPTIONS.len() as u64;
    let mut done = 0u64;
    let mut margin_difference = |a: &Scenario, b: &Scenario| -> Result<f64, SimulateError> {
        let result = simulate(a, b, data, baseline, settings, &mut super::super::progress::Silent)?;
        done += 1;
        progress.report(Stage::Simulating, done, runs);
        Ok(result.difference.iter().find(|d| d.kpi == Kpi::Margin).map_or(0.0, |d| d.spread.mean))
    };
    let base_difference = margin_difference(a, b)?;
    let mut rows = Vec::new();
    for assumption in ASSUMPTIONS {
        let mut at = |value: f64| {
            let (mut a2, mut b2) = (a.clone(), b.clone());
            assumption.set(&mut a2.assumptions, value);
            assumption.set(&mut b2.assumptions, value);
            margin_difference(&a2, &b2)
        };
        let difference_at_low = at(assumption.low)?;
        let difference_at_high = at(assumption.high)?;
        let flips =
            [difference_at_low, difference_at_high].iter().any(|d| d.signum() != base_difference.signum() && *d != 0.0);
        rows.push(SensitivityRow {
            assumption: assumption.key.to_string(),
            low: assumption.low,
            high: assumption.high,
            difference_at_low,
            difference_at_high,
            flips,
        });
    }
    rows.sort_by(|x, y| {
        let swing = |r: &SensitivityRow| (r.difference_at_high - r.difference_at_low).abs();
        swing(y).total_cmp(&swing(x))
    });
    Ok(SensitivityResult {
        base_difference,
        decision_flips: rows.iter().any(|r| r.flips),
        rows,
        replications: settings.replications,
    })
}
