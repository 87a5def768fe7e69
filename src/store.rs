//! The claims store: `claims.parquet` in the output folder is the store of
//! record, and every `run` merges what it read into it.
//!
//! The rules, per article id:
//! - an article read in this run replaces every stored claim of its id (an
//!   edited article that now says less loses its old claims; one that now says
//!   nothing keeps none);
//! - an article not read in this run keeps its stored claims: a file that was
//!   skipped as broken, or moved away, loses nothing (`run --rebuild` starts
//!   from an empty store instead);
//! - claims are kept sorted by article id and span, so the same articles give
//!   the same bytes whatever order or batches they came in.
//!
//! The store is written like every claims table: to a temporary file beside
//! it, then renamed into place ([`crate::export::ClaimsWriter`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::error::Error;
use crate::spill::ClaimSpill;

/// What merging a run into the store did, counted in articles.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MergeCounts {
    /// Articles read now with no claims in the store before: new ones, and
    /// ones read before that gave no claim (the store keeps only claims).
    pub added: usize,
    /// Articles read now whose stored claims were replaced.
    pub replaced: usize,
    /// Stored articles not read now, kept as they were.
    pub kept: usize,
}

/// Reads the store into `spill` and returns the ids of the articles in it; a
/// missing store is an empty one. A store that exists but cannot be read is an
/// error, never silently replaced. The store is read a slice of rows at a
/// time, so its size does not count against memory.
pub fn load_into(path: &Path, spill: &mut ClaimSpill) -> Result<BTreeSet<String>, Error> {
    let mut ids = BTreeSet::new();
    if !path.exists() {
        return Ok(ids);
    }
    crate::export::read_claims_in_slices(path, |claims| {
        for c in claims {
            if !ids.contains(&c.article_id) {
                ids.insert(c.article_id.clone());
            }
            spill.push_stored(c)?;
        }
        Ok(())
    })?;
    Ok(ids)
}

/// Merges the articles read now (the keys of `read`, including those that
/// gave no claim; their claims already pushed to `spill`) with the stored ones
/// (ids `stored_ids`), by the rules in the module doc, and puts the claims in
/// the store's order.
pub fn merge<V>(spill: &mut ClaimSpill, stored_ids: &BTreeSet<String>, read: &BTreeMap<String, V>) -> MergeCounts {
    let replaced = read.keys().filter(|id| stored_ids.contains(*id)).count();
    let counts = MergeCounts {
        added: read.len() - replaced,
        replaced,
        kept: stored_ids.iter().filter(|id| !read.contains_key(*id)).count(),
    };
    spill.drop_stored(|id| read.contains_key(id));
    spill.sort();
    counts
}

/// Removes temporary files that an interrupted earlier run left in `dir`
/// (see [`crate::export::write_atomic`] and the charts), when the process
/// that wrote them is gone. Returns how many were removed.
pub fn remove_stale_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(pid) = temp_file_pid(&name) else { continue };
        if pid != std::process::id() && !process_alive(pid) && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The writer's pid in a temporary file name: `.<name>.<pid>.tmp` for tables,
/// `.<stem>.<pid>.tmp.<ext>` for charts (the extension picks the encoder).
fn temp_file_pid(name: &str) -> Option<u32> {
    let parts: Vec<&str> = name.strip_prefix('.')?.split('.').collect();
    let tmp = parts.iter().rposition(|p| *p == "tmp")?;
    if tmp < 2 || tmp + 2 < parts.len() {
        return None;
    }
    parts[tmp - 1].parse().ok()
}

