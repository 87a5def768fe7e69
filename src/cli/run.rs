//! `econtrack run`: the main job over the sample in `data/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::InputArgs;
use crate::chart::{OVERVIEW_STEM, Overview, money_label, stage_charts};
use crate::commit::{OutputLock, Staging};
use crate::export::ClaimsWriter;
use crate::series::{SeriesSpill, Track};
use crate::store::Entry;
use crate::{Claim, Indicator, store};

/// The store of record in the output folder ([`crate::store`]).
pub const STORE: &str = "claims.parquet";

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Folder of articles (.txt, .md, .jsonl, .html, .warc, .warc.gz), read recursively.
    #[arg(long, default_value = "data/articles")]
    pub articles: PathBuf,
    /// Folder for claims, series, targets and progress tables.
    #[arg(long, default_value = "data")]
    pub out: PathBuf,
    /// Folder for the charts.
    #[arg(long, default_value = "charts")]
    pub charts: PathBuf,
    /// Start from an empty store: drop the stored claims of articles that are
    /// not in --articles any more (by default they are kept).
    #[arg(long)]
    pub rebuild: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    if !args.articles.is_dir() {
        anyhow::bail!(
            "{}: no such folder, expected a folder of articles (pass --articles DIR)",
            args.articles.display()
        );
    }
    let store_path = args.out.join(STORE);
    // One run at a time on a store: a second one would keep only its own half.
    let _lock = OutputLock::acquire(&args.out, || {
        eprintln!("econtrack: another run is writing to {}; waiting for it to finish", args.out.display())
    })?;
    // Every table and chart is put in place at the end, together; a run
    // killed while doing so is finished here, before anything is read.
    let mut staging = Staging::new(&args.out)?;
    store::remove_stale_temp_files(&args.out);
    store::remove_stale_temp_files(&args.charts);
    // Claims wait on disk, sorted into the store's order, until the tables
    // are written: stored ones first, then this run's with its articles' ids.
    let mut spill = store::claim_spill(&args.out)?;
    // Read the store first: a store that cannot be read stops the run before
    // anything is written, so nothing stored is lost.
    if !args.rebuild {
        store::load_into(&store_path, &mut spill).with_context(|| {
            format!("reading the claims store; move {} away or pass --rebuild to start afresh", store_path.display())
        })?;
    }
    let read = super::extract_inputs(std::slice::from_ref(&args.articles), |a| {
        spill.push(&Entry::Read { article: a.id, reading: a.reading, file: a.file, origin: a.origin })?;
        a.claims.into_iter().try_for_each(|claim| spill.push(&Entry::Fresh { reading: a.reading, claim }))
    })?;
    // The store of record and its CSV twin in one pass over the merged
    // claims; the series read part of them, one series at a time.
    let mut stored = ClaimsWriter::create(&store_path, false)?;
    let mut csv = ClaimsWriter::create(&args.out.join("claims.csv"), false)?;
    let mut series = SeriesSpill::create(&args.out)?;
    let mut batch = Vec::with_capacity(super::WRITE_BATCH);
    let mut n_claims = 0;
    let mut write = |batch: &mut Vec<Claim>| -> Result<(), crate::error::Error> {
        stored.write(batch)?;
        csv.write(batch)?;
        batch.iter().try_for_each(|c| series.push(c))?;
        n_claims += batch.len();
        batch.clear();
        Ok(())
    };
    let (merged, repeats) = store::merge(spill.into_sorted()?, |claim| {
        batch.push(claim);
        if batch.len() == super::WRITE_BATCH { write(&mut batch) } else { Ok(()) }
    })?;
    write(&mut batch)?;
    let store_bytes = stored.stage(&mut staging)?;
    store::stage_digest(&store_path, &store_bytes, &mut staging)?;
    csv.stage(&mut staging)?;
    let skipped = read.skipped + super::report_repeats(&read.files, repeats);
    // Each track's charts are drawn as soon as it is built; the overview keeps
    // only what its panels draw.
    fs::create_dir_all(&args.charts).with_context(|| format!("creating {}", args.charts.display()))?;
    let mut charts = Vec::new();
    let mut overview = Overview::create(&args.out)?;
    let observations = series.finish(|track| {
        charts.extend(stage_charts(&track, &args.charts, &mut staging)?);
        overview.push(track)
    })?;
    super::series::write_series_tables(&args.out, &observations, overview.tracks(), false, &mut staging)?;
    drop(observations);
    // The overview is drawn even with no track, saying so, so the folder never
    // keeps one from an earlier run that shows targets no longer tracked.
    let (written, tracks) = overview.write(&args.charts, &mut staging)?;
    charts.extend(written);
    staging.commit()?;
    remove_stale_charts(&args.charts, &charts);
    eprintln!(
        "econtrack: {} articles read ({} replacing their stored claims, {} with none stored), {} others kept from the store; {} claims, {} tracked targets -> {}, {}",
        merged.replaced + merged.added,
        merged.replaced,
        merged.added,
        merged.kept,
        n_claims,
        tracks.len(),
        args.out.display(),
        args.charts.display()
    );
    print!("{}", summary(&tracks));
    Ok(super::finish(skipped, args.input.strict))
}

