//! The cue tables under `src/lexicon/`, embedded at build time and compiled once.
//!
//! Vietnamese rules live in those files: adding a phrasing is a new row there,
//! not a new branch in the code. Each table is a TSV: `#` starts a comment,
//! the first column is the cue (matched on the lowercase normalised text, as a
//! whole word), the following columns are the table's values.

use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::normalize::key;

/// One table of cue words, indexed by their first word, longest cue first.
#[derive(Debug)]
pub struct CueSet {
    /// cue (normalised lowercase) and its value columns
    pub rows: Vec<(String, Vec<String>)>,
    /// cue -> row
    index: FxHashMap<String, usize>,
    /// hash of a cue's first word (`word_hash`) -> the rows of the cues that
    /// begin with it, longest first (rows of first words sharing a hash share
    /// the list: a cue only matches where its own first word stands)
    by_first_word: RowsByFirst,
    /// one bit per hash of a cue's first word (see `Words`): most words of a
    /// text are ruled out without a lookup
    first_bits: Box<[u64; FIRST_BITS / 64]>,
    /// the set's place among the lexicon's tables, whose word starts `Words`
    /// lists for each table (None for a table made outside the lexicon)
    id: Option<usize>,
}

const FIRST_BITS: usize = 4096;

fn first_bit(hash: u64) -> (usize, u64) {
    let b = (hash >> 40) as usize % FIRST_BITS;
    (b / 64, 1u64 << (b % 64))
}

fn word_hash(w: &str) -> u64 {
    hash_bytes(w.as_bytes())
}

#[inline]
fn hash_bytes(w: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(w);
    h.finish()
}

/// Hash of a first word -> one bit per lexicon table (by `CueSet::id`) with a
/// cue that begins with a word of that hash.
static FIRST_WORD_SETS: Lazy<FirstWordSets> = Lazy::new(|| {
    let mut m: FxHashMap<u64, u32> = FxHashMap::default();
    for set in lexicon().sets() {
        if let Some(id) = set.id {
            for h in set.by_first_word.hashes() {
                *m.entry(h).or_default() |= 1 << id;
            }
        }
    }
    FirstWordSets::new(&m)
});

/// A cue table's rows by the hash of their first word, as an open-addressing table at
/// most a quarter full over one list of entries (a lookup per candidate word of a text
/// costs a few instructions; a general hash map, several times more).
///
/// An entry carries what matching a row needs (its length, its last byte, where its
/// bytes are in `bytes`), next to the other rows of its first word, so that trying the
/// rows of a word reads two short runs of memory instead of a `String` per row.
#[derive(Debug)]
struct RowsByFirst {
    /// (hash, first entry in `entries`, number of entries); a count of 0 is an empty slot
    slots: Vec<(u64, u32, u32)>,
    mask: usize,
    entries: Vec<RowEntry>,
    /// the cues' bytes, each entry's at `entries[k].at..entries[k].at + entries[k].len`
    bytes: Vec<u8>,
}

/// One row of a `RowsByFirst` list.
#[derive(Debug, Clone, Copy)]
struct RowEntry {
    /// the row in `CueSet::rows`
    row: u32,
    /// where the cue's bytes start in `RowsByFirst::bytes`
    at: u32,
    /// the cue's length in bytes (never 0)
    len: u32,
    /// the cue's last byte, compared before the whole cue
    last: u8,
}

impl RowsByFirst {
    /// The rows of `cues` (row number -> cue) by first-word hash; each list in the order given.
    fn new(by_first: &FxHashMap<u64, Vec<usize>>, cues: &[(String, Vec<String>)]) -> Self {
        let n = (by_first.len() * 4).next_power_of_two().max(16);
        let mut t = RowsByFirst {
            slots: vec![(0, 0, 0); n],
            mask: n - 1,
            entries: Vec::new(),
            bytes: Vec::new(),
        };
        for (&h, rows) in by_first {
            let mut i = h as usize & t.mask;
            while t.slots[i].2 != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = (h, t.entries.len() as u32, rows.len() as u32);
            for &r in rows {
                let c = cues[r].0.as_bytes();
                t.entries.push(RowEntry {
                    row: r as u32,
                    at: t.bytes.len() as u32,
                    len: c.len() as u32,
                    last: c.last().copied().unwrap_or(0),
                });
                t.bytes.extend_from_slice(c);
            }
        }
        t
    }

    /// The entries of the rows whose first word has hash `h`, in table order (longest cue
    /// first).
    #[inline(always)]
    fn get(&self, h: u64) -> Option<&[RowEntry]> {
        let mut i = h as usize & self.mask;
        loop {
            let (k, at, n) = self.slots[i];
            if n == 0 {
                return None;
            }
            if k == h {
                return self.entries.get(at as usize..(at + n) as usize);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The bytes of an entry's cue.
    #[inline(always)]
    fn cue(&self, e: &RowEntry) -> &[u8] {
        self.bytes
            .get(e.at as usize..(e.at + e.len) as usize)
            .unwrap_or_default()
    }

    /// The hashes of the first words.
    fn hashes(&self) -> impl Iterator<Item = u64> + '_ {
        self.slots.iter().filter(|s| s.2 != 0).map(|s| s.0)
    }
}

/// `FIRST_WORD_SETS` as an open-addressing table of `tag << 32 | sets`, at most a quarter
/// full, each hash in the slot its low bits name or the next one (the table is made larger
/// until that holds): looked up with a few instructions per word of a text and no branch.
///
/// A slot holds 32 bits of the hash (the tag) besides the ones that place it, so that two
/// first words may share a slot's answer: a word is then a candidate of sets it begins no
/// cue of, and `CueSet::longest_after` (which looks the full hash up) finds nothing there.
/// Never the other way round: a word's own sets are always answered.
struct FirstWordSets {
    slots: Vec<u64>,
    mask: usize,
}

impl FirstWordSets {
    fn new(sets: &FxHashMap<u64, u32>) -> Self {
        let mut n = (sets.len() * 4).next_power_of_two().max(64);
        loop {
            if let Some(t) = Self::fill(sets, n) {
                return t;
            }
            n *= 2;
        }
    }

    /// The table of `n` slots (a power of two), each hash in its slot or the next; None
    /// if some hash finds both taken.
    fn fill(sets: &FxHashMap<u64, u32>, n: usize) -> Option<Self> {
        // (one slot past the last: the last slot's next)
        let mut t = FirstWordSets {
            slots: vec![0; n + 1],
            mask: n - 1,
        };
        for (&h, &m) in sets {
            let tag = Self::tag(h);
            let i = h as usize & t.mask;
            let k = (i..i + 2).find(|&k| t.slots[k] == 0 || t.slots[k] >> 32 == tag)?;
            t.slots[k] = tag << 32 | u64::from(t.slots[k] as u32 | m);
        }
        Some(t)
    }

    /// The tag of a hash: its high half, never 0 (0 is an empty slot).
    #[inline(always)]
    fn tag(h: u64) -> u64 {
        (h >> 32) | 1
    }

    /// The sets (one bit each) a word of hash `h` may begin a cue of; 0 for none. Both
    /// slots a hash may be in are read and kept or dropped by their tags, without a
    /// branch: whether a word of a text begins a cue is a coin toss the branch predictor
    /// would lose about one time in ten.
    #[inline(always)]
    fn get(&self, h: u64) -> u32 {
        let tag = Self::tag(h);
        let i = h as usize & self.mask;
        let pick = |s: u64| if s >> 32 == tag { s as u32 } else { 0 };
        match self.slots.get(i..i + 2) {
            Some(&[a, b]) => pick(a) | pick(b),
            _ => 0,
        }
    }
}

/// The words of a lowercase text from byte `i` on, as `(start, end)`: a run of
/// letters and digits is one word, white space separates, and any other char
/// (`%`, `(`) is a word of its own.
#[inline(always)]
pub(crate) fn next_word(bytes: &[u8], mut i: usize) -> Option<(usize, usize)> {
    let n = bytes.len();
    while i < n {
        // the usual cases first, told by the byte alone: a space, the first byte of a letter
        // or digit that `IN_WORD` says goes on (an ASCII letter or digit, the lead byte of
        // U+0100..U+023F such as `đ`: at a char boundary, no continuation byte); the run goes
        // on over the rest of its char
        match bytes[i] {
            b' ' => {
                i += 1;
                continue;
            }
            b if IN_WORD[b as usize] == b'+' => return Some((i, alnum_run_end(bytes, i + 1))),
            _ => {}
        }
        let (class, len) = char_class(bytes, i);
        match class {
            // the whole run of letters and digits is one word
            CharClass::Alnum => return Some((i, alnum_run_end(bytes, i + len))),
            CharClass::Space => i += len,
            CharClass::Mark => return Some((i, i + len)),
        }
    }
    None
}

/// The end of the run of letters and digits that goes on at byte `i` (a char
/// boundary, after a letter or digit). Eight bytes at a time, the run goes on over the
/// bytes `IN_WORD` says go on (`+`, see `stop_bytes`); at the first other byte, `-` ends
/// it, the letters of Vietnamese are told from their bytes, and any other char is
/// decoded (`char_class`).
#[inline(always)]
fn alnum_run_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match crate::blocks::block_at(bytes, i) {
            Some(block) => {
                let stop = stop_bytes(block);
                if stop == 0 {
                    i += 8;
                    continue;
                }
                i += stop.trailing_zeros() as usize / 8;
            }
            None => {
                // the last bytes, one at a time
                while bytes.get(i).is_some_and(|&b| IN_WORD[b as usize] == b'+') {
                    i += 1;
                }
            }
        }
        let Some(&b) = bytes.get(i) else {
            return i;
        };
        if IN_WORD[b as usize] == b'-' {
            return i;
        }
        let (class, len) = char_class(bytes, i);
        if class != CharClass::Alnum {
            return i;
        }
        i += len;
    }
}

