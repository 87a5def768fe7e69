//! Layer 3, amounts: [`Number`] tokens in, [`Amount`]s (money or percent) out.
//!
//! ```text
//! money   = pre-currency [" "] number [same post-currency]   "$2 billion", "US$680 million", "c $ 300 million", "USD 1,340 million"
//!         | number [" " | "-"] post-currency [scale]        "15 bln USD", "2 млрд долларов (США)", "75 usd million", "one-yen"
//!         | number post-currency dd                         "15 dollars 50" is 15.50 (an unscaled price only)
//!         | scaled-number                                   "then to 10 billion" in a sentence with other USD amounts
//! percent = number ("%" | percent[s] | percentage | per cent | pct | процент*)   "11.6%", "11.6 per cent", "на 11,6%"
//!         | (percent | per cent) of number                  "per cent of 210"
//! ```
//!
//! Currencies come from `lexicon/currencies.tsv`: symbols, ISO codes and names in
//! English and Russian, some with a multiplier ("MUSD" is a million dollars).
//! ISO codes are matched as written (upper case, or a lower-case line of the
//! lexicon), so "ALL 5 solutions" or "try 5" are no money. A bare number with a
//! scale word takes the currency of the other amounts of its sentence ("first to
//! $5 billion and then to 10 billion") unless a noun follows it ("5.6 billion
//! kilowatt-hours"). "8 per cent" is a percent, never cents. Percentage points
//! ("10 percentage points", "п.п.") are no amount at all. Whether a percent is a
//! growth rate is decided by the claim layer.

use super::number::{Lang, Number, lower_starts_with, scale_after};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// What an amount is counted in.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// ISO 4217 code.
    Currency(&'static str),
    Percent,
}

/// An amount of money or a percent, with the byte span of the whole phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub unit: Unit,
}

impl Amount {
    /// The unit as written in the claims table: an ISO code or `%`.
    pub fn unit_str(&self) -> &'static str {
        match self.unit {
            Unit::Currency(c) => c,
            Unit::Percent => "%",
        }
    }
}

/// A currency form: how it is written, its ISO code, a multiplier, and
/// whether it starts with a letter (a name, not a symbol).
struct Form {
    form: String,
    code: &'static str,
    mult: f64,
    word: bool,
}

impl Form {
    fn new(form: String, code: &'static str, mult: f64) -> Form {
        let word = form.chars().next().is_some_and(char::is_alphabetic);
        Form { form, code, mult, word }
    }
}

struct Currencies {
    /// Longest form first.
    pre: Vec<Form>,
    post: Vec<Form>,
}

static CURRENCIES: LazyLock<Currencies> = LazyLock::new(|| {
    let mut pre = Vec::new();
    let mut post = Vec::new();
    for line in super::lexicon::tsv_lines(include_str!("lexicon/currencies.tsv")) {
        let cols: Vec<&'static str> = line.split('\t').collect();
        let (code, pos, form, mult) = match cols[..] {
            [code, pos, form] => (code, pos, form, 1.0),
            [code, pos, form, mult] => (code, pos, form, mult.parse().unwrap_or(1.0)),
            _ => continue,
        };
        if pos == "pre" {
            // "HK$" is also written "HK $", "hk$" and "hk $" (tokenised text). Not
            // one letter: "a $5 billion deal", "music's $ 500 million man".
            let mut forms = vec![form.to_string()];
            if let Some(letters) = form.strip_suffix('$').filter(|l| l.chars().count() > 1) {
                forms.push(format!("{letters} $"));
                forms.push(form.to_lowercase());
                forms.push(format!("{} $", letters.to_lowercase()));
            }
            forms.dedup();
            pre.extend(forms.into_iter().map(|form| Form::new(form, code, mult)));
        } else {
            post.push(Form::new(form.to_lowercase(), code, mult));
        }
    }
    pre.sort_by_key(|e| std::cmp::Reverse(e.form.len()));
    post.sort_by_key(|e| std::cmp::Reverse(e.form.len()));
    Currencies { pre, post }
});

