//! Predict value or classify tiers: what to predict (holdout spend or purchases after a calibration
//! month, a numeric column, a scenario's tiers or a text column), from which features, with which
//! model and settings; training with progress and Cancel; then the results and "use as a column".

use crate::ui::i18n::TL;
use std::rc::Rc;

use strum::IntoEnumIterator;
use yew::prelude::*;

use crate::web::components::card::CardHead;

use super::actions::{open_segment_rules, tier_by};
use super::feature_picker::FeaturePicker;
use super::fields::{self, error_box, DateField, Number, RunBar, Width};
use super::model_results::{ClassificationResults, RegressionResults};
use crate::engine::features::catalog::FeatureKey;
use crate::engine::roles::DatasetShape;
use crate::ui::feature_info;
use crate::ui::i18n;
use crate::ui::lab::{
    publish_name_problem, LabSection, LabSettings, PredictForm, PredictInputs, Problems, TargetChoice, TierModelKind,
    ValueModelKind,
};
use crate::ui::state::{LabJob, Prediction, PredictionResult, ScenarioId};
use crate::web::components::editor::segment_columns;
use crate::web::hooks::{use_app, AppContext};

#[function_component(PredictPanel)]
pub fn predict_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let period = state.data.summary.as_ref().and_then(|d| d.period);
    let event_log = state.data.summary.as_ref().is_some_and(|d| d.shape == DatasetShape::EventLog) && period.is_some();
    let available: Vec<FeatureKey> = match &state.data.features {
        Some(stats) if !stats.is_empty() => stats.iter().map(|s| s.key.clone()).collect(),
        _ => feature_info::all_builtin(),
    };
    let mut text_columns: Vec<String> = state
        .data
        .summary
        .as_deref()
        .map(segment_columns)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    for (name, _) in state.lab.text_columns() {
        if !text_columns.contains(&name) {
            text_columns.push(name);
        }
    }
    // Holdout targets need dated events; a customer table learns a column instead.
    let mut form = state.lab.settings.predict.clone();
    if !event_log && form.target.is_holdout() {
        form.target = TargetChoice::Column;
    }
    let inputs = PredictInputs {
        period,
        available: &available,
        scenarios: [&state.scenarios.get(ScenarioId::A), &state.scenarios.get(ScenarioId::B)],
        text_columns: &text_columns,
    };
    let built = form.build(&inputs);
    let problems: Problems = built.clone().err().unwrap_or_default();
    let problem = |key: &str| fields::problem(&problems, key, lang);
    let job = state.jobs.lab_running(LabSection::Predict).cloned();

    let targets: Vec<(String, String)> = TargetChoice::iter()
        .filter(|c| event_log || !c.is_holdout())
        .map(|c| {
            (
                c.as_ref().to_string(),
                i18n::target_choice_name(
                    c,
                    &state.scenarios.get(ScenarioId::A).name,
                    &state.scenarios.get(ScenarioId::B).name,
                    lang,
                ),
            )
        })
        .collect();
    let on_target = fields::edit(&app, |s, key: String| {
        if let Some(choice) = key.parse::<TargetChoice>().ok() {
            s.predict.target = choice;
        }
    });
    let target_key = (form.target == TargetChoice::Column).then(|| form.target_column_key(&available));
    let chosen = form.chosen_features(&available);
    // A column holds one value per customer, not a history: it cannot be cut at the calibration month.
    let columns_in_holdout = form.target.is_holdout() && chosen.iter().any(|k| matches!(k, FeatureKey::Column(_)));

    let target_details = match form.target {
        TargetChoice::HoldoutSpend | TargetChoice::HoldoutPurchases => html! {
            <>
                { fields::date(DateField { label: TL::PredictCalibrationMonth.get(lang), testid: "predict-calibration-month",
                    kind: "month", value: form.calibration_month_text(period), min: None, max: None,
                    problem: problem("predict.calibration_month"),
                    on_change: fields::edit(&app, move |s, text: String| {
                        s.predict.calibration_month = Some(text);
                        s.predict.period = period;
                    }) }) }
                { fields::number(Number { label: TL::PredictHoldoutMonths.get(lang), testid: "predict-holdout-months",
                    value: form.holdout_months, problem: problem("predict.holdout_months"), suffix: None,
                    on_commit: fields::edit(&app, |s, v| s.predict.holdout_months = v) }) }
            </>
        },
        TargetChoice::Column => {
            let options = available.iter().map(|k| (k.to_string(), i18n::feature_option(k, lang))).collect();
            let selected = target_key.as_ref().map(ToString::to_string).unwrap_or_default();
            fields::choice(
                TL::PredictTargetColumn.get(lang),
                "predict-target-column",
                options,
                &selected,
                fields::edit(&app, |s, key: String| {
                    s.predict.target_column = Some(key);
                    s.predict.features = None;
                }),
                Width::Column,
            )
        }
        TargetChoice::TextColumn => {
            let options = text_columns.iter().map(|c| (c.clone(), c.clone())).collect();
            let selected = form.class_column_name(&text_columns).unwrap_or_default();
            html! {
                <div class="field">
                    { fields::choice(TL::PredictClassColumn.get(lang), "predict-class-column", options, &selected,
                        fields::edit(&app, |s, name: String| s.predict.class_column = Some(name)), Width::Column) }
                    if let Some(p) = problem("predict.target") { <span class="field-error" role="alert">{ p }</span> }
                </div>
            }
        }
        TargetChoice::TiersA | TargetChoice::TiersB => html! {
            <div class="field">
                <p class="help">{ TL::PredictTiersHelp.get(lang) }</p>
                if let Some(p) = problem("predict.target") { <span class="field-error" role="alert">{ p }</span> }
            </div>
        },
    };

    let on_train = {
        let (app, built) = (app.clone(), built.clone());
        Callback::from(move |()| {
            if let Ok(request) = &built {
                app.bridge.lab(LabJob::Train { request: Rc::new(request.clone()), publish_as: None });
            }
        })
    };
    let blocked = built.is_err().then(|| AttrValue::from(TL::LabFixFields.get(lang)));
    html! {
        <div class="lab-panel" data-testid="lab-predict">
            <section class="card">
                <CardHead title={TL::PredictTitle.get(lang)} subtitle={TL::PredictIntro.get(lang)} />
                <div class="form-grid">
                    { fields::choice(TL::PredictTarget.get(lang), "predict-target", targets, form.target.as_ref(), on_target, Width::Wide) }
                    { target_details }
                </div>
                if form.target.is_holdout() {
                    <p class="help">{ TL::PredictHoldoutHelp.get(lang) }</p>
                }
                <h3 class="subsection-title">{ TL::LabFeatures.get(lang) }</h3>
                <FeaturePicker available={available.clone()} chosen={chosen} excluded={target_key}
                    on_change={fields::edit(&app, |s, keys: Vec<FeatureKey>| {
                        s.predict.features = Some(keys.iter().map(ToString::to_string).collect());
                    })}
                    on_recommended={fields::edit(&app, |s, ()| s.predict.features = None)}
                    testid="predict-features" problem={problem("predict.features")} {lang} />
                if columns_in_holdout {
                    <p class="hint hint--warn" data-testid="predict-column-leak">{ TL::PredictColumnLeak.get(lang) }</p>
                }
                <h3 class="subsection-title">{ TL::LabModel.get(lang) }</h3>
                { model_fields(&app, &form, &problems) }
                <h3 class="subsection-title">{ TL::LabEvaluation.get(lang) }</h3>
                { evaluation_fields(&app, &form, &problems) }
                <RunBar label={TL::PredictTrain.get(lang)} testid="predict-train" {job} {blocked} on_run={on_train} />
                { error_box(state.lab.error(LabSection::Predict), lang, "predict-error") }
            </section>
            if let Some(result) = &state.lab.prediction {
                { publish_card(&app, result) }
                { match &result.report {
                    Prediction::Value(report) => html! { <RegressionResults report={report.clone()} {lang} /> },
                    Prediction::Tiers(report) => html! { <ClassificationResults report={report.clone()} {lang} /> },
                } }
            }
        </div>
    }
}

