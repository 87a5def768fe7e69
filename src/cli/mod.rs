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

use std::collections::HashSet;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::iter::{IntoParallelIterator, ParallelIterator};

use crate::error::{Error, Location};
use crate::spill::{Spill, for_each_batch, for_each_group};
use crate::{Article, Claim, Origin, extract::extract_claims, ingest, store};

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
    /// Exit with status 1 when any input (a file, a JSONL line, a WARC record)
    /// had to be skipped; the outputs are written all the same. Without it, bad
    /// inputs are named on stderr and the exit status is 0.
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

/// An article read from the inputs, and its claims.
pub(crate) struct ArticleRead {
    /// Its place in input order, counting every article read.
    pub reading: u64,
    /// The number of the file it came from, in [`Inputs::files`], and where
    /// in it the article starts.
    pub file: u32,
    pub origin: Origin,
    pub id: String,
    pub claims: Vec<Claim>,
}

/// What reading a batch of inputs gave, besides the articles.
pub(crate) struct Inputs {
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    /// How many inputs (files, lines, records) were skipped as bad.
    pub skipped: usize,
}

/// Says how many web-archive pages were passed over for having no article
/// text (index and gallery pages: not an error, but the pages read should add
/// up).
fn report_pages_without_text(n: usize) {
    if n > 0 {
        let s = if n == 1 { "" } else { "s" };
        eprintln!("econtrack: passed over {n} web archive page{s} with no article text (index or gallery pages)");
    }
}

/// Claims per batch when a claims table is written from a spill: one Parquet
/// row group each.
pub(crate) const WRITE_BATCH: usize = 8192;

/// One input item's outcome.
enum Outcome {
    Read { file: usize, origin: Origin, id: String, claims: Vec<Claim> },
    Skipped(Error),
}

/// Articles handed to the threads at a time, and the most text they may hold.
const CHUNK_ARTICLES: usize = 512;
const CHUNK_BYTES: usize = 32 << 20;

/// Reads `inputs` and extracts claims, in parallel over articles, handing
/// each article read to `sink` in input order.
///
/// One thread reads the files one after another and streams their articles
/// in chunks; the chunks are extracted on all cores while the next is read.
/// Only a chunk or two of texts is ever held, and the claims go to `sink`, so
/// memory does not grow with the input. The output and the messages on stderr
/// do not depend on the scheduling. Each skipped input gets one line on
/// stderr. Article ids are not checked here: see [`report_repeats`]. An error
/// from `sink` stops the job.
pub(crate) fn extract_inputs(
    inputs: &[PathBuf],
    mut sink: impl FnMut(ArticleRead) -> Result<(), Error>,
) -> Result<Inputs, Error> {
    let (files, list_errors) = ingest::list_files(inputs);
    let mut skipped = 0;
    let mut skip = |e: &dyn std::fmt::Display| {
        eprintln!("econtrack: skipped {e}");
        skipped += 1;
    };
    for e in &list_errors {
        skip(e);
    }
    let progress = Progress::new(&files);
    let without_text = Arc::new(AtomicUsize::new(0));
    let mut reading = 0;
    let result = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Result<Article, Error>)>>(1);
        let (files, bar, without_text) = (&files, progress.bar.clone(), &without_text);
        scope.spawn(move || {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            for item in articles_of(files, &bar, without_text) {
                bytes += item.1.as_ref().map_or(0, |a| a.text.len());
                chunk.push(item);
                if chunk.len() == CHUNK_ARTICLES || bytes >= CHUNK_BYTES {
                    if tx.send(std::mem::take(&mut chunk)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !chunk.is_empty() {
                let _ = tx.send(chunk);
            }
        });
        for chunk in rx {
            let outcomes: Vec<Outcome> = chunk
                .into_par_iter()
                .map(|(file, item)| match item {
                    Ok(article) => {
                        Outcome::Read { file, origin: article.origin, claims: extract_claims(&article), id: article.id }
                    }
                    Err(e) => Outcome::Skipped(e),
                })
                .collect();
            for outcome in outcomes {
                match outcome {
                    Outcome::Skipped(e) => skip(&e),
                    Outcome::Read { file, origin, id, claims } => {
                        sink(ArticleRead { reading, file: file as u32, origin, id, claims })?;
                        reading += 1;
                    }
                }
            }
        }
        Ok(())
    });
    progress.bar.finish_and_clear();
    result?;
    report_pages_without_text(without_text.load(Ordering::Relaxed));
    Ok(Inputs { files, skipped })
}

/// Says on stderr that each repeated article id was skipped, naming both
/// places (file, and line or byte), in the order of the skipped readings;
/// returns how many were.
pub(crate) fn report_repeats(files: &[PathBuf], mut repeats: Vec<store::Repeat>) -> usize {
    repeats.sort_by_key(|r| (r.file, r.origin));
    for r in &repeats {
        eprintln!(
            "econtrack: skipped {}: article id {:?} was already read from {}, expected ids to be unique (give one an `id`)",
            Location::of_article(&files[r.file as usize], r.origin),
            r.article,
            Location::of_article(&files[r.first_file as usize], r.first_origin)
        );
    }
    repeats.len()
}

