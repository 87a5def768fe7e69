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

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::commit::Staging;
use crate::{Claim, Origin};
use crate::error::{Error, Location};
use crate::spill::{Sorted, Spill, for_each_group};

/// What a run's claims spill holds. Sorted by [`entry_key`], each article's
/// entries come together: first the readings of its id, then its claims, stored
/// and new, by span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Entry {
    /// An article read in this run (with or without claims): the reading's
    /// number in input order, the number of the file it came from and where
    /// in that file it starts.
    Read { article: String, reading: u64, file: u32, origin: Origin },
    /// A claim from the store.
    Stored(Claim),
    /// A claim of an article read in this run, with the reading's number.
    Fresh { reading: u64, claim: Claim },
}

/// Article id; readings before claims; then the claim's span.
pub type EntryKey = (String, u8, u32, u32);

pub fn entry_key(e: &Entry) -> EntryKey {
    match e {
        Entry::Read { article, .. } => (article.clone(), 0, 0, 0),
        Entry::Stored(c) | Entry::Fresh { claim: c, .. } => (c.article_id.to_string(), 1, c.span_start, c.span_end),
    }
}

fn entry_article(e: &Entry) -> &str {
    match e {
        Entry::Read { article, .. } => article,
        Entry::Stored(c) | Entry::Fresh { claim: c, .. } => &c.article_id,
    }
}

/// A run's claims on their way into the store.
pub type ClaimSpill = Spill<Entry, EntryKey>;

/// Creates the claims spill of a run in `dir`.
pub fn claim_spill(dir: &Path) -> Result<ClaimSpill, Error> {
    Spill::create(dir, "claims-spill", entry_key)
}

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

/// A second reading of an article id: it is skipped, so no claim is stored twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub article: String,
    /// The file of the skipped reading and where in it the article starts,
    /// and the same of the first one.
    pub file: u32,
    pub origin: Origin,
    pub first_file: u32,
    pub first_origin: Origin,
}

/// Reads the store into `spill` and returns how many claims it holds; a
/// missing store is an empty one. A store that exists but cannot be read, or
/// does not match its checksum ([`digest_path`]), is an error, never silently
/// replaced. The store is read a slice of rows at a time, so its size does not
/// count against memory.
pub fn load_into(path: &Path, spill: &mut ClaimSpill) -> Result<usize, Error> {
    let mut n = 0;
    if !path.exists() {
        return Ok(n);
    }
    check_digest(path)?;
    crate::export::read_claims_in_slices(path, |claims| {
        n += claims.len();
        claims.iter().try_for_each(|c| spill.push(&Entry::Stored(c.clone())))
    })?;
    Ok(n)
}

/// The store's checksum file: `claims.parquet.sha256`, in the format of
/// `sha256sum`, so `sha256sum -c` checks it too. A store with no checksum
/// file (written by an older econtrack, or the file removed) is read as it is.
pub fn digest_path(store: &Path) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(".sha256");
    store.with_file_name(name)
}

