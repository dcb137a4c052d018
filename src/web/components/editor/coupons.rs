//! Coupons per tier: value, minimum spend, coupons a month and the share redeemed (costed on
//! redemption; in the simulator they pull like a discount on the orders that use them).

use yew::prelude::*;

use super::ctx::EditCtx;
use crate::engine::scenario::Coupons;
use crate::ui::i18n::QualificationText as Q;
use crate::ui::tier_edits::set_coupons;
use crate::web::charts::palette::tier_colour;
use crate::web::components::number_input::NumberInput;

pub fn coupon_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let scenario = &ctx.scenario;
    let rows = (0..scenario.tier_count()).map(|i| {
        let name = scenario.tiers.names.get(i).cloned().unwrap_or_default();
        let coupons = scenario.benefits.get(i).and_then(|b| b.coupons.clone());
        let on_toggle = ctx.on_check(move |s, on| set_coupons(s, i, on));
        let cell = |what: Q, key: &'static str, value: f64, suffix: Option<&'static str>, change: fn(&mut Coupons, f64)| {
            html! {
                <td>
                    <NumberInput {value} testid={format!("coupon-{key}-{i}")} suffix={suffix.map(AttrValue::from)}
                        label={format!("{name} · {}", what.get(lang))}
                        problem={ctx.problem(&format!("benefits[{i}].coupons.{key}"))}
                        on_commit={ctx.on_number(move |s, v| {
                            if let Some(c) = s.benefits.get_mut(i).and_then(|b| b.coupons.as_mut()) { change(c, v); }
                        })} />
                </td>
            }
        };
        html! {
            <tr>
                <td class="benefit-table__tier">
                    <span class="tier-dot" style={format!("background:{}", tier_colour(i))}></span>{ name.clone() }
                </td>
                <td class="center">
                    <input type="checkbox" class="checkbox" checked={coupons.is_some()}
                        data-testid={format!("coupons-{i}")}
                        aria-label={format!("{name} · {}", Q::Coupons.get(lang))} onchange={on_toggle} />
                </td>
                if let Some(c) = &coupons {
                    { cell(Q::CouponValue, "value", c.value, None, |c, v| c.value = v) }
                    { cell(Q::CouponMinSpend, "min_spend", c.min_spend, None, |c, v| c.min_spend = v) }
                    { cell(Q::CouponsPerMonth, "per_month", c.per_month, None, |c, v| c.per_month = v) }
                    { cell(Q::CouponRedemption, "redemption_percent", c.redemption_percent, Some("%"), |c, v| c.redemption_percent = v) }
                } else {
                    <td colspan="4"></td>
                }
            </tr>
        }
    });
    html! {
        <>
            <h4 class="subsection-title">{ Q::Coupons.get(lang) }</h4>
            <div class="table-scroll">
                <table class="table tier-table benefit-table" data-testid="coupon-table">
                    <thead>
                        <tr>
                            <th></th>
                            <th class="center">{ Q::Coupons.get(lang) }</th>
                            <th>{ Q::CouponValue.get(lang) }</th>
                            <th>{ Q::CouponMinSpend.get(lang) }</th>
                            <th>{ Q::CouponsPerMonth.get(lang) }</th>
                            <th>{ Q::CouponRedemption.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </>
    }
}
