//! Precision traps (GOLD-FORMAT): amounts that are no trade claim although an
//! indicator names them: deals, loans, projects, balances, commodity-level
//! figures, absolute increments, goals for growth and multi-year growth.

use super::assemble::{SentenceTokens, Slot, cues_at, cues_in, times_from, word_from, words_back, words_fwd, words_within};
use super::cues::{Cue, CueKind, HEDGE_WORDS, KindCue, TrapCue};
use super::money::{Amount, Unit};
use super::time::Role as TimeRole;
use smallvec::SmallVec;

/// True when the amount is one of GOLD-FORMAT's precision traps: a deal, loan or
/// project near it, a balance or price in its clause, a commodity-level figure,
/// an absolute increment, a stray small sum, or a growth rate that is a goal or
/// spans several years.
pub(super) fn is_trap(
    t: &SentenceTokens,
    s: &Slot,
    a: &Amount,
    cue_span: Option<(usize, usize)>,
) -> bool {
    let pct = a.unit == Unit::Percent;
    // Deals, loans, projects: between the indicator cue and the amount (at most 8
    // words back), or just after the amount ("$50 million credit line").
    let near_lo = cue_span
        .filter(|(cs, _)| *cs < a.start)
        .map_or(s.lo, |(_, ce)| ce)
        .max(words_back(t, a.start, 8, s.lo));
    let near_hi = words_fwd(t, a.end, 3, s.hi);
    let near = cues_in(t, near_lo, a.start)
        .chain(cues_in(t, a.end, near_hi))
        .any(|c| c.kind == CueKind::Trap(TrapCue::Near));
    let wide = s.wide_trap;
    // "grain exports", "exports of wheat": a commodity next to the indicator cue...
    let commodity = cue_span.is_some_and(|(cs, ce)| {
        let lo = words_back(t, cs, 2, 0);
        let hi = words_fwd(t, ce, 3, t.text.len());
        cues_in(t, lo, hi).any(|c| c.kind == CueKind::Trap(TrapCue::Commodity))
    });
    // ...or between it and the amount: "exported 2 million tons of wheat worth $400 million".
    let goods = cue_span
        .filter(|(cs, _)| *cs < a.start)
        .is_some_and(|(_, ce)| {
            cues_in(t, ce, a.start).any(|c| {
                c.kind == CueKind::Trap(TrapCue::Commodity) && !t.text[c.end..a.start].contains(',')
            })
        });
    // ...or next to another indicator cue of the slot: "Georgia exported motor
    // vehicles, mostly re-exports, worth $2.13 billion".
    let item = cues_in(t, s.lo, a.start)
        .filter(|c| matches!(c.kind, CueKind::Indicator(..)))
        .any(|c| {
            cues_in(t, c.end, words_fwd(t, c.end, 3, a.start))
                .any(|k| k.kind == CueKind::Trap(TrapCue::Commodity))
        });
    if near || wide || commodity || goods || item {
        return true;
    }
    if !pct {
        // "grew by $3 million" is an increment; "$5-6 billion" leaves a stray "$5":
        // trade between countries is never a few thousand dollars.
        return is_increment(t, a, s.lo) || is_small_sum(a);
    }
    // Growth "since 2005" or "over the past five years" spans several years.
    if times_from(t, s.lo, s.hi)
        .iter()
        .any(|x| x.role == TimeRole::Stock && x.end <= s.hi)
    {
        return true;
    }
    // "aim to increase trade by 20%": a goal for growth, not a growth rate ("an
    // increase of 11.9%" is a change: a target word that is also a change word does not count).
    let is_change_at = |pos: usize| cues_at(t, pos).any(|c| matches!(c.kind, CueKind::Change(_)));
    cues_in(t, s.lo, a.start).any(|c| {
        matches!(c.kind, CueKind::Kind(KindCue::Target | KindCue::TargetNoun))
            && !is_change_at(c.start)
    })
}

/// A sum of money below $100,000 (or as many units of another currency):
/// "$5-6 billion" leaves a stray "$5", and trade between countries is never a
/// few thousand dollars.
pub(super) fn is_small_sum(a: &Amount) -> bool {
    a.value < 1e5
}

