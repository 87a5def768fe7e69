//! Layer 2, numbers: sentence text in, [`Number`] tokens (value, span, scale) out.
//!
//! Accepted forms, as a small grammar:
//!
//! ```text
//! number   = ["-" | minus | negative] term (term)* [and tail]
//! term     = digits [scale] | words                 "$2 млрд 842 млн", "4 thousand 3 hundred"
//! tail     = d{1,2} after "hundred" | (a|one) (half|quarter)   "3 hundred and 21", "3 million and a half"
//! digits   = group ("," group)* ["." frac]          en: "1,340", "1,234,567.89"
//!          | d{1,2} ("," dd)* "," ddd ["." frac]    Indian: "12,34,567.89"
//!          | group ("." group)+ "," frac            European: "1.111,11"
//!          | group (SP group)* [("," | ".") frac]   "1 572", "1 317,2", "40 000"
//!          | d+ [("." | ",") frac] | "." d+         "27,8" is 27.8 in both languages; ".08"
//! SP       = space, no-break space, thin space, narrow no-break space
//! scale    = hundred | thousand | million | billion | trillion | lakh | crore | lakh crore
//!          | k | m | mn | mln | mil | bn | bln | b (glued) | tn | tln | тыс. | млн | млрд | трлн ...
//! words    = see `number/words.rs`: "twenty-one trillion three hundred", "five and a half million"
//! ```
//!
//! Comma grouping depends on the language: in English "244,819" is 244819, in
//! Russian it is 244.819. Numbers glued to lower-case letters ("29km", "4th",
//! "b4") and numbers inside URLs are skipped; "22,24,26" and "192.168.1.2" are
//! lists of integers, not decimals. A scale needs no currency here ("1m" is a
//! million): the money layer decides which scaled numbers are amounts. This layer
//! knows nothing of currencies or percents.

use super::lexicon::tsv_lines;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

mod words;

/// The language of the text, which fixes the meaning of `,` and spaces in numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ru,
}

/// A number found in a text, in base units (scale applied).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// The multiplier of the (largest) scale word, 1 when there is none.
    pub scale: f64,
}

const SP: &[char] = &[' ', '\u{00A0}', '\u{202F}', '\u{2009}'];

/// "and a half", "and one quarter" after a scaled number.
static AND_FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+and\s+(?:a|one)\s+(half|quarter)\b").expect("valid regex")
});

/// The scale words by first letter, each list longest first: after most
/// numbers comes a letter no scale word starts with.
static SCALES_BY_FIRST: LazyLock<FxHashMap<char, Vec<&'static Scale>>> = LazyLock::new(|| {
    let mut m: FxHashMap<char, Vec<&'static Scale>> = FxHashMap::default();
    for s in SCALES.iter() {
        if let Some(c) = s.word.chars().next() {
            m.entry(c).or_default().push(s);
        }
    }
    m
});

/// A scale word: multiplier, and whether it must be glued to the digits.
struct Scale {
    word: String,
    mult: f64,
    glued: bool,
}

/// Scale words, longest first.
static SCALES: LazyLock<Vec<Scale>> = LazyLock::new(|| {
    let mut v: Vec<Scale> = tsv_lines(include_str!("lexicon/scales.tsv"))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let mult = cols.next()?.trim().parse().ok()?;
            let word = cols.next()?.trim().to_lowercase();
            let glued = cols.next().is_some_and(|c| c.trim() == "glued");
            Some(Scale { word, mult, glued })
        })
        .collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.word.chars().count()));
    v
});

/// Every number in `text`, in order.
pub fn numbers(text: &str, lang: Lang) -> Vec<Number> {
    let mut out = Vec::new();
    numbers_into(&mut out, text, lang, &super::lexicon::words(text));
    out
}

/// [`numbers`], given the words of `text`, written into `out` (cleared
/// first): a list kept from sentence to sentence.
pub fn numbers_into(out: &mut Vec<Number>, text: &str, lang: Lang, ws: &[super::lexicon::Word]) {
    out.clear();
    digit_numbers(out, text, lang);
    let digits = out.len();
    for w in words::word_numbers(text, ws, &out[..digits]) {
        if !out[..digits].iter().any(|n| n.start < w.end && w.start < n.end) {
            out.push(w);
        }
    }
    out.sort_by_key(|n| n.start);
    compounds(text, out);
    for n in out.iter_mut() {
        negate(text, n);
    }
    if may_hold_url(text) {
        out.retain(|n| !in_url(text, n.start));
    }
}

