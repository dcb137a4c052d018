//! Checks every setting of a scenario and ties each problem to the field it concerns, so the page
//! can show it next to the input and the CLI can name it.

use super::limits::*;
use super::*;
use crate::engine::limits::Limit;

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn check(&mut self, ok: bool, field: impl Into<String>, kind: ProblemKind) {
        if !ok {
            self.problems.push(Problem { field: field.into(), kind });
        }
    }

    /// A setting inside its limit, reported under the limit's own field.
    fn limit(&mut self, limit: &Limit, value: f64) {
        self.within(limit, value, limit.field);
    }

    /// Entry `index` of a list setting inside its limit (`benefits[2].discount_percent`).
    fn limit_at(&mut self, limit: &Limit, index: usize, value: f64) {
        self.within(limit, value, limit.field.replacen("[]", &format!("[{index}]"), 1));
    }

    fn within(&mut self, limit: &Limit, value: f64, field: impl Into<String>) {
        self.check(limit.contains(value), field, ProblemKind::OutOfRange { min: limit.min, max: limit.max });
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
                    c.limit_at(&TARGET_SHARE_PERCENT, i, *share);
                }
                let sum: f64 = percent.iter().sum();
                c.check((sum - 100.0).abs() < 0.01, "tiers.thresholds.percent", ProblemKind::SharesDoNotSum { sum });
            }
            Thresholds::Quantiles { quantiles } => {
                if c.count(quantiles.len(), bounds, "tiers.thresholds.quantiles") {
                    c.increasing(quantiles, "tiers.thresholds.quantiles");
                    for (i, q) in quantiles.iter().enumerate() {
                        c.limit_at(&QUANTILE, i, *q);
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
            Some(RetainRule::FractionOfEntry { fraction }) => c.limit(&RETAIN_FRACTION, *fraction),
        }
        match self.tiers.window {
            QualifyingWindow::RollingMonths { months } => {
                c.limit(&WINDOW_MONTHS, f64::from(months));
            }
            QualifyingWindow::Lifetime | QualifyingWindow::CalendarYear | QualifyingWindow::Anniversary => {}
        }
        if let UpgradeRule::ConsecutiveMonths { months } = self.tiers.upgrade {
            c.limit(&UPGRADE_MONTHS, f64::from(months));
        }
        c.limit(&GRACE_EVALUATIONS, f64::from(self.tiers.downgrade.grace_evaluations));
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
        if let Some(second) = &self.tiers.second_criterion {
            validate_second_criterion(&mut c, second, bounds);
        }
        validate_points(&mut c, &self.points, tiers);
        c.count(self.benefits.len(), tiers, "benefits");
        for (i, b) in self.benefits.iter().enumerate() {
            c.limit_at(&DISCOUNT_PERCENT, i, b.discount_percent);
            c.limit_at(&POINTS_MULTIPLIER, i, b.points_multiplier);
            c.limit_at(&GIFT_COST_PER_YEAR, i, b.gift_cost_per_year);
            if let Some(coupons) = &b.coupons {
                c.limit_at(&Coupons::VALUE, i, coupons.value);
                c.limit_at(&Coupons::MIN_SPEND, i, coupons.min_spend);
                c.limit_at(&Coupons::PER_MONTH, i, coupons.per_month);
                c.limit_at(&Coupons::REDEMPTION_PERCENT, i, coupons.redemption_percent);
            }
        }
        c.limit(&SHIPPING_COST_PER_ORDER, self.economics.shipping_cost_per_order);
        c.limit(&GROSS_MARGIN_PERCENT, self.economics.gross_margin_percent);
        if let Some(head_start) = &self.head_start {
            c.limit(&super::HeadStart::WELCOME_POINTS, head_start.welcome_points);
            c.limit(&super::HeadStart::PROGRESS_PERCENT, head_start.progress_percent);
        }
        // Assumptions may go beyond the literature's range (that is what sensitivity is for), but
        // not beyond what makes sense.
        for assumption in ASSUMPTIONS {
            c.limit(&assumption.limit, assumption.get(&self.assumptions));
        }
        for error in self.risk.settings.check() {
            let field = format!("risk.settings.{}", error.field);
            c.check(false, field, ProblemKind::OutOfRange { min: error.min, max: error.max });
        }
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
        Scoring::LevelGrowth { amount, orders, interactions, theta, gamma } => {
            for (field, w) in [("amount", amount), ("orders", orders), ("interactions", interactions)] {
                c.finite(*w, format!("scoring.{field}"));
                c.check(*w >= 0.0, format!("scoring.{field}"), ProblemKind::Negative);
            }
            c.limit(&LEVEL_THETA, *theta);
            c.limit(&LEVEL_GAMMA, *gamma);
            c.check(
                *theta * (*amount + *orders + *interactions) > 0.0 || *gamma != 0.0,
                "scoring",
                ProblemKind::AllWeightsZero,
            );
        }
        Scoring::WeightedScore { weights, cap_percentile } => {
            c.weights(weights, "scoring.weights");
            c.limit(&CAP_PERCENTILE, *cap_percentile);
        }
        Scoring::LinearPoints { intercept, terms } => {
            c.finite(*intercept, "scoring.intercept");
            c.weights(terms, "scoring.terms");
        }
        Scoring::FunnelConversion { prior, .. } => match prior {
            ConversionPrior::Population { strength } => c.limit(&PRIOR_STRENGTH, *strength),
            ConversionPrior::Fixed { a, b } => {
                c.limit(&PRIOR_A, *a);
                c.limit(&PRIOR_B, *b);
            }
        },
        Scoring::Rating { positive_weight, negative_weight } => {
            c.limit(&POSITIVE_WEIGHT, *positive_weight);
            c.limit(&NEGATIVE_WEIGHT, *negative_weight);
        }
        Scoring::Rfm | Scoring::Metric { .. } | Scoring::QualifyingPoints => {}
    }
}

