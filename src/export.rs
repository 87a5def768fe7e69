//! Export: frames in, bytes out, and the one place tables touch the disk.
//!
//! Serializers return bytes (snapshot-testable without files); [`stage_bytes`]
//! writes them to a temporary file that a [`Staging`] renames into place with
//! the job's other files, so a crash never leaves a half-written table. CSV is UTF-8 with one header row, ISO dates,
//! `.` decimals, no thousands separators, no exponents (2.5e11 is written
//! `250000000000`) and RFC 4180 quoting: a field with a comma, a quote or a
//! line break is quoted, and quotes are doubled. A text cell starting with
//! `=`, `+`, `-`, `@`, a tab, a carriage return or `'` gets a leading `'`, so
//! that no spreadsheet takes it for a formula.
//!
//! Spreadsheets: Excel takes the byte-order mark (`--excel`) as "UTF-8";
//! LibreOffice's headless import (`soffice --convert-to xlsx`) ignores it and
//! needs the charset named: `--infilter=CSV:44,34,76,1`. Either way a CR LF
//! inside a cell becomes LF, and numbers keep 15 significant digits.

use std::borrow::Cow;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use crate::commit::Staging;
use crate::error::{Error, Location};
use crate::table::{claims_from_frame, claims_schema};
use crate::Claim;

/// A table file format, chosen by the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Parquet,
    Jsonl,
}

impl Format {
    /// The format for `path`'s extension, or an error naming what is accepted.
    pub fn from_path(path: &Path) -> Result<Format, String> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => Ok(Format::Csv),
            Some("parquet") => Ok(Format::Parquet),
            Some("jsonl") => Ok(Format::Jsonl),
            other => Err(format!(
                "{}: unknown table format {:?}, expected a .csv, .parquet or .jsonl file",
                path.display(),
                other.unwrap_or("")
            )),
        }
    }
}

fn table_error(context: &str) -> impl FnOnce(PolarsError) -> Error + '_ {
    move |source| Error::Table { context: context.to_string(), source }
}

/// What a spreadsheet takes for the start of a formula (OWASP's list for CSV
/// injection), and our own escape, `'`, so that the escape can be undone.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// `df` with every text cell that starts like a formula prefixed with `'`, so
/// that a spreadsheet shows it as text and never runs it. Parquet and JSONL
/// keep the text as it is; [`read_claims`] takes the prefix off a claims CSV.
fn spreadsheet_safe(df: &DataFrame) -> Result<DataFrame, Error> {
    map_text_cells(df, escape_formula).map_err(table_error("writing CSV"))
}

fn escape_formula(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{s}")) } else { Cow::Borrowed(s) }
}

fn unescape_formula(s: &str) -> Cow<'_, str> {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(s),
    }
}

/// Undoes [`spreadsheet_safe`].
fn unescape_formulas(df: &DataFrame) -> PolarsResult<DataFrame> {
    map_text_cells(df, unescape_formula)
}

fn map_text_cells(df: &DataFrame, f: for<'a> fn(&'a str) -> Cow<'a, str>) -> PolarsResult<DataFrame> {
    let columns = df
        .columns()
        .iter()
        .map(|c| match c.dtype() {
            DataType::String => Ok(c.str()?.apply_values(f).into_column()),
            _ => Ok(c.clone()),
        })
        .collect::<PolarsResult<Vec<_>>>()?;
    DataFrame::new(df.height(), columns)
}

/// An error writing the table at `path`, naming it (a full disk says which
/// file filled it).
fn writing_error<'a>(path: &'a Path, format: &'a str) -> impl FnOnce(PolarsError) -> Error + 'a {
    move |source| Error::Table { context: format!("{}: writing {format}", path.display()), source }
}

/// CSV bytes of `df`, formula-like cells escaped ([`spreadsheet_safe`]);
/// `excel` adds a UTF-8 byte-order mark so Excel reads the text as UTF-8.
pub fn csv_bytes(df: &DataFrame, excel: bool) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let mut df = spreadsheet_safe(df)?;
    CsvWriter::new(&mut buf)
        .include_bom(excel)
        .include_header(true)
        .with_float_scientific(Some(false))
        .finish(&mut df)
        .map_err(table_error("writing CSV"))?;
    Ok(buf)
}

