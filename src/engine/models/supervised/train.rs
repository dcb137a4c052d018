//! Training pipelines: split, prepare (impute / standardise on the training rows only), fit,
//! evaluate against baselines, cross-validate, explain, and score every customer.

use crate::engine::models::evaluation::{
    class_scores, classification_metrics, k_fold, permutation_importance, regression_metrics, roc_curve, seeded_sample,
    thin_curve, train_test_split, ClassificationMetrics, ConfusionMatrix, FeatureImportance, RegressionMetrics, Split,
};
use crate::engine::progress::{Progress, Stage};

use super::classifiers::{FittedClassifier, Probabilities};
use super::error::{ModelError, TargetKind};
use super::params::{
    ClassificationModel, EvaluationOptions, ForestParams, ParamError, RegressionModel, FEATURES_PER_SPLIT,
};
use super::preprocess::{EmptyColumn, Preprocessor};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::regressors::{fit_units, grow_tree_share, FittedRegressor, TreeSource};
use super::report::*;
use super::training_set::{Target, TrainingSet};
use crate::engine::limits::Limit;
use crate::engine::models::parallel::default_threads;

/// Seeds of the independent random choices, all derived from the one seed the user gives.
const FOLD_SALT: u64 = 0x5EED_F01D;
const IMPORTANCE_SALT: u64 = 0x5EED_1397;
const PLOT_SALT: u64 = 0x5EED_9107;
/// Points per ROC curve sent to the page.
const ROC_POINTS: usize = 200;

/// Reports `Stage::Training` after every unit of work (a tree, a fit, a feature's shuffles).
struct Ticker<'a> {
    progress: &'a mut dyn Progress,
    done: u64,
    total: u64,
}

impl<'a> Ticker<'a> {
    fn new(progress: &'a mut dyn Progress, total: u64) -> Self {
        progress.report(Stage::Training, 0, total);
        Ticker { progress, done: 0, total }
    }

    fn tick(&mut self) {
        self.done = (self.done + 1).min(self.total);
        self.progress.report(Stage::Training, self.done, self.total);
    }
}

fn select<T: Copy>(values: &[T], rows: &[usize]) -> Vec<T> {
    rows.iter().map(|&r| values[r]).collect()
}

fn checked(results: &[Result<(), Vec<ParamError>>]) -> Result<(), ModelError> {
    let errors: Vec<ParamError> = results.iter().filter_map(|r| r.clone().err()).flatten().collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ModelError::InvalidParameters { errors })
    }
}

fn empty_column(e: EmptyColumn) -> ModelError {
    ModelError::FeatureWithoutValues { feature: e.feature }
}

fn preparation(
    prep: &Preprocessor,
    standardised: bool,
    imputed_train: &[usize],
    imputed_test: &[usize],
    imputed_scoring: &[usize],
) -> Preparation {
    let features: Vec<FeaturePreparation> = prep
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| FeaturePreparation {
            feature: c.feature.clone(),
            median: c.median,
            imputed_train: imputed_train[j],
            imputed_test: imputed_test[j],
            imputed_scoring: imputed_scoring[j],
            mean: c.mean,
            sd: c.sd,
        })
        .collect();
    let imputed_total = features.iter().map(|f| f.imputed_train + f.imputed_test).sum();
    Preparation { standardised, features, imputed_total }
}

/// Prepared train and test columns of one split.
struct Prepared {
    prep: Preprocessor,
    train: Vec<Vec<f64>>,
    test: Vec<Vec<f64>>,
    imputed_train: Vec<usize>,
    imputed_test: Vec<usize>,
}

fn prepare(set: &TrainingSet, split: &Split, standardise: bool) -> Result<Prepared, ModelError> {
    let prep =
        Preprocessor::fit(&set.columns, &set.feature_names(), &split.train, standardise).map_err(empty_column)?;
    let (train, imputed_train) = prep.apply(&set.columns, Some(&split.train));
    let (test, imputed_test) = prep.apply(&set.columns, Some(&split.test));
    Ok(Prepared { prep, train, test, imputed_train, imputed_test })
}

fn fold_metric(metric: &str, values: Vec<Option<f64>>) -> FoldMetric {
    let defined: Vec<f64> = values.iter().flatten().copied().collect();
    let (mean, sd) = if defined.is_empty() {
        (None, None)
    } else {
        let (m, s) = crate::engine::models::evaluation::regression::mean_sd(&defined);
        (Some(m), Some(s))
    };
    FoldMetric { metric: metric.to_string(), per_fold: values, mean, sd }
}

