//! The simulation's results after the verdict and the KPI cards: month-by-month series with their
//! intervals, tier shares over time, migration between tiers, and the points liability. Props
//! only, so it renders the same in the page and in a test.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::ChartFigure;

use super::figures::{total, Kind, SpreadValue};
use crate::engine::simulate::kpi::{Kpi, MonthlyKpi, Spread};
use crate::engine::simulate::{scheme_letter, SchemeResult, SimulationResult};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::IntervalLevel;
use crate::web::charts::band_chart::{BandChart, BandSeries};
use crate::web::charts::heatmap::Heatmap;
use crate::web::charts::palette::{self, scheme_colour};
use crate::web::charts::share_columns::ShareColumns;

pub const COLOUR_NO_PROGRAM: &str = palette::NO_PROGRAM;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub result: Rc<SimulationResult>,
    pub level: IntervalLevel,
    pub lang: Lang,
    /// Gross margin (0-1) of the no-program line on the margin chart, when every scheme shares it.
    #[prop_or_default]
    pub no_program_margin: Option<f64>,
}

fn monthly(scheme: &SchemeResult, kpi: MonthlyKpi) -> Vec<Spread> {
    scheme.monthly.iter().find(|m| m.kpi == kpi).map(|m| m.months.clone()).unwrap_or_default()
}

fn series(name: String, colour: &'static str, spreads: &[Spread], level: IntervalLevel, dashed: bool) -> BandSeries {
    let (low, high): (Vec<f64>, Vec<f64>) = spreads.iter().map(|s| super::figures::bounds(s, level)).unzip();
    BandSeries { name, colour, mean: spreads.iter().map(|s| s.mean).collect(), band: Some((low, high)), dashed }
}

fn scaled(spreads: &[Spread], factor: f64) -> Vec<Spread> {
    spreads
        .iter()
        .map(|s| Spread {
            mean: s.mean * factor,
            low90: s.low90 * factor,
            high90: s.high90 * factor,
            low95: s.low95 * factor,
            high95: s.high95 * factor,
        })
        .collect()
}

