//! Downloads that carry their sources: CSV of a chart's figures (tidy, one observation per row,
//! with source columns, and a row for each change the chart computed) and file names. Pure:
//! tested natively.

use crate::feed::derive::Computed;
use crate::feed::{Feed, Lang, Observation, Qualifier};
use crate::i18n;

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
    "quote",
    "origin",
    "note",
    "illustrative",
];

/// How a value is written in a CSV: as a program reads it back ("1638", "30.2"), the shortest
/// text that round-trips. Natively [`plain`]; the page passes JavaScript's own, so that its wasm
/// carries no float formatting of its own.
pub type Plain = fn(f64) -> String;

/// A value as Rust writes it: the shortest text that reads back as the same number.
pub fn plain(v: f64) -> String {
    v.to_string()
}

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

/// Who gave the figure and where it is published: agency, source title, publisher, address,
/// date and grade, not yet made cells.
fn provenance(feed: &Feed, o: &Observation, lang: Lang) -> [String; 6] {
    let source = feed.source(&o.source);
    [
        feed.agency_of(o, lang).to_owned(),
        source.map(|s| s.title.clone()).unwrap_or_default(),
        source.map(|s| s.publisher.clone()).unwrap_or_default(),
        source.map(|s| s.url.clone()).unwrap_or_default(),
        source.map(|s| s.date.to_string()).unwrap_or_default(),
        source.map_or("", |s| s.grade.name()).to_owned(),
    ]
}

/// The columns up to `measure` that a figure and a change computed up to it share: indicator,
/// metric id, area, area id, period.
fn what(feed: &Feed, o: &Observation, lang: Lang) -> Vec<String> {
    let metric = feed.metric(&o.metric);
    let area = feed.area(&o.area);
    vec![
        cell(
            metric.map(|m| feed.text(&m.label, lang)).unwrap_or(""),
            false,
        ),
        cell(&o.metric, false),
        cell(area.map(|a| feed.text(&a.name, lang)).unwrap_or(""), false),
        cell(&o.area, false),
        cell(&o.period.to_string(), false),
    ]
}

/// The feed's name of a metric's unit ("million-tenge"), empty for an unknown metric.
fn unit<'f>(feed: &'f Feed, o: &Observation) -> &'f str {
    feed.metric(&o.metric).map_or("", |m| m.unit.name())
}

fn row(feed: &Feed, o: &Observation, lang: Lang, plain: Plain) -> Vec<String> {
    let vs = o.measure.vs().map(|vs| vs.to_string()).unwrap_or_default();
    let mut out = what(feed, o, lang);
    out.push(o.measure.name().to_owned());
    out.push(cell(&vs, false));
    out.push(o.value.map(plain).unwrap_or_default());
    // The feed's own names ("million-tenge", "agency-via-mirror").
    out.push(unit(feed, o).to_owned());
    out.push(o.qualifier.map_or("", Qualifier::name).to_owned());
    out.push(o.status.name().to_owned());
    for field in provenance(feed, o, lang) {
        out.push(cell(&field, false));
    }
    out.push(cell(o.quote.as_deref().unwrap_or(""), false));
    out.push("published".to_owned());
    out.push(String::new());
    out.push(feed.illustrative.to_string());
    out
}

/// A change the page computed: the later level's metric, area and period, the change rounded
/// to one decimal, the provenance of both levels ("a; b" where they differ), no quote (the
/// levels' rows carry theirs), and a note that says how it was computed and what the source
/// published for the same pair.
fn computed_row(feed: &Feed, c: &Computed, lang: Lang, plain: Plain) -> Option<Vec<String>> {
    let (before, now) = (feed.observation_at(c.before)?, feed.observation_at(c.now)?);
    let level = |o: &Observation| o.value.map(plain).unwrap_or_default();
    let mut out = what(feed, now, lang);
    out.push("change-pct".to_owned());
    out.push(cell(&before.period.to_string(), false));
    out.push(plain((c.pct * 10.0).round() / 10.0));
    out.push(unit(feed, now).to_owned());
    out.push(if c.approximate { "approximately" } else { "" }.to_owned());
    out.push(String::new());
    let (b, n) = (provenance(feed, before, lang), provenance(feed, now, lang));
    for (b, n) in b.iter().zip(&n) {
        if b == n {
            out.push(cell(n, false));
        } else {
            out.push(cell(&format!("{b}; {n}"), false));
        }
    }
    out.push(String::new());
    out.push("computed".to_owned());
    let mut note = format!(
        "{}: {} {} → {} {}",
        i18n::COMPUTED.get(lang),
        before.period,
        level(before),
        now.period,
        level(now)
    );
    if let Some(p) = c.published.and_then(|i| feed.observation_at(i)) {
        note.push_str(&format!("; {}: {}", i18n::AS_PUBLISHED.get(lang), level(p)));
    }
    out.push(cell(&note, false));
    out.push(feed.illustrative.to_string());
    Some(out)
}

