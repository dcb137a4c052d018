// Native only: engine checks that read fixtures from disk or run long; the browser tests prove the wiring.
#![cfg(not(target_arch = "wasm32"))]
//! Pareto/NBD and MBG/NBD against an independent implementation (lifetimes 0.11.3's ParetoNBDFitter and
//! ModifiedBetaGeoFitter) on the CDNow master file, the choice between the three purchase models by
//! holdout fit, and the partition counts that merge into exactly the single-machine fit.
//! Reference numbers: tests/agreement/clv_lifetimes_models_output.json, written by
//! tests/agreement/clv_lifetimes_models.py (see that file for how to re-run it).

#[path = "common/cdnow.rs"]
mod cdnow;

use cdnow::{day, load_cdnow, num, numbers, read_json, relative, sub_log, worst};
use serde_json::Value;

use tierlab::engine::models::clv::gamma_gamma::GammaGammaData;
use tierlab::engine::models::clv::{
    fit_clv, fit_patterns, summarise, ClvModel, ClvReport, ClvSettings, PatternCounts, PurchaseModelChoice,
    PurchaseParams, PurchasePatterns, PurchasePredictor, TimeUnit,
};
use tierlab::engine::progress::Silent;

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/agreement/clv_lifetimes_models_output.json");

fn reference() -> Value {
    read_json(REFERENCE)
}

fn settings(model: PurchaseModelChoice) -> ClvSettings {
    ClvSettings {
        holdout_end: Some(day(1998, 6, 30)),
        time_unit: TimeUnit::Days,
        purchase_model: model,
        uncertainty_draws: 0,
        ..ClvSettings::new(day(1997, 9, 30))
    }
}

fn fit(model: PurchaseModelChoice) -> ClvReport {
    let (_, log) = load_cdnow();
    fit_clv(&log, &settings(model), &mut Silent).expect("fit")
}

/// Parameters, log-likelihood and per-customer predictions of `report`'s chosen model against lifetimes.
fn agrees(report: &ClvReport, theirs: &Value, names: [&str; 4]) {
    let fitted = report.chosen_purchase_model();
    for name in names {
        let (o, t) = (fitted.value(name).unwrap(), num(&theirs["params"][name]));
        println!("{:?} {name:5}: ours {o:.8}  lifetimes {t:.8}  rel diff {:.1e}", fitted.model, relative(o, t));
        assert!(relative(o, t) < 1e-2, "{name}: within the 1 % asked for");
    }
    let ll = num(&theirs["log_likelihood_days"]);
    println!("{:?} LL: ours {:.6}  lifetimes {ll:.6}", fitted.model, fitted.log_likelihood);
    assert!(relative(fitted.log_likelihood, ll) < 1e-6);
    // Maximum likelihood: ours is at least as high as theirs (up to rounding).
    assert!(fitted.log_likelihood >= ll - 1e-6 * ll.abs());
    let pc = &theirs["per_customer"];
    let ours = &report.per_customer;
    let priced: Vec<usize> = (0..ours.customer.len()).filter(|&i| ours.clv[i].is_some()).collect();
    let their_clv = numbers(&pc["clv"]);
    for (name, values, expected) in [
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
        ("clv", priced.iter().map(|&i| ours.clv[i].unwrap()).collect(), priced.iter().map(|&i| their_clv[i]).collect()),
    ] {
        let w = worst(&values, &expected, 1e-6);
        println!("{:?} per customer {name:28}: worst relative difference {w:.1e}", fitted.model);
        assert!(w < 1e-2, "{name}: {w}");
    }
}

