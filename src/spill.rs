//! An external sort: items go to a temporary file in sorted runs, and come
//! back merged in key order. Only the run being filled is held in memory, so
//! a job's memory does not grow with the articles it reads or the claims it
//! keeps; the file grows instead.
//!
//! Each run is up to [`RUN_BYTES`] of records, each a 4-byte length and the
//! item in postcard's compact binary form (numbers come back bit for bit),
//! sorted by key before it is written. Reading back merges the runs with a heap; items with equal
//! keys come back in the order they were pushed, so a spill keyed by input
//! order gives the input back unchanged.
//!
//! The file is `.<name>.<pid>.tmp` in the output folder: on the same disk as
//! the tables, never in a `/tmp` that may live in memory, and named like every
//! temporary file of ours, so one left by a killed run is removed by the next
//! ([`crate::store::remove_stale_temp_files`]). It is removed when the spill,
//! or the merge reading it, is dropped.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Take, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Location};

/// Bytes held for the run being filled (its items serialized, and their
/// index) before it is sorted and written.
pub const RUN_BYTES: usize = 4 << 20;

/// What one index entry is taken to hold besides its own size: a key's
/// string on the heap. Small items (article ids) would otherwise fill memory
/// with index entries long before their bytes reach [`RUN_BYTES`].
const KEY_HEAP: usize = 32;

/// Room above [`RUN_BYTES`] in the run's buffer for the item that fills it,
/// so the buffer is allocated once (a larger item grows it).
const ITEM_ROOM: usize = 64 << 10;

/// Read buffer per run while merging.
const READ_BUFFER: usize = 32 << 10;

/// The temporary file, removed when dropped.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

impl TempFile {
    fn io_err(&self, e: std::io::Error) -> Error {
        Error::io(Location::file(&self.0), e)
    }
}

/// Items of type `T` on their way to being sorted by the key `key` gives.
pub struct Spill<T, K> {
    file: TempFile,
    writer: BufWriter<File>,
    written: u64,
    /// (start, length) of each run written.
    runs: Vec<(u64, u64)>,
    key: fn(&T) -> K,
    /// The run being filled: serialized items, and per item its key and bytes.
    arena: Vec<u8>,
    index: Vec<(K, usize, usize)>,
    run_bytes: usize,
    len: usize,
}

impl<T: Serialize + DeserializeOwned, K: Ord> Spill<T, K> {
    /// Creates an empty spill, `.<name>.<pid>.tmp` in `dir` (created when
    /// missing), sorting by `key`.
    pub fn create(dir: &Path, name: &str, key: fn(&T) -> K) -> Result<Self, Error> {
        Self::with_run_bytes(dir, name, key, RUN_BYTES)
    }

    /// As [`Spill::create`], with runs of `run_bytes` (tests use small ones).
    pub fn with_run_bytes(dir: &Path, name: &str, key: fn(&T) -> K, run_bytes: usize) -> Result<Self, Error> {
        fs::create_dir_all(dir).map_err(|e| Error::io(Location::file(dir), e))?;
        let file = TempFile(dir.join(format!(".{name}.{}.tmp", std::process::id())));
        let handle = File::options().write(true).create(true).truncate(true).open(&file.0).map_err(|e| file.io_err(e))?;
        Ok(Spill {
            writer: BufWriter::with_capacity(1 << 16, handle),
            file,
            written: 0,
            runs: Vec::new(),
            key,
            arena: Vec::new(),
            index: Vec::new(),
            run_bytes,
            len: 0,
        })
    }

    /// Adds an item.
    pub fn push(&mut self, item: &T) -> Result<(), Error> {
        if self.arena.capacity() == 0 {
            self.arena.reserve_exact(self.run_bytes + ITEM_ROOM);
        }
        let start = self.arena.len();
        // Our items are plain strings and numbers: serializing cannot fail.
        self.arena.extend_from_slice(&[0; 4]);
        self.arena = postcard::to_extend(item, std::mem::take(&mut self.arena)).expect("a spilled item serializes");
        let len = u32::try_from(self.arena.len() - start - 4).expect("an item under 4 GB");
        self.arena[start..start + 4].copy_from_slice(&len.to_le_bytes());
        self.index.push(((self.key)(item), start, self.arena.len() - start));
        self.len += 1;
        let index_bytes = self.index.len() * (std::mem::size_of::<(K, usize, usize)>() + KEY_HEAP);
        if self.arena.len() + index_bytes >= self.run_bytes {
            self.write_run()?;
        }
        Ok(())
    }

