//! One parameter at a time across its plausible range, for every scheme together: each behavioural
//! assumption and the economics (breakage, gross margin, cost per point, shipping cost). For each
//! end of each range: the margin difference of the challenger (the best scheme other than the
//! reference) against the reference, for the tornado chart, and which scheme ranks first, so the
//! result says which parameters change the decision.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::baseline::Baseline;
use super::kpi::Kpi;
use super::result::SimulationResult;
use super::settings::{SimulateError, SimulationSettings};
use super::simulation::Simulation;
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

/// How many simulations one sensitivity analysis runs: the schemes as set, then each parameter
/// (the assumptions, then the economics) at the low and at the high end of its range.
pub fn sensitivity_run_count() -> usize {
    1 + 2 * (ASSUMPTIONS.len() + ECONOMICS.len())
}

/// What one run says for sensitivity, for every scheme as a possible challenger (the challenger is
/// only known once the first run is in): each scheme's margin difference against the reference
/// (zero for the reference), the best scheme, and every scheme's mean incremental margin. Runs
/// are independent, so they can be simulated anywhere (threads, Web Workers) and assembled in run
/// order (`assemble_sensitivity`) into exactly the result of one pass.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunOutcome {
    /// The schemes from first ranked to last (the challenger is the first other than the reference).
    pub ranking: Vec<usize>,
    pub margin_difference: Vec<f64>,
    pub best: usize,
    pub incremental_margin: Vec<f64>,
}

fn run_outcome(result: &SimulationResult) -> RunOutcome {
    let margin_difference = (0..result.schemes.len())
        .map(|scheme| {
            result
                .comparison(scheme)
                .and_then(|c| c.difference.iter().find(|d| d.kpi == Kpi::Margin))
                .map_or(0.0, |d| d.spread.mean)
        })
        .collect();
    let mut incremental_margin = vec![0.0; result.schemes.len()];
    for rank in &result.ranking {
        incremental_margin[rank.scheme] = rank.incremental_margin.mean;
    }
    let ranking = result.ranking.iter().map(|r| r.scheme).collect();
    RunOutcome { ranking, margin_difference, best: result.best().unwrap_or(0), incremental_margin }
}

/// A parameter sensitivity varies: its key, kind, the values shown, and how it changes a scheme.
struct Parameter {
    key: &'static str,
    kind: ParameterKind,
    shown: (f64, f64),
    vary: Box<dyn Fn(&mut Scenario, bool)>,
}

/// Every parameter in run order (the assumptions, then the economics).
fn parameters(schemes: &[Scenario], reference: usize) -> Vec<Parameter> {
    let behaviour = ASSUMPTIONS.iter().map(|assumption| Parameter {
        key: assumption.key,
        kind: ParameterKind::Behaviour,
        shown: (assumption.low, assumption.high),
        vary: Box::new(move |s: &mut Scenario, high_end: bool| {
            assumption.set(&mut s.assumptions, if high_end { assumption.high } else { assumption.low })
        }),
    });
    let economics = ECONOMICS.iter().map(|economic| Parameter {
        key: economic.key,
        kind: ParameterKind::Economics,
        // Relative ranges are shown on the reference scheme's own value.
        shown: schemes
            .get(reference)
            .map_or((f64::NAN, f64::NAN), |s| (economic.value(economic.low, s), economic.value(economic.high, s))),
        vary: Box::new(move |s: &mut Scenario, high_end: bool| {
            let value = economic.value(if high_end { economic.high } else { economic.low }, s);
            economic.set(s, value)
        }),
    });
    behaviour.chain(economics).collect()
}

/// The schemes of run `index`: run 0 as set; run `1 + 2p` parameter `p` at its low end, `2 + 2p`
/// at its high end, on every scheme.
fn run_schemes(schemes: &[Scenario], parameters: &[Parameter], index: usize) -> Vec<Scenario> {
    let mut varied = schemes.to_vec();
    if let Some(parameter) = index.checked_sub(1).and_then(|i| parameters.get(i / 2)) {
        let high_end = index % 2 == 0;
        for s in &mut varied {
            (parameter.vary)(s, high_end);
        }
    }
    varied
}

/// The outcomes of the sensitivity runs in `runs` (a range of `0..sensitivity_run_count()`).
pub fn sensitivity_runs(
    schemes: &[Scenario],
    reference: usize,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    runs: Range<usize>,
    progress: &mut dyn Progress,
) -> Result<Vec<RunOutcome>, SimulateError> {
    let parameters = parameters(schemes, reference);
    let total = runs.len() as u64;
    runs.enumerate()
        .map(|(done, index)| {
            let varied = run_schemes(schemes, &parameters, index);
            let result =
                Simulation::new(&varied, reference, data, baseline, settings, &mut Silent)?.run_all(&mut Silent);
            progress.report(Stage::Simulating, done as u64 + 1, total);
            Ok(run_outcome(&result))
        })
        .collect()
}

/// The sensitivity result from every run's outcome, in run order; `None` unless there is exactly
/// one outcome per run.
pub fn assemble_sensitivity(
    schemes: &[Scenario],
    reference: usize,
    settings: &SimulationSettings,
    outcomes: &[RunOutcome],
) -> Option<SensitivityResult> {
    if outcomes.len() != sensitivity_run_count() || reference >= schemes.len() {
        return None;
    }
    let base = &outcomes[0];
    let challenger = base.ranking.iter().copied().find(|&s| s != reference).unwrap_or(reference);
    let difference = |o: &RunOutcome| o.margin_difference.get(challenger).copied().unwrap_or(0.0);
    let mut rows: Vec<SensitivityRow> = parameters(schemes, reference)
        .iter()
        .zip(outcomes[1..].chunks_exact(2))
        .map(|(parameter, ends)| {
            let (at_low, at_high) = (&ends[0], &ends[1]);
            SensitivityRow {
                assumption: parameter.key.to_string(),
                kind: parameter.kind,
                low: parameter.shown.0,
                high: parameter.shown.1,
                difference_at_low: difference(at_low),
                difference_at_high: difference(at_high),
                best_at_low: at_low.best,
                best_at_high: at_high.best,
                flips: at_low.best != base.best || at_high.best != base.best,
                incremental_margin_at_low: at_low.incremental_margin.clone(),
                incremental_margin_at_high: at_high.incremental_margin.clone(),
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        let swing = |r: &SensitivityRow| (r.difference_at_high - r.difference_at_low).abs();
        swing(y).total_cmp(&swing(x))
    });
    Some(SensitivityResult {
        reference,
        challenger,
        base_difference: difference(base),
        base_best: base.best,
        base_incremental_margin: base.incremental_margin.clone(),
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
