//! Normalisation on a copy of the text, with a map back to the original.
//!
//! The extractor reads a normalised copy: Unicode NFC, one tone-mark placement
//! (`uỷ` → `ủy`, `hoà` → `hòa`), straight quotes and apostrophes, ASCII hyphens
//! for dashes, plain spaces for NBSP and friends (runs folded to one), zero-width
//! characters dropped, no stray spaces inside brackets. The tone of `oa`, `oe`,
//! `uy` moves only in an open syllable (not `hoàng`, `thuyết`, nor after `q`:
//! `quý`); only a Latin letter closes a syllable. Every byte of the copy
//! knows the code-point offset of the original character it came from, so rows
//! can point back into the ORIGINAL text.
//!
//! Text that is already NFC (the usual case) skips the composition step: the
//! quick check is ~8× faster than re-normalising (see `shared/spec/performance.md`).

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A normalised copy of a text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Where each byte of `text` came from: the code-point offset in the
    /// original of the character that produced it (see `orig`).
    map: Map,
    /// Length of the original in code points (where `text.len()` maps to).
    orig_len: u32,
    /// Original clusters of more than one code point that NFC composed
    /// (`[start, end)`, sorted): a span ending inside one ends after it.
    clusters: Vec<(u32, u32)>,
}

/// The map from the bytes of the normalised text to the original's code points.
#[derive(Debug, Clone)]
enum Map {
    /// The original was NFC (the usual case): the text is pieces, each copied
    /// from the original or rewritten from one original char (see `Anchor`).
    Sparse(Vec<Anchor>),
    /// NFC recomposed the original: the origin of every byte of the text.
    Dense(Vec<u32>),
}

/// Where a piece of the normalised text starts, and where it came from. A
/// piece runs to the next anchor (or the end of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    /// Byte of the normalised text where the piece starts (a char boundary).
    at: u32,
    /// Code-point offset in the original of the piece's first char.
    orig: u32,
    /// The piece is copied from the original as it is: its char `k` (counted
    /// in the normalised text) came from original char `orig + k`. Otherwise
    /// every byte of the piece came from `orig` (a rewritten char, or the two
    /// chars of a moved tone).
    copy: bool,
}

/// Most bytes a copied piece runs without an anchor (plus up to 3 to end on a
/// char boundary): `orig` counts the chars of at most that many bytes.
const SPAN: usize = 256;

/// No original char continues the last piece (`Anchors::next`).
const NO_NEXT: u32 = u32::MAX;

/// The anchors of a text being written.
#[derive(Debug)]
struct Anchors {
    /// The pieces so far, by increasing `at`.
    list: Vec<Anchor>,
    /// The original char that would continue the last piece as a copy (the
    /// last piece is a copy and ends just before it), else `NO_NEXT`.
    next: u32,
}

impl Anchors {
    /// An empty list, for a text not written yet.
    fn new() -> Self {
        Anchors {
            list: Vec::new(),
            next: NO_NEXT,
        }
    }

    /// Records that `run` (whole chars, copied from the original as they are)
    /// was written at byte `at` of the text, its first char being original char
    /// `ci`; answers the original index of the char after the run. Continues
    /// the last piece when it ends on char `ci`, and starts a new piece every
    /// `SPAN` bytes.
    #[inline]
    fn copy(&mut self, at: usize, run: &str, ci: usize) -> usize {
        if run.is_empty() {
            return ci;
        }
        let (mut at, mut run, mut ci) = (at, run, ci);
        if self.next != ci as u32 {
            self.start(at, ci as u32, true);
        }
        loop {
            let start = self.list.last().map_or(0, |a| a.at as usize);
            let room = (start + SPAN).saturating_sub(at);
            if run.len() <= room {
                ci += count_starts(run.as_bytes());
                break;
            }
            // a new piece at the first char boundary from `room` bytes on
            // (`room < run.len()`, and the end of `run` is a boundary)
            let mut cut = room;
            while !run.is_char_boundary(cut) {
                cut += 1;
            }
            ci += count_starts(run.as_bytes().get(..cut).unwrap_or_default());
            at += cut;
            run = &run[cut..];
            self.start(at, ci as u32, true);
        }
        self.next = ci as u32;
        ci
    }

    /// Records that original char `o`, written as it is (`len` bytes), was
    /// written at byte `at` of the text.
    #[inline]
    fn copy_char(&mut self, at: usize, len: usize, o: u32) {
        let piece = self.list.last().map_or(0, |a| a.at as usize);
        if self.next != o || at + len > piece + SPAN {
            self.start(at, o, true);
        }
        self.next = o + 1;
    }

    /// Records that a char rewritten from original char `o` was written at
    /// byte `at` of the text (the same piece as the last one when that one is
    /// rewritten from `o` too).
    #[inline]
    fn rewritten(&mut self, at: usize, o: u32) {
        if !matches!(self.list.last(), Some(a) if !a.copy && a.orig == o) {
            self.start(at, o, false);
        }
        self.next = NO_NEXT;
    }

    /// Starts a piece at byte `at`.
    #[inline]
    fn start(&mut self, at: usize, orig: u32, copy: bool) {
        self.list.push(Anchor {
            at: at as u32,
            orig,
            copy,
        });
    }
}

impl Normalized {
    /// Original code-point offset of normalised byte offset `b`: of the
    /// character that produced the byte (any byte of a char, not only its
    /// first), or the original's length for `b >= text.len()`.
    pub fn orig(&self, b: usize) -> usize {
        if b >= self.text.len() {
            return self.orig_len as usize;
        }
        match &self.map {
            Map::Dense(map) => map.get(b).map_or(self.orig_len, |&o| o) as usize,
            Map::Sparse(anchors) => {
                // the piece that holds byte `b`: the last one starting at or before it
                let k = anchors.partition_point(|a| a.at as usize <= b);
                let Some(a) = k.checked_sub(1).and_then(|k| anchors.get(k)) else {
                    return self.orig_len as usize;
                };
                if !a.copy {
                    return a.orig as usize;
                }
                // the chars of the piece before the one `b` is in: the chars
                // starting in `a.at..=b` but that one (at most `SPAN` + 3 bytes)
                let upto = self.text.as_bytes().get(a.at as usize..=b).unwrap_or(&[]);
                a.orig as usize + count_starts(upto).saturating_sub(1)
            }
        }
    }

    /// Original code-point span `[start, end)` of the normalised byte span `[s, e)`.
    ///
    /// The end maps to the position just after the original character that
    /// produced the last normalised character of the span.
    pub fn orig_span(&self, s: usize, e: usize) -> (usize, usize) {
        let s = s.min(self.text.len());
        let e = e.min(self.text.len()).max(s);
        if e == s {
            let o = self.orig(s);
            return (o, o);
        }
        let start = self.orig(s);
        // the last char of the span starts at the char boundary before `e`
        let last = self.text[..e]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(s);
        let last_orig = self.orig(last) as u32;
        let end = match self.clusters.binary_search_by_key(&last_orig, |&(a, _)| a) {
            Ok(i) => self.clusters[i].1,
            Err(_) => last_orig + 1,
        };
        (start, (end as usize).max(start))
    }

    /// Length of the original in code points.
    pub fn orig_len(&self) -> usize {
        self.orig_len as usize
    }
}

/// Tone marks in the order grave, acute, hook, tilde, dot below, for the vowels
/// whose placement varies between the old (`hoà`) and new (`hòa`) styles.
const TONED: &[(char, [char; 5])] = &[
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
    ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
];

/// The open-syllable glides whose tone moves to the first vowel in the new
/// style: `oa`, `oe`, `uy` (`hoà`→`hòa`, `khoẻ`→`khỏe`, `thuỷ`→`thủy`).
const GLIDES: &[(char, char)] = &[('o', 'a'), ('o', 'e'), ('u', 'y')];

