//! Dates, date ranges, years and periods in Vietnamese text, and portal stamps.
//!
//! Event dates: `Ngày 5/12/2019`, `Chiều ngày 21/8`, `Sáng 30/12`, `ngày 13-11`,
//! `Ngày 29.8`, `chiều nay (25/10)`, `ngày 10 tháng 6 năm 2024`; ranges: `Từ
//! ngày 11-16/3/2024`, `từ 28/3 đến ngày 2/4/2024`, `Từ ngày 29.8 – 2.9`,
//! `trong 2 ngày 25.6 và 26.6`, `(10 - 11/4)`, `ngày 21 và 22 tháng 7 năm 2022`,
//! `từ 29/12 đến 2/1/2025` (the first day in the year before). A day/month
//! without a year is only read after a cue (`ngày`, `sáng`, `chiều`, `từ`, …,
//! or a closed bracket), so `6/7 xã`, `38,3%`, `đường 3/2` and `353/QĐ-TTg` are
//! never dates; `Day.year` is `None` unless the mention writes the year.
//! Years and periods: `năm 2023`, `cuối/hết năm 2023`, `giai đoạn 2021-2025`,
//! `nhiệm kỳ 2020 - 2025`, `từ năm 2021 đến nay`, `6 tháng đầu năm 2024`,
//! `quý I/2024`, `tháng 6 năm 2024`, `47,4% (2021)`.
//! Stamps: a line that is a date-time, with a label, a weekday, a byline or a
//! section name before it and page furniture after it (`10:28 01/12/2023`,
//! `Đăng lúc: 06/12/2019 10:31:42 (GMT+7)`, `Cập nhật lúc 17:33, Thứ Ba,
//! 08/01/2019`, `Mạnh Cường - 10:36, 22/05/2024`, `04:05 AM 11/06/2013 | Lượt
//! xem: 2172`); a banner or a story sentence with a date is not a stamp.
//!
//! Patterns use `[0-9]` and `\x20`, never Unicode `\b`/`\d`/`\s` (see
//! `shared/spec/performance.md`); the phrasings are tested in `tests/rust/phrasings.tsv`.

use std::collections::BTreeMap;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::quantity::next_digit_in_blocks;

/// A calendar day, year possibly unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// A date or date range found in text (byte offsets in the normalised text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub first: Day,
    pub last: Day,
}

/// Whether the date at `start` of `lower` dates a cited document, not an event: it follows
/// the document's number (`Kế hoạch số 45/KH-UBND ngày 5/3/2024`, `Quyết định 120/QĐ-UBND
/// ngày 2/6`), a token with a `/` and a letter right before `ngày`. After a comma the
/// document's issuer or subject must follow the date (`Quyết định số 12/2018/QĐ-TTg, ngày
/// 13/3/2018 của Thủ tướng`): `Kế hoạch số 45/KH-UBND, ngày 19/3/2024, đoàn …` dates the trip.
pub fn dates_a_document(lower: &str, start: usize, end: usize) -> bool {
    // (a mention starts at its `ngày`, or right after it)
    let before = lower[..start].trim_end_matches(' ');
    let rest = if lower[start..].starts_with("ngày") {
        before
    } else {
        match before.strip_suffix("ngày") {
            Some(r) if r.ends_with(' ') => r,
            _ => return false,
        }
    };
    let rest = rest.trim_end_matches(' ');
    // (a line's first date cites nothing: `14/11/2023⏎Ngày 13/11, …` under a headline)
    let token = &rest[rest.rfind([' ', '\n']).map_or(0, |i| i + 1)..];
    let after = lower[end..].trim_start_matches(' ');
    token.contains('/')
        && token.chars().any(char::is_alphabetic)
        && (!token.ends_with(',') || after.starts_with("của ") || after.starts_with("về "))
}

/// How a year is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearKind {
    /// `năm 2023`
    Point,
    /// `cuối năm 2023`
    EndOf,
    /// `6 tháng đầu năm 2024`, `quý I/2024`: part of the year
    PartOf,
    /// `giai đoạn 2021-2025`, `2022-2024`
    Period,
    /// `từ năm 2021 đến nay`
    Since,
}

/// A year or period found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMention {
    pub start: usize,
    pub end: usize,
    pub year: i32,
    /// last year of a period
    pub until: Option<i32>,
    pub kind: YearKind,
}

/// A portal's publication stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

const SEP: &str = r"\x20*[/.-]\x20*";

/// Words that introduce a day written without a year (`Chiều ngày 21/8`,
/// `chiều nay (25/10)`); without one, `d/m` is never a date (`6/7 xã`). The patterns
/// are written with these lists, and `find_dates` looks for their words before the
/// digits of a day to know where a date can be (see [`cue_before`]).
const DAY_WORDS: [&str; 7] = ["ngày", "sáng", "chiều", "tối", "trưa", "hôm", "đêm"];

/// `nay`, `qua`, `mai` after a word of `DAY_WORDS` (`chiều nay`, `sáng hôm qua`).
const WHEN_WORDS: [&str; 3] = ["nay", "qua", "mai"];

/// The words that open the cue of a range (`Từ ngày 11-16/3/2024`, `trong 2 ngày 25.6 và
/// 26.6`), as patterns.
const RANGE_WORDS: [&str; 7] = [
    "từ",
    "trong [0-9]+ ngày",
    "ngày",
    "sáng",
    "chiều",
    "tối",
    "trưa",
];

/// A day of the week in words (`thứ Tư`, `Chủ nhật`; not `thứ 4`: a cue of `SINGLE` holds
/// no digit, see `SingleMatch::of_span`).
const WEEKDAY: &str = r"(?:thứ\x20+(?:hai|ba|tư|năm|sáu|bảy)|chủ\x20+nhật)";

/// The last words of a `WEEKDAY`, alone or with a comma after them, for the cue's gate
/// (`SINGLE_CUE_ENDS`).
const WEEKDAY_ENDS: [&str; 14] = [
    "hai", "ba", "tư", "năm", "sáu", "bảy", "nhật", "hai,", "ba,", "tư,", "năm,", "sáu,", "bảy,",
    "nhật,",
];

/// The cue of `SINGLE`, made of `DAY_WORDS` and `WHEN_WORDS`, with a day of the week after
/// them or alone (`Sáng thứ Tư (15/10)`, `thứ Bảy, 18/10`).
fn single_cue() -> String {
    format!(
        r"(?:(?:(?:{})(?:\x20+(?:hôm\x20+)?(?:{}))?(?:\x20*,?\x20*{WEEKDAY}\x20*,?)?|{WEEKDAY}\x20*,?)\x20*\(?\x20*(?:ngày\x20+)?(?:hôm\x20+)?)",
        DAY_WORDS.join("|"),
        WHEN_WORDS.join("|")
    )
}

/// What joins the first and last days of a range (`-`, `đến hết ngày`, `và`); between days
/// without their month a comma and a space join too (`ngày 12, 13/3`, `12, 13 và 14/6`; not
/// the decimal `1,2`).
const TO: &str = r"(?:-|đến(?:\x20+hết)?(?:\x20+ngày)?|và(?:\x20+ngày)?)";

static RANGE: Lazy<Regex> = Lazy::new(|| {
    let words = RANGE_WORDS.join("|");
    Regex::new(&format!(
        r"(?P<cue>(?:{words})\x20+(?:ngày\x20+)?(?:từ\x20+)?(?:ngày\x20+)?\(?\x20*|\(\x20*)?(?P<d1>[0-9]{{1,2}})(?:{SEP}(?P<m1>[0-9]{{1,2}})(?:{SEP}(?P<y1>[0-9]{{4}}))?\x20*{TO}|(?:\x20*,\x20+[0-9]{{1,2}})*\x20*(?:,\x20|{TO}))\x20*(?P<d2>[0-9]{{1,2}}){SEP}(?P<m2>[0-9]{{1,2}})(?:{SEP}(?P<y2>[0-9]{{4}}))?"
    ))
    .expect("range regex")
});

static SINGLE: Lazy<Regex> = Lazy::new(|| {
    let cue = single_cue();
    Regex::new(&format!(
        r"(?P<cue>{cue})?(?P<d>[0-9]{{1,2}}){SEP}(?P<m>[0-9]{{1,2}})(?:{SEP}(?P<y>[0-9]{{4}}))?"
    ))
    .expect("single date regex")
});

static WORDY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"ngày\x20+(?P<d>[0-9]{1,2})\x20+(?:(?:và|-|đến)\x20+(?:ngày\x20+)?(?P<d2>[0-9]{1,2})\x20+)?tháng\x20+(?P<m>[0-9]{1,2})(?:\x20*(?:năm\x20+|/\x20*)(?P<y>[0-9]{4}))?",
    )
    .expect("wordy date regex")
});

