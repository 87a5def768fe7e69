//! Series: claims in, observations, targets and progress out (DESIGN.md).
//!
//! Plain structs, so charts and tests need no polars; [`crate::table`] turns
//! them into frames for export.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::{Claim, ClaimKind, Indicator, Measure};

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
    /// Yearly growth observed over recent full years (or, lacking two of them,
    /// between the baseline and the latest figure).
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

/// Two target values this close (relative) are the same target.
const SAME_VALUE: f64 = 0.005;

/// The key that groups claims into one series: indicator, pair, unit. The pair
/// of a trade_turnover claim is unordered, so it is put in code order.
type SeriesKey = (Indicator, String, Option<String>, String);

fn series_key(c: &Claim) -> SeriesKey {
    let (mut country, mut partner) = (c.country.clone(), c.partner.clone());
    if c.indicator == Indicator::TradeTurnover
        && let Some(p) = &partner
        && *p < country
    {
        (country, partner) = (p.clone(), Some(country));
    }
    (c.indicator, country, partner, c.unit.clone())
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

/// A period covering a whole calendar year (`2023`), as opposed to months,
/// halves, quarters or year-to-date figures.
pub fn is_full_year(period: &str) -> bool {
    period.len() == 4 && period.bytes().all(|b| b.is_ascii_digit())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 }
}

/// Groups actual claims into observations. A claim with no period and no
/// publication date cannot be placed in time and is left out.
pub fn observations(claims: &[Claim]) -> Vec<ObservationRow> {
    let mut groups: BTreeMap<(SeriesKey, Measure, Option<String>, NaiveDate), Vec<&Claim>> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Actual) {
        let date = match &c.period {
            Some(p) => period_end(p),
            None => c.published,
        };
        if let Some(date) = date {
            groups.entry((series_key(c), c.measure, c.period.clone(), date)).or_default().push(c);
        }
    }
    groups
        .into_iter()
        .map(|(((indicator, country, partner, unit), measure, period, date), cs)| {
            let mut values: Vec<f64> = cs.iter().map(|c| c.value).collect();
            let value = median(&mut values);
            let (min, max) = (values[0], values[values.len() - 1]);
            let conflict = min > 0.0 && max / min - 1.0 > CONFLICT_SPREAD
                || min <= 0.0 && (max - min).abs() > CONFLICT_SPREAD * value.abs();
            let mut articles: Vec<&str> = cs.iter().map(|c| c.article_id.as_str()).collect();
            articles.dedup();
            ObservationRow {
                indicator, country, partner, measure, unit, period, date, value, min, max,
                n_sources: cs.len(),
                conflict,
                articles: articles.join(";"),
            }
        })
        .collect()
}

/// Builds one [`Track`] per (indicator, pair, unit) with at least one dated
/// target level, ordered by indicator and pair.
pub fn tracks(claims: &[Claim]) -> Vec<Track> {
    let observations = observations(claims);
    let mut targets: BTreeMap<SeriesKey, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if c.kind == ClaimKind::Target && c.measure == Measure::Level && c.published.is_some() {
            targets.entry(series_key(c)).or_default().push(c);
        }
    }
    targets
        .into_iter()
        .map(|(key, stated)| build_track(key, &stated, claims, &observations))
        .collect()
}

fn build_track(key: SeriesKey, stated: &[&Claim], claims: &[Claim], observations: &[ObservationRow]) -> Track {
    let targets = merge_targets(stated);
    let active = targets.iter().find(|t| !t.superseded).cloned().unwrap_or_else(|| targets[0].clone());
    // Partial-year figures are not comparable with a yearly target.
    let comparable = |period: &Option<String>| period.as_deref().is_none_or(is_full_year);
    let mut points: Vec<SourcePoint> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Actual && c.measure == Measure::Level && series_key(c) == key)
        .filter(|c| comparable(&c.period))
        .filter_map(|c| {
            let date = c.period.as_deref().map_or(c.published, period_end)?;
            Some(SourcePoint { date, value: c.value, article_id: c.article_id.clone(), source: c.source.clone() })
        })
        .collect();
    points.sort_by(|a, b| a.date.cmp(&b.date).then(a.article_id.cmp(&b.article_id)));
    let median: Vec<(NaiveDate, f64)> = observations
        .iter()
        .filter(|o| o.measure == Measure::Level && comparable(&o.period))
        .filter(|o| (o.indicator, &o.country, &o.partner, &o.unit) == (key.0, &key.1, &key.2, &key.3))
        .map(|o| (o.date, o.value))
        .collect::<BTreeMap<_, _>>()
        .into_iter()
        .collect();
    let progress = progress(&median, &active);
    let (indicator, country, partner, unit) = key;
    Track { indicator, country, partner, unit, points, median, targets, progress }
}

