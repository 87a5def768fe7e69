//! The command line: exit codes, outputs and error messages.

use std::fs;

use econtrack::export::read_claims;
use econtrack::{ClaimKind, Indicator};

use crate::{econtrack, fixture, stderr, stdout};

#[test]
fn help_lists_every_command() {
    let out = econtrack(crate::repo(), &["--help"]);
    assert!(out.status.success());
    for cmd in ["run", "extract", "series", "chart", "export", "eval"] {
        assert!(stdout(&out).contains(&format!("  {cmd} ")), "{cmd} missing from help");
    }
}

#[test]
fn extract_writes_the_claims_header_in_design_order() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("claims.csv");
    let out = econtrack(dir.path(), &["extract", fixture("dev/articles/kzkg-2026-02-13.txt").to_str().unwrap(), "-o", "claims.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(&csv).unwrap();
    assert_eq!(
        text.lines().next(),
        Some("claim_id,article_id,published,source,indicator,country,partner,kind,measure,value,unit,period,deadline,approx,evidence,span_start,span_end")
    );
    assert!(stderr(&out).contains("from 1 articles"), "{}", stderr(&out));
}

/// The seed meeting: about $2 billion reached, $3 billion the aim.
#[test]
fn seed_meeting_gives_the_actual_and_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let out = econtrack(dir.path(), &["extract", fixture("dev/articles/kzkg-2026-02-13.txt").to_str().unwrap(), "-o", "c.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let claims = read_claims(&dir.path().join("c.jsonl")).unwrap();
    let pair_ok = |c: &econtrack::Claim| {
        let mut p = [&*c.country, c.partner.as_deref().unwrap_or("")];
        p.sort();
        p == ["KAZ", "KGZ"]
    };
    let find = |kind: ClaimKind, value: f64| {
        claims.iter().find(|c| c.indicator == Indicator::TradeTurnover && c.kind == kind && pair_ok(c) && (c.value - value).abs() < 1.0)
    };
    let actual = find(ClaimKind::Actual, 2e9).expect("a $2bn actual");
    assert!(actual.approx, "\"some $2 billion\" is hedged");
    assert_eq!(actual.unit, "USD");
    let target = find(ClaimKind::Target, 3e9).expect("a $3bn target");
    assert!(target.evidence.contains("$3 billion"), "{}", target.evidence);
}

#[test]
fn bad_inputs_are_named_and_skipped_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mixed = fixture("mixed");
    let out = econtrack(dir.path(), &["extract", mixed.to_str().unwrap(), "-o", "c.csv"]);
    assert!(out.status.success(), "exit 0 without --strict: {}", stderr(&out));
    let err = stderr(&out);
    for needle in [
        "empty.txt: empty file, expected an article",
        "invalid-utf8.txt: byte 17: invalid UTF-8",
        "unclosed-front-matter.txt:4: front matter: expected `key: value` or a closing `---`",
        "bad-date.txt:3: `published` must be YYYY-MM-DD, found \"24 May 2024\"",
        "dump.jsonl:2: invalid JSON",
        "5 inputs skipped",
    ] {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    assert!(!err.contains("notes.bin"), "files of other types inside folders are passed over");
    let claims = read_claims(&dir.path().join("c.csv")).unwrap();
    let articles: std::collections::BTreeSet<&str> = claims.iter().map(|c| &*c.article_id).collect();
    assert!(articles.contains("good-seed-meeting"), "{articles:?}");
    assert!(articles.contains("jsonl-good"), "{articles:?}");

    let strict = econtrack(dir.path(), &["extract", mixed.to_str().unwrap(), "-o", "c2.csv", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(dir.path().join("c2.csv").exists(), "the good claims are still written");
}

#[test]
fn an_unknown_output_format_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = econtrack(dir.path(), &["extract", fixture("mixed").to_str().unwrap(), "-o", "claims.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("claims.xlsx: unknown table format \"xlsx\", expected a .csv, .parquet or .jsonl file"), "{}", stderr(&out));
}

#[test]
fn run_without_articles_says_which_folder_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out = econtrack(dir.path(), &["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("data/articles: no such folder"), "{}", stderr(&out));
}

#[test]
fn claims_round_trip_through_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let articles = fixture("dev/articles");
    let mut tables = Vec::new();
    for name in ["c.csv", "c.parquet", "c.jsonl"] {
        let out = econtrack(dir.path(), &["extract", articles.to_str().unwrap(), "-o", name]);
        assert!(out.status.success(), "{}", stderr(&out));
        tables.push(read_claims(&dir.path().join(name)).unwrap());
    }
    assert!(!tables[0].is_empty());
    assert_eq!(tables[0], tables[1], "CSV and Parquet hold the same claims");
    assert_eq!(tables[0], tables[2], "CSV and JSONL hold the same claims");
}

#[test]
fn series_chart_and_export_read_a_claims_table() {
    let dir = tempfile::tempdir().unwrap();
    let articles = crate::repo().join("data/articles");
    let out = econtrack(dir.path(), &["extract", articles.to_str().unwrap(), "-o", "claims.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = econtrack(dir.path(), &["series", "claims.csv", "-o", "s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in ["series.csv", "targets.csv", "progress.csv", "progress.parquet"] {
        assert!(dir.path().join("s").join(f).exists(), "{f}");
    }

    let out = econtrack(dir.path(), &["export", "claims.csv", "-o", "x", "--excel"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = fs::read(dir.path().join("x/claims.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}claim_id,".as_bytes()), "--excel starts with a byte-order mark");

    let out = econtrack(dir.path(), &["chart", "claims.csv", "-o", "ch", "--indicator", "trade_turnover", "--pair", "KGZ-KAZ"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&out);
    assert!(listed.contains("trade_turnover_KAZ-KGZ.png") && listed.contains("trade_turnover_KAZ-KGZ.svg"), "{listed}");

    let out = econtrack(dir.path(), &["chart", "claims.csv", "-o", "ch", "--pair", "XXX-YYY"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no tracked target matches"), "{}", stderr(&out));
}
