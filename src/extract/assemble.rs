//! Layer 7, claims: the tokens of one sentence (amounts, times, parties, cues) in,
//! draft claims out.
//!
//! Each amount owns a *slot*: the text from the previous amount (or clause start)
//! to the next amount (or clause end). Clauses end at `;`, `: ` and at `, and`,
//! `, while`, `, with`, `, а`, `, но`. Everything about an amount is read from
//! its slot, nearest cue first:
//!
//! - indicator: nearest indicator cue before it, else just after it ("$2 billion
//!   in annual trade"), else the previous amount of the sentence, else the claim of
//!   the previous sentence (a figure continuing a series: "China's customs
//!   reported $22.7 billion for the same year");
//! - kind: a goal noun next to it > forecast cue > target cue > actual cue >
//!   the previous amount's kind > actual;
//! - period (actuals): nearest time of the slot; else the previous amount's; else
//!   a period elsewhere in the sentence; else, for trade flows, the last period of
//!   the article ("that year", or no time at all); never for stocks ("since 2005");
//! - deadline (targets, forecasts): nearest deadline of the slot;
//! - parties: by role (to/from/in) for exports, imports and investment, the two
//!   nearest parties for turnover, the article's pair for "the two countries"
//!   (see [`super::pair`]).
//!
//! A percent is a growth rate only with a change cue next to it ("rose 5%", "5% more
//! than", "на 5% больше"); shares, averages and percentage points give nothing.
//! Traps (deals, loans, projects, balances, commodity-level figures, absolute
//! increments "grew by $3 million") give nothing either.

use super::cues::{Cue, CueKind, KindCue, TrapCue};
use super::lexicon::Word;
use super::money::{Amount, Unit};
use super::pair::parties_of;
use super::parties::{Party, Role};
use super::period::{base_ref, detached, is_base_amount, is_comparison, period_of};
use super::time::{Label, Role as TimeRole, TimeExpr};
use super::traps::{is_small_sum, is_trap};
use crate::{ClaimKind, Indicator, Measure};
use regex::Regex;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// What is known about the article as a whole.
#[derive(Debug, Clone, Default)]
pub struct ArticleContext<'a> {
    /// The article's two parties, from the title and lead, in order.
    pub pair: Vec<&'static str>,
    /// The party the article reports from (dateline) or about most, once
    /// known: read it through [`ArticleContext::focus`].
    focus: OnceCell<Option<&'static str>>,
    /// The text whose party mentions settle the focus when it is not known
    /// yet: counted on first use, since most articles' claims name both sides.
    mentions: &'a str,
    /// Its lower case, when that is a stretch of the article's, aligned with it.
    mentions_lower: Option<&'a str>,
}

impl<'a> ArticleContext<'a> {
    /// The context of an article with this pair; `focus` is already set when
    /// the dateline or the pair settles it, else it is counted over `mentions`
    /// (with its lower case, when in place) when first asked for.
    pub fn new(pair: Vec<&'static str>, focus: OnceCell<Option<&'static str>>, mentions: &'a str, mentions_lower: Option<&'a str>) -> Self {
        ArticleContext { pair, focus, mentions, mentions_lower }
    }

    /// The party the article reports from or about most.
    pub fn focus(&self) -> Option<&'static str> {
        *self
            .focus
            .get_or_init(|| {
                let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
                for p in super::parties::parties_lowered(self.mentions, self.mentions_lower) {
                    *counts.entry(p.code).or_default() += 1;
                }
                let pair = &self.pair;
                pair.iter()
                    .max_by_key(|p| (counts.get(*p).copied().unwrap_or(0), std::cmp::Reverse(pair.iter().position(|q| q == *p))))
                    .copied()
            })
    }
}

