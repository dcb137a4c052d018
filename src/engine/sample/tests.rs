use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::*;
use crate::engine::progress::Silent;

/// RFC 4180 reader written independently of `write_record`: fields split on commas outside
/// quotes, `""` inside quotes is one quote, records end at `\n` outside quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (in_quotes, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => in_quotes = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => in_quotes = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!in_quotes, "unterminated quote at end of text");
    assert!(field.is_empty() && record.is_empty(), "text does not end with a line break");
    records
}

/// One parsed and type-checked row.
#[derive(Clone, Debug)]
struct Row {
    customer: String,
    /// Seconds since 1970-01-01.
    time: i64,
    kind: String,
    amount: Option<f64>,
    quantity: Option<u32>,
    category: String,
    channel: String,
    rating: Option<u32>,
    comment: String,
    browse_minutes: Option<f64>,
    gender: String,
    age: u32,
    city: String,
}

fn parse_time(text: &str) -> i64 {
    // YYYY-MM-DD HH:MM:SS, checked field by field.
    assert_eq!(text.len(), 19, "timestamp {text:?}");
    let b = text.as_bytes();
    assert!(b[4] == b'-' && b[7] == b'-' && b[10] == b' ' && b[13] == b':' && b[16] == b':', "{text:?}");
    let num = |range: std::ops::Range<usize>| text[range].parse::<i64>().unwrap_or_else(|_| panic!("{text:?}"));
    let (y, mo, d, h, mi, s) = (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16), num(17..19));
    assert!(crate::engine::date::is_valid_date(y as i32, mo as u32, d as u32), "{text:?}");
    assert!(h < 24 && mi < 60 && s < 60, "{text:?}");
    days_from_civil(y as i32, mo as u32, d as u32) * 86_400 + h * 3600 + mi * 60 + s
}

fn optional<T: std::str::FromStr>(text: &str, what: &str) -> Option<T> {
    if text.is_empty() {
        None
    } else {
        Some(text.parse().unwrap_or_else(|_| panic!("{what} {text:?}")))
    }
}

fn parse_rows(text: &str) -> Vec<Row> {
    let records = parse_csv(text);
    assert_eq!(records[0], HEADER.map(String::from).to_vec());
    records[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), 13, "{r:?}");
            Row {
                customer: r[0].clone(),
                time: parse_time(&r[1]),
                kind: r[2].clone(),
                amount: optional(&r[3], "amount"),
                quantity: optional(&r[4], "quantity"),
                category: r[5].clone(),
                channel: r[6].clone(),
                rating: optional(&r[7], "rating"),
                comment: r[8].clone(),
                browse_minutes: optional(&r[9], "browse_minutes"),
                gender: r[10].clone(),
                age: r[11].parse().unwrap_or_else(|_| panic!("age {:?}", r[11])),
                city: r[12].clone(),
            }
        })
        .collect()
}

/// The default sample, generated once for all statistical tests.
fn default_sample() -> &'static (String, Vec<Row>) {
    static SAMPLE: OnceLock<(String, Vec<Row>)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let text = generate_csv(&SampleConfig::default(), &mut Silent);
        let rows = parse_rows(&text);
        (text, rows)
    })
}

fn by_customer(rows: &[Row]) -> BTreeMap<&str, Vec<&Row>> {
    let mut map: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for row in rows {
        map.entry(row.customer.as_str()).or_default().push(row);
    }
    map
}

fn small(customers: usize, seed: u64) -> SampleConfig {
    SampleConfig { customers, seed, ..SampleConfig::default() }
}

