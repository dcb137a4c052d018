use super::*;
use crate::engine::dataset::{Attribute, Customers, Dataset, Measure};
use crate::engine::date::days_from_civil;
use crate::engine::features::activity::tests::event_log;
use crate::engine::features::catalog::Feature;
use crate::engine::roles::{ColumnRole, DatasetShape, EventKind::*};

const DAY: i64 = 86_400;

fn day(y: i32, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d)
}

/// Calibration through March 2024, holdout April-May, data until June.
/// Customer 0 buys 100 (Jan), 50 (Feb), 70 in the LAST second of March, 30 in the FIRST second of
/// April, 20 in May. Customer 1 first appears in April (not yet a customer at calibration).
/// Customer 2 views in January and buys 40 in June (after the holdout).
fn boundary_log() -> Dataset {
    let mut data = event_log(&[
        (0, day(2024, 1, 10), Pay, 100.0),
        (0, day(2024, 2, 10), Pay, 50.0),
        (0, day(2024, 3, 31), Pay, 70.0),
        (0, day(2024, 4, 1), Pay, 30.0),
        (0, day(2024, 5, 15), Pay, 20.0),
        (1, day(2024, 4, 20), Pay, 10.0),
        (2, day(2024, 1, 5), View, f64::NAN),
        (2, day(2024, 6, 30), Pay, 40.0),
    ]);
    // Move customer 0's March purchase to 23:59:59 on the 31st; the April one stays at 00:00:00.
    let log = data.events.as_mut().unwrap();
    let march = log.time.iter().position(|&t| t == day(2024, 3, 31) * DAY).unwrap();
    log.time[march] += DAY - 1;
    data
}

fn holdout(measure: HoldoutMeasure) -> TrainingSpec {
    TrainingSpec {
        features: vec![Feature::Monetary.into(), Feature::Frequency.into(), Feature::RecencyDays.into()],
        target: TargetSpec::Holdout { calibration_end: YearMonth { year: 2024, month: 3 }, holdout_months: 2, measure },
    }
}

/// Pads the set with customers 3..12 (one purchase of 5 in January each) so it has enough rows.
fn padded(mut data: Dataset) -> Dataset {
    let log = data.events.as_mut().unwrap();
    for c in 0..10 {
        log.push_bare(day(2024, 1, 2) * DAY + c, Pay, 5.0);
        log.offsets.push(log.time.len() as u32);
        data.customers.ids.push(format!("P{c}"));
    }
    data
}

#[test]
fn the_calibration_month_boundary_is_exact() {
    let data = PreparedData::new(padded(boundary_log()));
    let set = TrainingSet::build(&data, &holdout(HoldoutMeasure::Spend)).unwrap();
    // Customer 1 joined in April: left out. Rows: 0, 2 and the ten padding customers.
    assert_eq!(set.summary.not_yet_customers, 1);
    assert_eq!(&set.customers[..2], &[0, 2]);
    assert_eq!(set.rows(), 12);
    // Customer 0: calibration spend 100 + 50 + 70 (the last second of March counts) = 220 over 3
    // purchases; recency as of 2024-03-31 23:59:59 is 0 days (bought in that very second).
    assert_eq!(set.columns[0][0], 220.0);
    assert_eq!(set.columns[1][0], 3.0);
    assert_eq!(set.columns[2][0], 0.0);
    // Holdout April-May: 30 (first second of April) + 20 = 50; customer 2's June purchase is after it.
    let Target::Values(target) = &set.target else { panic!() };
    assert_eq!(&target[..2], &[50.0, 0.0]);
    // Last-period baseline: the two months before the holdout (February, March) = 50 + 70.
    assert_eq!(&set.last_period.as_ref().unwrap()[..2], &[120.0, 0.0]);
    // Customer 2 never bought before April: recency is missing.
    assert!(set.columns[2][1].is_nan());
    assert_eq!(set.summary.missing_values[2], MissingCount { feature: "recency_days".into(), rows: 1 });
    let periods = set.summary.periods.as_ref().unwrap();
    assert_eq!(periods.calibration_start, YearMonth { year: 2024, month: 1 });
    assert_eq!(periods.holdout_start, YearMonth { year: 2024, month: 4 });
    assert_eq!(periods.holdout_end, YearMonth { year: 2024, month: 5 });
    assert_eq!((periods.baseline_start, periods.baseline_months), (YearMonth { year: 2024, month: 2 }, 2));
    assert!(!periods.last_holdout_month_partial);
    // Scoring uses everything up to June: customer 0 spent 270 in all.
    assert_eq!(set.scoring_columns[0][0], 270.0);

    let purchases = TrainingSet::build(&data, &holdout(HoldoutMeasure::Purchases)).unwrap();
    let Target::Values(target) = &purchases.target else { panic!() };
    assert_eq!(&target[..2], &[2.0, 0.0]);
}

