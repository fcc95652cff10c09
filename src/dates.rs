//! Dates, date ranges, years and periods in Vietnamese text, and portal stamps.
//!
//! Event dates: `Ngày 5/12/2019`, `Chiều ngày 21/8`, `Sáng 30/12`, `ngày 13-11`,
//! `ngày 10 tháng 6 năm 2024`; ranges: `Từ ngày 11-16/3/2024`, `từ 28/3 đến
//! ngày 2/4/2024`, `Từ ngày 29.8 – 2.9`, `(10 - 11/4)`. A day/month without a
//! year is only read after a cue (`ngày`, `sáng`, `chiều`, `từ`, …), so
//! `6/7 xã`, `38,3%` and `353/QĐ-TTg` are never dates.
//! Years and periods: `năm 2023`, `cuối năm 2023`, `giai đoạn 2021-2025`,
//! `từ năm 2021 đến nay`, `6 tháng đầu năm 2024`, `quý I/2024`.
//! Stamps: a line that is only a date-time (`10:28 01/12/2023`,
//! `Đăng lúc: 06/12/2019 10:31:42 (GMT+7)`, `Thứ hai - 05/08/2024 09:38`).

use once_cell::sync::Lazy;
use regex::Regex;

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

const SEP: &str = r"\s*[/.-]\s*";

static RANGE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?P<cue>(?:từ|trong \d+ ngày|ngày|sáng|chiều|tối|trưa|\()\s+(?:ngày\s+)?|\(\s*)?(?P<d1>\d{{1,2}})(?:{SEP}(?P<m1>\d{{1,2}}))?(?:{SEP}(?P<y1>\d{{4}}))?\s*(?:-|đến(?:\s+ngày)?|và)\s*(?P<d2>\d{{1,2}}){SEP}(?P<m2>\d{{1,2}})(?:{SEP}(?P<y2>\d{{4}}))?"
    ))
    .expect("range regex")
});

static SINGLE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?P<cue>(?:ngày|sáng|chiều|tối|trưa|hôm|đêm)\s+(?:ngày\s+)?(?:hôm\s+)?)?(?P<d>\d{{1,2}}){SEP}(?P<m>\d{{1,2}})(?:{SEP}(?P<y>\d{{4}}))?"
    ))
    .expect("single date regex")
});

static WORDY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?")
        .expect("wordy date regex")
});

static YEARS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        (?:giai\ đoạn\s+|từ\ năm\s+|từ\s+)?(?P<p1>\d{4})\s*-\s*(?P<p2>\d{4})
      | từ\ năm\s+(?P<s1>\d{4})\s+đến\ nay
      | từ\ năm\s+(?P<f1>\d{4})\s+đến\ (?:năm\s+)?(?P<f2>\d{4})
      | cuối\ năm\s+(?P<e>\d{4})
      | \d+\ tháng\ (?:đầu|cuối)\ năm\s+(?P<h>\d{4})
      | quý\s+(?:i|ii|iii|iv|[1-4])\s*[/-]\s*(?P<q>\d{4})
      | tháng\s+\d{1,2}\s*[/-]\s*(?P<mo>\d{4})
      | (?:năm|đến)\s+(?P<y>\d{4})
    ",
    )
    .expect("years regex")
});

static STAMP: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)^\s*
        (?:(?:ngày\ đăng|đăng\ lúc|đăng\ ngày|cập\ nhật(?:\ lúc)?|ngày|thời\ gian|xuất\ bản)\s*:?\s*)?
        (?:(?:thứ\ \S+|chủ\ nhật)\s*[,-]?\s*)?
        (?:
          (?P<h1>\d{1,2}):(?P<i1>\d{2})(?::(?P<s1>\d{2}))?\s*(?:[,-]\s*)?(?:ngày\s*)?(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{4})
        | (?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})(?:\s*[,-]?\s*(?:lúc\s*)?(?P<h2>\d{1,2}):(?P<i2>\d{2})(?::(?P<s2>\d{2}))?)?
        )
        \s*(?:\(?gmt\s*\+\s*7\)?)?\s*(?:\|.*)?$",
    )
    .expect("stamp regex")
});

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
        before.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == ',' || c == '.');
    let glued_after = after.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '%');
    let decimal_after =
        matches!(after, Some('.') | Some(',')) && after2.is_some_and(|c| c.is_ascii_digit());
    let numbered = lower[..s].trim_end().ends_with("số");
    !(glued_before || glued_after || decimal_after || numbered)
}