/// Our prediction formulas at lifetimes' own parameters (independent of either optimiser).
fn formulas_agree(report: &ClvReport, model: ClvModel, theirs: &Value, names: [&str; 4]) {
    let values = names.map(|n| num(&theirs["params"][n]));
    let params = PurchaseParams::from_values(model, values).unwrap();
    let pc = &theirs["per_customer"];
    let duration = num(&reference()["duration_holdout"]);
    let ours = &report.per_customer;
    let (mut alive, mut horizon, mut holdout) = (vec![], vec![], vec![]);
    for i in 0..ours.customer.len() {
        let (x, t_x, t) = (ours.frequency[i], ours.recency[i], ours.age[i]);
        alive.push(params.p_alive(x, t_x, t));
        horizon.push(params.conditional_expected_purchases(x, t_x, t, 360.0).unwrap());
        holdout.push(params.conditional_expected_purchases(x, t_x, t, duration).unwrap());
    }
    for (name, values) in
        [("p_alive", alive), ("expected_purchases_horizon", horizon), ("expected_purchases_holdout", holdout)]
    {
        let w = worst(&values, &numbers(&pc[name]), 1e-9);
        println!("{model:?} formula {name:28}: worst relative difference {w:.1e}");
        assert!(w < 1e-8, "{name}: {w}");
    }
}

#[test]
fn pareto_nbd_agrees_with_lifetimes() {
    let reference = reference();
    let report = fit(PurchaseModelChoice::ParetoNbd);
    assert_eq!(report.purchase_model, ClvModel::ParetoNbd);
    let theirs = &reference["pareto_nbd"];
    agrees(&report, theirs, ["r", "alpha", "s", "beta"]);
    formulas_agree(&report, ClvModel::ParetoNbd, theirs, ["r", "alpha", "s", "beta"]);
    // lifetimes' default Nelder-Mead (tol 1e-4) stops below the optimum we reach.
    let default_ll = num(&theirs["default_fit"]["log_likelihood_days"]);
    println!("lifetimes' default Pareto/NBD fit: LL {default_ll:.6}");
    assert!(report.chosen_purchase_model().log_likelihood >= default_ll);
}

#[test]
fn mbg_nbd_agrees_with_lifetimes() {
    let reference = reference();
    let report = fit(PurchaseModelChoice::MbgNbd);
    assert_eq!(report.purchase_model, ClvModel::MbgNbd);
    let theirs = &reference["mbg_nbd"];
    agrees(&report, theirs, ["r", "alpha", "a", "b"]);
    formulas_agree(&report, ClvModel::MbgNbd, theirs, ["r", "alpha", "a", "b"]);
    let fitted = report.chosen_purchase_model();
    for (i, name) in ["r", "alpha", "a", "b"].iter().enumerate() {
        let (o, t) = (fitted.standard_errors[i].unwrap(), num(&theirs["standard_errors"][name]));
        println!("MBG/NBD SE {name:5}: ours {o:.6}  lifetimes {t:.6}  rel diff {:.1e}", relative(o, t));
        assert!(relative(o, t) < 1e-2, "SE of {name}");
    }
}

#[test]
fn the_purchase_model_is_chosen_by_the_holdout_total() {
    let reference = reference();
    let report = fit(PurchaseModelChoice::ByHoldout);
    let models: Vec<ClvModel> = report.purchase_models.iter().map(|m| m.model).collect();
    assert_eq!(models, [ClvModel::BgNbd, ClvModel::ParetoNbd, ClvModel::MbgNbd]);
    let actual = reference["actual_holdout_total"].as_u64().unwrap();
    let mut best = (ClvModel::BgNbd, f64::INFINITY);
    for m in &report.purchase_models {
        let holdout = m.holdout.as_ref().expect("each model is checked on the holdout");
        assert_eq!(holdout.actual_total, actual);
        let by_hand = (holdout.expected_total - actual as f64).abs() / actual as f64;
        assert!((holdout.total_relative_error - by_hand).abs() < 1e-15);
        println!(
            "{:?}: LL {:.2}, holdout expected {:.1} vs actual {actual} ({:.2} %), bucket error {:.4}",
            m.model,
            m.fitted.as_ref().unwrap().log_likelihood,
            holdout.expected_total,
            100.0 * by_hand,
            holdout.bucket_mean_absolute_error
        );
        if by_hand < best.1 {
            best = (m.model, by_hand);
        }
    }
    assert_eq!(report.purchase_model, best.0);
    // The report's holdout check is the chosen model's, and BG/NBD stays where the baseline reads it.
    let chosen = report.purchase_models.iter().find(|m| m.model == best.0).unwrap();
    assert_eq!(report.holdout.as_ref().unwrap().expected_total, chosen.holdout.as_ref().unwrap().expected_total);
    assert_eq!(report.bgnbd.model, ClvModel::BgNbd);
}

