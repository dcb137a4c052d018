//! The model lab's results rendered from hand-built reports: the figures on screen are the figures
//! given (worked out by hand in the comments), formatted the page's one way, with raw values in
//! `data-value` attributes for the end-to-end tests.
#![cfg(target_arch = "wasm32")]

#[path = "common/dom.rs"]
mod dom;

use std::cell::RefCell;
use std::rc::Rc;

use dom::{by_testid, render, text};
use tierlab::engine::dataset::TextList;
use tierlab::engine::models::clv::overview::p_alive_bins;
use tierlab::engine::models::clv::{
    ClvModel, ClvOverview, ClvReport, CustomerValues, Exclusions, FittedParams, FrequencyBucket, HoldoutCheck,
    TimeUnit, Tracking,
};
use tierlab::engine::models::evaluation::{
    ClassificationMetrics, ConfusionMatrix, FeatureImportance, RegressionMetrics,
};
use tierlab::engine::models::segments::{
    ImputedFeature, KScore, SegmentCount, SegmentParams, SegmentProfile, SegmentReport,
};
use tierlab::engine::models::supervised::training_set::MissingCount;
use tierlab::engine::models::supervised::{
    ClassRoc, ClassRow, ClassificationModel, ClassificationReport, CrossValidation, CustomerClasses,
    CustomerValues as Predictions, EvaluationOptions, FeaturePreparation, FoldMetric, HoldoutPeriods,
    LinearCoefficients, LogisticParams, MetricRow, MetricTable, NamedValue, PredictedVsActual, Preparation,
    RegressionModel, RegressionReport, RocCurves, TrainingSetSummary, YearMonth,
};
use tierlab::ui::i18n::Lang;
use tierlab::ui::lab::segment_name_problems;
use tierlab::web::components::lab::clv_results::{self, ClvResults};
use tierlab::web::components::lab::model_results::{
    ClassificationProps, ClassificationResults, RegressionProps, RegressionResults,
};
use tierlab::web::components::lab::segment_results::{self, SegmentResults};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn value(root: &Element, id: &str) -> String {
    by_testid(root, id).get_attribute("data-value").unwrap_or_default()
}

fn attr(root: &Element, id: &str, name: &str) -> String {
    by_testid(root, id).get_attribute(name).unwrap_or_default()
}

fn params(
    model: ClvModel,
    names: &[&str],
    values: &[f64],
    se: &[Option<f64>],
    ll: f64,
    customers: u32,
) -> FittedParams {
    FittedParams {
        model,
        names: names.iter().map(|s| s.to_string()).collect(),
        values: values.to_vec(),
        standard_errors: se.to_vec(),
        log_likelihood: ll,
        customers,
        patterns: customers,
        iterations: 17,
        gradient_norm: 1e-9,
        converged: true,
        log_covariance: vec![],
    }
}