#[test]
fn events_after_the_calibration_month_cannot_change_the_features() {
    let before = PreparedData::new(padded(boundary_log()));
    // Same history through March; April onwards very different (bigger purchases, a refund, more
    // views, another customer joining).
    let mut changed = boundary_log();
    {
        let log = changed.events.as_mut().unwrap();
        let april = day(2024, 4, 1) * DAY;
        for row in 0..log.len() {
            if log.time[row] >= april {
                log.amount[row] *= 7.0;
            }
        }
        // Customer 2 gets a refund in May inserted before the June purchase.
        let rows = log.rows_of(2);
        let at = rows.end - 1;
        log.time.insert(at, day(2024, 5, 3) * DAY);
        log.kind.insert(at, Refund);
        log.amount.insert(at, -15.0);
        log.quantity.insert(at, f32::NAN);
        log.category.insert(at, crate::engine::dataset::NO_CODE);
        log.channel.insert(at, crate::engine::dataset::NO_CODE);
        log.rating.insert(at, f32::NAN);
        log.comment.insert(at, crate::engine::dataset::NO_CODE);
        log.browse_minutes.insert(at, f32::NAN);
        log.offsets[3] += 1;
    }
    let after = PreparedData::new(padded(changed));
    let spec = holdout(HoldoutMeasure::Spend);
    let a = TrainingSet::build(&before, &spec).unwrap();
    let b = TrainingSet::build(&after, &spec).unwrap();
    assert_eq!(a.customers, b.customers);
    for (ca, cb) in a.columns.iter().zip(&b.columns) {
        for (x, y) in ca.iter().zip(cb) {
            assert!(x == y || (x.is_nan() && y.is_nan()), "{ca:?} vs {cb:?}");
        }
    }
    assert_eq!(a.last_period, b.last_period);
    assert_ne!(a.target, b.target);
}

#[test]
fn calibration_must_leave_room_for_the_holdout() {
    let data = PreparedData::new(padded(boundary_log()));
    let mut spec = holdout(HoldoutMeasure::Spend);
    spec.target = TargetSpec::Holdout {
        calibration_end: YearMonth { year: 2024, month: 5 },
        holdout_months: 2,
        measure: HoldoutMeasure::Spend,
    };
    let err = TrainingSet::build(&data, &spec).unwrap_err();
    assert_eq!(
        err,
        TrainingSetError::CalibrationOutOfRange {
            calibration_end: YearMonth { year: 2024, month: 5 },
            earliest: YearMonth { year: 2024, month: 1 },
            latest: YearMonth { year: 2024, month: 4 },
        }
    );
    assert_eq!(
        err.to_string(),
        "the calibration period cannot end in 2024-05: with this holdout length it must end between 2024-01 and 2024-04"
    );
    spec.target = TargetSpec::Holdout {
        calibration_end: YearMonth { year: 2023, month: 12 },
        holdout_months: 2,
        measure: HoldoutMeasure::Spend,
    };
    assert!(matches!(TrainingSet::build(&data, &spec), Err(TrainingSetError::CalibrationOutOfRange { .. })));
}

fn table(spend: Vec<f64>, tier_codes: Vec<u32>) -> PreparedData {
    let n = spend.len();
    PreparedData::new(Dataset {
        shape: Some(DatasetShape::CustomerTable),
        customers: Customers {
            ids: (0..n).map(|i| format!("C{i}")).collect(),
            attributes: vec![Attribute {
                name: "level".into(),
                role: ColumnRole::ExistingTier,
                dictionary: vec!["gold".into(), "unused".into(), "silver".into()],
                codes: tier_codes,
            }],
            measures: vec![
                Measure { name: "spend".into(), role: ColumnRole::TotalSpend, values: spend },
                Measure {
                    name: "age".into(),
                    role: ColumnRole::Age,
                    values: (0..n).map(|i| 20.0 + i as f64).collect(),
                },
            ],
        },
        events: None,
    })
}

