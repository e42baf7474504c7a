//! The report: header, problems, headline cards, charts, every figure with its source.
//!
//! Leptos holds the language, the network state and the comparison being loaded; the report's
//! content is built with plain DOM calls (`dom`), once per language.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::browser::Listeners;
use super::card::figure_card;
use super::chart_view::{chart_figure, illustrative_label};
use super::dom::{button, details, el, filled, link, live, El};
use super::format::PageNumbers;
use super::state::{feed_address, Page};
use crate::feed::{Feed, Lang, Severity, Source};
use crate::i18n::{self, period_label};
use crate::plan::{plan, CardPlan, ChartPlan, SectionPlan};
use crate::present::{compiled_by, credit_line};

/// A source as the report lists it: linked title, publisher, date and grade.
fn source_item(src: &Source, lang: Lang) -> El {
    el("li")
        .child(link(&src.url, &src.title))
        .text(&format!(
            " — {}, {}",
            src.publisher,
            i18n::date_label(&src.date, lang)
        ))
        .child(
            el("span")
                .class("grade")
                .text(&format!(" ({})", i18n::grade_text(src.grade, lang))),
        )
}

/// The report into `parent`: the offline note, header, problems and headline cards, the
/// sections with their charts, glossary and sources.
pub fn report(parent: &web_sys::Element, loaded: super::load::Loaded) {
    report_with::<false>(parent, loaded);
}

/// The report with the comparison `?compare=` asks for after its headline cards (`compare.html`).
pub fn report_compared(parent: &web_sys::Element, loaded: super::load::Loaded) {
    report_with::<true>(parent, loaded);
}

