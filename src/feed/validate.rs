//! Parsing and validation of a feed: `check(text)` reads the file, collects every problem with
//! its JSON path, and keeps whatever is valid so that a partly broken feed still renders.

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde_json::{Map, Value};

use super::error::{ParseError, Problem, Severity};
use super::model::*;
use super::period::{PartialDate, Period};

/// FxHash (the Rust compiler's hasher): ids are short and not attacker-chosen keys of a
/// long-lived table, and SipHash was a seventh of the time of validating a 10 MB feed.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_i32(&mut self, n: i32) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;
type HashSet<K> = StdHashSet<K, BuildHasherDefault<FxHasher>>;

/// Largest feed accepted, in bytes (documented in `docs/feed.md`).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Deepest nesting of arrays and objects accepted (the format itself needs 4).
pub const MAX_DEPTH: usize = 16;
/// Longest text kept in a label or title, in characters; longer ones are cut with a warning.
pub const MAX_TEXT_CHARS: usize = 2000;
/// A published change and the change computed from published levels may differ by this many
/// percentage points before a warning is raised (rounding of both).
pub const CHANGE_TOLERANCE_PP: f64 = 0.5;

/// A readable feed: what is valid, and every problem found.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub feed: Feed,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Reads and validates a feed. `Err` only when nothing of the file can be used.
pub fn check(text: &str) -> Result<Checked, ParseError> {
    let root = parse_root(text)?;
    let mut v = Validator::default();
    let feed = v.feed(&root)?;
    Ok(Checked {
        feed,
        problems: v.problems,
    })
}

/// Size, depth and syntax checks, then the version marker.
fn parse_root(text: &str) -> Result<Map<String, Value>, ParseError> {
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(ParseError::TooLarge {
            bytes: text.len(),
            limit: MAX_BYTES,
        });
    }
    if trimmed.starts_with('<') {
        return Err(ParseError::Html);
    }
    if nesting_depth_exceeds(text, MAX_DEPTH) {
        return Err(ParseError::TooDeep { limit: MAX_DEPTH });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| ParseError::Syntax {
        message: syntax_message(&e),
        line: e.line(),
        column: e.column(),
    })?;
    let Value::Object(root) = value else {
        return Err(ParseError::NotAnObject);
    };
    match root.get("esep") {
        None => Err(ParseError::MissingVersion),
        Some(Value::String(v)) if v == "1" || v.starts_with("1.") => Ok(root),
        Some(Value::String(s)) => Err(ParseError::UnsupportedVersion {
            found: s.chars().take(20).collect(),
        }),
        Some(other) => Err(ParseError::VersionNotText {
            found: kind_of(other).to_owned(),
        }),
    }
}

/// serde_json's message without its own " at line X column Y" tail (we print those apart).
fn syntax_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    }
}

/// Scans brackets outside strings, so that a hostile file is refused before it is parsed.
pub fn nesting_depth_exceeds(text: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn quoted(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() {
        format!("'{cut}…'")
    } else {
        format!("'{cut}'")
    }
}

/// True for `http://` and `https://` addresses without spaces or control characters.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= 2000
        && url.len() > 8
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    /// Where each kept metric stands in the file, for paths in later checks.
    metric_paths: HashMap<String, String>,
}

/// One JSON object under a path, with the helpers that read typed fields from it.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl Obj<'_> {
    fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

