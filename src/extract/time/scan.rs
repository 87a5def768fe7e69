//! Four time regexes matched by hand: the "year" and "deadline year" rules
//! of [`super::RULES`], the single months of [`super::single_months`], and
//! the words that make a year the one a goal was set in ([`set_in`]).
//!
//! Every sentence with a year opens the two year rules, and trade articles
//! are full of years: searched with the regexes, these two rules were over
//! half of what the time rules cost on trade text. Here each is found from
//! the years themselves: a scan for "19"/"20", then the few words before and
//! after each year. The single months start from the month names that the
//! rules' gate has already found as whole words. The regexes stay the
//! definition: tests hold these matchers equal to them, match for match and
//! group for group, on the corpus and on generated text.
//!
//! What the regexes mean, and these functions follow: `(?i)` folds case by
//! Unicode's simple case folding ([`same`]); `\s` is Unicode white space
//! (`char::is_whitespace`); `\b` is a Unicode word boundary
//! (`regex_syntax::is_word_character`); `\d` is any Unicode decimal digit;
//! matches are leftmost-first and do not overlap.

use super::super::lexicon::simple_lower;
use regex::Regex;
use regex_syntax::is_word_character;
use std::sync::LazyLock;

/// One match of a rule: its span, and the span and name of its year group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Hit {
    pub start: usize,
    pub end: usize,
    pub year: (usize, usize),
    pub group: &'static str,
}

/// Letters that `(?i)` takes for a small ASCII or Russian letter but that
/// [`simple_lower`] does not lower-case to it: the long s, the Kelvin sign,
/// the old Cyrillic letter variants. A test holds [`same`] to the regex
/// syntax's case folding for every letter of the words below.
fn irregular_fold(c: char) -> Option<char> {
    Some(match c {
        '\u{17F}' => 's',
        '\u{212A}' => 'k',
        '\u{1C80}' => 'в',
        '\u{1C81}' => 'д',
        '\u{1C82}' => 'о',
        '\u{1C83}' => 'с',
        '\u{1C84}' | '\u{1C85}' => 'т',
        '\u{1C86}' => 'ъ',
        '\u{1C87}' => 'ѣ',
        '\u{1C88}' => 'ꙋ',
        _ => return None,
    })
}

/// Whether `(?i)` matches `c` to `l`, a small ASCII or Russian letter or a
/// character without case.
fn same(c: char, l: char) -> bool {
    c == l || simple_lower(c) == Some(l) || irregular_fold(c) == Some(l)
}

/// The end of `word` when `text` holds it at `at`, in any case.
fn word_at(text: &str, at: usize, word: &str) -> Option<usize> {
    let mut chars = text[at..].char_indices();
    for l in word.chars() {
        chars.next().filter(|&(_, c)| same(c, l))?;
    }
    Some(chars.next().map_or(text.len(), |(i, _)| at + i))
}

/// The first of `words` that `text` holds at `at`, by its end.
fn one_of_at(text: &str, at: usize, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|w| word_at(text, at, w))
}

/// The start of `word` when `text[..end]` ends with it, in any case.
fn word_before(text: &str, end: usize, word: &str) -> Option<usize> {
    let mut chars = text[..end].char_indices().rev();
    let mut start = end;
    for l in word.chars().rev() {
        let (i, _) = chars.next().filter(|&(_, c)| same(c, l))?;
        start = i;
    }
    Some(start)
}

/// The start of the first of `words` that `text[..end]` ends with, when a
/// word boundary comes before it (each word starts with a letter).
fn word_before_bounded(text: &str, end: usize, words: &[&str]) -> Option<usize> {
    words.iter().filter_map(|w| word_before(text, end, w)).find(|&s| !word_char_before(text, s))
}

/// Whether a word character (Unicode `\w`) ends at `i`.
pub(super) fn word_char_before(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(is_word_character)
}

/// The start of the run of characters that `in_run` takes which ends at
/// `end` (`end` when there is none).
fn run_before(text: &str, end: usize, in_run: impl Fn(char) -> bool) -> usize {
    text[..end].char_indices().rev().take_while(|&(_, c)| in_run(c)).last().map_or(end, |(i, _)| i)
}

