//! Hand-checked histories through the whole scenario pipeline: replay edge cases, the points
//! ledger and pricing.

use super::*;
use crate::engine::date::days_from_civil;
use crate::engine::features::activity::tests::event_log;
use crate::engine::progress::Silent;
use crate::engine::roles::EventKind::{self, *};
use crate::engine::scenario::*;

fn day(y: i32, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d)
}

/// Regular / Gold on spend alone (growth value with amount weight 1), Gold from 500 with 10 % off and
/// double points; points never expire and are never redeemed unless a test says so.
fn two_tiers() -> Scenario {
    let mut s = Scenario::template();
    s.scoring = Scoring::GrowthValue { amount: 1.0, orders: 0.0, interactions: 0.0 };
    s.tiers.names = vec!["Regular".into(), "Gold".into()];
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![500.0] };
    s.points = PointsRules::default(); // never expire, never redeemed
    s.benefits =
        vec![TierBenefits::NONE, TierBenefits { discount_percent: 10.0, points_multiplier: 2.0, ..TierBenefits::NONE }];
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    s
}

fn run(scenario: &Scenario, rows: &[(usize, i64, EventKind, f64)]) -> Evaluated {
    let data = PreparedData::new(event_log(rows));
    evaluate(scenario, &data, &mut Silent).unwrap()
}

fn history(evaluated: &Evaluated, customer: usize) -> Vec<u8> {
    evaluated.timeline.as_ref().unwrap().customer_history(customer)
}

fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn crossing_the_bound_on_the_last_day_of_a_calendar_year_window() {
    // Customer 0 buys 300 in June 2024 and 250 on 31 December 2024: 550 within 2024 -> Gold at the
    // end of December. The 2025 window starts empty; the yearly evaluation at the end of December
    // 2025 sees only 10 and moves them down. Customer 1 only stretches the data to December 2025.
    let mut s = two_tiers();
    s.tiers.window = QualifyingWindow::CalendarYear;
    s.tiers.downgrade =
        DowngradeRule { evaluation: Evaluation::Yearly, grace_evaluations: 0, step: DowngradeStep::OneTier };
    let end = (1, day(2025, 12, 31), View, f64::NAN);
    let start = (1, day(2024, 6, 1), View, f64::NAN);
    let e = run(
        &s,
        &[
            (0, day(2024, 6, 1), Pay, 300.0),
            (0, day(2024, 12, 31), Pay, 250.0),
            (0, day(2025, 3, 1), Pay, 10.0),
            start,
            end,
        ],
    );
    let mut expected = vec![0; 6]; // June .. November 2024
    expected.push(1); // December 2024
    expected.extend([1; 11]); // January .. November 2025
    expected.push(0); // December 2025
    assert_eq!(history(&e, 0), expected);

    // One day later the second purchase falls into 2025 and neither year reaches 500.
    let e = run(&s, &[(0, day(2024, 6, 1), Pay, 300.0), (0, day(2025, 1, 1), Pay, 250.0), start, end]);
    assert!(history(&e, 0).iter().all(|&t| t == 0));
}

#[test]
fn points_earned_in_different_months_expire_separately() {
    // 100 points in January, 50 in February, each expiring two months after the month earned:
    // January's at the end of March, February's at the end of April.
    let mut s = two_tiers();
    s.points.expiry = Expiry::MonthsAfterEarning { months: 2 };
    let e = run(
        &s,
        &[(0, day(2024, 1, 10), Pay, 100.0), (0, day(2024, 2, 10), Pay, 50.0), (1, day(2024, 5, 31), View, f64::NAN)],
    );
    let ledger = e.outcome.points.as_ref().unwrap();
    assert_eq!(ledger.earned, vec![100.0, 50.0, 0.0, 0.0, 0.0]);
    assert_eq!(ledger.expired, vec![0.0, 0.0, 100.0, 50.0, 0.0]);
    assert_eq!(ledger.outstanding, vec![100.0, 150.0, 50.0, 0.0, 0.0]);
    assert_eq!(ledger.totals.outstanding, 0.0);

    // Year-end expiry: November's points lapse at the end of December, January's survive.
    s.points.expiry = Expiry::EndOfYear { years_after: 0 };
    let e = run(
        &s,
        &[(0, day(2024, 11, 10), Pay, 100.0), (0, day(2025, 1, 10), Pay, 50.0), (1, day(2025, 2, 28), View, f64::NAN)],
    );
    let ledger = e.outcome.points.as_ref().unwrap();
    assert_eq!(ledger.expired, vec![0.0, 100.0, 0.0, 0.0]);
    assert_eq!(ledger.outstanding, vec![100.0, 0.0, 50.0, 50.0]);
}