/// The hex SHA-256 of a file, read a block at a time.
fn sha256_hex(path: &Path) -> Result<String, Error> {
    let mut file = fs::File::open(path).map_err(|e| Error::io(Location::file(path), e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(Location::file(path), e)),
        }
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Refuses a store whose bytes are not those its checksum file records.
fn check_digest(store: &Path) -> Result<(), Error> {
    let digest = digest_path(store);
    let recorded = match fs::read_to_string(&digest) {
        Ok(text) => text.split_whitespace().next().unwrap_or("").to_ascii_lowercase(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(Location::file(&digest), e)),
    };
    if sha256_hex(store)? != recorded {
        return Err(Error::parse(
            Location::file(store),
            format!("does not match its checksum in {}: the file was changed or damaged after econtrack wrote it", digest.display()),
        ));
    }
    Ok(())
}

/// Stages the checksum file of the store at `store`, whose new bytes are in
/// `bytes_at` until the staging is committed.
pub fn stage_digest(store: &Path, bytes_at: &Path, staging: &mut Staging) -> Result<(), Error> {
    let name = store.file_name().unwrap_or_default().to_string_lossy();
    let line = format!("{}  {name}\n", sha256_hex(bytes_at)?);
    crate::export::stage_bytes(&digest_path(store), line.as_bytes(), staging)
}

/// Merges the articles read now with the stored ones, by the rules in the
/// module doc, handing the claims to `each` in the store's order. Of two
/// readings of one id, the first in input order counts and the later one is
/// returned as a [`Repeat`], its claims dropped.
pub fn merge(
    entries: Sorted<Entry, EntryKey>,
    mut each: impl FnMut(Claim) -> Result<(), Error>,
) -> Result<(MergeCounts, Vec<Repeat>), Error> {
    let mut counts = MergeCounts::default();
    let mut repeats = Vec::new();
    for_each_group(entries, |a, b| entry_article(a) == entry_article(b), |group| {
        let mut first: Option<(u64, u32, Origin)> = None;
        let mut stored = false;
        for e in &group {
            match e {
                Entry::Read { article, reading, file, origin } => match first {
                    None => first = Some((*reading, *file, *origin)),
                    Some((_, first_file, first_origin)) => repeats.push(Repeat {
                        article: article.clone(),
                        file: *file,
                        origin: *origin,
                        first_file,
                        first_origin,
                    }),
                },
                Entry::Stored(_) => stored = true,
                Entry::Fresh { .. } => {}
            }
        }
        match (first, stored) {
            (None, _) => counts.kept += 1,
            (Some(_), true) => counts.replaced += 1,
            (Some(_), false) => counts.added += 1,
        }
        for e in group {
            match e {
                Entry::Stored(c) if first.is_none() => each(c)?,
                Entry::Fresh { reading, claim } if first.is_some_and(|(r, _, _)| r == reading) => each(claim)?,
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok((counts, repeats))
}

/// Removes temporary files that an interrupted earlier run left in `dir`
/// (see [`crate::export::stage_bytes`] and the charts), when the process
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
            source: "".into(),
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
        claims.iter().map(|c| (c.article_id.to_string(), c.span_start)).collect()
    }

    /// One run's merge through a spill, as `run` does it: `read` are the
    /// articles read in this run (in input order, from file 0), `fresh` their claims.
    fn run_merge(dir: &Path, stored: &[Claim], read: &[&str], fresh: &[Claim]) -> (Vec<Claim>, MergeCounts) {
        let readings: Vec<(&str, u32, Vec<Claim>)> =
            read.iter().map(|a| (*a, 0, fresh.iter().filter(|c| &*c.article_id == *a).cloned().collect())).collect();
        let (merged, counts, repeats) = spill_and_merge(dir, stored, &readings);
        assert!(repeats.is_empty());
        (merged, counts)
    }

    /// Each reading is an article id, its file's number and its claims.
    fn spill_and_merge(dir: &Path, stored: &[Claim], readings: &[(&str, u32, Vec<Claim>)]) -> (Vec<Claim>, MergeCounts, Vec<Repeat>) {
        // Runs of a few claims, so the merge reads many.
        let mut spill = Spill::with_run_bytes(dir, "claims-spill", entry_key, 700).unwrap();
        for c in stored {
            spill.push(&Entry::Stored(c.clone())).unwrap();
        }
        for (reading, (article, file, claims)) in readings.iter().enumerate() {
            let reading = reading as u64;
            let origin = Origin::Line(reading as usize + 1);
            spill.push(&Entry::Read { article: article.to_string(), reading, file: *file, origin }).unwrap();
            for claim in claims {
                spill.push(&Entry::Fresh { reading, claim: claim.clone() }).unwrap();
            }
        }
        let mut merged = Vec::new();
        let (counts, repeats) = merge(spill.into_sorted().unwrap(), |c| {
            merged.push(c);
            Ok(())
        })
        .unwrap();
        (merged, counts, repeats)
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
    fn a_repeated_id_keeps_its_first_reading_and_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        // "a" is read from file 3 and again from file 1; the copy's claim,
        // though it sorts first by span, is dropped with it.
        let readings = [
            ("a", 3, vec![claim("a", 8, 2.0)]),
            ("b", 3, vec![claim("b", 1, 2.0)]),
            ("a", 1, vec![claim("a", 2, 9.0)]),
        ];
        let (merged, counts, repeats) = spill_and_merge(dir.path(), &[claim("a", 5, 1.0)], &readings);
        assert_eq!(ids(&merged), [("a".into(), 8), ("b".into(), 1)]);
        assert_eq!(counts, MergeCounts { added: 1, replaced: 1, kept: 0 });
        let (origin, first_origin) = (Origin::Line(3), Origin::Line(1));
        assert_eq!(repeats, [Repeat { article: "a".into(), file: 1, origin, first_file: 3, first_origin }]);
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
        let mut spill = claim_spill(dir.path()).unwrap();
        assert_eq!(load_into(&dir.path().join("claims.parquet"), &mut spill).unwrap(), 0);
        assert!(spill.is_empty());
        let broken = dir.path().join("claims.parquet");
        fs::write(&broken, b"PAR1 not really").unwrap();
        let err = load_into(&broken, &mut spill).unwrap_err().to_string();
        assert!(err.contains("claims.parquet"), "{err}");
    }
}