/// The report, with the comparison compiled in only where `COMPARE` is set: the report's own
/// page does not carry it.
fn report_with<const COMPARE: bool>(parent: &web_sys::Element, loaded: super::load::Loaded) {
    let lang = Page::get().lang;
    let feed = loaded.feed;
    let problems = loaded.problems;
    let address = feed_address();
    let online = Page::get().online;
    let as_of = feed.data_as_of;
    live(parent, move |root, _| {
        if !online.get() {
            let l = lang.get();
            let mut note = el("p")
                .class("offline")
                .attr("role", "status")
                .attr("data-testid", "offline")
                .text(i18n::OFFLINE.get(l));
            if let Some(d) = as_of {
                note = note.text(&format!(
                    " — {} {}",
                    i18n::DATA_AS_OF.get(l),
                    i18n::date_label(&d, l)
                ));
            }
            root.append_with_node_1(&note.0).ok();
        }
    });
    // The parts of the top built hidden, shown with the first section.
    let rest_of_top: Rc<RefCell<Vec<web_sys::Element>>> = Rc::default();
    let top = {
        let (feed, rest_of_top) = (feed.clone(), rest_of_top.clone());
        move |root: &web_sys::Element, l: Lang, _: &Listeners| {
            header(&feed, l, address.as_deref()).append_to(root);
            // What is wrong in the feed, for the publisher, from the split module `failed`
            // (`super::status::problems`): a feed without errors never needs its code.
            if problems.iter().any(|p| p.severity == Severity::Error) {
                let section = el("section");
                let (at, problems) = (section.0.clone(), problems.clone());
                section.append_to(root);
                leptos::task::spawn_local(async move {
                    super::status::problems(at, problems, l).await.ok();
                });
            }
            let sections = planned(&feed, l);
            // What changed, the key figures, then the sections' bar, which stays at the top of
            // the screen from there on (the part is laid out as if absent: `main` holds it).
            let (summary, nav) = reading_path(&feed, &sections, l);
            summary.append_to(root);
            // The key figures and the bar are shown a frame later, in a task of their own
            // (`rest_of_top`): the browser lays the top out in two renderings, not one of
            // 50-60 ms on a slow phone.
            for rest in [headlines(&feed, l), nav] {
                rest_of_top.borrow_mut().push(rest.0.clone());
                rest.attr("hidden", "").append_to(root);
            }
            // Kept for the sections below (built next, in the same language): the report is
            // planned once, not twice, at start-up.
            PLANNED.set(Some((l, sections)));
        }
    };
    filled(parent, top);
    if COMPARE {
        if let Some(url) = super::address::param("compare").filter(|u| super::load::is_fetchable(u))
        {
            compare(parent, feed.clone(), url);
        }
    }
    let first = std::cell::Cell::new(true);
    filled(parent, move |root, l, _| {
        let sections = plan_sections::<COMPARE>(&feed, l);
        // Each section, then the end of the report, in a task of its own after the top of the
        // report, in reading order, once the browser has painted what came before
        // (`after_paint`): it answers the reader in between (a slow phone spent half a second
        // in one task here), and each task finds the page laid out. A part rebuilt meanwhile
        // (another language) stops the rest. What the later tasks build belongs to this part,
        // as if built now: dropped with it.
        let owner = Owner::current();
        let alive = Rc::new(std::cell::Cell::new(true));
        let stop = send_wrapper::SendWrapper::new(alive.clone());
        on_cleanup(move || stop.set(false));
        let (root, feed, reveal_now) = (root.clone(), feed.clone(), first.replace(false));
        let rest_of_top = rest_of_top.clone();
        leptos::task::spawn_local(async move {
            // The key figures and the sections' bar, then each section, each in a task of its
            // own once the browser has painted what came before. At CPU x4 the bar and key
            // figures shown with the first section, or a section sharing its task with the
            // first chart's, made tasks and renderings of 50-90 ms; on a fast screen the first
            // chart now comes two frames later. (The first chart's draw may still join its
            // section's task: `Slice`, `chart_view::reserve_soon`.)
            super::browser::after_paint().await;
            for e in rest_of_top.take() {
                e.remove_attribute("hidden").ok();
            }
            let mut chart_shown = false;
            // The closed "earlier years" parts of the sections up to the first chart, added
            // after the last section, with the end of the report.
            let mut pending = Vec::new();
            for s in sections {
                super::browser::after_paint().await;
                if !alive.get() {
                    return;
                }
                super::chart_view::column_width(column_width(&root));
                super::browser::Slice::start();
                let has_chart = s.charts.iter().any(|c| !c.earlier);
                with_owner(&owner, || {
                    let earlier = section(&root, s, &feed, l);
                    // Below the first chart, a closed part comes with its section.
                    match chart_shown {
                        true => earlier.into_iter().for_each(|fill| fill()),
                        false => pending.extend(earlier),
                    }
                });
                chart_shown |= has_chart;
            }
            super::browser::next_task().await;
            if alive.get() {
                with_owner(&owner, || {
                    pending.drain(..).for_each(|fill| fill());
                    end_of_report(&root, &feed, l, reveal_now);
                });
            }
        });
    });
}

/// The width of the column the report's charts fill: its `<main>`'s content box; 0 if unknown.
/// Read before a section is added, when the page is laid out (the browser paints between the
/// report's tasks), it costs no layout of its own.
fn column_width(root: &web_sys::Element) -> i32 {
    let Some(main) = root.closest("main").ok().flatten() else {
        return 0;
    };
    let style = window().get_computed_style(&main).ok().flatten();
    let padding = |side: &str| {
        let value = style.as_ref().and_then(|s| s.get_property_value(side).ok());
        let whole = value
            .as_deref()
            .unwrap_or_default()
            .split(['.', 'p'])
            .next();
        whole.and_then(|n| n.parse::<i32>().ok()).unwrap_or(0)
    };
    main.client_width() - padding("padding-left") - padding("padding-right")
}

/// Runs `f` with `owner` as the reactive owner, where there is one.
fn with_owner(owner: &Option<Owner>, f: impl FnOnce()) {
    match owner {
        Some(o) => o.with(f),
        None => f(),
    }
}

