//! The lists that point at the others: `annotations` (events, law changes, methodology breaks)
//! and `headlines` (the observations the page leads with).

use super::object::Obj;
use super::report::Path;
use super::table::{Ids, Recent};
use super::Validator;
use crate::feed::json::J;
use crate::feed::model::{Annotation, AnnotationKind, Observation};

impl<'d> Validator<'d> {
    pub(super) fn annotations(
        &mut self,
        root: &Obj,
        areas: &Ids,
        metrics: &Ids,
    ) -> Vec<Annotation> {
        let (metrics, areas) = (Recent::new(metrics), Recent::new(areas));
        let mut out = Vec::new();
        for (index, v) in self.list(root, "annotations").iter().enumerate() {
            let Some(o) = self.object(
                v,
                Path::Item("annotations", index),
                &["period", "kind", "metric", "area", "text"],
            ) else {
                continue;
            };
            let period = self.period(&o, "period", true).ok().flatten();
            let kind = self
                .req_pick(&o, "kind", AnnotationKind::NAMES)
                .and_then(|i| AnnotationKind::ALL.get(i).copied());
            let metric = self.opt_reference(&o, "metric", &metrics);
            let area = self.opt_reference(&o, "area", &areas);
            let text = self.text(&o, "text", true);
            let (Some(period), Some(kind), Some(metric), Some(area), Some(text)) =
                (period, kind, metric, area, text)
            else {
                continue;
            };
            out.push(Annotation {
                period,
                kind,
                metric,
                area,
                text,
            });
        }
        out
    }

    pub(super) fn headlines(&mut self, root: &Obj, observations: &[Observation]) -> Vec<String> {
        let mut out = Vec::new();
        for (index, v) in self.list(root, "headlines").iter().enumerate() {
            let path = Path::Item("headlines", index);
            match v {
                J::Str(id) if observations.iter().any(|o| o.id.as_deref() == Some(&**id)) => {
                    out.push(id.to_string());
                }
                J::Str(id) => {
                    self.error_quoting(path, "unknown or skipped observation ", id, "");
                }
                other => self.found(path, "an observation id", other),
            }
        }
        out
    }
}