/// Parquet bytes of `df`, single-threaded so the bytes are the same every run.
pub fn parquet_bytes(df: &DataFrame) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let mut df = df.clone();
    ParquetWriter::new(&mut buf)
        .set_parallel(false)
        .finish(&mut df)
        .map_err(table_error("writing Parquet"))?;
    Ok(buf)
}

/// One JSON object per claim and line.
pub fn claims_jsonl_bytes(claims: &[Claim]) -> Vec<u8> {
    let mut buf = Vec::new();
    for c in claims {
        // Serializing plain structs of strings and numbers cannot fail.
        if serde_json::to_writer(&mut buf, c).is_ok() {
            buf.push(b'\n');
        }
    }
    buf
}

/// The temporary file a table is written to before it is renamed to `path`:
/// `.<name>.<pid>.tmp` beside it, so a killed run's leftovers can be told
/// apart and removed ([`crate::store::remove_stale_temp_files`]).
fn temp_path(path: &Path) -> Result<PathBuf, Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| Error::io(Location::file(&dir), e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(dir.join(format!(".{name}.{}.tmp", std::process::id())))
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_bytes(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else { return false };
    if ma.len() != mb.len() {
        return false;
    }
    let (Ok(mut fa), Ok(mut fb)) = (fs::File::open(a), fs::File::open(b)) else { return false };
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = match fa.read(&mut ba) {
            Ok(0) => return true,
            Ok(n) => n,
            Err(_) => return false,
        };
        if fb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// Renames the written and synced temporary file `tmp` to `path`; on failure
/// the temporary file is removed and `path` is as it was.
fn rename_into_place(tmp: &Path, path: &Path) -> Result<(), Error> {
    let result = fs::rename(tmp, path);
    if result.is_err() {
        let _ = fs::remove_file(tmp);
    }
    result.map_err(|e| Error::io(Location::file(path), e))
}

/// Writes `bytes` for `path` to a temporary file in the same folder, creating
/// the folder when needed, and leaves the rename to `staging`. A file that
/// already holds exactly these bytes is left alone, so a run that changes
/// nothing touches nothing.
pub fn stage_bytes(path: &Path, bytes: &[u8], staging: &mut Staging) -> Result<(), Error> {
    if let Some(tmp) = write_temp(path, bytes)? {
        staging.add(tmp, path.to_path_buf());
    }
    Ok(())
}

/// The synced temporary file holding `bytes` for `path`, or `None` when
/// `path` already holds them.
fn write_temp(path: &Path, bytes: &[u8]) -> Result<Option<PathBuf>, Error> {
    if fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64) && fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(None);
    }
    let tmp = temp_path(path)?;
    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(Location::file(path), e));
    }
    Ok(Some(tmp))
}

/// A claims table written a batch at a time to a temporary file, put in place
/// by [`ClaimsWriter::commit`]. Dropped uncommitted (an error on the way), it
/// removes its temporary file and the table on disk is the one before.
pub struct ClaimsWriter {
    path: PathBuf,
    tmp: PathBuf,
    /// The temporary file again, to sync it once the writer is done.
    file: fs::File,
    sink: Option<Sink>,
}

enum Sink {
    Csv(polars::io::csv::write::BatchedWriter<fs::File>),
    Parquet(Box<polars::io::parquet::write::BatchedWriter<fs::File>>),
    Jsonl(std::io::BufWriter<fs::File>),
}