/// The next run of digits in `text` at or after byte `pos`, as the `digits`
/// rule of the grammar above reads it: the leftmost place one of its forms
/// starts, and there the first form, in the order written, that fits, each
/// taking as many groups as it can. In Russian only the spaced and the plain
/// forms count. A test holds this equal to the rule written as a regex.
fn digits_at(text: &str, pos: usize, lang: Lang) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut from = pos;
    loop {
        let i = from + b.get(from..)?.iter().position(|&c| c.is_ascii_digit() || (lang == Lang::En && c == b'.'))?;
        if b[i] == b'.' {
            // ".08"
            if b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                return Some((i, run_end(b, i + 1)));
            }
            from = i + 1;
            continue;
        }
        return Some((i, digits_end(b, i, lang)));
    }
}

/// Where the digit forms starting at the digit `b[i]` end (see [`digits_at`]).
fn digits_end(b: &[u8], i: usize, lang: Lang) -> usize {
    let lead = run_end(b, i);
    let comma = |at: usize| (b.get(at) == Some(&b',')).then_some(1);
    let period = |at: usize| (b.get(at) == Some(&b'.')).then_some(1);
    if lang == Lang::En {
        // Indian, "12,34,567.89": the pairs give back the last group when it has three digits.
        if lead - i <= 2 {
            let pairs = groups(b, lead, comma, 2);
            for &at in pairs.iter().rev() {
                if let Some(end) = group(b, at, comma, 3) {
                    return fraction(b, end, b".");
                }
            }
        }
        if lead - i <= 3 {
            // European, "1.111,11".
            for &at in groups(b, lead, period, 3).iter().rev() {
                if b.get(at) == Some(&b',') && b.get(at + 1).is_some_and(u8::is_ascii_digit) {
                    return run_end(b, at + 1);
                }
            }
            // "1,234,567.89"
            if let Some(&end) = groups(b, lead, comma, 3).last() {
                return fraction(b, end, b".");
            }
        }
    }
    // "1 572", "1 317,2"
    if lead - i <= 3
        && let Some(&end) = groups(b, lead, |at| SP_BYTES.iter().find(|sp| b[at..].starts_with(sp)).map(|sp| sp.len()), 3).last()
    {
        return fraction(b, end, b".,");
    }
    fraction(b, lead, b".,")
}

/// The spaces of [`SP`], as UTF-8.
const SP_BYTES: [&[u8]; 4] = [b" ", "\u{00A0}".as_bytes(), "\u{202F}".as_bytes(), "\u{2009}".as_bytes()];

/// The length of the run of `spaces` (each a character's UTF-8) that
/// starts `b`: what `trim_start_matches` takes off a text with those
/// characters, read from their bytes.
pub(super) fn spaces_len(b: &[u8], spaces: &[&[u8]]) -> usize {
    let mut at = 0;
    while let Some(sp) = spaces.iter().find(|sp| b[at..].starts_with(sp)) {
        at += sp.len();
    }
    at
}