fn tone_of(c: char) -> Option<(char, usize)> {
    TONED
        .iter()
        .find_map(|(base, marks)| marks.iter().position(|&m| m == c).map(|i| (*base, i)))
}

fn with_tone(base: char, tone: usize) -> Option<char> {
    TONED
        .iter()
        .find(|(b, _)| *b == base)
        .and_then(|(_, marks)| marks.get(tone).copied())
}

/// `(first, second)` rewritten to the new tone placement, if it is an old-style
/// glide. `after_q`: the text written so far ends with `q` or `Q`; `rest`: the
/// text after `second` (only its first character counts).
fn move_tone(first: char, second: char, after_q: bool, rest: &str) -> Option<(char, char)> {
    if !matches!(first, 'o' | 'O' | 'u' | 'U') || second.is_ascii() {
        return None; // only `o`/`u` then a toned vowel can be an old-style glide
    }
    if !matches!(second as u32, 0xC0..=0xFD | 0x1EA0..=0x1EF9) {
        return None; // outside the range of `TONED`'s marked vowels
    }
    if rest.chars().next().is_some_and(is_latin_letter) {
        return None; // closed syllable (`hoàng`, `thuyết`): placement is not in question
    }
    let (sbase, tone) = tone_of(second)?;
    let f_low = first.to_lowercase().next()?;
    let s_low = sbase.to_lowercase().next()?;
    if !GLIDES.iter().any(|&(a, b)| a == f_low && b == s_low) {
        return None;
    }
    if f_low == 'u' && after_q {
        return None; // `quý`: the u belongs to the consonant
    }
    Some((with_tone(first, tone)?, sbase))
}

/// A letter that can continue a Vietnamese syllable (Latin script, with or without marks).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn is_hspace(c: char) -> bool {
    c == ' ' || c == '\t' || (c != '\n' && c != '\r' && c.is_whitespace())
}

/// A character that `map_char` keeps and that cannot start an old-style glide
/// (`o`, `u`) nor take part in the spacing rules: copied as it is. The byte
/// classes (`CLASS`) of `rewrite`'s copy loop implement it (a test checks them).
#[cfg(test)]
fn is_plain(c: char) -> bool {
    match c as u32 {
        0..=0x7F => !matches!(
            c,
            ' ' | '\t' | '\x0B' | '\x0C' | '\r' | '`' | 'o' | 'O' | 'u' | 'U'
        ),
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => false,
    }
}

/// A character NFC leaves alone whatever surrounds it: below the combining
/// marks (U+0300), a precomposed Latin letter (U+1E00–U+1EFF, all of
/// Vietnamese's toned vowels), or general punctuation after the two quads
/// (U+2002–U+207F: spaces, dashes, curly quotes, bullets). A text made only of
/// these is NFC without the table lookups of `is_nfc_quick`.
#[inline]
fn is_composed_starter(c: char) -> bool {
    (c as u32) < 0x300 || matches!(c as u32, 0x1E00..=0x1EFF | 0x2002..=0x207F)
}

/// One character of output: what to write, and which original character it came from.
fn map_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{2026}' => '…',
        c if is_zero_width(c) => return None,
        c if is_hspace(c) => ' ',
        c => c,
    })
}

/// Where each char of the NFC text came from: its code-point offset in the
/// original; and how the map back to it is written.
trait Origins {
    /// The NFC text is the original, which is NFC only if `is_nfc_quick` says so:
    /// `rewrite` checks it when it meets a char that is not `is_composed_starter`.
    const ORIGINAL: bool;
    /// The map written: anchors, an origin per byte, or nothing (`key` needs
    /// the text only).
    type Map;
    /// Original code-point offset of char `ci` of the NFC text.
    fn at(&self, ci: usize) -> u32;

    /// Records in `map` the origins of `run` (whole chars of the NFC text,
    /// copied as they are, the first of them its char `ci`), written at byte
    /// `at` of the output; answers the index of the char after the run.
    fn fill(&self, at: usize, run: &str, ci: usize, map: &mut Self::Map) -> usize;

    /// Records in `map` that `c`, which came from original char `o`, was
    /// written at byte `at` of the output. `verbatim`: `c` is the NFC text's
    /// char as it is, not rewritten.
    fn push(&self, at: usize, c: char, o: u32, verbatim: bool, map: &mut Self::Map);
}

/// A byte that starts a char in UTF-8: not a continuation byte (0x80–0xBF).
#[inline]
fn starts_char(x: u8) -> bool {
    (x as i8) >= -0x40
}

/// The number of chars starting in `bytes` (its bytes but the continuation
/// bytes). Counted in a byte per block of 255 bytes, which the compiler does
/// 16 bytes at a time.
#[inline]
fn count_starts(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let n = block
                .iter()
                .fold(0u8, |n, &x| n.wrapping_add(u8::from(starts_char(x))));
            usize::from(n)
        })
        .sum()
}

/// The NFC text is the original: its char `ci` is the original's char `ci`,
/// and the map is anchors.
struct Same;

impl Origins for Same {
    const ORIGINAL: bool = true;
    type Map = Anchors;
    #[inline]
    fn at(&self, ci: usize) -> u32 {
        ci as u32
    }

    #[inline]
    fn fill(&self, at: usize, run: &str, ci: usize, map: &mut Anchors) -> usize {
        map.copy(at, run, ci)
    }

    #[inline]
    fn push(&self, at: usize, c: char, o: u32, verbatim: bool, map: &mut Anchors) {
        if verbatim {
            map.copy_char(at, c.len_utf8(), o);
        } else {
            map.rewritten(at, o);
        }
    }
}

/// No map at all: the NFC text is the original, and only the normalised text is wanted.
struct NoMap;

impl Origins for NoMap {
    const ORIGINAL: bool = true;
    type Map = ();
    #[inline]
    fn at(&self, _: usize) -> u32 {
        0
    }

    #[inline]
    fn fill(&self, _: usize, _: &str, ci: usize, _: &mut ()) -> usize {
        ci
    }

    #[inline]
    fn push(&self, _: usize, _: char, _: u32, _: bool, _: &mut ()) {}
}

/// The original offset of each char of the NFC text; the map is an origin per byte.
struct Table(Vec<u32>);

impl Origins for Table {
    const ORIGINAL: bool = false;
    type Map = Vec<u32>;
    #[inline]
    fn at(&self, ci: usize) -> u32 {
        self.0.get(ci).copied().unwrap_or_default()
    }

    fn fill(&self, _: usize, run: &str, ci: usize, map: &mut Vec<u32>) -> usize {
        let mut i = ci;
        // every byte maps to the char it belongs to: count the chars' first bytes
        map.extend(run.bytes().map(|x| {
            i += usize::from(starts_char(x));
            self.at(i - 1)
        }));
        i
    }

    #[inline]
    fn push(&self, _: usize, c: char, o: u32, _: bool, map: &mut Vec<u32>) {
        map.extend(std::iter::repeat_n(o, c.len_utf8()));
    }
}

/// Byte classes for the copy loop of `rewrite` (the first byte of a char).
const B_OTHER: u8 = 0;
/// An ASCII char that `is_plain`.
const B_PLAIN: u8 = 1;
/// The lead of a 2-byte char in U+00C0–U+023F: `is_plain`.
const B_PLAIN2: u8 = 2;
/// The lead of U+0240–U+027F: `is_plain` below U+0250.
const B_C9: u8 = 3;
/// The lead of U+1000–U+1FFF: `is_plain` in U+1E00–U+1EFF.
const B_E1: u8 = 4;
const B_SPACE: u8 = 5;
/// `o`, `O`, `u`, `U`: may start an old-style glide.
const B_OU: u8 = 6;

