//! The points program: how points are earned (per currency unit, per event), held (pending days),
//! lost (expiry), spent (redemption) and valued (cost per point, breakage), and the yearly bonus
//! per tier.

use strum::IntoEnumIterator;
use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use super::ctx::{select, EditCtx, NumberField};
use crate::engine::roles::EventKind;
use crate::engine::scenario::{EventPoints, Expiry, LevelBonus, Redemption, Scenario};
use crate::ui::choices::{ExpiryKind, RedemptionKind};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::web::charts::palette::tier_colour;
use crate::web::components::number_input::NumberInput;

/// Events that can earn points (purchases earn per currency unit; refunds take points back).
const EARNING_EVENTS: [EventKind; 5] =
    [EventKind::Review, EventKind::View, EventKind::Cart, EventKind::Favorite, EventKind::Order];

pub fn points_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let points = &ctx.scenario.points;
    let expiries =
        ExpiryKind::iter().map(|k| (k.as_ref().to_string(), i18n::expiry_kind_name(k, lang).to_string())).collect();
    let on_expiry = ctx.on_select(|s, key| {
        if let Some(kind) = key.parse::<ExpiryKind>().ok() {
            if kind != ExpiryKind::of(&s.points.expiry) {
                s.points.expiry = kind.starting_point();
            }
        }
    });
    let redemptions = RedemptionKind::iter()
        .map(|k| (k.as_ref().to_string(), i18n::redemption_kind_name(k, lang).to_string()))
        .collect();
    let on_redemption = ctx.on_select(|s, key| {
        if let Some(kind) = key.parse::<RedemptionKind>().ok() {
            if kind != RedemptionKind::of(&s.points.redemption) {
                s.points.redemption = kind.starting_point();
            }
        }
    });
    html! {
        <>
            <h4 class="subsection-title">{ T::EarningTitle.get(lang) }</h4>
            <div class="form-grid form-grid--3">
                { ctx.number_field(NumberField::new(T::PointsPerUnit.get(lang), "points-per-unit", "points.per_currency_unit", points.per_currency_unit),
                    |s, v| s.points.per_currency_unit = v) }
                { ctx.count_field(NumberField::new(T::PendingDays.get(lang), "pending-days", "points.pending_days", f64::from(points.pending_days)),
                    |s, v| s.points.pending_days = v) }
            </div>
            { event_rows(ctx) }

            <h4 class="subsection-title">{ T::ExpiryTitle.get(lang) }</h4>
            <div class="form-grid form-grid--2">
                { ctx.select_field(T::ExpiryLabel.get(lang), "expiry-kind", expiries, ExpiryKind::of(&points.expiry).as_ref(), on_expiry) }
                { match points.expiry {
                    Expiry::Never => html! {},
                    Expiry::MonthsAfterEarning { months } => ctx.count_field(
                        NumberField::new(T::ExpiryMonths.get(lang), "expiry-months", "points.expiry.months", f64::from(months)),
                        |s, v| s.points.expiry = Expiry::MonthsAfterEarning { months: v }),
                    Expiry::EndOfYear { years_after } => ctx.count_field(
                        NumberField::new(T::ExpiryYears.get(lang), "expiry-years", "points.expiry.years_after", f64::from(years_after)),
                        |s, v| s.points.expiry = Expiry::EndOfYear { years_after: v }),
                } }
            </div>

            <h4 class="subsection-title">{ T::RedemptionTitle.get(lang) }</h4>
            <div class="form-grid form-grid--2">
                { ctx.select_field(T::RedemptionLabel.get(lang), "redemption-kind", redemptions, RedemptionKind::of(&points.redemption).as_ref(), on_redemption) }
                { match points.redemption {
                    Redemption::None => html! {},
                    Redemption::InBlocks { block } => ctx.number_field(
                        NumberField::new(T::RedemptionBlock.get(lang), "redemption-block", "points.redemption.block", block),
                        |s, v| s.points.redemption = Redemption::InBlocks { block: v }),
                    Redemption::MonthlyShare { percent } => ctx.number_field(
                        NumberField::new(T::RedemptionPercent.get(lang), "redemption-percent", "points.redemption.percent", percent).suffix("%"),
                        |s, v| s.points.redemption = Redemption::MonthlyShare { percent: v }),
                } }
            </div>

            <h4 class="subsection-title">{ T::PointValueTitle.get(lang) }</h4>
            <div class="form-grid form-grid--3">
                { ctx.number_field(NumberField::new(T::PointCost.get(lang), "point-cost", "points.point_cost", points.point_cost),
                    |s, v| s.points.point_cost = v) }
                { ctx.number_field(NumberField::new(T::Breakage.get(lang), "breakage", "points.breakage_percent", points.breakage_percent).suffix("%"),
                    |s, v| s.points.breakage_percent = v) }
            </div>
            <p class="help">{ T::BreakageHelp.get(lang) }</p>

            { level_bonus(ctx) }
            { segment_multipliers(ctx) }
        </>
    }
}

