//! A CLV fit on screen: the population parameters with their standard errors and what each means
//! for a marketer, who was left out, how the model did on the holdout (by calibration frequency and
//! over time), the most valuable customers and how many are still likely active. Props only, so a
//! test renders it from a hand-built report.

use crate::ui::i18n::TL;
use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::{CardHead, ChartFigure, ScrollTable};

use super::clv_models::{purchase_models, with_interval};
use crate::engine::date::format_date;
use crate::engine::models::clv::overview::P_ALIVE_BINS;
use crate::engine::models::clv::{ClvOverview, ClvReport, FittedParams, Interval};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::web::charts::grouped_bars::{BarSeries, GroupedBars};
use crate::web::charts::line_chart::{LineChart, LineSeries, Marker};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub overview: Rc<ClvOverview>,
    pub lang: Lang,
}

pub const ACTUAL: &str = crate::web::charts::palette::SERIES_MAIN;
pub const EXPECTED: &str = crate::web::charts::palette::SERIES_SECOND;
/// Customers listed in the top table (the worker sends a few more).
const TOP_ROWS: usize = 20;
/// Most points drawn per line of the tracking chart.
const TRACKING_POINTS: usize = 400;

/// A parameter estimate with as many decimals as its size needs.
pub fn estimate(value: f64) -> String {
    let magnitude = value.abs();
    let decimals = if magnitude >= 100.0 {
        2
    } else if magnitude >= 1.0 {
        3
    } else {
        4
    };
    format::fixed(value, decimals)
}

#[function_component(ClvResults)]
pub fn clv_results(props: &Props) -> Html {
    let lang = props.lang;
    let overview = &props.overview;
    let r = &overview.report;
    let (total_clv, with_clv) = (overview.total_clv, overview.customers_with_clv as usize);
    html! {
        <div class="lab-results" data-testid="clv-results">
            <div class="stats">
                { stat(TL::ClvCustomers.get(lang), format::count(r.customers as usize), "clv-customers", &r.customers.to_string()) }
                { stat(TL::ClvRepeatBuyers.get(lang), format::count(r.repeat_buyers as usize), "clv-repeat-buyers", &r.repeat_buyers.to_string()) }
                { stat(TL::ClvTotal.get(lang), format::money(total_clv), "clv-total", &format::raw(total_clv)) }
                { stat(TL::ClvWithValue.get(lang), format::count(with_clv), "clv-with-value", &with_clv.to_string()) }
            </div>
            <p class="help">{ i18n::clv_horizon_sentence(r.horizon_months, r.monthly_discount_rate, r.margin_percent, lang) }</p>
            { parameters(r, lang) }
            { purchase_models(r, lang) }
            { exclusions(r, lang) }
            { holdout(r, lang) }
            <div class="chart-grid">
                { top_table(overview, lang) }
                { p_alive_histogram(&overview.p_alive_bins, lang) }
            </div>
        </div>
    }
}

fn stat(label: &str, text: String, testid: &'static str, value: &str) -> Html {
    html! {
        <div class="stat" data-testid={testid} data-value={value.to_string()}>
            <span class="stat__value">{ text }</span>
            <span class="stat__label">{ label.to_string() }</span>
        </div>
    }
}

