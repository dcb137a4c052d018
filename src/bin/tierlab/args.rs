//! Command-line parsing (by hand: five subcommands do not earn a parser dependency).

use std::path::PathBuf;

pub const USAGE: &str = "\
usage: tierlab <command> [options]

commands:
  inspect FILE [--json] [--records] [--delimiter D] [--header|--no-header] [--encoding E] [--date-order O] [--decimal point|comma] [--sheet NAME] [--skip-lines N]
        how TierLab reads FILE (CSV, TSV, TXT or a workbook: .xlsx, .xls, .ods): encoding or sheet,
        lines skipped above the header, delimiter, header, columns with types and roles, row count
        and the validation report. --records prints every record as a JSON object
        keyed by column name (values as in the file after unquoting), one per line.
  run --data FILE --scenario S.json [--settings L.json] [--json]
        score, tier and price one scenario on FILE.
  compare --data FILE A.json B.json [--settings L.json] [--json]
        scenarios A and B side by side: tiers, transitions, costs and differences.
  explain --data FILE --scenario S.json --customer ID [--settings L.json] [--json]
        why one customer is in their tier: features, score terms, distance to the next
        tier, tier month by month, points.
  features --data FILE [--settings L.json] [--json]
        distribution of every feature the data provides.
  clv --data FILE --calibration-end DATE [--holdout-end DATE] [--unit days|weeks]
      [--horizon-months N] [--discount-rate R] [--margin P] [--out PREDICTIONS.csv] [--json]
        BG/NBD + Gamma-Gamma: parameters, standard errors, log-likelihood, holdout check,
        per-customer P(active), expected purchases, order value and CLV.
  train --data FILE --target T --features F1,F2,... [--model M] [--depth N] [--trees N]
      [--folds K] [--seed S] [--scenario S.json] [--out PREDICTIONS.csv] [--json]
        a value model (M: linear, tree, forest) or tier model (M: logistic, tree-classifier).
        T: a feature or column:NAME; holdout-spend:YYYY-MM:MONTHS; holdout-purchases:YYYY-MM:MONTHS;
        tiers (the tiers of --scenario at the end of the history); class:COLUMN.
  segments --data FILE --features F1,F2,... [--k N|auto] [--seed S] [--json]
        k-means segments on standardised features, named by value.
  simulate --data FILE A.json B.json [--months N] [--reps R] [--seed S] [--sensitivity] [--json]
        month-by-month simulation of A, B and no program: KPIs with intervals, B - A, P(B better).
  backtest --data FILE --calibration-end DATE [--reps R] [--seed S] [--json]
        simulate the months after DATE with no program and compare with what happened.
  scenario-upgrade FILE
        print a scenario file of any older version in the current format.
  sample [--customers N] [--seed S] [--out FILE]
        write the embedded sample population (default 20000 customers, seed 42) as CSV.
  scenario-template [--b]
        print the default scenario JSON to start from (--b: the page's default B, points
        instead of discounts).

D is one of comma, tab, semicolon, pipe, whitespace; E is utf8, gb18030 (gbk), utf16 (little-endian) or utf16be;
O is month-first (3/15/2026) or day-first (15/3/2026) for dates written with the year last
(detected when not given); --decimal comma reads 1.234,50 as 1234.5 (detected when not given);
--sheet reads that sheet of a workbook (default: the first with data); --skip-lines N skips N lines
above the header (report titles, export dates; detected when not given).
L.json holds load settings (roles per column, missing-value and duplicate policies) as
exported by the page or printed by `inspect --json` under \"settings\".";

#[derive(Debug, PartialEq)]
pub enum Command {
    Inspect { file: PathBuf, json: bool, records: bool, read: ReadFlags },
    Run { data: PathBuf, scenario: PathBuf, settings: Option<PathBuf>, json: bool },
    Compare { data: PathBuf, a: PathBuf, b: PathBuf, settings: Option<PathBuf>, json: bool },
    Explain { data: PathBuf, scenario: PathBuf, customer: String, settings: Option<PathBuf>, json: bool },
    Features { data: PathBuf, settings: Option<PathBuf>, json: bool },
    ScenarioUpgrade { file: PathBuf },
    Clv { data: PathBuf, options: Vec<(String, String)>, out: Option<PathBuf>, json: bool },
    Train { data: PathBuf, options: Vec<(String, String)>, out: Option<PathBuf>, json: bool },
    Segments { data: PathBuf, options: Vec<(String, String)>, json: bool },
    Simulate { data: PathBuf, a: PathBuf, b: PathBuf, options: Vec<(String, String)>, sensitivity: bool, json: bool },
    Backtest { data: PathBuf, options: Vec<(String, String)>, json: bool },
    Sample { customers: Option<usize>, seed: Option<u64>, out: Option<PathBuf> },
    ScenarioTemplate { b: bool },
    Help,
}

