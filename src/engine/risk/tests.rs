//! Each rule on tiny tables whose figures are worked out by hand in the comments.

use super::customer_rules::just_above_step;
use super::*;
use crate::engine::compare::compare;
use crate::engine::dataset::Dataset;
use crate::engine::date::days_from_civil;
use crate::engine::evaluate::{evaluate, Evaluated};
use crate::engine::features::activity::tests::event_log;
use crate::engine::pricing::Warning;
use crate::engine::progress::Silent;
use crate::engine::roles::EventKind::{self, Pay, Refund};
use crate::engine::scenario::{QualifyingWindow, Thresholds};

/// Rows (customer, day, second of the day, kind, amount), given in (customer, day) order.
fn log_with_seconds(rows: &[(usize, i64, i64, EventKind, f64)]) -> Dataset {
    let mut data = event_log(&rows.iter().map(|r| (r.0, r.1, r.3, r.4)).collect::<Vec<_>>());
    let log = data.events.as_mut().unwrap();
    for (i, row) in rows.iter().enumerate() {
        log.time[i] += row.2;
    }
    data
}

fn flags_of(report: &RiskReport, id: &str) -> Vec<Flag> {
    report.flagged.iter().find(|c| c.id == id).map(|c| c.flags.clone()).unwrap_or_default()
}

/// C0 pays 1000 four times and refunds 100 three times; C1..C5 pay 100 x c once; C6..C25 pay twice
/// 20 + 5k (k = 0..19).
fn refund_table() -> Vec<(usize, i64, EventKind, f64)> {
    let mut rows = vec![];
    for day in 1..=4 {
        rows.push((0, day, Pay, 1000.0));
    }
    for day in 5..=7 {
        rows.push((0, day, Refund, -100.0));
    }
    for c in 1..=5 {
        rows.push((c, 10, Pay, 100.0 * c as f64));
    }
    for k in 0..20 {
        rows.push((6 + k, 20, Pay, 20.0 + 5.0 * k as f64));
        rows.push((6 + k, 40, Pay, 20.0 + 5.0 * k as f64));
    }
    rows
}

#[test]
fn refund_share_of_orders_far_above_the_population() {
    // Purchases 4 + 5 + 40 = 49, refunds 3: population share 3 / 49. C0: 3 / 4 = 0.75 of orders,
    // threshold max(4 x 3/49 = 0.245, floor 0.3) = 0.3. By amount: 300 / 4000 = 0.075, below its
    // threshold (4 x 300 / 8200 = 0.146 -> floor 0.3), so the flag is on orders.
    let data = PreparedData::new(event_log(&refund_table()));
    let report = assess(&data, &RiskSettings::default(), None, &mut Silent);
    assert!((report.population.refund_share_of_orders - 3.0 / 49.0).abs() < 1e-12);
    let spend = 4000.0 + 1500.0 + 2.0 * (20.0 * 20.0 + 5.0 * 190.0);
    assert!((report.population.refund_share_of_amount - 300.0 / spend).abs() < 1e-12);
    let refund: Vec<Flag> = flags_of(&report, "C0").into_iter().filter(|f| f.kind == FlagKind::RefundAbuse).collect();
    assert_eq!(refund.len(), 1);
    assert_eq!((refund[0].figure, refund[0].threshold), (0.75, 0.3));
    assert!(matches!(
        refund[0].detail,
        FlagDetail::Refunds { basis: RefundBasis::Orders, refunds: 3, purchases: 4, .. }
    ));
    // Two refunds are below the minimum count of three: nothing to say.
    let fewer = RiskSettings { refund_min_refunds: 4, ..RiskSettings::default() };
    let report = assess(&data, &fewer, None, &mut Silent);
    assert!(flags_of(&report, "C0").iter().all(|f| f.kind != FlagKind::RefundAbuse));
    assert_eq!(report.rules.iter().find(|r| r.kind == FlagKind::RefundAbuse).unwrap().flagged, 0);
}

