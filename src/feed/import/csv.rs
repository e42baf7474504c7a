//! Tidy CSV tables in: one figure per row, as press services keep them in spreadsheets.

use serde_json::{json, Map, Value};

use super::faults::{Faults, SOURCE_URL_EMPTY, SOURCE_URL_NOT_WEB};
use super::{slug, ImportError};
use crate::feed::validate::is_web_url;

/// A table's rows, each with its number in the file or the sheet (a CSV's header is row 1).
pub(super) type Rows = Vec<(usize, Vec<String>)>;

/// Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes, CRLF).
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, ImportError> {
    Ok(numbered_rows(text)?.into_iter().map(|(_, r)| r).collect())
}

/// `parse_csv` with the line each row starts on; blank lines are left out, not renumbered.
fn numbered_rows(text: &str) -> Result<Rows, ImportError> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let (mut line, mut start) = (1, 1);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push((start, std::mem::take(&mut row)));
            }
            (false, c) => field.push(c),
        }
        if c == '\n' {
            line += 1;
            if !quoted {
                start = line;
            }
        }
    }
    if quoted {
        return Err(ImportError::Csv("a quoted field is not closed".into()));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((start, row));
    }
    rows.retain(|(_, r)| !(r.len() == 1 && r[0].trim().is_empty()));
    Ok(rows)
}

fn csv_unit(unit: &str, kind: &str) -> &'static str {
    match unit.trim().to_lowercase().as_str() {
        _ if kind == "change_pct" || kind == "change_pp" => "count",
        "percent" | "%" => "percent",
        "kg" => "kg",
        "million tenge" => "million-tenge",
        "tenge" => "tenge",
        _ => "count",
    }
}

/// Converts a tidy CSV (columns as in `shared/data/aktobe/figures.csv`: id, geography, metric,
/// period, value, qualifier, unit, kind, comparison, agency, source_title, source_url,
/// source_date, quote, grade) into an esep feed document in English. Direction and group are
/// set to `neutral` and `crime` for the publisher to edit.
pub fn from_tidy_csv(text: &str, feed_id: &str) -> Result<Value, ImportError> {
    from_table(numbered_rows(text)?, feed_id)
}

/// Columns every row needs.
const NEEDED: [&str; 6] = [
    "geography",
    "metric",
    "period",
    "value",
    "source_url",
    "source_date",
];

