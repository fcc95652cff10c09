//! Where the words of a lowercase text are, 64 bytes at a time: one bit per byte says
//! whether it goes on a word, another whether a word of its own (a mark such as `%`,
//! `(`, `“`) starts there. `lexicon::Words` reads every word of a document this way
//! instead of byte run by byte run: the bytes are classed sixteen at a time (SSE2, which
//! every x86_64 has; elsewhere one at a time), and a word is two bit scans.
//!
//! The words are those of `lexicon::next_word`: a run of letters and digits is one word,
//! white space separates, any other char is a word of its own.

use crate::lexicon::{char_class, CharClass};

/// The words of `bytes` (a `str`'s), left to right, as `(start, end)` byte offsets.
#[inline(always)]
pub(crate) fn for_each_word(bytes: &[u8], mut f: impl FnMut(usize, usize)) {
    let (go, mark) = word_bits(bytes);
    // whether the byte before the block goes on a word
    let mut carry = 0u64;
    let mut open = 0usize;
    for (k, (&g, &m)) in go.iter().zip(&mark).enumerate() {
        let base = 64 * k;
        // where a run of letters and digits starts or stops, and where marks stand
        let edges = g ^ (g << 1 | carry);
        let mut events = edges | m;
        while events != 0 {
            let i = events.trailing_zeros();
            events &= events - 1;
            let p = base + i as usize;
            let bit = 1u64 << i;
            if g & bit != 0 {
                open = p;
                continue;
            }
            if edges & bit != 0 {
                f(open, p);
            }
            if m & bit != 0 {
                f(p, p + utf8_len(bytes[p]));
            }
        }
        carry = g >> 63;
    }
    if carry != 0 {
        f(open, bytes.len());
    }
}

/// The length of the UTF-8 char whose first byte is `b`.
#[inline(always)]
fn utf8_len(b: u8) -> usize {
    (b.leading_ones() as usize).max(1)
}

/// The bitmaps of `bytes`, a `u64` per 64 bytes (bit `i` of entry `k`: byte `64k + i`):
/// the bytes that go on a word (its letters and digits, all their bytes) and the first
/// bytes of the marks (each a word of its own).
fn word_bits(bytes: &[u8]) -> (Vec<u64>, Vec<u64>) {
    let n = bytes.len();
    let blocks = n.div_ceil(64);
    let mut go = Vec::with_capacity(blocks);
    let mut mark = Vec::with_capacity(blocks);
    // the first bytes of the chars that the bytes alone do not class (rare: `“`, `–`,
    // a no-break space, letters of other scripts)
    let mut others: Vec<usize> = Vec::new();
    let mut last = [0u8; BLOCK_READ];
    for k in 0..blocks {
        let at = 64 * k;
        let block: &[u8; BLOCK_READ] = match bytes.get(at..at + BLOCK_READ) {
            Some(b) => b.try_into().unwrap_or(&last),
            None => {
                // the end of the text, padded with zeros (masked off below)
                let rest = &bytes[at..];
                last = [0u8; BLOCK_READ];
                last[..rest.len()].copy_from_slice(rest);
                &last
            }
        };
        let (g, p, o) = classes(block);
        let valid = if n - at >= 64 {
            !0
        } else {
            (1u64 << (n - at)) - 1
        };
        go.push(g & valid);
        mark.push(p & valid);
        let mut o = o & valid;
        while o != 0 {
            others.push(at + o.trailing_zeros() as usize);
            o &= o - 1;
        }
    }
    for p in others {
        let (class, len) = char_class(bytes, p);
        // its other bytes, continuation bytes, were set as going on a word
        for q in p + 1..p + len {
            go[q / 64] &= !(1u64 << (q % 64));
        }
        match class {
            CharClass::Alnum => {
                for q in p..p + len {
                    go[q / 64] |= 1u64 << (q % 64);
                }
            }
            CharClass::Mark => mark[p / 64] |= 1u64 << (p % 64),
            CharClass::Space => {}
        }
    }
    (go, mark)
}

/// Bytes read per block of 64: a byte is classed by the byte after it too.
const BLOCK_READ: usize = 80;

/// The classes of the first 64 bytes of `block` (see `classes_one_by_one`).
#[inline]
fn classes(block: &[u8; BLOCK_READ]) -> (u64, u64, u64) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        let (mut g, mut p, mut o) = (0u64, 0u64, 0u64);
        for k in 0..4 {
            let at = 16 * k;
            let (a, b, c) = sse2::classes16(&block[at..at + 17]);
            g |= u64::from(a) << at;
            p |= u64::from(b) << at;
            o |= u64::from(c) << at;
        }
        (g, p, o)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        classes_one_by_one(block)
    }
}

