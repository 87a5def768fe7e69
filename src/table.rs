//! Table: the one place claims and series rows become polars frames, and back.
//!
//! Column names and order follow DESIGN.md; every exporter takes these frames.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use polars::prelude::*;

use crate::claim::CLAIM_COLUMNS;
use crate::series::{ObservationRow, Track, period_end};
use crate::{Claim, ClaimKind, Indicator, Measure};

fn str_col<'a>(name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Column {
    Column::new(name.into(), values.collect::<Vec<_>>())
}

fn date_col(name: &str, values: impl Iterator<Item = Option<NaiveDate>>) -> Column {
    Column::new(name.into(), values.collect::<Vec<_>>())
}

fn f64_col(name: &str, values: impl Iterator<Item = Option<f64>>) -> Column {
    Column::new(name.into(), values.collect::<Vec<_>>())
}

/// The claims table, one row per claim, columns in DESIGN.md's order.
pub fn claims_frame(claims: &[Claim]) -> PolarsResult<DataFrame> {
    let c = claims;
    let columns = vec![
        str_col("claim_id", c.iter().map(|c| Some(c.claim_id.as_str()))),
        str_col("article_id", c.iter().map(|c| Some(&*c.article_id))),
        date_col("published", c.iter().map(|c| c.published)),
        str_col("source", c.iter().map(|c| Some(&*c.source))),
        str_col("indicator", c.iter().map(|c| Some(c.indicator.as_str()))),
        str_col("country", c.iter().map(|c| Some(&*c.country))),
        str_col("partner", c.iter().map(|c| c.partner.as_deref())),
        str_col("kind", c.iter().map(|c| Some(c.kind.as_str()))),
        str_col("measure", c.iter().map(|c| Some(c.measure.as_str()))),
        f64_col("value", c.iter().map(|c| Some(c.value))),
        str_col("unit", c.iter().map(|c| Some(&*c.unit))),
        str_col("period", c.iter().map(|c| c.period.as_deref())),
        str_col("deadline", c.iter().map(|c| c.deadline.as_deref())),
        Column::new("approx".into(), c.iter().map(|c| c.approx).collect::<Vec<_>>()),
        str_col("evidence", c.iter().map(|c| Some(c.evidence.as_str()))),
        Column::new("span_start".into(), c.iter().map(|c| c.span_start).collect::<Vec<_>>()),
        Column::new("span_end".into(), c.iter().map(|c| c.span_end).collect::<Vec<_>>()),
    ];
    debug_assert!(columns.iter().map(|c| c.name().as_str()).eq(CLAIM_COLUMNS));
    DataFrame::new(claims.len(), columns)
}

/// Reads claims back from a frame whose columns are all strings, as a claims
/// CSV read with [`claims_schema`] gives. Errors name the row (1-based, after
/// the header) and the column.
pub fn claims_from_frame(df: &DataFrame) -> Result<Vec<Claim>, String> {
    let mut cols = Vec::with_capacity(CLAIM_COLUMNS.len());
    for name in CLAIM_COLUMNS {
        let col = df.column(name).map_err(|_| format!("missing column `{name}`"))?;
        let ca = col.str().map_err(|_| format!("column `{name}` is not text"))?;
        cols.push(ca.clone());
    }
    let get = |col: usize, row: usize| cols[col].get(row).map(str::trim).filter(|s| !s.is_empty());
    // Free text (source, evidence) comes back byte for byte, spaces and line
    // breaks at either end included; codes and numbers are trimmed.
    let text = |col: usize, row: usize| cols[col].get(row).unwrap_or("").to_string();
    let mut claims = Vec::with_capacity(df.height());
    for row in 0..df.height() {
        let field = |col: usize| -> Result<&str, String> {
            get(col, row).ok_or_else(|| format!("row {}: `{}` is empty", row + 1, CLAIM_COLUMNS[col]))
        };
        let parse_err = |col: usize, e: String| format!("row {}: `{}`: {e}", row + 1, CLAIM_COLUMNS[col]);
        let num = |col: usize| -> Result<f64, String> {
            let s = field(col)?;
            s.parse::<f64>().map_err(|_| parse_err(col, format!("expected a number, found {s:?}")))
        };
        let published = match get(2, row) {
            None => None,
            Some(s) => Some(
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| parse_err(2, format!("expected YYYY-MM-DD, found {s:?}")))?,
            ),
        };
        claims.push(Claim {
            claim_id: field(0)?.to_string(),
            article_id: field(1)?.into(),
            published,
            source: text(3, row).into(),
            indicator: field(4)?.parse().map_err(|e| parse_err(4, e))?,
            country: field(5)?.to_string().into(),
            partner: get(6, row).map(|p| p.to_string().into()),
            kind: field(7)?.parse().map_err(|e| parse_err(7, e))?,
            measure: get(8, row).unwrap_or("level").parse().map_err(|e| parse_err(8, e))?,
            value: num(9)?,
            unit: field(10)?.to_string().into(),
            period: get(11, row).map(str::to_string),
            deadline: get(12, row).map(str::to_string),
            approx: match get(13, row) {
                Some("true" | "True" | "TRUE" | "1") => true,
                None | Some("false" | "False" | "FALSE" | "0") => false,
                Some(s) => return Err(parse_err(13, format!("expected true or false, found {s:?}"))),
            },
            evidence: text(14, row),
            span_start: num(15)? as u32,
            span_end: num(16)? as u32,
        });
    }
    Ok(claims)
}