/// The start of the white space that ends at `end` (`end` when there is none).
fn space_before(text: &str, end: usize) -> usize {
    run_before(text, end, char::is_whitespace)
}

/// The end of the white space that starts at `at`.
fn space_after(text: &str, at: usize) -> usize {
    text[at..].char_indices().find(|(_, c)| !c.is_whitespace()).map_or(text.len(), |(i, _)| at + i)
}

/// The start of the word in `words` that ends where white space before `end`
/// starts, given that some white space is there.
fn word_before_space(text: &str, end: usize, words: &[&str], bounded: bool) -> Option<usize> {
    let space = space_before(text, end);
    if space == end {
        return None;
    }
    if bounded { word_before_bounded(text, space, words) } else { words.iter().find_map(|w| word_before(text, space, w)) }
}

/// The end of `YEAR` (`19[89]\d|20[0-6]\d`) when `text` has it at `at`.
fn year_at(text: &str, at: usize) -> Option<usize> {
    static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\d").expect("valid regex"));
    let b = text.as_bytes();
    let &[c, d, e, f] = b.get(at..at + 4)? else { return None };
    if !matches!((c, d, e), (b'1', b'9', b'8' | b'9') | (b'2', b'0', b'0'..=b'6')) {
        return None;
    }
    match f {
        _ if f.is_ascii_digit() => Some(at + 4),
        _ if !f.is_ascii() => DIGIT.find(&text[at + 3..]).map(|m| at + 3 + m.len()),
        _ => None,
    }
}

/// Each place `YEAR` matches in `text`, in order, as the span of the year.
pub(super) fn years(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(i) = memchr::memchr2(b'1', b'2', &b[from..]).map(|i| from + i) {
            from = i + 1;
            if let Some(end) = year_at(text, i) {
                return Some((i, end));
            }
        }
        None
    })
}

/// The end of the Russian year words (`YG`) after a year ending at `at`:
/// `(?:\s*(?:года|году|год|гг\.|г\.)|-го|-м)?`.
fn year_words(text: &str, at: usize) -> usize {
    one_of_at(text, space_after(text, at), &["года", "году", "год", "гг.", "г."])
        .or_else(|| one_of_at(text, at, &["-го", "-м"]))
        .unwrap_or(at)
}

/// The matches of the "year" rule:
/// `(?:\b(?:in|for|of|during|за|в|по\s+итогам)\s+)?\b(?P<y>YEAR)(?:'s|’s|YG)`,
/// given the places of `text`'s years ([`years`]).
pub(super) fn year_hits(text: &str, years: &[(usize, usize)], mut each: impl FnMut(Hit)) {
    let mut pos = 0;
    for &(y, y_end) in years {
        if y < pos || word_char_before(text, y) {
            continue;
        }
        let lead = word_before_space(text, y, &["in", "for", "of", "during", "за", "в"], true)
            .or_else(|| word_before_space(text, y, &["итогам"], false).and_then(|s| word_before_space(text, s, &["по"], true)));
        let start = lead.filter(|&s| s >= pos).unwrap_or(y);
        let end = one_of_at(text, y_end, &["'s", "’s"]).unwrap_or_else(|| year_words(text, y_end));
        each(Hit { start, end, year: (y, y_end), group: "y" });
        pos = end;
    }
}