/// What earlier sentences leave for later ones.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Period of the last actual claim.
    pub last_period: Option<Label>,
    /// Indicator and parties of the previous sentence's last claim.
    pub prev: Option<(Indicator, &'static str, Option<&'static str>)>,
    /// The indicator a previous sentence without figures spoke about ("Trade
    /// between the two countries has expanded quickly"), for an "it" in the next.
    pub topic: Option<Indicator>,
}

/// The tokens of one sentence; spans are relative to `text`.
pub struct SentenceTokens<'a> {
    pub text: &'a str,
    pub words: &'a [Word<'a>],
    pub amounts: &'a [Amount],
    pub times: &'a [TimeExpr],
    pub parties: &'a [Party],
    pub cues: &'a [Cue],
    /// Where the text's commas are, in order: the comma nearest a place is
    /// found by binary search rather than by reading the text.
    pub commas: &'a [usize],
}

/// A claim before ids and article metadata are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub start: usize,
    pub end: usize,
    pub indicator: Indicator,
    pub country: &'static str,
    pub partner: Option<&'static str>,
    pub kind: ClaimKind,
    pub measure: Measure,
    pub value: f64,
    pub unit: &'static str,
    pub period: Option<Label>,
    pub deadline: Option<Label>,
    pub approx: bool,
}

static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i);|:\s|,\s+(?:and|while|whereas|but|with|а|но|и|тогда\s+как)\s")
        .expect("valid regex")
});

/// Per-amount working record.
pub(super) struct Slot {
    pub(super) idx: usize,
    pub(super) lo: usize,
    pub(super) hi: usize,
    /// A balance, price or population cue counts for the amount ([`super::traps::wide_trap`]).
    pub(super) wide_trap: bool,
}

/// Claims of one sentence, in text order, written into `out` (cleared
/// first): a list kept from sentence to sentence.
pub fn sentence_claims(out: &mut Vec<Draft>, t: &SentenceTokens, ctx: &ArticleContext, state: &mut State) {
    out.clear();
    // What the binary searches of the helpers below rely on.
    debug_assert!(t.amounts.windows(2).all(|w| w[0].start <= w[1].start && w[0].end <= w[1].end));
    debug_assert!(t.cues.windows(2).all(|w| w[0].start <= w[1].start));
    debug_assert!(t.times.windows(2).all(|w| w[0].start <= w[1].start));
    debug_assert!(t.parties.windows(2).all(|w| w[0].start <= w[1].start && w[0].end <= w[1].end));
    let cands: SmallVec<[usize; 8]> = (0..t.amounts.len())
        .filter(|&i| is_candidate(t, i))
        .collect();
    let bounds: SmallVec<[usize; 8]> = CLAUSE_END.find_iter(t.text).map(|m| m.start()).collect();
    let has_indicator = t
        .cues
        .iter()
        .any(|c| matches!(c.kind, CueKind::Indicator(..)));
    let masks = share_masks(t, &cands);
    let wide = super::traps::WideTraps::of(t);
    // The previous amount's claim in this sentence (its place in `out`): what
    // a bare amount inherits.
    let mut prev: Option<usize> = None;
    for (k, &i) in cands.iter().enumerate() {
        let a = &t.amounts[i];
        let lo_amount = if k > 0 {
            t.amounts[cands[k - 1]].end
        } else {
            0
        };
        let hi_amount = cands
            .get(k + 1)
            .map(|&j| t.amounts[j].start)
            .unwrap_or(t.text.len());
        // The clause breaks are in order: the last before the amount, the
        // first after it.
        let clause_lo = bounds[..bounds.partition_point(|&b| b < a.start)].last().copied().unwrap_or(0);
        let lo = clause_lo.max(lo_amount);
        let hi = bounds
            .get(bounds.partition_point(|&b| b < a.end))
            .map_or(hi_amount, |&b| b.min(hi_amount));
        let slot = Slot {
            idx: i,
            lo,
            hi,
            wide_trap: super::traps::wide_trap(t, &wide, clause_lo, a),
        };
        let draft = resolve(t, &slot, ctx, state, prev.map(|p| &out[p]), has_indicator, &masks);
        if let Some(d) = draft {
            // A comparison base ("than the $6.3 billion of 2022") does not move the series on.
            if d.kind == ClaimKind::Actual && d.period.is_some() && !is_comparison(t, &slot, a) {
                state.last_period = d.period.clone();
            }
            prev = Some(out.len());
            out.push(d);
        } else {
            prev = None;
        }
    }
    // The sentence's first claim is its headline; a later sentence with no cue of
    // its own ("China's customs reported $22.7 billion") continues that one.
    // Only a sentence that names its indicator starts such a series, and only the
    // very next sentence can continue it.
    if t.amounts.is_empty() {
        figureless_sentence(t.cues, state);
        return;
    }
    state.topic = None;
    state.prev = out
        .first()
        .filter(|_| has_indicator)
        .map(|d| (d.indicator, d.country, d.partner));
}

