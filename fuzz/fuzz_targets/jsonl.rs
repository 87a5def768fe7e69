//! The JSONL reader over any bytes: every item is an article or an error that
//! names the file and a line within the input, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

use econtrack::ingest::JsonlReader;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    for item in JsonlReader::new(Path::new("fuzz.jsonl"), data) {
        match item {
            Ok(article) => assert!(!article.id.trim().is_empty(), "an article has an id"),
            Err(e) => {
                let text = e.to_string();
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
