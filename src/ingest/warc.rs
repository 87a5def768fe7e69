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
//!
//! Memory is bounded ([`super::limits`]): a record with more than
//! [`MAX_HEADERS`] header lines, or one longer than [`MAX_HEADER_LINE`], is an
//! error; a block over [`MAX_WARC_BLOCK`] is streamed past unheld (an error
//! when it is an HTML response, else passed over like any other record); an
//! HTTP body that decodes (chunked, gzip) past [`MAX_HTML`] is an error.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use flate2::read::GzDecoder;

use super::html::{Unread, read_page};
use super::limits::{self, MAX_HEADER_LINE, MAX_HEADERS, MAX_HTML, MAX_WARC_BLOCK};
use crate::error::{Error, Location};
use crate::Article;

/// How much of a block over [`MAX_WARC_BLOCK`] is read to tell whether it
/// is an HTML page: its HTTP status line and headers.
const HTTP_HEAD: u64 = 64 * 1024;

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
        let n = (&mut self.reader).take(MAX_HEADER_LINE as u64).read_until(b'\n', buf)?;
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
            if n == MAX_HEADER_LINE && !buf.ends_with(b"\n") {
                let limit = limits::size(MAX_HEADER_LINE as u64);
                let err = self.error_at(at, format!("a header line longer than {limit}, over the limit for a WARC record"));
                self.resync(&mut buf)?;
                return Err(err);
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if headers.len() == MAX_HEADERS {
                let err = self.error_at(start, format!("more than {MAX_HEADERS} header lines, over the limit for a WARC record"));
                self.resync(&mut buf)?;
                return Err(err);
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
        let mut record = Record { start, headers, block: Vec::new() };
        let response = record.header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        // Only responses are read; a larger block is held no further than its
        // HTTP head, and streamed past.
        let held = match (response, length <= MAX_WARC_BLOCK) {
            (false, _) => 0,
            (true, true) => length,
            (true, false) => HTTP_HEAD,
        };
        let read = (&mut self.reader).take(held).read_to_end(&mut record.block).map_err(|e| self.io_error(start, e))?;
        let skipped = io::copy(&mut (&mut self.reader).take(length - read as u64), &mut io::sink()).map_err(|e| self.io_error(start, e))?;
        let read = read as u64 + skipped;
        self.offset += read as usize;
        if read < length {
            self.done = true;
            return Err(self.error_at(start, format!("the file ends inside a record: {read} of {length} bytes")));
        }
        if response && length > MAX_WARC_BLOCK {
            // Passed over without a word only when its head says it is no page.
            if !matches!(parse_http(&record.block), Some(Ok(http)) if !http.is_page()) {
                let limit = limits::size(MAX_WARC_BLOCK);
                return Err(self.error_at(start, format!("response block of {length} bytes, over the {limit} limit for a WARC record")));
            }
            record.block.clear();
        }
        Ok(Some(record))
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
        let http = match parse_http(&record.block)? {
            Ok(http) => http,
            Err(message) => return Some(Err(self.error_at(record.start, message))),
        };
        if !http.is_page() {
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
        let mut article = match read_page(&self.path, &body, charset.as_deref()) {
            Ok(article) => article,
            Err(Unread::OverLimit(message)) => return Some(Err(self.error_at(record.start, message))),
            Err(Unread::NoText(_)) => {
                self.without_text.fetch_add(1, Ordering::Relaxed);
                return None;
            }
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

/// The HTTP response in a block: `None` when it is not one, an error when
/// its head is over a limit.
fn parse_http(block: &[u8]) -> Option<Result<Http<'_>, String>> {
    let head_end = block.windows(4).position(|w| w == b"\r\n\r\n").map(|p| (p, p + 4))
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|p| (p, p + 2)))?;
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let mut http = Http { status, content_type: String::new(), chunked: false, gzip: false, body: &block[head_end.1..] };
    for (n, line) in lines.enumerate() {
        if n == MAX_HEADERS {
            return Some(Err(format!("more than {MAX_HEADERS} HTTP header lines, over the limit for a response")));
        }
        if line.len() > MAX_HEADER_LINE {
            let limit = limits::size(MAX_HEADER_LINE as u64);
            return Some(Err(format!("an HTTP header line longer than {limit}, over the limit for a response")));
        }
        let Some((k, v)) = line.split_once(':') else { continue };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-type" => http.content_type = v,
            "transfer-encoding" => http.chunked = v.contains("chunked"),
            "content-encoding" => http.gzip = v.contains("gzip"),
            _ => {}
        }
    }
    Some(Ok(http))
}

