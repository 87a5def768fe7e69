//! Bytes to text, with the checks every reader shares: a byte-order mark
//! (UTF-8, or UTF-16 decoded), binary data, and invalid UTF-8 at a named byte.

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use crate::error::{Error, Location};

/// How many leading bytes are looked at to tell text from binary data.
const SNIFF: usize = 8192;

/// Decodes a text file: UTF-8 (a leading byte-order mark is dropped) or UTF-16
/// with a byte-order mark. Binary data and invalid UTF-8 are errors naming the
/// file and the byte.
pub fn decode_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<Cow<'a, str>, Error> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                return Err(Error::parse(
                    Location::file(path),
                    format!("invalid {} text, expected a UTF-8 or UTF-16 text file", encoding.name()),
                ));
            }
            return Ok(Cow::Owned(text.into_owned()));
        }
        return utf8(path, &bytes[bom..], bom);
    }
    if let Some(at) = binary_at(bytes) {
        let hint = if looks_like_utf16(bytes) { " (UTF-16 without a byte-order mark? save it as UTF-8)" } else { "" };
        return Err(Error::parse(
            Location { path: path.to_path_buf(), line: None, byte: Some(at) },
            format!("binary data (a NUL byte), expected a text article{hint}"),
        ));
    }
    utf8(path, bytes, 0)
}

fn utf8<'a>(path: &Path, bytes: &'a [u8], offset: usize) -> Result<Cow<'a, str>, Error> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        let at = e.valid_up_to();
        let found = &bytes[at..bytes.len().min(at + 4)];
        Error::parse(
            Location { path: path.to_path_buf(), line: None, byte: Some(offset + at) },
            format!("invalid UTF-8 (found bytes {found:02x?}), expected a UTF-8 text file; re-save it as UTF-8"),
        )
    })
}

/// The offset of the first NUL byte near the start: text never has one.
fn binary_at(bytes: &[u8]) -> Option<usize> {
    bytes[..bytes.len().min(SNIFF)].iter().position(|&b| b == 0)
}

/// ASCII text in UTF-16 has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    half >= 4 && (zeros(0) * 10 >= half * 8 || zeros(1) * 10 >= half * 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String, String> {
        decode_text(Path::new("a.txt"), bytes).map(Cow::into_owned).map_err(|e| e.to_string())
    }

    #[test]
    fn utf8_with_and_without_a_mark() {
        assert_eq!(decode("Trade $2 billion".as_bytes()).unwrap(), "Trade $2 billion");
        assert_eq!(decode("\u{feff}Товарооборот".as_bytes()).unwrap(), "Товарооборот");
    }

    #[test]
    fn utf16_with_a_mark_is_decoded() {
        let mut le = vec![0xff, 0xfe];
        le.extend("Trade ₸".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), "Trade ₸");
        let mut be = vec![0xfe, 0xff];
        be.extend("Товар".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap(), "Товар");
    }

    #[test]
    fn binary_and_invalid_bytes_are_named_with_their_offset() {
        assert_eq!(decode(b"GIF89a\x01\x00\x00").unwrap_err(), "a.txt: byte 7: binary data (a NUL byte), expected a text article");
        let utf16: Vec<u8> = "Trade turnover".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(decode(&utf16).unwrap_err().contains("UTF-16 without a byte-order mark"));
        assert_eq!(
            decode(b"Trade \xff\xfe rose").unwrap_err(),
            "a.txt: byte 6: invalid UTF-8 (found bytes [ff, fe, 20, 72]), expected a UTF-8 text file; re-save it as UTF-8"
        );
        assert!(decode(b"\xef\xbb\xbfok \xc3").unwrap_err().starts_with("a.txt: byte 6:"), "the offset counts the mark");
    }
}
