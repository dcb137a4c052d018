//! `simulate` and `backtest`: the simulator from the command line.

use std::fmt::Write;

use tierlab::engine::progress::Silent;
use tierlab::engine::simulate::backtest::{backtest_model, CountBasis};
use tierlab::engine::simulate::baseline::FallbackReason;
use tierlab::engine::simulate::kpi::{Kpi, KpiStat, Spread};
use tierlab::engine::simulate::planner::{plan_field_test, sample_ratio_check, SAMPLE_RATIO_ALARM};
use tierlab::engine::simulate::sensitivity::sensitivity_replications;
use tierlab::engine::simulate::UntilSure;
use tierlab::engine::simulate::{scheme_letter, SchemeRun, SimulationSettings, SCHEMES};
use tierlab::session::fit_baseline_with;

use crate::args::{BacktestArgs, SimulateArgs};
use crate::failure::Failure;
use crate::files::{in_file, print_json, write_stdout};
use crate::text_output::group;

/// `tierlab simulate`: the schemes in the scenario files (1-6) against the no-program
/// counterfactual on the same draws, each compared with the one `--reference` names (A by default).
pub fn run_simulation(args: &SimulateArgs) -> Result<(), Failure> {
    let data = args.data.data.as_path();
    let (schemes, reference) = args.schemes.read(&SCHEMES)?;
    let prepared = args.data.load()?;
    // --until-sure SHARE: batches of --reps replications until the key difference's standard
    // error is at most SHARE of its size.
    let until_sure = args.until_sure.map(|share| UntilSure {
        relative_error: share,
        batch: args.futures.reps,
        ..UntilSure::default()
    });
    let settings = SimulationSettings {
        months: args.futures.months,
        replications: args.futures.reps,
        seed: args.futures.seed,
        deterministic: false,
        until_sure,
        threads: args.threads,
        baseline_model: args.baseline_model,
    };
    settings.check().map_err(|e| Failure::usage(e.to_string()))?;
    let (baseline, note) = fit_baseline_with(&prepared, settings.baseline_model, None, &mut Silent);
    let result = SchemeRun::new(&schemes, reference, &prepared, &baseline, &settings)
        .simulate(&mut Silent)
        .map_err(|e| in_file(data, e))?;
    // The field test sizes the best other scheme against the reference (B against A for two).
    let challenger = result.ranking.iter().find(|r| r.scheme != reference).and_then(|r| result.comparison(r.scheme));
    let plan = challenger
        .map(|c| plan_field_test(&c.field_test, 0.05, 0.8).map_err(|e| Failure::input(e.to_string())))
        .transpose()?;
    let tornado = if args.sensitivity {
        let quick =
            SimulationSettings { replications: sensitivity_replications(settings.replications), ..settings.clone() };
        Some(
            SchemeRun::new(&schemes, reference, &prepared, &baseline, &quick)
                .sensitivity(&mut Silent)
                .map_err(|e| in_file(data, e))?,
        )
    } else {
        None
    };
    if args.json {
        return print_json(&serde_json::json!({
            "simulation": result, "baseline_note": note, "field_test": plan, "sensitivity": tornado,
        }));
    }
    let letter = |i: usize| scheme_letter(i);
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} customers, {} months from {}, {} replications, baseline {:?}",
        result.customers,
        settings.months,
        result.month_labels.first().map_or("-", String::as_str),
        result.settings.replications,
        result.baseline
    );
    if let (Some(rule), Some(met)) = (&settings.until_sure, result.precision.target_met) {
        let p = &result.precision;
        let _ = writeln!(
            text,
            "run until sure: {} - {} incremental margin {} +/- {} (standard error) after {} replications: {}",
            letter(p.scheme),
            letter(reference),
            group(p.mean, 0),
            group(p.standard_error, 0),
            p.replications,
            if met {
                format!("within {} % of its size", rule.relative_error * 100.0)
            } else {
                format!("the cap of {} replications came first", rule.cap)
            }
        );
    }
    match &note {
        Some(note @ FallbackReason::ModelFailed { .. }) => {
            let _ = writeln!(text, "note: {note}");
        }
        Some(note) => {
            let _ = writeln!(text, "note: simple baseline used because {note}");
        }
        None => {}
    }
    let _ = write!(text, "\n{:<26}", "KPI (mean, 90 % interval)");
    for scheme in &result.schemes {
        let _ = write!(text, " {:>34}", scheme.name);
    }
    for c in &result.comparisons {
        let _ = write!(text, " {:>26}", format!("{} - {}", letter(c.scheme), letter(reference)));
    }
    text.push('\n');
    for (kpi, label) in [
        (Kpi::Revenue, "revenue"),
        (Kpi::Orders, "orders"),
        (Kpi::TotalBenefitCost, "benefit cost"),
        (Kpi::Margin, "margin after benefits"),
        (Kpi::PointsLiability, "points liability"),
        (Kpi::RetentionRate, "retention (%)"),
        (Kpi::Upgrades, "upgrades"),
        (Kpi::Downgrades, "downgrades"),
    ] {
        // Rates are shares (0-1): shown in percent with a decimal, counts and money as whole numbers.
        let (scale, decimals) = if kpi == Kpi::RetentionRate { (100.0, 1) } else { (1.0, 0) };
        let cell = |s: &Spread| {
            let f = |x: f64| group(x * scale, decimals);
            format!("{} [{}, {}]", f(s.mean), f(s.low90), f(s.high90))
        };
        let find = |stats: &[KpiStat]| stats.iter().find(|k| k.kpi == kpi).map(|k| cell(&k.spread));
        let _ = write!(text, "{label:<26}");
        for scheme in &result.schemes {
            let _ = write!(text, " {:>34}", find(&scheme.totals).unwrap_or_default());
        }
        for c in &result.comparisons {
            let _ = write!(text, " {:>26}", find(&c.difference).unwrap_or_default());
        }
        text.push('\n');
    }
    text.push('\n');
    for c in &result.comparisons {
        let against = if result.schemes.len() > 2 { format!(" than {}", letter(reference)) } else { String::new() };
        let _ = writeln!(
            text,
            "P({} has the higher margin{against}) = {:.0} %",
            letter(c.scheme),
            c.chance_better_on_margin * 100.0
        );
    }
    if result.schemes.len() > 2 {
        let _ = writeln!(text, "\nranking by incremental margin (mean, 90 % interval), chance of being best:");
        for (place, rank) in result.ranking.iter().enumerate() {
            let s = &rank.incremental_margin;
            let _ = writeln!(
                text,
                "  {}. {} {:<30} {:>12} [{}, {}]  {:.0} %",
                place + 1,
                letter(rank.scheme),
                result.schemes[rank.scheme].name,
                group(s.mean, 0),
                group(s.low90, 0),
                group(s.high90, 0),
                rank.chance_best * 100.0
            );
        }
    }
    match (challenger, plan.as_ref().and_then(|p| p.recommended_months.map(|m| (p, m)))) {
        (Some(_), Some((plan, months))) => {
            let row = &plan.durations[months as usize - 1];
            let _ = writeln!(
                text,
                "field test (5 % significance, 80 % power): {} customers per arm for {months} months",
                group(row.customers_per_arm.unwrap_or(0.0), 0)
            );
        }
        (Some(_), None) => {
            let _ =
                writeln!(text, "field test: the simulated difference is too small to confirm with this customer base");
        }
        (None, _) => {}
    }
    if let Some(t) = &tornado {
        let _ = writeln!(
            text,
            "\nsensitivity of {} - {} margin (base {}):",
            letter(t.challenger),
            letter(t.reference),
            group(t.base_difference, 0)
        );
        for row in &t.rows {
            // Which scheme comes first instead, named when there are more than two.
            let changed = [row.best_at_low, row.best_at_high].into_iter().find(|&b| b != t.base_best);
            let flag = match changed {
                Some(_) if result.schemes.len() == 2 => "  flips the decision".to_string(),
                Some(best) => format!("  puts {} first", letter(best)),
                None => String::new(),
            };
            let _ = writeln!(
                text,
                "  {:<34} {:>12} .. {:>12}{flag}",
                row.assumption,
                group(row.difference_at_low, 0),
                group(row.difference_at_high, 0),
            );
        }
    }
    write_stdout(&text)
}

