// Native only: engine checks that read fixtures from disk or run long; the browser tests prove the wiring.
#![cfg(not(target_arch = "wasm32"))]
//! The learned models end to end on the sample population: holdout value prediction, tier
//! classification, segments, progress, and reports that survive JSON (no NaN).

use tierlab::engine::evaluate::{evaluate, PreparedData};
use tierlab::engine::features::catalog::{Feature, FeatureKey};
use tierlab::engine::ingest::{self, ReadOptions, SourceText};
use tierlab::engine::models::segments::{segment_customers, SegmentCount, SegmentParams};
use tierlab::engine::models::supervised::*;
use tierlab::engine::progress::{Silent, Stage};
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::Scenario;

fn sample(customers: usize, seed: u64) -> PreparedData {
    let csv = generate_csv(&SampleConfig { customers, seed, ..SampleConfig::default() }, &mut Silent);
    let text = SourceText::utf8(csv);
    let inspection = ingest::inspect(&text, &ReadOptions::default()).unwrap();
    let settings = ingest::default_settings(&inspection);
    let (dataset, _) = ingest::load(&text, &settings, &mut Silent).unwrap();
    PreparedData::new(dataset)
}

fn features() -> Vec<FeatureKey> {
    [
        Feature::RecencyDays,
        Feature::Frequency,
        Feature::Monetary,
        Feature::AverageOrderValue,
        Feature::TenureDays,
        Feature::Views,
        Feature::ActiveDays,
    ]
    .into_iter()
    .map(FeatureKey::from)
    .collect()
}

/// The sample ends in October 2026: calibrate through April, predict May-October.
fn holdout_spec() -> TrainingSpec {
    TrainingSpec {
        features: features(),
        target: TargetSpec::Holdout {
            calibration_end: YearMonth { year: 2026, month: 4 },
            holdout_months: 6,
            measure: HoldoutMeasure::Spend,
        },
    }
}

fn row<'a>(table: &'a MetricTable, metric: &str) -> &'a MetricRow {
    table.rows.iter().find(|r| r.metric == metric).unwrap()
}

#[test]
fn value_models_beat_the_naive_baselines_on_holdout_spend() {
    let data = sample(3000, 5);
    let set = TrainingSet::build(&data, &holdout_spec()).unwrap();
    assert!(set.summary.not_yet_customers > 0, "customers join during the holdout");
    assert_eq!(set.rows() + set.summary.not_yet_customers, 3000);
    let options = EvaluationOptions { importance_repeats: 2, ..Default::default() };
    let models = [
        RegressionModel::Linear,
        RegressionModel::DecisionTree(TreeParams { max_depth: 4, ..Default::default() }),
        RegressionModel::RandomForest(ForestParams { n_trees: 20, max_depth: 6, ..Default::default() }),
    ];
    for model in models {
        let report = train_regressor(&set, &model, &options, &mut Silent).unwrap();
        assert_eq!(report.table.baselines, ["training_mean", "last_period"]);
        let r2 = row(&report.table, "r2");
        let model_r2 = r2.model.unwrap();
        // The training mean scores about 0 on new rows; the models must do clearly better.
        assert!(model_r2 > 0.1, "{}: R^2 {model_r2}", model.name());
        assert!(model_r2 > r2.baselines[0].unwrap() + 0.1, "{}: {r2:?}", model.name());
        let rmse = row(&report.table, "rmse");
        assert!(rmse.model.unwrap() < rmse.baselines[1].unwrap(), "{}: {rmse:?}", model.name());
        assert_eq!(report.train_rows + report.test_rows, set.rows());
        assert_eq!(report.predictions.value.len(), 3000);
        assert_eq!(report.importances.len(), 7);
        assert!(report.importances.windows(2).all(|w| w[0].mean_drop >= w[1].mean_drop));
        assert_eq!(report.predicted_vs_actual.actual.len(), report.test_rows.min(2000));
        assert_eq!(report.coefficients.is_some(), model == RegressionModel::Linear);
        let json = serde_json::to_string(&report).unwrap();
        let back: RegressionReport = serde_json::from_str(&json).expect("no NaN in the report");
        assert_eq!(back.test_rows, report.test_rows);
    }
}

#[test]
fn recency_is_missing_for_never_buyers_and_imputed_with_the_training_median() {
    let data = sample(1000, 8);
    let set = TrainingSet::build(&data, &holdout_spec()).unwrap();
    let missing = set.summary.missing_values.iter().find(|m| m.feature == "recency_days").unwrap().rows;
    assert!(missing > 0);
    let report = train_regressor(&set, &RegressionModel::Linear, &EvaluationOptions::default(), &mut Silent).unwrap();
    let recency = &report.preparation.features[0];
    assert_eq!(recency.imputed_train + recency.imputed_test, missing);
    // Recompute the training median independently from the rows the split put in training.
    let split = tierlab::engine::models::evaluation::train_test_split(set.rows(), 0.2, 42);
    let mut train: Vec<f64> = split.train.iter().map(|&r| set.columns[0][r]).filter(|v| v.is_finite()).collect();
    train.sort_by(f64::total_cmp);
    let n = train.len();
    let median = if n % 2 == 1 { train[n / 2] } else { (train[n / 2 - 1] + train[n / 2]) / 2.0 };
    assert_eq!(recency.median, median);
}

