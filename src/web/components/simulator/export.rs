//! Taking results and scenarios away: the whole simulation as JSON, its KPIs and monthly series as
//! CSV, every scheme as JSON, and a link that carries the schemes and the reference (never the data).

use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::web::components::card::CardHead;

use crate::ui::i18n::T;
use crate::ui::results_csv::results_csv;
use crate::ui::share_link;
use crate::ui::stored::ScenarioSet;
use crate::web::export::copy_to_clipboard;
use crate::web::export::download_text;
use crate::web::hooks::use_app;
use crate::web::persist::fragment;

#[function_component(ExportPanel)]
pub fn export_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let run = state.sim.run.clone();
    let link = use_state(|| None::<(String, bool)>);
    let schemes = state.scenarios.scenarios();
    let reference = state.scenarios.reference().index();

    let results_json = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(run) = &run {
                let text = serde_json::to_string_pretty(&serde_json::json!({
                    // The engine's own words, as the CLI writes them.
                    "simulation": &*run.result, "baseline_note": run.baseline_note.as_ref().map(ToString::to_string),
                }))
                .unwrap_or_default();
                download_text("tierlab-simulation.json", &text);
            }
        })
    };
    let results_csv = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(run) = &run {
                download_text("tierlab-simulation.csv", &results_csv(&run.result));
            }
        })
    };
    let scenarios_json = {
        let schemes = schemes.clone();
        Callback::from(move |_: MouseEvent| {
            let set = ScenarioSet(schemes.iter().map(|s| &**s).collect(), reference);
            let text = serde_json::to_string_pretty(&set).unwrap_or_default();
            download_text("tierlab-scenarios.json", &text);
        })
    };
    let share = {
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            let refs: Vec<&crate::engine::scenario::Scenario> = schemes.iter().map(|s| &**s).collect();
            let url = fragment::link_with(&share_link::encode(&refs, reference));
            let link = link.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = copy_to_clipboard(&url).await;
                link.set(Some((url, copied)));
            });
        })
    };
    html! {
        <section class="card sim-export" data-testid="sim-export">
            <CardHead title={T::SimExportTitle.get(lang)} subtitle={T::SimExportDesc.get(lang)} />
            <div class="sim-inline-form">
                <ActionButton class="button" testid="export-results-json" disabled={run.is_none()} onclick={results_json} label={T::SimExportResultsJson.get(lang)} />
                <ActionButton class="button" testid="export-results-csv" disabled={run.is_none()} onclick={results_csv} label={T::SimExportResultsCsv.get(lang)} />
                <ActionButton class="button" testid="export-scenarios-json" onclick={scenarios_json} label={T::SimExportScenarios.get(lang)} />
                <ActionButton class="button button--primary" testid="share-link" onclick={share} label={T::SimShareLink.get(lang)} />
            </div>
            <p class="help">{ T::SimShareHelp.get(lang) }</p>
            if let Some((url, copied)) = (*link).clone() {
                <div class="sim-share">
                    <input type="text" class="input sim-share__url" readonly={true} value={url} data-testid="share-link-url"
                        aria-label={T::SimShareLink.get(lang)} />
                    <span class={classes!("hint", copied.then_some("tone-good"))} data-testid="share-link-status">
                        { if copied { T::SimLinkCopied.get(lang) } else { T::SimLinkCopyYourself.get(lang) } }
                    </span>
                </div>
            }
        </section>
    }
}