#[test]
fn config_validation_names_the_problem() {
    assert_eq!(validate_config(&SampleConfig::default()), Ok(()));
    assert_eq!(validate_config(&small(1, 0)), Ok(()));
    assert_eq!(validate_config(&small(1_000_000, 0)), Ok(()));
    assert_eq!(validate_config(&small(0, 0)), Err(SampleConfigError::CustomersOutOfRange { customers: 0 }));
    assert_eq!(
        validate_config(&small(1_000_001, 0)),
        Err(SampleConfigError::CustomersOutOfRange { customers: 1_000_001 })
    );
    let months = |months| SampleConfig { months, ..SampleConfig::default() };
    assert_eq!(validate_config(&months(0)), Err(SampleConfigError::MonthsOutOfRange { months: 0 }));
    assert_eq!(validate_config(&months(61)), Err(SampleConfigError::MonthsOutOfRange { months: 61 }));
    assert_eq!(validate_config(&months(60)), Ok(()));
    let end = |end_date| SampleConfig { end_date, ..SampleConfig::default() };
    assert_eq!(
        validate_config(&end((2025, 2, 29))),
        Err(SampleConfigError::InvalidEndDate { year: 2025, month: 2, day: 29 })
    );
    assert_eq!(
        validate_config(&end((1901, 6, 30))),
        Err(SampleConfigError::WindowTooEarly { year: 1901, month: 6, day: 30, months: 24 })
    );
    assert_eq!(
        SampleConfigError::CustomersOutOfRange { customers: 0 }.to_string(),
        "The sample needs between 1 and 1000000 customers; 0 was requested."
    );
    assert_eq!(
        SampleConfigError::InvalidEndDate { year: 2025, month: 2, day: 29 }.to_string(),
        "The sample's end date 2025-02-29 is not a calendar date between 1900 and 2200."
    );
}

#[test]
fn window_is_whole_months_ending_on_the_end_date() {
    // Default: 2024-11-01 through 2026-10-31 = 365 + 365 days (no 29 February in between).
    let (start, days) = window_days(&SampleConfig::default());
    assert_eq!((start, days), (days_from_civil(2024, 11, 1), 730));
    // 2024-03-31 back one month: 2024-02-29 (clamped), so the window is 2024-03-01..2024-03-31.
    let config = SampleConfig { months: 1, end_date: (2024, 3, 31), ..SampleConfig::default() };
    assert_eq!(window_days(&config), (days_from_civil(2024, 3, 1), 31));
    // Mid-month end: 2026-01-15 back 2 months is 2025-11-15, window 2025-11-16..2026-01-15 = 61 days.
    let config = SampleConfig { months: 2, end_date: (2026, 1, 15), ..SampleConfig::default() };
    assert_eq!(window_days(&config), (days_from_civil(2025, 11, 16), 61));
}

#[test]
fn same_seed_same_text_and_other_seed_other_text() {
    let a = generate_csv(&small(500, 7), &mut Silent);
    let b = generate_csv(&small(500, 7), &mut Silent);
    let c = generate_csv(&small(500, 8), &mut Silent);
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert!(a.starts_with("customer_id,event_time,event_type,amount,quantity,category,channel,rating,comment,browse_minutes,gender,age,city\n"));
    assert!(!a.starts_with('\u{feff}'));
}

#[test]
fn a_customers_history_does_not_depend_on_how_many_customers_are_generated() {
    let fewer = parse_rows(&generate_csv(&small(300, 11), &mut Silent));
    let more = parse_rows(&generate_csv(&small(700, 11), &mut Silent));
    let lines = |rows: &[Row], id: &str| -> Vec<String> {
        rows.iter().filter(|r| r.customer == id).map(|r| format!("{r:?}")).collect()
    };
    for id in ["C000001", "C000123", "C000300"] {
        let history = lines(&fewer, id);
        assert!(!history.is_empty(), "{id} has rows");
        assert_eq!(history, lines(&more, id), "{id}");
    }
    assert!(lines(&fewer, "C000301").is_empty());
    assert!(!lines(&more, "C000301").is_empty());
}

#[test]
fn progress_is_reported_up_to_the_total() {
    let mut reports = Vec::new();
    let mut record = |stage: Stage, done: u64, total: u64| reports.push((stage, done, total));
    generate_csv(&small(250, 1), &mut record);
    assert!(reports.iter().all(|&(stage, done, total)| stage == Stage::Generating && total == 250 && done <= 250));
    assert_eq!(reports.last(), Some(&(Stage::Generating, 250, 250)));
    assert!(reports.len() > 50, "about every 1 %: {} reports", reports.len());
}