/// Whether a sentence with figures and these cues may give a claim, given
/// what earlier sentences left. A claim needs an indicator: the sentence's own
/// cue, the previous sentence's claim or topic, or, for a goal with no
/// indicator, a target or forecast cue (see [`resolve`]). When this is false,
/// [`sentence_claims`] gives nothing and only clears `prev` and `topic`.
pub fn may_claim(cues: &[Cue], state: &State) -> bool {
    state.prev.is_some()
        || state.topic.is_some()
        || cues.iter().any(|c| {
            matches!(
                c.kind,
                CueKind::Indicator(..) | CueKind::Kind(KindCue::Target | KindCue::TargetNoun | KindCue::Forecast)
            )
        })
}

/// What a sentence without any amount leaves for the next one: the indicator
/// it spoke about ("Trade between the two countries has expanded quickly"), for
/// an "it" in the next sentence, and no previous claim.
pub fn figureless_sentence(cues: &[Cue], state: &mut State) {
    state.topic = cues.iter().find_map(|c| match &c.kind {
        CueKind::Indicator(i, _) if *i != Indicator::Other => Some(*i),
        _ => None,
    });
    state.prev = None;
}

/// Spans of percents that are no claim ("8.4% of the republic's foreign trade"),
/// up to the next comma: indicator cues inside them name the share's whole.
fn share_masks(t: &SentenceTokens, cands: &[usize]) -> Vec<(usize, usize)> {
    // The first stop at or after the last percent's end: the amounts' ends
    // rise, so it is searched for again only once a percent is past it.
    let mut stop = 0;
    (0..t.amounts.len())
        .filter(|i| cands.binary_search(i).is_err() && t.amounts[*i].unit == Unit::Percent)
        .map(|i| {
            let a = &t.amounts[i];
            if stop < a.end {
                stop = t.text[a.end..]
                    .find([',', ';', '('])
                    .map_or(t.text.len(), |p| a.end + p);
            }
            (a.start, stop)
        })
        .collect()
}

/// Words that refer back to a trade figure: "bring the figure to", "raise it to", "довести его до".
const FIGURE_WORDS: &[&str] = &[
    "it",
    "figure",
    "volume",
    "level",
    "показатель",
    "его",
    "объем",
    "объём",
    "уровень",
];

/// True when `[lo, hi)` refers back to a figure already named ("raise it to $3 billion").
fn names_the_figure(t: &SentenceTokens, lo: usize, hi: usize) -> bool {
    words_within(t, lo, hi)
        .iter()
        .any(|w| FIGURE_WORDS.contains(&w.lower()))
}

/// True when a goal with no indicator cue is still about the pair's trade: a goal
/// noun next to it ("the next milestone is $30 billion", "следующий ориентир — 300 млрд"),
/// "the two countries" as its subject, or a word for the figure ("raise it to").
fn names_a_goal(t: &SentenceTokens, s: &Slot, a: &Amount) -> bool {
    let goal_noun = cues_in(t, s.lo, words_fwd(t, a.end, 3, s.hi))
        .any(|c| c.kind == CueKind::Kind(KindCue::TargetNoun));
    let pair = t.cues.iter().any(|c| c.kind == CueKind::Pair);
    goal_noun || pair || names_the_figure(t, s.lo, a.start)
}

