//! Regressions of robustness bugs (issue 9): each input here once made the engine panic,
//! overflow or take quadratic time. The inputs are synthetic, written for these tests.
//!
//! Time checks compare n with 4n (linear: ~4x; the quadratic bugs were 13-17x) with a
//! generous bound, so that they hold on a loaded machine and in a debug build.

use std::time::Instant;

use vnpov::dates::find_dates;
use vnpov::extract::extract_document;
use vnpov::lexicon::lowercase_aligned;
use vnpov::normalize::normalize;
use vnpov::quantity::{find_quantities, parse_number, Measure};
use vnpov::segment::segment;

fn secs(f: impl Fn()) -> f64 {
    // the best of two, to shrug off a stall
    (0..2)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// `make(4n)` takes less than 9 times `make(n)` (plus a little for timer noise).
fn assert_linear(what: &str, n: usize, make: impl Fn(usize) -> String, run: impl Fn(&str)) {
    let (small, big) = (make(n), make(4 * n));
    let t1 = secs(|| run(&small));
    let t4 = secs(|| run(&big));
    assert!(
        t4 < 9.0 * t1 + 0.05,
        "{what}: {t1:.4}s for {} bytes, {t4:.4}s for {} bytes",
        small.len(),
        big.len()
    );
}

/// A pathological text of size about `n`.
type Make = fn(usize) -> String;

fn quantities(s: &str) -> Vec<vnpov::quantity::Quantity> {
    let n = normalize(s);
    let lower = lowercase_aligned(&n.text);
    find_quantities(&n.text, &lower, &[])
}

/// Every row of the whole pipeline points inside the original, at a non-empty span.
fn pipeline_ok(s: &str) {
    let x = extract_document(s, None);
    let n = s.chars().count();
    assert!(x.document.error.is_none(), "{:?}", x.document.error);
    assert_eq!(x.document.n_chars, n);
    for (a, b) in x
        .visits
        .iter()
        .map(|v| (v.start, v.end))
        .chain(x.people.iter().map(|p| (p.start, p.end)))
        .chain(x.figures.iter().map(|f| (f.start, f.end)))
    {
        assert!(a < b && b <= n, "span {a}..{b} of {n}");
    }
    assert!(x.figures.iter().all(|f| f.value.is_finite()));
}

// ------------------------------------------------------------------ dates: `taken` was a scan

#[test]
fn repeated_dates_are_all_found_in_linear_time() {
    let make = |n: usize| "ngày 1/1 ".repeat(n);
    let lower = make(3000);
    let found = find_dates(&lower);
    assert_eq!(found.len(), 3000);
    assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
    assert_linear("find_dates", 2000, make, |s| {
        find_dates(s);
    });
    // ranges, wordy dates and single dates together: the same mentions as one at a time
    let mixed = "từ 28/3 đến ngày 2/4/2024, ngày 5 tháng 6 năm 2024 và ngày 7/8 ";
    let one = find_dates(mixed);
    let many = find_dates(&mixed.repeat(50));
    assert_eq!(many.len(), one.len() * 50);
}

#[test]
fn a_percent_range_is_not_a_date_range() {
    // proptest `a_percent_is_not_a_date` (tests/rust/text_layer.rs) found it: `từ` is a
    // range cue and `2.1` reads as 2 January
    for s in [
        "giảm từ 1 - 2.1 %",
        "giảm từ 1 - 2.1%",
        "từ 3 - 4.5 phần trăm",
        "từ 1 - 2.1 điểm phần trăm",
    ] {
        assert!(find_dates(s).is_empty(), "{s}");
    }
    // days are still days
    assert_eq!(find_dates("từ 1 - 2.1 năm 2024").len(), 1);
    assert_eq!(find_dates("ngày 2.1, 5% hộ").len(), 1);
}

// --------------------------------------- quantities: the skip spans and the space-grouped runs

#[test]
fn numbers_among_many_dates_in_linear_time() {
    assert_linear(
        "quantities among dates",
        1000,
        |n| "ngày 1/1 có 5 hộ; ".repeat(n),
        |s| {
            let lower = lowercase_aligned(s);
            let skip: Vec<(usize, usize)> = find_dates(&lower)
                .iter()
                .map(|d| (d.start, d.end))
                .collect();
            let q = find_quantities(s, &lower, &skip);
            assert!(!q.is_empty());
        },
    );
}

#[test]
fn long_runs_of_space_grouped_thousands() {
    // a run read once, whatever its length; before `xã` (a count, not of households or
    // people) the groups are not joined: the last one is 234 communes
    let q = quantities(&format!("1{} xã", " 234".repeat(3000)));
    assert_eq!(q.len(), 1);
    assert_eq!((q[0].value, q[0].measure), (234.0, Measure::Count));
    assert_linear(
        "space-grouped run",
        1000,
        |n| format!("1{} xã", " 234".repeat(n)),
        |s| {
            quantities(s);
        },
    );
    // the run is still joined before a count, also when the scan of it was reused
    let q = quantities("còn 12 981 hộ nghèo, 1 234 567 người");
    let v: Vec<(f64, Measure)> = q.iter().map(|q| (q.value, q.measure)).collect();
    assert_eq!(
        v,
        [
            (12_981.0, Measure::Households),
            (1_234_567.0, Measure::Persons)
        ]
    );
    let q = quantities("1 234 234 234 xã, 5 hộ");
    let v: Vec<(f64, Measure)> = q.iter().map(|q| (q.value, q.measure)).collect();
    assert_eq!(v, [(234.0, Measure::Count), (5.0, Measure::Households)]);
}

#[test]
fn huge_numbers_are_finite_or_not_numbers() {
    assert_eq!(parse_number("1.000.000.000.000.000", false), Some(1e15));
    let q = quantities("giải ngân 1.000.000.000.000.000 tỷ đồng");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].measure, Measure::Vnd);
    assert!(q[0].value.is_finite() && q[0].value > 9.9e23);
    // 64 digits is still a (finite) number; a million digits is none
    assert!(parse_number(&"9".repeat(64), false).is_some_and(f64::is_finite));
    assert_eq!(parse_number(&"9".repeat(1_000_000), false), None);
    let big = format!(
        "đạt {} tỷ đồng, {}5%",
        "9".repeat(1_000_000),
        "1.".repeat(5000)
    );
    assert!(quantities(&big).iter().all(|q| q.value.is_finite()));
    pipeline_ok(&big);
}