fn event_rows(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let events = &ctx.scenario.points.per_event;
    let unused = EARNING_EVENTS.iter().copied().find(|k| !events.iter().any(|e| e.event == *k));
    let add = unused.map(|event| ctx.on_click(move |s| s.points.per_event.push(EventPoints { event, points: 10.0 })));
    let kinds: Vec<(String, String)> =
        EARNING_EVENTS.iter().map(|k| (k.key().to_string(), i18n::event_kind_name(*k, lang).to_string())).collect();
    html! {
        <div class="event-points">
            { for events.iter().enumerate().map(|(i, e)| {
                let on_kind = ctx.on_select(move |s, key| {
                    if let (Some(slot), Some(kind)) = (s.points.per_event.get_mut(i), EventKind::ALL.iter().find(|k| k.key() == key)) {
                        slot.event = *kind;
                    }
                });
                let remove = ctx.on_click(move |s| if i < s.points.per_event.len() { s.points.per_event.remove(i); });
                let event_problem = ctx.problem(&format!("points.per_event[{i}].event"));
                html! {
                    <div class="event-points__row">
                        <span class="event-points__kind">
                            { select(format!("event-kind-{i}"), T::PointsPerEvent.get(lang), kinds.clone(), e.event.key(), on_kind) }
                            if let Some(p) = event_problem { <span class="field-error" role="alert">{ p }</span> }
                        </span>
                        <NumberInput value={e.points} testid={format!("event-points-{i}")}
                            label={format!("{} · {}", i18n::event_kind_name(e.event, lang), T::PointsPerEvent.get(lang))}
                            suffix={lang.pick("pts", "分")}
                            problem={ctx.problem(&format!("points.per_event[{i}].points"))}
                            on_commit={ctx.on_number(move |s, v| if let Some(slot) = s.points.per_event.get_mut(i) { slot.points = v })} />
                        <button type="button" class="icon-button" data-testid={format!("remove-event-{i}")}
                            title={T::RemoveTerm.get(lang)} aria-label={T::RemoveTerm.get(lang)} onclick={remove}>{ "×" }</button>
                    </div>
                }
            }) }
            if let Some(add) = add {
                <ActionButton class="button button--small button--ghost" testid="add-event-points" onclick={add} label={format!("+ {}", T::AddEventPoints.get(lang))} />
            }
        </div>
    }
}

