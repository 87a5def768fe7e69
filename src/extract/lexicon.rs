//! Lexicons: TSV data files in `lexicon/` and the word matcher every layer uses.
//!
//! In: the text of a lexicon file (`tag<TAB>phrase` per line, `#` comments) and
//! a sentence. Out: [`LexMatch`]es, the phrases found with their byte spans.
//!
//! Phrase syntax, matched word by word (a word is a run of letters or digits):
//! - words are case-insensitive, except an all-caps word (`US`, `EU`, `КНР`),
//!   which must match exactly, so the pronoun "us" is not the United States;
//! - a trailing `*` matches any word with that prefix (`товарооборот*` matches
//!   every Russian case form), which keeps Russian inflection out of the data;
//! - `_` matches any one word (`into the _ economy`);
//! - punctuation between words is ignored, so `kazakh kyrgyz` also matches
//!   "Kazakh-Kyrgyz".
//!
//! At each position the longest phrase wins; matches never overlap.

use std::borrow::Cow;
use rustc_hash::{FxHashMap, FxHasher};
use smallvec::SmallVec;
use std::hash::Hasher;

/// One word of a text, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The word in lower case; the text itself when it has no capitals.
    pub lower: Cow<'a, str>,
    /// Hashes of the lower-cased word and of its first two letters (when it
    /// has two), which let a lexicon pass over a word that starts none of its
    /// phrases.
    keys: (u64, Option<u64>),
}

impl Word<'_> {
    /// The word in lower case.
    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// The hash of [`Word::lower`] ([`lower_hash`]), made once with the word.
    pub fn lower_hash(&self) -> u64 {
        self.keys.0
    }
}

/// The hash a [`Word`] carries of its lower case, for tables keyed by it.
pub fn lower_hash(lower: &str) -> u64 {
    hash(lower)
}

/// Splits `text` into words: maximal runs of alphanumeric characters.
pub fn words(text: &str) -> Vec<Word<'_>> {
    words_lowered(text, None)
}

/// [`words`], given the lower case of `text` from [`lower_text_aligned`]
/// when that is aligned (`None` otherwise): each word's lower case is then
/// borrowed from it, not made word by word.
pub fn words_lowered<'a>(text: &'a str, lower: Option<&'a str>) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    words_into(&mut out, text, lower);
    out
}

/// [`words_lowered`], appended to `out` (which a caller may keep from one
/// sentence to the next).
pub fn words_into<'a>(out: &mut Vec<Word<'a>>, text: &'a str, lower: Option<&'a str>) {
    match lower {
        Some(lower) => word_spans(out, text, |s, e| Cow::Borrowed(&lower[s..e])),
        None => word_spans(out, text, |s, e| lowercase(&text[s..e])),
    }
}

fn word_spans<'a>(out: &mut Vec<Word<'a>>, text: &'a str, lower: impl Fn(usize, usize) -> Cow<'a, str>) {
    // About one word in six bytes of prose: room enough to grow once at most.
    out.reserve(text.len() / 6 + 1);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Over the characters between words to the next word's first, then
        // over its characters to its end.
        let (in_word, len) = char_at(text, i);
        if !in_word {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < b.len() {
            let (in_word, len) = char_at(text, i);
            if !in_word {
                break;
            }
            i += len;
        }
        out.push(word(text, start, i, lower(start, i)));
    }
}

/// What a byte tells of the character it starts (see [`char_at`]): 0, an
/// ASCII character outside words; 1, an ASCII letter or digit; 2, a letter
/// of the Cyrillic block U+0400-U+047F (all letters), two bytes long; 3,
/// another character, to be decoded. Bytes that start no character (80-BF)
/// are never read.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [3u8; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric() as u8;
        c += 1;
    }
    t[0xD0] = 2;
    t[0xD1] = 2;
    t
};