/// After the sections: the sources' heading, then from the split module `end` their body, and
/// the related reports and the glossary before them; the chart or card the address names
/// brought into view.
fn end_of_report(root: &web_sys::Element, feed: &Arc<Feed>, l: Lang, reveal_now: bool) {
    let listeners = super::browser::owned_listeners();
    let end = sources(l);
    let section = end.0.clone();
    end.append_to(root);
    let (f, owned) = (feed.clone(), listeners.clone());
    leptos::task::spawn_local(async move {
        fill_end_matter(section, f, l, owned).await.ok();
        // The whole report is in the page (for the bench and the end-to-end tests).
        if let Some(p) = window().performance() {
            p.mark("esep:report-built").ok();
        }
    });
    if reveal_now {
        spawn_reveal(feed.clone());
    }
    // A link to a chart or card in a closed "earlier years" part opens it.
    let feed = feed.clone();
    listeners.on(&window(), "hashchange", move |_| spawn_reveal(feed.clone()));
}

fn spawn_reveal(feed: Arc<Feed>) {
    if window().location().hash().is_ok_and(|h| h.len() > 1) {
        leptos::task::spawn_local(async move {
            reveal(feed).await.ok();
        });
    }
}

/// Brings the chart or card the address names (`#theft-2022`) into view once the report is
/// built, opening the "earlier years" part it is in; an id the feed's charts had before they
/// were split leads to its successor (`plan::successor`). From the split module `end`: only an
/// address with a fragment needs it.
#[leptos::wasm_split::wasm_split(end, wasm_split_path = leptos::wasm_split, fallible)]
fn reveal(feed: Arc<Feed>) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    let document = leptos::prelude::document();
    let hash = window().location().hash().unwrap_or_default();
    let id = crate::plan::successor(&feed, hash.trim_start_matches('#'));
    let Some(target) = (!id.is_empty())
        .then(|| document.get_element_by_id(id))
        .flatten()
    else {
        return Ok(());
    };
    if let Ok(Some(part)) = target.closest("details") {
        part.set_attribute("open", "").ok();
    }
    target.scroll_into_view();
    Ok(())
}

/// The compiler and how many sources, title, description, the feed's address when it is not
/// the bundled one, period, date of the data, and the "illustrative" badge.
fn header(f: &Feed, l: Lang, address: Option<&str>) -> El {
    let n = f.sources.len();
    let mut meta = el("p").class("meta");
    if let Some(p) = f.period {
        meta = meta.text(&period_label(&p, l));
    }
    if let Some(d) = f.data_as_of {
        meta = meta
            .text(" · ")
            .child(el("span").attr("data-testid", "data-as-of").text(&format!(
                "{}: {}",
                i18n::DATA_AS_OF.get(l),
                i18n::date_label(&d, l)
            )));
    }
    el("header")
        .class("report-head")
        .child(
            el("p")
                .class("publisher")
                .attr("data-testid", "compiled-by")
                .text(&format!(
                    "{} · {}",
                    compiled_by(f, l),
                    i18n::counted(n as f64, &n.to_string(), i18n::SOURCE_NOUN, l)
                )),
        )
        .child(
            el("h1")
                .attr("data-testid", "title")
                .text(f.text(&f.title, l)),
        )
        .child(el("p").class("lede").text(f.text(&f.description, l)))
        .opt(address.map(|a| {
            el("p")
                .class("meta")
                .attr("data-testid", "feed-address")
                .text(&format!("{}: {a}", i18n::FEED_IN_USE.get(l)))
        }))
        .child(meta)
        // Where `ui::version` says which cited version a pinned address (`?v=`) shows.
        .child(el("div").attr("id", "pinned"))
        .opt(
            f.illustrative
                .then(|| illustrative_label(l, "report-illustrative")),
        )
}

