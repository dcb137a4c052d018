//! What keeping flagged customers out of tiering changes, for each compared scheme that does it:
//! customers per tier, benefit cost, margin and points liability with and without the exclusion (the
//! same purchases priced both ways). Props only.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::compare::{Comparison, ExclusionEffect};
use crate::ui::format;
use crate::ui::i18n::{flagged_held, Lang, Ops};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
    /// The letters of the schemes compared (`comparison.a`'s, then `comparison.b`'s).
    #[prop_or(['A', 'B'])]
    pub letters: [char; 2],
}

fn money_row(label: &str, with: f64, without: f64, lang: Lang, testid: &'static str) -> Html {
    let money = |v: f64| format::large(v, lang, format::money);
    html! {
        <tr data-testid={testid}>
            <th scope="row">{ label }</th>
            <td class="num">{ money(with) }</td>
            <td class="num">{ money(without) }</td>
            <td class="num">{ format::signed_money(with - without) }</td>
        </tr>
    }
}

fn effect_table(effect: &ExclusionEffect, letter: char, tier_names: &[String], lang: Lang) -> Html {
    let (with, without) = (&effect.with_exclusion, &effect.without_exclusion);
    let tiers = with.customers_per_tier.iter().zip(&without.customers_per_tier).enumerate().map(|(i, (w, wo))| {
        let name = tier_names.get(i).cloned().unwrap_or_else(|| (i + 1).to_string());
        html! {
            <tr data-testid="exclusion-tier">
                <th scope="row">{ format!("{} {name}", Ops::ExclusionTierRow.get(lang)) }</th>
                <td class="num">{ format::count(*w) }</td>
                <td class="num">{ format::count(*wo) }</td>
                <td class="num">{ format::signed_count(*w as i64 - *wo as i64) }</td>
            </tr>
        }
    });
    let caption = format!("{letter} · {} · {}", effect.scenario, flagged_held(effect.flagged, effect.excluded, lang));
    html! {
        <div class="table-scroll">
            <table class="table" data-testid={format!("exclusion-{}", effect.which.to_ascii_lowercase())}
                data-excluded={effect.excluded.to_string()}>
                <caption class="table__caption">{ caption }</caption>
                <thead><tr>
                    <td></td>
                    <th scope="col" class="num">{ Ops::ExclusionWith.get(lang) }</th>
                    <th scope="col" class="num">{ Ops::ExclusionWithout.get(lang) }</th>
                    <th scope="col" class="num">{ Ops::ExclusionChange.get(lang) }</th>
                </tr></thead>
                <tbody>
                    { for tiers }
                    { money_row(Ops::ExclusionCosts.get(lang), with.costs.total, without.costs.total, lang, "exclusion-cost") }
                    { money_row(Ops::ExclusionMargin.get(lang), with.margin_after_benefits, without.margin_after_benefits, lang, "exclusion-margin") }
                    if let (Some(w), Some(wo)) = (with.points_liability, without.points_liability) {
                        { money_row(Ops::ExclusionLiability.get(lang), w, wo, lang, "exclusion-liability") }
                    }
                </tbody>
            </table>
        </div>
    }
}

/// Nothing at all when no compared scheme excludes flagged customers.
#[function_component(ExclusionEffects)]
pub fn exclusion_effects(props: &Props) -> Html {
    let c = &props.comparison;
    if c.exclusion.is_empty() {
        return html! {};
    }
    let lang = props.lang;
    html! {
        <section class="card" data-testid="exclusion-effects">
            <h3 class="card__title">{ Ops::ExclusionTitle.get(lang) }</h3>
            { for c.exclusion.iter().map(|effect| {
                // The engine names the sides A and B; the page shows the schemes' own letters.
                let (outcome, letter) =
                    if effect.which == "B" { (&c.b, props.letters[1]) } else { (&c.a, props.letters[0]) };
                let names: Vec<String> = outcome.tiers.iter().map(|t| t.name.clone()).collect();
                effect_table(effect, letter, &names, lang)
            }) }
        </section>
    }
}
