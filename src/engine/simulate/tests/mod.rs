//! The simulator against hand calculations and the documented size of each effect.

use super::baseline::{Baseline, DAYS_PER_MONTH};
use super::kpi::{Kpi, MonthlyKpi};
use super::response::{purchase_multiplier, Situation};
use super::*;
use crate::engine::date::days_from_civil;
use crate::engine::evaluate::PreparedData;
use crate::engine::features::activity::tests::event_log;
use crate::engine::limits::RangeError;
use crate::engine::prepared::{loaded, sample};
use crate::engine::progress::{Progress, Silent};
use crate::engine::roles::EventKind::Pay;
use crate::engine::sample::{generate_csv, SampleConfig};
use crate::engine::scenario::*;

/// Schemes A and B with A as the reference.
fn simulate_ab(
    a: &Scenario,
    b: &Scenario,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    progress: &mut dyn Progress,
) -> Result<SimulationResult, SimulateError> {
    SchemeRun::new(&[a.clone(), b.clone()], 0, data, baseline, settings).simulate(progress)
}

/// Random futures: `replications` draws of `months` months from `seed`.
pub(super) fn futures(months: u32, replications: u32, seed: u64) -> SimulationSettings {
    SimulationSettings { months, replications, seed, deterministic: false, ..SimulationSettings::default() }
}

/// One run on expected values instead of draws, for results a hand calculation can match.
pub(super) fn expected_values(months: u32, seed: u64) -> SimulationSettings {
    SimulationSettings { months, replications: 1, seed, deterministic: true, ..SimulationSettings::default() }
}

fn total(result: &SchemeResult, kpi: Kpi) -> f64 {
    result.totals.iter().find(|k| k.kpi == kpi).unwrap().spread.mean
}

pub(super) fn no_benefits(name: &str) -> Scenario {
    let mut s = Scenario::template();
    s.name = name.into();
    for b in &mut s.benefits {
        *b = TierBenefits { points_multiplier: 0.0, ..TierBenefits::NONE };
    }
    s.assumptions = Assumptions::no_response();
    s
}

#[test]
fn no_response_and_no_benefits_is_exactly_the_counterfactual() {
    let data = sample(400, 3);
    let baseline = Baseline::empirical(&data);
    let settings = futures(6, 3, 9);
    let result = simulate_ab(&no_benefits("A"), &no_benefits("B"), &data, &baseline, &settings, &mut Silent).unwrap();
    for scheme in &result.schemes {
        assert_eq!(total(scheme, Kpi::Revenue), result.counterfactual.revenue.mean);
        assert_eq!(total(scheme, Kpi::Orders), result.counterfactual.orders.mean);
        assert_eq!(total(scheme, Kpi::TotalBenefitCost), 0.0);
        let incremental = scheme.incremental.iter().find(|i| i.kpi == IncrementalKpi::Revenue).unwrap();
        assert_eq!((incremental.spread.low95, incremental.spread.high95), (0.0, 0.0));
    }
    assert!(result.comparisons[0]
        .difference
        .iter()
        .all(|d| d.spread.mean == 0.0 && d.spread.low95 == 0.0 && d.spread.high95 == 0.0));
    assert!(result.counterfactual.revenue.mean > 0.0);
}

