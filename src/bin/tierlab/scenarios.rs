//! `run`, `compare`, `explain` and the scenario files: one scenario, or several side by side, on the data.

use std::path::Path;

use tierlab::engine::compare::compare;
use tierlab::engine::evaluate::evaluate;
use tierlab::engine::explain::{explain, find_customer};
use tierlab::engine::progress::Silent;
use tierlab::engine::scenario::Scenario;
use tierlab::engine::simulate::scheme_letter;

use crate::args::{CompareArgs, ExplainArgs, RunArgs, COMPARED_SCENARIOS};
use crate::failure::Failure;
use crate::files::{in_file, print_json, read_scenario, write_stdout};
use crate::text_output;

pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let scenario = read_scenario(&args.scenario)?;
    let prepared = args.data.load()?;
    let evaluated = evaluate(&scenario, &prepared, &mut Silent).map_err(|e| in_file(&args.scenario, e))?;
    if args.json {
        print_json(&evaluated.outcome)
    } else {
        write_stdout(&text_output::scenario(&evaluated.outcome))
    }
}

/// `tierlab compare`: every scheme replayed on the history beside the reference (A unless
/// `--reference` says otherwise). Two files give one comparison, as always; more give one per
/// scheme other than the reference (JSON: `{"reference", "comparisons": [{"scheme", "comparison"}]}`).
pub fn compare_scenarios(args: &CompareArgs) -> Result<(), Failure> {
    let (schemes, reference) = args.schemes.read(&COMPARED_SCENARIOS)?;
    let prepared = args.data.load()?;
    let mut comparisons = Vec::with_capacity(schemes.len() - 1);
    for (i, scheme) in schemes.iter().enumerate().filter(|&(i, _)| i != reference) {
        let comparison = compare(&schemes[reference], scheme, &prepared, &mut Silent)
            .map_err(|(which, e)| in_file(&args.schemes.scenarios[if which == 'A' { reference } else { i }], e))?;
        comparisons.push((i, comparison));
    }
    if let [(_, only)] = comparisons.as_slice() {
        return if args.json { print_json(only) } else { write_stdout(&text_output::comparison(only)) };
    }
    if args.json {
        let listed: Vec<_> = comparisons
            .iter()
            .map(|(scheme, comparison)| serde_json::json!({ "scheme": scheme, "comparison": comparison }))
            .collect();
        return print_json(&serde_json::json!({ "reference": reference, "comparisons": listed }));
    }
    let mut text = String::new();
    for (scheme, comparison) in &comparisons {
        text.push_str(&format!(
            "=== {} ({}) against {} ({})\n",
            scheme_letter(*scheme),
            comparison.b.name,
            scheme_letter(reference),
            comparison.a.name
        ));
        text.push_str(&text_output::comparison(comparison));
        text.push('\n');
    }
    write_stdout(&text)
}

pub fn explain_customer(args: &ExplainArgs) -> Result<(), Failure> {
    let data = &args.data.data;
    let scenario = read_scenario(&args.scenario)?;
    let prepared = args.data.load()?;
    let customer = &args.customer;
    let index = find_customer(&prepared, customer)
        .ok_or_else(|| Failure::input(format!("{}: no customer with id {customer}", data.display())))?;
    let evaluated = evaluate(&scenario, &prepared, &mut Silent).map_err(|e| in_file(&args.scenario, e))?;
    let explanation = explain(&scenario, &prepared, &evaluated, index);
    if args.json {
        print_json(&explanation)
    } else {
        write_stdout(&text_output::explanation(&scenario, &explanation))
    }
}

/// A scenario file of any version, in the current format.
pub fn upgrade(file: &Path) -> Result<(), Failure> {
    write_stdout(&(read_scenario(file)?.to_json() + "\n"))
}

/// The page's default A, or its default B.
pub fn template(b: bool) -> Result<(), Failure> {
    let scenario = if b { Scenario::template_b() } else { Scenario::template() };
    write_stdout(&(scenario.to_json() + "\n"))
}
