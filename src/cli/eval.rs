//! `econtrack eval --gold GOLD.jsonl CLAIMS | --gold GOLD.jsonl --articles DIR`

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::eval::{parse_gold, score};

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("predicted").required(true).args(["claims", "articles"]))]
pub struct EvalArgs {
    /// Hand-made gold claims, one JSON line per article (GOLD-FORMAT.md).
    #[arg(long)]
    pub gold: PathBuf,
    /// A claims table to score (.csv, .parquet or .jsonl).
    pub claims: Option<PathBuf>,
    /// Extract claims from these articles first, then score them.
    #[arg(long)]
    pub articles: Option<PathBuf>,
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let text = fs::read_to_string(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let gold = parse_gold(&args.gold, &text)?;
    let claims = match (&args.claims, &args.articles) {
        (Some(path), _) => super::read_claims(path)?,
        (None, Some(dir)) => {
            let mut claims = Vec::new();
            // A gold set is small: its spill files can go to the temporary folder.
            super::extract_in_input_order(std::slice::from_ref(dir), &std::env::temp_dir(), |batch| {
                claims.extend_from_slice(batch);
                Ok(())
            })?;
            claims
        }
        (None, None) => unreachable!("clap requires one of CLAIMS and --articles"),
    };
    println!("{}", score(&gold, &claims));
    Ok(ExitCode::SUCCESS)
}
