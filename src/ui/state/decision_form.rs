//! The decision-support forms as typed: the optimiser's ranges, constraints, objective and effort
//! around one scheme, and the segments the next-best benefit is worked out for. Each reads into
//! the engine's request values with the engine's own checks, so a wrong entry is named by the
//! engine's field path.

use crate::engine::limits::{Limit, RangeError};
use crate::engine::optimise::segments::SegmentChoice;
use crate::engine::optimise::{Constraints, Objective, RangesError, SearchEffort, SearchRanges};
use crate::engine::scenario::Scenario;
use crate::engine::simulate::SimulationSettings;
use crate::ui::format::parse_number;

/// The optimiser's inputs. Per-tier ranges live in `ranges` (sized to the scheme searched around;
/// a list left out is not searched); the numbers the engine keeps as whole counts or optional
/// amounts are held as typed here and read by `request`.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimiseForm {
    /// Position of the scheme searched around in the scheme list.
    pub base: usize,
    pub ranges: SearchRanges,
    /// Empty: no budget.
    pub budget: String,
    /// Empty: no floor.
    pub min_margin: String,
    /// Maximise a percentile of the incremental margin instead of its mean.
    pub cautious: bool,
    pub percentile: f64,
    pub futures: f64,
    pub sweeps: f64,
    pub confirm_futures: f64,
    pub months: f64,
    /// The search's seed: the same seed gives the same search and the same answer.
    pub seed: f64,
}

impl OptimiseForm {
    /// The engine's default ranges around `scheme` (at position `base`) and its default
    /// constraints, objective and effort.
    pub fn around(base: usize, scheme: &Scenario) -> OptimiseForm {
        let ranges = SearchRanges::around(scheme);
        let effort = SearchEffort::default();
        OptimiseForm {
            base,
            ranges,
            budget: String::new(),
            min_margin: String::new(),
            cautious: false,
            percentile: f64::from(Objective::DEFAULT_PERCENTILE),
            futures: f64::from(effort.replications),
            sweeps: f64::from(effort.sweeps),
            confirm_futures: f64::from(effort.confirm_replications),
            months: f64::from(effort.months),
            seed: effort.seed as f64,
        }
    }

    /// The ranges document the worker searches with, or the first problem, named by the engine's
    /// field path.
    pub fn request(&self, base: &Scenario) -> Result<SearchRanges, RangesError> {
        let whole = |limit: &Limit, value: f64| limit.check(value).map(|v| v as u32);
        let mut ranges = self.ranges.clone();
        ranges.constraints = Constraints {
            max_benefit_cost: optional(&self.budget, &Constraints::MAX_BENEFIT_COST)?,
            min_margin: optional(&self.min_margin, &Constraints::MIN_MARGIN)?,
            ..self.ranges.constraints.clone()
        };
        ranges.objective = if self.cautious {
            Objective::Cautious { percentile: whole(&Objective::PERCENTILE, self.percentile)? }
        } else {
            Objective::Mean
        };
        ranges.search = SearchEffort {
            replications: whole(&SearchEffort::REPLICATIONS, self.futures)?,
            sweeps: whole(&SearchEffort::SWEEPS, self.sweeps)?,
            confirm_replications: whole(&SearchEffort::CONFIRM_REPLICATIONS, self.confirm_futures)?,
            months: whole(&SearchEffort::MONTHS, self.months)?,
            seed: SearchEffort::SEED.check(self.seed)? as u64,
        };
        ranges.check(base)?;
        Ok(ranges)
    }

    /// Candidate simulations at most, before repeats are skipped: every searched setting tries its
    /// value and one step either side on each pass (the first pass every tier for free shipping).
    pub fn settings_searched(&self) -> usize {
        crate::engine::optimise::Space::of(&self.ranges).len()
    }
}

/// An optional amount as typed: empty = none.
fn optional(text: &str, limit: &Limit) -> Result<Option<f64>, RangeError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value = parse_number(text).unwrap_or(f64::NAN);
    limit.check(value).map(Some)
}

/// Where segments come from, as the form offers it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SegmentsKind {
    #[default]
    Rfm,
    Kmeans,
    Column,
}

/// The next-best-benefit form.
#[derive(Clone, Debug, PartialEq)]
pub struct AdviceForm {
    pub kind: SegmentsKind,
    /// The text column, when `kind` is `Column`.
    pub column: String,
    pub months: f64,
    pub futures: f64,
    /// The member list download adds the `next_best_benefit` column.
    pub member_column: bool,
}

impl Default for AdviceForm {
    fn default() -> Self {
        let engine = SimulationSettings::default();
        AdviceForm {
            kind: SegmentsKind::Rfm,
            column: String::new(),
            months: f64::from(engine.months),
            futures: f64::from(engine.replications),
            member_column: false,
        }
    }
}

/// The seed k-means segments are found with (the model lab's default).
const KMEANS_SEED: u64 = 42;

