//! The second qualifying criterion: orders or spend in the same window, needed with the score
//! (and) or instead of it (or), with its own bounds to enter and to keep each tier.

use yew::prelude::*;

use super::ctx::EditCtx;
use crate::engine::scenario::{Combine, CriterionMeasure, Scenario};
use crate::ui::i18n::{self, QualificationText as Q};
use crate::ui::tier_edits::{set_second_measure, set_second_retain};

const MEASURES: [CriterionMeasure; 2] = [CriterionMeasure::Orders, CriterionMeasure::Spend];
const COMBINES: [Combine; 2] = [Combine::Or, Combine::And];

fn measure_key(measure: CriterionMeasure) -> &'static str {
    match measure {
        CriterionMeasure::Orders => "orders",
        CriterionMeasure::Spend => "spend",
    }
}

fn combine_key(combine: Combine) -> &'static str {
    match combine {
        Combine::And => "and",
        Combine::Or => "or",
    }
}

pub fn second_criterion_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let second = ctx.scenario.tiers.second_criterion.clone();
    let mut measures = vec![("none".to_string(), Q::SecondNone.get(lang).to_string())];
    measures.extend(MEASURES.iter().map(|m| (measure_key(*m).to_string(), i18n::measure_name(*m, lang).to_string())));
    let on_measure = ctx.on_select(|s, key| {
        let measure = MEASURES.iter().copied().find(|m| measure_key(*m) == key);
        set_second_measure(s, measure);
    });
    let selected = second.as_ref().map_or("none", |s| measure_key(s.measure));
    html! {
        <>
            <h4 class="subsection-title">{ Q::SecondCriterion.get(lang) }</h4>
            <div class="form-grid form-grid--2">
                { ctx.select_field(Q::SecondMeasure.get(lang), "second-measure", measures, selected, on_measure) }
                if let Some(second) = &second {
                    { combine_select(ctx, second.combine) }
                }
            </div>
            if let Some(second) = &second {
                { ctx.bound_row(&second.lower_bounds, "second-bound", Q::SecondEntry.get(lang),
                    "tiers.second_criterion.lower_bounds", |s, i, v| set_bound(s, i, v, false)) }
                <label class="field field--inline">
                    <input type="checkbox" class="checkbox" checked={second.retain_bounds.is_some()}
                        data-testid="second-retain-separate" aria-label={Q::SecondRetain.get(lang)}
                        onchange={ctx.on_check(set_second_retain)} />
                    <span>{ Q::SecondRetain.get(lang) }</span>
                </label>
                if let Some(retain) = &second.retain_bounds {
                    { ctx.bound_row(retain, "second-retain", Q::SecondRetain.get(lang),
                        "tiers.second_criterion.retain_bounds", |s, i, v| set_bound(s, i, v, true)) }
                }
            }
            <p class="help">{ Q::SecondCriterionHint.get(lang) }</p>
        </>
    }
}

fn combine_select(ctx: &EditCtx, combine: Combine) -> Html {
    let lang = ctx.lang;
    let options =
        COMBINES.iter().map(|c| (combine_key(*c).to_string(), i18n::combine_name(*c, lang).to_string())).collect();
    let on_combine = ctx.on_select(|s, key| {
        if let (Some(second), Some(combine)) =
            (&mut s.tiers.second_criterion, COMBINES.iter().copied().find(|c| combine_key(*c) == key))
        {
            second.combine = combine;
        }
    });
    ctx.select_field(Q::Combine.get(lang), "second-combine", options, combine_key(combine), on_combine)
}

/// Bound `i` of the entry or the retain list.
fn set_bound(s: &mut Scenario, i: usize, v: f64, retain: bool) {
    if let Some(second) = &mut s.tiers.second_criterion {
        let list = if retain { second.retain_bounds.as_mut() } else { Some(&mut second.lower_bounds) };
        if let Some(slot) = list.and_then(|l| l.get_mut(i)) {
            *slot = v;
        }
    }
}
