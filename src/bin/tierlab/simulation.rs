//! `simulate` and `backtest`: the simulator from the command line.

use std::fmt::Write;

use tierlab::engine::progress::Silent;
use tierlab::engine::simulate::backtest::backtest;
use tierlab::engine::simulate::kpi::Kpi;
use tierlab::engine::simulate::planner::plan_field_test;
use tierlab::engine::simulate::sensitivity::{sensitivity, sensitivity_replications};
use tierlab::engine::simulate::{simulate, SimulationSettings};
use tierlab::session::fit_baseline;

use crate::args::{BacktestArgs, SimulateArgs};
use crate::failure::Failure;
use crate::files::{in_file, load_data, print_json, read_scenario, two_scenarios, write_stdout};
use crate::text_output::group;

pub fn run_simulation(args: &SimulateArgs) -> Result<(), Failure> {
    let data = args.data.as_path();
    let (a, b) = two_scenarios(&args.scenarios)?;
    let (scenario_a, scenario_b) = (read_scenario(a)?, read_scenario(b)?);
    let prepared = load_data(data, None)?;
    let settings =
        SimulationSettings { months: args.months, replications: args.reps, seed: args.seed, deterministic: false };
    settings.check().map_err(|e| Failure::usage(e.to_string()))?;
    let (baseline, note) = fit_baseline(&prepared, &mut Silent);
    let result = simulate(&scenario_a, &scenario_b, &prepared, &baseline, &settings, &mut Silent)
        .map_err(|e| in_file(data, e))?;
    let plan = plan_field_test(&result.field_test, 0.05, 0.8).map_err(|e| Failure::input(e.to_string()))?;
    let tornado = if args.sensitivity {
        let quick =
            SimulationSettings { replications: sensitivity_replications(settings.replications), ..settings.clone() };
        Some(
            sensitivity(&scenario_a, &scenario_b, &prepared, &baseline, &quick, &mut Silent)
                .map_err(|e| in_file(data, e))?,
        )
    } else {
        None
    };
    if args.json {
        return print_json(&serde_json::json!({
            "simulation": result, "baseline_note": note.as_ref().map(ToString::to_string), "field_test": plan, "sensitivity": tornado,
        }));
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} customers, {} months from {}, {} replications, baseline {:?}",
        result.customers,
        settings.months,
        result.month_labels.first().map_or("-", String::as_str),
        settings.replications,
        result.baseline
    );
    if let Some(note) = &note {
        let _ = writeln!(text, "note: simple baseline used because {note}");
    }
    let _ = writeln!(
        text,
        "\n{:<26} {:>34} {:>34} {:>26}",
        "KPI (mean, 90 % interval)", result.schemes[0].name, result.schemes[1].name, "B - A"
    );
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
        let cell = |s: &tierlab::engine::simulate::kpi::Spread| {
            let f = |x: f64| group(x * scale, decimals);
            format!("{} [{}, {}]", f(s.mean), f(s.low90), f(s.high90))
        };
        let spread = |i: usize| result.schemes[i].totals.iter().find(|k| k.kpi == kpi).map(|k| k.spread.clone());
        let diff = result.difference.iter().find(|k| k.kpi == kpi).map(|k| k.spread.clone());
        if let (Some(x), Some(y), Some(d)) = (spread(0), spread(1), diff) {
            let _ = writeln!(text, "{label:<26} {:>34} {:>34} {:>26}", cell(&x), cell(&y), cell(&d));
        }
    }
    let _ = writeln!(text, "\nP(B has the higher margin) = {:.0} %", result.b_better_on_margin * 100.0);
    match plan.recommended_months {
        Some(months) => {
            let row = &plan.durations[months as usize - 1];
            let _ = writeln!(
                text,
                "field test (5 % significance, 80 % power): {} customers per arm for {months} months",
                group(row.customers_per_arm.unwrap_or(0.0), 0)
            );
        }
        None => {
            let _ =
                writeln!(text, "field test: the simulated difference is too small to confirm with this customer base");
        }
    }
    if let Some(t) = &tornado {
        let _ = writeln!(text, "\nsensitivity of B - A margin (base {}):", group(t.base_difference, 0));
        for row in &t.rows {
            let _ = writeln!(
                text,
                "  {:<26} {:>12} .. {:>12}{}",
                row.assumption,
                group(row.difference_at_low, 0),
                group(row.difference_at_high, 0),
                if row.flips { "  flips the decision" } else { "" }
            );
        }
    }
    write_stdout(&text)
}

pub fn run_backtest(args: &BacktestArgs) -> Result<(), Failure> {
    let data = args.data.as_path();
    let prepared = load_data(data, None)?;
    let result =
        backtest(&prepared, args.calibration_end, args.reps, args.seed, &mut Silent).map_err(|e| in_file(data, e))?;
    if args.json {
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
