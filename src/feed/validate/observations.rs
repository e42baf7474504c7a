//! The `observations` list: each figure's references, period, measure and value, and the key
//! that finds two observations of the same thing.

use super::number::{is_plain_number, number};
use super::object::{given, text_at, KeyOrder, Obj};
use super::report::Path;
use super::table::{Ids, ObservationKey, Recent, Table};
use super::Validator;
use crate::feed::json::J;
use crate::feed::model::{Measure, MeasureKind, Metric, Observation, Qualifier, Status, Unit};
use crate::feed::period::Period;
use std::sync::Arc;

/// A span's first and last months as one number. Periods lie within 1900–2200
/// (`Period::parse` refuses other years), so each month number is below 2^13.
fn spans(start: (i32, u8), end: (i32, u8)) -> u32 {
    let month = |(y, m): (i32, u8)| ((y - 1900) * 12 + i32::from(m)) as u32 & 0x1fff;
    month(start) | month(end) << 13
}

/// The lists an observation's references are looked up in.
struct Refs<'r, 'm> {
    metrics: &'m [Metric],
    metric_ids: Recent<'r, 'm>,
    area_ids: Recent<'r, 'm>,
    source_ids: Recent<'r, 'm>,
}

/// The id an observation named last in one list, with its place there: the next observation
/// that names the same (most do) shares its copy.
#[derive(Default)]
struct Shared(Option<(usize, Arc<str>)>);

impl Shared {
    fn get(&mut self, at: usize, id: &str) -> Arc<str> {
        match &self.0 {
            Some((last, name)) if *last == at => name.clone(),
            _ => self.0.insert((at, Arc::from(id))).1.clone(),
        }
    }
}

/// What the observations read so far leave behind: their ids, their keys, their key order,
/// and the metric, area and source ids they share.
struct Seen<'d> {
    ids: Ids<'d>,
    keys: Table<ObservationKey>,
    order: KeyOrder,
    names: [Shared; 3],
}

impl<'d> Validator<'d> {
    pub(super) fn observations(
        &mut self,
        root: &Obj<'d, '_>,
        areas: &Ids,
        metrics: &[Metric],
        sources: &Ids,
    ) -> Vec<Observation> {
        // Where each metric stands in `metrics`, for its unit.
        let mut metric_at = Ids::default();
        for (i, m) in metrics.iter().enumerate() {
            metric_at.first_at(&m.id, i);
        }
        let refs = Refs {
            metrics,
            metric_ids: Recent::new(&metric_at),
            area_ids: Recent::new(areas),
            source_ids: Recent::new(sources),
        };
        let items = self.list(root, "observations");
        // Room at once for every observation that can reach the table (each has at least five
        // members: metric, area, period, value, source): growing rehashes every key.
        let most = items.len().min(self.doc.field_count() / 5);
        let mut seen = Seen {
            ids: Ids::default(),
            keys: Table::with_capacity(most),
            order: KeyOrder::default(),
            names: Default::default(),
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, v) in items.iter().enumerate() {
            self.observation(index, v, &refs, &mut seen, &mut out);
        }
        out
    }

    /// One observation, added to `out` when it can be kept (its problems reported either way).
    /// Not inlined: the page's wasm is about 200 B (gzip) smaller with it apart, and V8 compiles
    /// a function called once per observation optimised after a few hundred of them, where the
    /// loop over them runs to its end in the code it started with (scripts/trunk.sh). Added
    /// here rather than returned: one copy of the observation fewer.
    #[inline(never)]
    fn observation(
        &mut self,
        index: usize,
        v: &'d J<'d>,
        refs: &Refs,
        seen: &mut Seen<'d>,
        out: &mut Vec<Observation>,
    ) {
        if let Some(o) = self.read_observation(index, v, refs, seen) {
            out.push(o);
        }
    }

