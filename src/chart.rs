//! Chart: placeholder until the chart module lands.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::series::Track;

pub fn write_charts(track: &Track, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let _ = (track, dir);
    Ok(Vec::new())
}

pub fn money_label(value: f64, unit: &str) -> String {
    format!("{value} {unit}")
}
