//! Table tests of the Vietnamese text layer: normalisation, quantities,
//! dates, years, stamps and segmentation, driven by `phrasings.tsv` beside this
//! file, plus property tests (no number, percent or decree code is a date).
//!
//! Each row of the table is `category<TAB>input<TAB>expected`. Inputs and
//! expectations may use `\n`, `\r`, `\t`, `\\` and `\u{…}` escapes. A row's expected
//! reading is what a careful analyst wants; the renderings are:
//!
//! | category | reads | expected |
//! | --- | --- | --- |
//! | `number`, `count-number` | `parse_number(input, count)` | the value, or `none` |
//! | `quantity` | every quantity of the phrase | `VALUE[..HIGH or /WHOLE] MEASURE [/năm] [/tháng] [pp] [~QUALIFIER] [EVIDENCE]`, `;`-separated, or `none` |
//! | `date` | every date of the phrase | `YYYY-MM-DD[..YYYY-MM-DD] [EVIDENCE]` (`?` for a year not written), `;`-separated, or `none` |
//! | `no-date` | the phrase | no date at all (the expected column is ignored) |
//! | `year` | every year or period | `YEAR[-UNTIL] point/end/part/period/since [EVIDENCE]`, or `none` |
//! | `stamp` | the line as a portal stamp | `YYYY-MM-DD HH:MM:SS`, or `none` |
//! | `normalize` | the normalised text | the text |
//! | `sentences` | the sentences of one paragraph | `‖`-separated |
//! | `line` | the kind of the line on a small page (after a title and a body line) | `Chrome`, `Body`, `Caption`, `Stamp`, … |
//! | `page` | every paragraph kind of a page, and its stamp | `KIND KIND … ; stamp=…` |

use proptest::prelude::*;
use vnpov::dates::{find_dates, find_years, stamp_of_line, Day, YearKind};
use vnpov::lexicon::lowercase_aligned;
use vnpov::normalize::normalize;
use vnpov::quantity::{find_quantities, parse_number, Measure, Shape};
use vnpov::segment::segment;

const TABLE: &str = include_str!("phrasings.tsv");

/// Decode `\n`, `\t`, `\\` and `\u{…}` escapes.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                assert_eq!(it.next(), Some('{'), "bad \\u escape in {s}");
                let hex: String = it.by_ref().take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16).expect("hex escape");
                out.push(char::from_u32(cp).expect("code point"));
            }
            other => panic!("bad escape \\{other:?} in {s}"),
        }
    }
    out
}

fn fmt_num(v: f64) -> String {
    format!("{v}")
}

fn fmt_day(d: Day) -> String {
    match d.year {
        Some(y) => format!("{y:04}-{:02}-{:02}", d.month, d.day),
        None => format!("?-{:02}-{:02}", d.month, d.day),
    }
}

fn measure_name(m: Measure) -> &'static str {
    m.as_str()
}

/// Normalised text and its aligned lowercase copy.
fn prepared(input: &str) -> (String, String) {
    let n = normalize(input).text;
    let l = lowercase_aligned(&n);
    (n, l)
}

fn join(parts: Vec<String>) -> String {
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(" ; ")
    }
}

fn read_quantities(input: &str) -> String {
    let (n, l) = prepared(input);
    let skip: Vec<(usize, usize)> = find_dates(&l).iter().map(|d| (d.start, d.end)).collect();
    join(
        find_quantities(&n, &l, &skip)
            .iter()
            .map(|q| {
                let mut s = fmt_num(q.value);
                match (q.shape, q.other) {
                    (Shape::Range, Some(o)) => s += &format!("..{}", fmt_num(o)),
                    (Shape::Fraction, Some(o)) => s += &format!("/{}", fmt_num(o)),
                    _ => {}
                }
                s += " ";
                s += measure_name(q.measure);
                if q.per_year {
                    s += " /năm";
                }
                if q.per_month {
                    s += " /tháng";
                }
                if q.points {
                    s += " pp";
                }
                if let Some(qual) = q.qualifier {
                    s += &format!(" ~{qual}");
                }
                s + &format!(" [{}]", &n[q.qual_start..q.end])
            })
            .collect(),
    )
}