/// Whether a process with this pid runs. Where that cannot be told (no
/// `/proc`), it is taken to run, so nothing in use is removed.
fn process_alive(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Claim, ClaimKind, Indicator, Measure};

    fn claim(article: &str, span: u32, value: f64) -> Claim {
        Claim {
            claim_id: crate::claim::claim_id(article, span, span + 4),
            article_id: article.into(),
            published: None,
            source: String::new(),
            indicator: Indicator::TradeTurnover,
            country: "KAZ".into(),
            partner: Some("KGZ".into()),
            kind: ClaimKind::Actual,
            measure: Measure::Level,
            value,
            unit: "USD".into(),
            period: Some("2023".into()),
            deadline: None,
            approx: false,
            evidence: format!("{article} {span}"),
            span_start: span,
            span_end: span + 4,
        }
    }

    fn ids(claims: &[Claim]) -> Vec<(String, u32)> {
        claims.iter().map(|c| (c.article_id.clone(), c.span_start)).collect()
    }

    /// One run's merge through a spill, as `run` does it.
    fn run_merge(dir: &Path, stored: &[Claim], read: &[&str], fresh: &[Claim]) -> (Vec<Claim>, MergeCounts) {
        let mut spill = ClaimSpill::create(dir).unwrap();
        let mut stored_ids = BTreeSet::new();
        for c in stored {
            stored_ids.insert(c.article_id.clone());
            spill.push_stored(c).unwrap();
        }
        for c in fresh {
            spill.push(c).unwrap();
        }
        let read: BTreeMap<String, ()> = read.iter().map(|s| (s.to_string(), ())).collect();
        let counts = merge(&mut spill, &stored_ids, &read);
        let mut merged = Vec::new();
        spill
            .for_each_batch(2, |b| {
                merged.extend_from_slice(b);
                Ok(())
            })
            .unwrap();
        (merged, counts)
    }

    #[test]
    fn a_read_article_replaces_its_claims_and_the_rest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stored = [claim("b", 10, 1.0), claim("a", 5, 1.0), claim("a", 50, 1.0), claim("c", 1, 1.0)];
        // "a" was edited: one claim now, at a new place; "b" now says nothing;
        // "d" is new; "c" was not read (skipped or moved) and stays.
        let fresh = [claim("d", 3, 2.0), claim("a", 7, 2.0)];
        let (merged, counts) = run_merge(dir.path(), &stored, &["a", "b", "d"], &fresh);
        assert_eq!(ids(&merged), [("a".into(), 7), ("c".into(), 1), ("d".into(), 3)]);
        assert_eq!(counts, MergeCounts { added: 1, replaced: 2, kept: 1 });
        assert_eq!(merged[0].value, 2.0);
    }

    #[test]
    fn merging_the_same_articles_again_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = [claim("b", 9, 1.0), claim("a", 30, 1.0), claim("a", 2, 1.0)];
        let (first, _) = run_merge(dir.path(), &[], &["a", "b"], &fresh);
        let (second, counts) = run_merge(dir.path(), &first, &["a", "b"], &fresh);
        assert_eq!(first, second);
        assert_eq!(counts, MergeCounts { added: 0, replaced: 2, kept: 0 });
        // Batches in any order end in the same store.
        let (one, _) = run_merge(dir.path(), &[], &["b"], &[claim("b", 9, 1.0)]);
        let (both, _) = run_merge(dir.path(), &one, &["a"], &[claim("a", 2, 1.0), claim("a", 30, 1.0)]);
        assert_eq!(both, first);
    }

    #[test]
    fn stale_temp_files_of_dead_writers_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let own = format!(".claims.csv.{}.tmp", std::process::id());
        // pid 4194304 is above Linux's pid_max, so no process has it.
        let names = [".claims.parquet.4194304.tmp", ".overview.4194304.tmp.png", own.as_str(), "claims.csv", ".hidden", "x.4194304.tmp", ".a.4194304.tmp.b.c"];
        for name in names {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        let removed = remove_stale_temp_files(dir.path());
        let mut left: Vec<String> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        if Path::new("/proc/self").exists() {
            assert_eq!(removed, 2);
            assert_eq!(left, [".a.4194304.tmp.b.c", own.as_str(), ".hidden", "claims.csv", "x.4194304.tmp"]);
        } else {
            assert_eq!(removed, 0);
        }
    }

    #[test]
    fn a_missing_store_is_empty_and_a_broken_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = ClaimSpill::create(dir.path()).unwrap();
        assert!(load_into(&dir.path().join("claims.parquet"), &mut spill).unwrap().is_empty());
        assert!(spill.is_empty());
        let broken = dir.path().join("claims.parquet");
        fs::write(&broken, b"PAR1 not really").unwrap();
        let err = load_into(&broken, &mut spill).unwrap_err().to_string();
        assert!(err.contains("claims.parquet"), "{err}");
    }
}
