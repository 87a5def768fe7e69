//! Claim-level corpus tests: short sentences of our own wording.

use super::extract_claims;
use crate::{Article, Claim};
use chrono::NaiveDate;

fn article(title: &str, text: &str) -> Article {
    Article {
        id: "t".into(),
        title: title.into(),
        published: NaiveDate::from_ymd_opt(2024, 6, 1),
        source: "test".into(),
        lang: String::new(),
        text: text.into(),
    }
}

fn claims(title: &str, text: &str) -> Vec<Claim> {
    extract_claims(&article(title, text))
}

#[test]
fn a_simple_actual() {
    let c = claims("Kazakhstan and Kyrgyzstan", "Trade between Kazakhstan and Kyrgyzstan reached $1.5 billion in 2023.");
    assert_eq!(c.len(), 1);
}
