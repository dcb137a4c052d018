//! The intervals computed for some customers only, and the population totals computed apart from
//! them, against the computation of everyone's intervals (`fit_clv`).

use super::*;
use crate::engine::evaluate::PreparedData;
use crate::engine::prepared::sample;
use crate::engine::progress::Silent;

/// Six months before the data's last event, the default 200 draws.
fn settings_for(data: &PreparedData) -> ClvSettings {
    let log = data.dataset.events.as_ref().unwrap();
    let last = *log.time.iter().max().unwrap();
    ClvSettings::new(last - 180 * 86_400)
}

/// The fit without anybody's intervals, with its parameter draws.
fn fitted_without_intervals(log: &EventLog, settings: &ClvSettings) -> (Fitted, Predicted) {
    let fitted = fit_models(log, settings, &mut Silent).unwrap();
    let predicted = predict(
        fitted.summary.clone(),
        None,
        &fitted.purchase_data,
        &fitted.pattern_of_customer,
        settings,
        &fitted.report,
        PAGE_INTERVALS,
    );
    (fitted, predicted)
}

fn bits(intervals: &CustomerIntervals) -> Vec<Vec<u64>> {
    let some = |v: &[Option<f64>]| v.iter().map(|x| x.map_or(u64::MAX - 1, f64::to_bits)).collect::<Vec<_>>();
    vec![
        intervals.p_alive_low.iter().map(|v| v.to_bits()).collect(),
        intervals.p_alive_high.iter().map(|v| v.to_bits()).collect(),
        some(&intervals.expected_purchases_low),
        some(&intervals.expected_purchases_high),
        some(&intervals.clv_low),
        some(&intervals.clv_high),
    ]
}

#[test]
fn a_subsets_intervals_are_its_rows_of_everyones_to_the_bit() {
    let data = sample(600, 5);
    let log = data.dataset.events.as_ref().unwrap();
    let settings = settings_for(&data);
    let full = fit_clv(log, &settings, &mut Silent).unwrap();
    let everyone = full.per_customer.intervals.as_ref().expect("200 draws give intervals");
    let (_, predicted) = fitted_without_intervals(log, &settings);
    let draws = predicted.draws.as_ref().expect("the draws");
    let n = full.per_customer.customer.len();
    // Out of order, with a repeat, a customer without repeat purchases and one with many.
    let mut rows: Vec<usize> = (0..n).rev().step_by(7).collect();
    rows.push(rows[3]);
    rows.push((0..n).find(|&i| full.per_customer.frequency[i] == 0).unwrap());
    rows.push((0..n).max_by_key(|&i| full.per_customer.frequency[i]).unwrap());
    let horizon = value_horizon(&settings);
    let histories = Histories::of_values(&full.per_customer);
    let some = customer_intervals(draws, histories, &rows, &horizon, settings.margin_percent).unwrap();
    assert_eq!(bits(&some), bits(&everyone.rows(&rows)));
    assert!(some.clv_low.iter().filter(|v| v.is_some()).count() > rows.len() / 2, "most have a CLV interval");
    // One customer alone, too.
    let one = customer_intervals(draws, histories, &rows[..1], &horizon, settings.margin_percent).unwrap();
    assert_eq!(bits(&one), bits(&everyone.rows(&rows[..1])));

    // And independently: a repeat buyer's P(alive) under each draw from the one-customer formula,
    // all 200 sorted, numpy's linear interpolation at 5 % and 95 %.
    let row = rows.iter().copied().find(|&i| full.per_customer.frequency[i] > 1).unwrap();
    let v = &full.per_customer;
    let mut p: Vec<f64> =
        draws.purchase.iter().map(|d| d.p_alive(v.frequency[row], v.recency[row], v.age[row])).collect();
    p.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let position = q * (p.len() - 1) as f64;
        let below = position.floor() as usize;
        p[below] + (p[below + 1] - p[below]) * (position - position.floor())
    };
    assert_eq!((everyone.p_alive_low[row], everyone.p_alive_high[row]), (at(0.05), at(0.95)));
    assert!(everyone.p_alive_low[row] < v.p_alive[row] && v.p_alive[row] < everyone.p_alive_high[row]);
}

