//! Numbers through the browser's `Intl.NumberFormat`, so grouping and decimal marks follow
//! the reader's language ("1 638", "3,8").

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::feed::Lang;
use crate::present::Numbers;

/// `Intl` formatters for one language.
pub struct IntlNumbers {
    /// Kazakh numbers are formatted with the Russian (Kazakhstan) locale: the same conventions
    /// as CLDR's Kazakh (spaces between thousands, a decimal comma), and Chromium's `kk` data
    /// turned out to fall back to "44,106.5".
    locales: &'static [&'static str],
}

impl IntlNumbers {
    pub fn new(lang: Lang) -> IntlNumbers {
        let locales: &'static [&'static str] = match lang {
            Lang::Kk => &["ru-KZ"],
            Lang::Ru => &["ru-KZ", "ru"],
            Lang::En => &["en-GB", "en"],
        };
        IntlNumbers { locales }
    }

    fn format(&self, value: f64, options: &[(&str, JsValue)]) -> String {
        let opts = Object::new();
        for (k, v) in options {
            // Setting a property on a fresh plain object cannot fail.
            Reflect::set(&opts, &JsValue::from_str(k), v).ok();
        }
        let locales: Array = self.locales.iter().map(|l| JsValue::from_str(l)).collect();
        let nf = Intl::NumberFormat::new(&locales, &opts);
        let format: Function = nf.format();
        format
            .call1(&nf, &JsValue::from_f64(value))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| value.to_string())
    }
}

impl Numbers for IntlNumbers {
    fn decimal(&self, v: f64, max_frac: u8) -> String {
        self.format(
            v,
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
            &[
                ("style", JsValue::from_str("percent")),
                ("maximumFractionDigits", JsValue::from_f64(1.0)),
                ("signDisplay", JsValue::from_str(sign)),
            ],
        ))
    }
}

fn minus_sign(s: String) -> String {
    s.replace('-', "\u{2212}")
}
