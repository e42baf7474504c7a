//! The `views` list: charts the publisher names (a title and takeaway in the feed's languages,
//! the figures shown, the chart kind). Read last, against the kept observations. A view is
//! skipped, with an error at its path, when it names an unknown figure or one shown already,
//! has fewer than two, puts figures on one axis that may not share it, lacks a language of the
//! feed, or takes another view's or an observation's id. Compiled into the report too (it shows
//! only validated views): no `format!`, no hash map.

use super::object::Obj;
use super::report::{quoted, Path};
use super::table::Ids;
use super::Validator;
use crate::feed::axis::what_differs;
use crate::feed::json::J;
use crate::feed::model::{ChartHint, Feed, Lang, Text, View};

impl<'d> Validator<'d> {
    #[inline(never)]
    pub(super) fn views(&mut self, root: &Obj, feed: &Feed) -> Vec<View> {
        let mut seen = Ids::default();
        let mut out: Vec<View> = Vec::new();
        for (index, v) in self.list(root, "views").iter().enumerate() {
            let Some(o) = self.object(
                v,
                Path::Item("views", index),
                &["id", "title", "takeaway", "observations", "chart"],
            ) else {
                continue;
            };
            let id = self.req_id(&o, "id");
            let title = self
                .text(&o, "title", true)
                .filter(|t| self.in_feeds_languages(&o, "title", t, feed));
            let takeaway = self
                .text(&o, "takeaway", false)
                .filter(|t| t.is_empty() || self.in_feeds_languages(&o, "takeaway", t, feed));
            // Auto when absent; an unknown kind skips the view.
            let chart = match self.pick(&o, "chart", ChartHint::NAMES) {
                Ok(i) => Some(
                    i.and_then(|i| ChartHint::ALL.get(i).copied())
                        .unwrap_or_default(),
                ),
                Err(()) => None,
            };
            let observations = self.view_observations(&o, feed, &out);
            let (Some(id), Some(title), Some(takeaway), Some(chart), Some(observations)) =
                (id, title, takeaway, chart, observations)
            else {
                continue;
            };
            if !self.unique(&mut seen, id, "views", index, "view") {
                continue;
            }
            if let Some(x) = feed.observation(id) {
                self.error_parts(
                    o.at("id"),
                    &[
                        &quoted(id),
                        " is also the id of observations[",
                        &x.index.to_string(),
                        "]: a view's id names a chart, an observation's a card, both on one page; skipped",
                    ],
                );
                continue;
            }
            out.push(View {
                id: id.to_owned(),
                title,
                takeaway: (!takeaway.is_empty()).then_some(takeaway),
                observations,
                chart,
            });
        }
        out
    }

    /// Whether `text` has every language the feed is written in: its `lang` and its title's.
    #[inline(never)]
    fn in_feeds_languages(&mut self, o: &Obj, key: &str, text: &Text, feed: &Feed) -> bool {
        let mut missing = String::new();
        for lang in Lang::ALL {
            let declared = lang == feed.lang || feed.title.exact(lang).is_some();
            if declared && text.exact(lang).is_none() {
                if !missing.is_empty() {
                    missing.push_str(", ");
                }
                missing.push_str(lang.code());
            }
        }
        if !missing.is_empty() {
            self.error_parts(
                o.at(key),
                &[
                    "has no text in ",
                    &missing,
                    ", a language of the feed (its lang and title)",
                ],
            );
        }
        missing.is_empty()
    }

