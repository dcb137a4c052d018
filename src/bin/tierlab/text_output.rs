//! Human-readable reports for the terminal (the `--json` forms are for machines).

use std::fmt::Write;
use std::path::Path;

use tierlab::engine::compare::Comparison;
use tierlab::engine::explain::{Explanation, FeatureStats};
use tierlab::engine::ingest::{ContactKind, DateOrder, Inspection, IssueAction, ValidationReport};
use tierlab::engine::pricing::{ScenarioOutcome, Warning};
use tierlab::engine::scenario::{Combine, CriterionMeasure, Scenario};

pub fn inspection(file: &Path, inspection: &Inspection, report: &ValidationReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "file        {}", file.display());
    let _ = writeln!(out, "size        {} bytes", group(inspection.byte_size as f64, 0));
    match &inspection.sheet {
        Some(sheet) => {
            let _ =
                writeln!(out, "sheet       {sheet} (sheets: {}); --sheet NAME to change", inspection.sheets.join(", "));
        }
        None => {
            let _ = writeln!(out, "encoding    {:?}", inspection.encoding);
        }
    }
    if inspection.skipped_lines > 0 {
        let _ =
            writeln!(out, "skipped     {} lines above the header; --skip-lines N to change", inspection.skipped_lines);
    }
    let _ = writeln!(out, "delimiter   {:?}", inspection.delimiter);
    let _ = writeln!(out, "header      {}", if inspection.has_header { "yes" } else { "no" });
    match inspection.date_order {
        Some(DateOrder::MonthFirst) => {
            let _ = writeln!(out, "dates       month first (3/15/2026); --date-order day-first to change");
        }
        Some(DateOrder::DayFirst) => {
            let _ = writeln!(out, "dates       day first (15/3/2026); --date-order month-first to change");
        }
        None => {}
    }
    if inspection.decimal_comma {
        let _ = writeln!(out, "decimals    comma (1.234,50); --decimal point to change");
    }
    let _ = writeln!(out, "records     {}", inspection.record_count);
    let _ = writeln!(out, "shape       {:?}", inspection.shape);
    if let Some(contact) = &inspection.customer_id_from {
        let kind = match contact.kind {
            ContactKind::Email => "e-mail address",
            ContactKind::Phone => "phone number",
        };
        let _ =
            writeln!(out, "customers   identified by their {kind} (column {}; no customer id column)", contact.column);
    }
    let _ = writeln!(out, "\ncolumns");
    let rows: Vec<Vec<String>> = inspection
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                (i + 1).to_string(),
                c.name.clone(),
                format!("{:?}", c.value_type).to_lowercase(),
                c.role.key().to_string(),
                c.examples.iter().take(3).cloned().collect::<Vec<_>>().join(" | "),
            ]
        })
        .collect();
    out.push_str(&table(&["#", "name", "type", "role", "examples"], &rows));
    let _ = writeln!(out, "\nvalidation (default settings)");
    let _ = writeln!(
        out,
        "  records read {}, kept {}, dropped {}, blank lines skipped {}",
        report.records_read, report.rows_kept, report.rows_dropped, report.blank_lines
    );
    for issue in &report.issues {
        let action = match issue.action {
            IssueAction::RowDropped => "rows dropped",
            IssueAction::ValueFilled => "values filled",
            IssueAction::ValueLeftMissing => "left missing",
            IssueAction::Kept => "kept",
            IssueAction::Skipped => "skipped",
        };
        let _ = writeln!(out, "  {:?}: {} ({action})", issue.kind, issue.count);
        for example in &issue.examples {
            let column = example.column.as_deref().map(|c| format!(", column {c}")).unwrap_or_default();
            let _ = writeln!(out, "    line {}{column}: {:?}", example.line, example.raw);
        }
    }
    for (column, count) in &report.filled {
        let _ = writeln!(out, "  filled {count} value(s) in {column}");
    }
    out
}

pub fn scenario(outcome: &ScenarioOutcome) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "scenario {} over {:.2} years of history\n", outcome.name, outcome.history_years);
    out.push_str(&tier_table(outcome));
    let _ = writeln!(out);
    out.push_str(&totals_table(&[outcome]));
    if let Some(timeline) = &outcome.timeline {
        let _ = writeln!(out, "\ntiers month by month (members at the end of the month)");
        let mut header = vec!["month"];
        header.extend(outcome.tiers.iter().map(|t| t.name.as_str()));
        header.extend(["up", "down"]);
        let rows: Vec<Vec<String>> = timeline
            .labels
            .iter()
            .enumerate()
            .map(|(m, label)| {
                let mut row = vec![label.clone()];
                row.extend(timeline.members[m].iter().map(|n| n.to_string()));
                row.extend([timeline.upgrades[m].to_string(), timeline.downgrades[m].to_string()]);
                row
            })
            .collect();
        out.push_str(&table(&header, &rows));
    }
    if let Some(points) = &outcome.points {
        let t = &points.totals;
        let _ = writeln!(
            out,
            "\npoints: earned {}, redeemed {}, expired {}, taken back by refunds {}, outstanding {}",
            group(t.earned, 0),
            group(t.redeemed, 0),
            group(t.expired, 0),
            group(t.reversed, 0),
            group(t.outstanding, 0)
        );
        let _ = writeln!(
            out,
            "points liability {} (after expected breakage {}), redemptions cost {}",
            group(t.liability, 2),
            group(t.expected_liability, 2),
            group(t.redemption_cost, 2)
        );
    }
    push_warnings(&mut out, outcome);
    out
}

