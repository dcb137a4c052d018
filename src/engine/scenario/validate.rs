//! Checks every setting of a scenario and ties each problem to the field it concerns, so the page
//! can show it next to the input and the CLI can name it.

use serde::{Deserialize, Serialize};

use super::*;

/// The allowed range of numeric scenario settings, declared once: validation reports a value
/// outside it with these numbers, and the page labels its inputs from them.
pub mod limits {
    use crate::engine::limits::Limit;

    /// How many tiers a scheme has.
    pub const TIER_COUNT: Limit = Limit::whole("tiers.names", 2.0, 8.0);
}

use limits::TIER_COUNT;

/// One problem with one field of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Path of the field, e.g. `tiers.thresholds.lower_bounds[2]`.
    pub field: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    Empty,
    Duplicate,
    NotANumber,
    Negative,
    AllWeightsZero,
    NotIncreasing,
    TierCount {
        min: usize,
        max: usize,
    },
    Count {
        expected: usize,
        found: usize,
    },
    OutOfRange {
        min: f64,
        max: f64,
    },
    SharesDoNotSum {
        sum: f64,
    },
    /// A retain bound above the entry bound of the same tier.
    RetainAboveEntry,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match &self.kind {
            ProblemKind::Empty => "must not be empty".to_string(),
            ProblemKind::Duplicate => "repeats an earlier entry".to_string(),
            ProblemKind::NotANumber => "is not a number".to_string(),
            ProblemKind::Negative => "must not be negative".to_string(),
            ProblemKind::AllWeightsZero => "needs at least one weight that is not zero".to_string(),
            ProblemKind::NotIncreasing => "must be higher than the value before it".to_string(),
            ProblemKind::TierCount { min, max } => format!("needs between {min} and {max} tiers"),
            ProblemKind::Count { expected, found } => format!("needs {expected} values, found {found}"),
            ProblemKind::OutOfRange { min, max } => format!("must be between {min} and {max}"),
            ProblemKind::SharesDoNotSum { sum } => format!("shares add up to {sum:.2} %, not 100 %"),
            ProblemKind::RetainAboveEntry => "must not be above the bound to enter the tier".to_string(),
        };
        write!(f, "{} {}", self.field, what)
    }
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn check(&mut self, ok: bool, field: impl Into<String>, kind: ProblemKind) {
        if !ok {
            self.problems.push(Problem { field: field.into(), kind });
        }
    }

    fn range(&mut self, value: f64, min: f64, max: f64, field: impl Into<String>) {
        self.check(value.is_finite() && value >= min && value <= max, field, ProblemKind::OutOfRange { min, max });
    }

    fn finite(&mut self, value: f64, field: impl Into<String>) {
        self.check(value.is_finite(), field, ProblemKind::NotANumber);
    }

    fn count(&mut self, found: usize, expected: usize, field: impl Into<String>) -> bool {
        self.check(found == expected, field, ProblemKind::Count { expected, found });
        found == expected
    }

    fn increasing(&mut self, values: &[f64], field: &str) {
        for (i, value) in values.iter().enumerate() {
            self.finite(*value, format!("{field}[{i}]"));
            if i > 0 && value.is_finite() {
                self.check(*value > values[i - 1], format!("{field}[{i}]"), ProblemKind::NotIncreasing);
            }
        }
    }

    fn weights(&mut self, weights: &[FeatureWeight], field: &str) {
        self.check(!weights.is_empty(), field.to_string(), ProblemKind::Empty);
        for (i, w) in weights.iter().enumerate() {
            self.finite(w.weight, format!("{field}[{i}].weight"));
            let repeated = weights[..i].iter().any(|other| other.feature == w.feature);
            self.check(!repeated, format!("{field}[{i}].feature"), ProblemKind::Duplicate);
        }
        self.check(
            weights.is_empty() || weights.iter().any(|w| w.weight != 0.0),
            field.to_string(),
            ProblemKind::AllWeightsZero,
        );
    }
}

