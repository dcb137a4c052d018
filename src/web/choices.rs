//! The scenario's either-or settings as plain enums for pickers. The engine's enums carry their
//! settings (weights, months, ...); a picker needs just the kind, a stable key for `<option value>`,
//! and a sensible starting value when the user switches kinds.

use crate::engine::features::catalog::{Feature, FeatureKey};
use crate::engine::features::table::ConversionPrior;
use crate::engine::scenario::{
    DowngradeStep, Evaluation, Expiry, FeatureWeight, FunnelStage, QualifyingWindow, Redemption, RetainRule, Scoring,
    Thresholds, UpgradeRule,
};

/// Implements `ALL`, `key` and `from_key` for a plain enum.
macro_rules! keyed {
    ($name:ident { $($variant:ident => $key:literal),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }

            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|k| k.key() == key)
            }
        }
    };
}

keyed!(ModelKind {
    GrowthValue => "growth_value",
    WeightedScore => "weighted_score",
    LinearPoints => "linear_points",
    FunnelConversion => "funnel_conversion",
    Rating => "rating",
    Rfm => "rfm",
    Metric => "metric",
    QualifyingPoints => "qualifying_points",
});

keyed!(ThresholdKind { Absolute => "absolute", TargetShares => "target_shares", Quantiles => "quantiles" });

keyed!(RetainKind { SameAsEntry => "same", Absolute => "absolute", FractionOfEntry => "fraction" });

keyed!(WindowKind {
    Lifetime => "lifetime",
    RollingMonths => "rolling_months",
    CalendarYear => "calendar_year",
    Anniversary => "anniversary",
});

keyed!(UpgradeKind { Immediate => "immediate", ConsecutiveMonths => "consecutive_months" });

keyed!(ExpiryKind { Never => "never", MonthsAfterEarning => "months_after_earning", EndOfYear => "end_of_year" });

keyed!(RedemptionKind { None => "none", InBlocks => "in_blocks", MonthlyShare => "monthly_share" });

keyed!(PriorKind { Population => "population", Fixed => "fixed" });

impl ModelKind {
    pub fn of(scoring: &Scoring) -> ModelKind {
        match scoring {
            Scoring::GrowthValue { .. } => ModelKind::GrowthValue,
            Scoring::WeightedScore { .. } => ModelKind::WeightedScore,
            Scoring::LinearPoints { .. } => ModelKind::LinearPoints,
            Scoring::FunnelConversion { .. } => ModelKind::FunnelConversion,
            Scoring::Rating { .. } => ModelKind::Rating,
            Scoring::Rfm => ModelKind::Rfm,
            Scoring::Metric { .. } => ModelKind::Metric,
            Scoring::QualifyingPoints => ModelKind::QualifyingPoints,
        }
    }

    /// The model as the source material introduces it (DOMAIN.md section 4), using features the
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