/// Whether the character at byte `i` of `text` is a word character
/// ([`is_word_char`]), and its length: ASCII and the Cyrillic block are read
/// from their first byte ([`BYTE_CLASS`]), other characters are decoded.
#[inline(always)]
fn char_at(text: &str, i: usize) -> (bool, usize) {
    match BYTE_CLASS[text.as_bytes()[i] as usize] {
        0 => (false, 1),
        1 => (true, 1),
        2 => (true, 2),
        _ => {
            let c = text[i..].chars().next().expect("a char starts here");
            (is_word_char(c), c.len_utf8())
        }
    }
}

fn word<'a>(text: &'a str, start: usize, end: usize, lower: Cow<'a, str>) -> Word<'a> {
    let t = &text[start..end];
    Word {
        start,
        end,
        text: t,
        keys: (hash(&lower), first_two(&lower).map(hash_two)),
        lower,
    }
}

fn hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

fn hash_two(two: [char; 2]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(two[0] as u32);
    h.write_u32(two[1] as u32);
    h.finish()
}

/// A set of hashes that may err only by holding one it was not given.
#[derive(Debug, Clone)]
pub(super) struct HashFilter(Vec<u64>);

impl HashFilter {
    /// The filter holds 2^BITS bits, indexed by a hash's top BITS bits (Fx
    /// hashes mix upwards).
    const BITS: u32 = 14;

    pub(super) fn new() -> HashFilter {
        HashFilter(vec![0; 1 << (Self::BITS - 6)])
    }

    /// The filter's bit for hash `h`.
    fn bit(h: u64) -> usize {
        (h >> (64 - Self::BITS)) as usize
    }

    /// Whether bit `bit` of the filter is set.
    fn has_bit(&self, bit: usize) -> bool {
        self.0[bit / 64] & 1 << (bit % 64) != 0
    }

    pub(super) fn insert(&mut self, h: u64) {
        let bit = Self::bit(h);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    pub(super) fn may_hold(&self, h: u64) -> bool {
        self.has_bit(Self::bit(h))
    }
}

/// `t` in lower case, borrowed when that is `t` itself: most words of a text
/// are, and this runs for every one.
fn lowercase(t: &str) -> Cow<'_, str> {
    if t.is_ascii() {
        return if t.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(t.to_ascii_lowercase()) } else { Cow::Borrowed(t) };
    }
    // Russian words: the basic Cyrillic letters lower-case one to one.
    if !t.chars().all(|c| c.is_ascii() || is_basic_cyrillic(c)) {
        return Cow::Owned(t.to_lowercase());
    }
    if !t.chars().any(|c| c.is_ascii_uppercase() || matches!(c, 'А'..='Я' | 'Ё')) {
        return Cow::Borrowed(t);
    }
    Cow::Owned(t.chars().map(|c| simple_lower(c).unwrap_or(c)).collect())
}

/// `text` in lower case, as [`str::to_lowercase`] gives it, for the scans that
/// read a whole sentence or article. Most characters of a text are ASCII or
/// lower-case Russian letters: those are passed over (eight ASCII bytes at a
/// time), and only the characters that change are looked up, where
/// `to_lowercase` goes char by char from the first character outside ASCII
/// (a curly quote early in a text) to the end.
pub fn lower_text(text: &str) -> String {
    lower_text_aligned(text).0
}

