// Native only: engine checks that read fixtures from disk or run long; the browser tests prove the wiring.
#![cfg(not(target_arch = "wasm32"))]
//! Agreement of the BG/NBD + Gamma-Gamma pipeline with an independent implementation (the Python package
//! lifetimes 0.11.3) on real transaction data: the CDNow master file (23,570 customers, 69,659
//! transactions, 1997-01 to 1998-06). Reference numbers: tests/agreement/clv_lifetimes_output.json,
//! written by tests/agreement/clv_lifetimes.py (see that file for how to re-run it).

#[path = "common/cdnow.rs"]
mod cdnow;

use cdnow::{day, load_cdnow, num, numbers, read_json, relative, worst, DATA};
use serde_json::Value;

use tierlab::engine::models::clv::bgnbd::BgNbdParams;
use tierlab::engine::models::clv::gamma_gamma::GammaGammaParams;
use tierlab::engine::models::clv::value::{customer_value, ValueHorizon};
use tierlab::engine::models::clv::{fit_clv, ClvReport, ClvSettings, PurchaseModelChoice, TimeUnit};
use tierlab::engine::progress::Silent;
use tierlab::engine::roles::ColumnRole;

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/agreement/clv_lifetimes_output.json");

fn reference() -> Value {
    read_json(REFERENCE)
}

fn settings() -> ClvSettings {
    ClvSettings {
        holdout_end: Some(day(1998, 6, 30)),
        time_unit: TimeUnit::Days,
        horizon_months: 12,
        monthly_discount_rate: 0.01,
        margin_percent: 100.0,
        penalizer: 0.0,
        // lifetimes' BetaGeoFitter is the reference here (tests/clv_models_agreement.rs has the others).
        purchase_model: PurchaseModelChoice::BgNbd,
        ..ClvSettings::new(day(1997, 9, 30))
    }
}

fn fit() -> (Vec<String>, ClvReport) {
    let (ids, log) = load_cdnow();
    let report = fit_clv(&log, &settings(), &mut Silent).expect("fit");
    (ids, report)
}

