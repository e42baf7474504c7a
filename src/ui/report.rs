//! The report: header, problems, headline cards, charts, every figure with its source.

use std::sync::Arc;

use leptos::prelude::*;

use super::app::{Online, ReaderLang};
use super::chart_view::ChartView;
use super::format::IntlNumbers;
use crate::feed::{Checked, Feed, Lang, Severity, Source};
use crate::i18n::{self, period_label};
use crate::plan::{plan, sparkline as plan_sparkline};

use crate::present::{arrow, change_sentence, observation_label, observation_value, tone};

fn source_line(src: &Source, lang: Lang) -> impl IntoView {
    let url = src.url.clone();
    view! {
        <a href=url target="_blank" rel="noopener noreferrer">{src.title.clone()}</a>
        {format!(" — {}, {}", src.publisher, src.date)}
        <span class="grade">{format!(" ({})", i18n::grade_text(src.grade, lang))}</span>
    }
}

/// A sparkline as a `data:` image (allowed by `img-src data:` under the page's CSP).
fn spark_url(values: &[f64]) -> Option<String> {
    let svg = crate::chart::spark::svg(values, 96, 32, plotters::style::RGBColor(0x3d, 0x85, 0xc6))
        .ok()
        .flatten()?;
    Some(format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&svg))
    ))
}

#[component]
pub fn Report(checked: Arc<Checked>) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    let feed = Arc::new(checked.feed.clone());
    let errors: Vec<String> = checked
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    let f = feed.clone();
    let address = use_context::<super::app::FeedAddress>().and_then(|a| a.0);
    let header = move || {
        let l = lang.get();
        let as_of = f
            .data_as_of
            .map(|d| format!("{}: {d}", i18n::DATA_AS_OF.get(l)));
        view! {
            <header class="report-head">
                <p class="publisher">{f.text(&f.publisher, l).to_owned()}</p>
                <h1 data-testid="title">{f.text(&f.title, l).to_owned()}</h1>
                <p class="lede">{f.text(&f.description, l).to_owned()}</p>
                {address.clone().map(|a| view! { <p class="meta" data-testid="feed-address">{format!("{}: {a}", i18n::FEED_IN_USE.get(l))}</p> })}
                <p class="meta">
                    {f.period.map(|p| period_label(&p, l))}
                    {as_of.map(|a| view! { " · " <span data-testid="data-as-of">{a}</span> })}
                </p>
                <Show when={
                    let illustrative = f.illustrative;
                    move || illustrative
                }>
                    <p class="badge-illustrative">{i18n::ILLUSTRATIVE.get(l)}</p>
                </Show>
            </header>
        }
    };
    let problems = (!errors.is_empty()).then(|| {
        let count = errors.len();
        view! {
            <section class="problems" role="status" data-testid="problems">
                <p>{move || i18n::PROBLEMS_TITLE.get(lang.get())}</p>
                <details>
                    <summary>{move || format!("{} ({count})", i18n::DETAILS.get(lang.get()))}</summary>
                    <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                </details>
            </section>
        }
    });
    let Online(online) = expect_context();
    let as_of = feed.data_as_of;
    let offline = move || {
        (!online.get()).then(|| {
            let l = lang.get();
            let when = as_of.map(|d| format!(" — {} {d}", i18n::DATA_AS_OF.get(l))).unwrap_or_default();
            view! { <p class="offline" role="status" data-testid="offline">{format!("{}{when}", i18n::OFFLINE.get(l))}</p> }
        })
    };
    view! {
        {offline}
        {header}
        {problems}
        <Headlines feed=feed.clone() />
        {super::share::param("compare")
            .filter(|u| super::load::is_fetchable(u))
            .map(|url| view! { <Compare feed=feed.clone() url /> })}
        <Sections feed=feed.clone() />
        <Glossary feed=feed.clone() />
        <Sources feed />
    }
}

