//! The schemes being simulated (two to six): each by name (renamed in place), duplicated, removed,
//! or made the reference the others are compared with; what each changes compared with the
//! reference; a library of saved scenarios; and the full editors (the same ones as on the Compare
//! tab: the schemes are the same everywhere).

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::i18n::{self, T, TS};
use crate::ui::scenario_diff::differences;
use crate::ui::state::{Action, ScenarioAction, ScenarioId, SimAction};
use crate::web::components::editor::ScenarioEditor;
use crate::web::hooks::use_app;

#[function_component(ScenarioBuilder)]
pub fn scenario_builder() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let list = &state.scenarios;
    let schemes = list.scenarios();
    let reference = list.reference();
    let reference_scenario = list.get(reference).clone();
    let ids: Vec<ScenarioId> = list.ids().collect();
    // What each other scheme changes compared with the reference, in scheme order.
    let changes = use_memo((schemes.clone(), reference), |(schemes, reference)| {
        let base = &schemes[reference.index().min(schemes.len() - 1)];
        schemes
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != reference.index())
            .map(|(index, scheme)| (index, differences(base, scheme)))
            .collect::<Vec<_>>()
    });
    let show_editors = state.sim.settings.show_editors;
    let (can_add, can_remove) = (list.can_add(), list.can_remove());

    let scheme_row = |which: ScenarioId| {
        let scenario = list.get(which);
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
        let duplicate = app.callback(move |_: MouseEvent| Action::Scenarios(ScenarioAction::Duplicate(which)));
        let remove = app.callback(move |_: MouseEvent| Action::Scenarios(ScenarioAction::Remove(which)));
        let make_reference = app.callback(move |_: Event| Action::Scenarios(ScenarioAction::SetReference(which)));
        let is_reference = which == reference;
        let problem = scenario.validate().into_iter().find(|p| p.field == "name").map(|p| i18n::problem_text(&p, lang));
        html! {
            <div class={classes!("sim-scenario", format!("sim-scenario--{side}"), is_reference.then_some("sim-scenario--reference"))}
                data-testid={format!("sim-scheme-{side}")}>
                <span class={classes!("scenario-badge", format!("scenario-badge--{side}"))}>{ which.letter().to_string() }</span>
                <label class="field sim-scenario__name">
                    <span class="field__label">{ i18n::scheme_label(which.letter(), lang) }</span>
                    <input type="text" class={classes!("input", "input--title", problem.is_some().then_some("input--invalid"))}
                        value={scenario.name.clone()} aria-label={T::ScenarioName.get(lang)}
                        data-testid={format!("sim-name-{side}")} {oninput} />
                    if let Some(problem) = problem { <span class="field-error" role="alert">{ problem }</span> }
                </label>
                <div class="sim-scenario__actions">
                    <label class="sim-scenario__reference" title={TS::MakeReference.get(lang)}>
                        <input type="radio" name="sim-reference" checked={is_reference} onchange={make_reference}
                            data-testid={format!("sim-reference-{side}")} />
                        { TS::Reference.get(lang) }
                    </label>
                    <button type="button" class="button button--small button--ghost" data-testid={format!("sim-save-{side}")}
                        onclick={save}>{ T::SimSaveToLibrary.get(lang) }</button>
                    <button type="button" class="button button--small button--ghost" data-testid={format!("sim-duplicate-{side}")}
                        disabled={!can_add} title={(!can_add).then(|| TS::AtMostSix.get(lang))} onclick={duplicate}>
                        { TS::Duplicate.get(lang) }
                    </button>
                    <button type="button" class="icon-button" data-testid={format!("sim-remove-{side}")} disabled={!can_remove}
                        title={TS::Remove.get(lang)} aria-label={format!("{} {}", TS::Remove.get(lang), which.letter())}
                        onclick={remove}>{ "×" }</button>
                </div>
            </div>
        }
    };
    let add = app.callback(|_: MouseEvent| Action::Scenarios(ScenarioAction::Add));
    let toggle_editors =
        app.callback(|_: MouseEvent| Action::Sim(SimAction::Settings(Box::new(|s| s.show_editors = !s.show_editors))));

    // The first scheme after the reference keeps the detailed table (B against A by default).
    let first_diff = changes.first().map(|(index, list_changes)| {
        let scheme = schemes[*index].clone();
        let letter = ids[*index].letter();
        let rows = list_changes.iter().enumerate().map(|(i, change)| {
            let (label, from, to) = i18n::describe_change(change, &reference_scenario, &scheme, lang);
            html! {
                <tr data-testid={format!("sim-diff-row-{i}")} data-path={change.path.clone()}>
                    <th scope="row">{ label }</th>
                    <td class="sim-diff__a">{ from }</td>
                    <td class="sim-diff__b">{ to }</td>
                </tr>
            }
        });
        let summary = if reference == ScenarioId::A && *index == 1 {
            i18n::changes_summary(list_changes, &reference_scenario, &scheme, lang)
        } else {
            i18n::changes_against_reference(list_changes, (&reference_scenario, reference.letter()), (&scheme, letter), lang)
        };
        let (ref_key, key) = (reference.key(), ids[*index].key());
        html! {
            <>
                <p class="sim-diff__summary" data-testid="sim-diff-summary" data-changes={list_changes.len().to_string()}>
                    { summary }
                </p>
                if !list_changes.is_empty() {
                    <details class="sim-diff__details">
                        <summary>{ format!("{} ({})", T::SimShowDifferences.get(lang), list_changes.len()) }</summary>
                        <div class="table-scroll">
                            <table class="table table--compact sim-diff__table" data-testid="sim-diff-table">
                                <thead>
                                    <tr>
                                        <th>{ T::SimSetting.get(lang) }</th>
                                        <th><span class={classes!("kpi-card__tag", format!("kpi-card__tag--{ref_key}"))}>
                                            { reference.letter().to_string() }</span>{ reference_scenario.name.clone() }</th>
                                        <th><span class={classes!("kpi-card__tag", format!("kpi-card__tag--{key}"))}>
                                            { letter.to_string() }</span>{ scheme.name.clone() }</th>
                                    </tr>
                                </thead>
                                <tbody>{ for rows }</tbody>
                            </table>
                        </div>
                    </details>
                }
            </>
        }
    });
    let more_diffs = changes.iter().skip(1).map(|(index, list_changes)| {
        let id = ids[*index];
        html! {
            <p class="sim-diff__summary sim-diff__more" data-testid={format!("sim-diff-summary-{}", id.key())}
                data-changes={list_changes.len().to_string()}>
                { i18n::changes_against_reference(list_changes, (&reference_scenario, reference.letter()), (&schemes[*index], id.letter()), lang) }
            </p>
        }
    });
    let all_same = changes.iter().all(|(_, c)| c.is_empty());

    let library = list.library.clone();
    let library_rows = library.iter().enumerate().map(|(index, entry)| {
        let load = |into: ScenarioId| {
            let onclick = app.callback(move |_: MouseEvent| Action::Scenarios(ScenarioAction::LoadFromLibrary { index, into }));
            html! {
                <button type="button" class="button button--small button--ghost" title={i18n::scheme_label(into.letter(), lang)}
                    data-testid={format!("sim-library-load-{}-{index}", into.key())} {onclick}>
                    { into.letter().to_string() }
                </button>
            }
        };
        let delete = app.callback(move |_: MouseEvent| Action::Scenarios(ScenarioAction::DeleteFromLibrary(index)));
        let in_use = schemes.iter().any(|s| **s == entry.scenario);
        html! {
            <li class="sim-library__entry" data-testid={format!("sim-library-entry-{index}")} data-name={entry.name.clone()}>
                <span class="sim-library__name">{ entry.name.clone() }
                    if in_use { <span class="badge badge--ok">{ T::SimInUse.get(lang) }</span> }
                </span>
                <span class="sim-library__actions">
                    <span class="hint">{ TS::LoadAs.get(lang) }</span>
                    { for ids.iter().map(|&id| load(id)) }
                    <button type="button" class="icon-button" title={T::SimDelete.get(lang)} aria-label={T::SimDelete.get(lang)}
                        data-testid={format!("sim-library-delete-{index}")} onclick={delete}>{ "×" }</button>
                </span>
            </li>
        }
    });

    html! {
        <section class="card sim-builder" data-testid="sim-scenarios" data-schemes={ids.len().to_string()}>
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ T::SimScenariosTitle.get(lang) }</h2>
                    <p class="card__subtitle">{ TS::SchemesDesc.get(lang) }</p>
                </div>
                <div class="card__actions">
                    <button type="button" class="button button--small" data-testid="sim-add-scheme" disabled={!can_add}
                        title={(!can_add).then(|| TS::AtMostSix.get(lang))} onclick={add}>
                        { format!("+ {}", TS::AddScheme.get(lang)) }
                    </button>
                    <button type="button" class="button button--small button--ghost" data-testid="sim-toggle-editors"
                        aria-expanded={show_editors.to_string()} onclick={toggle_editors}>
                        { if show_editors { T::SimHideEditors.get(lang) } else { T::SimShowEditors.get(lang) } }
                    </button>
                </div>
            </div>
            <div class="sim-scenarios">
                { for ids.iter().map(|&id| scheme_row(id)) }
            </div>
            <div class={classes!("sim-diff", all_same.then_some("sim-diff--same"))}>
                { for first_diff }
                { for more_diffs }
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
                    { for ids.iter().map(|&id| html! { <ScenarioEditor which={id} /> }) }
                </div>
            }
        </section>
    }
}
