//! Integration tests, one binary (each test binary links polars again).

mod cli;
mod corpus;
mod export;
mod hostile;
mod ingest;
mod peer_specs;
mod sample;
mod store;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `data/` and `tests/fixtures/` live.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

/// Runs the econtrack binary with `args` in `cwd`.
pub fn econtrack(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_econtrack"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the econtrack binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
