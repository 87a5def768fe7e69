//! The library's error type: every variant says where (path, line, byte).

use std::fmt;
use std::path::PathBuf;

use crate::Origin;

/// Where in the input something went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based line, when the input is line-oriented.
    pub line: Option<usize>,
    /// Byte offset, when no line applies.
    pub byte: Option<usize>,
}

impl Location {
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), ..Default::default() }
    }

    pub fn line(path: impl Into<PathBuf>, line: usize) -> Self {
        Location { path: path.into(), line: Some(line), byte: None }
    }

    /// Where an article read from `path` starts.
    pub fn of_article(path: impl Into<PathBuf>, origin: Origin) -> Self {
        let path = path.into();
        match origin {
            Origin::File => Location::file(path),
            Origin::Line(line) => Location::line(path, line),
            Origin::Byte(byte) => Location { path, line: None, byte: Some(byte) },
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        } else if let Some(byte) = self.byte {
            write!(f, ": byte {byte}")?;
        }
        Ok(())
    }
}

/// Errors of the library stages.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{location}: {source}")]
    Io { location: Location, source: std::io::Error },
    /// The input was read but is not what was expected.
    #[error("{location}: {message}")]
    Parse { location: Location, message: String },
    /// A table could not be built or written.
    #[cfg(feature = "cli")]
    #[error("{context}: {source}")]
    Table { context: String, source: polars::error::PolarsError },
    /// A chart could not be drawn.
    #[cfg(feature = "cli")]
    #[error("{path}: chart: {message}")]
    Chart { path: PathBuf, message: String },
}

impl Error {
    pub fn parse(location: Location, message: impl Into<String>) -> Self {
        Error::Parse { location, message: message.into() }
    }

    pub fn io(location: Location, source: std::io::Error) -> Self {
        Error::Io { location, source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
