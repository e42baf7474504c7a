//! The page's own words in Kazakh, Russian and English, and period names. Pure: tested natively.
//! Numbers are formatted by the browser's `Intl` in `ui::format`, not here.

use crate::feed::{Lang, PartialDate, Period, PeriodKind};

pub mod kk;

/// One UI string in the three languages: Kazakh, Russian and English in one `&str`, each
/// ended by U+001F (the unit separator). One string instead of three `&str`s keeps the wasm
/// smaller: no table of pointers and lengths for each message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Msg(&'static str);

impl Msg {
    pub fn get(&self, lang: Lang) -> &'static str {
        let mut rest = self.0;
        for _ in 0..lang as usize {
            let end = rest.bytes().position(|b| b == 0x1f).unwrap_or(rest.len());
            rest = rest.get(end + 1..).unwrap_or("");
        }
        let end = rest.bytes().position(|b| b == 0x1f).unwrap_or(rest.len());
        rest.get(..end).unwrap_or("")
    }
}

macro_rules! msg {
    ($kk:literal, $ru:literal, $en:literal) => {
        Msg(concat!($kk, "\u{1f}", $ru, "\u{1f}", $en, "\u{1f}"))
    };
}

macro_rules! msgs {
    ($($name:ident: $kk:literal, $ru:literal, $en:literal;)*) => {
        $(pub const $name: Msg = msg!($kk, $ru, $en);)*
    };
}

