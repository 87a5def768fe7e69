//! Numbers written as words: "sixteen", "one hundred and sixty-one", "twenty-one
//! trillion three hundred", "five and a half million", "half a million", "a
//! quarter billion", "three quarters billion", "two hundred point seventy-one".
//!
//! English composition: units and tens add ("twenty-one", "fifty - two"),
//! "hundred" multiplies the part below a thousand, a scale word closes a group,
//! and scales must fall ("two hundred and two thousand" is 202,000; "lakh crore"
//! multiplies). "and" joins only where English puts it: after a hundred or a
//! scale ("one hundred and six"), or before a half or quarter ("five and a half
//! million", "3 million and a half" is read by the digit layer). Alone, "half"
//! and "quarter" are fractions, not amounts, so they need a scale word. A lone
//! "one" after a determiner ("the one you mentioned", "which one") is a pronoun.

use super::super::lexicon::{HashFilter, Word, lower_hash, tsv_lines};
use super::{Number, SCALES};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// What a word can be inside a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// zero to nineteen.
    Unit(f64),
    /// twenty, thirty, ... ninety.
    Ten(f64),
    Hundred,
    /// dozen, thousand and above.
    Scale(f64),
    A,
    And,
    Half,
    Quarter,
    Quarters,
    Point,
}

static TOKS: LazyLock<FxHashMap<String, Tok>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for l in tsv_lines(include_str!("../lexicon/numberwords.tsv")) {
        let Some((v, w)) = l.split_once('\t') else { continue };
        let Ok(v) = v.trim().parse::<f64>() else { continue };
        let tok = match v {
            v if v < 20.0 => Tok::Unit(v),
            v if v < 100.0 => Tok::Ten(v),
            _ => Tok::Hundred,
        };
        m.insert(w.trim().to_lowercase(), tok);
    }
    for s in SCALES.iter() {
        let w = s.word.trim_end_matches('.');
        if s.mult >= 12.0 && !s.glued && w.chars().count() > 1 && !w.contains(' ') {
            m.entry(w.to_string()).or_insert(Tok::Scale(s.mult));
        }
    }
    for (w, t) in [
        ("a", Tok::A),
        ("an", Tok::A),
        ("and", Tok::And),
        ("half", Tok::Half),
        ("quarter", Tok::Quarter),
        ("quarters", Tok::Quarters),
        ("point", Tok::Point),
    ] {
        m.insert(w.to_string(), t);
    }
    m
});

/// [`TOKS`] by the hash each word carries of its lower case, so a lookup
/// hashes nothing (every word of a sentence with a figure is looked up).
static TOKS_BY_HASH: LazyLock<FxHashMap<u64, Vec<(&'static str, Tok)>>> = LazyLock::new(|| {
    let mut m: FxHashMap<u64, Vec<(&'static str, Tok)>> = FxHashMap::default();
    for (w, &t) in TOKS.iter() {
        m.entry(lower_hash(w)).or_default().push((w.as_str(), t));
    }
    m
});

/// The hashes of the number words ([`lower_hash`]): most words of a
/// sentence are not held, and are passed over without a lookup in
/// [`TOKS_BY_HASH`].
static TOK_HASHES: LazyLock<HashFilter> = LazyLock::new(|| {
    let mut filter = HashFilter::new();
    for &h in TOKS_BY_HASH.keys() {
        filter.insert(h);
    }
    filter
});

/// What `w` can be inside a number ([`TOKS`]).
fn tok_of(w: &Word) -> Option<Tok> {
    if !TOK_HASHES.may_hold(w.lower_hash()) {
        return None;
    }
    let same = TOKS_BY_HASH.get(&w.lower_hash())?;
    same.iter().find(|(s, _)| *s == w.lower()).map(|&(_, t)| t)
}

/// Words before which "one" is a pronoun, not a number.
const DETERMINERS: &[&str] = &[
    "the", "this", "that", "which", "each", "every", "any", "no", "another", "either", "neither",
];