#[test]
fn one_customer_deterministic_by_hand() {
    // History: 200 on the 10th of January, February and March 2024 (lifetime spend 600, Regular).
    // Simulated: exactly 2 orders of 100 a month (deterministic mode), April to July 2024.
    let d = |m: u32| days_from_civil(2024, m, 10);
    let data = PreparedData::new(event_log(&[(0, d(1), Pay, 200.0), (0, d(2), Pay, 200.0), (0, d(3), Pay, 200.0)]));
    let mut baseline = Baseline::empirical(&data);
    baseline.rate_shape[0] = 2.0 / DAYS_PER_MONTH;
    baseline.rate_scale[0] = 1.0;
    baseline.fixed_theta[0] = 100.0 / baseline.order_shape;
    let mut s = Scenario::template();
    s.scoring = Scoring::GrowthValue { amount: 1.0, orders: 0.0, interactions: 0.0 };
    s.tiers.names = vec!["Regular".into(), "Gold".into()];
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![1000.0] };
    s.benefits = vec![
        TierBenefits::NONE,
        TierBenefits {
            discount_percent: 10.0,
            points_multiplier: 2.0,
            free_shipping: true,
            gift_cost_per_year: 120.0,
            ..TierBenefits::NONE
        },
    ];
    s.points = PointsRules { expiry: Expiry::MonthsAfterEarning { months: 2 }, ..PointsRules::default() };
    s.assumptions = Assumptions::no_response();
    let settings = expected_values(4, 1);
    let result = simulate_ab(&s, &s, &data, &baseline, &settings, &mut Silent).unwrap();
    let a = &result.schemes[0];
    // Lifetime spend: 800 after April, 1000 after May -> Gold from the end of May (June and July).
    assert_eq!(a.tier_shares.iter().map(|m| m[1]).collect::<Vec<_>>(), vec![0.0, 1.0, 1.0, 1.0]);
    let monthly = |kpi: MonthlyKpi| {
        a.monthly.iter().find(|m| m.kpi == kpi).unwrap().months.iter().map(|s| s.mean).collect::<Vec<_>>()
    };
    assert_eq!(monthly(MonthlyKpi::Upgrades), vec![0.0, 1.0, 0.0, 0.0]);
    // Points: the history leaves 400 (January's 200 expired at the end of March), carried as one
    // lot expiring two months after March, at the end of May. Earned: 200, 200 (Regular), then
    // 400, 400 (Gold, double). Expired: May 400 (history); June April's 200; July May's 200.
    assert_eq!(monthly(MonthlyKpi::PointsIssued), vec![200.0, 200.0, 400.0, 400.0]);
    assert_eq!(monthly(MonthlyKpi::PointsExpired), vec![0.0, 400.0, 200.0, 200.0]);
    assert_eq!(monthly(MonthlyKpi::OutstandingPoints), vec![600.0, 400.0, 600.0, 800.0]);
    // Costs: discount 10 % of 200 in June and July = 40; shipping 2 x 2 orders x 8 = 32; gifts
    // 120 / 12 in June and July = 20; points 1200 issued x 0.75 x 0.01 = 9.
    assert_eq!(total(a, Kpi::Revenue), 800.0);
    assert!((total(a, Kpi::DiscountCost) - 40.0).abs() < 1e-9);
    assert!((total(a, Kpi::ShippingCost) - 32.0).abs() < 1e-9);
    assert!((total(a, Kpi::GiftCost) - 20.0).abs() < 1e-9);
    assert!((total(a, Kpi::PointsCost) - 9.0).abs() < 1e-9);
    assert!((total(a, Kpi::Margin) - (800.0 * 0.3 - 101.0)).abs() < 1e-9);
    // Liability: 800 outstanding x 0.01 x 0.75.
    assert!((total(a, Kpi::PointsLiability) - 6.0).abs() < 1e-9);
}