#[test]
fn every_row_parses_and_lies_inside_the_window_in_time_order() {
    let (text, rows) = default_sample();
    assert!(text.ends_with('\n') && !text.contains('\r'));
    let start = days_from_civil(2024, 11, 1) * 86_400;
    let end = days_from_civil(2026, 11, 1) * 86_400;
    assert!(rows.iter().all(|r| (start..end).contains(&r.time)));
    assert!(rows.windows(2).all(|w| w[0].time <= w[1].time), "sorted by time");
    let kinds = ["view", "cart", "order", "pay", "refund", "review"];
    for row in rows {
        assert!(kinds.contains(&row.kind.as_str()), "{row:?}");
        let has_amount = matches!(row.kind.as_str(), "order" | "pay" | "refund");
        assert_eq!(row.amount.is_some(), has_amount, "{row:?}");
        if let Some(amount) = row.amount {
            assert_eq!(amount < 0.0, row.kind == "refund", "{row:?}");
            assert_ne!(amount, 0.0, "{row:?}");
        }
        assert_eq!(row.quantity.is_some(), matches!(row.kind.as_str(), "cart" | "order" | "pay"), "{row:?}");
        assert!(row.quantity.is_none_or(|q| (1..=5).contains(&q)));
        assert_eq!(row.rating.is_some(), row.kind == "review", "{row:?}");
        assert!(row.rating.is_none_or(|r| (1..=5).contains(&r)));
        assert!(row.comment.is_empty() || row.kind == "review");
        assert_eq!(row.browse_minutes.is_some(), row.kind == "view", "{row:?}");
        assert!(row.browse_minutes.is_none_or(|m| (0.1..=120.0).contains(&m)));
        assert!(["女", "男"].contains(&row.gender.as_str()));
        assert!((18..=65).contains(&row.age));
        assert!(vocabulary::CITIES.iter().any(|c| c.0 == row.city));
        assert!(vocabulary::CATEGORIES.contains(&row.category.as_str()));
        assert!(vocabulary::CHANNELS.contains(&row.channel.as_str()));
        let id_digits = &row.customer[1..];
        assert!(row.customer.starts_with('C') && id_digits.len() == 6 && id_digits.bytes().all(|b| b.is_ascii_digit()));
    }
    // Quoting is exercised: some comments contain a comma or a double quote.
    assert!(rows.iter().any(|r| r.comment.contains(',')));
    assert!(rows.iter().any(|r| r.comment.contains('"')));
    assert!(text.contains("\"\""), "a doubled quote inside a quoted field");
}

#[test]
fn counts_of_rows_and_customers() {
    let (_, rows) = default_sample();
    let customers = by_customer(rows);
    assert_eq!(customers.len(), 20_000, "every customer has at least the acquisition visit");
    assert_eq!(customers.keys().next(), Some(&"C000001"));
    assert_eq!(customers.keys().last(), Some(&"C020000"));
    let per_customer = rows.len() as f64 / 20_000.0;
    assert!((15.0..=20.0).contains(&per_customer), "{per_customer} rows per customer ({} rows)", rows.len());
}

#[test]
fn demographics_are_constant_per_customer() {
    let (_, rows) = default_sample();
    for (id, history) in by_customer(rows) {
        let first = history[0];
        assert!(history.iter().all(|r| r.gender == first.gender && r.age == first.age && r.city == first.city), "{id}");
    }
}

