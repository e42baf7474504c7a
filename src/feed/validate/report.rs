//! Problems: where a value stands ([`Path`], written out only when reported) and how messages
//! are put together and worded.

use super::Validator;
use crate::feed::error::{Problem, Severity};
use crate::feed::json::J;
use crate::feed::period::first_chars;

pub(super) fn kind_of(v: &J) -> &'static str {
    match v {
        J::Null => "null",
        J::Bool(_) => "true/false",
        J::U(_) | J::I(_) | J::F(_) => "a number",
        J::Str(_) => "text",
        J::Arr(_) => "a list",
        J::Obj(_) => "an object",
    }
}

/// `s` in single quotes, cut after 40 characters.
pub(super) fn quoted(s: &str) -> String {
    let cut = first_chars(s, 40);
    let mut out = String::from("'");
    out.push_str(cut);
    if cut.len() < s.len() {
        out.push('…');
    }
    out.push('\'');
    out
}

/// Where a value stands in the file. Written out as text (`observations[12].metric`) only
/// when a problem is reported there: most values have none.
#[derive(Clone, Copy)]
pub(super) enum Path<'p> {
    Root,
    /// An element of a top-level list.
    Item(&'static str, usize),
    /// A member of an object.
    Key(&'p Path<'p>, &'p str),
    /// An element of a list inside an element (`views[2].observations[1]`).
    At(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match *self {
            Path::Root => {}
            Path::Item(list, i) => {
                out.push_str(list);
                index(out, i);
            }
            Path::At(parent, i) => {
                parent.write(out);
                index(out, i);
            }
            Path::Key(parent, key) => {
                parent.write(out);
                if !matches!(parent, Path::Root) {
                    out.push('.');
                }
                out.push_str(key);
            }
        }
    }
}

fn index(out: &mut String, i: usize) {
    out.push('[');
    out.push_str(&i.to_string());
    out.push(']');
}

/// A top-level field.
pub(super) fn top(key: &str) -> Path<'_> {
    Path::Key(&Path::Root, key)
}

impl<'d> Validator<'d> {
    /// A problem at `path` whose message is `parts` put together: one place that builds
    /// messages, rather than a `format!` (and its code) at each of the forty places that report.
    fn report(&mut self, severity: Severity, path: Path, parts: &[&str]) {
        let mut text = String::new();
        path.write(&mut text);
        self.problems.push(Problem {
            severity,
            path: text,
            message: parts.concat(),
        });
    }

    pub(super) fn error(&mut self, path: Path, message: &str) {
        self.report(Severity::Error, path, &[message]);
    }

    pub(super) fn warn(&mut self, path: Path, message: &str) {
        self.report(Severity::Warning, path, &[message]);
    }

    pub(super) fn error_parts(&mut self, path: Path, parts: &[&str]) {
        self.report(Severity::Error, path, parts);
    }

    pub(super) fn warn_parts(&mut self, path: Path, parts: &[&str]) {
        self.report(Severity::Warning, path, parts);
    }

    /// "expected …, found …" for a value of the wrong kind.
    pub(super) fn found(&mut self, path: Path, expected: &str, v: &J) {
        self.error_parts(path, &["expected ", expected, ", found ", kind_of(v)]);
    }

    /// An error about a text of the feed, quoted: `before 'text' after`.
    pub(super) fn error_quoting(&mut self, path: Path, before: &str, text: &str, after: &str) {
        self.error_parts(path, &[before, &quoted(text), after]);
    }
}
