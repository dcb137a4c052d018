//! `tierlab`: the command-line tool over the same engine the page runs, for automation, big files
//! and checks. Every failure prints one line saying what is wrong and exits non-zero.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod members;
#[cfg(not(target_arch = "wasm32"))]
mod modelling;
#[cfg(not(target_arch = "wasm32"))]
mod options;
#[cfg(not(target_arch = "wasm32"))]
mod simulation;
#[cfg(not(target_arch = "wasm32"))]
mod text_output;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let outcome = args::parse(&argv).and_then(|command| commands::run(command));
    match outcome {
        Ok(()) => {}
        Err(failure) => {
            eprintln!("tierlab: {}", failure.message);
            std::process::exit(failure.exit_code);
        }
    }
}

// The CLI is native only; trunk and wasm tests still compile every binary of the package.
#[cfg(target_arch = "wasm32")]
fn main() {}