/// Removes charts a previous run drew for pairs that are no longer tracked, so
/// the folder matches the tables. Only files named like our charts are touched
/// (`<indicator>_<pair>` and the overview, as .png or .svg), and never one
/// written by this run.
fn remove_stale_charts(dir: &Path, written: &[PathBuf]) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(stem) = name.strip_suffix(".png").or_else(|| name.strip_suffix(".svg")) else { continue };
        let ours = stem == OVERVIEW_STEM
            || Indicator::ALL.iter().any(|i| stem.starts_with(&format!("{}_", i.as_str())));
        if ours && !written.contains(&path) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// One line per tracked target: pair, indicator, latest, target, progress, status.
pub(crate) fn summary(tracks: &[Track]) -> String {
    let mut rows = vec![[
        "pair".to_string(), "indicator".into(), "latest".into(), "target".into(), "progress".into(), "status".into(),
    ]];
    for t in tracks {
        let p = &t.progress;
        // The latest full year; a newer "as of" figure follows it in brackets.
        let mut latest = match (&p.latest, &p.latest_label) {
            (Some((_, v)), Some(label)) => format!("{} ({label})", money_label(*v, &t.unit)),
            _ => "-".into(),
        };
        if let Some((d, v)) = p.latest_as_of {
            latest.push_str(&format!(" [{} as of {d}]", money_label(v, &t.unit)));
        }
        let deadline = p.target.deadline.map_or(String::new(), |d| format!(" by {d}"));
        rows.push([
            t.pair(),
            t.indicator.as_str().into(),
            latest,
            format!("{}{deadline}", money_label(p.target.value, &t.unit)),
            p.ratio.map_or("-".into(), |r| format!("{:.0}%", r * 100.0)),
            p.status.as_str().into(),
        ]);
    }
    let widths: Vec<usize> = (0..6).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_cleanup_keeps_this_runs_charts_and_the_overview_and_nothing_else_of_ours() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "trade_turnover_KAZ-KGZ.png", "trade_turnover_KAZ-KGZ.svg", // written now
            "trade_turnover_KAZ-CHN.png", "exports_KAZ-RUS.svg",        // pairs no longer tracked
            "overview.png", "overview.svg",                            // written now
            "notes.png", "overview.txt", "trade_turnover_KAZ-UZB.csv",  // not ours
        ];
        for n in names {
            fs::write(dir.path().join(n), b"x").unwrap();
        }
        let written: Vec<PathBuf> = names[..2].iter().chain(&names[4..6]).map(|n| dir.path().join(n)).collect();
        remove_stale_charts(dir.path(), &written);
        let mut left: Vec<String> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(
            left,
            ["notes.png", "overview.png", "overview.svg", "overview.txt", "trade_turnover_KAZ-KGZ.png",
             "trade_turnover_KAZ-KGZ.svg", "trade_turnover_KAZ-UZB.csv"]
        );
        // An overview this run did not write is stale too.
        remove_stale_charts(dir.path(), &written[..2]);
        assert!(!dir.path().join("overview.png").exists() && !dir.path().join("overview.svg").exists());
    }
}