static YEARS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        (?:giai\ đoạn\x20+|nhiệm\ kỳ\x20+|từ\ năm\x20+|từ\x20+|năm\x20+)?(?P<p1>[0-9]{4})\x20*-\x20*(?P<p2>[0-9]{4})
      | từ\ năm\x20+(?P<s1>[0-9]{4})\x20+(?:đến|tới)\ (?:nay|hiện\ nay|bây\ giờ)
      | từ\ năm\x20+(?P<f1>[0-9]{4})\x20+(?:đến|tới)\ (?:hết\ )?(?:năm\x20+)?(?P<f2>[0-9]{4})
      | (?:cuối|hết)\ năm\x20+(?P<e>[0-9]{4})
      | [0-9]+\ tháng\ (?:(?:đầu|cuối)\ )?năm\x20+(?P<h>[0-9]{4})
      | quý\x20+(?:i|ii|iii|iv|[1-4])\x20*(?:[/-]\x20*|năm\x20+)(?P<q>[0-9]{4})
      | tháng\x20+[0-9]{1,2}\x20*(?:[/-]\x20*|năm\x20+)(?P<mo>[0-9]{4})
      | (?:năm|đến)\x20+(?P<y>[0-9]{4})
      | \(\x20*(?P<py>[0-9]{4})\x20*\)
    ",
    )
    .expect("years regex")
});

/// A portal stamp: an optional label or byline, a date and a time in either
/// order (a weekday may stand before either), `(GMT+7)`, and page furniture
/// after it. What surrounds the date-time (the rest of the line is its tail) is checked
/// in [`stamp_of_line`].
static STAMP: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)^
        (?P<pre>[^0-9]{0,48}?)
        (?:
          (?P<h1>[0-9]{1,2})[:h](?P<i1>[0-9]{2})(?::(?P<s1>[0-9]{2}))?(?:\x20*(?P<ap1>am|pm|sa|ch)(?-u:\b))?
          \x20*[,|-]?\x20*(?:(?:thứ\x20+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\x20+nhật)\x20*[,-]?\x20*)?(?:ngày\x20*)?
          (?P<d1>[0-9]{1,2})[/.-](?P<m1>[0-9]{1,2})[/.-](?P<y1>[0-9]{4})
        | (?P<d2>[0-9]{1,2})[/.-](?P<m2>[0-9]{1,2})[/.-](?P<y2>[0-9]{4})
          (?:\x20*[,|-]?\x20*(?:lúc\x20*)?(?P<h2>[0-9]{1,2})[:h](?P<i2>[0-9]{2})(?::(?P<s2>[0-9]{2}))?(?:\x20*(?P<ap2>am|pm|sa|ch)(?-u:\b))?)?
        )
        \x20*(?:\(?\x20*gmt\x20*\+\x20*0?7(?::00)?\x20*\)?)?",
    )
    .expect("stamp regex")
});

/// The numbers of `STAMP`'s groups (in the order their brackets open; a look-up by
/// number does not hash the name).
mod stamp_group {
    pub const PRE: usize = 1;
    pub const H1: usize = 2;
    pub const I1: usize = 3;
    pub const S1: usize = 4;
    pub const AP1: usize = 5;
    pub const D1: usize = 6;
    pub const M1: usize = 7;
    pub const Y1: usize = 8;
    pub const D2: usize = 9;
    pub const M2: usize = 10;
    pub const Y2: usize = 11;
    pub const H2: usize = 12;
    pub const I2: usize = 13;
    pub const S2: usize = 14;
    pub const AP2: usize = 15;
}

/// Labels a stamp line may start with.
static STAMP_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?:(?:ngày\ đăng(?:\ tin|\ bài)?|đăng\ lúc|đăng\ ngày|đăng(?:\ tin|\ bài)?|cập\ nhật(?:\ lúc|\ ngày)?|ngày\ cập\ nhật|thời\ gian(?:\ đăng)?|(?:ngày\ )?xuất\ bản|(?:ngày\ )?phát\ hành|ngày|posted|published|updated)\x20*:?\x20*)?(?:(?:thứ\x20+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\x20+nhật)\x20*[,-]?\x20*)?(?:ngày\x20*)?$",
    )
    .expect("stamp label regex")
});

/// Words that end an event phrase rather than a byline (`sáng`, `vào lúc`):
/// a line `Sáng 12/3/2024 lúc 8:00` is a story, not a stamp.
const EVENT_WORDS: &[&str] = &[
    "sáng", "chiều", "tối", "trưa", "đêm", "vào", "lúc", "từ", "đến", "khoảng", "hôm", "trước",
    "sau", "và",
];

fn valid_day(y: Option<i32>, m: u32, d: u32) -> bool {
    if !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = y.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    let max = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= max && y.is_none_or(valid_year)
}

fn valid_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

fn num<T: std::str::FromStr>(c: &regex::Captures, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Not glued to a digit or letter before, nor to a digit, `/` or `%` after.
fn clean_edges(lower: &str, s: usize, e: usize) -> bool {
    let before = lower[..s].chars().next_back();
    let after = lower[e..].chars().next();
    let after2 = lower[e..].chars().nth(1);
    let glued_before =
        before.is_some_and(|c| crate::lexicon::is_alnum(c) || c == '/' || c == ',' || c == '.');
    let glued_after = after.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '%');
    let decimal_after =
        matches!(after, Some('.') | Some(',')) && after2.is_some_and(|c| c.is_ascii_digit());
    let numbered = lower[..s].trim_end().ends_with("số");
    // `từ 1 - 2.1 %`, `1 - 2.1 điểm phần trăm`: percents, not days
    let rest = lower[e..].trim_start_matches(' ');
    let percent_after = ["%", "phần trăm", "điểm phần trăm", "điểm %"]
        .iter()
        .any(|p| rest.starts_with(p));
    !(glued_before || glued_after || decimal_after || numbered || percent_after)
}

/// The end of `)` right after byte `at` (spaces allowed before it).
fn close_bracket(lower: &str, at: usize) -> Option<usize> {
    let rest = &lower[at..];
    let t = rest.trim_start_matches(' ');
    t.starts_with(')').then(|| at + (rest.len() - t.len()) + 1)
}

/// The bytes a match of any of `patterns` can hold, read from the patterns
/// themselves: every ASCII character of their literals and classes, and every
/// byte from 0x80 up (bytes of other characters are all let through). A pattern
/// with an anchor or a word boundary, which `runs_around` cannot cut around, lets
/// every byte through.
fn bytes_of(patterns: &[&str]) -> [bool; 256] {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn walk(h: &Hir, t: &mut [bool; 256]) -> bool {
        match h.kind() {
            HirKind::Empty => true,
            HirKind::Literal(l) => {
                for &b in l.0.iter() {
                    t[b as usize] = true;
                }
                true
            }
            HirKind::Class(Class::Unicode(c)) => {
                for r in c.ranges() {
                    for u in (r.start() as u32)..=(r.end() as u32).min(0x7F) {
                        t[u as usize] = true;
                    }
                }
                true
            }
            HirKind::Class(Class::Bytes(c)) => {
                for r in c.ranges() {
                    for b in r.start()..=r.end() {
                        t[b as usize] = true;
                    }
                }
                true
            }
            HirKind::Look(_) => false,
            HirKind::Repetition(r) => walk(&r.sub, t),
            HirKind::Capture(c) => walk(&c.sub, t),
            HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().all(|h| walk(h, t)),
        }
    }
    let mut t = [false; 256];
    t[0x80..].fill(true);
    for p in patterns {
        let cuttable = regex_syntax::parse(p).is_ok_and(|h| walk(&h, &mut t));
        if !cuttable {
            return [true; 256];
        }
    }
    t
}

/// Every byte a match of `RANGE`, `SINGLE` or `WORDY` can hold (digits, spaces,
/// `/.-(`, the ASCII letters of their words): any other ASCII byte ends every match.
static DATE_BYTES: Lazy<[bool; 256]> =
    Lazy::new(|| bytes_of(&[RANGE.as_str(), SINGLE.as_str(), WORDY.as_str()]));

/// Every byte a match of `YEARS` can hold.
static YEAR_BYTES: Lazy<[bool; 256]> = Lazy::new(|| bytes_of(&[YEARS.as_str()]));

/// The runs of ASCII digits in `lower`, in order: (start, end). Every date and year holds
/// digits, so `find_dates_in` and `find_years_in` look at the text only around these,
/// found once for both (the text is scanned once, not once per pattern).
pub fn digit_runs_of(lower: &str) -> Vec<(usize, usize)> {
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(d) = next_digit_in_blocks(b, i) {
        let e = digits_end(b, d);
        out.push((d, e));
        i = e;
    }
    out
}

