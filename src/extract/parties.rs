//! Layer 5, parties: sentence text in, [`Party`] mentions (code, role, span) out.
//!
//! Countries and blocs come from `lexicon/countries.tsv`: names, adjectives
//! ("Kazakh"), capitals used as metonyms ("Beijing"), Russian case forms
//! ("Казахстана", "казахстанско-кыргызский"). Lines tagged `-` name institutions
//! that only look like parties ("European Investment Bank", "Central Asia"); they
//! shadow the country words inside them.
//!
//! The role of a mention comes from the word before it, skipping articles and
//! words like "economy": "to/into/в" is the destination, "from/из" the origin,
//! "in" a location, "with/с" the other side of a trade. The claim layer turns
//! roles into `country` and `partner` per indicator.

use super::lexicon::{Lexicon, Word, lower_text_aligned, words_lowered};
use std::sync::LazyLock;

/// How a party is attached to the phrase it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Subject, possessive or adjective: "Kazakhstan's", "Kazakh", "Казахстан и Россия".
    Plain,
    /// Destination: "to Russia", "into the Kyrgyz economy", "в Казахстан".
    To,
    /// Origin: "from China", "из Китая".
    From,
    /// Location: "in Kyrgyzstan".
    In,
    /// The other side: "trade with China", "с Кыргызстаном".
    With,
}

/// A country or bloc named in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub start: usize,
    pub end: usize,
    /// ISO 3166-1 alpha-3 code, or `EU`, `EAEU`, `CIS` (the countries
    /// lexicon's tag).
    pub code: &'static str,
    pub role: Role,
}

static COUNTRIES: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::from_tsv(include_str!("lexicon/countries.tsv")));

/// Words skipped when looking for the preposition before a party.
const FILLER: &[&str] = &[
    "the",
    "its",
    "their",
    "a",
    "an",
    "economy",
    "market",
    "markets",
    "neighbouring",
    "neighboring",
    "экономику",
    "экономики",
    "экономике",
    "рынок",
    "рынки",
    "территорию",
];

/// Words for goods after an adjective of origin.
const GOODS: &[&str] = &[
    "goods",
    "products",
    "produce",
    "exports",
    "товаров",
    "товары",
    "продукции",
    "продукция",
];

/// The code of a region that is no party (Central Asia): a claim with it is dropped.
pub const REGION: &str = "REGION";

/// Every party mention of `text`, in order. The text is lower-cased once,
/// and its words borrow their lower case from that when it keeps every
/// character in place (titles are mostly capitals: word by word, each would
/// be a new String).
pub fn parties(text: &str) -> Vec<Party> {
    parties_lowered(text, None)
}

/// [`parties`], given the lower case of `text` when it is aligned with it
/// (a stretch of an article's, lower-cased once); without it, `text` is
/// lower-cased here.
pub fn parties_lowered(text: &str, lower: Option<&str>) -> Vec<Party> {
    let own;
    let lower = match lower {
        Some(lower) => Some(lower),
        None => {
            own = lower_text_aligned(text);
            own.1.then_some(own.0.as_str())
        }
    };
    parties_in(&words_lowered(text, lower))
}

/// Every party mention in `ws`, the words of a text, in order.
pub fn parties_in(ws: &[Word]) -> Vec<Party> {
    each_party(ws).collect()
}

/// [`parties_in`], one at a time.
pub fn each_party<'w>(ws: &'w [Word<'w>]) -> impl Iterator<Item = Party> + 'w {
    COUNTRIES
        .find(ws)
        .filter(|m| m.tag != "-")
        .map(|m| {
            let mut role = Role::Plain;
            for w in ws[..m.word_index].iter().rev().take(3) {
                if FILLER.contains(&w.lower()) {
                    continue;
                }
                role = match w.lower() {
                    "to" | "into" | "towards" | "в" | "во" => Role::To,
                    "from" | "из" | "от" => Role::From,
                    "in" | "inside" => Role::In,
                    "with" | "с" | "со" => Role::With,
                    _ => Role::Plain,
                };
                break;
            }
            // "Chinese goods", "российских товаров": goods are named by their origin.
            if role == Role::Plain
                // The words before the match start before it: the scan starts
                // at it, so the list is read once per text, not once per party.
                && ws[m.word_index..]
                    .iter()
                    .find(|w| w.start >= m.end)
                    .is_some_and(|w| GOODS.contains(&w.lower()))
            {
                role = Role::From;
            }
            Party {
                start: m.start,
                end: m.end,
                code: m.tag,
                role,
            }
        })
        // A region outside the code list counts only as the other side of a flow
        // ("с центральноазиатскими соседями"): then the claim is no country pair's.
        .filter(|p| p.code != REGION || matches!(p.role, Role::With | Role::To | Role::From))
}

/// The distinct codes of `parties`, in order of first mention.
pub fn distinct(parties: &[Party]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for p in parties {
        if !out.contains(&p.code) && p.code != REGION {
            out.push(p.code);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(t: &str) -> Vec<(String, Role)> {
        parties(t).into_iter().map(|p| (p.code.to_string(), p.role)).collect()
    }

    /// [`parties`], whose words borrow the text's lower case, finds what the
    /// words lower-cased one by one find: on every corpus sentence and
    /// article title, as written, in capitals, and with a final sigma (whose
    /// lower case is not aligned).
    #[test]
    fn parties_of_the_lowered_text_are_the_words_parties() {
        let mut texts = crate::extract::corpus_sentences();
        texts.extend(crate::extract::corpus_articles().into_iter().map(|a| a.title));
        let mut found = 0;
        for t in texts.iter().flat_map(|t| [t.clone(), t.to_uppercase(), format!("ΟΔΟΣ {t}")]) {
            let want = parties_in(&crate::extract::lexicon::words(&t));
            assert_eq!(parties(&t), want, "{t:?}");
            found += want.len();
        }
        assert!(found > 1_000, "{found} parties");
    }

    #[test]
    fn kazakhstan_in_many_forms() {
        for t in [
            "Kazakhstan",
            "Kazakh",
            "Kazakhstan's",
            "Astana",
            "Казахстана",
            "Казахстаном",
            "казахстанских",
            "Akorda",
        ] {
            assert_eq!(codes(t), [("KAZ".to_string(), Role::Plain)], "{t}");
        }
        assert_eq!(
            distinct(&parties("казахстанско-кыргызский")),
            ["KAZ", "KGZ"]
        );
        assert_eq!(
            distinct(&parties("the Russian-Indian trade volume")),
            ["RUS", "IND"]
        );
    }

    #[test]
    fn roles_from_prepositions() {
        let r = |t: &str| codes(t).into_iter().map(|(_, r)| r).collect::<Vec<_>>();
        assert_eq!(r("Shipments from India to China"), [Role::From, Role::To]);
        assert_eq!(r("Поставки из Китая в Россию"), [Role::From, Role::To]);
        assert_eq!(r("put $49 million into the Kyrgyz economy"), [Role::To]);
        assert_eq!(r("вложили в экономику Кыргызстана"), [Role::To]);
        assert_eq!(r("invested $1 billion in Kyrgyzstan"), [Role::In]);
        assert_eq!(r("turnover with China"), [Role::With]);
    }

    #[test]
    fn not_parties() {
        for t in [
            "told us",
            "the European Investment Bank",
            "trade within Central Asia",
            "the World Bank",
            "Asian Development Bank",
        ] {
            assert!(parties(t).is_empty(), "{t}");
        }
    }
}