impl AdviceForm {
    /// The segments asked for; `None` while a column is to be chosen.
    pub fn segments(&self) -> Option<SegmentChoice> {
        match self.kind {
            SegmentsKind::Rfm => Some(SegmentChoice::Rfm),
            SegmentsKind::Kmeans => Some(SegmentChoice::Kmeans { seed: KMEANS_SEED }),
            SegmentsKind::Column => {
                let name = self.column.trim();
                (!name.is_empty()).then(|| SegmentChoice::Column { name: name.to_string() })
            }
        }
    }

    /// The simulation settings of the recommendation, or the first setting out of its range.
    pub fn settings(&self) -> Result<SimulationSettings, RangeError> {
        let months = SimulationSettings::MONTHS.check(self.months)? as u32;
        let replications = SimulationSettings::REPLICATIONS.check(self.futures)? as u32;
        Ok(SimulationSettings { months, replications, ..SimulationSettings::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::optimise::ValueRange;

    #[test]
    fn the_form_starts_from_the_engines_defaults_and_reads_back_into_them() {
        let scheme = Scenario::template();
        let form = OptimiseForm::around(1, &scheme);
        let expected = SearchRanges::around(&scheme);
        assert_eq!(form.request(&scheme), Ok(expected.clone()));
        assert_eq!(expected.search, SearchEffort::default());
        assert_eq!(expected.objective, Objective::Mean);
        assert_eq!(form.settings_searched(), 13);
        // Typed amounts, the percentile and the effort go where the engine reads them.
        let mut typed = form.clone();
        typed.budget = "50,000".into();
        typed.min_margin = " ".into();
        typed.cautious = true;
        typed.percentile = 10.0;
        typed.futures = 2.0;
        typed.months = 6.0;
        typed.seed = 7.0;
        let ranges = typed.request(&scheme).unwrap();
        assert_eq!((ranges.constraints.max_benefit_cost, ranges.constraints.min_margin), (Some(50_000.0), None));
        assert_eq!(ranges.objective, Objective::Cautious { percentile: 10 });
        assert_eq!((ranges.search.replications, ranges.search.months, ranges.search.sweeps), (2, 6, 3));
        assert_eq!(ranges.search.seed, 7);
    }

    #[test]
    fn a_wrong_entry_is_named_by_the_engines_field() {
        let scheme = Scenario::template();
        let form = OptimiseForm::around(0, &scheme);
        let field = |form: &OptimiseForm| match form.request(&scheme) {
            Err(RangesError::Range(e)) => e.field,
            other => panic!("{other:?}"),
        };
        let percentile = OptimiseForm { cautious: true, percentile: 51.0, ..form.clone() };
        assert_eq!(field(&percentile), "objective.percentile");
        // Without the cautious objective the percentile is not read.
        assert!(OptimiseForm { cautious: false, ..percentile }.request(&scheme).is_ok());
        assert_eq!(field(&OptimiseForm { percentile: 2.5, cautious: true, ..form.clone() }), "objective.percentile");
        assert_eq!(field(&OptimiseForm { budget: "lots".into(), ..form.clone() }), "constraints.max_benefit_cost");
        assert_eq!(field(&OptimiseForm { futures: 0.0, ..form.clone() }), "search.replications");
        assert_eq!(field(&OptimiseForm { seed: -1.0, ..form.clone() }), "search.seed");
        assert_eq!(field(&OptimiseForm { seed: 1.5, ..form.clone() }), "search.seed");
        let mut discount = form.clone();
        discount.ranges.discount_percent.as_mut().unwrap()[2] = ValueRange { min: 0.0, max: 120.0 };
        assert_eq!(field(&discount), "discount_percent[2].max");
        // Ranges made for another tier count are named as such.
        let mut three = Scenario::template();
        three.tiers.names.pop();
        three.benefits.pop();
        let crate::engine::scenario::Thresholds::TargetShares { percent } = &mut three.tiers.thresholds else {
            panic!()
        };
        percent.pop();
        percent[0] += 5.0;
        assert!(matches!(form.request(&three), Err(RangesError::Count { expected: 2, found: 3, .. })));
    }

    #[test]
    fn segments_and_settings_of_the_recommendation() {
        let form = AdviceForm::default();
        assert_eq!(form.segments(), Some(SegmentChoice::Rfm));
        assert_eq!(form.settings(), Ok(SimulationSettings::default()));
        let column = AdviceForm { kind: SegmentsKind::Column, column: "  ".into(), ..form.clone() };
        assert_eq!(column.segments(), None, "a column is to be chosen");
        let column = AdviceForm { column: " region ".into(), ..column };
        assert_eq!(column.segments(), Some(SegmentChoice::Column { name: "region".into() }));
        let wrong = AdviceForm { futures: 0.0, ..form };
        assert_eq!(wrong.settings().unwrap_err().field, SimulationSettings::REPLICATIONS.field);
    }
}