    /// The positions in `feed.observations` of the figures a view lists; `None`, with an error
    /// for each problem, when one is unknown or shown already, when they are fewer than two, or
    /// when two may not share an axis.
    #[inline(never)]
    fn view_observations(&mut self, o: &Obj, feed: &Feed, earlier: &[View]) -> Option<Vec<usize>> {
        let list = o.at("observations");
        let items = match o.get("observations") {
            Some(J::Arr(items)) => self.doc.items(*items),
            None | Some(J::Null) => {
                self.error(list, "missing (a list of observation ids)");
                return None;
            }
            Some(other) => {
                self.found(list, "a list of observation ids", other);
                return None;
            }
        };
        let mut out: Vec<usize> = Vec::new();
        let mut ok = true;
        for (j, item) in items.iter().enumerate() {
            let path = Path::At(&list, j);
            let J::Str(id) = item else {
                self.found(path, "an observation id", item);
                ok = false;
                continue;
            };
            let Some(at) = feed
                .observations
                .iter()
                .position(|x| x.id.as_deref() == Some(&**id))
            else {
                self.error_quoting(path, "unknown or skipped observation ", id, "");
                ok = false;
                continue;
            };
            let twice = items[..j]
                .iter()
                .position(|x| matches!(x, J::Str(s) if **s == **id));
            let shown = earlier.iter().find(|v| v.observations.contains(&at));
            let first = out.first().and_then(|&k| feed.observations.get(k));
            let this = feed.observations.get(at);
            let differs = first
                .zip(this)
                .and_then(|(a, b)| what_differs(feed, a, b).map(|d| (a, d)));
            if let Some(k) = twice {
                let k = k.to_string();
                self.error_parts(
                    path,
                    &[
                        &quoted(id),
                        " is listed twice (first at observations[",
                        &k,
                        "] of this view)",
                    ],
                );
            } else if let Some(v) = shown {
                self.error_parts(
                    path,
                    &[
                        &quoted(id),
                        " is already in view ",
                        &quoted(&v.id),
                        ": a figure is shown once",
                    ],
                );
            } else if let Some((a, what)) = differs {
                self.error_parts(
                    path,
                    &[
                        &quoted(id),
                        " may not share an axis with ",
                        &quoted(a.id.as_deref().unwrap_or("")),
                        ": their ",
                        what,
                        " differs",
                    ],
                );
            } else {
                out.push(at);
                continue;
            }
            ok = false;
        }
        if ok && out.len() < 2 {
            self.error_parts(
                list,
                &[
                    "names ",
                    &out.len().to_string(),
                    " observation(s): a view shows two or more (one figure is shown as a card)",
                ],
            );
            ok = false;
        }
        ok.then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::feed::{ChartHint, Severity};

    const FEED: &str = include_str!("../../../tests/feeds/good/views.json");

    fn with(edit: impl Fn(&mut serde_json::Value)) -> crate::feed::Checked {
        let mut doc: serde_json::Value = serde_json::from_str(FEED).unwrap();
        edit(&mut doc);
        crate::feed::check(&doc.to_string()).unwrap()
    }

    fn errors(c: &crate::feed::Checked) -> Vec<String> {
        c.errors().map(ToString::to_string).collect()
    }

    #[test]
    fn valid_views_are_kept_with_their_figures_texts_and_chart_kind() {
        for c in [crate::feed::check(FEED), crate::feed::read(FEED)] {
            let c = c.unwrap();
            assert!(c.problems.is_empty(), "{:?}", c.problems);
            let f = &c.feed;
            let ids: Vec<&str> = f.views.iter().map(|v| v.id.as_str()).collect();
            assert_eq!(ids, ["gravity-2025", "seized-earlier", "kazakhstan-crimes"]);
            let v = &f.views[0];
            assert_eq!(v.observations, [3, 4]);
            assert_eq!(v.chart, ChartHint::Auto);
            assert_eq!(
                v.title.ru.as_deref(),
                Some("Тяжких преступлений стало меньше")
            );
            assert!(v.takeaway.is_some());
            assert_eq!(f.views[1].chart, ChartHint::Lines);
            assert_eq!(f.views[1].takeaway, None);
        }
    }

    #[test]
    fn a_bad_view_is_skipped_alone_and_the_report_reads_it_the_same_way() {
        let edit = |d: &mut serde_json::Value| {
            d["views"][0]["observations"][1] = "nope".into();
            d["views"][1]["takeaway"] = serde_json::json!({"en": "Only English."});
        };
        let c = with(edit);
        assert_eq!(
            errors(&c),
            [
                "error: views[0].observations[1]: unknown or skipped observation 'nope'",
                "error: views[1].takeaway: has no text in kk, ru, a language of the feed (its lang and title)",
            ]
        );
        assert_eq!(c.feed.views.len(), 1);
        assert_eq!(c.feed.views[0].id, "kazakhstan-crimes");
        // The report (`read`) trusts only what the checker would keep.
        let mut doc: serde_json::Value = serde_json::from_str(FEED).unwrap();
        edit(&mut doc);
        let r = crate::feed::read(&doc.to_string()).unwrap();
        assert_eq!(r.feed.views, c.feed.views);
    }

    #[test]
    fn the_languages_a_view_needs_are_the_feeds_lang_and_its_titles() {
        // A feed in English only: an English title is enough.
        let c = with(|d| {
            d["title"] = serde_json::json!({"en": "English only"});
            d["views"][0]["title"] = serde_json::json!({"en": "Grave crimes fell more"});
            d["views"][0]["takeaway"] = serde_json::json!({"en": "Grave crimes fell by 12%."});
        });
        assert!(errors(&c).is_empty(), "{:?}", errors(&c));
        assert_eq!(c.feed.views.len(), 3);
        // Its own language counts even when its title lacks it.
        let c = with(|d| {
            d["lang"] = "kk".into();
            d["title"] = serde_json::json!({"en": "English only"});
            d["views"][2]["title"] = serde_json::json!({"en": "Crimes in Kazakhstan"});
        });
        assert_eq!(
            errors(&c),
            ["error: views[2].title: has no text in kk, a language of the feed (its lang and title)"]
        );
    }

    #[test]
    fn a_view_of_figures_that_may_not_share_an_axis_names_both_and_what_differs() {
        let c = with(|d| {
            // Another area alone may share the axis; another agency's count may not.
            d["observations"][10]["agency"] = serde_json::json!({"en": "Committee"});
            d["views"][2]["observations"] = serde_json::json!(["kz-crimes-2025", "crimes-2025"]);
            d["views"][1]["observations"] = serde_json::json!(["seized-2024", 5, "seized-2025"]);
        });
        assert_eq!(
            errors(&c),
            [
                "error: views[1].observations[1]: expected an observation id, found a number",
                "error: views[2].observations[1]: 'crimes-2025' may not share an axis with 'kz-crimes-2025': their counting agency differs",
            ]
        );
        assert!(c.problems.iter().all(|p| p.severity == Severity::Error));
    }
}
