//! `tierlab`: the command-line tool over the same engine the page runs, for automation, big files
//! and checks. Every failure prints one line saying what is wrong and exits non-zero (2 for wrong
//! usage, 1 for bad input or data).
//!
//! `args` declares the command line; one module per command group does the work (`data`,
//! `scenarios`, `modelling`, `simulation`, `members`, `decision`) with the shared file and output helpers of `files`.

#[cfg(not(target_arch = "wasm32"))]
mod arg_values;
#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod data;
#[cfg(not(target_arch = "wasm32"))]
mod decision;
#[cfg(not(target_arch = "wasm32"))]
mod failure;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod members;
#[cfg(not(target_arch = "wasm32"))]
mod modelling;
#[cfg(not(target_arch = "wasm32"))]
mod scenarios;
#[cfg(not(target_arch = "wasm32"))]
mod simulation;
#[cfg(not(target_arch = "wasm32"))]
mod text_output;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;

    let outcome = match args::Cli::try_parse() {
        Ok(cli) => run(cli.command),
        // Help goes to stdout with status 0.
        Err(help) if !help.use_stderr() => help.exit(),
        Err(wrong) => Err(failure::Failure::from_clap(&wrong)),
    };
    if let Err(failure) = outcome {
        eprintln!("tierlab: {failure}");
        std::process::exit(failure.exit_code());
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run(command: args::Command) -> Result<(), failure::Failure> {
    use args::Command;
    match command {
        Command::Inspect(args) => data::inspect(&args),
        Command::Features(args) => data::features(&args),
        Command::Sample(args) => data::sample(&args),
        Command::Run(args) => scenarios::run(&args),
        Command::Compare(args) => scenarios::compare_scenarios(&args),
        Command::Explain(args) => scenarios::explain_customer(&args),
        Command::ScenarioUpgrade { file } => scenarios::upgrade(&file),
        Command::ScenarioTemplate { b } => scenarios::template(b),
        Command::Clv(args) => modelling::clv(&args),
        Command::Train(args) => modelling::train(&args),
        Command::Segments(args) => modelling::segments(&args),
        Command::Simulate(args) => simulation::run_simulation(&args),
        Command::Backtest(args) => simulation::run_backtest(&args),
        Command::SampleRatio { count_a, count_b, share_a, json } => {
            simulation::sample_ratio(count_a, count_b, share_a, json)
        }
        Command::Members(args) => members::members(&args),
        Command::Risk(args) => members::risk(&args),
        Command::Optimise(args) => decision::optimise(&args),
        Command::Recommend(args) => decision::recommend(&args),
        Command::Affinity(args) => decision::affinity(&args),
    }
}

// The CLI is native only; trunk and wasm tests still compile every binary of the package.
#[cfg(target_arch = "wasm32")]
fn main() {}
