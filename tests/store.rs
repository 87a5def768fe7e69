//! The store of record (`data/claims.parquet`): a second run changes no byte,
//! an edited article replaces its own claims, a new one adds its own, nothing
//! stored is lost to a skipped file, a broken store, or a kill mid-write.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use econtrack::export::read_claims;
use econtrack::{Claim, synth};

use crate::{econtrack, repo, stderr};

/// `econtrack run` over `articles`, with tables in `<dir>/data` and charts in `<dir>/charts`.
fn run(dir: &Path, articles: &Path, extra: &[&str]) -> Output {
    let (data, charts) = (dir.join("data"), dir.join("charts"));
    let mut args = vec!["run", "--articles", articles.to_str().unwrap(), "--out", data.to_str().unwrap()];
    args.extend(["--charts", charts.to_str().unwrap()]);
    args.extend(extra);
    econtrack(dir, &args)
}

/// Every file under `<dir>/data` and `<dir>/charts`, by relative path.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for sub in ["data", "charts"] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else { continue };
        for entry in entries.map(Result::unwrap) {
            let name = format!("{sub}/{}", entry.file_name().to_string_lossy());
            files.insert(name, fs::read(entry.path()).unwrap());
        }
    }
    files
}

fn copy_sample(to: &Path) -> PathBuf {
    let articles = to.join("articles");
    fs::create_dir_all(&articles).unwrap();
    for entry in fs::read_dir(repo().join("data/articles")).unwrap().map(Result::unwrap) {
        fs::copy(entry.path(), articles.join(entry.file_name())).unwrap();
    }
    articles
}

fn stored(dir: &Path) -> Vec<Claim> {
    read_claims(&dir.join("data/claims.parquet")).unwrap()
}

fn claims_of<'a>(claims: &'a [Claim], article: &str) -> Vec<&'a Claim> {
    claims.iter().filter(|c| &*c.article_id == article).collect()
}

/// A trade article of our generator, as a text file body with front matter.
fn synthetic_trade_text(index_from: usize) -> String {
    let a = (index_from..).map(|i| synth::article(11, i)).find(|a| a.text.contains("billion")).unwrap();
    format!("---\ntitle: {}\npublished: {}\n---\n{}", a.title, a.published.unwrap(), a.text)
}

#[test]
fn running_again_over_the_same_articles_changes_no_byte() {
    let dir = tempfile::tempdir().unwrap();
    let articles = copy_sample(dir.path());
    let first = run(dir.path(), &articles, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = outputs(dir.path());
    assert!(before.contains_key("data/claims.parquet") && before.contains_key("charts/overview.png"), "{:?}", before.keys());
    let second = run(dir.path(), &articles, &[]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("23 replacing their stored claims, 0 with none stored"), "{}", stderr(&second));
    let after = outputs(dir.path());
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    for (name, bytes) in &before {
        assert!(after[name] == *bytes, "{name} changed on a second run over the same articles");
    }
}

#[test]
fn edited_articles_replace_their_claims_new_ones_add_and_nothing_else_moves() {
    let dir = tempfile::tempdir().unwrap();
    let articles = copy_sample(dir.path());
    assert!(run(dir.path(), &articles, &[]).status.success());
    let original = stored(dir.path());
    let (edited, skipped, removed) = ("kzuz-2024-08-08", "kzru-2024-11-27", "tjuz-2018-03-09");
    for id in [edited, skipped, removed] {
        assert!(!claims_of(&original, id).is_empty(), "{id} has claims in the sample");
    }

    // One article rewritten, one new, one broken (it must keep its stored
    // claims), one moved away (kept too, until --rebuild).
    fs::write(articles.join(format!("{edited}.txt")), synthetic_trade_text(0)).unwrap();
    fs::write(articles.join("zz-new-article.txt"), synthetic_trade_text(100)).unwrap();
    fs::write(articles.join(format!("{skipped}.txt")), b"---\ntitle: broken\n\xff\xfe\x00 not text").unwrap();
    fs::remove_file(articles.join(format!("{removed}.txt"))).unwrap();
    let out = run(dir.path(), &articles, &[]);
    assert!(out.status.success(), "exit 0 without --strict: {}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{skipped}.txt")), "the broken file is named: {}", stderr(&out));
    assert!(stderr(&out).contains("with none stored") && stderr(&out).contains(", 1 with none stored"), "{}", stderr(&out));
    let now = stored(dir.path());

    let fresh_edited = claims_of(&now, edited);
    assert!(!fresh_edited.is_empty());
    assert!(fresh_edited.iter().all(|c| !claims_of(&original, edited).contains(c)), "no old claim of the edited article is left");
    assert!(fresh_edited.iter().any(|c| c.evidence.contains("aim to raise it")), "{fresh_edited:?}");
    assert!(!claims_of(&now, "zz-new-article").is_empty(), "the new article's claims are added");
    for id in [skipped, removed] {
        assert_eq!(claims_of(&now, id), claims_of(&original, id), "{id}: stored claims are kept");
    }
    let untouched = |claims: &[Claim]| -> Vec<Claim> {
        claims.iter().filter(|c| ![edited, "zz-new-article"].contains(&&*c.article_id)).cloned().collect()
    };
    assert_eq!(untouched(&now), untouched(&original), "every other claim is as it was");
    let csv = read_claims(&dir.path().join("data/claims.csv")).unwrap();
    assert_eq!(csv.len(), now.len(), "claims.csv is the store's table");

    // --rebuild drops what is no longer read: the moved article and the broken one.
    let out = run(dir.path(), &articles, &["--rebuild", "--strict"]);
    assert!(!out.status.success(), "--strict fails on the broken file");
    let rebuilt = stored(dir.path());
    assert!(claims_of(&rebuilt, removed).is_empty() && claims_of(&rebuilt, skipped).is_empty());
    assert!(!claims_of(&rebuilt, edited).is_empty());
}

