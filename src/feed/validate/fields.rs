//! Typed fields of an object: texts, ids (unique, and references to earlier ones), names from a
//! fixed set, periods, dates, web addresses and true/false.

use super::object::{given, Obj};
use super::report::{quoted, Path};
use super::table::{Ids, Recent};
use super::{Validator, MAX_TEXT_CHARS};
use crate::feed::json::J;
use crate::feed::model::{Lang, Text};
use crate::feed::period::{first_chars, PartialDate, Period, NOT_A_DATE, NOT_A_PERIOD};

/// True for `http://` and `https://` addresses without spaces or control characters.
pub fn is_web_url(url: &str) -> bool {
    let b = url.as_bytes();
    let starts = |scheme: &[u8]| {
        b.get(..scheme.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(scheme))
    };
    (starts(b"https://") || starts(b"http://"))
        && url.len() <= 2000
        && url.len() > 8
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `s.trim().is_empty()`, at the cost of one byte when `s` starts with a visible ASCII character.
fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b)
            if b.is_ascii() && !matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ') =>
        {
            false
        }
        _ => s.trim().is_empty(),
    }
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.'))
}

impl<'d> Validator<'d> {
    pub(super) fn opt_str<'a>(
        &mut self,
        o: &Obj<'a, '_>,
        key: &str,
    ) -> Result<Option<&'a str>, ()> {
        match o.get(key) {
            None | Some(J::Null) => Ok(None),
            Some(J::Str(s)) if is_blank(s) => {
                self.error(o.at(key), "is empty");
                Err(())
            }
            Some(J::Str(s)) => Ok(Some(&**s)),
            Some(other) => {
                self.found(o.at(key), "text", other);
                Err(())
            }
        }
    }

    pub(super) fn req_str<'a>(&mut self, o: &Obj<'a, '_>, key: &str) -> Option<&'a str> {
        match self.opt_str(o, key) {
            Ok(Some(s)) => Some(s),
            Ok(None) => {
                self.error(o.at(key), "missing");
                None
            }
            Err(()) => None,
        }
    }

    pub(super) fn bounded(&mut self, path: Path, s: &str) -> String {
        // A text of at most MAX_TEXT_CHARS bytes cannot have more characters.
        if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS {
            const _: () = assert!(MAX_TEXT_CHARS == 2000, "say so in the warning");
            self.warn(path, "longer than 2000 characters; cut");
            let mut cut = first_chars(s, MAX_TEXT_CHARS).to_owned();
            cut.push('…');
            cut
        } else {
            s.to_owned()
        }
    }

    pub(super) fn req_id<'a>(&mut self, o: &Obj<'a, '_>, key: &str) -> Option<&'a str> {
        let id = self.req_str(o, key)?;
        if is_id(id) {
            Some(id)
        } else {
            self.error_quoting(
                o.at(key),
                "",
                id,
                " is not a valid id (lower-case letters, digits, '-', '_' and '.', at most 80)",
            );
            None
        }
    }

    /// A text in up to three languages: `{"kk": "…", "ru": "…", "en": "…"}`.
    pub(super) fn text(&mut self, o: &Obj, key: &str, required: bool) -> Option<Text> {
        let path = o.at(key);
        let map = match o.get(key) {
            None | Some(J::Null) if required => {
                self.error(path, "missing");
                return None;
            }
            None | Some(J::Null) => return Some(Text::default()),
            Some(J::Obj(map)) => self.doc.fields(*map),
            Some(other) => {
                self.found(
                    path,
                    r#"an object such as {"kk": "…", "ru": "…", "en": "…"}"#,
                    other,
                );
                return None;
            }
        };
        let inner = self.fields(map, path, Lang::NAMES);
        let mut text = Text::default();
        for lang in Lang::ALL {
            if let Ok(Some(s)) = self.opt_str(&inner, lang.code()) {
                let s = self.bounded(inner.at(lang.code()), s);
                match lang {
                    Lang::Kk => text.kk = Some(s),
                    Lang::Ru => text.ru = Some(s),
                    Lang::En => text.en = Some(s),
                }
            }
        }
        if text.is_empty() && required {
            self.error(path, "has no text in kk, ru or en");
            return None;
        }
        Some(text)
    }

    /// Which of a fixed set of names the text at `key` is: `Ok(None)` when absent. Gives a
    /// place in `names`, not a value, so that this is compiled once rather than once for each
    /// of the eleven sets.
    pub(super) fn pick(&mut self, o: &Obj, key: &str, names: &[&str]) -> Result<Option<usize>, ()> {
        let Some(s) = self.opt_str(o, key)? else {
            return Ok(None);
        };
        match names.iter().position(|n| *n == s) {
            Some(i) => Ok(Some(i)),
            None => {
                let tail = [" is not one of: ", &names.join(", ")].concat();
                self.error_quoting(o.at(key), "", s, &tail);
                Err(())
            }
        }
    }

    /// `pick` for a name that must be given.
    pub(super) fn req_pick(&mut self, o: &Obj, key: &str, names: &[&str]) -> Option<usize> {
        let picked = self.pick(o, key, names).ok()?;
        if picked.is_none() {
            self.error_parts(o.at(key), &["missing (one of: ", &names.join(", "), ")"]);
        }
        picked
    }

    pub(super) fn period(
        &mut self,
        o: &Obj,
        key: &str,
        required: bool,
    ) -> Result<Option<Period>, ()> {
        match self.opt_str(o, key)? {
            None if required => {
                self.error(o.at(key), "missing");
                Err(())
            }
            None => Ok(None),
            Some(s) => match Period::read(s) {
                Some(p) => Ok(Some(p)),
                None => {
                    self.error_parts(o.at(key), &["'", first_chars(s, 40), "' ", NOT_A_PERIOD]);
                    Err(())
                }
            },
        }
    }

    pub(super) fn date(&mut self, o: &Obj, key: &str) -> Result<Option<PartialDate>, ()> {
        match self.opt_str(o, key)? {
            None => Ok(None),
            Some(s) => match PartialDate::read(s) {
                Some(d) => Ok(Some(d)),
                None => {
                    self.error_parts(o.at(key), &["'", first_chars(s, 40), "' ", NOT_A_DATE]);
                    Err(())
                }
            },
        }
    }

    pub(super) fn web_url(
        &mut self,
        o: &Obj,
        key: &str,
        required: bool,
    ) -> Result<Option<String>, ()> {
        match self.opt_str(o, key)? {
            None if required => {
                self.error(o.at(key), "missing");
                Err(())
            }
            None => Ok(None),
            Some(s) if is_web_url(s) => Ok(Some(s.to_owned())),
            Some(s) => {
                self.error_quoting(o.at(key), "", s, " is not an http:// or https:// address");
                Err(())
            }
        }
    }

    /// A true/false field; false when absent (or wrong, with an error).
    pub(super) fn flag(&mut self, o: &Obj, key: &str) -> bool {
        match o.get(key) {
            None | Some(J::Null) => false,
            Some(J::Bool(b)) => *b,
            Some(other) => {
                self.found(o.at(key), "true or false", other);
                false
            }
        }
    }

    /// False (with an error) when `id` was already taken by an earlier element of `list`.
    pub(super) fn unique<'a>(
        &mut self,
        seen: &mut Ids<'a>,
        id: &'a str,
        list: &'static str,
        index: usize,
        what: &str,
    ) -> bool {
        match seen.first_at(id, index) {
            Some(first) => {
                self.error_parts(
                    Path::Key(&Path::Item(list, index), "id"),
                    &[
                        "duplicate ",
                        what,
                        " id ",
                        &quoted(id),
                        " (first at ",
                        list,
                        "[",
                        &first.to_string(),
                        "]); skipped",
                    ],
                );
                false
            }
            None => true,
        }
    }

    /// An id that must name an element read before (a `key`: metric, area or source), with
    /// where that element stands.
    pub(super) fn reference<'a>(
        &mut self,
        o: &Obj<'a, '_>,
        key: &str,
        ids: &Recent,
    ) -> Option<(&'a str, usize)> {
        let r = self.req_str(o, key)?;
        match ids.find(r) {
            Some(i) => Some((r, i)),
            None => {
                self.error_quoting(o.at(key), &["unknown ", key, " "].concat(), r, "");
                None
            }
        }
    }

    /// `reference` for a field that may be absent (`Some(None)`); `None` when it is wrong.
    pub(super) fn opt_reference(
        &mut self,
        o: &Obj,
        key: &str,
        ids: &Recent,
    ) -> Option<Option<String>> {
        match given(o.get(key)) {
            None => Some(None),
            Some(_) => self.reference(o, key, ids).map(|(r, _)| Some(r.to_owned())),
        }
    }
}