#[test]
fn customer_table_targets() {
    let mut spend: Vec<f64> = (0..12).map(|i| 100.0 * i as f64).collect();
    spend[3] = f64::NAN;
    let codes = vec![0, 2, 0, 2, NO_CODE, 0, 2, 0, 2, 0, 2, 0];
    let data = table(spend, codes);
    // A numeric column as target: the customer without a value is left out and counted.
    let spec = TrainingSpec {
        features: vec![FeatureKey::Column("age".into())],
        target: TargetSpec::Column { key: Feature::Monetary.into() },
    };
    let set = TrainingSet::build(&data, &spec).unwrap();
    assert_eq!(set.rows(), 11);
    assert_eq!(set.summary.without_target, 1);
    assert!(!set.customers.contains(&3));
    // The target cannot be a feature too.
    let spec = TrainingSpec {
        features: vec![Feature::Monetary.into()],
        target: TargetSpec::Column { key: Feature::Monetary.into() },
    };
    assert_eq!(
        TrainingSet::build(&data, &spec).unwrap_err(),
        TrainingSetError::TargetAmongFeatures { feature: Feature::Monetary.into() }
    );
    // A text column as classes: only the values that occur, in dictionary order; customer 4 has none.
    let spec = TrainingSpec {
        features: vec![FeatureKey::Column("age".into())],
        target: TargetSpec::ClassColumn { name: "level".into() },
    };
    let set = TrainingSet::build(&data, &spec).unwrap();
    let Target::Classes { labels, names } = &set.target else { panic!() };
    assert_eq!(names, &["gold", "silver"]);
    assert_eq!(labels[..4], [0, 1, 0, 1]);
    assert_eq!(set.summary.without_target, 1);
    // Holdout targets need an event log.
    assert_eq!(
        TrainingSet::build(&data, &holdout(HoldoutMeasure::Spend)).unwrap_err(),
        TrainingSetError::NeedsEventLog
    );
}

#[test]
fn tiers_must_match_the_customers() {
    let data = table((0..12).map(f64::from).collect(), vec![0; 12]);
    let features = vec![FeatureKey::Column("age".into())];
    let spec = |tiers: Vec<u8>| TrainingSpec {
        features: features.clone(),
        target: TargetSpec::Tiers { tiers, names: vec!["Regular".into(), "Gold".into()] },
    };
    assert_eq!(
        TrainingSet::build(&data, &spec(vec![0; 5])).unwrap_err(),
        TrainingSetError::TierCountMismatch { customers: 12, tiers: 5 }
    );
    let mut tiers = vec![0; 12];
    tiers[7] = 2;
    assert_eq!(
        TrainingSet::build(&data, &spec(tiers)).unwrap_err(),
        TrainingSetError::TierOutOfRange { customer_id: "C7".into(), tier: 2, names: 2 }
    );
    let set = TrainingSet::build(&data, &spec((0..12).map(|i| (i % 2) as u8).collect())).unwrap();
    assert_eq!(set.rows(), 12);
    assert_eq!(set.summary.target, "tier");
}

#[test]
fn feature_lists_are_checked() {
    let data = table((0..12).map(f64::from).collect(), vec![0; 12]);
    let spec = |features: Vec<FeatureKey>| TrainingSpec {
        features,
        target: TargetSpec::Column { key: Feature::Monetary.into() },
    };
    assert_eq!(TrainingSet::build(&data, &spec(vec![])).unwrap_err(), TrainingSetError::NoFeatures);
    let age = FeatureKey::Column("age".into());
    assert_eq!(
        TrainingSet::build(&data, &spec(vec![age.clone(), age.clone()])).unwrap_err(),
        TrainingSetError::DuplicateFeature { feature: age }
    );
    assert!(matches!(
        TrainingSet::build(&data, &spec(vec![FeatureKey::Column("nope".into())])),
        Err(TrainingSetError::Feature { .. })
    ));
    let small = table((0..5).map(f64::from).collect(), vec![0; 5]);
    assert_eq!(
        TrainingSet::build(&small, &spec(vec![FeatureKey::Column("age".into())])).unwrap_err(),
        TrainingSetError::TooFewRows { rows: 5, needed: MIN_ROWS }
    );
}

#[test]
fn ready_made_columns_are_checked() {
    let keys = vec![FeatureKey::Column("x".into())];
    let column: Vec<f64> = (0..12).map(f64::from).collect();
    let classes = |labels: Vec<usize>| Target::Classes { labels, names: vec!["a".into(), "b".into()] };
    let mut labels = vec![0; 12];
    labels[4] = 2;
    assert_eq!(
        TrainingSet::from_columns(keys.clone(), vec![column.clone()], classes(labels), "t").unwrap_err(),
        TrainingSetError::ClassOutOfRange { row: 4, class: 2, classes: 2 }
    );
    assert_eq!(
        TrainingSet::from_columns(keys.clone(), vec![column[..11].to_vec()], Target::Values(column.clone()), "t")
            .unwrap_err(),
        TrainingSetError::ColumnLengthMismatch { feature: "column:x".into(), expected: 12, found: 11 }
    );
    let set = TrainingSet::from_columns(keys, vec![column.clone()], Target::Values(column), "t").unwrap();
    assert_eq!(set.customers, (0..12).collect::<Vec<_>>());
    assert_eq!(set.scoring_columns, set.columns);
}
