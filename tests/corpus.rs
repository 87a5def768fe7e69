//! Accuracy on our annotated corpora, with floors that only move up.
//!
//! `dev` (a copy of the dev corpus) is what the extractor was tuned on.
//! `dev2` was written and annotated without looking at the extractor, to
//! measure how well its rules carry over to articles it has not seen.
//! `holdout` plays that role now: score it, never tune on it.

use std::fs;

use econtrack::eval::{Score, parse_gold, score};
use econtrack::extract::extract_claims;
use econtrack::ingest::read_inputs;

use crate::fixture;

/// The F1 the extractor reached on each corpus when the floor was last raised.
const DEV_F1_FLOOR: f64 = 1.0;
const DEV2_F1_FLOOR: f64 = 0.965;
const HOLDOUT_F1_FLOOR: f64 = 0.651;

fn score_corpus(name: &str, n_articles: usize) -> Score {
    let gold_path = fixture(&format!("{name}/gold.jsonl"));
    let gold = parse_gold(&gold_path, &fs::read_to_string(&gold_path).unwrap()).unwrap();
    let ingested = read_inputs(&[fixture(&format!("{name}/articles"))]);
    assert!(ingested.skipped.is_empty(), "{:?}", ingested.skipped);
    assert_eq!(ingested.articles.len(), n_articles);
    assert_eq!(gold.len(), n_articles, "one gold line per article");
    let claims: Vec<_> = ingested.articles.iter().flat_map(extract_claims).collect();
    let s = score(&gold, &claims);
    println!("{name}:\n{s}");
    s
}

#[test]
fn dev_corpus_f1_stays_above_the_floor() {
    let s = score_corpus("dev", 45);
    assert!(s.overall.f1() >= DEV_F1_FLOOR - 1e-9, "F1 {:.3} fell below {DEV_F1_FLOOR}\n{s}", s.overall.f1());
}

#[test]
fn dev2_corpus_f1_stays_above_the_floor() {
    let s = score_corpus("dev2", 16);
    assert!(s.overall.f1() >= DEV2_F1_FLOOR, "F1 {:.3} fell below {DEV2_F1_FLOOR}\n{s}", s.overall.f1());
}

#[test]
fn holdout_corpus_f1_stays_above_the_floor() {
    let s = score_corpus("holdout", 16);
    assert!(s.overall.f1() >= HOLDOUT_F1_FLOOR, "F1 {:.3} fell below {HOLDOUT_F1_FLOOR}\n{s}", s.overall.f1());
}

#[test]
fn eval_command_prints_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let gold = fixture("dev/gold.jsonl");
    let articles = fixture("dev/articles");
    let out = crate::econtrack(dir.path(), &["eval", "--gold", gold.to_str().unwrap(), "--articles", articles.to_str().unwrap()]);
    assert!(out.status.success(), "{}", crate::stderr(&out));
    let want = score_corpus("dev", 45).to_string();
    assert_eq!(crate::stdout(&out).trim_end(), want, "eval prints what the library scores");
}