    /// How many items were pushed.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many runs have been written so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Sorts the run being filled (stably) and appends it to the file.
    fn write_run(&mut self) -> Result<(), Error> {
        if self.index.is_empty() {
            return Ok(());
        }
        self.index.sort_by(|a, b| a.0.cmp(&b.0));
        let start = self.written;
        for (_, from, len) in &self.index {
            self.writer.write_all(&self.arena[*from..from + len]).map_err(|e| self.file.io_err(e))?;
        }
        self.written += self.arena.len() as u64;
        self.runs.push((start, self.written - start));
        self.arena.clear();
        self.index.clear();
        Ok(())
    }

    /// Every item pushed, in key order; equal keys in the order pushed.
    pub fn into_sorted(mut self) -> Result<Sorted<T, K>, Error> {
        self.write_run()?;
        self.writer.flush().map_err(|e| self.file.io_err(e))?;
        let mut readers = Vec::with_capacity(self.runs.len());
        for &(start, len) in &self.runs {
            // One handle per run: each keeps its own offset.
            let mut f = File::open(&self.file.0).map_err(|e| self.file.io_err(e))?;
            f.seek(SeekFrom::Start(start)).map_err(|e| self.file.io_err(e))?;
            readers.push(Run { reader: BufReader::with_capacity(READ_BUFFER, f.take(len)), at: start });
        }
        let heads = (0..readers.len()).map(|_| None).collect();
        let mut sorted = Sorted { file: self.file, key: self.key, heap: BinaryHeap::new(), heads, readers, record: Vec::new() };
        for run in 0..sorted.readers.len() {
            sorted.advance(run)?;
        }
        Ok(sorted)
    }
}

struct Run {
    reader: BufReader<Take<File>>,
    /// Offset in the file of the next record, for error messages.
    at: u64,
}

/// The items of a [`Spill`], merged from its runs in key order.
pub struct Sorted<T, K> {
    file: TempFile,
    key: fn(&T) -> K,
    /// The smallest unread key of each run, with the run's number, which
    /// breaks ties so that earlier runs (earlier pushes) come first.
    heap: BinaryHeap<Reverse<(K, usize)>>,
    heads: Vec<Option<T>>,
    readers: Vec<Run>,
    record: Vec<u8>,
}

impl<T: DeserializeOwned, K: Ord> Sorted<T, K> {
    /// Reads the next item of `run` into its head and the heap.
    fn advance(&mut self, run: usize) -> Result<(), Error> {
        let r = &mut self.readers[run];
        let at = r.at;
        let corrupt = |path: &Path, message: String| Error::parse(Location { path: path.to_path_buf(), line: None, byte: Some(at as usize) }, message);
        if r.reader.fill_buf().map_err(|e| self.file.io_err(e))?.is_empty() {
            return Ok(());
        }
        let mut len = [0; 4];
        r.reader.read_exact(&mut len).map_err(|e| corrupt(&self.file.0, format!("a record cut short: {e}")))?;
        let len = u32::from_le_bytes(len) as usize;
        self.record.resize(len, 0);
        r.reader.read_exact(&mut self.record).map_err(|e| corrupt(&self.file.0, format!("a record cut short: {e}")))?;
        r.at += 4 + len as u64;
        let item: T = postcard::from_bytes(&self.record).map_err(|e| corrupt(&self.file.0, e.to_string()))?;
        self.heap.push(Reverse(((self.key)(&item), run)));
        self.heads[run] = Some(item);
        Ok(())
    }
}

impl<T: DeserializeOwned, K: Ord> Iterator for Sorted<T, K> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let Reverse((_, run)) = self.heap.pop()?;
        let item = self.heads[run].take().expect("a run in the heap has a head");
        Some(self.advance(run).map(|()| item))
    }
}