fn model_fields(app: &AppContext, form: &PredictForm, problems: &Problems) -> Html {
    let lang = app.lang();
    let problem = |key: &str| fields::problem(problems, key, lang);
    // A hyper-parameter field: its problem is looked up under `key`; `set` writes the value.
    let param = |label: TL, testid: &'static str, value: f64, key: &str, set: fn(&mut LabSettings, f64)| {
        let label = label.get(lang);
        fields::number(Number { label, testid, value, problem: problem(key), suffix: None, on_commit: fields::edit(app, set) })
    };
    let tree_fields = |prefix: &'static str| {
        html! {
            <>
                { param(TL::ParamMaxDepth, "tree-max-depth", form.tree.max_depth, &format!("{prefix}.max_depth"), |s, v| s.predict.tree.max_depth = v) }
                { param(TL::ParamMinLeaf, "tree-min-leaf", form.tree.min_samples_leaf, &format!("{prefix}.min_samples_leaf"), |s, v| s.predict.tree.min_samples_leaf = v) }
                { param(TL::ParamMinSplit, "tree-min-split", form.tree.min_samples_split, &format!("{prefix}.min_samples_split"), |s, v| s.predict.tree.min_samples_split = v) }
            </>
        }
    };
    if form.target.is_classes() {
        let options = vec![
            ("logistic".to_string(), TL::ModelLogistic.get(lang).to_string()),
            ("tree".to_string(), TL::ModelTree.get(lang).to_string()),
        ];
        let selected = if form.tier_model == TierModelKind::Tree { "tree" } else { "logistic" };
        let on_model = fields::edit(app, |s, key: String| {
            s.predict.tier_model = if key == "tree" { TierModelKind::Tree } else { TierModelKind::Logistic };
        });
        return html! {
            <>
                <div class="form-grid">
                    { fields::choice(TL::LabModel.get(lang), "predict-model", options, selected, on_model, Width::Column) }
                    if form.tier_model == TierModelKind::Logistic {
                        { fields::number(Number { label: TL::ParamAlpha.get(lang), testid: "logistic-alpha", value: form.logistic_alpha,
                            problem: problem("logistic.alpha"), suffix: None,
                            on_commit: fields::edit(app, |s, v| s.predict.logistic_alpha = v) }) }
                    } else {
                        { tree_fields("tree") }
                    }
                </div>
                <p class="help">{ if form.tier_model == TierModelKind::Logistic { TL::ModelLogisticHelp.get(lang) } else { TL::ModelTreeHelp.get(lang) } }</p>
            </>
        };
    }
    let options = vec![
        ("linear".to_string(), TL::ModelLinear.get(lang).to_string()),
        ("tree".to_string(), TL::ModelTree.get(lang).to_string()),
        ("forest".to_string(), TL::ModelForest.get(lang).to_string()),
    ];
    let selected = match form.value_model {
        ValueModelKind::Linear => "linear",
        ValueModelKind::Tree => "tree",
        ValueModelKind::Forest => "forest",
    };
    let on_model = fields::edit(app, |s, key: String| {
        s.predict.value_model = match key.as_str() {
            "tree" => ValueModelKind::Tree,
            "forest" => ValueModelKind::Forest,
            _ => ValueModelKind::Linear,
        };
    });
    let f = &form.forest;
    let help = match form.value_model {
        ValueModelKind::Linear => TL::ModelLinearHelp,
        ValueModelKind::Tree => TL::ModelTreeHelp,
        ValueModelKind::Forest => TL::ModelForestHelp,
    };
    html! {
        <>
            <div class="form-grid">
                { fields::choice(TL::LabModel.get(lang), "predict-model", options, selected, on_model, Width::Column) }
                if form.value_model == ValueModelKind::Tree { { tree_fields("tree") } }
                if form.value_model == ValueModelKind::Forest {
                    { param(TL::ParamTrees, "forest-trees", f.n_trees, "forest.n_trees", |s, v| s.predict.forest.n_trees = v) }
                    { param(TL::ParamMaxDepth, "forest-max-depth", f.max_depth, "forest.max_depth", |s, v| s.predict.forest.max_depth = v) }
                    { param(TL::ParamMinLeaf, "forest-min-leaf", f.min_samples_leaf, "forest.min_samples_leaf", |s, v| s.predict.forest.min_samples_leaf = v) }
                    { param(TL::ParamMinSplit, "forest-min-split", f.min_samples_split, "forest.min_samples_split", |s, v| s.predict.forest.min_samples_split = v) }
                    <div class="field">
                        { fields::checkbox(TL::ParamFeaturesAuto.get(lang), "forest-features-auto", f.features_per_split.is_none(),
                            fields::edit(app, |s, auto: bool| s.predict.forest.features_per_split = if auto { None } else { Some(2.0) })) }
                        if let Some(m) = f.features_per_split {
                            { fields::number(Number { label: TL::ParamFeaturesPerSplit.get(lang), testid: "forest-features-per-split",
                                value: m, problem: problem("forest.features_per_split"), suffix: None,
                                on_commit: fields::edit(app, |s, v| s.predict.forest.features_per_split = Some(v)) }) }
                        }
                    </div>
                }
            </div>
            <p class="help">{ help.get(lang) }</p>
        </>
    }
}