/// The high bit of each byte of `x` (eight bytes of a text, little-endian) where a run
/// of letters and digits may stop: all bytes but those `IN_WORD` says go on (`+`: ASCII
/// letters and digits, UTF-8 continuation bytes, the lead bytes 0xC4–0xC8) and the lead
/// bytes of the other letters of Vietnamese, told by the byte after them as
/// `char_class` tells them (`0xC3` but `×` and `÷`; `0xE1` before 0xB8–0xBB); a lead
/// byte in the last place, whose next byte is not in `x`, is a stop. Every byte is told
/// apart by arithmetic that carries nothing into the next byte, so a word's end is
/// found without a branch per byte.
#[inline(always)]
fn stop_bytes(x: u64) -> u64 {
    use crate::blocks::{ascii_alnum, continuation, equal, low7_in, HIGH_BITS, LAST, ONES};
    let two_byte_letter = x & low7_in(x, 0x44, 0x48);
    // each byte's next byte in its place
    let next = x >> 8;
    let latin1_letter = equal(x, 0xC3) & !(equal(next, 0x97) | equal(next, 0xB7));
    let extended_letter = equal(x, 0xE1) & equal(next & (ONES * 0xFC), 0xB8);
    let letter_lead = (latin1_letter | extended_letter) & !LAST;
    !(ascii_alnum(x) | continuation(x) | two_byte_letter | letter_lead) & HIGH_BITS
}

/// Where a cue may start in a lowercase text, found once per document: the
/// words (see `next_word`) whose first word begins a cue of some lexicon table,
/// each with the hash of that word. For each table, the starts whose first
/// word begins one of its cues are listed apart, so that `CueSet::find_words`
/// looks only at those.
#[derive(Debug, Default, Clone)]
pub struct Words {
    words: Vec<Word>,
    /// for lexicon table `t`, `by_set[set_at[t]..set_at[t + 1]]` are the
    /// indices (into `words`) of its candidate starts, in text order
    by_set: Vec<u32>,
    set_at: Vec<u32>,
}

/// A word of `Words`: where it starts and ends (the end of the whole word in the
/// text, not of a span) and its hash.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    start: u32,
    end: u32,
    hash: u64,
}

impl Words {
    pub fn new(lower: &str) -> Words {
        let sets = &*FIRST_WORD_SETS;
        let bytes = lower.as_bytes();
        // every word is written at `k`, which moves on only past the ones that begin a cue
        // (a branch on it would be mispredicted about one word in ten), in a chunk that is
        // moved to the lists when full
        const CHUNK: usize = 64;
        let mut chunk = [(Word::default(), 0u32); CHUNK];
        let mut k = 0;
        let mut words: Vec<Word> = Vec::with_capacity(lower.len() / 16 + 4);
        let mut masks: Vec<u32> = Vec::with_capacity(lower.len() / 16 + 4);
        let mut flush = |chunk: &[(Word, u32)]| {
            words.extend(chunk.iter().map(|c| c.0));
            masks.extend(chunk.iter().map(|c| c.1));
        };
        crate::wordbits::for_each_word(
            bytes,
            #[inline(always)]
            |a, b| {
                let h = hash_bytes(&bytes[a..b]);
                let m = sets.get(h);
                let word = Word {
                    start: a as u32,
                    end: b as u32,
                    hash: h,
                };
                if let Some(slot) = chunk.get_mut(k) {
                    *slot = (word, m);
                }
                k += usize::from(m != 0);
                if k == CHUNK {
                    flush(&chunk);
                    k = 0;
                }
            },
        );
        flush(&chunk[..k]);
        let mut w = Words {
            words,
            ..Words::default()
        };
        w.index_sets(&masks);
        w
    }

    /// Fill `by_set`/`set_at` from each start's sets (a counting sort by table).
    fn index_sets(&mut self, masks: &[u32]) {
        // entries per table: each bit of a mask added to its table's count, a few vector adds
        // per start (counted bit by bit with `each_bit`, each add waited on the last one to
        // the same count, and all the absent bits went to one)
        // (only the lexicon's `N_SETS` tables have bits, the ids `Lexicon::sets` gives: the
        // other counts stay 0, and a higher bit would be dropped below, never indexed)
        let mut counts = [0u32; MAX_SETS];
        for &m in masks {
            for (t, c) in counts[..N_SETS].iter_mut().enumerate() {
                *c += (m >> t) & 1;
            }
        }
        let mut set_at = vec![0u32; MAX_SETS + 1];
        for t in 0..MAX_SETS {
            set_at[t + 1] = set_at[t] + counts[t];
        }
        let total = set_at[MAX_SETS] as usize;
        // where each table's next entry goes, then a spare slot per round of `each_bit`: an
        // absent bit writes to the spare entry past the tables' and leaves its slot as it is
        // (one slot for all the rounds would make each wait on the one before)
        let mut next = [total as u32; MAX_SETS + ROUNDS];
        next[..MAX_SETS].copy_from_slice(&set_at[..MAX_SETS]);
        let mut by_set = vec![0u32; total + 1];
        for (k, &m) in masks.iter().enumerate() {
            let mut round = 0;
            each_bit(m & SET_BITS, |t| {
                let slot = if t < MAX_SETS { t } else { MAX_SETS + round };
                by_set[next[slot] as usize] = k as u32;
                next[slot] += u32::from(t < MAX_SETS);
                round = (round + 1) % ROUNDS;
            });
        }
        by_set.truncate(total);
        self.by_set = by_set;
        self.set_at = set_at;
    }

