//! The optimiser and the recommender against truths the model itself implies, worked out by hand
//! from the purchase response (docs/model.md): with a response of `k` extra purchases per unit of
//! value given (as a share of the order) and a gross margin `gm`, giving value `v` on every order
//! turns margin `gm x R` into `(1 + k v)(gm - v) x R`.

use super::affinity::category_affinity;
use super::recommend::{next_best_benefit, BenefitChange, Recommendation};
use super::segments::SegmentLabels;
use super::*;
use crate::engine::dataset::Dataset;
use crate::engine::date::days_from_civil;
use crate::engine::features::activity::tests::event_log;
use crate::engine::roles::{ColumnRole, EventKind};
use crate::engine::scenario::*;
use crate::engine::simulate::SimulationSettings;

/// A year of history (2024): customer `c` of kind `kinds[c] = (orders a month, order value)`.
fn history(kinds: &[(u32, f64)]) -> Dataset {
    let mut rows = Vec::new();
    for (c, &(per_month, value)) in kinds.iter().enumerate() {
        for month in 1..=12 {
            for day in 1..=per_month {
                rows.push((c, days_from_civil(2024, month, day), EventKind::Pay, value));
            }
        }
    }
    event_log(&rows)
}

fn repeat(groups: &[(usize, (u32, f64))]) -> Vec<(u32, f64)> {
    groups.iter().flat_map(|&(n, kind)| std::iter::repeat_n(kind, n)).collect()
}

/// Segments by consecutive runs of customers.
fn labels(groups: &[(&str, usize)]) -> SegmentLabels {
    let mut membership = Vec::new();
    for (g, &(_, n)) in groups.iter().enumerate() {
        membership.extend(std::iter::repeat_n(Some(g), n));
    }
    SegmentLabels { names: groups.iter().map(|(name, _)| name.to_string()).collect(), membership }
}

/// Two tiers scored on lifetime spend, nothing given by either, shipping 8 an order, 50 % margin.
fn plain_scheme(bound: f64) -> Scenario {
    let mut s = Scenario::template();
    s.scoring = Scoring::GrowthValue { amount: 1.0, orders: 0.0, interactions: 0.0 };
    s.tiers.names = vec!["Regular".into(), "Gold".into()];
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![bound] };
    let nothing = TierBenefits { points_multiplier: 0.0, ..TierBenefits::NONE };
    s.benefits = vec![nothing.clone(), nothing];
    s.economics = Economics { shipping_cost_per_order: 8.0, gross_margin_percent: 50.0 };
    s
}

/// A response strong enough for a benefit to pay (k = 10 x 1 = 10, k x gm = 5 > 1), never fading,
/// no pull of the next tier; heavy buyers respond at a tenth (k = 1: nothing pays them).
fn strong_response() -> Assumptions {
    Assumptions {
        discount_elasticity: 10.0,
        discount_frequency_share: 1.0,
        goal_gradient: 0.0,
        response_fade_months: 0.0,
        heavy_buyer_response: 0.1,
        post_upgrade_dip: 0.0,
        demotion_effect: 0.0,
        churn_reduction: 0.0,
        ..Assumptions::default()
    }
}

fn settings(months: u32, replications: u32) -> SimulationSettings {
    SimulationSettings { months, replications, seed: 7, ..SimulationSettings::default() }
}

fn option(advice: &recommend::SegmentAdvice, pick: impl Fn(&BenefitChange) -> bool) -> &recommend::ChangeOutcome {
    advice.options.iter().find(|o| pick(&o.change)).expect("the change was tried")
}

