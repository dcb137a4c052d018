//! The CDNow master file (23,570 customers, 69,659 transactions, 1997-01 to 1998-06) as an event log,
//! shared by the CLV agreement tests, with their comparison helpers.
#![allow(dead_code)]

use tierlab::engine::dataset::EventLog;
use tierlab::engine::date::{days_from_civil, SECONDS_PER_DAY};
use tierlab::engine::roles::{ColumnRole, EventKind};

pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cdnow/CDNOW_master.txt");

pub fn day(y: i32, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) * SECONDS_PER_DAY
}

/// The CDNow file: a header line, then `id date(YYYYMMDD) number_of_cds dollar_value` separated by spaces.
/// Customers are numbered in id order (as lifetimes' summary, sorted by id).
pub fn load_cdnow() -> (Vec<String>, EventLog) {
    let text = std::fs::read_to_string(DATA).expect("CDNow fixture");
    let mut rows: Vec<(String, i64, f32, f64)> = Vec::new();
    for (line_no, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields.len(), 4, "line {}", line_no + 1);
        let date = fields[1];
        let (y, m, d) = (date[0..4].parse().unwrap(), date[4..6].parse().unwrap(), date[6..8].parse().unwrap());
        rows.push((fields[0].to_string(), day(y, m, d), fields[2].parse().unwrap(), fields[3].parse().unwrap()));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut ids = Vec::new();
    let mut log = EventLog::default();
    for (id, time, quantity, amount) in rows {
        if ids.last() != Some(&id) {
            log.offsets.push(log.time.len() as u32);
            ids.push(id);
        }
        log.push_bare(time, EventKind::Order, amount);
        *log.quantity.last_mut().expect("just pushed") = quantity;
    }
    log.offsets.push(log.time.len() as u32);
    log.present = vec![ColumnRole::CustomerId, ColumnRole::Timestamp, ColumnRole::Quantity, ColumnRole::Amount];
    (ids, log)
}

pub fn relative(ours: f64, theirs: f64) -> f64 {
    (ours - theirs).abs() / theirs.abs().max(1e-12)
}

/// Largest relative difference over customers, skipping values below `floor` in absolute terms (where
/// a relative difference says nothing), checked against `floor` absolutely instead.
pub fn worst(ours: &[f64], theirs: &[f64], floor: f64) -> f64 {
    assert_eq!(ours.len(), theirs.len());
    ours.iter()
        .zip(theirs)
        .map(|(&o, &t)| if t.abs() < floor { (o - t).abs() / floor } else { relative(o, t) })
        .fold(0.0, f64::max)
}

/// The customers `customers` of `log` (in that order) as a log of their own.
pub fn sub_log(log: &EventLog, customers: &[usize]) -> EventLog {
    let mut part = EventLog { present: log.present.clone(), ..EventLog::default() };
    for &c in customers {
        part.offsets.push(part.time.len() as u32);
        for row in log.rows_of(c) {
            part.push_row_of(log, row);
        }
    }
    part.offsets.push(part.time.len() as u32);
    part
}

/// A reference file written by a script in tests/agreement.
pub fn read_json(path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("reference JSON")).unwrap()
}

pub fn num(v: &serde_json::Value) -> f64 {
    v.as_f64().expect("number")
}

pub fn numbers(v: &serde_json::Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(num).collect()
}