#[test]
fn a_refund_after_an_upgrade() {
    // January: 600 at Regular (600 points, no discount) -> Gold at the end of January.
    // February: 100 at Gold: 10 discount, 200 points. March: the January purchase is refunded.
    //  - points come back at the average earn rate so far, 800 points / 700 spent: 600 * 8/7 = 685.71;
    //  - the discount comes back at the average discount rate so far, 10 / 700: 600 / 70 = 8.571;
    //  - lifetime spend drops to 100 < 500 and the monthly evaluation moves the customer down.
    let mut s = two_tiers();
    s.tiers.downgrade =
        DowngradeRule { evaluation: Evaluation::Monthly, grace_evaluations: 0, step: DowngradeStep::OneTier };
    let e = run(
        &s,
        &[(0, day(2024, 1, 5), Pay, 600.0), (0, day(2024, 2, 5), Pay, 100.0), (0, day(2024, 3, 5), Refund, -600.0)],
    );
    assert_eq!(history(&e, 0), vec![1, 1, 0]);
    let ledger = e.outcome.points.as_ref().unwrap();
    close(ledger.totals.earned, 800.0);
    close(ledger.totals.reversed, 600.0 * 8.0 / 7.0);
    close(ledger.totals.outstanding, 800.0 - 600.0 * 8.0 / 7.0);
    close(ledger.totals.unrecovered, 0.0);
    // Gold held during February and March: 10 - 600/70 of discount; revenue 100 - 600 = -500.
    let gold = &e.outcome.tiers[1];
    close(gold.costs.discount, 10.0 - 600.0 / 70.0);
    close(gold.revenue, -500.0);
    close(e.outcome.revenue, 100.0);
    // Points by the tier held when earned: Regular 600, Gold 200 - 685.71.
    close(e.outcome.tiers[0].costs.points_issued, 600.0);
    close(gold.costs.points_issued, 200.0 - 600.0 * 8.0 / 7.0);
}

#[test]
fn pending_points_and_block_redemption() {
    // 250 spent on 30 January with a 7-day pending period: at the end of January the points are
    // pending (outstanding, not spendable). The next purchase (60, on 10 February) makes 310
    // spendable... of which only the 250 are past pending: blocks of 100 -> 200 redeemed.
    let mut s = two_tiers();
    s.points.pending_days = 7;
    s.points.redemption = Redemption::InBlocks { block: 100.0 };
    let e = run(&s, &[(0, day(2024, 1, 30), Pay, 250.0), (0, day(2024, 2, 10), Pay, 60.0)]);
    let ledger = e.outcome.points.as_ref().unwrap();
    assert_eq!(ledger.redeemed, vec![0.0, 200.0]);
    assert_eq!(ledger.outstanding, vec![250.0, 110.0]);
    close(ledger.totals.redemption_cost, 200.0 * 0.01);
}

#[test]
fn qualifying_points_count_base_points_only() {
    // 1 point per unit and 10 per review. Customer 0: 450 spent + 6 reviews = 510 base points ->
    // Gold, although the Gold multiplier would make more spendable points later.
    let mut s = two_tiers();
    s.scoring = Scoring::QualifyingPoints;
    s.points.per_event = vec![EventPoints { event: Review, points: 10.0 }];
    let mut rows = vec![(0, day(2024, 1, 5), Pay, 450.0), (1, day(2024, 1, 5), Pay, 450.0)];
    rows.extend((1..=6).map(|d| (0, day(2024, 1, 5 + d), Review, f64::NAN)));
    let e = run(&s, &rows);
    assert_eq!(e.final_scores, vec![510.0, 450.0]);
    assert_eq!(e.final_tiers, vec![1, 0]);
}

