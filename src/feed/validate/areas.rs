//! The `areas` list: regions, districts, cities and the country, with parents and populations.

use super::object::Obj;
use super::report::Path;
use super::table::Ids;
use super::{Validator, MAX_TILE};
use crate::feed::json::J;
use crate::feed::model::{Area, AreaKind, Population};

impl<'d> Validator<'d> {
    /// The areas kept, and their ids.
    pub(super) fn areas(&mut self, root: &Obj, sources: &Ids) -> (Vec<Area>, Ids<'d>) {
        let mut seen = Ids::default();
        let mut out: Vec<Area> = Vec::new();
        let mut indices: Vec<usize> = Vec::new();
        for (index, v) in self.list(root, "areas").iter().enumerate() {
            let Some(o) = self.object(
                v,
                Path::Item("areas", index),
                &[
                    "id",
                    "kind",
                    "name",
                    "parent",
                    "context",
                    "population",
                    "tile",
                ],
            ) else {
                continue;
            };
            let id = self.req_id(&o, "id");
            let kind = self
                .req_pick(&o, "kind", AreaKind::NAMES)
                .and_then(|i| AreaKind::ALL.get(i).copied());
            let name = self.text(&o, "name", true);
            let parent = self.opt_str(&o, "parent").ok().flatten().map(str::to_owned);
            let context = self.flag(&o, "context");
            let population = o
                .get("population")
                .and_then(|p| self.population(p, o.at("population"), sources));
            let tile = self.tile(&o);
            let (Some(id), Some(kind), Some(name)) = (id, kind, name) else {
                continue;
            };
            if !self.unique(&mut seen, id, "areas", index, "area") {
                continue;
            }
            indices.push(index);
            out.push(Area {
                id: id.to_owned(),
                kind,
                name,
                parent,
                context,
                population,
                tile,
            });
        }
        for (area, &index) in out.iter_mut().zip(&indices) {
            if let Some(parent) = &area.parent {
                if seen.get(parent).is_none() || *parent == area.id {
                    self.error_quoting(
                        Path::Key(&Path::Item("areas", index), "parent"),
                        "unknown area ",
                        parent,
                        " (parent dropped)",
                    );
                    area.parent = None;
                }
            }
        }
        // Two areas on one square of the map would hide one of them.
        for i in 0..out.len() {
            let Some(place) = out[i].tile else { continue };
            if let Some(first) = out[..i].iter().find(|a| a.tile == Some(place)) {
                let first = first.id.clone();
                self.error_quoting(
                    Path::Key(&Path::Item("areas", indices[i]), "tile"),
                    "this place on the map is already taken by area ",
                    &first,
                    " (tile dropped)",
                );
                out[i].tile = None;
            }
        }
        (out, seen)
    }

    /// `tile`: `[column, row]` on the tile map, two whole numbers from 0 to `MAX_TILE`.
    fn tile(&mut self, o: &Obj) -> Option<(u8, u8)> {
        let v = o.get("tile")?;
        let in_range = |n: &J| n.as_i64().filter(|n| (0..=i64::from(MAX_TILE)).contains(n));
        let place = match v {
            J::Arr(items) => match self.doc.items(*items) {
                [column, row] => in_range(column).zip(in_range(row)),
                _ => None,
            },
            _ => None,
        };
        if place.is_none() {
            self.error(
                o.at("tile"),
                "expected [column, row]: two whole numbers from 0 to 15 (tile dropped)",
            );
        }
        place.map(|(c, r)| (c as u8, r as u8))
    }

    fn population(&mut self, v: &J, path: Path, sources: &Ids) -> Option<Population> {
        let o = self.object(v, path, &["value", "year", "source"])?;
        let value = o
            .get("value")
            .and_then(J::as_f64)
            .filter(|v| *v > 0.0 && v.is_finite());
        let Some(value) = value else {
            self.error(o.at("value"), "expected a positive number of people");
            return None;
        };
        let year = match o.get("year").and_then(J::as_i64) {
            Some(y) if (1900..=2200).contains(&y) => y as i32,
            _ => {
                self.error(o.at("year"), "expected the year the population refers to");
                return None;
            }
        };
        let source = self.req_str(&o, "source")?;
        if sources.get(source).is_none() {
            self.error_quoting(o.at("source"), "unknown source ", source, "");
            return None;
        }
        Some(Population {
            value,
            year,
            source: source.to_owned(),
        })
    }
}