/// The post forms by the first char of their first letter's lower case, in
/// `CURRENCIES.post` order. A form whose first letter differs from the text's
/// (case aside, [`same_letter`]) cannot match there, so `post_form` looks only
/// at this bucket; `starts_with_word` checks the letter in full.
static POST_BY_FIRST: LazyLock<FxHashMap<char, Vec<usize>>> = LazyLock::new(|| {
    let mut index: FxHashMap<char, Vec<usize>> = FxHashMap::default();
    for (i, f) in CURRENCIES.post.iter().enumerate() {
        if let Some(c) = f.form.chars().next() {
            index.entry(super::lexicon::lower_first(c)).or_default().push(i);
        }
    }
    index
});

/// The pre forms by their last character, in `CURRENCIES.pre` order: a form
/// can end the text before a number only if that is the text's last character.
static PRE_BY_LAST: LazyLock<FxHashMap<char, Vec<usize>>> = LazyLock::new(|| {
    let mut index: FxHashMap<char, Vec<usize>> = FxHashMap::default();
    for (i, f) in CURRENCIES.pre.iter().enumerate() {
        if let Some(c) = f.form.chars().next_back() {
            index.entry(c).or_default().push(i);
        }
    }
    index
});

/// Every currency form, as (forms written before the number, matched as
/// they are; forms written after it, lower-cased and matched in lower-cased
/// text): an amount of money holds one of them.
pub fn currency_literals() -> (Vec<String>, Vec<String>) {
    let forms = |v: &[Form]| v.iter().map(|f| f.form.clone()).collect();
    (forms(&CURRENCIES.pre), forms(&CURRENCIES.post))
}

/// Percent signs and words; matched like post currencies.
const PERCENT: &[&str] = &[
    "%",
    "percentage",
    "percents",
    "percent",
    "per cent",
    "pct",
    "процентов",
    "процента",
    "процент",
];
/// The first letters of [`PERCENT`], each once.
const PERCENT_FIRST: &[char] = &['%', 'p', 'п'];
/// Percent words that may come before their number: "per cent of 210".
const PERCENT_OF: &[&str] = &["percents", "percent", "per cent"];
/// Words after a percent that make it a difference of rates, not a rate.
const POINTS: &[&str] = &[
    "percentage point",
    "п.п",
    "процентных пункт",
    "процентного пункт",
    "базисных пункт",
];
/// Words that may follow a bare scaled number that still counts as money.
const BARE_FOLLOWERS: &[&str] = &[
    "in", "by", "and", "or", "to", "this", "last", "next", "a", "per", "for", "until", "в", "к",
    "до", "и", "за",
];

/// A currency found next to a number.
#[derive(Clone, Copy)]
struct Cur {
    code: &'static str,
    /// Start (pre forms) or end (post forms) of the whole phrase.
    edge: usize,
    mult: f64,
    /// A name or code rather than a symbol: "15 dollars 50" may follow.
    word: bool,
}

/// Every money amount and percent in `text`, in order.
pub fn amounts(text: &str, lang: Lang) -> Vec<Amount> {
    let mut out = Vec::new();
    amounts_into(&mut out, &mut Vec::new(), text, lang, &super::lexicon::words(text));
    out
}

