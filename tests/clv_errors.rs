// Native only: engine checks that read fixtures from disk or run long; the browser tests prove the wiring.
#![cfg(not(target_arch = "wasm32"))]
//! Wrong or awkward input gives clear errors or counted exclusions, never a panic: spend <= 0, missing
//! amounts, non-convergence, too little data, dates outside the data, bad settings. Also determinism.

use tierlab::engine::dataset::EventLog;
use tierlab::engine::date::{days_from_civil, SECONDS_PER_DAY};
use tierlab::engine::models::clv::{
    fit_clv, ClvError, ClvModel, ClvReport, ClvSettings, NonConvergence, SpendModelSkipped,
};
use tierlab::engine::progress::Silent;
use tierlab::engine::rng::Rng;
use tierlab::engine::roles::{ColumnRole, EventKind};

const START: i64 = 19_000; // days since 1970 (2022-01-08)

/// Rows (day offset from START, kind, amount) per customer.
type History = Vec<(f64, EventKind, f64)>;

fn build(customers: &[History], with_amounts: bool) -> EventLog {
    let mut log = EventLog::default();
    for rows in customers {
        log.offsets.push(log.time.len() as u32);
        let mut rows = rows.clone();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (day, kind, amount) in rows {
            log.push_bare(
                ((START as f64 + day) * SECONDS_PER_DAY as f64) as i64,
                kind,
                if with_amounts { amount } else { f64::NAN },
            );
        }
    }
    log.offsets.push(log.time.len() as u32);
    log.present = vec![ColumnRole::CustomerId, ColumnRole::Timestamp];
    if with_amounts {
        log.present.push(ColumnRole::Amount);
    }
    log
}

/// BG/NBD + Gamma-Gamma customers (r = 0.24, α = 31 days, a = 0.79, b = 2.43; p = 6.25, q = 3.74,
/// γ = 15.44), born over 60 days, observed for 400 days.
fn simulated(customers: usize, seed: u64) -> Vec<History> {
    (0..customers)
        .map(|i| {
            let mut rng = Rng::for_stream(seed, i as u64);
            let birth = rng.uniform() * 60.0;
            let (lambda, dropout, nu) =
                (rng.gamma(0.24, 1.0 / 31.0), rng.beta(0.79, 2.43), rng.gamma(3.74, 1.0 / 15.44));
            let mut rows = vec![(birth, EventKind::Order, rng.gamma(6.25, 1.0 / nu))];
            let mut t = birth;
            loop {
                t += rng.exponential(lambda);
                if t >= 400.0 {
                    break;
                }
                rows.push((t, EventKind::Order, rng.gamma(6.25, 1.0 / nu)));
                if rng.bernoulli(dropout) {
                    break;
                }
            }
            rows
        })
        .collect()
}

fn day_end(day: i64) -> i64 {
    (START + day + 1) * SECONDS_PER_DAY - 1
}

fn settings() -> ClvSettings {
    ClvSettings { holdout_end: Some(day_end(399)), ..ClvSettings::new(day_end(250)) }
}

fn repeat_buyer_in_calibration(rows: &History) -> bool {
    let mut days: Vec<i64> = rows.iter().filter(|r| r.0 < 251.0).map(|r| r.0.floor() as i64).collect();
    days.dedup();
    days.len() > 1
}

