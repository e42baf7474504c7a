//! Turns observations into what a reader sees: value labels with unit and qualifier, tones,
//! and one-sentence summaries. Pure: the browser's `Intl` comes in through [`Numbers`].

use crate::chart::Tone;
use crate::feed::derive::Computed;
use crate::feed::{Direction, Feed, Lang, Measure, Observation, Qualifier, Unit};
use crate::i18n;

/// Locale-aware number formatting (the browser's `Intl.NumberFormat` in the page).
pub trait Numbers {
    /// A grouped decimal with at most `max_frac` fraction digits: "1 638", "3,8".
    fn decimal(&self, v: f64, max_frac: u8) -> String;
    /// `v` percent ("7" → "7 %"), with a sign for non-zero values when `signed`.
    fn percent(&self, v: f64, signed: bool) -> String;
}

/// The locales whose `Intl.NumberFormat` output [`Locale`] writes for each language (checked in
/// Chromium by `e2e/numbers.test.mjs`). Kazakh numbers use the Russian (Kazakhstan) locale: the same
/// conventions as CLDR's Kazakh (spaces between thousands, a decimal comma), and Chromium's `kk`
/// data turned out to fall back to "44,106.5".
pub fn intl_locales(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Kk => &["ru-KZ"],
        Lang::Ru => &["ru-KZ", "ru"],
        Lang::En => &["en-GB", "en"],
    }
}

/// Plain formatting for tests and the command line: no grouping, '.' decimals.
pub struct PlainNumbers;

impl Numbers for PlainNumbers {
    fn decimal(&self, v: f64, max_frac: u8) -> String {
        let p = 10f64.powi(i32::from(max_frac));
        let r = (v * p).round() / p;
        format!("{r}")
    }
    fn percent(&self, v: f64, signed: bool) -> String {
        let body = self.decimal(v.abs(), 1);
        let sign = match (signed, v) {
            (true, v) if v > 0.0 => "+",
            (_, v) if v < 0.0 => "−",
            _ => "",
        };
        format!("{sign}{body} %")
    }
}

/// What readers see, natively: the rules of [`Locale`] with Rust's own fixed-point formatting,
/// so that tests and the golden files of every sentence (`tests/golden/`) show numbers as the
/// page writes them.
pub struct LocaleNumbers(pub Lang);

impl Numbers for LocaleNumbers {
    fn decimal(&self, v: f64, max_frac: u8) -> String {
        Locale(self.0, rust_fixed).decimal(v, max_frac)
    }
    fn percent(&self, v: f64, signed: bool) -> String {
        Locale(self.0, rust_fixed).percent(v, signed)
    }
}

/// `v` (not negative) with exactly `f` fraction digits, by Rust's formatting ("1234.50").
fn rust_fixed(v: f64, f: usize) -> String {
    format!("{v:.f$}")
}

/// Numbers as the browser's `Intl.NumberFormat` writes them for [`intl_locales`], by rules of
/// our own: ru-KZ for Kazakh and Russian ("1 234 567,5" grouped with U+00A0, "−7 %" with U+00A0
/// before "%"), en-GB for English ("1,234,567.5", "−7%"); a minus sign U+2212 in percentages.
/// Ties round away from zero, as `Intl` does; a negative number that rounds to zero keeps its
/// sign where `Intl` keeps it ("-0"). `e2e/numbers.test.mjs` compares the two in Chromium on the
/// numbers of `tests/golden/numbers.json` (`tests/numbers.rs`).
///
/// `.1` writes a number that is not negative with exactly `f` fraction digits ("1234.50"):
/// Rust's formatting natively ([`LocaleNumbers`]), JavaScript's `toFixed` in the page
/// (`ui::format`), whose wasm then carries no float formatting and loads no `Intl` locale data
/// (making the first `Intl.NumberFormat` took 50–80 ms on a slow phone).
pub struct Locale<F: Fn(f64, usize) -> String>(pub Lang, pub F);