#[test]
fn funnel_is_monotone_and_every_payment_completes_an_order() {
    let (_, rows) = default_sample();
    let count = |kind: &str| rows.iter().filter(|r| r.kind == kind).count();
    let (views, carts, orders, pays) = (count("view"), count("cart"), count("order"), count("pay"));
    assert!(views > carts && carts > orders && orders > pays, "{views} {carts} {orders} {pays}");
    for (id, history) in by_customer(rows) {
        let mut history = history.clone();
        history.sort_by_key(|r| r.time);
        // Each pay follows that customer's order for the same amount, and each order a cart.
        let mut open_orders: Vec<f64> = Vec::new();
        let mut carts = 0usize;
        let mut paid: Vec<f64> = Vec::new();
        for row in history {
            match row.kind.as_str() {
                "cart" => carts += 1,
                "order" => {
                    assert!(carts > 0, "{id}: order without cart");
                    carts -= 1;
                    open_orders.push(row.amount.unwrap_or(f64::NAN));
                }
                "pay" => {
                    let amount = row.amount.unwrap_or(f64::NAN);
                    let at = open_orders.iter().position(|&a| a == amount);
                    assert!(at.is_some(), "{id}: pay {amount} without an order");
                    open_orders.retain(|&a| a != amount || at.is_none());
                    paid.push(amount);
                }
                "refund" => {
                    let amount = -row.amount.unwrap_or(f64::NAN);
                    assert!(paid.contains(&amount), "{id}: refund {amount} of nothing paid");
                }
                "review" => assert!(!paid.is_empty(), "{id}: review before any payment"),
                _ => {}
            }
        }
    }
}

#[test]
fn purchase_and_spend_statistics_match_the_generating_parameters() {
    let (_, rows) = default_sample();
    let m = SAMPLE_MODEL;
    let customers = by_customer(rows);
    let mut never_paid = 0usize;
    let mut mean_order_values = Vec::new();
    for history in customers.values() {
        let pays: Vec<f64> = history.iter().filter(|r| r.kind == "pay").filter_map(|r| r.amount).collect();
        if pays.is_empty() {
            never_paid += 1;
        } else {
            mean_order_values.push(pays.iter().sum::<f64>() / pays.len() as f64);
        }
    }
    // Buyers always pay at acquisition, so the share of customers without a payment is the
    // never-buying share: binomial sd = sqrt(0.22 * 0.78 / 20000) = 0.003.
    let share = never_paid as f64 / customers.len() as f64;
    assert!((share - m.share_never_buying).abs() < 0.015, "share never paid {share}");

    // Gamma-Gamma: a customer's mean order value has expectation p·γ/(q-1) = 6·60/2 = 180
    // whatever the number of orders. Its sd across customers is p·γ/((q-1)·sqrt(q-2)) = 180
    // (plus order noise), so with ~15,600 buyers the standard error is ~1.5; allow 5 %.
    assert_eq!(m.mean_order_value(), 180.0);
    let mean = mean_order_values.iter().sum::<f64>() / mean_order_values.len() as f64;
    assert!((mean / 180.0 - 1.0).abs() < 0.05, "mean of customers' mean order value {mean}");
    // Skewed: median customer mean below the mean (Gamma(3) median of ν: 2.674/60, so the
    // median of p/ν is about 6·60/2.674 = 135), and some big spenders.
    let mut sorted = mean_order_values.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    assert!((median / 134.6 - 1.0).abs() < 0.08, "median {median}");
    assert!(sorted.iter().filter(|&&v| v > 1000.0).count() >= 10);

    let count = |kind: &str| rows.iter().filter(|r| r.kind == kind).count() as f64;
    let pays = count("pay");
    // Refunds: 4 % of paid orders, minus those that would fall after the window end (a ~1 %
    // relative loss): sd = sqrt(0.04 * 0.96 / pays) ~ 0.0008.
    let refund_share = count("refund") / pays;
    assert!((0.035..0.045).contains(&refund_share), "refund share {refund_share}");
    // Reviews: 0.96 * 25 % + 0.04 * 40 % = 25.6 % of paid orders, minus the window-end loss.
    let review_share = count("review") / pays;
    assert!((0.245..0.262).contains(&review_share), "review share {review_share}");
}

