//! The README's main command: a fresh `run` over data/articles reproduces the
//! committed tables and charts byte for byte.

use std::fs;
use std::path::Path;

use crate::{econtrack, repo, stderr, stdout};

fn files_in(dir: &Path, exts: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && exts.iter().any(|x| n.ends_with(x)))
        .collect();
    names.sort();
    names
}

#[test]
fn run_reproduces_the_committed_tables_and_charts() {
    let dir = tempfile::tempdir().unwrap();
    let (out_dir, charts_dir) = (dir.path().join("data"), dir.path().join("charts"));
    let articles = repo().join("data/articles");
    let out = econtrack(
        dir.path(),
        &["run", "--articles", articles.to_str().unwrap(), "--out", out_dir.to_str().unwrap(), "--charts", charts_dir.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).lines().any(|l| l.starts_with("KAZ-KGZ") && l.contains("trade_turnover")), "{}", stdout(&out));

    let tables = files_in(&out_dir, &[".csv", ".parquet"]);
    for name in ["claims", "series", "targets", "progress"] {
        for ext in ["csv", "parquet"] {
            assert!(tables.contains(&format!("{name}.{ext}")), "{name}.{ext} missing: {tables:?}");
        }
    }
    assert_eq!(tables, files_in(&repo().join("data"), &[".csv", ".parquet"]), "the same tables as committed");
    for name in &tables {
        let fresh = fs::read(out_dir.join(name)).unwrap();
        let committed = fs::read(repo().join("data").join(name)).unwrap();
        assert!(fresh == committed, "data/{name} differs from a fresh run: rerun `cargo run --release -- run` and commit");
    }

    let charts = files_in(&charts_dir, &[".png", ".svg"]);
    assert!(charts.contains(&"trade_turnover_KAZ-KGZ.png".to_string()), "{charts:?}");
    assert!(charts.contains(&"trade_turnover_KAZ-KGZ.svg".to_string()), "{charts:?}");
    assert_eq!(charts, files_in(&repo().join("charts"), &[".png", ".svg"]), "the same charts as committed");
    for name in &charts {
        let fresh = fs::read(charts_dir.join(name)).unwrap();
        let committed = fs::read(repo().join("charts").join(name)).unwrap();
        assert!(fresh == committed, "charts/{name} differs from a fresh run");
    }
}
