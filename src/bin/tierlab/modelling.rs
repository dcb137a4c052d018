//! `clv`, `train` and `segments`: the learned models of the model lab, from the command line.

use std::fmt::Write;
use std::path::Path;

use tierlab::engine::evaluate::{evaluate, PreparedData};
use tierlab::engine::features::catalog::FeatureKey;
use tierlab::engine::models::clv::{fit_clv, ClvSettings, PurchaseModelChoice, TimeUnit};
use tierlab::engine::models::segments::{segment_customers, SegmentCount, SegmentParams};
use tierlab::engine::models::supervised::{
    train_classifier, train_regressor, ClassificationModel, EvaluationOptions, ForestParams, HoldoutMeasure,
    LogisticParams, MetricTable, RegressionModel, TargetSpec, TrainingSet, TrainingSpec, TreeParams, YearMonth,
};
use tierlab::engine::progress::Silent;

use crate::args::Failure;
use crate::commands::{in_file, load_data, print_json, read_scenario, write_stdout};
use crate::options::Options;
use crate::text_output::group;

pub fn clv(data: &Path, options: &Options, out: Option<&Path>, json: bool) -> Result<(), Failure> {
    let prepared = load_data(data, None)?;
    let log = prepared
        .dataset
        .events
        .as_ref()
        .ok_or_else(|| Failure::input(format!("{}: clv needs an event log with dates", data.display())))?;
    let calibration_end =
        options.end_of_day("--calibration-end")?.ok_or_else(|| Failure::usage("--calibration-end is required"))?;
    let mut settings = ClvSettings::new(calibration_end);
    settings.holdout_end = options.end_of_day("--holdout-end")?;
    settings.time_unit = match options.get("--unit") {
        None | Some("days") => TimeUnit::Days,
        Some("weeks") => TimeUnit::Weeks,
        Some(other) => return Err(Failure::usage(format!("--unit is days or weeks, got `{other}`"))),
    };
    settings.horizon_months = options.number("--horizon-months", settings.horizon_months)?;
    settings.monthly_discount_rate = options.number("--discount-rate", settings.monthly_discount_rate)?;
    settings.margin_percent = options.number("--margin", settings.margin_percent)?;
    settings.purchase_model = match options.get("--purchase-model") {
        None | Some("by-holdout") => PurchaseModelChoice::ByHoldout,
        Some("bg-nbd") => PurchaseModelChoice::BgNbd,
        Some("pareto-nbd") => PurchaseModelChoice::ParetoNbd,
        Some("mbg-nbd") => PurchaseModelChoice::MbgNbd,
        Some(other) => {
            return Err(Failure::usage(format!(
                "--purchase-model is by-holdout, bg-nbd, pareto-nbd or mbg-nbd, got `{other}`"
            )))
        }
    };
    settings.uncertainty_draws = options.number("--draws", settings.uncertainty_draws)?;
    let report = fit_clv(log, &settings, &mut Silent).map_err(|e| in_file(data, e))?;
    if let Some(path) = out {
        let mut csv = String::from(
            "customer_id,frequency,recency,age,monetary,p_alive,expected_purchases,expected_order_value,clv,\
             p_alive_low,p_alive_high,expected_purchases_low,expected_purchases_high,clv_low,clv_high\n",
        );
        let v = &report.per_customer;
        let opt = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
        for i in 0..v.customer.len() {
            let id = &prepared.dataset.customers.ids[v.customer[i] as usize];
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
        std::fs::write(path, csv).map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))?;
    }
    if json {
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

pub fn train(data: &Path, options: &Options, out: Option<&Path>, json: bool) -> Result<(), Failure> {
    let prepared = load_data(data, None)?;
    let features = feature_list(options)?;
    let target_text = options.required("--target")?;
    let target = target_spec(target_text, options, &prepared)?;
    let spec = TrainingSpec { features, target };
    let set = TrainingSet::build(&prepared, &spec).map_err(|e| in_file(data, e))?;
    let seed = options.number("--seed", 42u64)?;
    let evaluation = EvaluationOptions {
        folds: options.get("--folds").map(|_| options.number("--folds", 5usize)).transpose()?,
        seed,
        ..EvaluationOptions::default()
    };
    let depth: u16 = options.number("--depth", 6)?;
    let model = options.get("--model").unwrap_or(
        if matches!(spec.target, TargetSpec::Tiers { .. } | TargetSpec::ClassColumn { .. }) {
            "logistic"
        } else {
            "forest"
        },
    );
    let tree = TreeParams { max_depth: depth, seed, ..TreeParams::default() };
    let (table, predictions, json_text) = match model {
        "linear" | "tree" | "forest" => {
            let model = match model {
                "linear" => RegressionModel::Linear,
                "tree" => RegressionModel::DecisionTree(tree),
                _ => RegressionModel::RandomForest(ForestParams {
                    n_trees: options.number("--trees", 50)?,
                    max_depth: depth,
                    seed,
                    ..ForestParams::default()
                }),
            };
            let report = train_regressor(&set, &model, &evaluation, &mut Silent).map_err(|e| in_file(data, e))?;
            let predictions: Vec<String> = report.predictions.value.iter().map(|v| v.to_string()).collect();
            (report.table.clone(), predictions, serde_json::to_string_pretty(&report))
        }
        "logistic" | "tree-classifier" => {
            let model = if model == "logistic" {
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
        other => {
            return Err(Failure::usage(format!(
                "--model is linear, tree, forest, logistic or tree-classifier, got `{other}`"
            )))
        }
    };
    if let Some(path) = out {
        let mut csv = String::from("customer_id,prediction\n");
        for (c, p) in predictions.iter().enumerate() {
            let _ = writeln!(csv, "{},{}", csv_field(&prepared.dataset.customers.ids[c]), csv_field(p));
        }
        std::fs::write(path, csv).map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))?;
    }
    if json {
        return write_stdout(&(json_text.map_err(|e| Failure::input(e.to_string()))? + "\n"));
    }
    write_stdout(&metric_table(&table))
}

pub fn segments(data: &Path, options: &Options, json: bool) -> Result<(), Failure> {
    let prepared = load_data(data, None)?;
    let k = match options.get("--k") {
        None | Some("auto") => SegmentCount::BestSilhouette { min: 2, max: 8 },
        Some(_) => SegmentCount::Fixed { k: options.number("--k", 4usize)? },
    };
    let params = SegmentParams {
        features: feature_list(options)?,
        k,
        seed: options.number("--seed", 42u64)?,
        ..SegmentParams::default()
    };
    let report = segment_customers(&prepared, &params, &mut Silent).map_err(|e| in_file(data, e))?;
    if json {
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

fn feature_list(options: &Options) -> Result<Vec<FeatureKey>, Failure> {
    options
        .list("--features")?
        .into_iter()
        .map(|f| FeatureKey::try_from(f).map_err(|e| Failure::usage(format!("--features: {e}"))))
        .collect()
}

fn target_spec(text: &str, options: &Options, prepared: &PreparedData) -> Result<TargetSpec, Failure> {
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
        let path = options.required("--scenario")?;
        let scenario = read_scenario(Path::new(path))?;
        let evaluated = evaluate(&scenario, prepared, &mut Silent).map_err(|e| in_file(Path::new(path), e))?;
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