#[test]
fn small_baskets_get_free_shipping_and_heavy_buyers_no_bigger_discount() {
    // Small baskets: 1 order a month of 40, so free shipping (8) is v = 0.2 of the order, exactly
    // the best value to give, v* = (k gm - 1) / 2k = 4 / 20: (1 + 2)(0.5 - 0.2) = 0.9 against 0.5,
    // +0.4 R. Two more discount points give v = 0.02: (1.2)(0.48) - 0.5 = +0.076 R, 5.26 times less.
    // Heavy buyers (8 orders a month, the top fifth by rate) respond with k = 1: any value v loses
    // (1 + v)(0.5 - v) - 0.5 = -v/2 - v^2; two discount points: -0.0104 R.
    let data = PreparedData::new(history(&repeat(&[(100, (1, 40.0)), (100, (1, 400.0)), (50, (8, 100.0))])));
    let baseline = Baseline::empirical(&data);
    let mut scheme = plain_scheme(1e9);
    scheme.assumptions = strong_response();
    let segments = labels(&[("small baskets", 100), ("large baskets", 100), ("heavy buyers", 50)]);
    let advice = next_best_benefit(&scheme, &segments, &data, &baseline, &settings(12, 20), &mut Silent).unwrap();
    assert_eq!(advice.len(), 3);
    let small = &advice[0];
    assert_eq!(small.recommendation, Recommendation::Change { change: BenefitChange::FreeShipping });
    let shipping = option(small, |c| *c == BenefitChange::FreeShipping).margin_per_customer.mean;
    let discount = option(small, |c| matches!(c, BenefitChange::MoreDiscount { .. })).margin_per_customer.mean;
    let ratio = shipping / discount;
    assert!((ratio - 0.4 / 0.076).abs() < 0.15 * 0.4 / 0.076, "free shipping / discount gain {ratio}");
    assert!(option(small, |c| *c == BenefitChange::FreeShipping).chance_best > 0.9);
    let heavy = &advice[2];
    assert!(heavy.options.iter().all(|o| o.margin_per_customer.mean < 0.0), "{heavy:?}");
    assert_eq!(heavy.recommendation, Recommendation::LeaveAsIs);
    assert!(option(heavy, |c| matches!(c, BenefitChange::MoreDiscount { .. })).margin_per_customer.high90 < 0.0);
}

#[test]
fn frequent_buyers_within_reach_of_a_tier_get_the_head_start() {
    // Default response: value given never pays (k = 2.6 x 0.15 = 0.39, k gm < 1), but the pull of
    // the next tier is free. Frequent buyers have 4 x 100 x 12 = 4800 of 9000 (53 %); a head start
    // of 20 % of the way puts them at 73 % and, endowed, pulls 1.65 times harder: over three
    // months they never reach the bound, so nothing is given but 100 welcome points (0.75).
    let data = PreparedData::new(history(&repeat(&[(40, (4, 100.0)), (160, (1, 100.0))])));
    let baseline = Baseline::empirical(&data);
    let scheme = plain_scheme(9000.0);
    let segments = labels(&[("frequent, within reach", 40), ("light", 160)]);
    let advice = next_best_benefit(&scheme, &segments, &data, &baseline, &settings(3, 20), &mut Silent).unwrap();
    let frequent = &advice[0];
    assert!(
        matches!(
            frequent.recommendation,
            Recommendation::Change {
                change: BenefitChange::WelcomePoints { .. } | BenefitChange::HigherPointsMultiplier { .. }
            }
        ),
        "{frequent:?}"
    );
    let head_start = option(frequent, |c| matches!(c, BenefitChange::WelcomePoints { .. }));
    assert!(head_start.margin_per_customer.low90 > 0.0, "{head_start:?}");
    for paid in [BenefitChange::FreeShipping, BenefitChange::MoreDiscount { points: 2.0 }] {
        assert!(option(frequent, |c| *c == paid).margin_per_customer.mean < 0.0, "{paid:?} never pays here");
    }
}

/// One discount on everyone, searched over 0-40 %: the best is v* = 20 % (see the first test).
fn one_discount_ranges(sweeps: u32) -> SearchRanges {
    SearchRanges {
        discount_percent: Some(vec![ValueRange { min: 0.0, max: 40.0 }, ValueRange { min: 0.0, max: 0.0 }]),
        search: SearchEffort { replications: 6, sweeps, confirm_replications: 10, months: 6, seed: 3 },
        ..SearchRanges::default()
    }
}

fn identical_light_buyers() -> (PreparedData, Baseline, Scenario) {
    let data = PreparedData::new(history(&repeat(&[(200, (2, 50.0))])));
    let baseline = Baseline::empirical(&data);
    let mut scheme = plain_scheme(1e9);
    scheme.benefits[0].discount_percent = 5.0;
    // Identical customers are all "heavy" (tied at the top fifth's cut): let them respond fully.
    scheme.assumptions = Assumptions { heavy_buyer_response: 1.0, ..strong_response() };
    (data, baseline, scheme)
}