/// The maximal runs of `allowed` bytes of `b` around the spans `at` (sorted by start, each
/// made of allowed bytes), each run once, in order.
///
/// Every match of a pattern without anchors or word boundaries whose characters are all
/// allowed lies inside one such run around any span it holds; runs end at ASCII bytes,
/// so on character boundaries. The matches of such a pattern in the text, left to right,
/// that hold one of the spans are among the matches in each run's slice, run after run.
fn runs_around(
    b: &[u8],
    allowed: &[bool; 256],
    at: impl Iterator<Item = (usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in at {
        // `from` is 0 or the end of the run before, a byte that is not allowed
        let from = match out.last() {
            Some(&(_, end)) if s < end => continue,
            Some(&(_, end)) => end,
            None => 0,
        };
        let mut a = s;
        while a > from && allowed[b[a - 1] as usize] {
            a -= 1;
        }
        let mut z = e;
        while z < b.len() && allowed[b[z] as usize] {
            z += 1;
        }
        out.push((a, z));
    }
    out
}

/// The end of the run of digits at byte `d`.
fn digits_end(b: &[u8], d: usize) -> usize {
    d + b[d..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// The first byte at or after `i` that is not a space.
fn spaces_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// `i` less the spaces right before it.
fn spaces_start(b: &[u8], mut i: usize) -> usize {
    while i > 0 && b[i - 1] == b' ' {
        i -= 1;
    }
    i
}

/// Words (each of at most 8 bytes) to tell whether a text ends with one of them, with
/// one 8-byte load and a compare per word (no string compares).
struct Suffixes {
    /// each word's bytes, little endian, and the shift that brings the last bytes of a
    /// load there
    words: Vec<(u64, u32)>,
}

impl Suffixes {
    fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Suffixes {
        let words = words
            .into_iter()
            .map(|w| {
                let w = w.as_bytes();
                assert!((1..=8).contains(&w.len()), "{w:?}");
                let mut buf = [0u8; 8];
                buf[..w.len()].copy_from_slice(w);
                (u64::from_le_bytes(buf), 64 - 8 * w.len() as u32)
            })
            .collect();
        Suffixes { words }
    }

    /// `b[..i]` ends with one of the words.
    fn end(&self, b: &[u8], i: usize) -> bool {
        // the 8 bytes before `i`, the last one highest; zeros before the text (no word
        // holds a zero byte)
        let mut buf = [0u8; 8];
        let head = &b[i.saturating_sub(8)..i];
        buf[8 - head.len()..].copy_from_slice(head);
        let x = u64::from_le_bytes(buf);
        self.words.iter().any(|&(w, shift)| x >> shift == w)
    }
}

/// Run `k` of `runs` is followed by spaces, one of `/.-`, spaces and run `k + 1`: a day
/// and a month (`5/12`, `29.8`, `11 - 8`), or a month and a year.
fn sep_next(b: &[u8], runs: &[(usize, usize)], k: usize) -> bool {
    let (Some(&(_, e)), Some(&(next, _))) = (runs.get(k), runs.get(k + 1)) else {
        return false;
    };
    let j = spaces_end(b, e);
    matches!(b.get(j), Some(b'/' | b'.' | b'-')) && spaces_end(b, j + 1) == next
}

/// Run `k` (a month) is followed by a separator and a year (`5/12/2019`).
fn year_after(b: &[u8], runs: &[(usize, usize)], k: usize) -> bool {
    sep_next(b, runs, k) && runs.get(k + 1).is_some_and(|&(s, e)| e - s >= 4)
}

/// A cue ends right before the digits at byte `s`: after spaces, a `(` and spaces,
/// `b[..]` ends with one of `words` (the last words of a cue); with `bracket`, a `(` is
/// a cue of its own (`(10 - 11/4)`).
fn cue_before(b: &[u8], s: usize, words: &Suffixes, bracket: bool) -> bool {
    let mut i = spaces_start(b, s);
    if i > 0 && b[i - 1] == b'(' {
        if bracket {
            return true;
        }
        i = spaces_start(b, i - 1);
    }
    words.end(b, i)
}

/// The last words of a `SINGLE` cue: it ends with a word of `DAY_WORDS` or `WHEN_WORDS`
/// (`ngày`, `hôm` among them) or a day of the week, maybe with a comma after it, then spaces
/// and a `(` maybe.
static SINGLE_CUE_ENDS: Lazy<Suffixes> =
    Lazy::new(|| Suffixes::new(DAY_WORDS.into_iter().chain(WHEN_WORDS).chain(WEEKDAY_ENDS)));

/// The last words of a `RANGE` cue: the last word of one of `RANGE_WORDS`, or `ngày`,
/// `từ` (which they hold), then spaces and a `(` maybe; or a `(` alone.
static RANGE_CUE_ENDS: Lazy<Suffixes> = Lazy::new(|| {
    Suffixes::new(
        RANGE_WORDS
            .into_iter()
            .map(|w| w.rsplit(' ').next().unwrap_or(w)),
    )
});

/// What stands between the two days of a `RANGE` match, after spaces: `-`, `đến`, `và`,
/// `đến ngày`, `đến hết (ngày)`, `và ngày`, `,`, which end with one of these.
static RANGE_LINK_ENDS: Lazy<Suffixes> =
    Lazy::new(|| Suffixes::new(["-", "đến", "và", "ngày", "hết", ","]));

/// What stands before a `WORDY` month, after spaces.
static MONTH_WORD: Lazy<Suffixes> = Lazy::new(|| Suffixes::new(["tháng"]));

/// What stands before the year of most alternatives of `YEARS`, after spaces: `năm`,
/// `đến`, `(` (`(2021)`); `từ năm 2021 đến 2025`: its first year. The others have a `/` or
/// `-` there (see `year_at`).
static YEAR_WORD_ENDS: Lazy<Suffixes> = Lazy::new(|| Suffixes::new(["năm", "đến", "("]));

/// What stands before a month (`tháng 6/2024`) or a quarter (`quý 1-2024`, `quý I/2024`)
/// that a year follows.
static MONTH_OR_QUARTER: Lazy<Suffixes> = Lazy::new(|| Suffixes::new(["tháng", "quý"]));

/// The runs of digits of `runs` where a match of `SINGLE`, `RANGE` or `WORDY` that
/// `find_dates` keeps can be, in order: (single days, second days of ranges, months of
/// wordy dates).
///
/// A kept `SINGLE` match starts its day at a run of one or two digits (a longer run is
/// glued to its digits before), with a separator and a month after it, and a cue before
/// it or a year after the month (without either it is dropped). A kept `RANGE` match has
/// its second day and month so, after one of `RANGE_LINK_ENDS`, and a year after the
/// month or a range cue before its first day, one of the three runs before (`d1`, `m1`,
/// `y1` are runs of their own). A `WORDY` match has `tháng` and spaces before its month.
fn date_runs(b: &[u8], runs: &[(usize, usize)]) -> [Vec<(usize, usize)>; 3] {
    let mut out: [Vec<(usize, usize)>; 3] = Default::default();
    for (k, &(s, e)) in runs.iter().enumerate() {
        let before = spaces_start(b, s);
        if before < s && MONTH_WORD.end(b, before) {
            out[2].push((s, e));
        }
        if e - s > 2 || !sep_next(b, runs, k) {
            continue;
        }
        if cue_before(b, s, &SINGLE_CUE_ENDS, false) || year_after(b, runs, k + 1) {
            out[0].push((s, e));
        }
        if RANGE_LINK_ENDS.end(b, before)
            && (year_after(b, runs, k + 1)
                || (k.saturating_sub(3)..k)
                    .any(|j| cue_before(b, runs[j].0, &RANGE_CUE_ENDS, true)))
        {
            out[1].push((s, e));
        }
    }
    out
}

/// The runs of digits of `runs` that a `YEARS` match that `find_years` keeps can hold as
/// a year (`year_at`).
fn year_runs<'r>(
    b: &'r [u8],
    runs: &'r [(usize, usize)],
) -> impl Iterator<Item = (usize, usize)> + 'r {
    (0..runs.len())
        .filter(move |&k| year_at(b, runs, k))
        .map(|k| runs[k])
}

/// A `YEARS` match that `find_years` keeps can hold run `k` as its year: four digits (not
/// glued to more digits) after spaces and one of `YEAR_WORD_ENDS`, or after spaces, a `/`
/// or `-` and spaces, and before them a month (one or two digits after `tháng`), a
/// quarter (`quý 1`, `quý iv`), or four digits before a `-` (`2021-2025`).
fn year_at(b: &[u8], runs: &[(usize, usize)], k: usize) -> bool {
    let (s, e) = runs[k];
    if e - s != 4 {
        return false;
    }
    let i = spaces_start(b, s);
    if YEAR_WORD_ENDS.end(b, i) {
        return true;
    }
    let Some(&sep @ (b'/' | b'-')) = i.checked_sub(1).and_then(|j| b.get(j)) else {
        return false;
    };
    let j = spaces_start(b, i - 1);
    match k.checked_sub(1).and_then(|p| runs.get(p)) {
        Some(&(ps, pe)) if pe == j => {
            pe - ps == 4 && sep == b'-'
                || pe - ps <= 2 && MONTH_OR_QUARTER.end(b, spaces_start(b, ps))
        }
        _ => {
            // a quarter in Roman numerals (`i`, `ii`, `iii`, `iv`)
            let roman = b[..j]
                .iter()
                .rev()
                .take(3)
                .take_while(|&&c| c == b'i' || c == b'v')
                .count();
            roman > 0 && MONTH_OR_QUARTER.end(b, spaces_start(b, j - roman))
        }
    }
}

/// `re.captures_iter(lower)`, read only in the runs given (see [`runs_around`]):
/// each with the offset of its run, to add to the positions of its groups.
fn captures_in<'h>(
    re: &'h Regex,
    lower: &'h str,
    runs: &'h [(usize, usize)],
) -> impl Iterator<Item = (usize, regex::Captures<'h>)> + 'h {
    runs.iter()
        .flat_map(move |&(a, e)| re.captures_iter(&lower[a..e]).map(move |c| (a, c)))
}

/// `re.find_iter(lower)`, read only in the runs given (see [`runs_around`]): the spans
/// of the matches in `lower`. Without groups to fill, only the regex's DFAs run; the
/// groups are read from the text of each match (`RangeMatch::of_span`, …).
fn matches_in<'h>(
    re: &'h Regex,
    lower: &'h str,
    runs: &'h [(usize, usize)],
) -> impl Iterator<Item = (usize, usize)> + 'h {
    runs.iter().flat_map(move |&(a, e)| {
        re.find_iter(&lower[a..e])
            .map(move |m| (a + m.start(), a + m.end()))
    })
}

