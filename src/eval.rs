//! Eval: claims against hand-made gold, with the matching rules of `score.py`.
//!
//! A predicted claim matches an unused gold claim of the same article when
//! indicator, party pair (unordered for trade_turnover), kind, unit, measure,
//! period and deadline year are equal and the value is within 0.5%. Predictions
//! are taken in table order and each gold claim matches once. Articles absent
//! from the gold file are not scored.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Location};
use crate::Claim;

/// One gold claim, in the fields the scorer compares.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldClaim {
    pub key: MatchKey,
    pub value: Option<f64>,
}

/// The fields that must be equal for a match.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatchKey {
    pub indicator: Option<String>,
    pub pair: (Option<String>, Option<String>),
    pub kind: Option<String>,
    pub unit: Option<String>,
    pub measure: String,
    pub period: Option<String>,
    pub deadline: Option<String>,
}

/// The gold file: article id -> its claims.
pub type Gold = BTreeMap<String, Vec<GoldClaim>>;

fn norm(s: Option<&str>) -> Option<String> {
    let s = s?.trim();
    if s.is_empty() || ["null", "none", "nan"].contains(&s.to_ascii_lowercase().as_str()) {
        None
    } else {
        Some(s.to_string())
    }
}

impl MatchKey {
    /// Builds the key from raw field values, normalised as `score.py` does.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        indicator: Option<&str>, country: Option<&str>, partner: Option<&str>, kind: Option<&str>,
        unit: Option<&str>, measure: Option<&str>, period: Option<&str>, deadline: Option<&str>,
    ) -> MatchKey {
        let indicator = norm(indicator);
        let (a, b) = (norm(country), norm(partner));
        let pair = if indicator.as_deref() == Some("trade_turnover") {
            let mut v: Vec<String> = [a, b].into_iter().flatten().collect();
            v.sort();
            let mut it = v.into_iter();
            (it.next(), it.next())
        } else {
            (a, b)
        };
        MatchKey {
            indicator,
            pair,
            kind: norm(kind),
            unit: norm(unit),
            measure: norm(measure).unwrap_or_else(|| "level".to_string()),
            period: norm(period).map(|p| p.replace("..", "/")),
            deadline: norm(deadline).map(|d| d.chars().take(4).collect()),
        }
    }

    fn of_claim(c: &Claim) -> MatchKey {
        MatchKey::new(
            Some(c.indicator.as_str()), Some(&c.country), c.partner.as_deref(), Some(c.kind.as_str()),
            Some(&c.unit), Some(c.measure.as_str()), c.period.as_deref(), c.deadline.as_deref(),
        )
    }
}

#[derive(Deserialize)]
struct GoldLine {
    id: String,
    #[serde(default)]
    claims: Vec<HashMap<String, Value>>,
}

/// A JSON field as text: strings as they are, numbers printed, null as absent.
fn field(c: &HashMap<String, Value>, name: &str) -> Option<String> {
    match c.get(name)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        v => Some(v.to_string()),
    }
}

/// Parses a gold JSONL file (GOLD-FORMAT.md). `path` names it in errors.
pub fn parse_gold(path: &Path, text: &str) -> Result<Gold, Error> {
    let mut gold = Gold::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let rec: GoldLine = serde_json::from_str(line)
            .map_err(|e| Error::parse(Location::line(path, i + 1), format!("invalid gold record: {e}")))?;
        let claims = rec
            .claims
            .iter()
            .map(|c| {
                let f = |n: &str| field(c, n);
                GoldClaim {
                    key: MatchKey::new(
                        f("indicator").as_deref(), f("country").as_deref(), f("partner").as_deref(),
                        f("kind").as_deref(), f("unit").as_deref(), f("measure").as_deref(),
                        f("period").as_deref(), f("deadline").as_deref(),
                    ),
                    value: f("value").and_then(|v| v.parse().ok()),
                }
            })
            .collect();
        gold.insert(rec.id, claims);
    }
    Ok(gold)
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The score of a claims table against gold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub articles: usize,
    pub overall: Counts,
    /// Per kind, as `score.py` counts them: false positives under the predicted
    /// kind, false negatives under the gold kind.
    pub per_kind: BTreeMap<String, Counts>,
}

fn value_ok(gold: Option<f64>, pred: f64) -> bool {
    match gold {
        Some(0.0) => pred == 0.0,
        Some(g) => (pred - g).abs() / g.abs() <= 0.005,
        None => false,
    }
}