#[test]
fn the_optimiser_recovers_the_known_best_discount() {
    let (data, baseline, scheme) = identical_light_buyers();
    let result = optimise_scheme(&scheme, &one_discount_ranges(4), &data, &baseline, None, &mut Silent).unwrap();
    let found = result.best.benefits[0].discount_percent;
    // Steps 20, 10, 5, 2.5 from 5 %: the last step brackets 20 % to within 2.5 points; noise may
    // cost one more step on a curve this flat at the top ((1 + 10v)(0.5 - v) = 0.894 at 17.5 %).
    assert!((found - 20.0).abs() <= 5.0, "found {found} %");
    assert_eq!(
        result.changes,
        vec![SchemeChange { parameter: Parameter::DiscountPercent { tier: 0 }, from: 5.0, to: found }]
    );
    // Confirmed on fresh futures: (1 + 2)(0.3) = 0.9 against (1 + 0.5)(0.45) = 0.675 of R.
    let c = &result.confirmation;
    assert!(c.gain.mean > 0.0 && c.chance_better > 0.9, "{c:?}");
    assert_ne!(c.seed, 3, "fresh futures");
    // The frontier rises with cost, and its most profitable point is the best scheme's neighbourhood.
    let f = &result.frontier;
    assert!(
        f.windows(2)
            .all(|w| w[1].benefit_cost >= w[0].benefit_cost
                && w[1].incremental_margin.mean > w[0].incremental_margin.mean)
    );
    assert!(!result.cancelled && result.evaluations > 0);
}

#[test]
fn the_same_seed_gives_the_same_search_and_cancel_stops_it() {
    let (data, baseline, scheme) = identical_light_buyers();
    let ranges = one_discount_ranges(1);
    let first = optimise_scheme(&scheme, &ranges, &data, &baseline, Some(1), &mut Silent).unwrap();
    let again = optimise_scheme(&scheme, &ranges, &data, &baseline, Some(2), &mut Silent).unwrap();
    assert_eq!(first, again);
    struct CancelAtOnce;
    impl Progress for CancelAtOnce {
        fn report(&mut self, _: crate::engine::progress::Stage, _: u64, _: u64) {}
        fn cancelled(&mut self) -> bool {
            true
        }
    }
    let stopped = optimise_scheme(&scheme, &ranges, &data, &baseline, None, &mut CancelAtOnce).unwrap();
    assert!(stopped.cancelled);
    assert!(stopped.changes.is_empty(), "cancelled before the first step: the current scheme");
}

