//! The command line: clap definitions, and one file per subcommand.
//!
//! Only this module prints. Each subcommand returns an [`ExitCode`]; a bad
//! input file is reported on stderr and skipped, and the exit code says so only
//! under `--strict`.

mod chart;
mod eval;
mod export;
mod extract;
mod run;
mod series;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::{Claim, extract::extract_claims, ingest};

/// Pull numeric trade claims out of news articles and track progress toward targets.
#[derive(Debug, Parser)]
#[command(name = "econtrack", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: articles through every stage into tables, charts and a summary.
    Run(run::RunArgs),
    /// Extract claims from article files and folders into one claims table.
    Extract(extract::ExtractArgs),
    /// Build the series, targets and progress tables from a claims table.
    Series(series::SeriesArgs),
    /// Draw a progress chart (PNG and SVG) per tracked indicator and pair.
    Chart(chart::ChartArgs),
    /// Write every table as CSV and Parquet, optionally in Excel's flavour.
    Export(export::ExportArgs),
    /// Score claims against hand-made gold (precision, recall, F1).
    Eval(eval::EvalArgs),
}

/// Options shared by the commands that read articles.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Exit non-zero when any input file had to be skipped.
    #[arg(long)]
    pub strict: bool,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Series(args) => series::run(&args),
        Command::Chart(args) => chart::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Eval(args) => eval::run(&args),
    }
}

/// What reading and extracting a batch of inputs gave.
pub(crate) struct Extracted {
    pub articles: usize,
    pub claims: Vec<Claim>,
    pub skipped: usize,
}

/// Reads `inputs`, reports each skipped file on stderr, and extracts claims.
pub(crate) fn extract_inputs(inputs: &[PathBuf]) -> Extracted {
    let ingested = ingest::read_inputs(inputs);
    for e in &ingested.skipped {
        eprintln!("econtrack: skipped {e}");
    }
    let claims = ingested.articles.iter().flat_map(extract_claims).collect();
    Extracted { articles: ingested.articles.len(), claims, skipped: ingested.skipped.len() }
}

/// The closing line about skipped inputs, and the exit code `--strict` asks for.
pub(crate) fn finish(skipped: usize, strict: bool) -> ExitCode {
    if skipped > 0 {
        let s = if skipped == 1 { "" } else { "s" };
        eprintln!("econtrack: {skipped} input{s} skipped{}", if strict { " (--strict)" } else { "" });
        if strict {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Reads a claims table, with the path in the error.
pub(crate) fn read_claims(path: &Path) -> anyhow::Result<Vec<Claim>> {
    Ok(crate::export::read_claims(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