const CLASS: [u8; 256] = {
    let mut t = [B_OTHER; 256];
    let mut i = 0;
    while i < 0x80 {
        t[i] = B_PLAIN;
        i += 1;
    }
    t[b'\t' as usize] = B_OTHER;
    t[0x0B] = B_OTHER;
    t[0x0C] = B_OTHER;
    t[b'\r' as usize] = B_OTHER;
    t[b'`' as usize] = B_OTHER;
    t[b' ' as usize] = B_SPACE;
    t[b'o' as usize] = B_OU;
    t[b'O' as usize] = B_OU;
    t[b'u' as usize] = B_OU;
    t[b'U' as usize] = B_OU;
    let mut i = 0xC3;
    while i <= 0xC8 {
        t[i] = B_PLAIN2;
        i += 1;
    }
    t[0xC9] = B_C9;
    t[0xE1] = B_E1;
    t
};

/// The length of a char whose first byte is `B_PLAIN` or `B_PLAIN2`, else 0.
const STEP: [u8; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match CLASS[i] {
            B_PLAIN => 1,
            B_PLAIN2 => 2,
            _ => 0,
        };
        i += 1;
    }
    t
};

/// Appends the bytes `s[from..to]` (whole chars, copied as they are) to the
/// output; `ci` is the index in `s` of the char at `from`, and is moved to `to`.
#[inline]
fn copy_run<O: Origins>(
    s: &str,
    from: usize,
    to: usize,
    ci: &mut usize,
    origins: &O,
    out: &mut (String, O::Map),
) {
    let run = &s[from..to];
    let at = out.0.len();
    out.0.push_str(run);
    *ci = origins.fill(at, run, *ci, &mut out.1);
}

/// Appends `c`, which came from original char `o`, to the output; `verbatim`:
/// `c` is the char of `s` as it is.
#[inline]
fn push_char<O: Origins>(origins: &O, out: &mut (String, O::Map), c: char, o: u32, verbatim: bool) {
    let at = out.0.len();
    out.0.push(c);
    origins.push(at, c, o, verbatim, &mut out.1);
}

/// True when the char of `s` at byte `p` is a letter or digit.
#[inline(always)]
fn alnum_at(s: &str, p: usize) -> bool {
    match s.as_bytes().get(p) {
        None => false,
        Some(&x) if x < 0x80 => x.is_ascii_alphanumeric(),
        Some(_) => s[p..].chars().next().is_some_and(crate::lexicon::is_alnum),
    }
}

