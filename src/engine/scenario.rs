//! The scenario document: how customers are scored, how tiers are drawn, what each tier gets, and the
//! economic assumptions. One JSON format (versioned) shared by the page, the CLI and the tests.

use serde::{Deserialize, Serialize};

pub const SCENARIO_SCHEMA: &str = "tierlab.scenario";
pub const SCENARIO_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub schema: String,
    pub version: u32,
    pub name: String,
    pub scoring: Scoring,
    pub tiers: TierRules,
    /// One entry per tier, lowest tier first.
    pub benefits: Vec<TierBenefits>,
    pub economics: Economics,
}

/// How a customer's score is computed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scoring {
    /// Growth value (成长值, DOMAIN.md 4.2): `amount * w_amount + orders * w_orders + interactions * w_interactions`,
    /// accumulated over the whole history.
    GrowthValue { amount: f64, orders: f64, interactions: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRules {
    /// Tier names, lowest first (e.g. 普通 / 银牌 / 金牌 / 钻石).
    pub names: Vec<String>,
    pub thresholds: Thresholds,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Thresholds {
    /// Lower score bound of every tier but the first, increasing. A customer is in the highest tier
    /// whose bound their score reaches.
    Absolute { lower_bounds: Vec<f64> },
    /// Target share of customers per tier in percent, lowest tier first, summing to 100. Bounds are
    /// the matching score quantiles; customers with equal scores always share a tier.
    TargetShares { percent: Vec<f64> },
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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Economics {
    /// Base points earned per currency unit spent (before the tier multiplier).
    pub points_per_currency_unit: f64,
    /// What one redeemed point costs the business, in currency units.
    pub point_cost: f64,
    /// Share of issued points never redeemed, in percent (retail: 20-35 %).
    pub breakage_percent: f64,
    /// What shipping one order costs the business when shipping is free for the customer.
    pub shipping_cost_per_order: f64,
    /// Gross margin on revenue before benefits, in percent.
    pub gross_margin_percent: f64,
}

impl Default for Economics {
    fn default() -> Self {
        Economics {
            points_per_currency_unit: 1.0,
            point_cost: 0.01,
            breakage_percent: 25.0,
            shipping_cost_per_order: 8.0,
            gross_margin_percent: 30.0,
        }
    }
}

impl Scenario {
    /// The starting point offered to users: seed 003's growth value with four tiers by target share.
    pub fn template() -> Scenario {
        Scenario {
            schema: SCENARIO_SCHEMA.to_string(),
            version: SCENARIO_VERSION,
            name: "A".to_string(),
            scoring: Scoring::GrowthValue { amount: 0.7, orders: 0.2, interactions: 0.1 },
            tiers: TierRules {
                names: ["普通 Regular", "银牌 Silver", "金牌 Gold", "钻石 Diamond"].map(String::from).to_vec(),
                thresholds: Thresholds::TargetShares { percent: vec![60.0, 25.0, 10.0, 5.0] },
            },
            benefits: vec![
                TierBenefits {
                    discount_percent: 0.0,
                    points_multiplier: 1.0,
                    free_shipping: false,
                    gift_cost_per_year: 0.0,
                },
                TierBenefits {
                    discount_percent: 2.0,
                    points_multiplier: 1.2,
                    free_shipping: false,
                    gift_cost_per_year: 0.0,
                },
                TierBenefits {
                    discount_percent: 5.0,
                    points_multiplier: 1.5,
                    free_shipping: true,
                    gift_cost_per_year: 20.0,
                },
                TierBenefits {
                    discount_percent: 8.0,
                    points_multiplier: 2.0,
                    free_shipping: true,
                    gift_cost_per_year: 60.0,
                },
            ],
            economics: Economics::default(),
        }
    }

    pub fn tier_count(&self) -> usize {
        self.tiers.names.len()
    }

    /// Parses a scenario file, upgrading older versions, and checks every field.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ScenarioError::Syntax { line: e.line(), message: e.to_string() })?;
        let schema = value.get("schema").and_then(|s| s.as_str()).unwrap_or_default();
        if schema != SCENARIO_SCHEMA {
            return Err(ScenarioError::NotAScenario);
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version == 0 || version > u64::from(SCENARIO_VERSION) {
            return Err(ScenarioError::UnsupportedVersion { found: version, supported: SCENARIO_VERSION });
        }
        let scenario: Scenario =
            serde_json::from_value(value).map_err(|e| ScenarioError::Shape { message: e.to_string() })?;
        let problems = scenario.validate();
        if problems.is_empty() {
            Ok(scenario)
        } else {
            Err(ScenarioError::Invalid(problems))
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Every problem with the settings, each tied to the field it concerns.
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut check = |ok: bool, field: String, kind: ProblemKind| {
            if !ok {
                problems.push(Problem { field, kind });
            }
        };
        let tiers = self.tier_count();
        check(!self.name.trim().is_empty(), "name".into(), ProblemKind::Empty);
        check((2..=8).contains(&tiers), "tiers.names".into(), ProblemKind::TierCount { min: 2, max: 8 });
        for (i, name) in self.tiers.names.iter().enumerate() {
            check(!name.trim().is_empty(), format!("tiers.names[{i}]"), ProblemKind::Empty);
            let duplicate = self.tiers.names[..i].iter().any(|n| n.trim() == name.trim());
            check(!duplicate, format!("tiers.names[{i}]"), ProblemKind::Duplicate);
        }
        match &self.scoring {
            Scoring::GrowthValue { amount, orders, interactions } => {
                for (field, w) in [("amount", amount), ("orders", orders), ("interactions", interactions)] {
                    check(w.is_finite(), format!("scoring.{field}"), ProblemKind::NotANumber);
                    check(*w >= 0.0, format!("scoring.{field}"), ProblemKind::Negative);
                }
                check(*amount + *orders + *interactions > 0.0, "scoring".into(), ProblemKind::AllWeightsZero);
            }
        }
        match &self.tiers.thresholds {
            Thresholds::Absolute { lower_bounds } => {
                check(
                    lower_bounds.len() + 1 == tiers,
                    "tiers.thresholds.lower_bounds".into(),
                    ProblemKind::Count { expected: tiers.saturating_sub(1), found: lower_bounds.len() },
                );
                for (i, bound) in lower_bounds.iter().enumerate() {
                    check(bound.is_finite(), format!("tiers.thresholds.lower_bounds[{i}]"), ProblemKind::NotANumber);
                    if i > 0 {
                        check(
                            *bound > lower_bounds[i - 1],
                            format!("tiers.thresholds.lower_bounds[{i}]"),
                            ProblemKind::NotIncreasing,
                        );
                    }
                }
            }
            Thresholds::TargetShares { percent } => {
                check(
                    percent.len() == tiers,
                    "tiers.thresholds.percent".into(),
                    ProblemKind::Count { expected: tiers, found: percent.len() },
                );
                for (i, share) in percent.iter().enumerate() {
                    check(
                        share.is_finite() && (0.0..=100.0).contains(share),
                        format!("tiers.thresholds.percent[{i}]"),
                        ProblemKind::OutOfRange { min: 0.0, max: 100.0 },
                    );
                }
                let sum: f64 = percent.iter().sum();
                check(
                    (sum - 100.0).abs() < 0.01,
                    "tiers.thresholds.percent".into(),
                    ProblemKind::SharesDoNotSum { sum },
                );
            }
        }
        check(
            self.benefits.len() == tiers,
            "benefits".into(),
            ProblemKind::Count { expected: tiers, found: self.benefits.len() },
        );
        for (i, b) in self.benefits.iter().enumerate() {
            let range = |v: f64, min: f64, max: f64| v.is_finite() && v >= min && v <= max;
            check(
                range(b.discount_percent, 0.0, 100.0),
                format!("benefits[{i}].discount_percent"),
                ProblemKind::OutOfRange { min: 0.0, max: 100.0 },
            );
            check(
                range(b.points_multiplier, 0.0, 100.0),
                format!("benefits[{i}].points_multiplier"),
                ProblemKind::OutOfRange { min: 0.0, max: 100.0 },
            );
            check(
                range(b.gift_cost_per_year, 0.0, 1e9),
                format!("benefits[{i}].gift_cost_per_year"),
                ProblemKind::OutOfRange { min: 0.0, max: 1e9 },
            );
        }
        let e = &self.economics;
        for (field, value, min, max) in [
            ("points_per_currency_unit", e.points_per_currency_unit, 0.0, 1e6),
            ("point_cost", e.point_cost, 0.0, 1e6),
            ("breakage_percent", e.breakage_percent, 0.0, 100.0),
            ("shipping_cost_per_order", e.shipping_cost_per_order, 0.0, 1e6),
            ("gross_margin_percent", e.gross_margin_percent, -100.0, 100.0),
        ] {
            check(
                value.is_finite() && value >= min && value <= max,
                format!("economics.{field}"),
                ProblemKind::OutOfRange { min, max },
            );
        }
        problems
    }
}

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
    TierCount { min: usize, max: usize },
    Count { expected: usize, found: usize },
    OutOfRange { min: f64, max: f64 },
    SharesDoNotSum { sum: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScenarioError {
    Syntax { line: usize, message: String },
    NotAScenario,
    UnsupportedVersion { found: u64, supported: u32 },
    Shape { message: String },
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match &self.kind {
            ProblemKind::Empty => "must not be empty".to_string(),
            ProblemKind::Duplicate => "repeats an earlier name".to_string(),
            ProblemKind::NotANumber => "is not a number".to_string(),
            ProblemKind::Negative => "must not be negative".to_string(),
            ProblemKind::AllWeightsZero => "needs at least one weight above zero".to_string(),
            ProblemKind::NotIncreasing => "must be higher than the bound before it".to_string(),
            ProblemKind::TierCount { min, max } => format!("needs between {min} and {max} tiers"),
            ProblemKind::Count { expected, found } => format!("needs {expected} values, found {found}"),
            ProblemKind::OutOfRange { min, max } => format!("must be between {min} and {max}"),
            ProblemKind::SharesDoNotSum { sum } => format!("shares add up to {sum:.2} %, not 100 %"),
        };
        write!(f, "{} {}", self.field, what)
    }
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScenarioError::Syntax { line, message } => write!(f, "not valid JSON (line {line}): {message}"),
            ScenarioError::NotAScenario => {
                write!(f, "not a TierLab scenario (\"schema\" must be \"{SCENARIO_SCHEMA}\")")
            }
            ScenarioError::UnsupportedVersion { found, supported } => {
                write!(f, "scenario version {found} is not supported (this TierLab reads 1 to {supported})")
            }
            ScenarioError::Shape { message } => write!(f, "scenario fields are wrong: {message}"),
            ScenarioError::Invalid(problems) => {
                let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                write!(f, "{}", list.join("; "))
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
        let parsed = Scenario::from_json(&template.to_json()).unwrap();
        assert_eq!(parsed, template);
    }

    #[test]
    fn problems_name_their_field() {
        let mut s = Scenario::template();
        s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![100.0, 50.0, 1000.0] };
        s.benefits[2].discount_percent = 150.0;
        s.economics.breakage_percent = f64::NAN;
        let fields: Vec<String> = s.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                "tiers.thresholds.lower_bounds[1]".to_string(),
                "benefits[2].discount_percent".to_string(),
                "economics.breakage_percent".to_string()
            ]
        );
    }

    #[test]
    fn shares_must_sum_to_100() {
        let mut s = Scenario::template();
        s.tiers.thresholds = Thresholds::TargetShares { percent: vec![60.0, 25.0, 10.0, 4.0] };
        assert_eq!(s.validate()[0].kind, ProblemKind::SharesDoNotSum { sum: 99.0 });
    }

    #[test]
    fn rejects_foreign_and_future_documents() {
        assert_eq!(Scenario::from_json("{\"a\":1}"), Err(ScenarioError::NotAScenario));
        let future = Scenario::template().to_json().replace("\"version\": 1", "\"version\": 99");
        assert!(matches!(Scenario::from_json(&future), Err(ScenarioError::UnsupportedVersion { found: 99, .. })));
        assert!(matches!(Scenario::from_json("{ not json"), Err(ScenarioError::Syntax { line: 1, .. })));
    }
}
