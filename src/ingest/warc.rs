//! Web archives (`.warc`, `.warc.gz`): each HTML response becomes an article.
//!
//! A record is a `WARC/1.x` line, header lines, a blank line, `Content-Length`
//! bytes of block and a blank line. A `WARC-Type: response` record whose block
//! is an HTTP response with status 200 and an HTML content type is read with
//! [`super::html`]: the id is the record's `WARC-Record-ID` (without
//! `<urn:uuid:`), the source its `WARC-Target-URI`, and the date the page's
//! own, else the `WARC-Date`. Chunked and gzip-encoded HTTP bodies are
//! decoded. Other records (warcinfo, request, metadata, images, redirects)
//! are passed over without a word; HTML pages with no article text (index
//! and gallery pages) are passed over too, and counted
//! ([`WarcReader::counting`]).
//!
//! A malformed record is an error naming the byte where it starts (in the
//! uncompressed stream); the reader then looks for the next `WARC/` line and
//! goes on. A stream that ends inside a record, or cannot be read (a truncated
//! gzip file), ends with one error.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use flate2::read::GzDecoder;

use super::html::parse_html;
use crate::error::{Error, Location};
use crate::Article;

/// Header lines longer than this are not WARC headers.
const MAX_LINE: usize = 64 * 1024;
/// A record block larger than this is passed over unread (no page is).
const MAX_BLOCK: u64 = 64 * 1024 * 1024;

/// Streams the articles of a WARC file (already decompressed).
pub struct WarcReader<R> {
    path: PathBuf,
    reader: R,
    /// Bytes consumed so far.
    offset: usize,
    /// A version line found while resynchronising, to be read again, and its offset.
    pending: Option<(usize, Vec<u8>)>,
    done: bool,
    /// HTML pages passed over for having no article text.
    without_text: Arc<AtomicUsize>,
}

/// One record's headers and block.
struct Record {
    start: usize,
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(path: &Path, reader: R) -> Self {
        WarcReader { path: path.to_path_buf(), reader, offset: 0, pending: None, done: false, without_text: Arc::default() }
    }

    /// Counts the HTML pages passed over for having no article text into
    /// `counter`, which the caller keeps.
    pub fn counting(mut self, counter: Arc<AtomicUsize>) -> Self {
        self.without_text = counter;
        self
    }

    fn error_at(&self, byte: usize, message: impl Into<String>) -> Error {
        Error::parse(Location { path: self.path.clone(), line: None, byte: Some(byte) }, message)
    }