/// What [`extract_in_input_order`] gave.
pub(crate) struct Extracted {
    /// Articles read, each id once, including those that gave no claim.
    pub articles: u64,
    pub claims: usize,
    /// Inputs skipped: bad ones, and articles repeating an id read before.
    pub skipped: usize,
}

/// Reads and extracts `inputs` like [`extract_inputs`] and hands the claims to
/// `each` in input order, a batch at a time, once every input has been read:
/// an article whose id was already read is skipped, so no claim is kept
/// twice. The articles' ids and claims wait in spill files in `dir`, so
/// memory does not grow with the input.
pub(crate) fn extract_in_input_order(
    inputs: &[PathBuf],
    dir: &Path,
    mut each: impl FnMut(&[Claim]) -> Result<(), Error>,
) -> Result<Extracted, Error> {
    let mut ids = Spill::create(dir, "articles-spill", |r: &(String, u64, u32, Origin)| r.0.clone())?;
    let mut claims = Spill::create(dir, "claims-spill", |c: &(u64, Claim)| c.0)?;
    let read = extract_inputs(inputs, |a| {
        ids.push(&(a.id, a.reading, a.file, a.origin))?;
        a.claims.into_iter().try_for_each(|c| claims.push(&(a.reading, c)))
    })?;
    let readings = ids.len() as u64;
    // Each id's readings come together, in input order: the first counts.
    let (mut repeats, mut dropped) = (Vec::new(), HashSet::new());
    for_each_group(ids.into_sorted()?, |a, b| a.0 == b.0, |group| {
        for (article, reading, file, origin) in &group[1..] {
            let (first_file, first_origin) = (group[0].2, group[0].3);
            repeats.push(store::Repeat { article: article.clone(), file: *file, origin: *origin, first_file, first_origin });
            dropped.insert(*reading);
        }
        Ok(())
    })?;
    let skipped = read.skipped + report_repeats(&read.files, repeats);
    let mut kept = 0;
    let claims = claims.into_sorted()?.filter(|c| !c.as_ref().is_ok_and(|(r, _)| dropped.contains(r)));
    for_each_batch(claims.map(|c| c.map(|(_, c)| c)), WRITE_BATCH, |batch| {
        kept += batch.len();
        each(batch)
    })?;
    Ok(Extracted { articles: readings - dropped.len() as u64, claims: kept, skipped })
}

/// The articles of `files` in order, each with its file's number. The bar
/// moves by each article's text as it is handed out, and by the rest of the
/// file (markup, JSON) once its last article is out.
fn articles_of<'a>(
    files: &'a [PathBuf],
    bar: &'a ProgressBar,
    without_text: &'a Arc<AtomicUsize>,
) -> impl Iterator<Item = (usize, Result<Article, Error>)> + 'a {
    files.iter().enumerate().flat_map(move |(file, path)| {
        let size = fs::metadata(path).map_or(0, |m| m.len());
        let counted = Arc::new(AtomicU64::new(0));
        let (bar_item, counted_end) = (bar.clone(), counted.clone());
        ingest::read_file_counting(path, without_text)
            .map(move |item| {
                if let Ok(article) = &item {
                    let before = counted.fetch_add(article.text.len() as u64, Ordering::Relaxed);
                    bar_item.inc((article.text.len() as u64).min(size.saturating_sub(before)));
                }
                (file, item)
            })
            .chain(
                std::iter::once_with(move || {
                    bar.inc(size.saturating_sub(counted_end.load(Ordering::Relaxed)));
                    None
                })
                .flatten(),
            )
    })
}

/// A progress bar on stderr for long jobs, hidden when stderr is not a
/// terminal or the input is small.
struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// Inputs above this many bytes get a bar.
    const MIN_BYTES: u64 = 16 * 1024 * 1024;

    fn new(files: &[PathBuf]) -> Progress {
        let total: u64 = files.iter().filter_map(|f| fs::metadata(f).ok()).map(|m| m.len()).sum();
        if total < Self::MIN_BYTES || !std::io::stderr().is_terminal() {
            return Progress { bar: ProgressBar::hidden() };
        }
        let bar = ProgressBar::new(total);
        let style = ProgressStyle::with_template("{spinner} reading {bytes}/{total_bytes} {wide_bar} {bytes_per_sec}, eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar }
    }
}

/// The closing line about skipped inputs, and the exit code `--strict` asks for.
pub(crate) fn finish(skipped: usize, strict: bool) -> ExitCode {
    if skipped > 0 {
        let s = if skipped == 1 { "" } else { "s" };
        let outcome = if strict { "failing because of --strict" } else { "everything else was read (--strict makes this an error)" };
        eprintln!("econtrack: {skipped} input{s} skipped, each named above; {outcome}");
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
