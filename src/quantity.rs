//! Vietnamese numbers and quantities: `365.032 triệu đồng`, `47,4%`, `2,677 hộ`,
//! `trên 337 tỷ đồng`, `32.479/61.864 triệu đồng`, `5-7%`, `1,42%/năm`,
//! `74,4 triệu đồng/người/năm`.
//!
//! `.` groups thousands and `,` is the decimal mark; the misuses seen on real
//! pages (`2,677 hộ`, `12 981`, `38.3%`) are read by the rules in
//! [`parse_number`]. Units and their multipliers are the table
//! `lexicon/units.tsv` (its third column lists the words that, right after the
//! unit, make it another word: `tỷ lệ` is a rate, not a billion); qualifiers
//! (`trên`, `gần`, …) are `lexicon/qualifiers.tsv`.
//!
//! Rules of reading, each tested in `tests/rust/phrasings.tsv`:
//! - a comma before exactly three digits is a thousands separator only before a
//!   plain count (`2,677 hộ` is 2677 but `2,125 nghìn hộ` is 2.125 × 1000);
//! - a year after `năm`/`giai đoạn`/`nhiệm kỳ` is never a quantity (`Năm 2015 tỷ lệ`),
//!   nor is a number that names a thing (`thôn 7 xã …`, `Quốc lộ 14 huyện …`);
//! - a unit may be glued to its number (`500.000đ`, `15tỷ`);
//! - `dưới` ("under") is recognised but has no value in the schema's
//!   qualifier vocabulary (over/nearly/about): it yields `qualifier: None`;
//! - `điểm phần trăm` is a percent with `points: true`; `đồng/tháng` sets
//!   `per_month`, `đồng/người/tháng` is `VndPerPersonMonth`;
//! - `5% - 7%` is one range like `5-7%`.

use once_cell::sync::Lazy;

use crate::lexicon::lexicon;

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Percent,
    Vnd,
    Households,
    Persons,
    Count,
    /// money per person per year (`triệu đồng/người/năm`)
    VndPerPersonYear,
    /// money per person per month (`nghìn đồng/người/tháng`)
    VndPerPersonMonth,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Percent => "percent",
            Measure::Vnd => "vnd",
            Measure::Households => "households",
            Measure::Persons => "persons",
            Measure::Count => "count",
            Measure::VndPerPersonYear => "vnd_per_person_year",
            Measure::VndPerPersonMonth => "vnd_per_person_month",
        }
    }
    fn from_table(s: &str) -> Option<Measure> {
        Some(match s {
            "percent" => Measure::Percent,
            "vnd" => Measure::Vnd,
            "households" => Measure::Households,
            "persons" => Measure::Persons,
            "count" => Measure::Count,
            _ => return None,
        })
    }
}

/// The shape of a quantity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    Single,
    /// `5-7%`, `8.000 - 8.300 lao động`: `value` is the low end, `other` the high end
    Range,
    /// `32.479/61.864 triệu đồng`, `6/7 xã`: `value` is the part, `other` the whole
    Fraction,
}

/// A number with its unit, found in normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// byte span of the whole quantity (qualifier excluded, unit included)
    pub start: usize,
    pub end: usize,
    /// byte span of the (first) number
    pub num_start: usize,
    pub num_end: usize,
    /// value in base units (percent as 47.4, money in VND, counts as counts)
    pub value: f64,
    /// the other end of a range, or the whole of a fraction, in base units
    pub other: Option<f64>,
    pub shape: Shape,
    pub measure: Measure,
    /// `%/năm`, `hộ/năm`: a rate per year
    pub per_year: bool,
    /// `triệu đồng/tháng`, `hộ/tháng`: a rate per month (money per person per
    /// month is the measure `VndPerPersonMonth` instead)
    pub per_month: bool,
    /// `điểm phần trăm`, `điểm %`: percentage points (measure `Percent`)
    pub points: bool,
    /// `over`, `nearly`, `about`
    pub qualifier: Option<&'static str>,
    /// byte offset where the qualifier starts (== start when none)
    pub qual_start: usize,
}

/// The end of the number that starts with the digit at byte `s` of `b`: the longest
/// `[0-9]+(?:[.,][0-9]+)*` there (digits with `.`/`,` groups; space-grouped thousands,
/// `12 981`, are joined in `find_quantities`).
fn number_end(b: &[u8], s: usize) -> usize {
    let digits = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut e = digits(s);
    while matches!(b.get(e), Some(b'.' | b',')) && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        e = digits(e + 1);
    }
    e
}

/// The number at the very start of `s`: its end.
fn number_at_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    b.first()
        .is_some_and(u8::is_ascii_digit)
        .then(|| number_end(b, 0))
}