/// [`lower_text`], and whether it is aligned with `text`: every character
/// lower-cased on its own into as many bytes, so that the lower case of a
/// stretch of `text` is the same stretch of it.
pub fn lower_text_aligned(text: &str) -> (String, bool) {
    // The one letter `to_lowercase` maps by its neighbours (a final sigma).
    if text.contains('Σ') {
        return (text.to_lowercase(), false);
    }
    let mut aligned = true;
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (i, c) in changing_chars(text) {
        out.push_str(&text[copied..i]);
        let at = out.len();
        match simple_lower(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
        aligned &= out.len() - at == c.len_utf8();
        copied = i + c.len_utf8();
    }
    out.push_str(&text[copied..]);
    // ASCII capitals, including those in the copied stretches.
    out.make_ascii_lowercase();
    (out, aligned)
}

/// Whether lower-casing `text` ([`lower_text`]) changes nothing but ASCII
/// capitals.
pub fn lowers_only_ascii(text: &str) -> bool {
    changing_chars(text).next().is_none()
}

/// The characters outside ASCII that lower-casing changes, with their byte
/// offsets. ASCII is passed over eight bytes at a time and the lower-case
/// Russian letters two at a time; only the rest are looked up.
fn changing_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            while let Some(chunk) = b.get(i..i + 8)
                && u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080 == 0
            {
                i += 8;
            }
            let Some(&lead) = b.get(i) else { break };
            if lead.is_ascii() {
                i += 1;
                continue;
            }
            // а-п, р-я and ё: lower case already.
            if matches!((lead, b.get(i + 1)), (0xD0, Some(0xB0..=0xBF)) | (0xD1, Some(0x80..=0x8F | 0x91))) {
                i += 2;
                continue;
            }
            let c = text[i..].chars().next().expect("a char starts here");
            let at = i;
            i += c.len_utf8();
            if let Some(l) = simple_lower(c) {
                if l != c {
                    return Some((at, c));
                }
                continue;
            }
            let mut lower = c.to_lowercase();
            if lower.len() != 1 || lower.next() != Some(c) {
                return Some((at, c));
            }
        }
        None
    })
}

/// The lower case of `c` when it is one character and found without the
/// Unicode tables: ASCII and the Cyrillic letters U+0400-U+044F and
/// U+0450-U+045F (the Russian alphabet among them). `None` for any other
/// character, whose lower case `char::to_lowercase` gives. A test holds it
/// to `to_lowercase`.
pub fn simple_lower(c: char) -> Option<char> {
    match c {
        _ if c.is_ascii() => Some(c.to_ascii_lowercase()),
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        '\u{400}'..='\u{40F}' => char::from_u32(c as u32 + 0x50),
        'а'..='я' | '\u{450}'..='\u{45F}' => Some(c),
        _ => None,
    }
}

/// The first character of `c`'s lower case (all of it, for every letter
/// but a few like "İ"), through [`simple_lower`] where that knows it.
pub fn lower_first(c: char) -> char {
    simple_lower(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c))
}

/// The Russian alphabet: А-Я, а-я, Ё, ё.
fn is_basic_cyrillic(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

/// Whether `c` is a letter or digit, with the common cases (ASCII, basic
/// Cyrillic) answered before the Unicode tables are looked up.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_basic_cyrillic(c) || c.is_alphanumeric()
    }
}

/// Whether `c` is a letter (`char::is_alphabetic`), answered as
/// [`is_word_char`] is.
pub(super) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_basic_cyrillic(c) || c.is_alphabetic()
    }
}

/// One word of a phrase pattern.
#[derive(Debug, Clone)]
enum Pat {
    /// Lowercase word, compared case-insensitively.
    Word(String),
    /// All-caps word, compared exactly.
    Exact(String),
    /// Lowercase prefix (from `word*`).
    Prefix(String),
    /// Any one word (from `_`).
    Any,
}

impl Pat {
    fn parse(w: &str) -> Pat {
        if w == "_" {
            Pat::Any
        } else if let Some(p) = w.strip_suffix('*') {
            Pat::Prefix(p.to_lowercase())
        } else if w.chars().count() > 1
            && w.chars().all(|c| !c.is_lowercase())
            && w.chars().any(char::is_alphabetic)
        {
            Pat::Exact(w.to_string())
        } else {
            Pat::Word(w.to_lowercase())
        }
    }

    fn matches(&self, w: &Word) -> bool {
        match self {
            Pat::Word(p) => w.lower() == p,
            Pat::Exact(p) => w.text == p,
            Pat::Prefix(p) => w.lower().starts_with(p.as_str()),
            Pat::Any => true,
        }
    }
}

/// A phrase lexicon: tagged word patterns, searched longest-first.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Entries keyed by the lowercase first letter of the first word, for speed.
    entries: FxHashMap<char, Bucket>,
    /// What a word must be for some entry to start with it: one of these
    /// lower-cased words, or a word starting with one of these two letters
    /// or one of these single letters (the first patterns' prefixes). Most
    /// words of a sentence are none, and are passed over on two hash bits.
    first_words: HashFilter,
    first_twos: HashFilter,
    first_letters: Vec<char>,
}