msgs! {
    LOADING: "Деректер жүктелуде…", "Загрузка данных…", "Loading data…";
    LANGUAGE: "Тіл", "Язык", "Language";
    DATA_AS_OF: "Деректер күні", "Данные на", "Data as of";
    HEADLINES: "Негізгі көрсеткіштер", "Главные показатели", "Key figures";
    CHANGES_TITLE: "Өткен жылмен салыстырғанда өзгеріс", "Изменение к прошлому году", "Change compared with a year earlier";
    // The same, for changes of quarters or months: against the same months of the year before.
    CHANGES_TITLE_PERIOD: "Өткен жылдың сәйкес кезеңімен салыстырғанда өзгеріс", "Изменение к аналогичному периоду прошлого года", "Change compared with the same period a year earlier";
    CHANGES_NOTE: "Тек пайыздық өзгеріс жарияланған: абсолютті сандар жарияланбаған.",
        "Опубликовано только изменение в процентах: абсолютные числа не опубликованы.",
        "Only the percentage change was published; the underlying counts were not.";
    ALL_FIGURES: "Барлық көрсеткіштер", "Все показатели", "All figures";
    SOURCES: "Дереккөздер", "Источники", "Sources";
    SOURCES_AND_METHOD: "Дереккөздер және әдіс", "Источники и метод", "Sources and method";
    // editor: the Kazakh and Russian of the last sentence (computed changes).
    METHOD: "Әр көрсеткіш дереккөзде жарияланғандай көрсетілген: «астам», «шамамен» сияқты шектеулер сақталады. Тек пайыздық өзгеріс жарияланса, өзгеріс ретінде көрсетіледі, абсолютті сандар есептелмейді. Әртүрлі ведомстволардың есірткі тәркілеу деректері бір-біріне қосылмайды. Жарияланбаған көрсеткіштер бағаланбайды: олар жай ғана жоқ. Бет екі жарияланған сан бойынша өзі есептеген өзгеріс «жарияланған деректер бойынша есептелген» деп белгіленеді; дереккөз сол кезеңдер үшін өз өзгерісін жарияласа, сол көрсетіледі.",
        "Каждый показатель приведён так, как опубликован: оговорки вроде «более» и «около» сохранены. Если опубликовано только изменение в процентах, оно показано как изменение; абсолютные числа не вычисляются. Данные об изъятии наркотиков разных ведомств не суммируются. Неопубликованные показатели не оцениваются — их просто нет. Изменение, которое страница вычислила сама по двум опубликованным числам, помечено «рассчитано по опубликованным данным»; если источник опубликовал своё изменение за те же периоды, показано оно.",
        "Every figure is shown as published, with bounds such as “more than” and “about” kept. Where only a percentage change was published it is shown as a change; levels are not back-computed. Drug seizures reported by different agencies are never added up. Figures that were not published are not estimated: they are simply missing. A change the page works out from two published figures is marked “computed from the published figures”; where the source published its own change for the same periods, that one is shown.";
    OFFLINE: "Желі жоқ: осы құрылғыда сақталған есеп көрсетілген", "Нет сети: показан отчёт, сохранённый на этом устройстве", "Offline: showing the report saved on this device";
    GLOSSARY: "Терминдер", "Термины", "Terms used";
    RELATED: "Сондай-ақ қараңыз", "См. также", "See also";
    REPORT_ERROR: "Қате таптыңыз ба? Жариялаушыға хабарлаңыз", "Нашли ошибку? Сообщите издателю", "Found an error? Tell the publisher";
    LICENCE: "Деректер лицензиясы", "Лицензия данных", "Data licence";
    NO_LICENCE: "Жариялаушы деректер лицензиясын көрсетпеген; дереккөзге сілтеме жасаңыз.", "Издатель не указал лицензию данных; ссылайтесь на источник.", "The publisher states no data licence; credit the source.";
    CREDIT: "Деректер", "Данные", "Data";
    SOURCE: "Дереккөз", "Источник", "Source";
    // The body that gathered the feed's figures from their sources, named as such.
    COMPILED_BY: "Құрастырушы", "Составитель", "Compiled by";
    SOURCE_NOUN: "дереккөз", "источник|источника|источников|источника", "source|sources";
    PUBLISHED: "жарияланған", "опубликовано", "published";
    INDICATOR: "Көрсеткіш", "Показатель", "Indicator";
    AREA: "Аумақ", "Территория", "Area";
    PERIOD: "Кезең", "Период", "Period";
    VALUE: "Мәні", "Значение", "Value";
    VS: "салыстырғанда", "к", "vs";
    // editor: the Kazakh and Russian of these two.
    COMPUTED: "жарияланған деректер бойынша есептелген", "рассчитано по опубликованным данным", "computed from the published figures";
    AS_PUBLISHED: "дереккөзде жарияланғандай", "как опубликовано в источнике", "as published by the source";
    NOT_AVAILABLE: "деректер жоқ", "нет данных", "not available";
    HIGHEST: "Ең жоғары", "Больше всего", "Highest";
    LOWEST: "Ең төмен", "Меньше всего", "Lowest";
    MAP: "аудандар картасы", "карта районов", "district map";
    MAP_NOTE: "Әр шаршы — аудан немесе қала, шамамен өз орнында (солтүстік — жоғарыда). Түсі неғұрлым қанық болса, мәні соғұрлым жоғары; штрихталған — деректер жоқ.",
        "Каждый квадрат — район или город, примерно на своём месте (север сверху). Чем темнее цвет, тем больше значение; штриховка — нет данных.",
        "Each square is a district or city, placed roughly where it lies (north up). Darker means a higher value; hatched means no data.";
    BY_DISTRICT: "аудандар бойынша", "по районам", "by district";
    SHARE: "Бөлісу", "Поделиться", "Share";
    // The feed's citable version (docs/publishing.md). editor: all of these, in Kazakh.
    // Publishing and the feed's citable version (docs/publishing.md). editor: the Kazakh of
    // all of these, down to PINNED_GONE, was written without a native speaker.
    PREVIEW_LINK: "Алдын ала көрінісі бар сілтеме:", "Ссылка с превью:", "Link with a preview:";
    CITE: "Дәйексөз ретінде келтіру", "Как цитировать", "How to cite";
    COPIED: "Көшірілді", "Скопировано", "Copied";
    DOWNLOAD_BUNDLE: "Деректер бумасы (ZIP)", "Архив данных (ZIP)", "Data bundle (ZIP)";
    DATA_VERSION: "Деректер нұсқасы", "Версия данных", "Data version";
    THIS_VERSION: "тұрақты сілтеме", "постоянная ссылка", "permanent link";
    STALE: "Сілтеме көріністері мен бумалар бұрынғы нұсқадан.", "Превью ссылок и архивы — от прежней версии.", "Link previews and bundles are of an earlier version.";
    PINNED: "Сілтеме жасалған деректер нұсқасы:", "Цитируемая версия данных:", "Cited version of the data:";
    IS_CURRENT: "Бұл — қазіргі нұсқа.", "Это текущая версия.", "It is the current version.";
    CORRECTED: "Содан бері түзетілгені:", "С тех пор исправлено:", "Corrected since:";
    CURRENT_VERSION: "Қазіргі нұсқа", "Текущая версия", "Current version";
    PINNED_GONE: "Бұл нұсқа сайтта жоқ:", "Этой версии нет на сайте:", "This version is not on this site:";
    LINK_COPIED: "Сілтеме көшірілді", "Ссылка скопирована", "Link copied";
    EMBED: "Ендіру", "Встроить", "Embed";
    EMBED_CODE: "Мақалаға ендіру коды", "Код для вставки в статью", "Code to put in an article";
    COPY: "Көшіру", "Копировать", "Copy";
    NOT_LOADED: "Жүктеу мүмкін болмады: байланысты тексеріп, қайталап көріңіз.", "Не удалось загрузить: проверьте подключение и попробуйте ещё раз.", "Could not load this: check the connection and try again.";
    EMBED_PREVIEW: "Ендірілген диаграмманың алдын ала көрінісі", "Предпросмотр встроенного графика", "Preview of the embedded chart";
    FULL_REPORT: "Толық есеп", "Полный отчёт", "Full report";
    CHART_NOT_FOUND: "Мұндай диаграмма бұл есепте жоқ.", "В этом отчёте нет такого графика.", "This report has no such chart.";
    SHOW_DATA: "Деректерді көрсету", "Показать данные", "Show data";
    DOWNLOAD: "Жүктеп алу:", "Скачать:", "Download:";
    CHART_KEYS: "Мәндерді тыңдау үшін көрсеткі пернелерін басыңыз.", "Стрелки клавиатуры озвучивают значения.", "Arrow keys read out the values.";
    FOR_COMPARISON: "салыстыру үшін", "для сравнения", "for comparison";
    CONTEXT_NOTE: "Салыстыру үшін берілген көрсеткіштер.", "Показатели приведены для сравнения.", "Figures given for comparison.";
    ERROR_TITLE: "Деректерді көрсету мүмкін емес", "Не удалось показать данные", "The data cannot be shown";
    ERROR_LOAD: "Деректер файлы жүктелмеді.", "Файл данных не загрузился.", "The data file did not load.";
    ERROR_TIMEOUT: "Деректер файлы тым ұзақ жүктелді; байланыс баяу болуы мүмкін.", "Файл данных загружался слишком долго; возможно, медленная связь.", "The data file took too long to arrive; the connection may be slow.";
    ERROR_PARSE: "Деректер файлы бүлінген немесе басқа форматта.", "Файл данных повреждён или в другом формате.", "The data file is damaged or in another format.";
    CORS_HINT: "Басқа сайттағы файлды оқу мүмкін болмады: сол сайт оны басқа беттерге бермеуі мүмкін (CORS).",
        "Не удалось прочитать файл с другого сайта: возможно, этот сайт не разрешает другим страницам его читать (CORS).",
        "The file on another site could not be read: that site may not allow other pages to read it (CORS).";
    FEED_IN_USE: "Деректер файлы", "Файл данных", "Data file";
    DOWNLOAD_ALL: "Барлық деректерді жүктеп алу (CSV)", "Скачать все данные (CSV)", "Download all data (CSV)";
    CHECK_TITLE: "Деректер файлын тексеру", "Проверка файла данных", "Check a feed";
    CHECK_PRIVACY: "Файл осы құрылғыда қалады: ешнәрсе жүктелмейді.", "Файл остаётся на этом устройстве: ничего не загружается на сервер.", "The file stays on this device: nothing is uploaded.";
    CHECK_DROP: "Файлды осында сүйреңіз немесе таңдаңыз (esep JSON, JSON-stat, CSV, Excel .xlsx)", "Перетащите файл сюда или выберите его (esep JSON, JSON-stat, CSV, Excel .xlsx)", "Drop a file here or choose one (esep JSON, JSON-stat, CSV, Excel .xlsx)";
    CHECK_URL: "немесе файлдың мекенжайы", "или адрес файла", "or the file's address";
    CHECK_LOAD: "Тексеру", "Проверить", "Check";
    CHECK_BLOCKED: "Қателер жариялауға кедергі: алдымен оларды түзетіңіз.", "Ошибки мешают публикации: сначала исправьте их.", "Errors block publishing: fix them first.";
    CHECK_OK: "Қате жоқ: файлды жариялауға болады.", "Ошибок нет: файл можно публиковать.", "No errors: the file can be published.";
    // Counted nouns: the forms after a number, '|' between them (see `counted`).
    ERRORS: "қате", "ошибка|ошибки|ошибок|ошибки", "error|errors";
    WARNINGS: "ескерту", "предупреждение|предупреждения|предупреждений|предупреждения", "warning|warnings";
    SEVERITY: "Деңгейі", "Уровень", "Severity";
    SEV_ERROR: "қате", "ошибка", "error";
    SEV_WARNING: "ескерту", "предупреждение", "warning";
    PATH: "Орны", "Место", "Where";
    MESSAGE: "Не дұрыс емес", "Что не так", "What is wrong";
    PREVIEW: "Беттің алдын ала көрінісі: жарамды бөліктер", "Предпросмотр страницы: то, что корректно", "Preview of the page: what is valid";
    // A no-break space between thousands, as the page's numbers have; English groups with a comma.
    PER_100K: "100\u{a0}000 тұрғынға", "на 100\u{a0}000 жителей", "per 100,000 people";
    // editor: «халық саны, 2022 жыл» — the population a rate divides by, in a chart's subtitle.
    POPULATION: "халық саны", "численность населения", "population";
    EARLIER_YEARS: "Бұрынғы жылдар", "Прежние годы", "Earlier years";
    SHOW_ALL: "Барлығын көрсету", "Показать все", "Show all";
    WHAT_CHANGED: "Не өзгерді", "Что изменилось", "What changed";
    SECTIONS: "Бөлімдер", "Разделы", "Sections";
    COMPARE_TITLE: "Салыстыру", "Сравнение", "Comparison";
    COMPARE_NONE: "Екі файлда ортақ көрсеткіш жоқ (бірдей id мен кезең).", "В двух файлах нет общих показателей (тот же id и период).", "The two files share no figure (same id and period).";
    TRY_AGAIN: "Қайталау", "Повторить", "Try again";
    DETAILS: "Жариялаушыға арналған мәліметтер", "Подробности для издателя", "Details for the publisher";
    PROBLEMS_TITLE: "Деректер файлында қателер бар: кейбір көрсеткіштер көрсетілмейді.",
        "В файле данных есть ошибки: часть показателей не показана.",
        "The data file has errors: some figures are not shown.";
    ILLUSTRATIVE: "Иллюстрация: нақты деректер емес", "Иллюстрация: не реальные данные", "Illustrative: not real data";
    SKIP_TO_CONTENT: "Мазмұнға өту", "К содержанию", "Skip to content";
    NO_TRACKING: "Бұл бет бөгде сұраныстар жасамайды және ешкімді бақыламайды.",
        "Эта страница не делает сторонних запросов и никого не отслеживает.",
        "This page makes no third-party requests and tracks no one.";
    MADE_WITH: "esep арқылы жасалған", "Сделано с помощью esep", "Made with esep";
    CHART_FAILED: "Диаграмманы салу мүмкін болмады; деректер төмендегі кестеде.",
        "Не удалось нарисовать диаграмму; данные — в таблице ниже.",
        "The chart could not be drawn; the data is in the table below.";
    GRADE_PRIMARY: "ведомствоның өз мәтіні", "текст самого ведомства", "the agency's own text";
    GRADE_MIRROR: "ведомство мәтінінің көшірмесі", "текст ведомства в перепечатке", "the agency's text, republished";
    GRADE_SECONDARY: "БАҚ ведомствоға сілтеме жасайды", "СМИ со ссылкой на ведомство", "a news outlet quoting the agency";
    FELL: "азайды", "снижение", "fell";
    ROSE: "өсті", "рост", "rose";
    UNCHANGED: "өзгерген жоқ", "без изменений", "unchanged";
}