pub fn explanation(scenario: &Scenario, e: &Explanation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "customer {}: {} (score {})", e.customer_id, e.tier_name, group(e.score, 2));
    if let Some(segment) = &e.segment {
        let _ = writeln!(out, "segment {segment}");
    }
    match &e.next_tier {
        Some(next) => {
            let _ = writeln!(
                out,
                "next tier {} from {}: {} to go",
                next.name,
                group(next.bound, 2),
                group(next.distance, 2)
            );
            if let Some(second) = &next.second {
                let measure = match second.measure {
                    CriterionMeasure::Orders => "orders",
                    CriterionMeasure::Spend => "spend",
                };
                let rule = match second.combine {
                    Combine::And => "needed as well",
                    Combine::Or => "or this instead",
                };
                let _ = writeln!(
                    out,
                    "second criterion ({measure}) from {}: {} to go ({rule})",
                    group(second.bound, 2),
                    group(second.distance, 2)
                );
            }
        }
        None => {
            let _ = writeln!(out, "already in the top tier");
        }
    }
    let _ = writeln!(out, "\nscore terms");
    let rows: Vec<Vec<String>> = e.contributions.iter().map(|(label, v)| vec![label.clone(), group(*v, 2)]).collect();
    out.push_str(&table(&["term", "adds"], &rows));
    let _ = writeln!(out, "\nfeatures (qualifying window at the end of the history)");
    let rows: Vec<Vec<String>> = e.features.iter().map(|(k, v)| vec![k.to_string(), group(*v, 2)]).collect();
    out.push_str(&table(&["feature", "value"], &rows));
    if let Some(timeline) = &e.timeline {
        let _ = writeln!(out, "\ntier by month");
        let rows: Vec<Vec<String>> = e
            .month_labels
            .iter()
            .zip(timeline)
            .map(|(label, tier)| vec![label.clone(), tier.map_or("-".to_string(), |t| scenario.tiers.names[t].clone())])
            .collect();
        out.push_str(&table(&["month", "tier"], &rows));
    }
    if let Some(p) = &e.points {
        let (balance, pending, earned) = (group(p.balance, 0), group(p.pending, 0), group(p.earned_to_date, 0));
        let _ = writeln!(out, "\npoints balance {balance} (pending {pending}), earned to date {earned}");
    }
    out
}

pub fn features(stats: &[FeatureStats]) -> String {
    let rows: Vec<Vec<String>> = stats
        .iter()
        .map(|s| {
            vec![
                s.key.to_string(),
                s.count.to_string(),
                s.missing.to_string(),
                group(s.mean, 2),
                group(s.median, 2),
                group(s.p90, 2),
                group(s.max, 2),
            ]
        })
        .collect();
    table(&["feature", "customers", "missing", "mean", "median", "p90", "max"], &rows)
}

pub fn comparison(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} customers, {:.2} years of history\n", c.customers, c.a.history_years);
    for outcome in [&c.a, &c.b] {
        let _ = writeln!(out, "scenario {}", outcome.name);
        out.push_str(&tier_table(outcome));
        let _ = writeln!(out);
    }
    out.push_str(&totals_table(&[&c.a, &c.b]));
    let d = &c.difference;
    let _ = writeln!(
        out,
        "\nB - A: benefit cost {}, margin after benefits {}, cost / revenue {:+.2} pp",
        signed(d.costs.total),
        signed(d.margin_after_benefits),
        d.cost_to_revenue * 100.0
    );
    let _ = writeln!(out, "\ntransitions (rows: tier under {}, columns: tier under {})", c.a.name, c.b.name);
    let mut header: Vec<&str> = vec![""];
    header.extend(c.b.tiers.iter().map(|t| t.name.as_str()));
    let rows: Vec<Vec<String>> = c
        .transitions
        .iter()
        .zip(&c.a.tiers)
        .map(|(row, tier)| std::iter::once(tier.name.clone()).chain(row.iter().map(|n| n.to_string())).collect())
        .collect();
    out.push_str(&table(&header, &rows));
    if let Some(m) = &c.movement {
        let _ = writeln!(out, "moved up {}, down {}, unchanged {}", m.up, m.down, m.same);
    }
    for effect in &c.exclusion {
        let _ = writeln!(
            out,
            "\nscenario {} ({}) keeps {} of {} flagged customers out of tiering:",
            effect.which, effect.scenario, effect.excluded, effect.flagged
        );
        let names: Vec<&str> =
            if effect.which == "A" { &c.a } else { &c.b }.tiers.iter().map(|t| t.name.as_str()).collect();
        let mut header = vec![""];
        header.extend(names);
        header.extend(["benefit cost", "margin after benefits"]);
        let rows: Vec<Vec<String>> =
            [("with exclusion", &effect.with_exclusion), ("without", &effect.without_exclusion)]
                .into_iter()
                .map(|(label, side)| {
                    std::iter::once(label.to_string())
                        .chain(side.customers_per_tier.iter().map(|n| n.to_string()))
                        .chain([group(side.costs.total, 2), group(side.margin_after_benefits, 2)])
                        .collect()
                })
                .collect();
        out.push_str(&table(&header, &rows));
    }
    push_warnings(&mut out, &c.a);
    push_warnings(&mut out, &c.b);
    out
}

