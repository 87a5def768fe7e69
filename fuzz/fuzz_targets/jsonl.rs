//! The JSONL reader over any bytes: every item is an article with an id and a
//! text, or an error that names the file and a line within the input (or, last,
//! counts the bad lines not shown), never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

use econtrack::ingest::JsonlReader;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    let mut counted = false;
    for item in JsonlReader::new(Path::new("fuzz.jsonl"), data) {
        assert!(!counted, "the count of bad lines not shown comes last");
        match item {
            Ok(article) => {
                assert!(!article.id.trim().is_empty(), "an article has an id");
                assert!(!article.text.trim().is_empty(), "an article has a text");
            }
            Err(e) => {
                let text = e.to_string();
                // After the first few bad lines, one error at the file counts the rest.
                if let Some(rest) = text.strip_prefix("fuzz.jsonl: ") {
                    assert!(rest.ends_with(" not shown"), "a file-level error counts bad lines: {text}");
                    counted = true;
                    continue;
                }
                let line: usize = text
                    .strip_prefix("fuzz.jsonl:")
                    .and_then(|rest| rest.split(':').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("the error names a line: {text}"));
                assert!((1..=lines).contains(&line), "line {line} of {lines}: {text}");
            }
        }
    }
});
