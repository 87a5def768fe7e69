//! The extractor over any text: no panic, and every claim's span lies on
//! character boundaries inside the text and its value is finite.
#![no_main]

use libfuzzer_sys::fuzz_target;

use econtrack::Article;
use econtrack::extract::extract_claims;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    // The first byte picks the language and whether a date is known, so both
    // the English and the Russian rules and relative dates get exercised.
    let flags = data.first().copied().unwrap_or(0);
    let article = Article {
        id: "fuzz".into(),
        title: String::new(),
        published: (flags & 1 == 1).then(|| chrono::NaiveDate::from_ymd_opt(2024, 5, 24).unwrap()),
        source: String::new(),
        lang: if flags & 2 == 2 { "ru" } else { "en" }.into(),
        text,
        ..Default::default()
    };
    for claim in extract_claims(&article) {
        let (start, end) = (claim.span_start as usize, claim.span_end as usize);
        assert!(start <= end && end <= article.text.len(), "span {start}..{end} outside the text");
        assert!(article.text.is_char_boundary(start) && article.text.is_char_boundary(end));
        assert!(claim.value.is_finite(), "value {}", claim.value);
        assert!(!claim.evidence.is_empty());
    }
});