    /// Reads one line (with its end), counting the bytes.
    fn line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        buf.clear();
        let n = (&mut self.reader).take(MAX_LINE as u64).read_until(b'\n', buf)?;
        self.offset += n;
        Ok(n)
    }

    /// The next record, `Ok(None)` at the end of the stream.
    fn record(&mut self) -> Result<Option<Record>, Error> {
        let mut buf = Vec::new();
        // Blank lines between records, then the version line.
        let start = loop {
            let (at, n) = match self.pending.take() {
                Some((at, line)) => {
                    buf = line;
                    (at, buf.len())
                }
                None => {
                    let at = self.offset;
                    (at, self.line(&mut buf).map_err(|e| self.io_error(at, e))?)
                }
            };
            if n == 0 {
                return Ok(None);
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if buf.starts_with(b"WARC/") {
                break at;
            }
            let found = String::from_utf8_lossy(&buf[..buf.len().min(40)]).trim_end().to_string();
            let err = self.error_at(at, format!("expected a `WARC/1.0` record line, found {found:?}"));
            self.resync(&mut buf)?;
            return Err(err);
        };
        let mut headers = Vec::new();
        loop {
            let at = self.offset;
            let n = self.line(&mut buf).map_err(|e| self.io_error(at, e))?;
            if n == 0 {
                self.done = true;
                return Err(self.error_at(start, "the file ends inside a record's headers"));
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            match line.split_once(':') {
                Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
                None => {
                    let err = self.error_at(at, format!("malformed WARC header {:?}, expected `Name: value`", truncate(line)));
                    self.resync(&mut buf)?;
                    return Err(err);
                }
            }
        }
        let length = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Content-Length")).map(|(_, v)| v.as_str());
        let Some(length) = length.and_then(|v| v.parse::<u64>().ok()) else {
            let err = self.error_at(start, format!("record has no valid Content-Length (found {:?})", length.unwrap_or("")));
            self.resync(&mut buf)?;
            return Err(err);
        };
        let mut block = Vec::new();
        let read = (&mut self.reader).take(length).read_to_end(&mut block).map_err(|e| self.io_error(start, e))?;
        self.offset += read;
        if (read as u64) < length {
            self.done = true;
            return Err(self.error_at(start, format!("the file ends inside a record: {read} of {length} bytes")));
        }
        if length > MAX_BLOCK {
            block.clear();
        }
        Ok(Some(Record { start, headers, block }))
    }

    fn io_error(&mut self, at: usize, e: std::io::Error) -> Error {
        self.done = true;
        self.error_at(at, format!("cannot read on ({e}); the file may be truncated"))
    }

    /// Skips to the next `WARC/` version line, kept in `pending` so the next
    /// record starts with it.
    fn resync(&mut self, buf: &mut Vec<u8>) -> Result<(), Error> {
        loop {
            let at = self.offset;
            let n = self.line(buf).map_err(|e| self.io_error(at, e))?;
            if n == 0 {
                self.done = true;
                return Ok(());
            }
            if buf.starts_with(b"WARC/") {
                // Put the version line back in front of the rest.
                self.pending = Some((at, std::mem::take(buf)));
                return Ok(());
            }
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Article, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.record() {
                Ok(None) => self.done = true,
                Ok(Some(record)) => {
                    if let Some(article) = self.article(&record) {
                        return Some(article);
                    }
                }
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

impl<R: BufRead> WarcReader<R> {
    /// The article of an HTML response record; `None` for any other record.
    fn article(&self, record: &Record) -> Option<Result<Article, Error>> {
        if !record.header("WARC-Type")?.eq_ignore_ascii_case("response") {
            return None;
        }
        let http = parse_http(&record.block)?;
        if http.status != 200 || !is_html(&http.content_type) {
            return None;
        }
        let id = record.header("WARC-Record-ID").unwrap_or("").trim_matches(['<', '>']);
        let id = id.strip_prefix("urn:uuid:").unwrap_or(id).to_string();
        if id.is_empty() {
            return Some(Err(self.error_at(record.start, "response record has no WARC-Record-ID, expected one as the article id")));
        }
        let body = match http.decoded_body() {
            Ok(body) => body,
            Err(message) => return Some(Err(self.error_at(record.start, message))),
        };
        let charset = charset_of(&http.content_type);
        let Ok(mut article) = parse_html(&self.path, &body, charset.as_deref()) else {
            self.without_text.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        article.id = id;
        article.origin = crate::Origin::Byte(record.start);
        article.source = record.header("WARC-Target-URI").unwrap_or("").to_string();
        if article.published.is_none() {
            article.published = record.header("WARC-Date").and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
        }
        Some(Ok(article))
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

/// An HTTP response in a record block.
struct Http<'a> {
    status: u16,
    content_type: String,
    chunked: bool,
    gzip: bool,
    body: &'a [u8],
}

fn parse_http(block: &[u8]) -> Option<Http<'_>> {
    let head_end = block.windows(4).position(|w| w == b"\r\n\r\n").map(|p| (p, p + 4))
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|p| (p, p + 2)))?;
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let mut http = Http { status, content_type: String::new(), chunked: false, gzip: false, body: &block[head_end.1..] };
    for line in lines {
        let Some((k, v)) = line.split_once(':') else { continue };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-type" => http.content_type = v,
            "transfer-encoding" => http.chunked = v.contains("chunked"),
            "content-encoding" => http.gzip = v.contains("gzip"),
            _ => {}
        }
    }
    Some(http)
}

impl Http<'_> {
    fn decoded_body(&self) -> Result<Vec<u8>, String> {
        let body = if self.chunked { dechunk(self.body)? } else { self.body.to_vec() };
        if !self.gzip {
            return Ok(body);
        }
        let mut out = Vec::new();
        GzDecoder::new(&body[..]).read_to_end(&mut out).map_err(|e| format!("gzip-encoded page cannot be decoded: {e}"))?;
        Ok(out)
    }
}

fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html") || content_type.starts_with("application/xhtml+xml")
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|p| p.trim().strip_prefix("charset=")).map(|c| c.trim_matches('"').to_string())
}