impl<F: Fn(f64, usize) -> String> Locale<F> {
    /// `v`'s magnitude with at most `max_frac` fraction digits, grouped, in this locale.
    fn digits(&self, v: f64, max_frac: u8) -> String {
        let f = usize::from(max_frac);
        let a = v.abs();
        let mut fixed = (self.1)(a, f);
        // Rust rounds an exact binary tie (0.25 → "0.2") to even; Intl (and `toFixed`) round
        // it up.
        let scaled = a * 10f64.powi(i32::from(max_frac));
        if scaled.fract() == 0.5 {
            let up = (scaled.floor() + 1.0) / 10f64.powi(i32::from(max_frac));
            fixed = (self.1)(up, f);
        }
        let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let frac = frac.trim_end_matches('0');
        let (group, point) = match self.0 {
            Lang::En => (',', '.'),
            _ => ('\u{a0}', ','),
        };
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }
}

impl<F: Fn(f64, usize) -> String> Numbers for Locale<F> {
    fn decimal(&self, v: f64, max_frac: u8) -> String {
        let body = self.digits(v, max_frac);
        // Intl writes a hyphen-minus here, and the page did leave decimals as Intl wrote them.
        // Its sign display "auto" keeps the sign of a negative number that rounds to zero
        // ("-0"), and of −0 itself.
        if v.is_sign_negative() {
            format!("-{body}")
        } else {
            body
        }
    }
    fn percent(&self, v: f64, signed: bool) -> String {
        let body = self.digits(v, 1);
        let zero = !body.bytes().any(|b| b.is_ascii_digit() && b != b'0');
        // Signed is Intl's "exceptZero": no sign on what rounds to zero; unsigned is "auto",
        // which keeps the minus of a negative that rounds to zero ("−0 %"), as `decimal` does.
        let sign = match (signed, v) {
            (true, _) if zero => "",
            (true, v) if v > 0.0 => "+",
            (_, v) if v.is_sign_negative() => "\u{2212}",
            _ => "",
        };
        match self.0 {
            Lang::En => format!("{sign}{body}%"),
            _ => format!("{sign}{body}\u{a0}%"),
        }
    }
}

fn unit_word(unit: Unit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (Unit::Kg, Lang::En) => "kg",
        (Unit::Kg, _) => "кг",
        // English writes a currency's sign before the figure ("₸1,638 million"): the sign
        // is put there by `value_text_signed`, the word stays after.
        (Unit::MillionTenge, Lang::En) => "million",
        (Unit::MillionTenge, _) => "млн ₸",
        (Unit::Tenge, Lang::En) => "",
        (Unit::Tenge, _) => "₸",
        _ => "",
    }
}

/// `body` (a figure with its unit) with the publisher's qualifier, as a level is said: "more
/// than 25 000", "более 25 000", "25 000-нан астам" (the ablative of the word said last),
/// "300-ден кем", "шамамен 300".
fn qualified(q: Option<Qualifier>, body: String, lang: Lang) -> String {
    use crate::i18n::kk::{with_case, Case::Ablative};
    use Qualifier::*;
    let Some(q) = q else { return body };
    match (q, lang) {
        (MoreThan, Lang::En) => format!("more than {body}"),
        (MoreThan, Lang::Ru) => format!("более {body}"),
        (MoreThan, Lang::Kk) => format!("{} астам", with_case(&body, Ablative)),
        (LessThan, Lang::En) => format!("less than {body}"),
        (LessThan, Lang::Ru) => format!("менее {body}"),
        (LessThan, Lang::Kk) => format!("{} кем", with_case(&body, Ablative)),
        (Approximately, Lang::En) => format!("about {body}"),
        (Approximately, Lang::Ru) => format!("около {body}"),
        (Approximately, Lang::Kk) => format!("шамамен {body}"),
        (RoundedToHundreds | RoundedToThousands, _) => format!("≈ {body}"),
    }
}