fn importance_units(options: &EvaluationOptions, features: usize) -> u64 {
    if options.importance_repeats > 0 {
        features as u64
    } else {
        0
    }
}

/// Trains a value model on `set` (numeric target) and evaluates it.
/// Permutation importance on the test rows; the first prediction error stops it and is returned.
fn importance(
    prepared: &Prepared,
    set: &TrainingSet,
    options: &EvaluationOptions,
    ticker: &mut Ticker,
    mut score: impl FnMut(&[Vec<f64>]) -> Result<f64, ModelError>,
) -> Result<Vec<FeatureImportance>, ModelError> {
    let mut failure = None;
    let result = permutation_importance(
        &prepared.test,
        &set.feature_names(),
        options.importance_repeats,
        options.seed ^ IMPORTANCE_SALT,
        &mut |columns| {
            score(columns).unwrap_or_else(|e| {
                failure.get_or_insert(e);
                f64::NAN
            })
        },
        &mut || ticker.tick(),
    );
    failure.map_or(Ok(result), Err)
}

pub fn train_regressor(
    set: &TrainingSet,
    model: &RegressionModel,
    options: &EvaluationOptions,
    progress: &mut dyn Progress,
) -> Result<RegressionReport, ModelError> {
    train_regressor_from(set, model, options, None, progress)
}

/// The numeric target of a value model's set, once its settings are checked.
fn regression_target<'a>(
    set: &'a TrainingSet,
    model: &RegressionModel,
    options: &EvaluationOptions,
) -> Result<&'a [f64], ModelError> {
    let mut checks = vec![model.check(), options.check()];
    if let RegressionModel::RandomForest(p) = model {
        if let Some(m) = p.features_per_split.filter(|&m| m > set.features.len()) {
            let within_features = Limit { max: set.features.len() as f64, ..FEATURES_PER_SPLIT };
            checks.push(Err(vec![within_features.error(m as f64)]));
        }
    }
    checked(&checks)?;
    match &set.target {
        Target::Values(y) => Ok(y),
        _ => Err(ModelError::WrongTarget { expected: TargetKind::Numeric }),
    }
}

/// The training / test split and the cross-validation folds of `n` rows.
fn splits(n: usize, options: &EvaluationOptions) -> (Split, Vec<Split>) {
    let split = train_test_split(n, options.test_share, options.seed);
    let folds = options.folds.map(|k| k_fold(n, k, options.seed ^ FOLD_SALT)).unwrap_or_default();
    (split, folds)
}

/// A random forest's trees grown elsewhere (a pool of workers, each growing a range of tree
/// indices): `fits[0]` the forest on the training rows, `fits[1 + f]` fold f's, each tree as
/// `grow_forest_share` wrote it, in tree order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GrownTrees {
    pub fits: Vec<Vec<String>>,
}

impl GrownTrees {
    /// Shares of consecutive tree ranges, in tree order, as one forest's trees; `None` when they
    /// hold different numbers of fits.
    pub fn merge(shares: impl IntoIterator<Item = GrownTrees>) -> Option<GrownTrees> {
        let mut merged: Option<GrownTrees> = None;
        for share in shares {
            match &mut merged {
                None => merged = Some(share),
                Some(all) if all.fits.len() == share.fits.len() => {
                    all.fits.iter_mut().zip(share.fits).for_each(|(trees, more)| trees.extend(more))
                }
                Some(_) => return None,
            }
        }
        merged
    }
}

/// Trees `trees` (indices below `p.n_trees`) of every forest `train_regressor` fits with `p` on
/// `set` (the training rows', then each fold's): a worker's share of the forest. Tree i draws from
/// its own seed (forest seed, i), so the trees are those `train_regressor` grows itself.
pub fn grow_forest_share(
    set: &TrainingSet,
    p: &ForestParams,
    options: &EvaluationOptions,
    trees: Range<usize>,
    progress: &mut dyn Progress,
) -> Result<GrownTrees, ModelError> {
    let y = regression_target(set, &RegressionModel::RandomForest(p.clone()), options)?;
    let (split, folds) = splits(set.rows(), options);
    let fits: Vec<&Split> = std::iter::once(&split).chain(&folds).collect();
    let mut ticker = Ticker::new(progress, (trees.len() * fits.len()) as u64);
    let mut grown = GrownTrees::default();
    for fit in fits {
        let prepared = prepare(set, fit, options.standardise)?;
        let share = grow_tree_share(p, &prepared.train, &select(y, &fit.train), trees.clone(), &mut || ticker.tick())?;
        grown.fits.push(share);
    }
    Ok(grown)
}