// The helpers below find a stretch of the sentence's words, cues or times by
// binary search: each is read once per amount, and a sentence of many
// amounts (a table in one line) read them all for each.

/// The words of `t` inside `[a, b)`: a stretch of them, as words are in
/// order and do not overlap (their starts and ends both rise).
pub(super) fn words_within<'t>(t: &'t SentenceTokens, a: usize, b: usize) -> &'t [Word<'t>] {
    let lo = t.words.partition_point(|w| w.start < a);
    let hi = t.words.partition_point(|w| w.end <= b);
    &t.words[lo..hi.max(lo)]
}

/// The first word of `t` that starts at or after `pos`.
pub(super) fn word_from<'t>(t: &'t SentenceTokens, pos: usize) -> Option<&'t Word<'t>> {
    t.words.get(t.words.partition_point(|w| w.start < pos))
}

/// Number of words of `t` inside `[a, b)`.
pub(super) fn words_in(t: &SentenceTokens, a: usize, b: usize) -> usize {
    words_within(t, a, b).len()
}

/// Byte position `n` words before `pos` (or `floor`).
pub(super) fn words_back(t: &SentenceTokens, pos: usize, n: usize, floor: usize) -> usize {
    words_within(t, floor, pos)
        .iter()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |w| w.start)
}

/// Byte position `n` words after `pos` (or `ceil`).
pub(super) fn words_fwd(t: &SentenceTokens, pos: usize, n: usize, ceil: usize) -> usize {
    words_within(t, pos, ceil)
        .get(n.saturating_sub(1))
        .map_or(ceil, |w| w.end)
}

/// The cues of `t` inside `[a, b)`, in order. Cues are in order of their
/// starts, so those starting in `[a, b]` are a stretch of them.
pub(super) fn cues_in<'t>(
    t: &'t SentenceTokens,
    a: usize,
    b: usize,
) -> impl DoubleEndedIterator<Item = &'t Cue> {
    let lo = t.cues.partition_point(|c| c.start < a);
    let hi = t.cues.partition_point(|c| c.start <= b);
    t.cues[lo..hi.max(lo)].iter().filter(move |c| c.end <= b)
}

/// The cues of `t` that start at `pos`.
pub(super) fn cues_at<'t>(t: &'t SentenceTokens, pos: usize) -> impl Iterator<Item = &'t Cue> {
    let lo = t.cues.partition_point(|c| c.start < pos);
    t.cues[lo..].iter().take_while(move |c| c.start == pos)
}

/// The times of `t` that start in `[a, b]`, in order (times are in order of
/// their starts).
pub(super) fn times_from<'t>(t: &'t SentenceTokens, a: usize, b: usize) -> &'t [TimeExpr] {
    let lo = t.times.partition_point(|x| x.start < a);
    let hi = t.times.partition_point(|x| x.start <= b);
    &t.times[lo..hi.max(lo)]
}

/// A money amount, or a percent with a change cue next to it and no share or
/// average; a percent right after such a rate continues it ("rose 20% in 2022 and 15% in 2023").
fn is_candidate(t: &SentenceTokens, i: usize) -> bool {
    let a = &t.amounts[i];
    if a.unit != Unit::Percent {
        return true;
    }
    if i > 0 && t.amounts[i - 1].unit == Unit::Percent && rate_cue(t, i - 1) {
        let p = &t.amounts[i - 1];
        let gap = &t.text[p.end..a.start];
        let after = words_fwd(
            t,
            a.end,
            3,
            t.amounts.get(i + 1).map_or(t.text.len(), |n| n.start),
        );
        let trap = cues_in(t, p.end, after).any(|c| matches!(c.kind, CueKind::Trap(_)));
        if words_in(t, p.end, a.start) <= 4 && !gap.contains([';', ':']) && !trap {
            return true;
        }
    }
    rate_cue(t, i)
}

