//! The scenario document: how customers are scored, how tiers are drawn and move over time, how
//! points are earned and expire, what each tier gets, and the economic assumptions. One JSON format
//! (versioned, older versions migrated on load) shared by the page, the CLI and the tests.

mod assumptions;
mod coupons;
mod criteria;
mod head_start;
pub mod limits;
mod migrate;
mod problem;
mod risk_control;
mod validate;

pub use assumptions::{Assumption, Assumptions, ASSUMPTIONS};
pub use coupons::Coupons;
pub use criteria::{Combine, CriterionMeasure, SecondCriterion};
pub use head_start::{HeadStart, HeadStartMembers};
use serde::{Deserialize, Serialize};

use super::features::catalog::{Feature, FeatureKey};
use super::features::table::ConversionPrior;
use super::roles::EventKind;

pub use problem::{Problem, ProblemKind};
pub use risk_control::RiskControl;

pub const SCENARIO_SCHEMA: &str = "tierlab.scenario";
/// Version 2 added scoring models, tier movement rules and the points ledger; version 3 the
/// behavioural assumptions of the simulator; version 4 the optional second qualifying criterion,
/// coupons and the level-growth score.
pub const SCENARIO_VERSION: u32 = 4;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub schema: String,
    pub version: u32,
    pub name: String,
    pub scoring: Scoring,
    pub tiers: TierRules,
    pub points: PointsRules,
    /// One entry per tier, lowest tier first.
    pub benefits: Vec<TierBenefits>,
    pub economics: Economics,
    /// How customers respond to the scheme (docs/model.md, "Simulator response"), for the simulator.
    #[serde(default)]
    pub assumptions: Assumptions,
    /// A push toward the next tier, or welcome points, at launch (none by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_start: Option<HeadStart>,
    /// Risk-control thresholds and whether flagged customers are kept out of tiering (left out of
    /// the file while it has its defaults, so scenarios without it read and write as before).
    #[serde(default, skip_serializing_if = "RiskControl::is_default")]
    pub risk: RiskControl,
}

