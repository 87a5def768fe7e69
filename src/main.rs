//! The `econtrack` binary: parse the command line, run it, pick the exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = econtrack::cli::Cli::parse();
    match econtrack::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("econtrack: {err:#}");
            ExitCode::from(2)
        }
    }
}
