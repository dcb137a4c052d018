//! The scenario's either-or settings as plain enums for pickers. The engine's enums carry their
//! settings (weights, months, ...); a picker needs just the kind, a stable key for `<option value>`,
//! and a sensible starting value when the user switches kinds.

use crate::engine::features::catalog::{Feature, FeatureKey};
use crate::engine::features::table::ConversionPrior;
use crate::engine::scenario::{
    DowngradeStep, Evaluation, Expiry, FeatureWeight, FunnelStage, QualifyingWindow, Redemption, RetainRule, Scoring,
    Thresholds, UpgradeRule,
};

/// Plain enums for pickers: `iter()` lists the kinds, `as_ref()` is the kind's key for
/// `<option value>` and `parse()` reads it back.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter, strum::AsRefStr, strum::EnumString,
        )]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($variant),* }
    };
}

choice!(ModelKind {
    GrowthValue,
    LevelGrowth,
    WeightedScore,
    LinearPoints,
    FunnelConversion,
    Rating,
    Rfm,
    Metric,
    QualifyingPoints,
});

choice!(ThresholdKind { Absolute, TargetShares, Quantiles });

/// Keys `same`, `absolute`, `fraction`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter, strum::AsRefStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum RetainKind {
    #[strum(serialize = "same")]
    SameAsEntry,
    Absolute,
    #[strum(serialize = "fraction")]
    FractionOfEntry,
}

choice!(WindowKind { Lifetime, RollingMonths, CalendarYear, Anniversary });

choice!(UpgradeKind { Immediate, ConsecutiveMonths });

choice!(ExpiryKind { Never, MonthsAfterEarning, EndOfYear });

choice!(RedemptionKind { None, InBlocks, MonthlyShare });

choice!(PriorKind { Population, Fixed });

impl ModelKind {
    pub fn of(scoring: &Scoring) -> ModelKind {
        match scoring {
            Scoring::GrowthValue { .. } => ModelKind::GrowthValue,
            Scoring::LevelGrowth { .. } => ModelKind::LevelGrowth,
            Scoring::WeightedScore { .. } => ModelKind::WeightedScore,
            Scoring::LinearPoints { .. } => ModelKind::LinearPoints,
            Scoring::FunnelConversion { .. } => ModelKind::FunnelConversion,
            Scoring::Rating { .. } => ModelKind::Rating,
            Scoring::Rfm => ModelKind::Rfm,
            Scoring::Metric { .. } => ModelKind::Metric,
            Scoring::QualifyingPoints => ModelKind::QualifyingPoints,
        }
    }

    /// The model as the source material introduces it (docs/model.md, "Score models"), using features the
    /// data has: browse minutes when available, else interactions.
    pub fn starting_point(self, available: &[FeatureKey]) -> Scoring {
        let engagement: FeatureKey = if available.contains(&Feature::BrowseMinutes.into()) {
            Feature::BrowseMinutes.into()
        } else {
            Feature::Interactions.into()
        };
        let weights = |list: [(FeatureKey, f64); 3]| {
            list.into_iter().map(|(feature, weight)| FeatureWeight { feature, weight }).collect()
        };
        match self {
            ModelKind::GrowthValue => Scoring::GrowthValue { amount: 0.7, orders: 0.2, interactions: 0.1 },
            // Seed 004's level model on the growth value: theta 1, no constant until the user sets one.
            ModelKind::LevelGrowth => {
                Scoring::LevelGrowth { amount: 0.7, orders: 0.2, interactions: 0.1, theta: 1.0, gamma: 0.0 }
            }
            // Seed 001: frequency 0.5, amount 0.3, browsing 0.2.
            ModelKind::WeightedScore => Scoring::WeightedScore {
                weights: weights([
                    (Feature::Frequency.into(), 0.5),
                    (Feature::Monetary.into(), 0.3),
                    (engagement, 0.2),
                ]),
                cap_percentile: 99.0,
            },
            // Seed 002: b = (10, 0.5, 0.2, 0.1) on amount, frequency, browsing.
            ModelKind::LinearPoints => Scoring::LinearPoints {
                intercept: 10.0,
                terms: weights([(Feature::Monetary.into(), 0.5), (Feature::Frequency.into(), 0.2), (engagement, 0.1)]),
            },
            ModelKind::FunnelConversion => {
                Scoring::FunnelConversion { stage: FunnelStage::Overall, prior: ConversionPrior::default() }
            }
            // Seed 003's feedback weights.
            ModelKind::Rating => Scoring::Rating { positive_weight: 0.3, negative_weight: 0.2 },
            ModelKind::Rfm => Scoring::Rfm,
            ModelKind::Metric => Scoring::Metric { feature: Feature::Monetary.into() },
            ModelKind::QualifyingPoints => Scoring::QualifyingPoints,
        }
    }
}

