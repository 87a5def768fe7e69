//! Layer 3, amounts: [`Number`] tokens in, [`Amount`]s (money or percent) out.
//!
//! ```text
//! money   = pre-currency [" "] number                "$2 billion", "US$680 million", "USD 1,340 million"
//!         | number [" "] post-currency               "15 bln USD", "2 млрд долларов (США)", "4.61 billion euros"
//!         | scaled-number                            "then to 10 billion" in a sentence with other USD amounts
//! percent = number ("%" | percent | per cent | pct | процент*)   "11.6%", "11.6 per cent", "на 11,6%"
//! ```
//!
//! Currencies come from `lexicon/currencies.tsv`. A bare number with a scale word
//! takes the currency of the other amounts of its sentence ("first to $5 billion
//! and then to 10 billion") unless a noun follows it ("5.6 billion kilowatt-hours").
//! Percentage points ("10 percentage points", "п.п.") are no amount at all.
//! Whether a percent is a growth rate is decided by the claim layer.

use super::number::{Lang, Number, numbers};
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

struct Currencies {
    /// (form, code), longest form first.
    pre: Vec<(&'static str, &'static str)>,
    post: Vec<(String, &'static str)>,
}

static CURRENCIES: LazyLock<Currencies> = LazyLock::new(|| {
    let mut pre = Vec::new();
    let mut post = Vec::new();
    for line in include_str!("lexicon/currencies.tsv").lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        if let [code, pos, form] = cols[..] {
            match pos {
                "pre" => pre.push((form, code)),
                _ => post.push((form.to_lowercase(), code)),
            }
        }
    }
    pre.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    post.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    Currencies { pre, post }
});

/// Percent signs and words; matched like post currencies.
const PERCENT: &[&str] = &[
    "%",
    "percent",
    "per cent",
    "pct",
    "процентов",
    "процента",
    "процент",
];
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

/// Every money amount and percent in `text`, in order.
pub fn amounts(text: &str, lang: Lang) -> Vec<Amount> {
    let nums = numbers(text, lang);
    let mut out: Vec<Amount> = Vec::new();
    let mut bare: Vec<Number> = Vec::new();
    for n in nums {
        if let Some((code, start)) = pre_currency(text, n.start) {
            // "$2 billion dollars" is still one amount; swallow a post form.
            let end = post_form(text, n.end).map(|(_, e)| e).unwrap_or(n.end);
            out.push(Amount {
                start,
                end,
                value: n.value,
                unit: Unit::Currency(code),
            });
        } else if let Some((code, end)) = post_form(text, n.end) {
            out.push(Amount {
                start: n.start,
                end,
                value: n.value,
                unit: Unit::Currency(code),
            });
        } else if let Some(end) = percent_after(text, n.end) {
            out.push(Amount {
                start: n.start,
                end,
                value: n.value,
                unit: Unit::Percent,
            });
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
    out.sort_by_key(|a| a.start);
    out
}

/// The currency written just before `pos` ("$", "US$ ", "USD "): (code, start).
fn pre_currency(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let before = &text[..pos];
    let trimmed = before.strip_suffix([' ', '\u{00A0}']).unwrap_or(before);
    for (form, code) in &CURRENCIES.pre {
        if let Some(head) = trimmed.strip_suffix(form) {
            let alpha_form = form.chars().next().is_some_and(char::is_alphabetic);
            if alpha_form && head.chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            // "US$" must not be read as "$" with a stray "US" in front.
            return Some((code, head.len()));
        }
    }
    None
}

/// A post form (currency) right after `pos`: (code, end).
fn post_form(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let rest = &text[pos..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\u{00A0}', '\u{202F}']).len();
    if gap > 1 && !rest[..gap].contains('\u{00A0}') {
        return None;
    }
    let tail = &rest[gap..];
    for (form, code) in &CURRENCIES.post {
        if let Some(len) = starts_with_word(tail, form) {
            // "долларов (США)": take the bracketed country along.
            let mut end = pos + gap + len;
            let after = &text[end..];
            if let Some(r) = after.strip_prefix(" (США)") {
                end = text.len() - r.len();
            }
            return Some((code, end));
        }
    }
    None
}

/// The end of a percent sign or word right after `pos`, unless it is "percentage points".
fn percent_after(text: &str, pos: usize) -> Option<usize> {
    let rest = &text[pos..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\u{00A0}', '\u{202F}']).len();
    if gap > 1 {
        return None;
    }
    let tail = &rest[gap..];
    let lower = tail.to_lowercase();
    if POINTS.iter().any(|p| lower.starts_with(p)) {
        return None;
    }
    for p in PERCENT {
        if let Some(len) = starts_with_word(tail, p) {
            let after = tail[len..].trim_start().to_lowercase();
            if POINTS.iter().any(|p| after.starts_with(p))
                || after.starts_with("пункт")
                || after.starts_with("point")
            {
                return None;
            }
            return Some(pos + gap + len);
        }
    }
    None
}

/// Byte length of `form` at the start of `tail` (case-insensitive), when it ends a word.
fn starts_with_word(tail: &str, form: &str) -> Option<usize> {
    let n = form.chars().count();
    let head: String = tail.chars().take(n).collect();
    if head.to_lowercase() != form.to_lowercase() {
        return None;
    }
    let len = head.len();
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
}
