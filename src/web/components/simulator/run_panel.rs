//! Running the simulation: how many months and simulated futures, the seed, whether to run until
//! sure, Run (with progress and Cancel), and what the result rests on: the futures it took, the
//! baseline model and any scheme whose scores cannot move with simulated purchases.

use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::web::components::card::CardHead;

use crate::engine::limits::RangeError;
use crate::engine::simulate::scheme_letter;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T, TS};
use crate::ui::state::{Action, AppState, SimAction, SimInputs, SimPanel, SimSettings};
use crate::web::components::number_input::NumberInput;
use crate::web::hooks::{runnable, use_app, AppContext};

/// "Must be a whole number between 1 and 36."
pub fn range_text(problem: Option<RangeError>, lang: Lang) -> Option<AttrValue> {
    problem.map(|p| {
        let (min, max) = (format::plain(p.min), format::plain(p.max));
        AttrValue::from(match lang {
            Lang::En => format!("Must be a whole number from {min} to {max}."),
            Lang::Zh => format!("必须是 {min} 到 {max} 之间的整数。"),
        })
    })
}

/// The target precision of "run until sure", in percent.
fn number_percent(app: &AppContext, lang: Lang, value: f64, problem: Option<AttrValue>) -> Html {
    let on_commit =
        app.callback(move |v: f64| Action::Sim(SimAction::Settings(Box::new(move |s| s.until_sure_percent = v))));
    html! {
        <label class="field">
            <span class="field__label">{ TS::UntilSureTarget.get(lang) }</span>
            <NumberInput {value} {on_commit} testid="sim-until-sure-target" label={TS::UntilSureTarget.get(lang)} {problem} />
        </label>
    }
}

/// Why the simulation cannot run now, if it cannot.
pub fn blocked_reason(state: &AppState) -> Option<T> {
    if !state.data.is_loaded() {
        Some(T::NeedData)
    } else if !state.scenarios.scenarios().iter().all(|s| runnable(s)) {
        Some(T::SimFixScenarios)
    } else if state.sim.settings.simulation().is_none() {
        Some(T::SimFixSettings)
    } else {
        None
    }
}

/// The inputs a run would use now.
pub fn current_inputs(state: &AppState, settings: &SimSettings) -> Option<SimInputs> {
    Some(SimInputs {
        schemes: state.scenarios.scenarios(),
        reference: state.scenarios.reference().index(),
        settings: settings.simulation()?,
        data_version: state.data.version,
    })
}

