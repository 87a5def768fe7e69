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
//! Folders are walked recursively in sorted order, so runs are reproducible,
//! following links and reading each real folder once; files of other types
//! inside folders are passed over, and so is a `.jsonl` that is one of our own
//! claims tables (an `extract -o claims.jsonl` left among the articles). Only
//! regular files are read: a link loop, a dangling link, an unreadable folder,
//! and a named pipe, device or socket with an article's name are each an error.
//! A bad file, line or record becomes an [`Error`] naming the file and the line
//! or byte, and the rest of the batch goes on. No input is read past its size
//! limit ([`limits`]).

mod decode;
mod front_matter;
pub mod html;
mod jsonl;
pub mod limits;
pub mod warc;

use std::collections::HashSet;
use std::fs::{self, File, FileType, Metadata};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use flate2::read::MultiGzDecoder;
use walkdir::WalkDir;

use crate::error::{Error, Location};
use crate::Article;

pub use decode::decode_text;
pub use front_matter::parse_text_article;
pub use html::parse_html;
pub use jsonl::{JsonlReader, parse_jsonl};
pub use limits::*;
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
/// for each input or entry that cannot be listed.
pub fn list_files(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for input in inputs {
        collect_files(input, &mut files, &mut errors);
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
    // Opening a named pipe blocks, and a device never ends: look first.
    let meta = match fs::metadata(path) {
        Ok(meta) if meta.is_file() => meta,
        Ok(meta) => return one(Err(not_a_file(path, meta.file_type()))),
        Err(e) => return one(Err(Error::io(Location::file(path), e))),
    };
    let open = || File::open(path).map_err(|e| Error::io(Location::file(path), e));
    match kind {
        FileKind::Text | FileKind::Html => {
            let (limit, what) = if kind == FileKind::Html { (MAX_HTML as u64, "an HTML page") } else { (MAX_TEXT_FILE, "a text article") };
            let bytes = match read_at_most(path, &meta, limit, what) {
                Ok(b) => b,
                Err(e) => return one(Err(e)),
            };
            let article = if kind == FileKind::Html {
                parse_html(path, &bytes, None)
            } else {
                decode_text(path, &bytes)
                    .and_then(|text| parse_text_article(path, &text))
                    .and_then(|a| check_text(&Location::file(path), &a.text).map(|()| a))
            };
            one(article)
        }
        FileKind::Jsonl => match open() {
            Ok(_) if meta.len() == 0 => one(Err(Error::parse(Location::file(path), "empty file, expected one JSON article per line"))),
            Ok(f) => Box::new(JsonlReader::new(path, BufReader::new(f))),
            Err(e) => one(Err(e)),
        },
        FileKind::Warc | FileKind::WarcGz => match open() {
            Ok(_) if meta.len() == 0 => one(Err(Error::parse(Location::file(path), "empty file, expected a web archive"))),
            Ok(f) => {
                let reader: Box<dyn Read + Send> =
                    if kind == FileKind::WarcGz { Box::new(MultiGzDecoder::new(BufReader::new(f))) } else { Box::new(f) };
                Box::new(WarcReader::new(path, BufReader::new(reader)).counting(without_text.clone()))
            }
            Err(e) => one(Err(e)),
        },
    }
}

/// Reads a whole file of at most `limit` bytes: refused by its size before
/// reading, and read through a bounded reader, so a file that grows while
/// read (or a size that lies) cannot get past either.
fn read_at_most(path: &Path, meta: &Metadata, limit: u64, what: &str) -> Result<Vec<u8>, Error> {
    let too_big = |size: String| {
        Error::parse(Location::file(path), format!("file of {size}, over the {} limit for {what}", limits::size(limit)))
    };
    if meta.len() > limit {
        return Err(too_big(format!("{} bytes", meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(Location::file(path), e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(format!("more than {limit} bytes")));
    }
    Ok(bytes)
}

fn one(item: Result<Article, Error>) -> Box<dyn Iterator<Item = Result<Article, Error>> + Send> {
    Box::new(std::iter::once(item))
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

/// Lists the article files under `input`. An explicitly named file that is
/// not a regular article file is an error; inside folders files of other
/// types are passed over, and every entry that cannot be read is an error.
fn collect_files(input: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let meta = match fs::metadata(input) {
        Ok(meta) => meta,
        Err(e) => return errors.push(Error::io(Location::file(input), e)),
    };
    if !meta.is_dir() {
        let Some(kind) = FileKind::of(input) else { return errors.push(unsupported(input)) };
        if !meta.is_file() {
            errors.push(not_a_file(input, meta.file_type()));
        } else if kind == FileKind::Jsonl && is_claims_table(input) {
            errors.push(Error::parse(
                Location::file(input),
                "an econtrack claims table (what `econtrack extract -o` writes), expected articles",
            ));
        } else {
            files.push(input.to_path_buf());
        }
        return;
    }
    // Each real folder once: walkdir finds links back to a folder's own
    // ancestors (loops), the set finds the other ways to the same folder.
    let mut folders = HashSet::new();
    let mut walk = WalkDir::new(input).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(walk_error(e));
                continue;
            }
        };
        let (path, file_type) = (entry.path(), entry.file_type());
        if file_type.is_dir() {
            if let Ok(meta) = entry.metadata()
                && let Some(id) = folder_id(&meta)
                && !folders.insert(id)
            {
                errors.push(Error::parse(Location::file(path), "a link to a folder already read, read once"));
                walk.skip_current_dir();
            }
            continue;
        }
        let Some(kind) = FileKind::of(path) else { continue };
        if !file_type.is_file() {
            errors.push(not_a_file(path, file_type));
        } else if !(kind == FileKind::Jsonl && is_claims_table(path)) {
            files.push(path.to_path_buf());
        }
    }
}

/// A folder's device and inode: the same for every path to it.
#[cfg(unix)]
fn folder_id(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_id(_: &Metadata) -> Option<(u64, u64)> {
    None
}

/// A folder entry that cannot be walked: a loop, a dangling link, a folder
/// that cannot be read.
fn walk_error(e: walkdir::Error) -> Error {
    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
    if let Some(ancestor) = e.loop_ancestor() {
        return Error::parse(
            Location::file(&path),
            format!("a link to {}, a folder it is in (a loop), expected a file or a folder", ancestor.display()),
        );
    }
    let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    match e.into_io_error() {
        Some(io) if is_link && io.kind() == std::io::ErrorKind::NotFound => {
            let target = fs::read_link(&path).map(|t| t.display().to_string()).unwrap_or_default();
            Error::parse(Location::file(&path), format!("a link to {target}, which does not exist"))
        }
        Some(io) => Error::io(Location::file(&path), io),
        None => Error::parse(Location::file(&path), "cannot be listed"),
    }
}

/// A named pipe, device or socket: never read (a pipe blocks, a device never ends).
fn not_a_file(path: &Path, file_type: FileType) -> Error {
    let what = file_kind_name(file_type);
    Error::parse(Location::file(path), format!("not a regular file but {what}, expected an article file"))
}

#[cfg(unix)]
fn file_kind_name(file_type: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else if file_type.is_dir() {
        "a folder"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn file_kind_name(file_type: FileType) -> &'static str {
    if file_type.is_dir() { "a folder" } else { "something else" }
}

/// Whether a `.jsonl` file is a claims table we wrote: its first line an
/// object whose first key is `claim_id`.
fn is_claims_table(path: &Path) -> bool {
    let Ok(file) = File::open(path) else { return false };
    let mut first = Vec::new();
    if BufReader::new(file.take(64 * 1024)).read_until(b'\n', &mut first).is_err() {
        return false;
    }
    let line = String::from_utf8_lossy(&first);
    let line = line.trim_start_matches('\u{feff}').trim_start();
    line.strip_prefix('{').is_some_and(|rest| rest.trim_start().starts_with("\"claim_id\""))
}

/// The id of a text article: its file stem.
pub(crate) fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    const STORY: &str = "Trade reached $2 billion in 2023.";

    fn messages(errors: &[Error]) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    fn mkfifo(path: &Path) {
        let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
    }

    /// Two links to `.` walked some 2^40 paths; each is now one error, and the
    /// folder is read once, in the sorted order of before.
    #[test]
    fn link_loops_and_second_ways_to_a_folder_are_named_and_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/inner")).unwrap();
        for file in ["a.txt", "b/inner/c.md", "b/z.txt", "b/notes.pdf", "d.html"] {
            fs::write(root.join(file), STORY).unwrap();
        }
        symlink(".", root.join("loop1")).unwrap();
        symlink("..", root.join("b/loop2")).unwrap();
        symlink("b/inner", root.join("c-again")).unwrap();
        let (files, errors) = list_files(&[root.to_path_buf()]);
        let names: Vec<String> = files.iter().map(|f| f.strip_prefix(root).unwrap().display().to_string()).collect();
        assert_eq!(names, ["a.txt", "b/inner/c.md", "b/z.txt", "d.html"]);
        let r = root.display();
        assert_eq!(
            messages(&errors),
            [
                format!("{r}/b/loop2: a link to {r}, a folder it is in (a loop), expected a file or a folder"),
                format!("{r}/c-again: a link to a folder already read, read once"),
                format!("{r}/loop1: a link to {r}, a folder it is in (a loop), expected a file or a folder"),
            ]
        );
    }

    #[test]
    fn pipes_devices_and_dangling_links_are_named_and_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("good.txt"), STORY).unwrap();
        mkfifo(&root.join("pipe.txt"));
        mkfifo(&root.join("pipe.other"));
        symlink("/dev/zero", root.join("zero.jsonl")).unwrap();
        symlink("missing.txt", root.join("dangling.txt")).unwrap();
        let (files, errors) = list_files(&[root.to_path_buf()]);
        assert_eq!(files, [root.join("good.txt")]);
        let r = root.display();
        assert_eq!(
            messages(&errors),
            [
                format!("{r}/dangling.txt: a link to missing.txt, which does not exist"),
                format!("{r}/pipe.txt: not a regular file but a named pipe, expected an article file"),
                format!("{r}/zero.jsonl: not a regular file but a device, expected an article file"),
            ],
            "a pipe without an article's name is passed over like any other file"
        );
        // Named explicitly, or read directly, they are refused without blocking.
        let (files, errors) = list_files(&[root.join("pipe.txt"), root.join("zero.jsonl")]);
        assert!(files.is_empty());
        assert_eq!(errors.len(), 2);
        let items: Vec<String> = read_file(&root.join("pipe.txt")).map(|r| r.unwrap_err().to_string()).collect();
        assert_eq!(items, [format!("{r}/pipe.txt: not a regular file but a named pipe, expected an article file")]);
        let items: Vec<String> = read_file(&root.join("zero.jsonl")).map(|r| r.unwrap_err().to_string()).collect();
        assert_eq!(items, [format!("{r}/zero.jsonl: not a regular file but a device, expected an article file")]);
    }

    #[test]
    fn an_unreadable_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::write(locked.join("a.txt"), STORY).unwrap();
        fs::write(dir.path().join("b.txt"), STORY).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let readable = fs::read_dir(&locked).is_ok();
        let (files, errors) = list_files(&[dir.path().to_path_buf()]);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        // As root, permissions do not bite: then the folder is simply read.
        if readable {
            assert_eq!(files.len(), 2);
            return;
        }
        assert_eq!(files, [dir.path().join("b.txt")]);
        assert_eq!(messages(&errors), [format!("{}: Permission denied (os error 13)", locked.display())]);
    }

    #[test]
    fn our_own_claims_table_is_passed_over_in_a_folder_and_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let claims = dir.path().join("claims.jsonl");
        fs::write(&claims, "{\"claim_id\":\"0123456789abcdef\",\"article_id\":\"a\"}\n").unwrap();
        let articles = dir.path().join("articles.jsonl");
        fs::write(&articles, "{\"id\":\"a\",\"text\":\"Trade $1 billion.\"}\n").unwrap();
        let (files, errors) = list_files(&[dir.path().to_path_buf()]);
        assert_eq!((files, errors.len()), (vec![articles], 0));
        let (files, errors) = list_files(std::slice::from_ref(&claims));
        assert!(files.is_empty());
        assert_eq!(
            messages(&errors),
            [format!("{}: an econtrack claims table (what `econtrack extract -o` writes), expected articles", claims.display())]
        );
    }

    #[test]
    fn files_over_their_limit_are_refused_by_their_size_unread() {
        let dir = tempfile::tempdir().unwrap();
        for (name, limit, what) in [("big.txt", MAX_TEXT_FILE, "a text article"), ("big.html", MAX_HTML as u64, "an HTML page")] {
            let path = dir.path().join(name);
            // Sparse: the size is there, the bytes are not.
            File::create(&path).unwrap().set_len(limit + 1).unwrap();
            let items: Vec<String> = read_file(&path).map(|r| r.unwrap_err().to_string()).collect();
            assert_eq!(items, [format!("{}: file of {} bytes, over the 8 MiB limit for {what}", path.display(), limit + 1)]);
        }
        // A size that lies (or a file that grows) cannot get past the bounded read.
        let small = dir.path().join("small.html");
        fs::write(&small, STORY).unwrap();
        let grown = dir.path().join("big.html");
        fs::write(&grown, vec![b' '; 100]).unwrap();
        let err = read_at_most(&grown, &fs::metadata(&small).unwrap(), 50, "an HTML page").unwrap_err();
        assert_eq!(err.to_string(), format!("{}: file of more than 50 bytes, over the 50 bytes limit for an HTML page", grown.display()));
        let path = dir.path().join("long.txt");
        fs::write(&path, "Trade. ".repeat(MAX_TEXT / 7 + 1)).unwrap();
        let items: Vec<String> = read_file(&path).map(|r| r.unwrap_err().to_string()).collect();
        assert_eq!(items, [format!("{}: article text of {} bytes, over the 4 MiB limit for an article", path.display(), MAX_TEXT / 7 * 7 + 7)]);
    }
}