fn read_dates(input: &str) -> String {
    let (n, l) = prepared(input);
    join(
        find_dates(&l)
            .iter()
            .map(|d| {
                let span = if d.first == d.last {
                    fmt_day(d.first)
                } else {
                    format!("{}..{}", fmt_day(d.first), fmt_day(d.last))
                };
                format!("{span} [{}]", &n[d.start..d.end])
            })
            .collect(),
    )
}

fn read_years(input: &str) -> String {
    let (n, l) = prepared(input);
    join(
        find_years(&l)
            .iter()
            .map(|y| {
                let kind = match y.kind {
                    YearKind::Point => "point",
                    YearKind::EndOf => "end",
                    YearKind::PartOf => "part",
                    YearKind::Period => "period",
                    YearKind::Since => "since",
                };
                let years = match y.until {
                    Some(u) => format!("{}-{u}", y.year),
                    None => y.year.to_string(),
                };
                format!("{years} {kind} [{}]", &n[y.start..y.end])
            })
            .collect(),
    )
}

fn read_stamp(input: &str) -> String {
    let (_, l) = prepared(input);
    stamp_of_line(&l).map_or("none".to_string(), |s| {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            s.year, s.month, s.day, s.hour, s.minute, s.second
        )
    })
}

fn read_sentences(input: &str) -> String {
    let (n, l) = prepared(input);
    let g = segment(&n, &l);
    g.sentences
        .iter()
        .map(|s| n[s.start..s.end].to_string())
        .collect::<Vec<_>>()
        .join(" ‖ ")
}

fn read_page(input: &str) -> String {
    let (n, l) = prepared(input);
    let g = segment(&n, &l);
    let kinds: Vec<String> = g.paras.iter().map(|p| format!("{:?}", p.kind)).collect();
    let stamp = g.stamp.map_or("none".to_string(), |s| {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            s.year, s.month, s.day, s.hour, s.minute, s.second
        )
    });
    format!("{} ; stamp={stamp}", kinds.join(" "))
}

/// The kind of `line` on a page after a title and a body paragraph.
fn read_line(input: &str) -> String {
    let page = format!(
        "Huyện vùng cao đẩy mạnh giảm nghèo bền vững\nĐoàn công tác của tỉnh đã đến thăm và làm việc tại huyện.\n{input}"
    );
    let (n, l) = prepared(&page);
    let g = segment(&n, &l);
    g.paras
        .last()
        .map_or("none".to_string(), |p| format!("{:?}", p.kind))
}

fn read(category: &str, input: &str) -> Option<String> {
    Some(match category {
        "number" | "count-number" => {
            parse_number(input, category == "count-number").map_or("none".to_string(), fmt_num)
        }
        "quantity" => read_quantities(input),
        "date" => read_dates(input),
        "no-date" => {
            let got = read_dates(input);
            return Some(if got == "none" { "-".into() } else { got });
        }
        "year" => read_years(input),
        "stamp" => read_stamp(input),
        "normalize" => normalize(input).text,
        "sentences" => read_sentences(input),
        "line" => read_line(input),
        "page" => read_page(input),
        _ => return None,
    })
}

