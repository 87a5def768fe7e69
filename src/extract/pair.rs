//! Claim parties: an amount's slot, its indicator and the article's pair in,
//! `country` and `partner` out (GOLD-FORMAT's direction conventions).
//!
//! - exports: `country` is the exporter (from, or the named subject), `partner` the
//!   destination (to): "Chinese shipments to Russia", "поставки из Китая в Россию";
//! - imports: `country` is the importer (to, or the subject), `partner` the origin
//!   (from, with): "Kyrgyz imports from Kazakhstan", "ввоз кыргызских товаров в Казахстан";
//! - investment: `country` invests in `partner` (to, in, into the ... economy); an
//!   investor must be named, so "mutual investment" gives nothing;
//! - trade_turnover: the two nearest parties, in the order the sentence names them;
//!   one party pairs with the sentence's subject or the article's other party; none
//!   gives the article's pair ("the two countries");
//! - gdp: one country, no partner.

use super::assemble::{ArticleContext, Draft, SentenceTokens, Slot, words_within};
use super::cues::CueKind;
use super::money::Amount;
use super::parties::{Party, Role};
use crate::Indicator;

/// Words that join two figures' phrases.
const CONJUNCTIONS: &[&str] = &["and", "while", "whereas", "but", "и", "а", "но"];

/// The other party of the article's pair, relative to `code` (the focus party
/// when `code` is not one of the pair).
pub(super) fn other(ctx: &ArticleContext, code: &str) -> Option<&'static str> {
    if ctx.pair.contains(&code) {
        ctx.pair.iter().find(|p| **p != code).copied()
    } else {
        ctx.focus()
            .filter(|f| *f != code)
            .or_else(|| ctx.pair.iter().find(|p| **p != code).copied())
    }
}

/// `country` and `partner` of the amount `a` measuring `indicator`; `inherited` is
/// the previous claim's pair when the indicator was inherited too.
#[allow(clippy::too_many_arguments)]
pub(super) fn parties_of(
    t: &SentenceTokens,
    s: &Slot,
    a: &Amount,
    ctx: &ArticleContext,
    indicator: Indicator,
    fixed_partner: Option<&'static str>,
    inherited: Option<(&'static str, Option<&'static str>)>,
    prev: Option<&Draft>,
    carried: Option<&(Indicator, &'static str, Option<&'static str>)>,
) -> Option<(&'static str, Option<&'static str>)> {
    let (country, partner) = choose(
        t,
        s,
        a,
        ctx,
        indicator,
        fixed_partner,
        inherited,
        prev,
        carried,
    )?;
    // A region outside the code list ("Central Asian neighbours") is no party.
    let region = |c: &str| c == super::parties::REGION;
    (!region(country) && !partner.is_some_and(region)).then_some((country, partner))
}

