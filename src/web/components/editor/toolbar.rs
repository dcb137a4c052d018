//! Reset, copy A → B, export and import of one scenario, and what went wrong with an import.

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::engine::scenario::{Scenario, ScenarioError};
use crate::ui::i18n::{self, T};
use crate::ui::state::{Action, ScenarioAction, ScenarioId};
use crate::web::export::download_text;
use crate::web::hooks::use_app;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub which: ScenarioId,
}

#[function_component(EditorToolbar)]
pub fn editor_toolbar(props: &Props) -> Html {
    let app = use_app();
    let lang = app.lang();
    let which = props.which;
    let scenario = app.state.scenarios.get(which).clone();
    let reader = use_mut_ref(|| None::<FileReader>);

    let reset = app.callback(move |_: MouseEvent| Action::Scenarios(ScenarioAction::Reset(which)));
    let copy = app.callback(|_: MouseEvent| {
        Action::Scenarios(ScenarioAction::CopyOver { from: ScenarioId::A, to: ScenarioId::B, keep_name: false })
    });
    let export = {
        let scenario = scenario.clone();
        Callback::from(move |_: MouseEvent| {
            let file_name = format!("tierlab-scenario-{}.json", file_safe(&scenario.name));
            download_text(&file_name, &scenario.to_json());
        })
    };
    let import = {
        let state = app.state.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let state = state.clone();
            let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                let result = match text {
                    Ok(text) => import_scenario(&text),
                    Err(error) => Imported::Unreadable(ScenarioError::Shape { message: error.to_string() }),
                };
                match result {
                    Imported::Valid(scenario) => {
                        state.dispatch(Action::Scenarios(ScenarioAction::Import { id: which, result: Ok(*scenario) }))
                    }
                    // Loaded anyway so each problem shows next to its field; the list says why.
                    Imported::WithProblems(scenario, error) => {
                        state.dispatch(Action::Scenarios(ScenarioAction::Import { id: which, result: Ok(*scenario) }));
                        state.dispatch(Action::Scenarios(ScenarioAction::Import { id: which, result: Err(error) }));
                    }
                    Imported::Unreadable(error) => {
                        state.dispatch(Action::Scenarios(ScenarioAction::Import { id: which, result: Err(error) }))
                    }
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let input_id = format!("import-{}", which.key());

    let import_error = app.state.scenarios.import_error(which).map(|error| {
        // An `Invalid` file was loaded anyway (its problems are marked at the fields).
        let (heading, items): (T, Vec<String>) = match error {
            ScenarioError::Invalid(problems) => (
                T::ImportedWithProblems,
                problems.iter().map(|p| i18n::problem_with_field(p, &scenario.tiers.names, lang)).collect(),
            ),
            other => (T::ImportFailed, vec![i18n::scenario_error(other, lang)]),
        };
        html! {
            <div class="banner banner--error banner--inline" role="alert" data-testid="import-error">
                <div class="banner__body">
                    <strong>{ heading.get(lang) }</strong>
                    <ul>{ for items.into_iter().map(|item| html! { <li>{ item }</li> }) }</ul>
                </div>
            </div>
        }
    });

    html! {
        <>
            <div class="toolbar">
                if which == ScenarioId::B {
                    <ActionButton class="button button--small" testid="copy-a-to-b" onclick={copy} label={T::CopyAToB.get(lang)} />
                }
                <ActionButton class="button button--small button--ghost" testid="reset-scenario" onclick={reset} label={T::ResetTemplate.get(lang)} />
                <ActionButton class="button button--small button--ghost" testid="export-json" onclick={export} label={T::ExportJson.get(lang)} />
                <label for={input_id.clone()} class="button button--small button--ghost">{ T::ImportJson.get(lang) }</label>
                <input id={input_id} type="file" accept=".json,application/json" class="visually-hidden"
                    data-testid="import-json" onchange={import} />
            </div>
            { for import_error }
        </>
    }
}

/// A name usable in a download file name.
fn file_safe(name: &str) -> String {
    let cleaned: String =
        name.trim().chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if cleaned.is_empty() {
        "scenario".to_string()
    } else {
        cleaned
    }
}

enum Imported {
    Valid(Box<Scenario>),
    WithProblems(Box<Scenario>, ScenarioError),
    Unreadable(ScenarioError),
}

/// Reads a scenario file of any version. A file with problems still opens (upgraded when it is
/// older), so each problem can be fixed at its field.
fn import_scenario(text: &str) -> Imported {
    match Scenario::from_json(text) {
        Ok(scenario) => Imported::Valid(Box::new(scenario)),
        Err(ScenarioError::Invalid(problems)) => match Scenario::from_json_unvalidated(text) {
            Ok(scenario) => Imported::WithProblems(Box::new(scenario), ScenarioError::Invalid(problems)),
            Err(error) => Imported::Unreadable(error),
        },
        Err(error) => Imported::Unreadable(error),
    }
}
