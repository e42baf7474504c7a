//! Every sentence the page builds from the real feed, in each language, kept in
//! `tests/golden/aktobe-2025.{kk,ru,en}.txt` so that a change of wording shows in review and an
//! editor can read them all in one pass.
//!
//! The test fails when the generated text differs from the file; `ESEP_BLESS=1 cargo test --test
//! golden` rewrites the files. Lines starting with `#` are comments: the comparison ignores them
//! and re-blessing keeps each one above the line it stood above (a comment whose line is gone
//! moves to the end, under "orphaned"). Lines starting with `#!` are the file's own header and
//! are rewritten. Mark a doubtful sentence with `# editor: …` above it.
//!
//! Numbers are formatted by `LocaleNumbers`, which writes what the page's `Intl` writes.

use esep::chart::Visual;
use esep::feed::{self, Lang};
use esep::i18n;
use esep::plan::{plan, sparkline, what_changed, ChartPlan};
use esep::present::{
    change_label, change_sentence, compiled_by, credit_line, observation_label, observation_value,
    LocaleNumbers,
};

const AKTOBE: &str = include_str!("../public/feeds/aktobe-2025.json");

/// Every generated text for the feed in `lang`, one per line, each with what it is.
fn sentences(lang: Lang) -> Vec<String> {
    let f = feed::check(AKTOBE).expect("the real feed parses").feed;
    let nums = LocaleNumbers(lang);
    let mut out = Vec::new();
    let all: Vec<usize> = f.observations.iter().map(|o| o.index).collect();
    out.push("== credits".to_owned());
    out.push(format!("compiler: {}", compiled_by(&f, lang)));
    out.push(format!("credit: {}", credit_line(&f, &all, lang)));
    out.push(String::new());
    // The summary under the title: a sentence per key figure, each linking to where it is shown.
    out.push(format!("== {}", i18n::WHAT_CHANGED.get(lang)));
    for (sentence, target) in what_changed(&f, &plan(&f, lang, &nums), lang, &nums) {
        out.push(format!("changed: {sentence} → #{target}"));
    }
    out.push(String::new());
    out.push(format!("== {}", i18n::HEADLINES.get(lang)));
    for id in &f.headlines {
        let Some(o) = f.observation(id) else { continue };
        out.push(format!("-- headline {id}"));
        out.push(format!("value: {}", change_label(&f, o, lang, &nums)));
        out.push(format!("label: {}", observation_label(&f, o, lang)));
        out.push(format!("period: {}", i18n::observation_period(o, lang)));
        if let Some(s) = change_sentence(&f, o, lang, &nums) {
            out.push(format!("meaning: {s}"));
        }
        if !sparkline(&f, o).is_empty() {
            out.push("sparkline: yes".to_owned());
        }
    }
    for section in plan(&f, lang, &nums) {
        out.push(String::new());
        out.push(format!("== {}: {}", section.id, section.title));
        if let Some(note) = &section.note {
            out.push(format!("note: {note}"));
        }
        for chart in &section.charts {
            // A publisher's view: its own takeaway, for the editor to read.
            let view = f.views.iter().any(|v| v.id == chart.id);
            chart_lines(chart, view, &mut out);
            out.push(format!(
                "credit: {}",
                credit_line(&f, &chart.observations, lang)
            ));
        }
        // Figures comparable with no other, as their cards say them (ui/card.rs).
        for card in &section.cards {
            let Some(o) = f.observation_at(card.observation) else {
                continue;
            };
            out.push(String::new());
            let part = if card.earlier { " (earlier years)" } else { "" };
            out.push(format!("-- card {}{part}", card.id));
            out.push(format!("value: {}", observation_value(&f, o, lang, &nums)));
            out.push(format!("label: {}", observation_label(&f, o, lang)));
            let area = f.area(&o.area).map_or("", |a| f.text(&a.name, lang));
            out.push(format!(
                "period: {area} · {}",
                i18n::observation_period(o, lang)
            ));
            if let Some(s) = f.source(&o.source) {
                let agency = f.agency_of(o, lang);
                let source = i18n::SOURCE.get(lang);
                out.push(format!("source: {source}: {agency} ({})", s.publisher));
            }
        }
    }
    // Other pages the report links to, under their heading.
    out.push(String::new());
    out.push(format!("== {}", i18n::RELATED.get(lang)));
    for r in &f.related {
        out.push(format!("related: {} → {}", f.text(&r.title, lang), r.href));
    }
    out.push(String::new());
    // What the publish step writes (readme and citation); a fixed version, so that a change of
    // the feed's bytes does not change this file.
    out.push("== publishing".to_owned());
    let version = "3f2a9c0d41b7".repeat(5) + "3f2a";
    let first = &plan(&f, lang, &nums)[0].charts[0];
    let bundle = esep::publish::bundle::Bundle {
        cited: esep::publish::cite::Cited {
            feed: &f,
            lang,
            title: &first.title,
            observations: &first.observations,
            version: &version,
            url: "https://example.kz/report/share/chart.html",
            retrieved: "2026-12-03",
        },
        id: &first.id,
        description: &first.takeaway,
        computed: &first.computed,
        feed_url: "https://example.kz/report/feeds/aktobe-2025.json",
        archive_url: "https://example.kz/report/feeds/archive/3f2a9c0d41b7.json",
        feed_bytes: None,
        plain: esep::export::plain,
    };
    for line in bundle.readme().trim_start_matches('\u{feff}').lines() {
        out.push(format!("readme: {line}"));
    }
    out.push(String::new());
    out.push("== counts".to_owned());
    for (errors, warnings) in [(0, 0), (1, 1), (2, 3), (5, 11), (21, 22), (101, 112)] {
        out.push(format!(
            "checker {errors}/{warnings}: {}",
            i18n::problem_counts(errors, warnings, lang, &nums)
        ));
    }
    out
}

