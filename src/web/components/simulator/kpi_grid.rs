//! Every KPI of the simulation as a card: each scheme, then each scheme minus the reference (B − A
//! by default), each with its mean and interval, grouped into money, customers and points.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::CardHead;

use super::figures::{incremental, shown_signed, tone, total, Kind, SpreadValue};
use crate::engine::simulate::kpi::{Kpi, Spread};
use crate::engine::simulate::{scheme_letter, IncrementalKpi, SimulationResult};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::IntervalLevel;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub result: Rc<SimulationResult>,
    pub level: IntervalLevel,
    pub lang: Lang,
}

/// What a card shows.
#[derive(Clone, Copy)]
enum Figure {
    Total(Kpi),
    Incremental(IncrementalKpi),
}

struct Card {
    figure: Figure,
    kind: Kind,
    higher_is_better: bool,
}

const fn card(kpi: Kpi, kind: Kind, higher_is_better: bool) -> Card {
    Card { figure: Figure::Total(kpi), kind, higher_is_better }
}

const MONEY: [Card; 11] = [
    card(Kpi::Revenue, Kind::Money, true),
    card(Kpi::Margin, Kind::Money, true),
    Card { figure: Figure::Incremental(IncrementalKpi::Margin), kind: Kind::Money, higher_is_better: true },
    Card { figure: Figure::Incremental(IncrementalKpi::Roi), kind: Kind::Ratio, higher_is_better: true },
    card(Kpi::TotalBenefitCost, Kind::Money, false),
    card(Kpi::DiscountCost, Kind::Money, false),
    card(Kpi::PointsCost, Kind::Money, false),
    card(Kpi::ShippingCost, Kind::Money, false),
    card(Kpi::GiftCost, Kind::Money, false),
    card(Kpi::CouponCost, Kind::Money, false),
    card(Kpi::ProfitContribution, Kind::Money, true),
];

const CUSTOMERS: [Card; 7] = [
    card(Kpi::Orders, Kind::Count, true),
    card(Kpi::ActiveCustomers, Kind::Count, true),
    card(Kpi::RetentionRate, Kind::Share, true),
    card(Kpi::ConversionRate, Kind::Share, true),
    card(Kpi::BenefitUsageRate, Kind::Share, true),
    card(Kpi::Upgrades, Kind::Count, true),
    card(Kpi::Downgrades, Kind::Count, false),
];

const POINTS: [Card; 5] = [
    card(Kpi::PointsIssued, Kind::Count, false),
    card(Kpi::PointsRedeemed, Kind::Count, false),
    card(Kpi::PointsExpired, Kind::Count, false),
    card(Kpi::RedemptionCost, Kind::Money, false),
    card(Kpi::PointsLiability, Kind::Money, false),
];

/// The test-id stem of a figure: `revenue`, `total-benefit-cost`, `incremental-margin`, `roi`.
pub fn figure_key(figure_kpi: &str) -> String {
    figure_kpi.replace('_', "-")
}

pub fn kpi_key(kpi: Kpi) -> String {
    serde_json::to_value(kpi).ok().and_then(|v| v.as_str().map(figure_key)).unwrap_or_default()
}

/// One card's figures: each scheme's, then each scheme against the reference (with whether its
/// interval is known).
struct CardFigures {
    key: String,
    label: String,
    help: &'static str,
    schemes: Vec<Option<Spread>>,
    /// `(scheme, difference)` for every scheme but the reference.
    diffs: Vec<(usize, Option<(Spread, bool)>)>,
}

