//! What the marketer lets the optimiser change, and within what: a ranges document (JSON) with one
//! range per searched setting, the constraints every candidate must meet, the objective and the
//! search effort. Every number is checked against a `Limit` and a wrong one names its field.

use serde::{Deserialize, Serialize};

use crate::engine::limits::{Limit, RangeError};
use crate::engine::scenario::limits::{DISCOUNT_PERCENT, POINTS_MULTIPLIER, QUANTILE, TARGET_SHARE_PERCENT};
use crate::engine::scenario::{HeadStart, Scenario, Thresholds};
use crate::engine::simulate::SimulationSettings;

/// An interval `min..=max` one setting may take.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueRange {
    pub min: f64,
    pub max: f64,
}

impl ValueRange {
    pub fn width(&self) -> f64 {
        self.max - self.min
    }

    pub fn clamp(&self, value: f64) -> f64 {
        value.clamp(self.min, self.max)
    }

    /// Both ends inside `limit`, reported at `field.min` / `field.max`, and `min <= max`.
    fn check(&self, limit: &Limit, field: &str) -> Result<(), RangeError> {
        for (end, value) in [("min", self.min), ("max", self.max)] {
            if !limit.contains(value) {
                return Err(limit.error_at(format!("{field}.{end}"), value));
            }
        }
        if self.min > self.max {
            // The upper end cannot be below the lower one: report it against the lower end.
            return Err(Limit::new(limit.field, self.min, limit.max).error_at(format!("{field}.max"), self.max));
        }
        Ok(())
    }
}

/// The ranges document of `tierlab optimise --ranges`. A setting left out is not searched (it
/// keeps the current scheme's value).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchRanges {
    /// One range per tier above the first, in the unit of the scheme's thresholds: score bounds
    /// (absolute), percent of customers in that tier (target shares; the first tier takes the
    /// rest) or score quantiles.
    #[serde(default)]
    pub thresholds: Option<Vec<ValueRange>>,
    /// One range per tier, in percent of the order.
    #[serde(default)]
    pub discount_percent: Option<Vec<ValueRange>>,
    /// One range per tier.
    #[serde(default)]
    pub points_multiplier: Option<Vec<ValueRange>>,
    /// The lowest tier (0-based) with free shipping; the tier count means no tier has it.
    #[serde(default)]
    pub free_shipping_from: Option<ValueRange>,
    /// Welcome points each member gets at launch (the head start's members keep the current
    /// scheme's choice, all members when it has none).
    #[serde(default)]
    pub welcome_points: Option<ValueRange>,
    #[serde(default)]
    pub constraints: Constraints,
    #[serde(default)]
    pub objective: Objective,
    #[serde(default)]
    pub search: SearchEffort,
}

/// What every candidate must meet (a candidate that does not is never chosen).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Largest total benefit cost over the horizon (mean over futures); `None`: no budget.
    #[serde(default)]
    pub max_benefit_cost: Option<f64>,
    /// Largest share (0-1) of the members active at the end who are in the top tier: status
    /// dilutes beyond 10-15 % (docs/model.md).
    #[serde(default = "Constraints::default_top_share")]
    pub max_top_tier_share: f64,
    /// Smallest ratio of a demographic group's top-tier share and benefit value to the
    /// best-served group's (the four-fifths rule).
    #[serde(default = "Constraints::default_fairness")]
    pub min_fairness_ratio: f64,
    /// Smallest margin after benefits over the horizon; `None`: no floor.
    #[serde(default)]
    pub min_margin: Option<f64>,
}

impl Constraints {
    pub const MAX_BENEFIT_COST: Limit = Limit::new("constraints.max_benefit_cost", 0.0, 1e15);
    pub const MAX_TOP_TIER_SHARE: Limit = Limit::new("constraints.max_top_tier_share", 0.0, 1.0);
    pub const MIN_FAIRNESS_RATIO: Limit = Limit::new("constraints.min_fairness_ratio", 0.0, 1.0);
    pub const MIN_MARGIN: Limit = Limit::new("constraints.min_margin", -1e15, 1e15);

    fn default_top_share() -> f64 {
        0.15
    }

    fn default_fairness() -> f64 {
        crate::engine::simulate::groups::FAIRNESS_RATIO
    }

