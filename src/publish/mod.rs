//! Publishing a feed: everything a press service uploads next to the app so that shared links
//! preview well and figures can be cited. Share pages with link-preview tags, preview images,
//! data bundles (CSV, metadata, readme, citation) as ZIP files, and the feed's citable version.
//! Pure: used by `esep-check publish` and by the checker page's Publish step, never by the
//! report's own wasm.

pub mod preview;
#[cfg(not(target_arch = "wasm32"))]
pub mod raster;
