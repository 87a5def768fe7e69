//! Extract: article text and metadata in, claims out. Pure: no I/O, deterministic.
//!
//! The layers, each consuming the typed tokens of the ones below (Duckling-style):
//!
//! 1. [`sentence`]: body -> sentence spans;
//! 2. [`number`]: sentence -> numbers ("1 572", "244,819 млрд", "two billion");
//! 3. [`money`]: numbers -> amounts of money and percents;
//! 4. [`time`]: sentence -> periods, deadlines, comparison bases, stock markers;
//! 5. [`parties`]: sentence -> countries and blocs with their roles (to/from/in);
//! 6. [`cues`]: sentence -> indicator, kind, change, hedge, trap and pair cues;
//! 7. [`assemble`]: all of the above -> draft claims, one per amount at most, with
//!    [`pair`] settling `country` and `partner`.
//!
//! This module runs the layers sentence by sentence, carries the little state a
//! later sentence needs (the last period, the previous claim), resolves the
//! article's pair of parties from its title and lead, attaches ids and metadata,
//! and collapses repeats (same key, value within 0.5%). Lexicons are TSV files in
//! `lexicon/`, compiled in with `include_str!`: extending the extractor to a new
//! country, currency or phrasing is a data change.
//!
//! The language of each sentence is detected from its letters (not taken from
//! `Article::lang`), since Russian articles quote English names and vice versa;
//! it only decides what `,` and spaces mean inside numbers.
//!
//! Deliberately not done: claims from the title (metadata only), growth given as
//! "doubled" or "1.5 times", targets for growth rates ("aim to grow 20%"),
//! amounts below $100,000, ranges ("$5-6 billion" keeps only the upper bound),
//! and any guess at a period when the text and the previous sentences give none.

pub mod assemble;
pub mod cues;
pub mod lexicon;
pub mod money;
pub mod number;
pub mod pair;
pub mod parties;
pub mod period;
pub mod sentence;
pub mod time;
pub mod traps;

use crate::article::detect_lang;
use crate::claim::{claim_id, Code};
use crate::{Article, Claim, Indicator};
use assemble::{ArticleContext, Draft, SentenceTokens, State};
use number::Lang;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use std::cell::OnceCell;
use std::sync::{Arc, LazyLock};

/// A dateline at the start of an article: "BAKU, Feb. 25 - ", "BISHKEK - ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<city>\p{Lu}[\p{Lu}'’\-\. ]*\p{Lu})(?:\s*\([^)\n]{1,30}\))?(?:,[^-–—\n]{0,25})?\s+[-–—]\s+").expect("valid regex")
});

/// Words one of which every article with a claim holds.
///
/// A claim needs an indicator cue in the article (its own sentence's, or one
/// carried from an earlier sentence), except a goal for the pair named without
/// one ("bring the figure to $10 billion"), which is an amount of money and so
/// holds a currency form. An article with no indicator literal and no currency
/// form gives no claim, and is passed over after this one scan: most of a news
/// archive. Currency forms before a number are matched as written ("Rs" is
/// rupees, "rs" is the end of "years"), the rest in lower case, as the layers
/// match them. `None` when some literal is empty (the indicator lexicon has an
/// entry that is all `_`): every article is read.
///
/// The scan reads every byte of every article, so it is one Aho-Corasick DFA
/// that ignores the case of ASCII letters, over the text as it is: that finds
/// what the lower-case literals find in the lower-cased text whenever
/// lower-casing changes only ASCII letters, and each currency form found
/// is then held to how it is written. A text with other capitals (Russian)
/// is lower-cased first, and when that keeps every character's place the
/// same scan reads the lower case, holding the currency forms to the text
/// at the same place. Any other text is read by [`ClaimGate::lower`] and
/// [`ClaimGate::exact`], as are all texts when some currency form has
/// capitals outside ASCII (`folds` is false).
struct ClaimGate {
    folds: bool,
    folded: AhoCorasick,
    /// For each literal of `folded`: the ways it must be written, or none
    /// when any case will do (a lower-case literal).
    written: Vec<Vec<String>>,
    lower: AhoCorasick,
    exact: AhoCorasick,
}