/// The first ASCII digit at or after byte `i`, eight bytes at a time.
pub(crate) fn next_digit(b: &[u8], mut i: usize) -> Option<usize> {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        // per byte without carries: bit 7 of `x + 0x50` says `x >= 0x30`, of `x + 0x46`
        // says `x >= 0x3A`; bytes from 0x80 up are no digits
        let x = w & LOW7;
        let m = x.wrapping_add(0x5050_5050_5050_5050)
            & !x.wrapping_add(0x4646_4646_4646_4646)
            & !w
            & HIGH;
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|j| i + j)
}

/// `next_digit`, with blocks of 32 bytes without a digit passed over first (a loop
/// without an early exit, which the compiler turns into vector compares; digits are
/// rare in the text), then the block with one searched 8 bytes at a time.
pub(crate) fn next_digit_in_blocks(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(block) = b.get(i..i + 32) {
        let block: &[u8; 32] = block.try_into().expect("32 bytes");
        if block
            .iter()
            .fold(false, |any, &c| any | (c.wrapping_sub(b'0') < 10))
        {
            break;
        }
        i += 32;
    }
    next_digit(b, i)
}

/// The numbers of `text`, left to right, each as long as it goes: (start, end).
fn number_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let s = next_digit_in_blocks(b, pos)?;
        let e = number_end(b, s);
        pos = e;
        Some((s, e))
    })
}