#[test]
fn a_store_that_cannot_be_read_stops_the_run_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let articles = copy_sample(dir.path());
    let store = dir.path().join("data/claims.parquet");
    fs::create_dir_all(store.parent().unwrap()).unwrap();
    fs::write(&store, b"not a parquet file").unwrap();
    let out = run(dir.path(), &articles, &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("claims.parquet") && err.contains("--rebuild"), "{err}");
    assert_eq!(fs::read(&store).unwrap(), b"not a parquet file");
    assert!(!dir.path().join("data/claims.csv").exists(), "nothing is written");
}

/// Kills `run` at many moments, from early on to just past the end (the
/// writes of the store, the tables and the charts come last), and checks after
/// each kill that every table and chart is whole: byte for byte the previous
/// run's file or the next one's, never a mix or a truncated file. Then a clean
/// run finishes the job and clears the killed writers' temporary files.
#[test]
fn killing_a_run_mid_write_leaves_every_table_whole() {
    let dir = tempfile::tempdir().unwrap();
    let articles = copy_sample(dir.path());
    let first = run(dir.path(), &articles, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let old = outputs(dir.path());

    // The next state: an edited article and a new one (a new pair, so a new
    // chart), computed in a separate folder from the same store and inputs.
    fs::write(articles.join("kzuz-2024-08-08.txt"), synthetic_trade_text(0)).unwrap();
    fs::write(articles.join("zz-new-article.txt"), synthetic_trade_text(100)).unwrap();
    let reference = tempfile::tempdir().unwrap();
    fs::create_dir_all(reference.path().join("data")).unwrap();
    fs::copy(dir.path().join("data/claims.parquet"), reference.path().join("data/claims.parquet")).unwrap();
    let started = Instant::now();
    assert!(run(reference.path(), &articles, &[]).status.success());
    let full = started.elapsed();
    let new = outputs(reference.path());
    assert_ne!(old["data/claims.parquet"], new["data/claims.parquet"]);

    let exe = env!("CARGO_BIN_EXE_econtrack");
    let (data, charts) = (dir.path().join("data"), dir.path().join("charts"));
    let mut leftovers = 0;
    for step in 0..10u32 {
        let delay = full.mul_f64(0.2 + 0.09 * f64::from(step));
        let mut child = Command::new(exe)
            .args(["run", "--articles", articles.to_str().unwrap(), "--out", data.to_str().unwrap()])
            .args(["--charts", charts.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        for (name, bytes) in outputs(dir.path()) {
            if name.rsplit('/').next().unwrap().starts_with('.') {
                leftovers += 1; // a temporary file of the killed writer
                continue;
            }
            let whole = old.get(&name) == Some(&bytes) || new.get(&name) == Some(&bytes);
            assert!(whole, "after a kill at {delay:?}, {name} is neither the old nor the new file");
        }
        assert!(read_claims(&data.join("claims.parquet")).is_ok());
    }
    let last = run(dir.path(), &articles, &[]);
    assert!(last.status.success(), "{}", stderr(&last));
    let after = outputs(dir.path());
    assert_eq!(after.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>(), "no temporary file is left ({leftovers} were seen)");
    for (name, bytes) in &new {
        assert!(after[name] == *bytes, "{name}: a clean run after the kills ends where an uninterrupted one does");
    }
}

/// A second input that repeats an article id is skipped and named, so no
/// claim is stored twice.
#[test]
fn a_repeated_article_id_is_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let articles = copy_sample(dir.path());
    let sub = articles.join("zz-copies");
    fs::create_dir_all(&sub).unwrap();
    fs::copy(articles.join("kzkg-2026-02-13.txt"), sub.join("kzkg-2026-02-13.txt")).unwrap();
    let out = run(dir.path(), &articles, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("zz-copies/kzkg-2026-02-13.txt") && err.contains("already read from"), "{err}");
    let claims = stored(dir.path());
    let mut ids: Vec<&str> = claims.iter().map(|c| c.claim_id.as_str()).collect();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "claim ids are unique");
    let sample = tempfile::tempdir().unwrap();
    let sample_articles = copy_sample(sample.path());
    assert!(run(sample.path(), &sample_articles, &[]).status.success());
    assert_eq!(claims, stored(sample.path()), "the copy added nothing");
}