/// Decodes an HTTP chunked body.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let eol = data.windows(2).position(|w| w == b"\r\n").ok_or("chunked body: a chunk size line has no end")?;
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| format!("chunked body: bad chunk size {size_text:?}"))?;
        data = &data[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size {
            return Err(format!("chunked body: a chunk of {size} bytes has only {}", data.len()));
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, date: &str, block: &[u8], extra: &str) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}-id>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    const PAGE: &str = "<html><body><article><p>Trade reached $2 billion in 2023.</p></article></body></html>";

    fn read(bytes: &[u8]) -> Vec<Result<Article, String>> {
        WarcReader::new(Path::new("a.warc"), bytes).map(|r| r.map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn html_responses_become_articles_and_other_records_are_passed_over() {
        let dated = PAGE.replace("<html>", "<html><head><meta property=\"article:published_time\" content=\"2024-05-24\"></head>");
        let mut warc = record("warcinfo", "x", "2025-01-01T00:00:00Z", b"software: test\r\n", "");
        warc.extend(record("request", "http://a/1", "2025-01-01T00:00:00Z", b"GET /1 HTTP/1.1\r\n\r\n", ""));
        warc.extend(record("response", "http://a/1", "2025-01-02T00:00:00Z", &http("Content-Type: text/html; charset=utf-8\r\n", dated.as_bytes()), ""));
        warc.extend(record("response", "http://a/2", "2025-01-03T09:00:00Z", &http("Content-Type: text/html\r\n", PAGE.as_bytes()), ""));
        warc.extend(record("response", "http://a/logo.png", "2025-01-03T00:00:00Z", &http("Content-Type: image/png\r\n", b"\x89PNG"), ""));
        warc.extend(record("response", "http://a/moved", "2025-01-03T00:00:00Z", b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", ""));
        let index = "<html><body><nav><a href=\"/1\">One</a></nav></body></html>";
        warc.extend(record("response", "http://a/", "2025-01-03T00:00:00Z", &http("Content-Type: text/html\r\n", index.as_bytes()), ""));
        let counter = Arc::new(AtomicUsize::new(0));
        let articles: Vec<Article> =
            WarcReader::new(Path::new("a.warc"), &warc[..]).counting(counter.clone()).map(Result::unwrap).collect();
        assert_eq!(counter.load(Ordering::Relaxed), 1, "the index page is counted, the image and the redirect are not pages");
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].id, "http://a/1-id");
        assert_eq!(articles[0].source, "http://a/1");
        assert_eq!(articles[0].published, NaiveDate::from_ymd_opt(2024, 5, 24), "the page's date wins");
        assert_eq!(articles[1].published, NaiveDate::from_ymd_opt(2025, 1, 3), "the WARC date is the fallback");
        assert_eq!(articles[1].text, "Trade reached $2 billion in 2023.");
    }

    #[test]
    fn chunked_and_gzip_bodies_are_decoded() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(PAGE.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = Vec::new();
        for part in gz.chunks(20) {
            chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let block = http("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", &chunked);
        let items = read(&record("response", "http://a/z", "2025-01-01T00:00:00Z", &block, ""));
        assert_eq!(items[0].as_ref().unwrap().text, "Trade reached $2 billion in 2023.");
        assert_eq!(dechunk(b"5\r\nab").unwrap_err(), "chunked body: a chunk of 5 bytes has only 2");
    }

    #[test]
    fn a_malformed_record_is_named_by_its_byte_and_the_next_one_is_read() {
        let good = record("response", "http://a/1", "2025-01-01T00:00:00Z", &http("Content-Type: text/html\r\n", PAGE.as_bytes()), "");
        let mut warc = b"garbage line\r\nmore\r\n".to_vec();
        warc.extend(&good);
        let bad_header = good.len() + 20;
        warc.extend(b"WARC/1.0\r\nWARC-Type response\r\n\r\n");
        warc.extend(&good);
        let no_length = warc.len();
        warc.extend(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\n");
        warc.extend(&good);
        let truncated = warc.len();
        warc.extend(&good[..good.len() - 30]);
        let items = read(&warc);
        let got: Vec<String> = items.iter().map(|r| r.as_ref().map_or_else(|e| e.clone(), |a| format!("ok {}", a.id))).collect();
        assert_eq!(
            got[..6],
            [
                "a.warc: byte 0: expected a `WARC/1.0` record line, found \"garbage line\"".to_string(),
                "ok http://a/1-id".into(),
                format!("a.warc: byte {}: malformed WARC header \"WARC-Type response\", expected `Name: value`", bad_header + 10),
                "ok http://a/1-id".into(),
                format!("a.warc: byte {no_length}: record has no valid Content-Length (found \"lots\")"),
                "ok http://a/1-id".into(),
            ][..]
        );
        assert!(got[6].starts_with(&format!("a.warc: byte {truncated}: the file ends inside a record: ")), "{}", got[6]);
    }
}