/// The end of the run of space-grouped thousands (` 981`, ` 234 567`) right at byte `e`
/// of `b`, if there is at least one group.
fn space_groups_end(b: &[u8], e: usize) -> Option<usize> {
    let mut j = e;
    while b.get(j) == Some(&b' ')
        && b.get(j + 1..j + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
    {
        j += 4;
    }
    (j > e).then_some(j)
}

/// The last two bytes of a list of words: a text that does not end with any of these
/// pairs ends with none of the words (unless a word is shorter than two bytes).
pub(crate) struct LastBytes {
    /// a bit for each pair (second to last byte, last byte)
    pairs: Vec<u64>,
    any_short: bool,
}

impl LastBytes {
    fn pair(b: &[u8]) -> Option<usize> {
        let [.., x, y] = b else { return None };
        Some(usize::from(*x) << 8 | usize::from(*y))
    }

    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> LastBytes {
        let mut out = LastBytes {
            pairs: vec![0; 1024],
            any_short: false,
        };
        for w in words {
            match LastBytes::pair(w.as_bytes()) {
                Some(k) => out.pairs[k / 64] |= 1 << (k % 64),
                None => out.any_short = true,
            }
        }
        out
    }

    /// `s` may end with one of the words.
    pub(crate) fn may_end(&self, s: &str) -> bool {
        self.any_short
            || LastBytes::pair(s.as_bytes())
                .is_some_and(|k| self.pairs[k / 64] & 1 << (k % 64) != 0)
    }
}

/// `s` ends with `w` (compared from the last byte: most words differ there).
pub(crate) fn ends_with(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    w.len() <= s.len() && s.iter().rev().zip(w.iter().rev()).all(|(a, b)| a == b)
}

/// Read a Vietnamese-written number. `count_context`: the unit is a count of
/// households or people, where `2,677` means 2677 (comma misused for thousands).
pub fn parse_number(tok: &str, count_context: bool) -> Option<f64> {
    let tok = tok.trim();
    if tok.is_empty() || tok.len() > 64 {
        return None; // a thousand-digit "number" is not a quantity
    }
    // digits alone (most counts): the integer, exact in a double up to 15 digits, which is
    // what the general path below reads, without searching for separators or parsing
    if tok.len() <= 15 && tok.bytes().all(|c| c.is_ascii_digit()) {
        return Some(tok.bytes().fold(0u64, |n, c| n * 10 + u64::from(c - b'0')) as f64);
    }
    let has_dot = tok.contains('.');
    let has_comma = tok.contains(',');
    let groups_of_three = |sep: char| tok.split(sep).skip(1).all(|g| g.len() == 3);
    // each byte of `tok` kept, changed or dropped (`None`), then read as a float
    let keep = |c: u8| Some(c);
    let v: f64 = if tok.contains(' ') {
        mapped(tok, |c| c.is_ascii_digit().then_some(c))
    } else if has_dot && has_comma {
        let (last_dot, last_comma) = (tok.rfind('.')?, tok.rfind(',')?);
        if last_comma > last_dot {
            // 1.812.170,5
            mapped(tok, |c| match c {
                b'.' => None,
                b',' => Some(b'.'),
                _ => Some(c),
            })
        } else {
            mapped(tok, |c| (c != b',').then_some(c)) // 1,812,170.5 (English)
        }
    } else if has_dot {
        let n = tok.matches('.').count();
        if groups_of_three('.') && (n > 1 || !tok.starts_with('0')) {
            mapped(tok, |c| (c != b'.').then_some(c)) // 365.032
        } else if n == 1 {
            mapped(tok, keep) // 38.3 (decimal point misused)
        } else {
            return None;
        }
    } else if has_comma {
        let n = tok.matches(',').count();
        if (n > 1 && groups_of_three(','))
            || (n == 1 && count_context && groups_of_three(',') && !tok.starts_with('0'))
        {
            mapped(tok, |c| (c != b',').then_some(c)) // 2,677 hộ
        } else if n == 1 {
            mapped(tok, |c| Some(if c == b',' { b'.' } else { c })) // 47,4
        } else {
            return None;
        }
    } else {
        mapped(tok, keep)
    }?;
    v.is_finite().then_some(v)
}

/// `tok` (at most 64 bytes) with each byte mapped (dropped on `None`), read as a
/// float. The maps only drop or change ASCII bytes, so the bytes stay UTF-8.
fn mapped(tok: &str, f: impl Fn(u8) -> Option<u8>) -> Option<f64> {
    let mut buf = [0u8; 64];
    let mut n = 0;
    for c in tok.bytes().filter_map(f) {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

fn skip_spaces(s: &str, mut i: usize) -> usize {
    while s[i..].starts_with(' ') {
        i += 1;
    }
    i
}

/// The unit right after byte `at` of `lower`: (end, multiplier, measure).
///
/// The longest unit of the table that starts there (after spaces; glued to the
/// number is fine) and ends on a word edge, unless the next word is one of the
/// row's "not before" words (`tỷ lệ`, `triệu lượt`).
fn unit_at(lower: &str, at: usize) -> Option<(usize, f64, Measure)> {
    let i = skip_spaces(lower, at);
    let b = lower.as_bytes();
    let rows = UNIT_ROWS.get(usize::from(*b.get(i)?))?;
    // the first eight bytes there, to pass over the rows whose cue starts otherwise without
    // comparing strings (most numbers have no unit after them)
    let head = first_bytes(b.get(i..).unwrap_or_default());
    // the rows are sorted longest cue first (`lexicon::CueSet`), so the first match is the longest
    unit_in_rows(
        lower,
        i,
        rows.iter()
            .filter(|&&(_, cue, mask)| head & mask == cue)
            .map(|&(row, _, _)| row),
    )
}

/// The first eight bytes of `b` (fewer: zeros after them), read little-endian.
fn first_bytes(b: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = b.len().min(8);
    buf[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(buf)
}

/// The first of `rows` (of the units table) whose unit stands at byte `i` of `lower`.
fn unit_in_rows(
    lower: &str,
    i: usize,
    rows: impl Iterator<Item = usize>,
) -> Option<(usize, f64, Measure)> {
    let lex = lexicon();
    let rest = &lower[i..];
    for row in rows {
        let (cue, vals) = &lex.units.rows[row];
        if !rest.starts_with(cue.as_str()) {
            continue;
        }
        let end = i + cue.len();
        // the end must be a word edge (`hộ` but not `hội`)
        let last = cue.chars().next_back();
        let after = lower[end..].chars().next();
        if last.is_some_and(crate::lexicon::is_alnum) && after.is_some_and(crate::lexicon::is_alnum)
        {
            continue;
        }
        let unit = UNIT_VALUES.get(row)?;
        if vals.get(2).is_some_and(|v| !v.is_empty()) {
            let next = lower[end..].trim_start_matches(' ');
            let blocked = unit.not_before.iter().any(|w| {
                next.starts_with(w)
                    && !next[w.len()..].starts_with(|c: char| crate::lexicon::is_alnum(c))
            });
            if blocked {
                continue;
            }
        }
        let (mult, measure) = unit.value?;
        return Some((end, mult, measure));
    }
    None
}

/// The rows of the units table by the first byte of their unit, in table order (a row
/// with an empty cue, if any, in every list): only these can start at a byte. Each with the
/// first eight bytes of its unit and their mask (`first_bytes`): a text whose first bytes
/// differ there does not start with the unit.
static UNIT_ROWS: Lazy<Vec<Vec<(usize, u64, u64)>>> = Lazy::new(|| {
    let rows = &lexicon().units.rows;
    (0..=u8::MAX)
        .map(|first| {
            rows.iter()
                .enumerate()
                .filter(|(_, (c, _))| c.is_empty() || c.as_bytes().first() == Some(&first))
                .map(|(i, (c, _))| {
                    // the low `8 * n` bits, for the unit's first `n` bytes (none: 0)
                    let n = c.len().min(8) as u32;
                    let mask = u64::MAX.checked_shr(64 - 8 * n).unwrap_or(0);
                    (i, first_bytes(c.as_bytes()), mask)
                })
                .collect()
        })
        .collect()
});

/// A row of the units table, read once.
struct UnitRow {
    /// multiplier and measure (`None`: the row cannot be read)
    value: Option<(f64, Measure)>,
    /// the words of the third column (split at `|`)
    not_before: Vec<String>,
}

static UNIT_VALUES: Lazy<Vec<UnitRow>> = Lazy::new(|| {
    let units = &lexicon().units;
    (0..units.rows.len())
        .map(|row| UnitRow {
            value: units
                .value(row, 0)
                .parse()
                .ok()
                .and_then(|mult: f64| Some((mult, Measure::from_table(units.value(row, 1))?))),
            not_before: units.value(row, 2).split('|').map(String::from).collect(),
        })
        .collect()
});

static ID_LAST: Lazy<LastBytes> = Lazy::new(|| LastBytes::new(ID_WORDS.iter().copied()));
const YEAR_WORDS: [&str; 4] = ["năm", "giai đoạn", "nhiệm kỳ", "niên độ"];
static YEAR_LAST: Lazy<LastBytes> = Lazy::new(|| LastBytes::new(YEAR_WORDS));
static QUALIFIER_LAST: Lazy<LastBytes> =
    Lazy::new(|| LastBytes::new(lexicon().qualifiers.rows.iter().map(|(c, _)| c.as_str())));

/// `lower[..s]` ends with a word after which a number names a thing (`thôn 8`).
fn after_id_word(lower: &str, s: usize) -> bool {
    let pre = lower[..s].trim_end_matches(' ');
    ID_LAST.may_end(pre)
        && ID_WORDS.iter().any(|w| {
            ends_with(pre, w) && crate::lexicon::is_word_edge(pre, pre.len() - w.len(), pre.len())
        })
}

/// Words after which a number is a name or an ordinal.
const ID_WORDS: &[&str] = &[
    "thôn",
    "tổ dân phố",
    "tiểu khu",
    "quận",
    "phường",
    "ấp",
    "xóm",
    "lộ",
    "đường",
    "khóa",
    "lần thứ",
    "mục",
    "điều",
    "khoản",
    "phòng",
    "lô",
    "bài",
];

/// `lower[..s]` ends with a word after which a 4-digit number is a year.
fn after_year_word(lower: &str, s: usize) -> bool {
    let pre = lower[..s].trim_end_matches(' ');
    YEAR_LAST.may_end(pre)
        && YEAR_WORDS.iter().any(|w| {
            ends_with(pre, w) && crate::lexicon::is_word_edge(pre, pre.len() - w.len(), pre.len())
        })
}

/// Every quantity in `text`; `lower` is its aligned lowercase copy; numbers
/// inside `skip` spans (dates, codes) are not read.
pub fn find_quantities(text: &str, lower: &str, skip: &[(usize, usize)]) -> Vec<Quantity> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut last_end = 0;
    let skipped = Spans::new(skip);
    // the last run of space-grouped thousands read: (from, to, counted); a number inside it
    // (`1 234 234 … xã`) has the same run to its end, so a long run is scanned once
    let mut groups: Option<(usize, usize, bool)> = None;
    let bytes = text.as_bytes();
    for (s, mut e) in number_spans(text) {
        if s < last_end {
            continue;
        }
        // glued to a letter or inside a code (`353/QĐ-TTg`, `13/2023/NQ`, `A5`)
        let before = text[..s].chars().next_back();
        if before.is_some_and(|c| crate::lexicon::is_alnum(c) || c == '/' || c == '_') {
            continue;
        }
        if skipped.overlaps(s, e) {
            continue;
        }
        // a trailing `.` or `,` is punctuation, not part of the number
        while text[..e].ends_with(['.', ',']) {
            e -= 1;
        }
        // `năm 2015 tỷ lệ …`: a year, not a quantity
        if e - s == 4
            && text[s..e]
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y))
            && after_year_word(lower, s)
        {
            continue;
        }
        // `thôn 8 xã …`, `Quốc lộ 279 tỉnh …`: a name or an ordinal, not a quantity
        if after_id_word(lower, s) {
            continue;
        }
        // `12 981 hộ`: space-grouped thousands, only before a count
        if e - s <= 3 {
            let run = match groups {
                // a group boundary inside the last run: the run goes on to the same end
                Some((a, b, counted)) if a < e && e <= b && (e - a) % 4 == 0 => {
                    (e < b).then_some((b, counted))
                }
                _ => space_groups_end(bytes, e).map(|ge| {
                    let counted = unit_at(lower, ge).is_some_and(|(_, _, m)| {
                        matches!(m, Measure::Households | Measure::Persons)
                    });
                    groups = Some((e, ge, counted));
                    (ge, counted)
                }),
            };
            if let Some((ge, counted)) = run {
                if counted && !text[ge..].starts_with(['.', ',']) {
                    e = ge;
                }
            }
        }
        let tok = &text[s..e];
        let mut shape = Shape::Single;
        let mut other_tok: Option<&str> = None;
        let mut after = e;
        // fraction `a/b` or range `a - b` before a unit
        if let Some(rest) = text[e..].strip_prefix('/') {
            if let Some(m2end) = number_at_start(rest) {
                let oe = e + 1 + m2end;
                // `15/15 bản`, not `14/2018 của` nor `1/2` glued to more code
                if !text[oe..].starts_with(['/', '-']) {
                    shape = Shape::Fraction;
                    other_tok = Some(text[e + 1..oe].trim_end_matches(['.', ',']));
                    after = e + 1 + other_tok.map_or(0, str::len);
                }
            }
        } else if let Some((k, m2end)) = range_second(text, lower, e) {
            // only a range if a unit follows the second number and not the first
            if unit_at(lower, m2end).is_some() && unit_at(lower, e).is_none() {
                shape = Shape::Range;
                other_tok = Some(&text[k..m2end]);
                after = m2end;
            }
        }
        let Some((mut uend, mult, mut measure)) = unit_at(lower, after).or_else(|| {
            (shape == Shape::Single && counts_households(lower, s, e)).then_some((
                e,
                1.0,
                Measure::Households,
            ))
        }) else {
            continue;
        };
        // `5% - 7%`: the same unit after both numbers
        if shape == Shape::Single && measure == Measure::Percent {
            if let Some((k, m2end)) = range_second(text, lower, uend) {
                if let Some((u2, _, Measure::Percent)) = unit_at(lower, m2end) {
                    shape = Shape::Range;
                    other_tok = Some(&text[k..m2end]);
                    uend = u2;
                }
            }
        }
        // `75,6 tỷ đồng/120 tỷ đồng`: a fraction written with its unit after both numbers
        // (each with its own multiplier: `750 triệu đồng/1,2 tỷ đồng`)
        let mut other_mult = mult;
        if shape == Shape::Single {
            if let Some(rest) = text[uend..].strip_prefix('/') {
                if let Some(m2end) = number_at_start(rest) {
                    let k = uend + 1;
                    let tok2 = text[k..k + m2end].trim_end_matches(['.', ',']);
                    if let Some((u2, mult2, m2)) = unit_at(lower, k + tok2.len()) {
                        if m2 == measure {
                            shape = Shape::Fraction;
                            other_tok = Some(tok2);
                            other_mult = mult2;
                            uend = u2;
                        }
                    }
                }
            }
        }
        // a comma before three digits groups thousands only in a plain count (`2,677 hộ`)
        let count_ctx = mult == 1.0
            && matches!(
                measure,
                Measure::Households | Measure::Persons | Measure::Count
            );
        let Some(v) = parse_number(tok, count_ctx) else {
            continue;
        };
        let other = other_tok
            .and_then(|t| parse_number(t, count_ctx))
            .map(|o| o * other_mult);
        // `1.165 tỷ 500 triệu đồng`: one sum written in two parts
        let mut value = v * mult;
        if shape == Shape::Single && measure == Measure::Vnd {
            if let Some((rest_end, rest)) = sum_rest(text, lower, uend, mult) {
                uend = rest_end;
                value += rest;
            }
        }
        // `điểm phần trăm`, `đồng/người/năm`, `%/năm`, `đồng/tháng`
        let points = lower[..uend].ends_with("điểm phần trăm") || lower[..uend].ends_with("điểm %");
        let mut per_year = false;
        let mut per_month = false;
        let tail = &lower[uend..];
        for (suffix, m, py, pm) in [
            ("/người/năm", Some(Measure::VndPerPersonYear), false, false),
            (
                "/người/tháng",
                Some(Measure::VndPerPersonMonth),
                false,
                false,
            ),
            ("/năm", None, true, false),
            ("/tháng", None, false, true),
        ] {
            if tail.starts_with(suffix) {
                if measure == Measure::Vnd {
                    if let Some(m) = m {
                        measure = m;
                    }
                } else if m.is_some() {
                    continue; // `hộ/người/năm` is not a unit we read
                }
                uend += suffix.len();
                per_year = py;
                per_month = pm;
                break;
            }
        }
        // qualifier word right before the number
        let mut qualifier = None;
        let mut qual_start = s;
        let pre = lower[..s].trim_end_matches(' ');
        let quals = if QUALIFIER_LAST.may_end(pre) {
            &lex.qualifiers.rows[..]
        } else {
            &[]
        };
        for (cue, vals) in quals {
            if ends_with(pre, cue)
                && crate::lexicon::is_word_edge(lower, pre.len() - cue.len(), pre.len())
            {
                qualifier = qualifier_name(vals.first().map(String::as_str).unwrap_or(""));
                if qualifier.is_some() {
                    qual_start = pre.len() - cue.len();
                }
                break;
            }
        }
        out.push(Quantity {
            start: s,
            end: uend,
            num_start: s,
            num_end: e,
            value,
            other,
            shape,
            measure,
            per_year,
            per_month,
            points,
            qualifier,
            qual_start,
        });
        last_end = uend;
    }
    out
}

/// A number with no unit at `lower[s..e]` that counts households all the same: the clause
/// before it names a number of poor households (`POVERTY_WORDS`) and ends with `là`, `còn`
/// or `:`, and the clause ends after it (`số hộ nghèo toàn huyện cuối năm 2020 là 1.432, …`).
fn counts_households(lower: &str, s: usize, e: usize) -> bool {
    let rest = lower[e..].trim_start_matches(' ');
    let full_stop = rest
        .strip_prefix('.')
        .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\n']));
    if !(rest.is_empty() || rest.starts_with([',', ';', '\n', ')']) || full_stop) {
        return false;
    }
    let pre = lower[..s].trim_end_matches(' ');
    let told = |w: &str| {
        pre.strip_suffix(w)
            .is_some_and(|p| p.is_empty() || p.ends_with(' '))
    };
    if !(told("là") || told("còn") || pre.ends_with(':')) {
        return false;
    }
    // the clause: back to a comma, semicolon, line or sentence end, at most 160 bytes
    let mut from = pre.len().saturating_sub(160);
    while !pre.is_char_boundary(from) {
        from += 1;
    }
    let clause = &pre[from..];
    let clause = clause
        .rfind([',', ';', '\n'])
        .map_or(clause, |k| &clause[k + 1..]);
    let clause = clause.rfind(". ").map_or(clause, |k| &clause[k + 2..]);
    clause.match_indices("số hộ ").any(|(k, w)| {
        (k == 0 || clause[..k].ends_with(' '))
            && POVERTY_WORDS
                .iter()
                .any(|p| clause[k + w.len()..].starts_with(p.as_str()))
    })
}

/// What follows `số hộ` in a count of households of the poverty tables (the figures layer
/// tells them apart): kind `poverty_noun` of `grammar_words.tsv` (`số hộ nghèo`, `số hộ cận
/// nghèo`, `số hộ thoát nghèo`).
static POVERTY_WORDS: Lazy<Vec<String>> = Lazy::new(|| lexicon().grammar("poverty_noun"));

/// The rest of a sum written in parts after a bare multiplier at `uend` (`1.165 tỷ` then
/// ` 500 triệu đồng`, `2 tỷ 350 triệu`): (the end of the rest, its value). The rest is a
/// plain number of at most three digits (fewer than the next multiplier up) with a smaller
/// multiplier; `mult` is the first part's.
fn sum_rest(text: &str, lower: &str, uend: usize, mult: f64) -> Option<(usize, f64)> {
    // only after a multiplier word with no currency after it (`tỷ`, `nghìn tỷ`)
    if mult < 1e9 || lower[..uend].ends_with("đồng") || lower[..uend].ends_with("vnđ") {
        return None;
    }
    let k = skip_spaces(text, uend);
    if k == uend {
        return None;
    }
    let n = text[k..].bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 {
        return None;
    }
    let after = k + n;
    let v2: f64 = text[k..after].parse().ok()?;
    let (end, m2, measure) = if lower[after..].trim_start_matches(' ').starts_with("triệu")
        && !lower[after..]
            .trim_start_matches(' ')
            .starts_with("triệu đồng")
    {
        // `2 tỷ 350 triệu`: the currency left out of both parts
        let t = skip_spaces(lower, after) + "triệu".len();
        let edge = lower[t..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        edge.then_some((t, 1e6, Measure::Vnd))?
    } else {
        unit_at(lower, after)?
    };
    (measure == Measure::Vnd && m2 < mult && m2 >= 1e6 && v2 < 1000.0).then_some((end, v2 * m2))
}

/// Spans to skip, to ask in O(log n) whether any overlaps `[s, e)`.
struct Spans {
    /// sorted by start
    spans: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`
    max_end: Vec<usize>,
}

impl Spans {
    fn new(skip: &[(usize, usize)]) -> Spans {
        let mut spans = skip.to_vec();
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |m, &(_, b)| {
                *m = b.max(*m);
                Some(*m)
            })
            .collect();
        Spans { spans, max_end }
    }

    /// Some span `(a, b)` has `s < b && e > a`.
    fn overlaps(&self, s: usize, e: usize) -> bool {
        // the spans starting before `e`, and among them the largest end
        let n = self.spans.partition_point(|&(a, _)| a < e);
        n > 0 && self.max_end[n - 1] > s
    }
}

/// A second number after a dash or `đến` at byte `e`: (its start, its end).
fn range_second(text: &str, lower: &str, e: usize) -> Option<(usize, usize)> {
    let j = skip_spaces(text, e);
    let d = if text[j..].starts_with('-') {
        j + 1
    } else if lower[j..].starts_with("đến ") {
        j + "đến".len()
    } else {
        return None;
    };
    let k = skip_spaces(text, d);
    let m2end = number_at_start(&text[k..])?;
    let end = k + text[k..k + m2end].trim_end_matches(['.', ',']).len();
    Some((k, end))
}

fn qualifier_name(s: &str) -> Option<&'static str> {
    match s {
        "over" => Some("over"),
        "nearly" => Some("nearly"),
        "about" => Some("about"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lowercase_aligned;

    fn q(s: &str) -> Vec<Quantity> {
        let n = crate::normalize::normalize(s).text;
        find_quantities(&n, &lowercase_aligned(&n), &[])
    }

    #[test]
    fn numbers() {
        for (tok, count, want) in [
            ("365.032", false, 365032.0),
            ("47,4", false, 47.4),
            ("1.812.170", false, 1812170.0),
            ("2,677", true, 2677.0),
            ("2,677", false, 2.677),
            ("12 981", true, 12981.0),
            ("38.3", false, 38.3),
            ("0,12", true, 0.12),
            ("1.000.000,5", false, 1000000.5),
        ] {
            assert_eq!(parse_number(tok, count), Some(want), "{tok}");
        }
        assert_eq!(parse_number(&"9".repeat(1000), false), None);
    }

    #[test]
    fn money_and_percent() {
        let v = q(
            "tổng kế hoạch vốn là 365.032 triệu đồng, đạt 46,66%; trên 337 tỷ đồng, gần 200 tỷ vốn",
        );
        let vals: Vec<(f64, Measure, Option<&str>)> = v
            .iter()
            .map(|x| (x.value, x.measure, x.qualifier))
            .collect();
        assert_eq!(
            vals,
            [
                (365_032_000_000.0, Measure::Vnd, None),
                (46.66, Measure::Percent, None),
                (337_000_000_000.0, Measure::Vnd, Some("over")),
                (200_000_000_000.0, Measure::Vnd, Some("nearly")),
            ]
        );
    }

    #[test]
    fn fractions_ranges_income() {
        let v =
            q("giải ngân 32.479/61.864 triệu đồng; giảm 3-4%/năm; đạt 74,4 triệu đồng/người/năm");
        assert_eq!(v[0].shape, Shape::Fraction);
        assert_eq!(
            (v[0].value, v[0].other),
            (32_479_000_000.0, Some(61_864_000_000.0))
        );
        assert_eq!(v[1].shape, Shape::Range);
        assert!(v[1].per_year);
        assert_eq!((v[1].value, v[1].other), (3.0, Some(4.0)));
        assert_eq!(
            (v[2].value, v[2].measure),
            (74_400_000.0, Measure::VndPerPersonYear)
        );
    }

    /// `unit_at` as it was: every row of the table tried in order.
    fn unit_at_ref(lower: &str, at: usize) -> Option<(usize, f64, Measure)> {
        unit_in_rows(lower, skip_spaces(lower, at), 0..lexicon().units.rows.len())
    }

    #[test]
    fn unit_at_same_as_before() {
        let mut texts: Vec<String> = lexicon()
            .units
            .rows
            .iter()
            .flat_map(|(c, v)| {
                let mut t = vec![
                    format!("5 {c}"),
                    format!("5{c}"),
                    format!("5  {c} nghèo"),
                    format!("5 {c}x"),
                    format!("5 {c}/năm"),
                    format!("5 {c},"),
                ];
                for w in v.get(2).map_or("", String::as_str).split('|') {
                    t.push(format!("5 {c} {w}"));
                    t.push(format!("5 {c} {w}a"));
                }
                t
            })
            .collect();
        texts.extend(
            [
                "365.032 triệu đồng",
                "47,4%",
                "2,677 hộ",
                "12 981 hộ",
                "74,4 triệu đồng/người/năm",
                "5 tỷ lệ",
                "3 hội",
                "7 ",
                "8",
                "9 điểm phần trăm",
            ]
            .map(String::from),
        );
        for t in &texts {
            for (at, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert_eq!(unit_at(t, at), unit_at_ref(t, at), "{t:?} at {at}");
            }
        }
    }

    /// `parse_number` as it was: the digits gathered in a `String`.
    fn parse_number_ref(tok: &str, count_context: bool) -> Option<f64> {
        let tok = tok.trim();
        if tok.is_empty() || tok.len() > 64 {
            return None; // a thousand-digit "number" is not a quantity
        }
        let has_dot = tok.contains('.');
        let has_comma = tok.contains(',');
        let groups_of_three = |sep: char| tok.split(sep).skip(1).all(|g| g.len() == 3);
        let digits: String = if tok.contains(' ') {
            tok.chars().filter(char::is_ascii_digit).collect()
        } else if has_dot && has_comma {
            let (last_dot, last_comma) = (tok.rfind('.')?, tok.rfind(',')?);
            if last_comma > last_dot {
                tok.replace('.', "").replace(',', ".") // 1.812.170,5
            } else {
                tok.replace(',', "") // 1,812,170.5 (English)
            }
        } else if has_dot {
            let n = tok.matches('.').count();
            if groups_of_three('.') && (n > 1 || !tok.starts_with('0')) {
                tok.replace('.', "") // 365.032
            } else if n == 1 {
                tok.to_string() // 38.3 (decimal point misused)
            } else {
                return None;
            }
        } else if has_comma {
            let n = tok.matches(',').count();
            if (n > 1 && groups_of_three(','))
                || (n == 1 && count_context && groups_of_three(',') && !tok.starts_with('0'))
            {
                tok.replace(',', "") // 2,677 hộ
            } else if n == 1 {
                tok.replace(',', ".") // 47,4
            } else {
                return None;
            }
        } else {
            tok.to_string()
        };
        let v: f64 = digits.parse().ok()?;
        v.is_finite().then_some(v)
    }

    #[test]
    fn parse_number_same_as_before() {
        let pieces = [
            "0", "1", "12", "365", "032", ".", ",", " ", "ệ", "9", "e5", "-", "inf",
        ];
        let mut g = Gen(0x1234_5678_9abc_def1);
        for _ in 0..30000 {
            let mut t = String::new();
            for _ in 0..g.below(10) {
                t.push_str(pieces[g.below(pieces.len())]);
            }
            for count in [false, true] {
                let (a, b) = (parse_number(&t, count), parse_number_ref(&t, count));
                assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{t:?} {count}");
            }
        }
        let long = "9".repeat(64);
        assert_eq!(parse_number(&long, false), parse_number_ref(&long, false));
    }

    use crate::test_gen::Gen;

    /// The scanners of numbers read what the regexes they replace read.
    #[test]
    fn scanners_same_as_regexes() {
        let number = regex::Regex::new(r"[0-9]+(?:[.,][0-9]+)*").unwrap();
        let groups = regex::Regex::new(r"^(?: [0-9]{3})+").unwrap();
        let pieces = [
            "0", "7", "12", "981", "1234", ".", ",", " ", "  ", "/", "-", "a", "hộ", "%", "ệ", "\n",
        ];
        let mut g = Gen(0x2545_f491_4f6c_dd1d);
        for _ in 0..20000 {
            let mut t = String::new();
            for _ in 0..g.below(14) {
                t.push_str(pieces[g.below(pieces.len())]);
            }
            let want: Vec<(usize, usize)> =
                number.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(number_spans(&t).collect::<Vec<_>>(), want, "{t:?}");
            for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                let rest = &t[i..];
                let at_start = number
                    .find(rest)
                    .filter(|m| m.start() == 0)
                    .map(|m| m.end());
                assert_eq!(number_at_start(rest), at_start, "{t:?} at {i}");
                let run = groups.find(rest).map(|m| i + m.end());
                assert_eq!(space_groups_end(t.as_bytes(), i), run, "{t:?} at {i}");
                for w in ["", "a", "hộ", " 12", "ệ"] {
                    assert_eq!(ends_with(&t[..i], w), t[..i].ends_with(w), "{t:?} {w:?}");
                }
                let ends = |ws: &[&str]| ws.iter().any(|w| t[..i].ends_with(w));
                for ws in [
                    &["a", "hộ", "12"][..],
                    &["ệ", ""],
                    &["hộ", "12", "ệ"],
                    ID_WORDS,
                ] {
                    if ends(ws) {
                        assert!(LastBytes::new(ws.iter().copied()).may_end(&t[..i]));
                    }
                }
            }
        }
    }

    #[test]
    fn codes_are_not_quantities() {
        assert!(q("Quyết định số 353/QĐ-TTg ngày 15/3/2022").is_empty());
        assert!(q("Lượt xem: 144").is_empty());
    }

    #[test]
    fn next_digit_same_as_a_byte_scan() {
        let mut g = Gen(0x1234_5678_9abc_def1);
        let bytes: Vec<u8> = (0u8..=255).collect();
        for _ in 0..20_000 {
            let b: Vec<u8> = (0..g.below(40))
                .map(|_| match g.below(3) {
                    0 => b"09/:x \x2f\x3a\xb0\xb9"[g.below(10)],
                    _ => bytes[g.below(256)],
                })
                .collect();
            for i in 0..=b.len() + 1 {
                let want = b
                    .get(i..)
                    .and_then(|r| r.iter().position(u8::is_ascii_digit))
                    .map(|j| i + j);
                assert_eq!(next_digit(&b, i), want, "{b:?} {i}");
            }
        }
    }

    #[test]
    fn next_digit_in_blocks_same_as_a_byte_scan() {
        let mut g = Gen(0x0fed_cba9_8765_4321);
        let bytes: Vec<u8> = (0u8..=255).collect();
        for _ in 0..5_000 {
            let digits = g.below(4) == 0;
            let b: Vec<u8> = (0..g.below(120))
                .map(|_| match g.below(if digits { 3 } else { 60 }) {
                    0 => b"09/:x \x2f\x3a\xb0\xb9"[g.below(10)],
                    // long runs without a digit, to pass blocks over
                    _ => match bytes[g.below(256)] {
                        c if c.is_ascii_digit() && !digits => b'a',
                        c => c,
                    },
                })
                .collect();
            for i in 0..=b.len() + 1 {
                let want = b
                    .get(i..)
                    .and_then(|r| r.iter().position(u8::is_ascii_digit))
                    .map(|j| i + j);
                assert_eq!(next_digit_in_blocks(&b, i), want, "{b:?} {i}");
            }
        }
    }
}
