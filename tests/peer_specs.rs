//! Peer conformance: Microsoft Recognizers-Text's English spec files run through
//! our number and money layers.
//!
//! The folder comes from `ECONTRACK_PEER_SPECS` (the folder holding
//! `recognizers-text/`; see its README for the JSON shape and the scope rules,
//! which are applied here in code). Unset: the test says so and passes. Set to
//! a missing folder: it fails.
//!
//! A case passes when every in-scope expected span is overlapped by one of ours
//! with the same value (relative 1e-9) and, for money, the same currency; a case
//! expecting nothing passes when we find nothing. Known gaps are listed with a
//! reason in `tests/fixtures/peer-specs-known-gaps.tsv`: they count as failures,
//! and each must still fail (a fixed gap is taken off the list).
//!
//! NumberRangeModel is counted and skipped: our layers have no range token
//! (bounds and "more than" hedges are read by the claim layer, not here).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use econtrack::extract::money::{Unit, amounts};
use econtrack::extract::number::{Lang, numbers};
use serde::Deserialize;
use serde_json::Value;

/// The share of in-scope cases (gaps counted as failures) that must pass.
const PASS_FLOOR: f64 = 0.97;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Case {
    input: String,
    results: Vec<Expected>,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "PascalCase")]
struct Expected {
    text: String,
    resolution: Value,
    start: Option<usize>,
    end: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Model {
    Number,
    Percent,
    Currency,
}

/// One span of ours, in char offsets (end exclusive), with its value and currency.
struct Found {
    start: usize,
    end: usize,
    value: f64,
    currency: Option<&'static str>,
}

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn ours(model: Model, input: &str) -> Vec<Found> {
    let to_found = |s: usize, e: usize, value: f64, currency| Found {
        start: char_offset(input, s),
        end: char_offset(input, e),
        value,
        currency,
    };
    match model {
        Model::Number => numbers(input, Lang::En)
            .into_iter()
            .map(|n| to_found(n.start, n.end, n.value, None))
            .collect(),
        Model::Percent => amounts(input, Lang::En)
            .into_iter()
            .filter(|a| a.unit == Unit::Percent)
            .map(|a| to_found(a.start, a.end, a.value, None))
            .collect(),
        Model::Currency => amounts(input, Lang::En)
            .into_iter()
            .filter_map(|a| match a.unit {
                Unit::Currency(c) => Some(to_found(a.start, a.end, a.value, Some(c))),
                Unit::Percent => None,
            })
            .collect(),
    }
}

fn str_field<'a>(r: &'a Expected, key: &str) -> Option<&'a str> {
    r.resolution.get(key).and_then(Value::as_str)
}

/// Why an expected result is out of scope (README rules), or `None` when in scope.
fn out_of_scope(model: Model, r: &Expected) -> Option<&'static str> {
    let text = r.text.to_lowercase();
    let has_word = |w: &str| text.split(|c: char| !c.is_alphanumeric()).any(|t| t == w);
    match model {
        Model::Number => {
            let subtype = str_field(r, "subtype").unwrap_or("");
            if subtype == "power" {
                return Some("power");
            }
            if text.contains("dozen") {
                return Some("dozen");
            }
            let scaled_half = (has_word("half") || has_word("quarter"))
                && ["million", "billion", "trillion"].iter().any(|s| text.contains(s));
            if subtype == "fraction" && !scaled_half {
                return Some("fraction without a scale word");
            }
            None
        }
        Model::Percent => match r.resolution.get("value") {
            None | Some(Value::Null) => Some("bare percent word"),
            Some(Value::String(s)) if s == "null" => Some("bare percent word"),
            _ => None,
        },
        Model::Currency => {
            const UNITS: &[&str] = &[
                "Cent", "Pence", "Penny", "Sen", "Satoshi", "Bitcoin",
                "Finnish markka", "Netherlands guilder", "Peseta", "Franc",
            ];
            if str_field(r, "unit").is_some_and(|u| UNITS.contains(&u)) {
                return Some("sub-unit, crypto or pre-euro currency");
            }
            if matches!(r.resolution.get("value"), None | Some(Value::Null)) {
                return Some("bare currency word");
            }
            if ["cent", "pence", "penny"].iter().any(|w| text.contains(w)) || has_word("and") {
                return Some("sub-unit compound");
            }
            None
        }
    }
}

/// The ISO code an expected currency result names, when it names one.
fn expected_currency(r: &Expected) -> Option<&str> {
    if let Some(iso) = str_field(r, "isoCurrency") {
        return Some(iso);
    }
    Some(match str_field(r, "unit")? {
        "Dollar" | "United States dollar" => "USD",
        "Euro" => "EUR",
        "Pound" | "British pound" => "GBP",
        "Chinese yuan" => "CNY",
        "Japanese yen" => "JPY",
        "Rupee" | "Indian rupee" => "INR",
        _ => return None,
    })
}

fn expected_value(model: Model, r: &Expected) -> Option<f64> {
    let v = r.resolution.get("value")?.as_str()?;
    let v = if model == Model::Percent { v.trim_end_matches('%') } else { v };
    v.parse().ok()
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
}

/// True when the in-scope expected results of a case are all found (or, for a
/// case expecting nothing, when nothing is found).
fn case_passes(model: Model, input: &str, expected: &[Expected], negative: bool) -> bool {
    let found = ours(model, input);
    if negative {
        return found.is_empty();
    }
    expected.iter().all(|r| {
        let (Some(s), Some(e), Some(v)) = (r.start, r.end, expected_value(model, r)) else {
            return false;
        };
        let want_cur = if model == Model::Currency { expected_currency(r) } else { None };
        found.iter().any(|f| {
            f.start <= e
                && s < f.end
                && same_value(f.value, v)
                && (want_cur.is_none() || f.currency.is_none() || f.currency == want_cur)
        })
    })
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    gaps: usize,
    skipped: BTreeMap<&'static str, usize>,
}