// ------------------------------------- normalize: the look-ahead per space, the cluster inserts

#[test]
fn runs_of_spaces_in_linear_time() {
    let n = normalize(&format!("a{}b", " ".repeat(30_000)));
    assert_eq!(n.text, "a b");
    assert_eq!(n.orig_span(2, 3), (30_001, 30_002));
    for make in [
        (|n: usize| format!("{}1 hộ", " ".repeat(20 * n))) as fn(usize) -> String,
        |n| format!("{}1 hộ", " \u{200b}".repeat(10 * n)),
        |n| format!("{}x)", "\u{a0}\t".repeat(10 * n)),
    ] {
        assert_linear("normalize spaces", 1000, make, |s| {
            normalize(s);
        });
    }
}

#[test]
fn many_decomposed_glides_in_linear_time() {
    // NFD `hoà thuỷ`: every syllable a composed cluster and a moved tone
    let nfd = "ho\u{61}\u{300} thu\u{79}\u{309} ";
    let n = normalize(nfd);
    // the final space is dropped
    assert_eq!(n.text, "hòa thủy");
    // `hòa` is 3 chars made of 4 original code points; its span ends after the mark
    assert_eq!(n.orig_span(0, "hòa".len()), (0, 4));
    let long = nfd.repeat(500);
    let n2 = normalize(&long);
    assert_eq!(n2.text, "hòa thủy ".repeat(500).trim_end());
    assert_eq!(n2.orig_len(), long.chars().count());
    let b = "hòa thủy ".len() * 499;
    assert_eq!(n2.orig_span(b, b + "hòa".len()), (11 * 499, 11 * 499 + 4));
    assert_linear(
        "normalize NFD glides",
        1000,
        |n| nfd.repeat(n),
        |s| {
            normalize(s);
        },
    );
}

// ----------------------------------- segment: run-on sentences, and the cut inside a character

#[test]
fn run_on_sentences_are_cut_at_spaces() {
    let text = "tỷ lệ hộ nghèo giảm 5% ".repeat(5000);
    let seg = segment(&text, &lowercase_aligned(&text));
    assert!(seg.sentences.len() > 10);
    for s in &seg.sentences {
        assert!(s.end - s.start <= 8192 + 8, "{}", s.end - s.start);
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    // the pieces cover the text but for the spaces they were cut at
    let covered: usize = seg.sentences.iter().map(|s| s.end - s.start).sum();
    assert_eq!(covered + seg.sentences.len() - 1, text.trim_end().len());
}

#[test]
fn a_cut_inside_a_multibyte_character_does_not_panic() {
    // the first version of the cut sliced at a byte inside `â` (caught by a timing run
    // before it was committed)
    for text in [
        "â".repeat(20_000),
        "đoàn công tác tỉnh Lai Châu thăm huyện Mường Nhé ".repeat(400),
        format!("x{}", "ệ".repeat(9000)),
    ] {
        let seg = segment(&text, &lowercase_aligned(&text));
        for s in &seg.sentences {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        pipeline_ok(&text);
    }
}

// ------------------------------------------------------- the whole pipeline on pathological text

#[test]
fn pathological_documents_in_linear_time() {
    let cases: [(&str, Make); 4] = [
        ("run-on visit cues", |n| {
            "đoàn công tác tỉnh Lai Châu thăm huyện Mường Nhé ".repeat(n / 10)
        }),
        ("run-on rates", |n| "tỷ lệ hộ nghèo giảm 5% ".repeat(n / 5)),
        ("dated lines", |n| "Ngày 1/1/2024\n".repeat(n)),
        ("a line without spaces", |n| "x".repeat(50 * n)),
    ];
    for (what, make) in cases {
        pipeline_ok(&make(500));
        assert_linear(what, 1000, make, |s| {
            extract_document(s, None);
        });
    }
}

#[test]
fn odd_documents_through_the_pipeline() {
    let every_category: String = (0u32..0x3_0000)
        .step_by(7)
        .filter_map(char::from_u32)
        .collect();
    for s in [
        "",
        "\u{0}\u{1}\u{7f}",
        "\u{feff}\u{200b}\u{200d}",
        "(((((((((( ngày 1/1 ))))))))))",
        "1.",
        "1/",
        "-1- -",
        "ngày 31/2/2024 ngày 29/2/2023 ngày 0/0",
        "9999999999/9999999999 hộ",
        every_category.as_str(),
    ] {
        pipeline_ok(s);
    }
}