/// How a customer's score (the tier basis) is computed from their features.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scoring {
    /// Growth value (成长值, docs/model.md "Growth value"): `amount * spend + orders * purchases + interactions * engagement`,
    /// raw (not normalised), accumulated over the qualifying window.
    GrowthValue { amount: f64, orders: f64, interactions: f64 },
    /// Level growth (docs/model.md "Level growth"): `L(t+1) = L(t) + theta * (growth value of month t) + gamma`,
    /// from 0 at the start of the qualifying window, so over a window of `n` membership months
    /// `L = theta * G + gamma * n` (a customer table is one period: `theta * G + gamma`).
    LevelGrowth { amount: f64, orders: f64, interactions: f64, theta: f64, gamma: f64 },
    /// Weighted behaviour score (docs/model.md "Weighted score"): `sum w_i * b_i` with each feature normalised to 0-10
    /// over the population (capped at the given percentile so one extreme customer does not squash
    /// everyone else; features where lower is better, like recency, are reversed).
    WeightedScore { weights: Vec<FeatureWeight>, cap_percentile: f64 },
    /// Points by a linear formula (docs/model.md "Linear points"): `intercept + sum b_i * x_i` on raw features.
    LinearPoints { intercept: f64, terms: Vec<FeatureWeight> },
    /// Funnel conversion (docs/model.md "Funnel score"): the customer's smoothed conversion rate of one stage, in percent.
    FunnelConversion { stage: FunnelStage, prior: ConversionPrior },
    /// Rating model (docs/model.md "Rating score"): mean rating (0-5) + positive_weight x positive comments
    /// - negative_weight x negative comments, kept within 0-5.
    Rating { positive_weight: f64, negative_weight: f64 },
    /// RFM quintile codes (docs/model.md "RFM score"): R + F + M, each 1-5 by quintile among buyers (3-15).
    Rfm,
    /// One feature as it is (e.g. spend in the window, orders, active days).
    Metric { feature: FeatureKey },
    /// Qualifying points earned in the window (base points, before tier multipliers), from the ledger.
    QualifyingPoints,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureWeight {
    pub feature: FeatureKey,
    pub weight: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelStage {
    ViewToCart,
    CartToOrder,
    OrderToPay,
    /// Views to completed purchases.
    Overall,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRules {
    /// Tier names, lowest first (e.g. 普通 / 银牌 / 金牌 / 钻石).
    pub names: Vec<String>,
    /// Score needed to enter each tier above the first.
    pub thresholds: Thresholds,
    /// Score needed to keep a tier at evaluation time (at most the entry bound); `None` = the entry bounds.
    #[serde(default)]
    pub retain: Option<RetainRule>,
    /// Which activity counts toward the score at each evaluation.
    #[serde(default)]
    pub window: QualifyingWindow,
    #[serde(default)]
    pub upgrade: UpgradeRule,
    #[serde(default)]
    pub downgrade: DowngradeRule,
    /// Different entry bounds for some customer segments.
    #[serde(default)]
    pub segment_thresholds: Option<SegmentThresholds>,
    /// A second measure (orders or spend in the window) with its own bounds, needed together with
    /// the score or instead of it; none by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_criterion: Option<SecondCriterion>,
}

impl TierRules {
    /// Tiers on one score, counted over the whole history, upgraded at once, with the default
    /// downgrade and no per-segment or second-criterion bounds.
    pub fn simple(names: Vec<String>, thresholds: Thresholds) -> Self {
        TierRules {
            names,
            thresholds,
            retain: None,
            window: QualifyingWindow::Lifetime,
            upgrade: UpgradeRule::Immediate,
            downgrade: DowngradeRule::default(),
            segment_thresholds: None,
            second_criterion: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Thresholds {
    /// Lower score bound of every tier but the first, increasing.
    Absolute { lower_bounds: Vec<f64> },
    /// Target share of customers per tier in percent, lowest tier first, summing to 100. Bounds are
    /// the matching score quantiles at the end of the history, then held fixed; customers with
    /// equal scores always share a tier.
    TargetShares { percent: Vec<f64> },
    /// Bounds at these score quantiles (0-1, increasing), one per tier above the first.
    Quantiles { quantiles: Vec<f64> },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RetainRule {
    /// Bounds to keep each tier above the first.
    Absolute { lower_bounds: Vec<f64> },
    /// Keep a tier while the score stays above this fraction (0-1) of its entry bound.
    FractionOfEntry { fraction: f64 },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum QualifyingWindow {
    /// Everything since the customer's first event.
    #[default]
    Lifetime,
    /// The last N calendar months.
    RollingMonths { months: u32 },
    /// January to the evaluation month of the same year.
    CalendarYear,
    /// Since the customer's last membership anniversary (the month of their first event).
    Anniversary,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum UpgradeRule {
    /// At the end of the month in which the entry bound is reached.
    #[default]
    Immediate,
    /// Only after the entry bound was met at N consecutive month ends (three months is common practice).
    ConsecutiveMonths { months: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DowngradeRule {
    pub evaluation: Evaluation,
    /// Evaluations a member may stay below the retain bound before being moved down (0 = at once).
    pub grace_evaluations: u32,
    pub step: DowngradeStep,
}

impl Default for DowngradeRule {
    fn default() -> Self {
        DowngradeRule { evaluation: Evaluation::Never, grace_evaluations: 0, step: DowngradeStep::OneTier }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evaluation {
    /// Tiers never go down.
    Never,
    Monthly,
    /// End of March, June, September and December.
    Quarterly,
    /// End of December.
    Yearly,
    /// The month before each customer's membership anniversary.
    Anniversary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DowngradeStep {
    /// Down one tier per evaluation.
    OneTier,
    /// Straight to the highest tier whose retain bound the score still meets.
    Recompute,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentThresholds {
    pub source: SegmentSource,
    pub overrides: Vec<SegmentOverride>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SegmentSource {
    /// A text column of the data (e.g. city, channel, an existing segment column).
    Column { name: String },
    /// The RFM segment names (champions, loyal_customers, at_risk, ...).
    Rfm,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentOverride {
    pub segment: String,
    /// Entry bounds for this segment (same count as the tiers above the first).
    pub lower_bounds: Vec<f64>,
}

/// How points are earned, held, spent and lost (docs/model.md "Points ledger").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsRules {
    /// Base points per currency unit of a completed purchase (before tier and segment multipliers).
    pub per_currency_unit: f64,
    /// Extra points for other events, e.g. 10 per review.
    #[serde(default)]
    pub per_event: Vec<EventPoints>,
    /// Multipliers for customer segments (on top of the tier multiplier).
    #[serde(default)]
    pub segment_multipliers: Option<SegmentMultipliers>,
    /// Days before earned points can be spent; a refund inside this period cancels them.
    pub pending_days: u32,
    pub expiry: Expiry,
    pub redemption: Redemption,
    /// What one redeemed point costs the business, in currency units.
    pub point_cost: f64,
    /// Share of issued points expected never to be redeemed, in percent (retail: 20-35 %); used to
    /// value issued and outstanding points.
    pub breakage_percent: f64,
    /// Yearly bonus points per member by tier: `base + k_tier * (top - base)` (docs/model.md "Benefit level").
    #[serde(default)]
    pub level_bonus: Option<LevelBonus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventPoints {
    pub event: EventKind,
    pub points: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentMultipliers {
    pub source: SegmentSource,
    pub multipliers: Vec<SegmentMultiplier>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentMultiplier {
    pub segment: String,
    pub multiplier: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Expiry {
    Never,
    /// Points expire N months after the month they were earned in (oldest first).
    MonthsAfterEarning {
        months: u32,
    },
    /// Points expire at the end of the calendar year `years_after` years after the year earned
    /// (0 = the same year-end).
    EndOfYear {
        years_after: u32,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Redemption {
    /// Nobody redeems (to see the full liability build up).
    None,
    /// A customer redeems whole blocks of points, oldest first, at every event that earns points
    /// (a purchase, or a review or check-in the rules reward) once the spendable balance holds a block.
    InBlocks { block: f64 },
    /// Each month a share (percent) of every spendable balance is redeemed.
    MonthlyShare { percent: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelBonus {
    pub base: f64,
    pub top: f64,
    /// One factor per tier, lowest first (Silver k = 1.2 gives 100 + 1.2 * 50 = 160).
    pub k: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierBenefits {
    /// Discount on every order, in percent of the order amount.
    pub discount_percent: f64,
    /// Multiplier on the base points earn rate.
    pub points_multiplier: f64,
    /// Shipping is free for this tier (the program pays `shipping_cost_per_order`).
    pub free_shipping: bool,
    /// Cost of gifts per member per year.
    pub gift_cost_per_year: f64,
    /// Coupons given each month (none by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupons: Option<Coupons>,
}

impl TierBenefits {
    /// No benefit at all: the base tier's usual setting, and what a new tier starts from.
    pub const NONE: TierBenefits = TierBenefits {
        discount_percent: 0.0,
        points_multiplier: 1.0,
        free_shipping: false,
        gift_cost_per_year: 0.0,
        coupons: None,
    };
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Economics {
    /// What shipping one order costs the business when shipping is free for the customer.
    pub shipping_cost_per_order: f64,
    /// Gross margin on revenue before benefits, in percent.
    pub gross_margin_percent: f64,
}

impl Default for Economics {
    fn default() -> Self {
        Economics { shipping_cost_per_order: 8.0, gross_margin_percent: 30.0 }
    }
}

impl Default for PointsRules {
    fn default() -> Self {
        PointsRules {
            per_currency_unit: 1.0,
            per_event: vec![],
            segment_multipliers: None,
            pending_days: 0,
            expiry: Expiry::Never,
            redemption: Redemption::None,
            point_cost: 0.01,
            breakage_percent: 25.0,
            level_bonus: None,
        }
    }
}

impl Scenario {
    /// The starting point offered to users: the growth value with four tiers by target share,
    /// upgraded at once and never downgraded; 1 point per yuan, redeemed in blocks of 100 (1 yuan off at
    /// 0.01 a point) and expiring at the end of the following year, as most Chinese shops run them.
    pub fn template() -> Scenario {
        Scenario {
            schema: SCENARIO_SCHEMA.to_string(),
            version: SCENARIO_VERSION,
            name: "A".to_string(),
            scoring: Scoring::GrowthValue { amount: 0.7, orders: 0.2, interactions: 0.1 },
            tiers: TierRules::simple(
                ["普通 Regular", "银牌 Silver", "金牌 Gold", "钻石 Diamond"].map(String::from).to_vec(),
                Thresholds::TargetShares { percent: vec![60.0, 25.0, 10.0, 5.0] },
            ),
            points: PointsRules {
                expiry: Expiry::EndOfYear { years_after: 1 },
                redemption: Redemption::InBlocks { block: 100.0 },
                ..PointsRules::default()
            },
            benefits: vec![
                TierBenefits::NONE,
                TierBenefits { discount_percent: 2.0, points_multiplier: 1.2, ..TierBenefits::NONE },
                TierBenefits {
                    discount_percent: 5.0,
                    points_multiplier: 1.5,
                    free_shipping: true,
                    gift_cost_per_year: 20.0,
                    ..TierBenefits::NONE
                },
                TierBenefits {
                    discount_percent: 8.0,
                    points_multiplier: 2.0,
                    free_shipping: true,
                    gift_cost_per_year: 60.0,
                    ..TierBenefits::NONE
                },
            ],
            economics: Economics::default(),
            assumptions: Assumptions::default(),
            head_start: None,
            risk: RiskControl::default(),
        }
    }

    /// The alternative offered next to the template, so a first comparison shows a real trade-off:
    /// the same tiers paying in points instead of discounts (half the discounts, richer point
    /// multipliers, free shipping from Silver). A point costs about 0.75 % of the order value at
    /// 0.01 a point and 25 % breakage, a discount point costs 1 %: B is cheaper per unit of value
    /// given but pulls buying less, which is what the simulator weighs.
    pub fn template_b() -> Scenario {
        let mut b = Scenario::template();
        b.name = "B".to_string();
        for (benefit, (discount, multiplier)) in
            b.benefits.iter_mut().zip([(0.0, 1.0), (1.0, 1.5), (2.5, 2.5), (4.0, 4.0)])
        {
            benefit.discount_percent = discount;
            benefit.points_multiplier = multiplier;
        }
        b.benefits[1].free_shipping = true;
        b
    }

    pub fn tier_count(&self) -> usize {
        self.tiers.names.len()
    }

    /// Parses a scenario file of any supported version, upgrading it to the current one, and checks
    /// every field.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario = Scenario::from_json_unvalidated(text)?;
        let problems = scenario.validate();
        if problems.is_empty() {
            Ok(scenario)
        } else {
            Err(ScenarioError::Invalid(problems))
        }
    }

    /// Parses and upgrades a scenario file of any supported version without checking its values:
    /// for work in progress (the page's saved editors, an import whose problems are shown at the
    /// fields), where a bad value must still open so it can be fixed.
    pub fn from_json_unvalidated(text: &str) -> Result<Scenario, ScenarioError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ScenarioError::Syntax { line: e.line(), message: e.to_string() })?;
        let value = migrate::to_current(value)?;
        serde_json::from_value(value).map_err(|e| ScenarioError::Shape { message: e.to_string() })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Every feature the scoring model reads (for availability checks and explanations). Terms
    /// weighted zero are left out, so data without that column can still be scored.
    pub fn scoring_features(&self) -> Vec<FeatureKey> {
        let weighted =
            |terms: &[FeatureWeight]| terms.iter().filter(|w| w.weight != 0.0).map(|w| w.feature.clone()).collect();
        match &self.scoring {
            Scoring::GrowthValue { amount, orders, interactions }
            | Scoring::LevelGrowth { amount, orders, interactions, .. } => {
                [(Feature::Monetary, *amount), (Feature::Frequency, *orders), (Feature::Interactions, *interactions)]
                    .into_iter()
                    .filter(|(_, w)| *w != 0.0)
                    .map(|(f, _)| f.into())
                    .collect()
            }
            Scoring::WeightedScore { weights, .. } => weighted(weights),
            Scoring::LinearPoints { terms, .. } => weighted(terms),
            Scoring::FunnelConversion { stage, .. } => vec![match stage {
                FunnelStage::ViewToCart => Feature::ViewToCart.into(),
                FunnelStage::CartToOrder => Feature::CartToOrder.into(),
                FunnelStage::OrderToPay => Feature::OrderToPay.into(),
                FunnelStage::Overall => Feature::Conversion.into(),
            }],
            Scoring::Rating { .. } => {
                vec![Feature::AverageRating.into(), Feature::PositiveFeedback.into(), Feature::NegativeFeedback.into()]
            }
            Scoring::Rfm => vec![Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()],
            Scoring::Metric { feature } => vec![feature.clone()],
            Scoring::QualifyingPoints => vec![],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScenarioError {
    #[error("not valid JSON (line {line}): {message}")]
    Syntax { line: usize, message: String },
    #[error("not a TierLab scenario (\"schema\" must be \"{}\")", SCENARIO_SCHEMA)]
    NotAScenario,
    #[error("scenario version {found} is not supported (this TierLab reads 1 to {supported})")]
    UnsupportedVersion { found: u64, supported: u32 },
    #[error("scenario fields are wrong: {message}")]
    Shape { message: String },
    #[error("{}", problem_list(.0))]
    Invalid(Vec<Problem>),
}

fn problem_list(problems: &[Problem]) -> String {
    problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")
}