/// `train_regressor`, a forest's trees taken from `grown` when given (every tree of every fit,
/// `GrownTrees::merge` of the shares) instead of grown here: the same report either way.
pub fn train_regressor_from(
    set: &TrainingSet,
    model: &RegressionModel,
    options: &EvaluationOptions,
    grown: Option<&GrownTrees>,
    progress: &mut dyn Progress,
) -> Result<RegressionReport, ModelError> {
    let y = regression_target(set, model, options)?;
    let n = set.rows();
    let (split, folds) = splits(n, options);
    let source = |fit: usize| -> Result<TreeSource, ModelError> {
        match (grown, model) {
            (None, _) => Ok(TreeSource::Grow),
            (Some(grown), RegressionModel::RandomForest(p))
                if grown.fits.len() == 1 + folds.len() && grown.fits.iter().all(|t| t.len() == p.n_trees) =>
            {
                Ok(TreeSource::Given(&grown.fits[fit]))
            }
            (Some(_), _) => Err(ModelError::Library { message: "the grown trees are not this forest's".into() }),
        }
    };
    let total = fit_units(model) * (1 + folds.len() as u64) + importance_units(options, set.features.len());
    let mut ticker = Ticker::new(progress, total);

    let prepared = prepare(set, &split, options.standardise)?;
    let (y_train, y_test) = (select(y, &split.train), select(y, &split.test));
    let fitted =
        FittedRegressor::fit_from(model, &prepared.train, &y_train, source(0)?, default_threads(), &mut || {
            ticker.tick()
        })?;
    let predicted_test = fitted.predict(&prepared.test)?;
    let test = regression_metrics(&y_test, &predicted_test);
    let train = regression_metrics(&y_train, &fitted.predict(&prepared.train)?);

    let mut baseline_names = vec!["training_mean".to_string()];
    let training_mean = y_train.iter().sum::<f64>() / y_train.len().max(1) as f64;
    let mut baselines = vec![regression_metrics(&y_test, &vec![training_mean; y_test.len()])];
    if let Some(last_period) = &set.last_period {
        baseline_names.push("last_period".to_string());
        baselines.push(regression_metrics(&y_test, &select(last_period, &split.test)));
    }
    let table = regression_table(&test, &baselines, baseline_names);

    let cross_validation = if folds.is_empty() {
        None
    } else {
        let mut per_fold: Vec<RegressionMetrics> = Vec::with_capacity(folds.len());
        for (f, fold) in folds.iter().enumerate() {
            let prepared = prepare(set, fold, options.standardise)?;
            let y_fold = select(y, &fold.train);
            let fitted = FittedRegressor::fit_from(
                model,
                &prepared.train,
                &y_fold,
                source(1 + f)?,
                default_threads(),
                &mut || ticker.tick(),
            )?;
            per_fold.push(regression_metrics(&select(y, &fold.test), &fitted.predict(&prepared.test)?));
        }
        Some(CrossValidation {
            folds: folds.len(),
            metrics: vec![
                fold_metric("mae", per_fold.iter().map(|m| Some(m.mae)).collect()),
                fold_metric("rmse", per_fold.iter().map(|m| Some(m.rmse)).collect()),
                fold_metric("r2", per_fold.iter().map(|m| m.r2).collect()),
            ],
        })
    };

    let importances = if options.importance_repeats > 0 && test.r2.is_some() {
        importance(&prepared, set, options, &mut ticker, |columns| {
            Ok(regression_metrics(&y_test, &fitted.predict(columns)?).r2.unwrap_or(0.0))
        })?
    } else {
        vec![]
    };

    let (scoring, imputed_scoring) = prepared.prep.apply(&set.scoring_columns, None);
    let predictions = CustomerValues { value: fitted.predict(&scoring)? };
    let coefficients = fitted.linear_coefficients().map(|(b, w)| {
        let (intercept, weights) = prepared.prep.unstandardise(b, &w);
        LinearCoefficients {
            intercept,
            weights: set
                .feature_names()
                .into_iter()
                .zip(weights)
                .map(|(feature, value)| NamedValue { feature, value })
                .collect(),
        }
    });
    let plotted = seeded_sample(split.test.len(), options.plot_points, options.seed ^ PLOT_SALT);
    let predicted_vs_actual = PredictedVsActual {
        customer: plotted.iter().map(|&i| set.customers[split.test[i]] as u32).collect(),
        actual: select(&y_test, &plotted),
        predicted: select(&predicted_test, &plotted),
        test_rows: split.test.len(),
    };
    Ok(RegressionReport {
        model: model.clone(),
        options: options.clone(),
        set: set.summary.clone(),
        preparation: preparation(
            &prepared.prep,
            options.standardise,
            &prepared.imputed_train,
            &prepared.imputed_test,
            &imputed_scoring,
        ),
        train_rows: split.train.len(),
        test_rows: split.test.len(),
        table,
        test,
        train,
        cross_validation,
        predicted_vs_actual,
        importances,
        coefficients,
        predictions,
    })
}