/// Calls `each` with each run of consecutive `items` that `same` puts in one
/// group, in order; the first error stops it.
pub fn for_each_group<T>(
    items: impl Iterator<Item = Result<T, Error>>,
    same: impl Fn(&T, &T) -> bool,
    mut each: impl FnMut(Vec<T>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut current: Vec<T> = Vec::new();
    for item in items {
        let item = item?;
        if current.last().is_some_and(|last| !same(last, &item)) {
            each(std::mem::take(&mut current))?;
        }
        current.push(item);
    }
    if !current.is_empty() {
        each(current)?;
    }
    Ok(())
}

/// Calls `each` with `items` in batches of `size`; the first error stops it.
pub fn for_each_batch<T>(
    items: impl Iterator<Item = Result<T, Error>>,
    size: usize,
    mut each: impl FnMut(&[T]) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut batch = Vec::with_capacity(size);
    for item in items {
        batch.push(item?);
        if batch.len() == size {
            each(&batch)?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        each(&batch)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Claim, ClaimKind, Indicator, Measure};

    fn claim(article: &str, span: u32, value: f64, evidence: &str) -> Claim {
        Claim {
            claim_id: crate::claim::claim_id(article, span, span + 3),
            article_id: article.into(),
            published: chrono::NaiveDate::from_ymd_opt(2025, 3, 1),
            source: "wire".into(),
            indicator: Indicator::Exports,
            country: "KAZ".into(),
            partner: Some("UZB".into()),
            kind: ClaimKind::Target,
            measure: Measure::Level,
            value,
            unit: "USD".into(),
            period: None,
            deadline: Some("2030".into()),
            approx: true,
            evidence: evidence.into(),
            span_start: span,
            span_end: span + 3,
        }
    }

    fn by_article(c: &Claim) -> (String, u32) {
        (c.article_id.to_string(), c.span_start)
    }

    fn files(dir: &Path) -> usize {
        fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn claims_come_back_whole_and_sorted_from_one_run() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::create(&dir.path().join("out"), "claims-spill", by_article).unwrap();
        // Values that a decimal round trip could get wrong, and text that needs escaping.
        let claims = [
            claim("b", 40, 0.1 + 0.2, "Trade \"rose\",\nsaid the\tminister: 2 млрд"),
            claim("a", 9, 2.345_678_901_234_567e11, ""),
            claim("b", 5, f64::MIN_POSITIVE, "x"),
        ];
        for c in &claims {
            spill.push(c).unwrap();
        }
        assert_eq!(spill.len(), 3);
        let back: Vec<Claim> = spill.into_sorted().unwrap().map(Result::unwrap).collect();
        assert_eq!(back, [claims[1].clone(), claims[2].clone(), claims[0].clone()]);
    }

    #[test]
    fn many_runs_merge_in_key_order_and_equal_keys_keep_the_order_pushed() {
        let dir = tempfile::tempdir().unwrap();
        // Runs of about three items, so 200 items make dozens of runs.
        let mut spill = Spill::with_run_bytes(dir.path(), "t", |x: &(u32, u32)| x.0, 30).unwrap();
        let items: Vec<(u32, u32)> = (0..200u32).map(|i| ((i * 7919) % 13, i)).collect();
        for x in &items {
            spill.push(x).unwrap();
        }
        assert!(spill.runs.len() > 20, "{} runs", spill.runs.len());
        let back: Vec<(u32, u32)> = spill.into_sorted().unwrap().map(Result::unwrap).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|x| x.0); // stable: pushes in order within a key
        assert_eq!(back, expected);
    }

    #[test]
    fn small_items_count_their_index_against_the_run() {
        let dir = tempfile::tempdir().unwrap();
        // Five bytes each (a length and the byte), but an index entry apiece:
        // runs of 1000 bytes hold a dozen or so, not two hundred.
        let mut spill = Spill::with_run_bytes(dir.path(), "t", |x: &u8| *x, 1000).unwrap();
        for i in 0..1000u32 {
            spill.push(&((i * 37 % 10) as u8)).unwrap();
        }
        assert!(spill.runs() > 20, "{} runs", spill.runs());
        let back: Vec<u8> = spill.into_sorted().unwrap().map(Result::unwrap).collect();
        assert_eq!(back.len(), 1000);
        assert!(back.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn the_file_goes_with_the_spill_or_with_its_merge() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::create(dir.path(), "a", |x: &u8| *x).unwrap();
        assert_eq!(files(dir.path()), 1);
        drop(spill);
        assert_eq!(files(dir.path()), 0);
        let mut spill = Spill::create(dir.path(), "b", |x: &u8| *x).unwrap();
        spill.push(&1).unwrap();
        let mut sorted = spill.into_sorted().unwrap();
        assert_eq!(sorted.next().unwrap().unwrap(), 1);
        assert_eq!(files(dir.path()), 1);
        drop(sorted);
        assert_eq!(files(dir.path()), 0);
    }

    #[test]
    fn groups_and_batches_cover_every_item_once() {
        let items = [1, 1, 2, 3, 3, 3, 1];
        let mut groups = Vec::new();
        for_each_group(items.iter().map(|x| Ok(*x)), |a, b| a == b, |g| {
            groups.push(g);
            Ok(())
        })
        .unwrap();
        assert_eq!(groups, [vec![1, 1], vec![2], vec![3, 3, 3], vec![1]]);
        let mut batches = Vec::new();
        for_each_batch(items.iter().map(|x| Ok(*x)), 3, |b| {
            batches.push(b.to_vec());
            Ok(())
        })
        .unwrap();
        assert_eq!(batches, [vec![1, 1, 2], vec![3, 3, 3], vec![1]]);
    }
}
