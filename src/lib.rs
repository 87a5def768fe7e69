//! econtrack reads news articles and pulls out every numeric claim about trade
//! between countries (turnover, exports, imports, investment; actual, target or
//! forecast), keeps them as a claims table, builds a time series per indicator
//! and country pair, and measures how far each target is.
//!
//! The pipeline, one module per stage: [`ingest`] (files to [`Article`]s) ->
//! [`extract`] (articles to [`Claim`]s, pure) -> [`table`] (claims to a polars
//! frame) -> [`series`] (observations, targets, progress) -> [`chart`] and
//! [`export`]. Only `ingest`, `export`, `chart` and the CLI touch the file system.

pub mod article;
pub mod chart;
pub mod claim;
pub mod cli;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod series;
pub mod table;

pub use article::Article;
pub use claim::{Claim, ClaimKind, Indicator, Measure};
pub use error::{Error, Location};
