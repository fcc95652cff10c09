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
