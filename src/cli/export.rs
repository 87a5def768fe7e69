//! `econtrack export CLAIMS -o DIR [--excel]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::export::write_table_pair;
use crate::{series, table};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A claims table (.csv, .parquet or .jsonl).
    pub claims: PathBuf,
    /// Folder for claims, series, targets and progress (CSV and Parquet).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Start each CSV with a byte-order mark so Excel reads it as UTF-8.
    #[arg(long)]
    pub excel: bool,
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let claims = super::read_claims(&args.claims)?;
    let tracks = series::tracks(&claims);
    let df = table::claims_frame(&claims)?;
    write_table_pair(&args.output, "claims", &df, args.excel)?;
    super::series::write_series_tables(&args.output, &claims, &tracks, args.excel)?;
    Ok(ExitCode::SUCCESS)
}
