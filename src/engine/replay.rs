//! Replays tier rules month by month over the real history: every customer's tier timeline,
//! upgrades and downgrades per month, tier membership over time.
//!
//! The replay works in calendar months. At the end of each month the score over the qualifying
//! window is compared with the bounds: upgrades happen at the end of the month in which the entry
//! bound is reached ("immediately"), or after N consecutive qualifying month ends; downgrades only at
//! evaluation months, after the grace period, by one tier or straight to the tier the score retains.
//! A customer is a member from the month of their first event.

use serde::{Deserialize, Serialize};

use super::features::monthly::MonthlyActivity;
use super::scenario::{Combine, DowngradeStep, Evaluation, TierRules, UpgradeRule};
use super::tiers::tier_of;

/// Marks months before a customer's first event.
pub const NOT_MEMBER: u8 = u8::MAX;

/// Tier of every customer at the end of every month (month-major, `tiers[month * customers + c]`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub months: usize,
    pub customers: usize,
    pub tiers: Vec<u8>,
    pub summary: TimelineSummary,
}

/// Month-level counts of the replay, for charts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimelineSummary {
    /// `YYYY-MM` of each month.
    pub labels: Vec<String>,
    /// Members per tier at the end of each month: `members[month][tier]`.
    pub members: Vec<Vec<u32>>,
    /// Customers moved up / down at the end of each month.
    pub upgrades: Vec<u32>,
    pub downgrades: Vec<u32>,
}

impl Timeline {
    /// Tier at the end of `month` (`NOT_MEMBER` before the customer's first event).
    pub fn tier_at(&self, month: usize, customer: usize) -> u8 {
        self.tiers[month * self.customers + customer]
    }

    /// The tier whose benefits apply to purchases during `month`: the tier held at the end of the
    /// previous month; a customer in their first month starts in the lowest tier.
    pub fn tier_during(&self, month: usize, customer: usize) -> u8 {
        match month.checked_sub(1).map(|previous| self.tier_at(previous, customer)) {
            Some(tier) if tier != NOT_MEMBER => tier,
            _ => 0,
        }
    }

    /// The tier history of one customer, one entry per month.
    pub fn customer_history(&self, customer: usize) -> Vec<u8> {
        (0..self.months).map(|m| self.tier_at(m, customer)).collect()
    }
}

/// Per-customer bounds: entry bounds and retain bounds (both one per tier above the first), and
/// those of a second criterion when the rules have one.
pub struct CustomerBounds<'a> {
    pub entry: &'a [f64],
    pub retain: &'a [f64],
    pub second: Option<SecondBounds<'a>>,
}

/// The second criterion's bounds and how it combines with the score.
#[derive(Clone, Copy)]
pub struct SecondBounds<'a> {
    pub combine: Combine,
    pub entry: &'a [f64],
    pub retain: &'a [f64],
}

/// Where a customer stands at a month end: the score, and the second criterion's measure (ignored
/// without one) over the qualifying window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Standing {
    pub score: f64,
    pub measure: f64,
}

impl CustomerBounds<'_> {
    /// The highest tier whose entry bounds the standing reaches.
    pub fn entry_tier(&self, standing: Standing) -> usize {
        let by_score = tier_of(standing.score, self.entry);
        match &self.second {
            None => by_score,
            Some(second) => second.combine.tier(by_score, tier_of(standing.measure, second.entry)),
        }
    }

    /// The highest tier whose retain bounds the standing reaches.
    pub fn retain_tier(&self, standing: Standing) -> usize {
        let by_score = tier_of(standing.score, self.retain);
        match &self.second {
            None => by_score,
            Some(second) => second.combine.tier(by_score, tier_of(standing.measure, second.retain)),
        }
    }
}

/// Every customer's standing at one month end: scores, and the second criterion's measures (empty
/// without one).
pub struct MonthStandings {
    pub scores: Vec<f64>,
    pub measures: Vec<f64>,
}

impl MonthStandings {
    pub fn of(&self, customer: usize) -> Standing {
        Standing { score: self.scores[customer], measure: self.measures.get(customer).copied().unwrap_or(f64::NAN) }
    }
}

impl From<Vec<f64>> for MonthStandings {
    /// Scores alone (rules without a second criterion).
    fn from(scores: Vec<f64>) -> MonthStandings {
        MonthStandings { scores, measures: Vec::new() }
    }
}

