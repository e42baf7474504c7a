//! SVG to PNG for the preview images, natively, with the fonts the project ships.
