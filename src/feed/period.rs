//! Reporting periods and partial dates, as written in a feed.
//!
//! | written             | meaning                                   |
//! |---------------------|-------------------------------------------|
//! | `2025`              | the calendar year                         |
//! | `2025-H1`           | January–June (`H2`: July–December)        |
//! | `2025-Q3`           | July–September                            |
//! | `2025-03`           | March                                     |
//! | `2025-01..2025-09`  | a cumulative range of whole months        |

use std::cmp::Ordering;
use std::fmt;

/// What shape a period has; a period is only compared with one of the same shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    Year,
    Half(u8),
    Quarter(u8),
    Month,
    Range,
}

/// A span of whole months, `start` and `end` inclusive, each as `(year, month)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub kind: PeriodKind,
    pub start: (i32, u8),
    pub end: (i32, u8),
}

/// What a refused period is told, after the text quoted.
pub const NOT_A_PERIOD: &str =
    "is not a period (use 2025, 2025-H1, 2025-Q3, 2025-03 or 2025-01..2025-09)";
/// What a refused date is told, after the text quoted.
pub const NOT_A_DATE: &str =
    "is not a date (use 2025-12-27, or 2025-12 or 2025 when the day is not known)";

/// Why a period string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' {NOT_A_PERIOD}")]
pub struct PeriodError {
    /// The text refused, cut after 40 characters.
    pub text: String,
}

/// The first `n` characters of `text` (all of it when shorter).
pub fn first_chars(text: &str, n: usize) -> &str {
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    text.get(..end).unwrap_or(text)
}

const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2200;

/// The number written by exactly `n` ASCII digits.
fn digits(text: &str, n: usize) -> Option<i32> {
    if text.len() != n {
        return None;
    }
    text.bytes().try_fold(0i32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i32::from(b - b'0'))
    })
}

fn year(text: &str) -> Option<i32> {
    digits(text, 4).filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
}

fn month(text: &str) -> Option<u8> {
    digits(text, 2)
        .filter(|m| (1..=12).contains(m))
        .and_then(|m| u8::try_from(m).ok())
}

/// `text.split_once("..")`, without the cost of a substring search on every period.
fn split_range(text: &str) -> Option<(&str, &str)> {
    let at = text.as_bytes().windows(2).position(|w| w == b"..")?;
    Some((text.get(..at)?, text.get(at + 2..)?))
}

/// `text.split_once('-')`, by bytes: a character pattern sets up a searcher on every period.
fn split_dash(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == b'-')?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

fn year_month(text: &str) -> Option<(i32, u8)> {
    let (y, m) = split_dash(text)?;
    Some((year(y)?, month(m)?))
}

impl Period {
    /// Parses a period as written in a feed.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        Self::read(text).ok_or_else(|| PeriodError {
            text: first_chars(text, 40).to_owned(),
        })
    }

    /// `parse` without the error: the checker words its own.
    pub(crate) fn read(text: &str) -> Option<Period> {
        if let Some((a, b)) = split_range(text) {
            let start = year_month(a)?;
            let end = year_month(b)?;
            return (start < end).then_some(Period {
                kind: PeriodKind::Range,
                start,
                end,
            });
        }
        let Some((y, rest)) = split_dash(text) else {
            let y = year(text)?;
            return Some(Period {
                kind: PeriodKind::Year,
                start: (y, 1),
                end: (y, 12),
            });
        };
        let y = year(y)?;
        // Byte patterns: string patterns would cost a comparison call each, on every month.
        let (kind, first, last) = match *rest.as_bytes() {
            [b'H', b'1'] => (PeriodKind::Half(1), 1, 6),
            [b'H', b'2'] => (PeriodKind::Half(2), 7, 12),
            [b'Q', q @ b'1'..=b'4'] => {
                let q = q - b'0';
                (PeriodKind::Quarter(q), q * 3 - 2, q * 3)
            }
            _ => {
                let m = month(rest)?;
                (PeriodKind::Month, m, m)
            }
        };
        Some(Period {
            kind,
            start: (y, first),
            end: (y, last),
        })
    }

    /// The year in which the period ends: the year a reader files it under.
    pub fn year(&self) -> i32 {
        self.end.0
    }

    /// Number of months covered.
    pub fn months(&self) -> i32 {
        (self.end.0 - self.start.0) * 12 + i32::from(self.end.1) - i32::from(self.start.1) + 1
    }

    /// The same span one year earlier: what a year-on-year change compares with.
    pub fn year_before(&self) -> Period {
        Period {
            kind: self.kind,
            start: (self.start.0 - 1, self.start.1),
            end: (self.end.0 - 1, self.end.1),
        }
    }

    /// True when `self` is the same span as `other`, one year later.
    pub fn follows_by_a_year(&self, other: &Period) -> bool {
        self.year_before() == *other
    }
}

