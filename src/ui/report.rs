//! The report: header, problems, headline cards, charts, every figure with its source.

use std::sync::Arc;

use leptos::prelude::*;

use super::app::ReaderLang;
use super::canvas::BarChart;
use super::format::IntlNumbers;
use crate::chart::bars::Bar;
use crate::feed::{Checked, Feed, Group, Lang, Observation, Severity, Source};
use crate::i18n::{self, period_label};
use crate::present::{arrow, change_sentence, tone, value_text};

fn source_line(src: &Source, lang: Lang) -> impl IntoView {
    let url = src.url.clone();
    view! {
        <a href=url target="_blank" rel="noopener noreferrer">{src.title.clone()}</a>
        {format!(" — {}, {}", src.publisher, src.date)}
        <span class="grade">{format!(" ({})", i18n::grade_text(src.grade, lang))}</span>
    }
}

fn obs_label(feed: &Feed, o: &Observation, lang: Lang) -> String {
    feed.metric(&o.metric)
        .map(|m| feed.text(&m.label, lang).to_owned())
        .unwrap_or_default()
}

fn obs_value(feed: &Feed, o: &Observation, lang: Lang, nums: &IntlNumbers) -> String {
    let unit = feed
        .metric(&o.metric)
        .map(|m| m.unit)
        .unwrap_or(crate::feed::Unit::Count);
    value_text(o, unit, lang, nums)
}

fn period_text(o: &Observation, lang: Lang) -> String {
    match o.measure.vs() {
        Some(vs) => format!(
            "{} {} {}",
            period_label(&o.period, lang),
            i18n::VS.get(lang),
            period_label(&vs, lang)
        ),
        None => period_label(&o.period, lang),
    }
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
    view! {
        {header}
        {problems}
        <Headlines feed=feed.clone() />
        <Changes feed=feed.clone() />
        <AllFigures feed=feed.clone() />
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
                let value = obs_value(&feed, o, l, &nums);
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
                view! {
                    <li class=tone_class data-testid="headline">
                        <p class="card-value">{marker}{value}</p>
                        <p class="card-label">{obs_label(&feed, o, l)}</p>
                        <p class="card-period">{period_text(o, l)}</p>
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

/// Published year-on-year changes for the feed's own areas, as bars around zero.
#[component]
fn Changes(feed: Arc<Feed>) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    let content = move || {
        let l = lang.get();
        let nums = IntlNumbers::new(l);
        let mut rows: Vec<&Observation> = feed
            .observations
            .iter()
            .filter(|o| {
                matches!(o.measure, crate::feed::Measure::ChangePct { .. })
                    && o.value.is_some()
                    && feed.area(&o.area).is_some_and(|a| !a.context)
                    && feed.metric(&o.metric).is_some_and(|m| {
                        matches!(
                            m.group,
                            Group::Crime | Group::CrimeByGravity | Group::CrimeByType
                        )
                    })
            })
            .collect();
        rows.sort_by(|a, b| b.period.cmp(&a.period).then(a.index.cmp(&b.index)));
        if rows.is_empty() {
            return None;
        }
        let bars: Vec<Bar> = rows
            .iter()
            .map(|o| {
                let v = o.value.unwrap_or(0.0);
                let direction = feed.metric(&o.metric).map(|m| m.direction);
                let area = feed
                    .area(&o.area)
                    .map(|a| feed.text(&a.name, l))
                    .unwrap_or("");
                Bar {
                    label: format!(
                        "{} · {} · {}",
                        obs_label(&feed, o, l),
                        area,
                        period_text(o, l)
                    ),
                    value: v,
                    value_label: format!("{} {}", arrow(v), obs_value(&feed, o, l, &nums)),
                    tone: direction
                        .map(|d| tone(d, v))
                        .unwrap_or(crate::chart::Tone::Neutral),
                }
            })
            .collect();
        let description = rows
            .iter()
            .filter_map(|o| change_sentence(&feed, o, l, &nums))
            .collect::<Vec<_>>()
            .join(" ");
        let mut source_ids: Vec<&str> = rows.iter().map(|o| o.source.as_str()).collect();
        source_ids.dedup();
        source_ids.sort_unstable();
        source_ids.dedup();
        let sources = source_ids
            .into_iter()
            .filter_map(|id| feed.source(id))
            .map(|s| view! { <li>{source_line(s, l)}</li> })
            .collect_view();
        Some(view! {
            <section class="chart-section" aria-labelledby="h-changes" data-testid="changes">
                <h2 id="h-changes">{i18n::CHANGES_TITLE.get(l)}</h2>
                <p class="note">{i18n::CHANGES_NOTE.get(l)}</p>
                <figure>
                    <BarChart bars description=description lang=l testid="chart-changes" />
                    <figcaption>
                        <p class="sources-title">{i18n::SOURCES.get(l)}":"</p>
                        <ul class="chart-sources" data-testid="chart-sources">{sources}</ul>
                    </figcaption>
                </figure>
            </section>
        })
    };
    content
}

/// Every figure, grouped by theme, each with its period, qualifier and source.
#[component]
fn AllFigures(feed: Arc<Feed>) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    move || {
        let l = lang.get();
        let nums = IntlNumbers::new(l);
        let groups = Group::ALL
            .into_iter()
            .filter_map(|g| {
                let rows: Vec<&Observation> = feed
                    .observations
                    .iter()
                    .filter(|o| feed.metric(&o.metric).is_some_and(|m| m.group == g))
                    .collect();
                if rows.is_empty() {
                    return None;
                }
                let body = rows
                    .into_iter()
                    .map(|o| {
                        let area = feed.area(&o.area);
                        let context = area.is_some_and(|a| a.context);
                        let src = feed.source(&o.source).map(|s| {
                            let url = s.url.clone();
                            view! { <a href=url target="_blank" rel="noopener noreferrer">{s.publisher.clone()}</a> }
                        });
                        view! {
                            <tr class:context=context>
                                <th scope="row">{obs_label(&feed, o, l)}</th>
                                <td>{area.map(|a| feed.text(&a.name, l).to_owned())}</td>
                                <td>{period_text(o, l)}</td>
                                <td class="num">{obs_value(&feed, o, l, &nums)}</td>
                                <td>{src}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                Some(view! {
                    <section class="group" data-testid=format!("group-{g:?}")>
                        <h3>{i18n::group_title(g, l)}</h3>
                        <div class="table-wrap" tabindex="0">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{i18n::INDICATOR.get(l)}</th>
                                        <th scope="col">{i18n::AREA.get(l)}</th>
                                        <th scope="col">{i18n::PERIOD.get(l)}</th>
                                        <th scope="col" class="num">{i18n::VALUE.get(l)}</th>
                                        <th scope="col">{i18n::SOURCE.get(l)}</th>
                                    </tr>
                                </thead>
                                <tbody>{body}</tbody>
                            </table>
                        </div>
                    </section>
                })
            })
            .collect_view();
        view! {
            <section aria-labelledby="h-all" class="all-figures">
                <h2 id="h-all">{i18n::ALL_FIGURES.get(l)}</h2>
                <p class="note">{i18n::CONTEXT_NOTE.get(l)}</p>
                {groups}
            </section>
        }
    }
}

/// Every source with title, publisher, date, grade and link.
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
        view! {
            <section aria-labelledby="h-sources" class="sources">
                <h2 id="h-sources">{i18n::SOURCES.get(l)}</h2>
                <ol data-testid="sources">{items}</ol>
            </section>
        }
    }
}
