//! The `sources` list: every figure's public source.

use super::object::{text_at, Obj};
use super::report::Path;
use super::table::Ids;
use super::Validator;
use crate::feed::model::{Grade, Source};

impl<'d> Validator<'d> {
    /// The sources kept, and their ids.
    pub(super) fn sources(&mut self, root: &Obj) -> (Vec<Source>, Ids<'d>) {
        let mut seen = Ids::default();
        let mut out = Vec::new();
        for (index, v) in self.list(root, "sources").iter().enumerate() {
            let Some(o) = self.object(
                v,
                Path::Item("sources", index),
                &["id", "title", "publisher", "url", "date", "grade", "lang"],
            ) else {
                continue;
            };
            let id = self.req_id(&o, "id");
            let title = self
                .req_str(&o, "title")
                .map(|t| self.bounded(o.at("title"), t));
            let publisher = self.req_str(&o, "publisher").map(str::to_owned);
            let url = self.web_url(&o, "url", true).ok().flatten();
            let date = match self.date(&o, "date") {
                Ok(Some(d)) => Some(d),
                Ok(None) => {
                    self.error(o.at("date"), "missing (a year such as 2025 is enough)");
                    None
                }
                Err(()) => None,
            };
            let grade = self
                .req_pick(&o, "grade", Grade::NAMES)
                .and_then(|i| Grade::ALL.get(i).copied());
            let (Some(id), Some(title), Some(publisher), Some(url), Some(date), Some(grade)) =
                (id, title, publisher, url, date, grade)
            else {
                continue;
            };
            if !self.unique(&mut seen, id, "sources", index, "source") {
                continue;
            }
            if !date.is_complete() {
                self.warn_parts(
                    o.at("date"),
                    &[
                        // As written, which is how a date reads back (`2025`, `2025-03`).
                        text_at(&o, "date"),
                        " has no day: readers see only the year or month of publication",
                    ],
                );
            }
            out.push(Source {
                id: id.to_owned(),
                title,
                publisher,
                url,
                date,
                grade,
            });
        }
        (out, seen)
    }
}