impl Scenario {
    /// Every problem with the settings, each tied to the field it concerns.
    pub fn validate(&self) -> Vec<Problem> {
        let mut c = Checker { problems: Vec::new() };
        let tiers = self.tier_count();
        let bounds = tiers.saturating_sub(1);
        c.check(!self.name.trim().is_empty(), "name", ProblemKind::Empty);
        c.check(
            TIER_COUNT.contains(tiers as f64),
            TIER_COUNT.field,
            ProblemKind::TierCount { min: TIER_COUNT.min as usize, max: TIER_COUNT.max as usize },
        );
        for (i, name) in self.tiers.names.iter().enumerate() {
            c.check(!name.trim().is_empty(), format!("tiers.names[{i}]"), ProblemKind::Empty);
            let duplicate = self.tiers.names[..i].iter().any(|n| n.trim() == name.trim());
            c.check(!duplicate, format!("tiers.names[{i}]"), ProblemKind::Duplicate);
        }
        validate_scoring(&mut c, &self.scoring);
        match &self.tiers.thresholds {
            Thresholds::Absolute { lower_bounds } => {
                if c.count(lower_bounds.len(), bounds, "tiers.thresholds.lower_bounds") {
                    c.increasing(lower_bounds, "tiers.thresholds.lower_bounds");
                }
            }
            Thresholds::TargetShares { percent } => {
                c.count(percent.len(), tiers, "tiers.thresholds.percent");
                for (i, share) in percent.iter().enumerate() {
                    c.range(*share, 0.0, 100.0, format!("tiers.thresholds.percent[{i}]"));
                }
                let sum: f64 = percent.iter().sum();
                c.check((sum - 100.0).abs() < 0.01, "tiers.thresholds.percent", ProblemKind::SharesDoNotSum { sum });
            }
            Thresholds::Quantiles { quantiles } => {
                if c.count(quantiles.len(), bounds, "tiers.thresholds.quantiles") {
                    c.increasing(quantiles, "tiers.thresholds.quantiles");
                    for (i, q) in quantiles.iter().enumerate() {
                        c.range(*q, 0.0, 1.0, format!("tiers.thresholds.quantiles[{i}]"));
                    }
                }
            }
        }
        match &self.tiers.retain {
            None => {}
            Some(RetainRule::Absolute { lower_bounds }) => {
                if c.count(lower_bounds.len(), bounds, "tiers.retain.lower_bounds") {
                    c.increasing(lower_bounds, "tiers.retain.lower_bounds");
                    if let Thresholds::Absolute { lower_bounds: entry } = &self.tiers.thresholds {
                        for (i, (retain, enter)) in lower_bounds.iter().zip(entry).enumerate() {
                            c.check(
                                retain <= enter,
                                format!("tiers.retain.lower_bounds[{i}]"),
                                ProblemKind::RetainAboveEntry,
                            );
                        }
                    }
                }
            }
            Some(RetainRule::FractionOfEntry { fraction }) => c.range(*fraction, 0.0, 1.0, "tiers.retain.fraction"),
        }
        match self.tiers.window {
            QualifyingWindow::RollingMonths { months } => {
                c.range(f64::from(months), 1.0, 120.0, "tiers.window.months");
            }
            QualifyingWindow::Lifetime | QualifyingWindow::CalendarYear | QualifyingWindow::Anniversary => {}
        }
        if let UpgradeRule::ConsecutiveMonths { months } = self.tiers.upgrade {
            c.range(f64::from(months), 1.0, 36.0, "tiers.upgrade.months");
        }
        c.range(f64::from(self.tiers.downgrade.grace_evaluations), 0.0, 36.0, "tiers.downgrade.grace_evaluations");
        if let Some(segments) = &self.tiers.segment_thresholds {
            validate_segment_source(&mut c, &segments.source, "tiers.segment_thresholds.source");
            for (i, o) in segments.overrides.iter().enumerate() {
                let field = format!("tiers.segment_thresholds.overrides[{i}]");
                c.check(!o.segment.trim().is_empty(), format!("{field}.segment"), ProblemKind::Empty);
                let repeated = segments.overrides[..i].iter().any(|other| other.segment == o.segment);
                c.check(!repeated, format!("{field}.segment"), ProblemKind::Duplicate);
                if c.count(o.lower_bounds.len(), bounds, format!("{field}.lower_bounds")) {
                    c.increasing(&o.lower_bounds, &format!("{field}.lower_bounds"));
                }
            }
        }
        validate_points(&mut c, &self.points, tiers);
        c.count(self.benefits.len(), tiers, "benefits");
        for (i, b) in self.benefits.iter().enumerate() {
            c.range(b.discount_percent, 0.0, 100.0, format!("benefits[{i}].discount_percent"));
            c.range(b.points_multiplier, 0.0, 100.0, format!("benefits[{i}].points_multiplier"));
            c.range(b.gift_cost_per_year, 0.0, 1e9, format!("benefits[{i}].gift_cost_per_year"));
        }
        c.range(self.economics.shipping_cost_per_order, 0.0, 1e6, "economics.shipping_cost_per_order");
        c.range(self.economics.gross_margin_percent, -100.0, 100.0, "economics.gross_margin_percent");
        // Assumptions may go beyond the literature's range (that is what sensitivity is for), but
        // not beyond what makes sense.
        let a = &self.assumptions;
        c.range(a.goal_gradient, 0.0, 0.9, "assumptions.goal_gradient");
        c.range(a.discount_elasticity, 0.0, 10.0, "assumptions.discount_elasticity");
        c.range(a.discount_frequency_share, 0.0, 1.0, "assumptions.discount_frequency_share");
        c.range(a.demotion_effect, -0.9, 0.0, "assumptions.demotion_effect");
        c.range(a.heavy_buyer_response, 0.0, 1.0, "assumptions.heavy_buyer_response");
        c.range(a.response_fade_months, 0.0, 120.0, "assumptions.response_fade_months");
        c.range(a.post_upgrade_dip, -0.9, 0.9, "assumptions.post_upgrade_dip");
        c.range(a.churn_reduction, 0.0, 1.0, "assumptions.churn_reduction");
        c.problems
    }
}