#[function_component(RunPanel)]
pub fn run_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let settings = &state.sim.settings;
    let running = state.jobs.sim_running(SimPanel::Run);
    let blocked = blocked_reason(state);

    let number =
        |label: T, testid: &'static str, value: f64, problem: Option<AttrValue>, set: fn(&mut SimSettings, f64)| {
            let on_commit = app.callback(move |v: f64| Action::Sim(SimAction::Settings(Box::new(move |s| set(s, v)))));
            html! {
                <label class="field">
                    <span class="field__label">{ label.get(lang) }</span>
                    <NumberInput {value} {on_commit} testid={testid} label={label.get(lang)} {problem} />
                </label>
            }
        };
    let run = {
        let bridge = app.bridge.clone();
        let inputs = current_inputs(state, settings);
        Callback::from(move |_: MouseEvent| {
            if let Some(inputs) = inputs.clone() {
                bridge.simulate(inputs);
            }
        })
    };
    let cancel = {
        let bridge = app.bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.cancel())
    };
    let run_result = state.sim.run.as_ref();
    let stale = run_result.is_some_and(|r| current_inputs(state, settings).as_ref() != Some(&*r.inputs));
    let error = state.sim.error(SimPanel::Run).map(|e| i18n::user_error(e, lang));
    let toggle_until_sure =
        app.callback(|_: Event| Action::Sim(SimAction::Settings(Box::new(|s| s.until_sure = !s.until_sure))));
    let until_sure_problem = settings.until_sure_problem().map(|(min, max)| {
        AttrValue::from(match lang {
            Lang::En => format!("Must be from {} to {} %.", format::plain(min), format::plain(max)),
            Lang::Zh => format!("必须在 {} 到 {} % 之间。", format::plain(min), format::plain(max)),
        })
    });
    let precision = run_result.map(|run| {
        let r = &run.result;
        let p = &r.precision;
        let target = r.settings.until_sure.as_ref().map(|u| u.relative_error * 100.0);
        let letter = |i: usize| scheme_letter(i).chars().next().unwrap_or('?');
        let reference = (p.scheme != r.reference).then(|| letter(r.reference));
        html! {
            <p class="sim-precision" data-testid="sim-precision" data-replications={p.replications.to_string()}
                data-target-met={p.target_met.map(|m| m.to_string()).unwrap_or_default()}>
                { i18n::futures_needed(p.replications, p.target_met, target, lang) }
                { " " }
                <span class="muted">{ i18n::key_difference_error(letter(p.scheme), reference, p.standard_error, lang) }</span>
            </p>
        }
    });
    html! {
        <section class="card sim-run" data-testid="sim-run">
            <CardHead title={T::SimRunTitle.get(lang)} subtitle={T::SimRunDesc.get(lang)} />
            <div class="form-grid sim-run__form">
                { number(T::SimMonths, "sim-months", settings.months, range_text(settings.months_problem(), lang), |s, v| s.months = v) }
                { number(T::SimReplications, "sim-replications", settings.replications,
                    range_text(settings.replications_problem(), lang), |s, v| s.replications = v) }
                { number(T::SimSeed, "sim-seed", settings.seed, range_text(settings.seed_problem(), lang), |s, v| s.seed = v) }
            </div>
            <p class="help">{ T::SimSeedHelp.get(lang) }</p>
            <div class="sim-until-sure">
                <label class="sim-until-sure__toggle">
                    <input type="checkbox" checked={settings.until_sure} onchange={toggle_until_sure} data-testid="sim-until-sure" />
                    { TS::UntilSure.get(lang) }
                </label>
                if settings.until_sure {
                    { number_percent(&app, lang, settings.until_sure_percent, until_sure_problem) }
                }
            </div>
            if settings.until_sure { <p class="help">{ TS::UntilSureHelp.get(lang) }</p> }
            <div class="sim-run__actions">
                <button type="button" class="button button--primary" data-testid="sim-run-button"
                    disabled={blocked.is_some() || running.is_some()} onclick={run}>
                    { T::SimRunButton.get(lang) }
                </button>
                if let Some(job) = running {
                    <span class="busy" data-testid="sim-running">
                        <span class="spinner" aria-hidden="true"></span>
                        { match job.fraction() {
                            Some(f) => format!("{} {} %", T::SimRunning.get(lang), (f * 100.0).round()),
                            None => T::SimRunning.get(lang).to_string(),
                        } }
                    </span>
                    <ActionButton class="button button--small" testid="sim-cancel" onclick={cancel} label={T::Cancel.get(lang)} />
                } else if let Some(reason) = blocked {
                    <span class="hint hint--warn" data-testid="sim-blocked">{ reason.get(lang) }</span>
                } else if stale {
                    <span class="hint hint--warn" data-testid="sim-stale">{ T::SimStale.get(lang) }</span>
                }
            </div>
            if let Some(error) = error {
                <div class="banner banner--error banner--inline" role="alert" data-testid="sim-run-error">
                    <p class="banner__body">{ error }</p>
                </div>
            }
            if let Some(run) = run_result {
                <div class="sim-run__facts" data-testid="sim-run-facts" data-job={run.job.to_string()}>
                    <p>{ i18n::run_facts(run.result.customers, run.result.month_labels.first().map(String::as_str).unwrap_or("–"),
                        run.result.month_labels.len(), run.result.settings.replications, run.result.settings.seed, lang) }</p>
                    <p data-testid="sim-baseline" data-baseline={format!("{:?}", run.result.baseline)}>
                        { i18n::baseline_text(run.result.baseline, run.baseline_note.as_ref(), lang) }
                    </p>
                    { for precision }
                    { for run.result.schemes.iter().enumerate().filter(|(_, s)| s.frozen_scores).map(|(i, _)| {
                        let letter = scheme_letter(i);
                        html! {
                            <p class="hint hint--warn" data-testid={format!("sim-frozen-{}", letter.to_lowercase())}>
                                { i18n::frozen_scores_note(&letter, lang) }
                            </p>
                        }
                    }) }
                </div>
            }
        </section>
    }
}