    /// One observation, or `None` (with its problems reported) when it cannot be kept.
    fn read_observation(
        &mut self,
        index: usize,
        v: &'d J<'d>,
        refs: &Refs,
        seen: &mut Seen<'d>,
    ) -> Option<Observation> {
        let o = self.object_in_order(
            v,
            Path::Item("observations", index),
            // In the order they are read.
            &[
                "id",
                "metric",
                "area",
                "source",
                "period",
                "measure",
                "vs",
                "value",
                "qualifier",
                "status",
                "agency",
                "quote",
            ],
            &mut seen.order,
        )?;
        let id = match given(o.get("id")) {
            None => Some(None),
            Some(_) => self.req_id(&o, "id").map(Some),
        };
        let metric = self.reference(&o, "metric", &refs.metric_ids);
        let area = self.reference(&o, "area", &refs.area_ids);
        let source = self.reference(&o, "source", &refs.source_ids);
        let period = self.period(&o, "period", true).ok().flatten();
        let measure = self.measure(&o, period);
        let value = self.value(&o);
        let qualifier = self
            .pick(&o, "qualifier", Qualifier::NAMES)
            .ok()
            .map(|i| i.and_then(|i| Qualifier::ALL.get(i).copied()));
        let status = match self.pick(&o, "status", Status::NAMES) {
            Ok(None) => Some(Status::Final),
            Ok(Some(i)) => Status::ALL.get(i).copied(),
            Err(()) => None,
        };
        let agency = self.text(&o, "agency", false).unwrap_or_default();
        let quote = self
            .opt_str(&o, "quote")
            .ok()
            .flatten()
            .map(|q| self.bounded(o.at("quote"), q));
        let (
            Some(id),
            Some((metric, metric_i)),
            Some((area, area_i)),
            Some((source, source_i)),
            Some(period),
            Some(measure),
            Some(value),
            Some(qualifier),
            Some(status),
        ) = (
            id, metric, area, source, period, measure, value, qualifier, status,
        )
        else {
            return None;
        };
        let unit = refs.metrics.get(metric_i)?.unit;
        if matches!(measure, Measure::ChangePp { .. }) && unit != Unit::Percent {
            self.error(
                o.at("measure"),
                "a change in percentage points needs a metric whose unit is percent (use change-pct)",
            );
            return None;
        }
        if let Some(v) = value {
            if !self.value_in_range(&o, unit, &measure, v) {
                return None;
            }
        }
        if let Some(id) = id {
            if !self.unique(&mut seen.ids, id, "observations", index, "observation") {
                return None;
            }
        }
        // 0, 1 or 2: the kind's place in `MeasureKind::ALL`.
        let tag = measure.kind() as u32;
        let vs = measure.vs().map_or(0, |v| spans(v.start, v.end));
        // Lists hold fewer than 2^32 elements: a feed has at most 16 MiB.
        let key = [
            metric_i as u32,
            area_i as u32,
            spans(period.start, period.end) | tag << 26,
            vs,
        ];
        if let Some(first) = seen.keys.first_at(key, index) {
            self.error_parts(
                o.path,
                &[
                    "the same metric, area, period and measure as observations[",
                    &first.to_string(),
                    "]; skipped",
                ],
            );
            return None;
        }
        let [metrics, areas, sources] = &mut seen.names;
        Some(Observation {
            index,
            id: id.map(str::to_owned),
            metric: metrics.get(metric_i, metric),
            area: areas.get(area_i, area),
            period,
            measure,
            value,
            qualifier,
            status,
            agency,
            source: sources.get(source_i, source),
            quote,
        })
    }

    fn measure(&mut self, o: &Obj, period: Option<Period>) -> Option<Measure> {
        // Level when absent.
        let kind = match self.pick(o, "measure", MeasureKind::NAMES).ok()? {
            None => MeasureKind::Level,
            Some(i) => *MeasureKind::ALL.get(i)?,
        };
        let vs = self.period(o, "vs", kind != MeasureKind::Level).ok()?;
        match (kind, vs) {
            (MeasureKind::Level, Some(_)) => {
                self.error(
                    o.at("vs"),
                    "only a change (measure change-pct or change-pp) has a comparison period",
                );
                None
            }
            (MeasureKind::Level, None) => Some(Measure::Level),
            (_, None) => None,
            (kind, Some(vs)) => {
                if let Some(p) = period {
                    if !vs.wholly_before(&p) {
                        self.error_parts(
                            o.at("vs"),
                            &[
                                "the comparison period ",
                                // As written, which is how a period reads back.
                                text_at(o, "vs"),
                                " must end before ",
                                text_at(o, "period"),
                                " begins",
                            ],
                        );
                        return None;
                    }
                    if vs.months() != p.months() {
                        self.warn_parts(
                            o.at("vs"),
                            &[
                                "compares ",
                                &p.months().to_string(),
                                " months with ",
                                &vs.months().to_string(),
                                " months",
                            ],
                        );
                    }
                }
                Some(if kind == MeasureKind::ChangePct {
                    Measure::ChangePct { vs }
                } else {
                    Measure::ChangePp { vs }
                })
            }
        }
    }

    /// `Some(None)` is an explicit "not available" (`null`).
    fn value(&mut self, o: &Obj) -> Option<Option<f64>> {
        match o.get("value") {
            None => {
                self.error(
                    o.at("value"),
                    "missing (write null when the figure is not available)",
                );
                None
            }
            Some(J::Null) => Some(None),
            Some(n @ (J::U(_) | J::I(_) | J::F(_))) => match n.as_f64().filter(|v| v.is_finite()) {
                Some(v) => Some(Some(v)),
                None => {
                    self.error(o.at("value"), "is not a finite number");
                    None
                }
            },
            Some(J::Str(s)) => {
                let hint = if is_plain_number(s.trim()) {
                    " (write the number without quotes)"
                } else {
                    ""
                };
                self.error_quoting(o.at("value"), "expected a number, found text ", s, hint);
                None
            }
            Some(other) => {
                self.found(o.at("value"), "a number or null", other);
                None
            }
        }
    }

    fn value_in_range(&mut self, o: &Obj, unit: Unit, measure: &Measure, v: f64) -> bool {
        // The message, and whether it starts with the value.
        let problem = match (measure, unit) {
            (Measure::ChangePct { .. }, _) if v < -100.0 => {
                Some((false, "a fall of more than 100 % is impossible"))
            }
            (Measure::ChangePp { .. }, _) if !(-100.0..=100.0).contains(&v) => Some((
                false,
                "a change in percentage points must lie between -100 and 100",
            )),
            (Measure::Level, Unit::Percent) if !(0.0..=100.0).contains(&v) => {
                Some((true, " is not a percentage between 0 and 100"))
            }
            (Measure::Level, Unit::Percent) => None,
            (Measure::Level, _) if v < 0.0 => {
                Some((true, " is negative; a count or amount cannot be"))
            }
            (Measure::Level, Unit::Count) if v.fract() != 0.0 => {
                Some((true, " is not a whole number; a count must be"))
            }
            _ => None,
        };
        match problem {
            Some((with_value, message)) => {
                let value = if with_value { number(v) } else { String::new() };
                self.error_parts(o.at("value"), &[&value, message]);
                false
            }
            None => true,
        }
    }
}