fn validate_scoring(c: &mut Checker, scoring: &Scoring) {
    match scoring {
        Scoring::GrowthValue { amount, orders, interactions } => {
            for (field, w) in [("amount", amount), ("orders", orders), ("interactions", interactions)] {
                c.finite(*w, format!("scoring.{field}"));
                c.check(*w >= 0.0, format!("scoring.{field}"), ProblemKind::Negative);
            }
            c.check(*amount + *orders + *interactions > 0.0, "scoring", ProblemKind::AllWeightsZero);
        }
        Scoring::WeightedScore { weights, cap_percentile } => {
            c.weights(weights, "scoring.weights");
            c.range(*cap_percentile, 50.0, 100.0, "scoring.cap_percentile");
        }
        Scoring::LinearPoints { intercept, terms } => {
            c.finite(*intercept, "scoring.intercept");
            c.weights(terms, "scoring.terms");
        }
        Scoring::FunnelConversion { prior, .. } => match prior {
            ConversionPrior::Population { strength } => c.range(*strength, 0.0, 1e6, "scoring.prior.strength"),
            ConversionPrior::Fixed { a, b } => {
                c.range(*a, 0.0, 1e6, "scoring.prior.a");
                c.range(*b, 0.0, 1e6, "scoring.prior.b");
            }
        },
        Scoring::Rating { positive_weight, negative_weight } => {
            c.range(*positive_weight, 0.0, 5.0, "scoring.positive_weight");
            c.range(*negative_weight, 0.0, 5.0, "scoring.negative_weight");
        }
        Scoring::Rfm | Scoring::Metric { .. } | Scoring::QualifyingPoints => {}
    }
}

fn validate_segment_source(c: &mut Checker, source: &SegmentSource, field: &str) {
    if let SegmentSource::Column { name } = source {
        c.check(!name.trim().is_empty(), format!("{field}.name"), ProblemKind::Empty);
    }
}

