//! `esep-check publish FEED.json --base-url URL --into DIR`: writes what the checker page's
//! Publish step puts in its ZIP, with the preview images drawn natively (`publish::raster`).
//! Earlier versions in `DIR/feeds/archive/` are kept; an `index.html` in DIR gets the feed as
//! a schema.org `Dataset` in the feed's language.

use std::path::Path;

use esep::feed::{self, Lang};
use esep::publish::{self, share, Options};

/// What the command was given.
struct Args<'a> {
    feed: &'a str,
    base_url: &'a str,
    into: &'a str,
    feed_path: String,
    date: String,
}

fn parse(args: &[String]) -> Result<Args<'_>, String> {
    let (mut feed, mut base_url, mut into, mut feed_path, mut date) =
        (None, None, None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .map(String::as_str)
                .ok_or(format!("{a}: needs a value"))
        };
        match a.as_str() {
            "--base-url" => base_url = Some(value()?),
            "--into" => into = Some(value()?),
            "--feed-path" => feed_path = Some(value()?.to_owned()),
            "--date" => date = Some(value()?.to_owned()),
            other if other.starts_with("--") => return Err(format!("{other}: unknown option")),
            other => feed = Some(other),
        }
    }
    let feed =
        feed.ok_or("publish: which feed? esep-check publish FEED.json --base-url … --into DIR")?;
    let name = Path::new(feed)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("feed.json");
    Ok(Args {
        feed,
        base_url: base_url.ok_or("publish: --base-url is required (the report folder's address, https://…/report/): share tags need absolute addresses")?,
        into: into.ok_or("publish: --into DIR is required")?,
        feed_path: feed_path.unwrap_or_else(|| format!("feeds/{name}")),
        date: date.unwrap_or_else(today),
    })
}

/// Today's date in UTC, `2026-12-03`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil(i64::try_from(secs / 86_400).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 as a calendar date (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), String> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Puts the feed's `Dataset` into the report's `index.html`, replacing an earlier one.
pub fn with_dataset(html: &str, json: &str) -> String {
    const OPEN: &str = "<script type=\"application/ld+json\" id=\"esep-dataset\">";
    let tag = format!("{OPEN}{json}</script>");
    if let Some(start) = html.find(OPEN) {
        if let Some(len) = html[start..].find("</script>") {
            let end = start + len + "</script>".len();
            return format!("{}{tag}{}", &html[..start], &html[end..]);
        }
    }
    match html.find("</head>") {
        Some(i) => format!("{}{tag}\n{}", &html[..i], &html[i..]),
        None => html.to_owned(),
    }
}

pub fn run(args: &[String]) -> Result<String, String> {
    let a = parse(args)?;
    let bytes = std::fs::read(a.feed).map_err(|e| format!("{}: cannot read: {e}", a.feed))?;
    let options = Options {
        base_url: a.base_url,
        feed_path: &a.feed_path,
        date: &a.date,
    };
    let p = publish::publish(&bytes, &options)
        .map_err(|errors| format!("{}: not published:\n{}", a.feed, errors.join("\n")))?;
    let dir = Path::new(a.into);
    for (rel, data) in &p.files {
        write(dir, rel, data)?;
    }
    let mut drawn = 0;
    for (rel, svg) in &p.previews {
        let png = publish::raster::png(svg).map_err(|e| format!("{rel}: {e}"))?;
        write(dir, rel, &png)?;
        drawn += 1;
    }
    let index = dir.join("index.html");
    if let Ok(html) = std::fs::read_to_string(&index) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(checked) = feed::check(&text) {
            let f = &checked.feed;
            let base = publish::base_url(a.base_url)?;
            let lang: Lang = f.lang;
            let csv = format!(
                "{base}data/{}",
                esep::export::file_name(f, "all", lang, "csv")
            );
            let json = share::Dataset {
                feed: f,
                lang,
                version: &p.version,
                url: &base,
                csv: &csv,
                feed_url: &format!("{base}{}", a.feed_path),
            }
            .json();
            write(
                dir,
                "index.html",
                with_dataset(&html, &share::script_json(&json)).as_bytes(),
            )?;
        }
    }
    Ok(format!(
        "{}: published version {} into {}: {} files and {drawn} preview images; base address {}",
        a.feed,
        publish::version::short(&p.version),
        dir.display(),
        p.files.len(),
        publish::base_url(a.base_url)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(20_790), (2026, 12, 3));
        assert_eq!(civil(11_016), (2000, 2, 29));
    }

    #[test]
    fn the_dataset_replaces_an_earlier_one() {
        let html = "<html><head><title>x</title></head></html>";
        let once = with_dataset(html, "{\"a\":1}");
        assert!(once.contains("id=\"esep-dataset\">{\"a\":1}</script>\n</head>"));
        let twice = with_dataset(&once, "{\"a\":2}");
        assert_eq!(twice.matches("esep-dataset").count(), 1);
        assert!(twice.contains("{\"a\":2}"));
    }
}
