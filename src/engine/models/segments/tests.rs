use super::*;
use crate::engine::dataset::{Customers, Dataset, Measure};
use crate::engine::features::catalog::Feature;
use crate::engine::progress::Silent;
use crate::engine::roles::{ColumnRole, DatasetShape};

/// A customer table with three clear groups: 30 customers spending ~5000 over ~40 orders, 60
/// spending ~1000 over ~10, 90 spending ~100 over ~2 (small deterministic jitter).
fn three_groups() -> PreparedData {
    let mut spend = vec![];
    let mut orders = vec![];
    for (count, base_spend, base_orders) in [(30, 5000.0, 40.0), (60, 1000.0, 10.0), (90, 100.0, 2.0)] {
        for i in 0..count {
            let jitter = f64::from((i * 37) % 11) - 5.0;
            spend.push(base_spend + jitter * base_spend / 100.0);
            orders.push((base_orders + jitter / 5.0).round());
        }
    }
    let n = spend.len();
    PreparedData::new(Dataset {
        shape: Some(DatasetShape::CustomerTable),
        customers: Customers {
            ids: (0..n).map(|i| format!("C{i}")).collect(),
            attributes: vec![],
            measures: vec![
                Measure { name: "spend".into(), role: ColumnRole::TotalSpend, values: spend },
                Measure { name: "orders".into(), role: ColumnRole::OrderCount, values: orders },
            ],
        },
        events: None,
    })
}

fn params(k: SegmentCount, seed: u64) -> SegmentParams {
    SegmentParams {
        features: vec![Feature::Monetary.into(), Feature::Frequency.into()],
        k,
        seed,
        max_iter: 100,
        restarts: 2,
        silhouette_sample: 100,
    }
}

#[test]
fn names_by_rank() {
    assert_eq!(suggested_names(2), ["high_value", "low_value"]);
    assert_eq!(suggested_names(3), ["high_value", "medium_value", "low_value"]);
    assert_eq!(suggested_names(5), ["top", "high", "mid", "low", "dormant"]);
    assert_eq!(suggested_names(7), ["top", "high", "mid_1", "mid_2", "mid_3", "low", "dormant"]);
    for k in MIN_K..=MAX_K {
        assert_eq!(suggested_names(k).len(), k);
    }
}

#[test]
fn clear_groups_are_found_ranked_and_profiled() {
    let data = three_groups();
    let report = segment_customers(&data, &params(SegmentCount::Fixed { k: 3 }, 1), &mut Silent).unwrap();
    let sizes: Vec<usize> = report.segments.iter().map(|s| s.size).collect();
    assert_eq!(sizes, vec![30, 60, 90]);
    let names: Vec<&str> = report.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["high_value", "medium_value", "low_value"]);
    // Jitter is symmetric within each group of 11, so group means are close to the bases; the
    // first 30 customers are exactly the top segment.
    assert!(report.labels[..30].iter().all(|&l| l == 0));
    assert!(report.labels[30..90].iter().all(|&l| l == 1));
    assert!(report.labels[90..].iter().all(|&l| l == 2));
    let top = &report.segments[0];
    let expected_mean: f64 = (0..30).map(|i| 5000.0 + (f64::from((i * 37) % 11) - 5.0) * 50.0).sum::<f64>() / 30.0;
    assert!((top.mean_spend.unwrap() - expected_mean).abs() < 1e-9);
    assert_eq!(top.feature_means[0], top.mean_spend);
    // Revenue shares add up to 1.
    let shares: f64 = report.segments.iter().map(|s| s.revenue_share.unwrap()).sum();
    assert!((shares - 1.0).abs() < 1e-12);
    assert_eq!(report.customer_segment_names()[0], "high_value");
    assert_eq!(report.ranked_by, "net_spend");
}

#[test]
fn segment_numbers_do_not_depend_on_the_seed() {
    let data = three_groups();
    let a = segment_customers(&data, &params(SegmentCount::Fixed { k: 3 }, 1), &mut Silent).unwrap();
    for seed in [2, 3, 99] {
        let b = segment_customers(&data, &params(SegmentCount::Fixed { k: 3 }, seed), &mut Silent).unwrap();
        assert_eq!(a.labels, b.labels, "seed {seed}");
    }
}