/// The entries of one first letter, longest first, with an index of which ones
/// a given first word can start: those whose first pattern is that whole word,
/// and those whose first pattern is a prefix of it. Every list holds positions
/// in `list`, ascending, so the first match is the one a plain scan of `list`
/// would find. The index is keyed by the hashes a [`Word`] carries, so a
/// lookup hashes nothing; words whose hashes meet share a list, and every
/// entry found is matched against the words in full.
#[derive(Debug, Clone, Default)]
struct Bucket {
    list: Vec<(Vec<Pat>, String)>,
    /// By the hash of the whole first word.
    by_word: FxHashMap<u64, Vec<usize>>,
    /// Entries starting with a prefix pattern, by the hash of the prefix's
    /// first two letters; each list also holds the entries of `short`.
    by_two: FxHashMap<u64, Vec<usize>>,
    /// Entries whose first pattern may match a word the two-letter index
    /// cannot narrow: one-letter prefixes and `_`.
    short: Vec<usize>,
}

/// The first two letters of `w`, if it has two.
fn first_two(w: &str) -> Option<[char; 2]> {
    // Two ASCII bytes are two characters (most words), read without decoding.
    if let [a, b, ..] = *w.as_bytes()
        && a.is_ascii()
        && b.is_ascii()
    {
        return Some([a as char, b as char]);
    }
    let mut c = w.chars();
    Some([c.next()?, c.next()?])
}

impl Bucket {
    fn index(&mut self) {
        let mut long: Vec<(u64, usize)> = Vec::new();
        for (i, (pats, _)) in self.list.iter().enumerate() {
            match &pats[0] {
                Pat::Word(w) => self.by_word.entry(hash(w)).or_default().push(i),
                Pat::Exact(w) => self.by_word.entry(hash(&w.to_lowercase())).or_default().push(i),
                Pat::Prefix(p) => match first_two(p) {
                    Some(two) => long.push((hash_two(two), i)),
                    None => self.short.push(i),
                },
                Pat::Any => self.short.push(i),
            }
        }
        for (two, i) in long {
            self.by_two.entry(two).or_insert_with(|| self.short.clone()).push(i);
        }
        for list in self.by_two.values_mut() {
            list.sort_unstable();
        }
    }

    /// The first entry, in list order, that matches at `words[i..]`.
    fn first_match(&self, words: &[Word], i: usize) -> Option<&(Vec<Pat>, String)> {
        let (word, two) = words[i].keys;
        let exact = self.by_word.get(&word).map_or(&[][..], Vec::as_slice);
        let prefixes = two.and_then(|two| self.by_two.get(&two)).unwrap_or(&self.short);
        let (mut a, mut b) = (exact.iter().peekable(), prefixes.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&x), Some(&&y)) if x < y => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => return None,
            };
            let entry = &self.list[*next?];
            let pats = &entry.0;
            if i + pats.len() <= words.len() && pats.iter().zip(&words[i..]).all(|(p, w)| p.matches(w)) {
                return Some(entry);
            }
        }
    }
}

/// A literal of a lexicon entry ([`Lexicon::word_literals_of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// Lower case.
    pub text: String,
    /// A whole word of the phrase; else the start of a word (a prefix).
    pub whole: bool,
}

/// Sorts `literals` and keeps each text once: as the start of a word when it
/// is that anywhere (a start sorts before a whole word of the same text),
/// since a start is found wherever the whole word is.
pub fn dedup_literals(literals: &mut Vec<Literal>) {
    literals.sort_by(|a, b| a.text.cmp(&b.text).then(a.whole.cmp(&b.whole)));
    literals.dedup_by(|later, kept| later.text == kept.text);
}

/// A lexicon phrase found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct LexMatch<'l> {
    pub start: usize,
    pub end: usize,
    /// The first column of the TSV line.
    pub tag: &'l str,
    /// Index of the first matched word in the word list.
    pub word_index: usize,
}

