//! The second qualifying criterion: orders or spend in the same window, needed with the score
//! (and) or instead of it (or), with its own bounds to enter and to keep each tier.

use yew::prelude::*;

use super::ctx::EditCtx;
use crate::engine::scenario::{Combine, CriterionMeasure};
use crate::ui::i18n::{self, QualificationText as Q};
use crate::ui::tier_edits::{set_second_measure, set_second_retain};
use crate::web::components::number_input::NumberInput;

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
                { bound_row(ctx, Q::SecondEntry.get(lang), "second-bound", "tiers.second_criterion.lower_bounds", &second.lower_bounds, false) }
                <label class="field field--inline">
                    <input type="checkbox" class="checkbox" checked={second.retain_bounds.is_some()}
                        data-testid="second-retain-separate" aria-label={Q::SecondRetain.get(lang)}
                        onchange={ctx.on_check(set_second_retain)} />
                    <span>{ Q::SecondRetain.get(lang) }</span>
                </label>
                if let Some(retain) = &second.retain_bounds {
                    { bound_row(ctx, Q::SecondRetain.get(lang), "second-retain", "tiers.second_criterion.retain_bounds", retain, true) }
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

/// One input per tier above the first.
fn bound_row(ctx: &EditCtx, what: &'static str, testid: &'static str, path: &'static str, bounds: &[f64], retain: bool) -> Html {
    let names = &ctx.scenario.tiers.names;
    html! {
        <>
            <div class="bound-row">
                { for bounds.iter().enumerate().map(|(i, bound)| {
                    let name = names.get(i + 1).cloned().unwrap_or_else(|| format!("#{}", i + 2));
                    html! {
                        <label class="field">
                            <span class="field__label">{ name.clone() }</span>
                            <NumberInput value={*bound} testid={format!("{testid}-{i}")}
                                label={format!("{name} · {what}")}
                                problem={ctx.problem(&format!("{path}[{i}]"))}
                                on_commit={ctx.on_number(move |s, v| {
                                    if let Some(second) = &mut s.tiers.second_criterion {
                                        let list = if retain { second.retain_bounds.as_mut() } else { Some(&mut second.lower_bounds) };
                                        if let Some(slot) = list.and_then(|l| l.get_mut(i)) { *slot = v; }
                                    }
                                })} />
                        </label>
                    }
                }) }
            </div>
            { ctx.problem_lines(&[path]) }
        </>
    }
}