/// Under the title: what changed, a sentence per headline figure linking to where it is shown,
/// and the sections as a navigation bar that stays at the top of the screen.
fn reading_path(feed: &Feed, sections: &[crate::plan::SectionPlan], l: Lang) -> (El, El) {
    let mut said = el("ul")
        .class("what-changed")
        .attr("data-testid", "what-changed");
    for (sentence, id) in crate::plan::what_changed(feed, sections, l, &PageNumbers::new(l)) {
        said = said.child(el("li").child(anchor(&id, &sentence)));
    }
    let mut nav = el("ul");
    for s in sections {
        nav = nav.child(el("li").child(anchor(&format!("h-{}", s.id), &s.title)));
    }
    let summary = el("section")
        .attr("aria-labelledby", "h-what-changed")
        .child(
            el("h2")
                .attr("id", "h-what-changed")
                .text(i18n::WHAT_CHANGED.get(l)),
        )
        .child(said);
    let nav = el("nav")
        .class("toc")
        .attr("aria-label", i18n::SECTIONS.get(l))
        .attr("data-testid", "toc")
        .child(nav);
    (summary, nav)
}

/// A link to a part of this page.
fn anchor(id: &str, text: &str) -> El {
    el("a").attr("href", &format!("#{id}")).text(text)
}

/// The figures the publisher leads with, one card each.
fn headlines(feed: &Feed, l: Lang) -> El {
    let cards = el("ul").class("cards key-figures");
    for id in &feed.headlines {
        if let Some(o) = feed.observation(id) {
            figure_card(feed, o, l, true).append_to(&cards.0);
        }
    }
    el("section")
        .attr("aria-labelledby", "h-headlines")
        .child(
            el("h2")
                .attr("id", "h-headlines")
                .text(i18n::HEADLINES.get(l)),
        )
        .child(cards)
}

/// `?compare=<feed>`: this feed and another on shared axes, where metric ids and periods match.
fn compare(parent: &web_sys::Element, feed: Arc<Feed>, url: String) {
    let lang = Page::get().lang;
    let other = super::load::Loading::start(url.clone(), |_| {});
    let section = el("section")
        .attr("aria-labelledby", "h-compare")
        .class("theme")
        .attr("data-testid", "compare");
    parent.append_with_node_1(&section.0).ok();
    live(&section.0, move |root, _| {
        let (l, state) = (lang.get(), other.state.get());
        untrack(|| {
            let title = el("h2")
                .attr("id", "h-compare")
                .text(i18n::COMPARE_TITLE.get(l));
            let meta = el("p")
                .class("meta")
                .text(&format!("{}: {url}", i18n::FEED_IN_USE.get(l)));
            root.append_with_node_2(&title.0, &meta.0).ok();
            match state {
                None => {
                    root.append_with_node_1(&el("div").class("sk sk-chart").0)
                        .ok();
                }
                Some(Ok(other)) => {
                    if feed.illustrative || other.feed.illustrative {
                        let label = illustrative_label(l, "compare-illustrative");
                        root.append_with_node_1(&label.0).ok();
                    }
                    let charts = crate::plan::compare(&feed, &other.feed, l, &PageNumbers::new(l));
                    if charts.is_empty() {
                        root.append_with_node_1(&el("p").text(i18n::COMPARE_NONE.get(l)).0)
                            .ok();
                    }
                    for c in charts {
                        root.append_with_node_1(&chart_figure(c, feed.clone(), l, false))
                            .ok();
                    }
                }
                Some(Err(e)) => {
                    let failed = el("p")
                        .class("chart-failed")
                        .attr("role", "alert")
                        .text(&e.to_string());
                    root.append_with_node_1(&failed.0).ok();
                }
            }
        });
    });
}