static CLAIM_GATE: LazyLock<Option<ClaimGate>> = LazyLock::new(|| {
    let (pre, post) = money::currency_literals();
    let mut lower = cues::indicator_literals()?;
    lower.extend(post);
    if lower.iter().chain(&pre).any(String::is_empty) {
        return None;
    }
    let mut written: std::collections::BTreeMap<String, Vec<String>> =
        lower.iter().map(|l| (l.to_ascii_lowercase(), Vec::new())).collect();
    for form in &pre {
        let key = form.to_ascii_lowercase();
        if !written.get(&key).is_some_and(Vec::is_empty) {
            written.entry(key).or_default().push(form.clone());
        }
    }
    let dfa = |v: &mut dyn Iterator<Item = &String>, fold: bool| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(fold)
            .build(v)
            .expect("gate literals build a DFA")
    };
    let folds = pre.iter().all(|f| lexicon::lower_text(f) == f.to_ascii_lowercase());
    Some(ClaimGate {
        folds,
        folded: dfa(&mut written.keys(), true),
        written: written.into_values().collect(),
        lower: dfa(&mut lower.iter(), false),
        exact: dfa(&mut pre.iter(), false),
    })
});

/// Whether `text` may hold a claim ([`CLAIM_GATE`]).
pub fn may_hold_claims(text: &str) -> bool {
    may_hold_claims_lowering(text, &mut None)
}

/// [`may_hold_claims`], leaving in `lowered` the text's lower case and
/// whether it is aligned ([`lexicon::lower_text_aligned`]) when the gate
/// made it, or when it opens on a text whose lower case changes only ASCII
/// capitals (so that is plain), for the reading that follows.
fn may_hold_claims_lowering(text: &str, lowered: &mut Option<(String, bool)>) -> bool {
    let Some(gate) = CLAIM_GATE.as_ref() else { return true };
    // `hay` is `text` or its lower case, each character in the same place.
    let found = |hay: &str| {
        gate.folded.find_overlapping_iter(hay).any(|m| {
            let forms = &gate.written[m.pattern().as_usize()];
            forms.is_empty() || forms.iter().any(|f| f.as_str() == &text[m.range()])
        })
    };
    if gate.folds && lexicon::lowers_only_ascii(text) {
        // Lower-casing such a text changes only ASCII capitals, in place.
        let open = found(text);
        if open {
            *lowered = Some((text.to_ascii_lowercase(), true));
        }
        return open;
    }
    let (lower, aligned) = lowered.insert(lexicon::lower_text_aligned(text));
    if gate.folds && *aligned {
        return found(lower);
    }
    gate.exact.is_match(text) || gate.lower.is_match(lower.as_str())
}

/// The sentence gate: an Aho-Corasick DFA of [`cues::claim_literals`], which
/// reports every place each literal is found, and whether each is a whole
/// word; `None` when some literal is empty (every sentence is read).
static SENTENCE_GATE: LazyLock<Option<(aho_corasick::dfa::DFA, Vec<bool>)>> = LazyLock::new(|| {
    let literals = cues::claim_literals().filter(|v| !v.iter().any(|l| l.text.is_empty()))?;
    let dfa = literal_dfa(literals.iter().map(|l| &l.text));
    Some((dfa, literals.iter().map(|l| l.whole).collect()))
});

/// An Aho-Corasick DFA of `literals`, for [`each_literal`]: every place
/// each literal is found, and no prefilter (one would be called at each
/// return to the start state, which on a sentence full of literals costs
/// more than it skips).
fn literal_dfa<P: AsRef<[u8]>>(literals: impl IntoIterator<Item = P>) -> aho_corasick::dfa::DFA {
    aho_corasick::dfa::DFA::builder()
        .match_kind(aho_corasick::MatchKind::Standard)
        .prefilter(false)
        .build(literals)
        .expect("literals build a DFA")
}

/// Calls `each` with the pattern and span of every literal of `dfa` found
/// in `hay`, overlapping ones included, in the order of
/// `find_overlapping_iter` (by where they end, then as the automaton lists
/// them), until it returns `false`; whether it never did. One plain walk of
/// the automaton, where the iterator makes a call and saves its state for
/// each literal found, and the gates find many in a trade sentence (years,
/// month names, "year").
fn each_literal(dfa: &aho_corasick::dfa::DFA, hay: &str, mut each: impl FnMut(usize, std::ops::Range<usize>) -> bool) -> bool {
    use aho_corasick::Anchored;
    use aho_corasick::automaton::Automaton;
    let mut sid = dfa.start_state(Anchored::No).expect("an unanchored DFA");
    for (i, &b) in hay.as_bytes().iter().enumerate() {
        sid = dfa.next_state(Anchored::No, sid, b);
        if dfa.is_special(sid) && dfa.is_match(sid) {
            for k in 0..dfa.match_len(sid) {
                let p = dfa.match_pattern(sid, k);
                if !each(p.as_usize(), i + 1 - dfa.pattern_len(p)..i + 1) {
                    return false;
                }
            }
        }
    }
    true
}

