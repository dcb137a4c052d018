//! Next-best benefit per segment (docs/model.md, "Next-best benefit"): the current scheme and one
//! variant per candidate change run on the same futures (common random numbers), every customer's
//! margin tallied by segment. Tier bounds are fixed at the end of the history and customers are
//! simulated independently, so a segment's margin under a variant is exactly what the change would
//! earn if only that segment got it. The recommendation is the change with the highest mean
//! incremental margin per customer if that is above zero (it pays for itself), else leave as is.

use serde::{Deserialize, Serialize};

use super::segments::SegmentLabels;
use crate::engine::evaluate::PreparedData;
use crate::engine::members::Language;
use crate::engine::progress::Progress;
use crate::engine::scenario::{HeadStart, HeadStartMembers, Scenario};
use crate::engine::simulate::baseline::Baseline;
use crate::engine::simulate::groups::GroupDefinitions;
use crate::engine::simulate::kpi::Spread;
use crate::engine::simulate::{SimulateError, Simulation, SimulationSettings};

/// Percentage points added to every tier's discount.
pub const MORE_DISCOUNT_POINTS: f64 = 2.0;
/// Added to every tier's points multiplier.
pub const MORE_POINTS_MULTIPLIER: f64 = 0.5;
/// Welcome points and the share of the way to the next tier credited at launch (2 of 10 stamps,
/// the endowed-progress experiment's head start).
pub const WELCOME_POINTS: f64 = 100.0;
pub const HEAD_START_PERCENT: f64 = 20.0;
/// Factor on every tier's gift budget.
pub const BIGGER_GIFT_FACTOR: f64 = 1.5;

/// A change to the current scheme tried for every segment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BenefitChange {
    /// Every tier's discount up by `points` percentage points.
    MoreDiscount { points: f64 },
    /// Free shipping for every tier.
    FreeShipping,
    /// Every tier's points multiplier up by `by`.
    HigherPointsMultiplier { by: f64 },
    /// Welcome points and a head start toward the next tier at launch, for every member.
    WelcomePoints { points: f64, progress_percent: f64 },
    /// Every tier's gift budget times `factor` (only when the scheme has gifts).
    BiggerGift { factor: f64 },
}

impl BenefitChange {
    /// The candidate changes that mean something for `scheme`.
    pub fn candidates(scheme: &Scenario) -> Vec<BenefitChange> {
        let mut changes = vec![BenefitChange::MoreDiscount { points: MORE_DISCOUNT_POINTS }];
        if scheme.benefits.iter().any(|b| !b.free_shipping) {
            changes.push(BenefitChange::FreeShipping);
        }
        changes.push(BenefitChange::HigherPointsMultiplier { by: MORE_POINTS_MULTIPLIER });
        changes.push(BenefitChange::WelcomePoints { points: WELCOME_POINTS, progress_percent: HEAD_START_PERCENT });
        if scheme.benefits.iter().any(|b| b.gift_cost_per_year > 0.0) {
            changes.push(BenefitChange::BiggerGift { factor: BIGGER_GIFT_FACTOR });
        }
        changes
    }

    pub fn apply(&self, scheme: &Scenario) -> Scenario {
        let mut s = scheme.clone();
        match *self {
            BenefitChange::MoreDiscount { points } => {
                for b in &mut s.benefits {
                    b.discount_percent = (b.discount_percent + points).min(100.0);
                }
            }
            BenefitChange::FreeShipping => s.benefits.iter_mut().for_each(|b| b.free_shipping = true),
            BenefitChange::HigherPointsMultiplier { by } => {
                s.benefits.iter_mut().for_each(|b| b.points_multiplier += by)
            }
            BenefitChange::WelcomePoints { points, progress_percent } => {
                let current = s.head_start.take();
                s.head_start = Some(HeadStart {
                    members: HeadStartMembers::All,
                    welcome_points: current.as_ref().map_or(0.0, |h| h.welcome_points) + points,
                    progress_percent: current.as_ref().map_or(0.0, |h| h.progress_percent).max(progress_percent),
                });
            }
            BenefitChange::BiggerGift { factor } => s.benefits.iter_mut().for_each(|b| b.gift_cost_per_year *= factor),
        }
        s
    }

    /// Plain English for the CLI and the member list (the page words the typed value itself).
    pub fn describe(&self) -> String {
        match self {
            BenefitChange::MoreDiscount { points } => format!("discount +{points} pp"),
            BenefitChange::FreeShipping => "free shipping".into(),
            BenefitChange::HigherPointsMultiplier { by } => format!("points multiplier +{by}"),
            BenefitChange::WelcomePoints { points, progress_percent } => {
                format!("welcome points {points} + head start {progress_percent} %")
            }
            BenefitChange::BiggerGift { factor } => format!("gift x{factor}"),
        }
    }
}

/// What to do for a segment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Recommendation {
    Change {
        change: BenefitChange,
    },
    /// No candidate pays for itself.
    LeaveAsIs,
}