/// One section per theme, then the comparison areas, each with its charts, into `parent`.
/// On the comparison page (`RATES`), each comparison area also has the feed's own areas beside
/// it per 100 000 residents (`compare.html?feed=feeds/aktobe-2022.json`).
/// Other pages of the publication the feed names (`related`), after the sections. A page beside
/// the report (a relative address) opens in the same tab, in the reader's language.
fn related(feed: &Feed, l: Lang) -> Option<El> {
    if feed.related.is_empty() {
        return None;
    }
    let list = el("ul").class("related");
    for r in &feed.related {
        let title = feed.text(&r.title, l);
        let a = match crate::feed::validate::has_scheme(&r.href) {
            true => link(&r.href, title),
            false => {
                let (page, fragment) = r.href.split_at(r.href.find('#').unwrap_or(r.href.len()));
                let join = if page.contains('?') { "&" } else { "?" };
                let href = format!("{page}{join}lang={}{fragment}", l.code());
                el("a").attr("href", &href).text(title)
            }
        };
        el("li").child(a).append_to(&list.0);
    }
    Some(
        el("section")
            .attr("aria-labelledby", "h-related")
            .attr("data-testid", "related")
            .child(el("h2").attr("id", "h-related").text(i18n::RELATED.get(l)))
            .child(list),
    )
}

/// The report's sections, planned in a language.
type Planned = (Lang, Vec<SectionPlan>);

thread_local! {
    /// The report's plan, made ahead in the language it is in: when the feed arrives
    /// (`plan_ahead`), then kept by the report's first screen for the sections below it.
    static PLANNED: RefCell<Option<Planned>> = const { RefCell::new(None) };
}

/// Plans the report of a feed that has just arrived, in the page's language, in a task of its
/// own before the report's first screen is built (which takes the plan): on a slow phone the
/// plan was most of that build (mostly the browser compiling the planning code on its first run).
pub fn plan_ahead(feed: &Feed) {
    let l = Page::get().lang.get_untracked();
    // Through `planned`, the report's one call of the planner (each call site is a copy of it
    // in the page's wasm), with any earlier plan dropped first: this feed is planned anew.
    PLANNED.take();
    let sections = planned(feed, l);
    PLANNED.set(Some((l, sections)));
}

/// The report's plan in `l`: the one made ahead (`PLANNED`) when there is one, else made now.
fn planned(feed: &Feed, l: Lang) -> Vec<SectionPlan> {
    match PLANNED.take() {
        Some((at, sections)) if at == l => sections,
        _ => plan(feed, l, &PageNumbers::new(l)),
    }
}

/// The report's sections in `l` (`planned`); with rates per 100 000 residents on the
/// comparison page.
fn plan_sections<const RATES: bool>(feed: &Arc<Feed>, l: Lang) -> Vec<SectionPlan> {
    match RATES {
        true => crate::plan::plan_with_rates(feed, l, &PageNumbers::new(l)),
        false => planned(feed, l),
    }
}

/// One section into `parent`: its heading and note, this year's charts and cards, then the
/// earlier years' closed part, whose charts and cards the function returned adds: the report
/// adds those of the sections above its first chart after the last section (closed, they are
/// not on the first screen, and a chart costs as much to build closed as open).
fn section(
    parent: &web_sys::Element,
    section: SectionPlan,
    feed: &Arc<Feed>,
    l: Lang,
) -> Option<impl FnOnce()> {
    let heading = format!("h-{}", section.id);
    let mut out = el("section")
        .class(if section.context {
            "theme context"
        } else {
            "theme"
        })
        .attr("aria-labelledby", &heading)
        .attr("data-testid", &format!("section-{}", section.id))
        .child(el("h2").attr("id", &heading).text(&section.title))
        .opt(section.note.map(|n| el("p").class("note").text(&n)));
    // The plan puts current charts and cards before earlier ones.
    let (mut charts, cards) = (section.charts, section.cards);
    let earlier = charts.split_off(
        charts
            .iter()
            .position(|c| c.earlier)
            .unwrap_or(charts.len()),
    );
    let at = cards.iter().position(|c| c.earlier).unwrap_or(cards.len());
    if !charts.is_empty() || at > 0 {
        let part = el("div").class("current");
        figures(&part.0, charts, &cards[..at], feed, l);
        out = out.child(part);
    }
    let mut later = None;
    if !earlier.is_empty() || at < cards.len() {
        let part = details()
            .class("earlier")
            .attr("data-testid", &format!("earlier-{}", section.id))
            .child(el("summary").child(el("h3").text(i18n::EARLIER_YEARS.get(l))));
        let (into, feed) = (part.0.clone(), feed.clone());
        out = out.child(part);
        later = Some(move || figures(&into, earlier, &cards[at..], &feed, l));
    }
    out.append_to(parent);
    later
}

