//! Customer value: the settings of a BG/NBD + Gamma-Gamma fit (calibration end, holdout end, time
//! unit, horizon, discount rate, margin), the fit itself, and what to do with it: publish P(active),
//! expected purchases and CLV as columns, then tier customers by CLV in one click.

use crate::ui::i18n::TL;
use yew::prelude::*;

use crate::web::components::card::CardHead;

use super::clv_results::ClvResults;
use super::fields::{self, error_box, DateField, Number, RunBar, Width};
use crate::engine::date::format_date;
use crate::engine::features::catalog::FeatureKey;
use crate::engine::models::clv::TimeUnit;
use crate::engine::roles::DatasetShape;
use crate::ui::i18n;
use crate::ui::lab::{LabSection, Problems};
use crate::ui::state::LabJob;
use crate::web::hooks::{use_app, AppContext};

use super::actions::tier_by;

#[function_component(ClvPanel)]
pub fn clv_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let form = &state.lab.settings.clv;
    let period = state.data.summary.as_ref().and_then(|d| d.period);
    let event_log = state.data.summary.as_ref().is_some_and(|d| d.shape == DatasetShape::EventLog) && period.is_some();
    let built = form.settings(period);
    let problems: Problems = built.clone().err().unwrap_or_default();
    let problem = |key: &str| fields::problem(&problems, key, lang);
    let job = state.jobs.lab_running(LabSection::Clv).cloned();
    let (first_day, last_day) = match period {
        Some((first, last)) => (Some(format_date(first)), Some(format_date(last))),
        None => (None, None),
    };

    let on_calibration = fields::edit(&app, move |s, text: String| s.clv.set_date(period, Some(text), None));
    let on_holdout = fields::edit(&app, move |s, text: String| s.clv.set_date(period, None, Some(text)));
    let on_holdout_on = fields::edit(&app, |s, on: bool| s.clv.holdout = on);
    let on_unit = fields::edit(&app, |s, key: String| {
        s.clv.time_unit = if key == "weeks" { TimeUnit::Weeks } else { TimeUnit::Days }
    });
    let on_fit = {
        let (app, built) = (app.clone(), built.clone());
        Callback::from(move |()| {
            if let Ok(settings) = &built {
                app.bridge.lab(LabJob::FitClv { settings: Box::new(settings.clone()), publish: false });
            }
        })
    };
    let blocked = if !event_log {
        Some(AttrValue::from(TL::ClvNeedsEventLog.get(lang)))
    } else if built.is_err() {
        Some(AttrValue::from(TL::LabFixFields.get(lang)))
    } else {
        None
    };
    html! {
        <div class="lab-panel" data-testid="lab-clv">
            <section class="card">
                <CardHead title={TL::ClvTitle.get(lang)} subtitle={TL::ClvIntro.get(lang)} />
                <div class="form-grid">
                    { fields::date(DateField { label: TL::ClvCalibrationEnd.get(lang), testid: "clv-calibration-end", kind: "date",
                        value: form.calibration_end_text(period), min: first_day.clone(), max: last_day.clone(),
                        problem: problem("clv.calibration_end"), on_change: on_calibration }) }
                    <div class="field">
                        { fields::checkbox(TL::ClvHoldoutOn.get(lang), "clv-holdout-on", form.holdout, on_holdout_on) }
                        if form.holdout {
                            { fields::date(DateField { label: TL::ClvHoldoutEnd.get(lang), testid: "clv-holdout-end", kind: "date",
                                value: form.holdout_end_text(period), min: first_day, max: last_day,
                                problem: problem("clv.holdout_end"), on_change: on_holdout }) }
                        }
                    </div>
                    { fields::choice(TL::ClvTimeUnit.get(lang), "clv-time-unit",
                        vec![("days".into(), i18n::time_unit_label(TimeUnit::Days, lang).into()),
                             ("weeks".into(), i18n::time_unit_label(TimeUnit::Weeks, lang).into())],
                        if form.time_unit == TimeUnit::Weeks { "weeks" } else { "days" }, on_unit, Width::Column) }
                    { fields::number(Number { label: TL::ClvHorizon.get(lang), testid: "clv-horizon", value: form.horizon_months,
                        problem: problem("clv.horizon_months"), suffix: None,
                        on_commit: fields::edit(&app, |s, v| s.clv.horizon_months = v) }) }
                    { fields::number(Number { label: TL::ClvDiscount.get(lang), testid: "clv-discount", value: form.discount_percent,
                        problem: problem("clv.monthly_discount_rate"), suffix: Some("%"),
                        on_commit: fields::edit(&app, |s, v| s.clv.discount_percent = v) }) }
                    { fields::number(Number { label: TL::ClvMargin.get(lang), testid: "clv-margin", value: form.margin_percent,
                        problem: problem("clv.margin_percent"), suffix: Some("%"),
                        on_commit: fields::edit(&app, |s, v| s.clv.margin_percent = v) }) }
                    { fields::number(Number { label: TL::ClvPenalizer.get(lang), testid: "clv-penalizer", value: form.penalizer,
                        problem: problem("clv.penalizer"), suffix: None,
                        on_commit: fields::edit(&app, |s, v| s.clv.penalizer = v) }) }
                    { fields::number(Number { label: TL::ClvParameterDraws.get(lang), testid: "clv-draws", value: form.draws,
                        problem: problem("clv.uncertainty_draws"), suffix: None,
                        on_commit: fields::edit(&app, |s, v| s.clv.draws = v) }) }
                </div>
                <p class="help">{ TL::ClvSettingsHelp.get(lang) }</p>
                <RunBar label={TL::ClvFit.get(lang)} testid="clv-fit" {job} {blocked} on_run={on_fit} />
                { error_box(state.lab.error(LabSection::Clv), lang, "clv-error") }
            </section>
            if let Some(result) = &state.lab.clv {
                { publish_card(&app, result.published_as_of) }
                <ClvResults overview={result.overview.clone()} {lang} />
            }
        </div>
    }
}