/// The matches of the "deadline year" rule:
/// `\b(?:by|until|till|before|не\s+позднее)\s+(?:the\s+end\s+of\s+)?(?P<y>YEAR)`,
/// `\b(?:к|до)\s+(?:концу\s+|конца\s+)?(?P<y2>YEAR)\s*(?:году|года|г\.)` or
/// `\bthe\s+(?P<y3>YEAR)\s+(?:deadline|target|goal)`, given the places of
/// `text`'s years ([`years`]). Each year has one word before it, which tells
/// which of them can match.
pub(super) fn deadline_hits(text: &str, years: &[(usize, usize)], mut each: impl FnMut(Hit)) {
    const BY: &[&str] = &["by", "until", "till", "before"];
    // `by`, or `не позднее`, ending at `end`: where it starts.
    let by = |end: usize| {
        word_before_space(text, end, BY, true)
            .or_else(|| word_before_space(text, end, &["позднее"], false).and_then(|s| word_before_space(text, s, &["не"], true)))
    };
    let mut pos = 0;
    for &(y, y_end) in years {
        if y < pos {
            continue;
        }
        let end_of = || {
            let of = word_before_space(text, y, &["of"], false)?;
            let end = word_before_space(text, of, &["end"], false)?;
            by(word_before_space(text, end, &["the"], false)?)
        };
        let hit = if let Some(start) = by(y).or_else(end_of) {
            Some(Hit { start, end: y_end, year: (y, y_end), group: "y" })
        } else if let Some(start) = word_before_space(text, y, &["к", "до"], true)
            .or_else(|| word_before_space(text, y, &["концу", "конца"], false).and_then(|s| word_before_space(text, s, &["к", "до"], true)))
        {
            one_of_at(text, space_after(text, y_end), &["году", "года", "г."])
                .map(|end| Hit { start, end, year: (y, y_end), group: "y2" })
        } else if let Some(start) = word_before_space(text, y, &["the"], true) {
            let space = space_after(text, y_end);
            (space > y_end)
                .then(|| one_of_at(text, space, &["deadline", "target", "goal"]))
                .flatten()
                .map(|end| Hit { start, end, year: (y, y_end), group: "y3" })
        } else {
            None
        };
        if let Some(hit) = hit.filter(|h| h.start >= pos) {
            pos = hit.end;
            each(hit);
        }
    }
}

/// One match of the single-month regex of [`super::single_months`]: its
/// span, and the spans of its groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MonthHit {
    pub start: usize,
    pub end: usize,
    pub pre: (usize, usize),
    pub month: (usize, usize),
    pub alone: Option<(usize, usize)>,
    pub year: Option<(usize, usize)>,
}

/// The matches of the single-month regex,
/// `\b(?P<pre>in|for|в|за)\s+(?P<m>MON)\b(?:\s+(?P<alone>alone\b)|(?:\s+(?:alone\s+)?(?P<y>YEAR)YG))?`,
/// given the places in `text` where a month name (a word of `MON`) stands
/// as a whole word, in order. The month of a match is such a word: white
/// space is before it and a word boundary after it.
pub(super) fn single_month_hits(text: &str, months: &[(usize, usize)]) -> Vec<MonthHit> {
    let mut hits = Vec::new();
    let mut pos = 0;
    for &(m, m_end) in months {
        let Some(pre) = word_before_space(text, m, &["in", "for", "в", "за"], true).filter(|&p| p >= pos) else { continue };
        let mut hit = MonthHit { start: pre, end: m_end, pre: (pre, space_before(text, m)), month: (m, m_end), alone: None, year: None };
        let space = space_after(text, m_end);
        if space > m_end {
            let alone = word_at(text, space, "alone");
            if let Some(a) = alone.filter(|&a| !word_char_at(text, a)) {
                hit.alone = Some((space, a));
                hit.end = a;
            } else {
                // `(?:alone\s+)?` then the year, or the year alone.
                let after_alone = alone.map(|a| space_after(text, a)).filter(|&s| Some(s) > alone);
                let year = after_alone.and_then(|at| Some((at, year_at(text, at)?))).or_else(|| Some((space, year_at(text, space)?)));
                if let Some((y, y_end)) = year {
                    hit.year = Some((y, y_end));
                    hit.end = year_words(text, y_end);
                }
            }
        }
        pos = hit.end;
        hits.push(hit);
    }
    hits
}

/// Words before "in 2022" that make it the year a goal was set, not its
/// deadline, as whole words ("set", "signed") and as the starts of words
/// ("поставленная", "утвержденной").
const SET_WORDS: &[&str] = &["set", "agreed", "adopted", "announced", "approved", "signed", "launched", "proposed"];
const SET_STARTS: &[&str] = &["поставлен", "утвержден"];