fn parameters(r: &ClvReport, lang: Lang) -> Html {
    let model_rows = |params: &FittedParams, title: &str, ll_testid: &'static str| {
        html! {
            <>
                <tr class="param-table__group">
                    <th colspan="4" scope="colgroup">
                        { title.to_string() }
                        <span class="param-table__ll" data-testid={ll_testid} data-value={format::raw(params.log_likelihood)}>
                            { format!("{} {}", TL::ClvLogLikelihood.get(lang), format::fixed(params.log_likelihood, 2)) }
                        </span>
                        <span class="param-table__ll">
                            { i18n::clv_fit_facts(params.customers, params.iterations, lang) }
                        </span>
                    </th>
                </tr>
                { for params.names.iter().enumerate().map(|(i, name)| {
                    let value = params.values[i];
                    let se = params.standard_errors.get(i).copied().flatten();
                    html! {
                        <tr>
                            <th scope="row" class="param-table__name">{ i18n::clv_param_symbol(name) }</th>
                            <td class="num" data-testid={format!("clv-param-{name}")} data-value={format::raw(value)}>
                                { estimate(value) }
                            </td>
                            <td class="num" data-testid={format!("clv-se-{name}")}
                                data-value={se.map(format::raw).unwrap_or_default()}>
                                { se.map(|s| format!("± {}", estimate(s))).unwrap_or_else(|| TL::ClvNoSe.get(lang).to_string()) }
                            </td>
                            <td class="param-table__meaning">{ i18n::clv_param_meaning(name, lang) }</td>
                        </tr>
                    }
                }) }
            </>
        }
    };
    let spend_skipped = r.spend_model_skipped.as_ref().map(|s| i18n::spend_model_skipped(s, lang));
    let correlation = r.frequency_value_correlation.filter(|c| c.abs() >= 0.3);
    html! {
        <section class="card" data-testid="clv-parameters">
            <CardHead title={TL::ClvParametersTitle.get(lang)} subtitle={TL::ClvParametersIntro.get(lang)} level={3} />
            <ScrollTable class="table--compact param-table" head={html! {
                <tr>
                    <th scope="col">{ TL::ClvParameter.get(lang) }</th>
                    <th scope="col" class="num">{ TL::ClvEstimate.get(lang) }</th>
                    <th scope="col" class="num">{ TL::ClvStandardError.get(lang) }</th>
                    <th scope="col">{ TL::ClvMeaning.get(lang) }</th>
                </tr>
            }}>
                { model_rows(&r.bgnbd, TL::ClvPurchaseModel.get(lang), "clv-ll-bgnbd") }
                if let Some(gg) = &r.gamma_gamma {
                    { model_rows(gg, TL::ClvSpendModel.get(lang), "clv-ll-gamma-gamma") }
                }

            </ScrollTable>
            <ul class="lab-notes">
                <li data-testid="clv-rate-sentence">{ i18n::clv_rate_sentence(&r.bgnbd, r.time_unit, lang) }</li>
                if let Some(v) = r.population_order_value {
                    <li data-testid="clv-order-value" data-value={format::raw(v)}>{ i18n::clv_order_value_sentence(v, lang) }</li>
                }
                <li>{ TL::ClvLogLikelihoodHelp.get(lang) }</li>
                <li>{ TL::ClvStandardErrorHelp.get(lang) }</li>
            </ul>
            if let Some(text) = spend_skipped {
                <p class="hint hint--warn" data-testid="clv-spend-skipped">{ text }</p>
            }
            if let Some(c) = correlation {
                <p class="hint hint--warn" data-testid="clv-correlation">{ i18n::clv_correlation_warning(c, lang) }</p>
            }
        </section>
    }
}

fn exclusions(r: &ClvReport, lang: Lang) -> Html {
    let messages = i18n::clv_exclusions(&r.exclusions, lang);
    if messages.is_empty() {
        return html! {};
    }
    html! {
        <section class="card" data-testid="clv-exclusions">
            <h3 class="card__title">{ TL::ClvExclusionsTitle.get(lang) }</h3>
            <ul class="lab-notes">
                { for messages.into_iter().map(|m| html! { <li>{ m }</li> }) }
            </ul>
        </section>
    }
}

fn holdout(r: &ClvReport, lang: Lang) -> Html {
    let Some(h) = &r.holdout else {
        return html! {
            <section class="card" data-testid="clv-no-holdout"><p class="muted">{ TL::ClvNoHoldout.get(lang) }</p></section>
        };
    };
    let unit = i18n::time_unit_name(r.time_unit, lang);
    let categories: Vec<String> = h.by_frequency.iter().map(|b| b.label.clone()).collect();
    let series = vec![
        BarSeries {
            name: TL::ClvActual.get(lang).to_string(),
            colour: ACTUAL,
            values: h.by_frequency.iter().map(|b| b.actual_mean).collect(),
        },
        BarSeries {
            name: TL::ClvExpected.get(lang).to_string(),
            colour: EXPECTED,
            values: h.by_frequency.iter().map(|b| b.expected_mean).collect(),
        },
    ];
    let tracking = h.tracking.as_ref().map(|t| {
        let n = t.actual.len();
        let step = n.div_ceil(TRACKING_POINTS).max(1);
        let keep = |i: &usize| i.is_multiple_of(step) || *i + 1 == n;
        let actual: Vec<(f64, f64)> = (0..n).filter(keep).map(|i| (i as f64, t.actual[i] as f64)).collect();
        let expected: Vec<(f64, f64)> =
            (0..n).filter(keep).filter_map(|i| t.expected[i].map(|e| (i as f64, e))).collect();
        let ticks: Vec<(f64, String)> = (0..=5)
            .map(|k| (k * (n.saturating_sub(1))) / 5)
            .map(|i| (i as f64, t.period_end.get(i).map(|&s| format_date(s - 1)).unwrap_or_default()))
            .collect();
        html! {
            <figure class="chart" data-testid="clv-tracking-figure">
                <figcaption class="chart__caption">
                    <h4 class="chart__title">{ TL::ClvTrackingTitle.get(lang) }</h4>
                    <p class="chart__desc">{ TL::ClvTrackingDesc.get(lang) }</p>
                </figcaption>
                <LineChart series={vec![
                        LineSeries { name: TL::ClvActual.get(lang).into(), colour: ACTUAL, points: actual, dashed: false, dots: false },
                        LineSeries { name: TL::ClvExpected.get(lang).into(), colour: EXPECTED, points: expected, dashed: true, dots: false },
                    ]}
                    x_ticks={ticks} x_domain={(0.0, n.saturating_sub(1) as f64)}
                    marker={Some(Marker { x: t.calibration_end_index as f64, label: TL::ClvCalibrationEndMark.get(lang).into() })}
                    x_title={TL::ClvDateAxis.get(lang)} y_title={TL::ClvCumulativeAxis.get(lang)} testid="clv-tracking" {lang} />
            </figure>
        }
    });
    html! {
        <section class="card" data-testid="clv-holdout">
            <div class="card__head">
                <div>
                    <h3 class="card__title">{ TL::ClvHoldoutTitle.get(lang) }</h3>
                    <p class="card__subtitle" data-testid="clv-holdout-total" data-actual={h.actual_total.to_string()}
                        data-expected={format::raw(h.expected_total)}>
                        { i18n::clv_holdout_sentence(h.duration, unit, h.actual_total, h.expected_total, lang) }
                    </p>
                </div>
            </div>
            <div class="chart-grid">
                <figure class="chart">
                    <figcaption class="chart__caption">
                        <h4 class="chart__title">{ TL::ClvBucketsTitle.get(lang) }</h4>
                        <p class="chart__desc">{ TL::ClvBucketsDesc.get(lang) }</p>
                    </figcaption>
                    <GroupedBars {categories} {series} x_title={TL::ClvBucketsAxis.get(lang)}
                        y_title={TL::ClvHoldoutPurchasesAxis.get(lang)} testid="clv-holdout-buckets" {lang} />
                </figure>
                if let Some(chart) = tracking {
                    { chart }
                } else {
                    <p class="muted">{ TL::ClvTrackingTooLong.get(lang) }</p>
                }
            </div>
        </section>
    }
}