/// Four customers in the models; numbers chosen so every derived figure is easy to work out.
fn clv_report() -> ClvReport {
    ClvReport {
        time_unit: TimeUnit::Days,
        calibration_end: 1_777_593_599,
        holdout_end: Some(1_793_491_199),
        horizon_months: 12,
        horizon_periods: 360.0,
        monthly_discount_rate: 0.01,
        margin_percent: 30.0,
        customers: 4,
        repeat_buyers: 3,
        // r / α = 0.25 / 5 = 0.05 purchases a day = 1.5 a month (× 30 days); dropout a / (a + b) =
        // 0.8 / 3.2 = 25 %.
        bgnbd: params(
            ClvModel::BgNbd,
            &["r", "alpha", "a", "b"],
            &[0.25, 5.0, 0.8, 2.4],
            &[Some(0.03), Some(0.6), None, Some(0.9)],
            -123.456,
            4,
        ),
        // Population order value p · v / (q − 1) = 6 × 15 / 3 = 30.
        gamma_gamma: Some(params(
            ClvModel::GammaGamma,
            &["p", "q", "v"],
            &[6.0, 4.0, 15.0],
            &[Some(1.2), Some(0.5), Some(3.0)],
            -45.5,
            3,
        )),
        spend_model_skipped: None,
        population_order_value: Some(30.0),
        frequency_value_correlation: Some(0.05),
        per_customer: CustomerValues {
            customer: vec![0, 1, 2, 3],
            frequency: vec![1, 0, 5, 2],
            recency: vec![10.0, 0.0, 150.0, 90.0],
            age: vec![200.0, 100.0, 160.0, 120.0],
            monetary: vec![Some(40.0), None, Some(55.5), Some(20.0)],
            // Bins of a tenth: 0.05 → 0–10, 0.42 → 40–50, 0.97 and 1.0 → 90–100.
            p_alive: vec![0.05, 0.42, 0.97, 1.0],
            expected_purchases_horizon: vec![Some(0.3), Some(1.1), Some(9.5), Some(4.0)],
            expected_order_value: vec![Some(38.0), Some(30.0), Some(52.5), Some(21.0)],
            // Total 120.5 + 300.25 + 80 = 500.75 over 3 customers with a CLV.
            clv: vec![Some(120.5), None, Some(300.25), Some(80.0)],
            holdout_purchases: Some(vec![0, 1, 8, 3]),
            expected_holdout_purchases: Some(vec![Some(0.5), Some(1.0), Some(6.5), Some(2.5)]),
            holdout_spend: None,
            intervals: None,
        },
        holdout: Some(HoldoutCheck {
            duration: 184.0,
            by_frequency: vec![
                FrequencyBucket {
                    label: "0".into(),
                    min_frequency: 0,
                    customers: 1,
                    actual_mean: Some(1.0),
                    expected_mean: Some(1.0),
                },
                FrequencyBucket {
                    label: "1+".into(),
                    min_frequency: 1,
                    customers: 3,
                    actual_mean: Some(11.0 / 3.0),
                    expected_mean: Some(9.5 / 3.0),
                },
            ],
            span_periods: 4,
            tracking: Some(Tracking {
                time_unit: TimeUnit::Days,
                period_end: vec![86_400, 2 * 86_400, 3 * 86_400, 4 * 86_400],
                actual: vec![0, 2, 5, 9],
                expected: vec![Some(0.5), Some(2.5), Some(5.0), Some(8.0)],
                calibration_end_index: 1,
            }),
            // 0 + 1 + 8 + 3 = 12 actual against 10.5 expected: 12.5 % fewer than happened.
            actual_total: 12,
            expected_total: 10.5,
        }),
        exclusions: Exclusions { never_purchased: 3, refunds_applied: 1, ..Exclusions::default() },
        purchase_model: ClvModel::BgNbd,
        purchase_models: vec![],
        uncertainty: None,
    }
}

async fn render_clv(lang: Lang) -> Element {
    // The worker's overview; its ranking: customer 2 (300.25), customer 0 (120.5), customer 3 (80).
    let mut ids = TextList::new();
    for id in ["C1", "C2", "C3", "C4"] {
        ids.push(id);
    }
    let overview = Rc::new(ClvOverview::of(clv_report(), &ids, 50));
    render::<ClvResults>(clv_results::Props { overview, lang }).await
}