#[function_component(SimDashboard)]
pub fn sim_dashboard(props: &Props) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let level = props.level;
    if r.schemes.len() < 2 {
        return html! {};
    }
    let labels = r.month_labels.clone();
    let no_program = T::SimNoProgram.get(lang).to_string();
    // One line per scheme in its palette colour, named "C · Points only".
    let pair = |kpi: MonthlyKpi| {
        r.schemes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                series(
                    format::scheme_label(scheme_letter(i), &s.name),
                    scheme_colour(i),
                    &monthly(s, kpi),
                    level,
                    false,
                )
            })
            .collect::<Vec<_>>()
    };
    let mut revenue = pair(MonthlyKpi::Revenue);
    revenue.push(series(no_program.clone(), COLOUR_NO_PROGRAM, &r.counterfactual.monthly_revenue, level, true));
    let mut margin = pair(MonthlyKpi::Margin);
    if let Some(rate) = props.no_program_margin {
        margin.push(series(
            no_program,
            COLOUR_NO_PROGRAM,
            &scaled(&r.counterfactual.monthly_revenue, rate),
            level,
            true,
        ));
    }
    let chart = |title: T, desc: T, y_title: T, series: Vec<BandSeries>, testid: &'static str| {
        html! {
            <ChartFigure title={title.get(lang)} desc={desc.get(lang)}>
                <BandChart labels={labels.clone()} {series} y_title={y_title.get(lang)} {lang} testid={testid} />
            </ChartFigure>
        }
    };
    let tier_shares = |side: &str, letter: &str, s: &SchemeResult| {
        let top = s.tier_names.last().cloned().unwrap_or_default();
        html! {
            <div class="side-column">
                <h4 class="side-column__title">
                    <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{side}"))}>{ letter.to_string() }</span>
                    { s.name.clone() }
                    <span class="subsection-title__note">
                        { format!("{} “{top}”: {}", T::SimTopTierAtEnd.get(lang), crate::ui::format::share(s.top_tier_share)) }
                    </span>
                </h4>
                <ShareColumns labels={labels.clone()} tier_names={s.tier_names.clone()} shares={s.tier_shares.clone()} {lang}
                    testid={format!("sim-tier-shares-{side}")} />
            </div>
        }
    };
    let migration = |side: &str, letter: &str, s: &SchemeResult| {
        html! {
            <Heatmap title={format!("{} — {}", T::SimMigrationTitle.get(lang), format::scheme_label(&letter, &s.name))} desc={T::SimMigrationDesc.get(lang)}
                row_axis={T::SimTierAtStart.get(lang)} column_axis={T::SimTierAtEnd.get(lang)}
                rows={s.tier_names.clone()} columns={s.tier_names.clone()} cells={s.migration.clone()} decimals={0}
                testid={format!("sim-migration-{side}")} cell_prefix={format!("sim-migration-{side}-")} />
        }
    };
    let liability = |side: &str, s: &SchemeResult| {
        total(s, Kpi::PointsLiability).cloned().map(|spread| {
            html! { <SpreadValue testid={format!("sim-liability-{side}")} {spread} kind={Kind::Money} {level} /> }
        })
    };
    let lettered: Vec<(String, String, &SchemeResult)> =
        r.schemes.iter().enumerate().map(|(i, s)| (scheme_letter(i).to_lowercase(), scheme_letter(i), s)).collect();
    let dilution: Vec<Html> = lettered
        .iter()
        .filter(|(_, _, s)| s.top_tier_share > 0.15)
        .map(|(side, letter, s)| {
            let tier = s.tier_names.last().cloned().unwrap_or_default();
            html! { <li class="warnings__item" data-testid={format!("sim-dilution-{side}")}>
            { i18n::dilution_warning(letter, &tier, s.top_tier_share, lang) }</li> }
        })
        .collect();
    let reference = scheme_letter(r.reference);
    html! {
        <>
            <div class="chart-grid">
                { chart(T::SimRevenueTitle, T::SimRevenueDesc, T::SimMoneyAxis, revenue, "sim-series-revenue") }
                { chart(T::SimMarginTitle, if props.no_program_margin.is_some() { T::SimMarginDesc } else { T::SimMarginDescNoBase },
                    T::SimMoneyAxis, margin, "sim-series-margin") }
                { chart(T::SimCostTitle, T::SimCostDesc, T::SimMoneyAxis, pair(MonthlyKpi::BenefitCost), "sim-series-cost") }
                { chart(T::SimOrdersTitle, T::SimOrdersDesc, T::SimOrdersAxis, {
                    let mut orders = pair(MonthlyKpi::Orders);
                    orders.push(series(T::SimNoProgram.get(lang).to_string(), COLOUR_NO_PROGRAM, &r.counterfactual.monthly_orders, level, true));
                    orders
                }, "sim-series-orders") }
            </div>
            <section class="card" data-testid="sim-tier-shares">
                <div class="chart__caption">
                    <h3 class="chart__title">{ T::SimTierShares.get(lang) }</h3>
                    <p class="chart__desc">{ T::SimTierSharesDesc.get(lang) }</p>
                </div>
                <div class="side-by-side">
                    { for lettered.iter().map(|(side, letter, s)| tier_shares(side.as_str(), letter.as_str(), s)) }
                </div>
                if !dilution.is_empty() {
                    <ul class="warnings">{ for dilution }</ul>
                }
            </section>
            <div class="chart-grid">
                { for lettered.iter().map(|(side, letter, s)| migration(side.as_str(), letter.as_str(), s)) }
            </div>
            <section class="card" data-testid="sim-liability">
                <div class="chart__caption">
                    <h3 class="chart__title">{ T::SimLiabilityTitle.get(lang) }</h3>
                    <p class="chart__desc">{ T::SimLiabilityDesc.get(lang) }</p>
                </div>
                <div class="kpi-cards">
                    { for lettered.iter().map(|(side, letter, s)| html! {
                        <div class="kpi-card">
                            <span class="kpi-card__label">{ format!("{} · {letter}", i18n::kpi_name(Kpi::PointsLiability, lang)) }</span>
                            { for liability(side.as_str(), s) }
                        </div>
                    }) }
                    { for r.comparisons.iter().map(|c| {
                        let letter = scheme_letter(c.scheme);
                        let spread = c.difference.iter().find(|k| k.kpi == Kpi::PointsLiability).map(|k| k.spread.clone());
                        html! {
                            <div class="kpi-card">
                                <span class="kpi-card__label">{ format!("{} · {letter} − {reference}", i18n::kpi_name(Kpi::PointsLiability, lang)) }</span>
                                { for spread.map(|spread| html! {
                                    <SpreadValue testid={format!("sim-liability-diff-{}", letter.to_lowercase())} {spread}
                                        kind={Kind::Money} {level} signed={true} />
                                }) }
                            </div>
                        }
                    }) }
                </div>
                <div class="sim-chart-narrow">
                    <h4 class="subsection-title">{ T::SimOutstandingTitle.get(lang) }</h4>
                    <BandChart labels={labels.clone()} series={pair(MonthlyKpi::OutstandingPoints)}
                        y_title={T::PointsOutstanding.get(lang)} {lang} testid="sim-series-outstanding" />
                </div>
            </section>
        </>
    }
}
