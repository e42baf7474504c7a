//! The feed after validation: every reference resolved, every period parsed.
//! Only what passed validation is here; what was skipped is listed in the problems.

use std::sync::Arc;

use super::period::{PartialDate, Period};

/// A fieldless enum whose variants each have a name in the feed, written once:
///
/// ```text
/// feed_names! {
///     pub enum Status {
///         Final = "final",
///         Provisional = "provisional",
///     }
/// }
/// ```
///
/// defines the enum (without the `= "…"`) and, in the variants' order, `ALL` (every variant)
/// and `NAMES` (their names), with `name(self)` and `parse(name)` (the exact name only).
/// The validator reads a name's place in `NAMES` and takes that place in `ALL`.
macro_rules! feed_names {
    (
        $(#[$meta:meta])*
        pub enum $ty:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $name:literal, )+
        }
    ) => {
        $(#[$meta])*
        pub enum $ty {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $ty {
            /// Every variant, in the order of `NAMES`.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];
            /// The name of each variant in the feed, in the order of `ALL`.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The name in the feed.
            pub fn name(self) -> &'static str {
                match self {
                    $( $ty::$variant => $name, )+
                }
            }

            /// The variant with this name in the feed (exactly as written there).
            pub fn parse(name: &str) -> Option<$ty> {
                match name {
                    $( $name => Some($ty::$variant), )+
                    _ => None,
                }
            }
        }
    };
}

feed_names! {
    /// A language a feed and the page can speak.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
    pub enum Lang {
        #[default]
        Kk = "kk",
        Ru = "ru",
        En = "en",
    }
}

impl Lang {
    /// The BCP 47 tag (`kk`, `ru`, `en`), as used in the feed, the URL and `<html lang>`: the
    /// language's name in the feed.
    pub fn code(self) -> &'static str {
        self.name()
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

feed_names! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum AreaKind {
        Region = "region",
        District = "district",
        City = "city",
        Country = "country",
    }
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
    /// Its place on the tile map, (column, row) from the top left: set by the publisher, who
    /// knows the region's geography (a feed with districts carries its own grid).
    pub tile: Option<(u8, u8)>,
}

feed_names! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Unit {
        Count = "count",
        Percent = "percent",
        Kg = "kg",
        Tenge = "tenge",
        MillionTenge = "million-tenge",
    }
}

feed_names! {
    /// Whether a fall is good news. Enforcement outputs (seizures, sentences) are neutral.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Direction {
        LowerIsBetter = "lower-is-better",
        HigherIsBetter = "higher-is-better",
        Neutral = "neutral",
    }
}

feed_names! {
    /// The theme a metric belongs to; the page has one section per group with data.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Group {
        Crime = "crime",
        CrimeByGravity = "crime-by-gravity",
        CrimeByType = "crime-by-type",
        Drugs = "drugs",
        Fraud = "fraud",
        Courts = "courts",
        Prevention = "prevention",
        Children = "children",
        Budget = "budget",
        Corruption = "corruption",
    }
}

feed_names! {
    /// How the publisher wants a metric drawn; `Auto` lets the page choose from unit and periods.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum ChartHint {
        #[default]
        Auto = "auto",
        /// Levels as horizontal bars, never as a trend over periods.
        Bars = "bars",
        /// A trend as lines with markers, even for a single series.
        Lines = "lines",
    }
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

feed_names! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Grade {
        Primary = "primary",
        AgencyViaMirror = "agency-via-mirror",
        Secondary = "secondary",
    }
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

feed_names! {
    /// What an observation's value is, without the comparison period of a change.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum MeasureKind {
        Level = "level",
        ChangePct = "change-pct",
        ChangePp = "change-pp",
    }
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
    pub fn kind(&self) -> MeasureKind {
        match self {
            Measure::Level => MeasureKind::Level,
            Measure::ChangePct { .. } => MeasureKind::ChangePct,
            Measure::ChangePp { .. } => MeasureKind::ChangePp,
        }
    }

    /// The name in the feed (`level`, `change-pct`, `change-pp`).
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

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

feed_names! {
    /// How the source bounds a value. Always shown with the value, never dropped.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Qualifier {
        MoreThan = "more-than",
        LessThan = "less-than",
        Approximately = "approximately",
        RoundedToHundreds = "rounded-to-hundreds",
        RoundedToThousands = "rounded-to-thousands",
    }
}

