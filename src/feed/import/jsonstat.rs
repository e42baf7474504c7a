//! JSON-stat 2.0 datasets in: one dataset with a metric, an area and a period dimension.

use serde_json::{json, Map, Value};

use super::{slug, ImportError};
use crate::feed::validate::is_web_url;
use crate::feed::{Grade, PartialDate};

/// Category ids of a JSON-stat dimension, in index order.
fn categories(dim: &Value) -> Result<Vec<String>, ImportError> {
    let cat = dim
        .get("category")
        .ok_or_else(|| ImportError::JsonStat("a dimension has no category".into()))?;
    match cat.get("index") {
        Some(Value::Array(ids)) => Ok(ids
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()),
        Some(Value::Object(map)) => {
            let mut pairs: Vec<(u64, String)> = map
                .iter()
                .filter_map(|(k, v)| Some((v.as_u64()?, k.clone())))
                .collect();
            pairs.sort();
            Ok(pairs.into_iter().map(|(_, k)| k).collect())
        }
        _ => match cat.get("label").and_then(Value::as_object) {
            Some(labels) if labels.len() == 1 => Ok(labels.keys().cloned().collect()),
            _ => Err(ImportError::JsonStat(
                "a dimension has no category index".into(),
            )),
        },
    }
}

fn label_of(dim: &Value, id: &str) -> String {
    dim.pointer(&format!(
        "/category/label/{}",
        id.replace('~', "~0").replace('/', "~1")
    ))
    .and_then(Value::as_str)
    .unwrap_or(id)
    .to_owned()
}

/// Which dimension plays which part: JSON-stat roles first, then the names documented in
/// `docs/feed.md` (`metric`/`indicator`, `area`/`geo`, `period`/`time`).
fn find_dim(ids: &[String], ds: &Value, role: &str, names: &[&str]) -> Option<usize> {
    if let Some(Value::Array(r)) = ds.pointer(&format!("/role/{role}")) {
        if let Some(name) = r.first().and_then(Value::as_str) {
            return ids.iter().position(|i| i == name);
        }
    }
    ids.iter()
        .position(|i| names.contains(&i.to_lowercase().as_str()))
}