impl ThresholdKind {
    pub fn of(thresholds: &Thresholds) -> ThresholdKind {
        match thresholds {
            Thresholds::Absolute { .. } => ThresholdKind::Absolute,
            Thresholds::TargetShares { .. } => ThresholdKind::TargetShares,
            Thresholds::Quantiles { .. } => ThresholdKind::Quantiles,
        }
    }
}

impl RetainKind {
    pub fn of(retain: &Option<RetainRule>) -> RetainKind {
        match retain {
            None => RetainKind::SameAsEntry,
            Some(RetainRule::Absolute { .. }) => RetainKind::Absolute,
            Some(RetainRule::FractionOfEntry { .. }) => RetainKind::FractionOfEntry,
        }
    }
}

impl WindowKind {
    pub fn of(window: &QualifyingWindow) -> WindowKind {
        match window {
            QualifyingWindow::Lifetime => WindowKind::Lifetime,
            QualifyingWindow::RollingMonths { .. } => WindowKind::RollingMonths,
            QualifyingWindow::CalendarYear => WindowKind::CalendarYear,
            QualifyingWindow::Anniversary => WindowKind::Anniversary,
        }
    }

    pub fn starting_point(self) -> QualifyingWindow {
        match self {
            WindowKind::Lifetime => QualifyingWindow::Lifetime,
            WindowKind::RollingMonths => QualifyingWindow::RollingMonths { months: 12 },
            WindowKind::CalendarYear => QualifyingWindow::CalendarYear,
            WindowKind::Anniversary => QualifyingWindow::Anniversary,
        }
    }
}

impl UpgradeKind {
    pub fn of(upgrade: &UpgradeRule) -> UpgradeKind {
        match upgrade {
            UpgradeRule::Immediate => UpgradeKind::Immediate,
            UpgradeRule::ConsecutiveMonths { .. } => UpgradeKind::ConsecutiveMonths,
        }
    }

    pub fn starting_point(self) -> UpgradeRule {
        match self {
            UpgradeKind::Immediate => UpgradeRule::Immediate,
            // Seed 003: three months above the threshold.
            UpgradeKind::ConsecutiveMonths => UpgradeRule::ConsecutiveMonths { months: 3 },
        }
    }
}

impl ExpiryKind {
    pub fn of(expiry: &Expiry) -> ExpiryKind {
        match expiry {
            Expiry::Never => ExpiryKind::Never,
            Expiry::MonthsAfterEarning { .. } => ExpiryKind::MonthsAfterEarning,
            Expiry::EndOfYear { .. } => ExpiryKind::EndOfYear,
        }
    }

    pub fn starting_point(self) -> Expiry {
        match self {
            ExpiryKind::Never => Expiry::Never,
            ExpiryKind::MonthsAfterEarning => Expiry::MonthsAfterEarning { months: 12 },
            ExpiryKind::EndOfYear => Expiry::EndOfYear { years_after: 1 },
        }
    }
}

impl RedemptionKind {
    pub fn of(redemption: &Redemption) -> RedemptionKind {
        match redemption {
            Redemption::None => RedemptionKind::None,
            Redemption::InBlocks { .. } => RedemptionKind::InBlocks,
            Redemption::MonthlyShare { .. } => RedemptionKind::MonthlyShare,
        }
    }

    pub fn starting_point(self) -> Redemption {
        match self {
            RedemptionKind::None => Redemption::None,
            RedemptionKind::InBlocks => Redemption::InBlocks { block: 500.0 },
            RedemptionKind::MonthlyShare => Redemption::MonthlyShare { percent: 5.0 },
        }
    }
}

impl PriorKind {
    pub fn of(prior: &ConversionPrior) -> PriorKind {
        match prior {
            ConversionPrior::Population { .. } => PriorKind::Population,
            ConversionPrior::Fixed { .. } => PriorKind::Fixed,
        }
    }

    pub fn starting_point(self) -> ConversionPrior {
        match self {
            PriorKind::Population => ConversionPrior::default(),
            // Beta(1, 1): one imagined success and one failure (Laplace smoothing).
            PriorKind::Fixed => ConversionPrior::Fixed { a: 1.0, b: 1.0 },
        }
    }
}

