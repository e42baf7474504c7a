//! "Cite this": an APA-like reference and a plain sentence, naming the agencies the figures
//! come from, the compiler, the feed's version and the retrieval date. In Russian and Kazakh
//! the reference follows GOST 7.0.100 (the form Kazakh and Russian readers know), in English APA.

use super::words::{say, DATA_SET, RETRIEVED, VERSION};
use crate::feed::{Feed, Lang};
use crate::present::compiled_by;

/// What a citation names.
pub struct Cited<'a> {
    pub feed: &'a Feed,
    pub lang: Lang,
    /// The chart's title, or the report's for the whole feed.
    pub title: &'a str,
    /// The figures cited, by file index (`Observation::index`).
    pub observations: &'a [usize],
    /// The full version (SHA-256 hex).
    pub version: &'a str,
    /// Where a reader finds it: the share page or the report, absolute.
    pub url: &'a str,
    /// `2026-12-03`.
    pub retrieved: &'a str,
}

/// Each agency of these figures once, in the order they come.
pub fn agencies(feed: &Feed, observations: &[usize], lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in observations.iter().filter_map(|i| feed.observation_at(*i)) {
        let a = feed.agency_of(o, lang).trim_end_matches('.').to_owned();
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// The year the feed speaks for: its data date, else its period's end.
fn year(feed: &Feed) -> String {
    feed.data_as_of
        .map(|d| d.year.to_string())
        .or_else(|| feed.period.map(|p| p.end.0.to_string()))
        .unwrap_or_default()
}

impl Cited<'_> {
    fn report_title(&self) -> String {
        let report = self.feed.text(&self.feed.title, self.lang);
        match self.title == report {
            true => report.to_owned(),
            false => format!("{}. {report}", self.title.trim_end_matches('.')),
        }
    }

    /// The reference: APA-like in English, GOST 7.0.100 in Kazakh and Russian.
    pub fn reference(&self) -> String {
        let lang = self.lang;
        let who = agencies(self.feed, self.observations, lang).join("; ");
        let short = super::version::short(self.version);
        let (set, version, retrieved) = (
            say(&DATA_SET, lang),
            say(&VERSION, lang),
            say(&RETRIEVED, lang),
        );
        // A browser without `crypto.subtle` cannot say the version: the reference names none.
        let set = match (short.is_empty(), lang) {
            (true, _) => set.to_owned(),
            (false, Lang::Kk) => format!("{set}, {short} {version}"),
            (false, _) => format!("{set}, {version} {short}"),
        };
        let (title, year, compiler) = (
            self.report_title(),
            year(self.feed),
            compiled_by(self.feed, lang),
        );
        let illustrative = match self.feed.illustrative {
            true => format!(" ({})", crate::i18n::ILLUSTRATIVE.get(lang)),
            false => String::new(),
        };
        match lang {
            Lang::En => format!(
                "{who}. ({year}). {title}{illustrative} [{set}]. {compiler}. {retrieved} {}, from {}",
                self.retrieved, self.url
            ),
            Lang::Ru | Lang::Kk => format!(
                "{who}. {title}{illustrative} [{set}] / {compiler}. — {year}. — URL: {} ({retrieved}: {}).",
                self.url, self.retrieved
            ),
        }
    }

    /// One plain sentence: "Results for 2025 (Compiled by: …). Data: …. Version 3f2a9c0d41b7,
    /// retrieved 2026-12-03: https://…".
    pub fn plain(&self) -> String {
        let lang = self.lang;
        let short = super::version::short(self.version);
        let retrieved = say(&RETRIEVED, lang);
        // "Version 3f2a9c0d41b7, retrieved": without a version, "Retrieved" starts the sentence.
        let said = match lang {
            _ if short.is_empty() => retrieved.to_owned(),
            Lang::Kk => format!("{short} {}, {retrieved}", say(&VERSION, lang)),
            Lang::Ru => format!("Версия {short}, {retrieved}"),
            Lang::En => format!("Version {short}, {}", retrieved.to_lowercase()),
        };
        let said = capitalised(&said);
        format!(
            "{} ({}). {}: {}. {said} {}: {}",
            self.report_title(),
            compiled_by(self.feed, lang),
            crate::i18n::CREDIT.get(lang),
            agencies(self.feed, self.observations, lang).join("; "),
            self.retrieved,
            self.url
        )
    }
}

/// The text with its first letter in upper case ("дата обращения" → "Дата обращения").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
