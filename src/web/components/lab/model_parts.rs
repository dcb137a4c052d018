//! Pieces every trained model shows: the metric table next to the naive baselines (and the lift in
//! words), cross-validation, training vs test, permutation importance and how the training rows
//! were chosen.

use crate::ui::i18n::TL;
use yew::prelude::*;

use crate::engine::features::catalog::FeatureKey;
use crate::engine::models::evaluation::FeatureImportance;
use crate::engine::models::supervised::{CrossValidation, MetricTable, Preparation, TrainingSetSummary};
use crate::ui::format;
use crate::ui::i18n::{self, Lang};
use crate::web::charts::importance_bars::{Importance, ImportanceBars};

/// A metric's value as it is read: R² and AUC with three decimals, rates in percent, errors in the
/// target's units.
pub fn metric_value(metric: &str, value: f64) -> String {
    match metric {
        "r2" | "macro_auc" => format::fixed(value, 3),
        "accuracy" | "macro_precision" | "macro_recall" | "macro_f1" => format::share(value),
        _ => format::fixed(value, 2),
    }
}

fn cell(metric: &str, value: Option<f64>) -> String {
    value.map(|v| metric_value(metric, v)).unwrap_or_else(|| "–".to_string())
}

/// The feature name of a key as the engine writes it (`monetary`, `column:clv`).
pub fn feature_label(key: &str, lang: Lang) -> String {
    FeatureKey::try_from(key.to_string()).map(|k| i18n::feature_name(&k, lang)).unwrap_or_else(|_| key.to_string())
}