#[test]
fn cdnow_agrees_with_lifetimes() {
    let reference = reference();
    let (ids, report) = fit();
    let pc = &reference["per_customer"];

    // Same customers, same summary (frequency, recency, T, monetary value) as lifetimes.
    let ref_ids: Vec<&str> = pc["customer_id"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let our_ids: Vec<&str> = report.per_customer.customer.iter().map(|&c| ids[c as usize].as_str()).collect();
    assert_eq!(our_ids, ref_ids);
    let ours = &report.per_customer;
    assert_eq!(ours.frequency.iter().map(|&x| f64::from(x)).collect::<Vec<_>>(), numbers(&pc["frequency"]));
    assert_eq!(ours.recency, numbers(&pc["recency"]));
    assert_eq!(ours.age, numbers(&pc["T"]));
    // lifetimes writes 0 where there is no repeat purchase; we say None.
    let monetary: Vec<f64> = ours.monetary.iter().map(|m| m.unwrap_or(0.0)).collect();
    assert!(worst(&monetary, &numbers(&pc["monetary_value"]), 1e-9) < 1e-9, "same up to the 10 digits kept");
    assert_eq!(
        ours.holdout_purchases.as_ref().unwrap().iter().map(|&x| f64::from(x)).collect::<Vec<_>>(),
        numbers(&pc["frequency_holdout"])
    );
    assert_eq!(report.exclusions.first_purchase_after_calibration + report.exclusions.never_purchased, 0);

    // Parameters within 1 % (in practice far closer: both optimise the same likelihood).
    let bg = &reference["bgnbd"];
    for name in ["r", "alpha", "a", "b"] {
        let (o, t) = (report.bgnbd.value(name).unwrap(), num(&bg["params"][name]));
        println!("BG/NBD {name:5}: ours {o:.8}  lifetimes {t:.8}  rel diff {:.1e}", relative(o, t));
        assert!(relative(o, t) < 1e-2, "{name}");
        assert!(relative(o, t) < 1e-4, "{name}: tighter than the 1 % required, as both optimise to ~1e-7");
    }
    let gg = &reference["gamma_gamma"];
    let gg_fit = report.gamma_gamma.as_ref().unwrap();
    for name in ["p", "q", "v"] {
        let (o, t) = (gg_fit.value(name).unwrap(), num(&gg["params"][name]));
        println!("Gamma-Gamma {name}: ours {o:.8}  lifetimes {t:.8}  rel diff {:.1e}", relative(o, t));
        assert!(relative(o, t) < 1e-4, "{name}");
    }
    assert_eq!(gg_fit.customers as u64, gg["customers"].as_u64().unwrap());

    // Log-likelihoods. lifetimes reports the MEAN negative log-likelihood in rescaled time (T / max T);
    // rescaling time by s changes each customer's log-likelihood by -x ln s, so
    //   total LL in days = -N · mean_nll_scaled - Σx · ln(max T).
    let n = report.customers as f64;
    let sum_x: f64 = ours.frequency.iter().map(|&x| f64::from(x)).sum();
    let max_age = ours.age.iter().copied().fold(0.0, f64::max);
    let from_reported = -n * num(&bg["lifetimes_mean_negative_ll_scaled_time"]) - sum_x * max_age.ln();
    let direct = num(&bg["log_likelihood_days"]);
    println!(
        "BG/NBD LL: ours {:.6}  lifetimes {direct:.6} (from its reported mean: {from_reported:.6})",
        report.bgnbd.log_likelihood
    );
    assert!(relative(from_reported, direct) < 1e-9, "the conversion of lifetimes' convention is right");
    assert!(relative(report.bgnbd.log_likelihood, direct) < 1e-3);
    assert!(relative(report.bgnbd.log_likelihood, direct) < 1e-8, "both at the same optimum");
    let gg_ll = num(&gg["log_likelihood"]);
    println!("Gamma-Gamma LL: ours {:.6}  lifetimes {gg_ll:.6}", gg_fit.log_likelihood);
    assert!(relative(gg_fit.log_likelihood, gg_ll) < 1e-8);

    // Standard errors: both invert a Hessian at the optimum (lifetimes by autograd, ours by differences).
    for (fitted, model, names) in
        [(&report.bgnbd, bg, &["r", "alpha", "a", "b"][..]), (gg_fit, gg, &["p", "q", "v"][..])]
    {
        for (i, name) in names.iter().enumerate() {
            let (o, t) = (fitted.standard_errors[i].unwrap(), num(&model["standard_errors"][name]));
            println!("SE {name:5}: ours {o:.6}  lifetimes {t:.6}  rel diff {:.1e}", relative(o, t));
            assert!(relative(o, t) < 1e-3, "SE of {name}");
        }
    }

    // CDNow has 80 transactions of $0.00: repeat buyers whose repeat purchases were all free have a mean
    // value of 0. lifetimes leaves them out of its fit too (our script passes m > 0 only, as lifetimes
    // refuses m <= 0) but still gives them an order value; we give none and count them.
    let ref_monetary = numbers(&pc["monetary_value"]);
    let ref_frequency = numbers(&pc["frequency"]);
    let zero_spenders: Vec<usize> =
        (0..ref_monetary.len()).filter(|&i| ref_frequency[i] > 0.0 && ref_monetary[i] <= 0.0).collect();
    println!("repeat buyers with mean value 0: {}", zero_spenders.len());
    assert!(!zero_spenders.is_empty());
    assert_eq!(report.exclusions.spend_not_positive as usize, zero_spenders.len());
    assert!(zero_spenders.iter().all(|&i| ours.expected_order_value[i].is_none() && ours.clv[i].is_none()));
    let priced: Vec<usize> = (0..ref_monetary.len()).filter(|i| !zero_spenders.contains(i)).collect();
    let pick = |values: &[Option<f64>]| -> Vec<f64> { priced.iter().map(|&i| values[i].unwrap()).collect() };
    let pick_ref = |name: &str| -> Vec<f64> {
        let all = numbers(&pc[name]);
        priced.iter().map(|&i| all[i]).collect()
    };

    // Per-customer predictions of the whole pipeline (our fit vs theirs).
    let checks: [(&str, Vec<f64>, Vec<f64>); 5] = [
        ("p_alive", ours.p_alive.clone(), numbers(&pc["p_alive"])),
        (
            "expected_purchases_horizon",
            ours.expected_purchases_horizon.iter().map(|v| v.unwrap()).collect(),
            numbers(&pc["expected_purchases_horizon"]),
        ),
        (
            "expected_purchases_holdout",
            ours.expected_holdout_purchases.as_ref().unwrap().iter().map(|v| v.unwrap()).collect(),
            numbers(&pc["expected_purchases_holdout"]),
        ),
        ("expected_order_value", pick(&ours.expected_order_value), pick_ref("expected_order_value")),
        ("clv", pick(&ours.clv), pick_ref("clv")),
    ];
    for (name, values, theirs) in checks {
        let w = worst(&values, &theirs, 1e-6);
        println!("per customer {name:28}: worst relative difference {w:.1e} over {} customers", values.len());
        assert!(w < 1e-4, "{name}: {w}");
    }
}

#[test]
fn prediction_formulas_agree_with_lifetimes_at_its_parameters() {
    // Independent of the optimisers' last digits: evaluate our formulas at lifetimes' parameters.
    let reference = reference();
    let (_, report) = fit();
    let bg = &reference["bgnbd"]["params"];
    let params = BgNbdParams { r: num(&bg["r"]), alpha: num(&bg["alpha"]), a: num(&bg["a"]), b: num(&bg["b"]) };
    let gg = &reference["gamma_gamma"]["params"];
    let spend = GammaGammaParams { p: num(&gg["p"]), q: num(&gg["q"]), v: num(&gg["v"]) };
    let pc = &reference["per_customer"];
    let horizon = ValueHorizon { months: 12, periods_per_month: 30.0, monthly_discount_rate: 0.01 };
    let duration = num(&reference["duration_holdout"]);
    let ours = &report.per_customer;
    let (mut alive, mut purchases, mut holdout, mut value, mut clv) = (vec![], vec![], vec![], vec![], vec![]);
    for i in 0..ours.customer.len() {
        let (x, t_x, t) = (ours.frequency[i], ours.recency[i], ours.age[i]);
        let p_alive = params.p_alive(x, t_x, t);
        let (total, discounted) =
            horizon.purchases_if_alive(|time| params.expected_purchases_if_alive(x, t, time)).unwrap();
        // lifetimes' weighted formula, also for the zero spenders (monetary 0) that we price as "unknown".
        let order_value = spend.expected_average_value(x, ours.monetary[i].unwrap_or(0.0)).unwrap();
        alive.push(p_alive);
        purchases.push(p_alive * total);
        holdout.push(params.conditional_expected_purchases(x, t_x, t, duration).unwrap());
        value.push(order_value);
        clv.push(customer_value(p_alive, discounted, order_value, 100.0));
    }
    // The reference JSON keeps 10 significant digits.
    for (name, values) in [
        ("p_alive", alive),
        ("expected_purchases_horizon", purchases),
        ("expected_purchases_holdout", holdout),
        ("expected_order_value", value),
        ("clv", clv),
    ] {
        let w = worst(&values, &numbers(&pc[name]), 1e-9);
        println!("formula {name:28}: worst relative difference {w:.1e}");
        assert!(w < 1e-9, "{name}: {w}");
    }
}

#[test]
fn holdout_check_agrees_with_lifetimes() {
    let reference = reference();
    let (_, report) = fit();
    let holdout = report.holdout.as_ref().unwrap();
    assert_eq!(holdout.duration, num(&reference["duration_holdout"]));
    let buckets = reference["holdout_by_frequency"].as_array().unwrap();
    assert_eq!(holdout.by_frequency.len(), buckets.len());
    for (ours, theirs) in holdout.by_frequency.iter().zip(buckets) {
        assert_eq!(u64::from(ours.customers), theirs["customers"].as_u64().unwrap(), "bucket {}", ours.label);
        assert!(relative(ours.actual_mean.unwrap(), num(&theirs["actual_mean"])) < 1e-12);
        let (o, t) = (ours.expected_mean.unwrap(), num(&theirs["expected_mean"]));
        println!(
            "bucket {:3}: actual {:.4}  expected ours {o:.6} lifetimes {t:.6}",
            ours.label,
            ours.actual_mean.unwrap()
        );
        assert!(relative(o, t) < 1e-4, "bucket {}", ours.label);
    }
    let cumulative = &reference["cumulative"];
    let tracking = holdout.tracking.as_ref().unwrap();
    assert_eq!(holdout.span_periods, 546);
    let actual: Vec<f64> = tracking.actual.iter().map(|&a| a as f64).collect();
    assert_eq!(actual, numbers(&cumulative["actual"]));
    let expected: Vec<f64> = tracking.expected.iter().map(|e| e.unwrap()).collect();
    let w = worst(&expected, &numbers(&cumulative["expected"]), 1e-6);
    println!("tracking: {} points, worst relative difference of expected {w:.1e}", expected.len());
    assert!(w < 1e-4);
    // The chart's divider sits on 1997-09-30, the 273rd day after 1997-01-01.
    assert_eq!(tracking.period_end[tracking.calibration_end_index], day(1997, 10, 1));
}

#[test]
fn report_serializes_without_nan() {
    let (_, report) = fit();
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("NaN"));
    let back: ClvReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back.bgnbd.names, report.bgnbd.names);
    assert_eq!(back.per_customer.customer, report.per_customer.customer);
    // serde_json's default float parsing may differ in the last bit.
    for (a, b) in back.bgnbd.values.iter().zip(&report.bgnbd.values) {
        assert!(relative(*a, *b) < 1e-15);
    }
}