pub fn run_backtest(args: &BacktestArgs) -> Result<(), Failure> {
    let data = args.data.data.as_path();
    let prepared = args.data.load()?;
    let result =
        backtest_model(&prepared, args.calibration_end, args.baseline_model, args.reps, args.seed, &mut Silent)
            .map_err(|e| in_file(data, e))?;
    if args.json {
        return print_json(&result);
    }
    // Orders are counted the way the model counts them: days with a purchase for BG/NBD (several
    // purchases on one day are one), purchase rows for the simple baseline.
    let unit = match result.basis {
        CountBasis::PurchaseDays => "purchase days",
        CountBasis::OrderLines => "order lines",
    };
    let mut text = format!("orders counted as {unit}; {} customers known by the calibration end\n", result.customers);
    let _ = writeln!(
        text,
        "{:<8} {:>18} {:>12} {:>14} {:>22} {:>14}",
        "month", "simulated orders", "actual", "closed form", "simulated revenue", "actual"
    );
    for (m, label) in result.month_labels.iter().enumerate() {
        let closed_form = result.expected_orders.as_ref().map_or("-".to_string(), |e| group(e[m], 0));
        let _ = writeln!(
            text,
            "{label:<8} {:>18} {:>12} {:>14} {:>22} {:>14}",
            group(result.simulated_orders[m].mean, 0),
            group(result.actual_orders[m], 0),
            closed_form,
            group(result.simulated_revenue[m].mean, 0),
            group(result.actual_revenue[m], 0)
        );
    }
    let _ = writeln!(
        text,
        "total orders off by {:+.1} %, revenue off by {:+.1} % (baseline {:?})",
        result.orders_error * 100.0,
        result.revenue_error * 100.0,
        result.baseline
    );
    if let (Some(expected), Some(error)) = (result.expected_total_orders, result.expected_orders_error) {
        let _ = writeln!(
            text,
            "the model's own closed form expects {} {unit} ({:+.1} %): the simulator inherits that error",
            group(expected, 0),
            error * 100.0
        );
    }
    write_stdout(&text)
}

pub fn sample_ratio(count_a: u64, count_b: u64, share_a: f64, json: bool) -> Result<(), Failure> {
    let check = sample_ratio_check(count_a, count_b, share_a).map_err(|e| Failure::input(e.to_string()))?;
    if json {
        return print_json(&check);
    }
    let verdict = if check.mismatch {
        format!("sample-ratio mismatch (p < {SAMPLE_RATIO_ALARM}): the assignment is broken; fix it before reading any result")
    } else {
        format!("no mismatch at p < {SAMPLE_RATIO_ALARM}")
    };
    write_stdout(&format!(
        "arm A {count_a}, arm B {count_b}, intended share of A {share_a}: chi-square {:.3}, p = {:.3e}: {verdict}\n",
        check.chi_square, check.p_value
    ))
}