#[test]
fn wrong_ranges_name_their_field() {
    let scheme = plain_scheme(1000.0);
    let check = |ranges: SearchRanges| ranges.check(&scheme).unwrap_err();
    let too_much = SearchRanges {
        discount_percent: Some(vec![ValueRange { min: 0.0, max: 10.0 }, ValueRange { min: 0.0, max: 150.0 }]),
        ..SearchRanges::default()
    };
    let RangesError::Range(error) = check(too_much) else { panic!("a range error") };
    assert_eq!((error.field.as_str(), error.value, error.max), ("discount_percent[1].max", 150.0, 100.0));
    let short =
        SearchRanges { points_multiplier: Some(vec![ValueRange { min: 1.0, max: 2.0 }]), ..SearchRanges::default() };
    assert_eq!(
        check(short),
        RangesError::Count { field: "points_multiplier".into(), expected: 2, found: 1, above_first: false }
    );
    let reversed =
        SearchRanges { welcome_points: Some(ValueRange { min: 500.0, max: 100.0 }), ..SearchRanges::default() };
    let RangesError::Range(error) = check(reversed) else { panic!("a range error") };
    assert_eq!(error.field, "welcome_points.max");
    let beyond_tiers =
        SearchRanges { free_shipping_from: Some(ValueRange { min: 0.0, max: 3.0 }), ..SearchRanges::default() };
    let RangesError::Range(error) = check(beyond_tiers) else { panic!("a range error") };
    assert_eq!((error.field.as_str(), error.max), ("free_shipping_from.max", 2.0));
    let share = SearchRanges {
        constraints: Constraints { max_top_tier_share: 1.5, ..Constraints::default() },
        ..SearchRanges::default()
    };
    assert_eq!(check(share), RangesError::Range(Constraints::MAX_TOP_TIER_SHARE.error(1.5)));
    let typo = SearchRanges::from_json(r#"{"discount": []}"#).unwrap_err();
    assert!(matches!(typo, RangesError::Shape { ref message } if message.contains("discount")), "{typo:?}");
    let nothing = optimise_scheme(
        &scheme,
        &SearchRanges::default(),
        &PreparedData::new(history(&[(1, 10.0)])),
        &Baseline::empirical(&PreparedData::new(history(&[(1, 10.0)]))),
        None,
        &mut Silent,
    );
    assert_eq!(nothing.unwrap_err(), OptimiseError::NothingToSearch);
    // Upper tiers of at least 60 + 30 + 20 % of the customers: no valid scheme anywhere in the ranges.
    let crowded = SearchRanges::from_json(
        r#"{"thresholds": [{"min": 60, "max": 90}, {"min": 30, "max": 50}, {"min": 20, "max": 40}]}"#,
    )
    .unwrap();
    let one = PreparedData::new(history(&[(1, 10.0)]));
    let no_start =
        optimise_scheme(&Scenario::template(), &crowded, &one, &Baseline::empirical(&one), None, &mut Silent);
    assert_eq!(no_start.unwrap_err(), OptimiseError::NoValidStart);
}

#[test]
fn a_point_becomes_a_scheme_and_back() {
    let mut scheme = Scenario::template();
    scheme.tiers.thresholds = Thresholds::TargetShares { percent: vec![60.0, 25.0, 10.0, 5.0] };
    let ranges: SearchRanges = SearchRanges::from_json(
        r#"{"thresholds": [{"min": 10, "max": 40}, {"min": 2, "max": 20}, {"min": 1, "max": 10}],
            "free_shipping_from": {"min": 0, "max": 4}, "welcome_points": {"min": 0, "max": 500}}"#,
    )
    .unwrap();
    ranges.check(&scheme).unwrap();
    let space = Space::of(&ranges);
    assert_eq!(space.len(), 5);
    // The template: Gold and Diamond ship free, so free shipping starts at tier 2; no welcome points.
    assert_eq!(space.start(&scheme), vec![25.0, 10.0, 5.0, 2.0, 0.0]);
    let s = space.apply(&scheme, &[30.0, 12.0, 3.0, 4.0, 200.0]).unwrap();
    // The first tier takes the rest: 100 - 30 - 12 - 3 = 55.
    assert_eq!(s.tiers.thresholds, Thresholds::TargetShares { percent: vec![55.0, 30.0, 12.0, 3.0] });
    assert!(s.benefits.iter().all(|b| !b.free_shipping), "tier 4 of 4: nobody ships free");
    assert_eq!(s.head_start.as_ref().map(|h| (h.members, h.welcome_points)), Some((HeadStartMembers::All, 200.0)));
    assert_eq!(space.start(&s), vec![30.0, 12.0, 3.0, 4.0, 200.0]);
    // Upper shares over 100 % are no scheme.
    assert!(space.apply(&scheme, &[40.0, 20.0, 10.0, 0.0, 0.0]).is_some());
    let mut over = scheme.clone();
    over.tiers.thresholds = Thresholds::TargetShares { percent: vec![10.0, 40.0, 40.0, 10.0] };
    assert!(space.apply(&over, &[40.0, 20.0, 50.0, 0.0, 0.0]).is_none());
    let words = report::changes(&space, &scheme, &s).iter().map(|c| c.describe(&scheme)).collect::<Vec<_>>();
    assert_eq!(words[0], "raise the threshold of 银牌 Silver from 25 to 30");
    assert_eq!(words[3], "free shipping for no tier instead of 金牌 Gold and above");
    assert_eq!(words[4], "raise the welcome points from 0 to 200");
}