#[test]
fn ratings_are_skewed_high_and_comments_match_them() {
    let (_, rows) = default_sample();
    let reviews: Vec<&Row> = rows.iter().filter(|r| r.kind == "review").collect();
    let fives = reviews.iter().filter(|r| r.rating == Some(5)).count() as f64 / reviews.len() as f64;
    // 0.96 * 0.58 + 0.04 * 0.05 = 0.559 of reviews are 5 stars.
    assert!((fives - 0.559).abs() < 0.02, "share of 5 stars {fives}");
    for review in &reviews {
        if review.comment.is_empty() {
            continue;
        }
        let rating = review.rating.unwrap_or(0);
        let list: &[&str] = match rating {
            4 | 5 => &vocabulary::POSITIVE_COMMENTS,
            3 => &vocabulary::NEUTRAL_COMMENTS,
            _ => &vocabulary::NEGATIVE_COMMENTS,
        };
        assert!(list.contains(&review.comment.as_str()), "rating {rating} with {:?}", review.comment);
    }
    let empty = reviews.iter().filter(|r| r.comment.is_empty()).count() as f64 / reviews.len() as f64;
    assert!((empty - vocabulary::SHARE_RATING_ONLY).abs() < 0.02, "rating-only share {empty}");
}

#[test]
fn seasonal_peaks_and_the_spring_festival_dip_show_in_payments() {
    let (_, rows) = default_sample();
    let mut per_day: BTreeMap<i64, usize> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.kind == "pay") {
        *per_day.entry(row.time.div_euclid(86_400)).or_default() += 1;
    }
    let pays_on = |y, m, d| per_day.get(&days_from_civil(y, m, d)).copied().unwrap_or(0) as f64;
    // Compare with the same weekday a week later (2025-11-18 and 2025-06-25 are plain days).
    assert!(pays_on(2025, 11, 11) > 3.0 * pays_on(2025, 11, 18), "11.11");
    assert!(pays_on(2025, 6, 18) > 2.0 * pays_on(2025, 6, 25), "618");
    // Spring Festival 2026-02-17 vs 2026-03-17, a Tuesday four weeks later.
    assert!(pays_on(2026, 2, 17) < 0.7 * pays_on(2026, 3, 17), "Spring Festival");
    // Evening beats small hours.
    let hour_share =
        |h: i64| rows.iter().filter(|r| r.kind == "view" && r.time.rem_euclid(86_400) / 3600 == h).count() as f64;
    assert!(hour_share(21) > 8.0 * hour_share(4));
}

#[test]
fn buyers_join_over_the_window_with_growth() {
    let (_, rows) = default_sample();
    let start = days_from_civil(2024, 11, 1) * 86_400;
    let mut first_seen: BTreeMap<&str, i64> = BTreeMap::new();
    for row in rows {
        first_seen.entry(row.customer.as_str()).or_insert(row.time);
    }
    let (mut first_year, mut second_year) = (0, 0);
    for &t in first_seen.values() {
        if t - start < 365 * 86_400 {
            first_year += 1;
        } else {
            second_year += 1;
        }
    }
    // Density ∝ 1 + x on the window: first half gets (0.5 + 0.125)/1.5 = 41.7 % of customers.
    let share = f64::from(first_year) / f64::from(first_year + second_year);
    assert!((share - 0.4167).abs() < 0.02, "first-year share {share}");
}

#[test]
fn short_windows_and_a_single_customer_work() {
    let config = SampleConfig { customers: 1, months: 1, seed: 3, end_date: (2024, 2, 29) };
    let rows = parse_rows(&generate_csv(&config, &mut Silent));
    assert!(!rows.is_empty());
    let start = days_from_civil(2024, 1, 30) * 86_400;
    let end = days_from_civil(2024, 3, 1) * 86_400;
    assert!(rows.iter().all(|r| r.customer == "C000001" && (start..end).contains(&r.time)));
    // Out-of-range configurations are clamped rather than panicking.
    let text = generate_csv(&SampleConfig { customers: 0, months: 0, seed: 1, end_date: (2025, 13, 1) }, &mut Silent);
    assert!(parse_rows(&text).iter().all(|r| r.customer == "C000001"));
}

/// Native generation time: `cargo test --release --lib sample::tests::generation_time -- --ignored --nocapture`.
#[test]
#[ignore]
fn generation_time() {
    for customers in [20_000, 100_000] {
        let started = std::time::Instant::now();
        let text = generate_csv(&small(customers, 42), &mut Silent);
        let elapsed = started.elapsed();
        let rows = text.lines().count() - 1;
        println!("{customers} customers: {rows} rows, {:.1} MB, {elapsed:?}", text.len() as f64 / 1e6);
    }
}