    fn check(&self) -> Result<(), RangeError> {
        if let Some(budget) = self.max_benefit_cost {
            Self::MAX_BENEFIT_COST.check(budget)?;
        }
        Self::MAX_TOP_TIER_SHARE.check(self.max_top_tier_share)?;
        Self::MIN_FAIRNESS_RATIO.check(self.min_fairness_ratio)?;
        if let Some(floor) = self.min_margin {
            Self::MIN_MARGIN.check(floor)?;
        }
        Ok(())
    }
}

impl Default for Constraints {
    fn default() -> Self {
        Constraints {
            max_benefit_cost: None,
            max_top_tier_share: Constraints::default_top_share(),
            min_fairness_ratio: Constraints::default_fairness(),
            min_margin: None,
        }
    }
}

/// What the search maximises: the incremental margin over no program, across simulated futures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Objective {
    /// Its mean.
    #[default]
    Mean,
    /// Its `percentile`-th percentile across futures (5: the scheme whose worst twentieth of
    /// futures is least bad).
    Cautious {
        #[serde(default = "Objective::default_percentile")]
        percentile: u32,
    },
}

impl Objective {
    /// The cautious objective's percentile: 1 (the worst futures) to 50 (the median).
    pub const PERCENTILE: Limit = Limit::whole("objective.percentile", 1.0, 50.0);
    pub const DEFAULT_PERCENTILE: u32 = 5;

    fn default_percentile() -> u32 {
        Self::DEFAULT_PERCENTILE
    }

    fn check(&self) -> Result<(), RangeError> {
        match self {
            Objective::Mean => Ok(()),
            Objective::Cautious { percentile } => Self::PERCENTILE.check_count(u64::from(*percentile)).map(|_| ()),
        }
    }
}

/// How hard the search works.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchEffort {
    /// Futures every candidate is first simulated on; survivors get twice as many per round.
    pub replications: u32,
    /// Passes over all parameters; the step halves after each.
    pub sweeps: u32,
    /// Futures of the final check, on seeds the search never saw.
    pub confirm_replications: u32,
    pub months: u32,
    pub seed: u64,
}

impl Default for SearchEffort {
    fn default() -> Self {
        SearchEffort { replications: 4, sweeps: 3, confirm_replications: 20, months: 12, seed: 42 }
    }
}

impl SearchEffort {
    pub const REPLICATIONS: Limit = Limit::whole("search.replications", 1.0, 50.0);
    pub const SWEEPS: Limit = Limit::whole("search.sweeps", 1.0, 10.0);
    pub const CONFIRM_REPLICATIONS: Limit =
        Limit::whole("search.confirm_replications", 2.0, SimulationSettings::REPLICATIONS.max);
    pub const MONTHS: Limit = Limit::whole("search.months", 1.0, SimulationSettings::MONTHS.max);
    pub const SEED: Limit = Limit::whole("search.seed", 0.0, SimulationSettings::SEED.max);

    fn check(&self) -> Result<(), RangeError> {
        Self::REPLICATIONS.check_count(u64::from(self.replications))?;
        Self::SWEEPS.check_count(u64::from(self.sweeps))?;
        Self::CONFIRM_REPLICATIONS.check_count(u64::from(self.confirm_replications))?;
        Self::MONTHS.check_count(u64::from(self.months))?;
        Self::SEED.check_count(self.seed)?;
        Ok(())
    }
}