/// The figures the publisher leads with, one card each.
#[component]
fn Headlines(feed: Arc<Feed>) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    let cards = move || {
        let l = lang.get();
        let nums = IntlNumbers::new(l);
        feed.headlines
            .iter()
            .filter_map(|id| feed.observation(id))
            .map(|o| {
                let value = observation_value(&feed, o, l, &nums);
                let meaning = change_sentence(&feed, o, l, &nums);
                let metric = feed.metric(&o.metric);
                let card_tone = match (metric, o.value, o.measure.is_change()) {
                    (Some(m), Some(v), true) => tone(m.direction, v),
                    _ => crate::chart::Tone::Neutral,
                };
                let tone_class = match card_tone {
                    crate::chart::Tone::Better => "card tone-better",
                    crate::chart::Tone::Worse => "card tone-worse",
                    crate::chart::Tone::Neutral => "card",
                };
                let marker = (o.measure.is_change())
                    .then(|| o.value.map(arrow))
                    .flatten()
                    .map(|a| view! { <span class="arrow" aria-hidden="true">{a}" "</span> });
                let src = feed.source(&o.source).map(|s| {
                    let url = s.url.clone();
                    view! {
                        <a href=url target="_blank" rel="noopener noreferrer">
                            {format!("{}: {}", i18n::SOURCE.get(l), s.publisher)}
                        </a>
                    }
                });
                let spark = spark_url(&plan_sparkline(&feed, o));
                view! {
                    <li class=tone_class data-testid="headline">
                        <p class="card-value">{marker}{value}</p>
                        {spark.map(|src| view! { <img class="spark" src=src alt="" width="96" height="32" data-testid="sparkline" /> })}
                        <p class="card-label">{observation_label(&feed, o, l)}</p>
                        <p class="card-period">{i18n::observation_period(o, l)}</p>
                        {meaning.map(|m| view! { <p class="card-meaning">{m}</p> })}
                        <p class="card-source">{src}</p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="h-headlines">
            <h2 id="h-headlines">{move || i18n::HEADLINES.get(lang.get())}</h2>
            <ul class="cards">{cards}</ul>
        </section>
    }
}

/// `?compare=<feed>`: this feed and another on shared axes, where metric ids and periods match.
#[component]
fn Compare(feed: Arc<Feed>, url: String) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    let shown = url.clone();
    let other = super::load::Loading::start(url, |_| {});
    view! {
        <section aria-labelledby="h-compare" class="theme" data-testid="compare">
            <h2 id="h-compare">{move || i18n::COMPARE_TITLE.get(lang.get())}</h2>
            <p class="meta">{move || format!("{}: {shown}", i18n::FEED_IN_USE.get(lang.get()))}</p>
            {move || match other.state.get() {
                None => view! { <div class="sk sk-chart"></div> }.into_any(),
                Some(Ok(checked)) => {
                    let l = lang.get();
                    let charts = crate::plan::compare(&feed, &checked.feed, l, &IntlNumbers::new(l));
                    if charts.is_empty() {
                        view! { <p>{i18n::COMPARE_NONE.get(l)}</p> }.into_any()
                    } else {
                        charts
                            .into_iter()
                            .map(|c| view! { <ChartView plan=c feed=feed.clone() lang=l /> })
                            .collect_view()
                            .into_any()
                    }
                }
                Some(Err(e)) => view! { <p class="chart-failed" role="alert">{e.to_string()}</p> }.into_any(),
            }}
        </section>
    }
}

/// One section per theme, then the comparison areas, each with its charts.
#[component]
fn Sections(feed: Arc<Feed>) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    move || {
        let l = lang.get();
        let nums = IntlNumbers::new(l);
        plan(&feed, l, &nums)
            .into_iter()
            .map(|section| {
                let heading = format!("h-{}", section.id);
                let note = section
                    .context
                    .then(|| view! { <p class="note">{i18n::CONTEXT_NOTE.get(l)}</p> });
                let charts = section
                    .charts
                    .into_iter()
                    .map(|c| view! { <ChartView plan=c feed=feed.clone() lang=l /> })
                    .collect_view();
                view! {
                    <section
                        class="theme"
                        class:context=section.context
                        aria-labelledby=heading.clone()
                        data-testid=format!("section-{}", section.id)
                    >
                        <h2 id=heading.clone()>{section.title}</h2>
                        {note}
                        {charts}
                    </section>
                }
            })
            .collect_view()
    }
}

/// Definitions of the terms the feed uses, in the reader's language.
#[component]
fn Glossary(feed: Arc<Feed>) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    move || {
        let l = lang.get();
        let mut seen: Vec<&str> = Vec::new();
        let items = feed
            .metrics
            .iter()
            .filter(|m| !m.definition.is_empty())
            .filter_map(|m| {
                let term = feed.text(&m.label, l);
                if seen.contains(&term) {
                    return None;
                }
                seen.push(term);
                Some(view! {
                    <dt>{term.to_owned()}</dt>
                    <dd>{feed.text(&m.definition, l).to_owned()}</dd>
                })
            })
            .collect_view();
        (!seen.is_empty()).then(|| {
            view! {
                <section aria-labelledby="h-glossary" class="glossary" data-testid="glossary">
                    <h2 id="h-glossary">{i18n::GLOSSARY.get(l)}</h2>
                    <dl>{items}</dl>
                </section>
            }
        })
    }
}

/// Every source with title, publisher, date, grade and link; the method; contact and licence.
#[component]
fn Sources(feed: Arc<Feed>) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    move || {
        let l = lang.get();
        let items = feed
            .sources
            .iter()
            .map(|s| view! { <li>{source_line(s, l)}</li> })
            .collect_view();
        let contact = feed.contact.clone().map(|href| {
            view! {
                <p data-testid="contact">
                    <a href=href target="_blank" rel="noopener noreferrer">{i18n::REPORT_ERROR.get(l)}</a>
                </p>
            }
        });
        let licence = match &feed.licence {
            Some(lic) => {
                let name = lic.name.clone();
                match lic.url.clone() {
                    Some(url) => view! {
                        <p>{i18n::LICENCE.get(l)}": " <a href=url target="_blank" rel="noopener noreferrer">{name}</a></p>
                    }
                    .into_any(),
                    None => view! { <p>{format!("{}: {name}", i18n::LICENCE.get(l))}</p> }.into_any(),
                }
            }
            None => view! { <p>{i18n::NO_LICENCE.get(l)}</p> }.into_any(),
        };
        let all = {
            let feed = feed.clone();
            move |_| {
                let indexes: Vec<usize> = feed.observations.iter().map(|o| o.index).collect();
                let text = format!("\u{feff}{}", crate::export::csv(&feed, &indexes, l));
                let name = crate::export::file_name(&feed, "all", l, "csv");
                super::chart_view::download_text(&text, "text/csv;charset=utf-8", &name);
            }
        };
        view! {
            <section aria-labelledby="h-sources" class="sources">
                <h2 id="h-sources">{i18n::SOURCES_AND_METHOD.get(l)}</h2>
                <p class="method">{i18n::METHOD.get(l)}</p>
                <p>
                    <button type="button" class="action" data-testid="download-all" on:click=all>
                        {i18n::DOWNLOAD_ALL.get(l)}
                    </button>
                </p>
                <ol data-testid="sources">{items}</ol>
                <p class="credit-line" data-testid="credit">
                    {format!("{}: {}.", i18n::CREDIT.get(l), feed.text(&feed.publisher, l))}
                </p>
                {licence}
                {contact}
            </section>
        }
    }
}