fn evaluation_fields(app: &AppContext, form: &PredictForm, problems: &Problems) -> Html {
    let lang = app.lang();
    let problem = |key: &str| fields::problem(problems, key, lang);
    html! {
        <>
            <div class="form-grid">
                { fields::number(Number { label: TL::ParamTestShare.get(lang), testid: "eval-test-share", value: form.test_share_percent,
                    problem: problem("eval.test_share"), suffix: Some("%"),
                    on_commit: fields::edit(app, |s, v| s.predict.test_share_percent = v) }) }
                { fields::number(Number { label: TL::ParamSeed.get(lang), testid: "eval-seed", value: form.seed,
                    problem: problem("eval.seed"), suffix: None, on_commit: fields::edit(app, |s, v| s.predict.seed = v) }) }
                { fields::number(Number { label: TL::ParamImportanceRepeats.get(lang), testid: "eval-importance", value: form.importance_repeats,
                    problem: problem("eval.importance_repeats"), suffix: None,
                    on_commit: fields::edit(app, |s, v| s.predict.importance_repeats = v) }) }
                <div class="field">
                    { fields::checkbox(TL::ParamCrossValidate.get(lang), "eval-cv", form.cross_validate,
                        fields::edit(app, |s, on: bool| s.predict.cross_validate = on)) }
                    if form.cross_validate {
                        { fields::number(Number { label: TL::ParamFolds.get(lang), testid: "eval-folds", value: form.folds,
                            problem: problem("eval.folds"), suffix: None, on_commit: fields::edit(app, |s, v| s.predict.folds = v) }) }
                    }
                </div>
                <div class="field">
                    { fields::checkbox(TL::ParamStandardise.get(lang), "eval-standardise", form.standardise,
                        fields::edit(app, |s, on: bool| s.predict.standardise = on)) }
                </div>
            </div>
            <p class="help">{ TL::LabEvaluationHelp.get(lang) }</p>
        </>
    }
}