const MONTHS_SHORT: [Msg; 12] = [
    msg!("қаң.", "янв.", "Jan"),
    msg!("ақп.", "февр.", "Feb"),
    msg!("нау.", "март", "Mar"),
    msg!("сәу.", "апр.", "Apr"),
    msg!("мам.", "май", "May"),
    msg!("мау.", "июнь", "Jun"),
    msg!("шіл.", "июль", "Jul"),
    msg!("там.", "авг.", "Aug"),
    msg!("қыр.", "сент.", "Sep"),
    msg!("қаз.", "окт.", "Oct"),
    msg!("қар.", "нояб.", "Nov"),
    msg!("жел.", "дек.", "Dec"),
];

const MONTHS: [Msg; 12] = [
    msg!("қаңтар", "январь", "January"),
    msg!("ақпан", "февраль", "February"),
    msg!("наурыз", "март", "March"),
    msg!("сәуір", "апрель", "April"),
    msg!("мамыр", "май", "May"),
    msg!("маусым", "июнь", "June"),
    msg!("шілде", "июль", "July"),
    msg!("тамыз", "август", "August"),
    msg!("қыркүйек", "сентябрь", "September"),
    msg!("қазан", "октябрь", "October"),
    msg!("қараша", "ноябрь", "November"),
    msg!("желтоқсан", "декабрь", "December"),
];

