//! Real-world inputs: bad files of every kind are named and skipped while the
//! good ones are read, and saved pages and web archives give the same claims
//! as the plain text of the same article.

use std::collections::BTreeSet;
use std::path::Path;

use econtrack::export::read_claims;
use econtrack::Claim;

use crate::{econtrack, fixture, stderr};

/// Runs `extract` over `inputs` into a JSONL table; returns the claims, the
/// exit status and stderr.
fn extract(inputs: &[&Path], extra: &[&str]) -> (Vec<Claim>, Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["extract"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["-o", "claims.jsonl"]);
    args.extend(extra);
    let out = econtrack(dir.path(), &args);
    let claims = read_claims(&dir.path().join("claims.jsonl")).unwrap_or_default();
    (claims, out.status.code(), stderr(&out))
}

/// What a claim says, without where it was read from (id, source, offsets).
fn said(claims: &[Claim]) -> Vec<String> {
    let mut out: Vec<String> = claims
        .iter()
        .map(|c| {
            format!(
                "{} {} {:?} {} {} {} {} {:?} {:?} {} | {}",
                c.indicator.as_str(), c.kind.as_str(), c.published, c.country, c.partner.as_deref().unwrap_or("-"),
                c.value, c.unit, c.period, c.deadline, c.approx, c.evidence
            )
        })
        .collect();
    out.sort();
    out
}

/// Every bad file in tests/fixtures/bad with the line (or byte) its error names.
const BAD: [&str; 19] = [
    "binary.txt: byte 8: binary data",
    "blank.md: empty file",
    "broken-lines.jsonl:2: invalid JSON",
    "broken-lines.jsonl:3: not an article: missing field `text`",
    "broken-lines.jsonl:4: invalid UTF-8",
    "broken-lines.jsonl:5: `published` must be YYYY-MM-DD",
    "broken-lines.jsonl:6: not an article",
    "empty.jsonl: empty file",
    "empty.txt: empty file",
    "front-matter-only.md: no text after the front matter",
    "invalid-utf8.txt: byte 35: invalid UTF-8",
    "malformed-front-matter.txt:3: front matter",
    "malformed-header.warc: byte 10: malformed WARC header",
    "no-article.html: no article text found",
    "short-record.warc: byte 0: the file ends inside a record",
    "truncated.warc.gz: byte ",
    "unclosed-front-matter.txt:4: front matter",
    "unreadable-date.txt:3: `published` must be YYYY-MM-DD",
    "utf16-without-bom.txt: byte 1: binary data",
];

#[test]
fn every_bad_input_is_named_and_every_good_one_is_read() {
    let bad = fixture("bad");
    let (claims, code, err) = extract(&[&bad], &[]);
    assert_eq!(code, Some(0), "exit 0 without --strict: {err}");
    let skipped: Vec<&str> = err.lines().filter(|l| l.starts_with("econtrack: skipped ")).collect();
    for want in BAD {
        let hits = skipped.iter().filter(|l| l.contains(&format!("bad/{want}"))).count();
        assert_eq!(hits, 1, "one line for {want:?} in:\n{err}");
    }
    assert_eq!(skipped.len(), BAD.len(), "nothing else is skipped:\n{err}");
    assert!(err.lines().last().unwrap().contains(&format!("{} inputs skipped", BAD.len())), "{err}");

    // The good files and lines, read with the bad ones, give what they give alone.
    let ids: BTreeSet<&str> = claims.iter().map(|c| &*c.article_id).collect();
    for id in ["good-seed-meeting", "good-utf16-with-bom", "jsonl-good-1", "jsonl-good-2"] {
        assert!(ids.contains(id), "{id} has claims: {ids:?}");
    }
    assert!(ids.contains("6f1d2c3e-0000-4000-8000-000000000001"), "the record after a broken one is read: {ids:?}");
    for file in ["good-seed-meeting.txt", "good-utf16-with-bom.txt"] {
        let (alone, code, _) = extract(&[&bad.join(file)], &["--strict"]);
        assert_eq!(code, Some(0));
        let id = file.trim_end_matches(".txt");
        let together: Vec<Claim> = claims.iter().filter(|c| &*c.article_id == id).cloned().collect();
        assert_eq!(together, alone, "{file}");
    }
    // The UTF-16 file is the Russian dev article: same claims as its UTF-8 original.
    let (original, _, _) = extract(&[&fixture("dev/articles/kgru-2023-10-12-ru.txt")], &[]);
    let utf16: Vec<Claim> = claims.iter().filter(|c| &*c.article_id == "good-utf16-with-bom").cloned().collect();
    assert_eq!(said(&utf16), said(&original));
}

#[test]
fn strict_fails_on_bad_input_but_still_writes_the_good_claims() {
    let (claims, code, err) = extract(&[&fixture("bad")], &["--strict"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("--strict"), "{err}");
    assert!(claims.iter().any(|c| &*c.article_id == "good-seed-meeting"));
    let (_, code, err) = extract(&[&fixture("bad/good-seed-meeting.txt")], &["--strict"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("skipped"), "{err}");
}

#[test]
fn a_saved_page_gives_the_claims_of_its_text_and_nothing_from_the_furniture() {
    for stem in ["kzkg-2026-02-13", "kgru-2023-10-12-ru"] {
        let (text, _, _) = extract(&[&fixture(&format!("dev/articles/{stem}.txt"))], &["--strict"]);
        let (page, code, err) = extract(&[&fixture(&format!("html/{stem}.html"))], &["--strict"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(!text.is_empty());
        assert_eq!(said(&page), said(&text), "{stem}: the page adds or loses claims");
        assert!(page.iter().all(|c| &*c.article_id == stem && *c.source == format!("https://steppe-wire.example/news/{stem}")));
    }
}

#[test]
fn a_web_archive_gives_the_claims_of_its_pages() {
    let (archive, code, err) = extract(&[&fixture("warc/steppe-wire.warc.gz")], &["--strict"]);
    assert_eq!(code, Some(0), "{err}");
    // The section's index page has links and no article: counted, not an error.
    assert!(err.contains("passed over 1 web archive page with no article text"), "{err}");
    let (texts, _, _) = extract(
        &[&fixture("dev/articles/kzkg-2026-02-13.txt"), &fixture("dev/articles/kgru-2023-10-12-ru.txt")],
        &["--strict"],
    );
    let of = |id: &str| -> Vec<Claim> { archive.iter().filter(|c| &*c.article_id == id).cloned().collect() };
    let first = of("6f1d2c3e-0000-4000-8000-000000000001");
    let second = of("6f1d2c3e-0000-4000-8000-000000000002");
    let mut both = first.clone();
    both.extend(second.clone());
    assert_eq!(said(&both), said(&texts), "the two pages give the texts' claims, robots.txt and the image none");
    assert!(first.iter().all(|c| &*c.source == "https://steppe-wire.example/news/kzkg-2026-02-13"));

    // The third page has no date of its own: the WARC-Date stands in.
    let undated = of("6f1d2c3e-0000-4000-8000-000000000003");
    assert!(!undated.is_empty());
    assert!(undated.iter().all(|c| c.published == chrono::NaiveDate::from_ymd_opt(2026, 3, 1)), "{undated:?}");
    assert_eq!(archive.len(), first.len() + second.len() + undated.len());
}