/// Seed 001's benefit level: `base + k × (top − base)` per tier, with the points it gives.
fn level_bonus(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let bonus = ctx.scenario.points.level_bonus.as_ref();
    let on_enabled = ctx.on_check(|s, on| {
        s.points.level_bonus = on.then(|| {
            // Seed 001: base 100, top 150; k rising from 0 by 0.6 per tier (Silver 0.6 ... ).
            let k = (0..s.tier_count()).map(|i| (i as f64 * 0.6 * 10.0).round() / 10.0).collect();
            LevelBonus { base: 100.0, top: 150.0, k }
        });
    });
    html! {
        <>
            <h4 class="subsection-title">{ T::LevelBonusTitle.get(lang) }</h4>
            <label class="check">
                <input type="checkbox" class="checkbox" checked={bonus.is_some()} data-testid="level-bonus-enabled" onchange={on_enabled} />
                <span>{ T::LevelBonusEnable.get(lang) }</span>
            </label>
            if let Some(bonus) = bonus {
                <p class="formula">{ "bonus = base + k × (top − base)" }</p>
                <div class="form-grid form-grid--3">
                    { ctx.number_field(NumberField::new(T::BonusBase.get(lang), "bonus-base", "points.level_bonus.base", bonus.base),
                        |s, v| if let Some(b) = &mut s.points.level_bonus { b.base = v }) }
                    { ctx.number_field(NumberField::new(T::BonusTop.get(lang), "bonus-top", "points.level_bonus.top", bonus.top),
                        |s, v| if let Some(b) = &mut s.points.level_bonus { b.top = v }) }
                </div>
                <table class="table table--compact bonus-table">
                    <thead>
                        <tr>
                            <th>{ T::Tier.get(lang) }</th>
                            <th>{ "k" }</th>
                            <th class="num">{ T::BonusPoints.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for bonus.k.iter().enumerate().map(|(i, k)| {
                            let name = ctx.scenario.tiers.names.get(i).cloned().unwrap_or_default();
                            let points = bonus.base + k * (bonus.top - bonus.base);
                            html! {
                                <tr>
                                    <td><span class="tier-dot" style={format!("background:{}", tier_colour(i))}></span>{ name.clone() }</td>
                                    <td>
                                        <NumberInput value={*k} testid={format!("bonus-k-{i}")} label={format!("{name} · k")}
                                            problem={ctx.problem(&format!("points.level_bonus.k[{i}]"))}
                                            on_commit={ctx.on_number(move |s, v| {
                                                if let Some(slot) = s.points.level_bonus.as_mut().and_then(|b| b.k.get_mut(i)) { *slot = v }
                                            })} />
                                    </td>
                                    <td class="num" data-testid={format!("bonus-points-{i}")} data-value={format::raw(points)}>
                                        <span class="muted">{ format!("{} + {} × ({} − {}) = ", format::plain(bonus.base), format::plain(*k),
                                            format::plain(bonus.top), format::plain(bonus.base)) }</span>
                                        <strong>{ format::plain(points) }</strong>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                { ctx.problem_lines(&["points.level_bonus.k"]) }
            }
        </>
    }
}

/// Segment multipliers come only from imported files (the page has no editor for them yet): say
/// they are there, and show their problems, so nothing in the scenario acts unseen.
fn segment_multipliers(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let Some(rule) = &ctx.scenario.points.segment_multipliers else { return html! {} };
    let source = match &rule.source {
        crate::engine::scenario::SegmentSource::Rfm => T::RfmSegments.get(lang).to_string(),
        crate::engine::scenario::SegmentSource::Column { name } => name.clone(),
    };
    let list: Vec<String> = rule
        .multipliers
        .iter()
        .map(|m| format!("{} × {}", i18n::segment_label(&m.segment, lang), format::plain(m.multiplier)))
        .collect();
    html! {
        <>
            <h4 class="subsection-title">{ T::SegmentMultipliers.get(lang) }</h4>
            <p class="help" data-testid="segment-multipliers">{ format!("{source}: {}", list.join(lang.pick(", ", "、"))) }</p>
            { ctx.problems_under("points.segment_multipliers") }
        </>
    }
}

/// One line for the section header: "1 per unit · expire after 12 months · blocks of 500".
pub fn summary(scenario: &Scenario, lang: Lang) -> String {
    let p = &scenario.points;
    let earn = match lang {
        Lang::En => format!("{} per unit", format::plain(p.per_currency_unit)),
        Lang::Zh => format!("每元 {} 分", format::plain(p.per_currency_unit)),
    };
    let expiry = match (p.expiry, lang) {
        (Expiry::Never, _) => lang.pick("never expire", "永不过期").to_string(),
        (Expiry::MonthsAfterEarning { months }, Lang::En) => format!("expire after {months} months"),
        (Expiry::MonthsAfterEarning { months }, Lang::Zh) => format!("{months} 个月后过期"),
        (Expiry::EndOfYear { years_after }, Lang::En) => {
            format!("expire at {}", i18n::year_end_name(years_after, lang))
        }
        (Expiry::EndOfYear { years_after }, Lang::Zh) => format!("{}过期", i18n::year_end_name(years_after, lang)),
    };
    let redemption = match (p.redemption, lang) {
        (Redemption::None, _) => lang.pick("no redemptions", "不兑换").to_string(),
        (Redemption::InBlocks { block }, Lang::En) => format!("redeemed in blocks of {}", format::plain(block)),
        (Redemption::InBlocks { block }, Lang::Zh) => format!("按 {} 分整块兑换", format::plain(block)),
        (Redemption::MonthlyShare { percent }, Lang::En) => format!("{} redeemed monthly", format::percent(percent)),
        (Redemption::MonthlyShare { percent }, Lang::Zh) => format!("每月兑换 {}", format::percent(percent)),
    };
    format!("{earn} · {expiry} · {redemption}")
}