/// Whether a sentence, given in lower case ([`lexicon::lower_text`]), may hold
/// an indicator, goal or forecast cue: some literal of [`SENTENCE_GATE`] in
/// it that does not run on from a letter or digit before it (or, for a whole
/// word, into one after it). Without one the sentence cannot make a claim on
/// its own, nor give the next sentence a topic.
///
/// Only ASCII and Russian letters and digits count as running on: no other
/// character lower-cases to one of them and is not itself part of a word, so
/// a literal that starts or ends a word of the text does so in its lower case
/// too.
fn may_lead(lower: &str) -> bool {
    let Some((dfa, whole)) = SENTENCE_GATE.as_ref() else { return true };
    let runs_on = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, 'а'..='я' | 'ё'));
    !each_literal(dfa, lower, |p, m| {
        let starts_word = !runs_on(lower[..m.start].chars().next_back());
        let ends_word = !runs_on(lower[m.end..].chars().next());
        !(starts_word && (ends_word || !whole[p]))
    })
}

/// How much of an article's title is read for its pair of parties: a title
/// is a line, and a longer one (a body pasted into the title field) is read up
/// to the last space before this many bytes.
pub const MAX_TITLE_BYTES: usize = 1024;

/// Amounts read in one sentence (or piece of an over-long one): prose names
/// a handful (our corpora at most five); a run of dozens is a table, and
/// only its first ones are read, so the work per sentence stays bounded.
pub const MAX_AMOUNTS: usize = 32;

/// The part of `title` that is read ([`MAX_TITLE_BYTES`]).
fn title_read(title: &str) -> &str {
    if title.len() <= MAX_TITLE_BYTES {
        return title;
    }
    let mut end = MAX_TITLE_BYTES;
    while !title.is_char_boundary(end) {
        end -= 1;
    }
    // No word is cut: a cut name could read as another ("Kazakh" of "Kazakhstan").
    let head = &title[..end];
    head.rfind(char::is_whitespace).map_or(head, |i| &head[..i])
}

/// Every numeric trade claim in the body of `article`, in text order.
pub fn extract_claims(article: &Article) -> Vec<Claim> {
    let mut lowered = None;
    if !may_hold_claims_lowering(&article.text, &mut lowered) {
        return Vec::new();
    }
    claims_with(article, true, lowered).0
}

/// [`extract_claims`] without the gate.
#[cfg(test)]
fn claims_of(article: &Article) -> Vec<Claim> {
    claims_with(article, true, None).0
}