/// Scores `claims` (in table order) against `gold`.
pub fn score(gold: &Gold, claims: &[Claim]) -> Score {
    let mut by_article: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for c in claims.iter().filter(|c| gold.contains_key(&*c.article_id)) {
        by_article.entry(&*c.article_id).or_default().push(c);
    }
    let mut s = Score { articles: gold.len(), ..Default::default() };
    for (id, gclaims) in gold {
        let mut used = vec![false; gclaims.len()];
        for p in by_article.get(id.as_str()).into_iter().flatten() {
            let key = MatchKey::of_claim(p);
            let hit = (0..gclaims.len()).find(|&i| !used[i] && gclaims[i].key == key && value_ok(gclaims[i].value, p.value));
            let kind = s.per_kind.entry(p.kind.as_str().to_string()).or_default();
            match hit {
                Some(i) => {
                    used[i] = true;
                    s.overall.tp += 1;
                    kind.tp += 1;
                }
                None => {
                    s.overall.fp += 1;
                    kind.fp += 1;
                }
            }
        }
        for (g, _) in gclaims.iter().zip(&used).filter(|(_, u)| !**u) {
            s.overall.fn_ += 1;
            s.per_kind.entry(g.key.kind.clone().unwrap_or_else(|| "?".into())).or_default().fn_ += 1;
        }
    }
    s
}

impl fmt::Display for Score {
    /// The layout of `score.py`'s text report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (kind, c) in &self.per_kind {
            writeln!(f, "{kind:10} P={:.3} R={:.3} F1={:.3}", c.precision(), c.recall(), c.f1())?;
        }
        let o = &self.overall;
        writeln!(f, "articles={} tp={} fp={} fn={}", self.articles, o.tp, o.fp, o.fn_)?;
        write!(f, "precision={:.3} recall={:.3} f1={:.3}", o.precision(), o.recall(), o.f1())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClaimKind, Indicator, Measure};

    fn claim(article: &str, country: &str, partner: &str, kind: ClaimKind, value: f64) -> Claim {
        Claim {
            claim_id: String::new(), article_id: article.into(), published: None, source: "".into(),
            indicator: Indicator::TradeTurnover, country: country.to_string().into(), partner: Some(partner.to_string().into()),
            kind, measure: Measure::Level, value, unit: "USD".into(), period: None, deadline: None,
            approx: false, evidence: String::new(), span_start: 0, span_end: 0,
        }
    }

    const GOLD: &str = r#"{"id": "a", "claims": [{"indicator": "trade_turnover", "country": "KAZ", "partner": "KGZ", "kind": "actual", "value": 2000000000, "unit": "USD", "period": null, "deadline": null}, {"indicator": "trade_turnover", "country": "KAZ", "partner": "KGZ", "kind": "target", "value": 3000000000, "unit": "USD", "deadline": "2030"}]}
{"id": "b", "claims": []}"#;

    #[test]
    fn matches_unordered_pairs_within_half_a_percent_once() {
        let gold = parse_gold(Path::new("g.jsonl"), GOLD).unwrap();
        let claims = [
            claim("a", "KGZ", "KAZ", ClaimKind::Actual, 2.009e9), // pair reversed, 0.45% off: a hit
            claim("a", "KAZ", "KGZ", ClaimKind::Actual, 2.0e9),   // the gold claim is used up: FP
            claim("a", "KAZ", "KGZ", ClaimKind::Target, 3.0e9),   // deadline differs: FP
            claim("b", "KAZ", "KGZ", ClaimKind::Actual, 1.0),     // nothing in gold: FP
            claim("zzz", "KAZ", "KGZ", ClaimKind::Actual, 1.0),   // not a gold article: ignored
        ];
        let s = score(&gold, &claims);
        assert_eq!(s.overall, Counts { tp: 1, fp: 3, fn_: 1 });
        assert_eq!(s.per_kind["actual"], Counts { tp: 1, fp: 2, fn_: 0 });
        assert_eq!(s.per_kind["target"], Counts { tp: 0, fp: 1, fn_: 1 });
        assert_eq!(s.to_string().lines().last(), Some("precision=0.250 recall=0.500 f1=0.333"));
    }

    #[test]
    fn a_broken_gold_line_is_named() {
        let err = parse_gold(Path::new("g.jsonl"), "{\"id\": \"a\"}\n{oops").unwrap_err();
        assert!(err.to_string().starts_with("g.jsonl:2: invalid gold record"), "{err}");
    }
}