/// The observations with these feed indexes as CSV, in the given order, each followed by the
/// changes computed up to it (from `computed`, a chart's [`crate::plan::ChartPlan::computed`]).
/// An illustrative feed's CSV starts with a line a spreadsheet shows in its first cell,
/// "# Illustrative: not real data", before the header; every row says `illustrative`
/// true or false in its last column.
pub fn csv(
    feed: &Feed,
    observations: &[usize],
    computed: &[Computed],
    lang: Lang,
    plain: Plain,
) -> String {
    let mut out = String::new();
    if feed.illustrative {
        out.push_str(&cell(&format!("# {}", i18n::ILLUSTRATIVE.get(lang)), false));
        out.push_str("\r\n");
    }
    out.push_str(&HEADER.join(","));
    out.push_str("\r\n");
    for i in observations {
        if let Some(o) = feed.observation_at(*i) {
            out.push_str(&row(feed, o, lang, plain).join(","));
            out.push_str("\r\n");
        }
        for c in computed.iter().filter(|c| c.now == *i) {
            if let Some(r) = computed_row(feed, c, lang, plain) {
                out.push_str(&r.join(","));
                out.push_str("\r\n");
            }
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

    fn aktobe() -> Feed {
        crate::feed::check(include_str!("../public/feeds/aktobe-2025.json"))
            .unwrap()
            .feed
    }

    /// A CSV line's fields, quotes taken off ("" inside a quoted field is one quote).
    fn fields(line: &str) -> Vec<String> {
        let (mut out, mut field, mut quoted, mut chars) =
            (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => out.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        out.push(field);
        out
    }

    /// The named column of a parsed line.
    fn col<'a>(line: &'a [String], name: &str) -> &'a str {
        &line[HEADER.iter().position(|h| *h == name).unwrap()]
    }

    #[test]
    fn csv_rows_carry_value_period_and_source_and_quote_what_needs_it() {
        let feed = aktobe();
        let o = feed.observation("funds-recovered-2025").unwrap();
        let text = csv(&feed, &[o.index], &[], Lang::En, plain);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0].split(',').count(), HEADER.len());
        assert!(
            lines[1].contains(",1000,million-tenge,more-than,"),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("https://"));
        assert_eq!(lines.len(), 3);
        let row = fields(lines[1]);
        assert_eq!(row.len(), HEADER.len());
        assert_eq!(col(&row, "qualifier"), "more-than");
        assert_eq!(col(&row, "quote"), o.quote.as_deref().unwrap());
        assert_eq!(col(&row, "agency"), feed.text(&o.agency, Lang::En));
        assert_eq!(col(&row, "source_grade"), "secondary");
        assert_eq!(col(&row, "source_date"), "2025-11-18");
        assert_eq!(col(&row, "origin"), "published");
        assert_eq!(col(&row, "note"), "");
    }

    #[test]
    fn every_figure_of_the_feed_has_its_agency_quote_source_and_grade() {
        let feed = aktobe();
        let all: Vec<usize> = feed.observations.iter().map(|o| o.index).collect();
        let text = csv(&feed, &all, &[], Lang::Ru, plain);
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 1 + feed.observations.len());
        for line in &lines[1..] {
            let row = fields(line);
            assert_eq!(row.len(), HEADER.len(), "{line}");
            for name in [
                "agency",
                "source_url",
                "source_date",
                "source_grade",
                "quote",
            ] {
                assert!(!col(&row, name).is_empty(), "{name}: {line}");
            }
            assert_eq!(col(&row, "origin"), "published");
        }
    }

    #[test]
    fn a_figure_without_an_agency_names_the_feeds_publisher() {
        let mut feed = aktobe();
        feed.observations[0].agency = crate::feed::Text::default();
        let text = csv(&feed, &[0], &[], Lang::En, plain);
        let row = fields(text.split("\r\n").nth(1).unwrap());
        assert_eq!(col(&row, "agency"), "Prosecutor's Office of Aktobe Region");
    }

    #[test]
    fn a_trends_csv_has_a_row_for_each_change_it_computed_marked_as_computed() {
        let feed = aktobe();
        let sections = crate::plan::plan(&feed, Lang::En, &crate::present::PlainNumbers);
        let chart = |id: &str| {
            sections
                .iter()
                .flat_map(|s| &s.charts)
                .find(|c| c.id == id)
                .unwrap()
                .clone()
        };
        // Q1 2019 → Q1 2020: the police published −30.2 %; the levels give −36.7 %.
        let q1 = chart("crime-trend-1");
        let text = csv(&feed, &q1.observations, &q1.computed, Lang::En, plain);
        let lines: Vec<Vec<String>> = text.trim_end().split("\r\n").map(fields).collect();
        assert_eq!(lines.len(), 1 + 2 + 1, "{text}");
        let row = &lines[3];
        assert_eq!(row.len(), HEADER.len());
        assert_eq!(col(row, "period"), "2020-Q1");
        assert_eq!(col(row, "measure"), "change-pct");
        assert_eq!(col(row, "compared_with"), "2019-Q1");
        assert_eq!(col(row, "value"), "-36.7");
        assert_eq!(col(row, "qualifier"), "");
        assert_eq!(col(row, "origin"), "computed");
        assert_eq!(col(row, "quote"), "");
        assert_eq!(col(row, "source_publisher"), "polisia.kz");
        assert_eq!(
            col(row, "note"),
            "computed from the published figures: 2019-Q1 3180 → 2020-Q1 2012; \
             as published by the source: -30.2"
        );
        // The national yearly series: three changes, each after its later level; 2025 is
        // approximate (rounded to hundreds), and its two levels come from two outlets.
        let kz = chart("kazakhstan-trend-2");
        let text = csv(&feed, &kz.observations, &kz.computed, Lang::En, plain);
        let lines: Vec<Vec<String>> = text.trim_end().split("\r\n").map(fields).collect();
        let origins: Vec<&str> = lines[1..].iter().map(|r| col(r, "origin")).collect();
        assert_eq!(
            origins,
            [
                "published",
                "published",
                "computed",
                "published",
                "computed",
                "published",
                "computed"
            ]
        );
        let last = lines.last().unwrap();
        assert_eq!(col(last, "value"), "-6.7");
        assert_eq!(col(last, "qualifier"), "approximately");
        assert_eq!(col(last, "source_publisher"), "qazyr.kz; eurasia24.media");
        assert_eq!(col(last, "source_grade"), "secondary");
        // In Russian, the note too.
        let ru = crate::plan::plan(&feed, Lang::Ru, &crate::present::PlainNumbers);
        let fraud = ru
            .iter()
            .flat_map(|s| &s.charts)
            .find(|c| c.id == "internet-fraud-9m")
            .unwrap();
        let text = csv(&feed, &fraud.observations, &fraud.computed, Lang::Ru, plain);
        assert!(
            text.contains(",computed,рассчитано по опубликованным данным: 2024-01..2024-09 616 → 2025-01..2025-09 846,false\r\n"),
            "{text}"
        );
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
        let feed = aktobe();
        assert_eq!(
            file_name(&feed, "crime-changes", Lang::Kk, "png"),
            "aktobe-2025-crime-changes-kk.png"
        );
    }

    #[test]
    fn an_illustrative_feeds_csv_says_so_first_and_on_every_row() {
        let feed = crate::feed::check(include_str!("../tests/feeds/good/minimal.json"))
            .unwrap()
            .feed;
        assert!(feed.illustrative);
        let all: Vec<usize> = feed.observations.iter().map(|o| o.index).collect();
        for (lang, note) in [
            (Lang::En, "# Illustrative: not real data"),
            (Lang::Ru, "# Иллюстрация: не реальные данные"),
        ] {
            let text = csv(&feed, &all, &[], lang, plain);
            let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
            assert_eq!(lines[0], note);
            assert_eq!(lines[1], HEADER.join(","));
            assert_eq!(lines.len(), 2 + feed.observations.len());
            for line in &lines[2..] {
                let row = fields(line);
                assert_eq!(row.len(), HEADER.len(), "{line}");
                assert_eq!(col(&row, "illustrative"), "true");
            }
        }
        // A real feed: no note line, and `false` on every row, computed rows too.
        let feed = aktobe();
        let sections = crate::plan::plan(&feed, Lang::En, &crate::present::PlainNumbers);
        let q1 = sections
            .iter()
            .flat_map(|s| &s.charts)
            .find(|c| c.id == "crime-trend-1")
            .unwrap();
        let text = csv(&feed, &q1.observations, &q1.computed, Lang::En, plain);
        assert!(text.starts_with("indicator,"));
        for line in text.trim_end().split("\r\n").skip(1) {
            assert_eq!(col(&fields(line), "illustrative"), "false", "{line}");
        }
    }
}
