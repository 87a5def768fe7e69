//! Layer 6, cues: sentence text in, typed [`Cue`] tokens out.
//!
//! Cue phrases are data, one file per question the claim layer asks:
//!
//! | file | cue | example |
//! |---|---|---|
//! | `indicators.tsv` | what a figure measures | trade turnover, exports to, товарооборот |
//! | `kinds.tsv` | actual, target, forecast | amounted to, aim to, expected to reach, довести до |
//! | `changes.tsv` | a percent is a change, and its sign | rose, fell, вырос на, больше |
//! | `hedges.tsv` | the figure is approximate | about, nearly, more than, около |
//! | `traps.tsv` | the figure is no trade claim | deal, loan, project, deficit, share |
//! | `pairs.tsv` | "the two countries" of the article | bilateral, mutual, взаимная |
//!
//! This layer only finds the phrases; which cue governs which amount is decided
//! by position in the claim layer.

use super::lexicon::{Lexicon, LexiconGroup, Literal, Word, dedup_literals};
use crate::Indicator;
use std::sync::LazyLock;

/// Whether a figure is reported, aimed at or expected, as a cue says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindCue {
    /// A goal named right next to the amount: "target of", "$3 billion goal".
    TargetNoun,
    Target,
    Forecast,
    Actual,
}

/// Why an amount is not a trade claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrapCue {
    /// Deals, loans, projects...: only close to the amount.
    Near,
    /// Balances, prices, population...: anywhere before it in the clause.
    Wide,
    /// Shares and averages: a percent that is no growth rate.
    Pct,
    /// A named commodity next to an exports/imports cue.
    Commodity,
}

/// What a cue phrase signals.
#[derive(Debug, Clone, PartialEq)]
pub enum CueKind {
    /// The indicator, and a fixed partner (`WORLD` for a country's total trade).
    Indicator(Indicator, Option<&'static str>),
    Kind(KindCue),
    /// A change; `true` for a decline.
    Change(bool),
    Hedge,
    Trap(TrapCue),
    /// "the two countries", "bilateral".
    Pair,
}

/// A cue phrase found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
}

macro_rules! lexicon {
    ($name:ident, $file:literal) => {
        static $name: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::from_tsv(include_str!($file)));
    };
}
lexicon!(INDICATORS, "lexicon/indicators.tsv");
lexicon!(KINDS, "lexicon/kinds.tsv");
lexicon!(CHANGES, "lexicon/changes.tsv");
lexicon!(HEDGES, "lexicon/hedges.tsv");
lexicon!(TRAPS, "lexicon/traps.tsv");
lexicon!(PAIRS, "lexicon/pairs.tsv");

/// The most words of a hedge ("more than", "не менее"): a hedge cue that
/// holds a word starts at most this many words before it, counting the word.
pub static HEDGE_WORDS: LazyLock<usize> = LazyLock::new(|| HEDGES.longest_entry());

/// The literals of the indicator phrases ([`Lexicon::literals`]).
pub fn indicator_literals() -> Option<Vec<String>> {
    INDICATORS.literals()
}

/// The literals of the phrases that let a sentence with a figure make a claim
/// on its own ([`super::assemble::may_claim`]): indicators, goals and
/// forecasts. A sentence holding none of them, once lower-cased, as a word
/// (or the start of one, see [`Literal`]) has no such cue. `None` when some
/// such phrase is all `_`.
pub fn claim_literals() -> Option<Vec<Literal>> {
    let mut out = INDICATORS.word_literals_of(|_| true)?;
    out.extend(KINDS.word_literals_of(|tag| kind_of(tag) != KindCue::Actual)?);
    dedup_literals(&mut out);
    Some(out)
}

/// The kind a tag of `kinds.tsv` names; any other tag is an actual figure.
fn kind_of(tag: &str) -> KindCue {
    match tag {
        "target_noun" => KindCue::TargetNoun,
        "target" => KindCue::Target,
        "forecast" => KindCue::Forecast,
        _ => KindCue::Actual,
    }
}

/// The cue lexicons, in the order [`cues`] reads them.
static CUE_LEXICONS: LazyLock<LexiconGroup> =
    LazyLock::new(|| LexiconGroup::new(&[&INDICATORS, &KINDS, &CHANGES, &HEDGES, &TRAPS, &PAIRS]));

/// Every cue of the words of a sentence, sorted by start.
pub fn cues(words: &[Word]) -> Vec<Cue> {
    let mut out = Vec::new();
    cues_into(&mut out, words);
    out
}

