//! Numbers in the reader's language ("1 638", "3,8", "−7 %"): the locale rules of
//! `present::Locale`, which write what `Intl.NumberFormat` writes, with the browser's `toFixed`
//! for the digits. The page no longer asks `Intl` itself: making its first formatter loads the
//! locale data, 50–80 ms of main thread on a slow phone (`make bench`, CPU × 4), in the task
//! that builds the report.

use crate::feed::Lang;
use crate::present::{Locale, Numbers};

/// The page's numbers in one language.
pub struct PageNumbers(Locale<fn(f64, usize) -> String>);

impl PageNumbers {
    pub fn new(lang: Lang) -> PageNumbers {
        PageNumbers(Locale(lang, js_fixed))
    }
}

impl Numbers for PageNumbers {
    fn decimal(&self, v: f64, max_frac: u8) -> String {
        self.0.decimal(v, max_frac)
    }

    fn percent(&self, v: f64, signed: bool) -> String {
        self.0.percent(v, signed)
    }
}

/// `v` (not negative) with exactly `f` fraction digits, by JavaScript's `toFixed` ("1234.50"):
/// a tie rounds up, as `Intl` rounds it.
fn js_fixed(v: f64, f: usize) -> String {
    let digits = u8::try_from(f).unwrap_or(20).min(20);
    js_sys::Number::from(v)
        .to_fixed(digits)
        .map(String::from)
        .unwrap_or_else(|_| js_number(v))
}

/// A number as JavaScript writes it ("12.5", "100"), for a fallback and CSS lengths: the page
/// does not call Rust's float formatting itself.
pub fn js_number(v: f64) -> String {
    js_sys::Number::from(v)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}
