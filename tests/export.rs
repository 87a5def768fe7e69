//! Exports: CSV flavour, round trips, the Excel byte-order mark, the wide
//! table, and snapshots of every CSV for a small hand-built set of claims.
//! See issue 4.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use econtrack::export::{ClaimsWriter, csv_bytes, parquet_bytes, read_claims, read_claims_in_slices, write_claims};
use econtrack::{Claim, ClaimKind, Indicator, Measure, series, table};

use crate::{econtrack, stderr};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A claim with the fields a test cares about; the rest are plausible defaults.
#[allow(clippy::too_many_arguments)]
fn claim(
    article: &str,
    published: Option<&str>,
    indicator: Indicator,
    pair: (&str, Option<&str>),
    kind: ClaimKind,
    measure: Measure,
    value: f64,
    period: Option<&str>,
    deadline: Option<&str>,
    evidence: &str,
) -> Claim {
    let span_start = 10 + evidence.len() as u32 % 7;
    Claim {
        claim_id: econtrack::claim::claim_id(article, span_start, span_start + 6),
        article_id: article.into(),
        published: published.map(date),
        source: format!("{} report", article.split('-').next().unwrap_or(article)).into(),
        indicator,
        country: pair.0.to_string().into(),
        partner: pair.1.map(|p| p.to_string().into()),
        kind,
        measure,
        value,
        unit: if measure == Measure::GrowthPct { "%".into() } else { "USD".into() },
        period: period.map(str::to_string),
        deadline: deadline.map(str::to_string),
        approx: false,
        evidence: evidence.to_string(),
        span_start,
        span_end: span_start + 6,
    }
}

fn csv_text(df: &polars::prelude::DataFrame) -> String {
    String::from_utf8(csv_bytes(df, false).unwrap()).unwrap()
}

// ---------------------------------------------------------------- CSV flavour

/// Evidence as articles give it: commas, double quotes, both kinds of line
/// break, a lone CR, spaces at the ends, Cyrillic, and nothing at all.
fn awkward_claims() -> Vec<Claim> {
    let evidences = [
        "Trade reached $2.5 billion, up 11.6%, officials said.",
        "He called it \"a record\", and added: \"more to come\".",
        "First line\nsecond line, with a comma",
        "Windows line\r\nbreak, \"quoted\"\r\n",
        "lone\rcarriage return",
        "  spaces at both ends  ",
        "\"\"",
        "Товарооборот вырос до $2,5 млрд, сообщил министр.",
        "",
    ];
    let values = [2.5e11, 11.6, 0.1 + 0.2, 1.0 / 3.0, 1e-7, 123_456_789.125, -3.2, 9.007_199_254_740_993e15, 0.0];
    evidences
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (ev, value))| {
            let mut c = claim(
                &format!("src{i}-2024"),
                if i % 3 == 2 { None } else { Some("2024-05-17") },
                Indicator::TradeTurnover,
                ("KAZ", if i % 4 == 3 { None } else { Some("KGZ") }),
                ClaimKind::Actual,
                Measure::Level,
                value,
                if i % 2 == 0 { Some("2023") } else { None },
                None,
                ev,
            );
            c.source = format!("Source {i}, \"quoted\"").into();
            c.approx = i % 2 == 1;
            c
        })
        .collect()
}

/// Issue 4: evidence with commas, quotes and line breaks survives
/// `csv_bytes` -> file -> `read_claims`, byte for byte in every field.
#[test]
fn csv_round_trip_keeps_every_field_byte_exact() {
    let claims = awkward_claims();
    let dir = tempfile::tempdir().unwrap();
    for excel in [false, true] {
        let path = dir.path().join(format!("claims-{excel}.csv"));
        fs::write(&path, csv_bytes(&table::claims_frame(&claims).unwrap(), excel).unwrap()).unwrap();
        let back = read_claims(&path).unwrap();
        assert_eq!(back.len(), claims.len());
        for (a, b) in claims.iter().zip(&back) {
            assert_eq!(a, b, "excel={excel}");
            assert_eq!(a.value.to_bits(), b.value.to_bits(), "{} came back as {}", a.value, b.value);
            assert_eq!(a.evidence.as_bytes(), b.evidence.as_bytes());
        }
    }
}

