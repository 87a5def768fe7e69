//! Series: claims in, observations, targets and progress out (DESIGN.md).
//!
//! Plain structs, so charts and tests need no polars; [`crate::table`] turns
//! them into frames for export.

use chrono::NaiveDate;

use crate::Indicator;

/// One reported figure placed on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcePoint {
    /// End of the period the figure refers to, or the publication date when it has none.
    pub date: NaiveDate,
    pub value: f64,
    /// The article the figure comes from.
    pub article_id: String,
    /// Its source label or URL.
    pub source: String,
}

/// A stated target level for one (indicator, pair, unit).
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub value: f64,
    /// The year by which it should be met, when stated.
    pub deadline: Option<i32>,
    pub first_stated: NaiveDate,
    pub last_stated: NaiveDate,
    /// How many articles state it.
    pub n_sources: usize,
    /// Replaced by a later, larger target for the same pair.
    pub superseded: bool,
}

/// Where one target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Achieved,
    OnTrack,
    Behind,
    NoDeadline,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on track",
            Status::Behind => "behind",
            Status::NoDeadline => "no deadline",
        }
    }
}

/// Progress of one (indicator, pair) toward its active target.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Latest actual level (series median) and the date it refers to.
    pub latest: Option<(NaiveDate, f64)>,
    /// Label of the latest figure's period (`2024`, or `as of 2026-02-13`).
    pub latest_label: Option<String>,
    /// The active target (the latest, largest one).
    pub target: Target,
    /// latest / target.
    pub ratio: Option<f64>,
    /// The latest actual known when the target was first stated.
    pub baseline: Option<f64>,
    /// Yearly growth (fraction, 0.07 = 7%) needed from `latest` to meet the target by its deadline.
    pub required_growth: Option<f64>,
    /// Yearly growth observed between the baseline and the latest figure.
    pub observed_growth: Option<f64>,
    pub status: Status,
}

/// Everything known about one (indicator, country pair, unit) that has a target:
/// what one chart draws and one progress row summarises.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    pub indicator: Indicator,
    pub country: String,
    pub partner: Option<String>,
    /// ISO 4217 code of the levels.
    pub unit: String,
    /// Every actual level from every source, oldest first.
    pub points: Vec<SourcePoint>,
    /// The series value (median of the sources) per date, oldest first.
    pub median: Vec<(NaiveDate, f64)>,
    /// Every target stated for this pair, oldest first; exactly one is not superseded.
    pub targets: Vec<Target>,
    pub progress: Progress,
}

impl Track {
    /// `KAZ-KGZ`, or the country alone when there is no partner.
    pub fn pair(&self) -> String {
        match &self.partner {
            Some(p) => format!("{}-{}", self.country, p),
            None => self.country.clone(),
        }
    }
}
