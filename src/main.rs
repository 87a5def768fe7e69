//! The `econtrack` binary: parse the command line, run it, pick the exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc in place of the system allocator: extraction makes many small,
/// short-lived allocations (words, tokens, claims), and glibc's malloc and
/// free were a tenth of its instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
