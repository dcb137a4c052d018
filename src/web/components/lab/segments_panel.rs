//! Segments by k-means: which features, how many segments (fixed, or the best silhouette between
//! two bounds), the seed; the run; then the profiles with editable names and "use as a column", after
//! which the segment column is a segment source of the scenario editor.

use crate::ui::i18n::TL;
use yew::prelude::*;

use crate::web::components::card::CardHead;

use super::actions::open_segment_rules;
use super::feature_picker::FeaturePicker;
use super::fields::{self, error_box, Number, RunBar, Width};
use super::segment_results::SegmentResults;
use crate::engine::features::catalog::FeatureKey;
use crate::ui::feature_info;
use crate::ui::i18n;
use crate::ui::lab::{publish_name_problem, segment_name_problems, LabSection, Problems};
use crate::ui::state::{Action, LabAction, LabJob, SegmentResult};
use crate::web::hooks::{use_app, AppContext};

#[function_component(SegmentsPanel)]
pub fn segments_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let form = &state.lab.settings.segments;
    let available: Vec<FeatureKey> = match &state.data.features {
        Some(stats) if !stats.is_empty() => stats.iter().map(|s| s.key.clone()).collect(),
        _ => feature_info::all_builtin(),
    };
    let built = form.params(&available);
    let problems: Problems = built.clone().err().unwrap_or_default();
    let problem = |key: &str| fields::problem(&problems, key, lang);
    let job = state.jobs.lab_running(LabSection::Segments).cloned();
    let on_run = {
        let (app, built) = (app.clone(), built.clone());
        Callback::from(move |()| {
            if let Ok(params) = &built {
                app.bridge.lab(LabJob::Segment { params: Box::new(params.clone()), publish_as: None, names: vec![] });
            }
        })
    };
    let blocked = built.is_err().then(|| AttrValue::from(TL::LabFixFields.get(lang)));
    let k_mode = if form.best_k { "best" } else { "fixed" };
    html! {
        <div class="lab-panel" data-testid="lab-segments">
            <section class="card">
                <CardHead title={TL::SegTitle.get(lang)} subtitle={TL::SegIntro.get(lang)} />
                <FeaturePicker available={available.clone()} chosen={form.chosen_features(&available)}
                    on_change={fields::edit(&app, |s, keys: Vec<FeatureKey>| {
                        s.segments.features = Some(keys.iter().map(ToString::to_string).collect());
                    })}
                    on_recommended={fields::edit(&app, |s, ()| s.segments.features = None)}
                    testid="segments-features" problem={problem("segments.features")} {lang} />
                <div class="form-grid">
                    { fields::choice(TL::SegCount.get(lang), "segments-k-mode",
                        vec![("best".into(), TL::SegBestK.get(lang).into()), ("fixed".into(), TL::SegFixedK.get(lang).into())],
                        k_mode, fields::edit(&app, |s, key: String| s.segments.best_k = key == "best"), Width::Column) }
                    if form.best_k {
                        { fields::number(Number { label: TL::ParamMinK.get(lang), testid: "segments-min", value: form.min_k,
                            problem: problem("segments.min"), suffix: None, on_commit: fields::edit(&app, |s, v| s.segments.min_k = v) }) }
                        { fields::number(Number { label: TL::ParamMaxK.get(lang), testid: "segments-max", value: form.max_k,
                            problem: problem("segments.max"), suffix: None, on_commit: fields::edit(&app, |s, v| s.segments.max_k = v) }) }
                    } else {
                        { fields::number(Number { label: TL::ParamK.get(lang), testid: "segments-k-input", value: form.k,
                            problem: problem("segments.k"), suffix: None, on_commit: fields::edit(&app, |s, v| s.segments.k = v) }) }
                    }
                    { fields::number(Number { label: TL::ParamSeed.get(lang), testid: "segments-seed", value: form.seed,
                        problem: problem("segments.seed"), suffix: None, on_commit: fields::edit(&app, |s, v| s.segments.seed = v) }) }
                    { fields::number(Number { label: TL::ParamRestarts.get(lang), testid: "segments-restarts", value: form.restarts,
                        problem: problem("segments.restarts"), suffix: None,
                        on_commit: fields::edit(&app, |s, v| s.segments.restarts = v) }) }
                </div>
                <p class="help">{ TL::SegSettingsHelp.get(lang) }</p>
                <RunBar label={TL::SegRun.get(lang)} testid="segments-run" {job} {blocked} {on_run} />
                { error_box(state.lab.error(LabSection::Segments), lang, "segments-error") }
            </section>
            if let Some(result) = &state.lab.segments {
                { publish_card(&app, result) }
                <SegmentResults report={result.report.clone()} names={result.names.clone()}
                    name_problems={segment_name_problems(&result.names)}
                    on_rename={app.callback(|(index, name): (usize, String)| Action::Lab(LabAction::RenameSegment { index, name }))}
                    {lang} />
            }
        </div>
    }
}

fn publish_card(app: &AppContext, result: &SegmentResult) -> Html {
    let lang = app.lang();
    let state = &app.state;
    let name = state.lab.settings.segments.column.clone();
    let columns = state.data.summary.as_ref().map(|d| d.inspection.columns.as_slice()).unwrap_or_default();
    let name_problem = publish_name_problem(&name, columns.iter().map(|c| c.name.as_str()));
    let trimmed = name.trim().to_string();
    let names_ok = segment_name_problems(&result.names).is_empty();
    let busy = state.jobs.lab_running(LabSection::Segments).is_some();
    let publish = {
        let app = app.clone();
        let (params, names, column) = (result.params.clone(), result.names.clone(), trimmed.clone());
        Callback::from(move |_: MouseEvent| {
            let names = names.iter().map(|n| n.trim().to_string()).collect();
            app.bridge.lab(LabJob::Segment {
                params: Box::new(params.clone()),
                publish_as: Some(column.clone()),
                names,
            });
        })
    };
    let published = result.published_as.clone().filter(|n| state.lab.is_published(n));
    html! {
        <section class="card lab-actions" data-testid="segments-actions">
            <p>{ TL::SegPublishIntro.get(lang) }</p>
            <div class="lab-actions__row">
                { fields::text(TL::LabColumnName.get(lang), "segments-column-name", &name,
                    name_problem.as_ref().map(|p| AttrValue::from(i18n::field_problem(p, lang))),
                    fields::edit(app, |s, text: String| s.segments.column = text)) }
                <button type="button" class="button" data-testid="segments-publish"
                    disabled={busy || name_problem.is_some() || !names_ok} onclick={publish}>{ TL::LabPublish.get(lang) }</button>
            </div>
            if let Some(column) = published {
                <p data-testid="segments-published" data-column={column.clone()}>
                    { i18n::published_columns_sentence(&[column.as_str()], lang) }</p>
                <div class="lab-actions__buttons">
                    <button type="button" class="button button--primary" data-testid="segments-open-rules"
                        onclick={open_segment_rules(app)}>{ TL::LabOpenSegmentRules.get(lang) }</button>
                </div>
            }
        </section>
    }
}
