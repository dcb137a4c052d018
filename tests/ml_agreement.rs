// Native only: engine checks that read fixtures from disk or run long; the browser tests prove the wiring.
#![cfg(not(target_arch = "wasm32"))]
//! Agreement with scikit-learn on the SAME data.
//!
//! `tests/agreement/sklearn_features.csv` is our feature matrix for the sample population (5000
//! customers, seed 11): features up to the end of April 2026, target = net spend May-October 2026,
//! the "last period" baseline, the template scenario's final tier, and the train/test split our
//! pipeline makes with seed 42. It is written by the ignored test `export_feature_matrix`.
//! `tests/agreement/sklearn_models.py` reads it, trains scikit-learn's models with matching
//! settings and writes `tests/agreement/sklearn_output.json`, which these tests compare against.
//!
//! Regenerate both after a change to the sample generator or the features:
//! ```text
//! cargo test --test ml_agreement -- --ignored export_feature_matrix
//! python3 -m venv /tmp/skl && /tmp/skl/bin/pip install -r tests/agreement/requirements-sklearn.txt
//! /tmp/skl/bin/python tests/agreement/sklearn_models.py
//! ```
//!
//! Tolerances: linear regression solves the same least-squares problem, so coefficients agree to
//! 1e-6 (relative) and metrics to 1e-6. Logistic regression minimises the same penalised
//! likelihood (sklearn C = 1 / alpha) with a different L-BFGS, so accuracy agrees within 0.01 and
//! macro AUC within 0.005. Trees, forests and k-means differ in tie-breaking, bootstrap and
//! initialisation RNGs: R^2 within 0.05, accuracy within 0.05, AUC within 0.05; k-means (best of 10
//! k-means++ starts on both sides) inertia within 5 % and, when both reach the same optimum (inertia
//! within 1 %), silhouette within 0.05 (each on its own 2000-point sample). Our metric code, run on
//! scikit-learn's own predictions, must reproduce scikit-learn's metric values to 1e-9.

use std::path::Path;

use serde_json::Value;
use tierlab::engine::evaluate::{evaluate, PreparedData};
use tierlab::engine::features::catalog::{Feature, FeatureKey};
use tierlab::engine::ingest::{self, ReadOptions, SourceText};
use tierlab::engine::models::evaluation::{
    class_scores, classification_metrics, regression_metrics, roc_curve, train_test_split, ConfusionMatrix,
};
use tierlab::engine::models::segments::{segment_columns, SegmentCount, SegmentParams};
use tierlab::engine::models::supervised::*;
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::Scenario;

const FEATURES_CSV: &str = "tests/agreement/sklearn_features.csv";
const SKLEARN_OUTPUT: &str = "tests/agreement/sklearn_output.json";
const SPLIT_SEED: u64 = 42;
const TEST_SHARE: f64 = 0.2;