/// The size of a change as it follows "снижение"/"рост" in Russian: "на 7 %", "более чем на
/// 20 %", "примерно на 5 %", "менее чем на 1 %"; in Kazakh and English as a level is said.
fn by_amount(q: Option<Qualifier>, body: String, lang: Lang) -> String {
    use Qualifier::*;
    match (lang, q) {
        (Lang::Ru, None) => format!("на {body}"),
        (Lang::Ru, Some(MoreThan)) => format!("более чем на {body}"),
        (Lang::Ru, Some(LessThan)) => format!("менее чем на {body}"),
        (Lang::Ru, Some(_)) => format!("примерно на {body}"),
        _ => qualified(q, body, lang),
    }
}

/// The value as a reader sees it: "−7 %", "76 kg", "more than ₸1,000 million", "not available".
pub fn value_text(o: &Observation, unit: Unit, lang: Lang, nums: &dyn Numbers) -> String {
    value_text_signed(o, o.value, unit, lang, nums, true)
}

/// The size of a change without its sign, for sentences that say "fell" or "rose" in words:
/// "7 %", "more than 20 %", in Russian with its preposition ("на 7 %", "более чем на 20 %").
pub fn magnitude_text(o: &Observation, unit: Unit, lang: Lang, nums: &dyn Numbers) -> String {
    value_text_signed(o, o.value.map(f64::abs), unit, lang, nums, false)
}

/// `o`'s value as `value_text` says it, with `value` in place of its own.
fn value_text_signed(
    o: &Observation,
    value: Option<f64>,
    unit: Unit,
    lang: Lang,
    nums: &dyn Numbers,
    signed: bool,
) -> String {
    let Some(v) = value else {
        return i18n::NOT_AVAILABLE.get(lang).to_owned();
    };
    let body = match o.measure {
        Measure::ChangePct { .. } => nums.percent(v, signed),
        Measure::ChangePp { .. } => {
            let word = match lang {
                Lang::En => "pp",
                Lang::Ru => "п. п.",
                Lang::Kk => "п. т.",
            };
            let sign = match (signed, v) {
                (true, v) if v > 0.0 => "+",
                (_, v) if v < 0.0 => "−",
                _ => "",
            };
            format!("{sign}{} {word}", nums.decimal(v.abs(), 1))
        }
        Measure::Level if unit == Unit::Percent => nums.percent(v, false),
        Measure::Level => {
            let mut n = nums.decimal(v, 1);
            if lang == Lang::En && matches!(unit, Unit::Tenge | Unit::MillionTenge) {
                n.insert(0, '₸');
            }
            match unit_word(unit, lang) {
                "" => n,
                w => format!("{n} {w}"),
            }
        }
    };
    match o.qualifier {
        // "more than −20 %" would say a smaller fall: the size with its direction instead,
        // "▼ more than 20 %", "▼ более чем на 20 %", "▼ 20 %-дан астам".
        Some(_) if signed && o.measure.is_change() => {
            let size = value_text_signed(o, Some(v.abs()), unit, lang, nums, false);
            format!("{} {size}", arrow(v))
        }
        q if !signed && o.measure.is_change() => by_amount(q, body, lang),
        q => qualified(q, body, lang),
    }
}

/// A figure as a card or a bar labels it: a change with an arrow for its direction ("▼ −7 %",
/// "▼ more than 20 %"), a level as `observation_value` says it.
pub fn change_label(feed: &Feed, o: &Observation, lang: Lang, nums: &dyn Numbers) -> String {
    let value = observation_value(feed, o, lang, nums);
    match o.value {
        // A qualified change already says its direction with an arrow.
        Some(v) if o.measure.is_change() && o.qualifier.is_none() => {
            format!("{} {value}", arrow(v))
        }
        _ => value,
    }
}

/// An observation's value with its metric's unit (count when the metric is unknown).
pub fn observation_value(feed: &Feed, o: &Observation, lang: Lang, nums: &dyn Numbers) -> String {
    let unit = feed.metric(&o.metric).map_or(Unit::Count, |m| m.unit);
    value_text(o, unit, lang, nums)
}

