//! Schemes made ready for the customer loop: each evaluated on the history (tiers, scores, bounds
//! and points balances at the end of the data) with its qualifying windows; and the no-program
//! counterfactual, which has none of it.

use crate::engine::date::MonthIndex;
use crate::engine::evaluate::{evaluate, Evaluated, PreparedData, NO_BOUNDS};
use crate::engine::progress::Progress;
use crate::engine::scenario::{Assumptions, Scenario, Scoring};

use super::calendar::Calendar;
use super::month_score::{MonthActivity, MonthScorer};
use super::response::{fade_by_month, way_to_next_tier};
use super::run::{MeasurePlan, SchemePlan};
use super::settings::SimulateError;
use super::window::WindowStart;

/// Letter naming scheme `index` in messages (A, B, C, ...).
pub fn scheme_letter(index: usize) -> String {
    char::from(b'A' + (index % 26) as u8).to_string()
}

/// Where the simulated months sit: right after the history of an event log, or `+1`, `+2` ... for
/// a customer table.
pub fn calendar_after_history(data: &PreparedData, months: usize) -> Calendar {
    match &data.monthly {
        Some(m) => Calendar::new(m.month_count, m.first_month, months),
        None => Calendar::new(0, MonthIndex(0), months),
    }
}

/// `YYYY-MM` of each simulated month (`+1`, `+2`, ... for customer tables).
pub fn month_labels(data: &PreparedData, calendar: &Calendar) -> Vec<String> {
    (0..calendar.months)
        .map(|m| match &data.monthly {
            Some(_) => MonthIndex(calendar.first_month.0 + calendar.absolute(m) as i32).label(),
            None => format!("+{}", m + 1),
        })
        .collect()
}

/// Month each customer joined (their first event), counted from the first month of the data.
pub fn join_months(data: &PreparedData, customers: usize) -> Vec<usize> {
    (0..customers).map(|c| data.monthly.as_ref().map_or(0, |m| m.join_month(c))).collect()
}

/// A scheme evaluated on the history, with what the customer loop needs. It depends on the scheme
/// and the data only (not on the horizon or the other settings), so it can be kept from one
/// simulation of the scheme to the next (`KeptHistories`).
pub struct SchemeHistory {
    pub evaluated: Evaluated,
    pub scorer: MonthScorer,
    /// The second qualifying criterion's measure and its window at the end of the history.
    measure: Option<(MonthScorer, WindowStart)>,
    level_bonus: Option<Vec<f64>>,
    start_points: Vec<f64>,
    window_start: WindowStart,
    /// Head start per customer, in score units (empty without one).
    launch_credit: Vec<f64>,
    /// Welcome points per customer (empty without them).
    welcome_points: Vec<f64>,
}

impl SchemeHistory {
    /// `which` names the scheme in errors (A, B, ...).
    pub fn new(
        which: &str,
        scenario: &Scenario,
        data: &PreparedData,
        join: &[usize],
        calendar: &Calendar,
        progress: &mut dyn Progress,
    ) -> Result<SchemeHistory, SimulateError> {
        let customers = join.len();
        let mut evaluated = evaluate(scenario, data, progress)
            .map_err(|error| SimulateError::Evaluate { which: which.into(), error })?;
        let start_points = evaluated.points.take().map_or_else(|| vec![0.0; customers], |p| p.balance);
        // What the history's evaluation reports besides the customers' standing (each score's terms,
        // the month-by-month tiers, the risk report, segment names) is not simulated: let it go
        // before the simulation's own per-customer state is built (tens of bytes a customer).
        evaluated.scored = Default::default();
        evaluated.timeline = None;
        evaluated.risk = None;
        evaluated.segment_of_customer = None;
        let level_bonus =
            scenario.points.level_bonus.as_ref().map(|b| b.k.iter().map(|k| b.base + k * (b.top - b.base)).collect());
        let scorer = MonthScorer::for_scenario(scenario);
        let window_of = |scorer: &MonthScorer| {
            WindowStart::compute(scorer, scenario.tiers.window, customers, join, calendar, |customer, out| {
                if let Some(monthly) = &data.monthly {
                    for entry in monthly.offsets[customer] as usize..monthly.offsets[customer + 1] as usize {
                        let activity = MonthActivity::from_history(&monthly.totals(entry), monthly.has_payments);
                        out.push((monthly.month[entry] as usize, scorer.contribution(&activity)));
                    }
                }
            })
        };
        let window_start = window_of(&scorer);
        let measure = scenario.tiers.second_criterion.as_ref().map(|second| {
            let measure_scorer = MonthScorer::for_measure(second.measure);
            let start = window_of(&measure_scorer);
            (measure_scorer, start)
        });
        let (launch_credit, welcome_points) = head_starts(scenario, data, &evaluated);
        Ok(SchemeHistory {
            evaluated,
            scorer,
            measure,
            level_bonus,
            start_points,
            window_start,
            launch_credit,
            welcome_points,
        })
    }

