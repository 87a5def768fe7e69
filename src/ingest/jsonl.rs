//! JSONL article dumps: one JSON object per line.

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::front_matter::parse_date;
use super::limits::{self, MAX_BAD_LINES_SHOWN, MAX_JSONL_LINE};
use crate::article::detect_lang;
use crate::error::{Error, Location};
use crate::{Article, Origin};

#[derive(Deserialize)]
struct Record {
    id: String,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// Streams the articles of a JSONL file, one line at a time: a broken line
/// (invalid JSON or UTF-8, a missing field or an empty text, a bad date, a
/// line over [`MAX_JSONL_LINE`]) is an error naming `path:line`, and the lines
/// after it still come. The first [`MAX_BAD_LINES_SHOWN`] bad lines are
/// reported one by one and the rest in one error at the end (binary data
/// would make one per line). Blank lines are allowed. A read error (a
/// truncated gzip stream, say) ends the stream with one error.
pub struct JsonlReader<R> {
    path: PathBuf,
    reader: R,
    line: usize,
    buf: Vec<u8>,
    done: bool,
    /// Bad lines reported, and those counted but not shown.
    shown: usize,
    hidden: usize,
    /// Errors left to give once the lines are read: the count of the
    /// hidden ones, and a read error.
    tail: Vec<Error>,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(path: &Path, reader: R) -> Self {
        JsonlReader { path: path.to_path_buf(), reader, line: 0, buf: Vec::new(), done: false, shown: 0, hidden: 0, tail: Vec::new() }
    }

    /// The next line into `buf`, holding at most [`MAX_JSONL_LINE`] bytes of
    /// it: its length without the line end, `None` at the end of the file.
    /// A longer line is read on to its end without being kept.
    fn read_line(&mut self) -> io::Result<Option<usize>> {
        self.buf.clear();
        let n = (&mut self.reader).take(MAX_JSONL_LINE as u64 + 1).read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        if self.buf.ends_with(b"\n") {
            return Ok(Some(n - 1));
        }
        let mut length = n;
        if n > MAX_JSONL_LINE {
            self.buf.clear();
            loop {
                let available = self.reader.fill_buf()?;
                if available.is_empty() {
                    break;
                }
                let (used, end) = match memchr::memchr(b'\n', available) {
                    Some(at) => (at + 1, true),
                    None => (available.len(), false),
                };
                self.reader.consume(used);
                length += used - usize::from(end);
                if end {
                    break;
                }
            }
        }
        Ok(Some(length))
    }

    /// The article of one line, `None` for a blank one.
    fn article(&mut self, length: usize) -> Option<Result<Article, Error>> {
        let location = Location::line(&self.path, self.line);
        if length > MAX_JSONL_LINE {
            let limit = limits::size(MAX_JSONL_LINE as u64);
            return Some(Err(Error::parse(location, format!("line of {length} bytes, over the {limit} limit for a JSONL line"))));
        }
        let line = match std::str::from_utf8(&self.buf) {
            Ok(line) => line.trim_start_matches('\u{feff}'),
            Err(e) => {
                let message =
                    format!("invalid UTF-8 at column {}, expected UTF-8 JSON; re-save the file as UTF-8", e.valid_up_to() + 1);
                return Some(Err(Error::parse(location, message)));
            }
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(parse_record(line, &location))
    }

    /// Ends the lines: the count of bad lines not shown, if any, goes first.
    fn finish(&mut self, read_error: Option<Error>) {
        self.done = true;
        if self.hidden > 0 {
            let lines = if self.hidden == 1 { "line" } else { "lines" };
            self.tail.push(Error::parse(Location::file(&self.path), format!("{} more bad {lines} not shown", self.hidden)));
        }
        self.tail.extend(read_error);
        self.tail.reverse();
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.read_line() {
                Ok(None) => self.finish(None),
                Ok(Some(length)) => {
                    self.line += 1;
                    match self.article(length) {
                        None => {}
                        Some(Ok(article)) => return Some(Ok(article)),
                        Some(Err(e)) if self.shown < MAX_BAD_LINES_SHOWN => {
                            self.shown += 1;
                            return Some(Err(e));
                        }
                        Some(Err(_)) => self.hidden += 1,
                    }
                }
                Err(e) => {
                    let error = Error::io(Location::line(&self.path, self.line + 1), e);
                    self.finish(Some(error));
                }
            }
        }
        self.tail.pop().map(Err)
    }
}

/// What is wrong with a line, by its column: serde_json counts lines and
/// columns within the string it was given, and our line is one line.
fn json_message(line: &str, e: &serde_json::Error) -> String {
    let full = e.to_string();
    let what = full.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&full);
    if e.is_data() && !line.trim_start().starts_with('{') {
        "not an article: expected a JSON object with `id` and `text`".to_string()
    } else if e.is_data() {
        format!("not an article: {what}; expected an object with `id` and `text`")
    } else if e.is_eof() || e.line() > 1 {
        // The error is at or past the end of the line: something was left open.
        "invalid JSON: the line ends inside a string, object or array; expected one whole JSON object per line (write line breaks in `text` as \\n)".to_string()
    } else {
        format!("invalid JSON at column {}: {what}", e.column())
    }
}