impl Http<'_> {
    /// An HTML page: status 200 and an HTML content type.
    fn is_page(&self) -> bool {
        self.status == 200 && is_html(&self.content_type)
    }

    /// The body, dechunked and gunzipped; an error when gzip inflates it past
    /// [`MAX_HTML`].
    fn decoded_body(&self) -> Result<Cow<'_, [u8]>, String> {
        // A plain body is not copied; the page reader refuses one over the limit.
        let body = if self.chunked { Cow::Owned(dechunk(self.body)?) } else { Cow::Borrowed(self.body) };
        if !self.gzip {
            return Ok(body);
        }
        // Stopped at the limit: a small body can inflate to gigabytes.
        let limit = limits::size(MAX_HTML as u64);
        let mut out = Vec::new();
        GzDecoder::new(&body[..])
            .take(MAX_HTML as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("gzip-encoded page cannot be decoded: {e}"))?;
        if out.len() > MAX_HTML {
            return Err(format!("gzip-encoded page inflates past the {limit} limit for an HTML page"));
        }
        Ok(Cow::Owned(out))
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

    fn good() -> Vec<u8> {
        record("response", "http://a/1", "2025-01-01T00:00:00Z", &http("Content-Type: text/html\r\n", PAGE.as_bytes()), "")
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(data).unwrap();
        gz.finish().unwrap()
    }

    /// Items of a WARC given as a reader, so a block can be gigabytes of
    /// `io::repeat` without the test holding them.
    fn read_from(reader: impl Read) -> Vec<String> {
        WarcReader::new(Path::new("a.warc"), io::BufReader::new(reader))
            .map(|r| r.map_or_else(|e| e.to_string(), |a| format!("ok {}", a.id)))
            .collect()
    }

    /// A block over the limit is streamed past (read whole, a 1 GB block
    /// took 1.06 GB): an error for an HTML response, nothing for an image;
    /// the record after it is read.
    #[test]
    fn a_block_over_the_limit_is_streamed_past_and_the_next_record_read() {
        let length = 2 * MAX_WARC_BLOCK;
        let good = good();
        let head = |kind: &str, content_type: &str| {
            format!("WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {length}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n")
        };
        for (kind, content_type, first) in [
            ("response", "text/html", Some("a.warc: byte 0: response block of 67108864 bytes, over the 32 MiB limit for a WARC record")),
            ("response", "image/png", None),
            ("resource", "text/html", None),
        ] {
            let head = head(kind, content_type);
            let body = io::repeat(b' ').take(length - (head.len() - head.find("HTTP/").unwrap()) as u64);
            let warc = head.as_bytes().chain(body).chain(&b"\r\n\r\n"[..]).chain(&good[..]);
            let want: Vec<String> = first.map(str::to_string).into_iter().chain(["ok http://a/1-id".to_string()]).collect();
            assert_eq!(read_from(warc), want, "{kind} {content_type}");
        }
        // Cut short, it ends the stream with its byte, as before.
        let head = head("response", "text/html");
        let warc = head.as_bytes().chain(io::repeat(0).take(1000));
        assert_eq!(read_from(warc), [format!("a.warc: byte 0: the file ends inside a record: {} of {length} bytes", 1000 + head.len() - head.find("HTTP/").unwrap())]);
    }

    /// A gzip body that inflates past the limit is stopped there (it was
    /// inflated whole: 1.25 GB from a small record).
    #[test]
    fn a_body_decoding_past_the_limit_is_an_error_at_its_record() {
        let bomb = gzip(&vec![b' '; MAX_HTML + 1]);
        let block = http("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", &bomb);
        let mut warc = record("response", "http://a/bomb", "2025-01-01T00:00:00Z", &block, "");
        let chunked_at = warc.len();
        let mut chunked = format!("{:x}\r\n", MAX_HTML + 1).into_bytes();
        chunked.extend(vec![b' '; MAX_HTML + 1]);
        chunked.extend(b"\r\n0\r\n\r\n");
        warc.extend(record("response", "http://a/big", "2025-01-01T00:00:00Z", &http("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", &chunked), ""));
        warc.extend(good());
        assert_eq!(
            read(&warc).into_iter().map(|r| r.map_or_else(|e| e, |a| a.id)).collect::<Vec<_>>(),
            [
                "a.warc: byte 0: gzip-encoded page inflates past the 8 MiB limit for an HTML page".to_string(),
                format!("a.warc: byte {chunked_at}: page of 8388609 bytes, over the 8 MiB limit for an HTML page"),
                "http://a/1-id".into(),
            ]
        );
    }

    /// 40 million header lines filled memory until the process aborted; now
    /// the count stops at the limit and the reader finds the next record.
    #[test]
    fn too_many_or_too_long_header_lines_are_an_error_and_the_next_record_is_read() {
        let mut warc = b"WARC/1.0\r\nWARC-Type: response\r\n".to_vec();
        warc.extend("X-Filler: 1\r\n".repeat(100_000).into_bytes());
        warc.extend(b"Content-Length: 0\r\n\r\n\r\n\r\n");
        let long_at = warc.len();
        warc.extend(b"WARC/1.0\r\nX-Long: ");
        warc.extend(vec![b'x'; MAX_HEADER_LINE]);
        warc.extend(b"\r\n\r\n");
        warc.extend(good());
        let http_at = warc.len();
        let block = http(&"Set-Cookie: a=b\r\n".repeat(MAX_HEADERS + 1), PAGE.as_bytes());
        warc.extend(record("response", "http://a/cookies", "2025-01-01T00:00:00Z", &block, ""));
        warc.extend(good());
        let long_http_at = warc.len();
        let block = http(&format!("Set-Cookie: {}\r\n", "a".repeat(MAX_HEADER_LINE)), PAGE.as_bytes());
        warc.extend(record("response", "http://a/cookie", "2025-01-01T00:00:00Z", &block, ""));
        assert_eq!(
            read_from(&warc[..]),
            [
                "a.warc: byte 0: more than 256 header lines, over the limit for a WARC record".to_string(),
                format!("a.warc: byte {}: a header line longer than 64 KiB, over the limit for a WARC record", long_at + 10),
                "ok http://a/1-id".into(),
                format!("a.warc: byte {http_at}: more than 256 HTTP header lines, over the limit for a response"),
                "ok http://a/1-id".into(),
                format!("a.warc: byte {long_http_at}: an HTTP header line longer than 64 KiB, over the limit for a response"),
            ]
        );
    }

    #[test]
    fn a_page_text_over_the_limit_is_an_error_at_its_record() {
        let page = format!("<p>{}</p>", "Trade. ".repeat(crate::ingest::MAX_TEXT / 7 + 1));
        let mut warc = record("response", "http://a/long", "2025-01-01T00:00:00Z", &http("Content-Type: text/html\r\n", page.as_bytes()), "");
        warc.extend(good());
        let got = read_from(&warc[..]);
        assert!(got[0].starts_with("a.warc: byte 0: article text of "), "{got:?}");
        assert!(got[0].ends_with(" bytes, over the 4 MiB limit for an article"), "{got:?}");
        assert_eq!(got[1], "ok http://a/1-id");
    }
}
