//! Series: claims in, observations, targets and progress out (DESIGN.md).
//!
//! - **Observations** are actual figures keyed by (indicator, pair, measure, unit,
//!   period); every source is kept, summarised by the median and flagged as a
//!   conflict when the sources differ by more than [`CONFLICT_SPREAD`]. A claim
//!   with no period is an "as of" observation at its publication date.
//! - **Periods** are of three sorts and never mixed: full calendar years (`2023`,
//!   or `2023-01/2023-12`), partial years (months, halves, quarters, year to date:
//!   kept in the observations table, left out of tracks) and "as of" figures
//!   (drawn, but never taken as the latest actual).
//! - **Targets** merge restatements, keep their first and last statement dates,
//!   and a later, larger target supersedes the earlier ones, which stay listed.
//! - **Progress** compares the latest *full-year* figure with the active target;
//!   see [`Progress`] and [`Status`] for the rules.
//!
//! Plain structs, so charts and tests need no polars; [`crate::table`] turns
//! them into frames for export.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::spill::{Spill, for_each_group};
use crate::{Claim, ClaimKind, Indicator, Measure};

/// One reported level placed on the time axis: a full-year or an "as of" figure.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcePoint {
    /// End of the period the figure refers to, or the publication date when it has none.
    pub date: NaiveDate,
    pub value: f64,
    /// The full year it covers (`2023`), or `None` for an "as of" figure.
    pub period: Option<String>,
    /// When the article was published, if known; the chart footnote spans these.
    pub published: Option<NaiveDate>,
    /// The article the figure comes from.
    pub article_id: String,
    /// Its source label or URL.
    pub source: String,
}

impl SourcePoint {
    /// An "as of" figure: no period, placed at its publication date.
    pub fn is_as_of(&self) -> bool {
        self.period.is_none()
    }
}

/// A stated target level for one (indicator, pair, unit).
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub value: f64,
    /// The year by which it should be met, when stated.
    pub deadline: Option<i32>,
    pub first_stated: NaiveDate,
    pub last_stated: NaiveDate,
    /// How many distinct articles state it.
    pub n_sources: usize,
    /// Those articles' ids, sorted.
    pub articles: Vec<String>,
    /// Replaced by a later, larger target for the same pair (or, for a later
    /// smaller one, never active): kept in the table, drawn faded.
    pub superseded: bool,
}

/// Where one target stands.
///
/// Decided in this order: `achieved` when the latest full-year figure reaches the
/// target; `no deadline` when none was stated; `on track` when the growth observed
/// over recent full years is at least the yearly growth still required; `behind`
/// otherwise. `behind` also covers the cases where on track cannot be shown (no
/// full-year figure, the deadline year already reported, or only one full year so
/// no observed growth): [`Progress::note`] then says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Achieved,
    OnTrack,
    Behind,
    NoDeadline,
}

impl Status {
    /// The word used in tables, the summary and charts.
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
    /// Latest full-year actual (series median) and the date it refers to
    /// (31 December). Never an "as of" or partial-year figure.
    pub latest: Option<(NaiveDate, f64)>,
    /// Label of the latest figure's period: the year, `2024`.
    pub latest_label: Option<String>,
    /// The most recent "as of" figure (median of its sources) when it is newer
    /// than `latest`: shown beside it, never used for the ratio or the status.
    pub latest_as_of: Option<(NaiveDate, f64)>,
    /// The active target (the latest, largest one).
    pub target: Target,
    /// latest / target.
    pub ratio: Option<f64>,
    /// The latest full-year figure known (published) when the active target's
    /// value was first stated, and its year.
    pub baseline: Option<f64>,
    pub baseline_year: Option<i32>,
    /// Yearly growth (fraction, 0.07 = 7%) needed from `latest` to meet the target
    /// by the end of its deadline year.
    pub required_growth: Option<f64>,
    /// Yearly growth observed from `observed_from` to the latest full year.
    pub observed_growth: Option<f64>,
    /// The full year observed growth is measured from: the earliest within
    /// [`RECENT_YEARS`] of the latest, else the nearest earlier one.
    pub observed_from: Option<i32>,
    pub status: Status,
    /// Why the status could not be decided on growth, when it could not.
    pub note: Option<String>,
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
    /// Every full-year and "as of" level from every source, oldest first.
    /// Partial-year figures are left out.
    pub points: Vec<SourcePoint>,
    /// The series value (median of the sources) per full year, at 31 December, oldest first.
    pub median: Vec<(NaiveDate, f64)>,
    /// The median of the sources per "as of" date, oldest first.
    pub as_of: Vec<(NaiveDate, f64)>,
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
/// One row of the series table: the sources for one (indicator, pair, measure,
/// unit, period) side by side, summarised by their median.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservationRow {
    pub indicator: Indicator,
    pub country: String,
    pub partner: Option<String>,
    pub measure: Measure,
    pub unit: String,
    /// `None` for "as of" observations, placed at their publication date.
    pub period: Option<String>,
    /// End of the period, or the publication date.
    pub date: NaiveDate,
    /// Median of the sources.
    pub value: f64,
    pub min: f64,
    pub max: f64,
    pub n_sources: usize,
    /// The sources differ by more than [`CONFLICT_SPREAD`].
    pub conflict: bool,
    /// The article ids behind the figure, `;`-separated.
    pub articles: String,
}

