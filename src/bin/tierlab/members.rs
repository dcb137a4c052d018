//! `tierlab members` (the member list as CSV or .xlsx) and `tierlab risk` (flagged customers with
//! their reasons).

use std::fmt::Write as _;
use std::path::Path;

use tierlab::engine::members::{self, labels, Language, MemberFormat, MemberOptions, SCENARIOS};
use tierlab::engine::progress::Silent;
use tierlab::engine::risk::{assess, assess_for_scenario, RiskReport, RiskSettings, RuleState};

use crate::args::{MemberLanguage, MembersArgs, RiskArgs};
use crate::failure::Failure;
use crate::files::{in_file, print_json, read_scenario, write_stdout};

pub fn members(request: &MembersArgs) -> Result<(), Failure> {
    let count = request.scenarios.len();
    if SCENARIOS.check_count(count as u64).is_err() {
        return Err(Failure::usage(format!(
            "members needs between {} and {} scenario files, got {count}",
            SCENARIOS.min, SCENARIOS.max
        )));
    }
    let format = match &request.out {
        None => MemberFormat::Csv,
        Some(path) => format_of(path)?,
    };
    let language = match request.lang {
        MemberLanguage::En => Language::En,
        MemberLanguage::Zh => Language::Zh,
    };
    let mut scenarios = Vec::with_capacity(count);
    for path in &request.scenarios {
        let mut scenario = read_scenario(path)?;
        scenario.risk.exclude_flagged |= request.exclude_flagged;
        scenarios.push(scenario);
    }
    let data = request.data.load()?;
    let options = MemberOptions { language, ..MemberOptions::default() };
    let list = members::member_list(&data, &scenarios, &options, &mut Silent).map_err(|e| match e {
        members::MemberError::Evaluate { ref which, .. } => {
            let index = scenarios.iter().position(|s| &s.name == which).unwrap_or(0);
            in_file(&request.scenarios[index], e)
        }
        other => Failure::input(other.to_string()),
    })?;
    let list = match &request.recommend {
        Some(choice) => {
            crate::decision::with_recommendations(list, &data, &scenarios[0], choice, &request.data.data, language)?
        }
        None => list,
    };
    drop(data);
    let bytes = match format {
        MemberFormat::Csv => {
            let mut bytes = Vec::new();
            members::write_csv(&list, &mut bytes, &mut Silent)
                .map_err(|e| Failure::input(format!("cannot write the list: {e}")))?;
            bytes
        }
        MemberFormat::Xlsx => members::write_xlsx(&list, &mut Silent).map_err(|e| Failure::input(e.to_string()))?,
    };
    match &request.out {
        Some(path) => {
            std::fs::write(path, &bytes)
                .map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("{} customers written to {}", list.customer_count(), path.display());
            Ok(())
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Failure::input(format!("cannot write output: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
}

fn format_of(path: &Path) -> Result<MemberFormat, Failure> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => Ok(MemberFormat::Csv),
        Some("xlsx") => Ok(MemberFormat::Xlsx),
        _ => Err(Failure::usage(format!("--out {}: the file name must end in .csv or .xlsx", path.display()))),
    }
}

pub fn risk(args: &RiskArgs) -> Result<(), Failure> {
    let scenario = args.scenario.as_deref().map(|path| read_scenario(path).map(|s| (path, s))).transpose()?;
    let prepared = args.data.load()?;
    let report = match &scenario {
        Some((path, scenario)) => {
            assess_for_scenario(&prepared, scenario, &mut Silent).map_err(|e| in_file(path, e))?
        }
        None => assess(&prepared, &RiskSettings::default(), None, &mut Silent),
    };
    if args.json {
        print_json(&report)
    } else {
        write_stdout(&risk_table(&report))
    }
}

fn risk_table(report: &RiskReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} customers, {} flagged\n", report.customers, report.flagged.len());
    let _ = writeln!(out, "{:<20} {:>8}  rule", "flag", "flagged");
    for rule in &report.rules {
        let state = match rule.state {
            RuleState::Applied => "applied",
            RuleState::NeedsEventLog => "not applied: needs an event log",
            RuleState::NeedsScenario => "not applied: needs --scenario (its window and tier bounds)",
            RuleState::WindowNeverEnds => "not applied: the scenario's qualifying window never ends",
        };
        let _ = writeln!(out, "{:<20} {:>8}  {state}", rule.kind.key(), rule.flagged);
    }
    let _ = writeln!(out, "\n{:<14} {:<20} {:>12} {:>12}  reason", "customer", "flag", "figure", "threshold");
    for customer in &report.flagged {
        for flag in &customer.flags {
            let _ = writeln!(
                out,
                "{:<14} {:<20} {:>12.4} {:>12.4}  {}",
                customer.id,
                flag.kind.key(),
                flag.figure,
                flag.threshold,
                labels::flag(flag, Language::En)
            );
        }
    }
    out
}