fn tier_table(outcome: &ScenarioOutcome) -> String {
    let rows: Vec<Vec<String>> = outcome
        .tiers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let from = if i == 0 { "-".to_string() } else { group(outcome.lower_bounds[i - 1], 2) };
            vec![
                t.name.clone(),
                from,
                t.customers.to_string(),
                format!("{:.1} %", t.share * 100.0),
                group(t.revenue, 2),
                format!("{:.1} %", t.revenue_share * 100.0),
                group(t.costs.total, 2),
            ]
        })
        .collect();
    table(&["tier", "score from", "customers", "share", "revenue", "revenue share", "benefit cost"], &rows)
}

fn totals_table(outcomes: &[&ScenarioOutcome]) -> String {
    let lines: [(&str, fn(&ScenarioOutcome) -> f64); 10] = [
        ("revenue", |o| o.revenue),
        ("discount", |o| o.totals.discount),
        ("points (expected redemptions)", |o| o.totals.points),
        ("free shipping", |o| o.totals.shipping),
        ("gifts", |o| o.totals.gifts),
        ("total benefit cost", |o| o.totals.total),
        ("points issued", |o| o.totals.points_issued),
        ("gross margin", |o| o.gross_margin),
        ("margin after benefits", |o| o.margin_after_benefits),
        ("cost / revenue %", |o| o.cost_to_revenue * 100.0),
    ];
    let mut header = vec![""];
    header.extend(outcomes.iter().map(|o| o.name.as_str()));
    if outcomes.len() == 2 {
        header.push("B - A");
    }
    // Coupons get their line only when a scheme pays for some, so tables without them read as before.
    let coupons: (&str, fn(&ScenarioOutcome) -> f64) = ("coupons (redeemed)", |o| o.totals.coupons);
    let mut lines = lines.to_vec();
    if outcomes.iter().any(|o| o.totals.coupons != 0.0) {
        lines.insert(5, coupons);
    }
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|(label, value)| {
            let mut row = vec![label.to_string()];
            row.extend(outcomes.iter().map(|o| group(value(o), 2)));
            if let [a, b] = outcomes {
                row.push(signed(value(b) - value(a)));
            }
            row
        })
        .collect();
    table(&header, &rows)
}

fn push_warnings(out: &mut String, outcome: &ScenarioOutcome) {
    for warning in &outcome.warnings {
        let text = match warning {
            Warning::TopTierDilution { tier, share } => {
                format!("{tier} holds {:.1} % of active members (above 15 %: status dilutes)", share * 100.0)
            }
            Warning::EmptyTier { tier } => format!("{tier} has no members"),
            Warning::SharesMissedByTies { tier, target, actual } => format!(
                "{tier} holds {:.1} % instead of the target {:.1} % (many customers share the same score)",
                actual * 100.0,
                target * 100.0
            ),
            Warning::OneFeatureDominates { feature, share } => {
                format!("{feature} makes up {:.1} % of the score, so the other weights barely matter", share * 100.0)
            }
            Warning::BenefitsExceedMargin { cost, gross_margin } => {
                format!("benefits cost {} but the gross margin is only {}", group(*cost, 2), group(*gross_margin, 2))
            }
            Warning::FlaggedHeldAtBase { customers } => {
                format!("{customers} flagged customers are kept out of tiering (held in the lowest tier)")
            }
        };
        let _ = writeln!(out, "warning ({}): {text}", outcome.name);
    }
}

/// A plain text table with columns padded to their widest cell (by characters, so CJK stays aligned
/// well enough in terminals that render it double-width is not attempted).
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i] - c.chars().count())))
            .collect();
        let _ = writeln!(out, "  {}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// `1234567.891` -> `1,234,567.89`.
pub fn group(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "-".to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn signed(value: f64) -> String {
    if value > 0.0 {
        format!("+{}", group(value, 2))
    } else {
        group(value, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::group;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(1234567.891, 2), "1,234,567.89");
        assert_eq!(group(-1000.0, 0), "-1,000");
        assert_eq!(group(999.999, 2), "1,000.00");
        assert_eq!(group(-0.001, 2), "0.00");
    }
}