#[test]
fn non_positive_spend_is_excluded_and_counted() {
    let mut customers = simulated(3_000, 11);
    let repeaters: Vec<usize> = (0..customers.len()).filter(|&i| repeat_buyer_in_calibration(&customers[i])).collect();
    // Three ways to end up with a mean value <= 0:
    // refunds of everything bought in the calibration (net 0 -> value 0),
    for &i in &repeaters[0..4] {
        let gross: f64 = customers[i].iter().filter(|r| r.0 < 251.0).map(|r| r.2).sum();
        customers[i].push((250.5, EventKind::Refund, -gross));
    }
    // all purchases with amount 0 (free orders),
    for &i in &repeaters[4..7] {
        customers[i].iter_mut().for_each(|r| r.2 = 0.0);
    }
    // negative amounts on the purchase rows themselves (returns exported as negative orders).
    for &i in &repeaters[7..9] {
        customers[i].iter_mut().for_each(|r| r.2 = -r.2);
    }
    let report = fit_clv(&build(&customers, true), &settings(), &mut Silent).expect("no error, exclusions instead");
    assert_eq!(report.exclusions.spend_not_positive, 9);
    assert_eq!(report.exclusions.refunds_applied, 4);
    let gg = report.gamma_gamma.as_ref().unwrap();
    assert_eq!(gg.customers, report.repeat_buyers - 9);
    let pc = &report.per_customer;
    for &i in &repeaters[0..9] {
        let row = pc.customer.iter().position(|&c| c as usize == i).unwrap();
        assert!(pc.monetary[row].unwrap() <= 0.0);
        assert_eq!((pc.expected_order_value[row], pc.clv[row]), (None, None), "customer {i}");
        assert!(pc.p_alive[row] > 0.0 && pc.expected_purchases_horizon[row].is_some(), "still predicted");
    }
    assert!(pc.clv.iter().filter(|v| v.is_some()).count() == pc.customer.len() - 9);
    let messages = report.exclusions.messages().join(" ");
    assert!(messages.contains("9 customers have a mean purchase value of 0 or less"), "{messages}");
    assert!(messages.contains("4 customers had refunds"), "{messages}");
}

#[test]
fn data_without_amounts_still_gives_purchase_predictions() {
    let report = fit_clv(&build(&simulated(2_000, 12), false), &settings(), &mut Silent).unwrap();
    assert_eq!(report.spend_model_skipped, Some(SpendModelSkipped::NoAmounts));
    assert!(report.gamma_gamma.is_none());
    assert_eq!(report.exclusions.spend_missing, report.repeat_buyers);
    assert!(report.per_customer.clv.iter().all(|v| v.is_none()));
    assert!(report.per_customer.expected_purchases_horizon.iter().all(|v| v.is_some()));
    assert!(report.spend_model_skipped.unwrap().to_string().contains("no amount column"));
}

#[test]
fn iteration_limit_is_a_clear_error() {
    let log = build(&simulated(2_000, 13), true);
    let err = fit_clv(&log, &ClvSettings { max_iterations: 2, ..settings() }, &mut Silent).unwrap_err();
    let ClvError::NotConverged { model, reason, iterations, gradient_norm, params } = &err else {
        panic!("{err:?}");
    };
    assert_eq!((*model, reason, *iterations), (ClvModel::BgNbd, &NonConvergence::IterationLimit, 2));
    assert!(gradient_norm.unwrap() > 1e-9);
    assert_eq!(params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["r", "alpha", "a", "b"]);
    let message = err.to_string();
    assert!(message.starts_with("the BG/NBD purchase model did not converge after 2 iterations (iteration limit"));
    assert!(message.contains("Try a penalizer"), "{message}");
}

/// Everyone buys exactly every 7 days: no heterogeneity in the purchase rate at all. Customers stop
/// after 1 to 25 repeat purchases (`stop(i)`), or never (`None`).
fn clockwork_buyers(stop: impl Fn(usize) -> Option<usize>) -> Vec<History> {
    (0..60)
        .map(|i| {
            let birth = i as f64;
            let purchases = (0..)
                .map(|k| birth + 7.0 * f64::from(k))
                .take_while(|&d| d < 400.0)
                .take(stop(i).map_or(usize::MAX, |n| n + 1));
            purchases.map(|d| (d, EventKind::Order, 20.0 + i as f64)).collect()
        })
        .collect()
}