/// FNV-1a of the id: a partition key that does not depend on the file's order.
fn partition_of(id: &str, partitions: u64) -> usize {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    (hash % partitions) as usize
}

#[test]
fn partition_counts_merge_into_exactly_the_single_machine_fit() {
    let (ids, log) = load_cdnow();
    let settings = ClvSettings { holdout_end: None, ..settings(PurchaseModelChoice::BgNbd) };
    let mut members: Vec<Vec<usize>> = vec![vec![]; 4];
    for (c, id) in ids.iter().enumerate() {
        members[partition_of(id, 4)].push(c);
    }
    assert!(members.iter().all(|m| m.len() > 5_000), "{:?}", members.iter().map(Vec::len).collect::<Vec<_>>());
    let counts: Vec<PatternCounts> =
        members.iter().map(|m| summarise(&sub_log(&log, m), &settings).expect("partition summary")).collect();
    let forward = counts.iter().fold(PatternCounts::default(), |all, part| all.merge(part));
    let backward = [3, 1, 0, 2].iter().fold(PatternCounts::default(), |all, &p| all.merge(&counts[p]));
    assert_eq!(forward, backward, "merging is order-independent");
    let whole = summarise(&log, &settings).unwrap();
    assert_eq!(forward, whole);
    assert_eq!(forward.customers(), 23_570);
    // Counts survive JSON exactly (floats travel as their bits).
    let text = serde_json::to_string(&forward).unwrap();
    assert_eq!(serde_json::from_str::<PatternCounts>(&text).unwrap(), forward);

    let single = fit_clv(&log, &settings, &mut Silent).unwrap();
    let bits = |values: &[f64]| values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    for model in [ClvModel::BgNbd, ClvModel::ParetoNbd, ClvModel::MbgNbd] {
        let (a, spend_a) = fit_patterns(&forward, model, &settings).unwrap();
        let (b, spend_b) = fit_patterns(&backward, model, &settings).unwrap();
        assert_eq!(bits(&a.values), bits(&b.values), "{model:?}");
        assert_eq!(a.log_likelihood.to_bits(), b.log_likelihood.to_bits());
        let (spend_a, spend_b) = (spend_a.unwrap(), spend_b.unwrap());
        assert_eq!(bits(&spend_a.values), bits(&spend_b.values));
        if model == ClvModel::BgNbd {
            assert_eq!(bits(&a.values), bits(&single.bgnbd.values), "= the single-machine BG/NBD fit");
            assert_eq!(a.log_likelihood.to_bits(), single.bgnbd.log_likelihood.to_bits());
            let gg = single.gamma_gamma.as_ref().unwrap();
            assert_eq!(bits(&spend_a.values), bits(&gg.values), "= the single-machine Gamma-Gamma fit");
        }
    }
    // The collapsed data themselves are identical, not just the fits.
    let pc = &single.per_customer;
    let (direct, _) = PurchasePatterns::from_customers(&pc.frequency, &pc.recency, &pc.age).unwrap();
    assert_eq!(PurchasePatterns::from_counts(&forward), direct);
    let spenders: Vec<usize> =
        (0..pc.customer.len()).filter(|&i| pc.frequency[i] > 0 && pc.monetary[i].is_some_and(|m| m > 0.0)).collect();
    let spend_direct = GammaGammaData::from_customers(
        &spenders.iter().map(|&i| pc.frequency[i]).collect::<Vec<_>>(),
        &spenders.iter().map(|&i| pc.monetary[i].unwrap()).collect::<Vec<_>>(),
    )
    .unwrap();
    assert_eq!(GammaGammaData::from_counts(&forward), spend_direct);
}