/// A percent with its own change cue and no share, average or deal next to it.
fn rate_cue(t: &SentenceTokens, i: usize) -> bool {
    let a = &t.amounts[i];
    let floor = if i > 0 { t.amounts[i - 1].end } else { 0 };
    let ceil = t.amounts.get(i + 1).map_or(t.text.len(), |n| n.start);
    let before = words_back(t, a.start, 5, floor);
    let after = words_fwd(t, a.end, 3, ceil);
    let pct_trap = cues_in(t, words_back(t, a.start, 3, floor), after)
        .any(|c| matches!(c.kind, CueKind::Trap(TrapCue::Pct | TrapCue::Near)));
    let change = cues_in(t, before, after).any(|c| matches!(c.kind, CueKind::Change(_)))
        || times_from(t, a.end, a.end + 3).iter().any(|x| x.role == TimeRole::Base);
    // "3% of Kazakhstan's trade", "8.4 percent of the republic's": a share.
    let share = word_from(t, a.end).is_some_and(|w| matches!(w.lower(), "of" | "от" | "всего"));
    // "rose to 35.1 percent", "вырос до 20%": a percent reached is a level (a share, a rate).
    let reached = words_within(t, floor, a.start)
        .last()
        .is_some_and(|w| matches!(w.lower(), "to" | "до"));
    change && !pct_trap && !share && !reached
}

/// An indicator cue's indicator, fixed partner and span.
fn indicator_cue(c: &Cue) -> Option<(Indicator, Option<&'static str>, usize, usize)> {
    match c.kind {
        CueKind::Indicator(i, p) => Some((i, p, c.start, c.end)),
        _ => None,
    }
}

