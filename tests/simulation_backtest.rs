// Native only: reads the CDNow fixture from disk.
#![cfg(not(target_arch = "wasm32"))]
//! The no-program simulation against what really happened: the CDNow master file (23,570 customers
//! who first bought in Q1 1997), calibrated through 1997-09-30 and compared with October 1997 to
//! June 1998, counted as BG/NBD counts (days with a purchase). Reference numbers from the Python
//! package lifetimes 0.11.3 on the same file (tests/agreement/clv_lifetimes_output.json): 19,684
//! purchase days in the holdout, and BG/NBD's closed form expects 16,873.7 of them over its 273 days.

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, decode, ReadOptions};
use tierlab::engine::progress::Silent;
use tierlab::engine::roles::ColumnRole;
use tierlab::engine::simulate::backtest::{backtest, backtest_model, BacktestResult, CountBasis};
use tierlab::engine::simulate::baseline::BaselineSource;
use tierlab::engine::simulate::baseline_model::BaselineModel;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cdnow/CDNOW_master.txt");
const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/agreement/clv_lifetimes_output.json");
/// lifetimes' ParetoNBDFitter and ModifiedBetaGeoFitter on the same calibration and holdout.
const MODELS_REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/agreement/clv_lifetimes_models_output.json");

/// The CDNow file with its columns as they are: id, date, number of CDs, dollar value (the last is
/// the purchase amount; the automatic guess takes it for a customer-level value).
fn cdnow() -> PreparedData {
    let bytes = std::fs::read(DATA).expect("CDNow fixture");
    let source = decode(&bytes, None).expect("decode");
    let inspection = ingest::inspect(&source, &ReadOptions::default()).expect("inspect");
    let mut settings = ingest::default_settings(&inspection);
    settings.roles = vec![ColumnRole::CustomerId, ColumnRole::Timestamp, ColumnRole::Quantity, ColumnRole::Amount];
    let (dataset, _) = ingest::load(&source, &settings, &mut Silent).expect("load");
    PreparedData::new(dataset)
}

/// What happened from October 1997 to June 1998, counted from the file with awk (independently of
/// the engine):
///   awk '$2>=19971001 && $2<=19980630 {print $1, $2}' CDNOW_master.txt | sort -u \
///     | awk '{n[substr($2,1,6)]++} END {for (m in n) print m, n[m]}' | sort      (purchase days)
///   the same without `sort -u` for the order lines, and `{s += $4}` for the dollars.
const HOLDOUT_PURCHASE_DAYS: [u32; 9] = [2397, 2620, 2395, 1965, 1957, 2686, 1806, 1903, 1955];
const HOLDOUT_ORDER_LINES: [u32; 9] = [2562, 2750, 2504, 2032, 2026, 2793, 1878, 1985, 2043];
const HOLDOUT_REVENUE: f64 = 776_961.13;
const DAYS_IN_HOLDOUT_MONTH: [f64; 9] = [31.0, 30.0, 31.0, 31.0, 28.0, 31.0, 30.0, 31.0, 30.0];

fn lifetimes_reference() -> (f64, f64) {
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(REFERENCE).expect("reference")).expect("JSON");
    let total = |key: &str| reference["per_customer"][key].as_array().unwrap().iter().filter_map(|v| v.as_f64()).sum();
    (total("frequency_holdout"), total("expected_purchases_holdout"))
}

/// lifetimes' expected holdout purchase days of every customer summed, for "pareto_nbd" or "mbg_nbd".
fn lifetimes_model_expectation(model: &str) -> f64 {
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(MODELS_REFERENCE).expect("reference")).expect("JSON");
    reference[model]["per_customer"]["expected_purchases_holdout"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_f64())
        .sum()
}

fn run() -> BacktestResult {
    let calibration_end = tierlab::engine::date::end_of_day("1997-09-30").expect("a date");
    backtest(&cdnow(), calibration_end, 20, 42, &mut Silent).expect("back-test")
}