#[derive(Debug, Default, PartialEq)]
pub struct ReadFlags {
    pub delimiter: Option<String>,
    pub has_header: Option<bool>,
    pub encoding: Option<String>,
    pub date_order: Option<String>,
    pub decimal: Option<String>,
    /// The sheet of a workbook to read.
    pub sheet: Option<String>,
    /// Lines above the header to skip.
    pub skip_lines: Option<usize>,
}

/// Why the program stops, and with which exit status (2 = wrong usage, 1 = bad input or data).
#[derive(Debug, PartialEq)]
pub struct Failure {
    pub message: String,
    pub exit_code: i32,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { message: format!("{} (see `tierlab help`)", message.into()), exit_code: 2 }
    }
    pub fn input(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), exit_code: 1 }
    }
}

pub fn parse(argv: &[String]) -> Result<Command, Failure> {
    let Some((command, rest)) = argv.split_first() else {
        return Err(Failure::usage("no command given"));
    };
    let mut args = Args::new(rest);
    let parsed = match command.as_str() {
        "inspect" => {
            let json = args.flag("--json");
            let records = args.flag("--records");
            let read = read_flags(&mut args)?;
            let file = args.one_positional("FILE")?;
            Command::Inspect { file, json, records, read }
        }
        "run" => {
            let data = args.required_value("--data")?;
            let scenario = args.required_value("--scenario")?;
            let settings = args.value("--settings")?.map(PathBuf::from);
            let json = args.flag("--json");
            Command::Run { data: data.into(), scenario: scenario.into(), settings, json }
        }
        "compare" => {
            let data = args.required_value("--data")?;
            let settings = args.value("--settings")?.map(PathBuf::from);
            let json = args.flag("--json");
            let [a, b] = args.positionals::<2>("A.json B.json")?;
            Command::Compare { data: data.into(), a, b, settings, json }
        }
        "explain" => {
            let data = args.required_value("--data")?;
            let scenario = args.required_value("--scenario")?;
            let customer = args.required_value("--customer")?;
            let settings = args.value("--settings")?.map(PathBuf::from);
            let json = args.flag("--json");
            Command::Explain { data: data.into(), scenario: scenario.into(), customer, settings, json }
        }
        "features" => {
            let data = args.required_value("--data")?;
            let settings = args.value("--settings")?.map(PathBuf::from);
            let json = args.flag("--json");
            Command::Features { data: data.into(), settings, json }
        }
        "scenario-upgrade" => Command::ScenarioUpgrade { file: args.one_positional("FILE")? },
        "clv" => {
            let data = args.required_value("--data")?.into();
            let options = args.values(&[
                "--calibration-end",
                "--holdout-end",
                "--unit",
                "--horizon-months",
                "--discount-rate",
                "--margin",
            ])?;
            let out = args.value("--out")?.map(PathBuf::from);
            Command::Clv { data, options, out, json: args.flag("--json") }
        }
        "train" => {
            let data = args.required_value("--data")?.into();
            let options = args.values(&[
                "--target",
                "--features",
                "--model",
                "--depth",
                "--trees",
                "--folds",
                "--seed",
                "--scenario",
            ])?;
            let out = args.value("--out")?.map(PathBuf::from);
            Command::Train { data, options, out, json: args.flag("--json") }
        }
        "segments" => {
            let data = args.required_value("--data")?.into();
            let options = args.values(&["--features", "--k", "--seed"])?;
            Command::Segments { data, options, json: args.flag("--json") }
        }
        "simulate" => {
            let data = args.required_value("--data")?.into();
            let options = args.values(&["--months", "--reps", "--seed"])?;
            let sensitivity = args.flag("--sensitivity");
            let json = args.flag("--json");
            let [a, b] = args.positionals::<2>("A.json B.json")?;
            Command::Simulate { data, a, b, options, sensitivity, json }
        }
        "backtest" => {
            let data = args.required_value("--data")?.into();
            let options = args.values(&["--calibration-end", "--reps", "--seed"])?;
            Command::Backtest { data, options, json: args.flag("--json") }
        }
        "sample" => {
            let customers = args.value("--customers")?.map(|v| number(&v, "--customers")).transpose()?;
            let seed = args.value("--seed")?.map(|v| number(&v, "--seed")).transpose()?;
            let out = args.value("--out")?.map(PathBuf::from);
            Command::Sample { customers, seed, out }
        }
        "scenario-template" => Command::ScenarioTemplate { b: args.flag("--b") },
        "help" | "--help" | "-h" => Command::Help,
        other => return Err(Failure::usage(format!("unknown command `{other}`"))),
    };
    args.finish()?;
    Ok(parsed)
}

fn read_flags(args: &mut Args) -> Result<ReadFlags, Failure> {
    let header = args.flag("--header");
    let no_header = args.flag("--no-header");
    if header && no_header {
        return Err(Failure::usage("--header and --no-header contradict each other"));
    }
    Ok(ReadFlags {
        delimiter: args.value("--delimiter")?,
        has_header: if header {
            Some(true)
        } else if no_header {
            Some(false)
        } else {
            None
        },
        encoding: args.value("--encoding")?,
        date_order: args.value("--date-order")?,
        decimal: args.value("--decimal")?,
        sheet: args.value("--sheet")?,
        skip_lines: args.value("--skip-lines")?.map(|n| number(&n, "--skip-lines")).transpose()?,
    })
}