fn month(m: u8, lang: Lang, short: bool) -> &'static str {
    let table = if short { &MONTHS_SHORT } else { &MONTHS };
    table
        .get(usize::from(m.clamp(1, 12)) - 1)
        .map(|msg| msg.get(lang))
        .unwrap_or("")
}

/// Russian months in the genitive, for a day's date ("16 октября 2025").
const RU_MONTHS_OF: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// A publication date as a reader writes it: the date of the data and a source's date on the
/// page and in the footers of a chart's PNG and SVG; CSV, data bundles and citations keep ISO
/// dates. "2020", "January 2026", "16 October 2025"; "январь 2026", "16 октября 2025";
/// "2026 ж. қаңтар", "2025 ж. 16 қазан" (the month as `period_label` writes one; editor:
/// please check the Kazakh day form).
pub fn date_label(d: &PartialDate, lang: Lang) -> String {
    let y = d.year;
    let Some(m) = d.month else {
        return y.to_string();
    };
    let name = month(m, lang, false);
    match (d.day, lang) {
        (None, Lang::Kk) => format!("{y} ж. {name}"),
        (None, _) => format!("{name} {y}"),
        (Some(day), Lang::Kk) => format!("{y} ж. {day} {name}"),
        (Some(day), Lang::Ru) => {
            let of = RU_MONTHS_OF[usize::from(m.clamp(1, 12)) - 1];
            format!("{day} {of} {y}")
        }
        (Some(day), Lang::En) => format!("{day} {name} {y}"),
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// A period as a reader says it: "Jan–Sep 2025", "янв.–сент. 2025", "Q1 2020", "2020 ж. I тоқсан".
pub fn period_label(p: &Period, lang: Lang) -> String {
    label(p, lang, false)
}

/// [`period_label`]; `long` for Kazakh gives the year in the genitive and months in full, the
/// head of a part of a year in a sentence ("2020 жылдың I тоқсан", "2025 жылдың
/// қаңтар–қыркүйек"; see [`kk_period`]).
fn label(p: &Period, lang: Lang, long: bool) -> String {
    let (y, m) = p.start;
    let year = if long { "жылдың" } else { "ж." };
    match (p.kind, lang) {
        (PeriodKind::Year, _) => y.to_string(),
        (PeriodKind::Half(h), Lang::En) => format!("H{h} {y}"),
        (PeriodKind::Half(h), Lang::Ru) => format!("{h}-е полугодие {y}"),
        (PeriodKind::Half(h), Lang::Kk) => format!("{y} {year} {h}-жартыжылдық"),
        (PeriodKind::Quarter(q), _) => {
            let r = roman(q);
            match lang {
                Lang::En => format!("Q{q} {y}"),
                Lang::Ru => format!("{r} кв. {y}"),
                Lang::Kk => format!("{y} {year} {r} тоқсан"),
            }
        }
        (PeriodKind::Month, Lang::Kk) => format!("{y} {year} {}", month(m, lang, false)),
        (PeriodKind::Month, _) => format!("{} {y}", month(m, lang, false)),
        (PeriodKind::Range, _) => {
            let (ey, em) = p.end;
            let from = month(m, lang, !long);
            let to = month(em, lang, !long);
            match (y == ey, lang) {
                (true, Lang::Kk) => format!("{y} {year} {from}–{to}"),
                (true, _) => format!("{from}–{to} {y}"),
                (false, Lang::Kk) => format!("{y} ж. {from} – {ey} ж. {to}"),
                (false, _) => format!("{from} {y} – {to} {ey}"),
            }
        }
    }
}

/// "`what` vs `then`" in the language's own order: "2025 vs 2024", "2025 к 2024",
/// "2025 (2024 жылмен салыстырғанда)"; `now` is the period `what` stands for.
pub fn versus(what: &str, then: &Period, now: &Period, lang: Lang) -> String {
    match lang {
        Lang::Kk => format!("{what} ({} салыстырғанда)", compared_with(then, now, lang)),
        _ => format!("{what} {} {}", VS.get(lang), period_label(then, lang)),
    }
}

/// The same months (and kind) in both periods, each within one year: "the same period" of
/// another year.
fn same_months(p: &Period, now: &Period) -> bool {
    p.kind == now.kind && p.start.1 == now.start.1 && p.end.1 == now.end.1 && p.start.0 == p.end.0
}

/// A period in a Kazakh sentence: as the time of something (`locative`: "2025 жылы") or as what
/// is compared with ("2024 жылмен"). A year is "жыл"; a part of a year is named after its year
/// in the genitive and takes the possessive before the case ([`kk::possessive`]: "2020 жылдың I
/// тоқсанында", "2025 жылдың наурыз айында", "2025 жылдың қаңтар–қыркүйек айларында", "2024
/// жылдың 2-жартыжылдығымен"); the same months as `now` in an earlier year are "2024 жылдың
/// сәйкес кезеңі", as the press writes it. A span across years has no name but "кезең" ("2024
/// ж. қар. – 2025 ж. ақп. кезеңінде").
fn kk_period(p: &Period, now: Option<&Period>, locative: bool) -> String {
    let y = p.start.0;
    let mut out = match p.kind {
        // The page says a year only in these two places: "2025 жылы", "2024 жылмен".
        PeriodKind::Year => return format!("{y} {}", if locative { "жылы" } else { "жылмен" }),
        PeriodKind::Range if y != p.end.0 => period_label(p, Lang::Kk) + " кезең",
        PeriodKind::Range if now.is_some_and(|n| same_months(p, n)) => {
            format!("{y} жылдың сәйкес кезең")
        }
        PeriodKind::Range => label(p, Lang::Kk, true) + " айлар",
        PeriodKind::Month => label(p, Lang::Kk, true) + " ай",
        // "… I тоқсан", "… 2-жартыжылдық"
        _ => label(p, Lang::Kk, true),
    };
    let case = if locative {
        kk::Case::Locative
    } else {
        kk::Case::Instrumental
    };
    kk::possessive(&mut out, case);
    out
}

fn roman(q: u8) -> &'static str {
    ROMAN
        .get(usize::from(q.clamp(1, 4)) - 1)
        .copied()
        .unwrap_or("")
}

/// A period as the time something happened in a sentence: "2025", in Russian after "за"
/// ("2025 год", "январь–сентябрь 2025 года", "I квартал 2020 года"), in Kazakh "2025 жылы",
/// "2020 жылдың I тоқсанында", "2025 жылдың қаңтар–қыркүйек айларында" ([`kk_period`]).
pub fn during(p: &Period, lang: Lang) -> String {
    let label = period_label(p, lang);
    let (y, m) = p.start;
    let (ey, em) = p.end;
    match (p.kind, lang) {
        (PeriodKind::Year, Lang::Ru) => format!("{label} год"),
        (PeriodKind::Quarter(q), Lang::Ru) => format!("{} квартал {y} года", roman(q)),
        (PeriodKind::Half(_) | PeriodKind::Month, Lang::Ru) => format!("{label} года"),
        (PeriodKind::Range, Lang::Ru) if y == ey => {
            format!(
                "{}–{} {y} года",
                month(m, lang, false),
                month(em, lang, false)
            )
        }
        (_, Lang::Kk) => kk_period(p, None, true),
        _ => label,
    }
}

/// A period as what `now` is compared with: "2024"; in Russian after "по сравнению с"
/// ("2024 годом", the same months of another year "аналогичным периодом 2024 года"); in Kazakh
/// before "салыстырғанда" ("2024 жылмен", "2019 жылдың I тоқсанымен", the same months "2024
/// жылдың сәйкес кезеңімен").
pub fn compared_with(p: &Period, now: &Period, lang: Lang) -> String {
    match (p.kind, lang) {
        (PeriodKind::Year, Lang::Ru) => format!("{} годом", p.start.0),
        (_, Lang::Ru) if same_months(p, now) => {
            format!("аналогичным периодом {} года", p.start.0)
        }
        (_, Lang::Kk) => kk_period(p, Some(now), false),
        _ => period_label(p, lang),
    }
}

/// An observation's period, with its comparison period when it is a change.
pub fn observation_period(o: &crate::feed::Observation, lang: Lang) -> String {
    match o.measure.vs() {
        Some(vs) => versus(&period_label(&o.period, lang), &vs, &o.period, lang),
        None => period_label(&o.period, lang),
    }
}

/// The note under a comparison area's section: which area it is, and which it is not (the
/// feed's own). Both names stay in the nominative, so no case ending depends on the name:
/// "Салыстыру үшін: Қазақстан, Ақтөбе облысы емес." / "Для сравнения: Казахстан, а не
/// Актюбинская область." Without a home area, the general note.
pub fn context_note(context: &str, home: Option<&str>, lang: Lang) -> String {
    match (home, lang) {
        (None, _) => CONTEXT_NOTE.get(lang).to_owned(),
        (Some(home), Lang::Kk) => format!("Салыстыру үшін: {context}, {home} емес."),
        (Some(home), Lang::Ru) => format!("Для сравнения: {context}, а не {home}."),
        (Some(home), Lang::En) => format!("For comparison: {context}, not {home}."),
    }
}

/// The heading of a theme's section.
pub fn group_title(g: crate::feed::Group, lang: Lang) -> &'static str {
    use crate::feed::Group::*;
    let m = match g {
        Crime => msg!("Жалпы қылмыс", "Преступность в целом", "Crime overall"),
        CrimeByGravity => msg!(
            "Ауырлығы бойынша қылмыстар",
            "Преступления по тяжести",
            "Crime by gravity"
        ),
        CrimeByType => msg!(
            "Түрлері бойынша қылмыстар",
            "Преступления по видам",
            "Crime by type"
        ),
        Drugs => msg!("Есірткі", "Наркотики", "Drugs"),
        Fraud => msg!(
            "Алаяқтық және кибералаяқтық",
            "Мошенничество и кибермошенничество",
            "Fraud and cyber-fraud"
        ),
        Courts => msg!(
            "Соттар және мемлекеттік айыптау",
            "Суды и государственное обвинение",
            "Courts and prosecution"
        ),
        Prevention => msg!("Алдын алу", "Профилактика", "Prevention"),
        Children => msg!("Балалар құқықтары", "Права детей", "Children's rights"),
        Budget => msg!(
            "Бюджет және мемлекеттік сатып алу",
            "Бюджет и госзакупки",
            "Budget and procurement"
        ),
        Corruption => msg!("Сыбайлас жемқорлық", "Коррупция", "Corruption"),
    };
    m.get(lang)
}

