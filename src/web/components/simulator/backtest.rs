//! Does the no-program simulation reproduce what actually happened? Fit the baseline on the history
//! up to a calibration date, simulate the months after it, and set that beside the real orders and
//! revenue of those months.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::web::components::card::CardHead;

use super::dashboard::COLOUR_NO_PROGRAM;
use crate::engine::date::format_date;
use crate::engine::roles::DatasetShape;
use crate::engine::simulate::backtest::{BacktestResult, CountBasis};
use crate::engine::simulate::kpi::Spread;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::{Action, IntervalLevel, SimAction, SimPanel};
use crate::web::charts::band_chart::{BandChart, BandSeries};
use crate::web::hooks::use_app;

pub const ACTUAL: &str = crate::web::charts::palette::OBSERVED;

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub result: Rc<BacktestResult>,
    pub level: IntervalLevel,
    pub lang: Lang,
}

#[function_component(BacktestView)]
pub fn backtest_view(props: &ViewProps) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let level = props.level;
    let exact = |values: &[f64]| BandSeries {
        name: T::SimActual.get(lang).to_string(),
        colour: ACTUAL,
        mean: values.to_vec(),
        band: None,
        dashed: false,
    };
    let simulated = |spreads: &[Spread]| {
        let (low, high): (Vec<f64>, Vec<f64>) = spreads.iter().map(|s| super::figures::bounds(s, level)).unzip();
        BandSeries {
            name: T::SimSimulatedNoProgram.get(lang).to_string(),
            colour: COLOUR_NO_PROGRAM,
            mean: spreads.iter().map(|s| s.mean).collect(),
            band: Some((low, high)),
            dashed: true,
        }
    };
    let after = format_date(r.calibration_end);
    let fallback = r.fallback_reason.as_ref();
    html! {
        <div class="sim-backtest__result" data-testid="backtest-result" data-revenue-error={format::raw(r.revenue_error)}
            data-orders-error={format::raw(r.orders_error)} data-months={r.month_labels.len().to_string()}>
            <p class={classes!("sim-backtest__sentence", if r.revenue_error.abs() <= 0.1 { "tone-good" } else { "tone-bad" })}
                data-testid="backtest-sentence">
                { i18n::backtest_sentence(r.revenue_error, r.orders_error, r.month_labels.len(), &after, lang) }
            </p>
            <p class="muted">{ i18n::baseline_text(r.baseline, fallback, lang) }</p>
            <p class="help" data-testid="backtest-basis" data-basis={format!("{:?}", r.basis)}>{ i18n::count_basis(r.basis, lang) }</p>
            <div class="chart-grid">
                <figure class="card chart">
                    <figcaption class="chart__caption"><h3 class="chart__title">{ T::SimBacktestOrders.get(lang) }</h3></figcaption>
                    <BandChart labels={r.month_labels.clone()} series={vec![simulated(&r.simulated_orders), exact(&r.actual_orders)]}
                        y_title={T::SimOrdersAxis.get(lang)} {lang} testid="backtest-orders" />
                </figure>
                <figure class="card chart">
                    <figcaption class="chart__caption"><h3 class="chart__title">{ T::SimBacktestRevenue.get(lang) }</h3></figcaption>
                    <BandChart labels={r.month_labels.clone()} series={vec![simulated(&r.simulated_revenue), exact(&r.actual_revenue)]}
                        y_title={T::SimMoneyAxis.get(lang)} {lang} testid="backtest-revenue" />
                </figure>
            </div>
            <table class="table table--compact sim-backtest__totals">
                <thead>
                    <tr><th></th><th class="num">{ T::SimSimulatedNoProgram.get(lang) }</th><th class="num">{ T::SimActual.get(lang) }</th>
                        <th class="num">{ T::SimError.get(lang) }</th></tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{ T::SimOrdersAxis.get(lang) }</th>
                        <td class="num">{ format::fixed(r.total_orders.mean, 0) }</td>
                        <td class="num">{ format::fixed(r.actual_total_orders, 0) }</td>
                        <td class="num">{ format::signed(r.orders_error * 100.0, |v| format!("{} %", format::fixed(v, 1))) }</td>
                    </tr>
                    if let (Some(expected), Some(error)) = (r.expected_total_orders, r.expected_orders_error) {
                        <tr data-testid="backtest-closed-form" data-value={format::raw(expected)}>
                            <th scope="row">{ i18n::closed_form(lang) }</th>
                            <td class="num">{ format::fixed(expected, 0) }</td>
                            <td class="num">{ format::fixed(r.actual_total_orders, 0) }</td>
                            <td class="num">{ format::signed(error * 100.0, |v| format!("{} %", format::fixed(v, 1))) }</td>
                        </tr>
                    }
                    if r.basis == CountBasis::PurchaseDays {
                        <tr class="muted" data-testid="backtest-order-lines">
                            <th scope="row">{ i18n::order_lines(lang) }</th>
                            <td class="num">{ "–" }</td>
                            <td class="num">{ format::fixed(r.actual_order_lines.iter().sum::<f64>(), 0) }</td>
                            <td class="num">{ "–" }</td>
                        </tr>
                    }
                    <tr>
                        <th scope="row">{ T::KpiRevenue.get(lang) }</th>
                        <td class="num">{ format::fixed(r.total_revenue.mean, 0) }</td>
                        <td class="num">{ format::fixed(r.actual_total_revenue, 0) }</td>
                        <td class="num">{ format::signed(r.revenue_error * 100.0, |v| format!("{} %", format::fixed(v, 1))) }</td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

#[function_component(BacktestPanel)]
pub fn backtest_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let settings = &state.sim.settings;
    let data = state.data.summary.clone();
    let last_event = data.as_ref().and_then(|d| d.period).map(|(_, last)| last);
    let customer_table = data.as_ref().is_some_and(|d| d.shape == DatasetShape::CustomerTable);
    let date_text = settings.backtest_end_text(last_event);
    let calibration_end = settings.backtest_end(last_event);
    let running = state.jobs.sim_running(SimPanel::Backtest).is_some();
    let simulation = settings.simulation();
    let on_date = app.callback(|event: Event| {
        let text =
            event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
        Action::Sim(SimAction::Settings(Box::new(move |s| s.backtest_end = text)))
    });
    let run = {
        let bridge = app.bridge.clone();
        let simulation = simulation.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Some(end), Some(settings)) = (calibration_end, simulation.clone()) {
                bridge.backtest(end, &settings);
            }
        })
    };
    let blocked = if data.is_none() {
        Some(T::NeedData)
    } else if customer_table {
        Some(T::SimBacktestNeedsEvents)
    } else if calibration_end.is_none() {
        Some(T::SimBadDate)
    } else if simulation.is_none() {
        Some(T::SimFixSettings)
    } else {
        None
    };
    let error = state.sim.error(SimPanel::Backtest).map(|e| i18n::user_error(e, lang));
    let shown = state.sim.backtest.as_ref().filter(|(_, version, _)| *version == state.data.version);
    html! {
        <section class="card sim-backtest" data-testid="sim-backtest">
            <CardHead title={T::SimBacktestTitle.get(lang)} subtitle={T::SimBacktestDesc.get(lang)} />
            <div class="sim-inline-form">
                <label class="field">
                    <span class="field__label">{ T::SimCalibrationEnd.get(lang) }</span>
                    <input type="date" class={classes!("input", calibration_end.is_none().then_some("input--invalid"))}
                        value={date_text} data-testid="backtest-date" onchange={on_date} />
                </label>
                <ActionButton class="button" testid="backtest-run" disabled={blocked.is_some() || running} onclick={run} label={T::SimRunBacktest.get(lang)} />
                if running { <span class="busy"><span class="spinner" aria-hidden="true"></span>{ T::SimRunning.get(lang) }</span> }
                if let Some(reason) = blocked { <span class="hint hint--warn">{ reason.get(lang) }</span> }
            </div>
            <p class="help">{ T::SimBacktestHelp.get(lang) }</p>
            if let Some(error) = error {
                <div class="banner banner--error banner--inline" role="alert"><p class="banner__body">{ error }</p></div>
            }
            if let Some((_, _, result)) = shown {
                <BacktestView result={result.clone()} level={settings.level} {lang} />
            }
        </section>
    }
}
