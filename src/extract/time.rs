//! Layer 4, time: sentence text and publication date in, [`TimeExpr`]s out.
//!
//! Each expression carries what it would mean as the `period` of an actual and as
//! the `deadline` of a target; the claim layer picks one by the claim's kind.
//!
//! ```text
//! month range  January-September 2024, Jan.-Oct., from April 2022 to February 2023,
//!              за январь-сентябрь 2024 года, января–июля 2023 года    -> 2024-01/2024-09
//! months       first four months of 2022, за три квартала 2023 года    -> 2022-01/2022-04
//! half/quarter first half of 2023, в первом полугодии 2024 года         -> 2023-H1
//!              first quarter (of 2024), Q1 2024                         -> 2024-Q1
//! fiscal year  2024-25, the financial year that ended on March 31      -> 2024-04/2025-03
//!              за январь-июнь текущего года (published 2024)            -> 2024-H1
//! month        January 2024, in January (a year elsewhere in the sentence) -> 2024-01
//!              $8 billion in September alone (no year: the published one) -> 2024-09
//! year         in/for/of 2023, в 2023 году, за 2023 год, по итогам 2023 года, 2023's -> 2023
//! relative     last year, в прошлом году (published - 1); this year (published)
//! deadline     by 2030, к 2030 году, до 2030 года, the 2030 deadline, by the end of the year,
//!              next year, within five years (published + 5)
//! past "by"    by 2022 the figure had risen (2022 before publication)   -> 2022
//! base         a year earlier, the same five months of last year        -> one year back
//!              the same months of 2022                                  -> those months of 2022
//! ```
//!
//! Some expressions only qualify the figure next to them: a comparison base
//! ("than in 2022", "up 15.8% on 2022", "year on year", "годом ранее") is
//! [`Role::Base`]; "that year", "over the three months", "за шесть месяцев" refer
//! back ([`Role::Anaphoric`]); "since 2005", "now", "accumulated" and the present
//! tense ("stands at", "составляет") mark a stock or a figure as of publication,
//! not a flow of a past period ([`Role::Stock`]). Dates ("on April 18", "29 августа") and vague
//! times ("in the near future") are kept as neutral expressions with neither
//! period nor deadline, so they shadow a farther year.

use super::lexicon::value_table;
use super::number::lower_starts_with;
use chrono::{Datelike, NaiveDate};
use regex::{Regex, RegexSet};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, MatchKind, hybrid, meta};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

mod scan;

/// How a time expression relates to the figure next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The period or deadline of the figure.
    Plain,
    /// The period compared against ("than in 2022").
    Base,
    /// Refers to a period named earlier ("that year").
    Anaphoric,
    /// Marks a stock accumulated over time ("since 2005", "now").
    Stock,
}

/// A period or deadline as the claims table writes it ("2024", "2024-H1",
/// "2024-01/2024-09"): a bare year is borrowed ([`year_label`]), anything
/// else is made for the occasion.
pub type Label = Cow<'static, str>;

/// The years a period or deadline may name: those written with four digits.
pub const FOUR_DIGIT_YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// The years [`year_label`] lends: 1900 to 2199.
const LENT_YEARS: std::ops::Range<i32> = 1900..2200;

/// A year as a [`Label`], borrowed from a table of the years most text
/// names ([`LENT_YEARS`]) rather than made each time a sentence names one.
pub fn year_label(y: i32) -> Label {
    static TABLE: LazyLock<String> = LazyLock::new(|| LENT_YEARS.map(|y| y.to_string()).collect());
    if LENT_YEARS.contains(&y) {
        let at = 4 * (y - LENT_YEARS.start) as usize;
        Cow::Borrowed(&TABLE[at..at + 4])
    } else {
        Cow::Owned(y.to_string())
    }
}

/// A time expression of a sentence, with byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    /// Meaning as the period of an actual figure.
    pub period: Option<Label>,
    /// Meaning as the deadline of a target or forecast.
    pub deadline: Option<Label>,
    pub role: Role,
    /// For a comparison base: which period it is, relative to the figure compared.
    pub base: Option<BaseRef>,
}

/// The period a comparison base names, relative to the period of the figure it is
/// compared with ("a year earlier" of January-May 2024 is January-May 2023).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseRef {
    /// The same months one year back: "a year earlier", "the same period of last year".
    YearBack,
    /// The same months of a named year: "the same months of 2022".
    Year(i32),
}

impl BaseRef {
    /// The base period of a figure whose period is `period` ("2024-01/2024-05",
    /// "2024-H1", "2024"), or `None` when the period has no year to move.
    pub fn apply(self, period: &str) -> Option<Label> {
        let years: Vec<i32> = period
            .split('/')
            .map(|p| p.get(..4).and_then(|y| y.parse().ok()))
            .collect::<Option<Vec<i32>>>()?;
        let last = *years.last()?;
        let delta = match self {
            BaseRef::YearBack => -1,
            BaseRef::Year(y) => y - last,
        };
        Some(
            period
                .split('/')
                .zip(&years)
                .map(|(p, y)| format!("{}{}", y + delta, &p[4..]))
                .collect::<Vec<_>>()
                .join("/")
                .into(),
        )
    }
}

static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    value_table::<u32>(include_str!("lexicon/months.tsv"))
        .into_iter()
        .collect()
});
static ORDINALS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    value_table::<u32>(include_str!("lexicon/ordinals.tsv"))
        .into_iter()
        .collect()
});

/// The keys of `map` as one alternation, longest first: a leftmost-first
/// regex takes the first branch that fits, so the longest key wins ("january"
/// over "jan"). Keys that begin alike share their beginning, written once
/// ([`factored`]).
fn alternation(map: &HashMap<String, u32>) -> String {
    factored(&sorted_keys(map))
}

/// The keys of `map`, longest first, then in order.
fn sorted_keys(map: &HashMap<String, u32>) -> Vec<&str> {
    let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
    keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    keys
}

/// `keys` as an alternation that tries them in the order given, with the
/// keys that begin with the same character grouped under it: "январ(?:я|ь|е)"
/// for "января|январь|январе". The same regex to a leftmost-first engine,
/// when no key comes before a longer one that it begins (a key is tried
/// after the keys it begins, as in `keys`): keys that begin with different
/// characters never match at the same place, so only the order within a
/// group matters, and that is kept. Its automaton is smaller: each shared
/// beginning is one set of states, where the flat alternation has one per
/// key, and the case-insensitive classes of Russian letters take several
/// states each.
fn factored(keys: &[&str]) -> String {
    let mut groups: Vec<(char, Vec<&str>)> = Vec::new();
    let mut empty = false;
    for key in keys {
        let mut chars = key.chars();
        match chars.next() {
            None => empty = true,
            Some(c) => match groups.iter_mut().find(|(g, _)| *g == c) {
                Some((_, rest)) => rest.push(chars.as_str()),
                None => groups.push((c, vec![chars.as_str()])),
            },
        }
    }
    let mut branches: Vec<String> = groups
        .iter()
        .map(|(c, rest)| match rest.as_slice() {
            [one] => regex::escape(&format!("{c}{one}")),
            _ => format!("{}(?:{})", regex::escape(&c.to_string()), factored(rest)),
        })
        .collect();
    if empty {
        branches.push(String::new());
    }
    branches.join("|")
}

const YEAR: &str = r"(?:19[89]\d|20[0-6]\d)";
/// Russian year words after a year number.
const YG: &str = r"(?:\s*(?:года|году|год|гг\.|г\.)|-го|-м)?";

