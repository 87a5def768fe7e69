//! Extraction time on hostile shapes of text, against ordinary text: seconds
//! per MB of article text through `extract_claims`, one article per shape, and
//! each shape's ratio to the dev corpus (ordinary trade text, all of it read).
//! The goal is every ratio within 2: the extractor is linear in an article's
//! size, whatever the text looks like.
//!
//! `cargo bench --no-default-features --bench shapes`; `SHAPES_MB=0.25` (or
//! any size) to run the shapes smaller, `SHAPES_ONLY=name` to run one.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use econtrack::Article;
use econtrack::extract::extract_claims;
use econtrack::ingest::{parse_html, read_inputs};

/// An ordinary trade text, repeated to make the long articles.
const TRADE: &str = "Mutual trade between Kazakhstan and Kyrgyzstan reached about $2 billion in 2025. \
                     We aim for $3 billion by 2030. ";

fn main() {
    let mb: f64 = std::env::var("SHAPES_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let only = std::env::var("SHAPES_ONLY").ok();
    let size = (mb * 1e6) as usize;

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev/articles");
    let dev = read_inputs(&[corpus]).articles;
    assert!(!dev.is_empty(), "no articles in tests/fixtures/dev/articles");
    let dev_bytes: usize = dev.iter().map(|a| a.text.len()).sum();
    let copies = (4 * size).div_ceil(dev_bytes).max(1);
    let dev: Vec<Article> = (0..copies).flat_map(|_| dev.iter().cloned()).collect();
    let ordinary = seconds_per_mb(&dev);
    println!("shapes: {:<28} {:>8.3} s/MB  {:>9} claims", "dev corpus (ordinary)", ordinary, claims(&dev));

    html_shapes(size, only.as_deref());

    for (name, article) in shapes(size) {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let one = [article];
        let s = seconds_per_mb(&one);
        println!("shapes: {name:<28} {s:>8.3} s/MB  {:>9} claims  {:>5.2}x ordinary", claims(&one), s / ordinary);
    }
}

/// The shapes, each an article of about `size` bytes of text.
fn shapes(size: usize) -> Vec<(&'static str, Article)> {
    let article = |title: String, text: String| Article {
        id: "shape".into(),
        title,
        text,
        lang: "en".into(),
        ..Article::default()
    };
    let fill = |unit: &str| unit.repeat(size.div_ceil(unit.len()));
    let trade_title = "Kazakhstan and Kyrgyzstan discuss trade".to_string();
    // "2019 $1.2 billion 2020 $1.3 billion ...": a table flattened into one line.
    let mut table = String::from("Trade turnover by year: ");
    let mut i = 0usize;
    while table.len() < size {
        table.push_str(&format!("{} ${}.{} billion ", 1900 + i % 200, 1 + i % 97, i % 10));
        i += 1;
    }
    // The same with a trade word at every figure, so that no piece of the
    // line is passed over for want of a cue.
    let mut cued_table = String::new();
    let mut i = 0usize;
    while cued_table.len() < size {
        cued_table.push_str(&format!("trade {} ${}.{} billion ", 1900 + i % 200, 1 + i % 97, i % 10));
        i += 1;
    }
    // A run-on line of clauses, each a claim.
    let mut run_on = String::from("Kazakhstan's exports to Kyrgyzstan");
    let mut i = 0usize;
    while run_on.len() < size {
        run_on.push_str(&format!(" reached ${}.{} billion in {},", 1 + i % 97, i % 10, 1900 + i % 200));
        i += 1;
    }
    let sentences = |n: usize| (0..n).map(|i| format!("Kazakhstan's exports to Kyrgyzstan rose {}% in {}. ", 1 + i % 50, 1990 + i % 36)).collect::<String>();
    vec![
        ("trade text, one article", article(trade_title.clone(), fill(TRADE))),
        ("trade text, 4x", article(trade_title.clone(), TRADE.repeat((4 * size).div_ceil(TRADE.len())))),
        ("2 MB title", article(fill("Kazakhstan and Kyrgyzstan trade talks ").repeat(2), TRADE.repeat(20))),
        ("'$1 ' (trade word first)", article(trade_title.clone(), format!("Trade {}", fill("$1 ")))),
        ("'2020-'", article(trade_title.clone(), format!("Trade {}", fill("2020-")))),
        ("'by 2030 '", article(trade_title.clone(), format!("Trade of $3 billion {}", fill("by 2030 ")))),
        ("year/amount table line", article(trade_title.clone(), table)),
        ("table line, cue at each", article(trade_title.clone(), cued_table)),
        ("run-on line of claims", article(trade_title.clone(), run_on)),
        ("'trade $1 '", article(trade_title.clone(), fill("trade $1 "))),
        ("'trade 2020-'", article(trade_title.clone(), fill("trade 2020-"))),
        ("'trade $3 billion by 2030 '", article(trade_title.clone(), fill("trade $3 billion by 2030 "))),
        ("'trade $1,000,000 '", article(trade_title.clone(), fill("trade $1,000,000 "))),
        ("'1,000,' no break", article(trade_title.clone(), format!("Trade ${}", fill("1,000,")))),
        ("'$1,000,000 ' one line", article(trade_title.clone(), format!("Trade {}", fill("$1,000,000 ")))),
        ("short sentences", article(trade_title.clone(), sentences(size / 60))),
        ("no spaces", article(trade_title.clone(), format!("Trade {}", fill("x")))),
        ("'. ' periods", article(trade_title, format!("Trade $2 billion{}", fill(". ")))),
    ]
}

fn claims(articles: &[Article]) -> usize {
    articles.iter().map(|a| extract_claims(a).len()).sum()
}

/// Seconds per MB of text, the best of a few rounds (one round when slow).
fn seconds_per_mb(articles: &[Article]) -> f64 {
    let mb = articles.iter().map(|a| a.text.len() + a.title.len()).sum::<usize>() as f64 / 1e6;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        black_box(articles.iter().map(|a| black_box(extract_claims(black_box(a))).len()).sum::<usize>());
        best = best.min(start.elapsed().as_secs_f64());
        if best > 2.0 {
            break;
        }
    }
    best / mb
}