/// The data lines of a TSV lexicon: blank lines and `#` comments skipped.
pub fn tsv_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// `value<TAB>word` lines as (lower-cased word, value); a line whose value does
/// not parse is passed over.
pub fn value_table<T: std::str::FromStr>(data: &str) -> Vec<(String, T)> {
    tsv_lines(data)
        .filter_map(|l| {
            let (v, w) = l.split_once('\t')?;
            Some((w.trim().to_lowercase(), v.trim().parse().ok()?))
        })
        .collect()
}

impl Lexicon {
    /// Parses `tag<TAB>phrase` lines; blank lines and `#` comments are skipped.
    /// Lines with more than two columns keep the middle columns in the tag,
    /// joined by `|` (e.g. `trade_turnover|WORLD`).
    pub fn from_tsv(data: &str) -> Lexicon {
        let mut entries: FxHashMap<char, Bucket> = FxHashMap::default();
        for line in tsv_lines(data) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                continue;
            }
            let phrase = cols[cols.len() - 1];
            let tag = cols[..cols.len() - 1].join("|");
            let pats: Vec<Pat> = phrase
                .split(|c: char| !(c.is_alphanumeric() || c == '*' || c == '_'))
                .filter(|w| !w.is_empty())
                .map(Pat::parse)
                .collect();
            let Some(first) = pats.first() else { continue };
            let key = match first {
                Pat::Word(w) | Pat::Prefix(w) => w.chars().next(),
                Pat::Exact(w) => w
                    .chars()
                    .next()
                    .map(|c| c.to_lowercase().next().unwrap_or(c)),
                Pat::Any => None,
            };
            if let Some(k) = key {
                entries.entry(k).or_default().list.push((pats, tag));
            }
        }
        let (mut first_words, mut first_twos, mut first_letters) = (HashFilter::new(), HashFilter::new(), Vec::new());
        for bucket in entries.values_mut() {
            // Longest phrase first, so "trade turnover" beats "trade".
            bucket.list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
            bucket.index();
            for &w in bucket.by_word.keys() {
                first_words.insert(w);
            }
            for &two in bucket.by_two.keys() {
                first_twos.insert(two);
            }
            for &i in &bucket.short {
                if let Pat::Prefix(p) = &bucket.list[i].0[0] {
                    first_letters.extend(p.chars().next());
                }
            }
        }
        Lexicon { entries, first_words, first_twos, first_letters }
    }

    /// Whether some entry may start at `w` (see [`Lexicon::first_words`]).
    fn may_start(&self, w: &Word) -> bool {
        self.first_words.may_hold(w.keys.0)
            || w.keys.1.is_some_and(|two| self.first_twos.may_hold(two))
            || (!self.first_letters.is_empty() && w.lower.chars().next().is_some_and(|c| self.first_letters.contains(&c)))
    }

    /// All non-overlapping matches in `words`, left to right, longest first.
    pub fn find<'l: 'w, 'w>(&'l self, words: &'w [Word<'w>]) -> impl Iterator<Item = LexMatch<'l>> + 'w {
        self.find_where(words, move |i| self.may_start(&words[i]))
    }

    /// [`Lexicon::find`], told by `may_start` which words some entry may
    /// start at (all the others are passed over).
    fn find_where<'l: 's, 'w: 's, 's>(
        &'l self,
        words: &'w [Word<'w>],
        may_start: impl Fn(usize) -> bool + 's,
    ) -> impl Iterator<Item = LexMatch<'l>> + 's {
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < words.len() {
                if !may_start(i) {
                    i += 1;
                    continue;
                }
                let key = words[i].lower.chars().next().unwrap_or(' ');
                match self.entries.get(&key).and_then(|bucket| bucket.first_match(words, i)) {
                    Some((pats, tag)) => {
                        let m = LexMatch { start: words[i].start, end: words[i + pats.len() - 1].end, tag, word_index: i };
                        i += pats.len();
                        return Some(m);
                    }
                    None => i += 1,
                }
            }
            None
        })
    }

    /// The most words of an entry: a match spans at most this many words.
    pub fn longest_entry(&self) -> usize {
        self.entries.values().flat_map(|b| &b.list).map(|(pats, _)| pats.len()).max().unwrap_or(0)
    }

    /// One lower-case literal per entry that every text matching the entry
    /// holds once lower-cased (the longest word or prefix of its phrase), or `None`
    /// when some entry is all `_`.
    pub fn literals(&self) -> Option<Vec<String>> {
        let mut out: Vec<String> = self.word_literals_of(|_| true)?.into_iter().map(|l| l.text).collect();
        out.dedup();
        Some(out)
    }

    /// [`Lexicon::literals`] of the entries whose tag `keep` accepts, each
    /// with whether it is a whole word of its phrase or only the start of
    /// one; sorted, and a literal that is both is kept once, as a start.
    pub fn word_literals_of(&self, keep: impl Fn(&str) -> bool) -> Option<Vec<Literal>> {
        let mut out = Vec::new();
        for bucket in self.entries.values() {
            for (pats, _) in bucket.list.iter().filter(|(_, tag)| keep(tag)) {
                // The longest word of the phrase: the rarest in a text.
                let literal = pats
                    .iter()
                    .filter_map(|p| match p {
                        Pat::Word(w) => Some(Literal { text: w.clone(), whole: true }),
                        Pat::Exact(w) => Some(Literal { text: w.to_lowercase(), whole: true }),
                        Pat::Prefix(w) => Some(Literal { text: w.clone(), whole: false }),
                        Pat::Any => None,
                    })
                    .max_by_key(|l| l.text.chars().count())?;
                out.push(literal);
            }
        }
        dedup_literals(&mut out);
        Some(out)
    }

    /// Matches of `text` (convenience over [`words`] + [`Lexicon::find`]).
    pub fn find_in(&self, text: &str) -> Vec<LexMatch<'_>> {
        let words = words(text);
        self.find(&words).collect()
    }
}