fn regression_table(model: &RegressionMetrics, baselines: &[RegressionMetrics], names: Vec<String>) -> MetricTable {
    let row = |metric: &str, higher_is_better: bool, f: fn(&RegressionMetrics) -> Option<f64>| MetricRow {
        metric: metric.to_string(),
        higher_is_better,
        model: f(model),
        baselines: baselines.iter().map(f).collect(),
    };
    MetricTable {
        baselines: names,
        rows: vec![row("mae", false, |m| Some(m.mae)), row("rmse", false, |m| Some(m.rmse)), row("r2", true, |m| m.r2)],
    }
}

/// Trains a tier model on `set` (class target) and evaluates it.
pub fn train_classifier(
    set: &TrainingSet,
    model: &ClassificationModel,
    options: &EvaluationOptions,
    progress: &mut dyn Progress,
) -> Result<ClassificationReport, ModelError> {
    checked(&[model.check(), options.check()])?;
    let Target::Classes { labels, names } = &set.target else {
        return Err(ModelError::WrongTarget { expected: TargetKind::Classes });
    };
    let classes = names.len();
    let n = set.rows();
    let split = train_test_split(n, options.test_share, options.seed);
    let folds = options.folds.map(|k| k_fold(n, k, options.seed ^ FOLD_SALT)).unwrap_or_default();
    let total = 1 + folds.len() as u64 + importance_units(options, set.features.len());
    let mut ticker = Ticker::new(progress, total);
    let standardise = options.standardise || matches!(model, ClassificationModel::Logistic(_));

    let prepared = prepare(set, &split, standardise)?;
    let (y_train, y_test) = (select(labels, &split.train), select(labels, &split.test));
    let fitted = FittedClassifier::fit(model, &prepared.train, &y_train, classes)?;
    ticker.tick();
    let (predicted_test, probabilities_test) = fitted.predict_with_probabilities(&prepared.test)?;
    let confusion = ConfusionMatrix::of(&y_test, &predicted_test, classes);
    let aucs: Vec<Option<f64>> = match &probabilities_test {
        Ok(p) => class_aucs(&y_test, p, classes),
        Err(_) => vec![None; classes],
    };
    let mut test = classification_metrics(&confusion);
    test.macro_auc = macro_auc(&aucs, probabilities_test.is_ok());
    let train = classification_metrics(&ConfusionMatrix::of(&y_train, &fitted.predict(&prepared.train)?, classes));

    let baseline = majority_baseline(&y_train, &y_test, classes);
    let table = classification_table(&test, &baseline);
    let per_class = class_scores(&confusion)
        .into_iter()
        .zip(names)
        .zip(&aucs)
        .map(|((s, class), auc)| ClassRow {
            class: class.clone(),
            precision: s.precision,
            recall: s.recall,
            f1: s.f1,
            support: s.support,
            auc: *auc,
        })
        .collect();
    let roc = match &probabilities_test {
        Ok(p) => RocCurves::Available {
            curves: (0..classes)
                .filter_map(|c| {
                    let positive: Vec<bool> = y_test.iter().map(|&y| y == c).collect();
                    let scores: Vec<f64> = p.iter().map(|row| row[c]).collect();
                    roc_curve(&positive, &scores).map(|curve| {
                        let thin = thin_curve(&curve, ROC_POINTS);
                        ClassRoc { class: names[c].clone(), auc: curve.auc, fpr: thin.fpr, tpr: thin.tpr }
                    })
                })
                .collect(),
        },
        Err(reason) => RocCurves::Unavailable { reason: reason.clone() },
    };

    let cross_validation = if folds.is_empty() {
        None
    } else {
        let mut per_fold: Vec<ClassificationMetrics> = Vec::with_capacity(folds.len());
        for fold in &folds {
            let prepared = prepare(set, fold, standardise)?;
            let fitted = FittedClassifier::fit(model, &prepared.train, &select(labels, &fold.train), classes)?;
            let actual = select(labels, &fold.test);
            let mut metrics =
                classification_metrics(&ConfusionMatrix::of(&actual, &fitted.predict(&prepared.test)?, classes));
            let probabilities = fitted.probabilities(&prepared.test);
            let aucs = probabilities.as_ref().map(|p| class_aucs(&actual, p, classes)).unwrap_or_default();
            metrics.macro_auc = macro_auc(&aucs, probabilities.is_ok());
            per_fold.push(metrics);
            ticker.tick();
        }
        Some(CrossValidation {
            folds: folds.len(),
            metrics: vec![
                fold_metric("accuracy", per_fold.iter().map(|m| Some(m.accuracy)).collect()),
                fold_metric("macro_f1", per_fold.iter().map(|m| Some(m.macro_f1)).collect()),
                fold_metric("macro_auc", per_fold.iter().map(|m| m.macro_auc).collect()),
            ],
        })
    };

    let importances = if options.importance_repeats > 0 {
        importance(&prepared, set, options, &mut ticker, |columns| {
            Ok(classification_metrics(&ConfusionMatrix::of(&y_test, &fitted.predict(columns)?, classes)).accuracy)
        })?
    } else {
        vec![]
    };

    let (scoring, imputed_scoring) = prepared.prep.apply(&set.scoring_columns, None);
    let (predicted_all, probabilities_all) = fitted.predict_with_probabilities(&scoring)?;
    let probability = probabilities_all.ok().map(|p| p.iter().zip(&predicted_all).map(|(row, &c)| row[c]).collect());
    let predictions = CustomerClasses { class: predicted_all.iter().map(|&c| c as u16).collect(), probability };
    Ok(ClassificationReport {
        model: model.clone(),
        options: options.clone(),
        set: set.summary.clone(),
        preparation: preparation(
            &prepared.prep,
            standardise,
            &prepared.imputed_train,
            &prepared.imputed_test,
            &imputed_scoring,
        ),
        train_rows: split.train.len(),
        test_rows: split.test.len(),
        classes: names.clone(),
        table,
        test,
        train,
        baseline,
        per_class,
        confusion,
        roc,
        cross_validation,
        importances,
        predictions,
    })
}

