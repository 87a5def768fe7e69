//! `econtrack chart CLAIMS -o DIR [--indicator I] [--pair A-B]`: one chart per
//! tracked target, and the overview of all of them when no filter is given.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::commit::Staging;
use crate::{Indicator, series};

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// A claims table (.csv, .parquet or .jsonl).
    pub claims: PathBuf,
    /// Folder for the charts.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Only this indicator (trade_turnover, exports, imports, investment, gdp, other).
    #[arg(long)]
    pub indicator: Option<Indicator>,
    /// Only this pair, e.g. KAZ-KGZ (either order for trade_turnover).
    #[arg(long)]
    pub pair: Option<String>,
}

pub fn run(args: &ChartArgs) -> anyhow::Result<ExitCode> {
    let claims = super::read_claims(&args.claims)?;
    let wanted = |t: &series::Track| {
        let pair_ok = args.pair.as_deref().is_none_or(|p| {
            let reversed = t.partner.as_ref().map(|q| format!("{q}-{}", t.country));
            p.eq_ignore_ascii_case(&t.pair()) || t.indicator == Indicator::TradeTurnover && reversed.is_some_and(|r| p.eq_ignore_ascii_case(&r))
        });
        args.indicator.is_none_or(|i| i == t.indicator) && pair_ok
    };
    let tracks: Vec<_> = series::tracks(&claims).into_iter().filter(wanted).collect();
    if tracks.is_empty() {
        anyhow::bail!("no tracked target matches, so there is nothing to chart (a chart needs a target claim with a publication date)");
    }
    std::fs::create_dir_all(&args.output).with_context(|| format!("creating {}", args.output.display()))?;
    let mut staging = Staging::new(&args.output)?;
    let mut written = Vec::new();
    for track in &tracks {
        written.extend(crate::chart::stage_charts(track, &args.output, &mut staging)?);
    }
    // The overview shows every tracked target, so only an unfiltered run draws it.
    if args.pair.is_none() && args.indicator.is_none() {
        written.extend(crate::chart::stage_overview(&tracks, &args.output, &mut staging)?);
    }
    staging.commit()?;
    for path in written {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