impl Recommendation {
    pub fn describe(&self) -> String {
        match self {
            Recommendation::Change { change } => change.describe(),
            Recommendation::LeaveAsIs => "leave as is".into(),
        }
    }
}

/// One candidate change for one segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeOutcome {
    pub change: BenefitChange,
    /// Margin after benefits per customer of the segment, variant minus current, across futures.
    pub margin_per_customer: Spread,
    /// Share of futures in which this change earns the most (leaving the scheme as is counts as
    /// an option earning zero; ties split).
    pub chance_best: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentAdvice {
    pub segment: String,
    pub customers: usize,
    pub options: Vec<ChangeOutcome>,
    pub recommendation: Recommendation,
}

/// Every segment's options and recommendation, segments in the order of `labels.names` (empty
/// segments left out).
pub fn next_best_benefit(
    current: &Scenario,
    labels: &SegmentLabels,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    progress: &mut dyn Progress,
) -> Result<Vec<SegmentAdvice>, SimulateError> {
    let changes = BenefitChange::candidates(current);
    let schemes: Vec<Scenario> =
        std::iter::once(current.clone()).chain(changes.iter().map(|c| c.apply(current))).collect();
    let groups = GroupDefinitions::segments(&labels.names, &labels.membership);
    let simulation = Simulation::new(&schemes, 0, data, baseline, settings, progress)?.with_groups(groups);
    let merged = simulation.run_replications(0..settings.replications, progress);
    let margin_of = |plan: usize, r: usize, g: usize| {
        let gross_margin = schemes[plan - 1].economics.gross_margin_percent / 100.0;
        merged[r][plan].groups[g].margin(gross_margin)
    };
    let sizes = labels.sizes();
    let mut advice = Vec::new();
    for (g, name) in labels.names.iter().enumerate().filter(|(g, _)| sizes[*g] > 0) {
        let customers = sizes[g] as f64;
        // per_future[option][r]: incremental margin per customer of the segment.
        let per_future: Vec<Vec<f64>> = (0..changes.len())
            .map(|o| (0..merged.len()).map(|r| (margin_of(o + 2, r, g) - margin_of(1, r, g)) / customers).collect())
            .collect();
        let mut wins = vec![0.0; changes.len()];
        for r in 0..merged.len() {
            let best = per_future.iter().map(|v| v[r]).fold(0.0, f64::max);
            let tied: Vec<usize> = (0..changes.len()).filter(|&o| per_future[o][r] == best).collect();
            let share = 1.0 / (tied.len() + usize::from(best == 0.0)) as f64;
            for o in tied {
                wins[o] += share;
            }
        }
        let options: Vec<ChangeOutcome> = changes
            .iter()
            .zip(&per_future)
            .zip(&wins)
            .map(|((change, values), wins)| ChangeOutcome {
                change: *change,
                margin_per_customer: Spread::of(values),
                chance_best: wins / merged.len() as f64,
            })
            .collect();
        let best = options
            .iter()
            .filter(|o| o.margin_per_customer.mean > 0.0)
            .max_by(|x, y| x.margin_per_customer.mean.total_cmp(&y.margin_per_customer.mean));
        let recommendation = best.map_or(Recommendation::LeaveAsIs, |o| Recommendation::Change { change: o.change });
        advice.push(SegmentAdvice { segment: name.clone(), customers: sizes[g], options, recommendation });
    }
    Ok(advice)
}

impl Recommendation {
    /// The words in a member list file (it leaves the program, so its words are written here).
    pub fn words(&self, language: Language) -> String {
        let zh = language == Language::Zh;
        match self {
            Recommendation::LeaveAsIs => {
                if zh {
                    "维持现状".into()
                } else {
                    "leave as is".into()
                }
            }
            Recommendation::Change { change } => match (change, zh) {
                (BenefitChange::MoreDiscount { points }, true) => format!("折扣 +{points} 个百分点"),
                (BenefitChange::FreeShipping, true) => "包邮".into(),
                (BenefitChange::HigherPointsMultiplier { by }, true) => format!("积分倍率 +{by}"),
                (BenefitChange::WelcomePoints { points, progress_percent }, true) => {
                    format!("欢迎积分 {points} + 升级进度预赠 {progress_percent} %")
                }
                (BenefitChange::BiggerGift { factor }, true) => format!("礼品 x{factor}"),
                (change, false) => change.describe(),
            },
        }
    }
}

/// The member list's `next_best_benefit` column: the recommendations' words and each customer's
/// index into them (`u32::MAX` outside every segment), for `MemberList::with_next_best_benefit`.
pub fn member_column(labels: &SegmentLabels, advice: &[SegmentAdvice], language: Language) -> (Vec<String>, Vec<u32>) {
    let words: Vec<String> = advice.iter().map(|a| a.recommendation.words(language)).collect();
    let codes = labels
        .membership
        .iter()
        .map(|m| {
            m.and_then(|g| advice.iter().position(|a| a.segment == labels.names[g])).map_or(u32::MAX, |i| i as u32)
        })
        .collect();
    (words, codes)
}