/// Sources that differ by more than this fraction are flagged as a conflict.
pub const CONFLICT_SPREAD: f64 = 0.05;

/// How far back "recent" full years reach when measuring observed growth.
pub const RECENT_YEARS: i32 = 3;

/// Two target values this close (relative) are the same target.
const SAME_VALUE: f64 = 0.005;

/// The key that groups claims into one series: indicator, pair, unit. The pair
/// of a trade_turnover claim is unordered, so it is put in code order.
type SeriesKey = (Indicator, String, Option<String>, String);

fn series_key(c: &(impl Figure + ?Sized)) -> SeriesKey {
    let (mut country, mut partner) = (c.country().to_string(), c.partner().map(str::to_string));
    if c.indicator() == Indicator::TradeTurnover
        && let Some(p) = &partner
        && *p < country
    {
        (country, partner) = (p.clone(), Some(country));
    }
    (c.indicator(), country, partner, c.unit().to_string())
}

/// The date a period ends: `2023` -> 2023-12-31, `2024-01/2024-09` -> 2024-09-30,
/// `2024-H1` -> 2024-06-30, `2024-Q1` -> 2024-03-31, `2024-08` -> 2024-08-31.
pub fn period_end(period: &str) -> Option<NaiveDate> {
    let last = period.rsplit('/').next()?;
    let (year, rest) = last.split_at_checked(4)?;
    let year: i32 = year.parse().ok()?;
    let month = match rest {
        "" => 12,
        "-H1" => 6,
        "-H2" => 12,
        r if r.starts_with("-Q") => r[2..].parse::<u32>().ok().filter(|q| (1..=4).contains(q))? * 3,
        r if r.starts_with('-') => r[1..].parse::<u32>().ok().filter(|m| (1..=12).contains(m))?,
        _ => return None,
    };
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    next.pred_opt()
}

/// The calendar year a period covers whole: `2023`, or `2023-01/2023-12`. Months,
/// halves (even H2 ends on 31 December), quarters, year-to-date ranges and
/// ranges across two years are not full years.
pub fn full_year(period: &str) -> Option<i32> {
    let year = |s: &str| (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten();
    match period.split_once('/') {
        None => year(period),
        Some((from, to)) => {
            let (y0, m0) = from.split_once('-')?;
            let (y1, m1) = to.split_once('-')?;
            (y0 == y1 && m0 == "01" && m1 == "12").then(|| year(y0)).flatten()
        }
    }
}

/// A period covering a whole calendar year (see [`full_year`]).
pub fn is_full_year(period: &str) -> bool {
    full_year(period).is_some()
}

/// One spelling per period, so `2023-01/2023-12` and `2023` share an observation.
fn canonical_period(period: &str) -> String {
    full_year(period).map_or_else(|| period.to_string(), |y| y.to_string())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 }
}

/// Groups actual claims into observations. A claim with no period and no
/// publication date cannot be placed in time and is left out.
pub fn observations<C: Figure>(claims: &[C]) -> Vec<ObservationRow> {
    let mut groups: BTreeMap<(SeriesKey, Measure, Option<String>, NaiveDate), Vec<&C>> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.kind() == ClaimKind::Actual) {
        let period = c.period().map(canonical_period);
        let date = match &period {
            Some(p) => period_end(p),
            None => c.published(),
        };
        if let Some(date) = date {
            groups.entry((series_key(c), c.measure(), period, date)).or_default().push(c);
        }
    }
    groups
        .into_iter()
        .map(|(((indicator, country, partner, unit), measure, period, date), cs)| {
            let mut values: Vec<f64> = cs.iter().map(|c| c.value()).collect();
            let value = median(&mut values);
            let (min, max) = (values[0], values[values.len() - 1]);
            let conflict = min > 0.0 && max / min - 1.0 > CONFLICT_SPREAD
                || min <= 0.0 && (max - min).abs() > CONFLICT_SPREAD * value.abs();
            let articles: BTreeSet<&str> = cs.iter().map(|c| c.article_id()).collect();
            ObservationRow {
                indicator, country, partner, measure, unit, period, date, value, min, max,
                n_sources: cs.len(),
                conflict,
                articles: articles.into_iter().collect::<Vec<_>>().join(";"),
            }
        })
        .collect()
}

