//! Export: frames in, bytes out, and the one place tables touch the disk.
//!
//! Serializers return bytes (snapshot-testable without files); [`write_atomic`]
//! puts them in place through a temporary file and a rename, so a crash never
//! leaves a half-written table. CSV is UTF-8 with one header row, ISO dates,
//! `.` decimals, no thousands separators, no exponents (2.5e11 is written
//! `250000000000`) and RFC 4180 quoting: a field with a comma, a quote or a
//! line break is quoted, and quotes are doubled.
//!
//! Spreadsheets: Excel takes the byte-order mark (`--excel`) as "UTF-8";
//! LibreOffice's headless import (`soffice --convert-to xlsx`) ignores it and
//! needs the charset named: `--infilter=CSV:44,34,76,1`. Either way a CR LF
//! inside a cell becomes LF, and numbers keep 15 significant digits.

use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

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

/// CSV bytes of `df`; `excel` adds a UTF-8 byte-order mark so Excel reads the
/// text as UTF-8.
pub fn csv_bytes(df: &DataFrame, excel: bool) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let mut df = df.clone();
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

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, creating the folder when needed. A file that already holds exactly
/// these bytes is left alone, so a run that changes nothing touches nothing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io_err = |e| Error::io(Location::file(path), e);
    if fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64) && fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(io_err)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

/// Serializes `claims` in the format of `path` and writes them atomically.
pub fn write_claims(path: &Path, claims: &[Claim], excel: bool) -> Result<(), Error> {
    let format = Format::from_path(path).map_err(|m| Error::parse(Location::file(path), m))?;
    let bytes = match format {
        Format::Jsonl => claims_jsonl_bytes(claims),
        Format::Csv | Format::Parquet => {
            let df = crate::table::claims_frame(claims).map_err(table_error("building the claims table"))?;
            if format == Format::Csv { csv_bytes(&df, excel)? } else { parquet_bytes(&df)? }
        }
    };
    write_atomic(path, &bytes)
}

/// Writes `df` as `<dir>/<stem>.csv` and `<dir>/<stem>.parquet`.
pub fn write_table_pair(dir: &Path, stem: &str, df: &DataFrame, excel: bool) -> Result<Vec<PathBuf>, Error> {
    let csv = dir.join(format!("{stem}.csv"));
    let parquet = dir.join(format!("{stem}.parquet"));
    write_atomic(&csv, &csv_bytes(df, excel)?)?;
    write_atomic(&parquet, &parquet_bytes(df)?)?;
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
                .map_err(|e| parse_err(format!("not a claims CSV: {e}")))?;
            claims_from_frame(&df).map_err(parse_err)
        }
        Format::Parquet => {
            let df = ParquetReader::new(Cursor::new(bytes))
                .finish()
                .map_err(|e| parse_err(format!("not a claims Parquet file: {e}")))?;
            // Reuse the text-based reader: cast every column to strings first.
            let columns = df
                .columns()
                .iter()
                .map(|c| c.cast(&DataType::String))
                .collect::<PolarsResult<Vec<_>>>()
                .map_err(|e| parse_err(e.to_string()))?;
            let df = DataFrame::new(df.height(), columns).map_err(|e| parse_err(e.to_string()))?;
            claims_from_frame(&df).map_err(parse_err)
        }
    }
}