/// One-vs-rest AUC of every class (None where the test rows lack positives or negatives).
fn class_aucs(actual: &[usize], probabilities: &Probabilities, classes: usize) -> Vec<Option<f64>> {
    (0..classes)
        .map(|c| {
            let positive: Vec<bool> = actual.iter().map(|&y| y == c).collect();
            let scores: Vec<f64> = probabilities.iter().map(|row| row[c]).collect();
            roc_curve(&positive, &scores).map(|curve| curve.auc)
        })
        .collect()
}

fn macro_auc(aucs: &[Option<f64>], available: bool) -> Option<f64> {
    let defined: Vec<f64> = aucs.iter().flatten().copied().collect();
    (available && !defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
}

/// Always the most frequent training class (the lowest class number on ties); its "probabilities"
/// are the training class shares, the same for everyone, so its AUC is 0.5.
fn majority_baseline(train: &[usize], test: &[usize], classes: usize) -> ClassificationMetrics {
    let mut counts = vec![0usize; classes];
    train.iter().for_each(|&c| counts[c] += 1);
    let majority = (0..classes).max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a))).unwrap_or(0);
    let mut metrics = classification_metrics(&ConfusionMatrix::of(test, &vec![majority; test.len()], classes));
    let shares: Vec<f64> = counts.iter().map(|&c| c as f64 / train.len().max(1) as f64).collect();
    let probabilities: Probabilities = vec![shares; test.len()];
    metrics.macro_auc = macro_auc(&class_aucs(test, &probabilities, classes), true);
    metrics
}

fn classification_table(model: &ClassificationMetrics, baseline: &ClassificationMetrics) -> MetricTable {
    let row = |metric: &str, f: fn(&ClassificationMetrics) -> Option<f64>| MetricRow {
        metric: metric.to_string(),
        higher_is_better: true,
        model: f(model),
        baselines: vec![f(baseline)],
    };
    MetricTable {
        baselines: vec!["majority_class".to_string()],
        rows: vec![
            row("accuracy", |m| Some(m.accuracy)),
            row("macro_precision", |m| Some(m.macro_precision)),
            row("macro_recall", |m| Some(m.macro_recall)),
            row("macro_f1", |m| Some(m.macro_f1)),
            row("macro_auc", |m| m.macro_auc),
        ],
    }
}
