//! Every size limit of the readers, in one place. Each is enforced while
//! reading, so no input, however large or however it lies about its size,
//! makes a reader hold more than about its limit; what goes past one is an
//! error naming the file and the line or byte, and the rest of the batch goes
//! on. With these limits, reading one input peaks under 100 MB (measured, debug
//! build: 82 MB for a web archive's 8 MiB windows-1251 page, 58 MB for an
//! 8 MiB page of tags, 25 MB for a 12 MB JSONL line).

use crate::error::{Error, Location};

/// An article's text, from any reader: 4 MiB, some 600,000 words. The longest
/// news articles run to some 100 KB; a larger text is a dump or a book.
pub const MAX_TEXT: usize = 4 * 1024 * 1024;

/// A `.txt` or `.md` file: twice [`MAX_TEXT`], room for the text in UTF-16
/// plus front matter. Larger files are refused by their size before reading.
pub const MAX_TEXT_FILE: u64 = 2 * MAX_TEXT as u64;

/// An HTML page: a `.html` file, or the decoded body of a WARC response
/// (after chunked and gzip decoding). 8 MiB: news pages with their inline
/// scripts and styles run to 2 MB at most.
pub const MAX_HTML: usize = 8 * 1024 * 1024;

/// Elements open at once in a parsed page (the parser's stack, about the
/// tree's depth): start tags nested deeper are dropped and their text kept
/// in the deepest element allowed. Real pages nest fewer than 64 deep;
/// browsers cap theirs at 512 (Blink). The parser walks this stack for many
/// tags, so a page of 200 unclosed `<b>`s and then flat `<div>`s costs in
/// proportion to it (256: 14x the seconds per MB of ordinary pages, 128: 3x).
pub const MAX_HTML_DEPTH: usize = 128;

/// Attributes of one tag in a page; those past it are cut. Real tags have
/// fewer than 30; the parser compares each with those before it.
pub const MAX_HTML_ATTRIBUTES: usize = 64;

/// Nodes (elements, texts, comments) in a parsed page: start tags beyond are
/// dropped, their text kept. Real pages hold a few thousand; this bounds the
/// parsed tree at some tens of MB even for an 8 MiB page of nothing but tags.
/// The parser re-opens unclosed formatting elements (`<b>`) for each new
/// block, a node each, so text can still add nodes: at twice this many the
/// rest of the page is dropped.
pub const MAX_HTML_NODES: usize = 200_000;

/// A JSONL line: three times [`MAX_TEXT`] plus 1 MiB, 13 MiB: room for the
/// text written with `\uXXXX` escapes (Python's `json.dumps` writes Cyrillic
/// so: six bytes for a two-byte letter) and for the other fields. A longer
/// line is passed over without being held, and the next line read.
pub const MAX_JSONL_LINE: usize = 3 * MAX_TEXT + 1024 * 1024;

/// Bad lines of a JSONL file reported one by one; the rest are counted in one
/// error at the end of the file.
pub const MAX_BAD_LINES_SHOWN: usize = 5;

/// A WARC record's block held in memory: 32 MiB, room for an HTML response of
/// [`MAX_HTML`] however encoded. Larger blocks are streamed past; when such
/// a block is an HTML response, that is an error at the record's byte.
pub const MAX_WARC_BLOCK: u64 = 32 * 1024 * 1024;

/// A header line of a WARC record or of an HTTP response in one.
pub const MAX_HEADER_LINE: usize = 64 * 1024;

/// Header lines of a WARC record, and of an HTTP response in one. Real
/// records have about 10 of each.
pub const MAX_HEADERS: usize = 256;

/// An article's text over [`MAX_TEXT`] is an error at `location`.
pub(crate) fn check_text(location: &Location, text: &str) -> Result<(), Error> {
    text_limit(text).map_err(|message| Error::parse(location.clone(), message))
}

/// What is wrong with a text over [`MAX_TEXT`].
pub(crate) fn text_limit(text: &str) -> Result<(), String> {
    if text.len() <= MAX_TEXT {
        return Ok(());
    }
    Err(format!("article text of {} bytes, over the {} limit for an article", text.len(), size(MAX_TEXT as u64)))
}

/// A size in the units people read: `512 bytes`, `64 KiB`, `4 MiB`, `1.1 GiB`.
pub(crate) fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        b if b < KIB => format!("{b} bytes"),
        b if b < KIB * KIB => format_unit(b, KIB, "KiB"),
        b if b < KIB * KIB * KIB => format_unit(b, KIB * KIB, "MiB"),
        b => format_unit(b, KIB * KIB * KIB, "GiB"),
    }
}

fn format_unit(bytes: u64, unit: u64, name: &str) -> String {
    if bytes.is_multiple_of(unit) {
        format!("{} {name}", bytes / unit)
    } else {
        format!("{:.1} {name}", bytes as f64 / unit as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(64 * 1024), "64 KiB");
        assert_eq!(size(MAX_TEXT as u64), "4 MiB");
        assert_eq!(size(MAX_HTML as u64 + 512 * 1024), "8.5 MiB");
        assert_eq!(size(1_200_000_000), "1.1 GiB");
    }
}