#[test]
fn segments_get_their_own_bounds() {
    // Customers from the column "city": Shanghai enters Gold from 200, everyone else from 500.
    let mut s = two_tiers();
    s.tiers.segment_thresholds = Some(SegmentThresholds {
        source: SegmentSource::Column { name: "city".into() },
        overrides: vec![SegmentOverride { segment: "Shanghai".into(), lower_bounds: vec![200.0] }],
    });
    let mut dataset = event_log(&[(0, day(2024, 1, 5), Pay, 300.0), (1, day(2024, 1, 5), Pay, 300.0)]);
    dataset.customers.attributes.push(crate::engine::dataset::Attribute {
        name: "city".into(),
        role: crate::engine::roles::ColumnRole::City,
        dictionary: vec!["Shanghai".into(), "Beijing".into()],
        codes: vec![0, 1],
    });
    let e = evaluate(&s, &PreparedData::new(dataset), &mut Silent).unwrap();
    assert_eq!(e.final_tiers, vec![1, 0]);
    // An unknown column is a clear error, not a silent default.
    s.tiers.segment_thresholds.as_mut().unwrap().source = SegmentSource::Column { name: "region".into() };
    let data = PreparedData::new(event_log(&[(0, 0, Pay, 1.0)]));
    assert_eq!(
        evaluate(&s, &data, &mut Silent).err(),
        Some(EvaluateError::UnknownSegmentColumn { name: "region".into() })
    );
}

#[test]
fn points_multipliers_read_their_own_segment_source() {
    // Bounds by city (Shanghai enters Gold from 200), points multipliers by channel (app x3): each
    // customer's multiplier follows the channel, whatever the bounds read.
    let mut s = two_tiers();
    s.tiers.segment_thresholds = Some(SegmentThresholds {
        source: SegmentSource::Column { name: "city".into() },
        overrides: vec![SegmentOverride { segment: "Shanghai".into(), lower_bounds: vec![200.0] }],
    });
    s.points.segment_multipliers = Some(SegmentMultipliers {
        source: SegmentSource::Column { name: "channel".into() },
        multipliers: vec![SegmentMultiplier { segment: "app".into(), multiplier: 3.0 }],
    });
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    let mut dataset = event_log(&[
        (0, day(2024, 1, 5), Pay, 300.0),
        (1, day(2024, 1, 5), Pay, 300.0),
        (2, day(2024, 1, 5), Pay, 300.0),
    ]);
    let attribute = |name: &str, role, dictionary: [&str; 2], codes: Vec<u32>| crate::engine::dataset::Attribute {
        name: name.into(),
        role,
        dictionary: dictionary.map(String::from).to_vec(),
        codes,
    };
    use crate::engine::roles::ColumnRole;
    dataset.customers.attributes.push(attribute("city", ColumnRole::City, ["Shanghai", "Beijing"], vec![0, 1, 0]));
    dataset.customers.attributes.push(attribute("channel", ColumnRole::Channel, ["web", "app"], vec![0, 1, 1]));
    let e = evaluate(&s, &PreparedData::new(dataset.clone()), &mut Silent).unwrap();
    assert_eq!(e.final_tiers, vec![1, 0, 1], "bounds by city");
    assert_eq!(e.segment_multiplier, vec![1.0, 3.0, 3.0], "multipliers by channel");
    assert_eq!(e.segment_of_customer.as_deref(), Some(&["Shanghai", "Beijing", "Shanghai"].map(String::from)[..]));
    // One source for both: read once, the same answer as reading it twice.
    s.points.segment_multipliers.as_mut().unwrap().source = SegmentSource::Column { name: "city".into() };
    s.points.segment_multipliers.as_mut().unwrap().multipliers[0].segment = "Beijing".into();
    let e = evaluate(&s, &PreparedData::new(dataset.clone()), &mut Silent).unwrap();
    assert_eq!(e.segment_multiplier, vec![1.0, 3.0, 1.0]);
    // Multipliers alone: their source names the customers' segments.
    s.tiers.segment_thresholds = None;
    s.points.segment_multipliers.as_mut().unwrap().source = SegmentSource::Column { name: "channel".into() };
    s.points.segment_multipliers.as_mut().unwrap().multipliers[0].segment = "app".into();
    let e = evaluate(&s, &PreparedData::new(dataset), &mut Silent).unwrap();
    assert_eq!(e.segment_multiplier, vec![1.0, 3.0, 3.0]);
    assert_eq!(e.segment_of_customer.as_deref(), Some(&["web", "app", "app"].map(String::from)[..]));
}

