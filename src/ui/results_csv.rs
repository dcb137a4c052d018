//! The simulation's results as one CSV table, for the export button.

use crate::engine::simulate::kpi::{Kpi, MonthlyKpi, Spread};
use crate::engine::simulate::{scheme_letter, SimulationResult};
use crate::ui::format;

fn key<S: serde::Serialize>(value: S) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn row(out: &mut String, table: &str, month: &str, scheme: &str, kpi: &str, s: &Spread) {
    out.push_str(&format!(
        "{table},{month},{scheme},{kpi},{},{},{},{},{}\n",
        format::raw(s.mean),
        format::raw(s.low90),
        format::raw(s.high90),
        format::raw(s.low95),
        format::raw(s.high95)
    ));
}

/// One tidy table: totals (per scheme, each scheme minus the reference as `B-A`, `C-A` ..., and
/// incremental) and monthly series (per scheme and
/// the no-program counterfactual), each with its mean and intervals. Names are codes, so the file
/// reads the same whatever the page's language; scheme names are in the JSON export.
pub fn results_csv(result: &SimulationResult) -> String {
    let mut out = String::from("table,month,scheme,kpi,mean,low90,high90,low95,high95\n");
    for (index, scheme) in result.schemes.iter().enumerate() {
        let letter = scheme_letter(index);
        for stat in &scheme.totals {
            row(&mut out, "total", "", &letter, &key(stat.kpi), &stat.spread);
        }
        for stat in &scheme.incremental {
            row(&mut out, "incremental", "", &letter, &key(stat.kpi), &stat.spread);
        }
    }
    let reference = scheme_letter(result.reference);
    for comparison in &result.comparisons {
        let pair = format!("{}-{reference}", scheme_letter(comparison.scheme));
        for stat in &comparison.difference {
            row(&mut out, "total", "", &pair, &key(stat.kpi), &stat.spread);
        }
    }
    let cf = &result.counterfactual;
    for (kpi, spread) in [
        (key(Kpi::Revenue), &cf.revenue),
        (key(Kpi::Orders), &cf.orders),
        (key(Kpi::RetentionRate), &cf.retention_rate),
        (key(Kpi::ConversionRate), &cf.conversion_rate),
    ] {
        row(&mut out, "total", "", "no_program", &kpi, spread);
    }
    for (m, month) in result.month_labels.iter().enumerate() {
        for (index, scheme) in result.schemes.iter().enumerate() {
            let letter = scheme_letter(index);
            for stat in &scheme.monthly {
                if let Some(s) = stat.months.get(m) {
                    row(&mut out, "monthly", month, &letter, &key(stat.kpi), s);
                }
            }
        }
        for (kpi, series) in [(MonthlyKpi::Revenue, &cf.monthly_revenue), (MonthlyKpi::Orders, &cf.monthly_orders)] {
            if let Some(s) = series.get(m) {
                row(&mut out, "monthly", month, "no_program", &key(kpi), s);
            }
        }
    }
    out
}