impl ClaimsWriter {
    /// Starts a claims table in the format of `path`'s extension; `excel`
    /// adds a byte-order mark to CSV.
    pub fn create(path: &Path, excel: bool) -> Result<ClaimsWriter, Error> {
        let format = Format::from_path(path).map_err(|m| Error::parse(Location::file(path), m))?;
        let tmp = temp_path(path)?;
        let file = fs::File::create(&tmp).map_err(|e| Error::io(Location::file(&tmp), e))?;
        let mut writer = ClaimsWriter { path: path.to_path_buf(), tmp, file, sink: None };
        let out = writer.file.try_clone().map_err(|e| Error::io(Location::file(path), e))?;
        let schema = crate::table::claims_frame(&[]).map_err(table_error("building the claims table"))?.schema().clone();
        writer.sink = Some(match format {
            Format::Csv => Sink::Csv(
                CsvWriter::new(out)
                    .include_bom(excel)
                    .include_header(true)
                    .with_float_scientific(Some(false))
                    .batched(&schema)
                    .map_err(writing_error(path, "CSV"))?,
            ),
            Format::Parquet => Sink::Parquet(Box::new(
                ParquetWriter::new(out).set_parallel(false).batched(&schema).map_err(writing_error(path, "Parquet"))?,
            )),
            Format::Jsonl => Sink::Jsonl(std::io::BufWriter::new(out)),
        });
        Ok(writer)
    }

    /// Appends `claims`.
    pub fn write(&mut self, claims: &[Claim]) -> Result<(), Error> {
        let frame = || crate::table::claims_frame(claims).map_err(table_error("building the claims table"));
        match self.sink.as_mut().expect("written before commit") {
            Sink::Jsonl(w) => w.write_all(&claims_jsonl_bytes(claims)).map_err(|e| Error::io(Location::file(&self.path), e)),
            Sink::Csv(w) => w.write_batch(&spreadsheet_safe(&frame()?)?).map_err(writing_error(&self.path, "CSV")),
            Sink::Parquet(w) => w.write_batch(&frame()?).map_err(writing_error(&self.path, "Parquet")),
        }
    }

    /// Finishes the file, syncs it and renames it into place. When `path`
    /// already holds exactly these bytes it is left alone, so a run that
    /// changes nothing touches nothing.
    pub fn commit(mut self) -> Result<(), Error> {
        match self.finish()? {
            Some(tmp) => rename_into_place(&tmp, &self.path),
            None => Ok(()),
        }
    }

    /// Finishes and syncs the file like [`ClaimsWriter::commit`], but leaves
    /// the rename to `staging`, which puts a job's files in place together.
    /// Returns the file holding the new table until then: the temporary one,
    /// or `path` when that already held the same bytes.
    pub fn stage(mut self, staging: &mut Staging) -> Result<PathBuf, Error> {
        match self.finish()? {
            Some(tmp) => {
                staging.add(tmp.clone(), self.path.clone());
                Ok(tmp)
            }
            None => Ok(self.path.clone()),
        }
    }

    /// Ends the table and syncs it; returns the temporary file, or `None`
    /// (and removes it) when `path` already holds the same bytes.
    fn finish(&mut self) -> Result<Option<PathBuf>, Error> {
        let io_err = |e| Error::io(Location::file(&self.path), e);
        match self.sink.take().expect("finished once") {
            Sink::Csv(mut w) => w.finish().map_err(writing_error(&self.path, "CSV"))?,
            Sink::Parquet(w) => {
                w.finish().map_err(writing_error(&self.path, "Parquet"))?;
            }
            Sink::Jsonl(w) => {
                w.into_inner().map_err(|e| io_err(e.into_error()))?;
            }
        }
        self.file.sync_all().map_err(io_err)?;
        if same_bytes(&self.tmp, &self.path) {
            fs::remove_file(&self.tmp).map_err(|e| Error::io(Location::file(&self.tmp), e))?;
            return Ok(None);
        }
        Ok(Some(self.tmp.clone()))
    }
}