#[test]
fn free_shipping_and_gifts_follow_the_months_held() {
    // Gold (free shipping at 8 per order, 120 gifts a year) from the end of January 2024.
    // Orders: January 600 (Regular), March 2 x 50 (Gold). Data runs 1 Jan - 31 Dec 2024 (customer 1).
    // Shipping: 2 Gold orders x 8 = 16. Gifts: Gold for February..December = 335 days of 365.25.
    let mut s = two_tiers();
    s.benefits[1].free_shipping = true;
    s.benefits[1].gift_cost_per_year = 120.0;
    let e = run(
        &s,
        &[
            (0, day(2024, 1, 5), Pay, 600.0),
            (0, day(2024, 3, 5), Pay, 50.0),
            (0, day(2024, 3, 6), Pay, 50.0),
            (1, day(2024, 1, 1), View, f64::NAN),
            (1, day(2024, 12, 31), View, f64::NAN),
        ],
    );
    let gold = &e.outcome.tiers[1].costs;
    close(gold.shipping, 16.0);
    // The last month ends at the last event (31 Dec 00:00), so December counts 30 days: 334 in all.
    close(gold.gifts, 120.0 * 334.0 / 365.25);
}

#[test]
fn customer_tables_are_priced_as_a_snapshot() {
    use crate::engine::dataset::{Customers, Measure};
    use crate::engine::roles::{ColumnRole, DatasetShape};
    // Spend 600 (3 orders) -> Gold; spend 200 (1 order) -> Regular. One year assumed.
    let dataset = crate::engine::dataset::Dataset {
        shape: Some(DatasetShape::CustomerTable),
        customers: Customers {
            ids: ["a", "b"].into_iter().collect(),
            attributes: vec![],
            measures: vec![
                Measure { name: "spend".into(), role: ColumnRole::TotalSpend, values: vec![600.0, 200.0] },
                Measure { name: "orders".into(), role: ColumnRole::OrderCount, values: vec![3.0, 1.0] },
            ],
        },
        events: None,
    };
    let mut s = two_tiers();
    s.benefits[1].gift_cost_per_year = 50.0;
    let e = evaluate(&s, &PreparedData::new(dataset), &mut Silent).unwrap();
    assert_eq!(e.final_tiers, vec![1, 0]);
    // Gold: discount 60, points 1200 issued x 0.75 x 0.01 = 9, gifts 50. Regular: 200 points -> 1.5.
    let o = &e.outcome;
    close(o.tiers[1].costs.discount, 60.0);
    close(o.tiers[1].costs.points, 9.0);
    close(o.tiers[1].costs.gifts, 50.0);
    close(o.totals.total, 60.0 + 9.0 + 50.0 + 1.5);
    close(o.margin_after_benefits, 800.0 * 0.3 - 120.5);
    assert!(o.timeline.is_none());
}

#[test]
fn default_growth_value_warns_that_spend_dominates() {
    let e = run(&Scenario::template(), &[(0, day(2024, 1, 5), Pay, 500.0), (0, day(2024, 1, 6), View, f64::NAN)]);
    assert!(e
        .outcome
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::OneFeatureDominates { feature, .. } if feature == "monetary")));
}