/// The rules, in priority order for matches of equal span: (name, pattern).
/// `MON` and `ORD` are replaced by the month and ordinal alternations. The
/// last two, "deadline year" and "year", are matched by [`scan`], which the
/// tests hold equal to their patterns here.
const RULES: &[(&str, &str)] = &[
    (
        "month range",
        r"(?:\bfrom\s+|\bс\s+|\bза\s+)?\b(?P<m1>MON)\.?(?:\s+(?P<y1>YEAR)YG)?\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b|\bпо\b)\s*(?P<m2>MON)\b\.?(?:\s+(?:of\s+)?(?:(?P<y2>YEAR)YG|(?P<this>(?:the\s+|this\s+)?current\s+year|this\s+year|текущего\s+года|этого\s+года|сего\s+года)))?",
    ),
    (
        "date",
        r"\b\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+(?P<m1>MON)\b(?:\s+YEARYG)?",
    ),
    (
        "date",
        r"\b(?P<m1>MON)\b\.?\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?\b(?:,?\s+YEAR)?",
    ),
    (
        "fiscal year ended",
        r"(?i)\b(?:fiscal|financial)\s+year\s+(?:that\s+|which\s+)?end(?:ed|ing|s)?\s+(?:on\s+)?(?:(?P<m1>MON)\s+\d{1,2}|\d{1,2}\s+(?P<m2>MON))",
    ),
    (
        "fiscal year",
        r"(?:\bFY\s?|\b)(?P<y1>20\d\d)\s*[-–/]\s*(?P<y2>\d\d)\b",
    ),
    ("fiscal year to", r"\bFY\s?(?:20)?(?P<y2>\d\d)\b"),
    (
        "quarters",
        r"(?i)\b(?P<n>ORD)\s+(?:quarters|квартала|кварталов)(?:\s+(?:of\s+)?(?P<y>YEAR)YG)?",
    ),
    (
        "quarter",
        r"(?i)\b(?P<n>ORD)\s+(?:quarter|квартал\w*)(?:\s+(?:of\s+)?(?P<y>YEAR)YG)?",
    ),
    ("quarter", r"\bQ(?P<n>[1-4])\s*(?P<y>YEAR)?"),
    ("half", r"\b(?:H(?P<n>[12])|(?P<n2>[12])H)\s*(?P<y>YEAR)?\b"),
    (
        "half",
        r"(?i)\b(?P<n>ORD)\s+(?:half|полугоди\w*)(?:\s+(?:of\s+)?(?:the\s+)?(?P<y>YEAR)YG)?",
    ),
    (
        "months",
        r"(?i)\b(?:(?:the\s+)?first\s+|первые\s+|за\s+)?(?P<n>ORD|\d{1,2})\s+(?:months|месяц\w*)(?:\s+(?:of\s+)?(?:(?P<y>YEAR)YG|(?P<this>the\s+year|this\s+year|текущего\s+года|этого\s+года)))?",
    ),
    (
        "last year",
        r"(?i)\blast\s+year(?:'s|’s)?|\bв\s+прошлом\s+году|\bза\s+прошлый\s+год|\bпрошлого\s+года|\bв\s+минувшем\s+году|\bза\s+минувший\s+год",
    ),
    (
        "end of year",
        r"(?i)\bby\s+the\s+end\s+of\s+(?:the|this)\s+year|\bby\s+year[-\s]end|\b(?:до|к)\s+конц[ау]\s+(?:этого\s+|текущего\s+)?года",
    ),
    (
        "this year",
        r"(?i)\b(?:since\s+the\s+(?:start|beginning)\s+of\s+)?(?:this|the\s+current)\s+year(?:'s|’s)?|\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+year|\bв\s+(?:этом|текущем)\s+году|\bпо\s+итогам\s+(?:этого\s+|текущего\s+)?года|\bс\s+начала\s+(?:этого\s+|текущего\s+)?года",
    ),
    (
        "next year",
        r"(?i)\bnext\s+year|\bв\s+(?:следующем|будущем)\s+году",
    ),
    (
        "within years",
        r"(?i)\b(?:within|in|over|в\s+течение|в\s+ближайшие)\s+(?:the\s+next\s+|the\s+coming\s+)?(?P<n>ORD|\d{1,2})\s+(?:years|лет|года)",
    ),
    (
        "vague",
        r"(?i)\bin\s+the\s+near\s+future|\bsoon\b|\bin\s+the\s+coming\s+years|\bв\s+ближайш\w+\s+(?:время|годы|перспективе|будущем)|\bahead\s+of\s+schedule|\beventually\b|\bas\s+soon\s+as\s+possible",
    ),
    (
        "base",
        r"(?i)\b(?:from|over|compared\s+(?:with|to)|than|against|on)\s+(?:in\s+)?(?:the\s+previous\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+same\s+period(?:\s+(?:of\s+|in\s+)?(?:last\s+year|the\s+previous\s+year|a\s+year\s+(?:ago|earlier)|YEAR))?)|\b(?:по\s+сравнению\s+с|в\s+сравнении\s+с|относительно|к)\s+(?:аналогичным|аналогичному|тем\s+же|тому\s+же)\s+период\w*(?:\s+(?:прошлого\s+года|YEARYG))?|\bthe\s+previous\s+year|\byear[-\s]on[-\s]year|\ba\s+year\s+(?:earlier|ago|before)|\bгодом\s+ранее|\bв\s+годовом\s+выражении|\bк\s+тому\s+же\s+периоду(?:\s+YEARYG)?|\bк\s+аналогичному\s+периоду(?:\s+(?:прошлого\s+года|YEARYG))?",
    ),
    (
        "base of year",
        r"(?i)\b(?:(?:from|over|compared\s+(?:with|to)|than|against|on|in|of)\s+)?the\s+same\s+(?:(?:ORD|\d{1,2})\s+)?(?:period|months?|quarter|half)\s+(?:of\s+|in\s+)?(?:(?P<last>last\s+year|the\s+previous\s+year|a\s+year\s+(?:ago|earlier))|(?P<y>YEAR))|\b(?:за\s+|с\s+|к\s+|по\s+сравнению\s+с\s+)?(?:аналогичн\w+|т\w+\s+же)\s+(?:период\w*|месяц\w*)\s+(?:(?P<last2>прошлого\s+года)|(?P<y2>YEAR)YG)",
    ),
    (
        "anaphoric",
        r"(?i)\bthat\s+year|\bthe\s+same\s+year|\bthe\s+same\s+period|\bover\s+the\s+period|\bза\s+(?:этот|тот\s+же)\s+период",
    ),
    (
        "stock",
        r"(?i)\bsince\s+(?:YEAR|independence|then)|\bс\s+YEAR\s+года|\bза\s+последние\s+(?:\d+|\w+)\s+лет|\bover\s+(?:the\s+(?:past|last)\s+)?(?:\w+\s+)?(?:years|decades?)|\bin\s+(?:\w+\s+)?decades|\bnow\b|\bcurrently\b|\bstands?\s+at|\bamounts\s+to|\btotals\b|\bсоставляет|\bсоставляют|\bприближается|\bоценивается|\bto\s+date\b|\bсейчас\b|\bв\s+настоящее\s+время|\bна\s+сегодня\w*|\baccumulated\b|\bcumulative\b|\bнакопленн\w*|\bbetween\s+YEAR\s+and\s+YEAR|\bза\s+(?:\d+|\w+)\s+лет\b|\bcurrent\b|\balready\b|\bуже\b",
    ),
    (
        "year range",
        r"(?i)\b(?:from\s+)?YEAR\s*(?:[-–—]|\bto\b)\s*YEAR(?:\s*(?:годы|гг\.?))?",
    ),
    (
        "deadline year",
        r"(?i)\b(?:by|until|till|before|не\s+позднее)\s+(?:the\s+end\s+of\s+)?(?P<y>YEAR)|\b(?:к|до)\s+(?:концу\s+|конца\s+)?(?P<y2>YEAR)\s*(?:году|года|г\.)|\bthe\s+(?P<y3>YEAR)\s+(?:deadline|target|goal)",
    ),
    (
        "year",
        r"(?i)(?:\b(?:in|for|of|during|за|в|по\s+итогам)\s+)?\b(?P<y>YEAR)(?:'s|’s|YG)",
    ),
];

struct Rule {
    name: &'static str,
    /// The rule, searched anchored where its twin matches (below).
    re: meta::Regex,
    /// The rule without its word boundaries: it matches wherever the rule
    /// does (and more), and, with no Unicode `\b`, runs as a fast automaton on
    /// any text. A sentence it does not match is not searched with the rule.
    relaxed: Regex,
    /// The twin again, as a lazy DFA that reports its longest match
    /// ([`Rule::reach`]).
    reach: hybrid::dfa::DFA,
}

impl Rule {
    /// The rule of this name and pattern, with its twin.
    fn new(name: &'static str, pattern: &str) -> Rule {
        let relaxed = pattern.replace(r"\b", "");
        Rule {
            name,
            reach: hybrid::dfa::DFA::builder()
                .configure(hybrid::dfa::Config::new().match_kind(MatchKind::All))
                .build(&relaxed)
                .expect("valid relaxed time rule"),
            relaxed: Regex::new(&relaxed).expect("valid relaxed time rule"),
            re: meta::Regex::new(pattern).expect("valid time rule"),
        }
    }

    /// The farthest place a match of the rule that starts at `start` can
    /// end: the end of the twin's longest match there (every match of the
    /// rule is one of the twin's), or `None` when the twin has none, or the
    /// automaton gives up (it is built never to).
    ///
    /// A search for the rule with captures needs this bound on non-ASCII
    /// text only: on ASCII text the regex finds the match with its own
    /// automaton first and runs the capture engine over the match alone, but
    /// its automaton cannot take a Unicode `\b` past a non-ASCII letter, and
    /// then the capture engine (a backtracker) runs from `start` to the end of
    /// the sentence, clearing a table of its states for every byte of that
    /// span on each search.
    fn reach(&self, cache: &mut hybrid::dfa::Cache, text: &str, start: usize) -> Option<usize> {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        self.reach.try_search_fwd(cache, &input).ok().flatten().map(|m| m.offset())
    }
}

/// For each rule in [`RULES`], words one of which every match of the rule
/// contains (`MON` stands for any month name, `YEAR` for a year, which always
/// holds "19" or "20"); `None` where no short list holds. A sentence with none
/// of a rule's words is not searched with that rule: the gates are plain
/// case-insensitive literals, matched in one pass for all rules, while the
/// rules themselves need Unicode word boundaries, slow on Cyrillic text. The
/// gates use the rules' own case folding, so they never drop a match.
const GATES: &[Option<&[&str]>] = &[
    Some(&["MON"]),                                          // month range
    Some(&["MON"]),                                          // date: 12 May
    Some(&["MON"]),                                          // date: May 12
    Some(&["fiscal", "financial"]),                          // fiscal year ended
    Some(&["20"]),                                           // fiscal year 2023-24
    Some(&["fy"]),                                           // fiscal year to
    Some(&["quarters", "квартал"]),                          // quarters
    Some(&["quarter", "квартал"]),                           // quarter
    Some(&["q1", "q2", "q3", "q4"]),                         // Q1
    Some(&["h1", "h2", "1h", "2h"]),                         // H1, 1H
    Some(&["half", "полугоди"]),                             // half
    Some(&["month", "месяц"]),                               // months
    Some(&["last", "прошл", "минувш"]),                      // last year
    Some(&["end", "конц"]),                                  // end of year
    Some(&["this", "current", "since", "этом", "текущем", "итогам", "начала"]), // this year
    Some(&["next", "следующ", "будущ"]),                     // next year
    Some(&["years", "лет", "года"]),                         // within years
    Some(&["near", "soon", "coming", "ближайш", "ahead", "eventually"]), // vague
    Some(&["year", "period", "период", "годом", "годовом"]), // base
    Some(&["same", "аналогичн", "же"]),                      // base of year
    Some(&["year", "period", "период"]),                     // anaphoric
    Some(&[
        "since", "года", "последние", "years", "decade", "now", "current", "stand", "amounts", "totals", "составля", "приближается",
        "оценивается", "date", "сейчас", "настоящее", "сегодня", "accumulated", "cumulative", "накопленн", "between", "лет",
        "already", "уже",
    ]), // stock
    Some(&["19", "20"]),                                     // year range
    Some(&["19", "20"]),                                     // deadline year
    Some(&["19", "20"]),                                     // year
];

/// The place in [`GATES`] of the month range rule, whose gate is the month
/// names alone.
const MONTH_GATE: usize = 0;

/// The places in [`RULES`] of the two rules of a year joined to another
/// number ("2024-25", "2020-2025"), which every year opens through their
/// gate ([`joined_years`]).
const FISCAL_YEAR: usize = 4;
const YEAR_RANGE: usize = 22;