/// What the series read of a claim. [`Claim`] gives it, and so does the
/// smaller [`SeriesClaim`] that a long run spills instead of whole claims.
pub trait Figure {
    fn indicator(&self) -> Indicator;
    fn country(&self) -> &str;
    fn partner(&self) -> Option<&str>;
    fn unit(&self) -> &str;
    fn kind(&self) -> ClaimKind;
    fn measure(&self) -> Measure;
    fn value(&self) -> f64;
    fn period(&self) -> Option<&str>;
    fn deadline(&self) -> Option<&str>;
    fn published(&self) -> Option<NaiveDate>;
    fn article_id(&self) -> &str;
    fn source(&self) -> &str;
}

/// Both claim types hold the same fields.
macro_rules! impl_figure {
    ($($ty:ty),*) => {$(
        impl Figure for $ty {
            fn indicator(&self) -> Indicator { self.indicator }
            fn country(&self) -> &str { &self.country }
            fn partner(&self) -> Option<&str> { self.partner.as_deref() }
            fn unit(&self) -> &str { &self.unit }
            fn kind(&self) -> ClaimKind { self.kind }
            fn measure(&self) -> Measure { self.measure }
            fn value(&self) -> f64 { self.value }
            fn period(&self) -> Option<&str> { self.period.as_deref() }
            fn deadline(&self) -> Option<&str> { self.deadline.as_deref() }
            fn published(&self) -> Option<NaiveDate> { self.published }
            fn article_id(&self) -> &str { &self.article_id }
            fn source(&self) -> &str { &self.source }
        }
    )*};
}

impl_figure!(Claim, SeriesClaim);

/// A claim as the series read it: no sentence, no claim id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesClaim {
    indicator: Indicator,
    kind: ClaimKind,
    measure: Measure,
    value: f64,
    published: Option<NaiveDate>,
    country: String,
    partner: Option<String>,
    unit: String,
    period: Option<String>,
    deadline: Option<String>,
    article_id: String,
    source: String,
}

impl SeriesClaim {
    /// What the series read of `c`: actual figures (observations and track
    /// points) and dated target levels; nothing of the rest.
    pub fn of(c: &Claim) -> Option<SeriesClaim> {
        if c.kind != ClaimKind::Actual && !is_dated_target_level(c) {
            return None;
        }
        Some(SeriesClaim {
            indicator: c.indicator,
            kind: c.kind,
            measure: c.measure,
            value: c.value,
            published: c.published,
            country: c.country.to_string(),
            partner: c.partner.as_deref().map(str::to_string),
            unit: c.unit.to_string(),
            period: c.period.clone(),
            deadline: c.deadline.clone(),
            article_id: c.article_id.to_string(),
            source: c.source.to_string(),
        })
    }
}

/// The claims the series read, gathered one at a time into a spill sorted by
/// series, so that a long run holds one series at a time rather than every
/// claim. [`SeriesSpill::finish`] gives what [`observations`] and [`tracks`]
/// give over all the claims, a track at a time.
pub struct SeriesSpill(Spill<SeriesClaim, SeriesKey>);

impl SeriesSpill {
    /// A spill file in `dir` (see [`crate::spill`]).
    pub fn create(dir: &Path) -> Result<SeriesSpill, Error> {
        Self::with_run_bytes(dir, crate::spill::RUN_BYTES)
    }

    fn with_run_bytes(dir: &Path, run_bytes: usize) -> Result<SeriesSpill, Error> {
        Ok(SeriesSpill(Spill::with_run_bytes(dir, "series-spill", series_key, run_bytes)?))
    }

    /// Keeps what the series read of `c`, if anything.
    pub fn push(&mut self, c: &Claim) -> Result<(), Error> {
        match SeriesClaim::of(c) {
            Some(sc) => self.0.push(&sc),
            None => Ok(()),
        }
    }

    /// The observations, built one series at a time, each series' track (if
    /// it has one) handed to `each_track` as soon as it is built, in order.
    pub fn finish(self, mut each_track: impl FnMut(Track) -> Result<(), Error>) -> Result<Vec<ObservationRow>, Error> {
        let mut rows = Vec::new();
        // Both are ordered by series first, so series in key order append.
        for_each_group(self.0.into_sorted()?, |a, b| series_key(a) == series_key(b), |series| {
            rows.extend(observations(&series));
            tracks(&series).into_iter().try_for_each(&mut each_track)
        })?;
        Ok(rows)
    }
}