/// The label of an observation's metric in the reader's language.
pub fn observation_label(feed: &Feed, o: &Observation, lang: Lang) -> String {
    feed.metric(&o.metric)
        .map(|m| feed.text(&m.label, lang).to_owned())
        .unwrap_or_default()
}

/// What a tooltip says about a change the page computed between two levels: "+37.3 % vs Jan–Sep
/// 2024, computed from the published figures" ("≈" when a level is approximate). Where the source
/// published the change for the same pair, that one is shown ("−30.2 % vs Q1 2019, as published
/// by the source"), and the computed one only where it differs ("−36.7 %, computed from the
/// published figures").
pub fn computed_lines(feed: &Feed, c: &Computed, lang: Lang, nums: &dyn Numbers) -> Vec<String> {
    let (Some(then), Some(now)) = (
        feed.observation_at(c.before).map(|o| &o.period),
        feed.observation_at(c.now).map(|o| &o.period),
    ) else {
        return Vec::new();
    };
    let bare = nums.percent(c.pct, true);
    let computed = if c.approximate {
        format!("≈ {bare}")
    } else {
        bare.clone()
    };
    let said = i18n::COMPUTED.get(lang);
    let published = c.published.and_then(|i| feed.observation_at(i));
    match published {
        Some(p) => {
            let value = observation_value(feed, p, lang, nums);
            let mut lines = vec![format!(
                "{}, {}",
                i18n::versus(&value, then, now, lang),
                i18n::AS_PUBLISHED.get(lang)
            )];
            if p.value.map(|v| nums.percent(v, true)) != Some(bare) {
                lines.push(format!("{computed}, {said}"));
            }
            lines
        }
        None => vec![format!(
            "{}, {said}",
            i18n::versus(&computed, then, now, lang)
        )],
    }
}

/// Who gave these figures, in the order they come: each agency once, with the sites that
/// published its figures: "Police Department of Aktobe Region (polisia.kz, liter.kz); …".
pub fn agencies(feed: &Feed, observations: &[usize], lang: Lang) -> String {
    let mut seen: Vec<(&str, Vec<&str>)> = Vec::new();
    for o in observations.iter().filter_map(|i| feed.observation_at(*i)) {
        let agency = feed.agency_of(o, lang);
        let site = feed.source(&o.source).map_or("", |s| s.publisher.as_str());
        match seen.iter_mut().find(|(a, _)| *a == agency) {
            Some((_, sites)) if !sites.contains(&site) => sites.push(site),
            Some(_) => {}
            None => seen.push((agency, vec![site])),
        }
    }
    let said = seen.iter().map(|(agency, sites)| {
        let sites: Vec<&str> = sites.iter().copied().filter(|s| !s.is_empty()).collect();
        match sites.is_empty() {
            true => agency.to_string(),
            false => format!("{agency} ({})", sites.join(", ")),
        }
    });
    said.collect::<Vec<_>>().join("; ")
}

/// "Data: {agencies}. Compiled by: {the feed's publisher}.": the agencies are the figures'
/// sources; the compiler only gathered them.
pub fn credit_line(feed: &Feed, observations: &[usize], lang: Lang) -> String {
    format!(
        "{}: {}. {}.",
        i18n::CREDIT.get(lang),
        agencies(feed, observations, lang),
        compiled_by(feed, lang)
    )
}

/// "Compiled by: Prosecutor's Office of Aktobe Region".
pub fn compiled_by(feed: &Feed, lang: Lang) -> String {
    let compiler = feed.text(&feed.publisher, lang);
    format!(
        "{}: {}",
        i18n::COMPILED_BY.get(lang),
        compiler.trim_end_matches('.')
    )
}

