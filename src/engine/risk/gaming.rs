//! Threshold gaming: at the end of a qualifying window, a score that the window's last month lifted
//! just over a tier bound, with that month adding far more than the customer's usual month. The
//! replay works in calendar months, so "near the end" is the window's last month.
//!
//! Window ends: each December for calendar-year windows, the month before each membership
//! anniversary for anniversary windows, and the downgrade evaluation months for rolling and
//! lifetime windows (without evaluations such windows never end, and the rule does not apply).

use super::flags::{Flag, FlagDetail, FlagKind, RuleState};
use super::settings::RiskSettings;
use crate::engine::date::MonthIndex;
use crate::engine::features::monthly::MonthlyActivity;
use crate::engine::features::table::{range_start, MonthRange};
use crate::engine::prepared::{score_over, window_range, EvaluateError, PreparedData};
use crate::engine::replay::evaluation_due;
use crate::engine::scenario::{Evaluation, QualifyingWindow, Scenario};
use crate::engine::tiers::{resolve_bounds, tier_of};

/// What threshold gaming is judged against: the scenario (window, scoring, evaluations) and the
/// population's entry bounds (one per tier above the first).
#[derive(Clone)]
pub struct GamingContext<'a> {
    pub scenario: &'a Scenario,
    pub bounds: Vec<f64>,
}

/// The context for `scenario`, with bounds drawn on everybody's final scores (`None` for data
/// without months).
pub(super) fn context_for<'a>(
    scenario: &'a Scenario,
    data: &PreparedData,
) -> Result<Option<GamingContext<'a>>, EvaluateError> {
    let Some(monthly) = data.monthly.as_ref() else { return Ok(None) };
    data.features_for(scenario).check(&scenario.scoring_features())?;
    let last = monthly.month_count.saturating_sub(1);
    let scores = score_over(scenario, data, monthly, window_range(scenario.tiers.window, last)).scores;
    Ok(Some(GamingContext { scenario, bounds: resolve_bounds(&scenario.tiers.thresholds, &scores) }))
}

/// Whether the window of `customer` ends with `month`.
fn window_ends(scenario: &Scenario, monthly: &MonthlyActivity, month: usize, customer: usize) -> bool {
    let join = monthly.join_month(customer);
    if month < join {
        return false;
    }
    let calendar_month = MonthIndex(monthly.first_month.0 + month as i32).month();
    match scenario.tiers.window {
        QualifyingWindow::CalendarYear => calendar_month == 12,
        QualifyingWindow::Anniversary => (month - join) % 12 == 11,
        QualifyingWindow::Lifetime | QualifyingWindow::RollingMonths { .. } => {
            evaluation_due(scenario.tiers.downgrade.evaluation, calendar_month, month - join)
        }
    }
}

/// The window ending with `month` without its last month (same start), when it has other months.
fn window_before(window: QualifyingWindow, month: usize) -> Option<MonthRange> {
    let to = month.checked_sub(1)?;
    match window {
        QualifyingWindow::Lifetime => Some(MonthRange::UpTo { to }),
        QualifyingWindow::RollingMonths { months } if months >= 2 => {
            Some(MonthRange::Rolling { to, months: months as usize - 1 })
        }
        QualifyingWindow::RollingMonths { .. } => None,
        QualifyingWindow::CalendarYear => Some(MonthRange::CalendarYear { to }),
        QualifyingWindow::Anniversary => Some(MonthRange::Anniversary { to }),
    }
}

pub(super) fn apply(
    context: &GamingContext,
    data: &PreparedData,
    monthly: &MonthlyActivity,
    settings: &RiskSettings,
    flags: &mut [Vec<Flag>],
) -> RuleState {
    let scenario = context.scenario;
    let window = scenario.tiers.window;
    let never_ends = match window {
        QualifyingWindow::Lifetime | QualifyingWindow::RollingMonths { .. } => {
            scenario.tiers.downgrade.evaluation == Evaluation::Never
        }
        _ => false,
    } || matches!(window, QualifyingWindow::RollingMonths { months } if months < 2);
    if never_ends {
        return RuleState::WindowNeverEnds;
    }
    let customers = monthly.customer_count();
    let mut found: Vec<Option<Flag>> = vec![None; customers];
    for month in 1..monthly.month_count {
        let ending: Vec<usize> = (0..customers).filter(|&c| window_ends(scenario, monthly, month, c)).collect();
        let Some(before_range) = window_before(window, month) else { continue };
        if ending.is_empty() {
            continue;
        }
        let range = window_range(window, month);
        let at_end = score_over(scenario, data, monthly, range).scores;
        let before = score_over(scenario, data, monthly, before_range).scores;
        for c in ending {
            let months_before = month - range_start(range, monthly, c).max(monthly.join_month(c));
            if let Some(flag) = judge(context, settings, at_end[c], before[c], months_before, month, monthly) {
                let windows = match &found[c] {
                    Some(Flag { detail: FlagDetail::ThresholdGaming { windows, .. }, .. }) => windows + 1,
                    _ => 1,
                };
                found[c] = Some(with_windows(flag, windows));
            }
        }
    }
    for (c, flag) in found.into_iter().enumerate() {
        flags[c].extend(flag);
    }
    RuleState::Applied
}

fn with_windows(mut flag: Flag, count: u32) -> Flag {
    if let FlagDetail::ThresholdGaming { windows, .. } = &mut flag.detail {
        *windows = count;
    }
    flag
}

/// One customer at one window end: the highest bound reached was crossed in the last month, the score
/// ends at most `gaming_just_above_percent` above it, and the last month added at least
/// `gaming_late_multiple` times the average of the window's earlier months.
pub(super) fn judge(
    context: &GamingContext,
    settings: &RiskSettings,
    score: f64,
    score_before: f64,
    months_before: usize,
    month: usize,
    monthly: &MonthlyActivity,
) -> Option<Flag> {
    if !score.is_finite() || !score_before.is_finite() || months_before == 0 {
        return None;
    }
    let reached = tier_of(score, &context.bounds);
    let bound = *context.bounds.get(reached.checked_sub(1)?)?;
    let above_percent = (score / bound - 1.0) * 100.0;
    let late = score - score_before;
    let usual_month = score_before.max(0.0) / months_before as f64;
    let gamed = bound > 0.0
        && score_before < bound
        && above_percent <= settings.gaming_just_above_percent
        && late >= settings.gaming_late_multiple * usual_month;
    gamed.then(|| Flag {
        kind: FlagKind::ThresholdGaming,
        figure: above_percent,
        threshold: settings.gaming_just_above_percent,
        detail: FlagDetail::ThresholdGaming {
            tier: reached as u8,
            bound,
            score,
            score_before_last_month: score_before,
            month: MonthIndex(monthly.first_month.0 + month as i32).label(),
            windows: 1,
        },
    })
}