#[function_component(KpiGrid)]
pub fn kpi_grid(props: &Props) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let level = props.level;
    if r.schemes.len() < 2 {
        return html! {};
    }
    let reference = scheme_letter(r.reference);
    let render = |c: &Card| {
        let CardFigures { key, label, help, schemes, diffs } = match c.figure {
            Figure::Total(kpi) => CardFigures {
                key: kpi_key(kpi),
                label: i18n::kpi_name(kpi, lang).to_string(),
                help: i18n::kpi_help(kpi, lang),
                schemes: r.schemes.iter().map(|s| total(s, kpi).cloned()).collect(),
                diffs: r
                    .comparisons
                    .iter()
                    .map(|cmp| {
                        let diff = cmp.difference.iter().find(|k| k.kpi == kpi).map(|k| (k.spread.clone(), true));
                        (cmp.scheme, diff)
                    })
                    .collect(),
            },
            Figure::Incremental(kpi) => {
                // The incremental margin is paired by replication; ROI differences are not meaningful
                // as a difference of ratios.
                let diffs = r
                    .comparisons
                    .iter()
                    .map(|cmp| {
                        (cmp.scheme, (kpi == IncrementalKpi::Margin).then(|| (cmp.incremental_margin.clone(), true)))
                    })
                    .collect();
                let (key, label, help) = match kpi {
                    IncrementalKpi::Roi => ("roi", T::SimRoi.get(lang), T::SimRoiHelp.get(lang)),
                    _ => ("incremental-margin", T::SimIncrementalMargin.get(lang), T::SimIncrementalHelp.get(lang)),
                };
                CardFigures {
                    key: key.to_string(),
                    label: label.to_string(),
                    help,
                    schemes: r.schemes.iter().map(|s| incremental(s, kpi).cloned()).collect(),
                    diffs,
                }
            }
        };
        let tag = |index: usize| {
            let letter = scheme_letter(index);
            html! { <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{}", letter.to_lowercase()))}>{ letter }</span> }
        };
        let scheme_rows = schemes.into_iter().enumerate().map(|(index, spread)| {
            let side = scheme_letter(index).to_lowercase();
            html! {
                <div class="sim-kpi__row">
                    { tag(index) }
                    if let Some(spread) = spread {
                        <SpreadValue testid={format!("sim-kpi-{side}-{key}")} {spread} kind={c.kind} {level} />
                    } else {
                        <span class="sim-value muted">{ "–" }</span>
                    }
                </div>
            }
        });
        let diff_rows = diffs.into_iter().map(|(index, diff)| {
            let letter = scheme_letter(index);
            let side = letter.to_lowercase();
            let diff_tone = diff.as_ref().map(|(d, _)| tone(c.kind, d.mean, c.higher_is_better));
            let diff_title = diff.as_ref().map(|(d, _)| shown_signed(c.kind, d.mean));
            html! {
                <div class="sim-kpi__row sim-kpi__row--diff" title={diff_title}>
                    <span class="sim-kpi__diff-tag">{ format!("{letter} − {reference}") }</span>
                    if let Some((spread, interval)) = diff {
                        <SpreadValue testid={format!("sim-kpi-diff-{side}-{key}")} {spread} kind={c.kind} {level} signed={true}
                            {interval} class={classes!(diff_tone)} />
                    } else {
                        <span class="sim-value muted">{ "–" }</span>
                    }
                </div>
            }
        });
        html! {
            <div class="sim-kpi" data-testid={format!("sim-kpi-{key}")} title={(!help.is_empty()).then(|| help.to_string())}>
                <span class="kpi-card__label">{ label }</span>
                { for scheme_rows }
                { for diff_rows }
            </div>
        }
    };
    let group = |title: T, cards: &[Card], testid: &'static str| {
        html! {
            <div class="sim-kpi-group" data-testid={testid}>
                <h3 class="section-title">{ title.get(lang) }</h3>
                <div class="sim-kpis">{ for cards.iter().map(render) }</div>
            </div>
        }
    };
    html! {
        <section class="card" data-testid="sim-kpis" data-customers={format::raw(r.customers as f64)}>
            <CardHead title={T::SimKpisTitle.get(lang)} subtitle={i18n::kpi_intro(level.percent(), r.month_labels.len(), r.settings.replications, lang)} />
            { group(T::SimMoney, &MONEY, "sim-kpis-money") }
            { group(T::SimCustomersGroup, &CUSTOMERS, "sim-kpis-customers") }
            { group(T::SimPointsGroup, &POINTS, "sim-kpis-points") }
        </section>
    }
}
