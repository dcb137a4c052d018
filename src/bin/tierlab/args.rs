//! Command-line parsing (by hand: five subcommands do not earn a parser dependency).

use std::path::PathBuf;

pub const USAGE: &str = "\
usage: tierlab <command> [options]

commands:
  inspect FILE [--json] [--records] [--delimiter D] [--header|--no-header] [--encoding E]
        how TierLab reads FILE: encoding, delimiter, header, columns with types and roles,
        row count and the validation report. --records prints every record as a JSON object
        keyed by column name (values as in the file after unquoting), one per line.
  run --data FILE --scenario S.json [--settings L.json] [--json]
        score, tier and price one scenario on FILE.
  compare --data FILE A.json B.json [--settings L.json] [--json]
        scenarios A and B side by side: tiers, transitions, costs and differences.
  sample [--customers N] [--seed S] [--out FILE]
        write the embedded sample population (default 20000 customers, seed 42) as CSV.
  scenario-template
        print the default scenario JSON to start from.

D is one of comma, tab, semicolon, pipe, whitespace; E is utf8 or gb18030 (gbk).
L.json holds load settings (roles per column, missing-value and duplicate policies) as
exported by the page or printed by `inspect --json` under \"settings\".";

#[derive(Debug, PartialEq)]
pub enum Command {
    Inspect { file: PathBuf, json: bool, records: bool, read: ReadFlags },
    Run { data: PathBuf, scenario: PathBuf, settings: Option<PathBuf>, json: bool },
    Compare { data: PathBuf, a: PathBuf, b: PathBuf, settings: Option<PathBuf>, json: bool },
    Sample { customers: Option<usize>, seed: Option<u64>, out: Option<PathBuf> },
    ScenarioTemplate,
    Help,
}

#[derive(Debug, Default, PartialEq)]
pub struct ReadFlags {
    pub delimiter: Option<String>,
    pub has_header: Option<bool>,
    pub encoding: Option<String>,
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
        "sample" => {
            let customers = args.value("--customers")?.map(|v| number(&v, "--customers")).transpose()?;
            let seed = args.value("--seed")?.map(|v| number(&v, "--seed")).transpose()?;
            let out = args.value("--out")?.map(PathBuf::from);
            Command::Sample { customers, seed, out }
        }
        "scenario-template" => Command::ScenarioTemplate,
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
                read: ReadFlags { delimiter: Some("tab".into()), has_header: Some(false), encoding: None },
            }
        );
    }
}
