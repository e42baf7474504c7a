//! The `metrics` list: what is measured, its unit, direction, group and series.

use super::object::Obj;
use super::report::Path;
use super::table::Ids;
use super::Validator;
use crate::feed::model::{ChartHint, Direction, Group, Metric, Unit};

impl<'d> Validator<'d> {
    /// The metrics kept, and their ids with where each stands in the file.
    pub(super) fn metrics(&mut self, root: &Obj) -> (Vec<Metric>, Ids<'d>) {
        let mut seen = Ids::default();
        let mut out = Vec::new();
        for (index, v) in self.list(root, "metrics").iter().enumerate() {
            let Some(o) = self.object(
                v,
                Path::Item("metrics", index),
                &[
                    "id",
                    "label",
                    "unit",
                    "direction",
                    "group",
                    "series",
                    "definition",
                    "chart",
                ],
            ) else {
                continue;
            };
            let id = self.req_id(&o, "id");
            let label = self.text(&o, "label", true);
            let unit = self
                .req_pick(&o, "unit", Unit::NAMES)
                .and_then(|i| Unit::ALL.get(i).copied());
            let direction = self
                .req_pick(&o, "direction", Direction::NAMES)
                .and_then(|i| Direction::ALL.get(i).copied());
            let group = self
                .req_pick(&o, "group", Group::NAMES)
                .and_then(|i| Group::ALL.get(i).copied());
            let series = self.opt_str(&o, "series").ok().flatten().map(str::to_owned);
            let definition = self.text(&o, "definition", false).unwrap_or_default();
            // Auto when absent or not understood.
            let chart = self
                .pick(&o, "chart", ChartHint::NAMES)
                .ok()
                .flatten()
                .and_then(|i| ChartHint::ALL.get(i).copied())
                .unwrap_or_default();
            let (Some(id), Some(label), Some(unit), Some(direction), Some(group)) =
                (id, label, unit, direction, group)
            else {
                continue;
            };
            if !self.unique(&mut seen, id, "metrics", index, "metric") {
                continue;
            }
            out.push(Metric {
                id: id.to_owned(),
                label,
                unit,
                direction,
                group,
                series,
                definition,
                chart,
            });
        }
        (out, seen)
    }
}