/// Merges restatements of one target (same value within 0.5%, same deadline)
/// and marks all but the active one as superseded: walking in the order they
/// were first stated, a target replaces the active one when it is larger, or
/// when it is the same size and adds a deadline.
fn merge_targets(stated: &[&Claim]) -> Vec<Target> {
    let mut targets: Vec<Target> = Vec::new();
    let mut sorted: Vec<&&Claim> = stated.iter().collect();
    sorted.sort_by(|a, b| a.published.cmp(&b.published).then(a.value.total_cmp(&b.value)));
    for c in sorted {
        let Some(date) = c.published else { continue };
        let deadline = c.deadline.as_deref().and_then(|d| d.get(..4)?.parse().ok());
        match targets
            .iter_mut()
            .find(|t| t.deadline == deadline && (t.value - c.value).abs() <= SAME_VALUE * t.value.abs())
        {
            Some(t) => {
                t.last_stated = t.last_stated.max(date);
                t.n_sources += 1;
            }
            None => targets.push(Target {
                value: c.value,
                deadline,
                first_stated: date,
                last_stated: date,
                n_sources: 1,
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

fn years_between(a: NaiveDate, b: NaiveDate) -> f64 {
    (b - a).num_days() as f64 / 365.25
}

/// Progress of the latest figure in `median` toward `target`.
fn progress(median: &[(NaiveDate, f64)], target: &Target) -> Progress {
    let latest = median.last().copied();
    let baseline = median.iter().rev().find(|(d, _)| *d <= target.first_stated).copied();
    let ratio = latest.map(|(_, v)| v / target.value);
    let deadline_end = target.deadline.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31));
    let required_growth = match (latest, deadline_end) {
        (Some((d, v)), Some(end)) if end > d && v > 0.0 => {
            Some((target.value / v).powf(1.0 / years_between(d, end)) - 1.0)
        }
        _ => None,
    };
    let observed_growth = observed_growth(median).or(match (baseline, latest) {
        // Growth over less than half a year says more about noise than about trend.
        (Some((d0, v0)), Some((d1, v1))) if years_between(d0, d1) >= 0.5 && v0 > 0.0 => {
            Some((v1 / v0).powf(1.0 / years_between(d0, d1)) - 1.0)
        }
        _ => None,
    });
    let status = match (ratio, required_growth) {
        (Some(r), _) if r >= 1.0 => Status::Achieved,
        _ if target.deadline.is_none() => Status::NoDeadline,
        (_, Some(req)) if observed_growth.is_some_and(|obs| obs >= req) => Status::OnTrack,
        _ => Status::Behind,
    };
    let latest_label = latest.map(|(d, _)| {
        median_label(d)
    });
    Progress { latest, latest_label, target: target.clone(), ratio, baseline: baseline.map(|b| b.1), required_growth, observed_growth, status }
}

/// Yearly growth over recent full years: from the earliest full year among the
/// [`RECENT_YEARS`] before the latest full year, to that latest year.
fn observed_growth(median: &[(NaiveDate, f64)]) -> Option<f64> {
    let full: Vec<(i32, f64)> =
        median.iter().filter(|(d, _)| d.month() == 12 && d.day() == 31).map(|(d, v)| (d.year(), *v)).collect();
    let &(y1, v1) = full.last()?;
    let &(y0, v0) = full.iter().find(|(y, _)| *y < y1 && y1 - *y <= RECENT_YEARS)?;
    (v0 > 0.0).then(|| (v1 / v0).powf(1.0 / f64::from(y1 - y0)) - 1.0)
}

/// How far back "recent" full years reach when measuring observed growth.
const RECENT_YEARS: i32 = 3;

/// A full year ends on 31 December; anything else is an "as of" date.
fn median_label(d: NaiveDate) -> String {
    if d.month() == 12 && d.day() == 31 { d.year().to_string() } else { format!("as of {d}") }
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
        assert!(is_full_year("2023") && !is_full_year("2023-H1"));
    }

    #[test]
    fn sources_are_kept_side_by_side_and_conflicts_flagged() {
        let claims = [
            claim("kg", "2024-04-09", ClaimKind::Actual, 1.317e9, Some("2023"), None),
            claim("kz1", "2024-04-17", ClaimKind::Actual, 1.6e9, Some("2023"), None),
            claim("kz2", "2024-04-19", ClaimKind::Actual, 1.5e9, Some("2023"), None),
            claim("a", "2022-04-29", ClaimKind::Actual, 1.0e9, Some("2021"), None),
            claim("b", "2023-09-23", ClaimKind::Actual, 1.004e9, Some("2021"), None),
        ];
        let obs = observations(&claims);
        assert_eq!(obs.len(), 2);
        let (y2021, y2023) = (&obs[0], &obs[1]);
        assert_eq!((y2021.country.as_str(), y2021.partner.as_deref()), ("KAZ", Some("KGZ")), "pair put in code order");
        assert_eq!(y2021.n_sources, 2);
        assert!(!y2021.conflict, "0.4% apart is agreement");
        assert_eq!((y2023.value, y2023.min, y2023.max, y2023.n_sources), (1.5e9, 1.317e9, 1.6e9, 3));
        assert!(y2023.conflict);
        assert_eq!(y2023.articles, "kg;kz1;kz2");
    }

    #[test]
    fn a_later_larger_target_supersedes_and_restatements_merge() {
        let claims = [
            claim("a", "2017-12-25", ClaimKind::Target, 1e9, None, Some("2020")),
            claim("b", "2022-04-29", ClaimKind::Target, 2e9, None, None),
            claim("c", "2024-05-24", ClaimKind::Target, 3e9, None, None),
            claim("d", "2025-08-22", ClaimKind::Target, 3e9, None, Some("2030")),
            claim("e", "2026-02-13", ClaimKind::Target, 3e9, None, Some("2030")),
            claim("f", "2026-02-13", ClaimKind::Actual, 2e9, None, None),
            claim("g", "2025-02-25", ClaimKind::Actual, 1.7e9, Some("2024"), None),
        ];
        let tracks = tracks(&claims);
        assert_eq!(tracks.len(), 1);
        let t = &tracks[0];
        let summary: Vec<(f64, Option<i32>, bool)> = t.targets.iter().map(|g| (g.value, g.deadline, g.superseded)).collect();
        assert_eq!(summary, [(1e9, Some(2020), true), (2e9, None, true), (3e9, None, true), (3e9, Some(2030), false)]);
        let active = &t.progress.target;
        assert_eq!((active.first_stated, active.last_stated, active.n_sources), (date("2025-08-22"), date("2026-02-13"), 2));
        assert_eq!(t.progress.latest, Some((date("2026-02-13"), 2e9)));
        assert_eq!(t.progress.latest_label.as_deref(), Some("as of 2026-02-13"));
        assert!((t.progress.ratio.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(t.progress.baseline, Some(1.7e9));
        // 2e9 -> 3e9 in 4.88 years needs ~8.7% a year; 1.7e9 -> 2e9 in 1.12 years gave ~15.6%.
        assert!((t.progress.required_growth.unwrap() - 0.0866).abs() < 0.001, "{:?}", t.progress.required_growth);
        assert!(t.progress.observed_growth.unwrap() > 0.15);
        assert_eq!(t.progress.status, Status::OnTrack);
    }

    #[test]
    fn each_status() {
        let status = |actuals: &[(&str, f64)], deadline: Option<&str>| {
            let mut claims = vec![claim("t", "2024-01-01", ClaimKind::Target, 3e9, None, deadline)];
            for (period, v) in actuals {
                claims.push(claim("x", "2025-06-01", ClaimKind::Actual, *v, Some(period), None));
            }
            tracks(&claims)[0].progress.status
        };
        assert_eq!(status(&[("2023", 2e9), ("2024", 3.1e9)], Some("2030")), Status::Achieved);
        assert_eq!(status(&[("2023", 2e9), ("2024", 2.1e9)], None), Status::NoDeadline);
        assert_eq!(status(&[("2023", 2e9), ("2024", 2.6e9)], Some("2027")), Status::OnTrack);
        assert_eq!(status(&[("2023", 2e9), ("2024", 2.02e9)], Some("2026")), Status::Behind);
        assert_eq!(status(&[], Some("2030")), Status::Behind, "no figure at all cannot be on track");
        // Partial-year figures are not compared with a yearly target.
        let claims = [
            claim("t", "2024-01-01", ClaimKind::Target, 3e9, None, None),
            claim("x", "2024-10-01", ClaimKind::Actual, 2.5e9, Some("2024-01/2024-09"), None),
        ];
        assert_eq!(tracks(&claims)[0].progress.latest, None);
    }

    #[test]
    fn observed_growth_uses_recent_full_years() {
        let d = |y| NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
        let median = [(d(2018), 0.9), (d(2021), 1.0), (d(2022), 1.2), (date("2023-06-30"), 5.0), (d(2024), 1.728)];
        // 2021 -> 2024: 1.2^3 = 1.728, so 20% a year; 2018 is too old, the half year is not a full year.
        assert!((observed_growth(&median).unwrap() - 0.2).abs() < 1e-9);
        assert_eq!(observed_growth(&median[..1]), None);
    }
}
