//! `simulate` and `backtest`: the simulator from the command line.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use tierlab::engine::models::clv::{fit_clv, ClvSettings};
use tierlab::engine::progress::Silent;
use tierlab::engine::simulate::backtest::backtest;
use tierlab::engine::simulate::baseline::Baseline;
use tierlab::engine::simulate::kpi::{Kpi, KpiStat, Spread};
use tierlab::engine::simulate::planner::plan_field_test;
use tierlab::engine::simulate::sensitivity::{sensitivity, sensitivity_replications};
use tierlab::engine::simulate::until_sure::UntilSure;
use tierlab::engine::simulate::{scheme_letter, simulate, SimulationSettings};

use crate::args::Failure;
use crate::commands::{in_file, load_data, print_json, read_scenario, write_stdout};
use crate::options::Options;
use crate::text_output::group;

/// `tierlab simulate`: the schemes in `scenarios` (1-6 files) against the no-program
/// counterfactual, each compared with `scenarios[reference]`.
pub fn run_simulation(
    data: &Path,
    scenarios: &[PathBuf],
    reference: usize,
    options: &Options,
    with_sensitivity: bool,
    json: bool,
) -> Result<(), Failure> {
    let schemes = scenarios.iter().map(|path| read_scenario(path)).collect::<Result<Vec<_>, _>>()?;
    let prepared = load_data(data, None)?;
    let replications = options.number("--reps", 20u32)?;
    // --until-sure SHARE: add batches of --reps replications until the key difference's standard
    // error is at most SHARE of its size.
    let until_sure = match options.get("--until-sure") {
        Some(_) => Some(UntilSure { relative_error: options.number("--until-sure", 0.05)?, batch: replications, ..UntilSure::default() }),
        None => None,
    };
    let settings = SimulationSettings {
        months: options.number("--months", 12u32)?,
        replications,
        seed: options.number("--seed", 42u64)?,
        deterministic: false,
        until_sure,
        threads: options.get("--threads").map(|_| options.number("--threads", 1u32)).transpose()?,
    };
    settings.check().map_err(|e| Failure::usage(e.to_string()))?;
    let (baseline, note) = match (&prepared.dataset.events, &prepared.monthly) {
        (Some(log), Some(monthly)) => match fit_clv(log, &ClvSettings::new(monthly.as_of), &mut Silent) {
            Ok(report) => (Baseline::from_clv(&prepared, &report), None),
            Err(e) => (Baseline::empirical(&prepared), Some(e.to_string())),
        },
        _ => (Baseline::empirical(&prepared), Some("a customer table has no dates to fit BG/NBD to".to_string())),
    };
    let result =
        simulate(&schemes, reference, &prepared, &baseline, &settings, &mut Silent).map_err(|e| in_file(data, e))?;
    // The field test sizes the best other scheme against the reference (B against A for two).
    let challenger = result.ranking.iter().find(|r| r.scheme != reference).and_then(|r| result.comparison(r.scheme));
    let plan = challenger
        .map(|c| plan_field_test(&c.field_test, 0.05, 0.8).map_err(|e| Failure::input(e.to_string())))
        .transpose()?;
    let tornado = if with_sensitivity {
        let quick = SimulationSettings { replications: sensitivity_replications(settings.replications), ..settings.clone() };
        Some(
            sensitivity(&schemes, reference, &prepared, &baseline, &quick, &mut Silent)
                .map_err(|e| in_file(data, e))?,
        )
    } else {
        None
    };
    if json {
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
    if let Some(note) = &note {
        let _ = writeln!(text, "note: simple baseline used because {note}");
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

pub fn run_backtest(data: &Path, options: &Options, json: bool) -> Result<(), Failure> {
    let prepared = load_data(data, None)?;
    let calibration_end =
        options.end_of_day("--calibration-end")?.ok_or_else(|| Failure::usage("--calibration-end is required"))?;
    let result = backtest(
        &prepared,
        calibration_end,
        options.number("--reps", 20u32)?,
        options.number("--seed", 42u64)?,
        &mut Silent,
    )
    .map_err(|e| in_file(data, e))?;
    if json {
        return print_json(&result);
    }
    let mut text = format!(
        "{:<8} {:>22} {:>12} {:>22} {:>14}\n",
        "month", "simulated orders", "actual", "simulated revenue", "actual"
    );
    for (m, label) in result.month_labels.iter().enumerate() {
        let _ = writeln!(
            text,
            "{label:<8} {:>22} {:>12} {:>22} {:>14}",
            group(result.simulated_orders[m].mean, 0),
            group(result.actual_orders[m], 0),
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
    write_stdout(&text)
}