fn chart_lines(chart: &ChartPlan, view: bool, out: &mut Vec<String>) {
    out.push(String::new());
    match view {
        true => out.push(format!("-- view {}", chart.id)),
        false => out.push(format!("-- chart {}", chart.id)),
    }
    out.push(format!("title: {}", chart.title));
    if view {
        out.push(format!("takeaway: {}", chart.takeaway));
    }
    out.push(format!("summary: {}", chart.summary));
    match &chart.visual {
        Visual::Bars(bars) => {
            for b in bars {
                out.push(format!("bar: {} → {}", b.label, b.value_label));
            }
        }
        Visual::Trend(t) => {
            out.push(format!("categories: {}", t.categories.join(" | ")));
            for s in &t.series {
                out.push(format!(
                    "series: {} → {}",
                    s.label,
                    s.value_labels.join(" | ")
                ));
            }
            for (at, note) in &t.annotations {
                out.push(format!("annotation at {at}: {note}"));
            }
        }
        Visual::Tiles(t) => {
            for tile in &t.tiles {
                out.push(format!("tile: {} → {}", tile.label, tile.value_label));
            }
        }
    }
    for tip in &chart.tips {
        out.push(format!("tip: {} = {}", tip.title, tip.value));
        for d in &tip.details {
            out.push(format!("  · {d}"));
        }
    }
}

fn header(lang: Lang) -> Vec<String> {
    vec![
        format!(
            "#! Every sentence the page builds from public/feeds/aktobe-2025.json, in {}.",
            lang.name()
        ),
        "#! Written by tests/golden.rs: `ESEP_BLESS=1 cargo test --test golden` rewrites it.".to_owned(),
        "#! Lines starting with `# ` are comments kept above their line; `# editor:` marks a sentence".to_owned(),
        "#! a native editor should check.".to_owned(),
    ]
}

/// The new text with the old file's comments put back above the lines they stood above.
fn merge_comments(old: &str, new: &[String]) -> String {
    let mut pending: Vec<&str> = Vec::new();
    let mut keyed: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in old.lines() {
        if line.starts_with("#!") {
            continue;
        }
        if line.starts_with('#') {
            pending.push(line);
        } else if !pending.is_empty() {
            keyed.push((line, std::mem::take(&mut pending)));
        }
    }
    let mut orphans = pending;
    let mut used = vec![false; keyed.len()];
    let mut text = String::new();
    for line in new {
        if let Some(i) = (0..keyed.len()).find(|&i| !used[i] && keyed[i].0 == line) {
            used[i] = true;
            for c in &keyed[i].1 {
                text.push_str(c);
                text.push('\n');
            }
        }
        text.push_str(line);
        text.push('\n');
    }
    for (i, (_, comments)) in keyed.iter().enumerate() {
        if !used[i] {
            orphans.extend(comments.iter().copied());
        }
    }
    if !orphans.is_empty() {
        text.push_str("\n#! orphaned comments (their line changed or is gone):\n");
        for c in orphans {
            text.push_str(c);
            text.push('\n');
        }
    }
    text
}

fn without_comments(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    while lines.last() == Some(&"") {
        lines.pop();
    }
    lines
}

fn check(lang: Lang) {
    let path = format!(
        "{}/tests/golden/aktobe-2025.{}.txt",
        env!("CARGO_MANIFEST_DIR"),
        lang.name()
    );
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let mut new = header(lang);
    new.extend(sentences(lang));
    let merged = merge_comments(&old, &new);
    if std::env::var_os("ESEP_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, &merged).unwrap();
        return;
    }
    let (want, got) = (without_comments(&old), without_comments(&merged));
    if want != got {
        let at = want.iter().zip(&got).position(|(a, b)| a != b);
        let at = at.unwrap_or(want.len().min(got.len()));
        panic!(
            "{path} is out of date at line {} (comments not counted):\n  file: {:?}\n  now:  {:?}\n\
             Read the new text, then run `ESEP_BLESS=1 cargo test --test golden`.",
            at + 1,
            want.get(at),
            got.get(at)
        );
    }
}

#[test]
fn kazakh_sentences_match_the_golden_file() {
    check(Lang::Kk);
}

#[test]
fn russian_sentences_match_the_golden_file() {
    check(Lang::Ru);
}

#[test]
fn english_sentences_match_the_golden_file() {
    check(Lang::En);
}

#[test]
fn comments_survive_re_blessing_above_their_line_or_as_orphans() {
    let old = "#! header\n# editor: check\nb\nc\n# about d\nd\n";
    let new: Vec<String> = ["a", "b", "c", "e"].iter().map(|s| s.to_string()).collect();
    assert_eq!(
        merge_comments(old, &new),
        "a\n# editor: check\nb\nc\ne\n\n#! orphaned comments (their line changed or is gone):\n# about d\n"
    );
}