/// Every date and date range in `lower` (the lowercase normalised text).
pub fn find_dates(lower: &str) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let taken =
        |out: &Vec<DateMention>, s: usize, e: usize| out.iter().any(|d| s < d.end && e > d.start);
    for c in RANGE.captures_iter(lower) {
        let m = c.get(0).expect("match");
        let core_start = c.name("d1").map_or(m.start(), |x| x.start());
        if !clean_edges(lower, core_start, m.end()) {
            continue;
        }
        let (d1, d2, m2): (u32, u32, u32) = match (num(&c, "d1"), num(&c, "d2"), num(&c, "m2")) {
            (Some(a), Some(b), Some(c)) => (a, b, c),
            _ => continue,
        };
        let y2: Option<i32> = num(&c, "y2");
        let m1: u32 = num(&c, "m1").unwrap_or(m2);
        let y1: Option<i32> = num(&c, "y1").or(y2);
        let has_cue = c.name("cue").is_some();
        if !has_cue && y2.is_none() {
            continue;
        }
        // a range within one month needs d1 <= d2; across months the month must not go back
        if m1 == m2 && d1 > d2 || m1 > m2 && y1 == y2 {
            continue;
        }
        if !valid_day(y1, m1, d1) || !valid_day(y2, m2, d2) {
            continue;
        }
        out.push(DateMention {
            start: m.start(),
            end: m.end(),
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
    for c in WORDY.captures_iter(lower) {
        let m = c.get(0).expect("match");
        if taken(&out, m.start(), m.end()) {
            continue;
        }
        let (Some(d), Some(mo)) = (num::<u32>(&c, "d"), num::<u32>(&c, "m")) else {
            continue;
        };
        let y: Option<i32> = num(&c, "y");
        if valid_day(y, mo, d) {
            let day = Day {
                year: y,
                month: mo,
                day: d,
            };
            out.push(DateMention {
                start: m.start(),
                end: m.end(),
                first: day,
                last: day,
            });
        }
    }
    for c in SINGLE.captures_iter(lower) {
        let m = c.get(0).expect("match");
        let core_start = c.name("d").map_or(m.start(), |x| x.start());
        if taken(&out, m.start(), m.end()) || !clean_edges(lower, core_start, m.end()) {
            continue;
        }
        let (Some(d), Some(mo)) = (num::<u32>(&c, "d"), num::<u32>(&c, "m")) else {
            continue;
        };
        let y: Option<i32> = num(&c, "y");
        let sep_is_slash = lower[core_start..m.end()].contains('/');
        // without a year, a cue is needed; without a cue, `d/m/yyyy` only
        if y.is_none() && c.name("cue").is_none()
            || y.is_some()
                && c.name("cue").is_none()
                && !sep_is_slash
                && !lower[core_start..m.end()].contains('-')
        {
            continue;
        }
        if valid_day(y, mo, d) {
            let day = Day {
                year: y,
                month: mo,
                day: d,
            };
            out.push(DateMention {
                start: m.start(),
                end: m.end(),
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
    let mut out = Vec::new();
    for c in YEARS.captures_iter(lower) {
        let m = c.get(0).expect("match");
        let after = lower[m.end()..].chars().next();
        let before = lower[..m.start()].chars().next_back();
        if after.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '%')
            || before.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.' || c == ',')
        {
            continue;
        }
        let mention = |year: i32, until: Option<i32>, kind: YearKind| YearMention {
            start: m.start(),
            end: m.end(),
            year,
            until,
            kind,
        };
        let y = if let (Some(a), Some(b)) = (num::<i32>(&c, "p1"), num::<i32>(&c, "p2")) {
            (a < b && b - a <= 30).then(|| mention(a, Some(b), YearKind::Period))
        } else if let (Some(a), Some(b)) = (num::<i32>(&c, "f1"), num::<i32>(&c, "f2")) {
            (a < b).then(|| mention(a, Some(b), YearKind::Period))
        } else if let Some(a) = num::<i32>(&c, "s1") {
            Some(mention(a, None, YearKind::Since))
        } else if let Some(a) = num::<i32>(&c, "e") {
            Some(mention(a, None, YearKind::EndOf))
        } else if let Some(a) = num::<i32>(&c, "h")
            .or_else(|| num(&c, "q"))
            .or_else(|| num(&c, "mo"))
        {
            Some(mention(a, None, YearKind::PartOf))
        } else {
            num::<i32>(&c, "y").map(|a| mention(a, None, YearKind::Point))
        };
        if let Some(y) = y.filter(|y| valid_year(y.year) && y.until.is_none_or(valid_year)) {
            out.push(y);
        }
    }
    out
}

/// The stamp a line is made of, if the whole line is a date-time stamp.
pub fn stamp_of_line(lower_line: &str) -> Option<Stamp> {
    if lower_line.len() > 90 {
        return None;
    }
    let c = STAMP.captures(lower_line.trim())?;
    let (y, mo, d) = match (num::<i32>(&c, "y1"), num(&c, "m1"), num(&c, "d1")) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => (num(&c, "y2")?, num(&c, "m2")?, num(&c, "d2")?),
    };
    let h: u32 = num(&c, "h1").or_else(|| num(&c, "h2")).unwrap_or(0);
    let mi: u32 = num(&c, "i1").or_else(|| num(&c, "i2")).unwrap_or(0);
    let s: u32 = num(&c, "s1").or_else(|| num(&c, "s2")).unwrap_or(0);
    (valid_day(Some(y), mo, d) && h < 24 && mi < 60 && s < 60).then_some(Stamp {
        year: y,
        month: mo,
        day: d,
        hour: h,
        minute: mi,
        second: s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