/// The column name, "use as a column", and what to do with the column next.
fn publish_card(app: &AppContext, result: &PredictionResult) -> Html {
    let lang = app.lang();
    let state = &app.state;
    let is_value = result.request.is_value();
    let settings = &state.lab.settings.predict;
    let name = if is_value { settings.value_column.clone() } else { settings.tier_column.clone() };
    let columns = state.data.summary.as_ref().map(|d| d.inspection.columns.as_slice()).unwrap_or_default();
    let name_problem = publish_name_problem(&name, columns.iter().map(|c| c.name.as_str()));
    let trimmed = name.trim().to_string();
    let on_name = fields::edit(app, move |s, text: String| {
        if is_value {
            s.predict.value_column = text;
        } else {
            s.predict.tier_column = text;
        }
    });
    let busy = state.jobs.lab_running(LabSection::Predict).is_some();
    let publish = {
        let (app, request, name) = (app.clone(), result.request.clone(), trimmed.clone());
        Callback::from(move |_: MouseEvent| {
            app.bridge.lab(LabJob::Train { request: request.clone(), publish_as: Some(name.clone()) });
        })
    };
    let published = result.published_as.clone().filter(|n| state.lab.is_published(n));
    html! {
        <section class="card lab-actions" data-testid="predict-actions">
            <p>{ if is_value { TL::PredictPublishValueIntro.get(lang) } else { TL::PredictPublishTierIntro.get(lang) } }</p>
            <div class="lab-actions__row">
                { fields::text(TL::LabColumnName.get(lang), "predict-column-name", &name,
                    name_problem.as_ref().map(|p| AttrValue::from(i18n::field_problem(p, lang))), on_name) }
                <button type="button" class="button" data-testid="predict-publish" disabled={busy || name_problem.is_some()}
                    onclick={publish}>{ TL::LabPublish.get(lang) }</button>
            </div>
            if let Some(column) = published {
                <p data-testid="predict-published" data-column={column.clone()}>
                    { i18n::published_columns_sentence(&[column.as_str()], lang) }</p>
                <div class="lab-actions__buttons">
                    if is_value {
                        <button type="button" class="button button--primary" data-testid="predict-tier-by"
                            onclick={tier_by(app, FeatureKey::Column(column))}>{ TL::PredictTierBy.get(lang) }</button>
                    } else {
                        <button type="button" class="button" data-testid="predict-open-segments"
                            onclick={open_segment_rules(app)}>{ TL::LabOpenSegmentRules.get(lang) }</button>
                    }
                </div>
            }
        </section>
    }
}
