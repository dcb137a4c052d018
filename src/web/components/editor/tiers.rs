//! Tier names and entry bounds: absolute scores, target shares or score quantiles; adding and
//! removing tiers keeps every per-tier list of the scenario the same length.

use strum::IntoEnumIterator;
use yew::prelude::*;

use super::ctx::{select, EditCtx};
use crate::engine::scenario::{Scenario, Thresholds};
use crate::ui::choices::ThresholdKind;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::tier_edits::{add_tier, remove_tier, switch_thresholds, MAX_TIERS, MIN_TIERS};
use crate::web::charts::palette::tier_colour;
use crate::web::components::number_input::NumberInput;

pub fn tier_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let scenario = &ctx.scenario;
    let tiers = scenario.tier_count();
    let kind = ThresholdKind::of(&scenario.tiers.thresholds);
    let on_kind = {
        let hint = ctx.hint.clone();
        ctx.on_select(move |s, key| {
            if let Some(kind) = key.parse::<ThresholdKind>().ok() {
                switch_thresholds(s, kind, hint.as_ref());
            }
        })
    };
    let kinds = ThresholdKind::iter()
        .map(|k| (k.as_ref().to_string(), i18n::threshold_kind_name(k, lang).to_string()))
        .collect();
    let effective: Vec<f64> = ctx.hint.as_ref().map(|h| h.lower_bounds.clone()).unwrap_or_default();
    let shares_sum: f64 = match &scenario.tiers.thresholds {
        Thresholds::TargetShares { percent } => percent.iter().sum(),
        _ => 0.0,
    };
    let entry_heading = match kind {
        ThresholdKind::Absolute => T::LowerBound,
        ThresholdKind::TargetShares => T::TargetShare,
        ThresholdKind::Quantiles => T::Quantile,
    };
    let rows = (0..tiers).map(|i| {
        let name = scenario.tiers.names.get(i).cloned().unwrap_or_default();
        let name_problem = ctx.problem(&format!("tiers.names[{i}]"));
        let on_name = ctx.on_text(move |s, text| {
            if let Some(slot) = s.tiers.names.get_mut(i) {
                *slot = text;
            }
        });
        let entry = entry_cell(ctx, i, &name, &effective);
        let remove = ctx.on_click(move |s| remove_tier(s, i));
        html! {
            <tr>
                <td><div class="tier-cell">
                    <span class="tier-dot" style={format!("background:{}", tier_colour(i))}></span>
                    <span class="tier-cell__input">
                        <input type="text" class={classes!("input", name_problem.is_some().then_some("input--invalid"))}
                            value={name.clone()} data-testid={format!("tier-name-{i}")}
                            aria-label={format!("{} {}", T::TierName.get(lang), i + 1)} oninput={on_name} />
                        if let Some(p) = name_problem { <span class="field-error" role="alert">{ p }</span> }
                    </span>
                </div></td>
                <td>{ entry }</td>
                <td class="tier-table__remove">
                    if tiers > MIN_TIERS {
                        <button type="button" class="icon-button" data-testid={format!("remove-tier-{i}")}
                            title={T::RemoveTier.get(lang)} aria-label={format!("{} {name}", T::RemoveTier.get(lang))}
                            onclick={remove}>{ "×" }</button>
                    }
                </td>
            </tr>
        }
    });
    let add = ctx.on_click(add_tier);
    html! {
        <>
            <label class="field field--inline">
                <span class="field__label">{ T::ThresholdMode.get(lang) }</span>
                { select("threshold-kind", T::ThresholdMode.get(lang), kinds, kind.as_ref(), on_kind) }
            </label>
            <p class="help">{ match kind {
                ThresholdKind::Absolute => T::AbsoluteHelp.get(lang),
                ThresholdKind::TargetShares => T::SharesHelp.get(lang),
                ThresholdKind::Quantiles => T::QuantilesHelp.get(lang),
            } }</p>
            <div class="table-scroll">
                <table class="table tier-table">
                    <thead>
                        <tr>
                            <th>{ T::TierName.get(lang) }</th>
                            <th>{ entry_heading.get(lang) }</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                    if kind == ThresholdKind::TargetShares {
                        <tfoot>
                            <tr>
                                <td class="muted">{ T::SharesSum.get(lang) }</td>
                                <td class={classes!("num", ((shares_sum - 100.0).abs() >= 0.01).then_some("text-error"))}
                                    data-testid="shares-sum">{ format::percent(shares_sum) }</td>
                                <td></td>
                            </tr>
                        </tfoot>
                    }
                </table>
            </div>
            { ctx.problem_lines(&["tiers.names", "tiers.thresholds.percent", "tiers.thresholds.lower_bounds", "tiers.thresholds.quantiles", "benefits"]) }
            if tiers < MAX_TIERS {
                <button type="button" class="button button--small button--ghost add-tier" data-testid="add-tier"
                    onclick={add}>{ "+ " }{ T::AddTier.get(lang) }</button>
            }
        </>
    }
}