#[test]
fn velocity_against_own_and_population_rates() {
    // C0: 8 purchases from 10:00 on day 10, one an hour (all inside 24 hours), and one on each of
    // days 30 and 50 (own rate outside the burst: 2 purchases / 2 days = 1 a day). C1..C9 buy on
    // days 1 and 2. Population: 10 + 18 = 28 purchases on 3 + 18 = 21 buying days = 1.333 a day.
    // Threshold = max(6, 3 x 1, 4 x 1.333 = 5.33) = 6 <= 8: flagged.
    let mut rows = vec![];
    for hour in 0..8 {
        rows.push((0, 10, (10 + hour) * 3600, Pay, 50.0));
    }
    rows.push((0, 30, 0, Pay, 50.0));
    rows.push((0, 50, 0, Pay, 50.0));
    for c in 1..=9 {
        rows.push((c, 1, 0, Pay, 50.0));
        rows.push((c, 2, 0, Pay, 50.0));
    }
    let data = PreparedData::new(log_with_seconds(&rows));
    let report = assess(&data, &RiskSettings::default(), None, &mut Silent);
    assert!((report.population.purchases_per_buying_day - 28.0 / 21.0).abs() < 1e-12);
    let flag = flags_of(&report, "C0").into_iter().find(|f| f.kind == FlagKind::Velocity).unwrap();
    assert_eq!((flag.figure, flag.threshold), (8.0, 6.0));
    let FlagDetail::Velocity { window_start, own_rate, .. } = flag.detail else { panic!() };
    assert_eq!((window_start, own_rate), (10 * 86_400 + 10 * 3600, 1.0));
    // Someone who always buys three a day has an own rate of 3: 8 < 3 x 3 = 9 is not implausible for them.
    let mut steady = rows.clone();
    for day in [30, 50] {
        steady.retain(|r| !(r.0 == 0 && r.1 == day));
        for k in 0..3 {
            steady.push((0, day, k * 3600, Pay, 50.0));
        }
    }
    steady.sort_by_key(|r| (r.0, r.1, r.2));
    let report = assess(&PreparedData::new(log_with_seconds(&steady)), &RiskSettings::default(), None, &mut Silent);
    assert!(flags_of(&report, "C0").iter().all(|f| f.kind != FlagKind::Velocity));
}

#[test]
fn orders_just_above_a_step() {
    // Step 100, margin 5 %: [100, 105), [200, 205), ... 205.00 is not just above (5 is not < 5).
    assert!(just_above_step(100.0, 100.0, 5.0));
    assert!(just_above_step(104.99, 100.0, 5.0));
    assert!(just_above_step(300.1, 100.0, 5.0));
    assert!(!just_above_step(205.0, 100.0, 5.0));
    assert!(!just_above_step(99.99, 100.0, 5.0));
    // C0's 7 orders: 100.5, 104.99, 200, 205, 99.99, 300.1, 150 -> 4 just above: 4 / 7 >= 0.5.
    let amounts = [100.5, 104.99, 200.0, 205.0, 99.99, 300.1, 150.0];
    let mut rows: Vec<_> = amounts.iter().enumerate().map(|(d, &a)| (0, d as i64, Pay, a)).collect();
    rows.push((1, 0, Pay, 100.0));
    let data = PreparedData::new(event_log(&rows));
    let settings = RiskSettings { step_min_orders: 4, ..RiskSettings::default() };
    let report = assess(&data, &settings, None, &mut Silent);
    let flag = flags_of(&report, "C0").into_iter().find(|f| f.kind == FlagKind::StepBunching).unwrap();
    assert_eq!((flag.figure, flag.threshold), (4.0 / 7.0, 0.5));
    assert!(matches!(flag.detail, FlagDetail::StepBunching { just_above: 4, purchases: 7, .. }));
    // With the default minimum of 5 such orders, 4 are not enough.
    let report = assess(&data, &RiskSettings::default(), None, &mut Silent);
    assert!(flags_of(&report, "C0").is_empty());
}