/// Reading pages (`parse_html`): hostile markup against the saved pages of
/// tests/fixtures/html, in seconds per MB of page.
fn html_shapes(size: usize, only: Option<&str>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut pages: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/html")
        .map(|e| e.expect("a fixture").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| std::fs::read(p).expect("a fixture page"))
        .collect();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    pages = pages.iter().cycle().take(pages.len() * size.div_ceil(bytes)).cloned().collect();
    let ordinary = page_seconds_per_mb(&pages);
    println!("shapes: {:<28} {ordinary:>8.3} s/MB (html)", "fixture pages (ordinary)");
    let trade = "<p>Trade between Kazakhstan and Kyrgyzstan reached $2 billion in 2023.</p>";
    let n = size / 12;
    let shapes = [
        ("html: long ordinary page", format!("<html><body><article>{}</article></body></html>", trade.repeat(size / trade.len()))),
        ("html: nested <div>", format!("{}{trade}{}", "<div>".repeat(n / 2), "</div>".repeat(n / 2))),
        ("html: nested <span>", format!("<p>{}{trade}{}</p>", "<span>".repeat(n / 2), "</span>".repeat(n / 2))),
        ("html: nested <div><p>", format!("{}{trade}{}", "<div><p>".repeat(n / 3), "</p></div>".repeat(n / 3))),
        ("html: flat <div>s", "<div>x</div>".repeat(n)),
        ("html: open <b>s, flat <div>s", format!("{}{}", "<b id=k>".repeat(200), "<div>x</div>".repeat(n))),
        ("html: attributes in one tag", format!("<p{}>{trade}", (0..n).map(|i| format!(" a{i}=1")).collect::<String>())),
    ];
    for (name, page) in shapes {
        if only.is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let s = page_seconds_per_mb(&[page.into_bytes()]);
        println!("shapes: {name:<28} {s:>8.3} s/MB  {:>5.2}x ordinary (html)", s / ordinary);
    }
}

fn page_seconds_per_mb(pages: &[Vec<u8>]) -> f64 {
    let mb = pages.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        for page in pages {
            let _ = black_box(parse_html(Path::new("shape.html"), black_box(page), None));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    best / mb
}
