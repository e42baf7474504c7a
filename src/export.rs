//! Downloads that carry their sources: CSV of a chart's figures (tidy, one observation per row,
//! with source columns) and file names. Pure: tested natively.

use crate::feed::{Feed, Lang, Observation, Qualifier};

const HEADER: &[&str] = &[
    "indicator",
    "metric_id",
    "area",
    "area_id",
    "period",
    "measure",
    "compared_with",
    "value",
    "unit",
    "qualifier",
    "status",
    "agency",
    "source_title",
    "source_publisher",
    "source_url",
    "source_date",
    "source_grade",
];

/// One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is
/// prefixed with an apostrophe.
fn cell(text: &str, numeric: bool) -> String {
    let guarded = if !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn row(feed: &Feed, o: &Observation, lang: Lang) -> Vec<String> {
    let metric = feed.metric(&o.metric);
    let area = feed.area(&o.area);
    let source = feed.source(&o.source);
    let vs = o.measure.vs().map(|vs| vs.to_string()).unwrap_or_default();
    vec![
        cell(
            metric.map(|m| feed.text(&m.label, lang)).unwrap_or(""),
            false,
        ),
        cell(&o.metric, false),
        cell(area.map(|a| feed.text(&a.name, lang)).unwrap_or(""), false),
        cell(&o.area, false),
        cell(&o.period.to_string(), false),
        o.measure.name().to_owned(),
        cell(&vs, false),
        o.value.map(|v| v.to_string()).unwrap_or_default(),
        // The feed's own names ("million-tenge", "agency-via-mirror").
        metric.map_or("", |m| m.unit.name()).to_owned(),
        o.qualifier.map_or("", Qualifier::name).to_owned(),
        o.status.name().to_owned(),
        cell(feed.text(&o.agency, lang), false),
        cell(source.map(|s| s.title.as_str()).unwrap_or(""), false),
        cell(source.map(|s| s.publisher.as_str()).unwrap_or(""), false),
        cell(source.map(|s| s.url.as_str()).unwrap_or(""), false),
        source.map(|s| s.date.to_string()).unwrap_or_default(),
        source.map_or("", |s| s.grade.name()).to_owned(),
    ]
}

/// The observations with these feed indexes as CSV, in the given order.
pub fn csv(feed: &Feed, observations: &[usize], lang: Lang) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for i in observations {
        if let Some(o) = feed.observation_at(*i) {
            out.push_str(&row(feed, o, lang).join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// `aktobe-2025-crime-changes-en.csv`: feed, chart, language.
pub fn file_name(feed: &Feed, chart: &str, lang: Lang, ext: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    };
    format!("{}-{}-{}.{ext}", clean(&feed.id), clean(chart), lang.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_carry_value_period_and_source_and_quote_what_needs_it() {
        let feed = crate::feed::check(include_str!("../public/feeds/aktobe-2025.json"))
            .unwrap()
            .feed;
        let o = feed.observation("funds-recovered-2025").unwrap();
        let text = csv(&feed, &[o.index], Lang::En);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0].split(',').count(), HEADER.len());
        assert!(
            lines[1].contains(",1000,million-tenge,more-than,"),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("https://"));
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("a,b", false), "\"a,b\"");
        assert_eq!(cell("say \"hi\"", false), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)", false), "'=HYPERLINK(1)");
        assert_eq!(cell("-7", true), "-7");
    }

    #[test]
    fn file_names_name_the_feed_chart_and_language() {
        let feed = crate::feed::check(include_str!("../public/feeds/aktobe-2025.json"))
            .unwrap()
            .feed;
        assert_eq!(
            file_name(&feed, "crime-changes", Lang::Kk, "png"),
            "aktobe-2025-crime-changes-kk.png"
        );
    }
}