#[test]
fn category_lift_by_hand() {
    // Segment A (C0, C1) buys shoes 3, bags 1; segment B (C2, C3) bags 2, hats 2; C3's view of
    // shoes is no purchase. Everyone: shoes 3, bags 3, hats 2 of 8.
    // A: shoes (3/4) / (3/8) = 2, bags (1/4) / (3/8) = 2/3, hats 0. B: hats 2, bags 4/3, shoes 0.
    let d = |day| days_from_civil(2024, 1, day);
    use EventKind::{Pay, View};
    let mut data = event_log(&[
        (0, d(1), Pay, 10.0),
        (0, d(2), Pay, 10.0),
        (0, d(3), Pay, 10.0),
        (1, d(1), Pay, 10.0),
        (2, d(1), Pay, 10.0),
        (2, d(2), Pay, 10.0),
        (2, d(3), Pay, 10.0),
        (3, d(1), Pay, 10.0),
        (3, d(2), View, 0.0),
    ]);
    let events = data.events.as_mut().unwrap();
    events.categories = ["shoes", "bags", "hats"].into_iter().collect();
    events.category = vec![0u32, 0, 1, 0, 1, 1, 2, 2, 0].into();
    events.present.push(ColumnRole::Category);
    let segments = labels(&[("A", 2), ("B", 2)]);
    let affinity = category_affinity(&data, &segments).unwrap();
    let lifts = |s: usize| {
        affinity[s].categories.iter().map(|c| (c.category.as_str(), c.purchases, c.lift)).collect::<Vec<_>>()
    };
    assert_eq!(affinity[0].purchases, 4);
    let a = lifts(0);
    assert_eq!((a[0].0, a[0].1), ("shoes", 3));
    assert!((a[0].2 - 2.0).abs() < 1e-12 && (a[1].2 - 2.0 / 3.0).abs() < 1e-12 && a[2].2 == 0.0, "{a:?}");
    let b = lifts(1);
    assert_eq!(b.iter().map(|x| x.0).collect::<Vec<_>>(), vec!["hats", "bags", "shoes"]);
    assert!((b[0].2 - 2.0).abs() < 1e-12 && (b[1].2 - 4.0 / 3.0).abs() < 1e-12);
    // Without a category column there is nothing to say.
    assert!(category_affinity(&history(&[(1, 10.0)]), &labels(&[("A", 1)])).is_none());
}

fn estimate(mean: f64, low90: f64, benefit_cost: f64, violations: Vec<Violation>) -> Estimate {
    let incremental_margin =
        crate::engine::simulate::kpi::Spread { mean, low90, high90: mean, low95: low90, high95: mean };
    Estimate {
        replications: 4,
        incremental_margin,
        margin_by_future: vec![],
        margin: 0.0,
        benefit_cost,
        top_tier_share: 0.0,
        fairness_ratio: 1.0,
        violations,
    }
}

/// A feasible candidate with these incremental margins, one per future.
fn over_futures(margins: &[f64]) -> Estimate {
    Estimate {
        replications: margins.len() as u32,
        incremental_margin: crate::engine::simulate::kpi::Spread::of(margins),
        margin_by_future: margins.to_vec(),
        ..estimate(0.0, 0.0, 0.0, vec![])
    }
}

fn cautious(percentile: u32) -> Objective {
    Objective::Cautious { percentile }
}

#[test]
fn feasible_first_then_fewer_violations_then_the_objective() {
    let over_budget = Violation::Budget { benefit_cost: 120.0, max: 100.0 };
    let diluted = Violation::TopTierShare { share: 0.2, max: 0.15 };
    let rich_but_over = estimate(500.0, 400.0, 120.0, vec![over_budget]);
    let modest = estimate(100.0, 90.0, 50.0, vec![]);
    assert!(modest.better_than(&rich_but_over, Objective::Mean));
    assert!(rich_but_over.better_than(&estimate(900.0, 800.0, 130.0, vec![over_budget, diluted]), Objective::Mean));
    assert!(!modest.better_than(&modest, Objective::Mean), "a tie is not better");
}

