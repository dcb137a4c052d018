// Native only: reads the CDNow fixture from disk.
#![cfg(not(target_arch = "wasm32"))]
//! CLV on the CDNow master file split by customer into 1, 3 and 5 partitions: the partitions'
//! history counts, merged in any order and fitted once, give `fit_clv`'s report on the whole file to
//! the last bit (parameters, standard errors, population intervals, exclusions), and every
//! partition's per-customer values under that fit equal the customer's row of the whole report.

#[path = "common/cdnow.rs"]
mod cdnow;

use cdnow::{day, load_cdnow, sub_log};
use tierlab::engine::models::clv::partitioned::{fit_partials, partition_partial, predict_partition};
use tierlab::engine::models::clv::{fit_clv, ClvPartial, ClvReport, ClvSettings, CustomerValues};
use tierlab::engine::progress::Silent;

fn partition_of(id: &str, partitions: u64) -> usize {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    (hash % partitions) as usize
}

/// One customer's row as text: shortest round-trip digits, so equal text is equal bits.
fn row(values: &CustomerValues, i: usize) -> String {
    let b = values.intervals.as_ref().expect("intervals");
    format!(
        "{} {} {} {:?} {} {:?} {:?} {:?} {} {} {:?} {:?} {:?} {:?}",
        values.frequency[i],
        values.recency[i],
        values.age[i],
        values.monetary[i],
        values.p_alive[i],
        values.expected_purchases_horizon[i],
        values.expected_order_value[i],
        values.clv[i],
        b.p_alive_low[i],
        b.p_alive_high[i],
        b.expected_purchases_low[i],
        b.expected_purchases_high[i],
        b.clv_low[i],
        b.clv_high[i],
    )
}

#[test]
fn partitions_merge_into_exactly_the_single_machine_report() {
    let (ids, log) = load_cdnow();
    let settings = ClvSettings { uncertainty_draws: 40, ..ClvSettings::new(day(1997, 9, 30)) };
    let single = fit_clv(&log, &settings, &mut Silent).unwrap();
    let whole = ClvReport { per_customer: CustomerValues::default(), ..single.clone() };
    assert!(single.uncertainty.is_some() && single.gamma_gamma.is_some());
    let mut row_of = vec![usize::MAX; ids.len()];
    for (i, &c) in single.per_customer.customer.iter().enumerate() {
        row_of[c as usize] = i;
    }
    for parts in [1u64, 3, 5] {
        let mut members: Vec<Vec<usize>> = vec![vec![]; parts as usize];
        for (c, id) in ids.iter().enumerate() {
            members[partition_of(id, parts)].push(c);
        }
        let logs: Vec<_> = members.iter().map(|m| sub_log(&log, m)).collect();
        let partials: Vec<ClvPartial> = logs.iter().map(|l| partition_partial(l, &settings)).collect();
        let mut total = ClvPartial::default();
        for partial in partials.iter().rev() {
            total.merge(partial);
        }
        let report = fit_partials(&total, &settings).unwrap();
        assert_eq!(serde_json::to_string(&report).unwrap(), serde_json::to_string(&whole).unwrap(), "{parts} parts");
        let mut seen = 0;
        for (m, l) in members.iter().zip(&logs) {
            let values = predict_partition(l, &settings, &report).unwrap();
            for (i, &c) in values.customer.iter().enumerate() {
                let j = row_of[m[c as usize]];
                assert_eq!(row(&values, i), row(&single.per_customer, j), "customer {}", ids[m[c as usize]]);
                seen += 1;
            }
        }
        assert_eq!(seen, single.per_customer.customer.len());
    }
}

#[test]
fn the_dates_are_checked_against_the_whole_data() {
    let (ids, log) = load_cdnow();
    let settings = ClvSettings::new(day(1997, 9, 30));
    // A partition of one customer whose first purchase is in 1997: checked alone it could fail,
    // merged it is judged on the whole data's first purchase and last event.
    let members: Vec<usize> = (0..ids.len()).collect();
    let (first, rest) = members.split_at(1);
    let mut total = partition_partial(&sub_log(&log, first), &settings);
    total.merge(&partition_partial(&sub_log(&log, rest), &settings));
    assert_eq!(total.customers(), 23_570);
    let late = ClvSettings::new(day(1999, 12, 31));
    let error = fit_partials(&partition_partial(&log, &late), &late).unwrap_err();
    assert!(error.to_string().contains("after"), "{error}");
}
