//! Eight bytes of a text at a time: tests on every byte of a `u64` block at once, each
//! answered in the byte's high bit, with arithmetic that carries nothing from one byte
//! into the next. The per-byte scanners (`lexicon`'s word reader, `normalize`'s copy
//! loop) use these to skip the bytes they only step over without a branch per byte.

/// The high bit of every byte.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
/// 1 in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of the first byte (the lowest, read little-endian).
pub(crate) const FIRST: u64 = 0x80;
/// The high bit of the last byte.
pub(crate) const LAST: u64 = 0x80 << 56;

/// A block of `bytes` from `at` (8 bytes there), read little-endian.
#[inline(always)]
pub(crate) fn block_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// The eight bytes of `bytes` at `i`, read little-endian, zeros past the end (a prefix
/// of at most eight bytes compared as one number: see `places`, `segment`).
#[inline(always)]
pub(crate) fn word_at(bytes: &[u8], i: usize) -> u64 {
    match block_at(bytes, i) {
        Some(w) => w,
        None => bytes
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .rev()
            .fold(0, |w, &b| (w << 8) | u64::from(b)),
    }
}

/// The high bit of each byte of `t` that is 0.
#[inline(always)]
pub(crate) fn zero(t: u64) -> u64 {
    !(((t & !HIGH_BITS) + !HIGH_BITS) | t) & HIGH_BITS
}

/// The high bit of each byte of `t` that is `v`.
#[inline(always)]
pub(crate) fn equal(t: u64, v: u8) -> u64 {
    zero(t ^ (ONES * u64::from(v)))
}

/// The high bit of each byte of `t` whose low seven bits are in `lo..=hi` (`hi` below
/// 0x7F; the high bit itself is not looked at): the sums stay below 0x100 in every byte.
#[inline(always)]
pub(crate) fn low7_in(t: u64, lo: u8, hi: u8) -> u64 {
    let t7 = t & !HIGH_BITS;
    let at_least = |v: u8| (t7 + ONES * u64::from(0x80 - v)) & HIGH_BITS;
    at_least(lo) & !at_least(hi + 1)
}

/// The high bit of each byte of `t` that is an ASCII letter or digit.
#[inline(always)]
pub(crate) fn ascii_alnum(t: u64) -> u64 {
    (low7_in(t, b'0', b'9') | low7_in(t, b'A', b'Z') | low7_in(t, b'a', b'z')) & !t & HIGH_BITS
}

/// The high bit of each byte of `t` that is a UTF-8 continuation byte (0x80–0xBF).
#[inline(always)]
pub(crate) fn continuation(t: u64) -> u64 {
    // 0b10xx_xxxx: the high bit set and the next one clear
    t & !(t << 1) & HIGH_BITS
}

/// For the tests of block functions: `check` is given blocks with every byte value in
/// every place, each before every byte value (in a place but the last), the other bytes
/// drawn by `draw`.
#[cfg(test)]
pub(crate) fn each_block(
    mut draw: impl FnMut(&mut crate::test_gen::Gen) -> u8,
    mut check: impl FnMut([u8; 8]),
) {
    let mut g = crate::test_gen::Gen(0x9e37_79b9_7f4a_7c15);
    for b in 0..=255u8 {
        for at in 0..8 {
            for k in 0..320 {
                let mut block = [0u8; 8];
                for x in block.iter_mut() {
                    *x = draw(&mut g);
                }
                block[at] = b;
                if at < 7 && k < 256 {
                    block[at + 1] = k as u8;
                }
                check(block);
            }
        }
    }
}

/// For the tests of the sixteen-byte lanes: windows of `N` bytes drawn by `named_or_any`
/// with every byte value before every byte value at a random place among the first
/// `places` (given as `(window, place)`, with the generator for any other draw).
#[cfg(test)]
pub(crate) fn each_window<const N: usize>(
    named: &[u8],
    places: usize,
    seed: u64,
    mut check: impl FnMut(&[u8; N], usize, &mut crate::test_gen::Gen),
) {
    let mut draw = named_or_any(named);
    let mut g = crate::test_gen::Gen(seed);
    for b in 0..=255u8 {
        for next in 0..=255u8 {
            let mut window = [0u8; N];
            for x in window.iter_mut() {
                *x = draw(&mut g);
            }
            let at = g.below(places);
            window[at] = b;
            window[at + 1] = next;
            check(&window, at, &mut g);
        }
    }
}