impl PeriodKind {
    fn rank(self) -> u8 {
        match self {
            PeriodKind::Year => 0,
            PeriodKind::Half(h) => h,
            PeriodKind::Quarter(q) => 2 + q,
            PeriodKind::Month => 7,
            PeriodKind::Range => 8,
        }
    }
}

impl Period {
    /// True when both name the same months, however written (`2025` and `2025-01..2025-12`).
    pub fn same_span(&self, other: &Period) -> bool {
        self.start == other.start && self.end == other.end
    }

    /// True when every month of `self` comes before every month of `other`.
    pub fn wholly_before(&self, other: &Period) -> bool {
        self.end < other.start
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.end, self.start, self.kind.rank()).cmp(&(other.end, other.start, other.kind.rank()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Writes `n` in decimal after `sep`, with a leading zero below 10 when `two` (as `{n:02}`):
/// by hand, as `write!` with a width brings padding code into the page for two types.
fn write_num(f: &mut fmt::Formatter<'_>, sep: &str, n: i32, two: bool) -> fmt::Result {
    f.write_str(sep)?;
    if two && (0..10).contains(&n) {
        f.write_str("0")?;
    }
    f.write_str(&n.to_string())
}

impl fmt::Display for Period {
    /// Writes the period back in the feed's notation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m) = self.start;
        write_num(f, "", y, false)?;
        match self.kind {
            PeriodKind::Year => Ok(()),
            PeriodKind::Half(h) => write_num(f, "-H", h.into(), false),
            PeriodKind::Quarter(q) => write_num(f, "-Q", q.into(), false),
            PeriodKind::Month => write_num(f, "-", m.into(), true),
            PeriodKind::Range => {
                write_num(f, "-", m.into(), true)?;
                write_num(f, "..", self.end.0, false)?;
                write_num(f, "-", self.end.1.into(), true)
            }
        }
    }
}

/// A publication date that may name only the year or the month (`2020`, `2026-01`, `2025-12-27`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' {NOT_A_DATE}")]
pub struct DateError {
    /// The text refused, cut after 40 characters.
    pub text: String,
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        Self::read(text).ok_or_else(|| DateError {
            text: first_chars(text, 40).to_owned(),
        })
    }

    /// `parse` without the error: the checker words its own.
    pub(crate) fn read(text: &str) -> Option<PartialDate> {
        let mut parts = text.split('-');
        let y = parts.next().and_then(year)?;
        let m = match parts.next() {
            None => None,
            Some(m) => Some(month(m)?),
        };
        let d = match parts.next() {
            None => None,
            Some(d) => {
                let max = days_in_month(y, m.unwrap_or(1));
                let d = digits(d, 2).and_then(|d| u8::try_from(d).ok());
                Some(d.filter(|d| (1..=max).contains(d))?)
            }
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate {
            year: y,
            month: m,
            day: d,
        })
    }

    /// True when the day is known.
    pub fn is_complete(&self) -> bool {
        self.day.is_some()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_num(f, "", self.year, false)?;
        for part in [self.month, self.day].into_iter().flatten() {
            write_num(f, "-", part.into(), true)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_round_trip(text: &str, months: i32) {
        let p = Period::parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.to_string(), text);
        assert_eq!(p.months(), months, "{text}");
    }

    #[test]
    fn every_documented_period_shape_parses_and_prints_back() {
        assert_round_trip("2025", 12);
        assert_round_trip("2025-H1", 6);
        assert_round_trip("2025-H2", 6);
        assert_round_trip("2020-Q1", 3);
        assert_round_trip("2020-Q4", 3);
        assert_round_trip("2025-03", 1);
        assert_round_trip("2025-01..2025-09", 9);
        assert_round_trip("2024-11..2025-02", 4);
    }

    #[test]
    fn malformed_periods_are_refused() {
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-Q5",
            "2025-H3",
            "2025-1",
            "2025-09..2025-01",
            "2025..2026",
            "1800",
            "two",
            "2025-01..",
            "2025-01..2025-09..2025-10",
            "２０２５",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn nine_months_of_2025_follow_nine_months_of_2024() {
        let a = Period::parse("2025-01..2025-09").unwrap();
        let b = Period::parse("2024-01..2024-09").unwrap();
        assert!(a.follows_by_a_year(&b));
        assert!(!b.follows_by_a_year(&a));
        assert!(b < a);
    }

    #[test]
    fn partial_dates_keep_what_is_known() {
        let d = PartialDate::parse("2026-01").unwrap();
        assert_eq!((d.year, d.month, d.day), (2026, Some(1), None));
        assert!(!d.is_complete());
        assert!(PartialDate::parse("2025-12-27").unwrap().is_complete());
        assert_eq!(PartialDate::parse("2020").unwrap().to_string(), "2020");
        for bad in [
            "2025-02-30",
            "2025-00",
            "2025-1-1",
            "2025-12-27-1",
            "",
            "2023-02-29",
        ] {
            assert!(
                PartialDate::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }
}