fn top_table(overview: &ClvOverview, lang: Lang) -> Html {
    let pair = |interval: Option<Interval>| interval.map(|i| (i.low, i.high));
    html! {
        <section class="card table-card" data-testid="clv-top">
            <div class="card__head card__head--padded">
                <div>
                    <h3 class="card__title">{ TL::ClvTopTitle.get(lang) }</h3>
                    <p class="card__subtitle">{ i18n::clv_top_intro(overview.report.horizon_months, lang) }</p>
                </div>
            </div>
            <ScrollTable class="table--compact" head={html! {
                <tr>
                    <th scope="col" class="table__index">{ "#" }</th>
                    <th scope="col">{ T::CustomerId.get(lang) }</th>
                    <th scope="col" class="num">{ TL::ClvPAlive.get(lang) }</th>
                    <th scope="col" class="num">{ TL::ClvExpectedPurchases.get(lang) }</th>
                    <th scope="col" class="num">{ TL::ClvOrderValue.get(lang) }</th>
                    <th scope="col" class="num">{ "CLV" }</th>
                </tr>
            }}>
                { for overview.top.iter().take(TOP_ROWS).enumerate().map(|(rank, c)| html! {
                    <tr data-testid={format!("clv-top-{rank}")} data-id={c.id.clone()}>
                        <td class="table__index">{ rank + 1 }</td>
                        <td class="mono">{ c.id.clone() }</td>
                        <td class="num">{ with_interval(Some(c.p_alive), pair(c.p_alive_interval), format::share) }</td>
                        <td class="num" data-testid={format!("clv-top-{rank}-purchases")}>
                            { with_interval(c.expected_purchases, pair(c.expected_purchases_interval), |x| format::fixed(x, 2)) }
                        </td>
                        <td class="num">{ c.expected_order_value.map(format::money).unwrap_or_else(|| "–".to_string()) }</td>
                        <td class="num" data-testid={format!("clv-top-{rank}-clv")} data-value={format::raw(c.clv)}>
                            { with_interval(Some(c.clv), pair(c.clv_interval), format::money) }
                        </td>
                    </tr>
                }) }

            </ScrollTable>
        </section>
    }
}

fn p_alive_histogram(bins: &[u32], lang: Lang) -> Html {
    let categories: Vec<String> = (0..P_ALIVE_BINS).map(|i| format!("{}–{}", i * 10, (i + 1) * 10)).collect();
    let series = vec![BarSeries {
        name: T::Customers.get(lang).to_string(),
        colour: ACTUAL,
        values: bins.iter().map(|&c| Some(f64::from(c))).collect(),
    }];
    html! {
        <ChartFigure title={TL::ClvPAliveTitle.get(lang)} desc={TL::ClvPAliveDesc.get(lang)} testid="clv-p-alive">
            <GroupedBars {categories} {series} x_title={TL::ClvPAliveAxis.get(lang)} y_title={T::Customers.get(lang)}
                testid="clv-p-alive-bins" counts=true {lang} />
        </ChartFigure>
    }
}