/// The runs of ASCII digits in `b[s..e]`, the first 8 of them (a match of the
/// patterns here holds at most 7).
fn digit_runs(b: &[u8], s: usize, e: usize) -> ([(usize, usize); 8], usize) {
    let mut out = [(0, 0); 8];
    let mut n = 0;
    let mut i = s;
    while i < e && n < out.len() {
        if b[i].is_ascii_digit() {
            let a = i;
            while i < e && b[i].is_ascii_digit() {
                i += 1;
            }
            out[n] = (a, i);
            n += 1;
        } else {
            i += 1;
        }
    }
    (out, n)
}

/// The number written in `b[a..e]`, at most four digits.
fn value(b: &[u8], (a, e): (usize, usize)) -> u32 {
    b[a..e].iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0'))
}

/// The groups of a `RANGE` match. The cue is `start..core_start`, empty when there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RangeMatch {
    start: usize,
    end: usize,
    core_start: usize,
    d1: u32,
    m1: Option<u32>,
    y1: Option<i32>,
    d2: u32,
    m2: u32,
    y2: Option<i32>,
}

impl RangeMatch {
    /// The groups read from the text of the match `lower[start..end]`.
    ///
    /// Each group of days, months and years is a whole run of digits in the match (a
    /// separator, a connector or the match's edge is on either side, and the cue ends in
    /// a space or `(`); the only other digits are the count in `trong 2 ngày`. Days and
    /// months have one or two digits, years four, so the runs' lengths tell which groups
    /// are there: `d1 [m1] [y1] d2 m2 [y2]`. A cue starts with a letter or `(`, so a
    /// match that starts with a digit has none.
    fn of_span(lower: &str, start: usize, end: usize) -> RangeMatch {
        let b = lower.as_bytes();
        let (r, n) = digit_runs(b, start, end);
        let mut v = &r[..n];
        if lower[start..end].starts_with("trong") {
            v = &v[1..];
        }
        let long = |x: &(usize, usize)| x.1 - x.0 == 4;
        let mut y2 = None;
        if let Some((l, rest)) = v.split_last().filter(|(l, _)| long(l)) {
            y2 = Some(value(b, *l) as i32);
            v = rest;
        }
        let [d1, mid @ .., d2, m2] = v else {
            unreachable!("a RANGE match holds d1, d2 and m2")
        };
        // a comma after the first day: the runs between are more days (`12, 13 và 14/6`)
        let mid = if b.get(spaces_end(b, d1.1)) == Some(&b',') {
            &[]
        } else {
            mid
        };
        RangeMatch {
            start,
            end,
            core_start: d1.0,
            d1: value(b, *d1),
            m1: mid.iter().find(|x| !long(x)).map(|&x| value(b, x)),
            y1: mid.iter().find(|x| long(x)).map(|&x| value(b, x) as i32),
            d2: value(b, *d2),
            m2: value(b, *m2),
            y2,
        }
    }

    /// The groups as the regex fills them (`c` found at byte `at`).
    #[cfg(test)]
    fn of_captures(at: usize, c: &regex::Captures) -> RangeMatch {
        let m = c.get(0).expect("match");
        RangeMatch {
            start: at + m.start(),
            end: at + m.end(),
            core_start: at + c.name("d1").expect("d1").start(),
            d1: num(c, "d1").expect("d1"),
            m1: num(c, "m1"),
            y1: num(c, "y1"),
            d2: num(c, "d2").expect("d2"),
            m2: num(c, "m2").expect("m2"),
            y2: num(c, "y2"),
        }
    }
}

/// The groups of a `SINGLE` match. The cue is `start..core_start`, empty when there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SingleMatch {
    start: usize,
    end: usize,
    core_start: usize,
    d: u32,
    m: u32,
    y: Option<i32>,
}

impl SingleMatch {
    /// The groups read from the text of the match: the cue holds no digit, and the day,
    /// month and year are the runs of digits in it, in this order (see `RangeMatch::of_span`).
    fn of_span(lower: &str, start: usize, end: usize) -> SingleMatch {
        let b = lower.as_bytes();
        let (r, n) = digit_runs(b, start, end);
        SingleMatch {
            start,
            end,
            core_start: r[0].0,
            d: value(b, r[0]),
            m: value(b, r[1]),
            y: (n > 2).then(|| value(b, r[2]) as i32),
        }
    }

    #[cfg(test)]
    fn of_captures(at: usize, c: &regex::Captures) -> SingleMatch {
        let m = c.get(0).expect("match");
        SingleMatch {
            start: at + m.start(),
            end: at + m.end(),
            core_start: at + c.name("d").expect("d").start(),
            d: num(c, "d").expect("d"),
            m: num(c, "m").expect("m"),
            y: num(c, "y"),
        }
    }
}

/// Which alternative of `YEARS` matched, with its years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearGroups {
    /// `p1`, `p2`: `giai đoạn 2021-2025`
    Period(i32, i32),
    /// `f1`, `f2`: `từ năm 2021 đến 2025`
    FromTo(i32, i32),
    /// `s1`
    Since(i32),
    /// `e`
    EndOf(i32),
    /// `h`, `q`, `mo`
    PartOf(i32),
    /// `y`, `py`
    Point(i32),
}

/// A `YEARS` match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct YearMatch {
    start: usize,
    end: usize,
    groups: YearGroups,
}

impl YearMatch {
    /// The alternative and years read from the text of the match `lower[start..end]`.
    ///
    /// Each alternative starts its own way, except `năm`, `từ` and a digit, which also
    /// start `p1 - p2`; a match of that one holds two runs of digits, the first of four,
    /// with only spaces and `-` between, which no other can (`quý 1-2024`, `tháng 6-2024`
    /// start with a short run, `h` and `f` have words between). Its last run of digits is
    /// the year of every alternative but `s1`, which has one run only; `p1`, `f1` are the
    /// first run (their prefixes hold no digit).
    fn of_span(lower: &str, start: usize, end: usize) -> YearMatch {
        let b = lower.as_bytes();
        let t = &lower[start..end];
        let (r, n) = digit_runs(b, start, end);
        let (first, last) = (r[0], r[n - 1]);
        let v = |x| value(b, x) as i32;
        let period = n == 2
            && first.1 - first.0 == 4
            && b[first.1..last.0].iter().all(|&c| c == b' ' || c == b'-');
        let groups = if period {
            YearGroups::Period(v(first), v(last))
        } else if t.starts_with("từ") {
            // `từ năm 2021 đến nay` ends with a word, `từ năm 2021 đến 2025` with a year
            if b[end - 1].is_ascii_digit() {
                YearGroups::FromTo(v(first), v(last))
            } else {
                YearGroups::Since(v(first))
            }
        } else if t.starts_with("cuối") || t.starts_with("hết") {
            YearGroups::EndOf(v(last))
        } else if t.starts_with("quý") || t.starts_with("tháng") || b[start].is_ascii_digit() {
            YearGroups::PartOf(v(last))
        } else {
            // `năm 2021`, `đến 2021`, `(2021)`
            YearGroups::Point(v(last))
        };
        YearMatch { start, end, groups }
    }

