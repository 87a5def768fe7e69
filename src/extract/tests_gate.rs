//! The article gate ([`super::may_hold_claims`]) never drops an article that
//! has a claim: checked on every fixture article, and on every sentence of
//! them read as an article of its own, which is where a claim without a
//! currency or an indicator word would show.

use super::{claims_of, claims_with, extract_claims, may_hold_claims, sentence};
use crate::Article;
use crate::ingest::read_inputs;
use std::path::Path;

fn fixture_articles() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = ["tests/fixtures/dev/articles", "tests/fixtures/dev2/articles", "tests/fixtures/holdout/articles", "data/articles"]
        .map(|d| root.join(d));
    read_inputs(&dirs).articles
}

#[test]
fn no_article_or_sentence_with_a_claim_is_gated_out() {
    let articles = fixture_articles();
    assert!(articles.len() > 50, "{} fixture articles", articles.len());
    let (mut gated, mut with_claims) = (0, 0);
    for a in &articles {
        assert!(may_hold_claims(&a.text), "{}", a.id);
        for s in sentence::sentences(&a.text) {
            let one = Article { text: a.text[s.start..s.end].to_string(), ..a.clone() };
            let claims = claims_of(&one);
            with_claims += usize::from(!claims.is_empty());
            if !may_hold_claims(&one.text) {
                gated += 1;
                assert!(claims.is_empty(), "{}: {:?} has claims but was gated out", a.id, one.text);
            }
        }
    }
    // The check has teeth: many sentences are gated out, many have claims.
    assert!(gated > 100 && with_claims > 100, "{gated} gated out, {with_claims} with claims");
}

#[test]
fn the_gate_lets_through_every_indicator_phrase_and_currency_form() {
    for line in super::lexicon::tsv_lines(include_str!("lexicon/indicators.tsv")) {
        let phrase = line.rsplit('\t').next().unwrap().replace('*', "а").replace('_', "x");
        assert!(may_hold_claims(&format!("It said {phrase} grew.")), "{phrase}");
        assert!(may_hold_claims(&phrase.to_uppercase()), "{phrase}");
    }
    let (pre, post) = super::money::currency_literals();
    for form in pre {
        assert!(may_hold_claims(&format!("about {form}5")), "{form}");
    }
    for form in post {
        assert!(may_hold_claims(&format!("about 5 {}", form.to_uppercase())), "{form}");
    }
    assert!(!may_hold_claims("The home side won 3-1 on Saturday in front of 14,500 fans."));
}

#[test]
fn gated_out_archive_articles_are_the_ones_without_claims() {
    let mut gated = 0;
    for i in 0..400 {
        let a = crate::synth::article(7, i);
        if !may_hold_claims(&a.text) {
            gated += 1;
            assert!(claims_of(&a).is_empty(), "{}", a.text);
        }
        assert_eq!(extract_claims(&a), claims_of(&a));
    }
    assert!(gated > 200, "{gated} of 400 generated articles gated out");
}

/// Sentences with figures but nothing to make a claim of them are passed over
/// before the time and party layers; reading them in full gives the same
/// claims, on the fixtures and on generated archive articles (prices, scores).
#[test]
fn passing_over_idle_sentences_changes_no_claim() {
    let mut articles = fixture_articles();
    articles.extend((0..300).map(|i| crate::synth::article(7, i)));
    let mut idle = 0;
    for a in &articles {
        let (skipping, n) = claims_with(a, true, None);
        let (full, none) = claims_with(a, false, None);
        assert_eq!(none, 0);
        assert_eq!(skipping, full, "{}", a.id);
        // Through the gate, which hands on the lower case it made.
        if may_hold_claims(&a.text) {
            assert_eq!(extract_claims(a), full, "{}", a.id);
        }
        idle += n;
    }
    assert!(idle > 100, "only {idle} sentences were passed over");
}

/// Every indicator, goal and forecast phrase opens the sentence gate, between
/// other words and in capitals; a sentence with none of them, or with them
/// only inside longer words, keeps it shut.
#[test]
fn the_sentence_gate_opens_on_every_phrase_that_may_lead_a_claim() {
    let lines = |data: &'static str| super::lexicon::tsv_lines(data).filter_map(|l| l.split_once('\t'));
    let indicators = lines(include_str!("lexicon/indicators.tsv")).map(|(_, p)| p);
    let goals = lines(include_str!("lexicon/kinds.tsv")).filter(|(tag, _)| *tag != "actual").map(|(_, p)| p);
    let mut n = 0;
    for phrase in indicators.chain(goals) {
        let phrase = phrase.replace('*', "а").replace('_', "x");
        for text in [format!("It said {phrase}, 5."), format!("{phrase}-5"), phrase.to_uppercase()] {
            assert!(super::may_lead(&super::lexicon::lower_text(&text)), "{text:?}");
        }
        n += 1;
    }
    assert!(n > 100, "{n} phrases");
    for text in [
        "The home side won 3-1 on Saturday in front of 14,500 fans.",
        "He claimed the market was upset by 14 points.",
        "Температура 5 градусов.",
    ] {
        assert!(!super::may_lead(&super::lexicon::lower_text(text)), "{text:?}");
    }
}