/// [`extract_claims`] without the gate, with or without passing over the
/// sentences that [`assemble::may_claim`] rules out (a test holds both
/// equal), and the number passed over; given the text's lower case and
/// whether it is aligned, when already made.
fn claims_with(article: &Article, skip_idle: bool, lowered: Option<(String, bool)>) -> (Vec<Claim>, usize) {
    let mut idle = 0;
    let text = article.text.as_str();
    let sents = sentence::sentences(text);
    let mut ctx: Option<ArticleContext> = None;
    let mut state = State::default();
    let mut drafts: Vec<(Draft, usize, usize)> = Vec::new();
    // The previous sentence, when it had no figure (see below), its lower
    // case when that is the article's in place, and whether it may lead a
    // claim (`may_lead`).
    let mut figureless: Option<(&str, Option<&str>, bool)> = None;
    // The text lower-cased once: when that keeps every character's place,
    // each sentence's lower case is its stretch of it, and its words borrow
    // theirs from there, into one list kept from sentence to sentence.
    let (article_lower, article_aligned) = lowered.unwrap_or_else(|| lexicon::lower_text_aligned(text));
    // Room for the words of the longest sentence, at one in four bytes, so
    // that the list seldom grows.
    let mut ws = Vec::with_capacity(sents.iter().map(|s| s.end - s.start).max().unwrap_or(0) / 4 + 1);
    // A sentence's numbers, amounts, cues, parties, times and drafts: each
    // list is kept from sentence to sentence rather than made anew.
    let (mut nums, mut amounts, mut cues, mut parties) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut times, mut time_lists, mut commas) = (Vec::new(), time::TimeLists::default(), Vec::new());
    let mut sentence_drafts = Vec::new();
    for (n, s) in sents.iter().enumerate() {
        let stext = &text[s.start..s.end];
        let in_place = article_aligned.then(|| &article_lower[s.start..s.end]);
        let own_lower;
        let (lower, aligned) = match in_place {
            Some(lower) => (lower, true),
            None => {
                own_lower = lexicon::lower_text_aligned(stext);
                (own_lower.0.as_str(), own_lower.1)
            }
        };
        // Whether the sentence may lead a claim, found out once if asked.
        let leads = OnceCell::new();
        let may_lead = || *leads.get_or_init(|| may_lead(lower));
        // Nothing carried in, no topic from the sentence before, and no cue of
        // its own that could start a claim: the sentence gives no claim and
        // leaves nothing for the next, with or without figures (see below), so
        // its words and figures are not read. A sentence before it without
        // figures would have given a topic only through an indicator cue.
        if skip_idle
            && state.prev.is_none()
            && state.topic.is_none()
            && figureless.is_none_or(|(_, _, leads)| !leads)
            && !may_lead()
        {
            idle += 1;
            figureless = None;
            continue;
        }
        let lang = if detect_lang(stext) == "ru" {
            Lang::Ru
        } else {
            Lang::En
        };
        let skip = if n == 0 {
            DATELINE.find(stext).map_or(0, |m| m.end())
        } else {
            0
        };
        ws.clear();
        lexicon::words_into(&mut ws, stext, in_place);
        money::amounts_into(&mut amounts, &mut nums, stext, lang, &ws);
        amounts.truncate(MAX_AMOUNTS);
        if amounts.is_empty() {
            // No figure, no claim: the sentence can only tell the next one what
            // it spoke about, which needs its cues, and only if the next one has
            // a figure. So its words are looked at then, if ever.
            figureless = Some((stext, in_place, may_lead()));
            state.topic = None;
            state.prev = None;
            continue;
        }
        if let Some((prev, prev_lower, _)) = figureless.take() {
            assemble::figureless_sentence(&cues::cues(&lexicon::words_lowered(prev, prev_lower)), &mut state);
        }
        cues::cues_into(&mut cues, &ws);
        if skip_idle && !assemble::may_claim(&cues, &state) {
            idle += 1;
            // Figures with nothing to make a claim of them (prices, scores):
            // what the claim layer would conclude, without its times and parties.
            state.topic = None;
            state.prev = None;
            continue;
        }
        parties.clear();
        // Amounts do not overlap: the one a party may overlap is the first
        // that ends after the party starts.
        let overlaps_amount = |p: &parties::Party| {
            amounts.get(amounts.partition_point(|a| a.end <= p.start)).is_some_and(|a| a.start < p.end)
        };
        parties.extend(parties::each_party(&ws).filter(|p| p.start >= skip && !overlaps_amount(p)));
        commas.clear();
        commas.extend(memchr::memchr_iter(b',', stext.as_bytes()));
        time::time_exprs_into(&mut times, &mut time_lists, stext, lower, aligned, article.published);
        let tokens = SentenceTokens {
            text: stext,
            cues: &cues,
            words: &ws,
            times: &times,
            parties: &parties,
            amounts: &amounts,
            commas: &commas,
        };
        // The article's pair and focus, worked out at its first figure: an
        // article without one (most of a news archive) never needs them.
        let ctx = ctx.get_or_insert_with(|| article_context(article, &sents, article_aligned.then_some(article_lower.as_str())));
        assemble::sentence_claims(&mut sentence_drafts, &tokens, ctx, &mut state);
        drafts.extend(sentence_drafts.drain(..).map(|d| (d, s.start, s.end)));
    }
    let mut out: Vec<Claim> = Vec::new();
    // The article's id and source, made at its first claim for all its
    // claims to share.
    let mut shared: Option<(Arc<str>, Arc<str>)> = None;
    let mut kept = Kept::default();
    for (d, ss, se) in drafts {
        if !kept.insert(&d) {
            continue; // GOLD-FORMAT: a repeat is not a new claim
        }
        let (start, end) = ((ss + d.start) as u32, (ss + d.end) as u32);
        let (id, source) = shared.get_or_insert_with(|| (Arc::from(article.id.as_str()), Arc::from(article.source.as_str())));
        out.push(Claim {
            claim_id: claim_id(&article.id, start, end),
            article_id: Arc::clone(id),
            published: article.published,
            source: Arc::clone(source),
            indicator: d.indicator,
            country: d.country.into(),
            partner: d.partner.map(Code::Borrowed),
            kind: d.kind,
            measure: d.measure,
            value: d.value,
            unit: d.unit.into(),
            period: d.period.map(String::from),
            deadline: d.deadline.map(String::from),
            approx: d.approx,
            evidence: evidence(text, ss..se, ss + d.start..ss + d.end),
            span_start: start,
            span_end: end,
        });
    }
    (out, idle)
}

