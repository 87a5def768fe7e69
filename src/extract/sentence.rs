//! Layer 1, sentences: article body in, [`Sentence`] spans out.
//!
//! A sentence ends at `.`, `!` or `?` followed by white space and a capital
//! letter, digit or quote, and always at a line break (paragraphs and bullets
//! are one per line). A period does not end a sentence
//! - inside a number ("1.5", "27,8" has no period anyway),
//! - after an abbreviation ("U.S.", "Jan.", "No.", "т.е.") or an initial ("S. Jaishankar").
//!
//! Byte offsets are into the article text. Paragraph numbers let later layers
//! tell the lead (paragraph 0) from the rest.
//!
//! A stretch longer than [`MAX_SENTENCE_BYTES`] with no sentence end in it (a
//! table flattened into one line, a run of figures) is split into pieces no
//! longer than that, so that no cost of the later layers, which read a sentence
//! as a whole for each of its amounts, grows with the article.

/// A sentence of the article body, by byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (block of non-empty lines) the sentence is in.
    pub paragraph: usize,
}

/// The most bytes of a sentence. A longer one is cut into pieces of at most
/// this many bytes, each after the last clause break (`,` `;` `:` and a space)
/// in its second half, else at the last space there that is not inside a
/// number ("1 572"), else at the last space, else at the last character
/// that fits. Real sentences are
/// well under 1 KB: the longest in the fixtures has about 500 bytes.
pub const MAX_SENTENCE_BYTES: usize = 2048;

/// Words after which a period is part of an abbreviation, not a sentence end.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "inc", "ltd", "co", "corp",
    "vs", "etc", "approx", "est", "fig", "art", "u", "s", "e", "g", "i", "тыс", "млн", "млрд",
    "трлн", "г", "гг", "т", "е", "д", "руб", "долл", "им", "ул", "св",
];

/// The most characters of an entry of [`ABBREVIATIONS`].
const ABBREVIATION_CHARS: usize = 6;

/// Splits `text` into trimmed, non-empty sentences in text order.
pub fn sentences(text: &str) -> Vec<Sentence> {
    // Room for a sentence in every 80 bytes, about the length of one.
    let mut out = Vec::with_capacity(text.len() / 80 + 1);
    let mut paragraph = 0usize;
    let mut line_start = 0usize;
    let mut seen_text_in_para = false;
    // The open logical line: a hard-wrapped line continues on the next one.
    let mut open: Option<(usize, usize)> = None;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            if let Some((from, to)) = open.take() {
                split_line(text, from, to, paragraph, &mut out);
            }
            if seen_text_in_para {
                paragraph += 1;
                seen_text_in_para = false;
            }
        } else {
            seen_text_in_para = true;
            let end = line_start + body.len();
            open = match open.take() {
                Some((from, _)) if !starts_bullet(body) => Some((from, end)),
                Some((from, to)) => {
                    split_line(text, from, to, paragraph, &mut out);
                    Some((line_start, end))
                }
                None => Some((line_start, end)),
            };
            if !wraps(body)
                && let Some((from, to)) = open.take()
            {
                split_line(text, from, to, paragraph, &mut out);
            }
        }
        line_start = line_end;
    }
    if let Some((from, to)) = open {
        split_line(text, from, to, paragraph, &mut out);
    }
    out
}

/// A line that runs on into the next: long, and not ended by punctuation. Short
/// lines without a period are headings or bullets and stand alone.
fn wraps(line: &str) -> bool {
    let t = line.trim_end();
    t.chars().nth(39).is_some() && !t.ends_with(['.', '!', '?', ':', ';', '"', '”', '»', ')'])
}

/// A line opening a list item.
fn starts_bullet(line: &str) -> bool {
    line.trim_start()
        .starts_with(['•', '·', '▪', '●', '*', '-', '–', '—'])
}

/// Splits one line `text[from..to]` at sentence-ending punctuation.
fn split_line(text: &str, from: usize, to: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let line = &text[from..to];
    let mut start = 0usize;
    // The ends are ASCII, so a byte scan finds them without decoding the line.
    for i in memchr::memchr3_iter(b'.', b'!', b'?', line.as_bytes()) {
        let c = line.as_bytes()[i] as char;
        let after = &line[i + 1..];
        // Closing quotes and brackets stay with the sentence they close.
        let close = after.len() - after.trim_start_matches(['"', '”', '»', ')', '\'']).len();
        let rest = &after[close..];
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next = rest.trim_start().chars().next();
        let opens = match next {
            Some(n) => {
                n.is_uppercase()
                    || n.is_numeric()
                    || matches!(n, '"' | '“' | '«' | '(' | '-' | '—' | '•')
            }
            None => true,
        };
        if !opens || (c == '.' && is_abbreviation(&line[..i], next)) {
            continue;
        }
        let end = i + 1 + close;
        push(text, from + start, from + end, paragraph, out);
        start = end;
    }
    push(text, from + start, to, paragraph, out);
}