// proptest is a native-only dev-dependency; the wasm test build (browser tests) leaves these out.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// With fixed thresholds, one more order never lowers a customer's growth-value tier.
        #[test]
        fn an_extra_order_never_lowers_the_tier(
            orders in proptest::collection::vec((0usize..6, 0i64..400, 1u32..400), 1..30),
            extra in (0usize..6, 0i64..400, 1u32..400),
            monthly_downgrades in any::<bool>(),
        ) {
            let mut s = Scenario::template();
            s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![150.0, 400.0, 900.0] };
            if monthly_downgrades {
                s.tiers.downgrade = DowngradeRule { evaluation: Evaluation::Monthly, grace_evaluations: 0, step: DowngradeStep::Recompute };
            }
            let base = 19_700; // 2023-12-08
            let mut rows: Vec<(usize, i64, EventKind, f64)> =
                orders.iter().map(|&(c, d, a)| (c, base + d, Pay, f64::from(a))).collect();
            // Every customer exists and the span is fixed, so adding an order changes nothing else.
            for c in 0..6 { rows.push((c, base, View, f64::NAN)); rows.push((c, base + 400, View, f64::NAN)); }
            let before = run(&s, &rows).final_tiers;
            rows.push((extra.0, base + extra.1, Pay, f64::from(extra.2)));
            let after = run(&s, &rows).final_tiers;
            prop_assert!(after[extra.0] >= before[extra.0], "{:?} -> {:?}", before, after);
        }
    }
}

#[test]
fn the_funnel_prior_of_the_scenario_smooths_the_rates() {
    // Customer 0 views 4 times and adds to cart once; customer 1 views 6 times and never adds.
    // Fixed prior a = 1, b = 1: customer 0 (1 + 1) / (4 + 2) = 1/3 -> 33.33 %, customer 1
    // (0 + 1) / (6 + 2) = 1/8 -> 12.5 %. The default population prior (strength 10, pooled rate
    // 1/10 -> a = 1, b = 9) would give (1 + 1) / (4 + 10) = 14.29 % and 1 / 16 = 6.25 %.
    let mut rows: Vec<(usize, i64, EventKind, f64)> =
        (0..4).map(|d| (0, day(2024, 1, 1 + d), View, f64::NAN)).collect();
    rows.push((0, day(2024, 1, 2), Cart, f64::NAN));
    rows.extend((0..6).map(|d| (1, day(2024, 1, 1 + d), View, f64::NAN)));
    let mut dataset = event_log(&rows);
    dataset.events.as_mut().unwrap().present = vec![crate::engine::roles::ColumnRole::EventType];
    let data = PreparedData::new(dataset);
    let mut s = two_tiers();
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![20.0] };
    s.scoring = Scoring::FunnelConversion {
        stage: FunnelStage::ViewToCart,
        prior: crate::engine::features::table::ConversionPrior::Fixed { a: 1.0, b: 1.0 },
    };
    let e = evaluate(&s, &data, &mut Silent).unwrap();
    close(e.final_scores[0], 100.0 / 3.0);
    close(e.final_scores[1], 12.5);
    assert_eq!(e.final_tiers, vec![1, 0]);
    let explained = crate::engine::explain::explain(&s, &data, &e, 0);
    let rate = explained.features.iter().find(|(k, _)| *k == Feature::ViewToCart.into()).unwrap().1;
    close(rate, 1.0 / 3.0);
}

/// Regular / Gold at 500 spend, and a second criterion of 3 orders to enter Gold.
fn spend_and_orders(combine: Combine) -> Scenario {
    let mut s = two_tiers();
    s.tiers.second_criterion = Some(SecondCriterion {
        measure: CriterionMeasure::Orders,
        combine,
        lower_bounds: vec![3.0],
        retain_bounds: None,
    });
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    s
}

/// January 2024: customer 0 buys 3 x 200 (600 in 3 orders), customer 1 once 600, customer 2
/// 4 x 50 (200 in 4 orders).
fn three_buyers() -> Vec<(usize, i64, EventKind, f64)> {
    let mut rows = vec![(1, day(2024, 1, 9), Pay, 600.0)];
    for d in 1..=3 {
        rows.push((0, day(2024, 1, d), Pay, 200.0));
    }
    for d in 1..=4 {
        rows.push((2, day(2024, 1, d + 10), Pay, 50.0));
    }
    rows
}