fn feature_keys() -> Vec<FeatureKey> {
    [
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
    .collect()
}

#[test]
#[ignore = "writes tests/agreement/sklearn_features.csv; run by hand when the sample or features change"]
fn export_feature_matrix() {
    let csv = generate_csv(&SampleConfig { customers: 5000, seed: 11, ..SampleConfig::default() }, &mut Silent);
    let text = SourceText::utf8(csv);
    let inspection = ingest::inspect(&text, &ReadOptions::default()).unwrap();
    let (dataset, _) = ingest::load(&text, &ingest::default_settings(&inspection), &mut Silent).unwrap();
    let data = PreparedData::new(dataset);
    let spec = TrainingSpec {
        features: feature_keys(),
        target: TargetSpec::Holdout {
            calibration_end: YearMonth { year: 2026, month: 4 },
            holdout_months: 6,
            measure: HoldoutMeasure::Spend,
        },
    };
    let set = TrainingSet::build(&data, &spec).unwrap();
    let Target::Values(target) = &set.target else { unreachable!() };
    let tiers = evaluate(&Scenario::template(), &data, &mut Silent).unwrap().final_tiers;
    let split = train_test_split(set.rows(), TEST_SHARE, SPLIT_SEED);
    let mut is_test = vec![false; set.rows()];
    split.test.iter().for_each(|&r| is_test[r] = true);
    let mut out = String::from("customer_id,split");
    for key in &set.features {
        out.push_str(&format!(",{key}"));
    }
    out.push_str(",holdout_spend,last_period_spend,tier\n");
    let number = |v: f64| if v.is_finite() { format!("{v}") } else { String::new() };
    for (row, &customer) in set.customers.iter().enumerate() {
        out.push_str(&data.dataset.customers.ids[customer]);
        out.push_str(if is_test[row] { ",test" } else { ",train" });
        for column in &set.columns {
            out.push(',');
            out.push_str(&number(column[row]));
        }
        let last = set.last_period.as_ref().unwrap()[row];
        out.push_str(&format!(",{},{},{}\n", number(target[row]), number(last), tiers[customer]));
    }
    std::fs::write(FEATURES_CSV, out).unwrap();
}

/// The exported matrix, read back.
struct Exported {
    columns: Vec<Vec<f64>>,
    split: Vec<bool>,
    target: Vec<f64>,
    last_period: Vec<f64>,
    tier: Vec<usize>,
}

fn read_exported() -> Exported {
    let text = std::fs::read_to_string(FEATURES_CSV).expect("run the export first (see the module docs)");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let names: Vec<String> = feature_keys().iter().map(ToString::to_string).collect();
    assert_eq!(&header[2..2 + names.len()], names.as_slice());
    let mut e = Exported {
        columns: vec![vec![]; names.len()],
        split: vec![],
        target: vec![],
        last_period: vec![],
        tier: vec![],
    };
    let parse = |s: &str| if s.is_empty() { f64::NAN } else { s.parse::<f64>().unwrap() };
    for line in lines {
        let fields: Vec<&str> = line.split(',').collect();
        e.split.push(fields[1] == "test");
        for (j, column) in e.columns.iter_mut().enumerate() {
            column.push(parse(fields[2 + j]));
        }
        let rest = &fields[2 + names.len()..];
        e.target.push(parse(rest[0]));
        e.last_period.push(parse(rest[1]));
        e.tier.push(rest[2].parse().unwrap());
    }
    e
}

fn sklearn() -> Value {
    let text = std::fs::read_to_string(SKLEARN_OUTPUT).expect("run tests/agreement/sklearn_models.py first");
    serde_json::from_str(&text).unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(f).collect()
}

fn close(label: &str, ours: f64, theirs: f64, tolerance: f64) {
    println!("{label:<40} ours {ours:>14.6}  sklearn {theirs:>14.6}  diff {:>10.2e}", (ours - theirs).abs());
    assert!(
        (ours - theirs).abs() <= tolerance,
        "{label}: ours {ours} vs scikit-learn {theirs} (tolerance {tolerance})"
    );
}

fn value_set(e: &Exported) -> TrainingSet {
    let mut set =
        TrainingSet::from_columns(feature_keys(), e.columns.clone(), Target::Values(e.target.clone()), "spend")
            .unwrap();
    set.last_period = Some(e.last_period.clone());
    set
}

fn tier_set(e: &Exported) -> TrainingSet {
    let names = Scenario::template().tiers.names;
    TrainingSet::from_columns(
        feature_keys(),
        e.columns.clone(),
        Target::Classes { labels: e.tier.clone(), names },
        "tier",
    )
    .unwrap()
}

fn options(standardise: bool) -> EvaluationOptions {
    EvaluationOptions {
        test_share: TEST_SHARE,
        seed: SPLIT_SEED,
        importance_repeats: 0,
        standardise,
        ..Default::default()
    }
}

#[test]
fn the_exported_split_is_the_one_our_pipeline_makes() {
    let e = read_exported();
    let split = train_test_split(e.split.len(), TEST_SHARE, SPLIT_SEED);
    let test: Vec<usize> = (0..e.split.len()).filter(|&r| e.split[r]).collect();
    assert_eq!(test, split.test);
}

#[test]
fn regression_agrees_with_scikit_learn() {
    let e = read_exported();
    let s = sklearn();
    let set = value_set(&e);

    // Linear regression: the same least-squares problem.
    let linear = train_regressor(&set, &RegressionModel::Linear, &options(false), &mut Silent).unwrap();
    let coefficients = linear.coefficients.as_ref().unwrap();
    let theirs = &s["linear_regression"];
    let rel = |a: f64, b: f64| (a - b).abs() / b.abs().max(1e-12);
    let intercept = f(&theirs["intercept"]);
    println!("intercept ours {} sklearn {intercept}", coefficients.intercept);
    assert!(rel(coefficients.intercept, intercept) < 1e-6);
    for (ours, theirs) in coefficients.weights.iter().zip(floats(&theirs["coefficients"])) {
        println!("weight {:<24} ours {:>16.10} sklearn {theirs:>16.10}", ours.feature, ours.value);
        assert!(rel(ours.value, theirs) < 1e-6, "{}: {} vs {theirs}", ours.feature, ours.value);
    }
    close("linear mae", linear.test.mae, f(&theirs["mae"]), 1e-6);
    close("linear rmse", linear.test.rmse, f(&theirs["rmse"]), 1e-6);
    close("linear r2", linear.test.r2.unwrap(), f(&theirs["r2"]), 1e-6);
    // Baselines are plain arithmetic on the same rows.
    let baselines = &s["baselines"];
    let table = &linear.table;
    close("training-mean rmse", table.rows[1].baselines[0].unwrap(), f(&baselines["training_mean_rmse"]), 1e-6);
    close("last-period rmse", table.rows[1].baselines[1].unwrap(), f(&baselines["last_period_rmse"]), 1e-6);

    let tree =
        RegressionModel::DecisionTree(TreeParams { max_depth: 6, min_samples_leaf: 5, min_samples_split: 10, seed: 0 });
    let ours = train_regressor(&set, &tree, &options(false), &mut Silent).unwrap();
    close("decision tree r2", ours.test.r2.unwrap(), f(&s["decision_tree_regressor"]["r2"]), 0.05);

    let forest = RegressionModel::RandomForest(ForestParams {
        n_trees: 100,
        max_depth: 8,
        min_samples_leaf: 5,
        min_samples_split: 10,
        features_per_split: Some(3),
        seed: 0,
    });
    let ours = train_regressor(&set, &forest, &options(false), &mut Silent).unwrap();
    close("random forest r2", ours.test.r2.unwrap(), f(&s["random_forest_regressor"]["r2"]), 0.05);
}

#[test]
fn classification_agrees_with_scikit_learn() {
    let e = read_exported();
    let s = sklearn();
    let set = tier_set(&e);

    let logistic = ClassificationModel::Logistic(LogisticParams { alpha: 1.0 });
    let ours = train_classifier(&set, &logistic, &options(true), &mut Silent).unwrap();
    let theirs = &s["logistic_regression"];
    close("logistic accuracy", ours.test.accuracy, f(&theirs["accuracy"]), 0.01);
    close("logistic macro f1", ours.test.macro_f1, f(&theirs["macro_f1"]), 0.02);
    close("logistic macro auc", ours.test.macro_auc.unwrap(), f(&theirs["macro_auc"]), 0.005);
    close("majority baseline accuracy", ours.baseline.accuracy, f(&s["majority_class"]["accuracy"]), 1e-12);

    let tree = ClassificationModel::DecisionTree(TreeParams {
        max_depth: 6,
        min_samples_leaf: 5,
        min_samples_split: 10,
        seed: 0,
    });
    let ours = train_classifier(&set, &tree, &options(false), &mut Silent).unwrap();
    let theirs = &s["decision_tree_classifier"];
    close("tree accuracy", ours.test.accuracy, f(&theirs["accuracy"]), 0.05);
    close("tree macro auc", ours.test.macro_auc.unwrap(), f(&theirs["macro_auc"]), 0.05);
}

#[test]
fn kmeans_agrees_with_scikit_learn() {
    let e = read_exported();
    let s = sklearn();
    let params = |k: SegmentCount| SegmentParams {
        features: feature_keys(),
        k,
        seed: 0,
        max_iter: 300,
        restarts: 10,
        silhouette_sample: 2000,
    };
    let theirs = &s["kmeans"];
    let ours = segment_columns(&e.columns, None, &params(SegmentCount::BestSilhouette { min: 2, max: 8 }), &mut Silent)
        .unwrap();
    for (score, their) in ours.curve.iter().zip(theirs["curve"].as_array().unwrap()) {
        assert_eq!(score.k as u64, their["k"].as_u64().unwrap());
        let ratio = score.inertia / f(&their["inertia"]);
        close(&format!("k-means k={} inertia / sklearn", score.k), ratio, 1.0, 0.05);
        // Different local optima legitimately differ in silhouette; the same optimum (inertia
        // within 1 %) must agree up to the different 2000-point samples.
        if (ratio - 1.0).abs() < 0.01 {
            close(
                &format!("k-means k={} silhouette", score.k),
                score.silhouette.unwrap(),
                f(&their["silhouette"]),
                0.05,
            );
        }
    }
}

#[test]
fn our_metrics_reproduce_scikit_learn_on_its_own_predictions() {
    let e = read_exported();
    let s = sklearn();
    let test_rows: Vec<usize> = (0..e.split.len()).filter(|&r| e.split[r]).collect();

    let m = &s["metric_check"];
    let actual: Vec<f64> = test_rows.iter().map(|&r| e.target[r]).collect();
    let predicted = floats(&m["tree_regressor_predictions"]);
    let ours = regression_metrics(&actual, &predicted);
    close("mae on sklearn predictions", ours.mae, f(&m["mae"]), 1e-9);
    close("rmse on sklearn predictions", ours.rmse, f(&m["rmse"]), 1e-9);
    close("r2 on sklearn predictions", ours.r2.unwrap(), f(&m["r2"]), 1e-9);

    let labels: Vec<usize> = test_rows.iter().map(|&r| e.tier[r]).collect();
    let predicted: Vec<usize> =
        m["logistic_predictions"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    let confusion = ConfusionMatrix::of(&labels, &predicted, 4);
    let their_confusion: Vec<Vec<u64>> = m["confusion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect())
        .collect();
    assert_eq!(confusion.counts, their_confusion);
    let metrics = classification_metrics(&confusion);
    close("accuracy on sklearn predictions", metrics.accuracy, f(&m["accuracy"]), 1e-9);
    close("macro precision", metrics.macro_precision, f(&m["macro_precision"]), 1e-9);
    close("macro recall", metrics.macro_recall, f(&m["macro_recall"]), 1e-9);
    close("macro f1", metrics.macro_f1, f(&m["macro_f1"]), 1e-9);
    let per_class = class_scores(&confusion);
    for (c, their_f1) in floats(&m["per_class_f1"]).into_iter().enumerate() {
        close(&format!("f1 of class {c}"), per_class[c].f1, their_f1, 1e-9);
    }
    let probabilities: Vec<Vec<f64>> = m["logistic_probabilities"].as_array().unwrap().iter().map(floats).collect();
    let mut aucs = vec![];
    for (c, their_auc) in floats(&m["per_class_auc"]).into_iter().enumerate() {
        let positive: Vec<bool> = labels.iter().map(|&l| l == c).collect();
        let scores: Vec<f64> = probabilities.iter().map(|p| p[c]).collect();
        let curve = roc_curve(&positive, &scores).unwrap();
        close(&format!("auc of class {c}"), curve.auc, their_auc, 1e-9);
        aucs.push(curve.auc);
    }
    close("macro auc (ovr)", aucs.iter().sum::<f64>() / 4.0, f(&m["macro_auc"]), 1e-9);
    // The full ROC curve of the top tier, point by point (sklearn: drop_intermediate=False).
    let positive: Vec<bool> = labels.iter().map(|&l| l == 3).collect();
    let scores: Vec<f64> = probabilities.iter().map(|p| p[3]).collect();
    let curve = roc_curve(&positive, &scores).unwrap();
    let (fpr, tpr) = (floats(&m["roc_class_3"]["fpr"]), floats(&m["roc_class_3"]["tpr"]));
    assert_eq!(curve.fpr.len(), fpr.len());
    for i in 0..fpr.len() {
        assert!((curve.fpr[i] - fpr[i]).abs() < 1e-12 && (curve.tpr[i] - tpr[i]).abs() < 1e-12, "point {i}");
    }
    assert!(Path::new(FEATURES_CSV).metadata().unwrap().len() < 2_000_000);
}
