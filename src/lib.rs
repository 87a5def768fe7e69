//! econtrack reads news articles and pulls out every numeric claim about trade
//! between countries (turnover, exports, imports, investment; actual, target or
//! forecast), keeps them as a claims table, builds a time series per indicator
//! and country pair, and measures how far each target is.
//!
//! The pipeline, one module per stage: [`ingest`] (files to [`Article`]s) ->
//! [`extract`] (articles to [`Claim`]s, pure) -> [`table`] (claims to a polars
//! frame) -> [`series`] (observations, targets, progress) -> [`chart`] and
//! [`export`]. Only `ingest`, `export`, `chart` and the CLI touch the file system.
//!
//! The `cli` feature (on by default) brings polars, plotters and the command
//! line: `table`, `export`, `chart` and `cli`. Without it the library is the
//! readers, the extractor, the series and the scorer, which is what the fuzz
//! targets build.

pub mod article;
#[cfg(feature = "cli")]
pub mod chart;
pub mod claim;
#[cfg(feature = "cli")]
pub mod commit;
#[cfg(feature = "cli")]
pub mod cli;
pub mod error;
pub mod eval;
#[cfg(feature = "cli")]
pub mod export;
pub mod extract;
pub mod ingest;
pub mod series;
pub mod spill;
pub mod synth;
#[cfg(feature = "cli")]
pub mod store;
#[cfg(feature = "cli")]
pub mod table;

pub use article::{Article, Origin};
pub use claim::{Claim, ClaimKind, Indicator, Measure};
pub use error::{Error, Location};
