//! The optimiser's answer: the best scheme's changes in plain words, how sure the win is (the best
//! and the current scheme re-simulated on fresh futures), the cost-vs-margin frontier, and "Load as
//! a new scheme".

use yew::prelude::*;

use crate::engine::optimise::{Estimate, Objective};
use crate::engine::simulate::kpi::Spread;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, TO};
use crate::ui::state::{Action, DecisionAction, OptimumRun};
use crate::web::charts::frontier::{FrontierChart, FrontierPoint};
use crate::web::hooks::use_app;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: OptimumRun,
    pub lang: Lang,
    /// The scheme list has room for one more.
    pub can_add: bool,
}

fn spread(s: &Spread) -> String {
    let signed = |v: f64| format::signed(v, |x| format::fixed(x, 0));
    format!("{} [{}, {}]", signed(s.mean), signed(s.low90), signed(s.high90))
}

fn estimate_row(label: TO, testid: &str, e: &Estimate, lang: Lang) -> Html {
    let meets = if e.feasible() {
        i18n::T::Yes.get(lang).to_string()
    } else {
        e.violations.iter().map(|v| i18n::violation(v, lang)).collect::<Vec<_>>().join("; ")
    };
    html! {
        <tr data-testid={testid.to_string()} data-margin={format::raw(e.incremental_margin.mean)}>
            <th scope="row">{ label.get(lang) }</th>
            <td class="num">{ spread(&e.incremental_margin) }</td>
            <td class="num">{ format::fixed(e.benefit_cost, 0) }</td>
            <td class="num">{ format::share(e.top_tier_share) }</td>
            <td class="num">{ format::fixed(e.fairness_ratio, 2) }</td>
            <td>{ meets }</td>
        </tr>
    }
}

#[function_component(OptimumView)]
pub fn optimum_view(props: &Props) -> Html {
    let app = use_app();
    let lang = props.lang;
    let run = &props.run;
    let r = &run.result;
    let base = &run.base;
    let percentile = match r.objective {
        Objective::Mean => None,
        Objective::Cautious { percentile } => Some(percentile),
    };
    let points: Vec<FrontierPoint> = r
        .frontier
        .iter()
        .map(|p| FrontierPoint {
            cost: p.benefit_cost,
            margin: p.incremental_margin.mean,
            feasible: run.budget.is_none_or(|b| p.benefit_cost <= b),
            best: p.point == r.best_point,
            label: format!(
                "{} [{}, {}]",
                format::fixed(p.incremental_margin.mean, 0),
                format::fixed(p.incremental_margin.low90, 0),
                format::fixed(p.incremental_margin.high90, 0)
            ),
        })
        .collect();
    let c = &r.confirmation;
    let load = {
        let name = i18n::optimised_name(&base.name, lang);
        app.callback(move |_: MouseEvent| Action::Decision(DecisionAction::LoadBest { name: name.clone() }))
    };
    html! {
        <div class="sim-optimiser__result" data-testid="opt-result" data-evaluations={r.evaluations.to_string()}
            data-changes={r.changes.len().to_string()}>
            <p class="muted">{ i18n::search_summary(r.parameters.len(), r.evaluations, percentile, lang) }</p>
            if r.cancelled {
                <p class="hint hint--warn">{ TO::Cancelled.get(lang) }</p>
            }
            <h3 class="subsection-title">{ TO::ChangesTitle.get(lang) }</h3>
            if r.changes.is_empty() {
                <p data-testid="opt-no-change">{ TO::NoChange.get(lang) }</p>
            } else {
                <ul class="sim-optimiser__changes" data-testid="opt-changes">
                    { for r.changes.iter().map(|change| html! { <li>{ i18n::scheme_change(change, base, lang) }</li> }) }
                </ul>
            }
            <h3 class="subsection-title">{ TO::SureTitle.get(lang) }
                <span class="subsection-title__note">{ TO::SureNote.get(lang) }</span></h3>
            <p class="sim-optimiser__best" data-testid="opt-sure" data-gain={format::raw(c.gain.mean)}
                data-chance={format::raw(c.chance_better)}>
                { i18n::sure_summary(c.gain.mean, c.gain.low90, c.gain.high90, c.chance_better, c.replications, lang) }
            </p>
            <div class="table-scroll">
                <table class="table table--compact" data-testid="opt-sure-table">
                    <thead>
                        <tr>
                            <th></th>
                            <th class="num">{ TO::IncrementalMargin.get(lang) }</th>
                            <th class="num">{ TO::BenefitCost.get(lang) }</th>
                            <th class="num">{ TO::TopTierShare.get(lang) }</th>
                            <th class="num">{ TO::FairnessRatio.get(lang) }</th>
                            <th>{ TO::MeetsConstraints.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { estimate_row(TO::Current, "opt-current", &c.current, lang) }
                        { estimate_row(TO::Best, "opt-best", &c.best, lang) }
                    </tbody>
                </table>
            </div>
            <p class="help">{ TO::SharesNote.get(lang) }</p>
            <p class="help">{ TO::FairnessNote.get(lang) }</p>
            <h3 class="subsection-title">{ TO::FrontierTitle.get(lang) }
                <span class="subsection-title__note">{ TO::FrontierDesc.get(lang) }</span></h3>
            <div class="sim-chart-narrow" data-testid="opt-frontier"><FrontierChart {points} {lang} /></div>
            <div class="card__footer">
                <button type="button" class="button button--primary" data-testid="opt-load"
                    disabled={run.loaded || !props.can_add} onclick={load}>
                    { TO::LoadAsScheme.get(lang) }
                </button>
                if run.loaded {
                    <span class="hint" data-testid="opt-loaded">{ TO::Loaded.get(lang) }</span>
                } else if !props.can_add {
                    <span class="hint hint--warn">{ TO::ListFull.get(lang) }</span>
                }
            </div>
        </div>
    }
}