/// Whether the last word of `text`, white space aside, is one of
/// [`SET_WORDS`] or starts with one of [`SET_STARTS`], as the regex
/// `SET_IN` (the definition, which a test holds this to) finds it:
/// `(?i)\b(?:set|…|поставлен\w*|…)\s*$`. It runs for every "in 2023" of a
/// sentence.
pub(super) fn set_in(text: &str) -> bool {
    let end = space_before(text, text.len());
    if word_before_bounded(text, end, SET_WORDS).is_some() {
        return true;
    }
    // A start needs `\b` before it and word characters after it to the end:
    // it starts the last run of word characters.
    let start = run_before(text, end, is_word_character);
    SET_STARTS.iter().any(|w| word_at(text, start, w).is_some())
}

/// Whether a word character (Unicode `\w`) starts at `i`.
pub(super) fn word_char_at(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(is_word_character)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Every word the matchers compare.
    const WORDS: &[&str] = &[
        "in", "for", "of", "during", "за", "в", "по", "итогам", "'s", "’s", "года", "году", "год", "гг.", "г.", "-го", "-м",
        "by", "until", "till", "before", "не", "позднее", "the", "end", "к", "до", "концу", "конца", "deadline", "target",
        "goal", "set", "agreed", "adopted", "announced", "approved", "signed", "launched", "proposed", "поставлен", "утвержден",
    ];

    /// [`set_in`] is the regex `SET_IN`: on every stretch of every corpus
    /// sentence that ends at white space or at its end, and on generated
    /// endings of the set words (in any case, with the long s, run on into
    /// other words or cut short) with odd spacing.
    #[test]
    fn set_in_is_the_regex() {
        let re = &*super::super::SET_IN;
        let mut words: Vec<String> = Vec::new();
        for w in SET_WORDS.iter().chain(SET_STARTS) {
            let cut: String = w.chars().take(w.chars().count() - 1).collect();
            words.extend([w.to_string(), w.to_uppercase(), w.replace('s', "\u{17F}"), cut, format!("{w}ная"), format!("{w}x"), format!("_{w}")]);
        }
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let slots: [&[&str]; 4] = [&["", "the target ", "up", "co-", "(", "пере", "x "], &words, &["", "", "ной", "s", "."], &["", " ", "\u{a0}", "\n ", " \t"]];
        let mut texts = crate::extract::generated_phrases(&slots, 0x6E2B_9F03_D1A8_45C7, 4_000, 4);
        for t in crate::extract::corpus_sentences() {
            let ends = t.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8());
            let prefixes: Vec<String> = ends.chain([t.len()]).map(|e| t[..e].to_string()).collect();
            texts.extend(prefixes);
        }
        let mut set = 0;
        for t in &texts {
            let want = re.is_match(t);
            assert_eq!(set_in(t), want, "{t:?}");
            set += usize::from(want);
        }
        assert!(set > 500, "{set} set-in endings");
    }

    /// [`same`] is `(?i)`: for each character of the words, the characters it
    /// matches to are those the regex syntax's case folding gives.
    #[test]
    fn same_folds_case_like_the_regexes() {
        let letters: BTreeSet<char> = WORDS.iter().flat_map(|w| w.chars()).collect();
        let mut ours: BTreeMap<char, BTreeSet<char>> = BTreeMap::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for l in [Some(c), simple_lower(c), irregular_fold(c)].into_iter().flatten() {
                if letters.contains(&l) {
                    assert!(same(c, l));
                    ours.entry(l).or_default().insert(c);
                }
            }
        }
        for l in letters {
            assert_eq!(ours[&l], folds_of(l), "{l:?}");
        }
    }

    /// The regex's matches of a rule, as hits.
    fn regex_hits(name: &str, text: &str) -> Vec<Hit> {
        let rule = super::super::RULE_SET.iter().find(|r| r.name == name).unwrap();
        rule.re
            .captures_iter(text)
            .map(|c| {
                let m = c.get_match().unwrap();
                let group = ["y", "y2", "y3"].into_iter().find(|g| c.get_group_by_name(g).is_some()).unwrap();
                let y = c.get_group_by_name(group).unwrap();
                Hit { start: m.start(), end: m.end(), year: (y.start, y.end), group }
            })
            .collect()
    }

    /// Texts made of the words the rules look for, years, their near misses
    /// and the characters between them, glued or spaced at random.
    fn generated() -> Vec<String> {
        const TOKENS: &[&str] = &[
            "in", "IN", "In", "for", "of", "Of", "during", "за", "В", "в", "по", "По", "итогам", "ИТОГАМ", "by", "BY",
            "until", "till", "Till", "before", "не", "позднее", "the", "The", "end", "к", "К", "до", "ДО", "концу",
            "конца", "deadline", "target", "goal", "Goals", "2023", "1989", "2069", "2070", "1979", "202٣", "2030",
            "19", "20", "года", "году", "ГОД", "год", "годы", "гг.", "г.", "г", "-го", "-м", "-", "'s", "’S", "'",
            "ſ", "ᲀ", "ᲁо", "x", "(", ",", ".", "_", "\u{301}", " ", " ", " ", " ", " ", "  ", "\u{a0}", "\t", "\n",
        ];
        crate::extract::generated_phrases(&[TOKENS], 0x9E37_79B9_7F4A_7C15, 40_000, 12)
    }

    /// Texts of a few phrases, each a lead of words, a year and a tail, with
    /// the leads and tails the rules name, their near misses, and white space
    /// of several kinds or none between them.
    fn phrases() -> Vec<String> {
        const LEADS: &[&str] = &[
            "", "by", "BY the end of", "until", "xuntil", "Till", "before", "не позднее", "НЕ  позднее", "к", "до", "К концу",
            "до конца", "xдо", "the", "The", "bathe", "по итогам", "в", "In", "within", "of", "the end of", "by the end",
        ];
        const SPACES: &[&str] = &[" ", "", "  ", "\u{a0}", "\n", "-", ","];
        const YEARS: &[&str] = &["2030", "1985", "2070", "202٣", "20", "19891", "2024"];
        const TAILS: &[&str] = &[
            "", "года", "ГОДУ", "г.", "гг.", "deadline", "Targets", "goal", "'s", "-го", "-м", "x", "год", "г",
        ];
        const JOINS: &[&str] = &[" ", ", ", "", " and "];
        const SLOTS: [&[&str]; 6] = [LEADS, SPACES, YEARS, SPACES, TAILS, JOINS];
        crate::extract::generated_phrases(&SLOTS, 0xD1B5_4A32_D192_ED03, 30_000, 18)
    }

    #[test]
    fn scanned_rules_are_the_regexes() {
        let mut texts: Vec<String> = vec![
            "by the end of 2030".into(), "не позднее 2030".into(), "к концу 2030 года".into(), "the 2030 target".into(),
            "по итогам 2023 года".into(), "in 2023's".into(), "within 2023".into(), "в 2023-м".into(), "20234".into(),
            "до 2030г.".into(), "by 202٣".into(), "(in 2023)".into(), "in\u{a0}\u{a0}2024 ГОДУ".into(),
        ];
        texts.extend(crate::extract::corpus_sentences());
        texts.extend(generated());
        texts.extend(phrases());
        let mut groups: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for t in &texts {
            let ys: Vec<_> = years(t).collect();
            let (mut year, mut deadline) = (Vec::new(), Vec::new());
            year_hits(t, &ys, |h| year.push(h));
            deadline_hits(t, &ys, |h| deadline.push(h));
            for (name, hits) in [("year", year), ("deadline year", deadline)] {
                assert_eq!(hits, regex_hits(name, t), "{name}: {t:?}");
                for h in hits {
                    *groups.entry((name, h.group)).or_default() += 1;
                }
            }
        }
        // Every branch is met, often: the equality above is not vacuous.
        for key in [("year", "y"), ("deadline year", "y"), ("deadline year", "y2"), ("deadline year", "y3")] {
            assert!(groups.get(&key).is_some_and(|&n| n > 100), "{key:?}: {groups:?}");
        }
    }

    /// The (?i) class of a character, by the regex syntax.
    fn folds_of(l: char) -> BTreeSet<char> {
        use regex_syntax::hir::{Class, HirKind};
        let hir = regex_syntax::parse(&format!("(?i){}", regex::escape(&l.to_string()))).unwrap();
        match hir.kind() {
            HirKind::Class(Class::Unicode(c)) => c.iter().flat_map(|r| r.start()..=r.end()).collect(),
            HirKind::Literal(_) => [l].into(),
            other => panic!("{l:?} parses to {other:?}"),
        }
    }

    /// A word whose lower case is a month name is one to `(?i)`: so the gate,
    /// which finds month names in the lower case, finds every place the
    /// single-month regex could match, but in a text with the letters that
    /// `(?i)` folds irregularly, which the gate leaves to the regex.
    #[test]
    fn lower_case_month_names_are_month_names() {
        let letters: BTreeSet<char> = super::super::MONTHS.keys().flat_map(|m| m.chars()).collect();
        let folds: BTreeMap<char, BTreeSet<char>> = letters.iter().map(|&l| (l, folds_of(l))).collect();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next())
                && let Some(f) = folds.get(&l)
            {
                assert!(f.contains(&c), "{c:?} lower-cases to {l:?}, which (?i) does not match to it");
            }
        }
    }

    /// Texts of single months: a word before, a month name in some case or a
    /// near miss, and what may follow it.
    fn month_phrases() -> Vec<String> {
        const PRES: &[&str] = &["in", "In", "FOR", "в", "В", "за", "ЗА", "to", "xin", "", "in the"];
        const SPACES: &[&str] = &[" ", "", "  ", "\u{a0}", "\n", "-", ","];
        const MONTHS: &[&str] = &[
            "January", "JANUARY", "january", "Jan", "Jan.", "Janu", "Januaryx", "May", "Mayor", "may", "Sept", "Sep",
            "September", "январе", "ЯНВАРЕ", "Декабря", "декабрь", "мае", "майор", "Dec", "December2024", "Auguſt",
        ];
        const TAILS: &[&str] = &["", "alone", "Alone", "alonex", "alone 2024", "2024", "2024 года", "2024г.", "1975", "2030-м", "x"];
        const JOINS: &[&str] = &[" ", ", ", "", " and ", " $5 billion "];
        const SLOTS: [&[&str]; 6] = [PRES, SPACES, MONTHS, SPACES, TAILS, JOINS];
        crate::extract::generated_phrases(&SLOTS, 0x6C07_8965_D4E1_3A27, 30_000, 18)
    }

    #[test]
    fn single_months_are_the_regex() {
        let mut texts: Vec<String> = vec![
            "in January alone 2024".into(), "for May 2024 года".into(), "в январе 2024-м".into(), "in  Jan".into(),
            "(in March)".into(), "in March, in April 2023".into(), "in Auguſt 2024".into(), "İn May".into(),
        ];
        for t in crate::extract::corpus_sentences() {
            texts.extend([t.to_uppercase(), t]);
        }
        texts.extend(month_phrases());
        let mut found: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_regex = 0;
        for t in &texts {
            let (lower, aligned) = crate::extract::lexicon::lower_text_aligned(t);
            let Some(months) = super::super::gate(t, &lower, aligned).1 else {
                by_regex += 1;
                continue;
            };
            let want: Vec<MonthHit> = super::super::SINGLE_MONTH
                .captures_iter(t)
                .map(|c| {
                    let span = |g: regex::Match| (g.start(), g.end());
                    MonthHit {
                        start: c.get(0).unwrap().start(),
                        end: c.get(0).unwrap().end(),
                        pre: span(c.name("pre").unwrap()),
                        month: span(c.name("m").unwrap()),
                        alone: c.name("alone").map(span),
                        year: c.name("y").map(span),
                    }
                })
                .collect();
            let hits = single_month_hits(t, &months);
            assert_eq!(hits, want, "{t:?}");
            for h in hits {
                *found.entry(if h.alone.is_some() { "alone" } else if h.year.is_some() { "year" } else { "plain" }).or_default() += 1;
            }
        }
        for kind in ["alone", "year", "plain"] {
            assert!(found.get(kind).is_some_and(|&n| n > 100), "{kind}: {found:?}");
        }
        assert!(by_regex > 100, "{by_regex} texts left to the regex");
    }
}