    /// The plan of `s` (the scheme this is the history of) for a horizon of `months`.
    pub fn plan<'s>(&'s self, s: &'s Scenario, months: usize) -> SchemePlan<'s> {
        SchemePlan {
            scenario: Some(s),
            assumptions: s.assumptions.clone(),
            scorer: self.scorer.clone(),
            start_tier: &self.evaluated.final_tiers,
            start_score: &self.evaluated.final_scores,
            entry: &self.evaluated.entry_bounds,
            retain: &self.evaluated.retain_bounds,
            second: self.measure.as_ref().map(|(scorer, window_start)| MeasurePlan {
                evaluated: &self.evaluated,
                scorer: scorer.clone(),
                window_start,
            }),
            segment_multiplier: &self.evaluated.segment_multiplier,
            start_points: &self.start_points,
            level_bonus: self.level_bonus.clone(),
            window_start: &self.window_start,
            launch_credit: &self.launch_credit,
            welcome_points: &self.welcome_points,
            fade: fade_by_month(&s.assumptions, months),
            tiers: s.tier_count(),
            gross_margin: s.economics.gross_margin_percent / 100.0,
            redeem_share: 1.0 - s.points.breakage_percent / 100.0,
        }
    }
}

/// Each customer's head start: the credit on their tier score (the share of the way from their
/// tier's bound to the next one, plus welcome points when the score counts points) and their
/// welcome points. Empty vectors without a head start.
fn head_starts(scenario: &Scenario, data: &PreparedData, evaluated: &Evaluated) -> (Vec<f64>, Vec<f64>) {
    let Some(head_start) = &scenario.head_start else { return (Vec::new(), Vec::new()) };
    let customers = evaluated.final_tiers.len();
    // Without purchase counts nobody can be told to be new.
    let purchases = |c: usize| data.activity.as_ref().map_or(u32::MAX, |a| a.orders[c]);
    let points_count = matches!(scenario.scoring, Scoring::QualifyingPoints);
    let mut credit = vec![0.0; customers];
    let mut welcome = vec![0.0; customers];
    for c in (0..customers).filter(|&c| head_start.applies_to(purchases(c))) {
        let way = way_to_next_tier(evaluated.final_tiers[c], &evaluated.entry_bounds[c])
            .map_or(0.0, |(floor, next)| head_start.progress_percent / 100.0 * (next - floor));
        credit[c] = way + if points_count { head_start.welcome_points } else { 0.0 };
        welcome[c] = head_start.welcome_points;
    }
    (credit, welcome)
}

/// The no-program counterfactual: one tier, no benefits, no response, no points. Its margin is
/// taken at `gross_margin` (a fraction).
pub fn no_program_plan(no_window: &WindowStart, gross_margin: f64) -> SchemePlan<'_> {
    SchemePlan {
        scenario: None,
        assumptions: Assumptions::no_response(),
        scorer: MonthScorer::Frozen,
        start_tier: &[],
        start_score: &[],
        entry: &NO_BOUNDS,
        retain: &NO_BOUNDS,
        second: None,
        segment_multiplier: &[],
        start_points: &[],
        level_bonus: None,
        window_start: no_window,
        launch_credit: &[],
        welcome_points: &[],
        fade: Vec::new(),
        tiers: 1,
        gross_margin,
        redeem_share: 0.0,
    }
}
