//! Figure frames: every poverty, funding and income number as one row.
//!
//! A quantity takes its indicator from the cue that governs it
//! (`lexicon/indicators.tsv`): a cue right after the number (`200 tỷ vốn đầu tư
//! phát triển`) or the nearest cue before it in its clause (`tỷ lệ hộ nghèo
//! giảm từ 47,4% … xuống còn 38,3%`). The family of the cue, the measure of the
//! number and whether it is a change (`giảm 6 hộ`, `giảm bình quân 1,42%/năm`)
//! pick the indicator in `lexicon/indicator_map.tsv`. A percent right after a
//! count (`còn 14 hộ bằng 0,12%`, `giảm 6 hộ đạt 0,05%`) is that count's rate.
//! Year, period, status (`lexicon/status.tsv`), program and unit come from the
//! clause, then the sentence, then the paragraph and the document.

use crate::dates::YearKind;
use crate::document::{is_party_level, Document};
use crate::gazetteer::Level;
use crate::lexicon::lexicon;
use crate::quantity::{Measure, Quantity, Shape};
use crate::records::{program_name, FigureRow};
use crate::visits::program_in;

/// Words right after a percent that make it a share of a plan, not a figure.
const PLAN_WORDS: &[&str] = &[
    "kế hoạch",
    "kh ",
    "kh,",
    "kh.",
    "chỉ tiêu",
    "so với",
    "tổng số hộ",
    "số hộ nghèo",
    "dự toán",
];
/// Words that make the number before them a change when they stand just before it.
const DECREASE: &[&str] = &[
    "giảm",
    "giảm được",
    "giảm bình quân",
    "giảm thêm",
    "bình quân giảm",
    "mỗi năm giảm",
    "giảm mỗi năm",
    "giảm trung bình",
];
const INCREASE: &[&str] = &["tăng", "tăng thêm", "tăng bình quân"];
/// Words between a cue and its number that make the number something else than the stock
/// (`số hộ nghèo phát sinh mới là 788 hộ`, `tái nghèo 12 hộ`).
const NOT_NET: &[&str] = &["phát sinh", "tái nghèo", "tái cận nghèo"];
/// Words between a count and its rate.
const RATE_LINKS: &[&str] = &[
    "bằng",
    "đạt",
    "chiếm",
    "tương ứng",
    "tỷ lệ",
    "",
    "tương đương",
];

struct Governing {
    family: String,
    /// byte offset of the cue
    at: usize,
}

fn governing_cue(doc: &Document, q: &Quantity, clause_start: usize) -> Option<Governing> {
    let lex = lexicon();
    let lower = &doc.lower;
    // right after the number: `200 tỷ vốn đầu tư phát triển`, `14 hộ nghèo`
    let mut k = q.end;
    while lower[k..].starts_with(' ') {
        k += 1;
    }
    if let Some(c) = lex.indicators.match_at(lower, k) {
        let attach = lex.indicators.value(c.row, 1);
        if attach == "after" || attach == "both" {
            return Some(Governing {
                family: lex.indicators.value(c.row, 0).to_string(),
                at: c.start,
            });
        }
    }
    // `hộ` as the unit of the number followed by `nghèo`: the unit is part of the cue
    if q.measure == Measure::Households {
        let unit_start = lower[q.num_end..q.end].find("hộ").map(|i| q.num_end + i);
        if let Some(u) = unit_start {
            if let Some(c) = lex.indicators.match_at(lower, u) {
                if c.end > q.end {
                    return Some(Governing {
                        family: lex.indicators.value(c.row, 0).to_string(),
                        at: c.start,
                    });
                }
            }
        }
    }
    // the nearest cue before it in the clause
    let cues = lex
        .indicators
        .find_in(lower, clause_start, q.qual_start.max(clause_start));
    let in_brackets = |at: usize| {
        let between = &lower[at..q.qual_start];
        let open = lower[clause_start..at].matches('(').count()
            > lower[clause_start..at].matches(')').count();
        open && between.contains(')')
    };
    cues.iter()
        .rev()
        .filter(|c| !in_brackets(c.start))
        .find(|c| lex.indicators.value(c.row, 1) != "after")
        .map(|c| Governing {
            family: lex.indicators.value(c.row, 0).to_string(),
            at: c.start,
        })
}

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    let s = s.trim_end();
    words
        .iter()
        .any(|w| s.ends_with(w) && crate::lexicon::is_word_edge(s, s.len() - w.len(), s.len()))
}