fn unit_of(dim: &Value, id: &str) -> &'static str {
    let label = dim
        .pointer(&format!("/category/unit/{id}/label"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_lowercase();
    match label.as_str() {
        l if l.contains('%') || l.contains("percent") => "percent",
        l if l == "kg" || l.contains("kilogram") => "kg",
        l if l.contains("million") && l.contains("tenge") => "million-tenge",
        l if l.contains("tenge") || l.contains('₸') => "tenge",
        _ => "count",
    }
}

/// What a dataset without a source address is told: its `href` is optional in JSON-stat.
const NO_HREF: &str = "the dataset has no \"href\": add the address of the published table, \
     or name a source in \"extension.esep\" (\"source_url\")";

/// The dataset's one source, or why it cannot be one in JSON-stat's terms: `href` (or
/// `extension.esep.source_url`) is its address, `updated` its date. Each fault once: every
/// figure cites this source, and would otherwise be refused with it.
fn dataset_source(ds: &Value, ext: &Value) -> Result<Value, ImportError> {
    fn text(v: Option<&Value>) -> Option<&str> {
        v.and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
    let cut = |s: &str| s.chars().take(40).collect::<String>();
    let mut faults = Vec::new();
    let (field, url) = match text(ext.get("source_url")) {
        Some(u) => ("\"extension.esep\" \"source_url\"", Some(u)),
        None => ("\"href\"", text(ds.get("href"))),
    };
    match url {
        None => faults.push(NO_HREF.to_owned()),
        Some(u) if !is_web_url(u) => faults.push(format!(
            "the dataset's {field} ('{}') is not an http(s) address: \
             give the whole address of the published table, starting with https://",
            cut(u)
        )),
        Some(_) => {}
    }
    // JSON-stat's `updated` is an ISO 8601 date, maybe with a time: the day is enough.
    let date = text(ds.get("updated")).map(|d| d.chars().take(10).collect::<String>());
    match &date {
        None => faults.push(
            "the dataset has no \"updated\": add the date the table was published, \
             such as \"2025-10-15\""
                .to_owned(),
        ),
        Some(d) if PartialDate::read(d).is_none() => faults.push(format!(
            "the dataset's \"updated\" ('{d}') is not a date: write it as \"2025-10-15\""
        )),
        Some(_) => {}
    }
    let grade = text(ext.get("grade")).unwrap_or("primary");
    if Grade::parse(grade).is_none() {
        faults.push(format!(
            "\"extension.esep\" \"grade\" ('{}') is not a grade: \
             write primary, agency-via-mirror or secondary",
            cut(grade)
        ));
    }
    if !faults.is_empty() {
        return Err(ImportError::Input(faults));
    }
    Ok(json!({
        "id": "dataset",
        "title": text(ds.get("label")).unwrap_or("JSON-stat dataset"),
        "publisher": text(ds.get("source")).unwrap_or("unknown"),
        "url": url,
        "date": date,
        "grade": grade,
    }))
}

/// Converts a JSON-stat 2.0 dataset into an esep feed document. Publisher, source and the
/// esep-specific fields (direction, group) come from `extension.esep` where given.
pub fn from_jsonstat(text: &str) -> Result<Value, ImportError> {
    let ds: Value = serde_json::from_str(text).map_err(|e| ImportError::JsonStat(e.to_string()))?;
    if ds.get("class").and_then(Value::as_str) != Some("dataset") {
        return Err(ImportError::JsonStat("\"class\" is not \"dataset\"".into()));
    }
    let ids: Vec<String> = ds
        .get("id")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .ok_or_else(|| ImportError::JsonStat("\"id\" is missing".into()))?;
    let sizes: Vec<usize> = ds
        .get("size")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_u64().map(|n| n as usize))
                .collect()
        })
        .ok_or_else(|| ImportError::JsonStat("\"size\" is missing".into()))?;
    if sizes.len() != ids.len() {
        return Err(ImportError::JsonStat(
            "\"id\" and \"size\" differ in length".into(),
        ));
    }
    let dims: Vec<&Value> = ids
        .iter()
        .map(|i| {
            ds.pointer(&format!("/dimension/{i}"))
                .ok_or_else(|| ImportError::JsonStat(format!("dimension '{i}' is missing")))
        })
        .collect::<Result<_, _>>()?;
    let cats: Vec<Vec<String>> = dims
        .iter()
        .map(|d| categories(d))
        .collect::<Result<_, _>>()?;
    if cats.iter().zip(&sizes).any(|(c, s)| c.len() != *s) {
        return Err(ImportError::JsonStat(
            "a dimension's size does not match its categories".into(),
        ));
    }
    let m = find_dim(&ids, &ds, "metric", &["metric", "indicator"])
        .ok_or_else(|| ImportError::JsonStat("no metric dimension".into()))?;
    let a = find_dim(&ids, &ds, "geo", &["area", "geo", "region"])
        .ok_or_else(|| ImportError::JsonStat("no area (geo) dimension".into()))?;
    let p = find_dim(&ids, &ds, "time", &["period", "time", "year"])
        .ok_or_else(|| ImportError::JsonStat("no period (time) dimension".into()))?;
    if ids.len() != 3
        && sizes
            .iter()
            .enumerate()
            .any(|(i, s)| i != m && i != a && i != p && *s != 1)
    {
        return Err(ImportError::JsonStat(
            "dimensions other than metric, area and period must have one category".into(),
        ));
    }
    let total: usize = sizes.iter().product();
    if total > 1_000_000 {
        return Err(ImportError::JsonStat(format!(
            "{total} cells is more than this converter takes (1 000 000)"
        )));
    }
    let value_at = |i: usize| -> Value {
        match ds.get("value") {
            Some(Value::Array(v)) => v.get(i).cloned().unwrap_or(Value::Null),
            Some(Value::Object(v)) => v.get(&i.to_string()).cloned().unwrap_or(Value::Null),
            _ => Value::Null,
        }
    };
    let ext = ds
        .pointer("/extension/esep")
        .cloned()
        .unwrap_or(Value::Null);
    let lang = ext.get("lang").and_then(Value::as_str).unwrap_or("en");
    let text_of = |v: Option<&Value>, fallback: &str| -> Value {
        match v {
            Some(Value::Object(o)) => Value::Object(o.clone()),
            Some(Value::String(s)) => json!({ lang: s }),
            _ => json!({ lang: fallback }),
        }
    };
    let source = dataset_source(&ds, &ext)?;
    let metrics: Vec<Value> = cats[m]
        .iter()
        .map(|id| {
            let meta = ext.pointer(&format!("/metrics/{id}")).cloned().unwrap_or(Value::Null);
            json!({
                "id": slug(id),
                "label": { lang: label_of(dims[m], id) },
                "unit": meta.get("unit").and_then(Value::as_str).unwrap_or_else(|| unit_of(dims[m], id)),
                "direction": meta.get("direction").and_then(Value::as_str).unwrap_or("neutral"),
                "group": meta.get("group").and_then(Value::as_str).unwrap_or("crime"),
            })
        })
        .collect();
    let areas: Vec<Value> = cats[a]
        .iter()
        .map(|id| {
            let meta = ext
                .pointer(&format!("/areas/{id}"))
                .cloned()
                .unwrap_or(Value::Null);
            json!({
                "id": slug(id),
                "kind": meta.get("kind").and_then(Value::as_str).unwrap_or("region"),
                "name": { lang: label_of(dims[a], id) },
            })
        })
        .collect();
    let mut observations = Vec::new();
    // Row-major order: the last dimension varies fastest.
    for flat in 0..total {
        let mut rest = flat;
        let mut at = vec![0usize; sizes.len()];
        for d in (0..sizes.len()).rev() {
            at[d] = rest % sizes[d].max(1);
            rest /= sizes[d].max(1);
        }
        let v = value_at(flat);
        let status = ds
            .get("status")
            .and_then(|s| match s {
                Value::Array(a) => a.get(flat).cloned(),
                Value::Object(o) => o.get(&flat.to_string()).cloned(),
                Value::String(one) => Some(Value::String(one.clone())),
                _ => None,
            })
            .and_then(|s| s.as_str().map(str::to_owned));
        let mut o = Map::new();
        o.insert("metric".into(), json!(slug(&cats[m][at[m]])));
        o.insert("area".into(), json!(slug(&cats[a][at[a]])));
        o.insert("period".into(), json!(cats[p][at[p]]));
        o.insert("value".into(), v);
        o.insert("source".into(), json!("dataset"));
        // JSON-stat status "p" is provisional, "r" revised (Eurostat's usage).
        match status.as_deref() {
            Some("p") => {
                o.insert("status".into(), json!("provisional"));
            }
            Some("r") => {
                o.insert("status".into(), json!("revised"));
            }
            _ => {}
        }
        observations.push(Value::Object(o));
    }
    Ok(json!({
        "esep": "1.0",
        "id": slug(ext.get("id").and_then(Value::as_str).unwrap_or("jsonstat-import")),
        "lang": lang,
        "publisher": text_of(ext.get("publisher"), ds.get("source").and_then(Value::as_str).unwrap_or("unknown")),
        "title": text_of(ext.get("title"), ds.get("label").and_then(Value::as_str).unwrap_or("JSON-stat dataset")),
        "data_as_of": ds.get("updated").and_then(Value::as_str).map(|d| d.chars().take(10).collect::<String>()),
        "areas": areas,
        "metrics": metrics,
        "sources": [source],
        "observations": observations,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::looks_like_jsonstat;
    use super::*;

    const JSONSTAT: &str = include_str!("../../../tests/fixtures/crime.jsonstat.json");

    #[test]
    fn a_jsonstat_dataset_becomes_a_valid_feed_with_every_cell() {
        assert!(looks_like_jsonstat(JSONSTAT));
        let doc = from_jsonstat(JSONSTAT).unwrap();
        let checked = crate::feed::check(&doc.to_string()).unwrap();
        assert!(!checked.has_errors(), "{:#?}", checked.problems);
        let f = checked.feed;
        assert_eq!(f.metrics.len(), 2);
        assert_eq!(f.areas.len(), 2);
        // 2 metrics × 2 areas × 3 years, one of them null (not available).
        assert_eq!(f.observations.len(), 12);
        assert_eq!(
            f.observations.iter().filter(|o| o.value.is_none()).count(),
            1
        );
        assert!(f
            .metrics
            .iter()
            .any(|m| m.unit == crate::feed::Unit::Percent));
    }

    #[test]
    fn a_broken_jsonstat_dataset_is_refused_with_a_reason() {
        assert!(matches!(
            from_jsonstat("{\"class\":\"collection\"}"),
            Err(ImportError::JsonStat(_))
        ));
        let wrong = JSONSTAT.replace("\"size\": [2, 2, 3]", "\"size\": [2, 2, 4]");
        assert!(from_jsonstat(&wrong).is_err());
    }
}