    /// The candidate starts of lexicon table `id` (indices into `words`).
    fn of_set(&self, id: usize) -> &[u32] {
        match (self.set_at.get(id), self.set_at.get(id + 1)) {
            (Some(&a), Some(&b)) => &self.by_set[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// `f(t)` for each set bit `t` of `m`, lowest first, and `f(MAX_SETS)` for each absent
/// bit up to the `ROUNDS`th: a fixed number of rounds leaves the branch predictor nothing
/// to guess for most words (a loop ending after the last set bit mispredicted about twice
/// per word), and the rest of the bits, if any, are read by a loop.
#[inline(always)]
fn each_bit(mut m: u32, mut f: impl FnMut(usize)) {
    for _ in 0..ROUNDS {
        // (`trailing_zeros` of 0 is 32, `MAX_SETS`)
        f(m.trailing_zeros() as usize);
        m &= m.wrapping_sub(1);
    }
    while m != 0 {
        f(m.trailing_zeros() as usize);
        m &= m - 1;
    }
}

/// The rounds `each_bit` takes for every mask. Of the words of the dev corpus that begin
/// a cue, 44% begin cues of one table, 25% of two, 13% of three, 13% of four, 6% of five
/// or six: with three rounds, 81% take no loop, and the rest one short one. Six rounds
/// (no loop for any) spent more on the absent bits than the loop's mispredictions cost:
/// `Words::new` ran 8.5% fewer instructions with three and was faster in 12 of 12
/// alternated runs (`benchmarks/ab.py --mode words`, median 501 -> 554 MB/s); with two,
/// about as fast as with three.
const ROUNDS: usize = 3;

/// Most tables the lexicon may hold (one bit each in `FIRST_WORD_SETS`).
const MAX_SETS: usize = 32;
const _: () = assert!(0u32.trailing_zeros() as usize == MAX_SETS);
const _: () = assert!(N_SETS <= MAX_SETS);
/// The tables of `Lexicon::sets`.
const N_SETS: usize = 20;
/// The bits of a mask that name one of them.
const SET_BITS: u32 = (1 << N_SETS) - 1;

/// A cue found in a text: byte span and the row index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub row: usize,
}

impl CueSet {
    fn parse(src: &str) -> CueSet {
        let mut rows: Vec<(String, Vec<String>)> = src
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut cols = l.split('\t');
                let cue = key(cols.next().unwrap_or("").trim());
                (cue, cols.map(|c| c.trim().to_string()).collect())
            })
            .filter(|(c, _)| !c.is_empty())
            .collect();
        rows.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        rows.dedup_by(|a, b| a.0 == b.0);
        let mut first_bits = Box::new([0u64; FIRST_BITS / 64]);
        for (c, _) in &rows {
            let (i, bit) = first_bit(word_hash(first_word(c)));
            first_bits[i] |= bit;
        }
        let index = rows
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.clone(), i))
            .collect();
        let mut by_first: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (i, (c, _)) in rows.iter().enumerate() {
            by_first
                .entry(word_hash(first_word(c)))
                .or_default()
                .push(i);
        }
        let by_first_word = RowsByFirst::new(&by_first, &rows);
        CueSet {
            rows,
            index,
            by_first_word,
            first_bits,
            id: None,
        }
    }

    /// Whole-word occurrences in `lower` (the lowercase normalised text), left to right.
    pub fn find_all(&self, lower: &str) -> Vec<Cue> {
        self.find_in(lower, 0, lower.len())
    }

    /// Whole-word occurrences within `lower[from..to]`, offsets into `lower`.
    ///
    /// Left to right, at each position the longest cue that stands there as a
    /// whole word (`to` counts as the end of the text), then on after it. For a
    /// document, whose word index is built once, `Document::cues` is the same
    /// without building the index on every call.
    pub fn find_in(&self, lower: &str, from: usize, to: usize) -> Vec<Cue> {
        if to > lower.len() {
            return Vec::new();
        }
        self.find_words(lower, &Words::new(&lower[..to]), from, to)
    }

    /// `find_in` with the word index of `lower` (or of any prefix of it that
    /// reaches `to`): only the word starts whose first word some cue begins
    /// with are looked at, one hash bit each.
    pub fn find_words(&self, lower: &str, words: &Words, from: usize, to: usize) -> Vec<Cue> {
        let mut out = Vec::new();
        if self.rows.is_empty() || from >= to || to > lower.len() {
            return out;
        }
        let hay = &lower[..to];
        let mut p = from;
        if let Some(id) = self.id {
            // only the starts whose whole first word begins a cue of this table
            let cands = words.of_set(id);
            let mut i = cands.partition_point(|&k| (words.words[k as usize].start as usize) < from);
            while let Some(&k) = cands.get(i) {
                i += 1;
                let k = k as usize;
                let w = words.words[k];
                let (s, e) = (w.start as usize, w.end as usize);
                if s >= to || e > to {
                    break; // past the span, or the word `to` cuts (read below)
                }
                if s < p {
                    continue; // inside the cue found before
                }
                if let Some(cue) = self.longest_after(hay, s, w.hash) {
                    out.push(cue);
                    p = cue.end;
                }
            }
            // the word `to` cuts, if any (letters or digits on both sides of `to`), is the last
            // start before `to`: looked up as the span ends it
            let b = lower.as_bytes();
            if to < b.len() && alnum_before(b, to) && alnum_at(b, to) {
                if let Some(s) = word_start_from(b, to, from.max(p)) {
                    out.extend(self.longest_at(hay, s));
                }
            }
            return out;
        }
        // a table made outside the lexicon: every word of the span, one hash bit each
        let b = lower.as_bytes();
        // a word that starts before `from` is not one of the span's (`from` may fall
        // inside a char: callers step back by bytes)
        let mut at = from;
        while at < b.len() && b[at] & 0xC0 == 0x80 {
            at += 1;
        }
        if at > 0 && at < to && alnum_before(b, at) && alnum_at(b, at) {
            // its rest, up to the span's end (a word of megabytes is read once per span)
            at = alnum_run_end(&b[..to], at);
        }
        while let Some((s, e)) = next_word(b, at) {
            at = e;
            if s >= to {
                break;
            }
            if s < p {
                continue; // inside the cue found before
            }
            // a word cut by `to` is looked up as the span ends it
            let found = if e <= to {
                let h = hash_bytes(&b[s..e]);
                let (i, bit) = first_bit(h);
                if self.first_bits[i] & bit == 0 {
                    continue;
                }
                self.longest_after(hay, s, h)
            } else {
                self.longest_at(hay, s)
            };
            if let Some(cue) = found {
                out.push(cue);
                p = cue.end;
            }
        }
        out
    }

    /// The longest cue starting at `at` that stands as a whole word in `hay`.
    fn longest_at(&self, hay: &str, at: usize) -> Option<Cue> {
        self.longest_after(hay, at, word_hash(first_word(&hay[at..])))
    }

    /// `longest_at` when the hash of the first word standing at `at` is known.
    fn longest_after(&self, hay: &str, at: usize, first: u64) -> Option<Cue> {
        // only the cues that begin with a word of that hash (rows are longest first);
        // a cue whose first word differs from the text's cannot both match and end
        // on a word edge, so sharing a hash changes nothing
        let rows = self.by_first_word.get(first)?;
        let rest = &hay.as_bytes()[at..];
        rows.iter().find_map(|e| {
            let len = e.len as usize;
            // the rows of a list mostly share their first word: their last bytes tell them
            // apart before the whole cue is compared
            (rest.get(len.wrapping_sub(1)) == Some(&e.last)
                && rest.get(..len) == Some(self.by_first_word.cue(e))
                && is_word_edge(hay, at, at + len))
            .then_some(Cue {
                start: at,
                end: at + len,
                row: e.row as usize,
            })
        })
    }

    fn row_of(&self, s: &str) -> Option<usize> {
        self.index.get(s).copied()
    }

    /// The value in column `col` (0 = first after the cue) of row `row`.
    pub fn value(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|(_, v)| v.get(col))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The cue text of a row.
    pub fn cue(&self, row: usize) -> &str {
        self.rows.get(row).map(|(c, _)| c.as_str()).unwrap_or("")
    }

    /// The longest cue that starts exactly at `at` in `lower` and ends on a word edge.
    pub fn match_at(&self, lower: &str, at: usize) -> Option<Cue> {
        if at > lower.len() || !lower.is_char_boundary(at) {
            return None;
        }
        self.longest_at(lower, at)
    }

    /// Whether `s` (lowercase normalised) is one of the cues.
    pub fn contains(&self, s: &str) -> bool {
        self.row_of(s).is_some()
    }
}

/// The leading word of `s` (letters and digits), or its first character when it
/// starts with anything else (`%`, `(`).
fn first_word(s: &str) -> &str {
    let b = s.as_bytes();
    let end = match b.first() {
        None => 0,
        Some(_) => match char_class(b, 0) {
            (CharClass::Alnum, len) => alnum_run_end(b, len),
            (_, len) => len,
        },
    };
    &s[..end]
}

/// What `Words::new` makes of a char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharClass {
    /// a letter or a digit (`is_alnum`)
    Alnum,
    /// white space: ends a word, is no word itself
    Space,
    /// anything else: a word of its own
    Mark,
}

/// How a char is classed from its first byte: an ASCII byte is answered here
/// (`A`lnum, `S`pace, `M`ark); `2` is the lead byte of a two-byte Latin letter
/// (U+0100..U+023F); `C` is `0xC3` (U+00C0..U+00FF: letters but `×` and `÷`);
/// `E` is `0xE1`, whose letters U+1E00..U+1EFF (`ạ`..`ỹ`) are told by the second
/// byte; `?` is anything else (decoded).
static LEAD_CLASS: [u8; 256] = {
    let mut t = [b'?'; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            b'A'
        } else if b == b' ' as usize || (b >= 0x09 && b <= 0x0D) {
            b'S'
        } else {
            b'M'
        };
        b += 1;
    }
    t[0xC3] = b'C';
    let mut b = 0xC4;
    while b <= 0xC8 {
        t[b] = b'2';
        b += 1;
    }
    t[0xE1] = b'E';
    t
};

