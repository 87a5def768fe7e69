//! `econtrack export CLAIMS -o DIR [--excel] [--wide]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::commit::Staging;
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
    /// Also write wide.csv and wide.parquet: one row per (indicator, country,
    /// partner, kind, measure, unit), one column per period, each cell the median
    /// of the claims in it.
    ///
    /// A claim goes under its period (`2023`, `2024-H1`, `2024-01/2024-09`), or,
    /// when it has none, under `as of YYYY-MM-DD`, its publication date; so targets
    /// and forecasts sit under the date they were stated (their deadlines are in
    /// targets.csv). Claims with neither a period nor a date are left out. Columns
    /// run in order of the date each period ends; rows by indicator, country, partner,
    /// kind, measure and unit; a trade_turnover pair is put in code order (KAZ-KGZ and KGZ-KAZ share a row).
    #[arg(long)]
    pub wide: bool,
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let claims = super::read_claims(&args.claims)?;
    let tracks = series::tracks(&claims);
    let df = table::claims_frame(&claims)?;
    // Every table is written before any is put in place: all new or all old.
    let mut staging = Staging::new(&args.output)?;
    write_table_pair(&args.output, "claims", &df, args.excel, &mut staging)?;
    let observations = crate::series::observations(&claims);
    super::series::write_series_tables(&args.output, &observations, &tracks, args.excel, &mut staging)?;
    if args.wide {
        write_table_pair(&args.output, "wide", &table::wide_frame(&claims)?, args.excel, &mut staging)?;
    }
    staging.commit()?;
    Ok(ExitCode::SUCCESS)
}
