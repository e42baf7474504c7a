//! The id table: a small open-addressing hash table (FxHash, never shrinks, nothing removed)
//! from ids, or observations' keys, to where each first stands, and [`Recent`], a lookup in it
//! that remembers its last answer.

use std::cell::Cell;

/// FxHash (the Rust compiler's hash) of `bytes`, its high half: ids are short and not
/// attacker-chosen keys of a long-lived table, and SipHash was a seventh of the time of
/// validating a 10 MB feed.
fn fx(bytes: &[u8]) -> u32 {
    let mut h = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = fx_add(h, word(chunk));
    }
    if !chunks.remainder().is_empty() {
        h = fx_add(h, word(chunks.remainder()));
    }
    (h >> 32) as u32
}

/// One step of FxHash.
fn fx_add(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Up to eight bytes as a little-endian word, zero-padded.
fn word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    if let Some(w) = word.get_mut(..bytes.len()) {
        w.copy_from_slice(bytes);
    }
    u64::from_le_bytes(word)
}

/// A key of a [`Table`].
pub(super) trait TableKey: Copy + PartialEq {
    fn hash(&self) -> u32;
}

impl TableKey for &str {
    fn hash(&self) -> u32 {
        fx(self.as_bytes())
    }
}

/// An observation's metric index, area index, the months of its span with its measure, and
/// the months of its comparison span: small, so that a table of 100 000 observations is small.
/// The third number holds the span's first month in bits 0–12, its last in bits 13–25 and the
/// measure from bit 26 (`observations::spans`).
pub(super) type ObservationKey = [u32; 4];

impl TableKey for ObservationKey {
    /// FxHash of the key with the first month's last four bits left out and made the hash's
    /// own last four (and the span's length in place of its last month): the months of a
    /// series then take sixteen slots in a row, two cache lines, rather than a cache line each
    /// in a table of megabytes.
    fn hash(&self) -> u32 {
        let [metric, area, span, vs] = *self;
        let first = span & 0x1fff;
        let length = (span >> 13).wrapping_sub(first) & 0x1fff;
        let series = first >> 4 | length << 13 | span >> 26 << 26;
        let [a, b, c, d] = [metric, area, series, vs].map(u64::from);
        let h = fx_add(fx_add(0, a | b << 32), c | d << 32);
        (h >> 32) as u32 & !15 | first & 15
    }
}

/// Keys with where each stands, found by hash, and never removed: the two tables the checker
/// needs in a few lines of open addressing, whose probing is compiled once, rather than a
/// `HashMap` each (hashbrown's code for both was ~1 KB gzip of the page).
pub(super) struct Table<K> {
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
    /// A table that holds `n` keys without growing.
    pub(super) fn with_capacity(n: usize) -> Self {
        Table {
            entries: Vec::with_capacity(n),
            slots: vec![0; (n * 2 + 1).next_power_of_two().max(16)],
        }
    }

    /// Where in `entries` `key` is.
    fn position(&self, key: K) -> Option<usize> {
        let i = probe(&self.slots, key.hash(), &|e| {
            self.entries.get(e).is_some_and(|(k, _)| *k == key)
        });
        (*self.slots.get(i)? as u32 as usize).checked_sub(1)
    }

    /// Where `key` stands.
    pub(super) fn get(&self, key: K) -> Option<usize> {
        let e = self.position(key)?;
        self.entries.get(e).map(|(_, at)| *at)
    }

    /// Where `key` already stands; or `None`, and `key` is now noted at `at`.
    pub(super) fn first_at(&mut self, key: K, at: usize) -> Option<usize> {
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
pub(super) type Ids<'a> = Table<&'a str>;

/// A map from ids that remembers its last answer: an observation usually names the same
/// metric, area and source as the one before it, and comparing is cheaper than hashing.
pub(super) struct Recent<'r, 'm> {
    map: &'r Ids<'m>,
    /// Where in the table's entries the last id found is.
    last: Cell<Option<usize>>,
}

impl<'r, 'm> Recent<'r, 'm> {
    pub(super) fn new(map: &'r Ids<'m>) -> Self {
        Recent {
            map,
            last: Cell::new(None),
        }
    }

    pub(super) fn find(&self, key: &str) -> Option<usize> {
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
        // Consecutive months of a series, in sixteen slots in a row.
        let month = |m: u32| super::TableKey::hash(&[1, 2, m | m << 13, 0]);
        assert_eq!(month(33), month(32) + 1);
        assert_eq!(month(47), month(32) + 15);
        let mut sized = super::Table::<super::ObservationKey>::with_capacity(3);
        for i in 0..100u32 {
            assert_eq!(sized.first_at([i, 0, 0, 0], i as usize), None);
        }
        assert_eq!(sized.get([42, 0, 0, 0]), Some(42));
    }
}
