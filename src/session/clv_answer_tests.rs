//! The CLV fit's answer to the page: what it shows, computed from the same report as a native fit,
//! and a size that does not grow with the customers.

use super::*;
use crate::engine::models::clv::{fit_clv, ClvOverview, ClvReport, ClvSettings, CustomerValues, Interval};
use crate::engine::progress::Silent;
use crate::protocol::TOP_CUSTOMERS;

/// The sample population of `customers` loaded and fitted through the session as the page asks,
/// with the report of the same fit run on the engine directly.
fn fitted(customers: usize) -> (Session, ClvOverview, ClvReport) {
    let mut session = Session::new();
    let loaded = session.handle(Request::LoadSample { customers, seed: 3 }, None, &mut Silent);
    let Response::Loaded { summary } = loaded else { panic!("not loaded") };
    let (_, last) = summary.period.unwrap();
    let settings = ClvSettings::new(last - 180 * 86_400);
    let request = Request::FitClv { settings: Box::new(settings.clone()), publish: false };
    let Response::ClvFitted { overview } = session.handle(request, None, &mut Silent) else { panic!("not fitted") };
    let events = session.data.as_ref().unwrap().dataset.events.as_ref().unwrap();
    let full = fit_clv(events, &settings, &mut Silent).unwrap();
    (session, *overview, full)
}

fn id_of(session: &Session, customer: u32) -> String {
    session.data.as_ref().unwrap().dataset.customers.ids[customer as usize].to_string()
}

#[test]
fn the_page_gets_the_full_reports_totals_distribution_and_most_valuable_customers() {
    let (session, overview, full) = fitted(400);
    let v = &full.per_customer;
    // Everything but the per-customer values, unchanged.
    assert_eq!(overview.report, ClvReport { per_customer: CustomerValues::default(), ..full.clone() });
    // Totals over every customer, summed here in the report's order.
    let mut total = 0.0;
    let mut with_clv = 0;
    for clv in v.clv.iter().flatten() {
        total += clv;
        with_clv += 1;
    }
    assert!(with_clv > 200, "{with_clv} customers with a CLV");
    assert_eq!((overview.total_clv, overview.customers_with_clv), (total, with_clv));
    // P(active) by tenths, counted by range.
    let bins: Vec<u32> = (0..10)
        .map(|k| {
            let (low, high) = (k as f64 / 10.0, (k + 1) as f64 / 10.0);
            v.p_alive.iter().filter(|&&p| p >= low && (p < high || k == 9)).count() as u32
        })
        .collect();
    assert_eq!(overview.p_alive_bins, bins);
    assert_eq!(bins.iter().sum::<u32>() as usize, v.customer.len());
    // The most valuable customers: the head of every customer sorted by CLV, each row's values as in
    // the full report.
    let mut rows: Vec<usize> = (0..v.customer.len()).filter(|&row| v.clv[row].is_some()).collect();
    rows.sort_by(|&a, &b| v.clv[b].unwrap().total_cmp(&v.clv[a].unwrap()));
    assert_eq!(overview.top.len(), TOP_CUSTOMERS);
    let intervals = v.intervals.as_ref().expect("the default fit draws intervals");
    let interval = |low: Option<f64>, high: Option<f64>| Some(Interval { low: low.unwrap(), high: high.unwrap() });
    for (rank, (top, &row)) in overview.top.iter().zip(&rows).enumerate() {
        assert_eq!(top.id, id_of(&session, v.customer[row]), "rank {rank}");
        assert_eq!(Some(top.clv), v.clv[row]);
        assert_eq!(top.p_alive, v.p_alive[row]);
        assert_eq!(top.expected_purchases, v.expected_purchases_horizon[row]);
        assert_eq!(top.expected_order_value, v.expected_order_value[row]);
        assert_eq!(top.clv_interval, interval(intervals.clv_low[row], intervals.clv_high[row]));
        assert_eq!(top.p_alive_interval, interval(Some(intervals.p_alive_low[row]), Some(intervals.p_alive_high[row])));
        assert_eq!(
            top.expected_purchases_interval,
            interval(intervals.expected_purchases_low[row], intervals.expected_purchases_high[row])
        );
    }
    assert!(overview.top[0].clv > overview.top[TOP_CUSTOMERS - 1].clv);
}

fn json_len(value: &impl serde::Serialize) -> usize {
    serde_json::to_string(value).unwrap().len()
}

#[test]
fn the_answers_size_does_not_grow_with_the_customers() {
    let answer = |customers| {
        let (_, overview, full) = fitted(customers);
        (json_len(&Response::ClvFitted { overview: Box::new(overview) }), json_len(&full))
    };
    let (small, small_full) = answer(300);
    let (large, large_full) = answer(3_000);
    // Every customer's values grow with the customers; the answer only by the digits of a few ids
    // and numbers.
    assert!(large_full > 8 * small_full, "{small_full} -> {large_full} bytes");
    assert!(large < small + small / 5, "{small} -> {large} bytes");
    assert!(large < 60_000, "{large} bytes");
}