#[test]
fn purchase_multiplier_sizes() {
    let a = Assumptions::default();
    let plain = Situation {
        value_share: 0.0,
        points_share: 0.0,
        fade: 1.0,
        heavy_factor: 1.0,
        progress: None,
        endowed: false,
        upgraded_last_month: false,
        demoted: false,
    };
    assert_eq!(purchase_multiplier(&a, &plain), 1.0);
    // A 10 % discount: 2.6 x 0.10 x 0.15 = 3.9 % more purchases; heavy buyers 0.2 of that.
    let discount = Situation { value_share: 0.10, ..plain };
    assert!((purchase_multiplier(&a, &discount) - 1.039).abs() < 1e-12);
    assert!((purchase_multiplier(&a, &Situation { heavy_factor: 0.2, ..discount }) - 1.0078).abs() < 1e-12);
    // After 7.5 months the response is e^-1 of what it was.
    let faded = Situation { fade: (-1.0f64).exp(), ..discount };
    assert!((purchase_multiplier(&a, &faded) - (1.0 + 0.039 * (-1.0f64).exp())).abs() < 1e-12);
    // Right at the next bound: +20 %; halfway: +10 %.
    assert!((purchase_multiplier(&a, &Situation { progress: Some(1.0), ..plain }) - 1.2).abs() < 1e-12);
    assert!((purchase_multiplier(&a, &Situation { progress: Some(0.5), ..plain }) - 1.1).abs() < 1e-12);
    assert!((purchase_multiplier(&a, &Situation { demoted: true, ..plain }) - 0.85).abs() < 1e-12);
    assert!((purchase_multiplier(&a, &Situation { upgraded_last_month: true, ..plain }) - 0.95).abs() < 1e-12);
    // Points worth 2 % of the order when redeemed pull like a 1 % discount at the default
    // perceived value 0.5: 2.6 x 0.15 x 0.01 = +0.39 %.
    let points = Situation { points_share: 0.02, ..plain };
    assert!((purchase_multiplier(&a, &points) - 1.0039).abs() < 1e-12);
    // A head start multiplies the goal-gradient pull by 1.65: halfway, 1 + 0.2 x 1.65 x 0.5.
    let endowed = Situation { progress: Some(0.5), endowed: true, ..plain };
    assert!((purchase_multiplier(&a, &endowed) - 1.165).abs() < 1e-12);
}

/// A population of `n` identical customers who spent `history_spend` in January 2024 and from then
/// on buy `rate` orders a month of value 100, without dropping out.
/// Two tiers, Regular and Gold from 2000 of lifetime spend, no benefits and no response.
pub(super) fn gold_at_2000_lifetime_spend() -> Scenario {
    let mut s = no_benefits("A");
    s.scoring = Scoring::GrowthValue { amount: 1.0, orders: 0.0, interactions: 0.0 };
    s.tiers.names = vec!["Regular".into(), "Gold".into()];
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![2000.0] };
    s.benefits.truncate(2);
    s
}

fn identical_customers(n: usize, rate: f64, history_spend: f64) -> (PreparedData, Baseline) {
    let day = days_from_civil(2024, 1, 10);
    let rows: Vec<_> = (0..n).map(|c| (c, day, Pay, history_spend)).collect();
    let data = PreparedData::new(event_log(&rows));
    let mut baseline = Baseline::empirical(&data);
    for c in 0..n {
        baseline.rate_shape[c] = 1e9;
        baseline.rate_scale[c] = rate / DAYS_PER_MONTH / 1e9;
        baseline.fixed_theta[c] = 100.0 / baseline.order_shape;
    }
    baseline.heavy = vec![false; n];
    (data, baseline)
}

fn only(effect: impl Fn(&mut Assumptions)) -> Assumptions {
    let mut a = Assumptions::no_response();
    effect(&mut a);
    a
}

#[test]
fn a_discount_adds_the_documented_frequency() {
    // Every tier gives 10 % off; expected extra purchases 2.6 x 0.10 x 0.15 = 3.9 % (no fade).
    let (data, baseline) = identical_customers(4000, 1.0, 100.0);
    let mut s = no_benefits("A");
    for b in &mut s.benefits {
        b.discount_percent = 10.0;
    }
    s.assumptions = only(|a| {
        a.discount_elasticity = 2.6;
        a.discount_frequency_share = 0.15;
    });
    let settings = futures(6, 2, 5);
    let result = simulate_ab(&s, &s, &data, &baseline, &settings, &mut Silent).unwrap();
    let ratio = total(&result.schemes[0], Kpi::Orders) / result.counterfactual.orders.mean;
    assert!((ratio - 1.039).abs() < 0.01, "{ratio}");
    // Common random numbers: the scheme never has fewer orders than the counterfactual.
    let incremental = result.schemes[0].incremental.iter().find(|i| i.kpi == IncrementalKpi::Orders).unwrap();
    assert!(incremental.spread.low95 >= 0.0);
}