fn run_model(model: BaselineModel) -> BacktestResult {
    let calibration_end = tierlab::engine::date::end_of_day("1997-09-30").expect("a date");
    backtest_model(&cdnow(), calibration_end, model, 20, 42, &mut Silent).expect("back-test")
}

/// The simulator against the model's closed form, in total and month by month (each closed-form
/// month put on the simulator's average-month footing), within 2 %.
fn assert_simulator_matches_closed_form(result: &BacktestResult) {
    let expected = result.expected_total_orders.expect("model fitted");
    let simulated = result.total_orders.mean;
    assert!(
        (simulated / expected - 1.0).abs() < 0.02,
        "{:?}: simulated {simulated} vs closed form {expected}",
        result.baseline
    );
    let by_month = result.expected_orders.as_ref().unwrap();
    for (m, (s, e)) in result.simulated_orders.iter().zip(by_month).enumerate() {
        let average_month = e * (365.25 / 12.0) / DAYS_IN_HOLDOUT_MONTH[m];
        assert!(
            (s.mean / average_month - 1.0).abs() < 0.02,
            "{:?} {}: simulated {} vs closed form {average_month} per average month",
            result.baseline,
            result.month_labels[m],
            s.mean
        );
    }
}

#[test]
fn every_baseline_model_simulates_its_own_closed_form_on_cdnow() {
    let (actual_days, bgnbd_lifetimes) = lifetimes_reference();
    let bgnbd = run();
    let mut rows = vec![("BG/NBD", bgnbd_lifetimes, bgnbd)];
    for (name, key, model, source) in [
        ("Pareto/NBD", "pareto_nbd", BaselineModel::ParetoNbd, BaselineSource::ParetoNbd),
        ("MBG/NBD", "mbg_nbd", BaselineModel::MbgNbd, BaselineSource::MbgNbd),
    ] {
        let result = run_model(model);
        assert_eq!(result.baseline, source);
        assert_eq!(result.basis, CountBasis::PurchaseDays);
        assert_eq!(result.actual_total_orders, actual_days);
        // The closed form summed month by month is lifetimes' expectation over the 273 days (their fits
        // agree to about 1e-4 in the parameters: tests/clv_models_agreement.rs).
        let lifetimes = lifetimes_model_expectation(key);
        let expected = result.expected_total_orders.expect("fitted");
        assert!((expected / lifetimes - 1.0).abs() < 2e-3, "{name}: {expected} vs lifetimes {lifetimes}");
        assert_simulator_matches_closed_form(&result);
        rows.push((name, lifetimes, result));
    }
    println!("CDNow back-test, October 1997 - June 1998, {actual_days} actual purchase days:");
    println!("  model        lifetimes   closed form        simulated (90 % of futures)");
    for (name, lifetimes, r) in &rows {
        let expected = r.expected_total_orders.unwrap();
        println!(
            "  {name:<11} {lifetimes:>10.1} {expected:>10.1} ({:+.1} %) {:>10.1} ({:+.1} %) [{:.0} - {:.0}]",
            r.expected_orders_error.unwrap() * 100.0,
            r.total_orders.mean,
            r.orders_error * 100.0,
            r.total_orders.low90,
            r.total_orders.high90
        );
    }
}

