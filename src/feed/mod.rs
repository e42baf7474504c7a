//! The feed: its types, parsing, validation and derived figures. Pure Rust, no browser.

pub mod axis;
pub mod derive;
pub mod error;
pub mod import;
mod json;
pub mod model;
pub mod period;
pub mod validate;

pub use error::{FeedError, LoadError, ParseError, Problem, Severity};
pub use model::*;
pub use period::{PartialDate, Period, PeriodKind};
pub use validate::{check, read, Checked};

/// Where the bundled feed lives, relative to the page (so `dist/` works from any sub-path).
pub const BUNDLED_FEED: &str = "feeds/aktobe-2025.json";
