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

// The checker page's Publish step.
pub const PUBLISH: Words = ["Жариялау", "Публикация", "Publish"];
pub const PUBLISH_INTRO: Words = [
    "Есеп орналасатын бума мекенжайын жазыңыз: бет Telegram мен WhatsApp көрсететін сілтеме көріністерін, деректер бумаларын және фидтің нұсқасын дайындап, бір ZIP етіп береді. Оны қолданбаның жанына (index.html тұрған бумаға) ашыңыз.",
    "Укажите адрес папки, где будет отчёт: страница подготовит превью ссылок для Telegram и WhatsApp, архивы данных и версию фида и отдаст всё одним ZIP. Распакуйте его рядом с приложением (в папку с index.html).",
    "Type the address of the folder the report will be served from: the page prepares link previews for Telegram and WhatsApp, data bundles and the feed's version, and gives you everything as one ZIP. Unpack it next to the app (the folder with index.html).",
];
pub const BASE_URL: Words = [
    "Есеп бумасының мекенжайы",
    "Адрес папки отчёта",
    "Address of the report's folder",
];
pub const PREPARE: Words = [
    "Файлдарды дайындау",
    "Подготовить файлы",
    "Prepare the files",
];
pub const DRAWING: Words = [
    "Алдын ала көріністер салынуда…",
    "Рисуются превью…",
    "Drawing the previews…",
];
pub const READY: Words = [
    "Дайын: ZIP жүктелді. Сілтемелер Telegram-да осылай көрінеді:",
    "Готово: ZIP скачан. Так ссылки будут выглядеть в Telegram:",
    "Done: the ZIP was downloaded. This is how the links will look in Telegram:",
];
pub const NO_IMAGES: Words = [
    "Бұл браузер алдын ала көріністерді сала алмады: ZIP-те олар жоқ. esep-check publish пәрменін қолданыңыз.",
    "Этот браузер не смог нарисовать превью: в ZIP их нет. Используйте команду esep-check publish.",
    "This browser could not draw the previews: the ZIP has none. Use the esep-check publish command.",
];