/// `open` without the rules of joined years when `text` has none: the
/// "fiscal year" rule needs `20\d\d\s*[-–/]`, the "year range" rule
/// `YEAR\s*(?:[-–—]|to)`. A year with no dash, slash or "to" after it is
/// the common case, and each rule's search would read the whole sentence
/// to find that out. This looks a little wider than the rules (any numeric
/// character for `\d`, "to" without its word boundaries), so it drops no
/// match.
///
/// `years` are the places of `text`'s years ([`scan::years`]).
fn joined_years(text: &str, years: &[(usize, usize)], open: u32) -> u32 {
    let both = 1 << FISCAL_YEAR | 1 << YEAR_RANGE;
    if open & both == 0 {
        return open;
    }
    let b = text.as_bytes();
    // The first character after the white space from `at`.
    let after = |at: usize| text[at..].trim_start().chars().next();
    // Built once, as a search set up on each call costs more than it finds here.
    static TWENTY: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("20"));
    let fiscal = TWENTY.find_iter(b).any(|i| {
        let mut rest = text[i + 2..].char_indices();
        let digits = rest.next().is_some_and(|(_, c)| c.is_numeric()) && rest.next().is_some_and(|(_, c)| c.is_numeric());
        let end = rest.next().map_or(text.len(), |(j, _)| i + 2 + j);
        digits && after(end).is_some_and(|c| matches!(c, '-' | '–' | '/'))
    });
    let range = years.iter().any(|&(_, end)| {
        let rest = text[end..].trim_start();
        rest.starts_with(['-', '–', '—']) || rest.get(..2).is_some_and(|w| w.eq_ignore_ascii_case("to"))
    });
    let mut keep = open & !both;
    if fiscal {
        keep |= open & 1 << FISCAL_YEAR;
    }
    if range {
        keep |= open & 1 << YEAR_RANGE;
    }
    keep
}

/// The places in [`RULES`] of the two dates, "12 May" and "May 12", whose
/// gate, as the month range rule's, is the month names alone.
const DAY_MONTH: usize = 1;
const MONTH_DAY: usize = 2;

/// `open` without the month rules whose shape the month names of `text`
/// cannot take, given where each stands as a whole word (as [`gate`] finds
/// them on an aligned lower case; with `None`, `open` as it is). Each of
/// those rules holds its month names as whole words: a range needs two of
/// them, "12 May" a number and white space before one, "May 12" white space
/// and a number after one (a dot may come between). A month in most trade
/// sentences is the one of "in May 2024" or "January-June" alone, which
/// leaves the dates nothing to find; each search would read the whole
/// sentence to find that out. The checks take any numeric character for
/// `\d`, so they drop no match.
fn month_shapes(text: &str, open: u32, months: Option<&[(usize, usize)]>) -> u32 {
    let Some(months) = months else { return open };
    let mut keep = open & !(1 << MONTH_GATE | 1 << DAY_MONTH | 1 << MONTH_DAY);
    if months.len() >= 2 {
        keep |= open & 1 << MONTH_GATE;
    }
    let number_before = months.iter().any(|&(start, _)| {
        let before = text[..start].trim_end();
        before.len() < start && before.chars().next_back().is_some_and(char::is_numeric)
    });
    if number_before {
        keep |= open & 1 << DAY_MONTH;
    }
    let number_after = months.iter().any(|&(_, end)| {
        let rest = &text[end..];
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        let after = rest.trim_start();
        after.len() < rest.len() && after.chars().next().is_some_and(char::is_numeric)
    });
    if number_after {
        keep |= open & 1 << MONTH_DAY;
    }
    keep
}

/// The gates as one set of literal alternations; a rule without a gate gets
/// one that always matches.
static GATE_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    let mon = alternation(&MONTHS);
    let pats: Vec<String> = GATES
        .iter()
        .map(|gate| match gate {
            Some(words) => {
                let alts: Vec<String> =
                    words.iter().map(|w| if *w == "MON" { mon.clone() } else { regex::escape(w) }).collect();
                format!("(?i){}", alts.join("|"))
            }
            None => String::new(),
        })
        .collect();
    RegexSet::new(pats).expect("valid gates")
});

/// The gates again, as one Aho-Corasick automaton over the lower-cased text,
/// which finds every gate literal in one plain pass where [`GATE_SET`] runs a
/// case-insensitive overlapping search. Each literal carries the rules (bits,
/// by place in [`RULES`]) whose gate holds it; `always` are the rules without
/// a gate.
struct GateLiterals {
    ac: aho_corasick::dfa::DFA,
    rules_of: Vec<u32>,
    /// For each literal: whether it is all ASCII.
    ascii: Vec<bool>,
    always: u32,
}

static GATE_LITERALS: LazyLock<GateLiterals> = LazyLock::new(|| {
    let (rules_of, always) = gate_literals();
    let ac = super::literal_dfa(rules_of.keys());
    let ascii = rules_of.keys().map(|l| l.is_ascii()).collect();
    GateLiterals { ac, rules_of: rules_of.into_values().collect(), ascii, always }
});

/// The rules whose gate is the month names alone, as bits: each reads a
/// month only through [`month_of`], which takes an English name only with a
/// capital. So a month name found in the lower case of a text, all ASCII,
/// where the text has a small letter ("may", the "mar" of "market"), can give
/// none of them anything, and does not open them.
static MONTH_RULES: LazyLock<u32> =
    LazyLock::new(|| GATES.iter().enumerate().filter(|(_, g)| **g == Some(&["MON"][..])).fold(0, |bits, (i, _)| bits | 1 << i));

/// Each gate literal, lower-cased, with the rules whose gate holds it; and
/// the rules without a gate.
fn gate_literals() -> (BTreeMap<String, u32>, u32) {
    let mut rules_of: BTreeMap<String, u32> = BTreeMap::new();
    let mut always = 0;
    for (i, gate) in GATES.iter().enumerate() {
        let bit = 1u32 << i;
        match gate {
            None => always |= bit,
            Some(words) => {
                for w in words.iter() {
                    let literals: Vec<&str> = if *w == "MON" { MONTHS.keys().map(String::as_str).collect() } else { vec![w] };
                    for l in literals {
                        *rules_of.entry(l.to_lowercase()).or_default() |= bit;
                    }
                }
            }
        }
    }
    (rules_of, always)
}

/// Letters that `(?i)` takes for a letter of some gate literal but that
/// lower-case to another letter (the long s, the old Cyrillic letter
/// variants). A text with one is gated by [`GATE_SET`] instead, which folds
/// case as the rules do. A test finds these from the case-folding tables.
const FOLD_IRREGULAR: &[char] = &['\u{17F}', '\u{1C80}', '\u{1C81}', '\u{1C82}', '\u{1C83}', '\u{1C84}', '\u{1C85}'];

/// Whether `text` holds a letter of [`FOLD_IRREGULAR`], looked for by the
/// first bytes of their UTF-8 (0xC5, 0xE1) rather than by decoding every
/// character of the sentence (most sentences with a curly quote or a dash
/// are not ASCII). Each byte found starts a character.
fn holds_irregular(text: &str) -> bool {
    memchr::memchr2_iter(0xC5, 0xE1, text.as_bytes()).any(|i| text[i..].starts_with(FOLD_IRREGULAR))
}

/// The rules whose gate is open on `text`, as bits by place in [`RULES`]
/// ([`gate`]).
#[cfg(test)]
fn open_rules(text: &str, lower: &str, aligned: bool) -> u32 {
    gate(text, lower, aligned).0
}

/// The rules whose gate is open on `text`, as bits by place in [`RULES`],
/// given its lower case and whether that is aligned with it
/// (`lower_text_aligned`). When it is, a month name written with a small
/// letter opens none of the [`MONTH_RULES`], and the gate also gives each
/// place where a month name stands as a whole word (no word character on
/// either side), in order, for [`single_months`].
fn gate(text: &str, lower: &str, aligned: bool) -> (u32, Option<Vec<(usize, usize)>>) {
    if !text.is_ascii() && holds_irregular(text) {
        let open = GATE_SET.matches(text);
        return (open.iter().fold(0, |bits, i| bits | 1 << i), None);
    }
    let g = &*GATE_LITERALS;
    let mut open = g.always;
    let mut months = Vec::new();
    super::each_literal(&g.ac, lower, |p, m| {
        let mut rules = g.rules_of[p];
        if aligned && rules & *MONTH_RULES != 0 {
            if !scan::word_char_before(text, m.start) && !scan::word_char_at(text, m.end) {
                months.push((m.start, m.end));
            }
            // Aligned, an ASCII letter of the lower case is the same place's
            // letter of the text, in one case or the other.
            if g.ascii[p] && text.as_bytes()[m.start].is_ascii_lowercase() {
                rules &= !*MONTH_RULES;
            }
        }
        open |= rules;
        true
    });
    // Found in the order they end, at most one whole word at each place.
    months.sort_unstable();
    (open, aligned.then_some(months))
}

static RULE_SET: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let (mon, ord) = (alternation(&MONTHS), alternation(&ORDINALS));
    RULES
        .iter()
        .map(|(name, pat)| {
            Rule::new(name, &rule_pattern(pat, &mon, &ord))
        })
        .collect()
});

/// A rule of [`RULES`] as a regex, given the month and ordinal alternations.
fn rule_pattern(pat: &str, mon: &str, ord: &str) -> String {
    let p = pat
        .replace("MON", mon)
        .replace("ORD", ord)
        .replace("YEARYG", &format!("{YEAR}{YG}"))
        .replace("YEAR", YEAR)
        .replace("YG", YG);
    // Month names must be matched case-insensitively for Russian but
    // checked for capitals in English (see `month_of`).
    if p.starts_with("(?i)") { p } else { format!("(?i){p}") }
}

/// Text before a period that makes it a comparison base ("than in 2022", "on 2022").
static BASE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bthan|\bчем|\bon|\blevel(?:\s+of)?|\bversus|\bvs\.?|\bcompared\s+(?:with|to)|\bagainst|\bпротив|\bс)\s+(?:in\s+|в\s+)?(?:the\s+)?(?:same\s+period\s+(?:of\s+|in\s+)?)?$")
        .expect("valid regex")
});

/// The most words, split at white space, that a match of [`BASE_PREFIX`]
/// spans: "compared", "with", "in", "the", "same", "period", "of".
const BASE_PREFIX_WORDS: usize = 7;