/// The claim of one amount, read from its slot (see the module doc), or `None`
/// when the amount is no trade claim.
fn resolve(
    t: &SentenceTokens,
    s: &Slot,
    ctx: &ArticleContext,
    state: &State,
    prev: Option<&Draft>,
    has_indicator: bool,
    masks: &[(usize, usize)],
) -> Option<Draft> {
    let a = &t.amounts[s.idx];
    let pct = a.unit == Unit::Percent;
    // A sum of money too small for trade between countries is a trap
    // whatever else is found ([`is_trap`]): nothing before that is needed.
    if !pct && is_small_sum(a) {
        return None;
    }
    // The masks' starts and ends both rise: of those starting by the cue, the
    // last reaches furthest.
    let masked = |c: &Cue| masks[..masks.partition_point(|m| m.0 <= c.start)].last().is_some_and(|m| c.end <= m.1);

    // Indicator: before, then just after, then inherited.
    let ind_before = cues_in(t, s.lo, a.start)
        .rev()
        .filter(|c| !masked(c))
        .find_map(indicator_cue);
    // After the amount only within its own phrase: "$2 billion in annual trade",
    // "$30 billion bilateral trade goal", not "..., imports from Russia".
    let phrase_end = t.text[a.end..s.hi]
        .find([',', ';', '—', '–', '('])
        .map_or(s.hi, |p| a.end + p);
    let ind_after = || {
        cues_in(t, a.end, words_fwd(t, a.end, 5, phrase_end)).find_map(indicator_cue)
    };
    // Kind.
    let kind = if pct {
        if cues_in(t, s.lo, a.start).any(|c| c.kind == CueKind::Kind(KindCue::Forecast)) {
            ClaimKind::Forecast
        } else {
            ClaimKind::Actual
        }
    } else {
        kind_of(t, s, a, prev)
    };

    let own = ind_before.or_else(ind_after);
    let (indicator, fixed_partner, cue_span, inherited) = match own {
        Some((i, p, cs, ce)) => (i, p, Some((cs, ce)), None),
        None => {
            if let Some(p) = prev {
                (
                    p.indicator,
                    None,
                    None,
                    Some((p.country, p.partner)),
                )
            } else if let Some((i, p, cs, ce)) = cues_in(t, 0, a.start)
                .rev()
                .filter(|c| !masked(c))
                .find_map(indicator_cue)
            {
                (i, p, Some((cs, ce)), None)
            } else if !has_indicator
                && kind != ClaimKind::Actual
                && !pct
                && ctx.pair.len() == 2
                && names_a_goal(t, s, a)
            {
                // "bring the figure to $10 billion": goals are set for the trade between the pair.
                (Indicator::TradeTurnover, None, None, None)
            } else if let (false, Some((i, c, p)), ClaimKind::Actual) =
                (has_indicator, state.prev.as_ref(), kind)
            {
                (*i, None, None, Some((*c, *p)))
            } else if let (false, Some(i)) = (has_indicator, state.topic)
                && names_the_figure(t, s.lo, a.start)
            {
                // "Trade has expanded quickly. ... it had grown to $1.09 billion in 2023"
                (i, None, None, None)
            } else {
                return None;
            }
        }
    };

    // Retail, cargo and other turnovers are no trade between countries.
    if indicator == Indicator::Other {
        return None;
    }
    // "mutual investments", "взаимные инвестиции": no direction, no claim.
    if indicator == Indicator::Investment
        && cue_span.is_some_and(|(cs, _)| {
            cues_in(t, words_back(t, cs, 2, 0), cs).any(|c| c.kind == CueKind::Pair)
        })
    {
        return None;
    }
    // "Kazakhstan's foreign trade with China": a pair after all, not the world.
    let fixed_partner = fixed_partner.filter(|_| {
        !t.parties
            .iter()
            .any(|p| p.role == Role::With && p.start >= s.lo)
    });

    if is_trap(t, s, a, cue_span) {
        return None;
    }

    // Measure and value.
    let (measure, value) = if pct {
        let lo = words_back(t, a.start, 5, s.lo);
        let hi = words_fwd(t, a.end, 3, s.hi);
        let decline = cues_in(t, lo, hi)
            .filter_map(|c| match c.kind {
                CueKind::Change(d) => Some((c.start.abs_diff(a.start), d)),
                _ => None,
            })
            .min_by_key(|(d, _)| *d)
            .is_some_and(|(_, d)| d);
        (Measure::GrowthPct, if decline { -a.value } else { a.value })
    } else {
        (Measure::Level, a.value)
    };

    // Time.
    let in_slot: SmallVec<[&TimeExpr; 8]> = times_from(t, s.lo, s.hi)
        .iter()
        .filter(|x| x.end <= s.hi && !detached(t, a, x))
        .collect();
    let dist = |x: &TimeExpr| {
        if x.end <= a.start {
            a.start - x.end
        } else {
            x.start.saturating_sub(a.end)
        }
    };
    // A growth rate right after a level with no time between them ("$3.25 trn,
    // 8% more than a year earlier") is the change of that level.
    let linked = prev
        .filter(|p| {
            pct && p.measure == Measure::Level
                && p.kind == ClaimKind::Actual
                && p.indicator == indicator
        })
        .filter(|p| {
            !times_from(t, p.end, a.start)
                .iter()
                .any(|x| x.role == TimeRole::Plain && x.end <= a.start)
        })
        // "...reached $10 billion and had grown 30 percent so far this year": its own period.
        .filter(|_| {
            !in_slot
                .iter()
                .any(|x| x.role == TimeRole::Plain && x.period.is_some() && x.start >= a.end)
        });
    let (period, deadline) = if let Some(p) = linked {
        (p.period.clone(), None)
    } else if kind == ClaimKind::Actual {
        (
            period_of(t, a, &in_slot, dist, indicator, prev, state),
            None,
        )
    } else {
        let d = in_slot
            .iter()
            .filter(|x| x.deadline.is_some() && x.role == TimeRole::Plain)
            .min_by_key(|x| dist(x))
            .and_then(|x| x.deadline.clone());
        (None, d)
    };

    // A comparison base with no period of its own ("up from $2.5 billion a year
    // earlier") is no fact we can date.
    // A base with a relative time ("compared with $1 billion a year earlier") is
    // dated from the figure it is compared with.
    let mut period = period;
    let base = if !pct && kind == ClaimKind::Actual {
        base_ref(t, s, a)
    } else {
        None
    };
    if !pct && kind == ClaimKind::Actual && (base.is_some() || is_base_amount(t, a.start, s.lo)) {
        let phrase_end = t.text[a.end..s.hi]
            .find([',', ';', '('])
            .map_or(s.hi, |p| a.end + p);
        if !times_from(t, a.end, phrase_end)
            .iter()
            .any(|x| x.role == TimeRole::Plain && x.period.is_some() && x.end <= phrase_end)
        {
            let reference = prev
                .and_then(|p| p.period.clone())
                .or_else(|| state.last_period.clone());
            period = base.zip(reference).and_then(|(b, r)| b.apply(&r));
            period.as_ref()?;
        }
    }

    // Parties.
    let (country, partner) = parties_of(
        t,
        s,
        a,
        ctx,
        indicator,
        fixed_partner,
        inherited,
        prev,
        state.prev.as_ref(),
    )?;

    // A hedge right before the amount ("nearly $4.5 billion"); "more than the
    // $1.18 billion of 2022" compares instead.
    let approx = cues_in(t, words_back(t, a.start, 3, s.lo), a.start)
        .any(|c| c.kind == CueKind::Hedge && words_in(t, c.end, a.start) == 0);
    Some(Draft {
        start: a.start,
        end: a.end,
        indicator,
        country,
        partner,
        kind,
        measure,
        value,
        unit: a.unit_str(),
        period,
        deadline,
        approx,
    })
}

