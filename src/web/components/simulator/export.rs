//! Taking results and scenarios away: the whole simulation as JSON, its KPIs and monthly series as
//! CSV, the two scenarios as JSON, and a link that carries the scenarios (never the data).

use yew::prelude::*;

use crate::engine::simulate::kpi::{Kpi, MonthlyKpi, Spread};
use crate::engine::simulate::SimulationResult;
use crate::web::format;
use crate::web::hooks::use_app;
use crate::web::i18n::T;
use crate::web::share_link;
use crate::web::worker_bridge::download_text;

fn key<S: serde::Serialize>(value: S) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn row(out: &mut String, table: &str, month: &str, scheme: &str, kpi: &str, s: &Spread) {
    out.push_str(&format!(
        "{table},{month},{scheme},{kpi},{},{},{},{},{}\n",
        format::raw(s.mean),
        format::raw(s.low90),
        format::raw(s.high90),
        format::raw(s.low95),
        format::raw(s.high95)
    ));
}

/// One tidy table: totals (per scheme, B − A and incremental) and monthly series (per scheme and
/// the no-program counterfactual), each with its mean and intervals. Names are codes, so the file
/// reads the same whatever the page's language; scheme names are in the JSON export.
pub fn results_csv(result: &SimulationResult) -> String {
    let mut out = String::from("table,month,scheme,kpi,mean,low90,high90,low95,high95\n");
    for (scheme, letter) in result.schemes.iter().zip(["A", "B"]) {
        for stat in &scheme.totals {
            row(&mut out, "total", "", letter, &key(stat.kpi), &stat.spread);
        }
        for stat in &scheme.incremental {
            row(&mut out, "incremental", "", letter, &key(stat.kpi), &stat.spread);
        }
    }
    for stat in result.comparison(1).map_or(&[][..], |c| &c.difference[..]) {
        row(&mut out, "total", "", "B-A", &key(stat.kpi), &stat.spread);
    }
    let cf = &result.counterfactual;
    for (kpi, spread) in [
        (key(Kpi::Revenue), &cf.revenue),
        (key(Kpi::Orders), &cf.orders),
        (key(Kpi::RetentionRate), &cf.retention_rate),
        (key(Kpi::ConversionRate), &cf.conversion_rate),
    ] {
        row(&mut out, "total", "", "no_program", &kpi, spread);
    }
    for (m, month) in result.month_labels.iter().enumerate() {
        for (scheme, letter) in result.schemes.iter().zip(["A", "B"]) {
            for stat in &scheme.monthly {
                if let Some(s) = stat.months.get(m) {
                    row(&mut out, "monthly", month, letter, &key(stat.kpi), s);
                }
            }
        }
        for (kpi, series) in [(MonthlyKpi::Revenue, &cf.monthly_revenue), (MonthlyKpi::Orders, &cf.monthly_orders)] {
            if let Some(s) = series.get(m) {
                row(&mut out, "monthly", month, "no_program", &key(kpi), s);
            }
        }
    }
    out
}

#[function_component(ExportPanel)]
pub fn export_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let run = state.sim.run.clone();
    let link = use_state(|| None::<(String, bool)>);
    let [a, b] = state.scenarios.clone();

    let results_json = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(run) = &run {
                let text = serde_json::to_string_pretty(&serde_json::json!({
                    "simulation": &*run.result, "baseline_note": run.baseline_note,
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
        let (a, b) = (a.clone(), b.clone());
        Callback::from(move |_: MouseEvent| {
            let text = serde_json::to_string_pretty(&serde_json::json!({ "a": &*a, "b": &*b })).unwrap_or_default();
            download_text("tierlab-scenarios.json", &text);
        })
    };
    let share = {
        let link = link.clone();
        let (a, b) = (a.clone(), b.clone());
        Callback::from(move |_: MouseEvent| {
            let url = share_link::link_with(&share_link::encode(&a, &b));
            let link = link.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = share_link::copy_to_clipboard(&url).await;
                link.set(Some((url, copied)));
            });
        })
    };
    html! {
        <section class="card sim-export" data-testid="sim-export">
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ T::SimExportTitle.get(lang) }</h2>
                    <p class="card__subtitle">{ T::SimExportDesc.get(lang) }</p>
                </div>
            </div>
            <div class="sim-inline-form">
                <button type="button" class="button" data-testid="export-results-json" disabled={run.is_none()} onclick={results_json}>
                    { T::SimExportResultsJson.get(lang) }
                </button>
                <button type="button" class="button" data-testid="export-results-csv" disabled={run.is_none()} onclick={results_csv}>
                    { T::SimExportResultsCsv.get(lang) }
                </button>
                <button type="button" class="button" data-testid="export-scenarios-json" onclick={scenarios_json}>
                    { T::SimExportScenarios.get(lang) }
                </button>
                <button type="button" class="button button--primary" data-testid="share-link" onclick={share}>
                    { T::SimShareLink.get(lang) }
                </button>
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
