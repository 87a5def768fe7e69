//! Accuracy on our dev corpus (a copy in tests/fixtures/dev), with a floor
//! that only moves up.

use std::fs;

use econtrack::eval::{parse_gold, score};
use econtrack::extract::extract_claims;
use econtrack::ingest::read_inputs;

use crate::fixture;

/// The F1 the extractor reached when this floor was last raised.
const F1_FLOOR: f64 = 0.0;

#[test]
fn dev_corpus_f1_stays_above_the_floor() {
    let gold_path = fixture("dev/gold.jsonl");
    let gold = parse_gold(&gold_path, &fs::read_to_string(&gold_path).unwrap()).unwrap();
    let ingested = read_inputs(&[fixture("dev/articles")]);
    assert!(ingested.skipped.is_empty(), "{:?}", ingested.skipped);
    assert_eq!(ingested.articles.len(), 45);
    let claims: Vec<_> = ingested.articles.iter().flat_map(extract_claims).collect();
    let s = score(&gold, &claims);
    println!("{s}");
    assert!(s.overall.f1() >= F1_FLOOR, "F1 {:.3} fell below the floor {F1_FLOOR}\n{s}", s.overall.f1());
}

#[test]
fn eval_command_prints_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::econtrack(
        dir.path(),
        &["eval", "--gold", fixture("dev/gold.jsonl").to_str().unwrap(), "--articles", fixture("dev/articles").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", crate::stderr(&out));
    let text = crate::stdout(&out);
    assert!(text.contains("articles=45 "), "{text}");
    assert!(text.lines().last().is_some_and(|l| l.starts_with("precision=")), "{text}");
}
