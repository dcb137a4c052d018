//! The simulator with the rules and benefits added for two-criteria tiers, coupons and level growth:
//! switched off (or asking nothing) they change no number; coupons pull orders.

use super::*;

fn settings() -> SimulationSettings {
    SimulationSettings { months: 6, replications: 4, seed: 11, deterministic: false, ..SimulationSettings::default() }
}

/// Every KPI total of both schemes, A then B.
fn totals(result: &SimulationResult) -> Vec<Vec<(Kpi, f64, f64, f64)>> {
    result
        .schemes
        .iter()
        .map(|s| s.totals.iter().map(|k| (k.kpi, k.spread.mean, k.spread.low95, k.spread.high95)).collect())
        .collect()
}

fn same_numbers(a: &Scenario, b: &Scenario) {
    let data = sample(400, 5);
    let baseline = Baseline::empirical(&data);
    let template = Scenario::template();
    let reference = simulate_ab(&template, a, &data, &baseline, &settings(), &mut Silent).unwrap();
    let changed = simulate_ab(&template, b, &data, &baseline, &settings(), &mut Silent).unwrap();
    assert_eq!(totals(&reference), totals(&changed));
}

/// The template whose tiers also need these orders in the window.
fn also_needing_orders(lower_bounds: Vec<f64>) -> Scenario {
    let mut s = Scenario::template();
    s.tiers.second_criterion = Some(SecondCriterion {
        measure: CriterionMeasure::Orders,
        combine: Combine::And,
        lower_bounds,
        retain_bounds: None,
    });
    s
}

#[test]
fn coupons_nobody_redeems_change_no_number() {
    let template = Scenario::template();
    let mut unused = template.clone();
    for b in &mut unused.benefits {
        b.coupons = Some(Coupons { value: 20.0, min_spend: 0.0, per_month: 3.0, redemption_percent: 0.0 });
    }
    same_numbers(&template, &unused);
}

#[test]
fn a_second_criterion_that_asks_nothing_changes_no_number() {
    same_numbers(&Scenario::template(), &also_needing_orders(vec![0.0; 3]));
}

#[test]
fn level_growth_with_theta_1_and_no_constant_is_the_growth_value() {
    let template = Scenario::template();
    let mut level = template.clone();
    level.scoring = Scoring::LevelGrowth { amount: 0.7, orders: 0.2, interactions: 0.1, theta: 1.0, gamma: 0.0 };
    same_numbers(&template, &level);
}

#[test]
fn a_coupon_raises_orders() {
    // 20 off any order, 4 a month, half redeemed, on every tier: about 20 / (usual order) x 50 %
    // off the orders, which pulls like a discount; it costs what is redeemed.
    let template = Scenario::template();
    let mut coupons = template.clone();
    for b in &mut coupons.benefits {
        b.coupons = Some(Coupons { value: 20.0, min_spend: 0.0, per_month: 4.0, redemption_percent: 50.0 });
    }
    let data = sample(1500, 21);
    let baseline = Baseline::empirical(&data);
    let settings = SimulationSettings { months: 12, replications: 20, seed: 3, ..settings() };
    let result = simulate_ab(&template, &coupons, &data, &baseline, &settings, &mut Silent).unwrap();
    let difference = |kpi: Kpi| result.comparisons[0].difference.iter().find(|d| d.kpi == kpi).unwrap().spread.clone();
    let orders = difference(Kpi::Orders);
    assert!(orders.low95 > 0.0, "coupons raise orders: {orders:?}");
    assert!(difference(Kpi::TotalBenefitCost).low95 > 0.0);
    assert!(difference(Kpi::CouponCost).low95 > 0.0);
}

#[test]
fn tiers_needing_spend_and_orders_hold_fewer_members_at_the_top() {
    // The template's Diamond also needs 1,000 orders in the window under "and": nobody gets there.
    let template = Scenario::template();
    let strict = also_needing_orders(vec![0.0, 0.0, 1000.0]);
    let data = sample(400, 5);
    let baseline = Baseline::empirical(&data);
    let result = simulate_ab(&template, &strict, &data, &baseline, &settings(), &mut Silent).unwrap();
    let top = |s: &SchemeResult| s.tier_shares.last().and_then(|m| m.last().copied()).unwrap_or(0.0);
    assert!(top(&result.schemes[0]) > 0.0);
    assert_eq!(top(&result.schemes[1]), 0.0);
}