#[test]
fn weekly_time_unit_agrees_with_lifetimes() {
    // lifetimes with freq="W": Monday-to-Sunday weeks, 4.345 weeks a month for the CLV.
    let reference = reference();
    let weekly = &reference["weekly"];
    let (_, log) = load_cdnow();
    let report = fit_clv(&log, &ClvSettings { time_unit: TimeUnit::Weeks, ..settings() }, &mut Silent).unwrap();
    let ours = &report.per_customer;
    let pc = &weekly["per_customer"];
    assert_eq!(ours.frequency.iter().map(|&x| f64::from(x)).collect::<Vec<_>>(), numbers(&pc["frequency"]));
    assert_eq!(ours.recency, numbers(&pc["recency"]));
    assert_eq!(ours.age, numbers(&pc["T"]));
    assert_eq!(
        ours.holdout_purchases.as_ref().unwrap().iter().map(|&x| f64::from(x)).collect::<Vec<_>>(),
        numbers(&pc["frequency_holdout"])
    );
    assert_eq!(report.holdout.as_ref().unwrap().duration, num(&weekly["duration_holdout"]));
    for name in ["r", "alpha", "a", "b"] {
        let (o, t) = (report.bgnbd.value(name).unwrap(), num(&weekly["params"][name]));
        println!("weekly BG/NBD {name:5}: ours {o:.8}  lifetimes {t:.8}  rel diff {:.1e}", relative(o, t));
        assert!(relative(o, t) < 1e-4, "{name}");
    }
    let gg = report.gamma_gamma.as_ref().unwrap();
    for name in ["p", "q", "v"] {
        assert!(relative(gg.value(name).unwrap(), num(&weekly["gamma_gamma"][name])) < 1e-4, "{name}");
    }
    assert!(relative(report.bgnbd.log_likelihood, num(&weekly["log_likelihood_weeks"])) < 1e-8);
    assert_eq!(report.horizon_periods, 12.0 * 4.345);
    let priced: Vec<usize> = (0..ours.customer.len()).filter(|&i| ours.clv[i].is_some()).collect();
    assert_eq!(priced.len(), ours.customer.len() - report.exclusions.spend_not_positive as usize);
    let ref_clv = numbers(&pc["clv"]);
    for (name, values, theirs) in [
        ("p_alive", ours.p_alive.clone(), numbers(&pc["p_alive"])),
        (
            "expected_purchases_horizon",
            ours.expected_purchases_horizon.iter().map(|v| v.unwrap()).collect(),
            numbers(&pc["expected_purchases_horizon"]),
        ),
        ("clv", priced.iter().map(|&i| ours.clv[i].unwrap()).collect(), priced.iter().map(|&i| ref_clv[i]).collect()),
    ] {
        let w = worst(&values, &theirs, 1e-6);
        println!("weekly per customer {name:28}: worst relative difference {w:.1e}");
        assert!(w < 1e-4, "{name}: {w}");
    }
}

