//! The publish step (issue 20): share pages whose tags link previews can read, data bundles
//! that unpack to what the feed says, the feed kept under its version, and the manifest.

use std::collections::HashMap;

use esep::feed::{self, Lang};
use esep::publish::{self, version, Options};

const BASE: &str = "https://prokuror.example.kz/aktobe/report/";
const AKTOBE: &[u8] = include_bytes!("../public/feeds/aktobe-2025.json");

fn published(bytes: &[u8]) -> publish::Publication {
    let o = Options {
        base_url: BASE,
        feed_path: "feeds/aktobe-2025.json",
        date: "2026-12-03",
    };
    publish::publish(bytes, &o).unwrap_or_else(|e| panic!("{e:?}"))
}

fn files(p: &publish::Publication) -> HashMap<&str, &[u8]> {
    p.files
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect()
}

/// `content` of every `<meta property|name="…">`, and the canonical and refresh addresses.
fn tags(html: &str) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let start = tag.find(&key)? + key.len();
        let len = tag[start..].find('"')?;
        Some(
            tag[start..start + len]
                .replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replace("&apos;", "'"),
        )
    };
    for tag in html
        .split('<')
        .filter(|t| t.starts_with("meta ") || t.starts_with("link "))
    {
        let key = attr(tag, "property")
            .or_else(|| attr(tag, "name"))
            .or_else(|| attr(tag, "http-equiv"))
            .or_else(|| attr(tag, "rel"));
        let value = attr(tag, "content").or_else(|| attr(tag, "href"));
        if let (Some(k), Some(v)) = (key, value) {
            out.entry(k).or_default().push(v);
        }
    }
    out
}

fn one<'a>(t: &'a HashMap<String, Vec<String>>, key: &str) -> &'a str {
    match t.get(key).map(Vec::as_slice) {
        Some([v]) => v,
        other => panic!("{key}: {other:?}"),
    }
}

#[test]
fn every_chart_and_language_has_a_share_page_with_absolute_preview_tags() {
    let feed = feed::check(std::str::from_utf8(AKTOBE).unwrap())
        .unwrap()
        .feed;
    let p = published(AKTOBE);
    let files = files(&p);
    let sections = esep::plan::plan(&feed, Lang::En, &esep::present::PlainNumbers);
    let ids: Vec<&str> = sections
        .iter()
        .flat_map(|s| &s.charts)
        .map(|c| c.id.as_str())
        .collect();
    assert!(ids.len() >= 8, "{ids:?}");
    for lang in Lang::ALL {
        let l = lang.code();
        for id in ids.iter().copied().chain(["report"]) {
            let path = format!("share/{id}-{l}.html");
            let html =
                std::str::from_utf8(files.get(path.as_str()).unwrap_or_else(|| panic!("{path}")))
                    .unwrap();
            let t = tags(html);
            let url = format!("{BASE}{path}");
            assert_eq!(one(&t, "og:url"), url);
            assert_eq!(one(&t, "canonical"), url);
            assert_eq!(one(&t, "og:image"), format!("{BASE}share/{id}-{l}.png"));
            assert_eq!(one(&t, "og:image:width"), "1200");
            assert_eq!(one(&t, "og:image:height"), "630");
            assert_eq!(one(&t, "og:locale"), publish::share::locale(lang));
            assert_eq!(one(&t, "twitter:card"), "summary_large_image");
            for key in ["og:title", "og:description", "og:image:alt", "og:site_name"] {
                assert!(one(&t, key).len() > 10, "{path} {key}: {:?}", t.get(key));
            }
            let target = match id {
                "report" => format!("{BASE}?lang={l}"),
                _ => format!("{BASE}?lang={l}#{id}"),
            };
            assert_eq!(one(&t, "refresh"), format!("0; url={target}"));
            assert!(
                html.contains(&format!("<a href=\"{}\">", target.replace('&', "&amp;"))),
                "{path}: no link"
            );
            assert!(
                html.starts_with("<!doctype html>\n<html lang=\"")
                    && html.contains(&format!("lang=\"{l}\""))
            );
            assert_eq!(
                html.contains("application/ld+json"),
                id == "report",
                "{path}"
            );
        }
    }
    // A chart's page in Russian says the chart's Russian title and takeaway.
    let ru = esep::plan::plan(&feed, Lang::Ru, &esep::present::LocaleNumbers(Lang::Ru));
    let chart = &ru[0].charts[0];
    let t =
        tags(std::str::from_utf8(files[format!("share/{}-ru.html", chart.id).as_str()]).unwrap());
    assert_eq!(one(&t, "og:title"), chart.title);
    assert_eq!(one(&t, "og:description"), chart.takeaway);
}

