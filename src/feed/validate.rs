//! Parsing and validation of a feed: `check(text)` reads the file, collects every problem with
//! its JSON path, and keeps whatever is valid so that a partly broken feed still renders.

use std::cell::Cell;

use super::error::{ParseError, Problem, Severity};
use super::json::{self, Doc, Fields, Span, J};
use super::model::*;
use super::period::{first_chars, PartialDate, Period, NOT_A_DATE, NOT_A_PERIOD};

/// FxHash (the Rust compiler's hash) of `bytes`, its high half: ids are short and not
/// attacker-chosen keys of a long-lived table, and SipHash was a seventh of the time of
/// validating a 10 MB feed.
fn fx(bytes: &[u8]) -> u32 {
    let mut h = 0u64;
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    (h >> 32) as u32
}

/// A key of a [`Table`].
trait TableKey: Copy + PartialEq {
    fn hash(&self) -> u32;
}

impl TableKey for &str {
    fn hash(&self) -> u32 {
        fx(self.as_bytes())
    }
}

/// An observation's metric index, area index, the months of its span with its measure, and
/// the months of its comparison span: small, so that a table of 100 000 observations is small.
type ObservationKey = [u32; 4];

impl TableKey for ObservationKey {
    fn hash(&self) -> u32 {
        let mut bytes = [0u8; 16];
        for (b, n) in bytes.chunks_mut(4).zip(self) {
            b.copy_from_slice(&n.to_le_bytes());
        }
        fx(&bytes)
    }
}

/// Keys with where each stands, found by hash, and never removed: the two tables the checker
/// needs in a few lines of open addressing, whose probing is compiled once, rather than a
/// `HashMap` each (hashbrown's code for both was ~1 KB gzip of the page).
struct Table<K> {
    /// The keys in the order added, with where each stands.
    entries: Vec<(K, usize)>,
    /// Per slot, a key's hash in the high half and its place in `entries` plus one in the low
    /// half (0: empty). A power of two in number, and at least twice the entries.
    slots: Vec<u64>,
}

impl<K> Default for Table<K> {
    fn default() -> Self {
        Table {
            entries: Vec::new(),
            slots: Vec::new(),
        }
    }
}

/// The slot for `hash` in `slots` (not full): the first from the hash on that is empty or
/// holds an entry that `same` accepts.
fn probe(slots: &[u64], hash: u32, same: &dyn Fn(usize) -> bool) -> usize {
    let mask = slots.len().wrapping_sub(1);
    let mut i = hash as usize & mask;
    while let Some(&slot) = slots.get(i) {
        let entry = slot as u32 as usize;
        if entry == 0 || (slot >> 32) as u32 == hash && same(entry - 1) {
            break;
        }
        i = (i + 1) & mask;
    }
    i
}

/// Doubles `slots` (to 16 at first), keeping every entry.
fn grow(slots: &mut Vec<u64>) {
    let old = std::mem::replace(slots, vec![0; (slots.len() * 2).max(16)]);
    for slot in old.into_iter().filter(|s| *s != 0) {
        let i = probe(slots, (slot >> 32) as u32, &|_| false);
        if let Some(s) = slots.get_mut(i) {
            *s = slot;
        }
    }
}

impl<K: TableKey> Table<K> {
    /// Where in `entries` `key` is.
    fn position(&self, key: K) -> Option<usize> {
        let i = probe(&self.slots, key.hash(), &|e| {
            self.entries.get(e).is_some_and(|(k, _)| *k == key)
        });
        (*self.slots.get(i)? as u32 as usize).checked_sub(1)
    }

    /// Where `key` stands.
    fn get(&self, key: K) -> Option<usize> {
        let e = self.position(key)?;
        self.entries.get(e).map(|(_, at)| *at)
    }

