//! End-to-end `econtrack run` over generated archives ([`econtrack::synth`]):
//! wall time, throughput and peak memory (resident set) per archive size.
//!
//! `cargo bench --bench run` measures 10,000 and 100,000 articles; set
//! `ECONTRACK_BENCH_ARTICLES=1000,5000` for other sizes. Each archive is JSONL
//! shards of 10,000 articles, one in five about trade, written to a temporary
//! folder; the run starts from an empty store (`--rebuild`).
//!
//! Peak memory is the child's `ru_maxrss`: the bench runs each size in a fresh
//! copy of itself, which runs `econtrack` and reads its children's usage.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use econtrack::synth;

const SHARD: usize = 10_000;
const SEED: u64 = 2026;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--one-size") {
        let n: usize = args[pos + 1].parse().expect("a size");
        return one_size(n);
    }
    let sizes = std::env::var("ECONTRACK_BENCH_ARTICLES").unwrap_or_else(|_| "10000,100000".into());
    for size in sizes.split(',').map(|s| s.trim().parse::<usize>().expect("sizes are numbers")) {
        // A fresh process per size, so each peak is its own.
        let status = Command::new(std::env::current_exe().unwrap())
            .args(["--one-size", &size.to_string()])
            .status()
            .expect("the bench runs itself");
        assert!(status.success(), "run over {size} articles failed");
    }
}

fn one_size(n: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let articles = dir.path().join("articles");
    fs::create_dir_all(&articles).unwrap();
    let bytes = write_archive(&articles, n);
    let exe = env!("CARGO_BIN_EXE_econtrack");
    let start = Instant::now();
    let out = Command::new(exe)
        .arg("run")
        .arg("--articles")
        .arg(&articles)
        .arg("--out")
        .arg(dir.path().join("data"))
        .arg("--charts")
        .arg(dir.path().join("charts"))
        .arg("--rebuild")
        .output()
        .expect("econtrack runs");
    let secs = start.elapsed().as_secs_f64();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let peak_mb = peak_child_rss_kb() as f64 / 1024.0;
    let summary = String::from_utf8_lossy(&out.stderr);
    let summary = summary.lines().last().unwrap_or("").trim_start_matches("econtrack: ");
    println!(
        "run: {n} articles ({:.1} MB): {secs:.2} s, {:.0} articles/s, {:.2} MB/s, peak RSS {peak_mb:.0} MB [{summary}]",
        bytes as f64 / 1e6,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs,
    );
}

/// Writes `n` generated articles as JSONL shards; returns the bytes written.
fn write_archive(dir: &Path, n: usize) -> u64 {
    let mut total = 0u64;
    for (shard, start) in (0..n).step_by(SHARD).enumerate() {
        let mut w = BufWriter::new(File::create(dir.join(format!("shard-{shard:04}.jsonl"))).unwrap());
        for i in start..(start + SHARD).min(n) {
            let line = synth::jsonl_line(&synth::article(SEED, i));
            total += line.len() as u64;
            w.write_all(line.as_bytes()).unwrap();
        }
        w.flush().unwrap();
    }
    total
}

/// The largest resident set of any finished child of this process, in KiB.
fn peak_child_rss_kb() -> i64 {
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    }
}
