//! The simulator with several schemes and the mechanisms they compare: order independence, points pull,
//! head starts, healing demotions, rankings, run-until-sure and threads.

use super::*;

/// The CSV with its customers in another order, each customer's rows kept in their order.
fn customers_reordered(csv: &str, seed: u64) -> String {
    let mut lines = csv.lines();
    let header = lines.next().expect("a header");
    let mut customers: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for line in lines {
        let id = line.split(',').next().expect("an id");
        let at = *index.entry(id).or_insert_with(|| {
            customers.push((id, Vec::new()));
            customers.len() - 1
        });
        customers[at].1.push(line);
    }
    let mut rng = crate::engine::rng::Rng::new(seed);
    for i in (1..customers.len()).rev() {
        customers.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut out = String::from(header);
    out.push('\n');
    for line in customers.iter().flat_map(|(_, rows)| rows) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn reordering_the_customers_changes_no_simulated_number() {
    // Draws are keyed by customer id and sums run over blocks in id order, so the same customers in
    // another order give the same numbers to the last bit.
    let csv = generate_csv(&SampleConfig { customers: 300, seed: 5, ..SampleConfig::default() }, &mut Silent);
    let (original, shuffled) = (loaded(csv.clone()), loaded(customers_reordered(&csv, 1)));
    let (ids, shuffled_ids) = (&original.dataset.customers.ids, &shuffled.dataset.customers.ids);
    assert_ne!(ids, shuffled_ids, "the customers come in another order");
    let mut sorted: Vec<&str> = shuffled_ids.iter().collect();
    sorted.sort();
    let mut expected: Vec<&str> = ids.iter().collect();
    expected.sort();
    assert_eq!(sorted, expected, "the same customers");
    let settings = futures(6, 3, 11);
    let (a, b) = (Scenario::template(), Scenario::template_b());
    let run =
        |data: &PreparedData| simulate_ab(&a, &b, data, &Baseline::empirical(data), &settings, &mut Silent).unwrap();
    let (x, y) = (run(&original), run(&shuffled));
    assert_eq!(x.counterfactual, y.counterfactual);
    for (p, q) in x.schemes.iter().zip(&y.schemes) {
        assert_eq!(p.totals, q.totals);
        assert_eq!(p.incremental, q.incremental);
        assert_eq!(p.monthly, q.monthly);
        assert_eq!(p.tier_shares, q.tier_shares);
        assert_eq!(p.migration, q.migration);
    }
    assert_eq!(x.comparisons, y.comparisons);
    assert_eq!(x.ranking, y.ranking);
    assert!(x.counterfactual.revenue.mean > 0.0);
}

/// The sample's first customers with the template as A.
fn points_test_run(b: &Scenario, c: &Scenario) -> (SimulationResult, SimulationResult) {
    let data = sample(1500, 21);
    let baseline = Baseline::empirical(&data);
    let settings = futures(12, 20, 3);
    let a = Scenario::template();
    (
        simulate_ab(&a, b, &data, &baseline, &settings, &mut Silent).unwrap(),
        simulate_ab(&a, c, &data, &baseline, &settings, &mut Silent).unwrap(),
    )
}

fn difference(result: &SimulationResult, kpi: Kpi) -> kpi::Spread {
    result.comparisons[0].difference.iter().find(|d| d.kpi == kpi).unwrap().spread.clone()
}

#[test]
fn points_pull_but_less_than_a_discount_of_the_same_cost() {
    // Tripling every tier's points multiplier gives 2 x multiplier x 1 point per yuan x 0.01 x
    // (1 - 25 %) more value per order; the same expected cost as a discount is that many percent
    // more off. A point weighs half a discount (perceived value 0.5), so the discount pulls more.
    let template = Scenario::template();
    let mut tripled = template.clone();
    let mut discounted = template.clone();
    for (t, d) in tripled.benefits.iter_mut().zip(&mut discounted.benefits) {
        t.points_multiplier *= 3.0;
        d.discount_percent += 2.0 * d.points_multiplier * template.points.per_currency_unit * 0.01 * 0.75 * 100.0;
    }
    let (points, discount) = points_test_run(&tripled, &discounted);
    let more_orders = difference(&points, Kpi::Orders);
    assert!(more_orders.low95 > 0.0, "tripled points raise orders: {more_orders:?}");
    let discount_orders = difference(&discount, Kpi::Orders);
    assert!(discount_orders.mean > more_orders.mean, "{discount_orders:?} vs {more_orders:?}");
    // The same expected cost: the extra points cost about what the extra discount costs (both
    // on slightly different revenue).
    let (points_cost, discount_cost) = (difference(&points, Kpi::PointsCost), difference(&discount, Kpi::DiscountCost));
    assert!((points_cost.mean / discount_cost.mean - 1.0).abs() < 0.05, "{points_cost:?} vs {discount_cost:?}");
}

#[test]
fn points_with_no_perceived_value_are_a_pure_cost() {
    // Perceived value 0 is the simulator without points pull: tripling the multipliers changes
    // costs only, to the last bit.
    let mut template = Scenario::template();
    template.assumptions.points_perceived_value = 0.0;
    let mut tripled = template.clone();
    for b in &mut tripled.benefits {
        b.points_multiplier *= 3.0;
    }
    let data = sample(400, 4);
    let baseline = Baseline::empirical(&data);
    let settings = futures(6, 3, 9);
    let result = simulate_ab(&template, &tripled, &data, &baseline, &settings, &mut Silent).unwrap();
    for kpi in [Kpi::Revenue, Kpi::Orders, Kpi::RetentionRate, Kpi::ConversionRate] {
        let d = difference(&result, kpi);
        assert_eq!((d.mean, d.low95, d.high95), (0.0, 0.0, 0.0), "{kpi:?}");
    }
    assert!(difference(&result, Kpi::PointsCost).mean > 0.0);
}

#[test]
fn the_demotion_effect_heals_after_its_months() {
    // Deterministic: 20 orders of 100 a month. Everyone spent 10,000 in January 2024 (Gold from
    // 5,000 over a rolling one-month window) and is demoted at the first monthly evaluation, the
    // end of the first simulated month. The -15 % lasts 6 months: 20 x 0.85 = 17 orders in
    // simulated months 2-7, 20 again from month 8.
    let (data, baseline) = identical_customers(10, 20.0, 10_000.0);
    let mut s = gold_over_one_month(5000.0);
    s.assumptions = only(|a| {
        a.demotion_effect = -0.15;
        a.demotion_months = 6.0;
    });
    let settings = expected_values(10, 1);
    let result = simulate_ab(&s, &s, &data, &baseline, &settings, &mut Silent).unwrap();
    let orders: Vec<f64> = result.schemes[0]
        .monthly
        .iter()
        .find(|m| m.kpi == MonthlyKpi::Orders)
        .unwrap()
        .months
        .iter()
        .map(|m| m.mean)
        .collect();
    let mut expected = vec![200.0; 10];
    expected[1..7].fill(170.0);
    assert_eq!(orders, expected);
    assert_eq!(total(&result.schemes[0], Kpi::Downgrades), 10.0);
}

#[test]
fn a_head_start_raises_goal_gradient_completions() {
    // From 0 to Gold at 2000 at about one order of 100 a month (in 18 months about half make it).
    // A head start of 20 % of the way (400) leaves 16 orders to go, and the goal gradient pulls
    // harder for the endowed; welcome points are issued and priced like any points.
    let (data, baseline) = identical_customers(3000, 1.0, 0.0);
    let mut s = gold_at_2000_lifetime_spend();
    s.assumptions = only(|a| {
        a.goal_gradient = 0.2;
        a.head_start_lift = 1.65;
    });
    let mut endowed = s.clone();
    endowed.head_start =
        Some(HeadStart { members: HeadStartMembers::All, welcome_points: 50.0, progress_percent: 20.0 });
    let mut unlifted = endowed.clone();
    unlifted.assumptions.head_start_lift = 1.0;
    let settings = futures(18, 2, 8);
    let result = simulate_ab(&s, &endowed, &data, &baseline, &settings, &mut Silent).unwrap();
    let (plain, pushed) = (total(&result.schemes[0], Kpi::Upgrades), total(&result.schemes[1], Kpi::Upgrades));
    assert!(plain > 600.0 && pushed > plain * 1.3, "{plain} -> {pushed}");
    // Welcome points: 3000 x 50 issued in the first month, costing 0.01 x 0.75 each.
    let issued = &result.schemes[1].monthly.iter().find(|m| m.kpi == MonthlyKpi::PointsIssued).unwrap().months;
    assert_eq!(issued[0].mean, 150_000.0);
    assert!((total(&result.schemes[1], Kpi::PointsCost) - 1125.0).abs() < 1e-6);
    // The lift is the endowment's own pull on top of the shorter way.
    let without_lift = simulate_ab(&s, &unlifted, &data, &baseline, &settings, &mut Silent).unwrap();
    assert!(pushed > total(&without_lift.schemes[1], Kpi::Upgrades));
}

#[test]
fn many_schemes_share_their_draws_and_rank_by_incremental_margin() {
    // Four schemes in one run: each scheme's numbers are those of a run of that scheme alone
    // (common random numbers: the schemes never see each other), the ranking follows the mean
    // incremental margin, the chances of being best add up to one, and every comparison is paired
    // against the chosen reference.
    let data = sample(500, 12);
    let baseline = Baseline::empirical(&data);
    let settings = futures(6, 8, 2);
    let mut richer = Scenario::template();
    richer.benefits[3].discount_percent = 15.0;
    let nothing = no_benefits("none");
    let schemes = vec![Scenario::template(), Scenario::template_b(), richer, nothing];
    let result = SchemeRun::new(&schemes, 1, &data, &baseline, &settings).simulate(&mut Silent).unwrap();
    assert_eq!(result.schemes.len(), 4);
    for (i, scheme) in schemes.iter().enumerate() {
        let alone =
            SchemeRun::new(std::slice::from_ref(scheme), 0, &data, &baseline, &settings).simulate(&mut Silent).unwrap();
        assert_eq!(alone.schemes[0].totals, result.schemes[i].totals, "scheme {i}");
        assert_eq!(alone.counterfactual, result.counterfactual);
    }
    let means: Vec<f64> = result.ranking.iter().map(|r| r.incremental_margin.mean).collect();
    assert!(means.windows(2).all(|w| w[0] >= w[1]), "{means:?}");
    let chances: f64 = result.ranking.iter().map(|r| r.chance_best).sum();
    assert!((chances - 1.0).abs() < 1e-12);
    // The scheme with no benefits and no response has no increment at all: never best here.
    let nothing_rank = result.ranking.iter().find(|r| r.scheme == 3).unwrap();
    assert_eq!(nothing_rank.incremental_margin.mean, 0.0);
    assert_eq!(result.comparisons.iter().map(|c| c.scheme).collect::<Vec<_>>(), vec![0, 2, 3]);
    // Paired: the comparison of A with the reference B is A - B per replication.
    let a_vs_b = result.comparison(0).unwrap();
    let margin = |i: usize| total(&result.schemes[i], Kpi::Margin);
    let d = a_vs_b.difference.iter().find(|d| d.kpi == Kpi::Margin).unwrap().spread.mean;
    assert!((d - (margin(0) - margin(1))).abs() < 1e-6 * margin(0).abs());
    assert!(matches!(
        SchemeRun::new(&schemes, 4, &data, &baseline, &settings).simulate(&mut Silent),
        Err(SimulateError::Range(RangeError { ref field, .. })) if field == "reference"
    ));
    let seven = vec![Scenario::template(); 7];
    assert!(SchemeRun::new(&seven, 0, &data, &baseline, &settings).simulate(&mut Silent).is_err());
}

#[test]
fn the_chance_of_being_best_splits_ties() {
    // Two identical schemes tie in every replication: each is best half of the time.
    let data = sample(200, 13);
    let baseline = Baseline::empirical(&data);
    let settings = futures(3, 4, 2);
    let schemes = vec![Scenario::template(), Scenario::template()];
    let result = SchemeRun::new(&schemes, 0, &data, &baseline, &settings).simulate(&mut Silent).unwrap();
    assert_eq!(result.ranking.iter().map(|r| r.chance_best).collect::<Vec<_>>(), vec![0.5, 0.5]);
    assert_eq!(result.comparisons[0].chance_better_on_margin, 0.5);
}

#[test]
fn sensitivity_says_which_economics_change_the_ranking() {
    // 100 orders of 100 a month, no fade: A's 10 % discount with every extra sale truly extra
    // (elasticity 2.6, share 1) sells x = 26 % more, so A's margin over no program is
    // R (x gm - (1 + x) 0.10), zero at gm = 1.26 x 0.10 / 0.26 = 48.5 %. At a 48 % gross margin
    // doing nothing (B) ranks first; 20 % more margin (57.6 %) puts A first, 20 % less keeps B.
    // Neither scheme has points or free shipping, so breakage, point cost and shipping change
    // nothing.
    let (data, baseline) = identical_customers(20, 100.0, 100.0);
    let mut a = no_benefits("A");
    for b in &mut a.benefits {
        b.discount_percent = 10.0;
    }
    a.economics.gross_margin_percent = 48.0;
    a.assumptions = only(|x| {
        x.discount_elasticity = 2.6;
        x.discount_frequency_share = 1.0;
    });
    let mut b = no_benefits("B");
    b.economics.gross_margin_percent = 48.0;
    b.assumptions = a.assumptions.clone();
    let settings = expected_values(3, 4);
    let result = SchemeRun::new(&[a, b], 0, &data, &baseline, &settings).sensitivity(&mut Silent).unwrap();
    assert_eq!((result.base_best, result.challenger), (1, 1));
    // Per customer and month: A 126 x 100 x (0.48 - 0.10) - 100 x 100 x 0.48 = -12.
    assert!(
        (result.base_incremental_margin[0] - (-12.0 * 20.0 * 3.0)).abs() < 1e-6,
        "{:?}",
        result.base_incremental_margin
    );
    let row = |key: &str| result.rows.iter().find(|r| r.assumption == key).unwrap();
    let margin = row("economics.gross_margin_percent");
    assert_eq!(margin.kind, sensitivity::ParameterKind::Economics);
    assert!((margin.low - 38.4).abs() < 1e-9 && (margin.high - 57.6).abs() < 1e-9);
    assert_eq!((margin.best_at_low, margin.best_at_high), (1, 0));
    assert!(margin.flips && result.decision_flips);
    for key in ["points.breakage_percent", "points.point_cost", "economics.shipping_cost_per_order"] {
        let r = row(key);
        assert!(!r.flips && r.difference_at_low == result.base_difference, "{key}");
    }
}

#[test]
fn running_until_sure_gives_the_numbers_of_a_fixed_run_of_that_length() {
    // A richer Diamond discount against the template: replications are added until the standard
    // error of B - A incremental margin is within 5 % of it. Replication r draws the same streams
    // whatever the batches, so stopping at R gives exactly a fixed run of R.
    let data = sample(300, 5);
    let baseline = Baseline::empirical(&data);
    let mut richer = Scenario::template();
    richer.name = "B".into();
    richer.benefits[3].discount_percent = 20.0;
    let schemes = vec![Scenario::template(), richer];
    let fixed = |replications: u32| SimulationSettings {
        months: 6,
        replications,
        seed: 11,
        deterministic: false,
        ..SimulationSettings::default()
    };
    let sure = |batch: u32| SimulationSettings {
        replications: 4,
        until_sure: Some(settings::UntilSure { relative_error: 0.05, batch, cap: 200 }),
        ..fixed(4)
    };
    let run = |settings: &SimulationSettings| {
        SchemeRun::new(&schemes, 0, &data, &baseline, settings).simulate(&mut Silent).unwrap()
    };
    for batch in [3, 8] {
        let result = run(&sure(batch));
        let p = &result.precision;
        assert_eq!(p.target_met, Some(true), "{p:?}");
        assert!(p.standard_error <= 0.05 * p.mean.abs() && p.replications > 4, "{p:?}");
        assert_eq!((p.replications - 4) % batch, 0, "whole batches");
        assert_eq!(result.settings.replications, p.replications);
        let plain = run(&fixed(p.replications));
        assert_eq!(plain.schemes, result.schemes);
        assert_eq!(plain.comparisons, result.comparisons);
        assert_eq!(plain.ranking, result.ranking);
        assert_eq!(plain.precision.standard_error, p.standard_error);
        assert_eq!(plain.precision.target_met, None);
        // The same request gives the same answer.
        assert_eq!(run(&sure(batch)), result);
    }
    // Two identical schemes differ by zero in every replication: sure at once.
    let same = SchemeRun::new(&[Scenario::template(), Scenario::template()], 0, &data, &baseline, &sure(5))
        .simulate(&mut Silent)
        .unwrap();
    assert_eq!((same.precision.replications, same.precision.target_met), (4, Some(true)));
    // An unreachable target stops at the cap.
    let tight = SimulationSettings {
        until_sure: Some(settings::UntilSure { relative_error: 0.005, batch: 5, cap: 9 }),
        ..sure(5)
    };
    let capped = run(&tight);
    assert_eq!((capped.precision.replications, capped.precision.target_met), (9, Some(false)));
}

#[test]
fn threads_and_workers_give_the_numbers_of_one_pass() {
    // 9,000 customers are three blocks. One thread, three threads, and blocks simulated by two
    // separate "workers" (in another order, replications split, the partials sent as JSON) all
    // give the same numbers to the last bit.
    let data = sample(9000, 7);
    let baseline = Baseline::empirical(&data);
    let schemes = vec![Scenario::template(), Scenario::template_b()];
    let settings = |threads: u32| SimulationSettings {
        months: 3,
        replications: 2,
        seed: 5,
        threads: Some(threads),
        ..SimulationSettings::default()
    };
    let one = SchemeRun::new(&schemes, 0, &data, &baseline, &settings(1)).simulate(&mut Silent).unwrap();
    let mut three = SchemeRun::new(&schemes, 0, &data, &baseline, &settings(3)).simulate(&mut Silent).unwrap();
    three.settings.threads = Some(1);
    assert_eq!(three, one);
    let simulation = Simulation::new(&schemes, 0, &data, &baseline, &settings(1), &mut Silent).unwrap();
    assert_eq!(simulation.block_count(), 3);
    // JSON keeps every float exactly (serde_json's float_roundtrip).
    let posted = |partials: Vec<blocks::BlockPartial>| -> Vec<blocks::BlockPartial> {
        serde_json::from_str(&serde_json::to_string(&partials).unwrap()).unwrap()
    };
    let mut merged = Vec::new();
    for replication in 0..2 {
        let mut partials = posted(simulation.simulate_blocks(2..3, replication..replication + 1));
        partials.extend(posted(simulation.simulate_blocks(0..2, replication..replication + 1)));
        assert!(simulation.merge(replication..replication + 1, partials[..2].to_vec()).is_none(), "a block missing");
        merged.extend(simulation.merge(replication..replication + 1, partials).unwrap());
    }
    // Finishing from the sums needs no evaluation of the schemes: the outline alone gives the result.
    let outline = simulation::outline_without_evaluating(&schemes, 0, &data, &baseline, &settings(1)).unwrap();
    assert_eq!(outline, simulation.outline());
    assert_eq!(outline.result(&schemes, merged.clone()), one);
    assert_eq!(simulation.result(merged), one);
}

#[test]
fn pre_period_spend_shrinks_the_field_test() {
    // What a customer spent in the last year predicts what they will be worth next: adjusting for it
    // (CUPED) must remove part of the variance and so need fewer customers than the plain test.
    let data = sample(2000, 7);
    let baseline = Baseline::empirical(&data);
    let result =
        simulate_ab(&Scenario::template(), &Scenario::template_b(), &data, &baseline, &futures(6, 3, 2), &mut Silent)
            .unwrap();
    let inputs = &result.comparisons[0].field_test;
    let pre = inputs.pre_period.as_ref().expect("a transaction history has a pre-period");
    assert_eq!(pre.months, 12);
    assert!(pre.variance > 0.0);
    let plan = planner::plan_field_test(inputs, 0.05, 0.8).unwrap();
    let last = plan.durations.last().unwrap();
    let reduction = last.variance_reduction.unwrap();
    assert!((0.05..0.95).contains(&reduction), "variance reduction {reduction}");
    let (plain, adjusted) = (last.customers_per_arm.unwrap(), last.customers_per_arm_adjusted.unwrap());
    // n scales with the variance: the adjusted size is the plain one times (1 - reduction), up to rounding.
    assert!((adjusted - plain * (1.0 - reduction)).abs() <= 1.0, "{adjusted} vs {plain} x {}", 1.0 - reduction);
}
