//! `Article`: one news text with its metadata, the unit every later stage works on.
//!
//! Readers in [`crate::ingest`] build articles; [`crate::extract`] reads them and
//! never touches the file system.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article: a body of text plus what is known about where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// File stem, or the `id` of a JSONL record.
    pub id: String,
    /// Headline; helps resolve "the two countries" but is never a source of claims.
    pub title: String,
    /// Publication date, when known; relative dates ("last year") resolve from it.
    pub published: Option<NaiveDate>,
    /// URL or free label of the source.
    pub source: String,
    /// `en` or `ru`; detected from the text when the input does not say.
    pub lang: String,
    /// The body, without front matter. Claim spans are byte offsets into it.
    pub text: String,
}

/// Guesses the language of `text`: `ru` when Cyrillic letters outnumber Latin ones.
pub fn detect_lang(text: &str) -> &'static str {
    let (mut cyr, mut lat) = (0usize, 0usize);
    for c in text.chars() {
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() {
            lat += 1;
        }
    }
    if cyr > lat { "ru" } else { "en" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_russian_and_english() {
        assert_eq!(detect_lang("Товарооборот вырос на 11,6%"), "ru");
        assert_eq!(detect_lang("Trade grew by 11.6% to $1.3bn"), "en");
        assert_eq!(detect_lang(""), "en");
    }
}