/// Several lexicons searched over the same words ([`LexiconGroup::find_each`]):
/// which of them may start at a word is read for all of them at once, from
/// tables that join their filters ([`Lexicon::may_start`]), where each would
/// look the word up in its own.
#[derive(Debug, Clone)]
pub struct LexiconGroup {
    lexicons: Vec<&'static Lexicon>,
    /// For each bit of a [`HashFilter`], the lexicons (bits, by place in
    /// `lexicons`) whose first-word filter has it set.
    first_words: Vec<u8>,
    /// The same for the first-two-letter filters.
    first_twos: Vec<u8>,
    /// Each first letter of some lexicon's, with the lexicons that have it.
    first_letters: Vec<(char, u8)>,
}

impl LexiconGroup {
    /// The group of these lexicons, at most eight.
    pub fn new(lexicons: &[&'static Lexicon]) -> LexiconGroup {
        assert!(lexicons.len() <= 8, "a group holds at most eight lexicons");
        let bits = 1 << HashFilter::BITS;
        let (mut first_words, mut first_twos) = (vec![0u8; bits], vec![0u8; bits]);
        let mut first_letters: Vec<(char, u8)> = Vec::new();
        for (k, lex) in lexicons.iter().enumerate() {
            let flag = 1u8 << k;
            for bit in 0..bits {
                if lex.first_words.has_bit(bit) {
                    first_words[bit] |= flag;
                }
                if lex.first_twos.has_bit(bit) {
                    first_twos[bit] |= flag;
                }
            }
            for &c in &lex.first_letters {
                match first_letters.iter_mut().find(|(l, _)| *l == c) {
                    Some((_, flags)) => *flags |= flag,
                    None => first_letters.push((c, flag)),
                }
            }
        }
        LexiconGroup { lexicons: lexicons.to_vec(), first_words, first_twos, first_letters }
    }

    /// The lexicons (bits, by place) that some entry of may start at `w`:
    /// those whose [`Lexicon::may_start`] holds.
    fn may_start(&self, w: &Word) -> u8 {
        let mut flags = self.first_words[HashFilter::bit(w.keys.0)];
        if let Some(two) = w.keys.1 {
            flags |= self.first_twos[HashFilter::bit(two)];
        }
        if !self.first_letters.is_empty()
            && let Some(c) = w.lower.chars().next()
            && let Some((_, f)) = self.first_letters.iter().find(|(l, _)| *l == c)
        {
            flags |= f;
        }
        flags
    }

    /// The matches of each lexicon of the group in `words`, as
    /// [`Lexicon::find`] of each would give them, handed to `each` with the
    /// lexicon's place, one lexicon after another in the group's order.
    pub fn find_each<'w>(&self, words: &'w [Word<'w>], mut each: impl FnMut(usize, LexMatch<'static>)) {
        let flags: SmallVec<[u8; 64]> = words.iter().map(|w| self.may_start(w)).collect();
        let any = flags.iter().fold(0, |a, f| a | f);
        for (k, lex) in self.lexicons.iter().enumerate() {
            if any & 1 << k == 0 {
                continue;
            }
            for m in lex.find_where(words, |i| flags[i] & 1 << k != 0) {
                each(k, m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A group finds what each of its lexicons finds on its own, also for
    /// lexicons whose entries start with `_` or a one-letter prefix (read
    /// through the first letters), all-caps words and phrases that share
    /// their first words, on generated texts of their words.
    #[test]
    fn a_group_finds_what_its_lexicons_find() {
        let data = [
            "a\ttrade turnover\nb\ttrade\nc\tт*\nd\tUS exports\n",
            "a\t_ of goods\nb\tof\nc\tgoods to\n",
            "a\tx* rate\nb\tрост\nc\tUS\nd\tтоварооборот*\n",
        ];
        let lexicons: Vec<&'static Lexicon> = data.iter().map(|d| &*Box::leak(Box::new(Lexicon::from_tsv(d)))).collect();
        assert!(lexicons.iter().any(|l| !l.first_letters.is_empty()), "some lexicon has first letters");
        let group = LexiconGroup::new(&lexicons);
        let alphabet = ["trade", "turnover", "Trade", "US", "us", "exports", "of", "goods", "to", "товарооборот", "Товарооборота", "т", "тонн", "x", "xrate", "rate", "рост", "Рост", ",", "-"];
        let slots: [&[&str]; 2] = [&alphabet, &[" ", " ", ", "]];
        let texts = crate::extract::generated_phrases(&slots, 0x3C9E_51D2_0A47_B6F8, 3_000, 16);
        let mut found = 0;
        for t in &texts {
            let ws = words(t);
            let mut got: Vec<Vec<LexMatch>> = vec![Vec::new(); lexicons.len()];
            group.find_each(&ws, |k, m| got[k].push(m));
            for (k, lex) in lexicons.iter().enumerate() {
                let want: Vec<LexMatch> = lex.find(&ws).collect();
                assert_eq!(got[k], want, "lexicon {k} on {t:?}");
                found += want.len();
            }
        }
        assert!(found > 10_000, "{found} matches");
    }

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<_> = words("Kazakh-Kyrgyz trade, $2bn")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, ["Kazakh", "Kyrgyz", "trade", "2bn"]);
    }

    #[test]
    fn longest_prefix_and_exact_matching() {
        let lex =
            Lexicon::from_tsv("a\ttrade\nb\ttrade turnover\nc\tтоварооборот*\nd\tUS\n# comment\n");
        let tags = |t: &str| {
            lex.find_in(t)
                .into_iter()
                .map(|m| m.tag)
                .collect::<Vec<_>>()
        };
        assert_eq!(tags("Trade turnover rose"), ["b"]);
        assert_eq!(tags("trade rose"), ["a"]);
        assert_eq!(tags("Товарооборота России"), ["c"]);
        assert_eq!(tags("exports to the US"), ["d"]);
        assert!(tags("told us").is_empty());
    }

    #[test]
    fn the_fast_paths_agree_with_unicode() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let t = c.to_string();
            assert_eq!(lowercase(&t), t.to_lowercase(), "{c:?}");
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            if let Some(l) = simple_lower(c) {
                assert_eq!(l.to_string(), c.to_lowercase().to_string(), "{c:?}");
            }
        }
        assert_eq!(simple_lower('Я'), Some('я'));
        assert_eq!(simple_lower('Ѐ'), Some('ѐ'));
        assert_eq!(simple_lower('İ'), None);
        for t in ["Товарооборот", "ЕАЭС", "Ёлка", "uzbek", "Kazakh", "Straße", "ΟΔΟΣ", "KazЁ"] {
            assert_eq!(lowercase(t), t.to_lowercase(), "{t}");
        }
        assert!(matches!(lowercase("товарооборот"), Cow::Borrowed(_)));
    }

