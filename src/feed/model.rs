//! The feed after validation: every reference resolved, every period parsed.
//! Only what passed validation is here; what was skipped is listed in the problems.

use super::period::{PartialDate, Period};

/// A language a feed and the page can speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 tag (`kk`, `ru`, `en`), as used in the feed, the URL and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Reads `kk`, `ru` or `en`, also with a region (`ru-KZ`), in any case.
    pub fn from_code(code: &str) -> Option<Lang> {
        // By bytes: a lower-cased copy and a split cost more code than this. The base is the
        // text before the first `-` or `_`; every one known has two letters.
        let b = code.as_bytes();
        if !matches!(b.get(2), None | Some(b'-' | b'_')) {
            return None;
        }
        match [
            b.first()?.to_ascii_lowercase(),
            b.get(1)?.to_ascii_lowercase(),
        ] {
            [b'k', b'k' | b'z'] => Some(Lang::Kk),
            [b'r', b'u'] => Some(Lang::Ru),
            [b'e', b'n'] => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }
}

/// A text given in any subset of the three languages.
///
/// Fallback order when the asked language is missing: the feed's own language, then
/// Russian, Kazakh, English (the order in which Kazakh public bodies usually publish).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text {
    pub kk: Option<String>,
    pub ru: Option<String>,
    pub en: Option<String>,
}

impl Text {
    pub fn plain(text: &str) -> Text {
        Text {
            en: Some(text.to_owned()),
            ..Text::default()
        }
    }

    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Kk => self.kk.as_deref(),
            Lang::Ru => self.ru.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The text in `lang`, else by the fallback order; empty when no language is given.
    pub fn get(&self, lang: Lang, feed_lang: Lang) -> &str {
        [lang, feed_lang, Lang::Ru, Lang::Kk, Lang::En]
            .into_iter()
            .find_map(|l| self.exact(l))
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.kk.is_none() && self.ru.is_none() && self.en.is_none()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AreaKind {
    Region,
    District,
    City,
    Country,
}

impl AreaKind {
    pub const NAMES: &'static [&'static str] = &["region", "district", "city", "country"];
    pub const ALL: [AreaKind; 4] = [Self::Region, Self::District, Self::City, Self::Country];
}

/// A population figure with its source, for per-100 000 rates.
#[derive(Clone, Debug, PartialEq)]
pub struct Population {
    pub value: f64,
    pub year: i32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    pub id: String,
    pub kind: AreaKind,
    pub name: Text,
    pub parent: Option<String>,
    /// A comparison area (the whole country): shown apart, labelled as context.
    pub context: bool,
    pub population: Option<Population>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Count,
    Percent,
    Kg,
    Tenge,
    MillionTenge,
}

impl Unit {
    pub const NAMES: &'static [&'static str] =
        &["count", "percent", "kg", "tenge", "million-tenge"];
    pub const ALL: [Unit; 5] = [
        Self::Count,
        Self::Percent,
        Self::Kg,
        Self::Tenge,
        Self::MillionTenge,
    ];
}

/// Whether a fall is good news. Enforcement outputs (seizures, sentences) are neutral.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    LowerIsBetter,
    HigherIsBetter,
    Neutral,
}

impl Direction {
    pub const NAMES: &'static [&'static str] = &["lower-is-better", "higher-is-better", "neutral"];
    pub const ALL: [Direction; 3] = [Self::LowerIsBetter, Self::HigherIsBetter, Self::Neutral];
}

/// The theme a metric belongs to; the page has one section per group with data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Crime,
    CrimeByGravity,
    CrimeByType,
    Drugs,
    Fraud,
    Courts,
    Prevention,
    Children,
    Budget,
    Corruption,
}

impl Group {
    pub const NAMES: &'static [&'static str] = &[
        "crime",
        "crime-by-gravity",
        "crime-by-type",
        "drugs",
        "fraud",
        "courts",
        "prevention",
        "children",
        "budget",
        "corruption",
    ];
    pub const ALL: [Group; 10] = [
        Self::Crime,
        Self::CrimeByGravity,
        Self::CrimeByType,
        Self::Drugs,
        Self::Fraud,
        Self::Courts,
        Self::Prevention,
        Self::Children,
        Self::Budget,
        Self::Corruption,
    ];
}

/// How the publisher wants a metric drawn; `Auto` lets the page choose from unit and periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ChartHint {
    #[default]
    Auto,
    /// Levels as horizontal bars, never as a trend over periods.
    Bars,
    /// A trend as lines with markers, even for a single series.
    Lines,
}

impl ChartHint {
    pub const NAMES: &'static [&'static str] = &["auto", "bars", "lines"];
    pub const ALL: [ChartHint; 3] = [Self::Auto, Self::Bars, Self::Lines];
}

#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub id: String,
    pub label: Text,
    pub unit: Unit,
    pub direction: Direction,
    pub group: Group,
    /// Metrics that share a series key continue one another (e.g. a renamed indicator).
    pub series: Option<String>,
    pub definition: Text,
    pub chart: ChartHint,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grade {
    Primary,
    AgencyViaMirror,
    Secondary,
}

