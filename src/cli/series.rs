//! `econtrack series CLAIMS -o DIR`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::commit::Staging;
use crate::error::Error;
use crate::{series, table};

#[derive(Debug, Args)]
pub struct SeriesArgs {
    /// A claims table (.csv, .parquet or .jsonl).
    pub claims: PathBuf,
    /// Folder for series, targets and progress tables (CSV and Parquet).
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: &SeriesArgs) -> anyhow::Result<ExitCode> {
    let claims = super::read_claims(&args.claims)?;
    let tracks = series::tracks(&claims);
    let mut staging = Staging::new(&args.output)?;
    write_series_tables(&args.output, &series::observations(&claims), &tracks, false, &mut staging)?;
    staging.commit()?;
    Ok(ExitCode::SUCCESS)
}

fn table_err(context: &'static str) -> impl Fn(polars::error::PolarsError) -> Error {
    move |source| Error::Table { context: context.to_string(), source }
}

/// Writes series, targets and progress as CSV and Parquet into `dir`, put in
/// place by `staging`.
pub(crate) fn write_series_tables(
    dir: &Path,
    observations: &[series::ObservationRow],
    tracks: &[series::Track],
    excel: bool,
    staging: &mut Staging,
) -> Result<(), Error> {
    let frames = [
        ("series", table::series_frame(observations).map_err(table_err("building the series table"))?),
        ("targets", table::targets_frame(tracks).map_err(table_err("building the targets table"))?),
        ("progress", table::progress_frame(tracks).map_err(table_err("building the progress table"))?),
    ];
    for (stem, df) in &frames {
        crate::export::write_table_pair(dir, stem, df, excel, staging)?;
    }
    Ok(())
}
