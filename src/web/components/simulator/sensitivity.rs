//! Could the assumptions change the decision? Each assumption at its low and high value (for both
//! schemes), the challenger − reference margin each time as a tornado chart, and the plain answer.

use std::rc::Rc;

use yew::prelude::*;

use super::run_panel::{blocked_reason, current_inputs};
use crate::engine::simulate::sensitivity::{sensitivity_replications, SensitivityResult};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::{ScenarioId, SimPanel};
use crate::web::charts::tornado::{TornadoChart, TornadoRow};
use crate::web::hooks::use_app;

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub result: Rc<SensitivityResult>,
    pub lang: Lang,
}

/// The tornado and what it means.
#[function_component(SensitivityView)]
pub fn sensitivity_view(props: &ViewProps) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let rows: Vec<TornadoRow> = r
        .rows
        .iter()
        .map(|row| TornadoRow {
            key: row.assumption.clone(),
            label: i18n::assumption_name(&row.assumption, lang).to_string(),
            low_value: i18n::assumption_value(&row.assumption, row.low, lang),
            high_value: i18n::assumption_value(&row.assumption, row.high, lang),
            at_low: row.difference_at_low,
            at_high: row.difference_at_high,
            flips: row.flips,
        })
        .collect();
    let letters = [r.challenger, r.reference].map(|i| ScenarioId::letter_at(i));
    let flipping: Vec<&str> =
        r.rows.iter().filter(|row| row.flips).map(|row| i18n::assumption_name(&row.assumption, lang)).collect();
    html! {
        <div class="sim-sensitivity__result" data-testid="sensitivity-result" data-flips={r.decision_flips.to_string()}
            data-base={format::raw(r.base_difference)}>
            <p class={classes!("sim-sensitivity__statement", if r.decision_flips { "tone-bad" } else { "tone-good" })}
                data-testid="sensitivity-statement">
                { i18n::sensitivity_statement(&flipping, lang) }
            </p>
            <p class="muted">{ i18n::sensitivity_base(r.base_difference, letters, lang) }</p>
            <TornadoChart {rows} base={r.base_difference} {letters} {lang} />
            <p class="help">{ i18n::sensitivity_note(r.replications, lang) }</p>
        </div>
    }
}

#[function_component(SensitivityPanel)]
pub fn sensitivity_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let settings = &state.sim.settings;
    let running = state.jobs.sim_running(SimPanel::Sensitivity).is_some();
    let blocked = blocked_reason(state);
    let inputs = current_inputs(state, settings).map(|mut inputs| {
        inputs.settings.replications = sensitivity_replications(inputs.settings.replications);
        inputs.settings.until_sure = None;
        inputs
    });
    let run = {
        let bridge = app.bridge.clone();
        let inputs = inputs.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(inputs) = inputs.clone() {
                bridge.sensitivity(inputs);
            }
        })
    };
    let reps = inputs.as_ref().map(|i| i.settings.replications);
    let shown = state.sim.sensitivity.as_ref();
    let stale = shown.is_some_and(|s| inputs.as_ref() != Some(&*s.inputs));
    let error = state.sim.error(SimPanel::Sensitivity).map(|e| i18n::user_error(e, lang));
    html! {
        <section class="card sim-sensitivity" data-testid="sim-sensitivity">
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ T::SimSensitivityTitle.get(lang) }</h2>
                    <p class="card__subtitle">{ T::SimSensitivityDesc.get(lang) }</p>
                </div>
                <div class="card__actions">
                    if let Some(reps) = reps {
                        <span class="hint">{ i18n::sensitivity_cost(reps, lang) }</span>
                    }
                    <button type="button" class="button" data-testid="sensitivity-run" disabled={blocked.is_some() || running}
                        onclick={run}>{ T::SimRunSensitivity.get(lang) }</button>
                </div>
            </div>
            if let Some(reason) = blocked { <p class="hint hint--warn">{ reason.get(lang) }</p> }
            if running { <p class="busy"><span class="spinner" aria-hidden="true"></span>{ T::SimRunning.get(lang) }</p> }
            if stale { <p class="hint hint--warn">{ T::SimStale.get(lang) }</p> }
            if let Some(error) = error {
                <div class="banner banner--error banner--inline" role="alert"><p class="banner__body">{ error }</p></div>
            }
            if let Some(run) = shown {
                <SensitivityView result={run.result.clone()} {lang} />
            }
        </section>
    }
}