/// Runs the rules. `standing_at(month)` gives every customer's score (and second measure) over the
/// qualifying window ending with that month; `bounds_of(customer)` gives the bounds that apply to
/// the customer.
pub fn replay<'a>(
    rules: &TierRules,
    monthly: &MonthlyActivity,
    mut standing_at: impl FnMut(usize) -> MonthStandings,
    bounds_of: impl Fn(usize) -> CustomerBounds<'a>,
    mut on_month: impl FnMut(usize),
) -> Timeline {
    let customers = monthly.customer_count();
    let months = monthly.month_count;
    let tier_count = rules.names.len();
    let mut state = vec![MemberState::default(); customers];
    let join: Vec<usize> = (0..customers).map(|c| monthly.join_month(c)).collect();
    let mut timeline =
        Timeline { months, customers, tiers: vec![NOT_MEMBER; months * customers], ..Default::default() };
    for month in 0..months {
        let standings = standing_at(month);
        let calendar_month = (monthly.first_month.0 + month as i32).rem_euclid(12) as u32 + 1;
        let mut members = vec![0u32; tier_count];
        let (mut upgrades, mut downgrades) = (0u32, 0u32);
        for c in 0..customers {
            if month < join[c] {
                continue;
            }
            let bounds = bounds_of(c);
            let evaluation_due = evaluation_due(rules.downgrade.evaluation, calendar_month, month - join[c]);
            match state[c].step(standings.of(c), &bounds, rules, evaluation_due) {
                Move::Up => upgrades += 1,
                Move::Down => downgrades += 1,
                Move::Stay => {}
            }
            let tier = state[c].tier;
            timeline.tiers[month * customers + c] = tier;
            members[tier as usize] += 1;
        }
        timeline.summary.labels.push(super::date::MonthIndex(monthly.first_month.0 + month as i32).label());
        timeline.summary.members.push(members);
        timeline.summary.upgrades.push(upgrades);
        timeline.summary.downgrades.push(downgrades);
        on_month(month);
    }
    timeline
}

/// Whether downgrades are evaluated at the end of this month (`calendar_month` 1-12,
/// `months_as_member` counted from 0 in the join month).
pub fn evaluation_due(evaluation: Evaluation, calendar_month: u32, months_as_member: usize) -> bool {
    match evaluation {
        Evaluation::Never => false,
        Evaluation::Monthly => true,
        Evaluation::Quarterly => calendar_month % 3 == 0,
        Evaluation::Yearly => calendar_month == 12,
        // After each full membership year: the month before the anniversary month.
        Evaluation::Anniversary => months_as_member % 12 == 11,
    }
}

/// One member's position in the tier rules, advanced one month end at a time (the replay and the
/// simulator share it, so both move tiers by exactly the same rules).
#[derive(Clone, Copy, Debug, Default)]
pub struct MemberState {
    pub tier: u8,
    /// Consecutive evaluations below the retain bound of the current tier.
    evaluations_below: u32,
    /// Consecutive month ends qualifying for a higher tier, and the lowest such tier in the streak.
    qualifying_streak: u32,
    streak_tier: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Stay,
}

impl MemberState {
    pub fn starting_in(tier: u8) -> MemberState {
        MemberState { tier, ..MemberState::default() }
    }