pub fn metric_table(table: &MetricTable, lang: Lang) -> Html {
    html! {
        <div class="table-scroll">
            <table class="table table--compact metric-table" data-testid="metric-table">
                <thead>
                    <tr>
                        <th scope="col">{ TL::LabMetric.get(lang) }</th>
                        <th scope="col" class="num">{ TL::LabModel.get(lang) }</th>
                        { for table.baselines.iter().map(|b| html! { <th scope="col" class="num">{ i18n::baseline_name(b, lang) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for table.rows.iter().map(|row| {
                        let better = row.model.is_some_and(|m| row.baselines.iter().flatten().all(|b| {
                            if row.higher_is_better { m > *b } else { m < *b }
                        }));
                        html! {
                            <tr>
                                <th scope="row" title={i18n::metric_help(&row.metric, lang)}>{ i18n::metric_name(&row.metric, lang) }</th>
                                <td class={classes!("num", better.then_some("tone-good"))}
                                    data-testid={format!("metric-{}-model", row.metric)}
                                    data-value={row.model.map(format::raw).unwrap_or_default()}>
                                    { cell(&row.metric, row.model) }
                                </td>
                                { for row.baselines.iter().enumerate().map(|(i, b)| html! {
                                    <td class="num" data-testid={format!("metric-{}-baseline-{i}", row.metric)}
                                        data-value={b.map(format::raw).unwrap_or_default()}>{ cell(&row.metric, *b) }</td>
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// How good a model is: the lift over the naive baseline in words, the metric table, train vs test
/// on `train_test` (a metric key) and the cross-validation, for value and tier models alike.
pub struct HowGood<'a> {
    pub lift: String,
    pub table: &'a MetricTable,
    pub help: TL,
    pub train_test: (&'static str, Option<f64>, Option<f64>),
    pub cross_validation: Option<&'a CrossValidation>,
}

pub fn how_good(card: HowGood, lang: Lang) -> Html {
    let (metric, train, test) = card.train_test;
    html! {
        <section class="card">
            <div class="card__head">
                <div>
                    <h3 class="card__title">{ TL::LabHowGood.get(lang) }</h3>
                    <p class="lab-lift" data-testid="model-lift">{ card.lift }</p>
                </div>
            </div>
            { metric_table(card.table, lang) }
            <p class="help">{ card.help.get(lang) }</p>
            <div class="lab-columns">
                <div>
                    <h4 class="subsection-title">{ TL::LabTrainVsTest.get(lang) }</h4>
                    { train_vs_test(metric, train, test, lang) }
                </div>
                <div>
                    <h4 class="subsection-title">{ TL::LabCrossValidation.get(lang) }</h4>
                    { cross_validation(card.cross_validation, lang) }
                </div>
            </div>
        </section>
    }
}

pub fn cross_validation(cv: Option<&CrossValidation>, lang: Lang) -> Html {
    let Some(cv) = cv else {
        return html! { <p class="muted" data-testid="cv-none">{ TL::LabNoCv.get(lang) }</p> };
    };
    html! {
        <div data-testid="cross-validation" data-folds={cv.folds.to_string()}>
            <p class="help">{ i18n::cv_intro(cv.folds, lang) }</p>
            <ul class="lab-facts">
                { for cv.metrics.iter().map(|m| html! {
                    <li data-testid={format!("cv-{}", m.metric)} data-value={m.mean.map(format::raw).unwrap_or_default()}>
                        <span class="lab-facts__label">{ i18n::metric_name(&m.metric, lang) }</span>
                        <span class="lab-facts__value">{ match (m.mean, m.sd) {
                            (Some(mean), Some(sd)) => format!("{} ± {}", metric_value(&m.metric, mean), metric_value(&m.metric, sd)),
                            (Some(mean), None) => metric_value(&m.metric, mean),
                            _ => "–".to_string(),
                        } }</span>
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// Training against test score; a much better training score is the sign of over-fitting.
pub fn train_vs_test(metric: &str, train: Option<f64>, test: Option<f64>, lang: Lang) -> Html {
    let gap = train.zip(test).map(|(a, b)| a - b);
    let overfit = gap.is_some_and(|g| g > 0.1);
    html! {
        <div data-testid="train-vs-test">
            <ul class="lab-facts">
                <li data-testid="train-score" data-value={train.map(format::raw).unwrap_or_default()}>
                    <span class="lab-facts__label">{ format!("{} · {}", i18n::metric_name(metric, lang), TL::LabTraining.get(lang)) }</span>
                    <span class="lab-facts__value">{ cell(metric, train) }</span>
                </li>
                <li data-testid="test-score" data-value={test.map(format::raw).unwrap_or_default()}>
                    <span class="lab-facts__label">{ format!("{} · {}", i18n::metric_name(metric, lang), TL::LabTest.get(lang)) }</span>
                    <span class="lab-facts__value">{ cell(metric, test) }</span>
                </li>
            </ul>
            if overfit {
                <p class="hint hint--warn" data-testid="overfit-hint">{ TL::LabOverfit.get(lang) }</p>
            } else {
                <p class="help">{ TL::LabNoOverfit.get(lang) }</p>
            }
        </div>
    }
}

pub fn importance(importances: &[FeatureImportance], value_title: &str, lang: Lang) -> Html {
    if importances.is_empty() {
        return html! { <p class="muted" data-testid="importance-none">{ TL::LabNoImportance.get(lang) }</p> };
    }
    let items = importances
        .iter()
        .map(|i| Importance {
            label: feature_label(&i.feature, lang),
            key: i.feature.clone(),
            mean: i.mean_drop,
            sd: i.sd_drop,
        })
        .collect::<Vec<_>>();
    html! { <ImportanceBars {items} value_title={value_title.to_string()} testid="importance" {lang} /> }
}

/// Rows used, customers left out and why, values filled in.
pub fn training_set(
    set: &TrainingSetSummary,
    preparation: &Preparation,
    train_rows: usize,
    test_rows: usize,
    lang: Lang,
) -> Html {
    let imputed: Vec<Html> = preparation
        .features
        .iter()
        .filter(|f| f.imputed_train + f.imputed_test > 0)
        .map(|f| {
            html! {
                <li data-testid={format!("imputed-{}", f.feature)} data-value={(f.imputed_train + f.imputed_test).to_string()}>
                    { i18n::imputed_sentence(&feature_label(&f.feature, lang), f.imputed_train + f.imputed_test,
                        &format::plain(f.median), lang) }
                </li>
            }
        })
        .collect();
    html! {
        <div class="lab-training-set" data-testid="training-set" data-rows={set.rows.to_string()}>
            <p>{ i18n::target_sentence(&set.target, lang) }</p>
            <ul class="lab-notes">
                <li data-testid="training-rows">{ i18n::rows_sentence(set.rows, train_rows, test_rows, lang) }</li>
                if set.without_target > 0 {
                    <li data-testid="without-target" data-value={set.without_target.to_string()}>
                        { i18n::without_target_sentence(set.without_target, lang) }</li>
                }
                if set.not_yet_customers > 0 {
                    <li data-testid="not-yet-customers" data-value={set.not_yet_customers.to_string()}>
                        { i18n::not_yet_sentence(set.not_yet_customers, lang) }</li>
                }
                if let Some(p) = &set.periods {
                    <li data-testid="training-periods">{ i18n::periods_sentence(p, lang) }</li>
                    if p.last_holdout_month_partial {
                        <li class="hint--warn">{ TL::LabPartialMonth.get(lang) }</li>
                    }
                }
                { for imputed }
                if preparation.standardised {
                    <li>{ TL::LabStandardised.get(lang) }</li>
                }
            </ul>
        </div>
    }
}
