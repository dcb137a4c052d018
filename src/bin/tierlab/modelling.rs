//! `clv`, `train` and `segments`: the learned models of the model lab, from the command line.

use std::fmt::Write;
use std::path::Path;

use tierlab::engine::evaluate::{evaluate, PreparedData};
use tierlab::engine::features::catalog::FeatureKey;
use tierlab::engine::models::clv::{fit_clv, ClvSettings, TimeUnit};
use tierlab::engine::models::segments::{segment_customers, SegmentParams};
use tierlab::engine::models::supervised::{
    train_classifier, train_regressor, ClassificationModel, EvaluationOptions, ForestParams, HoldoutMeasure,
    LogisticParams, MetricTable, RegressionModel, TargetSpec, TrainingSet, TrainingSpec, TreeParams, YearMonth,
};
use tierlab::engine::progress::Silent;

use crate::args::{ClvArgs, ModelChoice, SegmentsArgs, TrainArgs, Unit};
use crate::failure::Failure;
use crate::files::{in_file, print_json, read_scenario, write_file, write_stdout};
use crate::text_output::group;

pub fn clv(args: &ClvArgs) -> Result<(), Failure> {
    let data = args.data.data.as_path();
    let dataset = args.data.load_dataset()?;
    let log = dataset
        .events
        .as_ref()
        .ok_or_else(|| Failure::input(format!("{}: clv needs an event log with dates", data.display())))?;
    let mut settings = ClvSettings::new(args.calibration_end);
    settings.holdout_end = args.holdout_end;
    settings.time_unit = match args.unit {
        Unit::Days => TimeUnit::Days,
        Unit::Weeks => TimeUnit::Weeks,
    };
    settings.horizon_months = args.horizon_months.unwrap_or(settings.horizon_months);
    settings.monthly_discount_rate = args.discount_rate.unwrap_or(settings.monthly_discount_rate);
    settings.margin_percent = args.margin.unwrap_or(settings.margin_percent);
    settings.purchase_model = args.purchase_model.into();
    settings.uncertainty_draws = args.draws.unwrap_or(settings.uncertainty_draws);
    let report = fit_clv(log, &settings, &mut Silent).map_err(|e| in_file(data, e))?;
    if let Some(path) = &args.output.out {
        let mut csv = String::from(
            "customer_id,frequency,recency,age,monetary,p_alive,expected_purchases,expected_order_value,clv,\
             p_alive_low,p_alive_high,expected_purchases_low,expected_purchases_high,clv_low,clv_high\n",
        );
        let v = &report.per_customer;
        let opt = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
        for i in 0..v.customer.len() {
            let id = &dataset.customers.ids[v.customer[i] as usize];
            let bounds = v.intervals.as_ref().map_or(",,,,,".to_string(), |b| {
                format!(
                    "{},{},{},{},{},{}",
                    b.p_alive_low[i],
                    b.p_alive_high[i],
                    opt(b.expected_purchases_low[i]),
                    opt(b.expected_purchases_high[i]),
                    opt(b.clv_low[i]),
                    opt(b.clv_high[i])
                )
            });
            let _ = writeln!(
                csv,
                "{},{},{},{},{},{},{},{},{},{bounds}",
                csv_field(id),
                v.frequency[i],
                v.recency[i],
                v.age[i],
                opt(v.monetary[i]),
                v.p_alive[i],
                opt(v.expected_purchases_horizon[i]),
                opt(v.expected_order_value[i]),
                opt(v.clv[i])
            );
        }
        write_file(path, &csv)?;
    }
    if args.output.json {
        return print_json(&report);
    }
    let mut text = String::new();
    for params in std::iter::once(&report.bgnbd).chain(report.gamma_gamma.as_ref()) {
        let _ = writeln!(
            text,
            "{:?}: log-likelihood {:.4}, {} iterations",
            params.model, params.log_likelihood, params.iterations
        );
        for (i, name) in params.names.iter().enumerate() {
            let se = params.standard_errors[i].map_or("-".to_string(), |s| format!("{s:.6}"));
            let _ = writeln!(text, "  {name:<6} {:>14.6}  (se {se})", params.values[i]);
        }
    }
    for fit in &report.purchase_models {
        let holdout = fit.holdout.as_ref().map_or(String::new(), |h| {
            format!(
                ", holdout {:.1} expected vs {} actual ({:.1} % off)",
                h.expected_total,
                h.actual_total,
                100.0 * h.total_relative_error
            )
        });
        match (&fit.fitted, &fit.error) {
            (Some(f), _) => {
                let _ = writeln!(text, "{:?}: log-likelihood {:.4}{holdout}", fit.model, f.log_likelihood);
            }
            (None, Some(error)) => {
                let _ = writeln!(text, "{:?}: not fitted ({error})", fit.model);
            }
            _ => {}
        }
    }
    let chosen = report.chosen_purchase_model();
    let _ = writeln!(text, "per-customer values from {:?}", chosen.model);
    if chosen.model != report.bgnbd.model {
        for (i, name) in chosen.names.iter().enumerate() {
            let se = chosen.standard_errors[i].map_or("-".to_string(), |s| format!("{s:.6}"));
            let _ = writeln!(text, "  {name:<6} {:>14.6}  (se {se})", chosen.values[i]);
        }
    }
    if let Some(u) = &report.uncertainty {
        let total: f64 = report.per_customer.expected_purchases_horizon.iter().flatten().sum();
        let _ = writeln!(
            text,
            "expected purchases over {} months: {total:.1} (5-95 % from {} parameter draws: {:.1} - {:.1})",
            report.horizon_months, u.draws, u.total_expected_purchases.low, u.total_expected_purchases.high
        );
    }
    let _ = writeln!(text, "{} customers, {} repeat buyers", report.customers, report.repeat_buyers);
    if let Some(h) = &report.holdout {
        let _ = writeln!(text, "holdout: purchases by calibration frequency (actual vs expected mean)");
        for b in &h.by_frequency {
            let mean = |m: Option<f64>| m.map_or("-".to_string(), |m| format!("{m:.3}"));
            let _ = writeln!(
                text,
                "  {:<4} {:>7} customers  {:>8} vs {:>8}",
                b.label,
                b.customers,
                mean(b.actual_mean),
                mean(b.expected_mean)
            );
        }
    }
    for message in report.exclusions.messages() {
        let _ = writeln!(text, "note: {message}");
    }
    write_stdout(&text)
}