#[test]
fn phrasings() {
    let mut failures = Vec::new();
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for (i, line) in TABLE.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() >= 3,
            "phrasings.tsv:{}: three columns expected",
            i + 1
        );
        let (category, input, expected) = (cols[0], unescape(cols[1]), unescape(cols[2]));
        let expected = if category == "no-date" {
            "-".to_string()
        } else {
            expected
        };
        *counts.entry(category).or_default() += 1;
        let got = read(category, &input)
            .unwrap_or_else(|| panic!("phrasings.tsv:{}: unknown category {category}", i + 1));
        if got != expected {
            failures.push(format!(
                "phrasings.tsv:{}: {category} {input:?}\n    want {expected}\n    got  {got}",
                i + 1
            ));
        }
    }
    let total: usize = counts.values().sum();
    eprintln!("phrasings: {total} rows {counts:?}");
    assert!(total >= 150, "at least 150 phrasings, found {total}");
    assert!(
        failures.is_empty(),
        "{} of {total} phrasings read wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A Vietnamese-written number: `365.032`, `47,4`, `1.586.336`, `0,5`, `12.5`.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        "[1-9][0-9]{0,2}(\\.[0-9]{3}){0,3}(,[0-9]{1,2})?",
        "[0-9]{1,4}([.,][0-9]{1,2})?",
        "[0-9]{1,3}(,[0-9]{3}){1,2}",
        "[0-9]{1,3}( [0-9]{3}){1,2}",
    ]
}

/// A legal document's code: `353/QĐ-TTg`, `13/2023/NQ-HĐND`, `20-NQ/TU`, `2144/KH-UBND`.
fn decree_code() -> impl Strategy<Value = String> {
    let issuer = "(TTg|UBND|HĐND|TU|TW|CP|BLĐTBXH|BDT|SNV)";
    let re = |p: String| proptest::string::string_regex(&p).expect("code pattern");
    prop_oneof![
        re(format!("[0-9]{{1,5}}/(QĐ|KH|NQ|TT|CV|BC|TB)-{issuer}")),
        re(format!(
            "[0-9]{{1,3}}/(19|20)[0-9]{{2}}/(QĐ|NQ|TT|NĐ)-{issuer}"
        )),
        re(format!("[0-9]{{1,3}}-(NQ|KL|CT|QĐ)/{issuer}")),
        re("[0-9]{1,3}/(19|20)[0-9]{2}".to_string()),
    ]
}

fn no_dates(s: &str) -> Result<(), TestCaseError> {
    let (_, l) = prepared(s);
    let found = find_dates(&l);
    prop_assert!(found.is_empty(), "{s:?} read as a date: {found:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_number_is_not_a_date(n in number(), unit in "(| hộ| người| triệu đồng| tỷ đồng| xã)") {
        no_dates(&format!("{n}{unit}"))?;
        no_dates(&format!("có {n}{unit} được hỗ trợ"))?;
    }

    #[test]
    fn a_percent_is_not_a_date(
        a in number(),
        b in number(),
        tail in "(%|%/năm| %| phần trăm| điểm phần trăm)",
        shape in 0..3u8,
    ) {
        let s = match shape {
            0 => format!("{a}{tail}"),
            1 => format!("{a}-{b}{tail}"),
            _ => format!("giảm từ {a} - {b}{tail}"),
        };
        no_dates(&s)?;
    }

    #[test]
    fn a_decree_code_is_not_a_date(
        code in decree_code(),
        pre in "(|số |Quyết định số |Nghị quyết |Kế hoạch số |theo Thông tư số |Công văn )",
    ) {
        no_dates(&format!("{pre}{code}"))?;
        no_dates(&format!("Thực hiện {pre}{code} của UBND tỉnh"))?;
    }

    #[test]
    fn a_written_year_is_kept_and_an_unwritten_one_is_not(
        d in 1u32..=28, m in 1u32..=12, y in 1990i32..=2030, cue in "(Ngày|Sáng|Chiều|Sáng ngày|Chiều ngày|Tối)",
    ) {
        let (_, l) = prepared(&format!("{cue} {d}/{m}, đoàn công tác"));
        let found = find_dates(&l);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].first, Day { year: None, month: m, day: d });
        let (_, l) = prepared(&format!("{cue} {d}/{m}/{y}, đoàn công tác"));
        let found = find_dates(&l);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].first, Day { year: Some(y), month: m, day: d });
    }
}