/// How a byte after a letter or digit is read in `next_word`: `+` the word goes on
/// (an ASCII letter or digit, or the lead byte of U+0100..U+023F, all letters, as
/// `LEAD_CLASS` says; a UTF-8 continuation byte, which inside a word belongs to a letter
/// whose lead byte was read), `-` it ends (any other ASCII byte), `?` ask `char_class`.
static IN_WORD: [u8; 256] = {
    let mut t = [b'?'; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match LEAD_CLASS[b] {
            b'A' | b'2' => b'+',
            b'S' | b'M' => b'-',
            _ if b >= 0x80 && b < 0xC0 => b'+',
            _ => b'?',
        };
        b += 1;
    }
    t
};

/// The class and UTF-8 length of the char at byte `i` (a char boundary below
/// `bytes.len()`): the letters of Vietnamese from their bytes, the rest decoded.
#[inline(always)]
pub(crate) fn char_class(bytes: &[u8], i: usize) -> (CharClass, usize) {
    let next = || bytes.get(i + 1).copied().unwrap_or(0);
    match LEAD_CLASS[bytes[i] as usize] {
        b'A' => (CharClass::Alnum, 1),
        b'S' => (CharClass::Space, 1),
        b'M' => (CharClass::Mark, 1),
        b'2' => (CharClass::Alnum, 2),
        b'C' if !matches!(next(), 0x97 | 0xB7) => (CharClass::Alnum, 2),
        b'E' if matches!(next(), 0xB8..=0xBB) => (CharClass::Alnum, 3),
        _ => {
            let (c, len) = decode_at(bytes, i);
            let class = if is_alnum(c) {
                CharClass::Alnum
            } else if c.is_whitespace() {
                CharClass::Space
            } else {
                CharClass::Mark
            };
            (class, len)
        }
    }
}