/// The end of `text` from the start of its `n`th word from the end, split at
/// white space (`\s`, as the regexes have it), or all of it when it has no
/// more words. A regex ending in `$` that spans at most `n` such words, each
/// `\b` of it at a word's edge or between white space, matches `text`
/// exactly when it matches this end of it: before it is white space or
/// nothing, which a word boundary tells apart from neither. The regexes
/// below search a sentence's text up to a time expression; on a long
/// sentence that would read from its start, and when that holds a letter
/// outside ASCII the regex engine reads it with its slowest search.
fn last_words(text: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices().rev() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == n {
                    return &text[i + c.len_utf8()..];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text
}

/// Words before "in 2022" that make it the year a goal was set, not its
/// deadline: the definition of [`scan::set_in`], which matches it by hand.
#[cfg(test)]
static SET_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:set|agreed|adopted|announced|approved|signed|launched|proposed|поставлен\w*|утвержден\w*)\s*$").expect("valid regex")
});

/// The first year written out in `text`, which dates its bare months and
/// quarters: the leftmost match of `\bYEAR\b` in ASCII digits (one whose last
/// digit is another script's is passed over), found among the places of its
/// years from the byte scan of [`scan::years`] (a test holds it equal to the
/// regex), since it runs on every sentence with a time.
fn first_year(text: &str, years: &[(usize, usize)]) -> Option<i32> {
    // `\b` on both sides: a word character (Unicode `\w`) on neither.
    years
        .iter()
        .copied()
        .find(|&(start, end)| end == start + 4 && !scan::word_char_before(text, start) && !scan::word_char_at(text, end))
        .and_then(|(start, end)| text[start..end].parse().ok())
}

thread_local! {
    /// Each rule's cache for its [`Rule::reach`] automaton, made on first
    /// use in a thread and kept for the next sentence.
    static REACH_CACHES: std::cell::Cell<Vec<Option<hybrid::dfa::Cache>>> = const { std::cell::Cell::new(Vec::new()) };
}

/// [`times_into`] a new list.
#[cfg(test)]
fn times(text: &str, years: &[(usize, usize)], published: Option<NaiveDate>, explicit_year: Option<i32>, open: u32) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    times_into(&mut out, &mut Vec::new(), text, years, published, explicit_year, open);
    out
}

/// A time expression found by a rule: its span, the rule's place, and what
/// it means.
type Candidate = (usize, usize, usize, TimeExpr);

/// Every time expression of `text` that the rules find, non-overlapping, in
/// order, given the places of its years ([`scan::years`]), its first year
/// ([`first_year`]) and the rules whose gate is open on it ([`gate`]): added
/// to `out`, with `cands` (left empty) for what the rules find before
/// overlaps are settled.
fn times_into(
    out: &mut Vec<TimeExpr>,
    cands: &mut Vec<Candidate>,
    text: &str,
    years: &[(usize, usize)],
    published: Option<NaiveDate>,
    explicit_year: Option<i32>,
    open: u32,
) {
    cands.clear();
    // On ASCII text the rules' own automata find each match before its
    // groups are read, so the searches need no bound ([`Rule::reach`]).
    let ascii = text.is_ascii();
    let mut reach_caches = Vec::new();
    if !ascii {
        reach_caches = REACH_CACHES.take();
        reach_caches.resize_with(RULE_SET.len(), || None);
    }
    for (prio, rule) in RULE_SET.iter().enumerate() {
        if open & 1 << prio == 0 {
            continue;
        }
        // The two rules that every year opens are matched by hand, as the
        // regexes would match them (a test holds the two equal).
        if matches!(rule.name, "year" | "deadline year") {
            let take = |hit: scan::Hit| {
                let c = Groups { text, found: Found::Scanned(&hit) };
                if let Some(t) = interpret(rule.name, &c, text, published, explicit_year) {
                    cands.push((hit.start, hit.end, prio, t));
                }
            };
            if rule.name == "year" {
                scan::year_hits(text, years, take);
            } else {
                scan::deadline_hits(text, years, take);
            }
            continue;
        }
        // A date's groups are not read ([`date_month`]): its rule is
        // searched for the match alone, which needs no capture engine.
        each_match(rule, text, rule.name != "date", reach_caches.get_mut(prio), |caps| {
            let m = caps.get_match().expect("each_match hands on matches");
            let c = Groups { text, found: Found::Caps(caps) };
            if let Some(t) = interpret(rule.name, &c, text, published, explicit_year) {
                cands.push((m.start(), m.end(), prio, t));
            }
        });
    }
    if !ascii {
        REACH_CACHES.set(reach_caches);
    }
    // Earliest first, then longest, then rule order.
    cands.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then((b.1 - b.0).cmp(&(a.1 - a.0)))
            .then(a.2.cmp(&b.2))
    });
    let first = out.len();
    for (start, end, _, mut t) in cands.drain(..) {
        if out[first..].last().is_some_and(|p| start < p.end) {
            continue;
        }
        if t.role == Role::Plain && t.period.is_some() && BASE_PREFIX.is_match(last_words(&text[..start], BASE_PREFIX_WORDS)) {
            t.role = Role::Base;
        }
        t.start = start;
        t.end = end;
        out.push(t);
    }
}

/// Calls `each` with every match of `rule` in `text`, in order, as
/// `captures_iter` of the rule would find them (a test holds the two equal),
/// with its groups when `groups` is set, else with the match alone. `reach`
/// is the rule's cache for [`Rule::reach`], given on non-ASCII text.
///
/// Every match of the rule starts where its twin has one (the twin drops
/// only assertions), so the rule is tried, anchored, only where the twin's
/// matches start, in order: the first place it matches is where its leftmost
/// match starts, and an anchored search there finds that match. An anchored
/// search reads only as far as the rule could match, where an unanchored one
/// would read on to the sentence's end. Rules never match empty (a test
/// checks), so this finds what `captures_iter` finds. With `reach`, the
/// search is held to where a match there can end; the regex still reads the
/// characters on either side of that span for its `\b`, so it finds the
/// same match.
fn each_match(rule: &Rule, text: &str, groups: bool, mut reach: Option<&mut Option<hybrid::dfa::Cache>>, mut each: impl FnMut(&Captures)) {
    let mut caps: Option<Captures> = None;
    let mut pos = 0;
    while let Some(from) = rule.relaxed.find_at(text, pos) {
        let caps = caps.get_or_insert_with(|| {
            if groups { rule.re.create_captures() } else { Captures::matches(rule.re.group_info().clone()) }
        });
        let end = match reach.as_deref_mut() {
            None => text.len(),
            Some(cache) => {
                let cache = cache.get_or_insert_with(|| rule.reach.create_cache());
                rule.reach(cache, text, from.start()).unwrap_or(text.len())
            }
        };
        rule.re.search_captures(&Input::new(text).range(from.start()..end).anchored(Anchored::Yes), caps);
        match caps.get_match() {
            Some(m) => {
                each(caps);
                pos = m.end();
            }
            None => pos = from.start() + text[from.start()..].chars().next().map_or(1, char::len_utf8),
        }
    }
}

/// The groups of one match of a rule, read as `regex::Captures` would give them.
struct Groups<'t> {
    text: &'t str,
    found: Found<'t>,
}

/// Where a match's groups are: in the regex's captures, or in a match made
/// by hand ([`scan`]), which has the whole match and one named group.
enum Found<'t> {
    Caps(&'t Captures),
    Scanned(&'t scan::Hit),
}

/// One matched group: where it starts and its text.
#[derive(Debug, Clone, Copy)]
struct Group<'t> {
    start: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    fn as_str(&self) -> &'t str {
        self.text
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

impl<'t> Groups<'t> {
    /// The whole match (0) or a numbered group.
    fn get(&self, i: usize) -> Option<Group<'t>> {
        match self.found {
            Found::Caps(caps) => caps.get_group(i).map(|s| self.group(s.start, s.end)),
            Found::Scanned(hit) => (i == 0).then(|| self.group(hit.start, hit.end)),
        }
    }
    fn name(&self, name: &str) -> Option<Group<'t>> {
        match self.found {
            Found::Caps(caps) => caps.get_group_by_name(name).map(|s| self.group(s.start, s.end)),
            Found::Scanned(hit) => (hit.group == name).then(|| self.group(hit.year.0, hit.year.1)),
        }
    }
    fn group(&self, start: usize, end: usize) -> Group<'t> {
        Group { start, text: &self.text[start..end] }
    }
    /// The text of a named group.
    fn text(&self, name: &str) -> Option<&'t str> {
        self.name(name).map(|g| g.text)
    }
}

/// The month name (`m1`) of a match of a date rule: its first word that
/// starts with a letter. Before the month, a date has only digits, white
/// space and dashes, and the month is a whole word, so a date's month needs
/// no capture group (a test holds this to the group).
fn date_month(date: &str) -> &str {
    let start = date.find(char::is_alphabetic).unwrap_or(date.len());
    let end = date[start..].find(|c: char| !regex_syntax::is_word_character(c)).map_or(date.len(), |i| start + i);
    &date[start..end]
}

/// The month number of a matched month word; English names need a capital
/// ("May" the month, not "may" the verb).
fn month_of(s: Option<&str>) -> Option<u32> {
    let s = s?;
    if s.is_ascii() && !s.starts_with(char::is_uppercase) {
        return None;
    }
    MONTHS.get(&s.to_lowercase()).copied()
}

fn num(c: &Groups, name: &str) -> Option<u32> {
    let s = c.name(name)?.as_str().to_lowercase();
    s.parse().ok().or_else(|| ORDINALS.get(&s).copied())
}

fn year(c: &Groups, name: &str) -> Option<i32> {
    c.name(name)?.as_str().parse().ok()
}

fn plain(period: Option<Label>, deadline: Option<Label>) -> Option<TimeExpr> {
    Some(TimeExpr {
        start: 0,
        end: 0,
        period,
        deadline,
        role: Role::Plain,
        base: None,
    })
}

fn with_role(role: Role) -> Option<TimeExpr> {
    Some(TimeExpr {
        start: 0,
        end: 0,
        period: None,
        deadline: None,
        role,
        base: None,
    })
}

/// The year a month of an undated range falls in: this year, or last year when
/// the month has not come yet at publication.
fn infer_year(month: u32, published: Option<NaiveDate>) -> Option<i32> {
    let p = published?;
    Some(if month > p.month() {
        p.year() - 1
    } else {
        p.year()
    })
}