#[test]
fn silhouette_search_finds_three_groups_and_reports_the_curve() {
    let data = three_groups();
    let mut reports = 0;
    let report = segment_customers(
        &data,
        &params(SegmentCount::BestSilhouette { min: 2, max: 6 }, 5),
        &mut |stage: Stage, _done: u64, total: u64| {
            // 5 values of k x 2 restarts.
            assert_eq!((stage, total), (Stage::Training, 10));
            reports += 1;
        },
    )
    .unwrap();
    assert_eq!(reports, 11);
    assert_eq!(report.k, 3);
    assert_eq!(report.curve.iter().map(|s| s.k).collect::<Vec<_>>(), vec![2, 3, 4, 5, 6]);
    let best = report.curve[1].silhouette.unwrap();
    assert!(report.curve.iter().all(|s| s.silhouette.unwrap() <= best));
    // Inertia never grows much with k on such data (k-means++ is a heuristic, so allow slack).
    assert!(report.curve[4].inertia < report.curve[0].inertia);
    assert_eq!(report.silhouette_points, 100);
}

#[test]
fn bad_parameters_are_named() {
    let data = three_groups();
    let mut p = params(SegmentCount::BestSilhouette { min: 5, max: 3 }, 1);
    p.silhouette_sample = 50;
    let Err(SegmentError::InvalidParameters { errors }) = segment_customers(&data, &p, &mut Silent) else {
        panic!("expected invalid parameters")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["max", "silhouette_sample"]);
    let p = params(SegmentCount::Fixed { k: 11 }, 1);
    assert!(segment_customers(&data, &p, &mut Silent).is_err());
}

#[test]
fn identical_customers_do_not_break_the_search() {
    // Every customer the same: k-means++ can only pick duplicate centres, clusters come out empty,
    // and no k has a silhouette. The report still covers every customer with one segment.
    let n = 40;
    let data = PreparedData::new(Dataset {
        shape: Some(DatasetShape::CustomerTable),
        customers: Customers {
            ids: (0..n).map(|i| format!("C{i}")).collect(),
            attributes: vec![],
            measures: vec![
                Measure { name: "spend".into(), role: ColumnRole::TotalSpend, values: vec![10.0; n] },
                Measure { name: "orders".into(), role: ColumnRole::OrderCount, values: vec![1.0; n] },
            ],
        },
        events: None,
    });
    let report =
        segment_customers(&data, &params(SegmentCount::BestSilhouette { min: 2, max: 4 }, 1), &mut Silent).unwrap();
    assert!(report.curve.iter().all(|s| s.silhouette.is_none() && s.inertia == 0.0));
    assert_eq!(report.segments.iter().map(|s| s.size).sum::<usize>(), n);
    assert!(report.labels.iter().all(|&l| (l as usize) < report.segments.len()));
    assert!(serde_json::to_string(&report).is_ok());
}

#[test]
fn restarts_on_several_threads_give_the_same_segments() {
    // Every (k, restart) draws from its own (seed, restart) stream: the threads only change where
    // the runs happen.
    let columns: Vec<Vec<f64>> = (0..3)
        .map(|d| (0..400).map(|i| f64::from((i * (7 + d * 13) + d * 5) % 97) / 9.7 + f64::from(i % 4 * d)).collect())
        .collect();
    let params = SegmentParams {
        features: vec![Feature::Monetary.into(), Feature::Frequency.into(), Feature::RecencyDays.into()],
        k: SegmentCount::BestSilhouette { min: 2, max: 6 },
        seed: 5,
        max_iter: 100,
        restarts: 3,
        silhouette_sample: 150,
    };
    let one = segment_columns_on(&columns, None, &params, 1, &mut Silent).unwrap();
    for threads in [2, 4] {
        assert_eq!(segment_columns_on(&columns, None, &params, threads, &mut Silent).unwrap(), one, "{threads}");
    }
    assert_eq!(one.curve.len(), 5);
}