impl Validator {
    fn push(&mut self, severity: Severity, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            severity,
            path: path.into(),
            message: message.into(),
        });
    }

    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, path, message);
    }

    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, path, message);
    }

    fn object<'a>(&mut self, v: &'a Value, path: String) -> Option<Obj<'a>> {
        match v {
            Value::Object(map) => Some(Obj { map, path }),
            other => {
                self.error(
                    path,
                    format!("expected an object, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    fn known_fields(&mut self, o: &Obj, allowed: &[&str]) {
        for key in o.map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.warn(o.at(key), "unknown field (ignored; check the spelling)");
            }
        }
    }

    fn opt_str<'a>(&mut self, o: &Obj<'a>, key: &str) -> Result<Option<&'a str>, ()> {
        match o.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.error(o.at(key), "is empty");
                Err(())
            }
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(other) => {
                self.error(
                    o.at(key),
                    format!("expected text, found {}", kind_of(other)),
                );
                Err(())
            }
        }
    }

    fn req_str<'a>(&mut self, o: &Obj<'a>, key: &str) -> Option<&'a str> {
        match self.opt_str(o, key) {
            Ok(Some(s)) => Some(s),
            Ok(None) => {
                self.error(o.at(key), "missing");
                None
            }
            Err(()) => None,
        }
    }

    fn bounded(&mut self, path: String, s: &str) -> String {
        if s.chars().count() > MAX_TEXT_CHARS {
            self.warn(
                path,
                format!("longer than {MAX_TEXT_CHARS} characters; cut"),
            );
            let mut cut: String = s.chars().take(MAX_TEXT_CHARS).collect();
            cut.push('…');
            cut
        } else {
            s.to_owned()
        }
    }

    fn req_id(&mut self, o: &Obj, key: &str) -> Option<String> {
        let id = self.req_str(o, key)?;
        if is_id(id) {
            Some(id.to_owned())
        } else {
            self.error(
                o.at(key),
                format!(
                    "{} is not a valid id (lower-case letters, digits, '-', '_' and '.', at most 80)",
                    quoted(id)
                ),
            );
            None
        }
    }

    /// A text in up to three languages: `{"kk": "…", "ru": "…", "en": "…"}`.
    fn text(&mut self, o: &Obj, key: &str, required: bool) -> Option<Text> {
        let path = o.at(key);
        let map = match o.map.get(key) {
            None | Some(Value::Null) if required => {
                self.error(path, "missing");
                return None;
            }
            None | Some(Value::Null) => return Some(Text::default()),
            Some(Value::Object(map)) => map,
            Some(other) => {
                self.error(
                    path,
                    format!(
                        "expected an object such as {{\"kk\": \"…\", \"ru\": \"…\", \"en\": \"…\"}}, found {}",
                        kind_of(other)
                    ),
                );
                return None;
            }
        };
        let inner = Obj {
            map,
            path: path.clone(),
        };
        self.known_fields(&inner, &["kk", "ru", "en"]);
        let mut text = Text::default();
        for lang in Lang::ALL {
            if let Ok(Some(s)) = self.opt_str(&inner, lang.code()) {
                let s = self.bounded(inner.at(lang.code()), s);
                match lang {
                    Lang::Kk => text.kk = Some(s),
                    Lang::Ru => text.ru = Some(s),
                    Lang::En => text.en = Some(s),
                }
            }
        }
        if text.is_empty() && required {
            self.error(path, "has no text in kk, ru or en");
            return None;
        }
        Some(text)
    }

    /// One of a fixed set of names; `default` when absent (or an error when `None`).
    fn choice<T: Copy>(
        &mut self,
        o: &Obj,
        key: &str,
        names: &[&str],
        all: &[T],
        default: Option<T>,
    ) -> Option<Option<T>> {
        match self.opt_str(o, key) {
            Err(()) => None,
            Ok(None) => match default {
                Some(d) => Some(Some(d)),
                None => Some(None),
            },
            Ok(Some(s)) => match names.iter().position(|n| *n == s) {
                Some(i) => Some(all.get(i).copied()),
                None => {
                    self.error(
                        o.at(key),
                        format!("{} is not one of: {}", quoted(s), names.join(", ")),
                    );
                    None
                }
            },
        }
    }

    fn req_choice<T: Copy>(&mut self, o: &Obj, key: &str, names: &[&str], all: &[T]) -> Option<T> {
        match self.choice(o, key, names, all, None)? {
            Some(v) => Some(v),
            None => {
                self.error(o.at(key), format!("missing (one of: {})", names.join(", ")));
                None
            }
        }
    }

    fn period(&mut self, o: &Obj, key: &str, required: bool) -> Result<Option<Period>, ()> {
        match self.opt_str(o, key)? {
            None if required => {
                self.error(o.at(key), "missing");
                Err(())
            }
            None => Ok(None),
            Some(s) => match Period::parse(s) {
                Ok(p) => Ok(Some(p)),
                Err(e) => {
                    self.error(o.at(key), e.to_string());
                    Err(())
                }
            },
        }
    }

    fn date(&mut self, o: &Obj, key: &str) -> Result<Option<PartialDate>, ()> {
        match self.opt_str(o, key)? {
            None => Ok(None),
            Some(s) => match PartialDate::parse(s) {
                Ok(d) => Ok(Some(d)),
                Err(e) => {
                    self.error(o.at(key), e.to_string());
                    Err(())
                }
            },
        }
    }

    fn web_url(&mut self, o: &Obj, key: &str, required: bool) -> Result<Option<String>, ()> {
        match self.opt_str(o, key)? {
            None if required => {
                self.error(o.at(key), "missing");
                Err(())
            }
            None => Ok(None),
            Some(s) if is_web_url(s) => Ok(Some(s.to_owned())),
            Some(s) => {
                self.error(
                    o.at(key),
                    format!("{} is not an http:// or https:// address", quoted(s)),
                );
                Err(())
            }
        }
    }

    /// The elements of a top-level list, each with its path; a missing list is empty.
    fn list<'a>(&mut self, root: &Obj<'a>, key: &str) -> Vec<(String, &'a Value)> {
        match root.map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{key}[{i}]"), v))
                .collect(),
            Some(other) => {
                self.error(key, format!("expected a list, found {}", kind_of(other)));
                Vec::new()
            }
        }
    }

    fn unique(
        &mut self,
        seen: &mut HashMap<String, String>,
        id: &str,
        path: &str,
        what: &str,
    ) -> bool {
        if let Some(first) = seen.get(id) {
            self.error(
                format!("{path}.id"),
                format!(
                    "duplicate {what} id {} (first at {first}); skipped",
                    quoted(id)
                ),
            );
            false
        } else {
            seen.insert(id.to_owned(), path.to_owned());
            true
        }
    }

    fn feed(&mut self, root_map: &Map<String, Value>) -> Result<Feed, ParseError> {
        let root = Obj {
            map: root_map,
            path: String::new(),
        };
        self.known_fields(
            &root,
            &[
                "esep",
                "$schema",
                "id",
                "lang",
                "publisher",
                "title",
                "description",
                "period",
                "data_as_of",
                "licence",
                "contact",
                "illustrative",
                "headlines",
                "areas",
                "metrics",
                "sources",
                "observations",
                "annotations",
            ],
        );
        let version = match root_map.get("esep") {
            Some(Value::String(s)) => s.clone(),
            _ => return Err(ParseError::MissingVersion),
        };
        let id = self.req_id(&root, "id").unwrap_or_default();
        let lang = self
            .choice(
                &root,
                "lang",
                &["kk", "ru", "en"],
                &Lang::ALL,
                Some(Lang::Kk),
            )
            .flatten()
            .unwrap_or_default();
        let publisher = self.text(&root, "publisher", true).unwrap_or_default();
        let title = self.text(&root, "title", true).unwrap_or_default();
        let description = self.text(&root, "description", false).unwrap_or_default();
        let period = self.period(&root, "period", false).ok().flatten();
        let data_as_of = self.date(&root, "data_as_of").ok().flatten();
        if root_map.get("data_as_of").is_none() {
            self.warn(
                "data_as_of",
                "missing: readers will not see how current the data is",
            );
        }
        let licence = self.licence(&root);
        let contact = match self.opt_str(&root, "contact") {
            Ok(Some(c)) if c.starts_with("mailto:") || is_web_url(c) => Some(c.to_owned()),
            Ok(Some(c)) => {
                self.error(
                    "contact",
                    format!("{} is not a mailto: or http(s) address", quoted(c)),
                );
                None
            }
            _ => None,
        };
        let illustrative = match root_map.get("illustrative") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.error(
                    "illustrative",
                    format!("expected true or false, found {}", kind_of(other)),
                );
                false
            }
        };

        let sources = self.sources(&root);
        let source_ids: HashSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
        let areas = self.areas(&root, &source_ids);
        let metrics = self.metrics(&root);
        let observations = self.observations(&root, &areas, &metrics, &source_ids);
        let annotations = self.annotations(&root, &areas, &metrics);
        let headlines = self.headlines(&root, &observations);

        let feed = Feed {
            version,
            id,
            lang,
            publisher,
            title,
            description,
            period,
            data_as_of,
            licence,
            contact,
            illustrative,
            headlines,
            areas,
            metrics,
            sources,
            observations,
            annotations,
        };
        self.cross_checks(&feed);
        Ok(feed)
    }

    fn licence(&mut self, root: &Obj) -> Option<Licence> {
        let v = root.map.get("licence")?;
        let o = self.object(v, "licence".into())?;
        self.known_fields(&o, &["name", "url"]);
        let name = self.req_str(&o, "name")?.to_owned();
        let url = self.web_url(&o, "url", false).ok().flatten();
        Some(Licence { name, url })
    }

    fn sources(&mut self, root: &Obj) -> Vec<Source> {
        let mut seen = HashMap::default();
        let mut out = Vec::new();
        for (path, v) in self.list(root, "sources") {
            let Some(o) = self.object(v, path.clone()) else {
                continue;
            };
            self.known_fields(
                &o,
                &["id", "title", "publisher", "url", "date", "grade", "lang"],
            );
            let id = self.req_id(&o, "id");
            let title = self
                .req_str(&o, "title")
                .map(|t| self.bounded(o.at("title"), t));
            let publisher = self.req_str(&o, "publisher").map(str::to_owned);
            let url = self.web_url(&o, "url", true).ok().flatten();
            let date = match self.date(&o, "date") {
                Ok(Some(d)) => Some(d),
                Ok(None) => {
                    self.error(o.at("date"), "missing (a year such as 2025 is enough)");
                    None
                }
                Err(()) => None,
            };
            let grade = self.req_choice(&o, "grade", Grade::NAMES, &Grade::ALL);
            let (Some(id), Some(title), Some(publisher), Some(url), Some(date), Some(grade)) =
                (id, title, publisher, url, date, grade)
            else {
                continue;
            };
            if !self.unique(&mut seen, &id, &path, "source") {
                continue;
            }
            if !date.is_complete() {
                self.warn(
                    o.at("date"),
                    format!("{date} has no day: readers see only the year or month of publication"),
                );
            }
            out.push(Source {
                id,
                title,
                publisher,
                url,
                date,
                grade,
            });
        }
        out
    }

    fn areas(&mut self, root: &Obj, sources: &HashSet<&str>) -> Vec<Area> {
        let mut seen = HashMap::default();
        let mut out: Vec<Area> = Vec::new();
        let mut paths: Vec<String> = Vec::new();
        for (path, v) in self.list(root, "areas") {
            let Some(o) = self.object(v, path.clone()) else {
                continue;
            };
            self.known_fields(
                &o,
                &["id", "kind", "name", "parent", "context", "population"],
            );
            let id = self.req_id(&o, "id");
            let kind = self.req_choice(&o, "kind", AreaKind::NAMES, &AreaKind::ALL);
            let name = self.text(&o, "name", true);
            let parent = self.opt_str(&o, "parent").ok().flatten().map(str::to_owned);
            let context = match o.map.get("context") {
                None | Some(Value::Null) => false,
                Some(Value::Bool(b)) => *b,
                Some(other) => {
                    self.error(
                        o.at("context"),
                        format!("expected true or false, found {}", kind_of(other)),
                    );
                    false
                }
            };
            let population = o
                .map
                .get("population")
                .and_then(|p| self.population(p, o.at("population"), sources));
            let (Some(id), Some(kind), Some(name)) = (id, kind, name) else {
                continue;
            };
            if !self.unique(&mut seen, &id, &path, "area") {
                continue;
            }
            paths.push(path);
            out.push(Area {
                id,
                kind,
                name,
                parent,
                context,
                population,
            });
        }
        let ids: HashSet<String> = out.iter().map(|a| a.id.clone()).collect();
        for (area, path) in out.iter_mut().zip(&paths) {
            if let Some(parent) = &area.parent {
                if !ids.contains(parent) || *parent == area.id {
                    let msg = format!("unknown area {} (parent dropped)", quoted(parent));
                    self.error(format!("{path}.parent"), msg);
                    area.parent = None;
                }
            }
        }
        out
    }

    fn population(
        &mut self,
        v: &Value,
        path: String,
        sources: &HashSet<&str>,
    ) -> Option<Population> {
        let o = self.object(v, path)?;
        self.known_fields(&o, &["value", "year", "source"]);
        let value = match o.map.get("value") {
            Some(Value::Number(n)) => n.as_f64().filter(|v| *v > 0.0 && v.is_finite()),
            _ => None,
        };
        let Some(value) = value else {
            self.error(o.at("value"), "expected a positive number of people");
            return None;
        };
        let year = match o.map.get("year").and_then(Value::as_i64) {
            Some(y) if (1900..=2200).contains(&y) => y as i32,
            _ => {
                self.error(o.at("year"), "expected the year the population refers to");
                return None;
            }
        };
        let source = self.req_str(&o, "source")?;
        if !sources.contains(source) {
            self.error(o.at("source"), format!("unknown source {}", quoted(source)));
            return None;
        }
        Some(Population {
            value,
            year,
            source: source.to_owned(),
        })
    }

    fn metrics(&mut self, root: &Obj) -> Vec<Metric> {
        let mut seen = HashMap::default();
        let mut out = Vec::new();
        for (path, v) in self.list(root, "metrics") {
            let Some(o) = self.object(v, path.clone()) else {
                continue;
            };
            self.known_fields(
                &o,
                &[
                    "id",
                    "label",
                    "unit",
                    "direction",
                    "group",
                    "series",
                    "definition",
                ],
            );
            let id = self.req_id(&o, "id");
            let label = self.text(&o, "label", true);
            let unit = self.req_choice(&o, "unit", Unit::NAMES, &Unit::ALL);
            let direction = self.req_choice(&o, "direction", Direction::NAMES, &Direction::ALL);
            let group = self.req_choice(&o, "group", Group::NAMES, &Group::ALL);
            let series = self.opt_str(&o, "series").ok().flatten().map(str::to_owned);
            let definition = self.text(&o, "definition", false).unwrap_or_default();
            let chart = self
                .choice(
                    &o,
                    "chart",
                    ChartHint::NAMES,
                    &ChartHint::ALL,
                    Some(ChartHint::Auto),
                )
                .flatten()
                .unwrap_or_default();
            let (Some(id), Some(label), Some(unit), Some(direction), Some(group)) =
                (id, label, unit, direction, group)
            else {
                continue;
            };
            if !self.unique(&mut seen, &id, &path, "metric") {
                continue;
            }
            self.metric_paths.insert(id.clone(), path.clone());
            out.push(Metric {
                id,
                label,
                unit,
                direction,
                group,
                series,
                definition,
                chart,
            });
        }
        out
    }

    fn observations(
        &mut self,
        root: &Obj,
        areas: &[Area],
        metrics: &[Metric],
        sources: &HashSet<&str>,
    ) -> Vec<Observation> {
        let area_ids: HashMap<&str, usize> = areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let units: HashMap<&str, (usize, Unit)> = metrics
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), (i, m.unit)))
            .collect();
        let mut seen_ids = HashMap::default();
        // metric index, area index, span, measure, comparison span
        type Key = (
            usize,
            usize,
            (i32, u8),
            (i32, u8),
            u8,
            Option<((i32, u8), (i32, u8))>,
        );
        let mut seen_keys: HashMap<Key, usize> = HashMap::default();
        let mut out = Vec::new();
        for (index, (path, v)) in self.list(root, "observations").into_iter().enumerate() {
            let Some(o) = self.object(v, path.clone()) else {
                continue;
            };
            self.known_fields(
                &o,
                &[
                    "id",
                    "metric",
                    "area",
                    "period",
                    "measure",
                    "vs",
                    "value",
                    "qualifier",
                    "status",
                    "agency",
                    "source",
                    "quote",
                ],
            );
            let id = match o.map.get("id") {
                None | Some(Value::Null) => Some(None),
                Some(_) => self.req_id(&o, "id").map(Some),
            };
            let metric = self.reference(&o, "metric", "metric", |m| units.contains_key(m));
            let area = self.reference(&o, "area", "area", |a| area_ids.contains_key(a));
            let source = self.reference(&o, "source", "source", |s| sources.contains(s));
            let period = self.period(&o, "period", true).ok().flatten();
            let measure = self.measure(&o, period);
            let value = self.value(&o);
            let qualifier = self.choice(&o, "qualifier", Qualifier::NAMES, &Qualifier::ALL, None);
            let status = self.choice(
                &o,
                "status",
                Status::NAMES,
                &Status::ALL,
                Some(Status::Final),
            );
            let agency = self.text(&o, "agency", false).unwrap_or_default();
            let quote = self
                .opt_str(&o, "quote")
                .ok()
                .flatten()
                .map(|q| self.bounded(o.at("quote"), q));
            let (
                Some(id),
                Some(metric),
                Some(area),
                Some(source),
                Some(period),
                Some(measure),
                Some(value),
                Some(qualifier),
                Some(Some(status)),
            ) = (
                id, metric, area, source, period, measure, value, qualifier, status,
            )
            else {
                continue;
            };
            let (metric_i, unit) = units
                .get(metric.as_str())
                .copied()
                .unwrap_or((0, Unit::Count));
            let area_i = area_ids.get(area.as_str()).copied().unwrap_or(0);
            if matches!(measure, Measure::ChangePp { .. }) && unit != Unit::Percent {
                self.error(
                    o.at("measure"),
                    "a change in percentage points needs a metric whose unit is percent (use change-pct)",
                );
                continue;
            }
            if let Some(v) = value {
                if !self.value_in_range(&o, unit, &measure, v) {
                    continue;
                }
            }
            if let Some(id) = &id {
                if !self.unique(&mut seen_ids, id, &path, "observation") {
                    continue;
                }
            }
            let tag = match measure {
                Measure::Level => 0,
                Measure::ChangePct { .. } => 1,
                Measure::ChangePp { .. } => 2,
            };
            let vs = measure.vs().map(|v| (v.start, v.end));
            let key = (metric_i, area_i, period.start, period.end, tag, vs);
            if let Some(first) = seen_keys.get(&key) {
                self.error(
                    path,
                    format!("the same metric, area, period and measure as observations[{first}]; skipped"),
                );
                continue;
            }
            seen_keys.insert(key, index);
            out.push(Observation {
                index,
                id,
                metric,
                area,
                period,
                measure,
                value,
                qualifier,
                status,
                agency,
                source,
                quote,
            });
        }
        out
    }

    fn reference(
        &mut self,
        o: &Obj,
        key: &str,
        what: &str,
        exists: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let r = self.req_str(o, key)?;
        if exists(r) {
            Some(r.to_owned())
        } else {
            self.error(o.at(key), format!("unknown {what} {}", quoted(r)));
            None
        }
    }

    fn measure(&mut self, o: &Obj, period: Option<Period>) -> Option<Measure> {
        let tag = self.choice(o, "measure", Measure::NAMES, &[0u8, 1, 2], Some(0))??;
        let vs = self.period(o, "vs", tag != 0).ok()?;
        match (tag, vs) {
            (0, Some(_)) => {
                self.error(
                    o.at("vs"),
                    "only a change (measure change-pct or change-pp) has a comparison period",
                );
                None
            }
            (0, None) => Some(Measure::Level),
            (_, None) => None,
            (tag, Some(vs)) => {
                if let Some(p) = period {
                    if !vs.wholly_before(&p) {
                        self.error(
                            o.at("vs"),
                            format!("the comparison period {vs} must end before {p} begins"),
                        );
                        return None;
                    }
                    if vs.months() != p.months() {
                        self.warn(
                            o.at("vs"),
                            format!("compares {} months with {} months", p.months(), vs.months()),
                        );
                    }
                }
                Some(if tag == 1 {
                    Measure::ChangePct { vs }
                } else {
                    Measure::ChangePp { vs }
                })
            }
        }
    }

    /// `Some(None)` is an explicit "not available" (`null`).
    fn value(&mut self, o: &Obj) -> Option<Option<f64>> {
        match o.map.get("value") {
            None => {
                self.error(
                    o.at("value"),
                    "missing (write null when the figure is not available)",
                );
                None
            }
            Some(Value::Null) => Some(None),
            Some(Value::Number(n)) => match n.as_f64().filter(|v| v.is_finite()) {
                Some(v) => Some(Some(v)),
                None => {
                    self.error(o.at("value"), "is not a finite number");
                    None
                }
            },
            Some(Value::String(s)) => {
                let hint = if s.trim().parse::<f64>().is_ok() {
                    " (write the number without quotes)"
                } else {
                    ""
                };
                self.error(
                    o.at("value"),
                    format!("expected a number, found text {}{hint}", quoted(s)),
                );
                None
            }
            Some(other) => {
                self.error(
                    o.at("value"),
                    format!("expected a number or null, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    fn value_in_range(&mut self, o: &Obj, unit: Unit, measure: &Measure, v: f64) -> bool {
        let problem = match (measure, unit) {
            (Measure::ChangePct { .. }, _) if v < -100.0 => {
                Some("a fall of more than 100 % is impossible".to_owned())
            }
            (Measure::ChangePp { .. }, _) if !(-100.0..=100.0).contains(&v) => {
                Some("a change in percentage points must lie between -100 and 100".to_owned())
            }
            (Measure::Level, Unit::Percent) if !(0.0..=100.0).contains(&v) => {
                Some(format!("{v} is not a percentage between 0 and 100"))
            }
            (Measure::Level, Unit::Percent) => None,
            (Measure::Level, _) if v < 0.0 => {
                Some(format!("{v} is negative; a count or amount cannot be"))
            }
            (Measure::Level, Unit::Count) if v.fract() != 0.0 => {
                Some(format!("{v} is not a whole number; a count must be"))
            }
            _ => None,
        };
        match problem {
            Some(msg) => {
                self.error(o.at("value"), msg);
                false
            }
            None => true,
        }
    }

    fn annotations(&mut self, root: &Obj, areas: &[Area], metrics: &[Metric]) -> Vec<Annotation> {
        let mut out = Vec::new();
        for (path, v) in self.list(root, "annotations") {
            let Some(o) = self.object(v, path) else {
                continue;
            };
            self.known_fields(&o, &["period", "kind", "metric", "area", "text"]);
            let period = self.period(&o, "period", true).ok().flatten();
            let kind = self.req_choice(&o, "kind", AnnotationKind::NAMES, &AnnotationKind::ALL);
            let metric = match o.map.get("metric") {
                None | Some(Value::Null) => Some(None),
                Some(_) => self
                    .reference(&o, "metric", "metric", |m| {
                        metrics.iter().any(|x| x.id == m)
                    })
                    .map(Some),
            };
            let area = match o.map.get("area") {
                None | Some(Value::Null) => Some(None),
                Some(_) => self
                    .reference(&o, "area", "area", |a| areas.iter().any(|x| x.id == a))
                    .map(Some),
            };
            let text = self.text(&o, "text", true);
            let (Some(period), Some(kind), Some(metric), Some(area), Some(text)) =
                (period, kind, metric, area, text)
            else {
                continue;
            };
            out.push(Annotation {
                period,
                kind,
                metric,
                area,
                text,
            });
        }
        out
    }

    fn headlines(&mut self, root: &Obj, observations: &[Observation]) -> Vec<String> {
        let mut out = Vec::new();
        for (path, v) in self.list(root, "headlines") {
            match v {
                Value::String(id) if observations.iter().any(|o| o.id.as_deref() == Some(id)) => {
                    out.push(id.clone());
                }
                Value::String(id) => {
                    self.error(
                        path,
                        format!("unknown or skipped observation {}", quoted(id)),
                    );
                }
                other => self.error(
                    path,
                    format!("expected an observation id, found {}", kind_of(other)),
                ),
            }
        }
        out
    }

    /// Warnings about real-world inconsistencies; nothing is dropped here.
    fn cross_checks(&mut self, feed: &Feed) {
        let level = |metric: &str, area: &str, period: Period| {
            feed.observations.iter().find_map(|o| {
                (o.metric == metric
                    && o.area == area
                    && o.period == period
                    && o.measure == Measure::Level)
                    .then_some(o.value)
                    .flatten()
            })
        };
        for o in &feed.observations {
            let (Measure::ChangePct { vs }, Some(published)) = (o.measure, o.value) else {
                continue;
            };
            let (Some(now), Some(before)) = (
                level(&o.metric, &o.area, o.period),
                level(&o.metric, &o.area, vs),
            ) else {
                continue;
            };
            let Some(computed) = super::derive::pct_change(before, now) else {
                continue;
            };
            if (computed - published).abs() > CHANGE_TOLERANCE_PP {
                self.warn(
                    format!("observations[{}].value", o.index),
                    format!(
                        "the published change {published} % disagrees with the published levels {before} → {now} ({computed:.1} %); both are kept as published"
                    ),
                );
            }
        }
        // A series whose metric name changes: warn unless a methodology break is annotated.
        let mut by_series: HashMap<&str, Vec<&Metric>> = HashMap::default();
        for m in &feed.metrics {
            if let Some(s) = &m.series {
                by_series.entry(s.as_str()).or_default().push(m);
            }
        }
        let mut series: Vec<_> = by_series.into_iter().collect();
        series.sort_by_key(|(k, _)| *k);
        for (key, members) in series {
            let Some(first) = members.first() else {
                continue;
            };
            for m in members.iter().skip(1) {
                if m.label == first.label {
                    continue;
                }
                let annotated = feed.annotations.iter().any(|a| {
                    a.kind == AnnotationKind::MethodologyBreak
                        && a.metric
                            .as_deref()
                            .is_none_or(|x| x == m.id || x == first.id)
                });
                if !annotated {
                    let path = self.metric_paths.get(&m.id).cloned().unwrap_or_default();
                    self.warn(
                        format!("{path}.series"),
                        format!(
                            "series '{key}' changes name from '{}' to '{}' without a methodology-break annotation",
                            first.label.get(Lang::En, feed.lang),
                            m.label.get(Lang::En, feed.lang)
                        ),
                    );
                }
            }
        }
    }
}