fn interpret(
    rule: &str,
    c: &Groups,
    text: &str,
    published: Option<NaiveDate>,
    explicit_year: Option<i32>,
) -> Option<TimeExpr> {
    let pub_year = published.map(|d| d.year());
    // "next year", "within 20 years": a year counted from the publication's
    // is still one of four digits.
    let ys = |y: i32| FOUR_DIGIT_YEARS.contains(&y).then(|| year_label(y));
    match rule {
        "month range" => {
            let (m1, m2) = (month_of(c.text("m1"))?, month_of(c.text("m2"))?);
            let this = c.name("this").and(published.map(|d| d.year()));
            let y2 = year(c, "y2")
                .or(this)
                .or(year(c, "y1").map(|y| if m2 < m1 { y + 1 } else { y }))
                .or_else(|| infer_year(m2, published));
            let Some(y2) = y2 else {
                return plain(None, None);
            };
            let y1 = year(c, "y1").unwrap_or(if m1 <= m2 { y2 } else { y2 - 1 });
            // A range that is a half or a quarter takes its canonical name ("январь-июнь" -> H1).
            let canonical = match (m1, m2) {
                (1, 6) => Some("H1"),
                (7, 12) => Some("H2"),
                (1, 3) => Some("Q1"),
                (4, 6) => Some("Q2"),
                (7, 9) => Some("Q3"),
                (10, 12) => Some("Q4"),
                _ => None,
            };
            match canonical {
                Some(name) if y1 == y2 => plain(Some(format!("{y2}-{name}").into()), None),
                _ => plain(Some(format!("{y1}-{m1:02}/{y2}-{m2:02}").into()), None),
            }
        }
        "date" => {
            month_of(Some(date_month(c.get(0)?.as_str())))?;
            plain(None, None)
        }
        "fiscal year ended" => {
            let m = month_of(c.text("m1")).or(month_of(c.text("m2")))?;
            let end = infer_year(m, published)?;
            let (sy, sm) = if m == 12 { (end, 1) } else { (end - 1, m + 1) };
            plain(Some(format!("{sy}-{sm:02}/{end}-{m:02}").into()), None)
        }
        "fiscal year" => {
            let y1 = year(c, "y1")?;
            let y2: i32 = c.name("y2")?.as_str().parse().ok()?;
            // "2024-25": an April-March fiscal year; "2024-34" is a span of years.
            if (y1 + 1) % 100 != y2 {
                return None;
            }
            plain(Some(format!("{y1}-04/{}-03", y1 + 1).into()), None)
        }
        "fiscal year to" => {
            // "FY24": the April-March year that ends in 2024 (India's convention).
            let y2: i32 = 2000 + c.name("y2")?.as_str().parse::<i32>().ok()?;
            plain(Some(format!("{}-04/{y2}-03", y2 - 1).into()), None)
        }
        "quarters" => {
            let n = num(c, "n")?;
            let y = year(c, "y")?;
            (1..=4).contains(&n).then(|| TimeExpr {
                start: 0,
                end: 0,
                period: Some(format!("{y}-01/{y}-{:02}", n * 3).into()),
                deadline: None,
                role: Role::Plain,
                base: None,
            })
        }
        "quarter" => {
            let n = num(c, "n")?;
            if !(1..=4).contains(&n) {
                return None;
            }
            let y = year(c, "y").or(explicit_year).or(pub_year);
            plain(y.map(|y| format!("{y}-Q{n}").into()), None)
        }
        "half" => {
            let n = num(c, "n").or(num(c, "n2"))?;
            if !(1..=2).contains(&n) {
                return None;
            }
            let y = year(c, "y").or(explicit_year).or(pub_year);
            plain(y.map(|y| format!("{y}-H{n}").into()), None)
        }
        "months" => {
            let n = num(c, "n")?;
            if !(1..=11).contains(&n) {
                return None;
            }
            let first = c.get(0)?.as_str().to_lowercase();
            let first = first.contains("first") || first.contains("первые");
            // "the first nine months" with no year: this year, like "the first quarter".
            let y = year(c, "y").or(c.name("this").and(pub_year)).or(if first {
                pub_year
            } else {
                None
            });
            match y {
                // The canonical forms: the first six months are a half, three a quarter.
                Some(y) if n == 6 && c.get(0)?.as_str().to_lowercase().contains("first") => {
                    plain(Some(format!("{y}-H1").into()), None)
                }
                Some(y) if n == 3 && c.get(0)?.as_str().to_lowercase().contains("first") => {
                    plain(Some(format!("{y}-Q1").into()), None)
                }
                Some(y) => plain(Some(format!("{y}-01/{y}-{n:02}").into()), None),
                None => with_role(Role::Anaphoric),
            }
        }
        "last year" => plain(pub_year.and_then(|y| ys(y - 1)), None),
        "this year" => plain(pub_year.and_then(ys), pub_year.and_then(ys)),
        "end of year" => plain(None, pub_year.and_then(ys)),
        "next year" => plain(None, pub_year.and_then(|y| ys(y + 1))),
        "within years" => {
            let n = num(c, "n")? as i32;
            plain(None, pub_year.and_then(|y| ys(y + n)))
        }
        "vague" | "year range" => plain(None, None),
        "base" => Some(TimeExpr {
            base: Some(BaseRef::YearBack),
            ..with_role(Role::Base)?
        }),
        "base of year" => Some(TimeExpr {
            base: Some(match year(c, "y").or(year(c, "y2")) {
                Some(y) => BaseRef::Year(y),
                None => BaseRef::YearBack,
            }),
            ..with_role(Role::Base)?
        }),
        "anaphoric" => with_role(Role::Anaphoric),
        "stock" => with_role(Role::Stock),
        "deadline year" => {
            let y = year(c, "y").or(year(c, "y2")).or(year(c, "y3"))?;
            // "by 2022 the figure had risen to": a past year is when a level was reached.
            let past = pub_year.is_some_and(|p| y < p) && c.name("y3").is_none();
            plain(if past { ys(y) } else { None }, ys(y))
        }
        "year" => {
            let y = year(c, "y")?;
            let m = c.get(0)?;
            // A year glued to a unit or code ("2023-AA", "2023rd") is not a time.
            let after = &text[m.end()..];
            if after.starts_with(|ch: char| ch.is_alphanumeric())
                || after
                    .trim_start()
                    .strip_prefix(['-', '–', '/'])
                    .is_some_and(|r| r.trim_start().starts_with(|ch: char| ch.is_ascii_digit()))
            {
                return None;
            }
            // As a deadline: "in 2030", "for 2025", "в 2030 году" always (GOLD-FORMAT);
            // a bare year ("2023 turnover") only when it lies ahead; never the year
            // a goal was set ("the target set in 2022").
            let prefixed = c.get(0)?.as_str() != c.name("y")?.as_str();
            let future = pub_year.is_none_or(|p| y > p);
            let lead = c.get(0)?.as_str();
            let set_in = (lower_starts_with(lead, "in") || lower_starts_with(lead, "в ")) && scan::set_in(&text[..m.start()]);
            let period = ys(y);
            let deadline = if (prefixed || future) && !set_in { period.clone() } else { None };
            plain(period, deadline)
        }
        _ => None,
    }
}

/// Text ending in an amount: a month right after it dates the amount.
static AFTER_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\d|billion|million|bn|mln|dollars|euros|млрд|млн|долларов|рублей)\s*$")
        .expect("valid regex")
});

/// The single-month regex of [`single_months`].
static SINGLE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let mon = alternation(&MONTHS);
    Regex::new(&format!(
        r"(?i)\b(?P<pre>in|for|в|за)\s+(?P<m>{mon})\b(?:\s+(?P<alone>alone\b)|(?:\s+(?:alone\s+)?(?P<y>{YEAR}){YG}))?"
    ))
    .expect("valid regex")
});

/// Single months ("in January 2024", "в январе", "in January" with a year elsewhere
/// in the sentence): a separate pass, since a bare month needs the sentence's
/// year, given as `explicit_year` ([`first_year`]). `months` are the places of
/// the whole-word month names when the gate found them ([`gate`]); then the
/// regex is matched by hand ([`scan::single_month_hits`]).
pub fn single_months(
    text: &str,
    published: Option<NaiveDate>,
    explicit_year: Option<i32>,
    months: Option<&[(usize, usize)]>,
) -> Vec<TimeExpr> {
    let hits: Vec<scan::MonthHit> = match months {
        Some(months) => scan::single_month_hits(text, months),
        None => SINGLE_MONTH
            .captures_iter(text)
            .filter_map(|c| {
                let span = |g: regex::Match| (g.start(), g.end());
                let all = c.get(0)?;
                Some(scan::MonthHit {
                    start: all.start(),
                    end: all.end(),
                    pre: span(c.name("pre")?),
                    month: span(c.name("m")?),
                    alone: c.name("alone").map(span),
                    year: c.name("y").map(span),
                })
            })
            .collect(),
    };
    hits.into_iter()
        .filter_map(|h| {
            let m = month_of(Some(&text[h.month.0..h.month.1]))?;
            // A month with no year anywhere is the figure's own only when it says so
            // ("$8 billion in September alone", "за сентябрь"), not the month of a
            // statement ("in May, the minister told").
            let own = h.alone.is_some()
                || matches!(text[h.pre.0..h.pre.1].to_lowercase().as_str(), "for" | "за")
                || AFTER_AMOUNT.is_match(&text[..h.start]);
            let y = h.year.and_then(|(s, e)| text[s..e].parse().ok())
                .or(explicit_year)
                .or_else(|| infer_year(m, published).filter(|_| own))?;
            Some(TimeExpr {
                start: h.start,
                end: h.end,
                period: Some(format!("{y}-{m:02}").into()),
                deadline: None,
                role: Role::Plain,
                base: None,
            })
        })
        .collect()
}

/// All time expressions: the rule set plus single months that no rule covers.
pub fn time_exprs(text: &str, published: Option<NaiveDate>) -> Vec<TimeExpr> {
    let (lower, aligned) = super::lexicon::lower_text_aligned(text);
    let mut out = Vec::new();
    time_exprs_into(&mut out, &mut TimeLists::default(), text, &lower, aligned, published);
    out
}

/// The lists [`time_exprs_into`] works in, kept from sentence to sentence.
#[derive(Default)]
pub struct TimeLists {
    years: Vec<(usize, usize)>,
    cands: Vec<Candidate>,
}