#[allow(clippy::too_many_arguments)]
fn choose(
    t: &SentenceTokens,
    s: &Slot,
    a: &Amount,
    ctx: &ArticleContext,
    indicator: Indicator,
    fixed_partner: Option<&'static str>,
    inherited: Option<(&'static str, Option<&'static str>)>,
    prev: Option<&Draft>,
    carried: Option<&(Indicator, &'static str, Option<&'static str>)>,
) -> Option<(&'static str, Option<&'static str>)> {
    let dist = |p: &Party| {
        if p.end <= a.start {
            a.start - p.end
        } else {
            p.start.saturating_sub(a.end)
        }
    };
    // Parties after the amount count only within its phrase ("$1.3 billion in
    // Kyrgyzstan"), not in the next one (", импорт из России").
    let phrase_end = t.text[a.end..s.hi]
        .find([',', ';', '—', '–', '('])
        .map_or(s.hi, |p| a.end + p);
    // Before the amount, a conjunction after an earlier amount ends that one's
    // phrase: "imported $17 billion from Russia and exported $9.8 billion to it".
    // Amounts do not overlap, so their ends rise as their starts do.
    let after_earlier = t.amounts.get(t.amounts.partition_point(|x| x.end < s.lo)).is_some_and(|x| x.end == s.lo);
    let lo = if after_earlier {
        words_within(t, s.lo, a.start)
            .iter()
            .find(|w| CONJUNCTIONS.contains(&w.lower()))
            .map_or(s.lo, |w| w.end)
    } else {
        s.lo
    };
    // Parties are in order of their starts.
    let mut slot: Vec<&Party> = t.parties[t.parties.partition_point(|p| p.start < lo)..]
        .iter()
        .take_while(|p| p.start <= phrase_end)
        .filter(|p| p.end <= phrase_end)
        .collect();
    slot.sort_by_key(|p| dist(p));
    let mut all: Vec<&Party> = t.parties.iter().collect();
    all.sort_by_key(|p| dist(p));
    // Read only when the choice comes to it: every cue of the sentence.
    let pair_cue = || t.cues.iter().any(|c| c.kind == CueKind::Pair);

    if slot.is_empty() {
        if let Some(p) = prev.filter(|p| {
            matches!(p.indicator, Indicator::Exports | Indicator::Imports)
                && matches!(indicator, Indicator::Exports | Indicator::Imports)
        }) {
            // "exports to Tajikistan of $605 million and imports of $151.8 million"
            return Some((p.country, p.partner));
        }
        if let Some((c, p)) = inherited
            && (indicator != Indicator::TradeTurnover || p.is_some())
        {
            return Some((c, p));
        }
        let flow = matches!(indicator, Indicator::Exports | Indicator::Imports);
        // "...foreign trade turnover reached $26.7 billion; exports accounted for
        // $10.8 billion": the parts of a country's total are its totals too.
        if let Some(p) = prev.filter(|p| flow && p.partner == Some("WORLD")) {
            return Some((p.country, p.partner));
        }
        // A sentence naming no party continues the previous one: "Georgia's total
        // foreign trade rose 12.5%. Exports grew 9.1% to $6.09 billion".
        if let Some((_, c, Some(p))) = carried.filter(|_| flow && all.is_empty()) {
            return Some((c, Some(p)));
        }
    }
    match indicator {
        Indicator::TradeTurnover => {
            // Whether a code is one of the article's pair.
            let in_pair = |c: &str| ctx.pair.contains(&c);
            let mut codes: Vec<&'static str> = Vec::new();
            for p in slot.iter().chain(all.iter()) {
                if !codes.contains(&p.code) {
                    codes.push(p.code);
                }
            }
            if let Some(w) = fixed_partner {
                let c = codes.first().copied().or_else(|| ctx.focus()).or(ctx.pair.first().copied())?;
                return Some((c, Some(w)));
            }
            // One party in the slot ("..., with China $31 billion"): its counterpart is
            // the sentence's subject ("Kazakhstan's trade with Russia ..."), else the article's.
            let named: Vec<&&Party> = slot.iter().filter(|p| p.role != Role::In).collect();
            if named.iter().all(|p| p.code == named[0].code) && !named.is_empty() {
                let one = named[0].code;
                let subject = t
                    .parties
                    .iter()
                    .find(|p| p.role == Role::Plain && p.code != one && p.end <= a.start)
                    .map(|p| p.code);
                // A list of partners: "Türkiye was Georgia's largest partner with $2.98
                // billion, followed by Russia with $2.40 billion" keeps Georgia.
                // (Only a plain mention replaces the previous item: "with China $31
                // billion" is the other side of the sentence's subject.)
                let listed = prev
                    .filter(|_| named[0].role == Role::Plain)
                    .filter(|p| {
                        p.indicator == Indicator::TradeTurnover
                            && p.country != one
                            && p.partner.is_some_and(|q| q != one)
                    })
                    .and_then(|p| p.partner);
                let o = listed.or(subject).or_else(|| other(ctx, one))?;
                return Some((one, Some(o)));
            }
            // No party in the slot: the previous figure's pair, else the article's
            // pair when the sentence names it, else the sentence's nearest parties.
            // (The slot names no party but regions: `distinct` would give it no code.)
            let slot_codes_empty = slot.iter().all(|p| p.code == crate::extract::parties::REGION);
            if slot_codes_empty
                && codes.len() >= 2
                && inherited.is_none()
                && ctx.pair.len() == 2
                && ctx.pair.iter().all(|p| codes.contains(p))
            {
                return Some((ctx.pair[0], Some(ctx.pair[1])));
            }
            match codes.len() {
                0 => {
                    let (c, p) = inherited
                        .map(|(c, p)| (Some(c), p))
                        .unwrap_or((ctx.pair.first().copied(), ctx.pair.get(1).copied()));
                    Some((c?, Some(p?)))
                }
                1 => {
                    let o = other(ctx, codes[0])?;
                    Some((codes[0], Some(o)))
                }
                _ if pair_cue()
                    && codes.iter().take(2).any(|&c| !in_pair(c))
                    && ctx.pair.len() == 2
                    && codes.iter().filter(|&&c| in_pair(c)).count() == 2 =>
                {
                    Some((ctx.pair[0], Some(ctx.pair[1])))
                }
                _ => {
                    // The two nearest parties, in the order the sentence names them.
                    let first = |c: &str| t.parties.iter().position(|p| p.code == c).unwrap_or(usize::MAX);
                    let (x, y) = if first(codes[0]) <= first(codes[1]) { (codes[0], codes[1]) } else { (codes[1], codes[0]) };
                    Some((x, Some(y)))
                }
            }
        }
        Indicator::Exports | Indicator::Imports | Indicator::Investment => {
            let exports = indicator == Indicator::Exports;
            let invest = indicator == Indicator::Investment;
            // Prefer the slot's mentions; fall back to the sentence's.
            let pool: &Vec<&Party> = if slot.is_empty() { &all } else { &slot };
            let by = |roles: &[Role]| {
                pool.iter()
                    .find(|p| roles.contains(&p.role))
                    .map(|p| p.code)
            };
            // "with Indian exports": `with` only marks the other side of an import.
            let (mut subj, mut obj) = if exports {
                (
                    by(&[Role::From]).or_else(|| by(&[Role::Plain, Role::With])),
                    by(&[Role::To]),
                )
            } else if invest {
                (
                    by(&[Role::From]).or_else(|| by(&[Role::Plain, Role::With])),
                    by(&[Role::To, Role::In]),
                )
            } else {
                (
                    by(&[Role::To]).or_else(|| by(&[Role::Plain])),
                    by(&[Role::From, Role::With]),
                )
            };
            if obj.is_none() && !invest {
                obj = other_side(t, a, pool, subj, prev, carried);
            }
            if obj.is_none() {
                obj = pool
                    .iter()
                    .chain(all.iter())
                    .map(|p| p.code)
                    .find(|c| Some(*c) != subj && !invest);
            }
            if invest && subj.is_none() {
                // The investor must be named: "mutual investment" has no direction.
                subj = all
                    .iter()
                    .filter(|p| matches!(p.role, Role::Plain | Role::From))
                    .map(|p| p.code)
                    .find(|c| Some(*c) != obj);
                subj?;
            }
            if subj.is_none() {
                subj = prev
                    .filter(|p| p.partner.is_some())
                    .map(|p| p.country)
                    .filter(|c| Some(*c) != obj);
            }
            if subj.is_none() {
                subj = obj.and_then(|o| other(ctx, o));
            }
            let subj = subj?;
            if obj.is_none() {
                obj = prev
                    .filter(|p| p.country == subj)
                    .and_then(|p| p.partner)
                    .or_else(|| other(ctx, subj));
            }
            // "Kazakhstan attracted $2 billion from China": the named party that is not the investor.
            if obj.is_none() && invest {
                obj = pool
                    .iter()
                    .chain(all.iter())
                    .map(|p| p.code)
                    .find(|c| *c != subj);
            }
            let obj = obj?;
            (subj != obj).then_some((subj, Some(obj)))
        }
        Indicator::Gdp | Indicator::Other => {
            let c = slot
                .first()
                .or(all.first())
                .map(|p| p.code)
                .or_else(|| ctx.focus())?;
            Some((c, None))
        }
    }
}

