//! Share pages: one small static HTML page per chart and language, and one per report
//! language, that link previews can read (Telegram and WhatsApp run no JavaScript): Open
//! Graph and Twitter tags with absolute addresses, a canonical link, and an immediate redirect
//! to the report at that chart in that language, with a working link for readers without it.

use serde_json::{json, Value};

use super::words::{say, NO_LICENCE, OPEN_CHART, OPEN_REPORT};
use crate::chart::visual::xml_escape as esc;
use crate::feed::{Feed, Lang};

/// What one share page says.
pub struct Card<'a> {
    pub lang: Lang,
    pub title: &'a str,
    /// The takeaway: what link previews show under the title.
    pub description: &'a str,
    /// Absolute addresses: the page itself, its preview image, and the report it sends to.
    pub url: &'a str,
    pub image: &'a str,
    pub image_alt: &'a str,
    pub target: &'a str,
    /// The compiler: previews show it as the site's name.
    pub site: &'a str,
    /// The report's pages carry the feed as a schema.org `Dataset`.
    pub dataset: Option<Value>,
    pub chart: bool,
}

/// `og:locale` of a language.
pub fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "kk_KZ",
        Lang::Ru => "ru_RU",
        Lang::En => "en_US",
    }
}

/// JSON inside `<script>`: `<` written as `\u003c`, so that no text of the feed can close the
/// element.
pub fn script_json(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

/// The page's HTML.
pub fn page(c: &Card) -> String {
    let meta = |property: &str, content: &str| {
        format!(
            "<meta property=\"{property}\" content=\"{}\">\n",
            esc(content)
        )
    };
    let mut head = String::new();
    head += &format!("<title>{}</title>\n", esc(c.title));
    head += &format!(
        "<meta name=\"description\" content=\"{}\">\n",
        esc(c.description)
    );
    head += &format!("<link rel=\"canonical\" href=\"{}\">\n", esc(c.url));
    head += &meta("og:type", "website");
    head += &meta("og:site_name", c.site);
    head += &meta("og:title", c.title);
    head += &meta("og:description", c.description);
    head += &meta("og:url", c.url);
    head += &meta("og:locale", locale(c.lang));
    for other in Lang::ALL.into_iter().filter(|l| *l != c.lang) {
        head += &meta("og:locale:alternate", locale(other));
    }
    head += &meta("og:image", c.image);
    head += &meta("og:image:type", "image/png");
    head += &meta("og:image:width", "1200");
    head += &meta("og:image:height", "630");
    head += &meta("og:image:alt", c.image_alt);
    head += "<meta name=\"twitter:card\" content=\"summary_large_image\">\n";
    head += &format!(
        "<meta name=\"twitter:image:alt\" content=\"{}\">\n",
        esc(c.image_alt)
    );
    if let Some(d) = &c.dataset {
        head += &format!(
            "<script type=\"application/ld+json\">{}</script>\n",
            script_json(d)
        );
    }
    let open = say(if c.chart { &OPEN_CHART } else { &OPEN_REPORT }, c.lang);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'\">\n\
<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n{head}</head>\n\
<body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5\">\n\
<h1>{title}</h1>\n<p>{description}</p>\n<p><a href=\"{target}\">{open}</a></p>\n</body>\n</html>\n",
        lang = c.lang.code(),
        target = esc(c.target),
        title = esc(c.title),
        description = esc(c.description),
    )
}

/// The feed as a schema.org `Dataset`, in one language: name, description, creator (the
/// compiler) and the agencies, licence (or that none was stated), time and place covered,
/// and where the CSV and the feed are.
pub struct Dataset<'a> {
    pub feed: &'a Feed,
    pub lang: Lang,
    pub version: &'a str,
    pub url: &'a str,
    pub csv: &'a str,
    pub feed_url: &'a str,
}

impl Dataset<'_> {
    pub fn json(&self) -> Value {
        let (feed, lang) = (self.feed, self.lang);
        let org = |name: &str| json!({ "@type": "GovernmentOrganization", "name": name });
        let licence = match &feed.licence {
            Some(l) => match &l.url {
                Some(u) => json!(u),
                None => json!({ "@type": "CreativeWork", "name": l.name }),
            },
            None => json!({ "@type": "CreativeWork", "name": say(&NO_LICENCE, lang) }),
        };
        let mut all: Vec<_> = feed.observations.iter().map(|o| o.period).collect();
        all.sort();
        let time = match (
            all.iter().map(|p| p.start).min(),
            all.iter().map(|p| p.end).max(),
        ) {
            (Some(a), Some(b)) => format!("{}-{:02}/{}-{:02}", a.0, a.1, b.0, b.1),
            _ => String::new(),
        };
        let places: Vec<Value> = feed
            .areas
            .iter()
            .map(|a| json!({ "@type": "Place", "name": feed.text(&a.name, lang) }))
            .collect();
        let agencies: Vec<String> = super::cite::agencies(
            feed,
            &feed
                .observations
                .iter()
                .map(|o| o.index)
                .collect::<Vec<_>>(),
            lang,
        );
        let mut description = feed.text(&feed.description, lang).to_owned();
        if description.chars().count() < 50 {
            description = format!("{} {description}", feed.text(&feed.title, lang))
                .trim()
                .to_owned();
            description += &format!(" ({})", agencies.join("; "));
        }
        if feed.illustrative {
            description = format!("{} {description}", crate::i18n::ILLUSTRATIVE.get(lang));
        }
        json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": feed.text(&feed.title, lang),
            "description": description,
            "inLanguage": lang.code(),
            "url": self.url,
            "version": super::version::short(self.version),
            "creator": org(feed.text(&feed.publisher, lang)),
            "contributor": agencies.iter().map(|a| org(a)).collect::<Vec<_>>(),
            "license": licence,
            "isAccessibleForFree": true,
            "temporalCoverage": time,
            "spatialCoverage": places,
            "distribution": [
                { "@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": self.csv },
                { "@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": self.feed_url },
            ],
        })
    }
}