    /// Where `key` already stands; or `None`, and `key` is now noted at `at`.
    fn first_at(&mut self, key: K, at: usize) -> Option<usize> {
        if self.slots.len() <= self.entries.len() * 2 {
            grow(&mut self.slots);
        }
        let hash = key.hash();
        let entries = &self.entries;
        let i = probe(&self.slots, hash, &|e| {
            entries.get(e).is_some_and(|(k, _)| *k == key)
        });
        let slot = self.slots.get_mut(i)?;
        if let Some(first) = (*slot as u32 as usize)
            .checked_sub(1)
            .and_then(|e| self.entries.get(e))
        {
            return Some(first.1);
        }
        // Fewer than 2^32 entries: a feed has at most 16 MiB.
        self.entries.push((key, at));
        *slot = u64::from(hash) << 32 | self.entries.len() as u64;
        None
    }
}

/// Ids and where each stands (in the file, or in a list of what was kept).
type Ids<'a> = Table<&'a str>;

/// Largest feed accepted, in bytes (documented in `docs/feed.md`).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Deepest nesting of arrays and objects accepted (the format itself needs 4).
pub const MAX_DEPTH: usize = 16;
/// Longest text kept in a label or title, in characters; longer ones are cut with a warning.
pub const MAX_TEXT_CHARS: usize = 2000;
/// A published change and the change computed from published levels may differ by this many
/// percentage points before a warning is raised (rounding of both).
pub const CHANGE_TOLERANCE_PP: f64 = 0.5;

/// A readable feed: what is valid, and every problem found.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub feed: Feed,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Reads and validates a feed. `Err` only when nothing of the file can be used.
pub fn check(text: &str) -> Result<Checked, ParseError> {
    let (doc, root) = parse_root(text)?;
    let mut v = Validator {
        doc: &doc,
        problems: Vec::new(),
    };
    let feed = v.feed(doc.fields(root))?;
    Ok(Checked {
        feed,
        problems: v.problems,
    })
}

/// Size, depth and syntax checks, then the version marker.
fn parse_root(text: &str) -> Result<(Doc<'_>, Span), ParseError> {
    // Byte order marks, in a loop: `trim_start_matches` brings a character searcher.
    let mut text = text;
    while let Some(rest) = text.strip_prefix('\u{feff}') {
        text = rest;
    }
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(ParseError::TooLarge {
            bytes: text.len(),
            limit: MAX_BYTES,
        });
    }
    if trimmed.starts_with('<') {
        return Err(ParseError::Html);
    }
    if nesting_depth_exceeds(text, MAX_DEPTH) {
        return Err(ParseError::TooDeep { limit: MAX_DEPTH });
    }
    let doc = json::parse(text).map_err(|e| ParseError::Syntax {
        message: syntax_message(&e),
        line: e.line(),
        column: e.column(),
    })?;
    let J::Obj(root) = doc.root else {
        return Err(ParseError::NotAnObject);
    };
    match json::get(doc.fields(root), "esep") {
        None => Err(ParseError::MissingVersion),
        Some(J::Str(v)) if v == "1" || v.starts_with("1.") => Ok((doc, root)),
        Some(J::Str(s)) => Err(ParseError::UnsupportedVersion {
            found: first_chars(s, 20).to_owned(),
        }),
        Some(other) => Err(ParseError::VersionNotText {
            found: kind_of(other).to_owned(),
        }),
    }
}

/// serde_json's message without its own " at line X column Y" tail (we print those apart).
fn syntax_message(e: &serde_json::Error) -> String {
    let mut full = e.to_string();
    // By hand: `rfind` with a text pattern brings a substring search of 1 KB into the page.
    if let Some(i) = full.as_bytes().windows(9).rposition(|w| w == b" at line ") {
        full.truncate(i);
    }
    full
}