#[test]
fn the_report_pages_carry_the_feed_as_a_dataset() {
    let p = published(AKTOBE);
    let files = files(&p);
    let html = std::str::from_utf8(files["share/report-ru.html"]).unwrap();
    let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let d: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(d["@type"], "Dataset");
    assert_eq!(d["inLanguage"], "ru");
    assert_eq!(d["name"], "Итоги 2025 года");
    assert_eq!(d["creator"]["name"], "Прокуратура Актюбинской области");
    assert_eq!(d["license"]["name"], "Лицензия не указана издателем");
    assert_eq!(d["version"], version::short(&p.version));
    assert_eq!(
        d["distribution"][0]["contentUrl"],
        format!("{BASE}data/aktobe-2025-all-ru.csv")
    );
    assert_eq!(
        d["distribution"][1]["contentUrl"],
        format!("{BASE}feeds/aktobe-2025.json")
    );
    assert!(d["temporalCoverage"]
        .as_str()
        .unwrap()
        .ends_with("/2025-12"));
    assert!(d["spatialCoverage"].as_array().unwrap().len() >= 2);
    assert!(files.contains_key("data/aktobe-2025-all-ru.csv"));
}

/// The entries of a ZIP, read by Python's `zipfile` (another program than our writer).
fn unzip(bytes: &[u8]) -> HashMap<String, Vec<u8>> {
    let dir = std::env::temp_dir().join(format!("esep-unzip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip = dir.join(format!("{}.zip", version::short(&version::of(bytes))));
    std::fs::write(&zip, bytes).unwrap();
    let out = dir.join(version::short(&version::of(bytes)));
    let status = std::process::Command::new("python3")
        .args(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])"])
        .arg(&zip)
        .arg(&out)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "python3 zipfile refused the bundle");
    std::fs::read_dir(&out)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_chart_bundle_unpacks_to_the_figures_their_metadata_and_a_citation() {
    let feed = feed::check(std::str::from_utf8(AKTOBE).unwrap())
        .unwrap()
        .feed;
    let p = published(AKTOBE);
    let files = files(&p);
    let short = version::short(&p.version);
    let sections = esep::plan::plan(&feed, Lang::En, &esep::present::LocaleNumbers(Lang::En));
    for chart in sections.iter().flat_map(|s| &s.charts) {
        let zip = files[format!("data/aktobe-2025-{}-en.zip", chart.id).as_str()];
        let entries = unzip(zip);
        let mut names: Vec<&str> = entries.keys().map(String::as_str).collect();
        names.sort();
        let csv_name = format!("aktobe-2025-{}-en.csv", chart.id);
        assert_eq!(names, ["README.txt", csv_name.as_str(), "metadata.json"]);
        // One row per figure the chart shows, and one per change it computed.
        let csv = String::from_utf8(entries[&csv_name].clone()).unwrap();
        let rows = csv.lines().count() - 1;
        assert_eq!(
            rows,
            chart.observations.len() + chart.computed.len(),
            "{}",
            chart.id
        );
        let meta: serde_json::Value = serde_json::from_slice(&entries["metadata.json"]).unwrap();
        assert_eq!(meta["feed"]["version"], p.version);
        assert_eq!(
            meta["feed"]["this_version"],
            format!("{BASE}feeds/archive/{short}.json")
        );
        assert_eq!(meta["title"], chart.title);
        assert_eq!(
            meta["licence"]["name"],
            "Licence not stated by the publisher"
        );
        let definitions = meta["definitions"].as_array().unwrap();
        assert!(!definitions.is_empty());
        assert!(definitions
            .iter()
            .all(|d| !d["label"].as_str().unwrap().is_empty()));
        let readme = String::from_utf8(entries["README.txt"].clone()).unwrap();
        assert!(
            readme.contains(&format!("[Data set, version {short}]")),
            "{readme}"
        );
        assert!(
            readme.contains("Retrieved 2026-12-03, from https://"),
            "{readme}"
        );
        assert!(readme.contains("Compiled by: Prosecutor's Office of Aktobe Region"));
    }
}

#[test]
fn the_whole_feed_bundle_carries_the_feed_itself_and_every_figure() {
    let feed = feed::check(std::str::from_utf8(AKTOBE).unwrap())
        .unwrap()
        .feed;
    let p = published(AKTOBE);
    let entries = unzip(files(&p)["data/aktobe-2025-all-kk.zip"]);
    assert_eq!(entries["aktobe-2025.json"], AKTOBE);
    let csv = String::from_utf8(entries["aktobe-2025-all-kk.csv"].clone()).unwrap();
    let published_rows = csv.lines().filter(|l| l.contains(",published,")).count();
    assert_eq!(published_rows, feed.observations.len());
    assert!(csv.lines().any(|l| l.contains(",computed,")));
    let readme = String::from_utf8(entries["README.txt"].clone()).unwrap();
    assert!(
        readme.contains(&format!("{} нұсқасы", version::short(&p.version))),
        "{readme}"
    );
}

#[test]
fn the_feed_is_kept_under_its_version_and_the_manifest_names_it() {
    let p = published(AKTOBE);
    let files = files(&p);
    let short = version::short(&p.version);
    assert_eq!(p.version, version::of(AKTOBE));
    assert_eq!(
        files[format!("feeds/archive/{short}.json").as_str()],
        AKTOBE
    );
    let m: serde_json::Value = serde_json::from_slice(files[publish::MANIFEST]).unwrap();
    assert_eq!(m["version"], p.version);
    assert_eq!(m["base"], BASE);
    assert_eq!(
        files[publish::VERSION_FILE],
        format!("{}\n", p.version).as_bytes()
    );
    // A corrected feed is another version, kept beside the first.
    let corrected = String::from_utf8(AKTOBE.to_vec()).unwrap().replacen(
        "\"data_as_of\": \"2026-01\"",
        "\"data_as_of\": \"2026-02\"",
        1,
    );
    let q = published(corrected.as_bytes());
    assert_ne!(version::short(&q.version), short);
}

#[test]
fn an_illustrative_feed_says_so_in_its_share_pages_and_bundles() {
    let bytes = std::fs::read("tests/feeds/good/views.json").unwrap();
    let p = published(&bytes);
    let files = files(&p);
    let page = std::str::from_utf8(files["share/report-en.html"]).unwrap();
    assert!(
        tags(page)["og:title"][0].ends_with("(Illustrative: not real data)"),
        "{page}"
    );
    let id = &p.cards.iter().find(|c| !c.0.contains("report")).unwrap().0;
    let id = id
        .trim_start_matches("share/")
        .trim_end_matches("-kk.html")
        .trim_end_matches("-ru.html")
        .trim_end_matches("-en.html");
    let entries = unzip(files[format!("data/test-views-{id}-en.zip").as_str()]);
    let readme = String::from_utf8(entries["README.txt"].clone()).unwrap();
    assert!(readme.contains("Illustrative: not real data"));
    assert!(readme.contains("Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"));
}

#[test]
fn a_feed_with_errors_or_a_relative_base_is_not_published() {
    let o = |base| Options {
        base_url: base,
        feed_path: "feeds/x.json",
        date: "2026-12-03",
    };
    let errors = publish::publish(b"{\"esep\": \"1.0\"}", &o(BASE))
        .err()
        .unwrap();
    assert!(errors.iter().any(|e| e.contains("id")), "{errors:?}");
    let errors = publish::publish(AKTOBE, &o("/report/")).err().unwrap();
    assert!(errors[0].contains("absolute address"), "{errors:?}");
    assert_eq!(
        publish::base_url("https://a.kz/r").unwrap(),
        "https://a.kz/r/"
    );
    assert!(publish::base_url("javascript:alert(1)").is_err());
}