#[test]
fn the_page_overview_is_the_overview_of_the_full_report() {
    let data = sample(800, 9);
    let log = data.dataset.events.as_ref().unwrap();
    let mut settings = settings_for(&data);
    let ids = &data.dataset.customers.ids;
    for model in [PurchaseModelChoice::BgNbd, PurchaseModelChoice::ParetoNbd, PurchaseModelChoice::MbgNbd] {
        settings.purchase_model = model;
        let full = ClvOverview::of(fit_clv(log, &settings, &mut Silent).unwrap(), ids, 25);
        let page = fit_clv_overview(log, &settings, ids, 25, &mut Silent).unwrap();
        assert_eq!(page, full, "{model:?}");
        assert_eq!(page.top.len(), 25);
        assert!(page.top.iter().all(|t| t.clv_interval.is_some()), "{model:?}");
        assert!(page.report.uncertainty.as_ref().unwrap().total_clv.is_some());
    }
    // Without draws there are no intervals either way.
    settings.uncertainty_draws = 0;
    let page = fit_clv_overview(log, &settings, ids, 25, &mut Silent).unwrap();
    assert!(page.report.uncertainty.is_none() && page.top.iter().all(|t| t.p_alive_interval.is_none()));
}

/// The totals from a systematic sample of the patterns against the totals over every pattern, both
/// from the same draws.
#[test]
fn sampled_totals_stay_close_to_the_exact_totals() {
    let data = sample(4_000, 11);
    let log = data.dataset.events.as_ref().unwrap();
    let settings = settings_for(&data);
    let (fitted, predicted) = fitted_without_intervals(log, &settings);
    let draws = predicted.draws.as_ref().unwrap();
    let exact = fit_clv(log, &settings, &mut Silent).unwrap().uncertainty.unwrap();
    let horizon = value_horizon(&settings);
    let chosen = PurchaseParams::from_fitted(fitted.report.chosen_purchase_model()).unwrap();
    let point_predictions = PatternPredictions::compute(&chosen, &fitted.purchase_data, &horizon, None);
    let g = fitted.report.gamma_gamma.as_ref().unwrap();
    let spend = GammaGammaParams { p: g.values[0], q: g.values[1], v: g.values[2] };
    let point = PointEstimate { predictions: &point_predictions, spend: Some(&spend) };
    let totals_with = |budget: usize| {
        let histories = Histories::of_summary(&fitted.summary);
        let totals = DrawTotals::new(
            draws,
            histories,
            None,
            &fitted.purchase_data,
            &fitted.pattern_of_customer,
            settings.margin_percent,
        );
        population_totals(draws, totals, &horizon, settings.seed, &point, budget).unwrap()
    };
    let patterns = fitted.purchase_data.pattern_count();
    assert!(patterns > 1_000, "{patterns} patterns");
    // Every pattern: the exact totals, to the bit.
    assert_eq!(totals_with(patterns), exact);
    // A quarter, a tenth of them: each bound within 10 % of the exact interval's width (the
    // difference estimator samples only each draw's change from the fitted totals).
    for share in [4, 10] {
        let sampled = totals_with(patterns / share);
        let close = |a: Interval, b: Interval| {
            let width = b.high - b.low;
            assert!(width > 0.0);
            let off = (a.low - b.low).abs().max((a.high - b.high).abs()) / width;
            assert!(off < 0.10, "1 in {share}: {a:?} against {b:?} ({:.1} % of the width)", 100.0 * off);
        };
        close(sampled.total_expected_purchases, exact.total_expected_purchases);
        close(sampled.total_clv.unwrap(), exact.total_clv.unwrap());
        assert_ne!(sampled, exact, "1 in {share} is an estimate");
    }
}
