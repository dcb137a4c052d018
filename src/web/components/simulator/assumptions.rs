//! How customers respond to a scheme: every behavioural assumption of the simulator with its value,
//! the default, the plausible range and where the default comes from. Edited once for both
//! schemes by default (assumptions describe customers, not schemes), or per scheme.

use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::web::components::card::ScrollTable;

use crate::engine::scenario::{Assumption, ProblemKind, Scenario, ASSUMPTIONS};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::{Action, ScenarioAction, ScenarioId, SimAction};
use crate::web::components::number_input::NumberInput;
use crate::web::hooks::use_app;

/// What is wrong with an assumption's value in a scenario (from the scenario's validation), in the
/// units the field is typed in (a 0-0.9 fraction is entered as 0-90 %).
fn problem(scenario: &Scenario, key: &str, lang: Lang) -> Option<AttrValue> {
    let field = format!("assumptions.{key}");
    let problem = scenario.validate().into_iter().find(|p| p.field == field)?;
    let text = match (&problem.kind, i18n::assumption_unit(key)) {
        (ProblemKind::OutOfRange { min, max }, i18n::AssumptionUnit::Percent { .. }) => {
            let (min, max) = (i18n::assumption_input(key, *min), i18n::assumption_input(key, *max));
            match lang {
                Lang::En => format!("Must be between {} % and {} %.", format::plain(min), format::plain(max)),
                Lang::Zh => format!("必须在 {} % 到 {} % 之间。", format::plain(min), format::plain(max)),
            }
        }
        _ => i18n::problem_text(&problem, lang),
    };
    Some(AttrValue::from(text))
}

/// Assumptions that differ from their defaults in a scenario.
pub fn changed_count(scenario: &Scenario) -> usize {
    ASSUMPTIONS.iter().filter(|a| a.get(&scenario.assumptions) != a.default).count()
}

#[function_component(AssumptionsPanel)]
pub fn assumptions_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let [a, b] = state.scenarios.pair();
    let same = state.sim.settings.same_assumptions;
    let differ = state.scenarios.scenarios().iter().any(|s| s.assumptions != a.assumptions);
    let open = use_state(|| false);

    let input = |assumption: &Assumption, which: Option<ScenarioId>| {
        let key = assumption.key;
        let scenario = match which {
            Some(ScenarioId::B) => &b,
            _ => &a,
        };
        let value = i18n::assumption_input(key, assumption.get(&scenario.assumptions));
        let on_commit = app.callback(move |typed: f64| {
            Action::Scenarios(ScenarioAction::SetAssumption {
                key,
                value: i18n::assumption_from_input(key, typed),
                id: which,
            })
        });
        let side = which.map_or("ab", |w| if w == ScenarioId::A { "a" } else { "b" });
        let testid = format!("assumption-{side}-{key}");
        let label = format!(
            "{} · {}",
            i18n::assumption_name(key, lang),
            which.map_or("A + B".to_string(), |w| w.letter().to_string())
        );
        html! {
            <NumberInput {value} {on_commit} testid={testid} label={label}
                suffix={i18n::assumption_suffix(key, lang).map(AttrValue::from)} problem={problem(scenario, key, lang)} />
        }
    };
    let rows = ASSUMPTIONS.iter().map(|assumption| {
        let key = assumption.key;
        let value_cells = if !same {
            html! { <><td class="sim-assumption__value">{ input(assumption, Some(ScenarioId::A)) }</td>
                     <td class="sim-assumption__value">{ input(assumption, Some(ScenarioId::B)) }</td></> }
        } else {
            html! { <td class="sim-assumption__value">{ input(assumption, None) }</td> }
        };
        let at_default = assumption.get(&a.assumptions) == assumption.default
            && assumption.get(&b.assumptions) == assumption.default;
        html! {
            <tr data-testid={format!("assumption-row-{key}")} class={classes!((!at_default).then_some("sim-assumption--changed"))}>
                <th scope="row" class="sim-assumption__name">
                    <span class="sim-assumption__title">{ i18n::assumption_name(key, lang) }</span>
                    <span class="sim-assumption__help">{ i18n::assumption_explanation(key, lang) }</span>
                </th>
                { value_cells }
                <td class="num" data-testid={format!("assumption-default-{key}")}>{ i18n::assumption_value(key, assumption.default, lang) }</td>
                <td class="num sim-assumption__range">
                    { format!("{} … {}", i18n::assumption_value(key, assumption.low, lang), i18n::assumption_value(key, assumption.high, lang)) }
                </td>
                <td class="sim-assumption__source">{ i18n::assumption_source(key, lang) }</td>
            </tr>
        }
    });
    let toggle_same = app
        .callback(|_: Event| Action::Sim(SimAction::Settings(Box::new(|s| s.same_assumptions = !s.same_assumptions))));
    let reset = app.callback(|_: MouseEvent| Action::Scenarios(ScenarioAction::ResetAssumptions));
    let align = app.callback(|_: MouseEvent| Action::Scenarios(ScenarioAction::AlignAssumptions));
    let toggle_open = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let changed = changed_count(&a).max(changed_count(&b));
    let summary = match (changed, lang) {
        (0, _) => T::SimAssumptionsDefault.get(lang).to_string(),
        (n, Lang::En) => format!("{n} of {} changed from their defaults", ASSUMPTIONS.len()),
        (n, Lang::Zh) => format!("{} 项中有 {n} 项不是默认值", ASSUMPTIONS.len()),
    };
    html! {
        <section class="card sim-assumptions" data-testid="sim-assumptions">
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ T::SimAssumptionsTitle.get(lang) }</h2>
                    <p class="card__subtitle">{ T::SimAssumptionsDesc.get(lang) }</p>
                    <p class="hint" data-testid="sim-assumptions-summary">{ summary }</p>
                </div>
                <div class="card__actions">
                    <button type="button" class="button button--small" data-testid="sim-assumptions-toggle"
                        aria-expanded={open.to_string()} onclick={toggle_open}>
                        { if *open { T::SimHide.get(lang) } else { T::SimShowAssumptions.get(lang) } }
                    </button>
                </div>
            </div>
            if *open {
                <div class="sim-assumptions__tools">
                    <label class="check">
                        <input type="checkbox" class="checkbox" checked={same} data-testid="sim-same-assumptions" onchange={toggle_same} />
                        { T::SimSameForBoth.get(lang) }
                    </label>
                    <ActionButton class="button button--small button--ghost" testid="sim-assumptions-reset" onclick={reset} label={T::SimResetDefaults.get(lang)} />
                </div>
                if same && differ {
                    <div class="banner banner--notice banner--inline" role="status">
                        <p class="banner__body">{ T::SimAssumptionsDiffer.get(lang) }</p>
                        <ActionButton class="button button--small" testid="sim-align-assumptions" onclick={align} label={T::SimMakeBLikeA.get(lang)} />
                    </div>
                }
                <ScrollTable class="sim-assumption-table" head={html! {
                    <tr>
                        <th>{ T::SimAssumption.get(lang) }</th>
                        if !same {
                            <th>{ "A" }</th><th>{ "B" }</th>
                        } else {
                            <th>{ T::SimValue.get(lang) }</th>
                        }
                        <th class="num">{ T::SimDefault.get(lang) }</th>
                        <th class="num">{ T::SimRange.get(lang) }</th>
                        <th>{ T::SimSource.get(lang) }</th>
                    </tr>
                }}>
                    { for rows }
                </ScrollTable>
            }
        </section>
    }
}