#[test]
fn the_cautious_percentile_is_the_users_and_changes_the_pick() {
    // Five futures each. Steady earns 100 in every one: mean and every percentile 100. Risky earns
    // -100, 150, 200, 200, 300: mean 150; percentiles interpolate over positions 0..4, so the 5th
    // sits at 0.2 (-100 + 0.2 x 250 = -50), the 25th at 1 (150), the 50th at 2 (200).
    let steady = over_futures(&[100.0; 5]);
    let risky = over_futures(&[200.0, -100.0, 300.0, 150.0, 200.0]);
    assert_eq!(risky.objective(Objective::Mean), 150.0);
    assert!((risky.objective(cautious(5)) - -50.0).abs() < 1e-9);
    assert_eq!(risky.objective(cautious(25)), 150.0);
    assert_eq!(risky.objective(cautious(50)), 200.0);
    assert_eq!(steady.objective(cautious(5)), 100.0);
    assert!(risky.better_than(&steady, Objective::Mean));
    assert!(steady.better_than(&risky, cautious(5)), "the worst twentieth of futures: steady");
    assert!(risky.better_than(&steady, cautious(25)), "the worst quarter: risky");
    // The old documents' `{"kind": "cautious"}` keeps the 5th percentile.
    let old: Objective = serde_json::from_str(r#"{"kind": "cautious"}"#).unwrap();
    assert_eq!(old, cautious(Objective::DEFAULT_PERCENTILE));
}

#[test]
fn a_percentile_outside_1_to_50_names_its_field() {
    for wrong in [0, 51] {
        let ranges = SearchRanges {
            discount_percent: Some(vec![ValueRange { min: 0.0, max: 5.0 }; 4]),
            objective: cautious(wrong),
            ..SearchRanges::default()
        };
        let Err(RangesError::Range(error)) = ranges.check(&Scenario::template()) else { panic!("{wrong}") };
        assert_eq!((error.field.as_str(), error.value), ("objective.percentile", f64::from(wrong)));
        assert_eq!((error.min, error.max), (Objective::PERCENTILE.min, Objective::PERCENTILE.max));
    }
    let fine = SearchRanges { objective: cautious(50), ..SearchRanges::default() };
    assert_eq!(fine.check(&Scenario::template()), Ok(()));
}

#[test]
fn the_frontier_keeps_what_no_cheaper_candidate_beats() {
    // Cost -> margin: 10 -> 5, 20 -> 3 (beaten by the cheaper 5), 30 -> 8, 40 -> 12 but diluted (left
    // out), 50 -> 9 over budget (kept: the budget is the frontier's axis), 60 -> 9 (not above 9).
    let tried = |cost: f64, margin: f64, violations: Vec<Violation>| search::Tried {
        point: vec![cost],
        estimate: estimate(margin, margin, cost, violations),
    };
    let over = Violation::Budget { benefit_cost: 50.0, max: 45.0 };
    let diluted = Violation::TopTierShare { share: 0.3, max: 0.15 };
    let all = vec![
        tried(30.0, 8.0, vec![]),
        tried(10.0, 5.0, vec![]),
        tried(60.0, 9.0, vec![]),
        tried(20.0, 3.0, vec![]),
        tried(40.0, 12.0, vec![diluted]),
        tried(50.0, 9.0, vec![over]),
    ];
    let frontier = report::frontier(&all);
    let points: Vec<(f64, f64)> = frontier.iter().map(|p| (p.benefit_cost, p.incremental_margin.mean)).collect();
    assert_eq!(points, vec![(10.0, 5.0), (30.0, 8.0), (50.0, 9.0)]);
}

#[test]
fn the_default_ranges_reach_half_way_around_the_current_scheme() {
    // The template, no welcome points.
    let scheme = Scenario::template();
    let ranges = SearchRanges::around(&scheme);
    assert_eq!(ranges.check(&scheme), Ok(()));
    // Shares 60 / 25 / 10 / 5: the upper three within half either side.
    let pairs = |ranges: &[ValueRange]| ranges.iter().map(|r| (r.min, r.max)).collect::<Vec<_>>();
    assert_eq!(pairs(ranges.thresholds.as_ref().unwrap()), [(12.5, 37.5), (5.0, 15.0), (2.5, 7.5)]);
    // Discounts 0 / 2 / 5 / 8: from 0 to twice the current, at least 5 points more.
    assert_eq!(pairs(ranges.discount_percent.as_ref().unwrap()), [(0.0, 5.0), (0.0, 7.0), (0.0, 10.0), (0.0, 16.0)]);
    // Multipliers 1 / 1.2 / 1.5 / 2: one either side, not below 0, written as typed (0.2, not 1.2 - 1).
    assert_eq!(pairs(ranges.points_multiplier.as_ref().unwrap()), [(0.0, 2.0), (0.2, 2.2), (0.5, 2.5), (1.0, 3.0)]);
    assert_eq!(ranges.free_shipping_from, Some(ValueRange { min: 0.0, max: 4.0 }));
    assert_eq!(ranges.welcome_points, Some(ValueRange { min: 0.0, max: 200.0 }));
    // Thirteen settings: about a dozen, as the search is built for.
    assert_eq!(Space::of(&ranges).len(), 13);
    // Quantile bounds move the share above them: 0.9 (10 % above) -> 0.85..0.95.
    let mut quantiles = Scenario::template();
    quantiles.tiers.thresholds = Thresholds::Quantiles { quantiles: vec![0.6, 0.9] };
    let q = SearchRanges::around(&quantiles).thresholds.unwrap();
    assert!((q[1].min - 0.85).abs() < 1e-12 && (q[1].max - 0.95).abs() < 1e-12, "{q:?}");
}