pub fn train(args: &TrainArgs) -> Result<(), Failure> {
    let data = args.data.data.as_path();
    let prepared = args.data.load()?;
    let target = target_spec(&args.target, args.scenario.as_deref(), &prepared)?;
    let spec = TrainingSpec { features: args.features.0.clone(), target };
    let set = TrainingSet::build(&prepared, &spec).map_err(|e| in_file(data, e))?;
    let (seed, depth) = (args.seed, args.depth);
    let evaluation = EvaluationOptions { folds: args.folds, seed, ..EvaluationOptions::default() };
    let classes = matches!(spec.target, TargetSpec::Tiers { .. } | TargetSpec::ClassColumn { .. });
    let model = args.model.unwrap_or(if classes { ModelChoice::Logistic } else { ModelChoice::Forest });
    let tree = TreeParams { max_depth: depth, seed, ..TreeParams::default() };
    let (table, predictions, json_text) = match model {
        ModelChoice::Linear | ModelChoice::Tree | ModelChoice::Forest => {
            let model = match model {
                ModelChoice::Linear => RegressionModel::Linear,
                ModelChoice::Tree => RegressionModel::DecisionTree(tree),
                _ => RegressionModel::RandomForest(ForestParams {
                    n_trees: args.trees,
                    max_depth: depth,
                    seed,
                    ..ForestParams::default()
                }),
            };
            let report = train_regressor(&set, &model, &evaluation, &mut Silent).map_err(|e| in_file(data, e))?;
            let predictions: Vec<String> = report.predictions.value.iter().map(|v| v.to_string()).collect();
            (report.table.clone(), predictions, serde_json::to_string_pretty(&report))
        }
        ModelChoice::Logistic | ModelChoice::TreeClassifier => {
            let model = if model == ModelChoice::Logistic {
                ClassificationModel::Logistic(LogisticParams::default())
            } else {
                ClassificationModel::DecisionTree(tree)
            };
            let report = train_classifier(&set, &model, &evaluation, &mut Silent).map_err(|e| in_file(data, e))?;
            let predictions = report
                .predictions
                .class
                .iter()
                .map(|&c| report.classes.get(c as usize).cloned().unwrap_or_default())
                .collect();
            (report.table.clone(), predictions, serde_json::to_string_pretty(&report))
        }
    };
    if let Some(path) = &args.output.out {
        let mut csv = String::from("customer_id,prediction\n");
        for (c, p) in predictions.iter().enumerate() {
            let _ = writeln!(csv, "{},{}", csv_field(&prepared.dataset.customers.ids[c]), csv_field(p));
        }
        write_file(path, &csv)?;
    }
    if args.output.json {
        return write_stdout(&(json_text.map_err(|e| Failure::input(e.to_string()))? + "\n"));
    }
    write_stdout(&metric_table(&table))
}

