//! Ingest: files and folders in, [`Article`]s out.
//!
//! Accepted inputs:
//! - `.txt` / `.md`: an optional front-matter block (`---`, `key: value` lines,
//!   `---`) with `title`, `published` (YYYY-MM-DD), `source`, `lang`, then the body.
//!   Without front matter the whole file is the body; the id is the file stem.
//! - `.jsonl`: one article per line with `id`, `text` and optional `title`,
//!   `published`, `source`, `lang`.
//!
//! Folders are walked recursively in sorted order, so runs are reproducible;
//! files of other types inside folders are passed over. A file that cannot be
//! read or parsed becomes an [`Error`] naming it (and the line), and the rest of
//! the batch goes on. HTML and WARC come with a later reader.

mod front_matter;
mod jsonl;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location};
use crate::Article;

pub use front_matter::parse_text_article;
pub use jsonl::parse_jsonl;

/// What a batch of inputs gave: the articles read, and what was skipped and why.
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub skipped: Vec<Error>,
}

/// The file extensions ingest reads, lower-case.
pub const EXTENSIONS: [&str; 3] = ["txt", "md", "jsonl"];

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

/// The articles of one file, each good one or the error that skipped it.
pub fn read_file_items(path: &Path) -> Box<dyn Iterator<Item = Result<Article, Error>> + Send> {
    let mut out = Ingested::default();
    read_file(path, &mut out);
    Box::new(out.articles.into_iter().map(Ok).chain(out.skipped.into_iter().map(Err)))
}

/// Reads every article under `inputs` (files or folders).
pub fn read_inputs(inputs: &[PathBuf]) -> Ingested {
    let mut out = Ingested::default();
    for input in inputs {
        let mut files = Vec::new();
        if let Err(e) = collect_files(input, true, &mut files) {
            out.skipped.push(e);
        }
        for file in files {
            read_file(&file, &mut out);
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
        Err(Error::parse(
            Location::file(path),
            format!("unsupported file type, expected one of .{}", EXTENSIONS.join(", .")),
        ))
    } else {
        Ok(())
    }
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn read_file(path: &Path, out: &mut Ingested) {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return out.skipped.push(Error::io(Location::file(path), e)),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let byte = e.utf8_error().valid_up_to();
            let location = Location { path: path.to_path_buf(), line: None, byte: Some(byte) };
            return out.skipped.push(Error::parse(location, "invalid UTF-8, expected a UTF-8 text file"));
        }
    };
    let is_jsonl = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    if is_jsonl {
        let (articles, errors) = parse_jsonl(path, &text);
        out.articles.extend(articles);
        out.skipped.extend(errors);
    } else {
        match parse_text_article(path, &text) {
            Ok(article) => out.articles.push(article),
            Err(e) => out.skipped.push(e),
        }
    }
}

/// The id of a text article: its file stem.
pub(crate) fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}
