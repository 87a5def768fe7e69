//! The WARC reader over any bytes, plain and as the gzip reader sees them: it
//! ends, every error names a byte inside the input, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

use econtrack::ingest::WarcReader;

fuzz_target!(|data: &[u8]| {
    let mut items = 0usize;
    for item in WarcReader::new(Path::new("fuzz.warc"), data) {
        items += 1;
        assert!(items <= data.len() + 1, "the reader keeps making items");
        if let Err(e) = item {
            let text = e.to_string();
            let byte: usize = text
                .strip_prefix("fuzz.warc: byte ")
                .and_then(|rest| rest.split(':').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("the error names a byte: {text}"));
            assert!(byte <= data.len(), "byte {byte} of {}: {text}", data.len());
        }
    }
    let gz = flate2::read::MultiGzDecoder::new(data);
    for _ in WarcReader::new(Path::new("fuzz.warc.gz"), std::io::BufReader::new(gz)) {}
});