#[test]
fn the_raw_file_through_ingest_gives_the_same_fit() {
    // The user's path: bytes -> decode -> inspect (guesses delimiter, header, roles) -> load -> fit.
    use tierlab::engine::ingest::{decode, default_settings, inspect, load, ReadOptions};
    let bytes = std::fs::read(DATA).unwrap();
    let source = decode(&bytes, None).unwrap();
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    let mut load_settings = default_settings(&inspection);
    // The user confirms or corrects the guessed roles in the app; here: id, date, quantity, amount.
    println!("guessed roles: {:?}, shape {:?}", load_settings.roles, load_settings.shape);
    load_settings.roles = vec![ColumnRole::CustomerId, ColumnRole::Timestamp, ColumnRole::Quantity, ColumnRole::Amount];
    load_settings.shape = tierlab::engine::roles::DatasetShape::EventLog;
    let (dataset, _report) = load(&source, &load_settings, &mut Silent).unwrap();
    let log = dataset.events.as_ref().expect("an event log");
    assert_eq!((log.customer_count(), log.len()), (23_570, 69_659));
    let report = fit_clv(log, &settings(), &mut Silent).unwrap();
    let reference = reference();
    for name in ["r", "alpha", "a", "b"] {
        let (o, t) = (report.bgnbd.value(name).unwrap(), num(&reference["bgnbd"]["params"][name]));
        assert!(relative(o, t) < 1e-4, "{name}: {o} vs {t}");
    }
    let gg = report.gamma_gamma.as_ref().unwrap();
    for name in ["p", "q", "v"] {
        let (o, t) = (gg.value(name).unwrap(), num(&reference["gamma_gamma"]["params"][name]));
        assert!(relative(o, t) < 1e-4, "{name}: {o} vs {t}");
    }
}