#[test]
fn several_small_orders_on_one_day_make_a_split_basket() {
    // Order values: C0's 40, 45, 50 (day 3) and 40, 35, 40 (day 9); C1..C5 pay 100, 120, 140, 160,
    // 180 twice. All 16 sorted: 35 40 40 40 45 50 100 100 120 120 140 140 160 160 180 180: median
    // (100 + 120) / 2 = 110. Day 3: three orders each below 110, total 135 >= 110: split. Day 9:
    // total 115: split. Two split days reach the default minimum of two.
    let mut rows = vec![(0, 3, Pay, 40.0), (0, 3, Pay, 45.0), (0, 3, Pay, 50.0)];
    rows.extend([(0, 9, Pay, 40.0), (0, 9, Pay, 35.0), (0, 9, Pay, 40.0)]);
    for c in 1..=5 {
        rows.push((c, 1, Pay, 80.0 + 20.0 * c as f64));
        rows.push((c, 5, Pay, 80.0 + 20.0 * c as f64));
    }
    let data = PreparedData::new(event_log(&rows));
    let report = assess(&data, &RiskSettings::default(), None, &mut Silent);
    assert_eq!(report.population.median_order_value, 110.0);
    let flag = flags_of(&report, "C0").into_iter().find(|f| f.kind == FlagKind::SplitOrders).unwrap();
    assert_eq!((flag.figure, flag.threshold), (2.0, 2.0));
    assert!(matches!(flag.detail, FlagDetail::SplitOrders { orders: 6, first_day, .. } if first_day == 3 * 86_400));
    // Three split days needed: not flagged.
    let report = assess(&data, &RiskSettings { split_min_days: 3, ..RiskSettings::default() }, None, &mut Silent);
    assert!(flags_of(&report, "C0").iter().all(|f| f.kind != FlagKind::SplitOrders));
}

#[test]
fn robust_outliers_on_log_values() {
    // Nine buyers paying once 100 each and C9 paying once 10,000. ln(101) for nine, ln(10001) for
    // one: median ln(101), MAD 0 -> mean absolute deviation (ln 10001 - ln 101) / 10, and
    // z = (ln 10001 - ln 101) / (1.253314 x that) = 10 / 1.253314 = 7.979 >= 3.5.
    let mut rows: Vec<_> = (0..9).map(|c| (c, 1, Pay, 100.0)).collect();
    rows.push((9, 1, Pay, 10_000.0));
    let data = PreparedData::new(event_log(&rows));
    let report = assess(&data, &RiskSettings::default(), None, &mut Silent);
    let spend = flags_of(&report, "C9").into_iter().find(|f| f.kind == FlagKind::SpendOutlier).unwrap();
    assert!((spend.figure - 10.0 / 1.253_314).abs() < 1e-9, "{}", spend.figure);
    let FlagDetail::Outlier { value, median } = spend.detail else { panic!() };
    assert_eq!(value, 10_000.0);
    assert!((median - 100.0).abs() < 1e-9);
    // Everyone bought once: no frequency outlier; the order value equals the spend here.
    assert!(flags_of(&report, "C9").iter().any(|f| f.kind == FlagKind::OrderValueOutlier));
    assert!(flags_of(&report, "C9").iter().all(|f| f.kind != FlagKind::FrequencyOutlier));
    assert_eq!(report.flagged.len(), 1);
}

/// Growth value (0.7 x spend + 0.2 x purchases) over the calendar year, bound 101 for Silver.
fn calendar_year(bounds: Vec<f64>) -> Scenario {
    let mut s = Scenario::template();
    s.tiers.window = QualifyingWindow::CalendarYear;
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: bounds };
    s
}

#[test]
fn a_december_purchase_that_lands_just_over_a_bound() {
    // C0 pays 1 on 2 January, 39 in March and 30 in June 2025, then 74 on 20 December. Before
    // December: 0.7 x 70 + 0.2 x 3 = 49.6 over the 11 months since January (usual month 4.51). At the
    // end: 0.7 x 144 + 0.2 x 4 = 101.6, 0.594 % above Silver's 101 (<= 5 %), and December added
    // 52.0 >= 3 x 4.51: gaming. C1 crosses with a big margin (300 in December): not gaming.
    let d = |m, day| days_from_civil(2025, m, day);
    let rows = vec![
        (0, d(1, 2), Pay, 1.0),
        (0, d(3, 5), Pay, 39.0),
        (0, d(6, 5), Pay, 30.0),
        (0, d(12, 20), Pay, 74.0),
        (1, d(1, 2), Pay, 10.0),
        (1, d(12, 20), Pay, 300.0),
    ];
    let data = PreparedData::new(event_log(&rows));
    let scenario = calendar_year(vec![101.0, 501.0, 1001.0]);
    let report = assess_for_scenario(&data, &scenario, &mut Silent).unwrap();
    let flag = flags_of(&report, "C0").into_iter().find(|f| f.kind == FlagKind::ThresholdGaming).unwrap();
    assert!((flag.figure - (101.6 / 101.0 - 1.0) * 100.0).abs() < 1e-9, "{}", flag.figure);
    let FlagDetail::ThresholdGaming { tier, bound, score_before_last_month, ref month, windows, .. } = flag.detail
    else {
        panic!()
    };
    assert_eq!((tier, bound, month.as_str(), windows), (1, 101.0, "2025-12", 1));
    assert!((score_before_last_month - (0.7 * 70.0 + 0.6)).abs() < 1e-9);
    assert!(flags_of(&report, "C1").iter().all(|f| f.kind != FlagKind::ThresholdGaming));
    // A lifetime window never ends: the rule does not apply.
    let lifetime = Scenario::template();
    let report = assess_for_scenario(&data, &lifetime, &mut Silent).unwrap();
    let state = report.rules.iter().find(|r| r.kind == FlagKind::ThresholdGaming).unwrap().state;
    assert_eq!(state, RuleState::WindowNeverEnds);
}

