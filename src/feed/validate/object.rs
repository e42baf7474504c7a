//! Reading the JSON: one object under its path, its fields found once in one pass (unknown ones
//! warned about), and the top-level lists.

use std::cell::Cell;

use super::report::{top, Path};
use super::Validator;
use crate::feed::json::{self, Fields, J};

/// The most fields an object of the format has (the root's).
const MAX_FIELDS: usize = 19;
/// In `Obj::known`: the field is not in the object.
const ABSENT: u16 = u16::MAX;
/// In `Obj::known`: the field is too far into the object to note; look it up.
const FAR: u16 = u16::MAX - 1;

/// One JSON object under a path, with the helpers that read typed fields from it.
pub(super) struct Obj<'a, 'p> {
    map: &'a Fields<'a>,
    pub(super) path: Path<'p>,
    /// The fields the format defines for this object.
    names: &'static [&'static str],
    /// Where in `map` each of `names` is (`ABSENT`, or `FAR` past what a `u16` counts):
    /// found once rather than on every read, and small to copy.
    known: [u16; MAX_FIELDS],
    /// Where in `names` the next read is looked for first.
    next: Cell<usize>,
}

impl<'a> Obj<'a, '_> {
    pub(super) fn get(&self, key: &str) -> Option<&'a J<'a>> {
        // Fields are mostly read in the order of `names`: look where the last read stopped.
        let n = self.names.len().min(MAX_FIELDS);
        let start = self.next.get();
        for k in 0..n {
            let i = if start + k < n {
                start + k
            } else {
                start + k - n
            };
            if self.names.get(i).is_some_and(|name| is_name(name, key)) {
                self.next.set(i + 1);
                return match self.known.get(i) {
                    Some(&ABSENT) => None,
                    Some(&at) if at != FAR => self.map.get(usize::from(at)).map(|(_, v)| v),
                    _ => json::get(self.map, key),
                };
            }
        }
        json::get(self.map, key)
    }

    pub(super) fn at<'s>(&'s self, key: &'s str) -> Path<'s> {
        Path::Key(&self.path, key)
    }
}

/// `name == key`, where `key` is most often the very literal `name` is (equal literals are
/// merged in the build): then one comparison of addresses rather than one of each byte, on each
/// of a dozen reads per observation.
fn is_name(name: &str, key: &str) -> bool {
    std::ptr::eq(name, key) || json::same_key(name, key)
}

/// For each of the first keys of the last object read from a list, its place in the names
/// (`u8::MAX` when none): where to look first for the key in the same place of the next one.
pub(super) struct KeyOrder([u8; MAX_FIELDS]);

impl Default for KeyOrder {
    fn default() -> Self {
        KeyOrder([u8::MAX; MAX_FIELDS])
    }
}

/// The text at `key` (empty when it is not text): for quoting a value already read from there.
pub(super) fn text_at<'a>(o: &Obj<'a, '_>, key: &str) -> &'a str {
    match o.get(key) {
        Some(J::Str(s)) => s,
        _ => "",
    }
}

/// A present value other than null.
pub(super) fn given<'a>(v: Option<&'a J<'a>>) -> Option<&'a J<'a>> {
    v.filter(|v| !matches!(v, J::Null))
}

impl<'d> Validator<'d> {
    pub(super) fn object<'p>(
        &mut self,
        v: &J,
        path: Path<'p>,
        names: &'static [&'static str],
    ) -> Option<Obj<'d, 'p>> {
        match v {
            J::Obj(map) => Some(self.fields(self.doc.fields(*map), path, names)),
            other => {
                self.found(path, "an object", other);
                None
            }
        }
    }

    /// `object` for the elements of a long list, which mostly write their keys in one order.
    pub(super) fn object_in_order<'p>(
        &mut self,
        v: &J,
        path: Path<'p>,
        names: &'static [&'static str],
        order: &mut KeyOrder,
    ) -> Option<Obj<'d, 'p>> {
        match v {
            J::Obj(map) => Some(self.fields_in_order(self.doc.fields(*map), path, names, order)),
            other => {
                self.found(path, "an object", other);
                None
            }
        }
    }

    /// Reads an object's fields in one pass, and warns once for each unknown key, in key
    /// order (as `serde_json::Map` listed them).
    pub(super) fn fields<'p>(
        &mut self,
        map: &'d Fields<'d>,
        path: Path<'p>,
        names: &'static [&'static str],
    ) -> Obj<'d, 'p> {
        self.fields_in_order(map, path, names, &mut KeyOrder::default())
    }

    /// `fields`, comparing each key first with the name the key in its place had in the
    /// object read before (`order`, then noted for the next one).
    fn fields_in_order<'p>(
        &mut self,
        map: &'d Fields<'d>,
        path: Path<'p>,
        names: &'static [&'static str],
        order: &mut KeyOrder,
    ) -> Obj<'d, 'p> {
        let mut known = [ABSENT; MAX_FIELDS];
        let mut unknown: Vec<&str> = Vec::new();
        for (at, (key, _)) in map.iter().enumerate() {
            let guessed = order
                .0
                .get(at)
                .map(|&i| usize::from(i))
                .filter(|&i| names.get(i).is_some_and(|n| json::same_key(n, key)));
            // Names are all different: a right guess is the place `position` would find.
            let name = guessed.or_else(|| names.iter().position(|n| json::same_key(n, key)));
            if let Some(slot) = order.0.get_mut(at) {
                *slot = name.and_then(|i| u8::try_from(i).ok()).unwrap_or(u8::MAX);
            }
            match name {
                // A repeated key keeps its last value.
                Some(i) => {
                    if let Some(slot) = known.get_mut(i) {
                        *slot = u16::try_from(at).map_or(FAR, |at| at.min(FAR));
                    }
                }
                None => unknown.push(key),
            }
        }
        let o = Obj {
            map,
            path,
            names,
            known,
            next: Cell::new(0),
        };
        unknown.sort_unstable();
        unknown.dedup();
        for key in unknown {
            self.warn(o.at(key), "unknown field (ignored; check the spelling)");
        }
        o
    }

    /// The elements of a top-level list (element `i` is at `Path::Item(key, i)`); a missing
    /// list is empty.
    pub(super) fn list(&mut self, root: &Obj, key: &str) -> &'d [J<'d>] {
        match root.get(key) {
            None | Some(J::Null) => &[],
            Some(J::Arr(items)) => self.doc.items(*items),
            Some(other) => {
                self.found(top(key), "a list", other);
                &[]
            }
        }
    }
}