#[test]
fn spend_and_orders_qualify_together_or_either() {
    // Both needed: only customer 0 (600 and 3 orders) reaches Gold. Either: all three do
    // (customer 1 by spend, customer 2 by 4 orders).
    let and = run(&spend_and_orders(Combine::And), &three_buyers());
    assert_eq!(and.final_tiers, vec![1, 0, 0]);
    assert_eq!(and.final_measures, vec![3.0, 1.0, 4.0]);
    let or = run(&spend_and_orders(Combine::Or), &three_buyers());
    assert_eq!(or.final_tiers, vec![1, 1, 1]);
    // Customer 1 under "and": spend already reached, 2 orders missing; customer 2: 300 spend
    // and nothing more in orders.
    let data = PreparedData::new(event_log(&three_buyers()));
    let next = crate::engine::explain::explain(&spend_and_orders(Combine::And), &data, &and, 1).next_tier.unwrap();
    assert_eq!((next.distance, next.second.as_ref().unwrap().distance), (0.0, 2.0));
    let next = crate::engine::explain::explain(&spend_and_orders(Combine::And), &data, &and, 2).next_tier.unwrap();
    assert_eq!((next.distance, next.second.as_ref().unwrap().distance), (300.0, 0.0));
    // Gold's discount is priced on who is Gold: under "or" customer 1 and 2 pay 10 % less from
    // February on, here nothing (the history ends in January).
    assert_eq!(or.outcome.totals.discount, 0.0);
}

#[test]
fn a_second_criterion_that_asks_nothing_changes_no_number() {
    // "And" with 0 orders for every tier is the score alone: the same tiers, costs and timeline.
    let rows = three_buyers();
    let plain = run(&two_tiers(), &rows);
    let mut s = spend_and_orders(Combine::And);
    s.tiers.second_criterion.as_mut().unwrap().lower_bounds = vec![0.0];
    let same = run(&s, &rows);
    assert_eq!(same.final_tiers, plain.final_tiers);
    assert_eq!(same.outcome, plain.outcome);
}

#[test]
fn coupons_cost_the_redeemed_coupons_times_their_value() {
    // Regular: one coupon of 5 a month, any order, all used. Gold: two coupons of 10 a month on
    // orders of at least 100, half used.
    // January (Regular): 600 -> 1 eligible, 1 coupon x 100 % x 5 = 5; Gold from the end of January.
    // February (Gold): 150, 50, 120, 300 -> 3 eligible, at most 2 coupons, x 50 % = 1 x 10 = 10.
    // March (Gold): 80 -> below the minimum: 0.
    let mut s = two_tiers();
    s.benefits[0].coupons = Some(Coupons { value: 5.0, min_spend: 0.0, per_month: 1.0, redemption_percent: 100.0 });
    s.benefits[1].coupons = Some(Coupons { value: 10.0, min_spend: 100.0, per_month: 2.0, redemption_percent: 50.0 });
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    let mut rows = vec![(0, day(2024, 1, 3), Pay, 600.0), (0, day(2024, 3, 3), Pay, 80.0)];
    for (d, amount) in [(1, 150.0), (2, 50.0), (3, 120.0), (4, 300.0)] {
        rows.push((0, day(2024, 2, d), Pay, amount));
    }
    let with = run(&s, &rows);
    let without = run(&two_tiers(), &rows);
    close(with.outcome.tiers[0].costs.coupons, 5.0);
    close(with.outcome.tiers[1].costs.coupons, 10.0);
    close(with.outcome.totals.coupons, 15.0);
    close(with.outcome.totals.total - without.outcome.totals.total, 15.0);
    assert_eq!(without.outcome.totals.coupons, 0.0);
}