/// A schema reading every claims column as text, so `2023` stays a period
/// string and nothing is guessed.
pub fn claims_schema() -> Schema {
    CLAIM_COLUMNS.iter().map(|name| Field::new((*name).into(), DataType::String)).collect()
}

/// The observations table: one row per (indicator, pair, unit, period) with the
/// series value and the spread of its sources.
pub fn series_frame(rows: &[ObservationRow]) -> PolarsResult<DataFrame> {
    let r = rows;
    let columns = vec![
        str_col("indicator", r.iter().map(|r| Some(r.indicator.as_str()))),
        str_col("country", r.iter().map(|r| Some(r.country.as_str()))),
        str_col("partner", r.iter().map(|r| r.partner.as_deref())),
        str_col("measure", r.iter().map(|r| Some(r.measure.as_str()))),
        str_col("unit", r.iter().map(|r| Some(r.unit.as_str()))),
        str_col("period", r.iter().map(|r| r.period.as_deref())),
        date_col("as_of", r.iter().map(|r| Some(r.date))),
        f64_col("value", r.iter().map(|r| Some(r.value))),
        f64_col("min", r.iter().map(|r| Some(r.min))),
        f64_col("max", r.iter().map(|r| Some(r.max))),
        Column::new("n_sources".into(), r.iter().map(|r| r.n_sources as u32).collect::<Vec<_>>()),
        Column::new("conflict".into(), r.iter().map(|r| r.conflict).collect::<Vec<_>>()),
        str_col("articles", r.iter().map(|r| Some(r.articles.as_str()))),
    ];
    DataFrame::new(rows.len(), columns)
}

/// The targets table: every target of every tracked pair, superseded ones included.
pub fn targets_frame(tracks: &[Track]) -> PolarsResult<DataFrame> {
    let rows: Vec<(&Track, &crate::series::Target)> =
        tracks.iter().flat_map(|t| t.targets.iter().map(move |g| (t, g))).collect();
    let columns = vec![
        str_col("indicator", rows.iter().map(|(t, _)| Some(t.indicator.as_str()))),
        str_col("country", rows.iter().map(|(t, _)| Some(t.country.as_str()))),
        str_col("partner", rows.iter().map(|(t, _)| t.partner.as_deref())),
        str_col("unit", rows.iter().map(|(t, _)| Some(t.unit.as_str()))),
        f64_col("value", rows.iter().map(|(_, g)| Some(g.value))),
        Column::new("deadline".into(), rows.iter().map(|(_, g)| g.deadline).collect::<Vec<_>>()),
        date_col("first_stated", rows.iter().map(|(_, g)| Some(g.first_stated))),
        date_col("last_stated", rows.iter().map(|(_, g)| Some(g.last_stated))),
        Column::new("n_sources".into(), rows.iter().map(|(_, g)| g.n_sources as u32).collect::<Vec<_>>()),
        Column::new("superseded".into(), rows.iter().map(|(_, g)| g.superseded).collect::<Vec<_>>()),
    ];
    DataFrame::new(rows.len(), columns)
}