/// Good news, bad news or neither, for a change in a metric with this direction.
pub fn tone(direction: Direction, change: f64) -> Tone {
    match direction {
        Direction::Neutral => Tone::Neutral,
        _ if change == 0.0 => Tone::Neutral,
        Direction::LowerIsBetter if change < 0.0 => Tone::Better,
        Direction::HigherIsBetter if change > 0.0 => Tone::Better,
        _ => Tone::Worse,
    }
}

/// An arrow that says up or down without colour.
pub fn arrow(change: f64) -> &'static str {
    if change < 0.0 {
        "▼"
    } else if change > 0.0 {
        "▲"
    } else {
        "●"
    }
}

/// One sentence built from the data, e.g. "Registered crimes, Aktobe region: fell by 7 % in 2025
/// compared with 2024." `None` for a figure that is not a change.
pub fn change_sentence(
    feed: &Feed,
    o: &Observation,
    lang: Lang,
    nums: &dyn Numbers,
) -> Option<String> {
    let vs = o.measure.vs()?;
    let v = o.value?;
    let metric = feed.metric(&o.metric)?;
    let area = feed.area(&o.area)?;
    let label = feed.text(&metric.label, lang);
    let place = feed.text(&area.name, lang);
    let now = i18n::during(&o.period, lang);
    let before = i18n::compared_with(&vs, &o.period, lang);
    let amount = magnitude_text(o, metric.unit, lang, nums);
    use std::cmp::Ordering::{Greater, Less};
    Some(match (lang, v.partial_cmp(&0.0)) {
        (Lang::En, Some(Less)) => {
            format!("{label}, {place}: fell by {amount} in {now} compared with {before}.")
        }
        (Lang::En, Some(Greater)) => {
            format!("{label}, {place}: rose by {amount} in {now} compared with {before}.")
        }
        (Lang::En, _) => format!("{label}, {place}: unchanged in {now} compared with {before}."),
        // "снижение более чем на 20 % за 2025 год по сравнению с 2024 годом"
        (Lang::Ru, Some(Less)) => {
            format!("{label}, {place}: снижение {amount} за {now} по сравнению с {before}.")
        }
        (Lang::Ru, Some(Greater)) => {
            format!("{label}, {place}: рост {amount} за {now} по сравнению с {before}.")
        }
        (Lang::Ru, _) => {
            format!("{label}, {place}: без изменений за {now} по сравнению с {before}.")
        }
        // "2024 жылмен салыстырғанда 2025 жылы 7 %-ға азайды": the change takes the dative.
        (Lang::Kk, ordering) => {
            let verb = match ordering {
                Some(Less) => "азайды",
                Some(Greater) => "өсті",
                _ => "өзгерген жоқ",
            };
            let amount = match ordering {
                Some(Less | Greater) => {
                    let mut a = i18n::kk::with_case(&amount, i18n::kk::Case::Dative);
                    a.push(' ');
                    a
                }
                _ => String::new(),
            };
            format!("{label}, {place}: {before} салыстырғанда {now} {amount}{verb}.")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{Period, Status, Text};

    fn obs(value: f64, measure: Measure, qualifier: Option<Qualifier>) -> Observation {
        Observation {
            index: 0,
            id: None,
            metric: "m".into(),
            area: "a".into(),
            period: Period::parse("2025").unwrap(),
            measure,
            value: Some(value),
            qualifier,
            status: Status::Final,
            agency: Text::default(),
            source: "s".into(),
            quote: None,
        }
    }

    #[test]
    fn values_carry_unit_sign_and_qualifier() {
        let vs = Period::parse("2024").unwrap();
        let change = obs(-7.0, Measure::ChangePct { vs }, None);
        assert_eq!(
            value_text(&change, Unit::Count, Lang::En, &PlainNumbers),
            "−7 %"
        );
        let kg = obs(76.0, Measure::Level, None);
        assert_eq!(value_text(&kg, Unit::Kg, Lang::Ru, &PlainNumbers), "76 кг");
        let more = obs(1000.0, Measure::Level, Some(Qualifier::MoreThan));
        assert_eq!(
            value_text(&more, Unit::MillionTenge, Lang::En, &PlainNumbers),
            "more than ₸1000 million"
        );
        let tenge = obs(1638.0, Measure::Level, None);
        let say = |unit, lang| value_text(&tenge, unit, lang, &LocaleNumbers(lang));
        assert_eq!(say(Unit::MillionTenge, Lang::En), "₸1,638 million");
        assert_eq!(say(Unit::Tenge, Lang::En), "₸1,638");
        assert_eq!(say(Unit::MillionTenge, Lang::Ru), "1\u{a0}638 млн ₸");
        assert_eq!(say(Unit::Tenge, Lang::Kk), "1\u{a0}638 ₸");
        let brochures = obs(25000.0, Measure::Level, Some(Qualifier::MoreThan));
        assert_eq!(
            value_text(&brochures, Unit::Count, Lang::Kk, &PlainNumbers),
            "25000-нан астам"
        );
        let mut na = obs(0.0, Measure::Level, None);
        na.value = None;
        assert_eq!(
            value_text(&na, Unit::Count, Lang::Ru, &PlainNumbers),
            "нет данных"
        );
    }

    #[test]
    fn sentences_say_the_direction_in_words_and_keep_the_qualifier() {
        use crate::feed::{Area, AreaKind, Direction, Group, Metric};
        let vs = Period::parse("2024-01..2024-10").unwrap();
        let mut o = obs(-20.0, Measure::ChangePct { vs }, Some(Qualifier::MoreThan));
        o.period = Period::parse("2025-01..2025-10").unwrap();
        let feed = Feed {
            version: "1.0".into(),
            id: "t".into(),
            lang: Lang::En,
            publisher: Text::plain("p"),
            title: Text::plain("t"),
            description: Text::default(),
            period: None,
            data_as_of: None,
            licence: None,
            changes: Default::default(),
            contact: None,
            illustrative: true,
            headlines: vec![],
            areas: vec![Area {
                id: "a".into(),
                kind: AreaKind::City,
                name: Text::plain("Aktobe city"),
                parent: None,
                context: false,
                population: None,
                tile: None,
            }],
            metrics: vec![Metric {
                id: "m".into(),
                label: Text::plain("Registered crimes"),
                unit: Unit::Count,
                direction: Direction::LowerIsBetter,
                group: Group::Crime,
                series: None,
                definition: Text::default(),
                chart: crate::feed::ChartHint::Auto,
            }],
            sources: vec![],
            observations: vec![o.clone()],
            annotations: vec![],
            views: vec![],
            related: vec![],
        };
        assert_eq!(
            change_sentence(&feed, &o, Lang::En, &PlainNumbers).unwrap(),
            "Registered crimes, Aktobe city: fell by more than 20 % in Jan–Oct 2025 compared with Jan–Oct 2024."
        );
        o.value = Some(37.3);
        o.qualifier = None;
        assert!(change_sentence(&feed, &o, Lang::Ru, &PlainNumbers)
            .unwrap()
            .contains("рост на 37.3 %"));
    }

    #[test]
    fn kazakh_qualifiers_take_the_ablative_of_the_word_said_last() {
        let kk = LocaleNumbers(Lang::Kk);
        let level =
            |v: f64, q, unit| value_text(&obs(v, Measure::Level, Some(q)), unit, Lang::Kk, &kk);
        use Qualifier::*;
        assert_eq!(level(76.0, MoreThan, Unit::Count), "76-дан астам");
        assert_eq!(level(1500.0, MoreThan, Unit::Count), "1\u{a0}500-ден астам");
        assert_eq!(
            level(25000.0, MoreThan, Unit::Count),
            "25\u{a0}000-нан астам"
        );
        assert_eq!(level(40.0, MoreThan, Unit::Count), "40-тан астам");
        assert_eq!(level(478.0, MoreThan, Unit::Kg), "478 кг-нан астам");
        assert_eq!(
            level(1000.0, MoreThan, Unit::MillionTenge),
            "1\u{a0}000 млн ₸-ден астам"
        );
        assert_eq!(level(300.0, LessThan, Unit::Count), "300-ден кем");
        assert_eq!(level(300.0, Approximately, Unit::Count), "шамамен 300");
    }

    #[test]
    fn a_qualified_change_shows_its_size_with_its_direction_and_keeps_the_qualifier() {
        let vs = Period::parse("2024").unwrap();
        let change = |v: f64, q| obs(v, Measure::ChangePct { vs }, q);
        let say = |o: &Observation, lang| value_text(o, Unit::Count, lang, &LocaleNumbers(lang));
        let fall = change(-20.0, Some(Qualifier::MoreThan));
        assert_eq!(say(&fall, Lang::En), "▼ more than 20%");
        assert_eq!(say(&fall, Lang::Ru), "▼ более чем на 20\u{a0}%");
        assert_eq!(say(&fall, Lang::Kk), "▼ 20\u{a0}%-дан астам");
        let rise = change(5.0, Some(Qualifier::Approximately));
        assert_eq!(say(&rise, Lang::En), "▲ about 5%");
        assert_eq!(say(&rise, Lang::Ru), "▲ примерно на 5\u{a0}%");
        assert_eq!(say(&rise, Lang::Kk), "▲ шамамен 5\u{a0}%");
        let less = change(-1.0, Some(Qualifier::LessThan));
        assert_eq!(say(&less, Lang::En), "▼ less than 1%");
        assert_eq!(say(&less, Lang::Ru), "▼ менее чем на 1\u{a0}%");
        assert_eq!(say(&less, Lang::Kk), "▼ 1\u{a0}%-дан кем");
        // Without a qualifier the sign says the direction.
        assert_eq!(say(&change(-7.0, None), Lang::Ru), "\u{2212}7\u{a0}%");
    }

    #[test]
    fn locale_numbers_write_what_intl_writes() {
        let (kk, en) = (LocaleNumbers(Lang::Kk), LocaleNumbers(Lang::En));
        for (v, f, want) in [
            (1234567.5, 1, "1\u{a0}234\u{a0}567,5"),
            (1000.0, 1, "1\u{a0}000"),
            (999.0, 1, "999"),
            (53.1, 1, "53,1"),
            (0.25, 1, "0,3"),
            (123900.0, 0, "123\u{a0}900"),
        ] {
            assert_eq!(kk.decimal(v, f), want, "{v}");
        }
        assert_eq!(en.decimal(1234567.5, 1), "1,234,567.5");
        assert_eq!(kk.percent(-7.0, true), "\u{2212}7\u{a0}%");
        assert_eq!(kk.percent(7.6, true), "+7,6\u{a0}%");
        assert_eq!(kk.percent(0.0, true), "0\u{a0}%");
        assert_eq!(en.percent(-7.0, true), "\u{2212}7%");
        assert_eq!(en.percent(37.25, true), "+37.3%");
        assert_eq!(en.percent(20.0, false), "20%");
        // What rounds to zero: no sign when signed ("exceptZero"), Intl's "-0" otherwise.
        assert_eq!(kk.percent(-0.04, true), "0\u{a0}%");
        assert_eq!(kk.percent(-0.04, false), "\u{2212}0\u{a0}%");
        assert_eq!(kk.decimal(-0.04, 1), "-0");
        assert_eq!(kk.decimal(-1234.5, 1), "-1\u{a0}234,5");
    }

    #[test]
    fn tone_follows_direction_and_sign() {
        assert_eq!(tone(Direction::LowerIsBetter, -7.0), Tone::Better);
        assert_eq!(tone(Direction::LowerIsBetter, 37.0), Tone::Worse);
        assert_eq!(tone(Direction::HigherIsBetter, 2.4), Tone::Better);
        assert_eq!(tone(Direction::Neutral, -50.0), Tone::Neutral);
    }
}