/// For `each_block`'s `draw`: half the bytes from `named` (the values a rule names), half
/// from all values.
#[cfg(test)]
pub(crate) fn named_or_any(named: &[u8]) -> impl FnMut(&mut crate::test_gen::Gen) -> u8 + '_ {
    move |g| {
        let r = g.next() as usize;
        if r % 2 == 0 {
            named[r / 2 % named.len()]
        } else {
            (r >> 8) as u8
        }
    }
}

/// Sixteen bytes at a time where the machine has SSE2 (every x86_64 does): the same tests
/// as the eight-byte ones above, a byte per lane, each answer all ones or all zeros in its
/// lane; `mask` gathers the lanes' high bits into a `u16`. The tests take the lanes as
/// they are and read no memory; `load` reads a text's bytes as two `u64`s, so nothing
/// here needs a pointer.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) mod sse2 {
    use core::arch::x86_64::*;
    pub(crate) use core::arch::x86_64::{
        __m128i, _mm_and_si128 as and, _mm_andnot_si128 as and_not, _mm_cmpeq_epi8 as eq,
        _mm_or_si128 as or,
    };

    /// The 16 bytes of `bytes` from `at` as the two halves of a lane vector (None where
    /// fewer are left).
    #[inline(always)]
    pub(crate) fn load(bytes: &[u8], at: usize) -> Option<(i64, i64)> {
        let half = |k: usize| -> Option<i64> {
            let b: [u8; 8] = bytes.get(k..k + 8)?.try_into().ok()?;
            Some(i64::from_le_bytes(b))
        };
        Some((half(at)?, half(at + 8)?))
    }

    /// The lanes of `load`'s halves.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn lanes(halves: (i64, i64)) -> __m128i {
        _mm_set_epi64x(halves.1, halves.0)
    }

    /// `v` in every lane.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn splat(v: u8) -> __m128i {
        _mm_set1_epi8(v as i8)
    }

    /// The lanes whose byte (unsigned) is in `lo..=hi`.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn in_range(x: __m128i, lo: u8, hi: u8) -> __m128i {
        let d = _mm_sub_epi8(x, splat(lo));
        _mm_cmpeq_epi8(_mm_min_epu8(d, splat(hi.wrapping_sub(lo))), d)
    }

    /// The lanes whose byte is ASCII (below 0x80).
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn ascii(x: __m128i) -> __m128i {
        _mm_cmpgt_epi8(x, _mm_set1_epi8(-1))
    }

    /// The lanes whose byte is a UTF-8 continuation byte (0x80–0xBF: below -64 as signed).
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn continuation(x: __m128i) -> __m128i {
        _mm_cmplt_epi8(x, splat(0xC0))
    }

    /// The lanes whose byte is an ASCII letter or digit.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn ascii_alnum(x: __m128i) -> __m128i {
        _mm_or_si128(
            in_range(_mm_or_si128(x, splat(0x20)), b'a', b'z'),
            in_range(x, b'0', b'9'),
        )
    }

    /// The high bit of each lane, lane `i` in bit `i`.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn mask(x: __m128i) -> u16 {
        _mm_movemask_epi8(x) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_in_every_place() {
        each_block(
            |g| g.next() as u8,
            |block| {
                let t = u64::from_le_bytes(block);
                for (k, &x) in block.iter().enumerate() {
                    let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                    assert_eq!(bit(zero(t)), x == 0);
                    assert_eq!(bit(equal(t, 0xE1)), x == 0xE1);
                    assert_eq!(bit(equal(t, b' ')), x == b' ');
                    assert_eq!(
                        bit(low7_in(t, 0x44, 0x48)),
                        (0x44..=0x48).contains(&(x & 0x7F))
                    );
                    assert_eq!(bit(low7_in(t, 0x00, 0x0F)), x & 0x7F <= 0x0F);
                    assert_eq!(bit(ascii_alnum(t)), x.is_ascii_alphanumeric());
                    assert_eq!(bit(continuation(t)), (0x80..=0xBF).contains(&x));
                }
            },
        );
    }
}