impl Tally {
    fn in_scope(&self) -> usize {
        self.passed + self.failed + self.gaps
    }
}

/// Known gaps: (file, input) -> reason.
fn known_gaps() -> BTreeMap<(String, String), String> {
    let path = crate::fixture("peer-specs-known-gaps.tsv");
    let data = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut gaps = BTreeMap::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, input, reason] = cols[..] else {
            panic!("{}:{}: expected `file<TAB>input<TAB>reason`, found {line:?}", path.display(), n + 1);
        };
        assert!(!reason.trim().is_empty(), "{}:{}: a gap needs a reason", path.display(), n + 1);
        let old = gaps.insert((file.to_string(), input.to_string()), reason.to_string());
        assert!(old.is_none(), "{}:{}: listed twice", path.display(), n + 1);
    }
    gaps
}

fn run_file(
    root: &Path,
    rel: &str,
    model: Model,
    gaps: &mut BTreeMap<(String, String), String>,
    problems: &mut Vec<String>,
) -> Tally {
    let path = root.join("recognizers-text").join(rel);
    let data = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let cases: Vec<Case> = serde_json::from_str(data.trim_start_matches('\u{feff}'))
        .unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()));
    let file = rel.rsplit('/').next().unwrap_or(rel).to_string();
    let mut t = Tally::default();
    for case in &cases {
        let negative = case.results.is_empty();
        let mut kept = Vec::new();
        let mut why = None;
        for r in &case.results {
            match out_of_scope(model, r) {
                Some(reason) => why = Some(reason),
                None => kept.push(r.clone()),
            }
        }
        if !negative && kept.is_empty() {
            *t.skipped.entry(why.unwrap_or("out of scope")).or_default() += 1;
            continue;
        }
        let pass = case_passes(model, &case.input, &kept, negative);
        let gap = gaps.remove(&(file.clone(), case.input.clone()));
        match (pass, gap) {
            (true, Some(reason)) => {
                t.passed += 1;
                problems.push(format!("{file}: {:?} passes now; take it off the gap list ({reason})", case.input));
            }
            (true, None) => t.passed += 1,
            (false, Some(_)) => t.gaps += 1,
            (false, None) => {
                t.failed += 1;
                let got: Vec<String> = ours(model, &case.input)
                    .iter()
                    .map(|f| format!("[{}..{}) {} {:?}", f.start, f.end, f.value, f.currency))
                    .collect();
                problems.push(format!(
                    "{file}: {:?} failed: want {:?}, got {got:?}",
                    case.input,
                    kept.iter().map(|r| (&r.text, &r.resolution)).collect::<Vec<_>>()
                ));
            }
        }
    }
    println!(
        "peer specs: {file}: {} of {} in-scope cases pass ({} failed, {} known gaps); skipped {:?}",
        t.passed,
        t.in_scope(),
        t.failed,
        t.gaps,
        t.skipped
    );
    t
}

fn specs_root() -> Option<PathBuf> {
    let root = PathBuf::from(std::env::var_os("ECONTRACK_PEER_SPECS")?);
    assert!(
        root.join("recognizers-text").is_dir(),
        "ECONTRACK_PEER_SPECS={}: no `recognizers-text/` folder there; point it at the folder holding the spec files",
        root.display()
    );
    Some(root)
}

#[test]
fn peer_specs_pass_rate() {
    let Some(root) = specs_root() else {
        println!("peer specs: skipped, ECONTRACK_PEER_SPECS is not set");
        return;
    };
    let mut gaps = known_gaps();
    let mut problems = Vec::new();
    let files = [
        ("Number/English/NumberModel.json", Model::Number),
        ("Number/English/PercentModel.json", Model::Percent),
        ("NumberWithUnit/English/CurrencyModel.json", Model::Currency),
    ];
    let (mut passed, mut total) = (0, 0);
    for (rel, model) in files {
        let t = run_file(&root, rel, model, &mut gaps, &mut problems);
        passed += t.passed;
        total += t.in_scope();
    }
    let ranges = root.join("recognizers-text/Number/English/NumberRangeModel.json");
    let n_ranges = std::fs::read_to_string(&ranges)
        .ok()
        .and_then(|d| serde_json::from_str::<Vec<Value>>(d.trim_start_matches('\u{feff}')).ok())
        .map_or(0, |v| v.len());
    println!("peer specs: NumberRangeModel.json: {n_ranges} cases skipped, no range token in our layers");
    for p in &problems {
        println!("peer specs: {p}");
    }
    for ((file, input), reason) in &gaps {
        problems.push(format!("gap list: {file}: {input:?} ({reason}) is no in-scope case of that file"));
    }
    let rate = passed as f64 / total.max(1) as f64;
    println!("peer specs: total {passed} of {total} in-scope cases pass ({:.1}%)", 100.0 * rate);
    let stale: Vec<_> = problems.iter().filter(|p| p.contains("gap list") || p.contains("passes now")).collect();
    assert!(stale.is_empty(), "the known-gap list is stale:\n{stale:#?}");
    assert!(rate >= PASS_FLOOR, "peer specs: {passed} of {total} pass ({:.1}%), below {PASS_FLOOR}", 100.0 * rate);
}