feed_names! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Status {
        Final = "final",
        Provisional = "provisional",
        Revised = "revised",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// Position in the feed's `observations` list, for problem paths.
    pub index: usize,
    pub id: Option<String>,
    /// The ids of the metric, the area and (below) the source, one copy shared by the
    /// observations in a row that name the same: a generated feed of 137 000 figures
    /// (`make bench`) allocated 412 000 small strings here, now a few dozen.
    pub metric: Arc<str>,
    pub area: Arc<str>,
    pub period: Period,
    pub measure: Measure,
    /// `None`: the feed says explicitly that the figure is not available.
    pub value: Option<f64>,
    pub qualifier: Option<Qualifier>,
    pub status: Status,
    /// The body the figure comes from.
    pub agency: Text,
    pub source: Arc<str>,
    /// The source's own words the figure rests on.
    pub quote: Option<String>,
}

feed_names! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum AnnotationKind {
        Event = "event",
        LawChange = "law-change",
        MethodologyBreak = "methodology-break",
    }
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

/// Another page of the same publication the report links to (`related`).
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub title: Text,
    /// An http(s) address, or one relative to the report's page.
    pub href: String,
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
    /// What was corrected since the previous published version (`changes`); empty when none.
    pub changes: Text,
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
    /// The publisher's own charts (`views`), validated; empty for most feeds.
    pub views: Vec<View>,
    /// Other pages the report links to, in order.
    pub related: Vec<Related>,
}

/// A publisher's view: one chart of chosen figures, with its own title and takeaway.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub id: String,
    pub title: Text,
    pub takeaway: Option<Text>,
    /// Positions in `Feed::observations` (not file indexes), in the order the view lists them.
    pub observations: Vec<usize>,
    /// Wins over the metrics' `chart` hints for these figures, unless `Auto`.
    pub chart: ChartHint,
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

    /// The body a figure comes from: its `agency`, else the feed's compiler (`publisher`), whose
    /// own figure it then is.
    pub fn agency_of<'a>(&'a self, o: &'a Observation, lang: Lang) -> &'a str {
        match self.text(&o.agency, lang) {
            "" => self.text(&self.publisher, lang),
            agency => agency,
        }
    }

    /// The sources of these observations (by file index), each once, in id order.
    pub fn sources_of(&self, observations: &[usize]) -> Vec<&Source> {
        let mut ids: Vec<&str> = observations
            .iter()
            .filter_map(|i| self.observation_at(*i))
            .map(|o| &*o.source)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant's name parses back to that variant, `NAMES` lists the names in the order of
    /// `ALL`, and no two variants share a name.
    fn names_round_trip<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        names: &[&str],
        name: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        assert_eq!(all.len(), names.len());
        for (i, (&v, &n)) in all.iter().zip(names).enumerate() {
            assert_eq!(name(v), n);
            assert_eq!(parse(n), Some(v), "{n}");
            assert!(!names[..i].contains(&n), "{n} twice");
        }
        assert_eq!(parse(""), None);
    }

    #[test]
    fn every_feed_name_reads_back_as_its_variant() {
        names_round_trip(&Lang::ALL, Lang::NAMES, Lang::name, Lang::parse);
        names_round_trip(
            &AreaKind::ALL,
            AreaKind::NAMES,
            AreaKind::name,
            AreaKind::parse,
        );
        names_round_trip(&Unit::ALL, Unit::NAMES, Unit::name, Unit::parse);
        names_round_trip(
            &Direction::ALL,
            Direction::NAMES,
            Direction::name,
            Direction::parse,
        );
        names_round_trip(&Group::ALL, Group::NAMES, Group::name, Group::parse);
        names_round_trip(
            &ChartHint::ALL,
            ChartHint::NAMES,
            ChartHint::name,
            ChartHint::parse,
        );
        names_round_trip(&Grade::ALL, Grade::NAMES, Grade::name, Grade::parse);
        names_round_trip(
            &MeasureKind::ALL,
            MeasureKind::NAMES,
            MeasureKind::name,
            MeasureKind::parse,
        );
        names_round_trip(
            &Qualifier::ALL,
            Qualifier::NAMES,
            Qualifier::name,
            Qualifier::parse,
        );
        names_round_trip(&Status::ALL, Status::NAMES, Status::name, Status::parse);
        names_round_trip(
            &AnnotationKind::ALL,
            AnnotationKind::NAMES,
            AnnotationKind::name,
            AnnotationKind::parse,
        );
        // Eleven enums above: one for each `feed_names!` in this file (a new one goes above too).
        let defined = include_str!("model.rs").matches("\nfeed_names! {").count();
        assert_eq!(defined, 11);
    }

    #[test]
    fn a_measure_is_named_by_its_kind() {
        let vs = Period::parse("2024").unwrap();
        assert_eq!(Measure::Level.name(), "level");
        assert_eq!(Measure::ChangePct { vs }.kind(), MeasureKind::ChangePct);
        assert_eq!(Measure::ChangePp { vs }.name(), "change-pp");
        assert_eq!(Lang::En.code(), "en");
    }
}