#[wasm_bindgen_test]
async fn clv_results_show_parameters_holdout_and_customers() {
    let root = render_clv(Lang::En).await;
    for (name, raw, shown, se_raw, se_shown) in [
        ("r", "0.25", "0.2500", "0.03", "± 0.0300"),
        ("alpha", "5", "5.000", "0.6", "± 0.6000"),
        ("b", "2.4", "2.400", "0.9", "± 0.9000"),
        ("v", "15", "15.000", "3", "± 3.000"),
    ] {
        assert_eq!(
            (text(&root, &format!("clv-param-{name}")), value(&root, &format!("clv-param-{name}"))),
            (shown.into(), raw.into())
        );
        assert_eq!(
            (text(&root, &format!("clv-se-{name}")), value(&root, &format!("clv-se-{name}"))),
            (se_shown.into(), se_raw.into())
        );
    }
    // No standard error for a: said in words, no value.
    assert_eq!((text(&root, "clv-se-a"), value(&root, "clv-se-a")), ("not available".into(), String::new()));
    assert_eq!(value(&root, "clv-ll-bgnbd"), "-123.456");
    assert!(text(&root, "clv-ll-bgnbd").contains("−123.46"));
    assert_eq!(value(&root, "clv-ll-gamma-gamma"), "-45.5");
    assert!(
        text(&root, "clv-rate-sentence").contains("about 1.50 purchases a month"),
        "{}",
        text(&root, "clv-rate-sentence")
    );
    assert!(text(&root, "clv-rate-sentence").contains("25.0 % of customers stop buying"));
    assert_eq!(value(&root, "clv-order-value"), "30");
    assert!(text(&root, "clv-order-value").contains("30.00"));
    // Facts: customers, repeat buyers, total CLV 500.75 over 3 customers.
    assert_eq!(value(&root, "clv-customers"), "4");
    assert_eq!((value(&root, "clv-total"), text(&root, "clv-total")), ("500.75".into(), "500.75Total CLV".into()));
    assert_eq!(value(&root, "clv-with-value"), "3");
    // Exclusions, one line per group.
    let exclusions = text(&root, "clv-exclusions");
    assert!(exclusions.contains("Never made a purchase (not in the models): 3"), "{exclusions}");
    assert!(exclusions.contains("Refunds lowered their mean purchase value (still included): 1"));
    assert!(!exclusions.contains("calibration end"), "no line for a zero count: {exclusions}");
    // Holdout: totals in words (10.5 vs 12 is −12.5 %), the two bars per bucket, the tracking lines.
    assert_eq!(attr(&root, "clv-holdout-total", "data-actual"), "12");
    assert_eq!(attr(&root, "clv-holdout-total", "data-expected"), "10.5");
    let holdout = text(&root, "clv-holdout-total");
    assert!(
        holdout.contains("184 days") && holdout.contains("12 purchases") && holdout.contains("10.5 (−12.5 %)"),
        "{holdout}"
    );
    assert_eq!(value(&root, "clv-holdout-buckets-bar-0-1"), format!("{}", 11.0 / 3.0));
    assert_eq!(value(&root, "clv-holdout-buckets-bar-1-1"), format!("{}", 9.5 / 3.0));
    assert_eq!(value(&root, "clv-holdout-buckets-bar-1-0"), "1");
    assert_eq!(attr(&root, "clv-tracking-series-0", "data-points"), "4");
    assert_eq!(attr(&root, "clv-tracking-series-0", "data-last"), "9");
    assert_eq!(attr(&root, "clv-tracking-series-1", "data-last"), "8");
    assert_eq!(value(&root, "clv-tracking-marker"), "1");
    // Top customers in the worker's order, with their CLV.
    assert_eq!(attr(&root, "clv-top-0", "data-id"), "C3");
    assert_eq!((text(&root, "clv-top-0-clv"), value(&root, "clv-top-0-clv")), ("300.25".into(), "300.25".into()));
    assert!(text(&root, "clv-top-0").contains("97.0 %"), "P(active) of C3: {}", text(&root, "clv-top-0"));
    assert!(text(&root, "clv-top-0").contains("9.50") && text(&root, "clv-top-0").contains("52.50"));
    assert_eq!(attr(&root, "clv-top-2", "data-id"), "C4");
    assert_eq!(root.query_selector_all("[data-testid^=\"clv-top-\"][data-id]").unwrap().length(), 3);
    // P(active) histogram: one in 0–10 %, one in 40–50 %, two in 90–100 %.
    assert_eq!(p_alive_bins(&[0.05, 0.42, 0.97, 1.0]), vec![1, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
    assert_eq!(value(&root, "clv-p-alive-bins-bar-0-0"), "1");
    assert_eq!(value(&root, "clv-p-alive-bins-bar-0-4"), "1");
    assert_eq!(value(&root, "clv-p-alive-bins-bar-0-9"), "2");
    root.remove();
}

#[wasm_bindgen_test]
async fn clv_results_speak_chinese() {
    let root = render_clv(Lang::Zh).await;
    let all = root.text_content().unwrap_or_default();
    for expected in [
        "模型从客户中学到了什么",
        "购买与流失（BG/NBD）",
        "活跃客户平均每月购买约 1.50 次",
        "每次购买后有 25.0 % 的客户永久流失",
        "从未购买（不参与建模）：3 位",
        "在 184 天的验证期内，这些客户共购买 12 次；模型预期 10.5 次（−12.5 %）",
        "最有价值的客户",
        "还有多少客户仍然活跃？",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in {all}");
    }
    root.remove();
}

fn metric_row(metric: &str, higher: bool, model: f64, baselines: &[f64]) -> MetricRow {
    MetricRow {
        metric: metric.into(),
        higher_is_better: higher,
        model: Some(model),
        baselines: baselines.iter().map(|&b| Some(b)).collect(),
    }
}

fn set_summary(target: &str, rows: usize) -> TrainingSetSummary {
    TrainingSetSummary {
        target: target.into(),
        features: vec!["monetary".into(), "recency_days".into()],
        rows,
        customers: rows + 9,
        without_target: 2,
        not_yet_customers: 7,
        missing_values: vec![MissingCount { feature: "recency_days".into(), rows: 5 }],
        periods: Some(HoldoutPeriods {
            calibration_start: YearMonth { year: 2024, month: 11 },
            calibration_end: YearMonth { year: 2026, month: 4 },
            holdout_start: YearMonth { year: 2026, month: 5 },
            holdout_end: YearMonth { year: 2026, month: 10 },
            baseline_start: YearMonth { year: 2025, month: 11 },
            baseline_months: 6,
            last_holdout_month_partial: false,
        }),
    }
}

fn preparation() -> Preparation {
    let feature = |name: &str, train: usize, test: usize, median: f64| FeaturePreparation {
        feature: name.into(),
        median,
        imputed_train: train,
        imputed_test: test,
        imputed_scoring: 0,
        mean: None,
        sd: None,
    };
    Preparation {
        standardised: false,
        features: vec![feature("monetary", 0, 0, 200.0), feature("recency_days", 4, 1, 30.0)],
        imputed_total: 5,
    }
}

fn regression_report() -> RegressionReport {
    RegressionReport {
        model: RegressionModel::Linear,
        options: EvaluationOptions::default(),
        set: set_summary("spend in the 6 months after 2026-04", 100),
        preparation: preparation(),
        train_rows: 80,
        test_rows: 20,
        table: MetricTable {
            baselines: vec!["training_mean".into(), "last_period".into()],
            rows: vec![
                // MAE 10 against 20 for the average: (20 − 10) / 20 = 50 % smaller.
                metric_row("mae", false, 10.0, &[20.0, 15.0]),
                metric_row("rmse", false, 14.0, &[25.0, 22.0]),
                metric_row("r2", true, 0.35, &[0.0, -0.01]),
            ],
        },
        test: RegressionMetrics { mae: 10.0, rmse: 14.0, r2: Some(0.35) },
        // 0.80 on training against 0.35 on test: a gap of 0.45 is over-fitting.
        train: RegressionMetrics { mae: 5.0, rmse: 7.0, r2: Some(0.8) },
        cross_validation: Some(CrossValidation {
            folds: 5,
            metrics: vec![FoldMetric {
                metric: "r2".into(),
                per_fold: vec![Some(0.3); 5],
                mean: Some(0.3),
                sd: Some(0.05),
            }],
        }),
        predicted_vs_actual: PredictedVsActual {
            customer: vec![1, 2, 3],
            actual: vec![0.0, 100.0, 250.0],
            predicted: vec![20.0, 90.0, 180.0],
            test_rows: 20,
        },
        importances: vec![
            FeatureImportance { feature: "monetary".into(), mean_drop: 0.3, sd_drop: 0.05 },
            FeatureImportance { feature: "recency_days".into(), mean_drop: 0.1, sd_drop: 0.02 },
        ],
        coefficients: Some(LinearCoefficients {
            intercept: 5.0,
            weights: vec![
                NamedValue { feature: "monetary".into(), value: 0.5 },
                NamedValue { feature: "recency_days".into(), value: -0.25 },
            ],
        }),
        predictions: Predictions { value: vec![1.0; 109] },
    }
}

#[wasm_bindgen_test]
async fn regression_results_show_the_lift_over_the_baselines() {
    let report = Rc::new(regression_report());
    let root = render::<RegressionResults>(RegressionProps { report, lang: Lang::En }).await;
    assert_eq!(
        text(&root, "model-lift"),
        "R² 0.35 vs 0.00 for predicting the average; R² 0.35 vs −0.01 for assuming the previous period repeats; \
         typical error 10.00 vs 20.00 for predicting the average (50.0 % smaller)."
    );
    assert_eq!((text(&root, "metric-r2-model"), value(&root, "metric-r2-model")), ("0.350".into(), "0.35".into()));
    assert_eq!(
        (text(&root, "metric-mae-baseline-1"), value(&root, "metric-mae-baseline-1")),
        ("15.00".into(), "15".into())
    );
    assert_eq!(value(&root, "metric-r2-baseline-1"), "-0.01");
    assert!(by_testid(&root, "metric-mae-model").class_name().contains("tone-good"), "10 beats 20 and 15");
    assert_eq!(text(&root, "cv-r2"), "R²0.300 ± 0.050");
    assert_eq!(value(&root, "train-score"), "0.8");
    assert_eq!(value(&root, "test-score"), "0.35");
    assert!(text(&root, "overfit-hint").contains("over-fitting"));
    assert_eq!(attr(&root, "predicted-vs-actual", "data-points"), "3");
    assert!(text(&root, "predicted-vs-actual-figure").contains("(3 of 20)"));
    assert_eq!(
        (attr(&root, "importance-0", "data-feature"), value(&root, "importance-0")),
        ("monetary".into(), "0.3".into())
    );
    assert!(text(&root, "importance-1").contains("Days since last purchase"));
    assert_eq!((text(&root, "coef-intercept"), value(&root, "coef-intercept")), ("5.0000".into(), "5".into()));
    assert_eq!(text(&root, "coef-recency_days"), "−0.2500");
    let set = text(&root, "training-set");
    for expected in [
        "Target: each customer's net spend in the 6 months after 2026-04.",
        "100 customers learned from and tested on: 80 to train, 20 to test.",
        "2 customers left out: they have no value to learn",
        "7 customers left out: their first activity is after the calibration month",
        "Features from 2024-11 to 2026-04; target from 2026-05 to 2026-10",
        "“Days since last purchase”: 5 missing values filled with the training median 30.",
    ] {
        assert!(set.contains(expected), "missing {expected:?} in {set}");
    }
    assert_eq!(value(&root, "imputed-recency_days"), "5");
    root.remove();
}

fn classification_report(roc: RocCurves) -> ClassificationReport {
    let metrics = |accuracy: f64| ClassificationMetrics {
        accuracy,
        macro_precision: 0.75,
        macro_recall: 0.7,
        macro_f1: 0.72,
        macro_auc: Some(0.875),
    };
    ClassificationReport {
        model: ClassificationModel::Logistic(LogisticParams::default()),
        options: EvaluationOptions::default(),
        set: TrainingSetSummary { periods: None, ..set_summary("tier", 50) },
        preparation: Preparation { standardised: true, ..preparation() },
        train_rows: 40,
        test_rows: 10,
        classes: vec!["Regular".into(), "Gold".into()],
        // 8 of 10 right against 6 of 10 for always "Regular": +20 percentage points.
        table: MetricTable {
            baselines: vec!["majority_class".into()],
            rows: vec![metric_row("accuracy", true, 0.8, &[0.6]), metric_row("macro_f1", true, 0.72, &[0.375])],
        },
        test: metrics(0.8),
        train: metrics(0.82),
        baseline: metrics(0.6),
        per_class: vec![
            ClassRow {
                class: "Regular".into(),
                precision: 5.0 / 6.0,
                recall: 5.0 / 6.0,
                f1: 5.0 / 6.0,
                support: 6,
                auc: Some(0.9),
            },
            ClassRow { class: "Gold".into(), precision: 0.75, recall: 0.75, f1: 0.75, support: 4, auc: Some(0.85) },
        ],
        confusion: ConfusionMatrix { counts: vec![vec![5, 1], vec![1, 3]] },
        roc,
        cross_validation: None,
        importances: vec![],
        predictions: CustomerClasses { class: vec![0; 59], probability: None },
    }
}

#[wasm_bindgen_test]
async fn classification_results_show_confusion_and_roc() {
    let roc = RocCurves::Available {
        curves: vec![
            ClassRoc { class: "Regular".into(), auc: 0.9, fpr: vec![0.0, 0.25, 1.0], tpr: vec![0.0, 0.8, 1.0] },
            ClassRoc { class: "Gold".into(), auc: 0.85, fpr: vec![0.0, 0.2, 1.0], tpr: vec![0.0, 0.75, 1.0] },
        ],
    };
    let report = Rc::new(classification_report(roc));
    let root = render::<ClassificationResults>(ClassificationProps { report, lang: Lang::En }).await;
    assert_eq!(
        text(&root, "model-lift"),
        "Accuracy 80.0 % vs 60.0 % for always predicting the most common class: the model gets +20.0 pp more of the test customers right."
    );
    for (i, j, count) in [(0, 0, "5"), (0, 1, "1"), (1, 0, "1"), (1, 1, "3")] {
        assert_eq!(value(&root, &format!("confusion-{i}-{j}")), count);
    }
    // Row shares: 1 of Gold's 4 predicted Regular is 25 %.
    assert!(attr(&root, "confusion-1-0", "title").contains("25.0 %"));
    assert_eq!(value(&root, "class-auc-1"), "0.85");
    assert_eq!(value(&root, "class-recall-0"), format!("{}", 5.0 / 6.0));
    assert_eq!(attr(&root, "roc-series-0", "data-points"), "3");
    assert!(text(&root, "roc-figure").contains("Gold · AUC 0.850"));
    assert!(
        root.query_selector("[data-testid=\"overfit-hint\"]").unwrap().is_none(),
        "0.82 vs 0.80 is no over-fitting"
    );
    assert_eq!(text(&root, "cv-none"), "Not run (switch it on under Evaluation).");
    assert!(text(&root, "training-set").contains("Target: each customer's tier at the end of the history."));
    root.remove();

    let report = Rc::new(classification_report(RocCurves::Unavailable { reason: "no probabilities".into() }));
    let root = render::<ClassificationResults>(ClassificationProps { report, lang: Lang::Zh }).await;
    assert_eq!(text(&root, "roc-unavailable"), "该模型不提供类别概率，无法绘制 ROC 曲线。");
    assert!(text(&root, "model-lift").starts_with("准确率 80.0 % 对比 60.0 %（总是预测最常见类别）"));
    root.remove();
}

fn segment_report() -> SegmentReport {
    let profile = |index: usize, name: &str, size: usize, means: [f64; 2], spend: f64, revenue: f64| SegmentProfile {
        index,
        name: name.into(),
        size,
        share: size as f64 / 100.0,
        feature_means: vec![Some(means[0]), Some(means[1])],
        mean_spend: Some(spend),
        revenue_share: Some(revenue),
    };
    SegmentReport {
        params: SegmentParams {
            features: vec!["monetary".to_string().try_into().unwrap(), "recency_days".to_string().try_into().unwrap()],
            k: SegmentCount::BestSilhouette { min: 2, max: 4 },
            ..SegmentParams::default()
        },
        features: vec!["monetary".into(), "recency_days".into()],
        k: 3,
        curve: vec![
            KScore { k: 2, silhouette: Some(0.41), inertia: 300.0 },
            KScore { k: 3, silhouette: Some(0.55), inertia: 180.0 },
            KScore { k: 4, silhouette: Some(0.47), inertia: 150.0 },
        ],
        silhouette_points: 100,
        ranked_by: "net_spend".into(),
        imputed: vec![ImputedFeature { feature: "recency_days".into(), median: 42.0, imputed: 6 }],
        segments: vec![
            profile(0, "high_value", 10, [1500.0, 12.5], 1500.0, 0.6),
            profile(1, "medium_value", 30, [300.0, 60.0], 300.0, 0.36),
            profile(2, "low_value", 60, [17.5, 200.0], 17.5, 0.04),
        ],
        labels: vec![2; 100],
    }
}

#[wasm_bindgen_test]
async fn segment_results_show_profiles_and_take_new_names() {
    let renamed: Rc<RefCell<Vec<(usize, String)>>> = Rc::default();
    let log = renamed.clone();
    let names = vec!["VIP".to_string(), "VIP".to_string(), "low_value".to_string()];
    let props = segment_results::Props {
        report: Rc::new(segment_report()),
        name_problems: segment_name_problems(&names),
        names,
        on_rename: Callback::from(move |change| log.borrow_mut().push(change)),
        lang: Lang::En,
    };
    let root = render::<SegmentResults>(props).await;
    assert_eq!(value(&root, "segments-k"), "3");
    assert!(text(&root, "segments-k").contains("3 segments separate the customers best"));
    assert_eq!(value(&root, "segments-silhouette-marker"), "3");
    assert_eq!(attr(&root, "segments-silhouette-series-0", "data-points"), "3");
    assert_eq!(attr(&root, "segments-inertia-series-0", "data-last"), "150");
    // Means in each feature's own units: money with two decimals, days with one.
    assert_eq!((text(&root, "segment-mean-0-0"), value(&root, "segment-mean-0-0")), ("1,500.00".into(), "1500".into()));
    assert_eq!(text(&root, "segment-mean-2-1"), "200.0");
    assert_eq!((text(&root, "segment-share-1"), value(&root, "segment-share-1")), ("30.0 %".into(), "0.3".into()));
    assert!(text(&root, "segment-row-2").contains("4.0 %"), "revenue share of the low segment");
    // The names as edited, the repeated one flagged at its field.
    let input: HtmlInputElement = by_testid(&root, "segment-name-1").dyn_into().unwrap();
    assert_eq!(input.value(), "VIP");
    assert!(text(&root, "segment-row-1").contains("Same name as another one."));
    assert!(!text(&root, "segment-row-0").contains("Same name"));
    input.set_value("loyal");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    assert_eq!(renamed.borrow().as_slice(), &[(1, "loyal".to_string())]);
    assert!(text(&root, "segments-profiles")
        .contains("“Days since last purchase”: 6 missing values filled with the training median 42."));
    root.remove();
}