/// A target level with a publication date: what a track is built around.
fn is_dated_target_level(c: &impl Figure) -> bool {
    c.kind() == ClaimKind::Target && c.measure() == Measure::Level && c.published().is_some()
}

/// Builds one [`Track`] per (indicator, pair, unit) with at least one dated
/// target level, ordered by indicator and pair.
pub fn tracks<C: Figure>(claims: &[C]) -> Vec<Track> {
    let mut targets: BTreeMap<SeriesKey, Vec<&C>> = BTreeMap::new();
    for c in claims {
        if is_dated_target_level(c) {
            targets.entry(series_key(c)).or_default().push(c);
        }
    }
    targets.into_iter().map(|(key, stated)| build_track(key, &stated, claims)).collect()
}

/// The full-year and "as of" levels of one series; partial years are dropped
/// here, so nothing downstream can mix them with full years.
fn source_points<C: Figure>(key: &SeriesKey, claims: &[C]) -> Vec<SourcePoint> {
    let mut points: Vec<SourcePoint> = claims
        .iter()
        .filter(|c| c.kind() == ClaimKind::Actual && c.measure() == Measure::Level && series_key(*c) == *key)
        .filter_map(|c| {
            let (period, date) = match c.period() {
                None => (None, c.published()?),
                Some(p) => {
                    let year = full_year(p)?;
                    (Some(year.to_string()), NaiveDate::from_ymd_opt(year, 12, 31)?)
                }
            };
            Some(SourcePoint {
                date,
                value: c.value(),
                period,
                published: c.published(),
                article_id: c.article_id().to_string(),
                source: c.source().to_string(),
            })
        })
        .collect();
    points.sort_by(|a, b| {
        (a.date, a.is_as_of(), &a.article_id).cmp(&(b.date, b.is_as_of(), &b.article_id)).then(a.value.total_cmp(&b.value))
    });
    points
}

/// Median per date of the points `keep` selects, oldest first.
fn medians<'a>(points: impl Iterator<Item = &'a SourcePoint>) -> Vec<(NaiveDate, f64)> {
    let mut by_date: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
    for p in points {
        by_date.entry(p.date).or_default().push(p.value);
    }
    by_date.into_iter().map(|(d, mut vs)| (d, median(&mut vs))).collect()
}

fn build_track<C: Figure>(key: SeriesKey, stated: &[&C], claims: &[C]) -> Track {
    let targets = merge_targets(stated);
    let active = targets.iter().find(|t| !t.superseded).unwrap_or(&targets[0]).clone();
    let points = source_points(&key, claims);
    let median = medians(points.iter().filter(|p| !p.is_as_of()));
    let as_of = medians(points.iter().filter(|p| p.is_as_of()));
    // The active value may first have been stated without a deadline (or with
    // another one): the baseline is taken when the value was first promised.
    let since = targets
        .iter()
        .filter(|t| (t.value - active.value).abs() <= SAME_VALUE * active.value.abs())
        .map(|t| t.first_stated)
        .min()
        .unwrap_or(active.first_stated);
    let progress = progress(&points, &median, &as_of, &active, since);
    let (indicator, country, partner, unit) = key;
    Track { indicator, country, partner, unit, points, median, as_of, targets, progress }
}

/// Merges restatements of one target (same value within 0.5%, same deadline)
/// and marks all but the active one as superseded: walking in the order they
/// were first stated, a target replaces the active one when it is larger, or
/// when it is the same size and adds a deadline.
fn merge_targets<C: Figure>(stated: &[&C]) -> Vec<Target> {
    let mut targets: Vec<Target> = Vec::new();
    let mut sorted: Vec<&&C> = stated.iter().collect();
    sorted.sort_by(|a, b| a.published().cmp(&b.published()).then(a.value().total_cmp(&b.value())));
    for c in sorted {
        let Some(date) = c.published() else { continue };
        let deadline = c.deadline().and_then(|d| d.get(..4)?.parse().ok());
        match targets
            .iter_mut()
            .find(|t| t.deadline == deadline && (t.value - c.value()).abs() <= SAME_VALUE * t.value.abs())
        {
            Some(t) => {
                t.last_stated = t.last_stated.max(date);
                if let Err(i) = t.articles.binary_search_by(|a| a.as_str().cmp(c.article_id())) {
                    t.articles.insert(i, c.article_id().to_string());
                }
                t.n_sources = t.articles.len();
            }
            None => targets.push(Target {
                value: c.value(),
                deadline,
                first_stated: date,
                last_stated: date,
                n_sources: 1,
                articles: vec![c.article_id().to_string()],
                superseded: true,
            }),
        }
    }
    let mut active = 0;
    for (i, t) in targets.iter().enumerate().skip(1) {
        let a = &targets[active];
        let larger = t.value > a.value * (1.0 + SAME_VALUE);
        let same = (t.value - a.value).abs() <= SAME_VALUE * a.value;
        if larger || same && (t.deadline.is_some() || a.deadline.is_none()) {
            active = i;
        }
    }
    if let Some(t) = targets.get_mut(active) {
        t.superseded = false;
    }
    targets
}