#[test]
fn cdnow_back_test_compares_like_with_like_and_matches_the_closed_form() {
    let result = run();
    let (actual_days, lifetimes_expected) = lifetimes_reference();
    assert_eq!(result.baseline, BaselineSource::BgNbd);
    assert_eq!(result.basis, CountBasis::PurchaseDays);
    assert_eq!(result.month_labels.first().map(String::as_str), Some("1997-10"));
    assert_eq!(result.month_labels.len(), 9);
    // The actuals on BG/NBD's basis are lifetimes' holdout frequencies; the order lines are more.
    assert_eq!(result.actual_total_orders, actual_days);
    assert_eq!(result.actual_orders, HOLDOUT_PURCHASE_DAYS.map(f64::from));
    assert_eq!(result.actual_order_lines, HOLDOUT_ORDER_LINES.map(f64::from));
    assert!((result.actual_total_revenue - HOLDOUT_REVENUE).abs() < 1e-6, "{}", result.actual_total_revenue);
    // The closed form summed month by month is lifetimes' expectation over the 273 days.
    let expected = result.expected_total_orders.expect("BG/NBD fitted");
    assert!((expected / lifetimes_expected - 1.0).abs() < 1e-3, "{expected} vs lifetimes {lifetimes_expected}");
    // The simulator draws from the same posterior: its total is the closed form's within 2 %.
    let simulated = result.total_orders.mean;
    assert!((simulated / expected - 1.0).abs() < 0.02, "simulated {simulated} vs closed form {expected}");
    // Month by month within 2 %, once the closed form's calendar months are put on the simulator's
    // footing: every simulated month is an average month (365.25 / 12 days), so a 28-day February
    // is 9 % over its calendar self and a 31-day month 2 % under.
    let by_month = result.expected_orders.as_ref().unwrap();
    for (m, (s, e)) in result.simulated_orders.iter().zip(by_month).enumerate() {
        let average_month = e * (365.25 / 12.0) / DAYS_IN_HOLDOUT_MONTH[m];
        let gap = s.mean / average_month - 1.0;
        assert!(
            gap.abs() < 0.02,
            "{}: simulated {} vs closed form {average_month} per average month",
            result.month_labels[m],
            s.mean
        );
    }
    // BG/NBD's own error, which the simulator inherits: about -14 % of the purchase days.
    let model_error = result.expected_orders_error.unwrap();
    assert!((model_error - (lifetimes_expected / actual_days - 1.0)).abs() < 1e-3, "{model_error}");
    println!(
        "CDNow back-test: actual {} purchase days ({} order lines); BG/NBD closed form {:.0} ({:+.1} %); simulated {:.0} ({:+.1} %)",
        result.actual_total_orders,
        result.actual_order_lines.iter().sum::<f64>(),
        expected,
        model_error * 100.0,
        simulated,
        result.orders_error * 100.0
    );
    for m in 0..result.month_labels.len() {
        println!(
            "  {}  actual {:>6}  closed form {:>8.1}  simulated {:>8.1}",
            result.month_labels[m], result.actual_orders[m], by_month[m], result.simulated_orders[m].mean
        );
    }
}

#[test]
fn customers_without_a_spend_posterior_keep_their_mean_order_value() {
    // Calibrated to mid-February 1997, a third of CDNow's customers have not bought yet: they have no
    // Gamma-Gamma posterior and draw order values from Gamma(p, theta) with the fitted p. The mean of
    // Gamma(p, theta) is p x theta, which must be the order value the baseline expects of them.
    use tierlab::engine::models::clv::{fit_clv, ClvSettings};
    use tierlab::engine::simulate::baseline::Baseline;
    let data = cdnow();
    let calibration_end = tierlab::engine::date::days_from_civil(1997, 2, 15) * 86_400 + 86_399;
    let log = data.dataset.events.as_ref().unwrap();
    let report = fit_clv(log, &ClvSettings::new(calibration_end), &mut Silent).expect("fit");
    let baseline = Baseline::from_clv(&data, &report);
    let p = report.gamma_gamma.as_ref().and_then(|g| g.value("p")).expect("Gamma-Gamma p");
    assert_eq!(baseline.order_shape, p);
    let without: Vec<usize> = (0..baseline.nu_shape.len()).filter(|&c| baseline.nu_shape[c] == 0.0).collect();
    assert!(without.len() > 5_000, "{} customers without a posterior", without.len());
    for c in without {
        let mean = baseline.order_shape * baseline.fixed_theta[c];
        assert!((mean - baseline.expected_order_value[c]).abs() < 1e-9 * mean, "customer {c}: {mean}");
    }
}