/// [`time_exprs`], given the lower case of `text` and whether it is aligned
/// with it (`lower_text_aligned`), written into `out` (cleared first),
/// working in `lists`.
pub fn time_exprs_into(out: &mut Vec<TimeExpr>, lists: &mut TimeLists, text: &str, lower: &str, aligned: bool, published: Option<NaiveDate>) {
    out.clear();
    // A period or deadline is a year of four digits: a publication date in
    // another year (a date read as "24-1-5") dates nothing.
    let published = published.filter(|d| FOUR_DIGIT_YEARS.contains(&d.year()));
    let (open, months) = gate(text, lower, aligned);
    // Where the years stand ([`scan::years`]), found once for the rules that
    // start from them.
    let years = &mut lists.years;
    years.clear();
    years.extend(scan::years(text));
    let open = joined_years(text, years, open);
    let explicit_year = first_year(text, years);
    times_into(out, &mut lists.cands, text, years, published, explicit_year, month_shapes(text, open, months.as_deref()));
    // A single month needs a month name, as the month range rule does: when
    // that rule's gate is closed there is none.
    let months = if open & 1 << MONTH_GATE != 0 {
        single_months(text, published, explicit_year, months.as_deref())
    } else {
        Vec::new()
    };
    for m in months {
        let overlapping: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, t)| t.start < m.end && m.start < t.end)
            .map(|(i, _)| i)
            .collect();
        // A month swallows the bare year after it ("January 2024"); a range or date wins over it.
        if overlapping
            .iter()
            .all(|&i| out[i].period.as_deref().is_some_and(|p| p.len() == 4))
        {
            for i in overlapping.into_iter().rev() {
                out.remove(i);
            }
            out.push(m);
        }
    }
    out.sort_by_key(|t| t.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The places of `text`'s years, as [`time_exprs_into`] finds them.
    fn years_of(text: &str) -> Vec<(usize, usize)> {
        scan::years(text).collect()
    }

    /// A year's label is the year written out, borrowed inside the lent
    /// range and made outside it.
    #[test]
    fn year_labels_write_the_year() {
        for y in [-12_345, -1, 0, 7, 999, 1899, 1900, 1901, 2024, 2199, 2200, 9999, 10_000, i32::MAX] {
            let label = year_label(y);
            assert_eq!(label, y.to_string(), "{y}");
            assert_eq!(matches!(label, Cow::Borrowed(_)), LENT_YEARS.contains(&y), "{y}");
        }
        for y in LENT_YEARS {
            assert_eq!(year_label(y), y.to_string());
        }
    }

    /// Every letter that the rules' case folding matches to a letter of a gate
    /// literal lower-cases to that letter, except those in [`FOLD_IRREGULAR`]:
    /// so a literal found by `(?i)` in a text is found by the automaton in the
    /// text lower-cased.
    #[test]
    fn gate_literals_fold_like_the_rules_but_for_the_irregular_letters() {
        use regex_syntax::hir::{Class, HirKind};
        assert!(RULES.len() <= 32, "open rules are bits of a u32");
        let letters: std::collections::BTreeSet<char> = gate_literals().0.keys().flat_map(|l| l.chars()).collect();
        let mut irregular = std::collections::BTreeSet::new();
        for l in letters {
            assert_eq!(l.to_lowercase().to_string(), l.to_string(), "gate literals are lower case");
            let hir = regex_syntax::parse(&format!("(?i){}", regex::escape(&l.to_string()))).unwrap();
            let chars: Vec<char> = match hir.kind() {
                HirKind::Class(Class::Unicode(c)) => c.iter().flat_map(|r| r.start()..=r.end()).collect(),
                HirKind::Literal(_) => vec![l],
                other => panic!("{l:?} parses to {other:?}"),
            };
            assert!(chars.contains(&l));
            irregular.extend(chars.into_iter().filter(|c| c.to_lowercase().to_string() != l.to_string()));
        }
        let listed: std::collections::BTreeSet<char> = FOLD_IRREGULAR.iter().copied().collect();
        // holds_irregular looks for these by their first bytes.
        for &c in FOLD_IRREGULAR {
            let first = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            assert!(matches!(first, 0xC5 | 0xE1), "{c:?} starts with {first:#x}");
            for t in [format!("x{c}"), format!("«{c}»"), format!("ſ{c}é")] {
                assert!(holds_irregular(&t), "{t:?}");
            }
        }
        for t in ["Ş ṡ ⁃ «x» – é", "ÅÄÖ ᲆ ᲇ", ""] {
            assert_eq!(holds_irregular(t), t.contains(FOLD_IRREGULAR), "{t:?}");
        }
        assert_eq!(irregular, listed);
    }

    /// The automaton opens the same rules as the case-insensitive set.
    #[test]
    fn gate_literals_open_what_the_gate_set_opens() {
        let mut texts: Vec<String> = Vec::new();
        for t in crate::extract::corpus_sentences() {
            texts.extend([t.to_uppercase(), t.to_lowercase(), t]);
        }
        texts.push("The fiſcal year and the ᲄретий квартал".into());
        texts.push("The market may open on 12 may, from may to june 2024, in march.".into());
        let mut closed_months = 0;
        for text in &texts {
            let set = GATE_SET.matches(text).iter().fold(0u32, |bits, i| bits | 1 << i);
            let (lower, aligned) = crate::extract::lexicon::lower_text_aligned(text);
            assert_eq!(open_rules(text, &lower, false), set, "{text:?}");
            // With the case of month names read, the month rules may close,
            // and then neither they nor the single months find anything.
            let open = open_rules(text, &lower, aligned);
            assert_eq!(open | *MONTH_RULES, set | *MONTH_RULES, "{text:?}");
            if open != set {
                closed_months += 1;
                let years = years_of(text);
                let year = first_year(text, &years);
                assert_eq!(times(text, &years, pubd(), year, open), times(text, &years, pubd(), year, set), "{text:?}");
                assert!(single_months(text, pubd(), year, None).is_empty(), "{text:?}");
            }
        }
        // Without the fallback, the long s would close the fiscal rule.
        let lower = "the fiſcal year".to_lowercase();
        let literals: Vec<String> = gate_literals().0.into_keys().collect();
        assert!(crate::extract::each_literal(&GATE_LITERALS.ac, &lower, |p, _| literals[p] != "fiscal"));
        assert!(closed_months > 100, "{closed_months} texts with the month rules closed by case");
        assert_eq!(*MONTH_RULES, 0b111, "month range and the two dates");
    }

    /// [`month_shapes`] keeps each month rule wherever the rule matches: on
    /// the corpus as written and in capitals, and on generated months with
    /// numbers, dots, dashes and white space around them.
    #[test]
    fn month_shapes_drop_no_match() {
        let generated = crate::extract::generated_phrases(
            &[
                &["", "from ", "12 ", "3-5 ", "1 – 2 ", "x", "с ", "٣ ", "2024 ", "7\n", "4\u{a0}"],
                &["January", "JAN", "Jan", "may", "Mayor", "Sept", "января", "МАЯ", "Декабря", "December2024", "dec", "июнь"],
                &["", ".", " ", "-", " to ", "–", ". ", "\u{a0}", "\n", " по ", "x", ".x"],
                &["", "March", "14", "2024", "мая", "3rd", "٥", "June 5", "APR"],
                &["", " 2024", ",", " года", "x", " "],
            ],
            0x3E91_C04A_7B26_D85F,
            8_000,
            10,
        );
        let corpus = crate::extract::corpus_sentences();
        let upper: Vec<String> = corpus.iter().map(|t| t.to_uppercase()).collect();
        assert_eq!([RULES[MONTH_GATE].0, RULES[DAY_MONTH].0, RULES[MONTH_DAY].0], ["month range", "date", "date"]);
        let mut matched = [0; 3];
        let mut dropped = [0; 3];
        for text in generated.iter().chain(&corpus).chain(&upper) {
            let (lower, aligned) = crate::extract::lexicon::lower_text_aligned(text);
            let (_, months) = gate(text, &lower, aligned);
            let kept = month_shapes(text, u32::MAX, months.as_deref());
            for (k, i) in [MONTH_GATE, DAY_MONTH, MONTH_DAY].into_iter().enumerate() {
                if RULE_SET[i].re.is_match(text) {
                    assert!(kept & 1 << i != 0, "rule {i} matches {text:?} but month_shapes drops it");
                    matched[k] += 1;
                } else if kept & 1 << i == 0 {
                    dropped[k] += 1;
                }
            }
        }
        assert!(matched.iter().all(|&n| n > 300), "matches of the range and the two dates: {matched:?}");
        assert!(dropped.iter().all(|&n| n > 1_000), "texts each rule is dropped from: {dropped:?}");
    }

    /// Every rule match passes its rule's gate, so the gates drop nothing: in
    /// sentences holding every rule, in every corpus sentence as written and
    /// in capitals, and in generated phrases of the words around "year" and
    /// "period" (the gates of the relative years are rarer words than those).
    #[test]
    fn gates_pass_every_match_of_their_rule() {
        assert_eq!(GATES.len(), RULES.len(), "one gate per rule");
        assert_eq!(GATES[MONTH_GATE], Some(&["MON"][..]), "the month gate is the month names alone");
        // The twin matches wherever the rule does, so when it never matches
        // empty neither does the rule.
        for rule in RULE_SET.iter() {
            let hir = regex_syntax::parse(rule.relaxed.as_str()).expect("a valid rule");
            assert!(hir.properties().minimum_len().is_some_and(|n| n > 0), "{} may match empty", rule.name);
        }
        let texts = [
            "From January to September 2024 trade rose, in the fiscal year ended March 31 and in FY2023-24.",
            "In the first half of 2023, H1 2024, Q3 2022, the first three quarters and the first 9 months.",
            "Last year, by the end of the year, this year, next year, within five years and in the near future.",
            "Compared with the same period of 2022, year-on-year, in that year, since 2010, 2020-2025, by 2030.",
            "ТОВАРООБОРОТ ЗА ЯНВАРЬ-МАЙ 2024 ГОДА, В ПРОШЛОМ ГОДУ, ПО СРАВНЕНИЮ С АНАЛОГИЧНЫМ ПЕРИОДОМ, К 2030 ГОДУ.",
            "За первое полугодие, за 9 месяцев, в ближайшие годы, в следующем году, за тот же период 2023 года.",
            "Exports reached $8 billion in September alone; импорт в январе вырос.",
        ];
        let corpus = crate::extract::corpus_sentences();
        let upper: Vec<String> = corpus.iter().map(|t| t.to_uppercase()).collect();
        let phrases = crate::extract::generated_phrases(
            &[
                &["", "since the start of ", "since the beginning of ", "в ", "по итогам ", "с начала ", "by ", "by the end of ", "до ", "к ", "over ", "за ", "THAT "],
                &["this", "the current", "the", "этом", "текущем", "этого", "текущего", "This", "THE CURRENT", "the same", "that", "концу", "конца", "этот", "тот же"],
                &[" ", "\n", "\u{a0}"],
                &["year", "year's", "году", "года", "year-end", "year end", "period", "период", "PERIOD"],
            ],
            0x1D5C_7E20_94AB_36F1,
            2_000,
            4,
        );
        let joined = crate::extract::generated_phrases(
            &[
                &["", "FY", "FY ", "from ", "x"],
                &["2024", "2019", "2075", "20٢٤", "1990", "202"],
                &["", " ", "\u{a0}", "\n"],
                &["-", "–", "—", "/", "to", "TO", "To", "tO", "too", ",", "x"],
                &["", " "],
                &["25", "2025", "26 годы", "٢٥", "2030 гг.", "5"],
                &["", " ", "x", "."],
            ],
            0x52E8_0B4D_C1F7_3A96,
            10_000,
            7,
        );
        let (mut fiscal, mut range, mut dropped) = (0, 0, 0);
        for text in joined.iter().chain(&corpus).chain(&upper) {
            let kept = joined_years(text, &years_of(text), u32::MAX);
            dropped += usize::from(kept != u32::MAX);
            for (i, name, count) in [(FISCAL_YEAR, "fiscal year", &mut fiscal), (YEAR_RANGE, "year range", &mut range)] {
                assert_eq!(RULES[i].0, name);
                if RULE_SET[i].re.is_match(text) {
                    assert!(kept & 1 << i != 0, "rule {name} matches {text:?} but joined_years drops it");
                    *count += 1;
                }
            }
        }
        assert!(fiscal > 500 && range > 300 && dropped > 5_000, "{fiscal} fiscal years, {range} year ranges, {dropped} texts without");
        // The stock rule's phrases, whose gate is their rarest words.
        let stock = crate::extract::generated_phrases(
            &[
                &["", "x", "с ", "за последние ", "за ", "over the past ", "over ", "in ", "to ", "на ", "в ", "since ", "between ", "It "],
                &["2010", "five", "5", "the last", "настоящее", "сегодня", "many", "now", "уже", "current", "stand", "amounts", "totals"],
                &[" ", "\n", "\u{a0}"],
                &["года", "лет", "years", "decades", "decade", "время", "date", "and 2020", "at", "to", "ly", "s", "шний день"],
            ],
            0x0B7A_E5D3_2C91_F468,
            3_000,
            4,
        );
        // Quarters and halves written short, whose gates are the letter and
        // the digit together.
        let short = crate::extract::generated_phrases(
            &[
                &["", "in ", "x", "(", "1", "the "],
                &["H", "h", "Q", "q", "1", "2", "3", "5"],
                &["1", "2", "3", "4", "H", "h", "Q", ""],
                &["", " ", "\u{a0}", "\n", "x"],
                &["2024", "", "1999", "H", ")"],
            ],
            0x6C3F_91D2_E847_05BA,
            3_000,
            5,
        );
        let (mut halves, mut quarters) = (0, 0);
        for text in &short {
            halves += usize::from(RULE_SET[9].re.is_match(text));
            quarters += usize::from(RULE_SET[8].re.is_match(text));
        }
        assert_eq!((RULES[8].0, RULES[9].0), ("quarter", "half"));
        assert!(halves > 200 && quarters > 100, "{halves} short halves, {quarters} short quarters");
        let all = texts
            .iter()
            .copied()
            .chain(corpus.iter().chain(&upper).chain(&phrases).chain(&stock).chain(&short).map(String::as_str));
        for text in all {
            let open = GATE_SET.matches(text);
            if !single_months(text, pubd(), first_year(text, &years_of(text)), None).is_empty() {
                assert!(open.matched(MONTH_GATE), "a single month in {text:?} but the month gate is closed");
            }
            for (i, rule) in RULE_SET.iter().enumerate() {
                if rule.re.is_match(text) {
                    assert!(open.matched(i), "rule {} matches {text:?} but its gate is closed", rule.name);
                }
            }
        }
    }

    /// The prefix regexes read only the last words of the text before a time
    /// expression and answer as they do on all of it: at every word of every
    /// fixture sentence, and on made-up endings with odd spacing.
    #[test]
    fn prefix_regexes_read_only_the_last_words() {
        let mut texts: Vec<String> = vec![
            "exports were higher than  in\tthe same\u{a0}period of ".into(),
            "up 5% (compared with the same period in ".into(),
            "the target set\n".into(),
            "a level of ".into(),
            "x than ".into(),
            "sunset ".into(),
            "vs. ".into(),
            "по сравнению с ".into(),
        ];
        texts.extend(crate::extract::corpus_sentences());
        let (mut base, mut set) = (0, 0);
        for text in &texts {
            let ends = text.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8());
            for end in ends.chain([text.len()]) {
                let before = &text[..end];
                let b = BASE_PREFIX.is_match(before);
                assert_eq!(BASE_PREFIX.is_match(last_words(before, BASE_PREFIX_WORDS)), b, "{before:?}");
                let s = SET_IN.is_match(before);
                assert_eq!(SET_IN.is_match(last_words(before, 1)), s, "{before:?}");
                base += usize::from(b);
                set += usize::from(s);
            }
        }
        assert!(base > 50 && set > 2, "{base} base prefixes, {set} set-in prefixes");
        assert_eq!(last_words("a b  c d", 2), "c d");
        assert_eq!(last_words("a b ", 1), "b ");
        assert_eq!(last_words("b", 3), "b");
    }

    /// The month and ordinal alternations, factored, match as the flat
    /// ones, longest key first, do: every rule that holds one, and the single
    /// months, give the same matches and groups either way, on the corpus
    /// and on generated runs of month names, ordinals, their beginnings and
    /// the words around them.
    #[test]
    fn factored_alternations_match_as_the_flat_ones() {
        let flat = |map: &HashMap<String, u32>| sorted_keys(map).iter().map(|k| regex::escape(k)).collect::<Vec<_>>().join("|");
        let (mon, ord) = (alternation(&MONTHS), alternation(&ORDINALS));
        assert!(mon != flat(&MONTHS) && ord != flat(&ORDINALS), "shared beginnings are written once");
        let mut pairs: Vec<(String, Regex, Regex)> = RULES
            .iter()
            .filter(|(_, pat)| pat.contains("MON") || pat.contains("ORD"))
            .map(|(name, pat)| {
                let re = |m: &str, o: &str| Regex::new(&rule_pattern(pat, m, o)).unwrap();
                (name.to_string(), re(&mon, &ord), re(&flat(&MONTHS), &flat(&ORDINALS)))
            })
            .collect();
        assert!(pairs.len() >= 8, "{} rules with months or ordinals", pairs.len());
        let single = SINGLE_MONTH.as_str().replace(&mon, &flat(&MONTHS));
        assert_ne!(single, SINGLE_MONTH.as_str());
        pairs.push(("single months".into(), SINGLE_MONTH.clone(), Regex::new(&single).unwrap()));

        // Phrases of a lead, a month name or ordinal (as written in the
        // lexicon, in capitals, capitalised, cut short or run on), what may
        // come between, another, and a tail, with white space or none.
        let mut keys: Vec<String> = Vec::new();
        for key in sorted_keys(&MONTHS).into_iter().chain(sorted_keys(&ORDINALS)) {
            let mut c = key.chars();
            let first: String = c.next().into_iter().flat_map(char::to_uppercase).chain(c).collect();
            let cut: String = key.chars().take(key.chars().count() - 1).collect();
            keys.extend([key.to_string(), key.to_uppercase(), first, cut, format!("{key}x")]);
        }
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        const LEADS: &[&str] = &["", "from", "с", "за", "in", "the same", "12", "1-15", "fiscal year ended", "the first", "первые"];
        const MIDS: &[&str] = &[
            "", "-", "to", "2024", "quarter", "quarters", "half", "months", "месяцев", "квартал", "полугодия", "12", "of 2024",
        ];
        const TAILS: &[&str] = &["", "2024", "this year", "года", "2023 года", "of 2024", "last year", "."];
        const SPACES: &[&str] = &[" ", " ", " ", "", "\u{a0}", ", "];
        let slots: [&[&str]; 9] = [LEADS, SPACES, &keys, SPACES, MIDS, SPACES, &keys, SPACES, TAILS];
        let mut texts = crate::extract::generated_phrases(&slots, 0x2F1D_6B3A_9C04_E857, 6_000, 9);
        texts.extend(crate::extract::corpus_sentences());
        let mut matched = 0;
        for t in &texts {
            for (name, factored, flat) in &pairs {
                let groups = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                    re.captures_iter(t).map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect()).collect()
                };
                let got = groups(factored);
                assert_eq!(got, groups(flat), "{name}: {t:?}");
                matched += got.len();
            }
        }
        assert!(matched > 1_000, "{matched} matches");
    }

    /// A date's month, read without its capture group, is the group: on
    /// every corpus sentence and on generated dates with days, ranges and
    /// years of several shapes, in Unicode digits too.
    #[test]
    fn date_month_is_the_group() {
        let mut months: Vec<String> = Vec::new();
        for key in sorted_keys(&MONTHS) {
            let mut c = key.chars();
            months.extend([key.to_string(), c.next().into_iter().flat_map(char::to_uppercase).chain(c).collect()]);
        }
        let months: Vec<&str> = months.iter().map(String::as_str).collect();
        const DAYS: &[&str] = &["12", "1", "112", "3-15", "3 – 15", "3 -15", "١٢", "x12", "", "on"];
        const TAILS: &[&str] = &["12", "12-15", "2024", "2024 года", "", "3rd", "12,", "12, 2024", "."];
        const SPACES: &[&str] = &[" ", "  ", "", "\u{a0}", ". "];
        let slots: [&[&str]; 5] = [DAYS, SPACES, &months, SPACES, TAILS];
        let mut texts = crate::extract::generated_phrases(&slots, 0x51A7_3C0E_88F2_D461, 3_000, 10);
        texts.extend(crate::extract::corpus_sentences());
        let mut dates = 0;
        for (_, pat) in RULES.iter().filter(|(name, _)| *name == "date") {
            let re = Regex::new(&rule_pattern(pat, &alternation(&MONTHS), &alternation(&ORDINALS))).unwrap();
            for t in &texts {
                for c in re.captures_iter(t) {
                    assert_eq!(date_month(&c[0]), &c["m1"], "{t:?}");
                    dates += 1;
                }
            }
        }
        assert!(dates > 1_000, "{dates} dates");
    }

    /// The twin-anchored search finds what `captures_iter` of each rule
    /// finds, match for match and group for group, with and without its
    /// bound ([`Rule::reach`]) and with the match alone: on every corpus
    /// sentence, as written and in capitals, and on generated Russian and
    /// English phrases of the rules' words. The bound must cut the search
    /// short often for this to test it.
    #[test]
    fn each_match_is_captures_iter() {
        let (mon, ord) = (alternation(&MONTHS), alternation(&ORDINALS));
        const LEADS: &[&str] = &["", "с", "за", "в", "к", "до", "since", "over the past", "from", "the same", "first", "первые", "по итогам"];
        const WORDS: &[&str] = &[
            "января", "Январь", "May", "мая", "2024", "2024 года", "12", "третьем", "third", "квартале", "quarter", "полугодии", "half",
            "месяцев", "months", "лет", "years", "текущего года", "периодом", "ранее", "сейчас", "уже", "H1", "Q2", "FY24", "2023-24",
        ];
        const GAPS: &[&str] = &[" ", " ", "-", " – ", ", ", "\u{a0}", "й", "ё "];
        let slots: [&[&str]; 6] = [LEADS, GAPS, WORDS, GAPS, WORDS, GAPS];
        let mut texts = crate::extract::generated_phrases(&slots, 0x7A41_0C5E_93B2_6D18, 4_000, 12);
        let corpus = crate::extract::corpus_sentences();
        texts.extend(corpus.iter().map(|t| t.to_uppercase()));
        texts.extend(corpus);
        // A rule whose twin's first choice ends before the rule's match: the
        // bound is the twin's longest match, not its first.
        const SHORTER_TWIN: &str = r"(?:ab\b|abcd)";
        texts.push("abcd й".into());
        let mut rules: Vec<(&Rule, &str, String)> = RULE_SET
            .iter()
            .zip(RULES)
            .filter(|(_, (name, _))| !matches!(*name, "year" | "deadline year"))
            .map(|(rule, (name, pat))| (rule, *name, rule_pattern(pat, &mon, &ord)))
            .collect();
        let shorter = Rule::new("shorter twin", SHORTER_TWIN);
        rules.push((&shorter, shorter.name, SHORTER_TWIN.to_string()));
        let (mut matched, mut cut) = (0, 0);
        for (i, (rule, name, pat)) in rules.into_iter().enumerate() {
            let re = Regex::new(&pat).unwrap();
            let mut cache = Some(rule.reach.create_cache());
            for t in &texts {
                let want: Vec<Vec<Option<(usize, usize)>>> =
                    re.captures_iter(t).map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect()).collect();
                let spans = |caps: &Captures| -> Vec<Option<(usize, usize)>> {
                    (0..caps.group_len()).map(|g| caps.get_group(g).map(|s| (s.start, s.end))).collect()
                };
                let mut free = Vec::new();
                each_match(rule, t, true, None, |c| free.push(spans(c)));
                let mut bound = Vec::new();
                each_match(rule, t, true, Some(&mut cache), |c| bound.push(spans(c)));
                let mut bare = Vec::new();
                each_match(rule, t, false, Some(&mut cache), |c| bare.push(c.get_match().map(|m| (m.start(), m.end()))));
                assert_eq!(free, want, "rule {i} ({name}) on {t:?}");
                assert_eq!(bound, want, "rule {i} ({name}), bound, on {t:?}");
                let whole: Vec<Option<(usize, usize)>> = want.iter().map(|g| g[0]).collect();
                assert_eq!(bare, whole, "rule {i} ({name}), match alone, on {t:?}");
                matched += want.len();
                let mut pos = 0;
                while let Some(m) = rule.relaxed.find_at(t, pos) {
                    cut += usize::from(rule.reach(cache.as_mut().unwrap(), t, m.start()).is_some_and(|e| e < t.len()));
                    pos = m.end().max(m.start() + 1);
                    while !t.is_char_boundary(pos) {
                        pos += 1;
                    }
                }
            }
        }
        assert!(matched > 3_000 && cut > 4_000, "{matched} matches, {cut} searches cut short");
    }

    /// The byte scan for the first year finds what `\bYEAR\b` finds, on every
    /// fixture sentence and on strings of digits, letters and marks.
    #[test]
    fn first_year_is_the_regex() {
        let re = Regex::new(&format!(r"\b{YEAR}\b")).unwrap();
        let mut texts: Vec<String> = vec![
            "2024".into(), "x2024".into(), "2024x".into(), "_2024".into(), "й2024".into(), "2024\u{301}".into(),
            "12024 2025".into(), "1985-2069 1979 2070".into(), "в 2023-м".into(), "2023's".into(), "€2023".into(),
        ];
        texts.extend(crate::extract::corpus_sentences());
        texts.extend(crate::extract::generated_strings("1209867 -x_й\u{301}.", 0x2545_F491_4F6C_DD1D, 20_000, 10));
        let mut found = 0;
        for t in &texts {
            let want = re.find(t).and_then(|m| m.as_str().parse().ok());
            assert_eq!(first_year(t, &years_of(t)), want, "{t:?}");
            found += usize::from(want.is_some());
        }
        assert!(found > 150, "{found} years");
    }

    fn pubd() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, 11, 20)
    }

    /// The period of the single plain expression of `t`.
    fn period(t: &str) -> Option<String> {
        let ts: Vec<_> = time_exprs(t, pubd())
            .into_iter()
            .filter(|t| t.role == Role::Plain && (t.period.is_some() || t.deadline.is_some()))
            .collect();
        assert!(ts.len() <= 1, "{t}: {ts:?}");
        ts.first().and_then(|t| t.period.clone()).map(String::from)
    }

    fn deadline(t: &str) -> Option<String> {
        time_exprs(t, pubd()).into_iter().find_map(|t| t.deadline).map(String::from)
    }

    #[test]
    fn month_ranges() {
        for t in [
            "in January-September 2024",
            "Jan.-Sept. 2024",
            "за январь-сентябрь 2024 года",
            "января–сентября 2024 года",
            "in January-September",
            "from January to September 2024",
        ] {
            assert_eq!(period(t).as_deref(), Some("2024-01/2024-09"), "{t}");
        }
        assert_eq!(
            period("from April 2022 to February 2023").as_deref(),
            Some("2022-04/2023-02")
        );
        assert_eq!(
            period("in the first four months of 2024").as_deref(),
            Some("2024-01/2024-04")
        );
        assert_eq!(
            period("за три квартала 2024 года").as_deref(),
            Some("2024-01/2024-09")
        );
        assert_eq!(
            period("in the first nine months").as_deref(),
            Some("2024-01/2024-09")
        );
    }

    #[test]
    fn years_halves_quarters() {
        for t in [
            "in 2023",
            "for 2023",
            "в 2023 году",
            "за 2023 год",
            "по итогам 2023 года",
            "last year",
            "в прошлом году",
            "за прошлый год",
            "2023's trade",
            "of 2023",
        ] {
            assert_eq!(period(t).as_deref(), Some("2023"), "{t}");
        }
        for t in [
            "in the first half of 2024",
            "в первом полугодии 2024 года",
            "first half of the 2024",
            "H1 2024",
            "in the first six months of 2024",
        ] {
            assert_eq!(period(t).as_deref(), Some("2024-H1"), "{t}");
        }
        for t in [
            "in the first quarter",
            "Q1 2024",
            "in the first quarter of 2024",
            "в первом квартале 2024 года",
        ] {
            assert_eq!(period(t).as_deref(), Some("2024-Q1"), "{t}");
        }
        assert_eq!(period("in 2024-25").as_deref(), Some("2024-04/2025-03"));
        assert_eq!(period("in FY25").as_deref(), Some("2024-04/2025-03"));
        assert_eq!(period("in FY2024-25").as_deref(), Some("2024-04/2025-03"));
        assert_eq!(period("in January 2024").as_deref(), Some("2024-01"));
        let ts = time_exprs("continued into 2024: in January alone", pubd());
        assert_eq!(ts.last().and_then(|t| t.period.as_deref()), Some("2024-01"));
    }

    #[test]
    fn deadlines() {
        for t in [
            "by 2030",
            "к 2030 году",
            "до 2030 года",
            "before the 2030 deadline",
            "within six years",
            "in the next six years",
            "в ближайшие шесть лет",
        ] {
            assert_eq!(deadline(t).as_deref(), Some("2030"), "{t}");
        }
        for t in [
            "by the end of the year",
            "this year",
            "до конца года",
            "в этом году",
        ] {
            assert_eq!(deadline(t).as_deref(), Some("2024"), "{t}");
        }
    }

    #[test]
    fn not_periods() {
        for t in [
            "on April 18",
            "29 августа",
            "as of October 1, 2024",
            "since 2005",
            "in the near future",
            "than in 2022",
            "year on year",
            "годом ранее",
            "up 5% on 2022",
            "from the previous year",
            "compared with a year earlier",
            "compared to the same period last year",
            "по сравнению с аналогичным периодом прошлого года",
            "for 2024-2034",
            "presented in March",
            "may reach",
            "No. 10484-AA",
        ] {
            assert_eq!(period(t), None, "{t}");
        }
        assert_eq!(time_exprs("since 2005", pubd())[0].role, Role::Stock);
        assert_eq!(time_exprs("that year", pubd())[0].role, Role::Anaphoric);
        assert_eq!(
            time_exprs("за шесть месяцев", pubd())[0].role,
            Role::Anaphoric
        );
    }
}
