//! Numbers through the browser's `Intl.NumberFormat`, so grouping and decimal marks follow
//! the reader's language ("1 638", "3,8").

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::feed::Lang;
use crate::present::Numbers;

/// `Intl` formatters for one language.
pub struct IntlNumbers {
    /// `present::intl_locales`: what `LocaleNumbers` mirrors in tests.
    locales: &'static [&'static str],
}

impl IntlNumbers {
    pub fn new(lang: Lang) -> IntlNumbers {
        IntlNumbers {
            locales: crate::present::intl_locales(lang),
        }
    }

    /// Formats with the `Intl.NumberFormat` for these locales and options, made once per page:
    /// creating one costs far more than using it, and a report formats thousands of numbers.
    fn format(&self, value: f64, key: u8, options: &[(&str, JsValue)]) -> String {
        thread_local! {
            static MADE: std::cell::RefCell<Vec<(&'static str, u8, Function)>> =
                const { std::cell::RefCell::new(Vec::new()) };
        }
        let locale = self.locales.first().copied().unwrap_or_default();
        let made = MADE.with_borrow(|m| {
            m.iter()
                .find(|(l, k, _)| *l == locale && *k == key)
                .map(|(_, _, f)| f.clone())
        });
        let format = made.unwrap_or_else(|| {
            let opts = Object::new();
            for (k, v) in options {
                // Setting a property on a fresh plain object cannot fail.
                Reflect::set(&opts, &JsValue::from_str(k), v).ok();
            }
            let locales: Array = self.locales.iter().map(|l| JsValue::from_str(l)).collect();
            // `format` is a getter that returns a function bound to its formatter.
            let format = Intl::NumberFormat::new(&locales, &opts).format();
            MADE.with_borrow_mut(|m| m.push((locale, key, format.clone())));
            format
        });
        format
            .call1(&JsValue::UNDEFINED, &JsValue::from_f64(value))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| js_number(value))
    }
}

impl Numbers for IntlNumbers {
    fn decimal(&self, v: f64, max_frac: u8) -> String {
        self.format(
            v,
            max_frac,
            &[(
                "maximumFractionDigits",
                JsValue::from_f64(f64::from(max_frac)),
            )],
        )
    }

    fn percent(&self, v: f64, signed: bool) -> String {
        let sign = if signed { "exceptZero" } else { "auto" };
        // Intl writes a hyphen-minus; a true minus sign reads better and is not a hyphen.
        minus_sign(self.format(
            v / 100.0,
            if signed { 201 } else { 200 },
            &[
                ("style", JsValue::from_str("percent")),
                ("maximumFractionDigits", JsValue::from_f64(1.0)),
                ("signDisplay", JsValue::from_str(sign)),
            ],
        ))
    }
}

/// A number as JavaScript writes it ("12.5", "100"), for a fallback and CSS lengths: the page
/// does not call Rust's float formatting itself.
pub fn js_number(v: f64) -> String {
    js_sys::Number::from(v)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

fn minus_sign(s: String) -> String {
    s.replace('-', "\u{2212}")
}
