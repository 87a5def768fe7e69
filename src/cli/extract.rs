//! `econtrack extract INPUT... -o FILE`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::InputArgs;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files (.txt, .md, .jsonl, .html, .warc, .warc.gz) and folders, read recursively.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The claims table to write: .csv, .parquet or .jsonl.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Write CSV with a byte-order mark, for Excel.
    #[arg(long)]
    pub excel: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    crate::export::Format::from_path(&args.output).map_err(anyhow::Error::msg)?;
    let extracted = super::extract_inputs(&args.inputs);
    crate::export::write_claims(&args.output, &extracted.claims, args.excel)?;
    eprintln!(
        "econtrack: {} claims from {} articles -> {}",
        extracted.claims.len(),
        extracted.articles,
        args.output.display()
    );
    Ok(super::finish(extracted.skipped, args.input.strict))
}