/// Parses every line of JSONL text held in memory (see [`JsonlReader`]).
pub fn parse_jsonl(path: &Path, content: &str) -> (Vec<Article>, Vec<Error>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for item in JsonlReader::new(path, content.as_bytes()) {
        match item {
            Ok(article) => articles.push(article),
            Err(e) => errors.push(e),
        }
    }
    (articles, errors)
}

fn parse_record(line: &str, location: &Location) -> Result<Article, Error> {
    let record: Record = serde_json::from_str(line).map_err(|e| Error::parse(location.clone(), json_message(line, &e)))?;
    if record.id.trim().is_empty() {
        return Err(Error::parse(location.clone(), "`id` is empty, expected an article id"));
    }
    // As for an empty text file: an empty text would replace the article's claims with none.
    if record.text.trim().is_empty() {
        return Err(Error::parse(location.clone(), "`text` is empty, expected the article text"));
    }
    limits::check_text(location, &record.text)?;
    let published = parse_date(record.published.as_deref().unwrap_or(""), location)?;
    let lang = record.lang.filter(|l| !l.is_empty()).unwrap_or_else(|| detect_lang(&record.text).to_string());
    Ok(Article {
        id: record.id,
        title: record.title.unwrap_or_default(),
        published,
        source: record.source.unwrap_or_default(),
        lang,
        text: record.text,
        origin: Origin::Line(location.line.unwrap_or(0)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_good_lines_and_reports_bad_ones() {
        let content = concat!(
            r#"{"id": "a1", "title": "T", "published": "2024-05-24", "text": "Trade reached $2 billion."}"#, "\n",
            "\n",
            "{not json\n",
            r#"{"id": "a2", "text": "Товарооборот вырос.", "published": "May 2024"}"#, "\n",
            r#"{"id": "a3", "text": "x", "published": null}"#, "\n",
        );
        let (articles, errors) = parse_jsonl(Path::new("dump.jsonl"), content);
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a3"]);
        assert_eq!(articles[0].lang, "en");
        assert_eq!(articles[1].published, None);
        assert_eq!(errors.len(), 2);
        assert!(errors[0].to_string().starts_with("dump.jsonl:3: invalid JSON"), "{}", errors[0]);
        assert_eq!(errors[1].to_string(), "dump.jsonl:4: `published` must be YYYY-MM-DD, found \"May 2024\"");
    }

    #[test]
    fn a_line_of_bad_bytes_or_a_missing_field_is_named_and_the_rest_read() {
        let content: &[u8] = b"{\"id\": \"a\", \"text\": \"ok\"}\r\n{\"id\": \"b\", \"text\": \"\xff\"}\n{\"id\": \"c\"}\n[1, 2]\n{\"id\": \"d\", \"text\": \"ok\"}";
        let items: Vec<Result<Article, String>> =
            JsonlReader::new(Path::new("d.jsonl"), content).map(|r| r.map_err(|e| e.to_string())).collect();
        assert_eq!(items.len(), 5);
        assert_eq!(items[0].as_ref().unwrap().id, "a");
        assert_eq!(items[1].as_ref().unwrap_err(), "d.jsonl:2: invalid UTF-8 at column 22, expected UTF-8 JSON; re-save the file as UTF-8");
        assert!(items[2].as_ref().unwrap_err().starts_with("d.jsonl:3: not an article: missing field `text`"), "{:?}", items[2]);
        assert_eq!(items[3].as_ref().unwrap_err(), "d.jsonl:4: not an article: expected a JSON object with `id` and `text`");
        assert_eq!(items[4].as_ref().unwrap().id, "d");
    }

    #[test]
    fn a_line_left_open_or_broken_midway_says_so_by_column() {
        let content = concat!(
            r#"{"id": "a", "text": "Trade reached $1 billion"#, "\n",
            r#"{"id": "b", "text": "ok""#, "\n",
            r#"{"id": "c", text: "ok"}"#, "\n",
            r#"{"id": "d", "text": "unclosed at the end of the file"#,
        );
        let (articles, errors) = parse_jsonl(Path::new("d.jsonl"), content);
        assert!(articles.is_empty());
        let open = "invalid JSON: the line ends inside a string, object or array; expected one whole JSON object per line (write line breaks in `text` as \\n)";
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages[0], format!("d.jsonl:1: {open}"));
        assert_eq!(messages[1], format!("d.jsonl:2: {open}"));
        assert_eq!(messages[2], "d.jsonl:3: invalid JSON at column 13: key must be a string");
        assert_eq!(messages[3], format!("d.jsonl:4: {open}"));
    }

    /// Binary data gave an error per line (57,985 for one file): the first
    /// few are shown, the rest counted at the end, and good lines still come.
    #[test]
    fn a_flood_of_bad_lines_is_counted_after_the_first_few() {
        let mut content = String::new();
        for i in 0..1000 {
            content.push_str(if i == 500 { r#"{"id": "good", "text": "Trade $1 billion."}"# } else { "\u{1}\u{2}garbage" });
            content.push('\n');
        }
        let items: Vec<Result<Article, String>> =
            JsonlReader::new(Path::new("d.jsonl"), content.as_bytes()).map(|r| r.map_err(|e| e.to_string())).collect();
        assert_eq!(items.len(), MAX_BAD_LINES_SHOWN + 2);
        assert_eq!(items[0].as_ref().unwrap_err(), "d.jsonl:1: invalid JSON at column 1: expected value");
        assert_eq!(items[4].as_ref().unwrap_err(), "d.jsonl:5: invalid JSON at column 1: expected value");
        assert_eq!(items[5].as_ref().unwrap().id, "good");
        assert_eq!(items[5].as_ref().unwrap().origin, Origin::Line(501));
        assert_eq!(items[6].as_ref().unwrap_err(), "d.jsonl: 994 more bad lines not shown");
    }

    /// An empty text was accepted and wiped the id's stored claims; an empty
    /// `.txt` is refused, and so is this.
    #[test]
    fn an_empty_or_blank_text_is_refused_like_an_empty_file() {
        let content = "{\"id\": \"a\", \"text\": \"\"}\n{\"id\": \"b\", \"text\": \" \\n\\t \"}\n{\"id\": \"c\", \"text\": \"ok\"}\n";
        let (articles, errors) = parse_jsonl(Path::new("d.jsonl"), content);
        assert_eq!(articles.len(), 1);
        assert_eq!(
            errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["d.jsonl:1: `text` is empty, expected the article text", "d.jsonl:2: `text` is empty, expected the article text"]
        );
    }

    /// A line over the limit is passed over without being held, its size
    /// named; the next line is read, and a file ending inside one says so too.
    #[test]
    fn a_line_over_the_limit_is_skipped_unheld_and_the_next_read() {
        let long = format!("{{\"id\": \"big\", \"text\": \"{}\"}}", "x".repeat(MAX_JSONL_LINE));
        let content = format!("{long}\n{{\"id\": \"next\", \"text\": \"ok\"}}\n{long}");
        let items: Vec<Result<Article, String>> =
            JsonlReader::new(Path::new("d.jsonl"), content.as_bytes()).map(|r| r.map_err(|e| e.to_string())).collect();
        let message = format!("line of {} bytes, over the 13 MiB limit for a JSONL line", long.len());
        assert_eq!(items[0].as_ref().unwrap_err(), &format!("d.jsonl:1: {message}"));
        assert_eq!(items[1].as_ref().unwrap().id, "next");
        assert_eq!(items[2].as_ref().unwrap_err(), &format!("d.jsonl:3: {message}"));
        assert_eq!(items.len(), 3);
        // Within the line limit, a text over its own limit is refused too.
        let text = "x".repeat(limits::MAX_TEXT + 1);
        let (_, errors) = parse_jsonl(Path::new("d.jsonl"), &format!("{{\"id\": \"a\", \"text\": \"{text}\"}}"));
        assert_eq!(errors[0].to_string(), "d.jsonl:1: article text of 4194305 bytes, over the 4 MiB limit for an article");
    }
}
