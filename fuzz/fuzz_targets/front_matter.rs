//! The text-article reader (front matter and body) over any bytes: an article
//! or an error naming the file, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

use econtrack::ingest::parse_text_article;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_text_article(Path::new("fuzz.txt"), text) {
        Ok(article) => assert!(!article.text.trim().is_empty(), "an article has a body"),
        Err(e) => assert!(e.to_string().starts_with("fuzz.txt"), "errors name the file: {e}"),
    }
});
