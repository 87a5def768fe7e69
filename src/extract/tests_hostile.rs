//! Hostile input: what bounds the extractor's work and output on text no
//! writer would send (a table flattened into one line, runs of figures,
//! a body pasted into the title) and on figures and dates past what a claim
//! can hold. Small sizes: these assert what is kept and cut, not time (the
//! `shapes` bench times it).

use super::sentence::{MAX_SENTENCE_BYTES, sentences};
use super::{EVIDENCE_CONTEXT_BYTES, EVIDENCE_SENTENCE_BYTES, MAX_AMOUNTS, MAX_TITLE_BYTES, extract_claims};
use crate::Article;
use chrono::NaiveDate;

fn article(title: &str, published: Option<NaiveDate>, text: String) -> Article {
    Article { id: "h".into(), title: title.into(), published, source: "test".into(), text, ..Default::default() }
}

const PAIR: &str = "Kazakhstan and Kyrgyzstan";
const CLAIM: &str = "Kazakhstan's exports to Kyrgyzstan reached $2 billion in 2023";

fn key(a: &Article) -> Vec<String> {
    extract_claims(a).iter().map(super::tests::key).collect()
}

#[test]
fn over_long_sentences_are_cut_into_pieces_within_the_limit() {
    for unit in ["word ", "$1 ", "1,000,", "x", "2020-", "слово ", "1 000 "] {
        let text = unit.repeat(3 * MAX_SENTENCE_BYTES / unit.len() + 7);
        let s = sentences(&text);
        assert!(s.len() >= 3, "{unit:?}: {} pieces", s.len());
        for p in &s {
            assert!(p.end - p.start <= MAX_SENTENCE_BYTES, "{unit:?}: {}", p.end - p.start);
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
        // Nothing is lost but the spaces at the cuts.
        let kept: usize = s.iter().map(|p| p.end - p.start).sum();
        assert!(kept + s.len() >= text.trim_end().len(), "{unit:?}");
    }
    // A space inside a number ("1 000") is not where a piece ends.
    let text = "costs 1 000 ".repeat(2 * MAX_SENTENCE_BYTES / 12);
    for p in &sentences(&text) {
        let piece = &text[p.start..p.end];
        assert!(piece.ends_with("000") || piece.ends_with("costs"), "{piece:?}");
        assert!(piece.starts_with("costs") || piece.starts_with("1 000"), "{piece:?}");
    }
    // Ordinary sentences are untouched.
    assert_eq!(sentences(&format!("{CLAIM}. Next one.")).len(), 2);
}

#[test]
fn a_sentence_inside_an_over_long_one_keeps_its_claim() {
    let alone = key(&article(PAIR, None, format!("{CLAIM}.")));
    assert_eq!(alone, ["exports KAZ KGZ actual level 2000000000 USD 2023 -"]);
    // Filler with no sentence end either side, the claim's words in the
    // middle of the second piece.
    let filler = "and the talks went on ".repeat(MAX_SENTENCE_BYTES / 22 * 3 / 2);
    let a = article(PAIR, None, format!("{filler}{CLAIM} {filler}"));
    assert_eq!(key(&a), alone);
    // Its span is the amount's place in the article, its evidence a window
    // around it, marked as cut at both ends.
    let c = &extract_claims(&a)[0];
    assert_eq!(&a.text[c.span_start as usize..c.span_end as usize], "$2 billion");
    assert!(c.evidence.starts_with("… ") && c.evidence.ends_with(" …"), "{}", c.evidence);
    assert!(c.evidence.contains(CLAIM));
    assert!(c.evidence.len() <= 2 * EVIDENCE_CONTEXT_BYTES + "$2 billion".len() + 8);
}

#[test]
fn evidence_is_the_sentence_when_short_and_a_window_when_long() {
    let short = format!("{CLAIM}.");
    assert_eq!(extract_claims(&article(PAIR, None, short.clone()))[0].evidence, short);
    // A long sentence (a run-on line, under the piece limit) gives a window
    // around each amount, cut at words: no claim copies the whole line.
    let mut line = String::from("Kazakhstan's exports to Kyrgyzstan");
    for y in 2000..2000 + MAX_AMOUNTS {
        line.push_str(&format!(" reached ${}.5 billion in {y},", y - 1990));
    }
    assert!(line.len() > EVIDENCE_SENTENCE_BYTES && line.len() < MAX_SENTENCE_BYTES);
    let claims = extract_claims(&article(PAIR, None, line.clone()));
    assert_eq!(claims.len(), MAX_AMOUNTS);
    for c in &claims {
        assert!(c.evidence.len() <= 2 * EVIDENCE_CONTEXT_BYTES + 20, "{}", c.evidence.len());
        let inner = c.evidence.trim_start_matches("… ").trim_end_matches(" …");
        assert!(line.contains(inner), "{inner}");
        assert!(inner.contains(&a_text(&line, c)));
        // Cut at words: the window starts and ends with whole ones.
        assert!(!inner.starts_with(' ') && !inner.ends_with(' '));
    }
    assert!(claims[0].evidence.starts_with("Kazakhstan's") && claims[0].evidence.ends_with(" …"));
    let last = &claims[MAX_AMOUNTS - 1].evidence;
    assert!(last.starts_with("… ") && !last.ends_with('…'));
}

fn a_text(text: &str, c: &crate::Claim) -> String {
    text[c.span_start as usize..c.span_end as usize].to_string()
}

#[test]
fn a_table_in_one_line_gives_bounded_claims_and_evidence() {
    // "2019 $1.2 billion 2020 $1.3 billion ..." for 60 KB: at most a claim
    // per figure, each with a bounded evidence.
    let mut line = String::from("Kazakhstan's exports to Kyrgyzstan by year: ");
    let mut figures = 0;
    while line.len() < 60_000 {
        line.push_str(&format!("{} ${}.{} billion ", 1990 + figures % 70, 1 + figures % 97, figures % 10));
        figures += 1;
    }
    let claims = extract_claims(&article(PAIR, None, line.clone()));
    assert!(!claims.is_empty() && claims.len() <= figures, "{} claims of {figures} figures", claims.len());
    let evidence: usize = claims.iter().map(|c| c.evidence.len()).sum();
    assert!(evidence <= claims.len() * (2 * EVIDENCE_CONTEXT_BYTES + 30), "{evidence}");
}

#[test]
fn repeats_collapse_across_an_article_by_key_and_value() {
    // The same figure within 0.5% is one claim, in any order; a figure
    // further off, or of another year, is another.
    let text = "Kazakhstan's exports to Kyrgyzstan reached $2 billion in 2023. \
                Kazakhstan's exports to Kyrgyzstan reached $2.009 billion in 2023. \
                Kazakhstan's exports to Kyrgyzstan reached $1.991 billion in 2023. \
                Kazakhstan's exports to Kyrgyzstan reached $2.02 billion in 2023. \
                Kazakhstan's exports to Kyrgyzstan reached $2.015 billion in 2023. \
                Kazakhstan's exports to Kyrgyzstan reached $2 billion in 2022.";
    assert_eq!(
        key(&article(PAIR, None, text.into())),
        [
            "exports KAZ KGZ actual level 2000000000 USD 2023 -",
            "exports KAZ KGZ actual level 2020000000 USD 2023 -",
            "exports KAZ KGZ actual level 2000000000 USD 2022 -",
        ]
    );
    // Past the first few claims, kept by key: the same holds.
    let mut text = String::new();
    for (value, years) in [("2", 1990..2030), ("2.005", 1990..2030), ("1.995", 2000..2010), ("2.02", 1990..2030)] {
        for y in years {
            text.push_str(&format!("Kazakhstan's exports to Kyrgyzstan reached ${value} billion in {y}. "));
        }
    }
    let claims = extract_claims(&article(PAIR, None, text));
    let values: Vec<(f64, &str)> = claims.iter().map(|c| (c.value, c.period.as_deref().unwrap_or("-"))).collect();
    let expected: Vec<(f64, String)> = [2e9, 2.02e9].iter().flat_map(|&v| (1990..2030).map(move |y| (v, y.to_string()))).collect();
    assert_eq!(values.len(), expected.len());
    assert!(values.iter().zip(&expected).all(|(a, b)| a.0 == b.0 && a.1 == b.1), "{values:?}");
    // Turnover pairs are unordered.
    let text = "Trade between Kazakhstan and Kyrgyzstan reached $2 billion in 2023. \
                Trade between Kyrgyzstan and Kazakhstan reached $2 billion in 2023.";
    assert_eq!(extract_claims(&article(PAIR, None, text.into())).len(), 1);
}

#[test]
fn only_the_head_of_a_long_title_is_read() {
    let text = "Trade between the two countries reached $2 billion in 2023.".to_string();
    let pair = extract_claims(&article(PAIR, None, text.clone()));
    assert_eq!(pair.len(), 1);
    // The pair in the head of the title is found, past the cap it is not.
    let long = format!("{PAIR} {}", "talks ".repeat(2 * MAX_TITLE_BYTES / 6));
    assert_eq!(key(&article(&long, None, text.clone())), key(&article(PAIR, None, text.clone())));
    let late = format!("{}{PAIR}", "talks ".repeat(2 * MAX_TITLE_BYTES / 6));
    assert!(extract_claims(&article(&late, None, text)).is_empty());
}

#[test]
fn no_claim_has_a_value_past_a_double() {
    for digits in [310, 320, 400] {
        let n = "9".repeat(digits);
        for text in [
            format!("Kazakhstan's exports to Kyrgyzstan reached ${n} in 2023."),
            format!("Kazakhstan's exports to Kyrgyzstan reached ${n} billion in 2023."),
            format!("Kazakhstan's exports to Kyrgyzstan rose {n}% in 2023."),
            format!("Kazakhstan's exports to Kyrgyzstan reached {n} trillion dollars in 2023."),
        ] {
            let claims = extract_claims(&article(PAIR, None, text.clone()));
            assert!(claims.is_empty(), "{digits} digits: {:?}", claims.iter().map(|c| c.value).collect::<Vec<_>>());
        }
    }
    // A large finite figure is still read.
    let c = extract_claims(&article(PAIR, None, format!("Kazakhstan's exports to Kyrgyzstan reached ${} in 2023.", "9".repeat(300))));
    assert!(c.len() == 1 && c[0].value.is_finite() && c[0].value > 1e299);
}

#[test]
fn periods_and_deadlines_are_years_of_four_digits() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let text = "Kazakhstan's exports to Kyrgyzstan reached $2 billion last year. \
                The two countries aim to raise trade to $5 billion next year. \
                Kazakhstan's exports to Kyrgyzstan reached $1 billion in the first quarter.";
    // Published in a year of four digits: counted from it.
    assert_eq!(
        key(&article(PAIR, date(2024, 1, 5), text.into())),
        [
            "exports KAZ KGZ actual level 2000000000 USD 2023 -",
            "trade_turnover KAZ KGZ target level 5000000000 USD - 2025",
            "exports KAZ KGZ actual level 1000000000 USD 2024-Q1 -",
        ]
    );
    // A date read as the year 24 ("24-1-5"), or past 9999, dates nothing.
    for published in [date(24, 1, 5), date(999, 1, 5), date(10_000, 1, 5)] {
        for c in extract_claims(&article(PAIR, published, text.into())) {
            assert_eq!((c.period.as_deref(), c.deadline.as_deref()), (None, None), "{published:?}");
        }
    }
    // On the edge, a year counted from the publication's must have four digits too.
    let next = extract_claims(&article(PAIR, date(9999, 1, 5), text.into()));
    assert!(next.iter().all(|c| c.deadline.is_none()), "{:?}", next.iter().map(|c| &c.deadline).collect::<Vec<_>>());
    // Years in the text: two digits alone are no year; the fiscal forms that
    // name one with two digits on purpose still do.
    let in_year = |y: &str| {
        let a = article(PAIR, date(2025, 6, 1), format!("Kazakhstan's exports to Kyrgyzstan reached $2 billion in {y}."));
        extract_claims(&a).first().and_then(|c| c.period.clone())
    };
    assert_eq!(in_year("24"), None);
    assert_eq!(in_year("24-1-5"), None);
    assert_eq!(in_year("'24"), None);
    assert_eq!(in_year("2024"), Some("2024".into()));
    assert_eq!(in_year("FY24"), Some("2023-04/2024-03".into()));
    assert_eq!(in_year("2023-24"), Some("2023-04/2024-03".into()));
}

/// A list of yearly figures in one sentence: a prose-sized list is read
/// whole; a table's worth gives the first [`MAX_AMOUNTS`] of them.
#[test]
fn a_sentence_reads_at_most_its_first_amounts() {
    let list = |n: usize| {
        let years: String = (0..n).map(|i| format!(" reached ${}.5 billion in {},", i + 1, 2000 + i)).collect();
        format!("Kazakhstan's exports to Kyrgyzstan{years}")
    };
    let periods = |n: usize| -> Vec<String> {
        let text = list(n);
        assert!(text.len() < MAX_SENTENCE_BYTES, "one sentence, not cut");
        let mut p: Vec<String> = extract_claims(&article(PAIR, None, text)).into_iter().filter_map(|c| c.period).collect();
        p.sort();
        p
    };
    let want = |n: usize| (0..n).map(|i| (2000 + i).to_string()).collect::<Vec<_>>();
    assert_eq!(periods(8), want(8));
    assert_eq!(periods(MAX_AMOUNTS), want(MAX_AMOUNTS));
    assert_eq!(periods(MAX_AMOUNTS + 20), want(MAX_AMOUNTS));
}
