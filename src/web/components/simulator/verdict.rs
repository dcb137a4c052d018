//! The answer first: which scheme earns more margin, by how much, how sure we are; then what each
//! scheme adds compared with running no program at all.

use std::rc::Rc;

use yew::prelude::*;

use super::figures::{bounds, difference, incremental, Kind, SpreadValue};
use crate::engine::simulate::kpi::{Kpi, Spread};
use crate::engine::simulate::{IncrementalKpi, SimulationResult};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::IntervalLevel;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub result: Rc<SimulationResult>,
    pub level: IntervalLevel,
    pub lang: Lang,
}

/// P(B has the higher margin than A).
fn b_better(r: &SimulationResult) -> f64 {
    r.comparison(1).map_or(0.5, |c| c.chance_better_on_margin)
}

fn zero() -> Spread {
    Spread { mean: 0.0, low90: 0.0, high90: 0.0, low95: 0.0, high95: 0.0 }
}

#[function_component(Verdict)]
pub fn verdict(props: &Props) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let level = props.level;
    let margin = difference(r, Kpi::Margin).cloned().unwrap_or_else(zero);
    let (low, high) = bounds(&margin, level);
    let verdict = i18n::Verdict {
        mean: margin.mean,
        low,
        high,
        level: level.percent(),
        months: r.month_labels.len(),
        b_better: b_better(r),
        replications: r.settings.replications,
    };
    let winner = if margin.mean > 0.0 {
        "b"
    } else if margin.mean < 0.0 {
        "a"
    } else {
        "tie"
    };
    let identical = margin.mean == 0.0 && low == 0.0 && high == 0.0;
    let names: Vec<&str> = r.schemes.iter().map(|s| s.name.as_str()).collect();
    let named = names.len() == 2 && (names[0] != "A" || names[1] != "B");
    let scheme = |index: usize, letter: &'static str| {
        let Some(s) = r.schemes.get(index) else { return html! {} };
        let inc = incremental(s, IncrementalKpi::Margin).cloned().unwrap_or_else(zero);
        let roi = incremental(s, IncrementalKpi::Roi).cloned().unwrap_or_else(zero);
        let (low, high) = bounds(&inc, level);
        let sentence = i18n::incremental_sentence(letter, inc.mean, low, high, roi.mean, level.percent(), lang);
        let side = letter.to_lowercase();
        html! {
            <div class={classes!("sim-incremental", format!("sim-incremental--{side}"))}
                data-testid={format!("sim-incremental-{side}")} data-value={format::raw(inc.mean)} data-roi={format::raw(roi.mean)}>
                <div class="sim-incremental__head">
                    <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{side}"))}>{ letter }</span>
                    <span class="sim-incremental__name">{ s.name.clone() }</span>
                </div>
                <div class="sim-incremental__figures">
                    <div>
                        <span class="sim-incremental__label">{ T::SimIncrementalMargin.get(lang) }</span>
                        <SpreadValue testid={format!("sim-incremental-margin-{side}")} spread={inc.clone()} kind={Kind::Money}
                            {level} signed={true} />
                    </div>
                    <div>
                        <span class="sim-incremental__label">{ T::SimRoi.get(lang) }</span>
                        <SpreadValue testid={format!("sim-roi-{side}")} spread={roi.clone()} kind={Kind::Ratio} {level} />
                    </div>
                </div>
                <p class="sim-incremental__text">{ sentence }</p>
            </div>
        }
    };
    html! {
        <section class={classes!("card", "sim-verdict", format!("sim-verdict--{winner}"))}>
            <p class="sim-verdict__kicker">{ T::SimVerdictTitle.get(lang) }</p>
            <p class="sim-verdict__sentence" data-testid="sim-verdict" data-value={format::raw(margin.mean)}
                data-low90={format::raw(margin.low90)} data-high90={format::raw(margin.high90)}
                data-low95={format::raw(margin.low95)} data-high95={format::raw(margin.high95)}
                data-p-better={format::raw(b_better(r))} data-winner={winner}>
                { i18n::verdict_sentence(&verdict, lang) }
            </p>
            if !identical {
                <p class="sim-verdict__certainty">{ i18n::certainty_sentence(low, high, level.percent(), lang) }</p>
            }
            if named {
                <p class="muted sim-verdict__names">{ format!("A = {} · B = {}", names[0], names[1]) }</p>
            }
            <div class="sim-incrementals">
                { scheme(0, "A") }
                { scheme(1, "B") }
            </div>
            <p class="help sim-verdict__help">{ T::SimIntervalHelp.get(lang) }</p>
        </section>
    }
}
