//! Extraction throughput, MB of article text per second through
//! `extract_claims`, on one thread and on all cores (rayon, parallel over
//! articles), for two inputs:
//!
//! - the dev corpus, every article about trade, repeated to 20 MB;
//! - a news-archive mix ([`econtrack::synth`]): one article in five about
//!   trade, the rest sport, weather and culture with ordinary numbers.
//!
//! `cargo bench --bench extract` (add `--no-default-features` to build without
//! polars, in about a minute). A plain timing loop rather than a benchmark
//! framework: one figure over a large input is what we track.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use econtrack::Article;
use econtrack::extract::extract_claims;
use econtrack::ingest::read_inputs;
use econtrack::synth;
use rayon::prelude::*;

const TARGET_BYTES: usize = 20 * 1024 * 1024;
const ROUNDS: usize = 5;

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev/articles");
    let dev = read_inputs(&[corpus]).articles;
    assert!(!dev.is_empty(), "no articles in tests/fixtures/dev/articles");
    let dev_bytes: usize = dev.iter().map(|a| a.text.len()).sum();
    let copies = TARGET_BYTES.div_ceil(dev_bytes);
    let dev: Vec<Article> = (0..copies).flat_map(|_| dev.iter().cloned()).collect();

    let mut archive = Vec::new();
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        let a = synth::article(2026, archive.len());
        bytes += a.text.len();
        archive.push(a);
    }

    let threads = rayon::current_num_threads();
    for (name, articles) in [("dev corpus", &dev), ("archive mix", &archive)] {
        let mb = articles.iter().map(|a| a.text.len()).sum::<usize>() as f64 / 1e6;
        println!("extract: {name}: {} articles, {mb:.1} MB of text", articles.len());
        let one = best_of(|| articles.iter().map(|a| black_box(extract_claims(black_box(a))).len()).sum());
        println!("extract: {name}, 1 thread: {:.2} MB/s", mb / one);
        let all = best_of(|| articles.par_iter().map(|a| black_box(extract_claims(black_box(a))).len()).sum());
        println!("extract: {name}, {threads} threads: {:.2} MB/s ({:.2} MB/s per thread)", mb / all, mb / all / threads as f64);
    }
}

/// The best wall time in seconds over a few rounds of `f`.
fn best_of(f: impl Fn() -> usize) -> f64 {
    let mut best = f64::INFINITY;
    let mut claims = 0;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        claims = f();
        best = best.min(start.elapsed().as_secs_f64());
    }
    black_box(claims);
    best
}