#[test]
fn progress_counts_every_tree_fold_and_feature() {
    let data = sample(600, 3);
    let set = TrainingSet::build(&data, &holdout_spec()).unwrap();
    let model = RegressionModel::RandomForest(ForestParams { n_trees: 4, max_depth: 3, ..Default::default() });
    let options = EvaluationOptions { folds: Some(3), importance_repeats: 2, ..Default::default() };
    let mut seen = vec![];
    let report = train_regressor(&set, &model, &options, &mut |stage: Stage, done: u64, total: u64| {
        assert_eq!(stage, Stage::Training);
        seen.push((done, total));
    })
    .unwrap();
    // 4 trees x (1 fit + 3 folds) + 7 features' permutations = 23 units, one report each plus the
    // initial 0.
    assert_eq!(seen.len(), 24);
    assert!(seen.iter().all(|&(_, total)| total == 23));
    assert!(seen.windows(2).all(|w| w[1].0 == w[0].0 + 1));
    let cv = report.cross_validation.unwrap();
    assert_eq!(cv.folds, 3);
    assert!(cv.metrics.iter().all(|m| m.per_fold.len() == 3));
}

#[test]
fn tier_models_learn_the_scenario_tiers() {
    let data = sample(3000, 9);
    let scenario = Scenario::template();
    let evaluated = evaluate(&scenario, &data, &mut Silent).unwrap();
    let spec = TrainingSpec {
        features: vec![Feature::Monetary.into(), Feature::Frequency.into(), Feature::Interactions.into()],
        target: TargetSpec::Tiers { tiers: evaluated.final_tiers.clone(), names: scenario.tiers.names.clone() },
    };
    let set = TrainingSet::build(&data, &spec).unwrap();
    let options = EvaluationOptions { standardise: true, folds: Some(3), ..Default::default() };
    for model in [
        ClassificationModel::Logistic(LogisticParams { alpha: 0.01 }),
        ClassificationModel::DecisionTree(TreeParams::default()),
    ] {
        let report = train_classifier(&set, &model, &options, &mut Silent).unwrap();
        // The tiers are a threshold on 0.7 spend + 0.2 orders + 0.1 interactions: learnable.
        let accuracy = row(&report.table, "accuracy");
        assert!(accuracy.model.unwrap() > 0.9, "{}: {accuracy:?}", model.name());
        // The majority class (Regular, 60 % by target share) is the baseline.
        assert!((accuracy.baselines[0].unwrap() - 0.6).abs() < 0.05, "{accuracy:?}");
        let auc = row(&report.table, "macro_auc");
        assert!(auc.model.unwrap() > 0.95, "{}: {auc:?}", model.name());
        assert_eq!(auc.baselines[0], Some(0.5));
        let RocCurves::Available { curves } = &report.roc else { panic!("{:?}", report.roc) };
        assert_eq!(curves.len(), 4);
        let total: u64 = report.confusion.counts.iter().flatten().sum();
        assert_eq!(total as usize, report.test_rows);
        assert_eq!(report.per_class.iter().map(|c| c.support).sum::<u64>() as usize, report.test_rows);
        assert_eq!(report.predictions.class.len(), 3000);
        assert!(report.predictions.probability.as_ref().unwrap().iter().all(|p| (0.0..=1.0).contains(p)));
        let json = serde_json::to_string(&report).unwrap();
        let _: ClassificationReport = serde_json::from_str(&json).expect("no NaN in the report");
    }
    // A value model on a class target is refused, and the other way round.
    assert_eq!(
        train_regressor(&set, &RegressionModel::Linear, &options, &mut Silent).unwrap_err(),
        ModelError::WrongTarget { expected: TargetKind::Numeric }
    );
}

#[test]
fn segments_of_the_sample_are_ranked_by_spend_and_reproducible() {
    let data = sample(2000, 4);
    let params = SegmentParams {
        features: vec![Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()],
        k: SegmentCount::BestSilhouette { min: 2, max: 5 },
        seed: 7,
        max_iter: 100,
        restarts: 2,
        silhouette_sample: 500,
    };
    let report = segment_customers(&data, &params, &mut Silent).unwrap();
    assert_eq!(report.curve.len(), 4);
    assert_eq!(report.labels.len(), 2000);
    let spend: Vec<f64> = report.segments.iter().map(|s| s.mean_spend.unwrap()).collect();
    assert!(spend.windows(2).all(|w| w[0] >= w[1]), "{spend:?}");
    let shares: f64 = report.segments.iter().map(|s| s.revenue_share.unwrap()).sum();
    assert!((shares - 1.0).abs() < 1e-9);
    assert_eq!(report.segments.iter().map(|s| s.size).sum::<usize>(), 2000);
    let again = segment_customers(&data, &params, &mut Silent).unwrap();
    assert_eq!(report, again);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("NaN"));
}
