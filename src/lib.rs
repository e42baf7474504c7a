//! esep: a static report page for a public body. A JSON feed in, sourced charts out.
//!
//! - [`feed`]: the feed's types, parsing, validation and derived figures (pure Rust).
//! - [`chart`]: drawing, generic over plotters' `DrawingBackend` (canvas in the page, SVG in tests).
//! - [`i18n`] and [`present`]: the page's words and how figures are said (pure Rust).
//! - [`ui`]: thin Leptos components wiring signals to the above.

pub mod chart;
pub mod export;
pub mod feed;
pub mod i18n;
pub mod plan;
pub mod present;
pub mod publish;
pub mod ui;
