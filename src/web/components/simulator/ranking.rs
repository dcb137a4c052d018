//! Several schemes at once: the ranking by incremental margin with the chance each is best, every
//! scheme against the reference (paired on the same futures), and each scheme's tiers at the end,
//! costs and fairness flags. Props only, so it renders the same in the page and in a test.

use std::rc::Rc;

use yew::prelude::*;

use super::figures::{incremental, tone, total, Kind, SpreadValue};
use super::groups::fairness_findings;
use crate::web::components::card::{CardHead, ScrollTable};
use crate::engine::simulate::kpi::{Kpi, KpiStat, Spread};
use crate::engine::simulate::{scheme_letter, IncrementalKpi, SimulationResult};
use crate::ui::chart_frame::palette::scheme_colour;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T, TS};
use crate::ui::state::IntervalLevel;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub result: Rc<SimulationResult>,
    pub level: IntervalLevel,
    pub lang: Lang,
}

/// `A` with its scheme colour.
fn tag(index: usize) -> Html {
    let letter = scheme_letter(index);
    html! { <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{}", letter.to_lowercase()))}>{ letter }</span> }
}

fn stat(stats: &[KpiStat], kpi: Kpi) -> Option<Spread> {
    stats.iter().find(|s| s.kpi == kpi).map(|s| s.spread.clone())
}

#[function_component(SchemeRanking)]
pub fn scheme_ranking(props: &Props) -> Html {
    let (r, level, lang) = (&props.result, props.level, props.lang);
    let rows = r.ranking.iter().enumerate().map(|(place, rank)| {
        let scheme = &r.schemes[rank.scheme];
        let letter = scheme_letter(rank.scheme);
        let width = format!("width: {:.1}%; background: {}", rank.chance_best * 100.0, scheme_colour(rank.scheme));
        html! {
            <tr class={classes!((place == 0).then_some("sim-ranking__row--best"))} data-testid={format!("sim-rank-{place}")}
                data-scheme={letter.clone()} data-value={format::raw(rank.incremental_margin.mean)}
                data-chance-best={format::raw(rank.chance_best)}>
                <td class="num">{ place + 1 }</td>
                <th scope="row">{ tag(rank.scheme) }{ scheme.name.clone() }
                    if rank.scheme == r.reference { <span class="badge badge--muted">{ TS::Reference.get(lang) }</span> }
                </th>
                <td class="num">
                    <SpreadValue testid={format!("sim-rank-margin-{}", letter.to_lowercase())} spread={rank.incremental_margin.clone()}
                        kind={Kind::Money} {level} signed={true} />
                </td>
                <td>
                    <div class="sim-ranking__bar" role="img" aria-label={format!("{} {}", TS::ChanceBest.get(lang), format::share(rank.chance_best))}>
                        <span class="sim-ranking__fill" style={width}></span>
                    </div>
                </td>
                <td class="num" data-testid={format!("sim-chance-best-{}", letter.to_lowercase())}>{ format::share(rank.chance_best) }</td>
            </tr>
        }
    });
    html! {
        <section class="card sim-ranking" data-testid="sim-ranking" data-schemes={r.schemes.len().to_string()}>
            <CardHead title={TS::RankingTitle.get(lang)} subtitle={TS::RankingDesc.get(lang)} />
            <ScrollTable class="sim-ranking__table" head={html! {
                <tr>
                    <th class="num">{ TS::RankColumn.get(lang) }</th>
                    <th>{ TS::SchemeColumn.get(lang) }</th>
                    <th class="num">{ T::SimIncrementalMargin.get(lang) }</th>
                    <th colspan="2">{ TS::ChanceBest.get(lang) }</th>
                </tr>
            }}>
                { for rows }
            </ScrollTable>
            <p class="help">{ i18n::kpi_intro(level.percent(), r.month_labels.len(), r.settings.replications, lang) }</p>
        </section>
    }
}

/// The KPIs of the against-the-reference table: what a marketer weighs first.
const AGAINST: [(Kpi, Kind, bool); 5] = [
    (Kpi::Margin, Kind::Money, true),
    (Kpi::Revenue, Kind::Money, true),
    (Kpi::Orders, Kind::Count, true),
    (Kpi::TotalBenefitCost, Kind::Money, false),
    (Kpi::RetentionRate, Kind::Share, true),
];

#[function_component(AgainstReference)]
pub fn against_reference(props: &Props) -> Html {
    let (r, level, lang) = (&props.result, props.level, props.lang);
    let reference = scheme_letter(r.reference);
    let rows = r.comparisons.iter().map(|c| {
        let letter = scheme_letter(c.scheme);
        let key = letter.to_lowercase();
        let cells = AGAINST.iter().map(|&(kpi, kind, higher_is_better)| match stat(&c.difference, kpi) {
            Some(spread) => {
                let class = tone(kind, spread.mean, higher_is_better);
                let testid = format!("sim-against-{key}-{}", super::kpi_grid::kpi_key(kpi));
                html! { <td class="num"><SpreadValue {testid} {spread} {kind} {level} signed={true} class={classes!(class)} /></td> }
            }
            None => html! { <td class="num muted">{ "–" }</td> },
        });
        html! {
            <tr data-testid={format!("sim-against-{key}")} data-p-better={format::raw(c.chance_better_on_margin)}>
                <th scope="row">{ tag(c.scheme) }{ format!("{} · {}", i18n::against(letter.chars().next().unwrap_or('?'),
                    reference.chars().next().unwrap_or('?')), r.schemes[c.scheme].name) }</th>
                <td class="num">
                    <SpreadValue testid={format!("sim-against-{key}-incremental-margin")} spread={c.incremental_margin.clone()}
                        kind={Kind::Money} {level} signed={true} class={classes!(tone(Kind::Money, c.incremental_margin.mean, true))} />
                </td>
                { for cells }
                <td class="num">{ format::share(c.chance_better_on_margin) }</td>
            </tr>
        }
    });
    html! {
        <section class="card" data-testid="sim-against">
            <CardHead title={TS::AgainstReferenceTitle.get(lang)} subtitle={TS::AgainstReferenceDesc.get(lang)} />
            <ScrollTable class="table--compact" head={html! {
                <tr>
                    <th>{ TS::SchemeColumn.get(lang) }</th>
                    <th class="num">{ T::SimIncrementalMargin.get(lang) }</th>
                    { for AGAINST.iter().map(|(kpi, _, _)| html! { <th class="num">{ i18n::kpi_name(*kpi, lang) }</th> }) }
                    <th class="num">{ TS::ChanceBetter.get(lang) }</th>
                </tr>
            }}>
                { for rows }
            </ScrollTable>
        </section>
    }
}

#[function_component(PerScheme)]
pub fn per_scheme(props: &Props) -> Html {
    let (r, level, lang) = (&props.result, props.level, props.lang);
    // Schemes can name and count their tiers differently: one column per tier position of the
    // scheme with the most tiers, each cell naming its tier.
    let tiers = r.schemes.iter().map(|s| s.tier_names.len()).max().unwrap_or(0);
    let rows = r.schemes.iter().enumerate().map(|(index, s)| {
        let key = scheme_letter(index).to_lowercase();
        let end = s.tier_shares.last().cloned().unwrap_or_default();
        let flags = fairness_findings(s, lang).len();
        let money = |kpi: Kpi, what: &str| match total(s, kpi).cloned() {
            Some(spread) => html! {
                <td class="num"><SpreadValue testid={format!("sim-scheme-{key}-{what}")} {spread} kind={Kind::Money} {level} /></td>
            },
            None => html! { <td class="num muted">{ "–" }</td> },
        };
        let roi = incremental(s, IncrementalKpi::Roi).map(|roi| format::fixed(roi.mean, 2)).unwrap_or_default();
        html! {
            <tr data-testid={format!("sim-scheme-row-{key}")} data-flags={flags.to_string()}>
                <th scope="row">{ tag(index) }{ s.name.clone() }</th>
                { for (0..tiers).map(|t| match (s.tier_names.get(t), end.get(t)) {
                    (Some(name), Some(share)) => html! {
                        <td class="num" title={name.clone()} data-testid={format!("sim-scheme-{key}-tier-{t}")} data-value={format::raw(*share)}>
                            <span class="muted">{ format!("{name} ") }</span>{ format::share(*share) }
                        </td>
                    },
                    _ => html! { <td></td> },
                }) }
                { money(Kpi::TotalBenefitCost, "cost") }
                { money(Kpi::PointsLiability, "liability") }
                <td class="num">{ roi }</td>
                <td class={classes!("num", (flags > 0).then_some("tone-bad"))}>
                    { if flags == 0 { TS::NoFlags.get(lang).to_string() } else { flags.to_string() } }
                </td>
            </tr>
        }
    });
    html! {
        <section class="card" data-testid="sim-per-scheme">
            <CardHead title={TS::PerSchemeTitle.get(lang)} subtitle={TS::PerSchemeDesc.get(lang)} />
            <ScrollTable class="table--compact" head={html! {
                <tr>
                    <th>{ TS::SchemeColumn.get(lang) }</th>
                    { for (0..tiers).map(|t| html! { <th class="num">{ i18n::tier_column(t, lang) }</th> }) }
                    <th class="num">{ i18n::kpi_name(Kpi::TotalBenefitCost, lang) }</th>
                    <th class="num">{ i18n::kpi_name(Kpi::PointsLiability, lang) }</th>
                    <th class="num">{ T::SimRoi.get(lang) }</th>
                    <th class="num">{ TS::FairnessFlags.get(lang) }</th>
                </tr>
            }}>
                { for rows }
            </ScrollTable>
        </section>
    }
}
