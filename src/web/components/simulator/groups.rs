//! Results by customer segment and demographic group, and fairness: groups that reach the top tier
//! or receive benefits far less often than the best-served group of their kind (below 0.8 of it,
//! the four-fifths rule) are flagged and said in a sentence.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::ScrollTable;

use crate::engine::simulate::groups::{Dimension, GroupStat, FAIRNESS_RATIO};
use crate::engine::simulate::{scheme_letter, SchemeResult, SimulationResult};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub result: Rc<SimulationResult>,
    pub lang: Lang,
}

const DIMENSIONS: [Dimension; 4] = [Dimension::Gender, Dimension::AgeBand, Dimension::City, Dimension::RfmSegment];

fn dimension_key(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Gender => "gender",
        Dimension::City => "city",
        Dimension::AgeBand => "age",
        Dimension::RfmSegment => "rfm",
    }
}

/// One sentence per shortfall of a flagged demographic group, against the best-served group.
pub fn fairness_findings(scheme: &SchemeResult, lang: Lang) -> Vec<String> {
    let mut findings = Vec::new();
    for dimension in DIMENSIONS.into_iter().filter(|d| d.is_demographic()) {
        let groups: Vec<&GroupStat> = scheme.groups.iter().filter(|g| g.dimension == dimension).collect();
        let best_by = |value: fn(&GroupStat) -> f64| {
            groups
                .iter()
                .copied()
                .max_by(|x, y| value(x).total_cmp(&value(y)))
                .map(|g| i18n::group_label(dimension, &g.group, lang))
        };
        let (best_top, best_benefit) = (best_by(|g| g.top_tier_share), best_by(|g| g.benefit_per_customer));
        for g in groups.iter().filter(|g| g.flagged) {
            let label = i18n::group_label(dimension, &g.group, lang);
            if g.top_tier_flagged {
                if let Some(best) = &best_top {
                    findings.push(i18n::top_tier_fairness(&label, best, g.top_tier_ratio, lang));
                }
            }
            if g.benefit_flagged {
                if let Some(best) = &best_benefit {
                    findings.push(i18n::benefit_fairness(&label, best, g.benefit_ratio, lang));
                }
            }
        }
    }
    findings
}