/// The other side of a flow whose slot names only its own country: the partner of
/// the previous item of a list ("France exported €25 billion, the Netherlands €22
/// billion"), the subject of the sentence ("Armenia was the second-largest buyer
/// of Georgian goods, taking $787 million"), else the partner of the previous
/// sentence's flow.
fn other_side(
    t: &SentenceTokens,
    a: &Amount,
    pool: &[&Party],
    subj: Option<&str>,
    prev: Option<&Draft>,
    carried: Option<&(Indicator, &'static str, Option<&'static str>)>,
) -> Option<&'static str> {
    let subj = subj?;
    let flow = |i: Indicator| matches!(i, Indicator::Exports | Indicator::Imports);
    if pool
        .iter()
        .filter(|p| p.end <= a.start)
        .all(|p| p.code == subj)
        && let Some(q) = prev
            .filter(|p| flow(p.indicator))
            .and_then(|p| p.partner)
            .filter(|q| *q != subj)
    {
        return Some(q);
    }
    if let Some(p) = t
        .parties
        .iter()
        .find(|p| p.end <= a.start && p.role == Role::Plain && p.code != subj)
    {
        return Some(p.code);
    }
    carried
        .filter(|(i, _, _)| flow(*i))
        .and_then(|(_, _, q)| *q)
        .filter(|q| *q != subj && *q != "WORLD")
}
