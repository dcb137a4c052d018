//! The Simulator tab: two to six schemes (and a library of more), the behavioural assumptions, a
//! month-by-month simulation of all of them against no program, and everything that helps decide —
//! verdict, ranking, KPIs with intervals, series, migration, groups and fairness, sensitivity,
//! back-test, the scheme optimiser, the next-best benefit per segment, field-test plan — then export and a shareable link.

pub mod assumptions;
pub mod backtest;
pub mod dashboard;
pub mod export;
pub mod field_test;
pub mod figures;
pub mod groups;
pub mod kpi_grid;
pub mod optimiser;
pub mod optimiser_advice;
pub mod optimiser_result;
pub mod ranking;
pub mod run_panel;
pub mod scenarios;
pub mod sensitivity;
pub mod verdict;

use std::rc::Rc;

use yew::prelude::*;

use self::assumptions::AssumptionsPanel;
use self::backtest::BacktestPanel;
use self::dashboard::SimDashboard;
use self::export::ExportPanel;
use self::field_test::FieldTestPanel;
use self::groups::GroupsPanel;
use self::kpi_grid::KpiGrid;
use self::optimiser::OptimiserPanel;
use self::optimiser_advice::AdvicePanel;
use self::ranking::{AgainstReference, PerScheme, SchemeRanking};
use self::run_panel::RunPanel;
use self::scenarios::ScenarioBuilder;
use self::sensitivity::SensitivityPanel;
use self::verdict::Verdict;
use crate::engine::simulate::SimulationResult;
use crate::protocol::JobId;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::{Action, IntervalLevel, SharedLinkNotice, SimAction, SimPanel};
use crate::web::hooks::use_app;

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub result: Rc<SimulationResult>,
    /// The job that produced it (`data-job`, so tests can wait for a new result).
    pub job: JobId,
    pub level: IntervalLevel,
    pub lang: Lang,
    #[prop_or_default]
    pub no_program_margin: Option<f64>,
    /// The scenarios or settings changed since: the result is dimmed.
    #[prop_or_default]
    pub stale: bool,
}

/// Everything a simulation result shows, in reading order: the A-against-B verdict when exactly
/// two schemes ran with A as the reference, the ranking, every scheme against the reference, then
/// the details. Props only.
#[function_component(SimulationView)]
pub fn simulation_view(props: &ViewProps) -> Html {
    let (result, level, lang) = (props.result.clone(), props.level, props.lang);
    let pair = result.schemes.len() == 2 && result.reference == 0;
    html! {
        <div class={classes!("sim-results", props.stale.then_some("sim-results--stale"))} data-testid="sim-results"
            data-job={props.job.to_string()} data-schemes={result.schemes.len().to_string()}>
            if pair {
                <Verdict result={result.clone()} {level} {lang} />
            }
            <SchemeRanking result={result.clone()} {level} {lang} />
            <AgainstReference result={result.clone()} {level} {lang} />
            <PerScheme result={result.clone()} {level} {lang} />
            <KpiGrid result={result.clone()} {level} {lang} />
            <SimDashboard result={result.clone()} {level} {lang} no_program_margin={props.no_program_margin} />
            <GroupsPanel {result} {lang} />
        </div>
    }
}

#[function_component(SharedLinkBanner)]
fn shared_link_banner() -> Html {
    let app = use_app();
    let lang = app.lang();
    let Some(notice) = app.state.sim.shared_link.clone() else { return html! {} };
    let dismiss = app.callback(|_: MouseEvent| Action::Sim(SimAction::DismissSharedLink));
    let body = match notice {
        SharedLinkNotice::Loaded { problems, kept_previous } => html! {
            <div class="banner__body">
                <strong>{ T::SimSharedLoaded.get(lang) }</strong>
                if kept_previous { <p>{ T::SimSharedKept.get(lang) }</p> }
                { for problems.iter().filter(|p| !p.problems.is_empty()).map(|shared| html! {
                    <>
                        <p>{ format!("{} {}:", T::SimSharedProblems.get(lang), shared.id.letter()) }</p>
                        <ul>{ for shared.problems.iter().map(|p| html! {
                            <li>{ i18n::problem_with_field(p, &shared.tier_names, lang) }</li>
                        }) }</ul>
                    </>
                }) }
            </div>
        },
        SharedLinkNotice::Unreadable { error } => html! {
            <div class="banner__body">
                <strong>{ T::SimSharedUnreadable.get(lang) }</strong>
                <p>{ i18n::link_error(&error, lang) }</p>
            </div>
        },
    };
    let error = matches!(app.state.sim.shared_link, Some(SharedLinkNotice::Unreadable { .. }));
    html! {
        <div class={classes!("banner", if error { "banner--error" } else { "banner--notice" })} role="status"
            data-testid="shared-link-notice">
            { body }
            <button type="button" class="button button--ghost button--small" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
        </div>
    }
}

#[function_component(SimulatorPage)]
pub fn simulator_page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let level = state.sim.settings.level;
    let level_button = |target: IntervalLevel| {
        let onclick =
            app.callback(move |_: MouseEvent| Action::Sim(SimAction::Settings(Box::new(move |s| s.level = target))));
        let selected = level == target;
        html! {
            <button type="button" role="radio" aria-checked={selected.to_string()}
                class={classes!("segmented__item", selected.then_some("segmented__item--on"))}
                data-testid={format!("sim-level-{}", target.percent())} {onclick}>
                { format!("{} %", target.percent()) }
            </button>
        }
    };
    let running = state.jobs.sim_running(SimPanel::Run).is_some();
    let results = state.sim.run.as_ref().map(|run| {
        let current = run_panel::current_inputs(state, &state.sim.settings);
        let stale = current.as_ref() != Some(&*run.inputs);
        let no_program_margin = run.inputs.shared_gross_margin();
        html! {
            <SimulationView result={run.result.clone()} job={run.job} {level} {lang} {no_program_margin} {stale} />
        }
    });
    html! {
        <div class="page page--simulator">
            <div class="page-head">
                <div>
                    <h2 class="page-head__title">{ T::SimPageTitle.get(lang) }</h2>
                    <p class="page-head__subtitle">{ T::SimPageIntro.get(lang) }</p>
                </div>
                <div class="page-head__actions">
                    <span class="hint">{ T::SimIntervalLabel.get(lang) }</span>
                    <div class="segmented" role="radiogroup" aria-label={T::SimIntervalLabel.get(lang)}>
                        { level_button(IntervalLevel::P90) }
                        { level_button(IntervalLevel::P95) }
                    </div>
                </div>
            </div>
            <SharedLinkBanner />
            <ScenarioBuilder />
            <AssumptionsPanel />
            <RunPanel />
            if let Some(results) = results {
                { results }
            } else if !running {
                <section class="card card--empty" data-testid="sim-empty"><p>{ T::SimNoResults.get(lang) }</p></section>
            }
            <SensitivityPanel />
            <FieldTestPanel />
            <BacktestPanel />
            <OptimiserPanel />
            <AdvicePanel />
            <ExportPanel />
            <crate::web::components::member_download::MemberDownload />
        </div>
    }
}
