//! Native timings of every learned model on the sample population (a benchmark, not a test).
//!
//! ```text
//! cargo run --release --example bench_models -- [customers=100000] [seed=11] [matrix.csv]
//! python3 tests/agreement/bench_sklearn.py matrix.csv     # the same models in scikit-learn
//! ```
//!
//! Pipeline: `sample::generate_csv` -> ingest -> `PreparedData` -> a holdout training set (features
//! through April 2026, spend May-October 2026) and the template scenario's tiers. Each model is
//! timed end to end as the page would run it (`train_regressor` / `train_classifier`: split,
//! impute, fit, predict test and train rows, metrics and baselines, score every customer; no
//! cross-validation, no permutation importance). The forest grows its trees on every core (as the
//! CLI does); the k-means search is timed on one thread (scikit-learn's setting in bench_sklearn.py)
//! and on every core. `tests/agreement/bench_models_vs_sklearn.py` runs both sides and prints ratios. The feature matrix is written to `matrix.csv`
//! (default `/tmp/tierlab_bench_matrix.csv`) in the format of `tests/agreement/sklearn_features.csv`.

use std::time::Instant;

use tierlab::engine::evaluate::{evaluate, PreparedData};
use tierlab::engine::features::catalog::{Feature, FeatureKey};
use tierlab::engine::ingest::{self, ReadOptions, SourceText, TextEncoding};
use tierlab::engine::models::evaluation::train_test_split;
use tierlab::engine::models::parallel::default_threads;
use tierlab::engine::models::segments::{segment_columns, segment_columns_on, SegmentCount, SegmentParams};
use tierlab::engine::models::supervised::*;
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::Scenario;

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = f();
    println!("{label:<58} {:>9.3} s", start.elapsed().as_secs_f64());
    result
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let customers: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(11);
    let matrix_path = args.get(2).cloned().unwrap_or_else(|| "/tmp/tierlab_bench_matrix.csv".to_string());
    println!("TierLab learned models, native release build, {customers} customers, seed {seed}");

    let csv = timed("generate sample CSV", || {
        generate_csv(&SampleConfig { customers, seed, ..SampleConfig::default() }, &mut Silent)
    });
    let text = SourceText { byte_size: csv.len(), text: csv, encoding: TextEncoding::Utf8 };
    let data = timed("ingest + prepare (monthly totals)", || {
        let inspection = ingest::inspect(&text, &ReadOptions::default()).expect("sample inspects");
        let settings = ingest::default_settings(&inspection);
        let (dataset, _) = ingest::load(&text, &settings, &mut Silent).expect("sample loads");
        PreparedData::new(dataset)
    });
    let features: Vec<FeatureKey> = [
        Feature::RecencyDays,
        Feature::Frequency,
        Feature::Monetary,
        Feature::AverageOrderValue,
        Feature::TenureDays,
        Feature::Views,
        Feature::Carts,
        Feature::ActiveDays,
        Feature::AverageRating,
        Feature::CategoryDiversity,
    ]
    .into_iter()
    .map(FeatureKey::from)
    .collect();
    let spec = TrainingSpec {
        features: features.clone(),
        target: TargetSpec::Holdout {
            calibration_end: YearMonth { year: 2026, month: 4 },
            holdout_months: 6,
            measure: HoldoutMeasure::Spend,
        },
    };
    let set = timed("training set (holdout target, 10 features)", || TrainingSet::build(&data, &spec).expect("builds"));
    let tiers = timed("tiers from the template scenario (evaluate)", || {
        evaluate(&Scenario::template(), &data, &mut Silent).expect("evaluates").final_tiers
    });
    println!("rows {} (of {customers} customers), features {}", set.rows(), set.features.len());
    write_matrix(&matrix_path, &data, &set, &tiers);

    let options = EvaluationOptions { importance_repeats: 0, ..Default::default() };
    let regressors = [
        ("linear regression", RegressionModel::Linear),
        (
            "decision tree regressor (depth 6)",
            RegressionModel::DecisionTree(TreeParams {
                max_depth: 6,
                min_samples_leaf: 5,
                min_samples_split: 10,
                seed: 0,
            }),
        ),
        (
            "random forest regressor (50 trees, depth 8, 3 features/split)",
            RegressionModel::RandomForest(ForestParams {
                n_trees: 50,
                max_depth: 8,
                min_samples_leaf: 5,
                min_samples_split: 10,
                features_per_split: Some(3),
                seed: 0,
            }),
        ),
    ];
    for (label, model) in regressors {
        let report = timed(label, || train_regressor(&set, &model, &options, &mut Silent).expect("trains"));
        println!("    test R^2 {:.4}  MAE {:.2}", report.test.r2.unwrap_or(f64::NAN), report.test.mae);
    }

    let names = Scenario::template().tiers.names;
    let labels: Vec<usize> = set.customers.iter().map(|&c| usize::from(tiers[c])).collect();
    let mut tier_set =
        TrainingSet::from_columns(features.clone(), set.columns.clone(), Target::Classes { labels, names }, "tier")
            .expect("builds");
    tier_set.scoring_columns = set.scoring_columns.clone();
    let classifiers = [
        (
            "logistic regression (4 tiers, standardised)",
            ClassificationModel::Logistic(LogisticParams { alpha: 1.0 }),
            true,
        ),
        (
            "decision tree classifier (depth 6)",
            ClassificationModel::DecisionTree(TreeParams {
                max_depth: 6,
                min_samples_leaf: 5,
                min_samples_split: 10,
                seed: 0,
            }),
            false,
        ),
    ];
    for (label, model, standardise) in classifiers {
        let options = EvaluationOptions { standardise, ..options.clone() };
        let report = timed(label, || train_classifier(&tier_set, &model, &options, &mut Silent).expect("trains"));
        println!(
            "    test accuracy {:.4}  macro AUC {:.4}",
            report.test.accuracy,
            report.test.macro_auc.unwrap_or(f64::NAN)
        );
    }

    let kmeans = |k: SegmentCount, restarts: usize| SegmentParams {
        features: features.clone(),
        k,
        seed: 0,
        max_iter: 300,
        restarts,
        silhouette_sample: 2000,
    };
    // The same matrix scikit-learn clusters: the training rows' calibration features.
    let spend: Option<Vec<f64>> =
        data.activity.as_ref().ok().map(|a| set.customers.iter().map(|&c| a.net_spend[c]).collect());
    let spend = spend.as_deref();
    let all = &set.columns;
    let report = timed("k-means k=4, 1 start (+ silhouette on 2000 and profiles)", || {
        segment_columns(all, spend, &kmeans(SegmentCount::Fixed { k: 4 }, 1), &mut Silent).expect("segments")
    });
    println!(
        "    inertia {:.1}  silhouette {:.4}",
        report.curve[0].inertia,
        report.curve[0].silhouette.unwrap_or(f64::NAN)
    );
    let search = kmeans(SegmentCount::BestSilhouette { min: 2, max: 8 }, 3);
    let report = timed("k-means k=2..=8 by silhouette, 3 starts each", || {
        segment_columns_on(all, spend, &search, 1, &mut Silent).expect("segments")
    });
    println!("    chosen k {}", report.k);
    let threads = default_threads();
    let label = format!("k-means k=2..=8 by silhouette, 3 starts each, {threads} threads");
    let threaded = timed(&label, || segment_columns_on(all, spend, &search, threads, &mut Silent).expect("segments"));
    assert_eq!(threaded, report, "the same segments on any number of threads");
}