/// The gate's one scan over the text as it is, or over its lower case, finds
/// what its two scans over the lower-cased text and the text as written find:
/// on every fixture article and sentence, in capitals and in lower case, and
/// on generated archive articles.
#[test]
fn the_folded_gate_scan_finds_what_the_lower_cased_scans_find() {
    let gate = super::CLAIM_GATE.as_ref().expect("a gate");
    let two_scans = |t: &str| gate.exact.is_match(t) || gate.lower.is_match(&super::lexicon::lower_text(t));
    let mut texts: Vec<String> = Vec::new();
    for a in fixture_articles() {
        for s in sentence::sentences(&a.text) {
            let t = &a.text[s.start..s.end];
            texts.extend([t.to_string(), t.to_uppercase(), t.to_lowercase()]);
        }
        texts.push(a.text);
    }
    texts.extend((0..400).map(|i| crate::synth::article(7, i).text));
    texts.extend(["5 RS", "5 Rs", "5 rs", "USD 5", "usd 5", "Usd 5", "EUR", "Eur", "MEX $5", "mex $5"].map(String::from));
    let (mut folded, mut aligned, mut open) = (0, 0, 0);
    for t in &texts {
        folded += usize::from(super::lexicon::lowers_only_ascii(t));
        aligned += usize::from(!super::lexicon::lowers_only_ascii(t) && super::lexicon::lower_text_aligned(t).1);
        let want = two_scans(t);
        open += usize::from(want);
        assert_eq!(may_hold_claims(t), want, "{t:?}");
    }
    // Each way is taken, and the gate both opens and stays shut.
    assert!(gate.folds, "the currency forms have no capitals outside ASCII");
    assert!(folded > 1000 && aligned > 300, "{folded} of {} read as they are, {aligned} lower-cased", texts.len());
    assert!(open > 1000 && texts.len() - open > 300, "{open} of {} open", texts.len());
}

/// An article whose lower case moves some character (a dotted capital I, a
/// final sigma) is read sentence by sentence with each sentence lower-cased
/// on its own: the claims of the sentences before that character are the
/// ones read when the whole text is lower-cased in place.
#[test]
fn an_article_lower_cased_out_of_place_gives_the_same_claims() {
    let mut checked = 0;
    for a in fixture_articles() {
        let want = claims_of(&a);
        for tail in ["\n\nOfficials met in İSTANBUL.", "\n\nΟΔΟΣ ΣΑ."] {
            let moved = Article { text: format!("{}{tail}", a.text), ..a.clone() };
            assert!(!crate::extract::lexicon::lower_text_aligned(&moved.text).1);
            assert_eq!(claims_of(&moved), want, "{}", a.id);
        }
        checked += usize::from(!want.is_empty());
    }
    assert!(checked > 50, "{checked} articles with claims");
}

/// A text whose lower case changes only ASCII capitals is lower-cased, in
/// place, by ASCII lower-casing alone: the gate hands that on for such a text.
#[test]
fn a_text_that_lowers_only_ascii_is_lower_cased_in_place_by_ascii() {
    let mut texts: Vec<String> = fixture_articles().into_iter().map(|a| a.text).collect();
    texts.extend((0..200).map(|i| crate::synth::article(7, i).text));
    texts.extend(["ΣΑ", "KELVIN \u{212A}", "Straße İ", "ТОВАРООБОРОТ"].map(String::from));
    let mut ascii = 0;
    for t in &texts {
        if super::lexicon::lowers_only_ascii(t) {
            ascii += 1;
            assert_eq!(super::lexicon::lower_text_aligned(t), (t.to_ascii_lowercase(), true), "{t:?}");
        }
    }
    assert!(ascii > 100 && ascii < texts.len(), "{ascii} of {} texts lower only ASCII", texts.len());
}

/// [`super::each_literal`] finds what `find_overlapping_iter` finds, in the
/// same order, with the sentence gate's literals and with a small set whose
/// literals end inside each other; it stops where its callback says so.
#[test]
fn each_literal_is_find_overlapping_iter() {
    use aho_corasick::{AhoCorasick, AhoCorasickKind};
    let cue_literals: Vec<String> = super::cues::claim_literals().expect("no empty cue literal").into_iter().map(|l| l.text).collect();
    let nested: Vec<String> = ["jan", "january", "anu", "a", "ary", "ё", "её", "20", "2024", "024"].map(String::from).to_vec();
    let mut texts: Vec<String> = super::corpus_sentences().iter().map(|s| super::lexicon::lower_text(s)).collect();
    texts.extend(super::generated_strings("janury2041 ёеa-", 0x7A3C_19E4_B562_0DF8, 2_000, 24));
    texts.push(String::new());
    let mut found = 0;
    for literals in [&cue_literals, &nested] {
        let dfa = super::literal_dfa(literals);
        let ac = AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).build(literals).unwrap();
        for text in &texts {
            let want: Vec<(usize, std::ops::Range<usize>)> =
                ac.find_overlapping_iter(text).map(|m| (m.pattern().as_usize(), m.range())).collect();
            let mut got = Vec::new();
            assert!(super::each_literal(&dfa, text, |p, span| {
                got.push((p, span));
                true
            }));
            assert_eq!(got, want, "{text:?}");
            found += got.len();
            // Stopped at the second literal found, it has seen two.
            let mut seen = 0;
            let whole = super::each_literal(&dfa, text, |_, _| {
                seen += 1;
                seen < 2
            });
            assert_eq!((whole, seen), (want.len() < 2, want.len().min(2)), "{text:?}");
        }
    }
    assert!(found > 10_000, "{found} literals found");
}
