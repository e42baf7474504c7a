//! A data bundle: the figures as CSV, `metadata.json`, a readme in the reader's language and
//! the citation, in one ZIP. One per chart and language, and one for the whole feed.

use serde_json::{json, Value};

use super::cite::{agencies, Cited};
use super::words::*;
use super::zip::Zip;
use crate::feed::derive::Computed;
use crate::feed::{Feed, Lang};

/// What one bundle holds.
pub struct Bundle<'a> {
    pub cited: Cited<'a>,
    /// The chart's id, or `all` for the whole feed.
    pub id: &'a str,
    pub description: &'a str,
    pub computed: &'a [Computed],
    /// Where the feed is, absolute, and the feed's own bytes for the whole feed's bundle.
    pub feed_url: &'a str,
    pub archive_url: &'a str,
    pub feed_bytes: Option<&'a [u8]>,
    /// How the CSV writes numbers (`export::plain` natively; the page passes JavaScript's).
    pub plain: crate::export::Plain,
}

/// The licence as the files say it: the feed's, or that none was stated. Never assumed.
pub fn licence(feed: &Feed, lang: Lang) -> (String, Option<String>) {
    match &feed.licence {
        Some(l) => (l.name.clone(), l.url.clone()),
        None => (say(&NO_LICENCE, lang).to_owned(), None),
    }
}

impl Bundle<'_> {
    fn feed(&self) -> &Feed {
        self.cited.feed
    }

    /// The figures as CSV, with a byte-order mark so that spreadsheets read Cyrillic right.
    pub fn csv(&self) -> String {
        let c = &self.cited;
        let text = crate::export::csv(
            c.feed,
            c.observations,
            self.computed,
            c.lang,
            crate::export::plain,
        );
        format!("\u{feff}{text}")
    }

    pub fn metadata(&self) -> Value {
        let (feed, lang) = (self.feed(), self.cited.lang);
        let (licence, licence_url) = licence(feed, lang);
        let mut metrics: Vec<&str> = Vec::new();
        for o in self
            .cited
            .observations
            .iter()
            .filter_map(|i| feed.observation_at(*i))
        {
            if !metrics.contains(&&*o.metric) {
                metrics.push(&o.metric);
            }
        }
        let definitions: Vec<Value> = metrics
            .iter()
            .filter_map(|id| feed.metric(id))
            .map(|m| {
                json!({
                    "metric": m.id,
                    "label": feed.text(&m.label, lang),
                    "unit": m.unit.name(),
                    "definition": Some(feed.text(&m.definition, lang)).filter(|d| !d.is_empty()),
                })
            })
            .collect();
        let sources: Vec<Value> = feed
            .sources_of(self.cited.observations)
            .iter()
            .map(|s| {
                json!({
                    "id": s.id, "title": s.title, "publisher": s.publisher, "url": s.url,
                    "date": s.date.to_string(), "grade": s.grade.name(),
                })
            })
            .collect();
        json!({
            "title": self.cited.title,
            "report": feed.text(&feed.title, lang),
            "description": self.description,
            "language": lang.code(),
            "illustrative": feed.illustrative,
            "compiler": feed.text(&feed.publisher, lang),
            "agencies": agencies(feed, self.cited.observations, lang),
            "licence": { "name": licence, "url": licence_url },
            "feed": {
                "id": feed.id,
                "version": self.cited.version,
                "short_version": super::version::short(self.cited.version),
                "url": self.feed_url,
                "this_version": self.archive_url,
            },
            "retrieved": self.cited.retrieved,
            "url": self.cited.url,
            "citation": { "reference": self.cited.reference(), "plain": self.cited.plain() },
            "definitions": definitions,
            "sources": sources,
            "files": self.files_said(),
        })
    }

    fn csv_name(&self) -> String {
        crate::export::file_name(self.feed(), self.id, self.cited.lang, "csv")
    }

    /// Each file of the bundle and what it holds.
    fn files_said(&self) -> Vec<(String, &'static str)> {
        let lang = self.cited.lang;
        let mut out = vec![
            (self.csv_name(), say(&FIGURES_FILE, lang)),
            ("metadata.json".to_owned(), say(&METADATA_FILE, lang)),
        ];
        if self.feed_bytes.is_some() {
            out.push((format!("{}.json", self.feed().id), say(&FEED_FILE, lang)));
        }
        out
    }

    /// The readme: title, what the files are, version, licence, sources and how to cite.
    pub fn readme(&self) -> String {
        let (feed, lang) = (self.feed(), self.cited.lang);
        // A byte-order mark: older Notepads otherwise read the Cyrillic as Latin-1.
        let mut out = String::from("\u{feff}");
        let mut line = |s: &str| {
            out.push_str(s);
            out.push_str("\r\n");
        };
        line(self.cited.title);
        if feed.illustrative {
            line(crate::i18n::ILLUSTRATIVE.get(lang));
        }
        if !self.description.is_empty() {
            line(self.description);
        }
        line("");
        line(&format!("{}:", say(&IN_THIS_BUNDLE, lang)));
        for (name, what) in self.files_said() {
            line(&format!("- {name}: {what}"));
        }
        line("");
        let (licence, url) = licence(feed, lang);
        let licence = url.map_or(licence.clone(), |u| format!("{licence} ({u})"));
        line(&format!("{}: {licence}", say(&LICENCE, lang)));
        line(&format!("{}:", say(&SOURCES, lang)));
        for s in feed.sources_of(self.cited.observations) {
            line(&format!(
                "- {} ({}, {}): {}",
                s.title, s.publisher, s.date, s.url
            ));
        }
        line("");
        line(&format!("{}:", say(&HOW_TO_CITE, lang)));
        line(&self.cited.reference());
        line("");
        line(&self.cited.plain());
        out
    }

    /// The ZIP: CSV, metadata, readme (and the feed, for the whole feed's bundle).
    pub fn zip(&self) -> Vec<u8> {
        let (y, m, d) = ymd(self.cited.retrieved);
        let mut z = Zip::new(y, m, d);
        z.add(&self.csv_name(), self.csv().as_bytes());
        let meta = serde_json::to_string_pretty(&self.metadata()).unwrap_or_default();
        z.add("metadata.json", meta.as_bytes());
        z.add("README.txt", self.readme().as_bytes());
        if let Some(bytes) = self.feed_bytes {
            z.add(&format!("{}.json", self.feed().id), bytes);
        }
        z.finish()
    }
}

/// `2026-12-03` as numbers; 1980-01-01 for anything else.
pub fn ymd(date: &str) -> (i32, u8, u8) {
    let mut parts = date.split('-').map(|p| p.parse::<i32>().ok());
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Some(y)), Some(Some(m)), Some(Some(d))) => (y, m as u8, d as u8),
        _ => (1980, 1, 1),
    }
}
