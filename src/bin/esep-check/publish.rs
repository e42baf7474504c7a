//! `esep-check publish FEED.json --base-url URL --into DIR`: writes what the checker page's
//! Publish step puts in its ZIP, with the preview images drawn natively (`publish::raster`).
//! Earlier versions in `DIR/feeds/archive/` are kept (nothing is deleted).

use std::path::Path;

use esep::publish::{self, Options};

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
    publish::date_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), String> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
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
        assert_eq!(publish::date_from_days(0), "1970-01-01");
        assert_eq!(publish::date_from_days(20_790), "2026-12-03");
        assert_eq!(publish::date_from_days(11_016), "2000-02-29");
    }
}