/// [`amounts`], given the words of `text`, written into `out` (cleared
/// first), with `nums` for the numbers of `text`: lists kept from sentence
/// to sentence.
pub fn amounts_into(out: &mut Vec<Amount>, nums: &mut Vec<Number>, text: &str, lang: Lang, ws: &[super::lexicon::Word]) {
    super::number::numbers_into(nums, text, lang, ws);
    let nums = &nums[..];
    out.clear();
    let mut bare: Vec<Number> = Vec::new();
    let mut i = 0;
    while i < nums.len() {
        let n = nums[i];
        i += 1;
        // A currency belongs to one amount: "10 rmb 20 usd", "50 dollar 50 dollar".
        let floor = out.last().map_or(0, |a| a.end);
        if n.start < floor {
            continue;
        }
        let money = |start, end, value, code| Amount { start, end, value, unit: Unit::Currency(code) };
        let post = post_form(text, n.end);
        if let Some(pre) = pre_currency(text, n.start).filter(|c| c.edge >= floor) {
            // "$2 billion dollars" is still one amount.
            let end = post.filter(|p| p.word && p.code == pre.code).map_or(n.end, |p| p.edge);
            out.push(money(pre.edge, end, n.value * pre.mult, pre.code));
        } else if let Some(p) = post {
            let (mut value, mut end) = (n.value * p.mult, p.edge);
            // "75 USD million": the scale after the code.
            if n.scale == 1.0 && p.mult == 1.0 {
                let (s, e) = scale_after(text, end);
                (value, end) = (value * s, e);
            }
            // "15 dollars 50": an unscaled price with its cents.
            if let Some(c) = nums.get(i).filter(|c| p.word && n.scale == 1.0 && is_cents(text, end, c)) {
                value += c.value / 100.0;
                end = c.end;
                i += 1;
            }
            out.push(money(n.start, end, value, p.code));
        } else if let Some(end) = percent_after(text, n.end) {
            out.push(Amount { start: n.start, end, value: n.value, unit: Unit::Percent });
        } else if let Some(start) = percent_before(text, n.start).filter(|s| *s >= floor) {
            out.push(Amount { start, end: n.end, value: n.value, unit: Unit::Percent });
        } else if n.scale >= 1e6 {
            bare.push(n);
        }
    }
    // Bare scaled numbers in a sentence that speaks of one currency.
    for n in bare {
        let next_word: String = text[n.end..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if !next_word.is_empty() && !BARE_FOLLOWERS.contains(&next_word.to_lowercase().as_str()) {
            continue;
        }
        let nearest = out
            .iter()
            .filter(|a| a.unit != Unit::Percent)
            .min_by_key(|a| a.start.abs_diff(n.start));
        if let Some(Unit::Currency(code)) = nearest.map(|a| a.unit.clone()) {
            out.push(Amount {
                start: n.start,
                end: n.end,
                value: n.value,
                unit: Unit::Currency(code),
            });
        }
    }
    // A figure past the range of a double (a run of 320 digits) is no amount:
    // a claim's value is always a finite number.
    out.retain(|a| a.value.is_finite());
    out.sort_by_key(|a| a.start);
}

/// True when `c`, after a currency name ending at `end`, is the cents of a price:
/// two digits or a number word below 100, with no unit of its own after it.
fn is_cents(text: &str, end: usize, c: &Number) -> bool {
    let gap = &text[end..c.start.max(end)];
    let t = &text[c.start..c.end];
    let two_digits = t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
    let in_words = t.chars().all(|ch| ch.is_alphabetic() || ch == '-' || ch.is_whitespace());
    !gap.is_empty()
        && gap.trim().is_empty()
        && (two_digits || in_words)
        && c.scale == 1.0
        && c.value.fract() == 0.0
        && (1.0..100.0).contains(&c.value)
        && post_form(text, c.end).is_none()
        && percent_after(text, c.end).is_none()
}

/// The currency written just before `pos` ("$", "US$ ", "USD ", "c $ ").
fn pre_currency(text: &str, pos: usize) -> Option<Cur> {
    let before = &text[..pos];
    let trimmed = before.strip_suffix([' ', '\u{00A0}']).unwrap_or(before);
    for f in PRE_BY_LAST.get(&trimmed.chars().next_back()?)?.iter().map(|&i| &CURRENCIES.pre[i]) {
        if let Some(head) = strip_suffix_by_byte(trimmed, &f.form) {
            if f.word && head.chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            // "US$" must not be read as "$" with a stray "US" in front.
            return Some(Cur { code: f.code, edge: head.len(), mult: f.mult, word: f.word });
        }
    }
    None
}

/// `text` without `suffix` at its end, as `str::strip_suffix` gives it,
/// compared byte by byte from the end: the forms of a bucket of
/// [`PRE_BY_LAST`] share their last character and most differ in the one
/// before, where a call to compare whole forms would cost more than the
/// comparison (a "$" bucket holds dozens of forms, tried before every "$5").
fn strip_suffix_by_byte<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let (t, s) = (text.as_bytes(), suffix.as_bytes());
    let head = t.len().checked_sub(s.len())?;
    // Equal bytes from a character's start in `suffix` end `text` at the
    // start of a character too.
    t[head..].iter().rev().eq(s.iter().rev()).then(|| &text[..head])
}