impl Grade {
    pub const NAMES: &'static [&'static str] = &["primary", "agency-via-mirror", "secondary"];
    pub const ALL: [Grade; 3] = [Self::Primary, Self::AgencyViaMirror, Self::Secondary];
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    /// The site or outlet that published the document.
    pub publisher: String,
    /// Always `http://` or `https://`: anything else was refused by validation.
    pub url: String,
    pub date: PartialDate,
    pub grade: Grade,
}

/// What an observation's value is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// A count or amount for the period.
    Level,
    /// A published percentage change against `vs`.
    ChangePct { vs: Period },
    /// A published change in percentage points against `vs`.
    ChangePp { vs: Period },
}

impl Measure {
    pub const NAMES: &'static [&'static str] = &["level", "change-pct", "change-pp"];

    pub fn vs(&self) -> Option<Period> {
        match *self {
            Measure::Level => None,
            Measure::ChangePct { vs } | Measure::ChangePp { vs } => Some(vs),
        }
    }

    pub fn is_change(&self) -> bool {
        !matches!(self, Measure::Level)
    }
}

/// How the source bounds a value. Always shown with the value, never dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Qualifier {
    MoreThan,
    LessThan,
    Approximately,
    RoundedToHundreds,
    RoundedToThousands,
}

impl Qualifier {
    pub const NAMES: &'static [&'static str] = &[
        "more-than",
        "less-than",
        "approximately",
        "rounded-to-hundreds",
        "rounded-to-thousands",
    ];
    pub const ALL: [Qualifier; 5] = [
        Self::MoreThan,
        Self::LessThan,
        Self::Approximately,
        Self::RoundedToHundreds,
        Self::RoundedToThousands,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Final,
    Provisional,
    Revised,
}

impl Status {
    pub const NAMES: &'static [&'static str] = &["final", "provisional", "revised"];
    pub const ALL: [Status; 3] = [Self::Final, Self::Provisional, Self::Revised];
}

#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// Position in the feed's `observations` list, for problem paths.
    pub index: usize,
    pub id: Option<String>,
    pub metric: String,
    pub area: String,
    pub period: Period,
    pub measure: Measure,
    /// `None`: the feed says explicitly that the figure is not available.
    pub value: Option<f64>,
    pub qualifier: Option<Qualifier>,
    pub status: Status,
    /// The body the figure comes from.
    pub agency: Text,
    pub source: String,
    /// The source's own words the figure rests on.
    pub quote: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnnotationKind {
    Event,
    LawChange,
    MethodologyBreak,
}

impl AnnotationKind {
    pub const NAMES: &'static [&'static str] = &["event", "law-change", "methodology-break"];
    pub const ALL: [AnnotationKind; 3] = [Self::Event, Self::LawChange, Self::MethodologyBreak];
}

#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub period: Period,
    pub kind: AnnotationKind,
    pub metric: Option<String>,
    pub area: Option<String>,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Licence {
    pub name: String,
    pub url: Option<String>,
}

/// A validated feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    pub version: String,
    pub id: String,
    pub lang: Lang,
    pub publisher: Text,
    pub title: Text,
    pub description: Text,
    pub period: Option<Period>,
    pub data_as_of: Option<PartialDate>,
    pub licence: Option<Licence>,
    /// A `mailto:` or `http(s)` address for reporting an error.
    pub contact: Option<String>,
    /// Demo data: the page says so on every chart.
    pub illustrative: bool,
    /// Observation ids the page leads with, in order.
    pub headlines: Vec<String>,
    pub areas: Vec<Area>,
    pub metrics: Vec<Metric>,
    pub sources: Vec<Source>,
    pub observations: Vec<Observation>,
    pub annotations: Vec<Annotation>,
}

impl Feed {
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn observation(&self, id: &str) -> Option<&Observation> {
        self.observations
            .iter()
            .find(|o| o.id.as_deref() == Some(id))
    }

    /// The observation that stood at `index` in the file's `observations` list, if it was kept.
    pub fn observation_at(&self, index: usize) -> Option<&Observation> {
        // Kept observations are in file order: a binary search, with a scan for safety.
        match self.observations.binary_search_by_key(&index, |o| o.index) {
            Ok(i) => self.observations.get(i),
            Err(_) => self.observations.iter().find(|o| o.index == index),
        }
    }

    /// The sources of these observations (by file index), each once, in id order.
    pub fn sources_of(&self, observations: &[usize]) -> Vec<&Source> {
        let mut ids: Vec<&str> = observations
            .iter()
            .filter_map(|i| self.observation_at(*i))
            .map(|o| o.source.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|id| self.source(id)).collect()
    }

    /// A text in the reader's language with this feed's fallback.
    pub fn text<'a>(&self, text: &'a Text, lang: Lang) -> &'a str {
        text.get(lang, self.lang)
    }
}