/// The entry setting of tier `i`: its bound, share or quantile, and where it lands in the data.
fn entry_cell(ctx: &EditCtx, i: usize, name: &str, effective: &[f64]) -> Html {
    let lang = ctx.lang;
    let bound_hint = i.checked_sub(1).and_then(|b| effective.get(b)).filter(|b| b.is_finite()).map(|bound| {
        html! {
            <span class="bound-hint" title={T::EffectiveBound.get(lang)}>{ format!("≥ {}", format::score(*bound)) }</span>
        }
    });
    match &ctx.scenario.tiers.thresholds {
        Thresholds::Absolute { .. } if i == 0 => html! { <span class="muted">{ T::LowestTierBound.get(lang) }</span> },
        Thresholds::Absolute { lower_bounds } => html! {
            <NumberInput value={lower_bounds.get(i - 1).copied().unwrap_or(f64::NAN)}
                testid={format!("bound-{}", i - 1)} label={format!("{name} · {}", T::LowerBound.get(lang))}
                problem={ctx.problem(&format!("tiers.thresholds.lower_bounds[{}]", i - 1))}
                on_commit={ctx.on_number(move |s, v| {
                    if let Thresholds::Absolute { lower_bounds } = &mut s.tiers.thresholds {
                        if let Some(slot) = lower_bounds.get_mut(i - 1) { *slot = v; }
                    }
                })} />
        },
        Thresholds::TargetShares { percent } => html! {
            <>
                <NumberInput value={percent.get(i).copied().unwrap_or(f64::NAN)}
                    testid={format!("share-{i}")} label={format!("{name} · {}", T::TargetShare.get(lang))}
                    problem={ctx.problem(&format!("tiers.thresholds.percent[{i}]"))} suffix="%"
                    on_commit={ctx.on_number(move |s, v| {
                        if let Thresholds::TargetShares { percent } = &mut s.tiers.thresholds {
                            if let Some(slot) = percent.get_mut(i) { *slot = v; }
                        }
                    })} />
                { for bound_hint }
            </>
        },
        Thresholds::Quantiles { .. } if i == 0 => html! { <span class="muted">{ T::LowestTierBound.get(lang) }</span> },
        Thresholds::Quantiles { quantiles } => html! {
            <>
                <NumberInput value={quantiles.get(i - 1).copied().unwrap_or(f64::NAN)}
                    testid={format!("quantile-{}", i - 1)} label={format!("{name} · {}", T::Quantile.get(lang))}
                    problem={ctx.problem(&format!("tiers.thresholds.quantiles[{}]", i - 1))}
                    on_commit={ctx.on_number(move |s, v| {
                        if let Thresholds::Quantiles { quantiles } = &mut s.tiers.thresholds {
                            if let Some(slot) = quantiles.get_mut(i - 1) { *slot = v; }
                        }
                    })} />
                { for bound_hint }
            </>
        },
    }
}

/// One line for the section header: "4 tiers · shares 60 / 25 / 10 / 5 %".
pub fn summary(scenario: &Scenario, lang: Lang) -> String {
    let count = i18n::tier_count_label(scenario.tier_count(), lang);
    let list =
        |values: &[f64], show: fn(f64) -> String| values.iter().map(|v| show(*v)).collect::<Vec<_>>().join(" / ");
    let detail = match &scenario.tiers.thresholds {
        Thresholds::Absolute { lower_bounds } => {
            format!("{} {}", lang.pick("from", "起点"), list(lower_bounds, format::plain))
        }
        Thresholds::TargetShares { percent } => {
            format!("{} {} %", lang.pick("shares", "占比"), list(percent, format::plain))
        }
        Thresholds::Quantiles { quantiles } => {
            format!("{} {}", lang.pick("quantiles", "分位点"), list(quantiles, format::plain))
        }
    };
    format!("{count} · {detail}")
}
