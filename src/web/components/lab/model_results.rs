//! A trained model on screen. Value models: metrics against naive baselines with the lift in words,
//! predicted vs actual, importance, coefficients of a linear model. Tier models: the same metrics,
//! per-tier scores, the confusion matrix and ROC curves. Props only, so tests render them from
//! hand-built reports.

use crate::ui::i18n::TL;
use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::{ChartFigure, ScrollTable};

use super::model_parts::{self, feature_label, HowGood};
use crate::engine::models::supervised::{ClassificationReport, RegressionReport, RocCurves};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::web::charts::confusion_matrix::ConfusionMatrix;
use crate::web::charts::line_chart::{LineChart, LineSeries};
use crate::web::charts::palette::tier_colour;
use crate::web::charts::scatter_plot::ScatterPlot;

#[derive(Properties, PartialEq)]
pub struct RegressionProps {
    pub report: Rc<RegressionReport>,
    pub lang: Lang,
}

#[function_component(RegressionResults)]
pub fn regression_results(props: &RegressionProps) -> Html {
    let lang = props.lang;
    let r = &props.report;
    let pva = &r.predicted_vs_actual;
    html! {
        <div class="lab-results" data-testid="regression-results" data-model={r.model.name()}>
            { model_parts::how_good(HowGood {
                lift: i18n::regression_lift(&r.table, lang),
                table: &r.table,
                help: TL::LabMetricsHelp,
                train_test: ("r2", r.train.r2, r.test.r2),
                cross_validation: r.cross_validation.as_ref(),
            }, lang) }
            <div class="chart-grid">
                <ChartFigure title={TL::LabPredictedVsActual.get(lang)} desc={i18n::scatter_desc(pva.actual.len(), pva.test_rows, lang)} testid="predicted-vs-actual-figure">
                    <ScatterPlot actual={pva.actual.clone()} predicted={pva.predicted.clone()}
                        x_title={TL::LabActual.get(lang)} y_title={TL::LabPredicted.get(lang)}
                        diagonal_label={TL::LabPerfect.get(lang)} testid="predicted-vs-actual" {lang} />
                </ChartFigure>
                <ChartFigure title={TL::LabImportance.get(lang)} desc={TL::LabImportanceDescValue.get(lang)} testid="importance-figure">
                    { model_parts::importance(&r.importances, TL::LabImportanceAxisR2.get(lang), lang) }
                </ChartFigure>
            </div>
            if let Some(c) = &r.coefficients {
                <section class="card table-card" data-testid="coefficients">
                    <div class="card__head card__head--padded">
                        <div>
                            <h3 class="card__title">{ TL::LabCoefficients.get(lang) }</h3>
                            <p class="card__subtitle">{ TL::LabCoefficientsIntro.get(lang) }</p>
                        </div>
                    </div>
                    <table class="table table--compact">
                        <thead>
                            <tr>
                                <th scope="col">{ T::Feature.get(lang) }</th>
                                <th scope="col" class="num">{ TL::LabWeight.get(lang) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            <tr>
                                <th scope="row">{ T::Intercept.get(lang) }</th>
                                <td class="num" data-testid="coef-intercept" data-value={format::raw(c.intercept)}>
                                    { format::fixed(c.intercept, 4) }</td>
                            </tr>
                            { for c.weights.iter().map(|w| html! {
                                <tr>
                                    <th scope="row">{ feature_label(&w.feature, lang) }</th>
                                    <td class="num" data-testid={format!("coef-{}", w.feature)} data-value={format::raw(w.value)}>
                                        { format::signed(w.value, |v| format::fixed(v, 4)) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            }
            <section class="card">
                <h3 class="card__title">{ TL::LabTrainingSet.get(lang) }</h3>
                { model_parts::training_set(&r.set, &r.preparation, r.train_rows, r.test_rows, lang) }
            </section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ClassificationProps {
    pub report: Rc<ClassificationReport>,
    pub lang: Lang,
}

#[function_component(ClassificationResults)]
pub fn classification_results(props: &ClassificationProps) -> Html {
    let lang = props.lang;
    let r = &props.report;
    let roc = match &r.roc {
        RocCurves::Available { curves } if !curves.is_empty() => {
            let series = curves
                .iter()
                .map(|c| {
                    let index = r.classes.iter().position(|name| *name == c.class).unwrap_or(0);
                    LineSeries {
                        name: format!("{} · AUC {}", c.class, format::fixed(c.auc, 3)),
                        colour: tier_colour(index),
                        points: c.fpr.iter().copied().zip(c.tpr.iter().copied()).collect(),
                        dashed: false,
                        dots: false,
                    }
                })
                .collect::<Vec<_>>();
            let ticks: Vec<(f64, String)> = (0..=5).map(|i| (i as f64 / 5.0, format::plain(i as f64 / 5.0))).collect();
            html! {
                <>
                    <LineChart {series} x_ticks={ticks} x_domain={(0.0, 1.0)} y_domain={Some((0.0, 1.0))} diagonal=true
                        x_title={TL::LabFalsePositiveRate.get(lang)} y_title={TL::LabTruePositiveRate.get(lang)} testid="roc"
                        plot_height={260.0} {lang} />
                    if curves.len() < r.classes.len() {
                        <p class="help">{ TL::LabRocMissingClasses.get(lang) }</p>
                    }
                </>
            }
        }
        RocCurves::Available { .. } => {
            html! { <p class="muted" data-testid="roc-unavailable">{ TL::LabRocNoCurves.get(lang) }</p> }
        }
        RocCurves::Unavailable { reason } => html! {
            <p class="muted" data-testid="roc-unavailable" title={reason.clone()}>{ TL::LabRocUnavailable.get(lang) }</p>
        },
    };
    html! {
        <div class="lab-results" data-testid="classification-results" data-model={r.model.name()}>
            { model_parts::how_good(HowGood {
                lift: i18n::classification_lift(&r.table, &r.classes, lang),
                table: &r.table,
                help: TL::LabClassMetricsHelp,
                train_test: ("accuracy", Some(r.train.accuracy), Some(r.test.accuracy)),
                cross_validation: r.cross_validation.as_ref(),
            }, lang) }
            <section class="card table-card" data-testid="per-class">
                <div class="card__head card__head--padded">
                    <h3 class="card__title">{ TL::LabPerClass.get(lang) }</h3>
                </div>
                <ScrollTable class="table--compact" head={html! {
                    <tr>
                        <th scope="col">{ TL::LabClass.get(lang) }</th>
                        <th scope="col" class="num">{ i18n::metric_name("precision", lang) }</th>
                        <th scope="col" class="num">{ i18n::metric_name("recall", lang) }</th>
                        <th scope="col" class="num">{ "F1" }</th>
                        <th scope="col" class="num">{ TL::LabSupport.get(lang) }</th>
                        <th scope="col" class="num">{ "AUC" }</th>
                    </tr>
                }}>
                    { for r.per_class.iter().enumerate().map(|(i, c)| html! {
                        <tr data-testid={format!("class-{i}")}>
                            <th scope="row">
                                <span class="tier-dot" style={format!("background:{}", tier_colour(i))}></span>{ c.class.clone() }
                            </th>
                            <td class="num">{ format::share(c.precision) }</td>
                            <td class="num" data-testid={format!("class-recall-{i}")} data-value={format::raw(c.recall)}>
                                { format::share(c.recall) }</td>
                            <td class="num">{ format::share(c.f1) }</td>
                            <td class="num">{ format::count(c.support as usize) }</td>
                            <td class="num" data-testid={format!("class-auc-{i}")}
                                data-value={c.auc.map(format::raw).unwrap_or_default()}>
                                { c.auc.map(|a| format::fixed(a, 3)).unwrap_or_else(|| "–".into()) }</td>
                        </tr>
                    }) }

                </ScrollTable>
            </section>
            <div class="chart-grid">
                <ChartFigure title={TL::LabConfusion.get(lang)} desc={TL::LabConfusionDesc.get(lang)}>
                    <ConfusionMatrix classes={r.classes.clone()} counts={r.confusion.counts.clone()}
                        actual_label={TL::LabActualClass.get(lang)} predicted_label={TL::LabPredictedClass.get(lang)}
                        testid="confusion" />
                </ChartFigure>
                <ChartFigure title={TL::LabRoc.get(lang)} desc={TL::LabRocDesc.get(lang)} testid="roc-figure">
                    { roc }
                </ChartFigure>
                <ChartFigure title={TL::LabImportance.get(lang)} desc={TL::LabImportanceDescTier.get(lang)} testid="importance-figure">
                    { model_parts::importance(&r.importances, TL::LabImportanceAxisAccuracy.get(lang), lang) }
                </ChartFigure>
                <section class="card">
                    <h3 class="card__title">{ TL::LabTrainingSet.get(lang) }</h3>
                    { model_parts::training_set(&r.set, &r.preparation, r.train_rows, r.test_rows, lang) }
                </section>
            </div>
        </div>
    }
}