/// Lowest tier with free shipping, 0-based; the tier count means none (its maximum is set per
/// scheme when checked).
pub const FREE_SHIPPING_FROM: Limit = Limit::whole("free_shipping_from", 0.0, 8.0);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RangesError {
    #[error("the ranges are not valid JSON or have wrong fields: {message}")]
    Shape { message: String },
    /// A list with one range per tier (or per tier above the first) of the wrong length.
    #[error("{field} needs {expected} ranges (one per tier{}), found {found}", if *.above_first { " above the first" } else { "" })]
    Count { field: String, expected: usize, found: usize, above_first: bool },
    #[error(transparent)]
    Range(#[from] RangeError),
}

/// How far the default ranges reach either side of the current tier bounds and top-tier shares,
/// as a share of the current value.
const DEFAULT_THRESHOLD_REACH: f64 = 0.5;
/// Default welcome points at most: twice the current ones, and at least this.
const DEFAULT_MAX_WELCOME_POINTS: f64 = 200.0;

/// A range end as a person would type it: 0.2, not 0.19999999999999996 (1.2 - 1).
fn tidy(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

impl SearchRanges {
    /// Every setting open around `scheme`: each tier bound (or share above the first tier) within
    /// half its value either side, each discount from 0 to twice the current (at least 5 points
    /// more), each points multiplier one either side, free shipping from any tier (or none), and
    /// welcome points up to twice the current (at least 200). The page's starting form and a
    /// starting point for a ranges document; the default constraints, objective and effort.
    pub fn around(scheme: &Scenario) -> SearchRanges {
        let reach = DEFAULT_THRESHOLD_REACH;
        let spread = |v: f64, max: f64| ValueRange {
            min: tidy((v * (1.0 - reach)).max(0.0)),
            max: tidy((v * (1.0 + reach)).min(max)),
        };
        let thresholds = match &scheme.tiers.thresholds {
            Thresholds::Absolute { lower_bounds } => lower_bounds.iter().map(|&b| spread(b, f64::MAX)).collect(),
            Thresholds::TargetShares { percent } => percent[1..].iter().map(|&p| spread(p, 100.0)).collect(),
            // The share above each quantile moves by half either side.
            Thresholds::Quantiles { quantiles } => quantiles
                .iter()
                .map(|&q| {
                    let above = spread(1.0 - q, 1.0);
                    ValueRange { min: tidy(1.0 - above.max), max: tidy(1.0 - above.min) }
                })
                .collect(),
        };
        let discounts = scheme
            .benefits
            .iter()
            .map(|b| {
                let d = b.discount_percent;
                ValueRange { min: 0.0, max: (2.0 * d).max(d + 5.0).min(DISCOUNT_PERCENT.max) }
            })
            .collect();
        let multipliers = scheme
            .benefits
            .iter()
            .map(|b| {
                let m = b.points_multiplier;
                ValueRange { min: tidy((m - 1.0).max(0.0)), max: tidy((m + 1.0).min(POINTS_MULTIPLIER.max)) }
            })
            .collect();
        let welcome = scheme.head_start.as_ref().map_or(0.0, |h| h.welcome_points);
        SearchRanges {
            thresholds: Some(thresholds),
            discount_percent: Some(discounts),
            points_multiplier: Some(multipliers),
            free_shipping_from: Some(ValueRange { min: 0.0, max: scheme.tier_count() as f64 }),
            welcome_points: Some(ValueRange {
                min: 0.0,
                max: (2.0 * welcome).max(DEFAULT_MAX_WELCOME_POINTS).min(HeadStart::WELCOME_POINTS.max),
            }),
            ..SearchRanges::default()
        }
    }

    pub fn from_json(text: &str) -> Result<SearchRanges, RangesError> {
        serde_json::from_str(text).map_err(|e| RangesError::Shape { message: e.to_string() })
    }

    /// Every range against the limits of the setting it searches, for the tiers of `scheme`.
    pub fn check(&self, scheme: &Scenario) -> Result<(), RangesError> {
        let tiers = scheme.tier_count();
        if let Some(ranges) = &self.thresholds {
            let limit = match scheme.tiers.thresholds {
                Thresholds::Absolute { .. } => Limit::new("thresholds", 0.0, 1e15),
                Thresholds::TargetShares { .. } => Limit { field: "thresholds", ..TARGET_SHARE_PERCENT },
                Thresholds::Quantiles { .. } => Limit { field: "thresholds", ..QUANTILE },
            };
            check_list(ranges, &limit, "thresholds", tiers - 1, true)?;
        }
        if let Some(ranges) = &self.discount_percent {
            check_list(ranges, &DISCOUNT_PERCENT, "discount_percent", tiers, false)?;
        }
        if let Some(ranges) = &self.points_multiplier {
            check_list(ranges, &POINTS_MULTIPLIER, "points_multiplier", tiers, false)?;
        }
        if let Some(range) = &self.free_shipping_from {
            let limit = Limit { max: tiers as f64, ..FREE_SHIPPING_FROM };
            range.check(&limit, "free_shipping_from")?;
        }
        if let Some(range) = &self.welcome_points {
            range.check(&HeadStart::WELCOME_POINTS, "welcome_points")?;
        }
        self.constraints.check()?;
        self.objective.check()?;
        self.search.check()?;
        Ok(())
    }
}

fn check_list(
    ranges: &[ValueRange],
    limit: &Limit,
    field: &str,
    expected: usize,
    above_first: bool,
) -> Result<(), RangesError> {
    if ranges.len() != expected {
        return Err(RangesError::Count { field: field.into(), expected, found: ranges.len(), above_first });
    }
    for (i, range) in ranges.iter().enumerate() {
        range.check(limit, &format!("{field}[{i}]"))?;
    }
    Ok(())
}