/// Charts, then cards in a grid of their own, into `part`.
fn figures(
    part: &web_sys::Element,
    charts: Vec<ChartPlan>,
    cards: &[CardPlan],
    feed: &Arc<Feed>,
    l: Lang,
) {
    for c in charts {
        part.append_with_node_1(&chart_figure(c, feed.clone(), l, false))
            .ok();
    }
    let grid = el("ul").class("cards figure-cards");
    let mut none = true;
    for c in cards {
        if let Some(o) = feed.observation_at(c.observation) {
            figure_card(feed, o, l, false)
                .attr("id", &c.id)
                .append_to(&grid.0);
            none = false;
        }
    }
    if !none {
        grid.append_to(part);
    }
}

/// Definitions of the terms the feed uses, in the reader's language, in a closed list; none
/// where the feed defines no term.
fn glossary(feed: &Feed, l: Lang) -> Option<El> {
    let mut list = el("dl");
    let mut seen: Vec<&str> = Vec::new();
    for m in feed.metrics.iter().filter(|m| !m.definition.is_empty()) {
        let term = feed.text(&m.label, l);
        if !seen.contains(&term) {
            seen.push(term);
            list = list
                .child(el("dt").text(term))
                .child(el("dd").text(feed.text(&m.definition, l)));
        }
    }
    (!seen.is_empty()).then(|| {
        el("section")
            .attr("aria-labelledby", "h-glossary")
            .class("glossary")
            .attr("data-testid", "glossary")
            .child(
                el("h2")
                    .attr("id", "h-glossary")
                    .text(i18n::GLOSSARY.get(l)),
            )
            .child(
                details()
                    .child(el("summary").text(i18n::SHOW_ALL.get(l)))
                    .child(list),
            )
    })
}

/// The related pages, the glossary's terms, and the sources section's body (`sources`, after
/// its heading): the downloads of every figure, every source with title, publisher, date, grade
/// and link, the method, the credit line, licence and contact, the feed's version and how to
/// cite the report. From the split module `end`: the end of the report is not needed for its
/// first screen.
#[leptos::wasm_split::wasm_split(end, wasm_split_path = leptos::wasm_split, fallible)]
fn fill_end_matter(
    sources: web_sys::Element,
    feed: Arc<Feed>,
    l: Lang,
    listeners: Rc<Listeners>,
) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    downloads(&feed, l, &listeners).append_to(&sources);
    // The related pages, then the glossary, before the sources.
    for part in [related(&feed, l), glossary(&feed, l)]
        .into_iter()
        .flatten()
    {
        if let Some(parent) = sources.parent_node() {
            parent.insert_before(&part.0, Some(&sources)).ok();
        }
    }
    let mut items = el("ol").attr("data-testid", "sources");
    for s in &feed.sources {
        items = items.child(source_item(s, l));
    }
    let contact = feed.contact.as_deref().map(|href| {
        el("p")
            .attr("data-testid", "contact")
            .child(link(href, i18n::REPORT_ERROR.get(l)))
    });
    let licence = match &feed.licence {
        Some(lic) => match &lic.url {
            Some(url) => el("p")
                .text(&format!("{}: ", i18n::LICENCE.get(l)))
                .child(link(url, &lic.name)),
            None => el("p").text(&format!("{}: {}", i18n::LICENCE.get(l), lic.name)),
        },
        None => el("p").text(i18n::NO_LICENCE.get(l)),
    };
    let version = el("div");
    let parent = version.0.clone();
    for part in [
        details()
            .attr("data-testid", "all-sources")
            .child(el("summary").text(&format!(
                "{} ({})",
                i18n::SHOW_ALL.get(l),
                feed.sources.len()
            )))
            .child(el("p").class("method").text(i18n::METHOD.get(l)))
            .child(items),
        el("p")
            .class("credit-line")
            .attr("data-testid", "credit")
            .text(&credit_line(&feed, &all_figures(&feed), l)),
        licence,
    ]
    .into_iter()
    .chain(contact)
    .chain([version])
    {
        part.append_to(&sources);
    }
    super::version::fill(parent, feed, l);
    Ok(())
}