/// True when the word before a period is an abbreviation or an initial.
fn is_abbreviation(before: &str, next: Option<char>) -> bool {
    // The letters before the period, read back no further than the longest
    // abbreviation: lower-casing never shortens a word, so a longer word is
    // none (most words before a period). ASCII and Russian letters are told
    // without the Unicode tables.
    let (mut start, mut chars) = (before.len(), 0);
    for (i, c) in before.char_indices().rev() {
        if !super::lexicon::is_letter(c) {
            break;
        }
        chars += 1;
        if chars > ABBREVIATION_CHARS {
            return false;
        }
        start = i;
    }
    let word = &before[start..];
    let lower = word.to_lowercase();
    if chars == 1 && word.chars().all(char::is_uppercase) {
        // "S. Jaishankar", "U.S. exports": an initial, unless a digit follows.
        return !next.is_some_and(char::is_numeric) || lower == "u";
    }
    ABBREVIATIONS.contains(&lower.as_str())
        && !(lower.len() <= 2
            && next.is_some_and(char::is_uppercase)
            && word.chars().all(char::is_lowercase))
}

/// Pushes the sentence `text[start..end]`, trimmed, cut into pieces of at
/// most [`MAX_SENTENCE_BYTES`] when longer.
fn push(text: &str, mut start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    while end - start > MAX_SENTENCE_BYTES {
        let cut = start + piece_end(&text[start..end]);
        push_one(text, start, cut, paragraph, out);
        start = cut;
    }
    push_one(text, start, end, paragraph, out);
}

/// Where the first piece of an over-long sentence `s` ends (see
/// [`MAX_SENTENCE_BYTES`]): always past its start, at most the limit.
fn piece_end(s: &str) -> usize {
    let mut limit = MAX_SENTENCE_BYTES;
    while !s.is_char_boundary(limit) {
        limit -= 1;
    }
    let b = s.as_bytes();
    let half = limit / 2;
    let clause = (half..limit - 1).rev().find(|&i| matches!(b[i], b',' | b';' | b':') && b[i + 1] == b' ');
    if let Some(i) = clause {
        return i + 1;
    }
    let inside_number = |i: usize| b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit();
    let space = |outside: bool| (half..limit).rev().find(|&i| b[i] == b' ' && !(outside && inside_number(i)));
    space(true).or_else(|| space(false)).unwrap_or(limit)
}

fn push_one(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    // Bullets are layout, not part of the sentence.
    let lead = s.len()
        - s.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '•' | '·' | '▪' | '●' | '–' | '*')
        })
        .len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push(Sentence {
            start: start + lead,
            end: end - trail,
            paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t)
            .into_iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_and_lines() {
        assert_eq!(
            split("Trade grew. Exports fell!\nImports rose?"),
            ["Trade grew.", "Exports fell!", "Imports rose?"]
        );
        assert_eq!(
            split("ПЕКИН, 29 августа. Россия и Китай."),
            ["ПЕКИН, 29 августа.", "Россия и Китай."]
        );
        assert_eq!(
            split("  • Trade grew.\n  • Exports fell."),
            ["Trade grew.", "Exports fell."]
        );
    }

    #[test]
    fn keeps_decimals_abbreviations_and_initials() {
        for t in [
            "Trade reached $1.5 billion in 2023.",
            "BAKU, Feb. 25 - Trade reached $4.5 billion.",
            "U.S. exports rose 5 percent.",
            "Minister S. Jaishankar said trade grew.",
            "Certificate No. 10484 was issued.",
        ] {
            assert_eq!(split(t), [t], "{t}");
        }
    }

    /// [`is_abbreviation`], reading back at most the longest abbreviation,
    /// answers as reading back the whole word does: before every period of
    /// the corpus, and on generated words of ASCII, Russian and other letters
    /// and marks, with each kind of character after them.
    #[test]
    fn is_abbreviation_reads_back_far_enough() {
        let whole_word = |before: &str, next: Option<char>| {
            let start = before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(before.len(), |(i, _)| i);
            let word = &before[start..];
            if word.chars().count() > ABBREVIATION_CHARS {
                return false;
            }
            let lower = word.to_lowercase();
            if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
                return !next.is_some_and(char::is_numeric) || lower == "u";
            }
            ABBREVIATIONS.contains(&lower.as_str())
                && !(lower.len() <= 2 && next.is_some_and(char::is_uppercase) && word.chars().all(char::is_lowercase))
        };
        let mut cases: Vec<String> = crate::extract::corpus_articles()
            .iter()
            .flat_map(|a| a.text.match_indices('.').map(|(i, _)| a.text[..i].to_string()).collect::<Vec<_>>())
            .collect();
        cases.extend(crate::extract::generated_strings("uSsTеЁтыгáΩ1 .\u{301}", 0x1F6E_A0B3_95C2_7D48, 20_000, 8));
        // Every abbreviation, in both cases and run on from a letter.
        for a in ABBREVIATIONS {
            cases.extend([format!("see {a}"), a.to_uppercase(), format!("z{a}"), format!("1{a}")]);
        }
        let mut abbreviations = 0;
        for before in &cases {
            for next in [None, Some('A'), Some('a'), Some('5'), Some('Т'), Some('"')] {
                let want = whole_word(before, next);
                assert_eq!(is_abbreviation(before, next), want, "{before:?} {next:?}");
                abbreviations += usize::from(want);
            }
        }
        assert!(abbreviations > 5_000, "{abbreviations} abbreviations");
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_bound() {
        assert_eq!(ABBREVIATIONS.iter().map(|a| a.chars().count()).max(), Some(ABBREVIATION_CHARS));
    }

    #[test]
    fn numbers_paragraphs() {
        let s = sentences("One. Two.\n\nThree.");
        assert_eq!(s.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 0, 1]);
    }
}