    #[cfg(test)]
    fn of_captures(at: usize, c: &regex::Captures) -> YearMatch {
        let m = c.get(0).expect("match");
        let groups = if let (Some(a), Some(b)) = (num(c, "p1"), num(c, "p2")) {
            YearGroups::Period(a, b)
        } else if let (Some(a), Some(b)) = (num(c, "f1"), num(c, "f2")) {
            YearGroups::FromTo(a, b)
        } else if let Some(a) = num(c, "s1") {
            YearGroups::Since(a)
        } else if let Some(a) = num(c, "e") {
            YearGroups::EndOf(a)
        } else if let Some(a) = num(c, "h").or_else(|| num(c, "q")).or_else(|| num(c, "mo")) {
            YearGroups::PartOf(a)
        } else {
            YearGroups::Point(num(c, "y").or_else(|| num(c, "py")).expect("a year"))
        };
        YearMatch {
            start: at + m.start(),
            end: at + m.end(),
            groups,
        }
    }
}

/// Every date and date range in `lower` (the lowercase normalised text).
///
/// `Day.year` is `None` when no year is written in the mention; in a range the
/// year written once is shared (`Từ ngày 11-16/3/2024`, `từ 28/3 đến ngày
/// 2/4/2024`), and a range that crosses the new year takes the year before for
/// its first day (`từ 29/12 đến 2/1/2025`).
pub fn find_dates(lower: &str) -> Vec<DateMention> {
    find_dates_in(lower, &digit_runs_of(lower))
}

/// `find_dates`, given the runs of digits of `lower` (`digit_runs_of`).
pub fn find_dates_in(lower: &str, digits: &[(usize, usize)]) -> Vec<DateMention> {
    // every match holds only characters of its pattern and the runs of digits it must
    // hold: it is read only in the runs of such characters around those runs of digits
    // where a match kept can be
    let b = lower.as_bytes();
    let [singles, ranges, wordy] =
        date_runs(b, digits).map(|at| runs_around(b, &DATE_BYTES, at.into_iter()));
    dates_from(
        lower,
        matches_in(&RANGE, lower, &ranges).map(|(s, e)| RangeMatch::of_span(lower, s, e)),
        &wordy,
        matches_in(&SINGLE, lower, &singles).map(|(s, e)| SingleMatch::of_span(lower, s, e)),
    )
}

/// `find_dates` from the `RANGE` and `SINGLE` matches given, in order, and `WORDY`
/// run only in `wordy`, spans of `lower`.
fn dates_from(
    lower: &str,
    ranges: impl Iterator<Item = RangeMatch>,
    wordy: &[(usize, usize)],
    singles: impl Iterator<Item = SingleMatch>,
) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    // the spans taken so far, by start: they are disjoint (regex matches do not overlap, and
    // a later phase only adds a span that overlaps none), so the last one starting before `e`
    // is the one to check; a scan of `out` would make 10⁵ dates quadratic
    let mut spans: BTreeMap<usize, usize> = BTreeMap::new();
    let taken = |spans: &BTreeMap<usize, usize>, s: usize, e: usize| {
        spans
            .range(..e)
            .next_back()
            .is_some_and(|(_, &end)| end > s)
    };
    for r in ranges {
        if !clean_edges(lower, r.core_start, r.end) {
            continue;
        }
        let (d1, d2, m2, y2) = (r.d1, r.d2, r.m2, r.y2);
        let m1 = r.m1.unwrap_or(m2);
        // a year written once is shared; across the new year the first day is the year before
        let y1: Option<i32> = r.y1.or(y2.map(|y| if m1 > m2 { y - 1 } else { y }));
        let has_cue = r.start < r.core_start;
        if !has_cue && y2.is_none() {
            continue;
        }
        // `(10 - 11/4)` needs its closing bracket; a cue in brackets too
        let cue_text = &lower[r.start..r.core_start];
        let mut end = r.end;
        if cue_text.contains('(') {
            match close_bracket(lower, end) {
                Some(e) => end = e,
                None => continue,
            }
        }
        // the days must run forward (across the new year only from December to January)
        let forward = match (y1, y2) {
            (Some(a), Some(b)) if a != b => a < b,
            _ => (m1, d1) < (m2, d2) || m1 == 12 && m2 == 1,
        };
        if !forward {
            continue;
        }
        if !valid_day(y1, m1, d1) || !valid_day(y2, m2, d2) {
            continue;
        }
        spans.insert(r.start, end);
        out.push(DateMention {
            start: r.start,
            end,
            first: Day {
                year: y1,
                month: m1,
                day: d1,
            },
            last: Day {
                year: y2,
                month: m2,
                day: d2,
            },
        });
    }
    for (at, c) in captures_in(&WORDY, lower, wordy) {
        let m = c.get(0).expect("match");
        let m = at + m.start()..at + m.end();
        if taken(&spans, m.start, m.end) {
            continue;
        }
        let (Some(d), Some(mo)) = (num::<u32>(&c, "d"), num::<u32>(&c, "m")) else {
            continue;
        };
        let y: Option<i32> = num(&c, "y");
        let d2: u32 = num(&c, "d2").unwrap_or(d);
        if d2 < d {
            continue;
        }
        if valid_day(y, mo, d) && valid_day(y, mo, d2) {
            spans.insert(m.start, m.end);
            out.push(DateMention {
                start: m.start,
                end: m.end,
                first: Day {
                    year: y,
                    month: mo,
                    day: d,
                },
                last: Day {
                    year: y,
                    month: mo,
                    day: d2,
                },
            });
        }
    }
    for s in singles {
        if taken(&spans, s.start, s.end) || !clean_edges(lower, s.core_start, s.end) {
            continue;
        }
        let (d, mo, y) = (s.d, s.m, s.y);
        let core = &lower[s.core_start..s.end];
        let cue = (s.start < s.core_start).then(|| &lower[s.start..s.core_start]);
        // without a year, a cue is needed; without a cue, `d/m/yyyy` or `d-m-yyyy` only
        if y.is_none() && cue.is_none()
            || y.is_some() && cue.is_none() && !core.contains('/') && !core.contains('-')
        {
            continue;
        }
        // `chiều nay (25/10)`: a bracket opened by the cue must close right after
        let mut end = s.end;
        if cue.is_some_and(|t| t.contains('(')) {
            match close_bracket(lower, end) {
                Some(e) => end = e,
                None => continue,
            }
        }
        if valid_day(y, mo, d) {
            let day = Day {
                year: y,
                month: mo,
                day: d,
            };
            spans.insert(s.start, end);
            out.push(DateMention {
                start: s.start,
                end,
                first: day,
                last: day,
            });
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

/// Every year and period in `lower`.
pub fn find_years(lower: &str) -> Vec<YearMention> {
    find_years_in(lower, &digit_runs_of(lower))
}

/// `find_years`, given the runs of digits of `lower` (`digit_runs_of`).
pub fn find_years_in(lower: &str, digits: &[(usize, usize)]) -> Vec<YearMention> {
    // every match holds only characters of the pattern (see `runs_around`), and a kept
    // one a year where `year_at` says
    let b = lower.as_bytes();
    let runs = runs_around(b, &YEAR_BYTES, year_runs(b, digits));
    years_from(
        lower,
        matches_in(&YEARS, lower, &runs).map(|(s, e)| YearMatch::of_span(lower, s, e)),
    )
}

/// `find_years` from the `YEARS` matches given, in order.
fn years_from(lower: &str, matches: impl Iterator<Item = YearMatch>) -> Vec<YearMention> {
    let mut out = Vec::new();
    for m in matches {
        let after = lower[m.end..].chars().next();
        let before = lower[..m.start].chars().next_back();
        if after.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '%')
            || before.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.' || c == ',')
        {
            continue;
        }
        // `Nghị quyết số 13/2023`, `Quyết định 2022-2024`? a code's number is not a year
        if matches!(m.groups, YearGroups::Period(..)) && lower[..m.start].trim_end().ends_with("số")
        {
            continue;
        }
        let mention = |year: i32, until: Option<i32>, kind: YearKind| YearMention {
            start: m.start,
            end: m.end,
            year,
            until,
            kind,
        };
        let y = match m.groups {
            YearGroups::Period(a, b) => {
                (a < b && b - a <= 30).then(|| mention(a, Some(b), YearKind::Period))
            }
            YearGroups::FromTo(a, b) => (a < b).then(|| mention(a, Some(b), YearKind::Period)),
            YearGroups::Since(a) => Some(mention(a, None, YearKind::Since)),
            YearGroups::EndOf(a) => Some(mention(a, None, YearKind::EndOf)),
            YearGroups::PartOf(a) => Some(mention(a, None, YearKind::PartOf)),
            YearGroups::Point(a) => Some(mention(a, None, YearKind::Point)),
        };
        if let Some(y) = y.filter(|y| valid_year(y.year) && y.until.is_none_or(valid_year)) {
            out.push(y);
        }
    }
    out
}

/// The stamp a line is made of, if the whole line is a date-time stamp.
///
/// A label (`Đăng lúc:`, `Cập nhật lúc`, `Ngày`), a weekday, or — when a time
/// is given — a short byline or section name may come first (`Mạnh Cường -
/// 10:36, 22/05/2024`, `Xây dựng nông thôn mới 09:36 25/10/2018 (244)`); after
/// it only page furniture (`| Lượt xem: 2172`, `(244)`, `Xem cỡ chữ: A+ A-`).
/// `AM`/`PM` (`SA`/`CH`) are read. A date in a banner or a sentence is not a stamp.
pub fn stamp_of_line(lower_line: &str) -> Option<Stamp> {
    use stamp_group as g;
    let line = lower_line.trim();
    if line.len() > 140 || !has_dated_year(line.as_bytes()) {
        return None;
    }
    let c = STAMP.captures(line)?;
    // the tail is the rest of the line, which `.` (no line break) reads to its end: the
    // pattern once ended in `(?P<tail>.*)$`, which always matched after the date-time
    // save past a line break (no part after the first digit reads one)
    let tail = &line[c.get(0)?.end()..];
    if tail.contains('\n') {
        return None;
    }
    let has_time = c.get(g::H1).is_some() || c.get(g::H2).is_some();
    let pre = c.get(g::PRE).map_or("", |x| x.as_str()).trim();
    // a date alone in brackets on its line: `(27/10/2023)`
    let bracketed = pre == "(" && tail.trim() == ")";
    if !bracketed && !STAMP_LABEL.is_match(pre) {
        // a byline or section name: only with a time, short, not an event phrase
        let words: Vec<&str> = pre
            .split(|ch: char| ch.is_whitespace() || ch == ',' || ch == '-' || ch == '|')
            .filter(|w| !w.is_empty())
            .collect();
        let last = words.last().copied().unwrap_or("");
        if !has_time
            || words.len() > 7
            || EVENT_WORDS.contains(&last)
            || pre.contains(['.', ';', ':', '"', '(', ')'])
        {
            return None;
        }
    }
    if !bracketed && !stamp_tail_ok(tail.trim()) {
        return None;
    }
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, mo, d) = match (
        c.get(g::Y1).and_then(|m| m.as_str().parse::<i32>().ok()),
        num(g::M1),
        num(g::D1),
    ) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => (
            c.get(g::Y2)?.as_str().parse::<i32>().ok()?,
            num(g::M2)?,
            num(g::D2)?,
        ),
    };
    let mut h: u32 = num(g::H1).or_else(|| num(g::H2)).unwrap_or(0);
    let mi: u32 = num(g::I1).or_else(|| num(g::I2)).unwrap_or(0);
    let s: u32 = num(g::S1).or_else(|| num(g::S2)).unwrap_or(0);
    match c.get(g::AP1).or(c.get(g::AP2)).map(|x| x.as_str()) {
        Some("pm" | "ch") if h < 12 => h += 12,
        Some("am" | "sa") if h == 12 => h = 0,
        _ => {}
    }
    (valid_day(Some(y), mo, d) && h < 24 && mi < 60 && s < 60).then_some(Stamp {
        year: y,
        month: mo,
        day: d,
        hour: h,
        minute: mi,
        second: s,
    })
}

