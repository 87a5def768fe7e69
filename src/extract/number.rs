//! Layer 2, numbers: sentence text in, [`Number`] tokens (value, span, scale) out.
//!
//! Accepted forms, as a small grammar:
//!
//! ```text
//! number   = digits [scale [digits scale]]      "$2 млрд 842 млн" is one number
//!          | word [word] [scale]                "two billion", "twenty five"
//! digits   = group ("," group)* ["." frac]      en: "1,340", "693,988", "1.317"
//!          | group (SP group)* ["," | "." frac] ru: "1 572", "244,819", "1 317,2"
//!          | d+ [("." | ",") frac]              "27,8" is 27.8 in both languages
//! SP       = space (ru), no-break space, thin space
//! scale    = thousand | million | billion | trillion | k | m | mn | mln | bn | bln | tn
//!          | crore | lakh | тыс. | млн | млрд | трлн | миллиард(а|ов) ...  (lexicon/scales.tsv)
//! ```
//!
//! Comma grouping depends on the language: in English "244,819" is 244819, in
//! Russian it is 244.819. Numbers glued to letters ("Kambarata-1" is fine, "A4" is
//! not a number) are skipped. This layer knows nothing of currencies or percents.

use regex::Regex;
use std::sync::LazyLock;
use super::lexicon::value_table;

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
    /// The multiplier of the scale word, 1 when there is none.
    pub scale: f64,
}

static DIGITS_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u{00A0}\u{202F}\u{2009}]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
        .expect("valid regex")
});
static DIGITS_RU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:[ \u{00A0}\u{202F}\u{2009}]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
        .expect("valid regex")
});

/// Scale words, longest first: (word, multiplier).
static SCALES: LazyLock<Vec<(String, f64)>> = LazyLock::new(|| {
    let mut v = value_table::<f64>(include_str!("lexicon/scales.tsv"));
    v.sort_by_key(|e| std::cmp::Reverse(e.0.chars().count()));
    v
});

/// Number words: (word, value).
static WORDS: LazyLock<Vec<(String, f64)>> =
    LazyLock::new(|| value_table::<f64>(include_str!("lexicon/numberwords.tsv")));

/// Every number in `text`, in order.
pub fn numbers(text: &str, lang: Lang) -> Vec<Number> {
    let re = match lang {
        Lang::En => &*DIGITS_EN,
        Lang::Ru => &*DIGITS_RU,
    };
    let mut out: Vec<Number> = Vec::new();
    for m in re.find_iter(text) {
        if out.last().is_some_and(|n| m.start() < n.end) {
            continue; // swallowed by a compound ("4 трлн 200 млрд")
        }
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        // Glued to a word it is part of a name ("Kambarata1", "A4"); glued to
        // capitals it may be a code ("USD115", "115USD"), which the money layer reads.
        if before.is_some_and(|c| (c.is_alphabetic() && !c.is_uppercase()) || c == '_')
            || after.is_some_and(|c| {
                c.is_alphabetic() && !c.is_uppercase() && !starts_scale(&text[m.end()..])
            })
        {
            continue;
        }
        let Some(base) = parse_digits(m.as_str(), lang) else {
            continue;
        };
        let (scale, mut end) = scale_after(text, m.end());
        let mut value = base * scale;
        // Russian compounds: "4 трлн 200 млрд", "$2 млрд 842 млн".
        if scale > 1.0
            && let Some(m2) = re
                .find_at(text, end)
                .filter(|m2| text[end..m2.start()].trim().is_empty() && m2.start() > end)
        {
            let (s2, e2) = scale_after(text, m2.end());
            if s2 > 1.0
                && s2 < scale
                && let Some(b2) = parse_digits(m2.as_str(), lang)
            {
                value += b2 * s2;
                end = e2;
            }
        }
        // Amounts with a scale are whole base units: 4.1 * 1e9 must not print as 4099999999.9999995.
        if scale >= 1e3 {
            value = value.round();
        }
        out.push(Number {
            start: m.start(),
            end,
            value,
            scale,
        });
    }
    out.extend(word_numbers(text));
    out.sort_by_key(|n| n.start);
    out
}

/// Parses a digit string per the language's separator conventions.
fn parse_digits(s: &str, lang: Lang) -> Option<f64> {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}'))
        .collect();
    let grouped_en = lang == Lang::En
        && s.split(',')
            .skip(1)
            .all(|g| g.len() >= 3 && g[..3].chars().all(|c| c.is_ascii_digit()))
        && s.contains(',')
        && {
            // "1,340" and "693,988" group thousands; "27,8" is a decimal comma.
            let first_group = s
                .split(',')
                .nth(1)
                .map(|g| g.split('.').next().unwrap_or(""))
                .unwrap_or("");
            first_group.len() == 3
        };
    let norm = if grouped_en {
        s.replace(',', "")
    } else {
        s.replace(',', ".")
    };
    norm.parse().ok()
}

fn starts_scale(rest: &str) -> bool {
    scale_after(rest, 0).0 > 1.0
}

/// The scale word right after a number ending at `pos`: (multiplier, new end).
fn scale_after(text: &str, pos: usize) -> (f64, usize) {
    let rest = &text[pos..];
    let gap = rest.len()
        - rest
            .trim_start_matches([' ', '\u{00A0}', '\u{202F}', '\u{2009}'])
            .len();
    if gap > 1 && !rest[..gap].contains('\u{00A0}') {
        return (1.0, pos);
    }
    let tail = &rest[gap..];
    let lower: String = tail.chars().take(12).collect::<String>().to_lowercase();
    for (w, mult) in SCALES.iter() {
        if lower.starts_with(w.as_str()) {
            let wlen: usize = tail
                .chars()
                .take(w.chars().count())
                .map(char::len_utf8)
                .sum();
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
            return (*mult, end);
        }
    }
    (1.0, pos)
}

/// Numbers written as words: "two billion", "twenty five", "nine".
fn word_numbers(text: &str) -> Vec<Number> {
    let ws = super::lexicon::words(text);
    let value_of = |w: &str| WORDS.iter().find(|(k, _)| k == w).map(|(_, v)| *v);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some(mut v) = value_of(&ws[i].lower) else {
            i += 1;
            continue;
        };
        let start = ws[i].start;
        let mut end = ws[i].end;
        // "twenty five": a ten followed by a unit.
        if (20.0..100.0).contains(&v)
            && let Some(u) = ws
                .get(i + 1)
                .and_then(|w| value_of(&w.lower))
                .filter(|u| *u < 10.0)
            && text[end..ws[i + 1].start]
                .trim_matches(['-', ' '])
                .is_empty()
        {
            v += u;
            i += 1;
            end = ws[i].end;
        }
        let (scale, e) = scale_after(text, end);
        out.push(Number {
            start,
            end: e,
            value: v * scale,
            scale,
        });
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(numbers("in 2023 1 500", Lang::En).len(), 3);
    }
}
