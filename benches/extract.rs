//! Extraction throughput: the dev corpus repeated to at least 20 MB, run
//! through `extract_claims` on one thread. `cargo bench` prints MB/s.
//!
//! A plain timing loop rather than a benchmark framework: one figure over a
//! large input is what we track, and it keeps the build small.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use econtrack::extract::extract_claims;
use econtrack::ingest::read_inputs;

const TARGET_BYTES: usize = 20 * 1024 * 1024;
const ROUNDS: usize = 3;

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev/articles");
    let articles = read_inputs(&[corpus]).articles;
    assert!(!articles.is_empty(), "no articles in tests/fixtures/dev/articles");
    let corpus_bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let copies = TARGET_BYTES.div_ceil(corpus_bytes);
    let total_bytes = corpus_bytes * copies;
    let mb = total_bytes as f64 / 1e6;
    println!("extract: {} articles x {copies} = {mb:.1} MB of text", articles.len());

    let mut best = f64::INFINITY;
    for round in 1..=ROUNDS {
        let start = Instant::now();
        let mut claims = 0usize;
        for _ in 0..copies {
            for article in &articles {
                claims += black_box(extract_claims(black_box(article))).len();
            }
        }
        let secs = start.elapsed().as_secs_f64();
        best = best.min(secs);
        println!("extract: round {round}: {secs:.2} s, {:.2} MB/s, {claims} claims", mb / secs);
    }
    println!("extract: best {:.2} MB/s on one thread", mb / best);
}