/// The places in a sentence's cues of its wide traps and its indicator cues,
/// for [`wide_trap`]. Each kind comes from one lexicon, whose matches do not
/// overlap: in each list, starts and ends both rise.
#[derive(Default)]
pub(super) struct WideTraps {
    wide: SmallVec<[usize; 4]>,
    indicators: SmallVec<[usize; 8]>,
}

impl WideTraps {
    pub(super) fn of(t: &SentenceTokens) -> Self {
        let mut w = WideTraps::default();
        for (i, c) in t.cues.iter().enumerate() {
            match c.kind {
                CueKind::Trap(TrapCue::Wide) => w.wide.push(i),
                CueKind::Indicator(..) => w.indicators.push(i),
                _ => {}
            }
        }
        w
    }
}

/// A balance, price or population cue anywhere before the amount `a` in its
/// clause (from `clause_lo`). An aside closed by a comma before the figure's
/// own indicator does not count: "Germany, the only member with a surplus, was
/// the largest exporter to China".
///
/// When some wide cue counts, the last one before the amount does (there are
/// fewer indicators after it, and less text before each), so only it is read:
/// it counts unless the last indicator cue before the amount starts after the
/// first comma after it.
pub(super) fn wide_trap(t: &SentenceTokens, w: &WideTraps, clause_lo: usize, a: &Amount) -> bool {
    let last_by = |list: &[usize]| list[..list.partition_point(|&i| t.cues[i].end <= a.start)].last().map(|&i| &t.cues[i]);
    let Some(c) = last_by(&w.wide).filter(|c| c.start >= clause_lo) else {
        return false;
    };
    let first_comma = t.commas.get(t.commas.partition_point(|&p| p < c.end)).copied();
    !last_by(&w.indicators).is_some_and(|i| i.start >= c.end && first_comma.is_some_and(|p| p < i.start))
}

/// "grew by $3 million", "вырос на 300 млн долларов": an absolute change, no level.
pub(super) fn is_increment(t: &SentenceTokens, a: &Amount, lo: usize) -> bool {
    // "$200 million more than a year earlier", "на $200 млн больше": a difference.
    if word_from(t, a.end).is_some_and(|w| DIFFERENCE_WORDS.contains(&w.lower()))
    {
        return true;
    }
    let mut back = words_within(t, lo, a.start)
        .iter()
        .rev()
        .filter(|w| !is_hedge_word(t, w.start));
    let Some(w) = back.next() else {
        return false;
    };
    // "a drop of some $11 billion", "an increase of $3 million"
    if w.lower() == "of" {
        return back.next().is_some_and(|n| cues_at(t, n.start).any(|c| matches!(c.kind, CueKind::Change(_))));
    }
    (w.lower() == "by" || w.lower() == "на")
        && cues_in(t, words_back(t, w.start, 3, lo), w.start)
            .any(|c| matches!(c.kind, CueKind::Change(_)))
}

/// Words right after an amount that make it a difference between two levels.
const DIFFERENCE_WORDS: &[&str] = &[
    "more",
    "less",
    "higher",
    "lower",
    "больше",
    "меньше",
    "выше",
    "ниже",
];

/// Whether a hedge cue holds the place `pos`. Cues start and end with words,
/// so such a cue starts at one of the few words up to `pos` ([`HEDGE_WORDS`]):
/// only the cues from there are read, not all of the sentence's.
pub(super) fn is_hedge_word(t: &SentenceTokens, pos: usize) -> bool {
    let hedge = |c: &Cue| c.kind == CueKind::Hedge && c.start <= pos && pos < c.end;
    // A short list (most sentences') is read whole, sooner than searched.
    if t.cues.len() <= SHORT_LIST {
        return t.cues.iter().any(hedge);
    }
    let upto = t.words.partition_point(|w| w.start <= pos);
    let Some(first) = upto.checked_sub(*HEDGE_WORDS).map_or(t.words.first(), |i| t.words.get(i)) else {
        return false;
    };
    cues_in(t, first.start, usize::MAX).take_while(|c| c.start <= pos).any(hedge)
}

/// How many cues a list may have to be read whole rather than searched.
const SHORT_LIST: usize = 16;
