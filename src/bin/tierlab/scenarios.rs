//! `run`, `compare`, `explain` and the scenario files: one or two scenarios on the data.

use std::path::Path;

use tierlab::engine::compare::compare;
use tierlab::engine::evaluate::evaluate;
use tierlab::engine::explain::{explain, find_customer};
use tierlab::engine::progress::Silent;
use tierlab::engine::scenario::Scenario;

use crate::args::{CompareArgs, ExplainArgs, RunArgs};
use crate::failure::Failure;
use crate::files::{in_file, load_data, print_json, read_scenario, two_scenarios, write_stdout};
use crate::text_output;

pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let scenario = read_scenario(&args.scenario)?;
    let prepared = load_data(&args.data.data, args.data.settings.as_deref())?;
    let evaluated = evaluate(&scenario, &prepared, &mut Silent).map_err(|e| in_file(&args.scenario, e))?;
    if args.data.json {
        print_json(&evaluated.outcome)
    } else {
        write_stdout(&text_output::scenario(&evaluated.outcome))
    }
}

pub fn compare_scenarios(args: &CompareArgs) -> Result<(), Failure> {
    let (a_path, b_path) = two_scenarios(&args.scenarios)?;
    let a = read_scenario(a_path)?;
    let b = read_scenario(b_path)?;
    let prepared = load_data(&args.data.data, args.data.settings.as_deref())?;
    let comparison = compare(&a, &b, &prepared, &mut Silent)
        .map_err(|(which, e)| in_file(if which == 'A' { a_path } else { b_path }, e))?;
    if args.data.json {
        print_json(&comparison)
    } else {
        write_stdout(&text_output::comparison(&comparison))
    }
}

pub fn explain_customer(args: &ExplainArgs) -> Result<(), Failure> {
    let data = &args.data.data;
    let scenario = read_scenario(&args.scenario)?;
    let prepared = load_data(data, args.data.settings.as_deref())?;
    let customer = &args.customer;
    let index = find_customer(&prepared, customer)
        .ok_or_else(|| Failure::input(format!("{}: no customer with id {customer}", data.display())))?;
    let evaluated = evaluate(&scenario, &prepared, &mut Silent).map_err(|e| in_file(&args.scenario, e))?;
    let explanation = explain(&scenario, &prepared, &evaluated, index);
    if args.data.json {
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
