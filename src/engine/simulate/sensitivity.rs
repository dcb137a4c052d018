//! One parameter at a time across its plausible range, for every scheme together: each behavioural
//! assumption and the economics (breakage, gross margin, cost per point, shipping cost). For each
//! end of each range: the margin difference of the challenger (the best scheme other than the
//! reference) against the reference, for the tornado chart, and which scheme ranks first, so the
//! result says which parameters change the decision.

use serde::{Deserialize, Serialize};

use super::baseline::Baseline;
use super::kpi::Kpi;
use super::{simulate, SimulateError, SimulationResult, SimulationSettings};
use crate::engine::evaluate::PreparedData;
use crate::engine::progress::{Progress, Silent, Stage};
use crate::engine::scenario::{Scenario, ASSUMPTIONS};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityResult {
    pub reference: usize,
    /// The scheme whose margin difference against the reference the tornado shows: the best other
    /// scheme with every parameter as set (B for two schemes).
    pub challenger: usize,
    /// Challenger minus reference margin with every parameter as set.
    pub base_difference: f64,
    /// The scheme ranked first with every parameter as set, and each scheme's mean incremental
    /// margin.
    pub base_best: usize,
    pub base_incremental_margin: Vec<f64>,
    /// Sorted by swing (largest first), for the tornado chart.
    pub rows: Vec<SensitivityRow>,
    /// Some parameter inside its range changes which scheme ranks first.
    pub decision_flips: bool,
    pub replications: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterKind {
    /// How customers respond (the scenario's assumptions).
    Behaviour,
    /// The business's numbers (breakage, margin, costs).
    Economics,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityRow {
    /// The assumption's key (`goal_gradient`) or the economic field (`points.breakage_percent`).
    pub assumption: String,
    pub kind: ParameterKind,
    /// The values at the two ends (for economics varied by a factor, the reference scheme's).
    pub low: f64,
    pub high: f64,
    pub difference_at_low: f64,
    pub difference_at_high: f64,
    pub best_at_low: usize,
    pub best_at_high: usize,
    /// Each scheme's mean incremental margin at the two ends.
    pub incremental_margin_at_low: Vec<f64>,
    pub incremental_margin_at_high: Vec<f64>,
    /// A scheme other than the base best ranks first at one end.
    pub flips: bool,
}

/// An economic setting varied on every scheme at once.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EconomicRange {
    /// The scenario field.
    pub key: &'static str,
    pub low: f64,
    pub high: f64,
    /// `low` and `high` are factors on each scheme's own value, not values.
    pub relative: bool,
    pub source: &'static str,
}

impl EconomicRange {
    pub fn get(&self, s: &Scenario) -> f64 {
        match self.key {
            "points.breakage_percent" => s.points.breakage_percent,
            "economics.gross_margin_percent" => s.economics.gross_margin_percent,
            "points.point_cost" => s.points.point_cost,
            "economics.shipping_cost_per_order" => s.economics.shipping_cost_per_order,
            _ => f64::NAN,
        }
    }

    fn set(&self, s: &mut Scenario, value: f64) {
        match self.key {
            "points.breakage_percent" => s.points.breakage_percent = value.clamp(0.0, 100.0),
            "economics.gross_margin_percent" => s.economics.gross_margin_percent = value.clamp(-100.0, 100.0),
            "points.point_cost" => s.points.point_cost = value.max(0.0),
            "economics.shipping_cost_per_order" => s.economics.shipping_cost_per_order = value.max(0.0),
            _ => {}
        }
    }

    /// The value at one end (`low` or `high`) for a scheme.
    fn value(&self, end: f64, s: &Scenario) -> f64 {
        if self.relative {
            end * self.get(s)
        } else {
            end
        }
    }
}

/// The economics sensitivity varies, with their ranges.
pub const ECONOMICS: [EconomicRange; 4] = [
    EconomicRange {
        key: "points.breakage_percent",
        low: 20.0,
        high: 35.0,
        relative: false,
        source: "Colloquy 2011; industry benchmarks: retail breakage 20-35 %",
    },
    EconomicRange {
        key: "economics.gross_margin_percent",
        low: 0.8,
        high: 1.2,
        relative: true,
        source: "a planning range of +/-20 % around the scheme's own margin (no study)",
    },
    EconomicRange {
        key: "points.point_cost",
        low: 0.5,
        high: 1.5,
        relative: true,
        source: "what a redeemed point costs moves with the rewards offered: +/-50 % (no study)",
    },
    EconomicRange {
        key: "economics.shipping_cost_per_order",
        low: 0.75,
        high: 1.25,
        relative: true,
        source: "carrier rates and order sizes: +/-25 % (no study)",
    },
];

/// Sensitivity re-simulates many times, so it runs a quarter of the replications of the main run,
/// at least 3 (the page and the CLI both use this rule).
pub fn sensitivity_replications(replications: u32) -> u32 {
    (replications / 4).max(3)
}

/// What one run says for sensitivity: the challenger's margin difference, the best scheme, and
/// every scheme's mean incremental margin.
struct Outcome {
    difference: f64,
    best: usize,
    incremental_margin: Vec<f64>,
}

fn outcome(result: &SimulationResult, challenger: usize) -> Outcome {
    let difference = result
        .comparison(challenger)
        .and_then(|c| c.difference.iter().find(|d| d.kpi == Kpi::Margin))
        .map_or(0.0, |d| d.spread.mean);
    let mut incremental_margin = vec![0.0; result.schemes.len()];
    for rank in &result.ranking {
        incremental_margin[rank.scheme] = rank.incremental_margin.mean;
    }
    Outcome { difference, best: result.best().unwrap_or(0), incremental_margin }
}

/// Re-runs the schemes with each parameter at the low and high end of its range, on every scheme
/// (assumptions describe customers and economics the business, not one scheme).
pub fn sensitivity(
    schemes: &[Scenario],
    reference: usize,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    progress: &mut dyn Progress,
) -> Result<SensitivityResult, SimulateError> {
    let runs = 1 + 2 * (ASSUMPTIONS.len() + ECONOMICS.len()) as u64;
    let mut done = 0u64;
    let mut run = |schemes: &[Scenario]| -> Result<SimulationResult, SimulateError> {
        let result = simulate(schemes, reference, data, baseline, settings, &mut Silent)?;
        done += 1;
        progress.report(Stage::Simulating, done, runs);
        Ok(result)
    };
    let base = run(schemes)?;
    let challenger = base.ranking.iter().map(|r| r.scheme).find(|&s| s != reference).unwrap_or(reference);
    let base = outcome(&base, challenger);
    let mut rows = Vec::new();
    let mut row = |key: &str, kind, (low, high): (f64, f64), vary: &dyn Fn(&mut Scenario, bool)| {
        let mut at = |high_end: bool| -> Result<Outcome, SimulateError> {
            let mut varied = schemes.to_vec();
            for s in &mut varied {
                vary(s, high_end);
            }
            Ok(outcome(&run(&varied)?, challenger))
        };
        let (at_low, at_high) = (at(false)?, at(true)?);
        rows.push(SensitivityRow {
            assumption: key.to_string(),
            kind,
            low,
            high,
            difference_at_low: at_low.difference,
            difference_at_high: at_high.difference,
            best_at_low: at_low.best,
            best_at_high: at_high.best,
            flips: at_low.best != base.best || at_high.best != base.best,
            incremental_margin_at_low: at_low.incremental_margin,
            incremental_margin_at_high: at_high.incremental_margin,
        });
        Ok::<(), SimulateError>(())
    };
    for assumption in ASSUMPTIONS {
        let value = |high_end: bool| if high_end { assumption.high } else { assumption.low };
        row(assumption.key, ParameterKind::Behaviour, (assumption.low, assumption.high), &|s, high_end| {
            assumption.set(&mut s.assumptions, value(high_end))
        })?;
    }
    for economic in ECONOMICS {
        let shown =
            (economic.value(economic.low, &schemes[reference]), economic.value(economic.high, &schemes[reference]));
        row(economic.key, ParameterKind::Economics, shown, &|s, high_end| {
            let value = economic.value(if high_end { economic.high } else { economic.low }, s);
            economic.set(s, value)
        })?;
    }
    rows.sort_by(|x, y| {
        let swing = |r: &SensitivityRow| (r.difference_at_high - r.difference_at_low).abs();
        swing(y).total_cmp(&swing(x))
    });
    Ok(SensitivityResult {
        reference,
        challenger,
        base_difference: base.difference,
        base_best: base.best,
        base_incremental_margin: base.incremental_margin,
        decision_flips: rows.iter().any(|r| r.flips),
        rows,
        replications: settings.replications,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn economic_ranges_read_and_write_their_fields() {
        let mut s = Scenario::template();
        for economic in ECONOMICS {
            let value = economic.get(&s);
            assert!(value.is_finite() && value > 0.0, "{}", economic.key);
            economic.set(&mut s, value * 0.5);
            assert_eq!(economic.get(&s), value * 0.5, "{}", economic.key);
        }
        // Relative ranges apply to each scheme's own value; absolute ones are the values.
        assert_eq!(ECONOMICS[1].value(1.2, &Scenario::template()), 36.0);
        assert_eq!(ECONOMICS[0].value(20.0, &Scenario::template()), 20.0);
    }
}
