//! What each tier gets (discount, points multiplier, free shipping, gifts) and the economics the
//! costs are priced with.

use yew::prelude::*;

use crate::web::components::card::ScrollTable;

use super::ctx::{EditCtx, NumberField};
use crate::engine::scenario::{Scenario, TierBenefits};
use crate::ui::format;
use crate::ui::i18n::{Lang, T};
use crate::web::charts::palette::tier_colour;
use crate::web::components::number_input::NumberInput;

pub fn benefit_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let scenario = &ctx.scenario;
    let rows = (0..scenario.tier_count()).map(|i| {
        let name = scenario.tiers.names.get(i).cloned().unwrap_or_default();
        let benefit = scenario.benefits.get(i).cloned().unwrap_or_else(crate::ui::tier_edits::blank_benefits);
        let set = |change: fn(&mut TierBenefits, f64)| {
            ctx.on_number(move |s, v| {
                if let Some(b) = s.benefits.get_mut(i) {
                    change(b, v);
                }
            })
        };
        let on_shipping = ctx.on_check(move |s, checked| {
            if let Some(b) = s.benefits.get_mut(i) {
                b.free_shipping = checked;
            }
        });
        html! {
            <tr>
                <td class="benefit-table__tier">
                    <span class="tier-dot" style={format!("background:{}", tier_colour(i))}></span>{ name.clone() }
                </td>
                <td>
                    <NumberInput value={benefit.discount_percent} testid={format!("discount-{i}")} suffix="%"
                        label={format!("{name} · {}", T::Discount.get(lang))}
                        problem={ctx.problem(&format!("benefits[{i}].discount_percent"))}
                        on_commit={set(|b, v| b.discount_percent = v)} />
                </td>
                <td>
                    <NumberInput value={benefit.points_multiplier} testid={format!("multiplier-{i}")} suffix="×"
                        label={format!("{name} · {}", T::Multiplier.get(lang))}
                        problem={ctx.problem(&format!("benefits[{i}].points_multiplier"))}
                        on_commit={set(|b, v| b.points_multiplier = v)} />
                </td>
                <td class="center">
                    <input type="checkbox" class="checkbox" checked={benefit.free_shipping}
                        data-testid={format!("free-shipping-{i}")}
                        aria-label={format!("{name} · {}", T::FreeShipping.get(lang))} onchange={on_shipping} />
                </td>
                <td>
                    <NumberInput value={benefit.gift_cost_per_year} testid={format!("gift-{i}")}
                        label={format!("{name} · {}", T::GiftCost.get(lang))}
                        problem={ctx.problem(&format!("benefits[{i}].gift_cost_per_year"))}
                        on_commit={set(|b, v| b.gift_cost_per_year = v)} />
                </td>
            </tr>
        }
    });
    html! {
        <>
        <ScrollTable class="tier-table benefit-table" head={html! {
            <tr>
                <th>{ T::TierName.get(lang) }</th>
                <th>{ T::Discount.get(lang) }</th>
                <th>{ T::Multiplier.get(lang) }</th>
                <th class="center">{ T::FreeShipping.get(lang) }</th>
                <th>{ T::GiftCost.get(lang) }</th>
            </tr>
        }}>
            { for rows }
        </ScrollTable>
        { super::coupons::coupon_settings(ctx) }
        </>
    }
}

pub fn economics_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let e = &ctx.scenario.economics;
    html! {
        <div class="form-grid form-grid--2">
            { ctx.number_field(NumberField::new(T::ShippingCost.get(lang), "shipping-cost", "economics.shipping_cost_per_order", e.shipping_cost_per_order),
                |s, v| s.economics.shipping_cost_per_order = v) }
            { ctx.number_field(NumberField::new(T::GrossMargin.get(lang), "gross-margin", "economics.gross_margin_percent", e.gross_margin_percent).suffix("%"),
                |s, v| s.economics.gross_margin_percent = v) }
        </div>
    }
}

/// "discount 0–8 % · free shipping from 金牌 Gold".
pub fn benefits_summary(scenario: &Scenario, lang: Lang) -> String {
    let discounts: Vec<f64> = scenario.benefits.iter().map(|b| b.discount_percent).collect();
    let low = discounts.iter().copied().fold(f64::INFINITY, f64::min);
    let high = discounts.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let discount = if low == high {
        format!("{} {}", lang.pick("discount", "折扣"), format::percent(low))
    } else {
        format!("{} {}–{}", lang.pick("discount", "折扣"), format::plain(low), format::percent(high))
    };
    let shipping = scenario.benefits.iter().position(|b| b.free_shipping).map(|i| {
        let name = scenario.tiers.names.get(i).cloned().unwrap_or_default();
        match lang {
            Lang::En => format!(" · free shipping from {name}"),
            Lang::Zh => format!(" · {name}起包邮"),
        }
    });
    format!("{discount}{}", shipping.unwrap_or_default())
}

/// "shipping 8.00 per order · margin 30 %".
pub fn economics_summary(scenario: &Scenario, lang: Lang) -> String {
    let e = &scenario.economics;
    match lang {
        Lang::En => format!(
            "shipping {} per order · gross margin {}",
            format::money(e.shipping_cost_per_order),
            format::percent(e.gross_margin_percent)
        ),
        Lang::Zh => format!(
            "每单运费 {} · 毛利率 {}",
            format::money(e.shipping_cost_per_order),
            format::percent(e.gross_margin_percent)
        ),
    }
}