pub fn segments(args: &SegmentsArgs) -> Result<(), Failure> {
    let data = args.data.data.as_path();
    let prepared = args.data.load()?;
    let params = SegmentParams {
        features: args.features.0.clone(),
        k: args.k.clone(),
        seed: args.seed,
        ..SegmentParams::default()
    };
    let report = segment_customers(&prepared, &params, &mut Silent).map_err(|e| in_file(data, e))?;
    if args.json {
        return print_json(&report);
    }
    let mut text = format!("k = {}\n", report.k);
    for s in &report.segments {
        let _ = writeln!(
            text,
            "  {:<12} {:>7} customers ({:>5.1} %), mean spend {}",
            s.name,
            s.size,
            s.share * 100.0,
            s.mean_spend.map_or("-".to_string(), |m| group(m, 2))
        );
    }
    write_stdout(&text)
}

fn target_spec(text: &str, scenario: Option<&Path>, prepared: &PreparedData) -> Result<TargetSpec, Failure> {
    let holdout = |measure: HoldoutMeasure, rest: &str| -> Result<TargetSpec, Failure> {
        let bad = || Failure::usage(format!("--target {text}: expected YYYY-MM:MONTHS after the colon"));
        let (month, months) = rest.split_once(':').ok_or_else(bad)?;
        let (year, month) = month.split_once('-').ok_or_else(bad)?;
        Ok(TargetSpec::Holdout {
            calibration_end: YearMonth {
                year: year.parse().map_err(|_| bad())?,
                month: month.parse().map_err(|_| bad())?,
            },
            holdout_months: months.parse().map_err(|_| bad())?,
            measure,
        })
    };
    if let Some(rest) = text.strip_prefix("holdout-spend:") {
        return holdout(HoldoutMeasure::Spend, rest);
    }
    if let Some(rest) = text.strip_prefix("holdout-purchases:") {
        return holdout(HoldoutMeasure::Purchases, rest);
    }
    if let Some(name) = text.strip_prefix("class:") {
        return Ok(TargetSpec::ClassColumn { name: name.to_string() });
    }
    if text == "tiers" {
        let path = scenario.ok_or_else(|| Failure::usage("--target tiers needs --scenario"))?;
        let scenario = read_scenario(path)?;
        let evaluated = evaluate(&scenario, prepared, &mut Silent).map_err(|e| in_file(path, e))?;
        return Ok(TargetSpec::Tiers { tiers: evaluated.final_tiers, names: scenario.tiers.names });
    }
    let key = FeatureKey::try_from(text.to_string()).map_err(|e| Failure::usage(format!("--target: {e}")))?;
    Ok(TargetSpec::Column { key })
}

fn metric_table(table: &MetricTable) -> String {
    let mut text = format!("{:<18} {:>12}", "metric", "model");
    for b in &table.baselines {
        let _ = write!(text, " {b:>16}");
    }
    text.push('\n');
    let cell = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.4}"));
    for row in &table.rows {
        let _ = write!(text, "{:<18} {:>12}", row.metric, cell(row.model));
        for b in &row.baselines {
            let _ = write!(text, " {:>16}", cell(*b));
        }
        text.push('\n');
    }
    text
}

fn csv_field(text: &str) -> String {
    let mut out = String::new();
    tierlab::engine::ingest::write::write_field(&mut out, text, ',');
    out
}
