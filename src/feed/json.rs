//! A JSON tree that borrows its text from the feed, read through serde_json.
//!
//! `serde_json::Value` allocates every key and every string and a `BTreeMap` per object, which
//! was half the time of checking a 10 MB feed. Here strings without escapes point into the
//! feed, and the members of all objects (and the elements of all arrays) lie in one vector,
//! each object naming its span of it. Semantics follow `Value`: a repeated key keeps its last
//! value, and numbers keep integer or float.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// One JSON value.
pub(crate) enum J<'a> {
    Null,
    Bool(bool),
    /// A non-negative integer.
    U(Bits),
    /// A negative integer.
    I(Bits),
    /// A number with a fraction or an exponent (always finite).
    F(Bits),
    Str(Cow<'a, str>),
    /// Elements, in [`Doc::items`].
    Arr(Span),
    /// Members in file order, repeats included, in [`Doc::fields`]; see [`get`].
    Obj(Span),
}

/// The eight bytes of a number, aligned as a `u32` so that a value takes 12 bytes in wasm32.
#[derive(Clone, Copy)]
pub(crate) struct Bits([u32; 2]);

impl Bits {
    fn new(bits: u64) -> Bits {
        Bits([bits as u32, (bits >> 32) as u32])
    }

    fn get(self) -> u64 {
        u64::from(self.0[0]) | u64::from(self.0[1]) << 32
    }
}

/// Where an array's elements or an object's members lie in their vector.
#[derive(Clone, Copy)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }
}

/// An object's members.
pub(crate) type Fields<'a> = [(Cow<'a, str>, J<'a>)];

/// A parsed text: its root value, and the members and elements of all its objects and arrays.
pub(crate) struct Doc<'a> {
    pub(crate) root: J<'a>,
    fields: Vec<(Cow<'a, str>, J<'a>)>,
    items: Vec<J<'a>>,
}

impl<'a> Doc<'a> {
    pub(crate) fn fields(&self, span: Span) -> &Fields<'a> {
        self.fields.get(span.range()).unwrap_or_default()
    }

    pub(crate) fn items(&self, span: Span) -> &[J<'a>] {
        self.items.get(span.range()).unwrap_or_default()
    }

    /// How many members all the objects have together.
    pub(crate) fn field_count(&self) -> usize {
        self.fields.len()
    }
}

impl Drop for Doc<'_> {
    /// Drops the members a few thousand at a time: each piece is a call of its own, which V8
    /// soon compiles optimised, where one call over all of them runs to its end in the code it
    /// started with (a 10 MB feed's 700 000 members took 10 ms in a fresh page, 5 once warm).
    fn drop(&mut self) {
        while let Some(rest) = self.fields.len().checked_sub(4096).filter(|&n| n > 0) {
            self.fields.truncate(rest);
        }
    }
}

/// A member by key; the last one when a key is repeated, as `serde_json::Value` keeps it.
pub(crate) fn get<'f, 'a>(fields: &'f Fields<'a>, key: &str) -> Option<&'f J<'a>> {
    fields
        .iter()
        .rev()
        .find(|(k, _)| same_key(k, key))
        .map(|(_, v)| v)
}

/// `a == b` for short keys, without the call that comparing slices makes.
#[inline(always)]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a.get(i) != b.get(i) {
            return false;
        }
        i += 1;
    }
    true
}

impl J<'_> {
    /// As `serde_json::Number::as_f64`.
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match *self {
            J::U(n) => Some(n.get() as f64),
            J::I(n) => Some(n.get() as i64 as f64),
            J::F(f) => Some(f64::from_bits(f.get())),
            _ => None,
        }
    }

    /// As `serde_json::Value::as_i64`: integers only.
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match *self {
            J::U(n) => i64::try_from(n.get()).ok(),
            J::I(n) => Some(n.get() as i64),
            _ => None,
        }
    }
}

/// Why [`parse`] gave up.
pub(crate) enum Failure {
    /// Arrays and objects nest deeper than the limit before the text goes wrong, if it does.
    TooDeep,
    /// Not JSON, with serde_json's error (the nesting may still be too deep after it).
    Syntax(serde_json::Error),
}

