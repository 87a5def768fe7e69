//! Ingest: files and folders in, [`Article`]s out, streamed.
//!
//! Accepted inputs, by extension:
//! - `.txt` / `.md`: an optional front-matter block (`---`, `key: value` lines,
//!   `---`) with `title`, `published` (YYYY-MM-DD), `source`, `lang`, `id`, then
//!   the body. Without front matter the whole file is the body; the id is the
//!   file stem. UTF-8, or UTF-16 with a byte-order mark.
//! - `.jsonl`: one article per line with `id`, `text` and optional `title`,
//!   `published`, `source`, `lang`; read line by line.
//! - `.html` / `.htm`: a saved web page ([`html`]).
//! - `.warc` / `.warc.gz`: a web archive, each HTML response an article
//!   ([`warc`]); read record by record.
//!
//! Folders are walked recursively in sorted order, so runs are reproducible;
//! files of other types inside folders are passed over. A bad file, line or
//! record becomes an [`Error`] naming the file and the line or byte, and the
//! rest of the batch goes on.

mod decode;
mod front_matter;
pub mod html;
mod jsonl;
pub mod warc;

use std::fs::{self, File};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use flate2::read::MultiGzDecoder;

use crate::error::{Error, Location};
use crate::Article;

pub use decode::decode_text;
pub use front_matter::parse_text_article;
pub use html::parse_html;
pub use jsonl::{JsonlReader, parse_jsonl};
pub use warc::WarcReader;

/// What a batch of inputs gave: the articles read, and what was skipped and why.
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub skipped: Vec<Error>,
}

/// The file extensions ingest reads, lower-case.
pub const EXTENSIONS: [&str; 7] = ["txt", "md", "jsonl", "html", "htm", "warc", "warc.gz"];

/// The kinds of article file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Jsonl,
    Html,
    Warc,
    WarcGz,
}

impl FileKind {
    /// The kind of `path`, by its extension; `None` for other files.
    pub fn of(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let kind = if name.ends_with(".warc.gz") {
            FileKind::WarcGz
        } else {
            match name.rsplit_once('.')?.1 {
                "txt" | "md" => FileKind::Text,
                "jsonl" => FileKind::Jsonl,
                "html" | "htm" => FileKind::Html,
                "warc" => FileKind::Warc,
                _ => return None,
            }
        };
        Some(kind)
    }
}

/// Every article file under `inputs` (files or folders, sorted), and an error
/// for each input that cannot be listed.
pub fn list_files(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for input in inputs {
        if let Err(e) = collect_files(input, true, &mut files) {
            errors.push(e);
        }
    }
    (files, errors)
}

/// Streams the articles of one file: each good article, or the error that
/// skipped a line, a record or the whole file. JSONL and WARC files are read
/// incrementally; text and HTML files whole.
pub fn read_file(path: &Path) -> Box<dyn Iterator<Item = Result<Article, Error>> + Send> {
    read_file_counting(path, &Arc::default())
}

/// [`read_file`], counting into `without_text` the web-archive pages passed
/// over for having no article text.
pub fn read_file_counting(path: &Path, without_text: &Arc<AtomicUsize>) -> Box<dyn Iterator<Item = Result<Article, Error>> + Send> {
    let Some(kind) = FileKind::of(path) else {
        return one(Err(unsupported(path)));
    };
    let open = || File::open(path).map_err(|e| Error::io(Location::file(path), e));
    match kind {
        FileKind::Text | FileKind::Html => {
            let bytes = match fs::read(path) {
                Ok(b) => b,
                Err(e) => return one(Err(Error::io(Location::file(path), e))),
            };
            let article = if kind == FileKind::Html {
                parse_html(path, &bytes, None)
            } else {
                decode_text(path, &bytes).and_then(|text| parse_text_article(path, &text))
            };
            one(article)
        }
        FileKind::Jsonl => match open() {
            Ok(_) if is_empty(path) => one(Err(Error::parse(Location::file(path), "empty file, expected one JSON article per line"))),
            Ok(f) => Box::new(JsonlReader::new(path, BufReader::new(f))),
            Err(e) => one(Err(e)),
        },
        FileKind::Warc | FileKind::WarcGz => match open() {
            Ok(_) if is_empty(path) => one(Err(Error::parse(Location::file(path), "empty file, expected a web archive"))),
            Ok(f) => {
                let reader: Box<dyn Read + Send> =
                    if kind == FileKind::WarcGz { Box::new(MultiGzDecoder::new(BufReader::new(f))) } else { Box::new(f) };
                Box::new(WarcReader::new(path, BufReader::new(reader)).counting(without_text.clone()))
            }
            Err(e) => one(Err(e)),
        },
    }
}

fn one(item: Result<Article, Error>) -> Box<dyn Iterator<Item = Result<Article, Error>> + Send> {
    Box::new(std::iter::once(item))
}

fn is_empty(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() == 0)
}

fn unsupported(path: &Path) -> Error {
    Error::parse(
        Location::file(path),
        format!("unsupported file type, expected one of .{}", EXTENSIONS.join(", .")),
    )
}

/// Reads every article under `inputs` (files or folders) into memory; for
/// small batches and tests. The CLI streams with [`list_files`] and [`read_file`].
pub fn read_inputs(inputs: &[PathBuf]) -> Ingested {
    let (files, skipped) = list_files(inputs);
    let mut out = Ingested { articles: Vec::new(), skipped };
    for file in files {
        for item in read_file(&file) {
            match item {
                Ok(article) => out.articles.push(article),
                Err(e) => out.skipped.push(e),
            }
        }
    }
    out
}

/// Lists the readable files under `path`. An explicitly named file of an
/// unknown type is an error; inside folders such files are passed over.
fn collect_files(path: &Path, explicit: bool, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let meta = fs::metadata(path).map_err(|e| Error::io(Location::file(path), e))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .map_err(|e| Error::io(Location::file(path), e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            // One unreadable entry must not hide its siblings; report by skipping
            // silently only what is not an article type.
            let _ = collect_files(&entry, false, files);
        }
        Ok(())
    } else if is_article_file(path) {
        files.push(path.to_path_buf());
        Ok(())
    } else if explicit {
        Err(unsupported(path))
    } else {
        Ok(())
    }
}

fn is_article_file(path: &Path) -> bool {
    FileKind::of(path).is_some()
}

/// The id of a text article: its file stem.
pub(crate) fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}
