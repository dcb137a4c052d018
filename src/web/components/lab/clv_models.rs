//! The purchase models of a CLV fit side by side (BG/NBD, Pareto/NBD, MBG/NBD on the same summary,
//! compared by their holdout fit, the chosen one marked), how many parameter draws stand behind
//! the per-customer intervals, the population totals with their intervals, and which model the
//! simulator's baseline reads. Props only: it renders from the report.

use crate::ui::i18n::TL;
use yew::prelude::*;

use crate::web::components::card::{CardHead, ScrollTable};

use crate::engine::models::clv::{ClvModel, ClvReport, Interval};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, TS};

/// `2.31` over `(1.90 – 2.74)`: a per-customer value with its interval, when there is one.
pub fn with_interval(value: Option<f64>, interval: Option<(f64, f64)>, show: fn(f64) -> String) -> Html {
    let Some(value) = value else { return html! { { "–" } } };
    html! {
        <>
            { show(value) }
            if let Some((low, high)) = interval {
                <span class="lab-interval" data-low={format::raw(low)} data-high={format::raw(high)}>
                    { format!("{} – {}", show(low), show(high)) }
                </span>
            }
        </>
    }
}

fn interval_text(interval: &Interval, show: fn(f64) -> String) -> String {
    format!("{} – {}", show(interval.low), show(interval.high))
}

pub fn purchase_models(r: &ClvReport, lang: Lang) -> Html {
    if r.purchase_models.is_empty() {
        return html! {};
    }
    let rows = r.purchase_models.iter().map(|m| {
        let name = i18n::purchase_model_name(m.model);
        let chosen = m.model == r.purchase_model;
        let key = name.to_ascii_lowercase().replace('/', "-");
        let cells = match (&m.fitted, &m.holdout, &m.error) {
            (Some(_), Some(h), _) => html! {
                <>
                    <td class="num">{ format::fixed(h.expected_total, 0) }</td>
                    <td class="num">{ format::count(h.actual_total as usize) }</td>
                    <td class="num" data-testid={format!("clv-model-{key}-error")} data-value={format::raw(h.total_relative_error)}>
                        { format!("{} %", format::fixed(h.total_relative_error * 100.0, 1)) }
                    </td>
                    <td class="num">{ format::fixed(h.bucket_mean_absolute_error, 3) }</td>
                </>
            },
            (Some(fitted), None, _) => html! {
                <td colspan="4" class="muted">{ format!("{} {}", TL::ClvLogLikelihood.get(lang), format::fixed(fitted.log_likelihood, 2)) }</td>
            },
            (None, _, error) => html! {
                <td colspan="4" class="muted cell-wrap">
                    { TS::FitFailed.get(lang) }
                    if let Some(error) = error { { format!(": {}", i18n::clv_error(error, lang)) } }
                </td>
            },
        };
        html! {
            <tr data-testid={format!("clv-model-{key}")} data-chosen={chosen.to_string()}>
                <th scope="row">{ name }
                    if chosen { <span class="badge badge--ok">{ TS::Chosen.get(lang) }</span> }
                </th>
                { cells }
            </tr>
        }
    });
    let without_holdout = r.holdout_end.is_none();
    let draws = r.uncertainty.as_ref();
    html! {
        <section class="card" data-testid="clv-models" data-chosen={i18n::purchase_model_name(r.purchase_model)}>
            <CardHead title={TS::ModelsTitle.get(lang)} subtitle={TS::ModelsDesc.get(lang)} level={3} />
            <ScrollTable class="table--compact" head={html! {
                <tr>
                    <th scope="col">{ TS::ModelColumn.get(lang) }</th>
                    <th scope="col" class="num">{ TS::ExpectedHoldout.get(lang) }</th>
                    <th scope="col" class="num">{ TS::ActualHoldout.get(lang) }</th>
                    <th scope="col" class="num">{ TS::TotalError.get(lang) }</th>
                    <th scope="col" class="num">{ TS::BucketError.get(lang) }</th>
                </tr>
            }}>
                { for rows }
            </ScrollTable>
            <ul class="lab-notes">
                if without_holdout { <li>{ TS::NoHoldoutChoice.get(lang) }</li> }
                if let Some(u) = draws {
                    <li data-testid="clv-intervals-draws" data-value={u.draws.to_string()}>{ i18n::intervals_from_draws(u.draws, lang) }</li>
                    <li data-testid="clv-total-purchases-interval" data-low={format::raw(u.total_expected_purchases.low)}
                        data-high={format::raw(u.total_expected_purchases.high)}>
                        { i18n::total_purchases_interval(&interval_text(&u.total_expected_purchases, |v| format::fixed(v, 0)), lang) }
                    </li>
                    if let Some(total) = &u.total_clv {
                        <li data-testid="clv-total-clv-interval">
                            { i18n::total_clv_interval(&interval_text(total, format::money), lang) }
                        </li>
                    }
                }
                <li data-testid="clv-baseline-model">{ i18n::baseline_model_note(ClvModel::BgNbd, r.purchase_model, lang) }</li>
            </ul>
        </section>
    }
}
