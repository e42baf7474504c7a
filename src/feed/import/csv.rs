//! Tidy CSV tables in: one figure per row, as press services keep them in spreadsheets.

use serde_json::{json, Map, Value};

use super::{slug, ImportError};

/// Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes, CRLF).
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, ImportError> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
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
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(ImportError::Csv("a quoted field is not closed".into()));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.retain(|r| !(r.len() == 1 && r[0].trim().is_empty()));
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
    let rows = parse_csv(text)?;
    let (header, body) = rows
        .split_first()
        .ok_or_else(|| ImportError::Csv("the file is empty".into()))?;
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let need = [
        "geography",
        "metric",
        "period",
        "value",
        "source_url",
        "source_date",
    ];
    for n in need {
        if col(n).is_none() {
            return Err(ImportError::Csv(format!("column '{n}' is missing")));
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
    for row in body {
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
        let source_id = match sources.iter().position(|s| s["url"] == url) {
            Some(i) => format!("s{}", i + 1),
            None => {
                sources.push(json!({
                    "id": format!("s{}", sources.len() + 1),
                    "title": get(row, "source_title"),
                    "publisher": url.split('/').nth(2).unwrap_or("unknown").trim_start_matches("www."),
                    "url": url,
                    "date": get(row, "source_date"),
                    "grade": match get(row, "grade").as_str() { "" => "secondary".to_owned(), g => g.to_owned() },
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