/// Bounds of the second criterion: one per tier above the first, inside their limit, never
/// lower than the tier below's (equal bounds are allowed: under "and" a tier may ask nothing more
/// of the measure than the tier below), retain bounds at most the entry bounds.
fn validate_second_criterion(c: &mut Checker, second: &SecondCriterion, bounds: usize) {
    let non_decreasing = |c: &mut Checker, values: &[f64], field: &str| {
        if !c.count(values.len(), bounds, field.to_string()) {
            return false;
        }
        for (i, value) in values.iter().enumerate() {
            c.within(&SecondCriterion::BOUND, *value, format!("{field}[{i}]"));
            if i > 0 && value.is_finite() {
                c.check(*value >= values[i - 1], format!("{field}[{i}]"), ProblemKind::NotIncreasing);
            }
        }
        true
    };
    let entry_ok = non_decreasing(c, &second.lower_bounds, "tiers.second_criterion.lower_bounds");
    if let Some(retain) = &second.retain_bounds {
        let field = "tiers.second_criterion.retain_bounds";
        if non_decreasing(c, retain, field) && entry_ok {
            for (i, (keep, enter)) in retain.iter().zip(&second.lower_bounds).enumerate() {
                c.check(keep <= enter, format!("{field}[{i}]"), ProblemKind::RetainAboveEntry);
            }
        }
    }
}

fn validate_segment_source(c: &mut Checker, source: &SegmentSource, field: &str) {
    if let SegmentSource::Column { name } = source {
        c.check(!name.trim().is_empty(), format!("{field}.name"), ProblemKind::Empty);
    }
}