    pub fn step(
        &mut self,
        standing: Standing,
        bounds: &CustomerBounds,
        rules: &TierRules,
        evaluation_due: bool,
    ) -> Move {
        let qualifies_for = bounds.entry_tier(standing) as u8;
        if qualifies_for > self.tier {
            let upgrade_to = match rules.upgrade {
                UpgradeRule::Immediate => Some(qualifies_for),
                UpgradeRule::ConsecutiveMonths { months } => {
                    self.streak_tier =
                        if self.qualifying_streak == 0 { qualifies_for } else { self.streak_tier.min(qualifies_for) };
                    self.qualifying_streak += 1;
                    (self.qualifying_streak >= months.max(1)).then_some(self.streak_tier)
                }
            };
            if let Some(tier) = upgrade_to {
                self.tier = tier;
                self.evaluations_below = 0;
                self.qualifying_streak = 0;
                return Move::Up;
            }
        } else {
            self.qualifying_streak = 0;
        }
        if !evaluation_due || self.tier == 0 {
            return Move::Stay;
        }
        let retains = bounds.retain_tier(standing) as u8;
        if retains >= self.tier {
            self.evaluations_below = 0;
            return Move::Stay;
        }
        self.evaluations_below += 1;
        if self.evaluations_below <= rules.downgrade.grace_evaluations {
            return Move::Stay;
        }
        self.tier = match rules.downgrade.step {
            DowngradeStep::OneTier => self.tier - 1,
            DowngradeStep::Recompute => retains,
        };
        self.evaluations_below = 0;
        Move::Down
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::activity::tests::event_log;
    use crate::engine::features::monthly::MonthlyActivity;
    use crate::engine::roles::EventKind::Pay;
    use crate::engine::scenario::{DowngradeRule, Thresholds};

    fn rules(tiers: usize) -> TierRules {
        TierRules::simple((0..tiers).map(|t| format!("T{t}")).collect(), Thresholds::Absolute { lower_bounds: vec![] })
    }

    /// One customer active from month 0 to month `months - 1` (purchases on day 0 and in the last month).
    fn one_customer(months: i64) -> MonthlyActivity {
        // 1970 months: Jan has 31 days; day 31 * months is inside month `months`... use 30.5 days.
        let last_day = (months - 1) * 365 / 12 + 1;
        let data = event_log(&[(0, 0, Pay, 1.0), (0, last_day, Pay, 1.0)]);
        MonthlyActivity::from_events(data.events.as_ref().unwrap())
    }

    fn run(rules: &TierRules, scores: &[f64], entry: &[f64], retain: &[f64]) -> Vec<u8> {
        let monthly = one_customer(scores.len() as i64);
        assert_eq!(monthly.month_count, scores.len());
        let timeline = replay(
            rules,
            &monthly,
            |m| vec![scores[m]].into(),
            |_| CustomerBounds { entry, retain, second: None },
            |_| {},
        );
        timeline.customer_history(0)
    }

    #[test]
    fn upgrades_immediately_and_never_downgrades_by_default() {
        let r = rules(3);
        assert_eq!(run(&r, &[0.0, 150.0, 600.0, 0.0], &[100.0, 500.0], &[100.0, 500.0]), vec![0, 1, 2, 2]);
    }

    #[test]
    fn downgrade_one_tier_vs_recompute() {
        // Diamond (3) reached in month 0; the score then collapses to 0 and is evaluated monthly.
        let mut r = rules(4);
        r.downgrade =
            DowngradeRule { evaluation: Evaluation::Monthly, grace_evaluations: 0, step: DowngradeStep::OneTier };
        let b = [100.0, 500.0, 1000.0];
        assert_eq!(run(&r, &[2000.0, 0.0, 0.0, 0.0], &b, &b), vec![3, 2, 1, 0]);
        r.downgrade.step = DowngradeStep::Recompute;
        assert_eq!(run(&r, &[2000.0, 0.0, 0.0, 0.0], &b, &b), vec![3, 0, 0, 0]);
        // Recompute lands on the tier the score still retains: 600 reaches the bounds 100 and 500,
        // so tier 2, skipping nothing it still earns.
        assert_eq!(run(&r, &[2000.0, 600.0], &b, &b), vec![3, 2]);
    }

    #[test]
    fn grace_period_expiring() {
        // Gold from month 0; below from month 1; two evaluations of grace: still Gold at months 1 and
        // 2, down at the third evaluation below (month 3).
        let mut r = rules(3);
        r.downgrade =
            DowngradeRule { evaluation: Evaluation::Monthly, grace_evaluations: 2, step: DowngradeStep::OneTier };
        let b = [100.0, 500.0];
        assert_eq!(run(&r, &[600.0, 50.0, 50.0, 50.0, 50.0], &b, &b), vec![2, 2, 2, 1, 1]);
        // Recovering inside the grace period resets it.
        assert_eq!(run(&r, &[600.0, 50.0, 50.0, 600.0, 50.0, 50.0], &b, &b), vec![2, 2, 2, 2, 2, 2]);
    }

    #[test]
    fn separate_retain_bounds_keep_members_who_slip_a_little() {
        // Enter Gold at 500, keep it from 400.
        let mut r = rules(3);
        r.downgrade =
            DowngradeRule { evaluation: Evaluation::Monthly, grace_evaluations: 0, step: DowngradeStep::OneTier };
        assert_eq!(run(&r, &[600.0, 450.0, 350.0], &[100.0, 500.0], &[80.0, 400.0]), vec![2, 2, 1]);
    }

    #[test]
    fn consecutive_month_upgrades() {
        // Seed 003: upgrade after three consecutive months above the bound. The streak breaks at
        // month 2, then months 3, 4, 5 qualify -> upgrade at month 5 to the lowest tier of the streak.
        let mut r = rules(3);
        r.upgrade = UpgradeRule::ConsecutiveMonths { months: 3 };
        let b = [100.0, 500.0];
        assert_eq!(run(&r, &[150.0, 150.0, 50.0, 600.0, 150.0, 700.0], &b, &b), vec![0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn quarterly_evaluation_waits_for_the_quarter_end() {
        // Months 0..5 are Jan..Jun 1970. Gold in January, below from February: the first quarterly
        // evaluation is end of March.
        let mut r = rules(3);
        r.downgrade =
            DowngradeRule { evaluation: Evaluation::Quarterly, grace_evaluations: 0, step: DowngradeStep::OneTier };
        let b = [100.0, 500.0];
        assert_eq!(run(&r, &[600.0, 0.0, 0.0, 0.0, 0.0, 0.0], &b, &b), vec![2, 2, 1, 1, 1, 0]);
    }

    #[test]
    fn members_join_in_their_first_month() {
        // Customer 1's first event is in month 2 (day 61 = 1970-03-03).
        let data = event_log(&[(0, 0, Pay, 1.0), (0, 80, Pay, 1.0), (1, 61, Pay, 1.0)]);
        let monthly = MonthlyActivity::from_events(data.events.as_ref().unwrap());
        let b = [100.0];
        let timeline = replay(
            &rules(2),
            &monthly,
            |_| vec![150.0, 150.0].into(),
            |_| CustomerBounds { entry: &b, retain: &b, second: None },
            |_| {},
        );
        assert_eq!(timeline.customer_history(1), vec![NOT_MEMBER, NOT_MEMBER, 1]);
        assert_eq!(timeline.summary.members, vec![vec![0, 1], vec![0, 1], vec![0, 2]]);
        assert_eq!(timeline.summary.upgrades, vec![1, 0, 1]);
        assert_eq!(timeline.tier_during(2, 1), 0);
        assert_eq!(timeline.tier_during(1, 0), 1);
        assert_eq!(timeline.summary.labels[0], "1970-01");
    }

    /// Spend and orders per month end, the replay's bounds: spend enters Silver at 100 and Gold at
    /// 500 and keeps them from 80 and 400; orders enter at 2 and 10 and keep from 1 and 8.
    /// Downgrades evaluated monthly, one tier at a time.
    fn run_two_criteria(combine: Combine, months: &[(f64, f64)]) -> Vec<u8> {
        let mut r = rules(3);
        r.downgrade =
            DowngradeRule { evaluation: Evaluation::Monthly, grace_evaluations: 0, step: DowngradeStep::OneTier };
        let monthly = one_customer(months.len() as i64);
        let (entry, retain) = ([100.0, 500.0], [80.0, 400.0]);
        let (orders_entry, orders_retain) = ([2.0, 10.0], [1.0, 8.0]);
        let bounds = |_| CustomerBounds {
            entry: &entry,
            retain: &retain,
            second: Some(SecondBounds { combine, entry: &orders_entry, retain: &orders_retain }),
        };
        let standings = |m: usize| MonthStandings { scores: vec![months[m].0], measures: vec![months[m].1] };
        replay(&r, &monthly, standings, bounds, |_| {}).customer_history(0)
    }

    /// (spend, orders) at each month end.
    const TWO_CRITERIA_MONTHS: [(f64, f64); 9] = [
        (600.0, 3.0),
        (600.0, 12.0),
        (450.0, 9.0),
        (450.0, 7.0),
        (700.0, 7.0),
        (50.0, 20.0),
        (50.0, 5.0),
        (90.0, 0.0),
        (0.0, 0.0),
    ];

    #[test]
    fn spend_and_orders_both_needed() {
        // By hand (tier reached by spend / by orders; AND takes the lower):
        // m0 enter 2/1 -> Silver. m1 enter 2/2 -> Gold. m2 enter 1/1, keep 2/2 (450 >= 400,
        // 9 >= 8) -> stays Gold. m3 keep 2/1 (7 < 8) -> down to Silver. m4 enter 2/1 = Silver, keep
        // 2/1 -> Silver. m5 keep 0/2 (50 < 80) -> down to Regular. m6-m8 enter 0/1, 0/0 -> Regular.
        assert_eq!(run_two_criteria(Combine::And, &TWO_CRITERIA_MONTHS), vec![1, 2, 2, 1, 1, 0, 0, 0, 0]);
    }

    #[test]
    fn spend_or_orders_either_is_enough() {
        // By hand (OR takes the higher): m0 enter 2/1 -> Gold at once. m1-m4 keep 2 by spend.
        // m5 keep 0/2 (20 orders >= 8) -> stays Gold. m6 keep 0/1 (5 orders) -> down to Silver.
        // m7 keep 1/0 (90 >= 80 though below the 100 to enter) -> stays Silver. m8 keep 0/0 -> Regular.
        assert_eq!(run_two_criteria(Combine::Or, &TWO_CRITERIA_MONTHS), vec![2, 2, 2, 2, 2, 2, 1, 1, 0]);
    }

    #[test]
    fn without_a_second_criterion_the_measure_is_ignored() {
        let (entry, retain) = ([100.0, 500.0], [80.0, 400.0]);
        let bounds = CustomerBounds { entry: &entry, retain: &retain, second: None };
        for measure in [f64::NAN, 0.0, 1e9] {
            assert_eq!(bounds.entry_tier(Standing { score: 450.0, measure }), 1);
            assert_eq!(bounds.retain_tier(Standing { score: 450.0, measure }), 2);
        }
    }
}
