//! Claim periods: which period an actual figure refers to, from the time
//! expressions of its slot and sentence and the periods of the figures before it.
//!
//! - the nearest time of the slot, unless a relative clause separates it from the
//!   amount ("$150 billion, 21 times what it was when Lula visited in 2004");
//! - a comparison base ("compared with $1 billion a year earlier", "when it stood
//!   at $3.8 billion" after "the same months of last year") takes the compared
//!   figure's period moved back ([`BaseRef`]);
//! - else the previous amount's, a period elsewhere in the sentence, or the last
//!   period of the article; never for stocks.

use super::assemble::{Draft, SentenceTokens, Slot, State, times_from, words_back, words_in, words_within};
use super::money::Amount;
use super::time::{BaseRef, Label, Role as TimeRole, TimeExpr};
use super::traps::is_hedge_word;
use crate::{ClaimKind, Indicator};

/// True when the amount follows "than", "чем", "compared with": a comparison base.
pub(super) fn is_base_amount(t: &SentenceTokens, start: usize, lo: usize) -> bool {
    let from = words_back(t, start, 3, lo);
    // "more than $31 billion" is a hedge; "more than the $1.18 billion of 2022" compares.
    let comparison = words_within(t, from, start)
        .iter()
        .any(|w| match w.lower() {
            "than" | "чем" => words_in(t, w.end, start) > 0 || !is_hedge_word(t, w.start),
            "compared" | "against" | "versus" | "против" => true,
            _ => false,
        });
    // "rose to $3 billion from $2.5 billion", "вырос с 2,5 до 3 млрд"
    let starting_point = words_within(t, lo, start)
        .iter()
        .rev()
        .find(|w| !is_hedge_word(t, w.start))
        .is_some_and(|w| matches!(w.lower(), "from" | "с" | "со"));
    comparison || starting_point
}

pub(super) fn period_of(
    t: &SentenceTokens,
    a: &Amount,
    in_slot: &[&TimeExpr],
    dist: impl Fn(&TimeExpr) -> usize,
    indicator: Indicator,
    prev: Option<&Draft>,
    state: &State,
) -> Option<Label> {
    let stock = in_slot.iter().any(|x| x.role == TimeRole::Stock);
    let nearest = in_slot
        .iter()
        .filter(|x| {
            (x.role == TimeRole::Plain && x.period.is_some()) || x.role == TimeRole::Anaphoric
        })
        .min_by_key(|x| dist(x));
    if let Some(x) = nearest {
        return if x.role == TimeRole::Anaphoric {
            state.last_period.clone()
        } else {
            x.period.clone()
        };
    }
    if stock {
        return None;
    }
    if let Some(p) = prev.filter(|p| p.kind == ClaimKind::Actual) {
        return p.period.clone();
    }
    // A period elsewhere in the sentence ("Estimates of last year's trade differ: ...").
    // The nearest such time (the first of equals) that is neither detached nor
    // a base's own: those checks are made only for a time nearer than the best
    // so far, and a time detached after the amount detaches all later ones.
    let mut elsewhere: Option<(&TimeExpr, usize)> = None;
    let mut cut_off = false;
    for x in t.times.iter().filter(|x| x.role == TimeRole::Plain && x.period.is_some()) {
        // A time overlapping the amount ("$5 May 2023") counts as farthest.
        let d = if x.end <= a.start { a.start - x.end } else { x.start.checked_sub(a.end).unwrap_or(usize::MAX) };
        if elsewhere.is_some_and(|(_, best)| d >= best) {
            continue;
        }
        if x.start >= a.end {
            cut_off = cut_off || detached(t, a, x);
            if cut_off {
                continue;
            }
        }
        if !dates_a_base(t, x) {
            elsewhere = Some((x, d));
        }
    }
    let elsewhere = elsewhere.map(|(x, _)| x);
    if let Some(x) = elsewhere {
        return x.period.clone();
    }
    if t.times.iter().any(|x| x.role == TimeRole::Stock) {
        return None;
    }
    if t.times.iter().any(|x| x.role == TimeRole::Anaphoric) {
        return state.last_period.clone();
    }
    // Investment figures without a time are stocks; trade flows continue the series.
    match indicator {
        Indicator::Investment => None,
        _ => state.last_period.clone(),
    }
}

/// Words opening a subordinate clause: a time after one of them, past the amount,
/// dates another event ("21 times what it was when Lula visited in 2004",
/// "$9 billion, according to the ministry, which in May set a goal").
const SUBORDINATORS: &[&str] = &[
    "when",
    "which",
    "who",
    "whom",
    "where",
    "what",
    "когда",
    "который",
    "которая",
    "которое",
    "которые",
    "которого",
    "которой",
    "где",
];

/// True when a subordinate clause begins between the amount and the time `x` after it.
pub(super) fn detached(t: &SentenceTokens, a: &Amount, x: &TimeExpr) -> bool {
    x.start >= a.end
        && words_within(t, a.end, x.start).iter().any(|w| SUBORDINATORS.contains(&w.lower()))
}

/// The period a comparison base refers to, relative to the compared figure:
/// "compared with $1 billion a year earlier", "against $59.5 billion in the same
/// months of 2022", or an amount in a "when" clause right after such a time ("up
/// 23.6% on the same months of last year, when it stood at $3.8 billion").
pub(super) fn base_ref(t: &SentenceTokens, s: &Slot, a: &Amount) -> Option<BaseRef> {
    let phrase_end = t.text[a.end..s.hi]
        .find([',', ';', '('])
        .map_or(s.hi, |p| a.end + p);
    if is_base_amount(t, a.start, s.lo) {
        return times_from(t, a.end, phrase_end)
            .iter()
            .find(|x| x.role == TimeRole::Base && x.end <= phrase_end)
            .and_then(|x| x.base);
    }
    let when = words_within(t, s.lo, a.start)
        .iter()
        .rev()
        .find(|w| matches!(w.lower(), "when" | "когда"))?;
    // Times are in order of their starts; one ending by the word starts before it.
    let x = t.times[..t.times.partition_point(|x| x.start <= when.start)]
        .iter()
        .rev()
        .find(|x| x.end <= when.start)?;
    let glued = t.text[x.end..when.start]
        .trim_matches(|c: char| c == ',' || c.is_whitespace())
        .is_empty();
    if x.role == TimeRole::Base && glued {
        x.base
    } else {
        None
    }
}

/// True when the amount is a comparison base: it dates nothing for later figures.
pub(super) fn is_comparison(t: &SentenceTokens, s: &Slot, a: &Amount) -> bool {
    is_base_amount(t, a.start, s.lo) || base_ref(t, s, a).is_some()
}

/// True when `x` is the own period of a comparison base ("up from $2.8 billion in
/// January-May 2023"): it dates that figure only.
fn dates_a_base(t: &SentenceTokens, x: &TimeExpr) -> bool {
    // The amounts that end after the last comma before the time, and by it
    // (amounts' ends rise with their starts).
    let comma = t.commas[..t.commas.partition_point(|&c| c < x.start)].last().map_or(0, |&c| c + 1);
    let from = t.amounts.partition_point(|b| b.end < comma);
    t.amounts[from..]
        .iter()
        .take_while(|b| b.end <= x.start)
        .any(|b| is_base_amount(t, b.start, 0))
}
