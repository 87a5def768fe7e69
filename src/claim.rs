//! `Claim`: one numeric statement about trade, the row type of the claims table.
//!
//! The field names are GOLD-FORMAT's vocabulary; [`CLAIM_COLUMNS`] fixes the
//! column order of every claims export.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    TradeTurnover,
    Exports,
    Imports,
    Investment,
    Gdp,
    Other,
}

/// Whether a figure is reported, aimed at, or expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Actual,
    Target,
    Forecast,
}

/// A level (an amount of money) or a percent change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Level,
    GrowthPct,
}

macro_rules! str_enum {
    ($ty:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),*];

            /// The name used in tables and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $name),* }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($name => Ok(<$ty>::$variant),)*
                    _ => Err(format!(
                        "expected one of {}, found {s:?}",
                        [$($name),*].join(", ")
                    )),
                }
            }
        }
    };
}

str_enum!(Indicator {
    TradeTurnover => "trade_turnover",
    Exports => "exports",
    Imports => "imports",
    Investment => "investment",
    Gdp => "gdp",
    Other => "other",
});
str_enum!(ClaimKind { Actual => "actual", Target => "target", Forecast => "forecast" });
str_enum!(Measure { Level => "level", GrowthPct => "growth_pct" });

/// The claims table's columns, in order (DESIGN.md).
pub const CLAIM_COLUMNS: [&str; 17] = [
    "claim_id", "article_id", "published", "source", "indicator", "country", "partner",
    "kind", "measure", "value", "unit", "period", "deadline", "approx", "evidence",
    "span_start", "span_end",
];

/// A country or currency code: one of the extractor's own (borrowed, no
/// allocation per claim), or read from a table (owned).
pub type Code = Cow<'static, str>;

/// One numeric claim, traceable to its article, sentence and byte span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id: a hash of `article_id` and the amount's span ([`claim_id`]).
    pub claim_id: String,
    /// Shared by the claims of one article, as its source is.
    pub article_id: Arc<str>,
    pub published: Option<NaiveDate>,
    pub source: Arc<str>,
    pub indicator: Indicator,
    /// ISO 3166-1 alpha-3 code, or `EU`, `EAEU`, `CIS`, `WORLD`.
    pub country: Code,
    /// The other party; `None` for one-country indicators such as GDP.
    pub partner: Option<Code>,
    pub kind: ClaimKind,
    pub measure: Measure,
    /// Base units: 2 billion is 2e9, 11.6 percent is 11.6.
    pub value: f64,
    /// ISO 4217 code, or `%` for growth rates.
    pub unit: Code,
    /// What an actual refers to: `2023`, `2024-01/2024-09`, `2024-H1`, `2024-Q1`.
    pub period: Option<String>,
    /// The year a target or forecast is due.
    pub deadline: Option<String>,
    /// Hedged: about, nearly, over, more than.
    pub approx: bool,
    /// The sentence the claim comes from, whole when it has at most
    /// [`crate::extract::EVIDENCE_SENTENCE_BYTES`] bytes; in a longer one, the
    /// amount with up to [`crate::extract::EVIDENCE_CONTEXT_BYTES`] of the
    /// sentence either side, cut at words, "…" marking each cut.
    pub evidence: String,
    /// Byte offsets of the amount in the article text (in a long sentence
    /// too: the spans never refer to the evidence).
    pub span_start: u32,
    pub span_end: u32,
}

/// A stable claim id: 16 hex digits of FNV-1a over the article id and the span.
///
/// FNV is fixed by its spec, so ids do not change between Rust releases the way
/// `DefaultHasher` output may.
pub fn claim_id(article_id: &str, span_start: u32, span_end: u32) -> String {
    // FNV-1a over "{article_id}\0{span_start}\0{span_end}", fed piece by
    // piece rather than formatted into a string first (one id per draft).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    let mut digits = [0u8; 10];
    feed(article_id.as_bytes());
    feed(&[0]);
    feed(decimal(span_start, &mut digits));
    feed(&[0]);
    feed(decimal(span_end, &mut digits));
    // As `format!("{h:016x}")` writes it, without the formatting machinery.
    let mut hex = [0u8; 16];
    for (i, d) in hex.iter_mut().enumerate() {
        *d = b"0123456789abcdef"[(h >> (60 - 4 * i)) as usize & 0xf];
    }
    std::str::from_utf8(&hex).expect("hex digits are ASCII").to_string()
}

/// `n` in decimal digits, written at the end of `buf`.
fn decimal(mut n: u32, buf: &mut [u8; 10]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids are stored: fed piece by piece, the hash is the one of the
    /// formatted key it was first defined on.
    #[test]
    fn claim_ids_hash_the_formatted_key() {
        let formatted = |id: &str, s: u32, e: u32| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in format!("{id}\u{0}{s}\u{0}{e}").bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            format!("{h:016x}")
        };
        for id in ["", "kz-kg-2024-01", "статья/7", "a\u{0}b"] {
            for (s, e) in [(0, 0), (0, 9), (7, 10), (99, 100), (12345, 4_294_967_295), (u32::MAX, u32::MAX)] {
                assert_eq!(claim_id(id, s, e), formatted(id, s, e), "{id:?} {s} {e}");
            }
        }
        assert_eq!(claim_id("kz-kg-2024-01", 10, 52).len(), 16);
    }

    #[test]
    fn enums_round_trip_through_their_names() {
        for i in Indicator::ALL {
            assert_eq!(i.as_str().parse::<Indicator>(), Ok(*i));
        }
        assert!("turnover".parse::<Indicator>().unwrap_err().contains("trade_turnover"));
        assert_eq!("growth_pct".parse::<Measure>(), Ok(Measure::GrowthPct));
        assert_eq!("forecast".parse::<ClaimKind>(), Ok(ClaimKind::Forecast));
    }

    #[test]
    fn claim_ids_are_stable_and_distinct() {
        assert_eq!(claim_id("a", 1, 5), claim_id("a", 1, 5));
        assert_ne!(claim_id("a", 1, 5), claim_id("a", 1, 6));
        assert_ne!(claim_id("a", 1, 5), claim_id("b", 1, 5));
        assert_eq!(claim_id("a", 1, 5).len(), 16);
        // Pinned: a change here would rename every stored claim.
        assert_eq!(claim_id("kzkg-2026-02-13", 10, 20), "7abc68039b9ab0c6");
    }
}