#[test]
fn level_growth_adds_its_constant_for_every_membership_month() {
    // theta 0.5, gamma 10, spend weight 1. Customer 0 joins in January 2024 and buys 100 in
    // January and 100 in March: L = 0.5 x 200 + 10 x 3 = 130. Customer 1 joins in February with
    // 50: L = 25 + 10 x 2 = 45. Month by month for customer 0: 60, 70, 130.
    let mut s = two_tiers();
    s.scoring = Scoring::LevelGrowth { amount: 1.0, orders: 0.0, interactions: 0.0, theta: 0.5, gamma: 10.0 };
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![100.0] };
    let rows = [(0, day(2024, 1, 5), Pay, 100.0), (1, day(2024, 2, 5), Pay, 50.0), (0, day(2024, 3, 5), Pay, 100.0)];
    let e = run(&s, &rows);
    close(e.final_scores[0], 130.0);
    close(e.final_scores[1], 45.0);
    // 60 and 70 stay below 100; 130 reaches Gold at the end of March.
    assert_eq!(history(&e, 0), vec![0, 0, 1]);
}

/// A customer table: spend and, when `with_orders`, the order count.
fn customer_table(spend: &[f64], orders: Option<&[f64]>) -> PreparedData {
    use crate::engine::dataset::{Customers, Measure};
    use crate::engine::roles::{ColumnRole, DatasetShape};
    let mut measures = vec![Measure { name: "spend".into(), role: ColumnRole::TotalSpend, values: spend.to_vec() }];
    if let Some(orders) = orders {
        measures.push(Measure { name: "orders".into(), role: ColumnRole::OrderCount, values: orders.to_vec() });
    }
    let ids: Vec<String> = (0..spend.len()).map(|i| format!("c{i}")).collect();
    PreparedData::new(crate::engine::dataset::Dataset {
        shape: Some(DatasetShape::CustomerTable),
        customers: Customers { ids: ids.iter().map(String::as_str).collect(), attributes: vec![], measures },
        events: None,
    })
}

#[test]
fn customer_tables_compare_both_criteria_once() {
    // (spend, orders): (600, 3) (600, 1) (200, 4). Gold at 500 spend and 3 orders: "and" -> only
    // the first; "or" -> all three.
    let data = customer_table(&[600.0, 600.0, 200.0], Some(&[3.0, 1.0, 4.0]));
    let and = evaluate(&spend_and_orders(Combine::And), &data, &mut Silent).unwrap();
    assert_eq!(and.final_tiers, vec![1, 0, 0]);
    let or = evaluate(&spend_and_orders(Combine::Or), &data, &mut Silent).unwrap();
    assert_eq!(or.final_tiers, vec![1, 1, 1]);
    // Without an order count the criterion cannot be judged: a typed error, not a silent Regular.
    let no_orders = customer_table(&[600.0], None);
    assert!(matches!(
        evaluate(&spend_and_orders(Combine::And), &no_orders, &mut Silent),
        Err(EvaluateError::Feature { .. })
    ));
}

#[test]
fn bounds_are_shared_by_the_customers_of_a_set() {
    // Gold from 500, 300 for segment "vip"; keep Gold above half the entry bound. Customer 2 is
    // excluded: no bound in reach.
    let mut s = two_tiers();
    s.tiers.segment_thresholds = Some(SegmentThresholds {
        source: SegmentSource::Column { name: "segment".into() },
        overrides: vec![
            SegmentOverride { segment: "vip".into(), lower_bounds: vec![300.0] },
            SegmentOverride { segment: "vip".into(), lower_bounds: vec![100.0] },
        ],
    });
    s.tiers.retain = Some(RetainRule::FractionOfEntry { fraction: 0.5 });
    let segments: Vec<String> = ["vip", "new", "vip", "vip"].map(String::from).to_vec();
    let (entry, retain, population) =
        customer_bounds(&s, &[0.0, 600.0, 700.0, 50.0], Some(&segments), &[false, false, true]);
    assert_eq!(population, vec![500.0]);
    assert_eq!(entry.len(), 4);
    // The first override naming the segment applies; an excluded customer's bounds are infinite.
    assert_eq!([&entry[0], &entry[1], &entry[2], &entry[3]], [&[300.0][..], &[500.0], &[f64::INFINITY], &[300.0]]);
    assert_eq!([&retain[0], &retain[1], &retain[2], &retain[3]], [&[150.0][..], &[250.0], &[f64::INFINITY], &[150.0]]);
    assert_eq!(entry.get(4), None);
    // Four customers, three distinct sets used, each stored once (the unused second override too).
    assert_eq!(entry.sets.len(), 4);
}