/// Parses a whole text as `serde_json::from_str` does (same errors, same positions), but
/// stops as soon as arrays and objects nest more than `max_depth` deep.
pub(crate) fn parse(text: &str, max_depth: usize) -> Result<Doc<'_>, Failure> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut build = Build {
        depth_left: max_depth,
        // Room at once for about as many members and elements as the text holds (the bench's
        // 10 MB feed: a member in 14 bytes, an element in 73): the vectors do not grow by
        // copying, and what they do not use was never written, so costs no memory pages.
        fields: Vec::with_capacity(text.len() / 12),
        items: Vec::with_capacity(text.len() / 48),
        ..Build::default()
    };
    let parsed = Seed(&mut build)
        .deserialize(&mut de)
        .and_then(|root| de.end().map(|()| root));
    // Whether or not the text reads to its end once the parser stopped descending.
    if build.too_deep {
        return Err(Failure::TooDeep);
    }
    let root = parsed.map_err(Failure::Syntax)?;
    // What the vectors grew by and do not use goes back to the allocator, for the feed.
    build.fields.shrink_to_fit();
    build.items.shrink_to_fit();
    Ok(Doc {
        root,
        fields: build.fields,
        items: build.items,
    })
}

/// The vectors being filled, and the members of the arrays and objects still being read.
#[derive(Default)]
struct Build<'a> {
    fields: Vec<(Cow<'a, str>, J<'a>)>,
    items: Vec<J<'a>>,
    open_fields: Vec<(Cow<'a, str>, J<'a>)>,
    open_items: Vec<J<'a>>,
    /// How many more arrays and objects may open inside the ones open now.
    depth_left: usize,
    /// Set when one more opened.
    too_deep: bool,
}

impl Build<'_> {
    /// Enters an array or an object; false (and `too_deep` set) when that nests too deep.
    fn enter(&mut self) -> bool {
        match self.depth_left.checked_sub(1) {
            Some(left) => {
                self.depth_left = left;
                true
            }
            None => {
                self.too_deep = true;
                false
            }
        }
    }
}

/// Moves the members read since `mark` to the end of `done`, and says where they lie there.
///
/// The counts fit in `u32`: every value takes at least one byte of the text, and the only caller
/// of [`parse`] (`validate::parse::parse_root`) refuses a text over `MAX_BYTES` (16 MiB) first.
fn close<T>(open: &mut Vec<T>, mark: usize, done: &mut Vec<T>) -> Span {
    let start = done.len();
    done.extend(open.drain(mark..));
    Span {
        start: start as u32,
        len: (done.len() - start) as u32,
    }
}

struct Seed<'s, 'a>(&'s mut Build<'a>);

impl<'de> DeserializeSeed<'de> for Seed<'_, 'de> {
    type Value = J<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<J<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, 'de> {
    type Value = J<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<J<'de>, E> {
        Ok(J::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<J<'de>, E> {
        Ok(match u64::try_from(n) {
            Ok(u) => J::U(Bits::new(u)),
            Err(_) => J::I(Bits::new(n as u64)),
        })
    }

    fn visit_u64<E>(self, n: u64) -> Result<J<'de>, E> {
        Ok(J::U(Bits::new(n)))
    }

    fn visit_f64<E>(self, f: f64) -> Result<J<'de>, E> {
        // `Value` turns a number it cannot hold into null.
        Ok(if f.is_finite() {
            J::F(Bits::new(f.to_bits()))
        } else {
            J::Null
        })
    }

    fn visit_str<E>(self, s: &str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(s.to_owned())))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Borrowed(s)))
    }

    fn visit_string<E>(self, s: String) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }

    fn visit_none<E>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'de>, A::Error> {
        // Too deep: read no further in (the text is refused, whatever the parser finds next).
        if !self.0.enter() {
            return Ok(J::Null);
        }
        let mark = self.0.open_items.len();
        while some_elements(&mut seq, self.0)? {}
        let build = &mut *self.0;
        build.depth_left += 1;
        Ok(J::Arr(close(&mut build.open_items, mark, &mut build.items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'de>, A::Error> {
        if !self.0.enter() {
            return Ok(J::Null);
        }
        let mark = self.0.open_fields.len();
        while let Some(Key(k)) = map.next_key()? {
            let v = map.next_value_seed(Seed(&mut *self.0))?;
            self.0.open_fields.push((k, v));
        }
        let build = &mut *self.0;
        build.depth_left += 1;
        Ok(J::Obj(close(
            &mut build.open_fields,
            mark,
            &mut build.fields,
        )))
    }
}

/// Reads up to a thousand elements of a list; false once it has ended. A call of its own for
/// each thousand: V8 compiles a function optimised from its next call once it has run enough,
/// while a loop keeps the code it started with, so one loop over a 10 MB feed's 137 000
/// observations would run unoptimised to its end.
#[inline(never)]
fn some_elements<'de, A: SeqAccess<'de>>(
    seq: &mut A,
    build: &mut Build<'de>,
) -> Result<bool, A::Error> {
    for _ in 0..1024 {
        match seq.next_element_seed(Seed(&mut *build))? {
            Some(v) => build.open_items.push(v),
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// An object key, borrowed from the text when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s)))
    }
}