    /// The characters whose bytes the word scan reads without decoding them
    /// are word characters exactly when `is_word_char` says so, and the scan
    /// splits every text where `char::is_alphanumeric` does: each character
    /// up to U+2FFF and a few beyond, alone, before, after and between words.
    #[test]
    fn word_scan_reads_bytes_as_is_word_char_reads_chars() {
        for c in (0..0x80).chain(0x400..0x480).filter_map(char::from_u32) {
            let t = format!("a{c}b");
            let one_word = is_word_char(c);
            assert_eq!(words(&t).len(), if one_word { 1 } else { 2 }, "{c:?}");
        }
        assert!((0x400..0x480).filter_map(char::from_u32).all(is_word_char));
        let by_chars = |t: &str| -> Vec<(usize, usize)> {
            let mut spans = Vec::new();
            let mut start = None;
            for (i, c) in t.char_indices().chain([(t.len(), ' ')]) {
                match (c.is_alphanumeric() && i < t.len(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        spans.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            spans
        };
        let astral = [0x10400, 0x1D400, 0x1F600, 0x20000, 0xE0001];
        for c in (0..0x3000).chain(astral).filter_map(char::from_u32) {
            for t in [format!("{c}"), format!("{c}a"), format!("я{c}"), format!("ab{c}Жx{c}{c} 9")] {
                let spans: Vec<(usize, usize)> = words(&t).iter().map(|w| (w.start, w.end)).collect();
                assert_eq!(spans, by_chars(&t), "{t:?}");
            }
        }
    }

    /// Every text lower-cases as `to_lowercase` does it: ASCII, Russian,
    /// the other Cyrillic letters, a final sigma, letters that grow or
    /// shrink, and every character up to U+2FFF between ASCII letters.
    #[test]
    fn lower_text_is_to_lowercase() {
        for t in [
            "", "Trade ROSE to $2 Billion", "ТОВАРООБОРОТ Ёлки ёж Ѐ Ђ Џ Ѡ", "ΟΔΟΣ Σ ΣΑ", "İSTANBUL K Å Ω ẞ",
            "“Exports” — rose", "Aб", "\u{10400}x", "a\u{D0}\u{90}",
        ] {
            assert_eq!(lower_text(t), t.to_lowercase(), "{t:?}");
        }
        for c in (0..0x3000).filter_map(char::from_u32) {
            let t = format!("Ab{c}Яz{c}");
            assert_eq!(lower_text(&t), t.to_lowercase(), "{c:?}");
            // Aligned, each word's lower case is the same stretch of it.
            if let (lower, true) = lower_text_aligned(&t) {
                assert_eq!(words_lowered(&t, Some(&lower)), words(&t), "{c:?}");
            }
        }
        assert!(!lower_text_aligned("İSTANBUL").1);
        assert!(!lower_text_aligned("ΟΔΟΣ").1);
        assert!(lower_text_aligned("ТОВАРООБОРОТ Ёлки").1);
    }

    #[test]
    fn a_prefix_is_found_whatever_its_length_and_the_first_entry_wins() {
        // One-letter and longer prefixes, `_`, and a whole word, in one bucket.
        let lex = Lexicon::from_tsv("long\tтоварооборот* вырос\nshort\tт* _ _\nword\tтовар\nany\tт*\n");
        let tags = |t: &str| lex.find_in(t).into_iter().map(|m| m.tag).collect::<Vec<_>>();
        assert_eq!(tags("Товарооборота вырос"), ["long"]);
        assert_eq!(tags("товарооборот упал на"), ["short"]);
        assert_eq!(tags("товар"), ["word"]);
        assert_eq!(tags("ты"), ["any"]);
        assert!(tags("вырос").is_empty());
    }
}