/// Regular and Gold (from `gold_from` of spend over a rolling one-month window, evaluated monthly,
/// no grace), no benefits: whoever stops spending is demoted at the next month's end.
fn gold_over_one_month(gold_from: f64) -> Scenario {
    let mut s = no_benefits("A");
    s.scoring = Scoring::GrowthValue { amount: 1.0, orders: 0.0, interactions: 0.0 };
    s.tiers.names = vec!["Regular".into(), "Gold".into()];
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![gold_from] };
    s.benefits.truncate(2);
    s.tiers.window = QualifyingWindow::RollingMonths { months: 1 };
    s.tiers.downgrade =
        DowngradeRule { evaluation: Evaluation::Monthly, grace_evaluations: 0, step: DowngradeStep::OneTier };
    s
}

#[test]
fn demotion_lowers_purchases_by_the_documented_share() {
    // Everyone spent 1000 in January (Gold from 500, over a rolling one-month window) and then
    // spends about 100 a month: all are demoted at the first monthly evaluation (end of February)
    // and from March buy 15 % less than without the scheme.
    let (data, baseline) = identical_customers(4000, 1.0, 1000.0);
    let mut s = gold_over_one_month(500.0);
    s.assumptions = only(|a| a.demotion_effect = -0.15);
    let settings = futures(6, 2, 5);
    let result = simulate_ab(&s, &s, &data, &baseline, &settings, &mut Silent).unwrap();
    let a = &result.schemes[0];
    let orders = |monthly: &[kpi::Spread]| monthly[1..].iter().map(|m| m.mean).sum::<f64>();
    let scheme_orders = orders(&a.monthly.iter().find(|m| m.kpi == MonthlyKpi::Orders).unwrap().months);
    let ratio = scheme_orders / orders(&result.counterfactual.monthly_orders);
    assert!(total(a, Kpi::Downgrades) > 3900.0);
    assert!((ratio - 0.85).abs() < 0.02, "{ratio}");
}

#[test]
fn goal_gradient_shortens_the_way_to_the_next_tier() {
    // From 0 to Gold at 2000 (lifetime spend) at about one 100 order a month: with a goal gradient
    // g the rate is 1 + g x progress, so covering the distance takes ln(1 + g) / g of the time:
    // 8.8 % less for g = 0.2. Measured as the share of customers who made it within 12 months...
    // directly: orders over the horizon rise by about the inverse, and upgrades come earlier.
    let (data, baseline) = identical_customers(3000, 1.0, 0.0);
    let s = gold_at_2000_lifetime_spend();
    let mut with_gradient = s.clone();
    with_gradient.assumptions = only(|a| a.goal_gradient = 0.2);
    let settings = futures(30, 2, 8);
    let result = simulate_ab(&s, &with_gradient, &data, &baseline, &settings, &mut Silent).unwrap();
    let mean_upgrade_month = |scheme: &SchemeResult| {
        let upgrades = &scheme.monthly.iter().find(|m| m.kpi == MonthlyKpi::Upgrades).unwrap().months;
        let (weighted, count) =
            upgrades.iter().enumerate().fold((0.0, 0.0), |(w, n), (m, s)| (w + (m as f64 + 1.0) * s.mean, n + s.mean));
        weighted / count
    };
    let (plain, faster) = (mean_upgrade_month(&result.schemes[0]), mean_upgrade_month(&result.schemes[1]));
    let expected = (1.2f64).ln() / 0.2;
    assert!((faster / plain - expected).abs() < 0.03, "{} vs {}", faster / plain, expected);
}

#[test]
fn back_test_reproduces_the_holdout_within_ten_percent() {
    // The embedded sample as the page loads it (20k customers, seed 42): calibrate up to six months
    // before its end, simulate the last six months with no program and compare with what the
    // generated customers actually did.
    let defaults = SampleConfig::default();
    let data = sample(defaults.customers, defaults.seed);
    // The sample ends on 2026-10-31: calibrate through April, compare May to October.
    let calibration_end = days_from_civil(2026, 4, 30) * 86_400;
    let result = backtest::backtest(&data, calibration_end, 4, 3, &mut Silent).unwrap();
    assert_eq!(result.month_labels.len(), 6);
    assert!(result.fallback_reason.is_none(), "{:?}", result.fallback_reason);
    assert!(result.orders_error.abs() < 0.10, "orders off by {:.1} %", result.orders_error * 100.0);
    assert!(result.revenue_error.abs() < 0.10, "revenue off by {:.1} %", result.revenue_error * 100.0);
}

