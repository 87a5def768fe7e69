//! `econtrack extract INPUT... -o FILE`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::InputArgs;
use crate::export::ClaimsWriter;

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
    if args.inputs.iter().any(|input| same_file(input, &args.output)) {
        anyhow::bail!(
            "{}: is one of the inputs; writing the claims there would overwrite its articles, expected another -o",
            args.output.display()
        );
    }
    // Claims wait on disk beside the output until it is written, in input order.
    let dir = args.output.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut output = ClaimsWriter::create(&args.output, args.excel)?;
    let extracted = super::extract_in_input_order(&args.inputs, dir, |batch| output.write(batch))?;
    output.commit()?;
    eprintln!(
        "econtrack: {} claims from {} articles -> {}",
        extracted.claims,
        extracted.articles,
        args.output.display()
    );
    Ok(super::finish(extracted.skipped, args.input.strict))
}

/// Whether two paths name one existing file (through links and `..`).
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}