fn runaway_parameter(err: &ClvError) -> (String, bool) {
    let ClvError::NotConverged { model: ClvModel::BgNbd, reason, .. } = err else {
        panic!("{err:?}");
    };
    match reason {
        NonConvergence::ParameterDiverged { name, towards_zero }
        | NonConvergence::FlatLikelihood { name, towards_zero } => (name.clone(), *towards_zero),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_model_the_data_cannot_identify_is_reported_with_the_runaway_parameter() {
    // Nobody drops out and nobody differs: the likelihood has no maximum at finite parameters.
    let err = fit_clv(&build(&clockwork_buyers(|_| None), true), &settings(), &mut Silent).unwrap_err();
    println!("{err}");
    let (name, _) = runaway_parameter(&err);
    assert!(["r", "alpha", "a", "b"].contains(&name.as_str()));
    assert!(err.to_string().contains(&format!("parameter {name}")) && err.to_string().contains("do not pin"));

    // With dropout but still identical rates, the Gamma heterogeneity runs off to infinity (r, α -> ∞):
    // a penalizer, as the message advises, keeps it finite.
    let customers = clockwork_buyers(|i| Some(1 + (i * 7) % 25));
    let settings = ClvSettings::new(day_end(250));
    let err = fit_clv(&build(&customers, true), &settings, &mut Silent).unwrap_err();
    println!("{err}");
    let (name, towards_zero) = runaway_parameter(&err);
    assert!(!towards_zero && ["r", "alpha"].contains(&name.as_str()), "{name}");
    assert!(err.to_string().contains("Try a penalizer"));
    let report = fit_clv(&build(&customers, true), &ClvSettings { penalizer: 0.01, ..settings }, &mut Silent)
        .expect("penalized fit converges");
    assert!(report.bgnbd.values.iter().all(|v| v.is_finite() && *v > 0.0));
}

#[test]
fn spend_model_without_spend_heterogeneity_is_reported() {
    // Purchases are fine (simulated), but every order is worth exactly 50: the spend per customer does
    // not vary at all, so Gamma-Gamma's p and q run off.
    let mut customers = simulated(2_000, 14);
    customers.iter_mut().flatten().for_each(|r| r.2 = 50.0);
    let err = fit_clv(&build(&customers, true), &settings(), &mut Silent).unwrap_err();
    println!("{err}");
    assert!(matches!(err, ClvError::NotConverged { model: ClvModel::GammaGamma, .. }), "{err:?}");
    assert!(err.to_string().starts_with("the Gamma-Gamma spend model did not converge"));
}

#[test]
fn too_little_data_is_reported() {
    let few = simulated(10, 15);
    assert_eq!(
        fit_clv(&build(&few, true), &ClvSettings::new(day_end(250)), &mut Silent).unwrap_err(),
        ClvError::TooFewCustomers { customers: 10, needed: 20 }
    );
    let one_timers: Vec<History> = (0..50).map(|i| vec![(f64::from(i), EventKind::Order, 10.0)]).collect();
    // Their last purchase is on day 49: a calibration end on day 60 is within the data's reach.
    let err = fit_clv(&build(&one_timers, true), &ClvSettings::new(day_end(60)), &mut Silent).unwrap_err();
    assert_eq!(err, ClvError::NoRepeatBuyers { customers: 50 });
    assert!(err.to_string().contains("none of the 50 customers bought again"));
}

#[test]
fn dates_outside_the_data_are_reported_with_the_dates() {
    let log = build(&simulated(200, 16), true);
    let before = ClvSettings::new((START - 10) * SECONDS_PER_DAY);
    let err = fit_clv(&log, &before, &mut Silent).unwrap_err();
    assert!(matches!(err, ClvError::CalibrationEndOutsideData { .. }), "{err:?}");
    let (y, m, d) = tierlab::engine::date::civil_from_days(START - 10);
    assert!(err.to_string().contains(&format!("{y:04}-{m:02}-{d:02}")), "{err}");

    let after = ClvSettings { holdout_end: Some(day_end(900)), ..settings() };
    let err = fit_clv(&log, &after, &mut Silent).unwrap_err();
    assert!(matches!(err, ClvError::HoldoutEndAfterData { .. }), "{err:?}");
    assert!(err.to_string().contains("after the last event"));

    // A calibration end past the data would make every customer look inactive since the data ended.
    let late = ClvSettings::new(day_end(900));
    let err = fit_clv(&log, &late, &mut Silent).unwrap_err();
    assert!(matches!(err, ClvError::CalibrationEndAfterData { .. }), "{err:?}");
    assert!(err.to_string().contains("look inactive"), "{err}");
    let (_, last) = log.time_span().unwrap();
    assert!(fit_clv(&log, &ClvSettings::new(last), &mut Silent).is_ok(), "the last event's day itself is fine");

    let reversed = ClvSettings { holdout_end: Some(day_end(100)), ..settings() };
    assert!(matches!(
        fit_clv(&log, &reversed, &mut Silent).unwrap_err(),
        ClvError::HoldoutEndNotAfterCalibration { .. }
    ));
    let views: Vec<History> = (0..30).map(|i| vec![(f64::from(i), EventKind::View, f64::NAN)]).collect();
    assert_eq!(fit_clv(&build(&views, false), &settings(), &mut Silent).unwrap_err(), ClvError::NoPurchases);
}

#[test]
fn bad_settings_name_the_field() {
    let log = build(&simulated(200, 17), true);
    for (settings, field) in [
        (ClvSettings { horizon_months: 0, ..settings() }, "horizon_months"),
        (ClvSettings { monthly_discount_rate: f64::NAN, ..settings() }, "monthly_discount_rate"),
        (ClvSettings { margin_percent: -5.0, ..settings() }, "margin_percent"),
        (ClvSettings { penalizer: -1.0, ..settings() }, "penalizer"),
    ] {
        match fit_clv(&log, &settings, &mut Silent).unwrap_err() {
            ClvError::Range(error) => assert_eq!(error.field, field),
            other => panic!("{other:?}"),
        }
    }
    // Errors travel to the UI as JSON.
    let json = serde_json::to_string(&ClvError::TooFewCustomers { customers: 3, needed: 20 }).unwrap();
    assert_eq!(json, r#"{"kind":"too_few_customers","customers":3,"needed":20}"#);
}

#[test]
fn results_do_not_depend_on_customer_order_or_repetition() {
    let customers = simulated(3_000, 18);
    let first = fit_clv(&build(&customers, true), &settings(), &mut Silent).unwrap();
    let again = fit_clv(&build(&customers, true), &settings(), &mut Silent).unwrap();
    assert_eq!(first, again, "same data, same numbers");
    let mut reversed = customers.clone();
    reversed.reverse();
    let flipped: ClvReport = fit_clv(&build(&reversed, true), &settings(), &mut Silent).unwrap();
    // Identical histories collapse into the same patterns in the same order, so the fit is bit-identical.
    assert_eq!(first.bgnbd, flipped.bgnbd);
    assert_eq!(first.gamma_gamma, flipped.gamma_gamma);
    let n = customers.len();
    for i in 0..n {
        assert_eq!(first.per_customer.clv[i], flipped.per_customer.clv[n - 1 - i]);
    }
    // A calendar check of the helper: START is 2022-01-08.
    assert_eq!(days_from_civil(2022, 1, 8), START);
}

#[test]
fn a_stray_old_date_does_not_make_the_holdout_check_crawl() {
    // One customer's first purchase is dated 1990 (a typo): the span becomes ~11,700 days. The fit and
    // the per-frequency table are unaffected in cost; the cumulative chart is left out, and says why.
    let mut customers = simulated(500, 19);
    customers[0][0].0 = -11_300.0;
    let report = fit_clv(&build(&customers, true), &settings(), &mut Silent).unwrap();
    let holdout = report.holdout.unwrap();
    assert!(holdout.span_periods > 11_000, "{}", holdout.span_periods);
    assert!(holdout.tracking.is_none());
    assert_eq!(holdout.by_frequency.iter().map(|b| b.customers).sum::<u32>(), 500);
}