/// The sources section's heading; `fill_end_matter` adds the rest.
fn sources(l: Lang) -> El {
    el("section")
        .attr("aria-labelledby", "h-sources")
        .class("sources")
        .child(
            el("h2")
                .attr("id", "h-sources")
                .text(i18n::SOURCES_AND_METHOD.get(l)),
        )
}

/// The downloads of every figure (CSV, and the data bundle), with their status line.
fn downloads(feed: &Arc<Feed>, l: Lang, listeners: &Listeners) -> El {
    let status = el("span")
        .class("status")
        .attr("role", "status")
        .attr("data-testid", "download-all-status");
    let mut downloads = el("p");
    for (zip, id, said) in [
        (false, "download-all", i18n::DOWNLOAD_ALL),
        (true, "download-bundle", i18n::DOWNLOAD_BUNDLE),
    ] {
        let b = button("action").attr("data-testid", id).text(said.get(l));
        let (f, status_el) = (feed.clone(), status.0.clone());
        listeners.on(&b.0, "click", move |_| {
            let (f, status) = (f.clone(), status_el.clone());
            leptos::task::spawn_local(async move {
                let failed = download_all(f, l, zip).await.is_err();
                status.set_text_content(failed.then(|| i18n::NOT_LOADED.get(l)));
            });
        });
        downloads = downloads.child(b).text(" ");
    }
    downloads.child(status)
}

/// Every figure of the feed, by file index.
fn all_figures(feed: &Feed) -> Vec<usize> {
    feed.observations.iter().map(|o| o.index).collect()
}

/// The whole feed as CSV, or its data bundle (`zip`), from the split module `extras`
/// (scripts/wasm-ld.mjs): the code is fetched at the first download, not with the page.
#[leptos::wasm_split::wasm_split(extras, wasm_split_path = leptos::wasm_split, fallible)]
fn download_all(
    f: Arc<Feed>,
    l: Lang,
    zip: bool,
) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    if zip {
        leptos::task::spawn_local(download_bundle(f, l));
        return Ok(());
    }
    let indexes: Vec<usize> = f.observations.iter().map(|o| o.index).collect();
    let text = format!(
        "\u{feff}{}",
        crate::export::csv(&f, &indexes, &[], l, super::format::js_number)
    );
    let name = crate::export::file_name(&f, "all", l, "csv");
    super::browser::download_text(&text, "text/csv;charset=utf-8", &name);
    Ok(())
}

/// The whole report's data bundle: every figure, metadata, readme, citation and the feed
/// itself (fetched again: the page keeps no copy of its text).
async fn download_bundle(f: Arc<Feed>, l: Lang) {
    let Ok(bytes) = super::load::fetch_text(&super::version::feed_path()).await else {
        return;
    };
    let all = all_figures(&f);
    let citing = super::version::Citing {
        feed: &f,
        lang: l,
        id: None,
        title: f.text(&f.title, l),
        observations: &all,
    };
    let zip = citing.zip(f.text(&f.description, l), &[], Some(bytes.as_bytes()));
    let name = crate::export::file_name(&f, "all", l, "zip");
    super::browser::download_bytes(&zip, "application/zip", &name);
}