/// Stable keys for the funnel stages, downgrade evaluations and steps (`<option value>`).
pub fn funnel_stage_key(stage: FunnelStage) -> &'static str {
    match stage {
        FunnelStage::ViewToCart => "view_to_cart",
        FunnelStage::CartToOrder => "cart_to_order",
        FunnelStage::OrderToPay => "order_to_pay",
        FunnelStage::Overall => "overall",
    }
}

pub const FUNNEL_STAGES: [FunnelStage; 4] =
    [FunnelStage::Overall, FunnelStage::ViewToCart, FunnelStage::CartToOrder, FunnelStage::OrderToPay];

pub const EVALUATIONS: [Evaluation; 5] =
    [Evaluation::Never, Evaluation::Monthly, Evaluation::Quarterly, Evaluation::Yearly, Evaluation::Anniversary];

pub fn evaluation_key(evaluation: Evaluation) -> &'static str {
    match evaluation {
        Evaluation::Never => "never",
        Evaluation::Monthly => "monthly",
        Evaluation::Quarterly => "quarterly",
        Evaluation::Yearly => "yearly",
        Evaluation::Anniversary => "anniversary",
    }
}

pub const DOWNGRADE_STEPS: [DowngradeStep; 2] = [DowngradeStep::OneTier, DowngradeStep::Recompute];

pub fn downgrade_step_key(step: DowngradeStep) -> &'static str {
    match step {
        DowngradeStep::OneTier => "one_tier",
        DowngradeStep::Recompute => "recompute",
    }
}

/// Equal target shares in whole percents adding up to 100 (the first tier takes the remainder).
pub fn even_shares(tiers: usize) -> Vec<f64> {
    let tiers = tiers.max(1);
    let each = 100 / tiers;
    let mut shares = vec![each as f64; tiers];
    shares[0] += (100 - each * tiers) as f64;
    shares
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    fn keys<T: IntoEnumIterator + AsRef<str>>() -> Vec<String> {
        T::iter().map(|k| k.as_ref().to_string()).collect()
    }

    /// The keys are stored in nothing but `<option value>`s, yet tests select by them: they stay.
    #[test]
    fn picker_keys_are_stable() {
        assert_eq!(
            keys::<ModelKind>(),
            [
                "growth_value",
                "level_growth",
                "weighted_score",
                "linear_points",
                "funnel_conversion",
                "rating",
                "rfm",
                "metric",
                "qualifying_points"
            ]
        );
        assert_eq!(keys::<ThresholdKind>(), ["absolute", "target_shares", "quantiles"]);
        assert_eq!(keys::<RetainKind>(), ["same", "absolute", "fraction"]);
        assert_eq!(keys::<WindowKind>(), ["lifetime", "rolling_months", "calendar_year", "anniversary"]);
        assert_eq!(keys::<UpgradeKind>(), ["immediate", "consecutive_months"]);
        assert_eq!(keys::<ExpiryKind>(), ["never", "months_after_earning", "end_of_year"]);
        assert_eq!(keys::<RedemptionKind>(), ["none", "in_blocks", "monthly_share"]);
        assert_eq!(keys::<PriorKind>(), ["population", "fixed"]);
        assert_eq!("fraction".parse::<RetainKind>(), Ok(RetainKind::FractionOfEntry));
        assert!("nonsense".parse::<ModelKind>().is_err());
    }

    #[test]
    fn even_shares_add_up_to_100() {
        assert_eq!(even_shares(4), vec![25.0; 4]);
        // 100 / 3 = 33 each, the lowest tier takes the 1 left over.
        assert_eq!(even_shares(3), vec![34.0, 33.0, 33.0]);
    }

    #[test]
    fn each_kind_is_the_kind_of_its_starting_point() {
        for kind in WindowKind::iter() {
            assert_eq!(WindowKind::of(&kind.starting_point()), kind);
        }
        for kind in UpgradeKind::iter() {
            assert_eq!(UpgradeKind::of(&kind.starting_point()), kind);
        }
        for kind in ExpiryKind::iter() {
            assert_eq!(ExpiryKind::of(&kind.starting_point()), kind);
        }
        for kind in RedemptionKind::iter() {
            assert_eq!(RedemptionKind::of(&kind.starting_point()), kind);
        }
        for kind in PriorKind::iter() {
            assert_eq!(PriorKind::of(&kind.starting_point()), kind);
        }
        for kind in ModelKind::iter() {
            assert_eq!(ModelKind::of(&kind.starting_point(&[])), kind);
        }
    }
}