/// The char starting at byte `i` of a `str`'s bytes (a char boundary, below
/// `bytes.len()`) and its UTF-8 length.
#[inline(always)]
fn decode_at(bytes: &[u8], i: usize) -> (char, usize) {
    let b = bytes[i] as u32;
    let cont = |k: usize| (bytes.get(i + k).copied().unwrap_or(0x80) & 0x3F) as u32;
    let (u, n) = match b {
        0..=0x7F => (b, 1),
        0xC0..=0xDF => (((b & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => (((b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            ((b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    };
    (char::from_u32(u).unwrap_or('\u{FFFD}'), n)
}

/// `c.is_alphanumeric()`, answered without a table lookup for ASCII and the
/// Latin letters Vietnamese is written with.
#[inline]
pub fn is_alnum(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1EA0..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// `c.is_alphabetic()`, answered without a table lookup for ASCII and the
/// Latin letters Vietnamese is written with.
#[inline]
pub fn is_alpha(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// True when `[s, e)` is not glued to letters or digits on either side: the char
/// before `s` and the first char of the span are not both letters or digits, nor
/// the last char of the span and the char after `e` (`s`, `e` char boundaries).
pub fn is_word_edge(hay: &str, s: usize, e: usize) -> bool {
    let b = hay.as_bytes();
    if s >= e || e > b.len() {
        return true;
    }
    let glued = |at: usize| at > 0 && at < b.len() && alnum_before(b, at) && alnum_at(b, at);
    !glued(s) && !glued(e)
}

/// Whether the char starting at byte `i` is a letter or a digit.
#[inline(always)]
fn alnum_at(bytes: &[u8], i: usize) -> bool {
    char_class(bytes, i).0 == CharClass::Alnum
}

/// The start of the run of letters and digits that holds the char ending at byte `i` (a
/// char boundary), if it starts at or after `lo`: read back to `lo` at most, so that a
/// word of megabytes cut by many spans is read once per span, not once per span from
/// its start.
fn word_start_from(bytes: &[u8], mut i: usize, lo: usize) -> Option<usize> {
    while i > 0 && alnum_before(bytes, i) {
        if i <= lo {
            return None; // the run goes on before `lo`
        }
        i -= 1;
        while bytes[i] & 0xC0 == 0x80 {
            i -= 1;
        }
    }
    (i >= lo).then_some(i)
}

/// Whether the char ending at byte `i` (a char boundary above 0) is a letter or a digit.
#[inline(always)]
fn alnum_before(bytes: &[u8], i: usize) -> bool {
    let mut k = i - 1;
    while k > 0 && bytes[k] & 0xC0 == 0x80 {
        k -= 1;
    }
    alnum_at(bytes, k)
}

/// `s[at..]` cut to at most `n` bytes, on a char boundary.
pub fn window(s: &str, at: usize, n: usize) -> &str {
    let at = floor_boundary(s, at);
    let mut end = (at + n).min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[at..end]
}

/// The char boundary at or before `i`.
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A plain list (one entry per line), as written.
fn list(src: &str) -> Vec<String> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

/// The rows of a table of two columns: (the first, normalised as a text is; the second).
fn pairs(src: &str) -> Vec<(String, String)> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| {
            (
                crate::normalize::normalize(a.trim()).text,
                b.trim().to_string(),
            )
        })
        .collect()
}

/// All tables of the crate.
pub struct Lexicon {
    pub level_words: CueSet,
    pub titles: CueSet,
    pub person_cues: CueSet,
    /// names that are never officials of an article (`not_people.tsv`)
    pub not_people: CueSet,
    pub visit_cues: CueSet,
    pub programs: CueSet,
    pub status: CueSet,
    pub qualifiers: CueSet,
    pub meeting_cues: CueSet,
    pub title_stops: CueSet,
    /// units of other countries, and country names (`foreign.tsv`)
    pub foreign: CueSet,
    /// bodies acting for themselves: ministries, national offices (`agencies.tsv`)
    pub agencies: CueSet,
    /// regions of the country, as written (`regions.tsv`)
    pub regions: CueSet,
    /// prepositions of place after which a district named alone counts (`place_prepositions.tsv`)
    pub place_prepositions: CueSet,
    /// (code, former name, last year in force): `former_names.tsv`
    pub former_names: Vec<(String, String, i32)>,
    pub indicators: CueSet,
    /// subgroups a figure counts (`populations.tsv`)
    pub populations: CueSet,
    /// words right after a number that make it no figure, or a goal (`figure_after.tsv`)
    pub figure_after: CueSet,
    /// words that name the unit of the figures after them (`figure_units.tsv`)
    pub figure_units: CueSet,
    /// changes, links between a count and its rate, trajectories (`figure_words.tsv`)
    pub figure_words: CueSet,
    pub units: CueSet,
    /// (family, number measure, change) -> (indicator, table measure)
    pub indicator_map: Vec<([String; 3], (String, String))>,
    /// (abbreviation as written, expansion), longest first
    pub abbreviations: Vec<(String, String)>,
    /// first byte of an abbreviation -> its rows in `abbreviations`, in order (256 lists)
    abbreviations_by_first: Vec<Vec<usize>>,
    /// family names, as written (NFC)
    pub surnames: FxHashSet<String>,
    /// words read past between a level word and its name (`unit_qualifiers.tsv`)
    pub unit_qualifiers: Vec<String>,
    /// (word, kind): small words of grammar the rules read (`grammar_words.tsv`)
    grammar_words: Vec<(String, String)>,
    /// (line pattern, kind): regexes on the lowercase line, compiled by `segment`'s gate
    pub chrome: Vec<(String, String)>,
}

macro_rules! table {
    ($f:literal) => {
        include_str!(concat!("lexicon/", $f))
    };
}

impl Lexicon {
    /// Every cue table, in a fixed order (their `id`s).
    fn sets(&self) -> [&CueSet; N_SETS] {
        [
            &self.level_words,
            &self.titles,
            &self.person_cues,
            &self.not_people,
            &self.visit_cues,
            &self.programs,
            &self.status,
            &self.qualifiers,
            &self.meeting_cues,
            &self.title_stops,
            &self.foreign,
            &self.agencies,
            &self.regions,
            &self.place_prepositions,
            &self.indicators,
            &self.populations,
            &self.figure_after,
            &self.figure_units,
            &self.figure_words,
            &self.units,
        ]
    }

    /// Give each table its place in `sets` as its id (a bit of `FIRST_WORD_SETS`).
    fn number_sets(&mut self) {
        let sets: [&mut CueSet; N_SETS] = [
            &mut self.level_words,
            &mut self.titles,
            &mut self.person_cues,
            &mut self.not_people,
            &mut self.visit_cues,
            &mut self.programs,
            &mut self.status,
            &mut self.qualifiers,
            &mut self.meeting_cues,
            &mut self.title_stops,
            &mut self.foreign,
            &mut self.agencies,
            &mut self.regions,
            &mut self.place_prepositions,
            &mut self.indicators,
            &mut self.populations,
            &mut self.figure_after,
            &mut self.figure_units,
            &mut self.figure_words,
            &mut self.units,
        ];
        for (id, set) in sets.into_iter().enumerate() {
            set.id = Some(id);
        }
    }
}

static LEXICON: Lazy<Lexicon> = Lazy::new(|| {
    let mut abbreviations = pairs(table!("abbreviations.tsv"));
    abbreviations.sort_by_key(|a| std::cmp::Reverse(a.0.len()));
    let chrome = table!("chrome.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once('\t'))
        .map(|(p, k)| (p.trim().to_string(), k.trim().to_string()))
        .collect();
    let mut lex = Lexicon {
        level_words: CueSet::parse(table!("level_words.tsv")),
        titles: CueSet::parse(table!("titles.tsv")),
        person_cues: CueSet::parse(table!("person_cues.tsv")),
        not_people: CueSet::parse(table!("not_people.tsv")),
        visit_cues: CueSet::parse(table!("visit_cues.tsv")),
        programs: CueSet::parse(table!("programs.tsv")),
        status: CueSet::parse(table!("status.tsv")),
        qualifiers: CueSet::parse(table!("qualifiers.tsv")),
        meeting_cues: CueSet::parse(table!("meeting_cues.tsv")),
        title_stops: CueSet::parse(table!("title_stops.tsv")),
        foreign: CueSet::parse(table!("foreign.tsv")),
        agencies: CueSet::parse(table!("agencies.tsv")),
        regions: CueSet::parse(table!("regions.tsv")),
        place_prepositions: CueSet::parse(table!("place_prepositions.tsv")),
        former_names: table!("former_names.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').map(str::trim).collect();
                Some((
                    c.first()?.to_string(),
                    c.get(1)?.to_string(),
                    c.get(2)?.parse().ok()?,
                ))
            })
            .collect(),
        indicators: CueSet::parse(table!("indicators.tsv")),
        populations: CueSet::parse(table!("populations.tsv")),
        figure_after: CueSet::parse(table!("figure_after.tsv")),
        figure_units: CueSet::parse(table!("figure_units.tsv")),
        figure_words: CueSet::parse(table!("figure_words.tsv")),
        units: CueSet::parse(table!("units.tsv")),
        indicator_map: table!("indicator_map.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').map(str::trim).collect();
                (c.len() >= 5).then(|| {
                    (
                        [c[0].to_string(), c[1].to_string(), c[2].to_string()],
                        (c[3].to_string(), c[4].to_string()),
                    )
                })
            })
            .collect(),
        abbreviations_by_first: abbreviations.iter().enumerate().fold(
            vec![Vec::new(); 256],
            |mut m: Vec<Vec<usize>>, (k, (a, _))| {
                if let Some(&b) = a.as_bytes().first() {
                    m[b as usize].push(k);
                }
                m
            },
        ),
        abbreviations,
        unit_qualifiers: list(table!("unit_qualifiers.tsv")),
        grammar_words: pairs(table!("grammar_words.tsv")),
        surnames: list(table!("surnames.txt"))
            .into_iter()
            .map(|s| crate::normalize::normalize(&s).text)
            .collect(),
        chrome,
    };
    lex.number_sets();
    lex
});

impl Lexicon {
    /// The small words of grammar of one kind (`grammar_words.tsv`), in the table's order.
    pub fn grammar(&self, kind: &str) -> Vec<String> {
        self.grammar_words
            .iter()
            .filter(|(_, k)| k == kind)
            .map(|(w, _)| w.clone())
            .collect()
    }
}

/// The tables, compiled on first use and shared read-only.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// `title` with abbreviations expanded (`HUV` → `Huyện ủy viên`), whole tokens only.
///
/// At each token start (the start of the text, or a char after one that is not a
/// letter or digit) the first abbreviation, longest first, that stands there followed by
/// no letter or digit is replaced by its expansion; the rest is copied as it is. The
/// text is read by runs: a run of letters and digits holds no token start after its
/// first char, so it is copied whole.
pub fn expand_abbreviations(title: &str) -> String {
    let lex = lexicon();
    let b = title.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n + 16);
    // `title[copied..i]` is still to be copied
    let mut copied = 0;
    let mut i = 0;
    // whether `i` is a token start
    let mut start = true;
    'outer: while i < n {
        if start {
            // the abbreviations that begin with this byte (a whole abbreviation is a `str`:
            // one that matches here begins with the char at `i`)
            let rows = lex
                .abbreviations_by_first
                .get(b[i] as usize)
                .map_or(&[][..], Vec::as_slice);
            for (abbr, exp) in rows.iter().map(|&k| &lex.abbreviations[k]) {
                let end = i + abbr.len();
                if b[i..].starts_with(abbr.as_bytes()) && (end == n || !alnum_at(b, end)) {
                    out.push_str(&title[copied..i]);
                    out.push_str(exp);
                    i = end;
                    copied = end;
                    start = !alnum_before(b, end);
                    continue 'outer;
                }
            }
        }
        let (class, len) = char_class(b, i);
        if class == CharClass::Alnum {
            // the rest of the run starts no token
            i = alnum_run_end(b, i + len);
            start = false;
        } else {
            i += len;
            start = true;
        }
    }
    out.push_str(&title[copied..]);
    out
}

/// The high bit of each byte of a `u64`.
use crate::blocks::HIGH_BITS;

/// A byte-aligned lowercase copy: every char is lowercased where that keeps its
/// UTF-8 length (true for all of Vietnamese), else kept, so offsets agree.
pub fn lowercase_aligned(s: &str) -> String {
    let mut out = s.as_bytes().to_vec();
    out.make_ascii_lowercase();
    let mut i = 0;
    while i < out.len() {
        // on to the first byte of a char that may change, sixteen bytes at a time where
        // the machine can (each lane told by the bytes after it too: a stop is a char that
        // may change)
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        if let Some(stop) = sse2::may_change(&out, i) {
            if stop == 0 {
                i += 16;
                continue;
            }
            let k = stop.trailing_zeros() as usize;
            if k > 0 {
                i += k;
                continue;
            }
        }
        // else eight bytes at a time
        if let Some(block) = crate::blocks::block_at(&out, i) {
            let stop = !unchanged_bytes(block) & HIGH_BITS;
            if stop == 0 {
                i += 8;
                continue;
            }
            let k = stop.trailing_zeros() as usize / 8;
            if k > 0 {
                // the next block starts there (a char that ends after this block is
                // told in the next)
                i += k;
                continue;
            }
        }
        let b = out[i];
        if b < 0x80 {
            // one of the last bytes, lowercased above
            i += 1;
            continue;
        }
        // the capitals of Vietnamese from their bytes (the lowercase of a char is then
        // in its last byte); `lower_aligned` answers any other char
        let second = out.get(i + 1).copied().unwrap_or(0);
        match (b, second) {
            // À..Þ but × (U+00C0..U+00DE, U+00D7) → à..þ; U+00DF..U+00FF are lowercase
            (0xC3, 0x80..=0x9E) if second != 0x97 => {
                out[i + 1] += 0x20;
                i += 2;
                continue;
            }
            (0xC3, _) => {
                i += 2;
                continue;
            }
            // Ạ ạ … Ỹ ỹ (U+1EA0..U+1EFF): capital even, small odd
            (0xE1, 0xBA) if out.get(i + 2).is_some_and(|&t| t >= 0xA0) => {
                out[i + 2] |= 1;
                i += 3;
                continue;
            }
            (0xE1, 0xBB) => {
                out[i + 2] |= 1;
                i += 3;
                continue;
            }
            _ => {}
        }
        let (c, n) = decode_at(s.as_bytes(), i);
        let l = lower_aligned(c);
        if l != c {
            l.encode_utf8(&mut out[i..i + n]);
        }
        i += n;
    }
    // SAFETY: `out` began as the bytes of the `str` `s`; `make_ascii_lowercase`
    // changes ASCII bytes into ASCII bytes only, and every other char was
    // overwritten in place by the whole UTF-8 encoding of one char of the same
    // length (`lower_aligned` keeps lengths: `lowercase_is_the_char_by_char_answer`
    // checks every char), so `out` is still valid UTF-8.
    unsafe { String::from_utf8_unchecked(out) }
}

/// The high bit of each byte of `x` (eight bytes of a text after `make_ascii_lowercase`,
/// little-endian) that `lowercase_aligned` leaves as it is, as far as `x` tells: ASCII,
/// UTF-8 continuation bytes, and the first byte of a lowercase letter of Vietnamese (or
/// of its neighbours in Unicode) told by the bytes after it: U+00DF–U+00FF (0xC3 before
/// 0x9F–0xBF), the odd code points of U+0101–U+0137 and
/// U+0149–U+0177 (small letters there; 0xC4 and 0xC5), `ơ` and `ư` (0xC6 before 0xA1 or
/// 0xB0), and the odd code points of U+1E80–U+1EFF (0xE1 before 0xBA or 0xBB). A first
/// byte whose char does not end in `x` is not set, nor is any other: the loop looks at
/// those chars one at a time.
#[inline(always)]
fn unchanged_bytes(x: u64) -> u64 {
    use crate::blocks::{continuation, equal, low7_in, ONES};
    let next = x >> 8;
    // the lowest bit of the next byte and of the one after it, moved to the high bit
    let next_odd = (next << 7) & HIGH_BITS;
    let after_next_odd = (x >> 9) & HIGH_BITS;
    // (in a text, the byte after a first byte 0xC3–0xC6 or 0xE1 is a continuation byte:
    // its low seven bits tell it)
    let latin1 = equal(x, 0xC3) & low7_in(next, 0x1F, 0x3F);
    let ext_a = (equal(x, 0xC4) & low7_in(next, 0x00, 0x37)
        | equal(x, 0xC5) & low7_in(next, 0x09, 0x37))
        & next_odd;
    let ext_b = equal(x, 0xC6) & (equal(next, 0xA1) | equal(next, 0xB0));
    let three_byte = equal(x, 0xE1) & equal(next | ONES, 0xBB) & after_next_odd;
    // (past the block `next` and the byte after it read 0, which none of these accepts: a
    // first byte whose char does not end in `x` is not set)
    (!x & HIGH_BITS) | continuation(x) | latin1 | ext_a | ext_b | three_byte
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use crate::blocks::sse2::*;

    /// `unchanged_bytes` of the 16 bytes of `bytes` from `at`, each told by the two bytes
    /// after it too (a first byte is set when its whole char is left as it is, wherever it
    /// ends), as a `u16` of the lanes that are not set; None where fewer than 18 bytes are
    /// left.
    #[inline(always)]
    pub(super) fn may_change(bytes: &[u8], at: usize) -> Option<u16> {
        let (x, next, after) = (load(bytes, at)?, load(bytes, at + 1)?, load(bytes, at + 2)?);
        // SAFETY: the intrinsics need SSE2, which this module is only compiled with
        // (`target_feature = "sse2"`, part of every x86_64 target); none reads memory.
        Some(!unsafe { unchanged(x, next, after) })
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn unchanged(x: (i64, i64), next: (i64, i64), after: (i64, i64)) -> u16 {
        let (x, n, a) = (lanes(x), lanes(next), lanes(after));
        let odd = |v: __m128i| eq(and(v, splat(1)), splat(1));
        let latin1 = and(eq(x, splat(0xC3)), in_range(n, 0x9F, 0xBF));
        let ext_a = and(
            or(
                and(eq(x, splat(0xC4)), in_range(n, 0x80, 0xB7)),
                and(eq(x, splat(0xC5)), in_range(n, 0x89, 0xB7)),
            ),
            odd(n),
        );
        let ext_b = and(
            eq(x, splat(0xC6)),
            or(eq(n, splat(0xA1)), eq(n, splat(0xB0))),
        );
        let three_byte = and(
            and(eq(x, splat(0xE1)), in_range(n, 0xBA, 0xBB)),
            and(continuation(a), odd(a)),
        );
        mask(or(
            or(ascii(x), continuation(x)),
            or(or(latin1, ext_a), or(ext_b, three_byte)),
        ))
    }

    #[cfg(test)]
    mod tests {
        /// The lanes `may_change` leaves unset are the bytes `lowercase_aligned` leaves as
        /// they are: ASCII and continuation bytes, and a first byte whose whole char is its
        /// own lowercase (`lower_aligned`); every small letter of Vietnamese is unset.
        #[test]
        fn lanes_that_cannot_change() {
            let named = [
                b'a', b'A', b' ', 0xC3, 0xC4, 0xC5, 0xC6, 0xE1, 0x80, 0x97, 0x9E, 0x9F, 0xA0, 0xA1,
                0xAF, 0xB0, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBF, 0x89, 0x88,
            ];
            crate::blocks::each_window::<18>(&named, 16, 0x10e5_ca5e_0b17_0001, |bytes, _, _| {
                let stop = super::may_change(bytes, 0).expect("18 bytes");
                for k in 0..16 {
                    let set = stop >> k & 1 == 0;
                    let x = bytes[k];
                    if x < 0xC0 {
                        assert!(set, "{bytes:x?} byte {k}");
                        continue;
                    }
                    let len = (x.leading_ones() as usize).max(1);
                    let c = bytes
                        .get(k..k + len)
                        .and_then(|w| std::str::from_utf8(w).ok())
                        .and_then(|w| w.chars().next());
                    // (a first byte before bytes that are no char cannot stand in a
                    // text; its lane may say anything)
                    if let Some(c) = c {
                        let alone = u64::from_le_bytes(pad8(&bytes[k..k + len]));
                        assert_eq!(
                            set,
                            super::super::lower_aligned(c) == c
                                && super::super::unchanged_bytes(alone) & 0x80 != 0,
                            "{bytes:x?} byte {k} {c:?}"
                        );
                    }
                }
            });
        }

        fn pad8(w: &[u8]) -> [u8; 8] {
            let mut b = [0u8; 8];
            b[..w.len()].copy_from_slice(w);
            b
        }
    }
}

/// One character of `lowercase_aligned`; the letters of Vietnamese without a
/// table lookup.
#[inline]
fn lower_aligned(c: char) -> char {
    let u = c as u32;
    let shifted = match u {
        0..=0x7F => return c.to_ascii_lowercase(),
        // À..Þ (but ×) → à..þ; ß..ÿ are lowercase
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xDF..=0xFF => u,
        // Ă Đ Ĩ Ũ Ơ Ư and their lowercase
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => u + 1,
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => u,
        // Ạ ạ … Ỹ ỹ: capital even, small odd
        0x1EA0..=0x1EFF => u | 1,
        _ => return lower_aligned_slow(c),
    };
    char::from_u32(shifted).unwrap_or(c)
}

fn lower_aligned_slow(c: char) -> char {
    let mut low = c.to_lowercase();
    match (low.next(), low.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let l = lexicon();
        assert!(l.level_words.contains("huyện"));
        assert!(l.titles.contains("phó chủ tịch"));
        assert!(l.surnames.contains("Nguyễn"));
        assert!(!l.chrome.is_empty());
    }

    #[test]
    fn lower_aligned_is_the_tables_answer() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(lower_aligned(c), lower_aligned_slow(c), "{c:?}");
        }
    }

    #[test]
    fn decode_at_reads_every_char() {
        let s: String = (0..0x11_0000u32).filter_map(char::from_u32).collect();
        let b = s.as_bytes();
        for (i, c) in s.char_indices() {
            assert_eq!(decode_at(b, i), (c, c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn is_alpha_is_is_alphabetic() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn is_alnum_is_is_alphanumeric() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// Fewer than `max` pieces drawn from `pieces`, each followed by a space or not
    /// (a small deterministic generator: every text would be too many).
    fn text_of(seed: &mut u64, pieces: &[&str], max: u64) -> String {
        let mut t = String::new();
        for _ in 0..(*seed % max) {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push_str(pieces[(*seed >> 33) as usize % pieces.len()]);
            if *seed & 1 == 0 {
                t.push(' ');
            }
        }
        t
    }

    /// The rule `find_in` implements, written the slow way: at every position,
    /// every cue, longest first.
    fn find_in_slowly(set: &CueSet, lower: &str, from: usize, to: usize) -> Vec<Cue> {
        let hay = &lower[..to];
        let glued = |a: Option<char>, b: Option<char>| {
            a.zip(b)
                .is_some_and(|(a, b)| a.is_alphanumeric() && b.is_alphanumeric())
        };
        let mut out = Vec::new();
        let mut p = from;
        while !hay.is_char_boundary(p) {
            p += 1;
        }
        while p < to {
            let hit = set.rows.iter().enumerate().find(|(_, (c, _))| {
                hay[p..].starts_with(c.as_str())
                    && !glued(hay[..p].chars().next_back(), c.chars().next())
                    && !glued(c.chars().next_back(), hay[p + c.len()..].chars().next())
            });
            match hit {
                Some((row, (c, _))) => {
                    out.push(Cue {
                        start: p,
                        end: p + c.len(),
                        row,
                    });
                    p += c.len();
                }
                None => p += hay[p..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    #[test]
    fn every_grammar_word_has_a_kind_the_rules_read() {
        // a misspelt kind would leave its words unread, silently
        let read = [
            "respective_open",
            "respective_join",
            "plural",
            "country_prefix",
            "poverty_noun",
        ];
        let lex = lexicon();
        for (w, k) in &lex.grammar_words {
            assert!(
                read.contains(&k.as_str()),
                "{w:?}: kind {k:?} is read by no rule"
            );
        }
        for k in read {
            assert!(!lex.grammar(k).is_empty(), "no word of kind {k}");
        }
        assert!(lex.grammar("respective_join").contains(&"; và".to_string()));
    }

    #[test]
    fn find_in_is_the_longest_whole_word_cue_at_each_position() {
        let set = CueSet::parse(
            "hộ nghèo\t1\nhộ\t2\nhộ cận nghèo\t3\n%\t4\n(tỷ lệ\t5\ntỷ lệ hộ nghèo\t6\nxã\t7\n",
        );
        let words = [
            "hộ", "nghèo", "cận", "%", "(", "tỷ", "lệ", "xã", "hội", "a", "5", " ", ",", "ộ",
        ];
        let mut seed = 12345u64;
        for _ in 0..20_000 {
            let t = text_of(&mut seed, &words, 9);
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            // `from` may fall inside a character (callers step back by bytes)
            let from = ((seed >> 20) as usize % (t.len() + 1)).min(t.len());
            let to = bounds[(seed >> 40) as usize % bounds.len()];
            if to < from {
                continue;
            }
            let slow = find_in_slowly(&set, &t, from, to);
            assert_eq!(set.find_in(&t, from, to), slow, "{t:?} [{from}, {to})");
            let words = Words::new(&t);
            assert_eq!(
                set.find_words(&t, &words, from, to),
                slow,
                "{t:?} [{from}, {to})"
            );
        }
    }

    #[test]
    fn lexicon_tables_find_what_the_slow_rule_finds() {
        // the lexicon's tables read the per-table start lists of `Words`
        let l = lexicon();
        let mut seed = 987654321u64;
        for set in l.sets() {
            assert!(set.id.is_some());
            let mut pieces: Vec<String> =
                set.rows.iter().take(40).map(|(c, _)| c.clone()).collect();
            pieces.extend(
                set.rows
                    .iter()
                    .take(40)
                    .map(|(c, _)| first_word(c).to_string()),
            );
            pieces.extend(["xã", "huyện", "%", "(", "5", ",", "nghèo", "tỉnh"].map(String::from));
            for _ in 0..1_500 {
                let mut t = String::new();
                for _ in 0..(seed % 12) {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let p = &pieces[(seed >> 33) as usize % pieces.len()];
                    // sometimes a piece glued to the next, or cut short
                    match seed & 7 {
                        0 => t.push_str(&p[..floor_boundary(p, p.len() / 2)]),
                        _ => t.push_str(p),
                    }
                    if seed & 3 != 1 {
                        t.push(' ');
                    }
                }
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
                let from = bounds[(seed >> 20) as usize % bounds.len()];
                let to = bounds[(seed >> 40) as usize % bounds.len()];
                if to < from {
                    continue;
                }
                let words = Words::new(&t);
                assert_eq!(
                    set.find_words(&t, &words, from, to),
                    find_in_slowly(set, &t, from, to),
                    "{t:?} [{from}, {to})"
                );
            }
        }
    }

    #[test]
    fn cues_are_whole_words_longest_first() {
        let l = lexicon();
        let s = "đoàn công tác của huyện đã tham quan, học tập kinh nghiệm tại xã";
        let found: Vec<&str> = l
            .visit_cues
            .find_all(s)
            .iter()
            .map(|c| l.visit_cues.cue(c.row))
            .collect();
        assert_eq!(
            found,
            [
                "đoàn công tác",
                "của",
                "tham quan",
                "học tập kinh nghiệm",
                "tại"
            ]
        );
        // `thăm` must not fire inside `thăm dò` … it does: it is a whole word; but not inside `thămx`
        assert!(l.visit_cues.find_all("thămx").is_empty());
    }

    #[test]
    fn abbreviations_expand_whole_tokens() {
        assert_eq!(
            expand_abbreviations("HUV, Phó chủ tịch UBND huyện"),
            "Huyện ủy viên, Phó chủ tịch Ủy ban nhân dân huyện"
        );
        assert_eq!(
            expand_abbreviations("UV BTV Huyện ủy"),
            "Ủy viên Ban Thường vụ Huyện ủy"
        );
        assert_eq!(expand_abbreviations("HUVX"), "HUVX");
    }

    #[test]
    fn abbreviations_expand_as_the_plain_scan_does() {
        // the rule without the first-character index: every abbreviation at every token start
        fn slowly(title: &str) -> String {
            let lex = lexicon();
            let mut out = String::new();
            let mut i = 0;
            'outer: while i < title.len() {
                if title[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
                {
                    for (abbr, exp) in &lex.abbreviations {
                        let after = title[i..]
                            .strip_prefix(abbr.as_str())
                            .map(|r| r.chars().next());
                        if after.is_some_and(|a| a.is_none_or(|c| !c.is_alphanumeric())) {
                            out.push_str(exp);
                            i += abbr.len();
                            continue 'outer;
                        }
                    }
                }
                let c = title[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
            out
        }
        let lex = lexicon();
        let mut pieces: Vec<&str> = lex.abbreviations.iter().map(|(a, _)| a.as_str()).collect();
        pieces.extend([
            "Phó",
            "chủ tịch",
            "huyện",
            " ",
            ",",
            "-",
            "x",
            "Ủy",
            "7",
            "×",
            "ẞ",
            "ộ",
            "Đ",
            ".",
            "&",
            "\u{300}",
            "ǅ",
            "\t",
            "Ω",
        ]);
        let mut seed = 42u64;
        for _ in 0..5_000 {
            let t = text_of(&mut seed, &pieces, 7);
            seed = seed.wrapping_add(1);
            assert_eq!(expand_abbreviations(&t), slowly(&t), "{t:?}");
        }
    }

    /// The word starts of `Words::new` read char by char: a run of letters and
    /// digits is a word, white space separates, any other char is a word of its own.
    fn words_slowly(t: &str) -> Vec<(u32, u32, u64)> {
        let mut out = Vec::new();
        let mut open: Option<usize> = None;
        for (i, c) in t.char_indices() {
            if c.is_alphanumeric() {
                open.get_or_insert(i);
                continue;
            }
            if let Some(a) = open.take() {
                out.push((a, i));
            }
            if !c.is_whitespace() {
                out.push((i, i + c.len_utf8()));
            }
        }
        if let Some(a) = open {
            out.push((a, t.len()));
        }
        out.into_iter()
            .map(|(a, b)| (a as u32, b as u32, word_hash(&t[a..b])))
            .collect()
    }

    /// Every word of `t` by `next_word`, and the ones `Words::new` keeps (those that
    /// begin a cue of some table) as read char by char.
    fn check_words(t: &str) {
        let slowly = words_slowly(t);
        let mut all = Vec::new();
        let mut i = 0;
        while let Some((a, b)) = next_word(t.as_bytes(), i) {
            all.push((a as u32, b as u32, word_hash(&t[a..b])));
            i = b;
        }
        assert_eq!(all, slowly, "{t:?}");
        let kept: Vec<_> = slowly
            .into_iter()
            .filter(|&(_, _, h)| FIRST_WORD_SETS.get(h) != 0)
            .collect();
        assert_eq!(words_of(&Words::new(t)), kept, "{t:?}");
        // the first word at every char boundary, as `first_word` read it char by char
        for (k, _) in t.char_indices() {
            let rest = &t[k..];
            let n = rest
                .char_indices()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            let slowly = if n > 0 {
                &rest[..n]
            } else {
                rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
            };
            assert_eq!(first_word(rest), slowly, "{rest:?}");
        }
    }

    fn words_of(w: &Words) -> Vec<(u32, u32, u64)> {
        w.words.iter().map(|w| (w.start, w.end, w.hash)).collect()
    }

    #[test]
    fn stop_bytes_are_where_char_class_may_end_a_word() {
        crate::blocks::each_block(
            |g| g.next() as u8,
            |block| {
                let stop = stop_bytes(u64::from_le_bytes(block));
                for (i, &x) in block.iter().enumerate() {
                    let next = block.get(i + 1).copied();
                    let goes_on = IN_WORD[x as usize] == b'+'
                        || match (x, next) {
                            (0xC3, Some(n)) => n != 0x97 && n != 0xB7,
                            (0xE1, Some(n)) => (0xB8..=0xBB).contains(&n),
                            _ => false,
                        };
                    assert_eq!(stop >> (8 * i + 7) & 1 == 0, goes_on, "{block:x?} byte {i}");
                }
            },
        );
    }

    #[test]
    fn words_are_read_as_char_by_char() {
        // every char, alone, inside a word and after one
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            for t in [format!("{c}"), format!("a{c}b"), format!(" {c}{c} x")] {
                check_words(&t);
            }
        }
        let pieces = [
            "hộ", "nghèo", "Đoàn", "×", "÷", "ẞ", "ǅ", "ɐ", "\u{a0}", "\u{2003}", "\t", "%", "(",
            "5", "١", "ー", "𝔸", "ạ", "ỹ", "\u{1e9f}", ",", "\u{301}", "xã", "huyện", "phó",
            "tỉnh", "đã", "được", "ưu",
        ];
        let mut seed = 4242u64;
        for _ in 0..20_000 {
            let t = text_of(&mut seed, &pieces, 12);
            seed = seed.wrapping_add(1);
            check_words(&t);
        }
    }

    #[test]
    fn lowercase_is_the_char_by_char_answer() {
        let s: String = (0..0x11_0000u32).filter_map(char::from_u32).collect();
        let by_char: String = s.chars().map(lower_aligned_slow).collect();
        let low = lowercase_aligned(&s);
        assert!(std::str::from_utf8(low.as_bytes()).is_ok());
        assert_eq!(low, by_char);
    }

    /// Each table's candidate starts are the words whose mask has its bit, in text order,
    /// for masks of every number of bits (more than `each_bit`'s `ROUNDS` too).
    #[test]
    fn index_sets_lists_each_tables_words() {
        let mut g = crate::test_gen::Gen(0x5151_7e57_1de8_5e75);
        for round in 0..400 {
            // (now and then a bit past the lexicon's tables, which no table lists)
            let masks: Vec<u32> = (0..g.below(60))
                .map(|_| {
                    let bits = g.below(if round % 4 == 0 { 21 } else { 8 });
                    let high = if round % 8 == 1 {
                        1 << (N_SETS + g.below(12))
                    } else {
                        0
                    };
                    (0..bits).fold(high, |m, _| m | 1 << g.below(N_SETS))
                })
                .collect();
            let mut w = Words::default();
            w.index_sets(&masks);
            for t in 0..MAX_SETS {
                let want: Vec<u32> = (0..masks.len() as u32)
                    .filter(|&k| t < N_SETS && masks[k as usize] >> t & 1 == 1)
                    .collect();
                assert_eq!(w.of_set(t), want.as_slice(), "{masks:x?} table {t}");
            }
            assert_eq!(w.of_set(MAX_SETS), &[] as &[u32]);
        }
    }

    /// `unchanged_bytes` sets only bytes that `lowercase_aligned` leaves as they are: ASCII
    /// and continuation bytes always, a first byte only when its whole char is in the block
    /// and is its own lowercase; and it sets the small letters of Vietnamese.
    #[test]
    fn unchanged_bytes_are_left_as_they_are() {
        let named = [
            b'a', b'A', b' ', 0xC3, 0xC4, 0xC5, 0xC6, 0xE1, 0x80, 0x97, 0x9E, 0x9F, 0xA0, 0xA1,
            0xAF, 0xB0, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBF, 0x89, 0x88,
        ];
        crate::blocks::each_block(crate::blocks::named_or_any(&named), |block| {
            let set = unchanged_bytes(u64::from_le_bytes(block));
            for (k, &b) in block.iter().enumerate() {
                let bit = set >> (8 * k + 7) & 1 == 1;
                if b < 0xC0 {
                    assert!(bit, "{block:x?} byte {k}");
                    continue;
                }
                if !bit {
                    continue;
                }
                let len = match b {
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    _ => 4,
                };
                let whole = block.get(k..k + len);
                assert!(
                    whole.is_some(),
                    "{block:x?} byte {k}: its char ends after the block"
                );
                // (a lead byte before bytes that are no char cannot stand in a text)
                if let Some(c) = whole
                    .and_then(|w| std::str::from_utf8(w).ok())
                    .and_then(|w| w.chars().next())
                {
                    assert_eq!(lower_aligned(c), c, "{block:x?} byte {k}");
                }
            }
        });
        for c in "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".chars()
        {
            let mut block = [b'a'; 8];
            c.encode_utf8(&mut block);
            assert_eq!(
                unchanged_bytes(u64::from_le_bytes(block)),
                HIGH_BITS,
                "{c:?}"
            );
        }
    }

    #[test]
    fn lowercase_of_mixed_text_is_the_char_by_char_answer() {
        let pieces = [
            "ĐOÀN",
            "Công",
            "ỦY",
            "Ủy",
            "×",
            "÷",
            "ẞ",
            "Ǆ",
            "hộ nghèo 12,5%",
            "Ấ",
            "Ỹ",
            "ḀẀ",
            "ẗẟẠỿ",
            "ÞßÀÿ",
            "ǅ",
            "abcdefghIJKLMNOP",
            " ",
            "\u{301}",
        ];
        let mut seed = 77u64;
        for _ in 0..20_000 {
            let t = text_of(&mut seed, &pieces, 14);
            seed = seed.wrapping_add(1);
            let by_char: String = t.chars().map(lower_aligned_slow).collect();
            assert_eq!(lowercase_aligned(&t), by_char, "{t:?}");
        }
    }

    /// `is_word_edge` read char by char.
    fn is_word_edge_slowly(hay: &str, s: usize, e: usize) -> bool {
        let glued = |a: Option<char>, b: Option<char>| {
            a.zip(b)
                .is_some_and(|(a, b)| a.is_alphanumeric() && b.is_alphanumeric())
        };
        !glued(hay[..s].chars().next_back(), hay[s..e].chars().next())
            && !glued(hay[s..e].chars().next_back(), hay[e..].chars().next())
    }

    #[test]
    fn word_edges_are_read_as_char_by_char() {
        let pieces = [
            "hộ", "Đoàn", "×", "÷", "ẞ", "ɐ", "\u{a0}", "%", "(", "5", "١", "𝔸", "ạ", " ", ",",
            "\u{301}", "ー",
        ];
        let mut seed = 99u64;
        for _ in 0..5_000 {
            let t = text_of(&mut seed, &pieces, 8);
            seed = seed.wrapping_add(1);
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for &s in &bounds {
                for &e in bounds.iter().filter(|&&e| e >= s) {
                    assert_eq!(
                        is_word_edge(&t, s, e),
                        is_word_edge_slowly(&t, s, e),
                        "{t:?} [{s}, {e})"
                    );
                }
            }
        }
    }

    #[test]
    fn lowercase_keeps_offsets() {
        let s = "ĐOÀN Công Tác Ủy";
        assert_eq!(lowercase_aligned(s).len(), s.len());
        assert_eq!(lowercase_aligned(s), "đoàn công tác ủy");
    }
}