/// `from_tidy_csv` on rows already read (from CSV text, or from a spreadsheet's first sheet).
/// A row whose source cannot be one (no address, no date…) refuses the whole table with one
/// message per column and fault, naming the rows: every other problem would follow from it.
pub(super) fn from_table(rows: Rows, feed_id: &str) -> Result<Value, ImportError> {
    let ((_, header), body) = rows
        .split_first()
        .ok_or_else(|| ImportError::Csv("the file is empty".into()))?;
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let missing: Vec<String> = NEEDED
        .iter()
        .filter(|n| col(n).is_none())
        .map(|n| format!("'{n}'"))
        .collect();
    match missing.as_slice() {
        [] => {}
        [one] => return Err(ImportError::Csv(format!("column {one} is missing"))),
        [more @ .., last] => {
            return Err(ImportError::Csv(format!(
                "columns {} and {last} are missing",
                more.join(", ")
            )))
        }
    }
    let get = |row: &[String], name: &str| -> String {
        col(name)
            .and_then(|i| row.get(i))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let mut areas: Vec<Value> = Vec::new();
    let mut metrics: Vec<Value> = Vec::new();
    let mut sources: Vec<Value> = Vec::new();
    let mut observations = Vec::new();
    let mut faults = Faults::default();
    for (number, row) in body {
        let number = *number;
        let geography = get(row, "geography");
        let area_id = slug(&geography);
        if !areas.iter().any(|a| a["id"] == area_id) {
            let kind = match geography.to_lowercase() {
                g if g.contains("city") => "city",
                g if g.contains("district") => "district",
                g if g == "kazakhstan" => "country",
                _ => "region",
            };
            let mut area = json!({ "id": area_id, "kind": kind, "name": { "en": geography } });
            if kind == "country" {
                area["context"] = json!(true);
            }
            areas.push(area);
        }
        let kind = get(row, "kind");
        let metric_name = get(row, "metric");
        let metric_id = slug(&metric_name);
        if !metrics.iter().any(|m| m["id"] == metric_id) {
            metrics.push(json!({
                "id": metric_id,
                "label": { "en": metric_name },
                "unit": csv_unit(&get(row, "unit"), &kind),
                "direction": "neutral",
                "group": "crime",
            }));
        }
        let url = get(row, "source_url");
        if url.is_empty() {
            faults.note(&SOURCE_URL_EMPTY, number, "");
        } else if !is_web_url(&url) {
            faults.note(&SOURCE_URL_NOT_WEB, number, &url);
        }
        let source_id = match sources.iter().position(|s| s["url"] == url) {
            Some(i) => format!("s{}", i + 1),
            None => {
                let (title, date, grade) = (
                    get(row, "source_title"),
                    get(row, "source_date"),
                    get(row, "grade"),
                );
                if is_web_url(&url) {
                    faults.source(number, &title, &date, &grade);
                }
                sources.push(json!({
                    "id": format!("s{}", sources.len() + 1),
                    "title": title,
                    "publisher": url.split('/').nth(2).unwrap_or("unknown").trim_start_matches("www."),
                    "url": url,
                    "date": date,
                    "grade": if grade.is_empty() { "secondary".to_owned() } else { grade },
                }));
                format!("s{}", sources.len())
            }
        };
        let value_text = get(row, "value");
        let value = if value_text.is_empty() {
            Value::Null
        } else {
            match value_text.parse::<f64>() {
                Ok(v) => json!(v),
                // Kept as text so that validation names the cell.
                Err(_) => Value::String(value_text),
            }
        };
        let mut o = Map::new();
        let id = get(row, "id");
        if !id.is_empty() {
            o.insert("id".into(), json!(slug(&id)));
        }
        o.insert("metric".into(), json!(metric_id));
        o.insert("area".into(), json!(area_id));
        o.insert("period".into(), json!(get(row, "period")));
        match kind.as_str() {
            "change_pct" => {
                o.insert("measure".into(), json!("change-pct"));
                o.insert("vs".into(), json!(get(row, "comparison")));
            }
            "change_pp" => {
                o.insert("measure".into(), json!("change-pp"));
                o.insert("vs".into(), json!(get(row, "comparison")));
            }
            _ => {}
        }
        o.insert("value".into(), value);
        let qualifier = match get(row, "qualifier").as_str() {
            "more than" => Some("more-than"),
            "less than" => Some("less-than"),
            "approximately" | "about" => Some("approximately"),
            "rounded to hundreds" => Some("rounded-to-hundreds"),
            "rounded to thousands" => Some("rounded-to-thousands"),
            _ => None,
        };
        if let Some(q) = qualifier {
            o.insert("qualifier".into(), json!(q));
        }
        let agency = get(row, "agency");
        if !agency.is_empty() {
            o.insert("agency".into(), json!({ "en": agency }));
        }
        o.insert("source".into(), json!(source_id));
        let quote = get(row, "quote");
        if !quote.is_empty() {
            o.insert("quote".into(), json!(quote));
        }
        observations.push(Value::Object(o));
    }
    faults.refuse(body.len())?;
    Ok(json!({
        "esep": "1.0",
        "id": slug(feed_id),
        "lang": "en",
        "publisher": { "en": sources.first().and_then(|s| s["publisher"].as_str()).unwrap_or("unknown") },
        "title": { "en": feed_id },
        "areas": areas,
        "metrics": metrics,
        "sources": sources,
        "observations": observations,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIDY: &str = include_str!("../../../tests/fixtures/figures.csv");

    #[test]
    fn csv_fields_follow_rfc_4180() {
        let rows = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,2,3\n").unwrap();
        assert_eq!(
            rows,
            vec![vec!["a", "b,c", "say \"hi\""], vec!["1", "2", "3"]]
        );
        assert!(parse_csv("\"open").is_err());
    }

    #[test]
    fn a_tidy_csv_like_the_press_services_becomes_a_feed_through_the_same_validation() {
        let doc = from_tidy_csv(TIDY, "aktobe-from-csv").unwrap();
        let checked = crate::feed::check(&doc.to_string()).unwrap();
        let f = &checked.feed;
        assert!(!checked.has_errors(), "{:#?}", checked.problems);
        let crimes = f.observation("registered-crimes-2025").unwrap();
        assert_eq!(crimes.value, Some(-7.0));
        assert!(crimes.measure.is_change());
        assert!(f.areas.iter().any(|a| a.context));
        // The bad row (a number written with a comma) is named by its path.
        let bad = from_tidy_csv(&TIDY.replace(",76,,kg,", ",\"76,5\",,kg,"), "x").unwrap();
        let checked = crate::feed::check(&bad.to_string()).unwrap();
        assert!(checked
            .errors()
            .any(|p| p.path.ends_with(".value") && p.message.contains("expected a number")));
    }
}