/// Progress toward `target` of the latest full year in `median` (see [`Status`]).
/// `since` is when the target's value was first stated.
fn progress(
    points: &[SourcePoint],
    median: &[(NaiveDate, f64)],
    as_of: &[(NaiveDate, f64)],
    target: &Target,
    since: NaiveDate,
) -> Progress {
    let latest = median.last().copied();
    let latest_year = latest.map(|(d, _)| d.year());
    let latest_as_of = as_of.last().copied().filter(|(d, _)| latest.is_none_or(|(l, _)| d > &l));
    let ratio = latest.map(|(_, v)| v / target.value);
    let (baseline_year, baseline) = baseline(points, since).unzip();
    let required_growth = match (latest, target.deadline) {
        (Some((d, v)), Some(year)) if year > d.year() && v > 0.0 => {
            Some((target.value / v).powf(1.0 / f64::from(year - d.year())) - 1.0)
        }
        _ => None,
    };
    let (observed_from, observed_growth) = observed_growth(median).unzip();
    let mut note = None;
    let status = match (ratio, target.deadline, required_growth, observed_growth) {
        (Some(r), ..) if r >= 1.0 => Status::Achieved,
        (_, None, ..) => Status::NoDeadline,
        (None, ..) => {
            note = Some("no full-year figure reported".to_string());
            Status::Behind
        }
        (_, _, None, _) => {
            note = Some("the deadline year is reported and the target was not met".to_string());
            Status::Behind
        }
        (_, _, Some(req), Some(obs)) => if obs >= req { Status::OnTrack } else { Status::Behind },
        // One full year gives no growth to compare: on track is not shown, so
        // behind, and the note says the status rests on no trend.
        (_, _, Some(_), None) => {
            note = Some(format!("growth not measurable: only one full year ({}) reported", latest_year.unwrap_or_default()));
            Status::Behind
        }
    };
    Progress {
        latest,
        latest_label: latest_year.map(|y| y.to_string()),
        latest_as_of,
        target: target.clone(),
        ratio,
        baseline,
        baseline_year,
        required_growth,
        observed_growth,
        observed_from,
        status,
        note,
    }
}

/// The latest full year whose figure had been published by `since`, with the
/// median of the sources published by then. Figures with no publication date
/// cannot be shown to have been known, so they are left out.
fn baseline(points: &[SourcePoint], since: NaiveDate) -> Option<(i32, f64)> {
    let known: Vec<&SourcePoint> =
        points.iter().filter(|p| !p.is_as_of() && p.published.is_some_and(|d| d <= since)).collect();
    let year = known.iter().map(|p| p.date.year()).max()?;
    let mut values: Vec<f64> = known.iter().filter(|p| p.date.year() == year).map(|p| p.value).collect();
    Some((year, median(&mut values)))
}