fn kind_of(t: &SentenceTokens, s: &Slot, a: &Amount, prev: Option<&Draft>) -> ClaimKind {
    // "to $20 billion by 2030 from $10 billion in 2023": the starting point is a level reached.
    if is_base_amount(t, a.start, s.lo) {
        return ClaimKind::Actual;
    }
    let near_lo = words_back(t, a.start, 4, s.lo);
    let near_hi = {
        let hi = words_fwd(t, a.end, 4, s.hi);
        // A goal noun after the amount must be in the same phrase: no comma between.
        t.text[a.end..hi].find(',').map_or(hi, |p| a.end + p)
    };
    let noun = |c: &&Cue| c.kind == CueKind::Kind(KindCue::TargetNoun);
    if cues_in(t, near_lo, a.start).any(|c| noun(&c))
        || cues_in(t, a.end, near_hi).any(|c| noun(&c))
    {
        return ClaimKind::Target;
    }
    // The kind cues before the amount in its slot: the last, and which kinds.
    let mut last: Option<(&Cue, KindCue)> = None;
    let (mut forecast, mut target, mut actual) = (false, false, false);
    for c in cues_in(t, s.lo, a.start) {
        if let CueKind::Kind(k) = c.kind {
            last = Some((c, k));
            match k {
                KindCue::Forecast => forecast = true,
                KindCue::Target | KindCue::TargetNoun => target = true,
                KindCue::Actual => actual = true,
            }
        }
    }
    // An actual verb right before the amount ("reached $2 billion") settles it.
    if let Some((c, KindCue::Actual)) = last
        && words_in(t, c.end, a.start) <= 3
    {
        return ClaimKind::Actual;
    }
    if forecast {
        ClaimKind::Forecast
    } else if target {
        ClaimKind::Target
    } else if actual {
        ClaimKind::Actual
    } else {
        prev.map_or(ClaimKind::Actual, |p| p.kind)
    }
}
