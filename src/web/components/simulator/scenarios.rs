//! The scenarios being simulated: A and B by name (renamed in place), cloned one onto the other,
//! what B changes compared with A, a library of saved scenarios to keep more than two, and the
//! full editors (the same ones as on the Compare tab: A and B are the same scenarios everywhere).

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::i18n::{self, T};
use crate::ui::scenario_diff::differences;
use crate::ui::state::{Action, ScenarioAction, ScenarioId, SimAction};
use crate::web::components::editor::ScenarioEditor;
use crate::web::hooks::use_app;

#[function_component(ScenarioBuilder)]
pub fn scenario_builder() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let [a, b] = state.scenarios.pair();
    let changes = use_memo((a.clone(), b.clone()), |(a, b)| differences(a, b));
    let show_editors = state.sim.settings.show_editors;

    let name_input = |which: ScenarioId| {
        let scenario = &state.scenarios.get(which);
        let side = which.key();
        let oninput = app.callback(move |event: InputEvent| {
            let name = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            Action::Scenarios(ScenarioAction::Edit { id: which, change: Box::new(move |s| s.name = name) })
        });
        let save = app.callback(move |_: MouseEvent| Action::Scenarios(ScenarioAction::SaveToLibrary(which)));
        let problem = scenario.validate().into_iter().find(|p| p.field == "name").map(|p| i18n::problem_text(&p, lang));
        html! {
            <div class={classes!("sim-scenario", format!("sim-scenario--{side}"))}>
                <span class={classes!("scenario-badge", format!("scenario-badge--{side}"))}>{ which.letter().to_string() }</span>
                <label class="field sim-scenario__name">
                    <span class="field__label">{ if which == ScenarioId::A { T::ScenarioA.get(lang) } else { T::ScenarioB.get(lang) } }</span>
                    <input type="text" class={classes!("input", "input--title", problem.is_some().then_some("input--invalid"))}
                        value={scenario.name.clone()} aria-label={T::ScenarioName.get(lang)}
                        data-testid={format!("sim-name-{side}")} {oninput} />
                    if let Some(problem) = problem { <span class="field-error" role="alert">{ problem }</span> }
                </label>
                <button type="button" class="button button--small button--ghost" data-testid={format!("sim-save-{side}")}
                    onclick={save}>{ T::SimSaveToLibrary.get(lang) }</button>
            </div>
        }
    };
    let clone = |from: ScenarioId, label: T, testid: &'static str| {
        let onclick = app.callback(move |_: MouseEvent| {
            Action::Scenarios(ScenarioAction::CopyOver {
                from,
                to: if from == ScenarioId::A { ScenarioId::B } else { ScenarioId::A },
                keep_name: true,
            })
        });
        html! { <button type="button" class="button button--small" data-testid={testid} {onclick}>{ label.get(lang) }</button> }
    };
    let toggle_editors =
        app.callback(|_: MouseEvent| Action::Sim(SimAction::Settings(Box::new(|s| s.show_editors = !s.show_editors))));

    let diff_rows = changes.iter().enumerate().map(|(i, change)| {
        let (label, from, to) = i18n::describe_change(change, &a, &b, lang);
        html! {
            <tr data-testid={format!("sim-diff-row-{i}")} data-path={change.path.clone()}>
                <th scope="row">{ label }</th>
                <td class="sim-diff__a">{ from }</td>
                <td class="sim-diff__b">{ to }</td>
            </tr>
        }
    });

    let library = state.scenarios.library.clone();
    let library_rows = library.iter().enumerate().map(|(index, entry)| {
        let load = |into: ScenarioId| {
            let onclick = app.callback(move |_: MouseEvent| Action::Scenarios(ScenarioAction::LoadFromLibrary { index, into }));
            let label = if into == ScenarioId::A { T::SimLoadIntoA } else { T::SimLoadIntoB };
            html! {
                <button type="button" class="button button--small button--ghost"
                    data-testid={format!("sim-library-load-{}-{index}", into.key())} {onclick}>
                    { label.get(lang) }
                </button>
            }
        };
        let delete = app.callback(move |_: MouseEvent| Action::Scenarios(ScenarioAction::DeleteFromLibrary(index)));
        let in_use = [&a, &b].iter().any(|s| ***s == entry.scenario);
        html! {
            <li class="sim-library__entry" data-testid={format!("sim-library-entry-{index}")} data-name={entry.name.clone()}>
                <span class="sim-library__name">{ entry.name.clone() }
                    if in_use { <span class="badge badge--ok">{ T::SimInUse.get(lang) }</span> }
                </span>
                <span class="sim-library__actions">
                    { load(ScenarioId::A) }
                    { load(ScenarioId::B) }
                    <button type="button" class="icon-button" title={T::SimDelete.get(lang)} aria-label={T::SimDelete.get(lang)}
                        data-testid={format!("sim-library-delete-{index}")} onclick={delete}>{ "×" }</button>
                </span>
            </li>
        }
    });

    html! {
        <section class="card sim-builder" data-testid="sim-scenarios">
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ T::SimScenariosTitle.get(lang) }</h2>
                    <p class="card__subtitle">{ T::SimScenariosDesc.get(lang) }</p>
                </div>
                <div class="card__actions">
                    { clone(ScenarioId::A, T::SimCloneAToB, "sim-clone-a-to-b") }
                    { clone(ScenarioId::B, T::SimCloneBToA, "sim-clone-b-to-a") }
                    <button type="button" class="button button--small button--ghost" data-testid="sim-toggle-editors"
                        aria-expanded={show_editors.to_string()} onclick={toggle_editors}>
                        { if show_editors { T::SimHideEditors.get(lang) } else { T::SimShowEditors.get(lang) } }
                    </button>
                </div>
            </div>
            <div class="sim-scenarios">
                { name_input(ScenarioId::A) }
                { name_input(ScenarioId::B) }
            </div>
            <div class={classes!("sim-diff", changes.is_empty().then_some("sim-diff--same"))}>
                <p class="sim-diff__summary" data-testid="sim-diff-summary" data-changes={changes.len().to_string()}>
                    { i18n::changes_summary(&changes, &a, &b, lang) }
                </p>
                if !changes.is_empty() {
                    <details class="sim-diff__details">
                        <summary>{ format!("{} ({})", T::SimShowDifferences.get(lang), changes.len()) }</summary>
                        <div class="table-scroll">
                            <table class="table table--compact sim-diff__table" data-testid="sim-diff-table">
                                <thead>
                                    <tr>
                                        <th>{ T::SimSetting.get(lang) }</th>
                                        <th><span class="kpi-card__tag kpi-card__tag--a">{ "A" }</span>{ a.name.clone() }</th>
                                        <th><span class="kpi-card__tag kpi-card__tag--b">{ "B" }</span>{ b.name.clone() }</th>
                                    </tr>
                                </thead>
                                <tbody>{ for diff_rows }</tbody>
                            </table>
                        </div>
                    </details>
                }
            </div>
            <div class="sim-library" data-testid="sim-library">
                <h3 class="section-title">{ T::SimLibraryTitle.get(lang) }</h3>
                if library.is_empty() {
                    <p class="muted">{ T::SimLibraryEmpty.get(lang) }</p>
                } else {
                    <ul class="sim-library__list">{ for library_rows }</ul>
                }
            </div>
            if show_editors {
                <div class="editors sim-editors">
                    <ScenarioEditor which={ScenarioId::A} />
                    <ScenarioEditor which={ScenarioId::B} />
                </div>
            }
        </section>
    }
}