/// [`cues`], written into `out` (cleared first): a list kept from sentence
/// to sentence.
pub fn cues_into(out: &mut Vec<Cue>, words: &[Word]) {
    out.clear();
    CUE_LEXICONS.find_each(words, |lexicon, m| {
        let kind = match lexicon {
            0 => {
                let mut parts = m.tag.split('|');
                let Some(ind) = parts.next().and_then(|s| s.parse::<Indicator>().ok()) else { return };
                let partner = parts.next().filter(|p| !p.is_empty());
                CueKind::Indicator(ind, partner)
            }
            1 => CueKind::Kind(kind_of(m.tag)),
            2 => CueKind::Change(m.tag == "down"),
            3 => CueKind::Hedge,
            4 => CueKind::Trap(match m.tag {
                "-" => return,
                "wide" => TrapCue::Wide,
                "pct" => TrapCue::Pct,
                "commodity" => TrapCue::Commodity,
                _ => TrapCue::Near,
            }),
            _ => CueKind::Pair,
        };
        out.push(Cue { start: m.start, end: m.end, kind });
    });
    out.sort_by_key(|c| c.start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::words;

    /// The cue lexicons read as a group find what each finds on its own,
    /// on every corpus sentence as written and in capitals.
    #[test]
    fn the_group_finds_what_each_cue_lexicon_finds() {
        let lexicons: [&Lexicon; 6] = [&INDICATORS, &KINDS, &CHANGES, &HEDGES, &TRAPS, &PAIRS];
        let corpus = crate::extract::corpus_sentences();
        let mut found = [0; 6];
        for t in corpus.iter().cloned().chain(corpus.iter().map(|t| t.to_uppercase())) {
            let ws = words(&t);
            let mut got = vec![Vec::new(); 6];
            CUE_LEXICONS.find_each(&ws, |k, m| got[k].push(m));
            for (k, lex) in lexicons.iter().enumerate() {
                let want: Vec<_> = lex.find(&ws).collect();
                assert_eq!(got[k], want, "lexicon {k} on {t:?}");
                found[k] += want.len();
            }
        }
        assert!(found.iter().all(|&n| n > 20), "matches by lexicon: {found:?}");
    }

    fn kinds(t: &str) -> Vec<CueKind> {
        cues(&words(t)).into_iter().map(|c| c.kind).collect()
    }

    fn indicator(t: &str) -> Option<Indicator> {
        kinds(t).into_iter().find_map(|k| match k {
            CueKind::Indicator(i, _) => Some(i),
            _ => None,
        })
    }

    #[test]
    fn indicators_in_many_phrasings() {
        for t in [
            "trade turnover",
            "mutual trade",
            "bilateral trade",
            "two-way trade",
            "commodity turnover",
            "товарооборот",
            "взаимной торговли",
            "sales between them",
        ] {
            assert_eq!(indicator(t), Some(Indicator::TradeTurnover), "{t}");
        }
        for t in [
            "exports to",
            "shipments to",
            "sales of Kyrgyz goods",
            "поставки в",
            "российский экспорт",
        ] {
            assert_eq!(indicator(t), Some(Indicator::Exports), "{t}");
        }
        for t in ["imports from", "purchases from", "ввоз товаров"] {
            assert_eq!(indicator(t), Some(Indicator::Imports), "{t}");
        }
        for t in [
            "invested",
            "direct investment",
            "put $1 million into the Kyrgyz economy",
            "вложили в экономику",
        ] {
            assert_eq!(indicator(t), Some(Indicator::Investment), "{t}");
        }
        assert_eq!(indicator("gross domestic product"), Some(Indicator::Gdp));
        assert_eq!(
            kinds("total foreign trade"),
            [CueKind::Indicator(
                Indicator::TradeTurnover,
                Some("WORLD")
            )]
        );
    }

    #[test]
    fn kinds_changes_traps() {
        assert_eq!(kinds("aim to"), [CueKind::Kind(KindCue::Target)]);
        assert_eq!(kinds("довести"), [CueKind::Kind(KindCue::Target)]);
        assert!(kinds("is expected").contains(&CueKind::Kind(KindCue::Forecast)));
        assert_eq!(kinds("сократились"), [CueKind::Change(true)]);
        assert_eq!(kinds("climbed"), [CueKind::Change(false)]);
        for t in [
            "deals",
            "loan",
            "trade deficit",
            "contracts",
            "сальдо",
            "average",
        ] {
            assert!(
                kinds(t).iter().any(|k| matches!(k, CueKind::Trap(_))),
                "{t}"
            );
        }
        assert_eq!(kinds("the two countries"), [CueKind::Pair]);
    }
}