#[test]
fn sensitivity_covers_every_assumption_in_the_right_direction() {
    // A gives 10 % off, B gives nothing; both with the default assumptions. The more of a
    // discount's bump is extra frequency, the more A sells, so B - A margin falls from the low to
    // the high end of `discount_frequency_share`.
    let (data, baseline) = identical_customers(800, 1.0, 100.0);
    let mut a = no_benefits("A");
    for b in &mut a.benefits {
        b.discount_percent = 10.0;
    }
    a.assumptions = Assumptions::default();
    let mut b = no_benefits("B");
    b.assumptions = Assumptions::default();
    let settings = futures(3, 2, 4);
    let result = SchemeRun::new(&[a, b], 0, &data, &baseline, &settings).sensitivity(&mut Silent).unwrap();
    assert_eq!(result.rows.len(), ASSUMPTIONS.len() + sensitivity::ECONOMICS.len());
    let swing = |r: &sensitivity::SensitivityRow| (r.difference_at_high - r.difference_at_low).abs();
    assert!(result.rows.windows(2).all(|w| swing(&w[0]) >= swing(&w[1])));
    let share = result.rows.iter().find(|r| r.assumption == "discount_frequency_share").unwrap();
    assert!(share.difference_at_high < share.difference_at_low);
    // A 10 % discount with a 2 % frequency response never pays at a 30 % margin: B stays ahead.
    assert!(result.base_difference > 0.0 && !result.decision_flips);
}

#[test]
fn optimiser_keeps_the_best_feasible_point() {
    use crate::engine::optimise::{optimise_scheme, Constraints, SearchEffort, SearchRanges, ValueRange};
    let data = sample(300, 6);
    let baseline = Baseline::empirical(&data);
    let ranges = SearchRanges {
        discount_percent: Some(vec![ValueRange { min: 0.0, max: 10.0 }; 4]),
        constraints: Constraints { max_top_tier_share: 0.5, ..Constraints::default() },
        search: SearchEffort { replications: 2, sweeps: 1, confirm_replications: 2, months: 3, seed: 1 },
        ..SearchRanges::default()
    };
    let result = optimise_scheme(&Scenario::template(), &ranges, &data, &baseline, Some(1), &mut Silent).unwrap();
    assert!(result.search_estimate.feasible());
    assert!(result.best.validate().is_empty());
    assert!(result.best.benefits.iter().all(|b| (0.0..=10.0).contains(&b.discount_percent)));
    let costs: Vec<f64> = result.frontier.iter().map(|p| p.benefit_cost).collect();
    assert!(!costs.is_empty() && costs.windows(2).all(|w| w[0] <= w[1]), "{costs:?}");
}

#[test]
fn the_top_tier_share_is_of_the_members_active_at_the_end() {
    // C0 and C1 spent 3000 (Gold from 2000), C2 and C3 100; C3 is no longer active (P(alive) 0).
    // Expected values: 2 of the 3 active members are Gold, 2/3 (not 2 of all 4 customers).
    let d = days_from_civil(2024, 1, 10);
    let data = PreparedData::new(event_log(&[
        (0, d, Pay, 3000.0),
        (1, d, Pay, 3000.0),
        (2, d, Pay, 100.0),
        (3, d, Pay, 100.0),
    ]));
    let mut baseline = Baseline::empirical(&data);
    baseline.p_alive[3] = 0.0;
    let s = gold_at_2000_lifetime_spend();
    let settings = expected_values(2, 1);
    let result = SchemeRun::new(&[s], 0, &data, &baseline, &settings).simulate(&mut Silent).unwrap();
    assert!((result.schemes[0].top_tier_share - 2.0 / 3.0).abs() < 1e-12, "{}", result.schemes[0].top_tier_share);
}

mod baselines;
mod rules;
/// Several schemes and the mechanisms they compare (row order, points pull, head starts, healing, threads).
mod schemes;