/// The high bit of each byte of `x` (eight bytes of the text from a char boundary,
/// little-endian) that `rewrite` only steps over, whatever its place in the text: the
/// bytes of the plain chars (`STEP`, and the `B_C9` and `B_E1` letters told by their
/// next byte), a space between a byte that is no space, `(`, `[` or line end and a
/// letter or digit (ASCII, U+0100–U+023F, or U+1E00–U+1EFF), and an `o` or `u`
/// before an ASCII char. `before` is the byte before `x` as `rewrite` sees it (the
/// last byte written, were the run written now; a space when there is none). A byte
/// whose answer needs a byte after `x` (any of these in the last place, a space before
/// a 0xE1 there) is not set: `rewrite` looks at it again in the next block. UTF-8
/// continuation bytes are set: `x` starts on a char boundary, and the first byte of a
/// char that is not stepped over is not set. Each byte is told by arithmetic that
/// carries nothing into the next byte.
#[inline(always)]
fn plain_bytes(x: u64, before: u8) -> u64 {
    use crate::blocks::{ascii_alnum, continuation, equal, low7_in, HIGH_BITS, LAST, ONES};
    let ascii = !x & HIGH_BITS;
    // `o` and `u` of either case: ASCII with the case bit set
    let folded = x | (ONES * 0x20);
    let o_or_u = (equal(folded, b'o') | equal(folded, b'u')) & ascii;
    let sp = equal(x, b' ');
    let nl = equal(x, b'\n');
    // ASCII but tab, vertical tab, form feed, carriage return (0x09–0x0D but line feed),
    // backquote, space, o, u
    let plain_ascii = ascii & !(low7_in(x, 0x09, 0x0D) & !nl) & !(equal(x, b'`') | sp | o_or_u);
    // the leads of U+00C0–U+023F (0xC3–0xC8)
    let plain2 = x & low7_in(x, 0x43, 0x48);
    // the tests of a byte's next byte are those of the bytes shifted into its place (each
    // byte's answer is its own): the last byte's next is taken as 0
    // U+0240–U+024F (0xC9 before 0x80–0x8F), U+1E00–U+1EFF (0xE1 before 0xB8–0xBB)
    let c9 = equal(x, 0xC9) & ((x & low7_in(x, 0x00, 0x0F)) >> 8) & !LAST;
    let e1 = equal(x, 0xE1) & ((x & low7_in(x, 0x38, 0x3B)) >> 8);
    // a letter or digit starting at the next byte: ASCII, a lead 0xC4–0xC8, or 0xE1
    // before 0xB8–0xBB
    let letter = ascii_alnum(x) | (x & low7_in(x, 0x44, 0x48)) | e1;
    let next_letter = letter >> 8;
    // each byte's previous byte in its place (`before` before the first)
    let prev = x << 8 | u64::from(before);
    let space = sp
        & !(equal(prev, b' ') | equal(prev, b'(') | equal(prev, b'[') | equal(prev, b'\n'))
        & next_letter;
    let glide_free = o_or_u & !(x >> 8) & HIGH_BITS & !LAST;
    plain_ascii | continuation(x) | plain2 | c9 | e1 | space | glide_free
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use crate::blocks::sse2::*;

    /// `plain_bytes` of the 16 bytes of `bytes` from `at`, each lane told by the byte
    /// before it (`before` for the first) and the two after it in the text, so that every
    /// lane's answer is final; None where fewer than 18 bytes are left.
    #[inline(always)]
    pub(super) fn plain_lanes(bytes: &[u8], at: usize, before: u8) -> Option<u16> {
        let x = load(bytes, at)?;
        let (next, after) = (load(bytes, at + 1)?, load(bytes, at + 2)?);
        // each byte's previous byte in its place
        let prev = (
            x.0 << 8 | i64::from(before),
            x.1 << 8 | (x.0 as u64 >> 56) as i64,
        );
        // SAFETY: the intrinsics need SSE2, which this module is only compiled with
        // (`target_feature = "sse2"`, part of every x86_64 target); none reads memory.
        Some(unsafe { plain(x, prev, next, after) })
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn plain(x: (i64, i64), prev: (i64, i64), next: (i64, i64), after: (i64, i64)) -> u16 {
        let (x, prev, n, a) = (lanes(x), lanes(prev), lanes(next), lanes(after));
        let ascii_x = ascii(x);
        let folded = or(x, splat(0x20));
        let o_or_u = and(
            or(eq(folded, splat(b'o')), eq(folded, splat(b'u'))),
            ascii_x,
        );
        let sp = eq(x, splat(b' '));
        // ASCII but tab, vertical tab, form feed, carriage return, backquote, space, o, u
        let odd_space = and_not(eq(x, splat(b'\n')), in_range(x, 0x09, 0x0D));
        let plain_ascii = and_not(
            or(or(odd_space, eq(x, splat(b'`'))), or(sp, o_or_u)),
            ascii_x,
        );
        let plain2 = in_range(x, 0xC3, 0xC8);
        let c9 = and(eq(x, splat(0xC9)), in_range(n, 0x80, 0x8F));
        let e1 = and(eq(x, splat(0xE1)), in_range(n, 0xB8, 0xBB));
        // a letter or digit starting at the next byte
        let next_letter = or(
            or(ascii_alnum(n), in_range(n, 0xC4, 0xC8)),
            and(eq(n, splat(0xE1)), in_range(a, 0xB8, 0xBB)),
        );
        let after_open = or(
            or(eq(prev, splat(b' ')), eq(prev, splat(b'('))),
            or(eq(prev, splat(b'[')), eq(prev, splat(b'\n'))),
        );
        let space = and(and_not(after_open, sp), next_letter);
        let glide_free = and(o_or_u, ascii(n));
        mask(or(
            or(or(plain_ascii, continuation(x)), or(plain2, c9)),
            or(e1, or(space, glide_free)),
        ))
    }
}

/// Stage 2, the character rewriting, on the NFC text `s` (see `normalize`).
/// Chars that are written as they are (`is_plain`, a space between two words,
/// an `o` or `u` that starts no glide) are copied a run at a time. Returns the
/// number of chars of `s`, or `None` when `s` is the original (`O::ORIGINAL`)
/// and not NFC after all: the output is then to be thrown away.
fn rewrite<O: Origins>(
    s: &str,
    origins: &O,
    clusters: &[(u32, u32)],
    out: &mut (String, O::Map),
    tone_pairs: &mut Vec<(u32, u32)>,
) -> Option<usize> {
    let b = s.as_bytes();
    let n = b.len();
    let mut p = 0; // byte position in `s`
    let mut run = 0; // start of the chars not written yet, all copied as they are
    let mut ci = 0; // index in `s` of the char at `run`
                    // (byte position of the next char that is neither a space nor zero-width, that char)
    let mut ahead: (usize, Option<char>) = (0, None);
    // all chars copied in a run are `is_composed_starter`; the others are
    // looked at below, and the first that is not makes us ask `is_nfc_quick`
    let mut nfc_checked = !O::ORIGINAL;
    // the last byte written, were the run written now
    let last_byte = |run: usize, p: usize, out: &(String, O::Map)| {
        if p > run {
            Some(b[p - 1])
        } else {
            out.0.as_bytes().last().copied()
        }
    };
    while p < n {
        // eight bytes at a time over bytes that the code below would only step over
        // (`plain_bytes`), up to the first byte it may do more at
        let mut before = last_byte(run, p, out).unwrap_or(b' ');
        // sixteen bytes at a time where the machine can, each lane told by its neighbours
        // in the text (a stop is a byte to do more at)
        let mut stopped = false;
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        while let Some(plain) = sse2::plain_lanes(b, p, before) {
            let k = (!plain).trailing_zeros() as usize;
            p += k;
            if k < 16 {
                stopped = true;
                break;
            }
            before = b[p - 1];
        }
        // else eight bytes at a time
        while let Some(block) = crate::blocks::block_at(b, p).filter(|_| !stopped) {
            let stop = !plain_bytes(block, before) & crate::blocks::HIGH_BITS;
            // the bytes stepped over: 8 when `stop` is 0 (no branch on it, as a block
            // without a stop is about as likely as one with)
            let k = stop.trailing_zeros() as usize / 8;
            p += k;
            if k < 6 {
                break;
            }
            // the last two bytes may stop only for want of the bytes after the
            // block: the next block, from the stop, tells
            before = (block >> (8 * (k - 1))) as u8;
        }
        // a block may have ended inside a plain char: on to the next char
        while b.get(p).is_some_and(|&x| !starts_char(x)) {
            p += 1;
        }
        if p >= n {
            break;
        }
        // the chars whose first byte says they are plain (ASCII and two-byte letters): a
        // tight loop; `STEP` is their length (a lead byte is followed by its char, so `p`
        // stays on char boundaries, at most `n`)
        let mut x = b[p];
        let mut step = STEP[x as usize];
        if step != 0 {
            p += usize::from(step);
            while p < n {
                x = b[p];
                step = STEP[x as usize];
                if step == 0 {
                    break;
                }
                p += usize::from(step);
            }
            if p >= n {
                break;
            }
        }
        match CLASS[x as usize] {
            B_C9 if b[p + 1] < 0x90 => {
                p += 2;
                continue;
            }
            B_E1 if matches!(b[p + 1], 0xB8..=0xBB) => {
                p += 3;
                continue;
            }
            // the usual space, between two letters or digits, stays as it is
            B_SPACE
                if last_byte(run, p, out)
                    .is_some_and(|l| !matches!(l, b' ' | b'(' | b'[' | b'\n'))
                    && alnum_at(s, p + 1) =>
            {
                p += 1;
                continue;
            }
            B_OU => {
                // tone-mark placement for old-style glides: the next char is a
                // toned vowel, never ASCII
                let Some(second) = s[p + 1..].chars().next().filter(|c| !c.is_ascii()) else {
                    p += 1;
                    continue;
                };
                let after_q = matches!(last_byte(run, p, out), Some(b'q' | b'Q'));
                let rest = &s[p + 1 + second.len_utf8()..];
                let Some((a, z)) = move_tone(x as char, second, after_q, rest) else {
                    p += 1;
                    continue;
                };
                copy_run(s, run, p, &mut ci, origins, out);
                // the pair is one unit now: both chars map to its start, and a
                // span that ends inside it ends after it
                let (o, o2) = (origins.at(ci), origins.at(ci + 1));
                push_char(origins, out, a, o, false);
                push_char(origins, out, z, o, false);
                let end2 = clusters
                    .binary_search_by_key(&o2, |&(a, _)| a)
                    .map_or(o2 + 1, |i| clusters[i].1);
                tone_pairs.push((o, end2));
                p += 1 + second.len_utf8();
                ci += 2;
                run = p;
                continue;
            }
            _ => {}
        }
        // a char that needs a closer look
        copy_run(s, run, p, &mut ci, origins, out);
        let c = s[p..].chars().next().unwrap_or_default();
        if !nfc_checked && !is_composed_starter(c) {
            if is_nfc_quick(s.chars()) != IsNormalized::Yes {
                return None;
            }
            nfc_checked = true;
        }
        let o = origins.at(ci);
        let next_p = p + c.len_utf8();
        if c == '\r' {
            // CR LF → LF; lone CR → LF
            if b.get(next_p) != Some(&b'\n') {
                push_char(origins, out, '\n', o, false);
            }
        } else if let Some(m) = map_char(c) {
            if m == ' ' {
                // fold runs of spaces; drop spaces just inside brackets and before line ends
                let last = out.0.chars().next_back();
                // the next character that is not a space: looked up once per run of spaces
                if ahead.0 <= p {
                    ahead = s[next_p..]
                        .char_indices()
                        .find(|&(_, c)| !is_zero_width(c) && !is_hspace(c))
                        .map_or((n, None), |(i, c)| (next_p + i, Some(c)));
                }
                let drop = matches!(last, None | Some(' ' | '(' | '[' | '\n'))
                    || matches!(ahead.1, None | Some(')' | ']' | '\n' | '\r'));
                if !drop {
                    push_char(origins, out, ' ', o, c == ' ');
                }
            } else {
                // `map_char` never writes an `o` or `u` it was not given, and
                // those are handled above
                push_char(origins, out, m, o, m == c);
            }
        }
        p = next_p;
        ci += 1;
        run = p;
    }
    copy_run(s, run, n, &mut ci, origins, out);
    Some(ci)
}

/// Normalise `orig` for reading, keeping the map back to it.
pub fn normalize(orig: &str) -> Normalized {
    // Stage 1: NFC. Only clusters that are not already NFC are recomposed; the
    // map keeps each output char on the original index of its cluster's first char.
    let mut out = (String::with_capacity(orig.len()), Anchors::new());
    let mut clusters: Vec<(u32, u32)> = Vec::new();
    let mut tone_pairs: Vec<(u32, u32)> = Vec::new();
    // Stage 2: character rewriting on the NFC text, which is usually the original.
    let (text, map, n_orig) = if let Some(n) = rewrite(orig, &Same, &[], &mut out, &mut tone_pairs)
    {
        (out.0, Map::Sparse(out.1.list), n as u32)
    } else {
        let mut text = out.0;
        text.clear();
        tone_pairs.clear();
        let all: Vec<char> = orig.chars().collect();
        let mut nfc = String::with_capacity(orig.len());
        let mut origins: Vec<u32> = Vec::with_capacity(all.len());
        let mut i = 0;
        let mut buf = String::new();
        while i < all.len() {
            let mut j = i + 1;
            while j < all.len() && !is_boundary(all[j]) {
                j += 1;
            }
            buf.clear();
            buf.extend(&all[i..j]);
            for c in buf.nfc() {
                nfc.push(c);
                origins.push(i as u32);
            }
            if j - i > 1 {
                clusters.push((i as u32, j as u32));
            }
            i = j;
        }
        let mut out = (text, Vec::with_capacity(orig.len()));
        rewrite(&nfc, &Table(origins), &clusters, &mut out, &mut tone_pairs);
        (out.0, Map::Dense(out.1), all.len() as u32)
    };
    // both lists are sorted by start: merge them (an insert per pair would be quadratic),
    // a start in both keeping the larger end
    let clusters = if tone_pairs.is_empty() {
        clusters
    } else {
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(clusters.len() + tone_pairs.len());
        let (mut ci, mut ti) = (
            clusters.into_iter().peekable(),
            tone_pairs.into_iter().peekable(),
        );
        loop {
            let next = match (ci.peek(), ti.peek()) {
                (Some(c), Some(t)) if c.0 <= t.0 => ci.next(),
                (_, Some(_)) => ti.next(),
                (Some(_), None) => ci.next(),
                (None, None) => break,
            };
            let Some((a, b)) = next else { break };
            match merged.last_mut() {
                Some(last) if last.0 == a => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    };
    Normalized {
        text,
        map,
        orig_len: n_orig,
        clusters,
    }
}

/// A position where NFC composition cannot reach across: a starter that is
/// NFC-stable on its own.
fn is_boundary(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// The matching key of a short string: normalised, lowercase. Used by lexicon
/// and gazetteer lookups so that `Uỷ ban` and `ủy ban` compare equal.
pub fn key(s: &str) -> String {
    // the text of `normalize` without its map, when `s` is NFC (the usual case)
    let mut out = (String::with_capacity(s.len()), ());
    if rewrite(s, &NoMap, &[], &mut out, &mut Vec::new()).is_some() {
        lowercase(&out.0)
    } else {
        lowercase(&normalize(s).text)
    }
}

/// `s.to_lowercase()`, with the letters of Vietnamese found without a table lookup.
fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        let l = match u {
            0..=0x7F => c.to_ascii_lowercase(),
            // À..Þ (but ×) → à..þ; ß..ÿ are lowercase
            0xC0..=0xDE if u != 0xD7 => char::from_u32(u + 0x20).unwrap_or(c),
            0xDF..=0xFF => c,
            // Ă Đ Ĩ Ũ Ơ Ư and their lowercase
            0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => char::from_u32(u + 1).unwrap_or(c),
            0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => c,
            // Ạ ạ … Ỹ ỹ: capital even, small odd
            0x1EA0..=0x1EFF => char::from_u32(u | 1).unwrap_or(c),
            // a capital sigma's lowercase depends on the letters around it
            0x3A3 => return s.to_lowercase(),
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push(l);
    }
    out
}

/// Code-point length of a string.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The algorithm before the copy loop of `rewrite`, char by char, kept to
    /// check that the fast one writes the same text and map for any input.
    mod reference {
        use super::super::{
            is_boundary, is_hspace, is_nfc_quick, is_zero_width, map_char, tone_of, with_tone,
            IsNormalized, UnicodeNormalization, GLIDES,
        };

        /// The normalised text with the dense map of before the anchors: an
        /// origin per byte, and the original's length at the end.
        pub(crate) struct Dense {
            pub(crate) text: String,
            map: Vec<u32>,
            pub(crate) clusters: Vec<(u32, u32)>,
        }

        impl Dense {
            /// Original code-point offset of normalised byte offset `b`.
            pub(crate) fn orig(&self, b: usize) -> usize {
                self.map[b.min(self.text.len())] as usize
            }

            /// Original code-point span `[start, end)` of the normalised byte span `[s, e)`.
            pub(crate) fn orig_span(&self, s: usize, e: usize) -> (usize, usize) {
                let s = s.min(self.text.len());
                let e = e.min(self.text.len()).max(s);
                if e == s {
                    let o = self.orig(s);
                    return (o, o);
                }
                let start = self.orig(s);
                let last = self.text[..e]
                    .char_indices()
                    .next_back()
                    .map(|(i, _)| i)
                    .unwrap_or(s);
                let last_orig = self.orig(last) as u32;
                let end = match self.clusters.binary_search_by_key(&last_orig, |&(a, _)| a) {
                    Ok(i) => self.clusters[i].1,
                    Err(_) => last_orig + 1,
                };
                (start, (end as usize).max(start))
            }

            /// Length of the original in code points.
            pub(crate) fn orig_len(&self) -> usize {
                *self.map.last().unwrap_or(&0) as usize
            }
        }

        fn is_latin_letter(c: char) -> bool {
            super::super::is_latin_letter(c)
        }

        /// The old `is_composed_starter` (before U+2002–U+207F joined it).
        fn is_composed_starter(c: char) -> bool {
            (c as u32) < 0x300 || matches!(c as u32, 0x1E00..=0x1EFF)
        }

        #[inline]
        fn is_plain(c: char) -> bool {
            super::super::is_plain(c)
        }

        /// `(first, second)` rewritten to the new tone placement, if it is an old-style glide.
        fn move_tone(
            first: char,
            second: char,
            prev: Option<char>,
            next: Option<char>,
        ) -> Option<(char, char)> {
            if !matches!(first, 'o' | 'O' | 'u' | 'U') || second.is_ascii() {
                return None; // only `o`/`u` then a toned vowel can be an old-style glide
            }
            if next.is_some_and(is_latin_letter) {
                return None; // closed syllable (`hoàng`, `thuyết`): placement is not in question
            }
            let (sbase, tone) = tone_of(second)?;
            let f_low = first.to_lowercase().next()?;
            let s_low = sbase.to_lowercase().next()?;
            if !GLIDES.iter().any(|&(a, b)| a == f_low && b == s_low) {
                return None;
            }
            if f_low == 'u' && prev.is_some_and(|p| p == 'q' || p == 'Q') {
                return None; // `quý`: the u belongs to the consonant
            }
            Some((with_tone(first, tone)?, sbase))
        }

        /// Normalise `orig` for reading, keeping the map back to it.
        pub(crate) fn normalize(orig: &str) -> Dense {
            // Stage 1: NFC, as (char, original index) pairs. Only clusters that are not
            // already NFC are recomposed; the map keeps each output char on the
            // original index of its cluster's first char.
            let mut chars: Vec<(char, u32)> = Vec::with_capacity(orig.len());
            let mut clusters: Vec<(u32, u32)> = Vec::new();
            if orig.chars().all(is_composed_starter)
                || is_nfc_quick(orig.chars()) == IsNormalized::Yes
            {
                chars.extend(orig.chars().enumerate().map(|(i, c)| (c, i as u32)));
            } else {
                let all: Vec<char> = orig.chars().collect();
                let mut i = 0;
                let mut buf = String::new();
                while i < all.len() {
                    let mut j = i + 1;
                    while j < all.len() && !is_boundary(all[j]) {
                        j += 1;
                    }
                    buf.clear();
                    buf.extend(&all[i..j]);
                    for c in buf.nfc() {
                        chars.push((c, i as u32));
                    }
                    if j - i > 1 {
                        clusters.push((i as u32, j as u32));
                    }
                    i = j;
                }
            }
            let n_orig = orig.chars().count() as u32;

            // Stage 2: character rewriting on the NFC sequence.
            let mut text = String::with_capacity(orig.len());
            let mut map: Vec<u32> = Vec::with_capacity(orig.len() + 1);
            let push = |text: &mut String, map: &mut Vec<u32>, c: char, o: u32| {
                text.push(c);
                map.extend(std::iter::repeat_n(o, c.len_utf8()));
            };
            let mut tone_pairs: Vec<(u32, u32)> = Vec::new();
            // (index in `chars` of the next char that is neither a space nor zero-width, that char)
            let mut ahead: (usize, Option<char>) = (0, None);
            let mut k = 0;
            while k < chars.len() {
                let (c, o) = chars[k];
                // most characters are written as they are
                if is_plain(c) {
                    text.push(c);
                    match c.len_utf8() {
                        1 => map.push(o),
                        2 => map.extend_from_slice(&[o, o]),
                        n => map.extend(std::iter::repeat_n(o, n)),
                    }
                    k += 1;
                    continue;
                }
                // CR LF → LF; lone CR → LF
                if c == '\r' {
                    if chars.get(k + 1).is_some_and(|&(n, _)| n == '\n') {
                        k += 1;
                        continue;
                    }
                    push(&mut text, &mut map, '\n', o);
                    k += 1;
                    continue;
                }
                let Some(m) = map_char(c) else {
                    k += 1;
                    continue;
                };
                if m == ' ' {
                    // the usual space, between two letters or digits, stays as it is
                    let between_words = text
                        .as_bytes()
                        .last()
                        .is_some_and(|&b| !matches!(b, b' ' | b'(' | b'[' | b'\n'))
                        && chars
                            .get(k + 1)
                            .is_some_and(|&(n, _)| crate::lexicon::is_alnum(n));
                    if between_words {
                        push(&mut text, &mut map, ' ', o);
                        k += 1;
                        continue;
                    }
                    // fold runs of spaces; drop spaces just inside brackets and before line ends
                    let last = text.chars().next_back();
                    // the next character that is not a space: looked up once per run of spaces
                    if ahead.0 <= k {
                        let j = chars[k + 1..]
                            .iter()
                            .position(|&(n, _)| !is_zero_width(n) && !is_hspace(n))
                            .map_or(chars.len(), |p| k + 1 + p);
                        ahead = (j, chars.get(j).map(|&(n, _)| n));
                    }
                    let next = ahead.1;
                    let drop = last == Some(' ')
                        || last == Some('(')
                        || last == Some('[')
                        || matches!(next, Some(')') | Some(']') | Some('\n') | Some('\r') | None)
                        || last.is_none()
                        || last == Some('\n');
                    if !drop {
                        push(&mut text, &mut map, ' ', o);
                    }
                    k += 1;
                    continue;
                }
                // tone-mark placement for old-style glides
                if let Some(&(second, o2)) = chars.get(k + 1) {
                    let prev = text.chars().next_back();
                    let next = chars.get(k + 2).map(|&(n, _)| n);
                    if let Some((a, b)) = move_tone(m, second, prev, next) {
                        // the pair is one unit now: both chars map to its start, and a
                        // span that ends inside it ends after it
                        push(&mut text, &mut map, a, o);
                        push(&mut text, &mut map, b, o);
                        let end2 = clusters
                            .binary_search_by_key(&o2, |&(a, _)| a)
                            .map_or(o2 + 1, |i| clusters[i].1);
                        tone_pairs.push((o, end2));
                        k += 2;
                        continue;
                    }
                }
                push(&mut text, &mut map, m, o);
                k += 1;
            }
            map.push(n_orig);
            // both lists are sorted by start: merge them (an insert per pair would be quadratic),
            // a start in both keeping the larger end
            let clusters = if tone_pairs.is_empty() {
                clusters
            } else {
                let mut merged: Vec<(u32, u32)> =
                    Vec::with_capacity(clusters.len() + tone_pairs.len());
                let (mut ci, mut ti) = (
                    clusters.into_iter().peekable(),
                    tone_pairs.into_iter().peekable(),
                );
                loop {
                    let next = match (ci.peek(), ti.peek()) {
                        (Some(c), Some(t)) if c.0 <= t.0 => ci.next(),
                        (_, Some(_)) => ti.next(),
                        (Some(_), None) => ci.next(),
                        (None, None) => break,
                    };
                    let Some((a, b)) = next else { break };
                    match merged.last_mut() {
                        Some(last) if last.0 == a => last.1 = last.1.max(b),
                        _ => merged.push((a, b)),
                    }
                }
                merged
            };
            Dense {
                text,
                map,
                clusters,
            }
        }
    }

    /// `s` without combining marks (tones and vowel marks), for comparing
    /// texts whose tone placement may differ.
    fn untoned(s: &str) -> String {
        s.nfd()
            .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
            .collect()
    }

    fn slice_chars(s: &str, a: usize, b: usize) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn tone_placement_is_unified() {
        assert_eq!(normalize("Huyện uỷ Thanh Hoá").text, "Huyện ủy Thanh Hóa");
        assert_eq!(
            normalize("thuỷ lợi, khoẻ mạnh, HOÀ").text,
            "thủy lợi, khỏe mạnh, HÒA"
        );
        // closed syllables and `qu` are left alone
        assert_eq!(normalize("Hoàng Quý thuyết").text, "Hoàng Quý thuyết");
        // only a Latin letter closes a syllable
        assert_eq!(normalize("uỷᎠ").text, "ủyᎠ");
    }

    #[test]
    fn quotes_dashes_spaces() {
        let n = normalize("M’Drắk – Đắk Lắk\u{00A0}\u{00A0}( Cần Thơ )\u{200B}x");
        assert_eq!(n.text, "M'Drắk - Đắk Lắk (Cần Thơ)x");
    }

    #[test]
    fn nfd_is_composed_and_mapped() {
        let nfd: String = "Ủy ban huyện Đắk Glong".nfd().collect();
        let n = normalize(&nfd);
        assert_eq!(n.text, "Ủy ban huyện Đắk Glong");
        let b = n.text.find("Đắk").unwrap();
        let (s, e) = n.orig_span(b, b + "Đắk Glong".len());
        let back: String = slice_chars(&nfd, s, e).nfc().collect();
        assert_eq!(back, "Đắk Glong");
    }

    #[test]
    fn plain_characters_are_written_as_they_are() {
        for c in (0..0x2000u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
        {
            assert_eq!(map_char(c), Some(c), "{c:?}");
            assert!(c == '\n' || !c.is_whitespace(), "{c:?}");
            assert!(!matches!(c, 'o' | 'O' | 'u' | 'U'), "{c:?}");
        }
    }

    #[test]
    fn composed_starters_need_no_composition() {
        for c in (0..=0x10_FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_composed_starter(c))
        {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn crlf_and_offsets() {
        let src = "a\r\nb  c";
        let n = normalize(src);
        assert_eq!(n.text, "a\nb c");
        let b = n.text.find('c').unwrap();
        assert_eq!(n.orig_span(b, b + 1), (6, 7));
        assert_eq!(n.orig_len(), 7);
    }

    /// Generated text mixing what `normalize` treats specially: ASCII with
    /// its `o`/`u`/`q`, precomposed and decomposed Vietnamese, old-style
    /// glides, combining marks, odd spaces, zero-width chars, quotes, dashes,
    /// brackets, CR/LF and chars from other scripts.
    fn generated(seed: u64, len: usize) -> String {
        const PIECES: &[&str] = &[
            "a",
            "o",
            "u",
            "q",
            "Q",
            "O",
            "U",
            "y",
            "Y",
            "e",
            "h",
            "n",
            "g",
            "c",
            "1",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\u{0B}",
            "\u{0C}",
            "\r",
            "\n",
            "\r\n",
            "(",
            ")",
            "[",
            "]",
            "`",
            "'",
            "\u{00A0}",
            "\u{2002}",
            "\u{2000}",
            "\u{2001}",
            "\u{202F}",
            "\u{3000}",
            "\u{1680}",
            "\u{0085}",
            "\u{2028}",
            "\u{200B}",
            "\u{200C}",
            "\u{200D}",
            "\u{2060}",
            "\u{FEFF}",
            "\u{00AD}",
            "\u{2018}",
            "\u{2019}",
            "\u{201B}",
            "\u{02BC}",
            "\u{2032}",
            "\u{00B4}",
            "\u{201C}",
            "\u{201D}",
            "\u{201E}",
            "«",
            "»",
            "\u{2010}",
            "\u{2011}",
            "\u{2012}",
            "–",
            "—",
            "\u{2015}",
            "\u{2212}",
            "…",
            "•",
            "à",
            "á",
            "ả",
            "ã",
            "ạ",
            "è",
            "é",
            "ẻ",
            "ẽ",
            "ẹ",
            "ỳ",
            "ý",
            "ỷ",
            "ỹ",
            "ỵ",
            "À",
            "Ả",
            "É",
            "Ỷ",
            "Ý",
            "ò",
            "ủ",
            "Ù",
            "ặ",
            "ố",
            "ư",
            "ơ",
            "ô",
            "ê",
            "â",
            "ă",
            "đ",
            "Đ",
            "ə",
            "ɐ",
            "ʼ",
            "ɏ",
            "\u{0300}",
            "\u{0301}",
            "\u{0309}",
            "\u{0303}",
            "\u{0323}",
            "\u{0302}",
            "\u{0306}",
            "\u{031B}",
            "\u{0340}",
            "\u{0344}",
            "\u{0345}",
            "\u{0327}",
            "\u{0338}",
            "Ω",
            "\u{2126}",
            "Å",
            "\u{212B}",
            "Ꭰ",
            "Ā",
            "ḁ",
            "ἀ",
            "\u{1100}",
            "\u{1161}",
            "\u{11A8}",
            "가",
            "😀",
            "👍🏽",
            "中",
            "x",
            "Z",
            "9",
            "ß",
            "×",
            "÷",
            "ǅ",
            "Ǆ",
            "ǈ",
            "\u{0958}",
            "\u{0915}\u{093C}",
            "ɑ",
            "ǀ",
            "\u{1E9E}",
            "uỷ",
            "oà",
            "oẻ",
            "Uỷ",
            "OÀ",
            "quý",
            "qu\u{200B}ý",
            "hoà",
            "hoàng",
            "thuỷ",
            "u\u{0309}y",
            "uy\u{0309}",
            "oa\u{0300}",
            "o\u{0300}a",
        ];
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut s = String::new();
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
        }
        s
    }

    /// `normalize(s)` writes the same text as the reference, and its map
    /// answers as the reference's dense map at every byte.
    fn assert_same(s: &str) {
        let (new, old) = (normalize(s), reference::normalize(s));
        assert_eq!(new.text, old.text, "text of {s:?}");
        assert_eq!(new.clusters, old.clusters, "clusters of {s:?}");
        assert_same_map(s, &new, &old);
    }

    /// `new` answers `orig`, `orig_span` and `orig_len` as the reference's
    /// dense map `old` (of the same text), and its anchors are well formed.
    fn assert_same_map(s: &str, new: &Normalized, old: &reference::Dense) {
        assert_eq!(new.orig_len(), old.orig_len(), "length of {s:?}");
        let n = new.text.len();
        // every byte, continuation bytes included, and past the end
        for b in 0..=n + 1 {
            assert_eq!(new.orig(b), old.orig(b), "byte {b} of {s:?}");
        }
        // spans from every char boundary, to the next few and to the end
        let idx: Vec<usize> = new.text.char_indices().map(|(i, _)| i).chain([n]).collect();
        for (w, &a) in idx.iter().enumerate() {
            for &e in idx[w..].iter().take(4).chain([&n]) {
                assert_eq!(
                    new.orig_span(a, e),
                    old.orig_span(a, e),
                    "{a}..{e} of {s:?}"
                );
            }
        }
        if let Map::Sparse(anchors) = &new.map {
            assert_anchors(&new.text, anchors);
        }
    }

    /// Anchors start at 0 and at increasing char boundaries, and no copied
    /// piece runs more than `SPAN` bytes and the rest of a char.
    fn assert_anchors(text: &str, anchors: &[Anchor]) {
        assert_eq!(
            anchors.first().map(|a| a.at),
            (!text.is_empty()).then_some(0)
        );
        for (k, a) in anchors.iter().enumerate() {
            let end = anchors.get(k + 1).map_or(text.len(), |n| n.at as usize);
            assert!(text.is_char_boundary(a.at as usize), "{a:?} of {text:?}");
            assert!((a.at as usize) < end, "{a:?} of {text:?}");
            assert!(
                !a.copy || end - a.at as usize <= SPAN + 3,
                "{a:?} of {text:?}"
            );
        }
    }

    #[test]
    fn same_as_the_reference_on_generated_text() {
        for seed in 0..20_000u64 {
            let s = generated(seed, (seed % 40) as usize);
            assert_same(&s);
            // and its NFD, and the same with a non-NFC char to force the slow path
            assert_same(&s.nfd().collect::<String>());
            assert_same(&format!("{s}\u{2126}"));
        }
    }

    #[test]
    fn same_as_the_reference_on_every_char_in_context() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            for ctx in ["o", "u", "q", " ", "a ", "( ", "\r", "\n "] {
                assert_same(&format!("{ctx}{c}"));
                assert_same(&format!("{c}{ctx}"));
                assert_same(&format!("{ctx}{c}{ctx}"));
            }
            assert_same(&format!("xo{c} y"));
            assert_same(&format!("hu{c}y"));
        }
    }

    #[test]
    fn same_as_the_reference_on_the_corpus() {
        let Ok(dir) = std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/python/vnpov/data/sample"
        )) else {
            return;
        };
        for e in dir.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                assert_same(&t);
                assert_same(&t.nfd().collect::<String>());
                assert_same(&t.replace('ủ', "u\u{309}").replace('ò', "o\u{300}"));
            }
        }
    }

    #[test]
    fn key_is_the_lowercase_normalised_text() {
        let same = |s: &str| assert_eq!(key(s), normalize(s).text.to_lowercase(), "{s:?}");
        for seed in 0..20_000u64 {
            let s = generated(seed, (seed % 40) as usize);
            same(&s);
            same(&s.nfd().collect::<String>());
            same(&format!("{s}\u{2126}"));
            same(&format!("{s}Σ{s}"));
        }
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            same(&c.to_string());
            same(&format!("Ao{c}ΣA"));
        }
    }

    /// Whether `rewrite` only steps over byte `k` of `block` (a block of a text, from a
    /// char boundary), as far as the block tells, as `plain_bytes` answers it.
    fn stepped_over(block: &[u8; 8], before: u8, k: usize) -> bool {
        let b = block[k];
        let next = block.get(k + 1).copied();
        let after = block.get(k + 2).copied();
        let letter_next = match (next, after) {
            (Some(n), _) if n.is_ascii_alphanumeric() => true,
            (Some(0xC4..=0xC8), _) => true,
            (Some(0xE1), Some(0xB8..=0xBB)) => true,
            _ => false,
        };
        match b {
            0x80..=0xBF => true,
            _ if STEP[b as usize] != 0 => true,
            0xC9 => next.is_some_and(|n| (0x80..0x90).contains(&n)),
            0xE1 => next.is_some_and(|n| (0xB8..=0xBB).contains(&n)),
            b' ' => {
                let prev = k.checked_sub(1).map_or(before, |j| block[j]);
                !matches!(prev, b' ' | b'(' | b'[' | b'\n') && letter_next
            }
            b'o' | b'O' | b'u' | b'U' => next.is_some_and(|n| n.is_ascii()),
            _ => false,
        }
    }

    #[test]
    fn plain_bytes_are_the_bytes_rewrite_steps_over() {
        // every byte value at every place of a block, before every byte value, among
        // bytes drawn from those the rules name and from all values
        let named = [
            b' ', b'(', b'[', b'\n', b'o', b'u', b'O', b'U', b'a', b'Z', b'0', b'\t', b'`', 0xC3,
            0xC4, 0xC8, 0xC9, 0xE1, 0x80, 0x8F, 0x90, 0xB8, 0xBB, 0xBC, 0xE2,
        ];
        crate::blocks::each_block(crate::blocks::named_or_any(&named), |block| {
            for before in [b' ', b'(', b'[', b'\n', b'a', b'o', 0xBB, 0xC3] {
                let plain = plain_bytes(u64::from_le_bytes(block), before);
                for i in 0..8 {
                    assert_eq!(
                        plain >> (8 * i + 7) & 1 == 1,
                        stepped_over(&block, before, i),
                        "{block:x?} {before:x} byte {i}"
                    );
                }
            }
        });
    }

    /// The sixteen-byte lanes answer as `stepped_over` does with the lane's neighbours in
    /// view: every byte value in every lane, before every byte value, after every `before`.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn plain_lanes_are_the_bytes_rewrite_steps_over() {
        let named = [
            b' ', b'(', b'[', b'\n', b'o', b'u', b'O', b'U', b'a', b'Z', b'0', b'\t', b'`', 0xC3,
            0xC4, 0xC8, 0xC9, 0xE1, 0x80, 0x8F, 0x90, 0xB8, 0xBB, 0xBC, 0xE2,
        ];
        crate::blocks::each_window::<26>(&named, 16, 0x5eed_0f1a_9e5e_ed02, |bytes, _, g| {
            let before = named[g.below(named.len())];
            let plain = sse2::plain_lanes(bytes, 0, before).expect("18 bytes");
            for k in 0..16 {
                let block: &[u8; 8] = bytes[k..k + 8].try_into().expect("8 bytes");
                let prev = if k == 0 { before } else { bytes[k - 1] };
                assert_eq!(
                    plain >> k & 1 == 1,
                    stepped_over(block, prev, 0),
                    "{bytes:x?} {before:x} byte {k}"
                );
            }
        });
    }

    #[test]
    fn copy_classes_agree_with_is_plain() {
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let copied = match CLASS[b[0] as usize] {
                B_PLAIN | B_PLAIN2 => true,
                B_C9 => b[1] < 0x90,
                B_E1 => matches!(b[1], 0xB8..=0xBB),
                _ => false,
            };
            assert_eq!(copied, is_plain(c), "{c:?}");
            assert_eq!(CLASS[b[0] as usize] == B_SPACE, c == ' ', "{c:?}");
            assert_eq!(
                CLASS[b[0] as usize] == B_OU,
                matches!(c, 'o' | 'O' | 'u' | 'U'),
                "{c:?}"
            );
        }
    }

    #[test]
    fn same_as_the_reference_on_long_text() {
        // copied runs longer than `SPAN` (cut inside 2- and 3-byte chars at
        // every offset), runs of verbatim chars that are not copied in a run
        // (`•`, ` (`), and long generated texts
        for shift in 0..4 {
            let pad = "x".repeat(shift);
            for unit in ["ạ", "ư", "ạb", "ưx", "a ", "•", "a (", "hoà ", "“a”", "😀"]
            {
                let s = format!("{pad}{}", unit.repeat(2 * SPAN / unit.len() + 7));
                assert_same(&s);
                assert_same(&format!("{s}\u{2126}"));
            }
        }
        for seed in 0..300u64 {
            let s = generated(seed, 200 + 20 * seed as usize);
            assert_same(&s);
            assert_same(&s.replace(
                ['\u{0300}', '\u{0301}', '\u{0309}', '\u{0303}', '\u{0323}'],
                "",
            ));
        }
    }

    #[test]
    fn count_starts_counts_chars() {
        for seed in 0..2_000u64 {
            let s = generated(seed, (seed % 700) as usize);
            let b = s.as_bytes();
            for from in [0, 1, 2, 3, 5, 8, 13] {
                for to in [
                    from,
                    from + 1,
                    from + 7,
                    from + 9,
                    from + 64,
                    from + 300,
                    b.len(),
                ] {
                    let Some(part) = b.get(from..to) else {
                        continue;
                    };
                    let want = part.iter().filter(|&&x| starts_char(x)).count();
                    assert_eq!(count_starts(part), want, "{from}..{to} of {s:?}");
                }
            }
        }
        // more than 255 words
        let long = "ạ".repeat(3000);
        assert_eq!(count_starts(long.as_bytes()), 3000);
        assert_eq!(count_starts(&long.as_bytes()[1..]), 2999);
    }

    #[test]
    fn anchors_of_plain_text() {
        // `oà` rewritten: one anchor for the pair; the space and `•` after it
        // copied as they are, in one piece; a new piece after the dropped
        // zero-width space
        let n = normalize("Thanh Hoà • x\u{200B}y");
        let Map::Sparse(anchors) = &n.map else {
            panic!("NFC text has anchors");
        };
        let a = |at: usize, orig: u32, copy: bool| Anchor {
            at: at as u32,
            orig,
            copy,
        };
        assert_eq!(n.text, "Thanh Hòa • xy");
        assert_eq!(
            anchors,
            &[
                a(0, 0, true),
                a(7, 7, false),
                a(10, 9, true),
                a(16, 14, true)
            ]
        );
        assert_eq!(n.orig(8), 7); // the 2nd byte of `ò`
        assert_eq!(n.orig(9), 7); // `a`, which took the tone of `à`
        assert_eq!(n.orig(13), 10); // the 3rd byte of `•`
        assert_eq!(n.orig(15), 12);
        assert_eq!(n.orig(16), 14); // after the zero-width space
        assert_eq!(n.orig(17), 15);
        assert_eq!(n.orig_len(), 15);
    }

    #[test]
    fn chars_rewrite_does_not_look_at_are_composed_starters() {
        // the NFC check of `rewrite` only sees the chars that are not copied
        // in a run nor the second vowel of a glide
        for (_, marks) in TONED {
            assert!(marks.iter().all(|&c| is_composed_starter(c)));
        }
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            assert!(!is_plain(c) || is_composed_starter(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn spans_map_back(s in "(\\PC|[\u{0300}-\u{0323}\u{00A0}\u{200B}’–ỷàò]|\u{1F600}|\r\n| ){0,40}") {
            let n = normalize(&s);
            // every normalised char span maps to an original span that normalises to it
            let idx: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
            for w in 0..idx.len() {
                for v in (w + 1)..idx.len().min(w + 6) {
                    let (a, b) = n.orig_span(idx[w], idx[v]);
                    proptest::prop_assert!(a <= b && b <= n.orig_len());
                    let back = normalize(&slice_chars(&s, a, b)).text;
                    let want = n.text[idx[w]..idx[v]].trim_matches(' ');
                    // tone placement depends on the letters around a vowel pair (`hoà`
                    // but `hoàng`, `uý` but `quý`): a slice may place it otherwise
                    proptest::prop_assert!(back.contains(want) || want.is_empty()
                        || untoned(&back).contains(&untoned(want)),
                        "span {:?} of {:?} -> {:?}", want, s, back);
                }
            }
        }
    }
}