/// The feature matrix in the format of `tests/agreement/sklearn_features.csv`, with the split our
/// pipeline makes with seed 42.
fn write_matrix(path: &str, data: &PreparedData, set: &TrainingSet, tiers: &[u8]) {
    let Target::Values(target) = &set.target else { return };
    let split = train_test_split(set.rows(), 0.2, 42);
    let mut is_test = vec![false; set.rows()];
    split.test.iter().for_each(|&r| is_test[r] = true);
    let mut out = String::from("customer_id,split");
    for key in &set.features {
        out.push_str(&format!(",{key}"));
    }
    out.push_str(",holdout_spend,last_period_spend,tier\n");
    let number = |v: f64| if v.is_finite() { format!("{v}") } else { String::new() };
    let last_period = set.last_period.as_deref().unwrap_or(&[]);
    for (row, &customer) in set.customers.iter().enumerate() {
        out.push_str(&data.dataset.customers.ids[customer]);
        out.push_str(if is_test[row] { ",test" } else { ",train" });
        for column in &set.columns {
            out.push(',');
            out.push_str(&number(column[row]));
        }
        let last = last_period.get(row).copied().unwrap_or(f64::NAN);
        out.push_str(&format!(",{},{},{}\n", number(target[row]), number(last), tiers[customer]));
    }
    match std::fs::write(path, out) {
        Ok(()) => println!("feature matrix written to {path}"),
        Err(e) => println!("could not write {path}: {e}"),
    }
}