/// The clause start for a quantity: after the last `;` in its sentence before it.
fn clause_start(doc: &Document, sent_start: usize, at: usize) -> usize {
    doc.lower[sent_start..at]
        .rfind(';')
        .map_or(sent_start, |i| sent_start + i + 1)
}

fn lookup(family: &str, measure: Measure, change: bool) -> Option<(String, String)> {
    let m = match measure {
        Measure::Percent => "percent",
        Measure::Households => "households",
        Measure::Vnd => "vnd",
        Measure::VndPerPersonYear => "vnd_per_person_year",
        _ => return None,
    };
    let c = if change { "yes" } else { "no" };
    lexicon()
        .indicator_map
        .iter()
        .find(|(k, _)| k[0] == family && k[1] == m && k[2] == c)
        .map(|(_, v)| v.clone())
}

/// Every figure of a document. `focus`: the unit the document is about.
pub fn extract_figures(doc: &Document, focus: Option<&crate::places::Place>) -> Vec<FigureRow> {
    let lex = lexicon();
    let text = doc.text();
    let lower = &doc.lower;
    let mut rows: Vec<FigureRow> = Vec::new();
    let mut seen: Vec<(String, u64, Option<i32>)> = Vec::new();
    // (index of quantity, family, change) of the last count read, for the rate after it
    let mut last_count: Option<(usize, String, bool, bool, usize)> = None;
    for (qi, q) in doc.quantities.iter().enumerate() {
        let Some(si) = doc.sentence_of(q.start) else {
            continue;
        };
        let s = doc.seg.sentences[si];
        if !matches!(
            doc.seg.para_kind(&s),
            crate::segment::ParaKind::Body
                | crate::segment::ParaKind::Title
                | crate::segment::ParaKind::Lead
        ) {
            continue;
        }
        let cs = clause_start(doc, s.start, q.start);
        let pre = &lower[cs..q.qual_start];
        let post = crate::lexicon::window(lower, q.end, 24);
        let post_t = post.trim_start();

        let mut change = ends_with_any(pre, DECREASE) || ends_with_any(pre, INCREASE);
        let mut negative = ends_with_any(pre, DECREASE);
        let mut family: Option<String> = None;
        // a percent right after a count in the same clause is that count's rate
        if q.measure == Measure::Percent {
            if let Some((ci, fam, ch, neg, cend)) = &last_count {
                let gap = lower[*cend..q.qual_start].trim().trim_matches(',').trim();
                if *ci + 1 == qi && *cend >= cs && RATE_LINKS.contains(&gap) {
                    family = Some(fam.clone());
                    change = *ch;
                    negative = *neg;
                }
            }
        }
        if family.is_none() {
            if let Some(g) = governing_cue(doc, q, cs) {
                if g.at < q.start {
                    let between = &lower[g.at..q.qual_start];
                    if NOT_NET.iter().any(|w| between.contains(w)) {
                        continue;
                    }
                    // `giảm tỷ lệ hộ nghèo 3%`: the verb before the cue, the number right after it
                    let cue_end = lex.indicators.match_at(lower, g.at).map_or(g.at, |c| c.end);
                    let gap = lower[cue_end..q.qual_start].trim();
                    if !change
                        && gap.split_whitespace().count() <= 1
                        && ends_with_any(&lower[cs..g.at], DECREASE)
                    {
                        change = true;
                        negative = true;
                    }
                }
                family = Some(g.family);
            }
        }
        // a trajectory without its noun: `giảm nghèo … từ 39,99% năm 2021 giảm xuống còn 25,68%`
        if family.is_none() && q.measure == Measure::Percent {
            let sent = &lower[s.start..s.end];
            if sent.contains("giảm nghèo")
                && (sent.contains("xuống còn") || sent.contains("giảm còn"))
            {
                family = Some("poor".into());
            }
        }
        let Some(family) = family else { continue };
        if q.measure == Measure::Households {
            last_count = Some((qi, family.clone(), change, negative, q.end));
        } else {
            last_count = None;
        }
        // shares of a plan are not figures (except disbursement against its plan)
        if q.measure == Measure::Percent
            && family != "disbursement"
            && PLAN_WORDS.iter().any(|w| post_t.starts_with(w))
        {
            continue;
        }
        // a change is per year when written so (`1,42%/năm`): still a change
        let measure = if q.shape == Shape::Fraction && family == "disbursement" {
            Measure::Vnd
        } else {
            q.measure
        };
        let Some((indicator, measure_name)) = lookup(&family, measure, change) else {
            continue;
        };
        let mut value = q.value;
        if change && negative && !indicator.starts_with("escaped") {
            value = -value;
        }

        // year and period: right after the number, else before it in the clause, else the sentence
        let after_year = doc
            .years
            .iter()
            .find(|y| y.start >= q.end && y.start <= q.end + 3 && y.kind != YearKind::Period);
        let clause_years: Vec<_> = doc
            .years
            .iter()
            .filter(|y| y.start >= cs && y.end <= q.start)
            .collect();
        let sent_years: Vec<_> = doc
            .years
            .iter()
            .filter(|y| y.start >= s.start && y.end <= q.start)
            .collect();
        let mut year = None;
        let (mut period_start, mut period_end) = (None, None);
        if let Some(y) = after_year {
            year = Some(y.year);
        } else if let Some(y) = clause_years
            .iter()
            .rev()
            .find(|y| matches!(y.kind, YearKind::Point | YearKind::EndOf | YearKind::PartOf))
        {
            year = Some(y.year);
        }
        let sent_periods: Vec<_> = doc
            .years
            .iter()
            .filter(|y| y.start >= s.start && y.end <= s.end)
            .collect();
        if let Some(p) = sent_periods
            .iter()
            .find(|y| matches!(y.kind, YearKind::Period | YearKind::Since))
        {
            period_start = Some(p.year);
            period_end = p.until;
        } else if lower[s.start..s.end].starts_with("trong đó") {
            // `Trong đó vốn đầu tư phát triển: …` continues the sentence before
            if let Some(prev) = si.checked_sub(1).map(|i| doc.seg.sentences[i]) {
                if let Some(p) = doc.years.iter().find(|y| {
                    y.start >= prev.start
                        && y.end <= prev.end
                        && matches!(y.kind, YearKind::Period | YearKind::Since)
                }) {
                    period_start = Some(p.year);
                    period_end = p.until;
                }
            }
        }
        if year.is_some() {
            period_start = None;
            period_end = None;
        }
        if q.per_year && change && period_start.is_none() {
            // an average change over the period named in the paragraph
            let para = doc.seg.paras[s.para];
            if let Some(p) = doc
                .years
                .iter()
                .rfind(|y| y.start >= para.start && y.end <= q.start && y.kind == YearKind::Period)
            {
                period_start = Some(p.year);
                period_end = p.until;
            }
        }
        let this_year_part = {
            let before = &lower[s.start..q.start];
            ["tháng đầu năm", "tháng cuối năm", "đầu năm nay", "năm nay"]
                .iter()
                .any(|w| {
                    before.rfind(w).is_some_and(|i| {
                        !lower[s.start + i + w.len()..]
                            .trim_start()
                            .starts_with(|c: char| c.is_ascii_digit())
                    })
                })
        };
        if year.is_none() && period_start.is_none() && this_year_part {
            year = doc.doc_year;
        }
        if year.is_none() && period_start.is_none() {
            year = sent_years
                .iter()
                .rev()
                .find(|y| matches!(y.kind, YearKind::Point | YearKind::EndOf | YearKind::PartOf))
                .map(|y| y.year)
                .or_else(|| {
                    // the paragraph's year, then the document's year
                    let para = doc.seg.paras[s.para];
                    doc.years
                        .iter()
                        .rfind(|y| {
                            y.start >= para.start
                                && y.end <= q.start
                                && y.kind != YearKind::Period
                                && y.kind != YearKind::Since
                        })
                        .map(|y| y.year)
                })
                .or(doc.doc_year);
        }
        if q.per_year && change {
            year = None;
        }

        // status: the last status cue before the number in its sentence
        let comma_clause = lower[cs..q.qual_start]
            .rfind(',')
            .map_or(cs, |i| cs + i + 1);
        let status = lex
            .status
            .find_in(lower, s.start, q.qual_start)
            .into_iter()
            .rfind(|c| c.start >= comma_clause || c.start <= s.start + 12)
            .map(|c| match lex.status.value(c.row, 0) {
                "target" => "target",
                "estimate" => "estimate",
                _ => "actual",
            })
            .unwrap_or("actual");

        // program: named in the sentence, else earlier in the paragraph (money only)
        let para = doc.seg.paras[s.para];
        let program = program_before(doc, s.start, q.start).or_else(|| {
            matches!(
                family.as_str(),
                "funding_total" | "funding_investment" | "funding_recurrent" | "disbursement"
            )
            .then(|| {
                program_before(doc, para.start, q.start).or_else(|| program_in(doc, s.start, s.end))
            })
            .flatten()
        });
        let program = if matches!(
            family.as_str(),
            "funding_total" | "funding_investment" | "funding_recurrent" | "disbursement"
        ) {
            program
        } else {
            lex.programs
                .find_in(lower, s.start, q.start)
                .last()
                .and_then(|c| program_name(lex.programs.value(c.row, 0)))
                .filter(|p| {
                    *p != "sustainable_poverty_reduction"
                        || lower[s.start..q.start].contains("chương trình")
                })
        };

        // population: ethnic-minority households only
        let cue_to_q = &lower[cs..q.end.min(lower.len())];
        let population = (family != "em_share"
            && (cue_to_q.contains("hộ nghèo dtts")
                || cue_to_q.contains("hộ nghèo dân tộc thiểu số")
                || cue_to_q.contains("hộ nghèo đồng bào")
                || cue_to_q.contains("tỷ lệ hộ nghèo dtts")
                || cue_to_q.contains("trong vùng đồng bào")))
        .then_some("ethnic_minority");

        // unit: the nearest unit before the number in its sentence, unless it is the focus's own province
        let unit_place = doc
            .places
            .iter()
            .rfind(|p| {
                !p.is_hint && p.start >= s.start && p.end <= q.start && is_party_level(p.level)
            })
            .filter(|p| {
                !(p.level == Level::Province
                    && focus.is_some_and(|f| {
                        f.level != Level::Province && f.province.as_deref() == Some(p.name.as_str())
                    }))
            })
            .or(focus);
        let (unit, unit_level, unit_province, unit_code) = if lower[s.start..q.start]
            .contains("cả nước")
            || lower[s.start..q.start].contains("toàn quốc")
        {
            (Some("Việt Nam".to_string()), Some("country"), None, None)
        } else {
            unit_place.map_or((None, None, None, None), |p| {
                (
                    Some(p.name.clone()),
                    Some(p.level.as_str()),
                    p.province.clone(),
                    p.code.clone(),
                )
            })
        };

        let key = (indicator.clone(), value.to_bits(), year);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        // evidence: from the cue (or clause start) to the end of the quantity
        let ev_start = q.qual_start;
        let (start, end) = doc.norm.orig_span(ev_start, q.end);
        rows.push(FigureRow {
            unit,
            unit_level,
            unit_province,
            unit_code,
            indicator: indicator.clone(),
            program,
            value,
            measure: measure_name,
            year,
            period_start,
            period_end,
            population,
            status,
            qualifier: q.qualifier,
            text: text[ev_start..q.end].to_string(),
            start,
            end,
        });
        // the whole of a disbursed fraction is the funding total
        if q.shape == Shape::Fraction && family == "disbursement" {
            if let Some(total) = q.other {
                let key = ("funding_total".to_string(), total.to_bits(), year);
                if !seen.contains(&key) {
                    seen.push(key);
                    let mut r = rows.last().cloned().unwrap_or_default();
                    r.indicator = "funding_total".into();
                    r.value = total;
                    rows.push(r);
                }
            }
        }
    }
    rows
}

fn program_before(doc: &Document, s: usize, e: usize) -> Option<&'static str> {
    let lex = lexicon();
    lex.programs
        .find_in(&doc.lower, s, e)
        .last()
        .and_then(|c| program_name(lex.programs.value(c.row, 0)))
}
