//! The scenarios being simulated: A and B by name (renamed in place), cloned one onto the other,
//! what B changes compared with A, a library of saved scenarios to keep more than two, and the
//! full editors (the same ones as on the Compare tab: A and B are the same scenarios everywhere).

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::engine::scenario::Scenario;
use crate::web::components::editor::ScenarioEditor;
use crate::web::hooks::use_app;
use crate::web::i18n::{self, Lang, T};
use crate::web::scenario_diff::{differences, Change};
use crate::web::sim_state::SimAction;
use crate::web::state::{Action, Which};

/// How many changes the one-line summary names before "and N more".
const SUMMARY_ITEMS: usize = 4;

/// One change in words: (setting, value under A, value under B).
pub fn describe(change: &Change, a: &Scenario, b: &Scenario, lang: Lang) -> (String, String, String) {
    let names = if a.tiers.names.len() >= b.tiers.names.len() { &a.tiers.names } else { &b.tiers.names };
    (
        i18n::change_label(&change.path, names, lang),
        i18n::change_value(&change.path, &change.a, a, lang),
        i18n::change_value(&change.path, &change.b, b, lang),
    )
}

/// "B changes: Diamond · Discount % 8 % → 12 %, Activity that counts lifetime → rolling 12 months".
pub fn summary(changes: &[Change], a: &Scenario, b: &Scenario, lang: Lang) -> String {
    if changes.is_empty() {
        return T::SimNoDifferences.get(lang).into();
    }
    let items: Vec<String> = changes
        .iter()
        .take(SUMMARY_ITEMS)
        .map(|c| {
            let (label, from, to) = describe(c, a, b, lang);
            format!("{label} {from} → {to}")
        })
        .collect();
    let more = changes.len().saturating_sub(SUMMARY_ITEMS);
    let tail = match (more, lang) {
        (0, _) => String::new(),
        (n, Lang::En) => format!(" and {n} more"),
        (n, Lang::Zh) => format!("，另有 {n} 项"),
    };
    match lang {
        Lang::En => format!("{} {}{tail}", T::SimBChanges.get(lang), items.join(", ")),
        Lang::Zh => format!("{}{}{tail}", T::SimBChanges.get(lang), items.join("，")),
    }
}

#[function_component(ScenarioBuilder)]
pub fn scenario_builder() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let [a, b] = state.scenarios.clone();
    let changes = use_memo((a.clone(), b.clone()), |(a, b)| differences(a, b));
    let show_editors = state.sim.settings.show_editors;

    let name_input = |which: Which| {
        let scenario = &state.scenarios[which.index()];
        let side = which.letter().to_lowercase();
        let oninput = app.callback(move |event: InputEvent| {
            let name = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            Action::EditScenario { which, change: Box::new(move |s| s.name = name) }
        });
        let save = app.callback(move |_: MouseEvent| Action::Sim(SimAction::SaveToLibrary(which)));
        let problem = scenario.validate().into_iter().find(|p| p.field == "name").map(|p| i18n::problem_text(&p, lang));
        html! {
            <div class={classes!("sim-scenario", format!("sim-scenario--{side}"))}>
                <span class={classes!("scenario-badge", format!("scenario-badge--{side}"))}>{ which.letter() }</span>
                <label class="field sim-scenario__name">
                    <span class="field__label">{ if which == Which::A { T::ScenarioA.get(lang) } else { T::ScenarioB.get(lang) } }</span>
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
    let clone = |from: Which, label: T, testid: &'static str| {
        let onclick = app.callback(move |_: MouseEvent| Action::Sim(SimAction::Clone { from }));
        html! { <button type="button" class="button button--small" data-testid={testid} {onclick}>{ label.get(lang) }</button> }
    };
    let toggle_editors =
        app.callback(|_: MouseEvent| Action::Sim(SimAction::Settings(Box::new(|s| s.show_editors = !s.show_editors))));

    let diff_rows = changes.iter().enumerate().map(|(i, change)| {
        let (label, from, to) = describe(change, &a, &b, lang);
        html! {
            <tr data-testid={format!("sim-diff-row-{i}")} data-path={change.path.clone()}>
                <th scope="row">{ label }</th>
                <td class="sim-diff__a">{ from }</td>
                <td class="sim-diff__b">{ to }</td>
            </tr>
        }
    });

    let library = state.sim.library.clone();
    let library_rows = library.iter().enumerate().map(|(index, entry)| {
        let load = |into: Which| {
            let onclick = app.callback(move |_: MouseEvent| Action::Sim(SimAction::LoadFromLibrary { index, into }));
            let label = if into == Which::A { T::SimLoadIntoA } else { T::SimLoadIntoB };
            html! {
                <button type="button" class="button button--small button--ghost"
                    data-testid={format!("sim-library-load-{}-{index}", into.letter().to_lowercase())} {onclick}>
                    { label.get(lang) }
                </button>
            }
        };
        let delete = app.callback(move |_: MouseEvent| Action::Sim(SimAction::DeleteFromLibrary(index)));
        let in_use = [&a, &b].iter().any(|s| ***s == entry.scenario);
        html! {
            <li class="sim-library__entry" data-testid={format!("sim-library-entry-{index}")} data-name={entry.name.clone()}>
                <span class="sim-library__name">{ entry.name.clone() }
                    if in_use { <span class="badge badge--ok">{ T::SimInUse.get(lang) }</span> }
                </span>
                <span class="sim-library__actions">
                    { load(Which::A) }
                    { load(Which::B) }
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
                    { clone(Which::A, T::SimCloneAToB, "sim-clone-a-to-b") }
                    { clone(Which::B, T::SimCloneBToA, "sim-clone-b-to-a") }
                    <button type="button" class="button button--small button--ghost" data-testid="sim-toggle-editors"
                        aria-expanded={show_editors.to_string()} onclick={toggle_editors}>
                        { if show_editors { T::SimHideEditors.get(lang) } else { T::SimShowEditors.get(lang) } }
                    </button>
                </div>
            </div>
            <div class="sim-scenarios">
                { name_input(Which::A) }
                { name_input(Which::B) }
            </div>
            <div class={classes!("sim-diff", changes.is_empty().then_some("sim-diff--same"))}>
                <p class="sim-diff__summary" data-testid="sim-diff-summary" data-changes={changes.len().to_string()}>
                    { summary(&changes, &a, &b, lang) }
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
                    <ScenarioEditor which={Which::A} />
                    <ScenarioEditor which={Which::B} />
                </div>
            }
        </section>
    }
}