fn validate_points(c: &mut Checker, points: &PointsRules, tiers: usize) {
    c.limit(&POINTS_PER_CURRENCY_UNIT, points.per_currency_unit);
    for (i, e) in points.per_event.iter().enumerate() {
        c.limit_at(&EVENT_POINTS, i, e.points);
        let repeated = points.per_event[..i].iter().any(|other| other.event == e.event);
        c.check(!repeated, format!("points.per_event[{i}].event"), ProblemKind::Duplicate);
    }
    if let Some(segments) = &points.segment_multipliers {
        validate_segment_source(c, &segments.source, "points.segment_multipliers.source");
        for (i, m) in segments.multipliers.iter().enumerate() {
            c.limit_at(&SEGMENT_MULTIPLIER, i, m.multiplier);
        }
    }
    c.limit(&PENDING_DAYS, f64::from(points.pending_days));
    match points.expiry {
        Expiry::Never => {}
        Expiry::MonthsAfterEarning { months } => c.limit(&EXPIRY_MONTHS, f64::from(months)),
        Expiry::EndOfYear { years_after } => c.limit(&EXPIRY_YEARS_AFTER, f64::from(years_after)),
    }
    match points.redemption {
        Redemption::None => {}
        Redemption::InBlocks { block } => c.limit(&REDEMPTION_BLOCK, block),
        Redemption::MonthlyShare { percent } => c.limit(&REDEMPTION_PERCENT, percent),
    }
    c.limit(&POINT_COST, points.point_cost);
    c.limit(&BREAKAGE_PERCENT, points.breakage_percent);
    if let Some(bonus) = &points.level_bonus {
        c.limit(&LEVEL_BONUS_BASE, bonus.base);
        c.limit(&LEVEL_BONUS_TOP, bonus.top);
        if c.count(bonus.k.len(), tiers, "points.level_bonus.k") {
            for (i, k) in bonus.k.iter().enumerate() {
                c.limit_at(&LEVEL_BONUS_K, i, *k);
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
    fn range_problems_carry_the_limits_numbers_and_read_as_before() {
        let mut s = Scenario::template();
        s.tiers.names.truncate(1);
        s.tiers.thresholds = Thresholds::TargetShares { percent: vec![100.0] };
        s.benefits.truncate(1);
        s.benefits[0].discount_percent = 150.0;
        s.assumptions.demotion_effect = 0.5;
        let problems = s.validate();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            [
                "tiers.names needs between 2 and 8 tiers",
                "benefits[0].discount_percent must be between 0 and 100",
                "assumptions.demotion_effect must be between -0.9 and 0",
            ]
        );
        assert_eq!(problems[0].kind, ProblemKind::TierCount { min: 2, max: 8 });
        assert_eq!(problems[1].kind, ProblemKind::OutOfRange { min: 0.0, max: 100.0 });
        let invalid = ScenarioError::Invalid(problems[1..].to_vec()).to_string();
        assert_eq!(invalid, format!("{}; {}", shown[1], shown[2]));
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

    #[test]
    fn bad_second_criterion_coupon_and_level_values_name_their_field() {
        let mut s = Scenario::template();
        s.tiers.second_criterion = Some(SecondCriterion {
            measure: CriterionMeasure::Orders,
            combine: Combine::And,
            lower_bounds: vec![2.0, 1.0, f64::NAN],
            retain_bounds: Some(vec![1.0, 1.0]),
        });
        s.benefits[1].coupons =
            Some(Coupons { value: -5.0, min_spend: 100.0, per_month: 1.5, redemption_percent: 120.0 });
        let problems = s.validate();
        let shown: Vec<(String, ProblemKind)> = problems.into_iter().map(|p| (p.field, p.kind)).collect();
        assert_eq!(
            shown,
            [
                ("tiers.second_criterion.lower_bounds[1]".to_string(), ProblemKind::NotIncreasing),
                ("tiers.second_criterion.lower_bounds[2]".to_string(), ProblemKind::OutOfRange { min: 0.0, max: 1e12 }),
                ("tiers.second_criterion.retain_bounds".to_string(), ProblemKind::Count { expected: 3, found: 2 }),
                ("benefits[1].coupons.value".to_string(), ProblemKind::OutOfRange { min: 0.0, max: 1e6 }),
                ("benefits[1].coupons.per_month".to_string(), ProblemKind::OutOfRange { min: 0.0, max: 100.0 }),
                (
                    "benefits[1].coupons.redemption_percent".to_string(),
                    ProblemKind::OutOfRange { min: 0.0, max: 100.0 }
                ),
            ]
        );
        // Retain above entry, and level growth's constants.
        let mut s = Scenario::template();
        s.tiers.second_criterion = Some(SecondCriterion {
            measure: CriterionMeasure::Spend,
            combine: Combine::Or,
            lower_bounds: vec![1000.0, 2000.0, 4000.0],
            retain_bounds: Some(vec![800.0, 2500.0, 3000.0]),
        });
        s.scoring = Scoring::LevelGrowth { amount: 0.7, orders: 0.2, interactions: 0.1, theta: -1.0, gamma: 5.0 };
        let fields: Vec<(String, ProblemKind)> = s.validate().into_iter().map(|p| (p.field, p.kind)).collect();
        assert_eq!(
            fields,
            [
                ("scoring.theta".to_string(), ProblemKind::OutOfRange { min: 0.0, max: 100.0 }),
                ("tiers.second_criterion.retain_bounds[1]".to_string(), ProblemKind::RetainAboveEntry),
            ]
        );
    }
}
