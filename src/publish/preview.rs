//! Link-preview images (1200 × 630) as SVG documents, composed from the same `chart` code that
//! draws the page's canvas.

pub mod measure;

use crate::feed::{Feed, Lang};
use crate::plan::ChartPlan;

/// A chart's preview. (Placeholder until the preview branch lands.)
pub fn chart_svg(_feed: &Feed, chart: &ChartPlan, _lang: Lang) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"><text x=\"40\" y=\"80\">{}</text></svg>",
        crate::chart::visual::xml_escape(&chart.title)
    )
}

/// The report's preview. (Placeholder until the preview branch lands.)
pub fn report_svg(feed: &Feed, lang: Lang) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"><text x=\"40\" y=\"80\">{}</text></svg>",
        crate::chart::visual::xml_escape(feed.text(&feed.title, lang))
    )
}
