//! Text on the charts: money, titles, progress labels, source names.
//!
//! Pure functions of a track, so the chart and overview share one wording and
//! tests can check it without drawing.

use chrono::Datelike;

use crate::Indicator;
use crate::series::{Status, Target, Track};
/// Readable money: `1.5e9, "USD"` -> `$1.5bn`; `850e6` -> `$850m`; `2.5e12` -> `$2.5tn`;
/// `1.2e9, "EUR"` -> `€1.2bn`; other codes follow: `1.2bn KZT`.
///
/// Three significant digits at most (`$1.23bn`, `$12.3bn`, `$123m`), trailing zeros
/// dropped, and a value that rounds up to the next scale takes it (`$1bn`, not `$1000m`).
pub fn money_label(value: f64, unit: &str) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    const SCALES: [(f64, &str); 5] = [(1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"), (1.0, "")];
    let abs = value.abs();
    let mut number = String::from("0");
    let mut suffix = "";
    for (scale, name) in SCALES {
        let scaled = abs / scale;
        let decimals = match scaled {
            s if s >= 99.95 => 0,
            s if s >= 9.995 => 1,
            s if s >= 0.9995 => 2,
            _ => 3,
        };
        let text = format!("{scaled:.decimals$}");
        let rounded: f64 = text.parse().unwrap_or(0.0);
        if rounded >= 1.0 || scale == 1.0 {
            number = trim_zeros(&text);
            suffix = name;
            break;
        }
    }
    let sign = if value < 0.0 && number != "0" { "-" } else { "" };
    match unit {
        "USD" => format!("{sign}${number}{suffix}"),
        "EUR" => format!("{sign}€{number}{suffix}"),
        "GBP" => format!("{sign}£{number}{suffix}"),
        "" => format!("{sign}{number}{suffix}"),
        code => format!("{sign}{number}{suffix} {code}"),
    }
}

/// `"1.50"` -> `"1.5"`, `"3.00"` -> `"3"`, `"850"` stays.
pub(super) fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
    }
}

/// English name of a country or bloc code, or the code itself when unknown.
pub(super) fn country_name(code: &str) -> &str {
    match code {
        "KAZ" => "Kazakhstan",
        "KGZ" => "Kyrgyzstan",
        "UZB" => "Uzbekistan",
        "TJK" => "Tajikistan",
        "TKM" => "Turkmenistan",
        "RUS" => "Russia",
        "CHN" => "China",
        "TUR" => "Türkiye",
        "AZE" => "Azerbaijan",
        "IND" => "India",
        "USA" => "United States",
        "BLR" => "Belarus",
        "ARM" => "Armenia",
        "GEO" => "Georgia",
        "MNG" => "Mongolia",
        "AFG" => "Afghanistan",
        "PAK" => "Pakistan",
        "IRN" => "Iran",
        "KOR" => "South Korea",
        "JPN" => "Japan",
        "DEU" => "Germany",
        "EU" => "European Union",
        "EAEU" => "EAEU",
        "CIS" => "CIS",
        "WORLD" => "world",
        other => other,
    }
}

/// `Kazakhstan–Kyrgyzstan trade turnover`, `Kazakhstan exports to China`, `Kazakhstan GDP`.
pub(super) fn title(track: &Track) -> String {
    let country = country_name(&track.country);
    let Some(partner) = track.partner.as_deref().map(country_name) else {
        let what = match track.indicator {
            Indicator::TradeTurnover => "trade turnover",
            Indicator::Exports => "exports",
            Indicator::Imports => "imports",
            Indicator::Investment => "investment",
            Indicator::Gdp => "GDP",
            Indicator::Other => "indicator",
        };
        return format!("{country} {what}");
    };
    match track.indicator {
        Indicator::TradeTurnover => format!("{country}–{partner} trade turnover"),
        Indicator::Exports => format!("{country} exports to {partner}"),
        Indicator::Imports => format!("{country} imports from {partner}"),
        Indicator::Investment => format!("{country}–{partner} investment"),
        Indicator::Gdp => format!("{country} GDP"),
        Indicator::Other => format!("{country}–{partner}"),
    }
}

/// `by 2030` or `(no deadline)`.
pub(super) fn deadline_phrase(target: &Target) -> String {
    match target.deadline {
        Some(year) => format!("by {year}"),
        None => "(no deadline)".to_string(),
    }
}

/// `67% of the $3bn target (2030)`: the latest full-year figure against the
/// active target, or a plain statement of the target when there is none.
pub fn progress_label(track: &Track) -> String {
    let target = &track.progress.target;
    let money = money_label(target.value, &track.unit);
    let when = match target.deadline {
        Some(year) => year.to_string(),
        None => "no deadline".to_string(),
    };
    match track.progress.ratio.filter(|r| r.is_finite()) {
        Some(ratio) => format!("{:.0}% of the {money} target ({when})", ratio * 100.0),
        None => format!("no full-year figure yet toward the {money} target ({when})"),
    }
}

/// The line under the title: progress, the latest full-year figure, the status
/// and the growth it rests on (or the note saying why none could be compared).
pub(super) fn subtitle(track: &Track) -> String {
    let p = &track.progress;
    let mut parts = vec![progress_label(track)];
    if let Some((date, value)) = p.latest {
        let period = p.latest_label.clone().unwrap_or_else(|| date.year().to_string());
        parts.push(format!("latest {} ({period})", money_label(value, &track.unit)));
    }
    // With no deadline the target phrase already says so.
    if p.status != Status::NoDeadline {
        parts.push(status_phrase(track));
    }
    parts.join("  ·  ")
}

/// `on track: needs +8.7% a year, grew +19.3% a year since 2021`, `achieved`, or
/// `behind: needs +3.2% a year, growth not measurable (one full year)`.
pub(super) fn status_phrase(track: &Track) -> String {
    let p = &track.progress;
    let mut text = p.status.as_str().to_string();
    if p.status == Status::Achieved {
        return text;
    }
    let mut why = Vec::new();
    if let Some(req) = p.required_growth {
        why.push(format!("needs {} a year", pct(req)));
    }
    match (p.observed_growth, p.observed_from) {
        (Some(obs), Some(from)) => why.push(format!("grew {} a year since {from}", pct(obs))),
        (Some(obs), None) => why.push(format!("grew {} a year", pct(obs))),
        _ => {}
    }
    if let Some(note) = &p.note {
        why.push(note.clone());
    }
    if !why.is_empty() {
        text.push_str(": ");
        text.push_str(&why.join(", "));
    }
    text
}

/// A yearly growth fraction as a signed percent: `0.084` -> `+8.4%`.
pub(super) fn pct(fraction: f64) -> String {
    format!("{:+.1}%", fraction * 100.0)
}

/// A URL becomes its host (`https://www.kabar.kg/news/..` -> `kabar.kg`); a label stays.
pub(super) fn source_name(source: &str) -> String {
    let s = source.trim();
    let rest = s.split_once("://").map_or(s, |(_, r)| r);
    if rest.len() == s.len() && !s.contains('/') {
        return s.to_string();
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host).to_string()
}