fn number<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, Failure> {
    text.parse().map_err(|_| Failure::usage(format!("{flag} needs a whole number, got `{text}`")))
}

/// Remaining arguments; each accessor consumes what it recognises, `finish` rejects leftovers.
struct Args {
    items: Vec<Option<String>>,
}

impl Args {
    fn new(rest: &[String]) -> Args {
        Args { items: rest.iter().cloned().map(Some).collect() }
    }

    fn flag(&mut self, name: &str) -> bool {
        let mut found = false;
        for item in &mut self.items {
            if item.as_deref() == Some(name) {
                *item = None;
                found = true;
            }
        }
        found
    }

    fn value(&mut self, name: &str) -> Result<Option<String>, Failure> {
        let prefix = format!("{name}=");
        for i in 0..self.items.len() {
            let Some(item) = self.items[i].clone() else { continue };
            if item == name {
                let value = self.items.get_mut(i + 1).and_then(Option::take);
                self.items[i] = None;
                return match value {
                    Some(v) if !v.starts_with("--") => Ok(Some(v)),
                    _ => Err(Failure::usage(format!("{name} needs a value"))),
                };
            }
            if let Some(v) = item.strip_prefix(&prefix) {
                self.items[i] = None;
                return Ok(Some(v.to_string()));
            }
        }
        Ok(None)
    }

    /// The named options that were given, in the order listed.
    fn values(&mut self, names: &[&str]) -> Result<Vec<(String, String)>, Failure> {
        let mut found = Vec::new();
        for name in names {
            if let Some(value) = self.value(name)? {
                found.push((name.to_string(), value));
            }
        }
        Ok(found)
    }

    fn required_value(&mut self, name: &str) -> Result<String, Failure> {
        self.value(name)?.ok_or_else(|| Failure::usage(format!("{name} is required")))
    }

    fn take_positionals(&mut self) -> Vec<String> {
        let mut found = Vec::new();
        for item in &mut self.items {
            if item.as_deref().is_some_and(|s| !s.starts_with("--")) {
                found.extend(item.take());
            }
        }
        found
    }

    fn one_positional(&mut self, what: &str) -> Result<PathBuf, Failure> {
        let [only] = self.positionals::<1>(what)?;
        Ok(only)
    }

    fn positionals<const N: usize>(&mut self, what: &str) -> Result<[PathBuf; N], Failure> {
        let found = self.take_positionals();
        let count = found.len();
        let paths: Vec<PathBuf> = found.into_iter().map(PathBuf::from).collect();
        paths.try_into().map_err(|_| Failure::usage(format!("expected {what}, got {count} file argument(s)")))
    }

    fn finish(self) -> Result<(), Failure> {
        match self.items.into_iter().flatten().next() {
            Some(unknown) => Err(Failure::usage(format!("unknown option `{unknown}`"))),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_compare_in_any_order() {
        let parsed = parse(&argv("compare a.json --json --data d.csv b.json")).unwrap();
        assert_eq!(
            parsed,
            Command::Compare {
                data: "d.csv".into(),
                a: "a.json".into(),
                b: "b.json".into(),
                settings: None,
                json: true
            }
        );
    }

    #[test]
    fn rejects_unknown_and_incomplete_input() {
        assert_eq!(parse(&argv("frobnicate")).unwrap_err().exit_code, 2);
        assert!(parse(&argv("run --data")).unwrap_err().message.contains("--data needs a value"));
        assert!(parse(&argv("compare --data d.csv a.json")).unwrap_err().message.contains("got 1"));
        assert!(parse(&argv("sample --customers many")).unwrap_err().message.contains("whole number"));
        assert!(parse(&argv("inspect f.csv --verbose")).unwrap_err().message.contains("--verbose"));
    }

    #[test]
    fn inspect_flags() {
        let parsed = parse(&argv("inspect --no-header --delimiter=tab f.txt --records")).unwrap();
        assert_eq!(
            parsed,
            Command::Inspect {
                file: "f.txt".into(),
                json: false,
                records: true,
                read: ReadFlags {
                    delimiter: Some("tab".into()),
                    has_header: Some(false),
                    encoding: None,
                    date_order: None,
                    decimal: None,
                    sheet: None,
                    skip_lines: None,
                },
            }
        );
        let Command::Inspect { read, .. } = parse(&argv("inspect book.xlsx --sheet 订单 --skip-lines 2")).unwrap()
        else {
            panic!("not inspect")
        };
        assert_eq!((read.sheet.as_deref(), read.skip_lines), (Some("订单"), Some(2)));
        assert!(parse(&argv("inspect f.csv --skip-lines two")).unwrap_err().message.contains("whole number"));
    }
}