/// Whether byte `b` (followed by `next`) goes on a word without a look at its char: an
/// ASCII letter or digit, a continuation byte, the first byte of a letter of Vietnamese
/// (as `lexicon::char_class` tells them by the byte after: `0xC3` but before 0x97 and
/// 0xB7, `×` and `÷`; `0xC4`–`0xC8`; `0xE1` before 0xB8–0xBB).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
#[inline(always)]
fn goes_on(b: u8, next: u8) -> bool {
    b.is_ascii_alphanumeric()
        || (0x80..0xC0).contains(&b)
        || (0xC4..=0xC8).contains(&b)
        || (b == 0xC3 && next != 0x97 && next != 0xB7)
        || (b == 0xE1 && (0xB8..=0xBB).contains(&next))
}

/// The classes of the first 64 bytes of `block`, one byte at a time, as bitmaps: the bytes
/// that go on a word (`goes_on`), the ASCII marks (neither letter, digit nor white space),
/// and the first bytes of the other chars (classed by `char_class` afterwards).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn classes_one_by_one(block: &[u8; BLOCK_READ]) -> (u64, u64, u64) {
    let (mut g, mut p, mut o) = (0u64, 0u64, 0u64);
    for i in 0..64 {
        let (b, next) = (block[i], block[i + 1]);
        let go = goes_on(b, next);
        let space = b == b' ' || (0x09..=0x0D).contains(&b);
        g |= u64::from(go) << i;
        p |= u64::from(b < 0x80 && !go && !space) << i;
        o |= u64::from(b >= 0xC0 && !go) << i;
    }
    (g, p, o)
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use crate::blocks::sse2::*;

    /// `classes_one_by_one` of 16 bytes (`bytes[..16]`, each with the byte after it).
    #[inline(always)]
    pub(super) fn classes16(bytes: &[u8]) -> (u16, u16, u16) {
        match (load(bytes, 0), load(bytes, 1)) {
            // SAFETY: the intrinsics need SSE2, which this module is only compiled with
            // (`target_feature = "sse2"`, part of every x86_64 target); none reads memory.
            (Some(x), Some(next)) => unsafe { classes_simd(x, next) },
            _ => (0, 0, 0),
        }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn classes_simd(x: (i64, i64), next: (i64, i64)) -> (u16, u16, u16) {
        let (x, n) = (lanes(x), lanes(next));
        let alnum = ascii_alnum(x);
        let cont = continuation(x);
        let two = in_range(x, 0xC4, 0xC8);
        let c3 = and_not(
            or(eq(n, splat(0x97)), eq(n, splat(0xB7))),
            eq(x, splat(0xC3)),
        );
        let e1 = and(eq(x, splat(0xE1)), in_range(n, 0xB8, 0xBB));
        let go = or(or(alnum, cont), or(two, or(c3, e1)));
        let space = or(eq(x, splat(b' ')), in_range(x, 0x09, 0x0D));
        let ascii = ascii(x);
        let mark = and_not(or(go, space), ascii);
        let lead = and_not(or(ascii, cont), splat(0xFF));
        let other = and_not(go, lead);
        (mask(go), mask(mark), mask(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_gen::Gen;

    /// The blocks are classed as byte by byte: every byte value in every place, before
    /// every byte value, the rest drawn from the bytes the rules name and from all.
    #[test]
    fn blocks_are_classed_as_byte_by_byte() {
        let named = [
            b'a', b'Z', b'0', b'9', b' ', b'\t', b'\n', b'%', b'(', 0x7F, 0x80, 0x97, 0xB7, 0xB8,
            0xBB, 0xBC, 0xBF, 0xC0, 0xC3, 0xC4, 0xC8, 0xC9, 0xE1, 0xE2, 0xF0,
        ];
        crate::blocks::each_window::<BLOCK_READ>(
            &named,
            64,
            0x0b17_5eed_c1a5_5e5b,
            |block, at, _| {
                assert_eq!(
                    classes(block),
                    classes_one_by_one(block),
                    "{block:x?} at {at}"
                );
            },
        );
    }

    /// The words are `next_word`'s, on texts of every length around the blocks' edges.
    #[test]
    fn words_are_next_words() {
        let pieces = [
            "hộ", "nghèo", "đoàn", "×", "÷", "\u{a0}", "\u{2003}", "\t", "%", "(", "5", "ー", "𝔸",
            "ạ", "ỹ", "\u{1e9f}", ",", "\u{301}", "xã", "“", "–", " ", "  ", "ǅ", "١",
        ];
        let mut g = Gen(0x7e57_0fb1_75e5_ed01);
        for round in 0..4000 {
            let n = if round < 200 { round } else { g.below(300) };
            let mut t = String::new();
            while t.len() < n {
                t.push_str(pieces[g.below(pieces.len())]);
            }
            let mut want = Vec::new();
            let mut i = 0;
            while let Some((a, b)) = crate::lexicon::next_word(t.as_bytes(), i) {
                want.push((a, b));
                i = b;
            }
            let mut got = Vec::new();
            for_each_word(t.as_bytes(), |a, b| got.push((a, b)));
            assert_eq!(got, want, "{t:?}");
        }
    }
}