/// The end of the digits starting at `b[i]`.
fn run_end(b: &[u8], i: usize) -> usize {
    i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// A separator (its length from `sep`, when one starts at `at`) and then `n`
/// digits: the end of those digits.
fn group(b: &[u8], at: usize, sep: impl Fn(usize) -> Option<usize>, n: usize) -> Option<usize> {
    let digits = at + sep(at)?;
    (b.get(digits..digits + n)?.iter().all(u8::is_ascii_digit)).then_some(digits + n)
}

/// The ends of as many [`group`]s in a row as there are from `at`.
fn groups(b: &[u8], mut at: usize, sep: impl Fn(usize) -> Option<usize>, n: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    while let Some(end) = group(b, at, &sep, n) {
        ends.push(end);
        at = end;
    }
    ends
}

/// `at`, or the end of a fraction there: one of `seps` and then digits.
fn fraction(b: &[u8], at: usize, seps: &[u8]) -> usize {
    match b.get(at) {
        Some(c) if seps.contains(c) && b.get(at + 1).is_some_and(u8::is_ascii_digit) => run_end(b, at + 1),
        _ => at,
    }
}

/// Numbers written in digits, each with the scale word after it, added to `out`.
fn digit_numbers(out: &mut Vec<Number>, text: &str, lang: Lang) {
    let mut pos = 0;
    while let Some((start, end)) = digits_at(text, pos, lang) {
        let before = text[..start].chars().next_back();
        let mut s = &text[start..end];
        if s.starts_with('.') && before.is_some_and(|c| c.is_alphanumeric() || ".,".contains(c)) {
            pos = start + 1; // ".08" is a number, "No.5" and "1.5.2" are not this way
            continue;
        }
        let next_char = |s: &str| text[start + s.len()..].chars().next();
        // "423 0000": a spaced group must not run into more digits.
        if s.contains(SP) && next_char(s).is_some_and(|c| c.is_ascii_digit()) {
            s = &s[..s.find(SP).unwrap_or(s.len())];
        }
        // Lists, not decimals: "22,24,26,31", "192.168.1.2".
        if let Some(i) = s.find([',', '.'])
            && !s[i + 1..].contains([',', '.'])
            && !s.contains(SP)
        {
            let after = &text[start + s.len()..];
            let glued_sep = |t: &str| {
                let mut c = t.chars();
                c.next().is_some_and(|c| ",.".contains(c)) && c.next().is_some_and(|c| c.is_ascii_digit())
            };
            let prev_sep = before.is_some_and(|c| ",.".contains(c))
                && text[..start - 1].chars().next_back().is_some_and(|c| c.is_ascii_digit());
            if glued_sep(after) || prev_sep {
                s = &s[..i];
            }
        }
        let end = start + s.len();
        pos = end.max(start + 1);
        let after = text[end..].chars().next();
        // Glued to a word it is part of a name ("Kambarata1", "A4", "29km"); glued
        // to capitals it may be a code ("USD115", "115USD"), which the money layer reads.
        if before.is_some_and(|c| c.is_lowercase() || c == '_')
            || after.is_some_and(|c| c.is_lowercase() && !starts_scale(&text[end..]))
        {
            continue;
        }
        let Some(base) = parse_digits(s, lang) else {
            continue;
        };
        let (scale, end) = scale_after(text, end);
        let mut value = base * scale;
        // Amounts with a scale are whole base units: 4.1 * 1e9 must not print as 4099999999.9999995.
        if scale >= 1e3 {
            value = value.round();
        }
        out.push(Number { start, end, value, scale });
    }
}

/// Joins terms of one number: "2 млрд 842 млн", "4 thousand 3 hundred and 21",
/// "3 million and a half". Later terms must have smaller scales; only the
/// hundreds take an unscaled tail, so "$2 million and 20 projects" stays two numbers.
fn compounds(text: &str, out: &mut Vec<Number>) {
    // Merged in place: the first `kept` are the numbers so far, the last of
    // them the one a number may join.
    let mut kept = 0;
    let mut last_scale = 1.0;
    for i in 0..out.len() {
        let n = out[i];
        if let Some(a) = out[..kept].last_mut()
            && a.scale > 1.0
            && n.start >= a.end
            && n.value > 0.0
        {
            let gap = &text[a.end..n.start];
            let spaces = !gap.is_empty() && gap.trim().is_empty();
            let and = gap.trim() == "and" && gap.starts_with(char::is_whitespace);
            if spaces && n.scale > 1.0 && n.scale < last_scale {
                a.value += n.value;
                a.end = n.end;
                last_scale = n.scale;
                continue;
            }
            if (spaces || and) && last_scale == 100.0 && n.scale == 1.0 && n.value < 100.0 && n.value.fract() == 0.0 {
                a.value += n.value;
                a.end = n.end;
                last_scale = 1.0;
                continue;
            }
        }
        last_scale = n.scale;
        out[kept] = n;
        kept += 1;
    }
    out.truncate(kept);
    for a in out.iter_mut() {
        // The regex needs white space and "and" first: most amounts have
        // neither, and are passed over without a search.
        let rest = &text[a.end..];
        if a.scale >= 1e3
            && rest.starts_with(char::is_whitespace)
            && rest.trim_start().starts_with("and")
            && let Some(c) = AND_FRACTION.captures(rest)
        {
            let f = if &c[1] == "half" { 0.5 } else { 0.25 };
            a.value += f * a.scale;
            a.end += c[0].len();
        }
    }
}

/// "-5", "minus 5", "negative one": the sign before a number. A hyphen after a
/// letter or digit ("SCP-173", "2023-24", "+1-222") is no sign.
fn negate(text: &str, n: &mut Number) {
    let head = &text[..n.start];
    if let Some(h) = head.strip_suffix(['-', '\u{2212}'])
        && h.chars().next_back().is_none_or(|c| c.is_whitespace() || "([{:;=".contains(c))
    {
        n.value = -n.value;
        n.start = h.len();
        return;
    }
    let h = head.trim_end();
    if h.len() == head.len() {
        return;
    }
    for w in ["minus", "negative"] {
        if h.len() >= w.len()
            && h.is_char_boundary(h.len() - w.len())
            && h[h.len() - w.len()..].eq_ignore_ascii_case(w)
            && !h[..h.len() - w.len()].chars().next_back().is_some_and(char::is_alphanumeric)
        {
            n.value = -n.value;
            n.start = h.len() - w.len();
            return;
        }
    }
}

/// Whether `text` holds "://" or "www.", as a web address does: looked for
/// with two searchers built once, where `str::contains` sets one up on each
/// call, for every sentence with a figure.
fn may_hold_url(text: &str) -> bool {
    static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        LazyLock::new(|| [memchr::memmem::Finder::new("://"), memchr::memmem::Finder::new("www.")]);
    FINDERS.iter().any(|f| f.find(text.as_bytes()).is_some())
}

/// True when the whitespace-delimited token around `pos` is a web address.
fn in_url(text: &str, pos: usize) -> bool {
    // After the white space, which may be wider than a byte (a no-break space).
    let s = text[..pos].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let e = text[pos..].find(char::is_whitespace).map_or(text.len(), |i| pos + i);
    let tok = &text[s..e];
    tok.contains("://") || tok.starts_with("www.")
}

/// Parses a digit string per the language's separator conventions.
fn parse_digits(s: &str, lang: Lang) -> Option<f64> {
    // No comma and no space: the digits as they are (most numbers).
    if !s.bytes().any(|b| b == b',' || b == b' ' || !b.is_ascii()) {
        return s.parse().ok();
    }
    let s: String = s.chars().filter(|c| !SP.contains(c)).collect();
    let norm = match (s.rfind(','), s.rfind('.')) {
        // Both: the last one is the decimal mark ("1,234.5", "1.111,11").
        (Some(c), Some(d)) if c < d => s.replace(',', ""),
        (Some(_), Some(_)) => s.replace('.', "").replace(',', "."),
        // Commas only: English groups thousands ("1,340", "12,34,567"), "27,8" is decimal.
        (Some(c), None) if lang == Lang::En && (s.matches(',').count() > 1 || s.len() - c - 1 == 3) => {
            s.replace(',', "")
        }
        (Some(_), None) => s.replace(',', "."),
        _ => s,
    };
    norm.parse().ok()
}

fn starts_scale(rest: &str) -> bool {
    scale_after(rest, 0).0 > 1.0
}

/// Whether `text` in lower case starts with `prefix` (itself in lower case),
/// read byte by byte while both are ASCII: an ASCII character lower-cases to
/// one ASCII character, so the first ASCII byte that differs, or the end of
/// the text, settles it. `None` when a byte that is not ASCII comes first, in
/// either: that is left to a reading char by char.
pub(super) fn ascii_lower_prefix(text: &[u8], prefix: &[u8]) -> Option<bool> {
    for (i, &p) in prefix.iter().enumerate() {
        if !p.is_ascii() {
            return None;
        }
        match text.get(i) {
            Some(&c) if c.to_ascii_lowercase() == p => {}
            Some(&c) if !c.is_ascii() => return None,
            _ => return Some(false),
        }
    }
    Some(true)
}

/// Whether `text` in lower case starts with `prefix`, lower-casing only as far
/// as the prefix goes: this runs after every number, and the sentence's rest
/// may be long. (Char by char; `prefix` holds no Greek sigma, the one letter
/// whose lower case depends on what follows it.)
pub(super) fn lower_starts_with(text: &str, prefix: &str) -> bool {
    // Most tails and every English form are ASCII.
    if let Some(answer) = ascii_lower_prefix(text.as_bytes(), prefix.as_bytes()) {
        return answer;
    }
    // Char by char, the letters of ASCII and Russian without the Unicode
    // tables; a character that lower-cases to several may end the prefix
    // part way.
    let mut want = prefix.chars();
    // Each lower-case char against the prefix's next: the answer once known.
    let mut step = |l: char| match want.next() {
        None => Some(true),
        Some(p) => (p != l).then_some(false),
    };
    for c in text.chars() {
        let known = match super::lexicon::simple_lower(c) {
            Some(l) => step(l),
            None => c.to_lowercase().find_map(&mut step),
        };
        if let Some(answer) = known {
            return answer;
        }
    }
    want.next().is_none()
}

/// The scale word right after a number ending at `pos`: (multiplier, new end).
pub(super) fn scale_after(text: &str, pos: usize) -> (f64, usize) {
    let rest = &text[pos..];
    let gap = spaces_len(rest.as_bytes(), &SP_BYTES);
    if gap > 1 && !rest[..gap].contains('\u{00A0}') {
        return (1.0, pos);
    }
    let tail = &rest[gap..];
    let first = tail.chars().next().map(super::lexicon::lower_first);
    let Some(scales) = first.and_then(|c| SCALES_BY_FIRST.get(&c)) else { return (1.0, pos) };
    for sc in scales {
        let w = sc.word.as_str();
        if (sc.glued && gap > 0) || !lower_starts_with(tail, w) {
            continue;
        }
        let wlen: usize = tail.chars().take(w.chars().count()).map(char::len_utf8).sum();
        let next = tail[wlen..].chars().next();
        // "5m" and "$5 bn" but not "5 mines": a scale word ends the word.
        if next.is_some_and(|c| c.is_alphanumeric() && !c.is_uppercase()) && !w.ends_with('.') {
            continue;
        }
        let mut end = pos + gap + wlen;
        // "тыс." keeps its period only when a word of the phrase follows.
        if w.ends_with('.') && tail[wlen..].trim_start().starts_with(char::is_uppercase) {
            end -= 1;
        }
        return (sc.mult, end);
    }
    (1.0, pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`spaces_len`] takes off what `trim_start_matches` does, for the
    /// spaces of numbers ([`SP`]) and those before a currency or percent
    /// (`money::GAP`), on every string of four pieces: those spaces, other
    /// white space (a tab, the punctuation space U+2008, whose UTF-8 shares
    /// its first two bytes with U+2009), letters and nothing.
    #[test]
    fn spaces_len_is_trim_start_matches() {
        let parts = [" ", "\u{a0}", "\u{202f}", "\u{2009}", "\t", "\u{2008}", "x", "б", ""];
        let gap: Vec<char> = crate::extract::money::GAP.iter().flat_map(|sp| std::str::from_utf8(sp).unwrap().chars()).collect();
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in parts {
                        let t = format!("{a}{b}{c}{d}");
                        assert_eq!(spaces_len(t.as_bytes(), &SP_BYTES), t.len() - t.trim_start_matches(SP).len(), "{t:?}");
                        let trimmed = t.trim_start_matches(gap.as_slice());
                        assert_eq!(spaces_len(t.as_bytes(), &crate::extract::money::GAP), t.len() - trimmed.len(), "{t:?}");
                    }
                }
            }
        }
    }

    /// [`lower_starts_with`] answers as lower-casing char by char does, for
    /// every character below U+3000 before ASCII and Russian prefixes, and
    /// where a letter lower-cases to two and the prefix ends between them.
    #[test]
    fn lower_starts_with_is_char_by_char() {
        let slow = |text: &str, prefix: &str| {
            let mut lower = text.chars().flat_map(char::to_lowercase);
            prefix.chars().all(|p| lower.next() == Some(p))
        };
        for c in (0..0x3000).filter_map(char::from_u32) {
            let cases = [
                (format!("{c}n"), "kn"), (format!("{c}N"), "mn"), (format!("b{c}"), "bn"), (format!("{c}"), "i"),
                (format!("{c}рд"), "млрд"), (format!("М{c}"), "мл"), (format!("{c}ыс."), "тыс."), (format!("{c}"), "ё"),
            ];
            for (text, prefix) in cases {
                assert_eq!(lower_starts_with(&text, prefix), slow(&text, prefix), "{text:?} {prefix:?}");
            }
        }
        assert!(lower_starts_with("BN.", "bn") && !lower_starts_with("B", "bn") && lower_starts_with("\u{212A}m", "km"));
        assert!(lower_starts_with("МЛРД", "млрд") && lower_starts_with("Ёж", "ё") && !lower_starts_with("Мл", "млн"));
        assert!(lower_starts_with("İx", "i") && lower_starts_with("İx", "i\u{307}x") && !lower_starts_with("İ", "i\u{307}x"));
    }

    /// The `digits` rule of the grammar, as regexes: what [`digits_at`] reads.
    fn digits_regex(lang: Lang) -> Regex {
        Regex::new(match lang {
            Lang::En => concat!(
                r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?",
                r"|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+",
                r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?",
                r"|[0-9]{1,3}(?:[ \u{00A0}\u{202F}\u{2009}][0-9]{3})+(?:[.,][0-9]+)?",
                r"|[0-9]+(?:[.,][0-9]+)?|\.[0-9]+"
            ),
            Lang::Ru => r"[0-9]{1,3}(?:[ \u{00A0}\u{202F}\u{2009}][0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?",
        })
        .unwrap()
    }

    /// [`digits_at`] finds what the regexes find, from every place in every
    /// fixture sentence and in 20,000 strings of digits, separators and spaces.
    #[test]
    fn digits_at_reads_as_the_regexes_do() {
        let mut texts: Vec<String> = crate::extract::corpus_articles().into_iter().map(|a| a.text).collect();
        texts.extend(crate::extract::generated_strings("0123456789012345.,.,  \u{a0}\u{202f}\u{2009}x\u{2002}", 0x9E37_79B9_7F4A_7C15, 20_000, 12));
        for lang in [Lang::En, Lang::Ru] {
            let re = digits_regex(lang);
            for t in &texts {
                for pos in (0..=t.len()).filter(|&p| t.is_char_boundary(p)) {
                    let want = re.find_at(t, pos).map(|m| (m.start(), m.end()));
                    assert_eq!(digits_at(t, pos, lang), want, "{lang:?} {t:?} from {pos}");
                }
            }
        }
    }

    fn one(t: &str, lang: Lang) -> Option<f64> {
        match numbers(t, lang).as_slice() {
            [n] => Some(n.value),
            _ => None,
        }
    }

    #[test]
    fn two_billion_many_ways() {
        for t in [
            "2 billion",
            "2bn",
            "2 bn",
            "2,000 million",
            "2000 mln",
            "two billion",
            "2.0 billion",
            "2\u{a0}000 million",
        ] {
            assert_eq!(one(t, Lang::En), Some(2e9), "{t}");
        }
        for t in [
            "2 млрд",
            "2 000 млн",
            "2 миллиарда",
            "2,0 млрд",
            "1 млрд 1 000 млн",
        ] {
            assert_eq!(one(t, Lang::Ru), Some(2e9), "{t}");
        }
    }

    #[test]
    fn separators_follow_the_language() {
        assert_eq!(one("693,988 thousand", Lang::En), Some(693_988_000.0));
        assert_eq!(one("1,340 million", Lang::En), Some(1_340_000_000.0));
        assert_eq!(one("244,819 млрд", Lang::Ru), Some(244_819_000_000.0));
        assert_eq!(one("1 317,2", Lang::Ru), Some(1317.2));
        assert_eq!(one("27,8", Lang::En), Some(27.8));
        assert_eq!(one("4 трлн 200 млрд", Lang::Ru), Some(4.2e12));
        assert_eq!(one("15 тыс. тонн", Lang::Ru), Some(15e3));
        assert_eq!(one("8.5 lakh crore", Lang::En), Some(8.5e12));
    }

    #[test]
    fn not_numbers_or_unscaled() {
        assert_eq!(one("b4 paper", Lang::En), None);
        assert_eq!(one("Kambarata1", Lang::En), None);
        assert_eq!(numbers("5 mines", Lang::En)[0].scale, 1.0);
        assert_eq!(numbers("in 2023 1 500", Lang::En).len(), 2);
    }

    #[test]
    fn two_and_a_half_million_many_ways() {
        for t in [
            "2.5 million",
            "2,500,000",
            "2 500 000",
            "2\u{202f}500\u{202f}000",
            "2\u{2009}500\u{2009}000",
            "2.5m",
            "2.5 mn",
            "2.5 mil",
            "2,500 thousand",
            "2500k",
            "25 lakh",
            "two and a half million",
            "two million and a half",
            "2 million and a half",
            "two million five hundred thousand",
            "2 million 500 thousand",
        ] {
            assert_eq!(one(t, Lang::En), Some(2.5e6), "{t}");
        }
        for t in ["2,5 млн", "2 млн 500 тыс.", "2 500 тыс", "2\u{a0}500\u{a0}000"] {
            assert_eq!(one(t, Lang::Ru), Some(2.5e6), "{t}");
        }
    }

    #[test]
    fn grouping_styles() {
        for t in ["1,234,567.89", "12,34,567.89", "1.234.567,89", "1 234 567.89", "1\u{202f}234\u{202f}567,89"] {
            assert_eq!(one(t, Lang::En), Some(1_234_567.89), "{t}");
        }
        assert_eq!(one("1 234 567,89", Lang::Ru), Some(1_234_567.89));
        assert_eq!(one("Rs 10,000 crore", Lang::En), Some(1e11));
        assert_eq!(one("₹1.2 lakh crore", Lang::En), Some(1.2e12));
        assert_eq!(one("$ 29,9 million", Lang::En), Some(29.9e6));
        assert_eq!(one(".08", Lang::En), Some(0.08));
        let values = |t| numbers(t, Lang::En).iter().map(|n| n.value).collect::<Vec<_>>();
        assert_eq!(values("192.168.1.2"), [192.0, 168.0, 1.0, 2.0]);
        assert_eq!(values("Exercises 22,24,26"), [22.0, 24.0, 26.0]);
        assert_eq!(values("423 0000"), [423.0, 0.0]);
    }

    #[test]
    fn words_and_signs() {
        for (v, ts) in [
            (120.0, &["one hundred and twenty", "one hundred twenty", "a hundred and twenty", "120"][..]),
            (21e12 + 300.0, &["twenty-one trillion three hundred", "twenty-one trillion and three hundred"]),
            (202_000.0, &["two hundred and two thousand", "202 thousand"]),
            (2.5e8, &["a quarter billion", "quarter billion", "250 million"]),
            (7.5e8, &["three quarters billion", "750 mln"]),
            (5e5, &["half million", "half a million", "0.5 million"]),
            (3e12, &["three lakh crore", "3 trillion"]),
            (-1.5, &["-1.5", "minus 1.5", "negative one point five", "minus one and a half"][..3]),
            (52.0, &["fifty-two", "fifty - two", "fifty   two"]),
            (321.0, &["3 hundred and 21", "three hundred and twenty-one"]),
            (2e9, &["два миллиарда", "2 млрд"]),
        ] {
            for t in ts {
                let lang = if t.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) { Lang::Ru } else { Lang::En };
                assert_eq!(one(t, lang), Some(v), "{t}");
            }
        }
    }

    #[test]
    fn nothing_here() {
        for t in [
            "the 180ml liquid",
            " 29km Road",
            "the May 4th",
            "a",
            "Which one do you prefer?",
            "The one you mentioned",
            "more than half",
            "hundreds of trucks",
            "see https://x.com/a?q=30%25%2020",
            "a trillionth",
        ] {
            assert!(numbers(t, Lang::En).is_empty(), "{t}: {:?}", numbers(t, Lang::En));
        }
        assert_eq!(numbers("SCP-173 in 2023-24", Lang::En).iter().map(|n| n.value).collect::<Vec<_>>(), [173.0, 2023.0, 24.0]);
    }

    /// A number right after a no-break space, in a text with a web address:
    /// the address check starts its token after the whole space, not inside
    /// it (found by fuzzing the extractor: it panicked there).
    #[test]
    fn a_number_after_a_wide_space_beside_a_web_address() {
        let spans = |t: &str| numbers(t, Lang::En).iter().map(|n| (n.start, n.end, n.value)).collect::<Vec<_>>();
        assert_eq!(spans("2024-04\u{a0}-15 http://x"), [(0, 4, 2024.0), (5, 7, 4.0), (9, 12, -15.0)]);
        assert_eq!(spans("on 2024-04\u{a0}-15 and www.x.org"), [(3, 7, 2024.0), (8, 10, 4.0), (12, 15, -15.0)]);
        assert!(spans("see\u{a0}https://x.com/a/30 and\u{2003}www.y.org/7").is_empty());
        assert!(in_url("a\u{a0}http://x/5", 12) && !in_url("a\u{a0}-5 http://x", 3));
    }
}