#[test]
fn excluded_customers_stay_in_the_lowest_tier_and_do_not_move_the_bounds() {
    // The refund table: C0 (growth value 0.7 x 3700 + 0.2 x 4 = 2590.8) is a refund abuser.
    // Others: C1..C5 0.7 x 100c + 0.2; C6..C25 0.7 x 2 x (20 + 5k) + 0.4 = 28.4 + 7k.
    let data = PreparedData::new(event_log(&refund_table()));
    let mut scenario = Scenario::template();
    scenario.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![101.0, 501.0, 1001.0] };
    let plain = evaluate(&scenario, &data, &mut Silent).unwrap();
    assert_eq!(plain.final_tiers[0], 3);
    scenario.risk.exclude_flagged = true;
    let held = evaluate(&scenario, &data, &mut Silent).unwrap();
    assert_eq!(held.final_tiers[0], 0);
    assert_eq!(held.final_tiers[1..], plain.final_tiers[1..]);
    // Below 101: C1 (70.2) and C6..C16 (28.4 + 7k for k <= 10); Silver: the other 9 (105.4..161.4)
    // and C2..C5 (140.2..350.2); Diamond: C0.
    let counts = |e: &Evaluated| e.outcome.tiers.iter().map(|t| t.customers).collect::<Vec<_>>();
    assert_eq!(counts(&plain), vec![12, 13, 0, 1]);
    assert_eq!(counts(&held), vec![13, 13, 0, 0]);
    assert!(held.outcome.warnings.contains(&Warning::FlaggedHeldAtBase { customers: 1 }));
    // Quantile bounds are drawn from the other 25 scores: their 90th percentile (numpy's linear
    // method) is 161.4 + 0.6 x (210.2 - 161.4) = 190.68; with C0 it would be 245.2.
    scenario.tiers.thresholds = Thresholds::Quantiles { quantiles: vec![0.9] };
    scenario.tiers.names.truncate(2);
    scenario.benefits.truncate(2);
    let held = evaluate(&scenario, &data, &mut Silent).unwrap();
    assert!((held.outcome.lower_bounds[0] - 190.68).abs() < 1e-9, "{:?}", held.outcome.lower_bounds);
    scenario.risk.exclude_flagged = false;
    let plain = evaluate(&scenario, &data, &mut Silent).unwrap();
    assert!((plain.outcome.lower_bounds[0] - 245.2).abs() < 1e-9);
}

#[test]
fn the_comparison_shows_counts_and_costs_with_and_without_exclusion() {
    let data = PreparedData::new(event_log(&refund_table()));
    let mut a = Scenario::template();
    a.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![101.0, 501.0, 1001.0] };
    let mut b = a.clone();
    b.name = "B".into();
    b.risk.exclude_flagged = true;
    let comparison = compare(&a, &b, &data, &mut Silent).unwrap();
    assert_eq!(comparison.exclusion.len(), 1);
    let effect = &comparison.exclusion[0];
    assert_eq!((effect.which.as_str(), effect.excluded), ("B", 1));
    assert_eq!(effect.with_exclusion.customers_per_tier, vec![13, 13, 0, 0]);
    assert_eq!(effect.without_exclusion.customers_per_tier, vec![12, 13, 0, 1]);
    // Without exclusion B is A (same scheme): its costs are A's.
    assert_eq!(effect.without_exclusion.costs, comparison.a.totals);
    // C0 loses Diamond's 8 % discount on the purchases made while Diamond (from day 1's end: the
    // later three 1000s), net of the refunds: the exclusion saves cost.
    assert!(effect.with_exclusion.costs.total < effect.without_exclusion.costs.total);
    assert_eq!(effect.with_exclusion.costs, comparison.b.totals);
}
