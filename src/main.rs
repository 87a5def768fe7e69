//! The `econtrack` binary: parse the command line, run it, pick the exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = econtrack::cli::Cli::parse();
    match econtrack::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("econtrack: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, each cause said once: our errors
/// already quote the system's words ("Read-only file system (os error 30)").
fn message(err: &anyhow::Error) -> String {
    let mut line = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line
}