#[function_component(GroupsPanel)]
pub fn groups_panel(props: &Props) -> Html {
    let lang = props.lang;
    let shown_side = use_state(|| 0usize);
    let r = &props.result;
    let Some(scheme) = r.schemes.get(*shown_side) else { return html! {} };
    let letter = scheme_letter(*shown_side);
    let side_button = |index: usize| {
        let selected = *shown_side == index;
        let handle = shown_side.clone();
        let onclick = Callback::from(move |_: MouseEvent| handle.set(index));
        let letter = scheme_letter(index);
        let side = letter.to_lowercase();
        let name = r.schemes.get(index).map(|s| s.name.clone()).unwrap_or_default();
        html! {
            <button type="button" role="radio" aria-checked={selected.to_string()}
                class={classes!("segmented__item", selected.then_some("segmented__item--on"))}
                data-testid={format!("sim-groups-side-{side}")} {onclick}>
                <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{side}"))}>{ letter }</span>{ name }
            </button>
        }
    };
    let table = |dimension: Dimension| {
        let rows: Vec<&GroupStat> = scheme.groups.iter().filter(|g| g.dimension == dimension).collect();
        if rows.is_empty() {
            return html! {};
        }
        let demographic = dimension.is_demographic();
        let key = dimension_key(dimension);
        html! {
            <div class="sim-group-table">
                <h4 class="subsection-title">{ i18n::dimension_name(dimension, lang) }
                    if !demographic { <span class="subsection-title__note">{ T::SimSegmentNote.get(lang) }</span> }
                </h4>
                <ScrollTable class="table--compact" head={html! {
                    <tr>
                        <th>{ i18n::dimension_name(dimension, lang) }</th>
                        <th class="num">{ T::Customers.get(lang) }</th>
                        <th class="num">{ T::SimRevenuePerCustomer.get(lang) }</th>
                        <th class="num">{ T::SimIncrementalPerCustomer.get(lang) }</th>
                        <th class="num">{ T::SimBenefitPerCustomer.get(lang) }</th>
                        <th class="num">{ T::SimTopTierShare.get(lang) }</th>
                        if demographic {
                            <th class="num">{ T::SimTopTierRatio.get(lang) }</th>
                            <th class="num">{ T::SimBenefitRatio.get(lang) }</th>
                        }
                    </tr>
                }}>
                    { for rows.iter().enumerate().map(|(i, g)| {
                        let ratio = |value: f64, flagged: bool| html! {
                            <td class={classes!("num", flagged.then_some("sim-flag"))}>
                                { format!("{}×", i18n::ratio_text(value)) }
                                if flagged {
                                    <span class="badge badge--warn">{ T::SimBelow08.get(lang) }</span>
                                } else if value < FAIRNESS_RATIO {
                                    <span class="badge badge--muted" title={T::SimBelow08ByChanceTitle.get(lang)}>
                                        { T::SimBelow08ByChance.get(lang) }
                                    </span>
                                }
                            </td>
                        };
                        html! {
                            <tr data-testid={format!("sim-group-{key}-{i}")} data-flagged={g.flagged.to_string()}
                                data-top-tier-ratio={format::raw(g.top_tier_ratio)}>
                                <th scope="row">{ i18n::group_label(dimension, &g.group, lang) }</th>
                                <td class="num">{ format::fixed(g.customers, 0) }</td>
                                <td class="num">{ format::money(g.revenue_per_customer) }</td>
                                <td class="num">{ format::signed_money(g.incremental_revenue_per_customer) }</td>
                                <td class="num">{ format::money(g.benefit_per_customer) }</td>
                                <td class="num">{ format::share(g.top_tier_share) }</td>
                                if demographic {
                                    { ratio(g.top_tier_ratio, g.top_tier_flagged) }
                                    { ratio(g.benefit_ratio, g.benefit_flagged) }
                                }
                            </tr>
                        }
                    }) }

                </ScrollTable>
            </div>
        }
    };
    let findings: Vec<(String, Vec<String>)> =
        r.schemes.iter().enumerate().map(|(i, s)| (scheme_letter(i), fairness_findings(s, lang))).collect();
    let has_demographics = r.schemes.iter().any(|s| s.groups.iter().any(|g| g.dimension.is_demographic()));
    html! {
        <section class="card" data-testid="sim-groups">
            <div class="card__head">
                <div>
                    <h2 class="card__title">{ T::SimGroupsTitle.get(lang) }</h2>
                    <p class="card__subtitle">{ T::SimGroupsDesc.get(lang) }</p>
                </div>
                <div class="segmented" role="radiogroup">
                    { for (0..r.schemes.len()).map(side_button) }
                </div>
            </div>
            <div class="sim-fairness" data-testid="sim-fairness">
                <h3 class="section-title">{ T::SimFairnessTitle.get(lang) }</h3>
                <p class="help">{ T::SimFairnessHelp.get(lang) }</p>
                if !has_demographics {
                    <p class="muted">{ T::SimNoDemographics.get(lang) }</p>
                } else {
                    { for findings.iter().map(|(letter, lines)| html! {
                        <div class="sim-fairness__scheme" data-testid={format!("sim-fairness-{}", letter.to_lowercase())}
                            data-flags={lines.len().to_string()}>
                            <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{}", letter.to_lowercase()))}>{ letter.clone() }</span>
                            if lines.is_empty() {
                                <span class="tone-good">{ T::SimFairnessOk.get(lang) }</span>
                            } else {
                                <ul class="sim-fairness__list">
                                    { for lines.iter().map(|l| html! { <li class="sim-fairness__item">{ l.clone() }</li> }) }
                                </ul>
                            }
                        </div>
                    }) }
                }
            </div>
            <p class="muted sim-groups__showing">{ format!("{} {}", T::SimShowing.get(lang), format::scheme_label(&letter, &scheme.name)) }</p>
            { for DIMENSIONS.into_iter().map(table) }
        </section>
    }
}
