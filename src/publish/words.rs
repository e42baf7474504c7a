//! Words only the published files use (share pages, readmes, citations), in Kazakh, Russian and
//! English: kept out of `i18n` so that the report's wasm never carries them.
// editor: every Kazakh string here was written without a native speaker; the Russian ones
// follow GOST 7.0.100 for the citation. Please read them whole in tests/golden/publish-*.txt.

use crate::feed::Lang;

/// One text in `[kk, ru, en]`.
pub type Words = [&'static str; 3];

pub fn say(w: &Words, lang: Lang) -> &'static str {
    w[lang as usize]
}

pub const OPEN_CHART: Words = [
    "Диаграмманы есепте ашу",
    "Открыть диаграмму в отчёте",
    "Open the chart in the report",
];
pub const OPEN_REPORT: Words = ["Есепті ашу", "Открыть отчёт", "Open the report"];
pub const NO_LICENCE: Words = [
    "Жариялаушы лицензияны көрсетпеген",
    "Лицензия не указана издателем",
    "Licence not stated by the publisher",
];
pub const DATA_SET: Words = ["Деректер жиыны", "Набор данных", "Data set"];
/// After the short version: "3f2a9c0d41b7 нұсқасы", "версия 3f2a9c0d41b7".
pub const VERSION: Words = ["нұсқасы", "версия", "version"];
pub const RETRIEVED: Words = ["қаралған күні", "дата обращения", "Retrieved"];
pub const HOW_TO_CITE: Words = ["Дәйексөз ретінде келтіру", "Как цитировать", "How to cite"];
pub const IN_THIS_BUNDLE: Words = ["Бумада", "В архиве", "In this bundle"];
pub const FIGURES_FILE: Words = [
    "көрсеткіштер: әрқайсысы дереккөзімен, кезеңімен, ведомствосымен, шектеуімен («астам», «шамамен») және дереккөздің өз сөздерімен; бет есептеген өзгерістер «computed» деп белгіленген",
    "показатели: каждый с источником, периодом, ведомством, оговоркой («более», «около») и словами источника; изменения, рассчитанные страницей, помечены «computed»",
    "the figures, each with its source, period, agency, qualifier (“more than”, “about”) and the source’s own words; changes the page computed are marked “computed”",
];
pub const METADATA_FILE: Words = [
    "атаулары, анықтамалары, дереккөздері, лицензиясы және фидтің нұсқасы",
    "названия, определения, источники, лицензия и версия фида",
    "titles, definitions, sources, licence and the feed’s version",
];
pub const FEED_FILE: Words = [
    "фидтің өзі, жарияланғандай (нұсқасы — оның SHA-256 хэші)",
    "сам фид в опубликованном виде (его версия — хэш SHA-256)",
    "the feed itself, as published (its version is its SHA-256)",
];
pub const LICENCE: Words = ["Лицензия", "Лицензия", "Licence"];
pub const SOURCES: Words = ["Дереккөздер", "Источники", "Sources"];
pub const PUBLISHED: Words = ["Жарияланған", "Опубликовано", "Published"];
/// The title of the whole feed's bundle and share page.
pub const WHOLE_REPORT: Words = ["Барлық көрсеткіштер", "Все показатели", "All figures"];
