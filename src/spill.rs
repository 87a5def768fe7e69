//! A claims spill: claims go to a temporary file as they come, and only a
//! small index (article, span, where the claim's bytes are) stays in memory.
//! They are read back in batches, in input order or in the store's order, so
//! a job's memory does not grow with the sentences it keeps.
//!
//! The file is `.claims-spill.<pid>.tmp` in the output folder: on the same
//! disk as the tables, never in a `/tmp` that may live in memory, and named
//! like every temporary file of ours, so one left by a killed run is removed by
//! the next ([`crate::store::remove_stale_temp_files`]). It is removed when the
//! spill is dropped.

use std::fs::{self, File};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Claim;
use crate::error::{Error, Location};

/// Claims on disk, indexed in memory.
pub struct ClaimSpill {
    path: PathBuf,
    writer: BufWriter<File>,
    reader: File,
    written: u64,
    index: Vec<Entry>,
    /// The last article id seen, shared by the entries of its claims.
    last_article: Option<Arc<str>>,
    buf: Vec<u8>,
}

/// Where one claim is, and what it is sorted and filtered by.
struct Entry {
    article: Arc<str>,
    span_start: u32,
    span_end: u32,
    /// From the store rather than from this run's articles.
    stored: bool,
    offset: u64,
    len: u32,
}

impl ClaimSpill {
    /// Creates an empty spill in `dir` (created when missing).
    pub fn create(dir: &Path) -> Result<ClaimSpill, Error> {
        let path = dir.join(format!(".claims-spill.{}.tmp", std::process::id()));
        let io_err = |e| Error::io(Location::file(&path), e);
        fs::create_dir_all(dir).map_err(|e| Error::io(Location::file(dir), e))?;
        let file = File::options().read(true).write(true).create(true).truncate(true).open(&path).map_err(io_err)?;
        let reader = file.try_clone().map_err(io_err)?;
        Ok(ClaimSpill {
            writer: BufWriter::with_capacity(1 << 16, file),
            reader,
            path,
            written: 0,
            index: Vec::new(),
            last_article: None,
            buf: Vec::new(),
        })
    }

    fn io_err(&self, e: std::io::Error) -> Error {
        Error::io(Location::file(&self.path), e)
    }

    /// Adds a claim read from this run's articles.
    pub fn push(&mut self, claim: &Claim) -> Result<(), Error> {
        self.push_as(claim, false)
    }

    /// Adds a claim from the store; see [`ClaimSpill::drop_stored`].
    pub fn push_stored(&mut self, claim: &Claim) -> Result<(), Error> {
        self.push_as(claim, true)
    }

    fn push_as(&mut self, claim: &Claim, stored: bool) -> Result<(), Error> {
        self.buf.clear();
        // A claim is plain strings and numbers: serializing it cannot fail.
        serde_json::to_writer(&mut self.buf, claim).expect("a claim serializes");
        self.writer.write_all(&self.buf).map_err(|e| self.io_err(e))?;
        let article = match &self.last_article {
            Some(a) if **a == *claim.article_id => a.clone(),
            _ => {
                let a: Arc<str> = claim.article_id.as_str().into();
                self.last_article = Some(a.clone());
                a
            }
        };
        self.index.push(Entry {
            article,
            span_start: claim.span_start,
            span_end: claim.span_end,
            stored,
            offset: self.written,
            len: self.buf.len() as u32,
        });
        self.written += self.buf.len() as u64;
        Ok(())
    }

    /// How many claims are kept.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Forgets the stored claims for which `replaced` holds (their articles
    /// were read again in this run).
    pub fn drop_stored(&mut self, replaced: impl Fn(&str) -> bool) {
        self.index.retain(|e| !(e.stored && replaced(&e.article)));
    }

    /// Puts the claims in the store's order: article id, then the amount's
    /// span; claims with the same key keep the order they came in.
    pub fn sort(&mut self) {
        self.index.sort_by(|a, b| (&*a.article, a.span_start, a.span_end).cmp(&(&*b.article, b.span_start, b.span_end)));
    }

    /// Reads the claims back in the index's order, `size` at a time, calling
    /// `each` with every batch.
    pub fn for_each_batch(
        &mut self,
        size: usize,
        mut each: impl FnMut(&[Claim]) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.writer.flush().map_err(|e| self.io_err(e))?;
        let mut batch = Vec::with_capacity(size.min(self.index.len()));
        let mut buf = Vec::new();
        for i in 0..self.index.len() {
            let (offset, len) = (self.index[i].offset, self.index[i].len as usize);
            buf.resize(len, 0);
            self.reader.seek(SeekFrom::Start(offset)).map_err(|e| self.io_err(e))?;
            self.reader.read_exact(&mut buf).map_err(|e| self.io_err(e))?;
            let claim = serde_json::from_slice(&buf).map_err(|e| {
                Error::parse(Location { path: self.path.clone(), line: None, byte: Some(offset as usize) }, e.to_string())
            })?;
            batch.push(claim);
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
}

impl Drop for ClaimSpill {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClaimKind, Indicator, Measure};

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

    fn read_all(spill: &mut ClaimSpill, size: usize) -> (Vec<Claim>, Vec<usize>) {
        let (mut all, mut sizes) = (Vec::new(), Vec::new());
        spill
            .for_each_batch(size, |b| {
                sizes.push(b.len());
                all.extend_from_slice(b);
                Ok(())
            })
            .unwrap();
        (all, sizes)
    }

    #[test]
    fn claims_come_back_whole_in_order_and_in_batches() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = ClaimSpill::create(&dir.path().join("out")).unwrap();
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
        let (back, sizes) = read_all(&mut spill, 2);
        assert_eq!(back, claims);
        assert_eq!(sizes, [2, 1]);
        spill.sort();
        let (sorted, _) = read_all(&mut spill, 10);
        let keys: Vec<(&str, u32)> = sorted.iter().map(|c| (c.article_id.as_str(), c.span_start)).collect();
        assert_eq!(keys, [("a", 9), ("b", 5), ("b", 40)]);
    }

    #[test]
    fn stored_claims_of_articles_read_again_are_dropped_and_the_file_goes_with_the_spill() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = ClaimSpill::create(dir.path()).unwrap();
        spill.push_stored(&claim("old", 1, 1.0, "")).unwrap();
        spill.push_stored(&claim("edited", 1, 2.0, "")).unwrap();
        spill.push(&claim("edited", 7, 3.0, "")).unwrap();
        spill.drop_stored(|id| id == "edited");
        spill.sort();
        let (back, _) = read_all(&mut spill, 8);
        let kept: Vec<(&str, f64)> = back.iter().map(|c| (c.article_id.as_str(), c.value)).collect();
        assert_eq!(kept, [("edited", 3.0), ("old", 1.0)]);
        let files = || fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(files(), 1);
        drop(spill);
        assert_eq!(files(), 0);
    }
}