/// Yearly growth to the latest full year from the earliest full year among the
/// [`RECENT_YEARS`] before it, or, when none is that recent, from the nearest
/// earlier full year (an older trend beats none). `None` with one full year.
fn observed_growth(median: &[(NaiveDate, f64)]) -> Option<(i32, f64)> {
    let full: Vec<(i32, f64)> = median.iter().map(|(d, v)| (d.year(), *v)).collect();
    let &(y1, v1) = full.last()?;
    let earlier = &full[..full.len() - 1];
    let &(y0, v0) = earlier.iter().find(|(y, _)| y1 - *y <= RECENT_YEARS).or(earlier.last())?;
    (v0 > 0.0).then(|| (y0, (v1 / v0).powf(1.0 / f64::from(y1 - y0)) - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn claim(article: &str, published: &str, kind: ClaimKind, value: f64, period: Option<&str>, deadline: Option<&str>) -> Claim {
        Claim {
            claim_id: String::new(), article_id: article.into(), published: Some(date(published)), source: "s".into(),
            indicator: Indicator::TradeTurnover, country: "KGZ".into(), partner: Some("KAZ".into()), kind,
            measure: Measure::Level, value, unit: "USD".into(), period: period.map(Into::into),
            deadline: deadline.map(Into::into), approx: false, evidence: String::new(), span_start: 0, span_end: 0,
        }
    }

    fn actual(article: &str, published: &str, value: f64, period: Option<&str>) -> Claim {
        claim(article, published, ClaimKind::Actual, value, period, None)
    }

    /// The progress of the one track built from a $3bn target stated on 2024-01-01 and `actuals`.
    fn progress_with(deadline: Option<&str>, actuals: &[(Option<&str>, f64)]) -> Progress {
        let mut claims = vec![claim("t", "2024-01-01", ClaimKind::Target, 3e9, None, deadline)];
        for (i, (period, v)) in actuals.iter().enumerate() {
            claims.push(actual(&format!("x{i}"), "2025-06-01", *v, *period));
        }
        tracks(&claims).remove(0).progress
    }

    #[test]
    fn periods_end_where_expected() {
        for (p, want) in [
            ("2023", "2023-12-31"), ("2024-01/2024-09", "2024-09-30"), ("2024-H1", "2024-06-30"),
            ("2024-Q1", "2024-03-31"), ("2024-02", "2024-02-29"), ("2024-04/2025-03", "2025-03-31"),
        ] {
            assert_eq!(period_end(p), Some(date(want)), "{p}");
        }
        for p in ["", "20", "2024-Q5", "2024-13", "FY24"] {
            assert_eq!(period_end(p), None, "{p}");
        }
    }

    #[test]
    fn only_whole_calendar_years_are_full_years() {
        for (p, y) in [("2023", 2023), ("2023-01/2023-12", 2023)] {
            assert_eq!(full_year(p), Some(y), "{p}");
        }
        for p in ["2023-H1", "2023-H2", "2023-Q4", "2023-12", "2023-01/2023-09", "2023-04/2024-03", "2022-01/2023-12", "FY23", ""] {
            assert_eq!(full_year(p), None, "{p}");
        }
    }

    #[test]
    fn sources_are_kept_side_by_side_and_conflicts_flagged() {
        let claims = [
            actual("kg", "2024-04-09", 1.317e9, Some("2023")),
            actual("kz1", "2024-04-17", 1.6e9, Some("2023")),
            actual("kz2", "2024-04-19", 1.5e9, Some("2023-01/2023-12")),
            actual("a", "2022-04-29", 1.0e9, Some("2021")),
            actual("b", "2023-09-23", 1.04e9, Some("2021")),
            actual("c", "2023-09-23", 1.05e9, Some("2022")),
            actual("d", "2024-01-23", 1.1e9, Some("2022")),
        ];
        let obs = observations(&claims);
        let rows: Vec<(&str, f64, usize, bool)> =
            obs.iter().map(|o| (o.period.as_deref().unwrap(), o.value, o.n_sources, o.conflict)).collect();
        // 4% apart agrees, 4.8% agrees, 21% is a conflict; a Jan-Dec range is the year itself.
        assert_eq!(rows, [("2021", 1.02e9, 2, false), ("2022", 1.075e9, 2, false), ("2023", 1.5e9, 3, true)]);
        assert_eq!((obs[0].country.as_str(), obs[0].partner.as_deref()), ("KAZ", Some("KGZ")), "pair put in code order");
        assert_eq!((obs[2].min, obs[2].max, obs[2].articles.as_str()), (1.317e9, 1.6e9, "kg;kz1;kz2"));
        let conflicting = [actual("a", "2024-01-01", 1.0e9, Some("2023")), actual("b", "2024-01-02", 1.051e9, Some("2023"))];
        assert!(observations(&conflicting)[0].conflict, "5.1% apart is a conflict");
    }

    #[test]
    fn undated_claims_are_observations_as_of_their_publication() {
        let mut undated = actual("u", "2024-01-01", 1e9, None);
        undated.published = None;
        let claims = [actual("a", "2025-03-02", 2e9, None), actual("b", "2025-03-02", 2.2e9, None), undated];
        let obs = observations(&claims);
        assert_eq!(obs.len(), 1, "a claim with neither period nor date cannot be placed");
        assert_eq!((obs[0].period.as_deref(), obs[0].date, obs[0].value, obs[0].n_sources), (None, date("2025-03-02"), 2.1e9, 2));
    }

    #[test]
    fn a_later_larger_target_supersedes_and_restatements_merge() {
        let claims = [
            claim("a", "2017-12-25", ClaimKind::Target, 1e9, None, Some("2020")),
            claim("b", "2022-04-29", ClaimKind::Target, 2e9, None, None),
            claim("c", "2024-05-24", ClaimKind::Target, 3e9, None, None),
            claim("d", "2025-08-22", ClaimKind::Target, 3e9, None, Some("2030")),
            claim("e", "2026-02-13", ClaimKind::Target, 3e9, None, Some("2030")),
            claim("e", "2026-02-13", ClaimKind::Target, 3e9, None, Some("2030")),
            claim("f", "2026-03-01", ClaimKind::Target, 2.5e9, None, Some("2028")),
        ];
        let t = &tracks(&claims)[0];
        let summary: Vec<(f64, Option<i32>, bool)> = t.targets.iter().map(|g| (g.value, g.deadline, g.superseded)).collect();
        assert_eq!(
            summary,
            [(1e9, Some(2020), true), (2e9, None, true), (3e9, None, true), (3e9, Some(2030), false), (2.5e9, Some(2028), true)],
            "a later but smaller target does not replace the active one"
        );
        let active = &t.progress.target;
        assert_eq!((active.first_stated, active.last_stated), (date("2025-08-22"), date("2026-02-13")));
        assert_eq!((active.n_sources, active.articles.clone()), (2, vec!["d".to_string(), "e".to_string()]), "one article counts once");
    }

    #[test]
    fn partial_years_never_mix_with_full_years() {
        let claims = [
            claim("t", "2024-01-01", ClaimKind::Target, 3e9, None, Some("2030")),
            actual("a", "2024-03-01", 1.0e9, Some("2023")),
            actual("b", "2024-10-01", 2.5e9, Some("2024-01/2024-09")),
            actual("c", "2024-08-01", 1.2e9, Some("2024-H1")),
            actual("d", "2025-01-20", 0.6e9, Some("2024-H2")),
            actual("e", "2024-05-01", 0.3e9, Some("2024-Q1")),
        ];
        let t = &tracks(&claims)[0];
        assert_eq!(t.points.iter().map(|p| p.article_id.as_str()).collect::<Vec<_>>(), ["a"]);
        assert_eq!(t.median, [(date("2023-12-31"), 1.0e9)], "H2 ends on 31 December but is not the year");
        assert_eq!(t.progress.latest_label.as_deref(), Some("2023"));
        // They stay in the observations table, each under its own period.
        let periods: Vec<String> = observations(&claims).into_iter().filter_map(|o| o.period).collect();
        assert_eq!(periods, ["2023", "2024-01/2024-09", "2024-H1", "2024-H2", "2024-Q1"]);
    }

    #[test]
    fn latest_is_the_latest_full_year_never_an_as_of_figure() {
        let claims = [
            claim("t", "2025-08-22", ClaimKind::Target, 3e9, None, Some("2030")),
            actual("a", "2024-04-09", 1.5e9, Some("2023")),
            actual("b", "2025-02-25", 1.7e9, Some("2024")),
            actual("c", "2025-02-26", 1.34e9, Some("2024")),
            actual("d", "2025-08-22", 1.9e9, None),
            actual("e", "2026-02-13", 2e9, None),
        ];
        let p = &tracks(&claims)[0].progress;
        assert_eq!(p.latest, Some((date("2024-12-31"), 1.52e9)), "median of the 2024 sources");
        assert_eq!(p.latest_label.as_deref(), Some("2024"));
        assert_eq!(p.latest_as_of, Some((date("2026-02-13"), 2e9)));
        assert!((p.ratio.unwrap() - 1.52 / 3.0).abs() < 1e-12);
        // 1.52bn at the end of 2024 -> 3bn at the end of 2030: six years.
        assert!((p.required_growth.unwrap() - ((3.0_f64 / 1.52).powf(1.0 / 6.0) - 1.0)).abs() < 1e-12);
        assert_eq!(p.observed_from, Some(2023));
    }

    #[test]
    fn baseline_is_the_latest_full_year_known_when_the_value_was_first_stated() {
        let claims = [
            claim("t0", "2024-05-24", ClaimKind::Target, 3e9, None, None),
            claim("t1", "2025-08-22", ClaimKind::Target, 3e9, None, Some("2030")),
            actual("a", "2023-09-23", 1.24e9, Some("2022")),
            actual("b", "2024-04-09", 1.4e9, Some("2023")),
            actual("c", "2024-05-24", 1.6e9, Some("2023")),
            // Reported after the target: not known when it was set.
            actual("d", "2024-06-01", 1.1e9, Some("2023")),
            actual("e", "2025-02-25", 1.7e9, Some("2024")),
        ];
        let p = &tracks(&claims)[0].progress;
        assert_eq!((p.baseline_year, p.baseline), (Some(2023), Some(1.5e9)));
    }

    #[test]
    fn each_status() {
        let y = |p: &'static str| Some(p);
        let achieved = progress_with(y("2030"), &[(y("2023"), 2e9), (y("2024"), 3.1e9)]);
        assert_eq!((achieved.status, achieved.note), (Status::Achieved, None));
        let as_of_only = progress_with(y("2030"), &[(y("2023"), 2e9), (None, 3.5e9)]);
        assert_eq!(as_of_only.status, Status::Behind, "an as-of figure does not achieve a yearly target");
        assert_eq!(progress_with(None, &[(y("2023"), 2e9), (y("2024"), 2.1e9)]).status, Status::NoDeadline);
        // Needs 3/2.6 over 3 years (4.9%); grew 30%.
        assert_eq!(progress_with(y("2027"), &[(y("2023"), 2e9), (y("2024"), 2.6e9)]).status, Status::OnTrack);
        // Needs 22% a year; grew 1%.
        let behind = progress_with(y("2026"), &[(y("2023"), 2e9), (y("2024"), 2.02e9)]);
        assert_eq!((behind.status, behind.note), (Status::Behind, None));
        let missed = progress_with(y("2024"), &[(y("2023"), 2e9), (y("2024"), 2.9e9)]);
        assert_eq!(missed.status, Status::Behind);
        assert!(missed.note.unwrap().contains("deadline"));
        let nothing = progress_with(y("2030"), &[]);
        assert_eq!((nothing.status, nothing.note.as_deref()), (Status::Behind, Some("no full-year figure reported")));
    }

    #[test]
    fn without_observed_growth_the_status_is_behind_with_a_note() {
        // One full year, an as-of figure and a partial year: no trend to compare.
        let p = progress_with(Some("2030"), &[(Some("2023"), 2e9), (None, 2.5e9), (Some("2024-H1"), 1.4e9)]);
        assert_eq!((p.observed_growth, p.observed_from), (None, None));
        assert!(p.required_growth.is_some());
        assert_eq!(p.status, Status::Behind);
        assert_eq!(p.note.as_deref(), Some("growth not measurable: only one full year (2023) reported"));
    }

    #[test]
    fn observed_growth_uses_recent_full_years_else_the_nearest_earlier_one() {
        let d = |y| NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
        let median = [(d(2018), 0.9), (d(2021), 1.0), (d(2022), 1.2), (d(2024), 1.728)];
        // 2021 -> 2024: 1.2^3 = 1.728, so 20% a year; 2018 is not recent.
        let (from, g) = observed_growth(&median).unwrap();
        assert_eq!(from, 2021);
        assert!((g - 0.2).abs() < 1e-9);
        // 2017 -> 2023 only: six years apart, still a measured trend.
        let (from, g) = observed_growth(&[(d(2017), 1.0), (d(2023), 2.0)]).unwrap();
        assert_eq!(from, 2017);
        assert!((g - (2.0_f64.powf(1.0 / 6.0) - 1.0)).abs() < 1e-12);
        assert_eq!(observed_growth(&median[..1]), None);
    }

    #[test]
    fn the_series_part_of_claims_gives_the_same_series_as_the_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let dirs: Vec<std::path::PathBuf> = ["dev", "dev2", "holdout"].iter().map(|c| root.join(c).join("articles")).collect();
        let mut whole: Vec<Claim> = crate::ingest::read_inputs(&dirs).articles.iter().flat_map(crate::extract::extract_claims).collect();
        // A growth target and an undated target, which the series leave out.
        whole.push(Claim { measure: Measure::GrowthPct, unit: "%".into(), ..claim("g", "2025-01-01", ClaimKind::Target, 5.0, None, None) });
        whole.push(Claim { published: None, ..claim("u", "2025-01-01", ClaimKind::Target, 9e9, None, None) });
        // Runs of a few claims, so the series come back merged from many.
        let dir = tempfile::tempdir().unwrap();
        let mut spill = SeriesSpill::with_run_bytes(dir.path(), 2000).unwrap();
        for c in &whole {
            spill.push(c).unwrap();
        }
        let (n_part, runs) = (spill.0.len(), spill.0.runs());
        assert!(n_part < whole.len() && whole.iter().any(|c| c.kind == ClaimKind::Forecast));
        assert!(runs > 10, "{runs} runs");
        let mut tracks_part = Vec::new();
        let obs_part = spill
            .finish(|t| {
                tracks_part.push(t);
                Ok(())
            })
            .unwrap();
        let tracks_whole = tracks(&whole);
        assert!(tracks_whole.len() >= 3, "the fixtures track targets");
        assert_eq!(tracks_whole, tracks_part);
        assert_eq!(observations(&whole), obs_part);
    }
}