/// "Use as columns" (values as of the end of the data, or as of the checked fit's calibration end),
/// then "Tier by CLV".
fn publish_card(app: &AppContext, published_as_of: Option<i64>) -> Html {
    let lang = app.lang();
    let state = &app.state;
    let form = &state.lab.settings.clv;
    let period = state.data.summary.as_ref().and_then(|d| d.period);
    let busy = state.jobs.lab_running(LabSection::Clv).is_some();
    let publish = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let state = &app.state;
            if let Some(result) = &state.lab.clv {
                let settings = state.lab.settings.clv.publish_settings(&result.settings, period);
                app.bridge.lab(LabJob::FitClv { settings: Box::new(settings), publish: true });
            }
        })
    };
    let as_of_end = form.publish_as_of_end;
    let choose = |to_end: bool, testid: &'static str, label: String| {
        let onchange = fields::edit(app, move |s, ()| s.clv.publish_as_of_end = to_end);
        html! {
            <label>
                <input type="radio" name="clv-as-of" checked={as_of_end == to_end} data-testid={testid}
                    onchange={Callback::from(move |_: Event| onchange.emit(()))} />
                <span>{ label }</span>
            </label>
        }
    };
    let last_day = period.map(|(_, last)| format_date(last)).unwrap_or_default();
    let calibration_day = state.lab.clv.as_ref().map(|r| format_date(r.settings.calibration_end)).unwrap_or_default();
    let tier = tier_by(app, FeatureKey::Column("clv".to_string()));
    html! {
        <section class="card lab-actions" data-testid="clv-actions">
            <p>{ TL::ClvPublishIntro.get(lang) }</p>
            <div class="lab-choice">
                { choose(true, "clv-as-of-end", i18n::clv_as_of_end_choice(&last_day, lang)) }
                { choose(false, "clv-as-of-calibration", i18n::clv_as_of_calibration_choice(&calibration_day, lang)) }
            </div>
            <div class="lab-actions__buttons">
                <button type="button" class="button" data-testid="clv-publish" disabled={busy} onclick={publish}>
                    { TL::ClvPublish.get(lang) }</button>
                if published_as_of.is_some() {
                    <button type="button" class="button button--primary" data-testid="clv-tier-by" onclick={tier}>
                        { TL::ClvTierBy.get(lang) }</button>
                }
            </div>
            if let Some(as_of) = published_as_of {
                <p data-testid="clv-published" data-as-of={format_date(as_of)}>
                    { i18n::clv_published_sentence(&format_date(as_of), lang) }</p>
            }
        </section>
    }
}