/// A CLDR plural category: which form of a noun follows a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

/// The plural category of `n` in `lang`, by CLDR's rules: Russian "one" (1, 21, 101: "21
/// ошибка"), "few" (2–4, 22–24: "ошибки"), "many" (0, 5–20, 25–30, 11–14: "ошибок") for whole
/// numbers and "other" for fractions ("2,5 ошибки"); Kazakh and English "one" for exactly 1.
pub fn plural(n: f64, lang: Lang) -> Plural {
    let whole = n.fract() == 0.0;
    match lang {
        Lang::Ru if !whole => Plural::Other,
        Lang::Ru => {
            let i = n.abs() as u64;
            match (i % 10, i % 100) {
                (1, m) if m != 11 => Plural::One,
                (2..=4, m) if !(12..=14).contains(&m) => Plural::Few,
                _ => Plural::Many,
            }
        }
        _ if whole && n == 1.0 => Plural::One,
        _ => Plural::Other,
    }
}

/// "`number` `noun`" with the noun's form for `n`: `noun` lists its forms with '|' between
/// them, Russian one|few|many|other, English one|other. Kazakh keeps a noun singular after a
/// numeral ("5 қате", never "5 қателер"), so it has one form.
pub fn counted(n: f64, number: &str, noun: Msg, lang: Lang) -> String {
    let forms = noun.get(lang);
    let at = match (lang, plural(n, lang)) {
        (Lang::Kk, _) | (_, Plural::One) => 0,
        (Lang::Ru, Plural::Few) => 1,
        (Lang::Ru, Plural::Many) => 2,
        (Lang::Ru, _) => 3,
        _ => 1,
    };
    let form = forms.split('|').nth(at).or(forms.rsplit('|').next());
    format!("{number} {}", form.unwrap_or(forms))
}