/// A quick test before the stamp pattern: `/`, `.` or `-` then four digits.
fn has_dated_year(b: &[u8]) -> bool {
    memchr::memchr3_iter(b'/', b'.', b'-', b).any(|i| {
        b.get(i + 1..i + 5)
            .is_some_and(|w| w.iter().all(u8::is_ascii_digit))
    })
}

/// What may follow a stamp on its line: nothing, a view count `(244)`, a
/// `|`-separated strip of page furniture, or furniture words (`Xem cỡ chữ: A+ A-`).
fn stamp_tail_ok(tail: &str) -> bool {
    if tail.is_empty() || tail.starts_with('|') {
        return true;
    }
    if let Some(n) = tail.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        return n.trim().chars().all(|c| c.is_ascii_digit());
    }
    let t = tail.trim_start_matches(['-', ',', ' ']);
    STAMP_FURNITURE.iter().any(|f| t.starts_with(f))
}

/// Page furniture printed on the stamp's line.
const STAMP_FURNITURE: &[&str] = &[
    "lượt xem",
    "lượt đọc",
    "xem cỡ chữ",
    "cỡ chữ",
    "in bài",
    "chia sẻ",
    "bình luận",
    "gửi bài",
    "a+",
    "a-",
    "lưu bài",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_after_a_document_number_dates_the_document() {
        let cases = [
            ("thực hiện kế hoạch số 45/kh-ubnd ngày 5/3/2024 của ubnd huyện, ngày 19/3/2024, đoàn", [true, false]),
            ("căn cứ quyết định 120/qđ-ubnd ngày 2/6/2024, ngày 12/6 đoàn", [true, false]),
            ("quyết định số 12/2018/qđ-ttg, ngày 13/3/2018 của thủ tướng; ngày 14/11/2019 đoàn", [true, false]),
            ("theo kế hoạch số 45/kh-ubnd, ngày 19/3/2024, đoàn … ngày 20/3/2024", [false, false]),
            ("ngày 19/3/2024 đoàn đến huyện; sáng ngày 25/4/2024 đoàn về", [false, false]),
            // a stamp line under a headline, then the body's first date
            ("học tập tại huyện yên bình\n14/11/2023\nngày 13/11, đoàn", [false, false]),
        ];
        for (text, want) in cases {
            let got: Vec<bool> = find_dates(text)
                .iter()
                .map(|d| dates_a_document(text, d.start, d.end))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    fn ascii_of(t: &[bool; 256]) -> String {
        (0u8..0x80)
            .filter(|&b| t[b as usize])
            .map(char::from)
            .collect()
    }

    #[test]
    fn match_bytes_are_read_from_the_patterns() {
        // what `runs_around` lets through, as the patterns stand today
        assert_eq!(ascii_of(&DATE_BYTES), " (,-./0123456789abcghimnoqrstuvy");
        assert_eq!(ascii_of(&YEAR_BYTES), " ()-/0123456789abcghikmnoqtuvy");
        assert!(DATE_BYTES[0x80..].iter().all(|&b| b));
        // a word boundary or an anchor: nothing can be cut around, every byte goes through
        assert!(bytes_of(&[r"\bngày [0-9]+"]).iter().all(|&b| b));
        assert!(bytes_of(&[r"năm", r"^[0-9]{4}"]).iter().all(|&b| b));
        assert_eq!(ascii_of(&bytes_of(&[r"(?i)x[0-2]"])), "012Xx");
    }

    #[test]
    fn patterns_are_built_from_the_word_lists() {
        // the patterns as they were written before their words moved to the lists
        assert_eq!(
            SINGLE.as_str(),
            // (and the day of the week, added after)
            r"(?P<cue>(?:(?:(?:ngày|sáng|chiều|tối|trưa|hôm|đêm)(?:\x20+(?:hôm\x20+)?(?:nay|qua|mai))?(?:\x20*,?\x20*(?:thứ\x20+(?:hai|ba|tư|năm|sáu|bảy)|chủ\x20+nhật)\x20*,?)?|(?:thứ\x20+(?:hai|ba|tư|năm|sáu|bảy)|chủ\x20+nhật)\x20*,?)\x20*\(?\x20*(?:ngày\x20+)?(?:hôm\x20+)?))?(?P<d>[0-9]{1,2})\x20*[/.-]\x20*(?P<m>[0-9]{1,2})(?:\x20*[/.-]\x20*(?P<y>[0-9]{4}))?"
        );
        assert_eq!(
            RANGE.as_str(),
            r"(?P<cue>(?:từ|trong [0-9]+ ngày|ngày|sáng|chiều|tối|trưa)\x20+(?:ngày\x20+)?(?:từ\x20+)?(?:ngày\x20+)?\(?\x20*|\(\x20*)?(?P<d1>[0-9]{1,2})(?:\x20*[/.-]\x20*(?P<m1>[0-9]{1,2})(?:\x20*[/.-]\x20*(?P<y1>[0-9]{4}))?\x20*(?:-|đến(?:\x20+hết)?(?:\x20+ngày)?|và(?:\x20+ngày)?)|(?:\x20*,\x20+[0-9]{1,2})*\x20*(?:,\x20|(?:-|đến(?:\x20+hết)?(?:\x20+ngày)?|và(?:\x20+ngày)?)))\x20*(?P<d2>[0-9]{1,2})\x20*[/.-]\x20*(?P<m2>[0-9]{1,2})(?:\x20*[/.-]\x20*(?P<y2>[0-9]{4}))?"
        );
    }

    /// `digit_runs_of` finds every run of digits; `runs_around` gives the maximal runs of
    /// allowed bytes around the spans, each once.
    #[test]
    fn runs_same_as_a_plain_scan() {
        let digit_run = regex::Regex::new("[0-9]+").unwrap();
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let s = gen_text(
                &mut g,
                &["1234", "12", "ngà", "đế", "đ", "(", "-", "năm", "e"],
            );
            let b = s.as_bytes();
            let want: Vec<(usize, usize)> = digit_run
                .find_iter(&s)
                .map(|m| (m.start(), m.end()))
                .collect();
            let digits = digit_runs_of(&s);
            assert_eq!(digits, want, "{s:?}");
            // around a random choice of the runs of digits
            let at: Vec<(usize, usize)> =
                digits.iter().copied().filter(|_| g.below(2) == 0).collect();
            for allowed in [&*DATE_BYTES, &*YEAR_BYTES] {
                let mut want: Vec<(usize, usize)> = Vec::new();
                for &(s, e) in &at {
                    let a = s - b[..s]
                        .iter()
                        .rev()
                        .take_while(|&&c| allowed[c as usize])
                        .count();
                    let z = e + b[e..].iter().take_while(|&&c| allowed[c as usize]).count();
                    if want.last() != Some(&(a, z)) {
                        want.push((a, z));
                    }
                }
                assert_eq!(runs_around(b, allowed, at.iter().copied()), want, "{s:?}");
            }
        }
    }

    /// `Suffixes::end` is a plain `ends_with` of each word, at every byte of the text
    /// (near its start too).
    #[test]
    fn suffixes_same_as_ends_with() {
        let mut g = Gen(0x0dd5_eed5_0f5a_7e11);
        let lists: [&[&str]; 3] = [
            &["ngày", "sáng", "chiều", "nay", "từ"],
            &["-", "đến", "và", "ngày"],
            &["năm", "(", "tháng", "12345678"],
        ];
        for _ in 0..5_000 {
            let s = gen_text(&mut g, &["ngà", "ày", "ều", "12345678", "0"]);
            let b = s.as_bytes();
            for words in lists {
                let suffixes = Suffixes::new(words.iter().copied());
                for i in 0..=b.len() {
                    let want = words.iter().any(|w| b[..i].ends_with(w.as_bytes()));
                    assert_eq!(suffixes.end(b, i), want, "{s:?} {i}");
                }
            }
        }
    }

    fn dates(s: &str) -> Vec<(Day, Day)> {
        find_dates(&s.to_lowercase())
            .iter()
            .map(|d| (d.first, d.last))
            .collect()
    }
    fn day(y: Option<i32>, m: u32, d: u32) -> Day {
        Day {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn event_dates() {
        for (s, first, last) in [
            (
                "Ngày 5/12/2019, Đoàn",
                day(Some(2019), 12, 5),
                day(Some(2019), 12, 5),
            ),
            ("Chiều ngày 21/8, Đoàn", day(None, 8, 21), day(None, 8, 21)),
            ("Sáng 30/12 đoàn", day(None, 12, 30), day(None, 12, 30)),
            ("Chiều 11-8, huyện", day(None, 8, 11), day(None, 8, 11)),
            (
                "ngày 10 tháng 6 năm 2024",
                day(Some(2024), 6, 10),
                day(Some(2024), 6, 10),
            ),
            (
                "Từ ngày 11-16/3/2024",
                day(Some(2024), 3, 11),
                day(Some(2024), 3, 16),
            ),
            (
                "từ 28/3 đến ngày 2/4/2024",
                day(Some(2024), 3, 28),
                day(Some(2024), 4, 2),
            ),
            ("Từ ngày 29.8 – 2.9", day(None, 8, 29), day(None, 9, 2)),
            (
                "trong 2 ngày 25.6 và 26.6",
                day(None, 6, 25),
                day(None, 6, 26),
            ),
            ("(10 - 11/4)", day(None, 4, 10), day(None, 4, 11)),
            (
                "Trong 2 ngày từ 02/8 đến 03/8/2024",
                day(Some(2024), 8, 2),
                day(Some(2024), 8, 3),
            ),
        ] {
            assert_eq!(
                dates(&crate::normalize::normalize(s).text),
                vec![(first, last)],
                "{s}"
            );
        }
    }

    #[test]
    fn not_dates() {
        for s in [
            "38,3% năm",
            "6/7 xã",
            "Quyết định số 353/QĐ-TTg",
            "số 13/2023/NQ-HĐND",
            "5-7%",
            "giảm 3-4%/năm",
            "2022-2024",
            "0912.345.678",
        ] {
            assert!(dates(s).is_empty(), "{s}: {:?}", dates(s));
        }
    }

    #[test]
    fn years_and_periods() {
        let y = find_years("giảm từ 47,4% năm 2021 xuống còn 38,3% cuối năm 2023; giai đoạn 2021-2025; từ năm 2021 đến nay; 6 tháng đầu năm 2024");
        let k: Vec<(i32, Option<i32>, YearKind)> =
            y.iter().map(|m| (m.year, m.until, m.kind)).collect();
        assert_eq!(
            k,
            [
                (2021, None, YearKind::Point),
                (2023, None, YearKind::EndOf),
                (2021, Some(2025), YearKind::Period),
                (2021, None, YearKind::Since),
                (2024, None, YearKind::PartOf),
            ]
        );
    }

    #[test]
    fn stamps() {
        for (s, want) in [
            ("10:28 01/12/2023", (2023, 12, 1, 10, 28, 0)),
            ("ngày 06/12/2019 10:31:42", (2019, 12, 6, 10, 31, 42)),
            (
                "đăng lúc: 06/12/2019 10:31:42 (gmt+7)",
                (2019, 12, 6, 10, 31, 42),
            ),
            ("thứ hai - 05/08/2024 09:38", (2024, 8, 5, 9, 38, 0)),
            ("cập nhật lúc 14:05, 03/02/2025", (2025, 2, 3, 14, 5, 0)),
            ("ngày xuất bản: 27/10/2023", (2023, 10, 27, 0, 0, 0)),
            ("ngày đăng tin: 27/10/2023 10:15", (2023, 10, 27, 10, 15, 0)),
            ("phát hành: 27/10/2023", (2023, 10, 27, 0, 0, 0)),
            ("(27/10/2023)", (2023, 10, 27, 0, 0, 0)),
        ] {
            let st = stamp_of_line(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(
                (st.year, st.month, st.day, st.hour, st.minute, st.second),
                want,
                "{s}"
            );
        }
        assert!(stamp_of_line("chủ đề công tác năm 2020: huyện 03/02/1930 - 03/02/2020").is_none());
        assert!(stamp_of_line("ngày 5/12/2019, đoàn công tác của huyện").is_none());
        assert!(stamp_of_line("(27/10/2023) đoàn công tác").is_none());
    }

    // `find_dates` and `find_years` as they were: every pattern run over the whole text,
    // its groups as the regex fills them
    fn find_dates_ref(lower: &str) -> Vec<DateMention> {
        dates_from(
            lower,
            RANGE
                .captures_iter(lower)
                .map(|c| RangeMatch::of_captures(0, &c)),
            &[(0, lower.len())],
            SINGLE
                .captures_iter(lower)
                .map(|c| SingleMatch::of_captures(0, &c)),
        )
    }

    fn find_years_ref(lower: &str) -> Vec<YearMention> {
        years_from(
            lower,
            YEARS
                .captures_iter(lower)
                .map(|c| YearMatch::of_captures(0, &c)),
        )
    }

    /// The groups read from a match's text are the regex's, for every match (also those
    /// `find_dates` and `find_years` drop).
    fn same_groups(s: &str) {
        for c in RANGE.captures_iter(s) {
            let m = c.get(0).expect("match");
            let want = RangeMatch::of_captures(0, &c);
            assert_eq!(RangeMatch::of_span(s, m.start(), m.end()), want, "{s:?}");
        }
        for c in SINGLE.captures_iter(s) {
            let m = c.get(0).expect("match");
            let want = SingleMatch::of_captures(0, &c);
            assert_eq!(SingleMatch::of_span(s, m.start(), m.end()), want, "{s:?}");
        }
        for c in YEARS.captures_iter(s) {
            let m = c.get(0).expect("match");
            let want = YearMatch::of_captures(0, &c);
            assert_eq!(YearMatch::of_span(s, m.start(), m.end()), want, "{s:?}");
        }
    }

    use crate::test_gen::Gen;

    /// Text made of pieces of dates, years, numbers, words and marks, and of `extra`.
    fn gen_text(g: &mut Gen, extra: &[&str]) -> String {
        const PIECES: &[&str] = &[
            "ngày 5/3/2024",
            "từ ngày 12 - 14/6",
            "tháng 7 năm 2023",
            "năm 2021-2025",
            "giai đoạn 2021–2025",
            "giai đoạn 2021-2025",
            "365.032 triệu đồng",
            "47,4%",
            "1.586.336",
            "ngày",
            "từ",
            "trong 2 ngày",
            "sáng",
            "chiều",
            "tối",
            "trưa",
            "hôm",
            "đêm",
            "nay",
            "qua",
            "mai",
            "hôm nay",
            "đến",
            "đến ngày",
            "và",
            "và ngày",
            "tháng",
            "năm",
            "quý",
            "quý i",
            "quý iv",
            "cuối",
            "hết",
            "đầu",
            "nhiệm kỳ",
            "từ năm",
            "tới",
            "hiện nay",
            "bây giờ",
            "6 tháng đầu năm",
            "số",
            "xã",
            "hộ",
            "nghèo",
            "%",
            "phần trăm",
            "điểm phần trăm",
            "(",
            ")",
            "/",
            ".",
            "-",
            ",",
            ";",
            ":",
            " ",
            "  ",
            "\n",
            "0",
            "1",
            "2",
            "5",
            "9",
            "12",
            "29",
            "30",
            "31",
            "02",
            "13",
            "2019",
            "2020",
            "2024",
            "2100",
            "1899",
            "12345",
            "đoàn công tác",
            "lượt xem",
            "a",
            "b",
            "x",
            "ừ",
            "ư",
            "\u{301}",
            "tỷ lệ hộ nghèo giảm",
            "ngày 10 tháng 6 năm 2024",
            "ngày 21 và 22 tháng 7 năm 2022",
            "từ 29/12 đến 2/1/2025",
            "(10 - 11/4)",
            "chiều nay (25/10)",
            "sáng thứ tư (15/10)",
            "thứ bảy, 18/10",
            "thứ 7, 18/10",
            "chủ nhật",
            "ngày 29.8 – 2.9",
            "353/qđ-ttg",
            "13/2023/nq",
            "47,4% (2021)",
            "tháng 6/2024",
            "quý i/2024",
        ];
        let mut s = String::new();
        for _ in 0..g.below(14) {
            let k = g.below(PIECES.len() + extra.len());
            s.push_str(PIECES.get(k).unwrap_or_else(|| &extra[k - PIECES.len()]));
            match g.below(4) {
                0 => {}
                1 | 2 => s.push(' '),
                _ => s.push_str(["\n", ", ", ". ", " - ", "/", "  "][g.below(6)]),
            }
        }
        s
    }

    #[test]
    fn a_day_of_the_week_introduces_a_day_without_its_year() {
        for (text, at) in [
            ("sáng thứ tư (15/10), đoàn", "sáng"),
            ("sáng thứ tư 15/10, đoàn", "sáng"),
            ("chiều thứ bảy, 18/10 đoàn", "chiều"),
            ("thứ năm (16/10), đoàn", "thứ"),
            ("chủ nhật 19/10 đoàn", "chủ"),
            ("sáng thứ tư, ngày 15/10, đoàn", "sáng"),
        ] {
            let d = find_dates(text);
            assert_eq!(d.len(), 1, "{text}");
            assert_eq!(
                (d[0].first.month, d[0].first.day),
                (10, text_day(text)),
                "{text}"
            );
            assert!(text[d[0].start..].starts_with(at), "{text}");
        }
        // a day of the week does not make any `d/m` a date: it must stand right before it
        assert!(find_dates("thứ tư là 6/7 xã đạt chuẩn").is_empty());
        assert!(find_dates("lần thứ hai, có 6/7 xã").is_empty());
        // in digits, it is no cue (a cue holds no digit)
        assert!(find_dates("thứ 7, 18/10 đoàn").is_empty());
    }

    /// The day of the one date of `text` as written (`15/10` -> 15).
    fn text_day(text: &str) -> u32 {
        let k = text.find('/').expect("a date");
        let head = &text[..k];
        let start = head
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| i + 1);
        head[start..].parse().expect("digits")
    }

    #[test]
    fn dates_and_years_same_as_before() {
        // long runs of spaces and digits, every alternative of the patterns, words next to
        // the edges of runs (`e`, `k`, `;` end a run; `o`, `ư` do not)
        const EXTRA: &[&str] = &[
            "ngày 5/6/2024 - 7/8",
            "(5/6/2024 và 7/8)",
            "ngày (",
            "( ",
            "(  10 - 11/4 )",
            "đến ngày 5/6",
            "và ngày",
            "hôm nay(",
            "05/12/2019",
            "quý i / 2024",
            "từ năm 2021 tới hết năm 2025",
            "trong 3 ngày 5 - 6/7",
            "sáng hôm nay ( ngày",
            "ngày hôm",
            "tháng  7",
            "(2021",
            "2021)",
            "/2024",
            "-2024",
            "ngày5/12",
            "từ(",
            "đến2024",
            "năm2024",
            "      ",
            "        ",
            "123456789",
            "20245",
            "2021  -  2025",
            "2021 --2025",
            "trong 12 ngày",
            "trong 2 ngày từ 02/8 đến 03/8/2024",
            "quý 1-2024",
            "quý 3 năm 2024",
            "quý ii /2024",
            "tháng 6-2024",
            "tháng 12 năm 2024",
            "1234 tháng năm 2024",
            "6 tháng cuối năm 2023",
            "từ năm 2021 đến năm 2025",
            "từ năm 2021 tới nay",
            "từ năm 2021 đến hết năm 2025",
            "từ năm 2021 đến bây giờ",
            "từ năm  2021-2025",
            "hết năm 2023",
            "cuối năm 2023",
            "đến 2030",
            "( 2021 )",
            "sáng hôm qua",
            "tối nay",
            "trưa mai",
            "chiều hôm nay (",
            "đêm",
            "11-16/3/2024",
            "5/2024 - 6/7",
            "29.8-2.9",
            "28/3 đến ngày 2/4/2024",
            "21 và ngày 22/7",
            "ngày 12, 13/3/2024",
            "các ngày 12 , 13 và 14/6",
            ", 5",
            "đến hết ngày 7/6",
            "đến hết 7/6",
            "ngày 21 - 22 tháng 7",
            "ngày 3 đến ngày 5 tháng 7 / 2022",
            "12/2024/2025",
            "1.586.336",
            "e",
            "k",
            ";",
            "o",
            "ư",
            "nghèo",
            "đoạn",
        ];
        let mut g = Gen(0x2545_f491_4f6c_dd1d);
        for i in 0..80_000 {
            let s = gen_text(&mut g, if i < 40_000 { &[] } else { EXTRA });
            assert_eq!(find_dates(&s), find_dates_ref(&s), "{s:?}");
            assert_eq!(find_years(&s), find_years_ref(&s), "{s:?}");
            same_groups(&s);
        }
        // and the whole test corpus, if it is there
        for dir in ["../shared/eval/corpus", "python/vnpov/data/sample"] {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let Ok(t) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                let n = crate::normalize::normalize(&t).text;
                let lower = crate::lexicon::lowercase_aligned(&n);
                assert_eq!(find_dates(&lower), find_dates_ref(&lower));
                assert_eq!(find_years(&lower), find_years_ref(&lower));
                same_groups(&lower);
            }
        }
    }
}

#[cfg(test)]
mod stamp_tests {
    use super::*;
    use crate::test_gen::Gen;

    #[test]
    fn stamp_groups_by_number() {
        use stamp_group as g;
        let names: Vec<Option<&str>> = STAMP.capture_names().collect();
        let want = [
            (g::PRE, "pre"),
            (g::H1, "h1"),
            (g::I1, "i1"),
            (g::S1, "s1"),
            (g::AP1, "ap1"),
            (g::D1, "d1"),
            (g::M1, "m1"),
            (g::Y1, "y1"),
            (g::D2, "d2"),
            (g::M2, "m2"),
            (g::Y2, "y2"),
            (g::H2, "h2"),
            (g::I2, "i2"),
            (g::S2, "s2"),
            (g::AP2, "ap2"),
        ];
        assert_eq!(names.len(), want.len() + 1);
        for (i, name) in want {
            assert_eq!(names[i], Some(name));
        }
    }

    #[test]
    fn has_dated_year_same_as_windows() {
        let mut g = Gen(0x5eed_0f57_a3b1_0001);
        for _ in 0..20_000 {
            let b: Vec<u8> = (0..g.below(30))
                .map(|_| b"0123456789/.-a \xc3"[g.below(16)])
                .collect();
            let want = b.windows(5).any(|w| {
                matches!(w[0], b'/' | b'.' | b'-') && w[1..].iter().all(u8::is_ascii_digit)
            });
            assert_eq!(has_dated_year(&b), want, "{b:?}");
        }
    }

    #[test]
    fn stamp_tail_after_a_line_break_is_no_stamp() {
        assert!(stamp_of_line("10:36, 22/05/2024").is_some());
        assert!(stamp_of_line("10:36, 22/05/2024\nx").is_none());
        assert!(stamp_of_line("đăng\n10:36, 22/05/2024").is_some());
    }
}