/// The longest sentence that is a claim's evidence whole; the evidence of a
/// claim in a longer one is its amount with up to [`EVIDENCE_CONTEXT_BYTES`]
/// of the sentence either side ([`evidence`]). The longest sentence with a
/// claim in the fixtures has about 500 bytes.
pub const EVIDENCE_SENTENCE_BYTES: usize = 600;

/// How much of a long sentence either side of the amount is its evidence.
pub const EVIDENCE_CONTEXT_BYTES: usize = 300;

/// The evidence of the claim of the amount at `amount` in the sentence at
/// `sentence` of `text`: the sentence when short, else the amount and up to
/// [`EVIDENCE_CONTEXT_BYTES`] either side, cut after a space and before one
/// (at a character when the window has none), "…" marking each cut. A
/// bounded copy per claim, where a table flattened into one long line would
/// copy the whole line for each of its figures.
fn evidence(text: &str, sentence: std::ops::Range<usize>, amount: std::ops::Range<usize>) -> String {
    let whole = text[sentence.clone()].trim();
    if whole.len() <= EVIDENCE_SENTENCE_BYTES {
        return whole.to_string();
    }
    let mut lo = amount.start.saturating_sub(EVIDENCE_CONTEXT_BYTES).max(sentence.start);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    if lo > sentence.start
        && let Some(i) = text[lo..amount.start].find(char::is_whitespace)
    {
        lo += i;
    }
    let mut hi = (amount.end + EVIDENCE_CONTEXT_BYTES).min(sentence.end);
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    if hi < sentence.end
        && let Some(i) = text[amount.end..hi].rfind(char::is_whitespace)
    {
        hi = amount.end + i;
    }
    let window = text[lo..hi].trim();
    let mut out = String::with_capacity(window.len() + 8);
    if lo > sentence.start {
        out.push_str("… ");
    }
    out.push_str(window);
    if hi < sentence.end {
        out.push_str(" …");
    }
    out
}

/// The claims kept so far of an article, by key (turnover pairs unordered),
/// each key with its values in order: a new claim repeats one kept (same key,
/// value within 0.5%) when it repeats the nearest value either side of its
/// own, since the nearer a value, the nearer within the 0.5% it is. One look
/// per claim, where a list of the kept claims would be read for each.
#[derive(Default)]
struct Kept {
    /// The first few kept, read one by one: most articles have no more.
    few: Vec<(ClaimKey, f64)>,
    /// All kept once there are more than [`FEW_KEPT`].
    values: rustc_hash::FxHashMap<ClaimKey, std::collections::BTreeSet<OrderedValue>>,
}

/// How many claims [`Kept`] reads one by one before it sorts them by key.
const FEW_KEPT: usize = 16;

