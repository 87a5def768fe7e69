//! The HTML reader over any bytes, with and without a charset from the caller:
//! an article with text or an error naming the file, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

use econtrack::ingest::parse_html;

fuzz_target!(|data: &[u8]| {
    for charset in [None, Some("windows-1251")] {
        match parse_html(Path::new("fuzz.html"), data, charset) {
            Ok(article) => assert!(!article.text.trim().is_empty(), "an article has text"),
            Err(e) => assert!(e.to_string().starts_with("fuzz.html"), "errors name the file: {e}"),
        }
    }
});