/// Scans brackets outside strings, so that a hostile file is refused before it is parsed.
pub fn nesting_depth_exceeds(text: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        match b {
            // A string, skipped in a loop of its own; an escape skips the byte after it.
            b'"' => {
                while let Some(b) = bytes.next() {
                    match b {
                        b'\\' => {
                            bytes.next();
                        }
                        b'"' => break,
                        _ => {}
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

fn kind_of(v: &J) -> &'static str {
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
fn quoted(s: &str) -> String {
    let cut = first_chars(s, 40);
    let mut out = String::from("'");
    out.push_str(cut);
    if cut.len() < s.len() {
        out.push('…');
    }
    out.push('\'');
    out
}

/// Text that reads as a decimal number: `76`, `-3.8`, `1e6`. (Not `str::parse::<f64>`: it
/// would bring the standard library's float parser and its 10 KB table into the page for one
/// hint.)
fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `x` rounded to one decimal, as `{:.1}` writes it (without the float formatting code that
/// brings into the page).
fn one_decimal(x: f64) -> String {
    let tenths = (x * 10.0).round();
    let mut out = String::new();
    if tenths < 0.0 {
        out.push('-');
    }
    let t = tenths.abs() as u64;
    out.push_str(&(t / 10).to_string());
    out.push('.');
    out.push(char::from(b'0' + (t % 10) as u8));
    out
}

/// `10^n`, exact for `n <= 22`.
fn pow10(n: u32) -> f64 {
    let mut p = 1.0;
    for _ in 0..n {
        p *= 10.0;
    }
    p
}

/// A finite `x` in decimal, never with an exponent, exactly as `{x}` writes it when `x` was
/// written with up to 15 significant digits, as a feed's figures are. Not `{x}`: the standard
/// library's shortest-digits code was 5 KB gzip of the checker's page. A value that needs 16
/// or 17 digits may differ from `{x}` in its last digit; beyond 1e37 and below 1e-6, which no
/// figure reaches, about 14 digits are right.
fn number(x: f64) -> String {
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    // |x| is a × 10^q, with a in [1e-6, 1e37) (or 0), where powers of ten up to 10^22 are exact.
    let mut a = x.abs();
    let mut q: i32 = 0;
    while a >= 1e37 {
        a /= 1e22;
        q += 22;
    }
    while a > 0.0 && a < 1e-6 {
        a *= 1e22;
        q -= 22;
    }
    // The decimal exponent of a's first digit, give or take one.
    let mut e = 0i32;
    let mut t = a;
    while t >= 10.0 {
        t /= 10.0;
        e += 1;
    }
    while t > 0.0 && t < 1.0 {
        t *= 10.0;
        e -= 1;
    }
    // a × 10^k rounded, with k the decimal places that give 15 (else 16, else 17) digits:
    // n / 10^k is one correctly rounded operation, so it equals a only if the digits read back.
    let mut n = 0u64;
    let mut k = 0i32;
    // Scaled into range, `a` is not `x`'s own value: 15 digits then.
    let most = if q == 0 { 17 } else { 15 };
    for digits in 15..=most {
        k = digits - 1 - e;
        let p = pow10(k.unsigned_abs());
        let (scaled, back) = if k >= 0 {
            let n = (a * p).round();
            (n, n / p)
        } else {
            let n = (a / p).round();
            (n, n * p)
        };
        n = scaled as u64;
        if back == a {
            break;
        }
    }
    if n == 0 {
        out.push('0');
        return out;
    }
    q -= k;
    while q < 0 && n.is_multiple_of(10) {
        n /= 10;
        q += 1;
    }
    let digits = n.to_string();
    let places = q.unsigned_abs() as usize;
    if q >= 0 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', places));
    } else if let Some(whole) = digits.len().checked_sub(places).filter(|w| *w > 0) {
        let (int, frac) = digits.split_at(whole);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', places - digits.len()));
        out.push_str(&digits);
    }
    out
}

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

struct Validator<'d> {
    doc: &'d Doc<'d>,
    problems: Vec<Problem>,
}

/// Where a value stands in the file. Written out as text (`observations[12].metric`) only
/// when a problem is reported there: most values have none.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    /// An element of a top-level list.
    Item(&'static str, usize),
    /// A member of an object.
    Key(&'p Path<'p>, &'p str),
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match *self {
            Path::Root => {}
            Path::Item(list, i) => {
                out.push_str(list);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
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

/// A top-level field.
fn top(key: &str) -> Path<'_> {
    Path::Key(&Path::Root, key)
}

/// The most fields an object of the format has (the root's).
const MAX_FIELDS: usize = 18;
/// In `Obj::known`: the field is not in the object.
const ABSENT: u16 = u16::MAX;
/// In `Obj::known`: the field is too far into the object to note; look it up.
const FAR: u16 = u16::MAX - 1;

/// One JSON object under a path, with the helpers that read typed fields from it.
struct Obj<'a, 'p> {
    map: &'a Fields<'a>,
    path: Path<'p>,
    /// The fields the format defines for this object.
    names: &'static [&'static str],
    /// Where in `map` each of `names` is (`ABSENT`, or `FAR` past what a `u16` counts):
    /// found once rather than on every read, and small to copy.
    known: [u16; MAX_FIELDS],
    /// Where in `names` the next read is looked for first.
    next: Cell<usize>,
}

impl<'a> Obj<'a, '_> {
    fn get(&self, key: &str) -> Option<&'a J<'a>> {
        // Fields are mostly read in the order of `names`: look where the last read stopped.
        let n = self.names.len().min(MAX_FIELDS);
        let start = self.next.get();
        for k in 0..n {
            let i = if start + k < n {
                start + k
            } else {
                start + k - n
            };
            if self
                .names
                .get(i)
                .is_some_and(|name| json::same_key(name, key))
            {
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

    fn at<'s>(&'s self, key: &'s str) -> Path<'s> {
        Path::Key(&self.path, key)
    }
}

/// A map from ids that remembers its last answer: an observation usually names the same
/// metric, area and source as the one before it, and comparing is cheaper than hashing.
struct Recent<'r, 'm> {
    map: &'r Ids<'m>,
    /// Where in the table's entries the last id found is.
    last: Cell<Option<usize>>,
}

impl<'r, 'm> Recent<'r, 'm> {
    fn new(map: &'r Ids<'m>) -> Self {
        Recent {
            map,
            last: Cell::new(None),
        }
    }

    fn find(&self, key: &str) -> Option<usize> {
        let entries = &self.map.entries;
        if let Some((k, at)) = self.last.get().and_then(|e| entries.get(e)) {
            if *k == key {
                return Some(*at);
            }
        }
        let e = self.map.position(key)?;
        self.last.set(Some(e));
        entries.get(e).map(|(_, at)| *at)
    }
}

/// A span's first and last months as one number. Periods lie within 1900–2200
/// (`Period::parse` refuses other years), so each month number is below 2^13.
fn spans(start: (i32, u8), end: (i32, u8)) -> u32 {
    let month = |(y, m): (i32, u8)| ((y - 1900) * 12 + i32::from(m)) as u32 & 0x1fff;
    month(start) | month(end) << 13
}

/// The text at `key` (empty when it is not text): for quoting a value already read from there.
fn text_at<'a>(o: &Obj<'a, '_>, key: &str) -> &'a str {
    match o.get(key) {
        Some(J::Str(s)) => s,
        _ => "",
    }
}

/// A present value other than null.
fn given<'a>(v: Option<&'a J<'a>>) -> Option<&'a J<'a>> {
    v.filter(|v| !matches!(v, J::Null))
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

    fn error(&mut self, path: Path, message: &str) {
        self.report(Severity::Error, path, &[message]);
    }

    fn warn(&mut self, path: Path, message: &str) {
        self.report(Severity::Warning, path, &[message]);
    }

    fn error_parts(&mut self, path: Path, parts: &[&str]) {
        self.report(Severity::Error, path, parts);
    }

    fn warn_parts(&mut self, path: Path, parts: &[&str]) {
        self.report(Severity::Warning, path, parts);
    }

    /// "expected …, found …" for a value of the wrong kind.
    fn found(&mut self, path: Path, expected: &str, v: &J) {
        self.error_parts(path, &["expected ", expected, ", found ", kind_of(v)]);
    }

    /// An error about a text of the feed, quoted: `before 'text' after`.
    fn error_quoting(&mut self, path: Path, before: &str, text: &str, after: &str) {
        self.error_parts(path, &[before, &quoted(text), after]);
    }

    fn object<'p>(
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

    /// Reads an object's fields in one pass, and warns once for each unknown key, in key
    /// order (as `serde_json::Map` listed them).
    fn fields<'p>(
        &mut self,
        map: &'d Fields<'d>,
        path: Path<'p>,
        names: &'static [&'static str],
    ) -> Obj<'d, 'p> {
        let mut known = [ABSENT; MAX_FIELDS];
        let mut unknown: Vec<&str> = Vec::new();
        for (at, (key, _)) in map.iter().enumerate() {
            match names.iter().position(|n| json::same_key(n, key)) {
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

    fn opt_str<'a>(&mut self, o: &Obj<'a, '_>, key: &str) -> Result<Option<&'a str>, ()> {
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

    fn req_str<'a>(&mut self, o: &Obj<'a, '_>, key: &str) -> Option<&'a str> {
        match self.opt_str(o, key) {
            Ok(Some(s)) => Some(s),
            Ok(None) => {
                self.error(o.at(key), "missing");
                None
            }
            Err(()) => None,
        }
    }

    fn bounded(&mut self, path: Path, s: &str) -> String {
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

    fn req_id<'a>(&mut self, o: &Obj<'a, '_>, key: &str) -> Option<&'a str> {
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
    fn text(&mut self, o: &Obj, key: &str, required: bool) -> Option<Text> {
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
        let inner = self.fields(map, path, &["kk", "ru", "en"]);
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
    fn pick(&mut self, o: &Obj, key: &str, names: &[&str]) -> Result<Option<usize>, ()> {
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
    fn req_pick(&mut self, o: &Obj, key: &str, names: &[&str]) -> Option<usize> {
        let picked = self.pick(o, key, names).ok()?;
        if picked.is_none() {
            self.error_parts(o.at(key), &["missing (one of: ", &names.join(", "), ")"]);
        }
        picked
    }

    fn period(&mut self, o: &Obj, key: &str, required: bool) -> Result<Option<Period>, ()> {
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

    fn date(&mut self, o: &Obj, key: &str) -> Result<Option<PartialDate>, ()> {
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

    fn web_url(&mut self, o: &Obj, key: &str, required: bool) -> Result<Option<String>, ()> {
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

    /// The elements of a top-level list (element `i` is at `Path::Item(key, i)`); a missing
    /// list is empty.
    fn list(&mut self, root: &Obj, key: &str) -> &'d [J<'d>] {
        match root.get(key) {
            None | Some(J::Null) => &[],
            Some(J::Arr(items)) => self.doc.items(*items),
            Some(other) => {
                self.found(top(key), "a list", other);
                &[]
            }
        }
    }

    /// False (with an error) when `id` was already taken by an earlier element of `list`.
    fn unique<'a>(
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

    fn feed(&mut self, root_map: &'d Fields<'d>) -> Result<Feed, ParseError> {
        let root = self.fields(
            root_map,
            Path::Root,
            &[
                "esep",
                "$schema",
                "id",
                "lang",
                "publisher",
                "title",
                "description",
                "period",
                "data_as_of",
                "licence",
                "contact",
                "illustrative",
                "headlines",
                "areas",
                "metrics",
                "sources",
                "observations",
                "annotations",
            ],
        );
        let version = match root.get("esep") {
            Some(J::Str(s)) => s.to_string(),
            _ => return Err(ParseError::MissingVersion),
        };
        let id = self
            .req_id(&root, "id")
            .map(str::to_owned)
            .unwrap_or_default();
        // Kazakh when absent or not understood.
        let lang = self
            .pick(&root, "lang", &["kk", "ru", "en"])
            .ok()
            .flatten()
            .and_then(|i| Lang::ALL.get(i).copied())
            .unwrap_or_default();
        let publisher = self.text(&root, "publisher", true).unwrap_or_default();
        let title = self.text(&root, "title", true).unwrap_or_default();
        let description = self.text(&root, "description", false).unwrap_or_default();
        let period = self.period(&root, "period", false).ok().flatten();
        let data_as_of = self.date(&root, "data_as_of").ok().flatten();
        if root.get("data_as_of").is_none() {
            self.warn(
                top("data_as_of"),
                "missing: readers will not see how current the data is",
            );
        }
        let licence = self.licence(&root);
        let contact = match self.opt_str(&root, "contact") {
            Ok(Some(c)) if c.starts_with("mailto:") || is_web_url(c) => Some(c.to_owned()),
            Ok(Some(c)) => {
                self.error_quoting(
                    top("contact"),
                    "",
                    c,
                    " is not a mailto: or http(s) address",
                );
                None
            }
            _ => None,
        };
        let illustrative = self.flag(&root, "illustrative");

        let (sources, source_ids) = self.sources(&root);
        let (areas, area_ids) = self.areas(&root, &source_ids);
        let (metrics, metric_ids) = self.metrics(&root);
        let observations = self.observations(&root, &area_ids, &metrics, &source_ids);
        let annotations = self.annotations(&root, &area_ids, &metric_ids);
        let headlines = self.headlines(&root, &observations);

        let feed = Feed {
            version,
            id,
            lang,
            publisher,
            title,
            description,
            period,
            data_as_of,
            licence,
            contact,
            illustrative,
            headlines,
            areas,
            metrics,
            sources,
            observations,
            annotations,
        };
        self.cross_checks(&feed, &metric_ids);
        Ok(feed)
    }

    fn licence(&mut self, root: &Obj) -> Option<Licence> {
        let v = root.get("licence")?;
        let o = self.object(v, root.at("licence"), &["name", "url"])?;
        let name = self.req_str(&o, "name")?.to_owned();
        let url = self.web_url(&o, "url", false).ok().flatten();
        Some(Licence { name, url })
    }

    /// The sources kept, and their ids.
    fn sources(&mut self, root: &Obj) -> (Vec<Source>, Ids<'d>) {
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

    /// The areas kept, and their ids.
    fn areas(&mut self, root: &Obj, sources: &Ids) -> (Vec<Area>, Ids<'d>) {
        let mut seen = Ids::default();
        let mut out: Vec<Area> = Vec::new();
        let mut indices: Vec<usize> = Vec::new();
        for (index, v) in self.list(root, "areas").iter().enumerate() {
            let Some(o) = self.object(
                v,
                Path::Item("areas", index),
                &["id", "kind", "name", "parent", "context", "population"],
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
        (out, seen)
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

    /// The metrics kept, and their ids with where each stands in the file.
    fn metrics(&mut self, root: &Obj) -> (Vec<Metric>, Ids<'d>) {
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

    fn observations(
        &mut self,
        root: &Obj,
        areas: &Ids,
        metrics: &[Metric],
        sources: &Ids,
    ) -> Vec<Observation> {
        // Where each metric stands in `metrics`, for its unit.
        let mut metric_at = Ids::default();
        for (i, m) in metrics.iter().enumerate() {
            metric_at.first_at(&m.id, i);
        }
        let metric_ids = Recent::new(&metric_at);
        let area_ids = Recent::new(areas);
        let source_ids = Recent::new(sources);
        let items = self.list(root, "observations");
        let mut seen_ids = Ids::default();
        let mut seen_keys = Table::<ObservationKey>::default();
        let mut out = Vec::with_capacity(items.len());
        for (index, v) in items.iter().enumerate() {
            let Some(o) = self.object(
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
            ) else {
                continue;
            };
            let id = match given(o.get("id")) {
                None => Some(None),
                Some(_) => self.req_id(&o, "id").map(Some),
            };
            let metric = self.reference(&o, "metric", &metric_ids);
            let area = self.reference(&o, "area", &area_ids);
            let source = self.reference(&o, "source", &source_ids);
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
                Some((source, _)),
                Some(period),
                Some(measure),
                Some(value),
                Some(qualifier),
                Some(status),
            ) = (
                id, metric, area, source, period, measure, value, qualifier, status,
            )
            else {
                continue;
            };
            let Some(unit) = metrics.get(metric_i).map(|m| m.unit) else {
                continue;
            };
            if matches!(measure, Measure::ChangePp { .. }) && unit != Unit::Percent {
                self.error(
                    o.at("measure"),
                    "a change in percentage points needs a metric whose unit is percent (use change-pct)",
                );
                continue;
            }
            if let Some(v) = value {
                if !self.value_in_range(&o, unit, &measure, v) {
                    continue;
                }
            }
            if let Some(id) = id {
                if !self.unique(&mut seen_ids, id, "observations", index, "observation") {
                    continue;
                }
            }
            let tag = match measure {
                Measure::Level => 0,
                Measure::ChangePct { .. } => 1,
                Measure::ChangePp { .. } => 2,
            };
            let vs = measure.vs().map_or(0, |v| spans(v.start, v.end));
            // Lists hold fewer than 2^32 elements: a feed has at most 16 MiB.
            let key = [
                metric_i as u32,
                area_i as u32,
                spans(period.start, period.end) | tag << 26,
                vs,
            ];
            if let Some(first) = seen_keys.first_at(key, index) {
                self.error_parts(
                    o.path,
                    &[
                        "the same metric, area, period and measure as observations[",
                        &first.to_string(),
                        "]; skipped",
                    ],
                );
                continue;
            }
            out.push(Observation {
                index,
                id: id.map(str::to_owned),
                metric: metric.to_owned(),
                area: area.to_owned(),
                period,
                measure,
                value,
                qualifier,
                status,
                agency,
                source: source.to_owned(),
                quote,
            });
        }
        out
    }

    /// An id that must name an element read before (a `key`: metric, area or source), with
    /// where that element stands.
    fn reference<'a>(
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
    fn opt_reference(&mut self, o: &Obj, key: &str, ids: &Recent) -> Option<Option<String>> {
        match given(o.get(key)) {
            None => Some(None),
            Some(_) => self.reference(o, key, ids).map(|(r, _)| Some(r.to_owned())),
        }
    }

    /// A true/false field; false when absent (or wrong, with an error).
    fn flag(&mut self, o: &Obj, key: &str) -> bool {
        match o.get(key) {
            None | Some(J::Null) => false,
            Some(J::Bool(b)) => *b,
            Some(other) => {
                self.found(o.at(key), "true or false", other);
                false
            }
        }
    }

    fn measure(&mut self, o: &Obj, period: Option<Period>) -> Option<Measure> {
        // Level when absent.
        let tag = self.pick(o, "measure", Measure::NAMES).ok()?.unwrap_or(0);
        let vs = self.period(o, "vs", tag != 0).ok()?;
        match (tag, vs) {
            (0, Some(_)) => {
                self.error(
                    o.at("vs"),
                    "only a change (measure change-pct or change-pp) has a comparison period",
                );
                None
            }
            (0, None) => Some(Measure::Level),
            (_, None) => None,
            (tag, Some(vs)) => {
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
                Some(if tag == 1 {
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

    fn annotations(&mut self, root: &Obj, areas: &Ids, metrics: &Ids) -> Vec<Annotation> {
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

    fn headlines(&mut self, root: &Obj, observations: &[Observation]) -> Vec<String> {
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

    /// Warnings about real-world inconsistencies; nothing is dropped here.
    fn cross_checks(&mut self, feed: &Feed, metric_ids: &Ids) {
        let level = |metric: &str, area: &str, period: Period| {
            feed.observations.iter().find_map(|o| {
                (o.metric == metric
                    && o.area == area
                    && o.period == period
                    && o.measure == Measure::Level)
                    .then_some(o.value)
                    .flatten()
            })
        };
        for o in &feed.observations {
            let (Measure::ChangePct { vs }, Some(published)) = (o.measure, o.value) else {
                continue;
            };
            let (Some(now), Some(before)) = (
                level(&o.metric, &o.area, o.period),
                level(&o.metric, &o.area, vs),
            ) else {
                continue;
            };
            let Some(computed) = super::derive::pct_change(before, now) else {
                continue;
            };
            if (computed - published).abs() > CHANGE_TOLERANCE_PP {
                self.warn_parts(
                    Path::Key(&Path::Item("observations", o.index), "value"),
                    &[
                        "the published change ",
                        &number(published),
                        " % disagrees with the published levels ",
                        &number(before),
                        " → ",
                        &number(now),
                        " (",
                        &one_decimal(computed),
                        " %); both are kept as published",
                    ],
                );
            }
        }
        // A series whose metric name changes: warn unless a methodology break is annotated.
        // Each metric is compared with the first of its series, in file order.
        let mut first_of = Ids::default();
        for (i, m) in feed.metrics.iter().enumerate() {
            let Some(key) = m.series.as_deref() else {
                continue;
            };
            let Some(first) = first_of.first_at(key, i) else {
                continue;
            };
            let Some(first) = feed.metrics.get(first) else {
                continue;
            };
            if m.label == first.label {
                continue;
            }
            let annotated = feed.annotations.iter().any(|a| {
                a.kind == AnnotationKind::MethodologyBreak
                    && a.metric
                        .as_deref()
                        .is_none_or(|x| x == m.id || x == first.id)
            });
            if !annotated {
                let item = match metric_ids.get(&m.id) {
                    Some(i) => Path::Item("metrics", i),
                    None => Path::Root,
                };
                self.warn_parts(
                    Path::Key(&item, "series"),
                    &[
                        "series '",
                        key,
                        "' changes name from '",
                        first.label.get(Lang::En, feed.lang),
                        "' to '",
                        m.label.get(Lang::En, feed.lang),
                        "' without a methodology-break annotation",
                    ],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_table_keeps_the_first_place_of_every_key() {
        let ids: Vec<String> = (0..5000).map(|i| format!("id-{i}")).collect();
        let mut table = super::Ids::default();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(table.first_at(id, i), None);
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(table.first_at(id, i + 1), Some(i));
            assert_eq!(table.get(id), Some(i));
        }
        assert_eq!(table.get("id-5000"), None);
        assert_eq!(super::Ids::default().get(""), None);
        let mut keys = super::Table::<super::ObservationKey>::default();
        assert_eq!(keys.first_at([1, 2, 3, 4], 7), None);
        assert_eq!(keys.first_at([1, 2, 3, 5], 8), None);
        assert_eq!(keys.first_at([1, 2, 3, 4], 9), Some(7));
    }

    #[test]
    fn a_metric_may_ask_for_bars_without_a_warning() {
        let mut doc: serde_json::Value =
            serde_json::from_str(include_str!("../../public/feeds/aktobe-2025.json")).unwrap();
        doc["metrics"][0]["chart"] = "bars".into();
        let checked = super::check(&doc.to_string()).unwrap();
        assert_eq!(checked.feed.metrics[0].chart, super::ChartHint::Bars);
        let about_chart: Vec<_> = checked
            .problems
            .iter()
            .filter(|p| p.path.starts_with("metrics[0]"))
            .collect();
        assert!(about_chart.is_empty(), "{about_chart:?}");
    }

    #[test]
    fn plain_numbers_and_one_decimal() {
        for yes in ["76", "-3.8", "+1", "1e6", "2.5E-3", ".5", "5."] {
            assert!(super::is_plain_number(yes), "{yes}");
        }
        for no in ["", "-", ".", "1e", "NaN", "1 638", "3,8", "12a", "e5"] {
            assert!(!super::is_plain_number(no), "{no}");
        }
        assert_eq!(super::one_decimal(-36.74), "-36.7");
        assert_eq!(super::one_decimal(5.0), "5.0");
        assert_eq!(super::one_decimal(0.04), "0.0");
        assert_eq!(super::one_decimal(12.96), "13.0");
    }

    #[test]
    fn numbers_read_as_rust_writes_them() {
        for x in [
            0.0,
            -0.0,
            12.5,
            -3.0,
            100.5,
            1e-7,
            0.1,
            0.30000000000000004,
            2.0000000000000004,
            4.35,
            1e20,
            123_456_789.123,
            2.5e15,
            9_007_199_254_740_993.0,
            -250.75,
            std::f64::consts::PI,
            1e-5,
            0.000123456,
            1e16,
            1e36,
            123.456e30,
        ] {
            assert_eq!(super::number(x), format!("{x}"));
        }
        // Every decimal of up to nine digits with up to eleven places, as a publisher writes it.
        let mut seed = 0x1234_5678_9abc_def0u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let places = (seed >> 40) as i32 % 12;
            let x = (seed % 1_000_000_000) as f64 / 10f64.powi(places);
            assert_eq!(super::number(x), format!("{x}"));
        }
        // Sixteen or seventeen digits read back, though not always the ones `{x}` picks.
        for x in [
            1.2345678901234567e20,
            99.99999999999999,
            0.24813488304655687,
        ] {
            assert_eq!(super::number(x).parse::<f64>(), Ok(x));
        }
        // Far out of any figure's range the digits are only close.
        assert!(super::number(1.5e-300).starts_with("0.000"));
        assert!(super::number(-1e300).starts_with("-1000"));
    }
}