/// What two claims must share to be one: indicator, pair, kind, measure,
/// unit, period and deadline.
type ClaimKey = (Indicator, (&'static str, &'static str), crate::ClaimKind, crate::Measure, &'static str, Option<time::Label>, Option<time::Label>);

/// A value in a set of [`Kept`], ordered by [`f64::total_cmp`].
#[derive(Clone, Copy)]
struct OrderedValue(f64);

impl Ord for OrderedValue {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl PartialOrd for OrderedValue {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for OrderedValue {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for OrderedValue {}

impl Kept {
    /// Keeps `d` and says so, unless it repeats a claim kept before.
    fn insert(&mut self, d: &Draft) -> bool {
        let (a, b) = (d.country, d.partner.unwrap_or(""));
        let pair = if d.indicator == Indicator::TradeTurnover && b < a { (b, a) } else { (a, b) };
        let key = (d.indicator, pair, d.kind, d.measure, d.unit, d.period.clone(), d.deadline.clone());
        if self.values.is_empty() {
            if self.few.iter().any(|(k, v)| *k == key && within(*v, d.value)) {
                return false;
            }
            if self.few.len() < FEW_KEPT {
                self.few.push((key, d.value));
                return true;
            }
            for (k, v) in self.few.drain(..) {
                self.values.entry(k).or_default().insert(OrderedValue(v));
            }
        }
        let values = self.values.entry(key).or_default();
        let v = OrderedValue(d.value);
        let below = values.range(..=v).next_back();
        let above = values.range(v..).next();
        if below.into_iter().chain(above).any(|c| within(c.0, d.value)) {
            return false;
        }
        values.insert(v);
        true
    }
}

/// Two values within 0.5% of the larger.
fn within(c: f64, d: f64) -> bool {
    (c - d).abs() <= 0.005 * c.abs().max(d.abs())
}

/// The article's pair (title first, then the lead) and its focus party (the
/// dateline's country when it is one of the pair, else the most mentioned),
/// given the article's lower case when it is in place.
fn article_context<'a>(article: &'a Article, sents: &[sentence::Sentence], lower: Option<&'a str>) -> ArticleContext<'a> {
    let text = article.text.as_str();
    let mut pair = parties::distinct(&parties::parties(title_read(&article.title)));
    let lead_end = sents
        .iter()
        .take_while(|s| s.paragraph == 0)
        .map(|s| s.end)
        .last()
        .unwrap_or(0);
    let dateline = DATELINE.captures(text);
    let skip = dateline
        .as_ref()
        .and_then(|c| c.get(0))
        .map_or(0, |m| m.end());
    if pair.len() < 2 {
        // The lead's words borrow their lower case from the article's, when
        // that is in place (`lower`).
        let lead = skip..lead_end.max(skip);
        for code in parties::distinct(&parties::parties_lowered(&text[lead.clone()], lower.map(|l| &l[lead.clone()]))) {
            if pair.len() < 2 && !pair.contains(&code) {
                pair.push(code);
            }
        }
    }
    pair.truncate(2);
    let dateline_party = dateline
        .and_then(|c| {
            c.name("city")
                .map(|m| parties::distinct(&parties::parties(m.as_str())))
        })
        .and_then(|v| v.into_iter().next());
    // The most mentioned of the pair, counted over the whole text only when
    // the dateline does not settle it, there are two to choose from, and a
    // claim asks for it.
    let focus = match dateline_party.filter(|d| pair.contains(d)) {
        Some(d) => OnceCell::from(Some(d)),
        None if pair.len() < 2 => OnceCell::from(pair.first().cloned()),
        None => OnceCell::new(),
    };
    ArticleContext::new(pair, focus, &text[skip..], lower.map(|l| &l[skip..]))
}

/// The articles of the three scored corpora in `tests/fixtures` (dev, dev2,
/// holdout), for tests that read real text.
#[cfg(test)]
fn corpus_articles() -> Vec<Article> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dirs: Vec<std::path::PathBuf> = ["dev", "dev2", "holdout"].iter().map(|c| root.join(c).join("articles")).collect();
    crate::ingest::read_inputs(&dirs).articles
}

/// The text of every sentence of [`corpus_articles`].
#[cfg(test)]
fn corpus_sentences() -> Vec<String> {
    corpus_articles()
        .iter()
        .flat_map(|a| sentence::sentences(&a.text).into_iter().map(|s| a.text[s.start..s.end].to_string()))
        .collect()
}

/// `count` strings of `len` characters drawn from `alphabet` by a fixed
/// generator (xorshift), so a failing one can be replayed: for tests that
/// hold a hand-written scanner equal to the regex it stands for.
#[cfg(test)]
pub(crate) fn generated_strings(alphabet: &str, seed: u64, count: usize, len: usize) -> Vec<String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let mut state = seed;
    (0..count)
        .map(|_| {
            (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect()
        })
        .collect()
}

/// `count` texts, each made of `len` pieces, the `i`th drawn from
/// `slots[i % slots.len()]` by the same fixed generator as
/// [`generated_strings`]: phrases of the shapes a scanner must read (a lead,
/// a name, a year, a tail and what goes between), for tests that hold a
/// hand-written scanner equal to the regex it stands for.
#[cfg(test)]
fn generated_phrases(slots: &[&[&str]], seed: u64, count: usize, len: usize) -> Vec<String> {
    let alphabet: String = (0..1024).map(|i| char::from_u32(0x4E00 + i).expect("a CJK character")).collect();
    generated_strings(&alphabet, seed, count, len)
        .into_iter()
        .map(|s| {
            s.chars()
                .enumerate()
                .map(|(i, c)| {
                    let slot = slots[i % slots.len()];
                    slot[(c as u32 - 0x4E00) as usize % slot.len()]
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_gate;
#[cfg(test)]
mod tests_general;
#[cfg(test)]
mod tests_hostile;