/// The progress table: one row per tracked (indicator, pair).
pub fn progress_frame(tracks: &[Track]) -> PolarsResult<DataFrame> {
    let t = tracks;
    let columns = vec![
        str_col("indicator", t.iter().map(|t| Some(t.indicator.as_str()))),
        str_col("country", t.iter().map(|t| Some(t.country.as_str()))),
        str_col("partner", t.iter().map(|t| t.partner.as_deref())),
        str_col("unit", t.iter().map(|t| Some(t.unit.as_str()))),
        f64_col("latest", t.iter().map(|t| t.progress.latest.map(|l| l.1))),
        str_col("latest_period", t.iter().map(|t| t.progress.latest_label.as_deref())),
        f64_col("target", t.iter().map(|t| Some(t.progress.target.value))),
        Column::new("deadline".into(), t.iter().map(|t| t.progress.target.deadline).collect::<Vec<_>>()),
        date_col("target_first_stated", t.iter().map(|t| Some(t.progress.target.first_stated))),
        f64_col("progress", t.iter().map(|t| t.progress.ratio.map(round4))),
        f64_col("latest_as_of", t.iter().map(|t| t.progress.latest_as_of.map(|l| l.1))),
        date_col("latest_as_of_date", t.iter().map(|t| t.progress.latest_as_of.map(|l| l.0))),
        f64_col("baseline", t.iter().map(|t| t.progress.baseline)),
        Column::new("baseline_year".into(), t.iter().map(|t| t.progress.baseline_year).collect::<Vec<_>>()),
        f64_col("required_growth", t.iter().map(|t| t.progress.required_growth.map(round4))),
        f64_col("observed_growth", t.iter().map(|t| t.progress.observed_growth.map(round4))),
        Column::new("observed_from".into(), t.iter().map(|t| t.progress.observed_from).collect::<Vec<_>>()),
        str_col("status", t.iter().map(|t| Some(t.progress.status.as_str()))),
        str_col("note", t.iter().map(|t| t.progress.note.as_deref())),
    ];
    DataFrame::new(tracks.len(), columns)
}

/// The column a claim goes under in the wide table: its period, else
/// `as of YYYY-MM-DD` (its publication date), else none (it cannot be placed
/// in time and is left out, as in the series table).
pub fn wide_label(claim: &Claim) -> Option<String> {
    match (&claim.period, claim.published) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(d)) => Some(format!("as of {d}")),
        (None, None) => None,
    }
}

/// Orders wide columns chronologically: by the date the period ends (or the
/// "as of" date); on a tie the label decides, which puts `2024` before
/// `2024-H2` before `2024-Q4`. Labels with no readable date go last.
fn label_order(label: &str) -> (NaiveDate, String) {
    let date = match label.strip_prefix("as of ") {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(),
        None => period_end(label),
    };
    (date.unwrap_or(NaiveDate::MAX), label.to_string())
}

type WideKey = (Indicator, String, Option<String>, ClaimKind, Measure, String);

/// The wide table (`--wide`): one row per (indicator, country, partner, kind,
/// measure, unit), one column per period label ([`wide_label`]) in
/// chronological order, each cell the median of the claims that fall in it
/// (empty when none do). Rows are sorted by indicator (in DESIGN.md's order),
/// country, partner (none first), kind, measure (level first) and unit.
///
/// A trade_turnover pair is unordered, so its two countries are put in code
/// order, as in the series table: `KGZ`-`KAZ` and `KAZ`-`KGZ` claims share a row.
///
/// Built in plain Rust rather than with polars' lazy pivot: pivot needs the
/// `pivot` feature (a polars rebuild), gives columns in order of appearance,
/// and a median per cell is a few lines here.
pub fn wide_frame(claims: &[Claim]) -> PolarsResult<DataFrame> {
    let mut cells: BTreeMap<WideKey, BTreeMap<String, Vec<f64>>> = BTreeMap::new();
    let mut labels = BTreeSet::new();
    for c in claims {
        let Some(label) = wide_label(c) else { continue };
        let (mut country, mut partner) = (c.country.to_string(), c.partner.as_deref().map(str::to_string));
        if c.indicator == Indicator::TradeTurnover
            && let Some(p) = &partner
            && *p < country
        {
            (country, partner) = (p.clone(), Some(country));
        }
        let key = (c.indicator, country, partner, c.kind, c.measure, c.unit.to_string());
        labels.insert(label_order(&label));
        cells.entry(key).or_default().entry(label).or_default().push(c.value);
    }
    let height = cells.len();
    let keys: Vec<&WideKey> = cells.keys().collect();
    let mut columns = vec![
        str_col("indicator", keys.iter().map(|k| Some(k.0.as_str()))),
        str_col("country", keys.iter().map(|k| Some(k.1.as_str()))),
        str_col("partner", keys.iter().map(|k| k.2.as_deref())),
        str_col("kind", keys.iter().map(|k| Some(k.3.as_str()))),
        str_col("measure", keys.iter().map(|k| Some(k.4.as_str()))),
        str_col("unit", keys.iter().map(|k| Some(k.5.as_str()))),
    ];
    for (_, label) in &labels {
        let values = cells.values_mut().map(|row| row.get_mut(label).map(|v| median(v)));
        columns.push(f64_col(label, values));
    }
    DataFrame::new(height, columns)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 }
}

/// Ratios are shown to four decimals: more digits are noise in a spreadsheet.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