impl Drop for ClaimsWriter {
    fn drop(&mut self) {
        // Still holding a sink: not finished (a staged file is the staging's).
        if self.sink.is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Serializes `claims` in the format of `path` and writes them atomically.
pub fn write_claims(path: &Path, claims: &[Claim], excel: bool) -> Result<(), Error> {
    let mut writer = ClaimsWriter::create(path, excel)?;
    writer.write(claims)?;
    writer.commit()
}

/// Writes `df` as `<dir>/<stem>.csv` and `<dir>/<stem>.parquet`, put in
/// place by `staging`.
pub fn write_table_pair(dir: &Path, stem: &str, df: &DataFrame, excel: bool, staging: &mut Staging) -> Result<Vec<PathBuf>, Error> {
    let csv = dir.join(format!("{stem}.csv"));
    let parquet = dir.join(format!("{stem}.parquet"));
    stage_bytes(&csv, &csv_bytes(df, excel)?, staging)?;
    stage_bytes(&parquet, &parquet_bytes(df)?, staging)?;
    Ok(vec![csv, parquet])
}

/// Reads a claims table written by econtrack (CSV, Parquet or JSONL).
pub fn read_claims(path: &Path) -> Result<Vec<Claim>, Error> {
    let format = Format::from_path(path).map_err(|m| Error::parse(Location::file(path), m))?;
    let bytes = fs::read(path).map_err(|e| Error::io(Location::file(path), e))?;
    let parse_err = |m: String| Error::parse(Location::file(path), m);
    match format {
        Format::Jsonl => {
            let text = String::from_utf8(bytes).map_err(|_| parse_err("invalid UTF-8".into()))?;
            let mut claims = Vec::new();
            for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let claim = serde_json::from_str(line)
                    .map_err(|e| Error::parse(Location::line(path, i + 1), format!("invalid claim: {e}")))?;
                claims.push(claim);
            }
            Ok(claims)
        }
        Format::Csv => {
            let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).map(<[u8]>::to_vec).unwrap_or(bytes);
            let df = CsvReadOptions::default()
                .with_has_header(true)
                .with_schema_overwrite(Some(Arc::new(claims_schema())))
                .with_infer_schema_length(Some(0))
                .into_reader_with_file_handle(Cursor::new(bytes))
                .finish()
                .and_then(|df| unescape_formulas(&df))
                .map_err(|e| parse_err(format!("not a claims CSV: {e}")))?;
            claims_from_frame(&df).map_err(parse_err)
        }
        Format::Parquet => {
            let df = ParquetReader::new(Cursor::new(bytes))
                .finish()
                .map_err(|e| parse_err(format!("not a claims Parquet file: {e}")))?;
            claims_from_parquet_frame(&df).map_err(parse_err)
        }
    }
}

/// Rows per slice when a Parquet claims table is read a slice at a time.
const SLICE_ROWS: usize = 8192;

/// Reads a claims table like [`read_claims`], handing the claims to `each`
/// a slice at a time; a Parquet file is never read whole into memory.
pub fn read_claims_in_slices(path: &Path, mut each: impl FnMut(&[Claim]) -> Result<(), Error>) -> Result<(), Error> {
    if Format::from_path(path) != Ok(Format::Parquet) {
        return each(&read_claims(path)?);
    }
    let parse_err = |m: String| Error::parse(Location::file(path), m);
    let open = || fs::File::open(path).map_err(|e| Error::io(Location::file(path), e));
    let rows = ParquetReader::new(open()?)
        .num_rows()
        .map_err(|e| parse_err(format!("not a claims Parquet file: {e}")))?;
    for offset in (0..rows).step_by(SLICE_ROWS) {
        let df = ParquetReader::new(open()?)
            .with_slice(Some((offset, SLICE_ROWS)))
            .finish()
            .map_err(|e| parse_err(format!("not a claims Parquet file: {e}")))?;
        let claims = claims_from_parquet_frame(&df)
            .map_err(|m| parse_err(format!("{m} (in the rows from {})", offset + 1)))?;
        each(&claims)?;
    }
    Ok(())
}

/// Claims from a Parquet claims frame: every column is cast to strings and
/// read by the same code as CSV.
fn claims_from_parquet_frame(df: &DataFrame) -> Result<Vec<Claim>, String> {
    let columns = df
        .columns()
        .iter()
        .map(|c| c.cast(&DataType::String))
        .collect::<PolarsResult<Vec<_>>>()
        .map_err(|e| e.to_string())?;
    let df = DataFrame::new(df.height(), columns).map_err(|e| e.to_string())?;
    claims_from_frame(&df)
}
