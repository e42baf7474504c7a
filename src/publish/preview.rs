//! Link-preview images (1200 × 630) as SVG documents, composed from the same `chart` code that
//! draws the page's canvas.