fn validate_points(c: &mut Checker, points: &PointsRules, tiers: usize) {
    c.range(points.per_currency_unit, 0.0, 1e6, "points.per_currency_unit");
    for (i, e) in points.per_event.iter().enumerate() {
        c.range(e.points, 0.0, 1e6, format!("points.per_event[{i}].points"));
        let repeated = points.per_event[..i].iter().any(|other| other.event == e.event);
        c.check(!repeated, format!("points.per_event[{i}].event"), ProblemKind::Duplicate);
    }
    if let Some(segments) = &points.segment_multipliers {
        validate_segment_source(c, &segments.source, "points.segment_multipliers.source");
        for (i, m) in segments.multipliers.iter().enumerate() {
            c.range(m.multiplier, 0.0, 100.0, format!("points.segment_multipliers.multipliers[{i}].multiplier"));
        }
    }
    c.range(f64::from(points.pending_days), 0.0, 365.0, "points.pending_days");
    match points.expiry {
        Expiry::Never => {}
        Expiry::MonthsAfterEarning { months } => c.range(f64::from(months), 1.0, 120.0, "points.expiry.months"),
        Expiry::EndOfYear { years_after } => c.range(f64::from(years_after), 0.0, 10.0, "points.expiry.years_after"),
    }
    match points.redemption {
        Redemption::None => {}
        Redemption::InBlocks { block } => c.range(block, 1.0, 1e9, "points.redemption.block"),
        Redemption::MonthlyShare { percent } => c.range(percent, 0.0, 100.0, "points.redemption.percent"),
    }
    c.range(points.point_cost, 0.0, 1e6, "points.point_cost");
    c.range(points.breakage_percent, 0.0, 100.0, "points.breakage_percent");
    if let Some(bonus) = &points.level_bonus {
        c.range(bonus.base, 0.0, 1e9, "points.level_bonus.base");
        c.range(bonus.top, 0.0, 1e9, "points.level_bonus.top");
        if c.count(bonus.k.len(), tiers, "points.level_bonus.k") {
            for (i, k) in bonus.k.iter().enumerate() {
                c.range(*k, -10.0, 10.0, format!("points.level_bonus.k[{i}]"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_valid_and_round_trips() {
        let template = Scenario::template();
        assert!(template.validate().is_empty(), "{:?}", template.validate());
        assert_eq!(Scenario::from_json(&template.to_json()).unwrap(), template);
    }

    #[test]
    fn the_default_b_differs_from_a_only_in_its_benefits() {
        let (a, b) = (Scenario::template(), Scenario::template_b());
        assert!(b.validate().is_empty(), "{:?}", b.validate());
        assert_eq!(b.name, "B");
        assert_eq!(Scenario { name: a.name.clone(), benefits: a.benefits.clone(), ..b.clone() }, a);
        let discounts: Vec<f64> = b.benefits.iter().map(|t| t.discount_percent).collect();
        let multipliers: Vec<f64> = b.benefits.iter().map(|t| t.points_multiplier).collect();
        assert_eq!(discounts, [0.0, 1.0, 2.5, 4.0]);
        assert_eq!(multipliers, [1.0, 1.5, 2.5, 4.0]);
        assert!(b.benefits[1].free_shipping && !a.benefits[1].free_shipping);
    }

    #[test]
    fn problems_name_their_field() {
        let mut s = Scenario::template();
        s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![100.0, 50.0, 1000.0] };
        s.benefits[2].discount_percent = 150.0;
        s.points.breakage_percent = f64::NAN;
        let fields: Vec<String> = s.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["tiers.thresholds.lower_bounds[1]", "points.breakage_percent", "benefits[2].discount_percent"]
        );
    }

    #[test]
    fn shares_must_sum_to_100() {
        let mut s = Scenario::template();
        s.tiers.thresholds = Thresholds::TargetShares { percent: vec![60.0, 25.0, 10.0, 4.0] };
        assert_eq!(s.validate()[0].kind, ProblemKind::SharesDoNotSum { sum: 99.0 });
    }

    #[test]
    fn retain_bounds_may_not_exceed_entry_bounds() {
        let mut s = Scenario::template();
        s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![100.0, 500.0, 1000.0] };
        s.tiers.retain = Some(RetainRule::Absolute { lower_bounds: vec![80.0, 600.0, 550.0] });
        let problems = s.validate();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].field, "tiers.retain.lower_bounds[2]");
        assert_eq!(problems[0].kind, ProblemKind::NotIncreasing);
        assert_eq!(
            problems[1],
            Problem { field: "tiers.retain.lower_bounds[1]".into(), kind: ProblemKind::RetainAboveEntry }
        );
    }

    #[test]
    fn weighted_scores_need_distinct_features_and_a_nonzero_weight() {
        let mut s = Scenario::template();
        s.scoring = Scoring::WeightedScore {
            weights: vec![
                FeatureWeight { feature: Feature::Frequency.into(), weight: 0.0 },
                FeatureWeight { feature: Feature::Frequency.into(), weight: 0.0 },
            ],
            cap_percentile: 99.0,
        };
        let kinds: Vec<ProblemKind> = s.validate().into_iter().map(|p| p.kind).collect();
        assert_eq!(kinds, vec![ProblemKind::Duplicate, ProblemKind::AllWeightsZero]);
    }
}