/// The spaces that may stand between a number and its currency or percent,
/// as UTF-8.
pub(super) const GAP: [&[u8]; 3] = [b" ", "\u{00A0}".as_bytes(), "\u{202F}".as_bytes()];

/// A post form (currency) right after `pos`.
fn post_form(text: &str, pos: usize) -> Option<Cur> {
    let rest = &text[pos..];
    let mut gap = super::number::spaces_len(rest.as_bytes(), &GAP);
    if gap > 1 && !rest[..gap].contains('\u{00A0}') {
        return None;
    }
    // "one-yen bid": a hyphen joins a currency name, not a symbol.
    let hyphen = gap == 0 && rest.starts_with('-');
    if hyphen {
        gap = 1;
    }
    let tail = &rest[gap..];
    // Only the forms that start with the tail's first letter can match.
    let first = super::lexicon::lower_first(tail.chars().next()?);
    for f in POST_BY_FIRST.get(&first)?.iter().map(|&i| &CURRENCIES.post[i]) {
        let word = f.word;
        if hyphen && !word {
            continue;
        }
        if let Some(len) = starts_with_word(tail, &f.form) {
            // "1 $10": a symbol glued to digits belongs to them.
            if !word && tail[len..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            // "долларов (США)": take the bracketed country along.
            let mut end = pos + gap + len;
            let after = &text[end..];
            if let Some(r) = after.strip_prefix(" (США)") {
                end = text.len() - r.len();
            }
            return Some(Cur { code: f.code, edge: end, mult: f.mult, word });
        }
    }
    None
}

/// The end of a percent sign or word right after `pos`, unless it is "percentage points".
fn percent_after(text: &str, pos: usize) -> Option<usize> {
    let rest = &text[pos..];
    let gap = super::number::spaces_len(rest.as_bytes(), &GAP);
    if gap > 1 {
        return None;
    }
    let tail = &rest[gap..];
    // After most numbers comes no letter a percent form starts with.
    let first = tail.chars().next()?;
    if !PERCENT_FIRST.iter().any(|&f| same_letter(first, f)) {
        return None;
    }
    if POINTS.iter().any(|p| lower_starts_with(tail, p)) {
        return None;
    }
    for p in PERCENT {
        if let Some(len) = starts_with_word(tail, p) {
            let after = tail[len..].trim_start();
            if POINTS.iter().chain(&["пункт", "point"]).any(|p| lower_starts_with(after, p)) {
                return None;
            }
            return Some(pos + gap + len);
        }
    }
    None
}

/// The start of "percent of" / "per cent of" right before `pos` ("per cent of 210").
fn percent_before(text: &str, pos: usize) -> Option<usize> {
    let head = text[..pos].trim_end();
    let head = head.strip_suffix("of").filter(|h| h.ends_with(char::is_whitespace))?.trim_end();
    PERCENT_OF.iter().find_map(|p| {
        let start = head.len().checked_sub(p.len())?;
        let word = head.get(start..)?;
        let boundary = !head[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        (word.eq_ignore_ascii_case(p) && boundary).then_some(start)
    })
}

/// Whether `c` is the letter `f`, case aside.
fn same_letter(c: char, f: char) -> bool {
    // ASCII and Cyrillic without the Unicode tables.
    if let (Some(c), Some(f)) = (super::lexicon::simple_lower(c), super::lexicon::simple_lower(f)) {
        return c == f;
    }
    c == f || c.to_lowercase().eq(f.to_lowercase())
}

/// Byte length of `form` (in lower case) at the start of `tail`
/// (case-insensitive), when it ends a word.
fn starts_with_word(tail: &str, form: &str) -> Option<usize> {
    // Most forms and tails are ASCII, where the letters below come to ASCII
    // case folding.
    match super::number::ascii_lower_prefix(tail.as_bytes(), form.as_bytes()) {
        Some(false) => return None,
        None => return starts_with_word_by_char(tail, form),
        Some(true) => {}
    }
    let len = form.len();
    let ends_alpha = form.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric);
    if ends_alpha && tail[len..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(len)
}

/// [`starts_with_word`] char by char, no allocation: this runs for every
/// form after every number whose text is not ASCII.
fn starts_with_word_by_char(tail: &str, form: &str) -> Option<usize> {
    let mut chars = tail.chars();
    let mut len = 0;
    for f in form.chars() {
        let c = chars.next()?;
        if !same_letter(c, f) {
            return None;
        }
        len += c.len_utf8();
    }
    let next = tail[len..].chars().next();
    let ends_alpha = form.chars().next_back().is_some_and(char::is_alphanumeric);
    if ends_alpha && next.is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_first_letters_are_the_forms_first_letters() {
        let firsts: std::collections::BTreeSet<char> = PERCENT.iter().filter_map(|p| p.chars().next()).collect();
        assert_eq!(firsts, PERCENT_FIRST.iter().copied().collect());
        assert_eq!(firsts.len(), PERCENT_FIRST.len());
    }

    /// The fast paths of [`same_letter`] answer as comparing lower cases
    /// does, for every character below U+3000 against every ASCII and
    /// Cyrillic one.
    #[test]
    fn same_letter_is_lower_case_equality() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            for f in (0..0x80).chain(0x400..0x460).filter_map(char::from_u32) {
                assert_eq!(same_letter(c, f), c == f || c.to_lowercase().eq(f.to_lowercase()), "{c:?} {f:?}");
                assert_eq!(same_letter(f, c), f == c || f.to_lowercase().eq(c.to_lowercase()), "{f:?} {c:?}");
            }
        }
    }

    /// [`starts_with_word`] reads ASCII byte by byte as it reads any text
    /// char by char: for every post and percent form, before generated tails
    /// of letters in both cases, digits, Cyrillic, the Kelvin sign (a capital
    /// K) and the dotted capital I. The forms are in lower case, as the byte
    /// reading takes them.
    #[test]
    fn starts_with_word_bytes_are_its_chars() {
        let forms: Vec<&str> = CURRENCIES.post.iter().map(|f| f.form.as_str()).chain(PERCENT.iter().copied()).collect();
        assert!(forms.iter().all(|f| f.to_lowercase() == *f), "forms are in lower case");
        let tails = crate::extract::generated_strings("bdklnoprstuBDKLNOPRSTUyY1 .-\u{212A}İдДс%$€", 0x91F2_4C7A_0E3B_D658, 3_000, 6);
        let mut found = 0;
        for form in &forms {
            // Each form's own letters, in both cases and with its k written
            // as the Kelvin sign (which lower-cases to k), then a tail.
            let kelvin = form.replace(['k', 'K'], "\u{212A}");
            let cased = [form.to_string(), form.to_uppercase(), kelvin];
            for (i, tail) in tails.iter().enumerate() {
                let text = format!("{}{tail}", cased[i % 3]);
                for t in [text.as_str(), tail.as_str()] {
                    let want = starts_with_word_by_char(t, form);
                    assert_eq!(starts_with_word(t, form), want, "{t:?} {form:?}");
                    found += usize::from(want.is_some());
                }
            }
        }
        assert!(found > 50_000, "{found} forms found");
    }

    /// `pre_currency` as a plain scan of every pre form, without the index.
    fn pre_currency_scan(text: &str, pos: usize) -> Option<(&'static str, usize)> {
        let before = &text[..pos];
        let trimmed = before.strip_suffix([' ', '\u{00A0}']).unwrap_or(before);
        for f in &CURRENCIES.pre {
            if let Some(head) = trimmed.strip_suffix(f.form.as_str()) {
                let alpha_form = f.form.chars().next().is_some_and(char::is_alphabetic);
                if alpha_form && head.chars().next_back().is_some_and(char::is_alphanumeric) {
                    continue;
                }
                return Some((f.code, head.len()));
            }
        }
        None
    }

    /// [`strip_suffix_by_byte`] is `str::strip_suffix`: for every pre form
    /// after generated texts of its letters, dollar signs, spaces, other
    /// scripts and letters of several bytes.
    #[test]
    fn strip_suffix_by_byte_is_strip_suffix() {
        let texts = crate::extract::generated_strings("$US AHKhkус€£¥₸ $é", 0x4D1A_86F3_B2C0_597E, 4_000, 5);
        let mut stripped = 0;
        for f in &CURRENCIES.pre {
            for t in &texts {
                for text in [t.clone(), format!("{t}{}", f.form)] {
                    let want = text.strip_suffix(f.form.as_str());
                    assert_eq!(strip_suffix_by_byte(&text, &f.form), want, "{text:?} {:?}", f.form);
                    stripped += usize::from(want.is_some());
                }
            }
        }
        assert!(stripped > 250_000, "{stripped} forms stripped");
    }

    #[test]
    fn the_pre_form_index_finds_what_a_scan_finds() {
        assert!(CURRENCIES.pre.iter().all(|f| !f.form.is_empty()));
        for f in &CURRENCIES.pre {
            for text in [format!("{} 5", f.form), format!("trade of {}5", f.form), format!("US{}\u{00A0}5", f.form), format!("x{} 5", f.form)] {
                let pos = text.len() - 1;
                let indexed = pre_currency(&text, pos).map(|c| (c.code, c.edge));
                assert_eq!(indexed, pre_currency_scan(&text, pos), "{text:?}");
            }
        }
    }

    fn money_value(t: &str) -> Option<(f64, &'static str)> {
        let lang = if crate::article::detect_lang(t) == "ru" {
            Lang::Ru
        } else {
            Lang::En
        };
        match amounts(t, lang).as_slice() {
            [a] if a.unit != Unit::Percent => Some((a.value, a.unit_str())),
            _ => None,
        }
    }

    #[test]
    fn two_billion_dollars_many_ways() {
        for t in [
            "$2 billion",
            "2 billion US dollars",
            "USD 2bn",
            "US$2,000 million",
            "$ 2 billion",
            "2 млрд долларов",
            "2 млрд долларов США",
            "2 млрд долларов (США)",
            "$2bn",
            "2 bln USD",
            "2,000 million dollars",
            "2 миллиарда долларов",
            "$2 млрд",
            "USD2bn",
            "2bnUSD",
            "2 billion us dollar",
        ] {
            assert_eq!(money_value(t), Some((2e9, "USD")), "{t}");
        }
    }

    #[test]
    fn other_currencies() {
        assert_eq!(
            money_value("EUR 423.43 million"),
            Some((423_430_000.0, "EUR"))
        );
        assert_eq!(money_value("4.61 billion euros"), Some((4.61e9, "EUR")));
        assert_eq!(money_value("1.28 trillion yuan"), Some((1.28e12, "CNY")));
        assert_eq!(money_value("1.229 trillion soms"), Some((1.229e12, "KGS")));
        assert_eq!(
            money_value("150 млрд белорусских рублей"),
            Some((150e9, "BYN"))
        );
        assert_eq!(
            money_value("4 трлн 200 млрд российских рублей"),
            Some((4.2e12, "RUB"))
        );
        assert_eq!(money_value("3,25 трлн рублей"), Some((3.25e12, "RUB")));
        assert_eq!(money_value("₸500 billion"), Some((500e9, "KZT")));
        assert_eq!(
            money_value("693,988 thousand US dollars"),
            Some((693_988_000.0, "USD"))
        );
    }

    #[test]
    fn not_money() {
        for t in [
            "2 billion people",
            "No. 10484-AA",
            "since 2010",
            "8 per cent",
            "5.6 billion kilowatt-hours",
            "3 млн тонн",
            "USDA 5 reports",
        ] {
            assert_eq!(money_value(t), None, "{t}");
        }
    }

    #[test]
    fn percents_but_not_points() {
        for t in [
            "11.6%",
            "11.6 percent",
            "11.6 per cent",
            "11,6%",
            "11,6 процента",
        ] {
            let a = amounts(t, if t.contains(',') { Lang::Ru } else { Lang::En });
            assert_eq!(
                (a.len(), a[0].value, a[0].unit_str()),
                (1, 11.6, "%"),
                "{t}"
            );
        }
        for t in [
            "10 percentage points",
            "2 п.п.",
            "3 процентных пункта",
            "5 per cent points",
        ] {
            assert!(
                amounts(t, Lang::En).is_empty() && amounts(t, Lang::Ru).is_empty(),
                "{t}"
            );
        }
    }

    #[test]
    fn bare_amount_in_dollar_context() {
        let a = amounts(
            "lift trade first to $5 billion and then to 10 billion.",
            Lang::En,
        );
        assert_eq!(
            a.iter()
                .map(|a| (a.value, a.unit_str()))
                .collect::<Vec<_>>(),
            [(5e9, "USD"), (10e9, "USD")]
        );
    }

    #[test]
    fn more_ways_to_write_two_billion_dollars() {
        for t in [
            "US$ 2 billion",
            "us $ 2 billion",
            "U.S. $2 billion",
            "USD$ 2 billion",
            "USD 2,000 million",
            "usd 2 bln",
            "2 billion USD",
            "2 USD billion",
            "2,000 usd million",
            "2000 MUSD",
            "$ 2 000 million",
            "two billion dollars",
            "two billion US dollars",
            "2 млрд долл. США",
            "$2 млрд",
        ] {
            assert_eq!(money_value(t), Some((2e9, "USD")), "{t}");
        }
    }

    #[test]
    fn currencies_of_our_region_and_beyond() {
        for (t, v, code) in [
            ("Rs 10,000 crore", 1e11, "INR"),
            ("₹1.2 lakh crore", 1.2e12, "INR"),
            ("35 lakh rupees", 3.5e6, "INR"),
            ("HK$ 10.05 billion", 10.05e9, "HKD"),
            ("c $ 300 million", 300e6, "CAD"),
            ("125 million Australian dollars", 125e6, "AUD"),
            ("€1.47bn", 1.47e9, "EUR"),
            ("£ 8.10 million", 8.1e6, "GBP"),
            ("five million yen", 5e6, "JPY"),
            ("100 billion yuan", 100e9, "CNY"),
            ("RMB 100 billion", 100e9, "CNY"),
            ("500 billion tenge", 500e9, "KZT"),
            ("KZT 500 billion", 500e9, "KZT"),
            ("500 млрд тенге", 500e9, "KZT"),
            ("1.2 trillion soms", 1.2e12, "KGS"),
            ("1,2 трлн сомов", 1.2e12, "KGS"),
            ("12 trillion sum", 12e12, "UZS"),
            ("12 трлн сумов", 12e12, "UZS"),
            ("₽3 trillion", 3e12, "RUB"),
            ("3 trillion roubles", 3e12, "RUB"),
            ("3 трлн рублей", 3e12, "RUB"),
            ("2 billion manat", 2e9, "AZN"),
            ("1 billion Turkmen manat", 1e9, "TMT"),
            ("4 billion Turkish lira", 4e9, "TRY"),
            ("half a million euros", 5e5, "EUR"),
            ("a quarter million us dollars", 2.5e5, "USD"),
        ] {
            let lang = if t.chars().any(|c| ('а'..='я').contains(&c)) { Lang::Ru } else { Lang::En };
            let got = match amounts(t, lang).as_slice() {
                [a] => Some((a.value, a.unit_str())),
                _ => None,
            };
            assert_eq!(got, Some((v, code)), "{t}");
        }
    }

    #[test]
    fn words_that_are_codes_are_no_money() {
        for t in [
            "All 70 of us.",
            "ALL 5 solutions are wrong.",
            "try 5 times",
            "I tried to call Bob 3 times already.",
            "1m tonnes of grain",
            "5G networks and 2 million subscribers",
            "the May 4th meeting",
            "a 5 percent rise",
            "8 per cent of 2023 exports",
        ] {
            assert!(
                amounts(t, Lang::En).iter().all(|a| a.unit == Unit::Percent),
                "{t}: {:?}",
                amounts(t, Lang::En)
            );
        }
    }

    #[test]
    fn prices_with_cents_and_percent_of() {
        assert_eq!(money_value("It costs 15 dollars 50."), Some((15.5, "USD")));
        assert_eq!(money_value("thirteen dollars forty five"), Some((13.45, "USD")));
        assert!(money_value("50 dollar 40 rmb").is_none(), "two amounts");
        let a = amounts("per cent of 210", Lang::En);
        assert_eq!((a.len(), a[0].value, a[0].unit_str()), (1, 210.0, "%"));
        let a = amounts("exports fell -5.2% to $1.5bn", Lang::En);
        assert_eq!(a.iter().map(|a| a.value).collect::<Vec<_>>(), [-5.2, 1.5e9]);
    }
}