/// The checker's count of problems: "2 ошибки, 1 предупреждение", "1 error, 3 warnings".
pub fn problem_counts(
    errors: usize,
    warnings: usize,
    lang: Lang,
    nums: &dyn crate::present::Numbers,
) -> String {
    let say = |n: usize, noun| counted(n as f64, &nums.decimal(n as f64, 0), noun, lang);
    format!("{}, {}", say(errors, ERRORS), say(warnings, WARNINGS))
}

/// How a source is graded, for readers.
pub fn grade_text(g: crate::feed::Grade, lang: Lang) -> &'static str {
    match g {
        crate::feed::Grade::Primary => GRADE_PRIMARY.get(lang),
        crate::feed::Grade::AgencyViaMirror => GRADE_MIRROR.get(lang),
        crate::feed::Grade::Secondary => GRADE_SECONDARY.get(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str, lang: Lang) -> String {
        period_label(&Period::parse(text).unwrap(), lang)
    }

    #[test]
    fn periods_read_naturally_in_each_language() {
        assert_eq!(label("2025-01..2025-09", Lang::En), "Jan–Sep 2025");
        assert_eq!(label("2025-01..2025-09", Lang::Ru), "янв.–сент. 2025");
        assert_eq!(label("2025-01..2025-09", Lang::Kk), "2025 ж. қаң.–қыр.");
        assert_eq!(label("2020-Q1", Lang::En), "Q1 2020");
        assert_eq!(label("2020-Q1", Lang::Ru), "I кв. 2020");
        assert_eq!(label("2025", Lang::Kk), "2025");
        assert_eq!(label("2025-03", Lang::En), "March 2025");
        assert_eq!(label("2024-11..2025-02", Lang::En), "Nov 2024 – Feb 2025");
        assert_eq!(label("2025-H2", Lang::Ru), "2-е полугодие 2025");
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        let d = |t: &str, lang| date_label(&PartialDate::parse(t).unwrap(), lang);
        assert_eq!(d("2020", Lang::Ru), "2020");
        assert_eq!(d("2026-01", Lang::En), "January 2026");
        assert_eq!(d("2026-01", Lang::Ru), "январь 2026");
        assert_eq!(d("2026-01", Lang::Kk), "2026 ж. қаңтар");
        assert_eq!(d("2025-10-16", Lang::En), "16 October 2025");
        assert_eq!(d("2025-10-16", Lang::Ru), "16 октября 2025");
        assert_eq!(d("2025-05-01", Lang::Ru), "1 мая 2025");
        assert_eq!(d("2025-10-16", Lang::Kk), "2025 ж. 16 қазан");
    }

    #[test]
    fn comparisons_read_in_each_language_s_order() {
        let p = |t: &str| Period::parse(t).unwrap();
        let (y2024, y2025) = (p("2024"), p("2025"));
        assert_eq!(versus("2025", &y2024, &y2025, Lang::En), "2025 vs 2024");
        assert_eq!(versus("2025", &y2024, &y2025, Lang::Ru), "2025 к 2024");
        // Years are "жыл"; a quarter is named after its year; the same months are "сәйкес
        // кезең".
        assert_eq!(
            versus("2025", &y2024, &y2025, Lang::Kk),
            "2025 (2024 жылмен салыстырғанда)"
        );
        assert_eq!(
            versus("2020 ж. I тоқсан", &p("2019-Q1"), &p("2020-Q1"), Lang::Kk),
            "2020 ж. I тоқсан (2019 жылдың I тоқсанымен салыстырғанда)"
        );
        assert_eq!(
            versus(
                "2025 ж. қаң.–қыр.",
                &p("2024-01..2024-09"),
                &p("2025-01..2025-09"),
                Lang::Kk
            ),
            "2025 ж. қаң.–қыр. (2024 жылдың сәйкес кезеңімен салыстырғанда)"
        );
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        use Plural::*;
        for (n, want) in [
            (0.0, Many),
            (1.0, One),
            (2.0, Few),
            (4.0, Few),
            (5.0, Many),
            (11.0, Many),
            (12.0, Many),
            (14.0, Many),
            (20.0, Many),
            (21.0, One),
            (22.0, Few),
            (25.0, Many),
            (101.0, One),
            (111.0, Many),
            (112.0, Many),
            (122.0, Few),
            (1001.0, One),
            (2.5, Other),
            (1.5, Other),
        ] {
            assert_eq!(plural(n, Lang::Ru), want, "{n}");
        }
        for (n, want) in [
            (1.0, One),
            (0.0, Other),
            (2.0, Other),
            (21.0, Other),
            (1.5, Other),
        ] {
            assert_eq!(plural(n, Lang::En), want, "{n}");
            assert_eq!(plural(n, Lang::Kk), want, "{n}");
        }
    }

    #[test]
    fn counted_nouns_take_their_form_after_the_number() {
        let ru = |n: f64, s: &str| counted(n, s, ERRORS, Lang::Ru);
        assert_eq!(ru(1.0, "1"), "1 ошибка");
        assert_eq!(ru(3.0, "3"), "3 ошибки");
        assert_eq!(ru(5.0, "5"), "5 ошибок");
        assert_eq!(ru(11.0, "11"), "11 ошибок");
        assert_eq!(ru(21.0, "21"), "21 ошибка");
        assert_eq!(ru(2.5, "2,5"), "2,5 ошибки");
        assert_eq!(counted(22.0, "22", WARNINGS, Lang::Ru), "22 предупреждения");
        assert_eq!(counted(0.0, "0", WARNINGS, Lang::Ru), "0 предупреждений");
        assert_eq!(counted(5.0, "5", ERRORS, Lang::Kk), "5 қате");
        assert_eq!(counted(1.0, "1", ERRORS, Lang::En), "1 error");
        assert_eq!(counted(0.0, "0", ERRORS, Lang::En), "0 errors");
        assert_eq!(counted(2.0, "2", WARNINGS, Lang::En), "2 warnings");
    }

    #[test]
    fn periods_in_sentences_take_the_case_their_place_asks_for() {
        let p = |t: &str| Period::parse(t).unwrap();
        assert_eq!(during(&p("2025"), Lang::Ru), "2025 год");
        assert_eq!(during(&p("2025"), Lang::En), "2025");
        assert_eq!(
            during(&p("2025-01..2025-09"), Lang::Ru),
            "январь–сентябрь 2025 года"
        );
        assert_eq!(during(&p("2020-Q1"), Lang::Ru), "I квартал 2020 года");
        assert_eq!(during(&p("2025-03"), Lang::Ru), "март 2025 года");
        let (now, then) = (p("2025-01..2025-09"), p("2024-01..2024-09"));
        assert_eq!(
            compared_with(&then, &now, Lang::Ru),
            "аналогичным периодом 2024 года"
        );
        assert_eq!(
            compared_with(&p("2024"), &p("2025"), Lang::Ru),
            "2024 годом"
        );
        // Other months are named, not "the same period".
        assert_eq!(
            compared_with(&p("2024-01..2024-06"), &now, Lang::Ru),
            "янв.–июнь 2024"
        );
    }

    #[test]
    fn kazakh_periods_are_years_or_parts_of_a_year_in_the_case_their_place_asks_for() {
        let p = |t: &str| Period::parse(t).unwrap();
        let during = |t: &str| during(&p(t), Lang::Kk);
        let compared = |t: &str, now: &str| compared_with(&p(t), &p(now), Lang::Kk);
        // A year is "жыл", in the sentence's time "жылы" (never "кезең").
        assert_eq!(during("2025"), "2025 жылы");
        assert_eq!(compared("2024", "2025"), "2024 жылмен");
        // A quarter, a half, a month: a part of its year, possessive and then the case.
        assert_eq!(during("2020-Q1"), "2020 жылдың I тоқсанында");
        assert_eq!(compared("2019-Q1", "2020-Q1"), "2019 жылдың I тоқсанымен");
        assert_eq!(during("2025-H2"), "2025 жылдың 2-жартыжылдығында");
        assert_eq!(
            compared("2024-H1", "2025-H1"),
            "2024 жылдың 1-жартыжылдығымен"
        );
        assert_eq!(during("2025-03"), "2025 жылдың наурыз айында");
        assert_eq!(compared("2024-03", "2025-03"), "2024 жылдың наурыз айымен");
        // Months: spelled out as "айлар"; the same months of another year "сәйкес кезең".
        assert_eq!(
            during("2025-01..2025-09"),
            "2025 жылдың қаңтар–қыркүйек айларында"
        );
        assert_eq!(
            compared("2024-01..2024-09", "2025-01..2025-09"),
            "2024 жылдың сәйкес кезеңімен"
        );
        assert_eq!(
            compared("2024-01..2024-06", "2025-01..2025-09"),
            "2024 жылдың қаңтар–маусым айларымен"
        );
        // A span across years has no name of its own: "кезең".
        assert_eq!(
            during("2024-11..2025-02"),
            "2024 ж. қар. – 2025 ж. ақп. кезеңінде"
        );
        assert_eq!(
            compared("2023-11..2024-02", "2024-11..2025-02"),
            "2023 ж. қар. – 2024 ж. ақп. кезеңімен"
        );
    }

    #[test]
    fn every_message_has_all_three_languages() {
        for m in [LOADING, ERROR_TITLE, SOURCES, CHANGES_NOTE, NO_TRACKING] {
            for lang in Lang::ALL {
                assert!(!m.get(lang).is_empty());
                assert!(!m.get(lang).contains('\u{1f}'));
            }
        }
        assert_eq!(LANGUAGE.get(Lang::Kk), "Тіл");
        assert_eq!(LANGUAGE.get(Lang::Ru), "Язык");
        assert_eq!(LANGUAGE.get(Lang::En), "Language");
    }
}