/// The same claims through `write_claims` in each format.
#[test]
fn claims_survive_every_table_format() {
    let claims = awkward_claims();
    let dir = tempfile::tempdir().unwrap();
    for name in ["c.csv", "c.parquet", "c.jsonl"] {
        let path = dir.path().join(name);
        write_claims(&path, &claims, false).unwrap();
        let back = read_claims(&path).unwrap();
        assert_eq!(back.len(), claims.len(), "{name}");
        for (a, b) in claims.iter().zip(&back) {
            assert_eq!(a, b, "{name}");
        }
    }
    // And Parquet bytes are the same every run.
    let df = table::claims_frame(&claims).unwrap();
    assert_eq!(parquet_bytes(&df).unwrap(), parquet_bytes(&df).unwrap());
}

/// A table too big for one slice, written a batch at a time, reads back
/// whole and in order a slice at a time; a writer dropped before `commit`
/// leaves the previous table and no temporary file.
#[test]
fn a_large_table_written_in_batches_reads_back_whole_in_slices() {
    let base = awkward_claims();
    let claims: Vec<Claim> = (0..20_001u32)
        .map(|i| {
            let mut c = base[i as usize % base.len()].clone();
            c.article_id = format!("a{:05}", i / 3).into();
            c.span_start = i;
            c.value = f64::from(i) * 1.000_1e6 + 0.1;
            c
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for name in ["big.parquet", "big.csv"] {
        let path = dir.path().join(name);
        let mut w = ClaimsWriter::create(&path, false).unwrap();
        for batch in claims.chunks(7_000) {
            w.write(batch).unwrap();
        }
        w.commit().unwrap();
        let (mut back, mut slices) = (Vec::new(), 0);
        read_claims_in_slices(&path, |s| {
            slices += 1;
            back.extend_from_slice(s);
            Ok(())
        })
        .unwrap();
        assert_eq!(back, claims, "{name}");
        if name.ends_with(".parquet") {
            assert!(slices >= 3, "{slices} slices");
        }
        // A writer that never commits changes nothing.
        let before = fs::read(&path).unwrap();
        let mut w = ClaimsWriter::create(&path, false).unwrap();
        w.write(&claims[..10]).unwrap();
        drop(w);
        assert_eq!(fs::read(&path).unwrap(), before);
        let names: Vec<String> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    }
}

/// RFC 4180: a field with a comma, quote or line break is quoted, a quote is
/// doubled, and a plain field is left bare.
#[test]
fn csv_quotes_only_what_needs_quoting() {
    let text = csv_text(&table::claims_frame(&awkward_claims()).unwrap());
    assert!(text.contains(r#","He called it ""a record"", and added: ""more to come"".","#), "{text}");
    assert!(text.contains("\"First line\nsecond line, with a comma\""), "{text}");
    assert!(text.contains("\"Windows line\r\nbreak, \"\"quoted\"\"\r\n\""), "{text}");
    assert!(text.contains("\"lone\rcarriage return\""), "{text}");
    assert!(text.contains(",\"\"\"\"\"\","), "a field of two quotes: {text}");
    assert!(text.contains(",trade_turnover,KAZ,KGZ,actual,level,"), "{text}");
    assert!(text.starts_with("claim_id,article_id,published,"), "one header row: {text}");
}

/// Plain decimals: no exponent for large or small values, `.` as the decimal
/// point, no thousands separators; dates in ISO form.
#[test]
fn csv_numbers_are_plain_decimals_and_dates_iso() {
    let text = csv_text(&table::claims_frame(&awkward_claims()).unwrap());
    for field in [
        ",250000000000,",
        ",11.6,",
        ",0.30000000000000004,",
        ",0.3333333333333333,",
        ",0.0000001,",
        ",123456789.125,",
        ",-3.2,",
        ",9007199254740992,",
        ",2024-05-17,",
    ] {
        assert!(text.contains(field), "{field} missing from\n{text}");
    }
    for bad in ["e+", "e-", "E+", "E-", "2.5e11", "1e-7"] {
        assert!(!text.contains(bad), "{bad} in\n{text}");
    }
}

// ---------------------------------------------------------------- the CLI

/// `export --excel` starts every CSV with a byte-order mark; without the flag
/// none does, and both read back as the same claims.
#[test]
fn excel_flag_puts_a_bom_on_every_csv_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let claims = snapshot_claims();
    let input = dir.path().join("in.jsonl");
    write_claims(&input, &claims, false).unwrap();
    for excel in [true, false] {
        let out_dir = dir.path().join(if excel { "excel" } else { "plain" });
        let mut args = vec!["export", "in.jsonl", "-o", out_dir.to_str().unwrap(), "--wide"];
        if excel {
            args.push("--excel");
        }
        let out = econtrack(dir.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        let csvs = files_with_ext(&out_dir, "csv");
        let stems: Vec<_> = csvs.iter().map(|p| p.file_stem().unwrap().to_str().unwrap().to_string()).collect();
        assert_eq!(stems, ["claims", "progress", "series", "targets", "wide"]);
        for csv in &csvs {
            let bytes = fs::read(csv).unwrap();
            assert_eq!(bytes.starts_with(BOM), excel, "{}", csv.display());
            assert!(!bytes[3..].windows(3).any(|w| w == BOM), "one BOM only: {}", csv.display());
            assert!(out_dir.join(csv.file_stem().unwrap()).with_extension("parquet").is_file());
        }
        assert_eq!(read_claims(&out_dir.join("claims.csv")).unwrap(), claims, "excel={excel}");
    }
}

/// Without `--wide` there is no wide table.
#[test]
fn wide_table_only_with_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    write_claims(&dir.path().join("in.csv"), &snapshot_claims(), false).unwrap();
    let out = econtrack(dir.path(), &["export", "in.csv", "-o", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stems: Vec<_> = files_with_ext(&dir.path().join("out"), "csv")
        .iter()
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
        .collect();
    assert_eq!(stems, ["claims", "progress", "series", "targets"]);
}

fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------- wide table

/// Columns run chronologically whatever order the claims come in; a cell is the
/// median of its claims; turnover pairs in either order share a row; a claim
/// with neither period nor date is left out.
#[test]
fn wide_table_orders_columns_by_time_and_takes_medians() {
    use ClaimKind::*;
    use Indicator::*;
    use Measure::*;
    let kk = ("KGZ", Some("KAZ"));
    let claims = vec![
        claim("a", Some("2025-03-01"), TradeTurnover, kk, Actual, Level, 3.0, Some("2024"), None, ""),
        claim("b", Some("2024-11-01"), TradeTurnover, ("KAZ", Some("KGZ")), Actual, Level, 2.0, Some("2024-01/2024-09"), None, ""),
        claim("c", Some("2024-10-01"), TradeTurnover, kk, Actual, Level, 1.0, Some("2024-Q3"), None, ""),
        claim("d", Some("2024-02-01"), TradeTurnover, kk, Actual, Level, 10.0, Some("2023"), None, ""),
        claim("e", Some("2024-02-02"), TradeTurnover, ("KAZ", Some("KGZ")), Actual, Level, 20.0, Some("2023"), None, ""),
        claim("f", Some("2024-02-03"), TradeTurnover, kk, Actual, Level, 60.0, Some("2023"), None, ""),
        claim("g", Some("2024-06-30"), TradeTurnover, kk, Target, Level, 5.0, None, Some("2030"), ""),
        claim("h", None, TradeTurnover, kk, Target, Level, 7.0, None, Some("2030"), ""),
        claim("i", Some("2024-01-15"), Exports, ("KGZ", Some("KAZ")), Actual, Level, 4.0, Some("2023-H2"), None, ""),
    ];
    let wide = table::wide_frame(&claims).unwrap();
    let names: Vec<&str> = wide.get_column_names().iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "indicator", "country", "partner", "kind", "measure", "unit",
            "2023", "2023-H2", "as of 2024-06-30", "2024-01/2024-09", "2024-Q3", "2024",
        ]
    );
    assert_eq!(
        csv_text(&wide),
        "indicator,country,partner,kind,measure,unit,2023,2023-H2,as of 2024-06-30,2024-01/2024-09,2024-Q3,2024\n\
         trade_turnover,KAZ,KGZ,actual,level,USD,20,,,2,1,3\n\
         trade_turnover,KAZ,KGZ,target,level,USD,,,5,,,\n\
         exports,KGZ,KAZ,actual,level,USD,,4,,,,\n"
    );
    // An even count takes the mean of the middle two.
    let two = &claims[3..5];
    let w = table::wide_frame(two).unwrap();
    assert_eq!(w.column("2023").unwrap().f64().unwrap().get(0), Some(15.0));
    // Nothing in, the key columns out.
    assert_eq!(table::wide_frame(&[]).unwrap().width(), 6);
}

// ---------------------------------------------------------------- snapshots

/// A few KAZ-KGZ actuals from two sources for one year, a growth rate, two
/// targets (the later, larger one active), and a GDP figure with no partner and
/// no period.
fn snapshot_claims() -> Vec<Claim> {
    use ClaimKind::*;
    use Indicator::*;
    use Measure::*;
    let kk = ("KAZ", Some("KGZ"));
    vec![
        claim("kazinform-2024-02-10", Some("2024-02-10"), TradeTurnover, kk, Actual, Level, 2.0e9, Some("2023"), None,
            "Trade between Kazakhstan and Kyrgyzstan reached $2 billion in 2023, the ministry said."),
        claim("akipress-2024-02-15", Some("2024-02-15"), TradeTurnover, ("KGZ", Some("KAZ")), Actual, Level, 2.2e9, Some("2023"), None,
            "Kyrgyz-Kazakh trade was $2.2 billion last year, \"a record\", the minister said."),
        claim("kazinform-2024-02-10", Some("2024-02-10"), TradeTurnover, kk, Actual, GrowthPct, 11.6, Some("2023"), None,
            "Turnover grew by 11.6%\nyear on year."),
        claim("kazinform-2024-02-10", Some("2024-02-10"), TradeTurnover, kk, Target, Level, 3.0e9, None, Some("2025"),
            "The sides aim to raise it to $3 billion by 2025."),
        claim("akipress-2024-06-01", Some("2024-06-01"), TradeTurnover, ("KGZ", Some("KAZ")), Target, Level, 5.0e9, None, Some("2030"),
            "The presidents set a new goal of $5 billion by 2030."),
        claim("kazinform-2024-03-01", Some("2024-03-01"), Gdp, ("KAZ", None), Actual, Level, 2.6e11, None, None,
            "Kazakhstan's economy, now worth $260 billion, keeps growing."),
    ]
}

/// Compares `bytes` with `tests/snapshots/<name>`; with `UPDATE_SNAPSHOTS=1`
/// writes them there instead. Read every rewritten snapshot before committing.
fn assert_snapshot(name: &str, bytes: &[u8]) {
    let path = crate::repo().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        return;
    }
    let expected = fs::read(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; run with UPDATE_SNAPSHOTS=1 to create it, then read it", path.display())
    });
    if expected == bytes {
        return;
    }
    let (old, new) = (String::from_utf8_lossy(&expected), String::from_utf8_lossy(bytes));
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) = (old.split('\n').collect(), new.split('\n').collect());
    let mut diff = String::new();
    for i in 0..old_lines.len().max(new_lines.len()) {
        match (old_lines.get(i), new_lines.get(i)) {
            (Some(a), Some(b)) if a == b => diff.push_str(&format!("  {a:?}\n")),
            (a, b) => {
                if let Some(a) = a {
                    diff.push_str(&format!("- {a:?}\n"));
                }
                if let Some(b) = b {
                    diff.push_str(&format!("+ {b:?}\n"));
                }
            }
        }
    }
    panic!(
        "{} differs from the output (- snapshot, + now), line by line:\n{diff}\
         if the change is intended, rerun with UPDATE_SNAPSHOTS=1 and read the new file",
        path.display()
    );
}

#[test]
fn snapshot_claims_csv() {
    let df = table::claims_frame(&snapshot_claims()).unwrap();
    assert_snapshot("claims.csv", &csv_bytes(&df, false).unwrap());
}

#[test]
fn snapshot_series_csv() {
    let df = table::series_frame(&series::observations(&snapshot_claims())).unwrap();
    assert_snapshot("series.csv", &csv_bytes(&df, false).unwrap());
}

#[test]
fn snapshot_targets_csv() {
    let df = table::targets_frame(&series::tracks(&snapshot_claims())).unwrap();
    assert_snapshot("targets.csv", &csv_bytes(&df, false).unwrap());
}

#[test]
fn snapshot_progress_csv() {
    let df = table::progress_frame(&series::tracks(&snapshot_claims())).unwrap();
    assert_snapshot("progress.csv", &csv_bytes(&df, false).unwrap());
}

#[test]
fn snapshot_wide_csv() {
    let df = table::wide_frame(&snapshot_claims()).unwrap();
    assert_snapshot("wide.csv", &csv_bytes(&df, false).unwrap());
}