/// Every number written in words in `text`, in order; words inside the digit
/// numbers `taken` ("3 hundred") are not read again.
pub(super) fn word_numbers(text: &str, ws: &[Word], taken: &[Number]) -> Vec<Number> {
    let tok = |w: &Word| tok_of(w).filter(|_| !taken.iter().any(|n| n.start <= w.start && w.start < n.end));
    // Most sentences have no number word: they need no table of tokens.
    let Some(first) = ws.iter().position(|w| tok(w).is_some()) else { return Vec::new() };
    let toks: Vec<Option<Tok>> = ws.iter().enumerate().map(|(i, w)| if i < first { None } else { tok(w) }).collect();
    let mut out = Vec::new();
    let mut i = first;
    while i < ws.len() {
        if toks[i].is_none() {
            i += 1;
            continue;
        }
        let p = Parser { text, ws, toks: &toks };
        match p.fraction_led(i).or_else(|| p.cardinal(i)) {
            Some((n, last)) => {
                let pronoun = last == i
                    && ws[i].lower() == "one"
                    && i > 0
                    && DETERMINERS.contains(&ws[i - 1].lower());
                if !pronoun {
                    out.push(n);
                }
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

struct Parser<'a, 'w> {
    text: &'a str,
    ws: &'w [Word<'a>],
    toks: &'w [Option<Tok>],
}

impl Parser<'_, '_> {
    fn tok(&self, j: usize) -> Option<Tok> {
        self.toks.get(j).copied().flatten()
    }

    /// True when word `j` continues the phrase of word `j - 1`: only spaces and
    /// at most one hyphen between ("twenty-one", "fifty - two", "fifty   two").
    fn joins(&self, j: usize) -> bool {
        if j == 0 || j >= self.ws.len() {
            return false;
        }
        let gap = &self.text[self.ws[j - 1].end..self.ws[j].start];
        gap.chars().all(|c| c.is_whitespace() || c == '-') && gap.matches('-').count() <= 1
    }

    fn number(&self, i: usize, last: usize, value: f64, scale: f64) -> Option<(Number, usize)> {
        let n = Number { start: self.ws[i].start, end: self.ws[last].end, value, scale };
        Some((n, last))
    }

    /// The fraction at `j` ("half", "quarter", "quarters"), times `count`.
    fn fraction(&self, j: usize, count: f64) -> Option<f64> {
        match self.tok(j)? {
            Tok::Half => Some(0.5 * count),
            Tok::Quarter if count == 1.0 => Some(0.25),
            Tok::Quarters if count > 1.0 => Some(0.25 * count),
            _ => None,
        }
    }

    /// "half million", "a quarter billion", "three quarters billion", "half a million".
    fn fraction_led(&self, i: usize) -> Option<(Number, usize)> {
        let (count, k) = match self.tok(i)? {
            Tok::A => (1.0, i + 1),
            Tok::Unit(v) if (1.0..10.0).contains(&v) => (v, i + 1),
            Tok::Half | Tok::Quarter => (1.0, i),
            _ => return None,
        };
        if k > i && !self.joins(k) {
            return None;
        }
        let f = self.fraction(k, count)?;
        let mut s = k + 1;
        if self.tok(s) == Some(Tok::A) && self.joins(s) {
            s += 1;
        }
        match self.tok(s) {
            Some(Tok::Scale(m)) if self.joins(s) => self.number(i, s, f * m, m),
            _ => None,
        }
    }

    /// Cardinals: units, tens, hundreds, falling scales, "and", a fraction, "point".
    fn cardinal(&self, i: usize) -> Option<(Number, usize)> {
        let (mut total, mut cur) = (0.0, 0.0);
        let (mut last_scale, mut max_scale) = (f64::INFINITY, 1.0);
        let mut prev: Option<Tok> = None;
        let mut end: Option<usize> = None;
        let mut j = i;
        if self.tok(i) == Some(Tok::A) {
            if !(self.joins(i + 1) && matches!(self.tok(i + 1), Some(Tok::Hundred | Tok::Scale(_)))) {
                return None;
            }
            (cur, prev, j) = (1.0, Some(Tok::A), i + 1);
        }
        while j < self.ws.len() && (j == i || self.joins(j)) {
            let Some(t) = self.tok(j) else { break };
            match t {
                Tok::Unit(v) => {
                    let ok = match prev {
                        None => true,
                        Some(Tok::Hundred | Tok::Scale(_) | Tok::And) => v > 0.0,
                        Some(Tok::Ten(_)) => (1.0..10.0).contains(&v),
                        _ => false,
                    };
                    if !ok {
                        break;
                    }
                    cur += v;
                }
                Tok::Ten(v) => {
                    if !matches!(prev, None | Some(Tok::Hundred | Tok::Scale(_) | Tok::And)) {
                        break;
                    }
                    cur += v;
                }
                Tok::Hundred => {
                    let after_small = matches!(prev, None | Some(Tok::A | Tok::Unit(_) | Tok::Ten(_)));
                    if !after_small || cur >= 100.0 || prev.is_some() && cur == 0.0 {
                        break;
                    }
                    cur = cur.max(1.0) * 100.0;
                }
                Tok::Scale(s) => match prev {
                    // "three lakh crore": a rising scale multiplies.
                    Some(Tok::Scale(p)) if s > p && cur == 0.0 => {
                        total *= s;
                        last_scale = p * s;
                        max_scale = last_scale;
                    }
                    Some(_) if cur > 0.0 && s < last_scale && prev != Some(Tok::And) => {
                        total += cur * s;
                        cur = 0.0;
                        last_scale = s;
                        max_scale = f64::max(max_scale, s);
                    }
                    _ => break,
                },
                Tok::And => {
                    if !matches!(prev, Some(Tok::Unit(_) | Tok::Ten(_) | Tok::Hundred | Tok::Scale(_))) || !self.joins(j + 1) {
                        break;
                    }
                    // "and a half", "and one quarter".
                    if matches!(self.tok(j + 1), Some(Tok::A | Tok::Unit(1.0)))
                        && self.joins(j + 2)
                        && let Some(f) = self.fraction(j + 2, 1.0)
                    {
                        let k = j + 2;
                        match (self.tok(k + 1), prev) {
                            (Some(Tok::Scale(s)), Some(Tok::Scale(_))) if self.joins(k + 1) && s < last_scale => {
                                total += f * s;
                                end = Some(k + 1);
                            }
                            (_, Some(Tok::Scale(p))) => {
                                total += f * p;
                                end = Some(k);
                            }
                            _ if total == 0.0 => {
                                cur += f;
                                end = Some(k);
                                prev = Some(Tok::Half);
                                j = k + 1;
                                continue;
                            }
                            _ => break,
                        }
                        break;
                    }
                    let unit_slot_free = matches!(prev, Some(Tok::Hundred | Tok::Scale(_)));
                    if !(unit_slot_free && matches!(self.tok(j + 1), Some(Tok::Unit(_) | Tok::Ten(_)))) {
                        break;
                    }
                    prev = Some(Tok::And);
                    j += 1;
                    continue; // "and" is not the end of a number
                }
                Tok::Point => {
                    if prev.is_none() || total > 0.0 {
                        break;
                    }
                    let (digits, last) = self.decimals(j + 1);
                    if let (Some(last), Ok(f)) = (last, format!("0.{digits}").parse::<f64>()) {
                        cur += f;
                        end = Some(last);
                    }
                    break;
                }
                Tok::A | Tok::Half | Tok::Quarter | Tok::Quarters => break,
            }
            prev = Some(t);
            end = Some(j);
            j += 1;
        }
        let last = end?;
        if prev == Some(Tok::A) {
            return None;
        }
        self.number(i, last, total + cur, max_scale)
    }

    /// The digits after "point": "zero three", "seventy-one", "eleven".
    fn decimals(&self, mut k: usize) -> (String, Option<usize>) {
        let mut digits = String::new();
        let mut last = None;
        while self.joins(k) {
            match self.tok(k) {
                Some(Tok::Unit(v)) => digits.push_str(&(v as u32).to_string()),
                Some(Tok::Ten(v)) => {
                    let mut v = v as u32;
                    if self.joins(k + 1)
                        && let Some(Tok::Unit(u)) = self.tok(k + 1)
                        && (1.0..10.0).contains(&u)
                    {
                        v += u as u32;
                        k += 1;
                    }
                    digits.push_str(&v.to_string());
                }
                _ => break,
            }
            last = Some(k);
            k += 1;
        }
        (digits, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::words;

    /// The hashed table, behind its filter, finds what the table finds, for
    /// every word it holds (in any case), for the words of a sentence it does
    /// not, and for every word of the corpus; and the filter passes over most
    /// words of the corpus.
    #[test]
    fn tokens_by_hash_are_the_tokens() {
        let mut text: String = TOKS.keys().map(|k| format!("{k} {} ", k.to_uppercase())).collect();
        text.push_str("Trade reached two hundred million dollars, один миллиард, 2bn");
        for w in words(&text) {
            assert_eq!(tok_of(&w), TOKS.get(w.lower()).copied(), "{:?}", w.text);
        }
        assert!(TOKS.len() > 40);
        let (mut all, mut clear) = (0, 0);
        for t in crate::extract::corpus_sentences() {
            for w in words(&t) {
                assert_eq!(tok_of(&w), TOKS.get(w.lower()).copied(), "{:?}", w.text);
                all += 1;
                clear += usize::from(!TOK_HASHES.may_hold(w.lower_hash()));
            }
        }
        assert!(clear * 5 > all * 4, "{clear} of {all} corpus words passed over");
    }
}
