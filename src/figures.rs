//! Figure frames: every poverty, funding and income number as one row.
//!
//! A quantity takes its indicator from the cue that governs it
//! (`lexicon/indicators.tsv`): a cue right after the number (`200 tỷ vốn đầu tư
//! phát triển`) or the nearest cue before it in its clause that fits its measure
//! (`tỷ lệ hộ nghèo giảm từ 47,4% … xuống còn 38,3%`). A clause (between `;`)
//! without a cue continues the clause before it in the sentence (`… như sau: Tây
//! Nguyên 8,39%; Đông Nam Bộ 0,21%`). A percent right after a count (`còn 14 hộ
//! bằng 0,12%`, `(chiếm tỷ lệ 43,13%)`) is that count's rate, a count right after a
//! rate (`21,92% với 701.461 hộ`) that rate's count, and rates after `tương ứng`
//! pair with the counts before them. A percent after `xuống còn`, `tỷ lệ này` or a
//! yearly decrease without its noun takes the family of the rate before it. The
//! family, the measure of the number and whether it is a change (`giảm 6 hộ`,
//! `giảm bình quân 1,42%/năm`, `tỷ lệ giảm nghèo đạt 3,81%`, any rate per year)
//! pick the indicator in `lexicon/indicator_map.tsv`; a range (`giảm từ 5-7%`)
//! gives two rows.
//!
//! The words that steer all this are data: `figure_words.tsv` (changes, links,
//! trajectories, comparisons, support given), `figure_after.tsv` (what follows a
//! number: a share of a plan or of the poor, a goal, beneficiaries),
//! `populations.tsv` (subgroups), `figure_units.tsv` (`cả nước`, `toàn tỉnh`),
//! `status.tsv` (goals and estimates), `regions.tsv` (regional tables).
//!
//! Year: the year right after the number (`38,3% cuối năm 2023`, `(2021)`), the
//! k-th year of a `lần lượt` list, the nearest year before it in the clause,
//! sentence and paragraph that no other number owns and that is no base of
//! comparison (`so với năm 2022`), else the year of writing (the year before, for
//! the yearly review of poor households published in January or February).
//! Stocks take a point year; flows and money keep the period of their sentence.
//! Unit: a unit, region, `cả nước` or `toàn tỉnh` named near the figure (its part
//! of the sentence, the part before, or the sentence head), a unit named bare at
//! the head of a list item or as the subject (`Hướng Hiệp là xã …`), the unit of
//! the figure before in the paragraph, else the home unit. Every look-up is a
//! bisection into mentions found once per document and reads at most
//! `MAX_CLAUSE` bytes around the number, so the work is linear in its length.
//! `text`/`start`/`end` span the phrase from the governing cue (or the linked
//! count, or the list item) to the end of the number.

use memchr::memmem::{Finder, FinderRev};
use once_cell::sync::Lazy;
use once_cell::unsync::OnceCell;
use rustc_hash::FxHashMap;

use crate::blocks::{block_at, equal, low7_in, FIRST, LAST};
use crate::dates::{YearKind, YearMention};
use crate::document::{is_party_level, Document};
use crate::gazetteer::{Gazetteer, Level, Resolution};
use crate::lexicon::{is_word_edge, lexicon, Cue, CueSet};
use crate::places::Place;
use crate::quantity::{ends_with, LastBytes, Measure, Quantity, Shape};
use crate::records::{program_name, FigureRow};
use crate::segment::ParaKind;
use crate::visits::program_in;

/// `figure_words.tsv` by kind.
struct Words {
    decrease: WordList,
    increase: WordList,
    range_decrease: WordList,
    not_net: Vec<String>,
    rate_link: Vec<String>,
    respectively: Vec<String>,
    trajectory: WordList,
    comparison: WordList,
    benefit_before: WordList,
    as_of: WordList,
    standard: WordList,
    noun_rest: Vec<String>,
    escape_filler: Vec<String>,
    data_tag: Vec<String>,
    now: Vec<String>,
    class_rate: WordList,
    /// between `lần lượt` and its first value, and between two of its values (`grammar_words.tsv`)
    respective_open: Vec<String>,
    respective_join: Vec<String>,
    /// searchers for the words looked for inside a text
    not_net_in: Vec<Finder<'static>>,
    trajectory_in: Vec<Finder<'static>>,
    review_in: Vec<Finder<'static>>,
    ethnic_topic_in: Vec<Finder<'static>>,
    whole_period_in: Vec<Finder<'static>>,
}

/// Words a text may end with, and their last bytes.
struct WordList {
    words: Vec<String>,
    last: LastBytes,
}

impl WordList {
    fn new(words: Vec<String>) -> WordList {
        let last = LastBytes::new(words.iter().map(String::as_str));
        WordList { words, last }
    }
}

impl std::ops::Deref for WordList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.words
    }
}

fn finders(words: &[String]) -> Vec<Finder<'static>> {
    words.iter().map(|w| Finder::new(w).into_owned()).collect()
}

/// A searcher for one fixed word, built once.
fn finder(w: &'static str) -> Finder<'static> {
    Finder::new(w)
}

static WORDS: Lazy<Words> = Lazy::new(|| {
    let t = &lexicon().figure_words;
    let kind = |k: &str| -> Vec<String> {
        t.rows
            .iter()
            .filter(|(_, v)| v.first().map(String::as_str) == Some(k))
            .map(|(c, _)| c.clone())
            .collect()
    };
    let (not_net, trajectory) = (kind("not_net"), kind("trajectory"));
    Words {
        not_net_in: finders(&not_net),
        trajectory_in: finders(&trajectory),
        review_in: finders(&kind("review")),
        ethnic_topic_in: finders(&kind("ethnic_topic")),
        whole_period_in: finders(&kind("whole_period")),
        decrease: WordList::new(kind("decrease")),
        increase: WordList::new(kind("increase")),
        range_decrease: WordList::new(kind("range_decrease")),
        not_net,
        rate_link: kind("rate_link"),
        respectively: kind("respectively"),
        trajectory: WordList::new(trajectory),
        comparison: WordList::new(kind("comparison")),
        benefit_before: WordList::new(kind("benefit_before")),
        as_of: WordList::new(kind("as_of")),
        standard: WordList::new(kind("standard")),
        noun_rest: kind("noun_rest"),
        escape_filler: kind("escape_filler"),
        data_tag: kind("data_tag"),
        now: kind("now"),
        class_rate: WordList::new(kind("class_rate")),
        respective_open: lexicon().grammar("respective_open"),
        respective_join: lexicon().grammar("respective_join"),
    }
});

/// The noun of a rate, in both spellings (`tỷ lệ hộ nghèo`, `tỉ lệ lao động …`).
const RATE_NOUN: [&str; 2] = ["tỷ lệ", "tỉ lệ"];

/// How far around a number its clause is read (bytes).
const MAX_CLAUSE: usize = 1200;

static POSSESSIVE: Lazy<WordList> =
    Lazy::new(|| WordList::new(vec!["của".to_string(), "thuộc".to_string()]));

fn ends_with_any(s: &str, words: &WordList) -> bool {
    let s = s.trim_end();
    words.last.may_end(s)
        && words
            .iter()
            .any(|w| ends_with(s, w) && is_word_edge(s, s.len() - w.len(), s.len()))
}

/// One of the words (their searchers) stands in `s` as a whole word.
fn contains_word(s: &str, words: &[Finder]) -> bool {
    words.iter().any(|f| {
        let n = f.needle().len();
        if n == 0 {
            return s.match_indices("").any(|(i, _)| is_word_edge(s, i, i));
        }
        // a match of a whole UTF-8 word starts and ends on character boundaries
        f.find_iter(s.as_bytes()).any(|i| is_word_edge(s, i, i + n))
    })
}

/// `hay` holds the searcher's word.
fn has(hay: &str, f: &Finder) -> bool {
    f.find(hay.as_bytes()).is_some()
}

/// The start of the last `, ` in `s`.
fn rfind_comma_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memrchr_iter(b',', b).find(|&i| b.get(i + 1) == Some(&b' '))
}

/// The start of the first `, ` in `s`.
fn find_comma_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b',', b).find(|&i| b.get(i + 1) == Some(&b' '))
}

static NGHEO: Lazy<Finder<'static>> = Lazy::new(|| finder("nghèo"));
static HO: Lazy<Finder<'static>> = Lazy::new(|| finder("hộ"));
/// ` và ` searched from the end.
static VA: Lazy<FinderRev<'static>> = Lazy::new(|| FinderRev::new(" và "));
static GIAM_NGHEO: Lazy<Finder<'static>> = Lazy::new(|| finder("giảm nghèo"));
static CHUONG_TRINH: Lazy<Finder<'static>> = Lazy::new(|| finder("chương trình"));
static LAN_LUOT: Lazy<Finder<'static>> = Lazy::new(|| finder("lần lượt"));
static TUONG_UNG: Lazy<Finder<'static>> = Lazy::new(|| finder("tương ứng"));
/// Words before a number that date it in the year of writing.
static THIS_YEAR: Lazy<Vec<Finder<'static>>> = Lazy::new(|| {
    ["tháng đầu năm", "tháng cuối năm", "đầu năm nay", "năm nay"]
        .into_iter()
        .map(finder)
        .collect()
});

/// Every start of the searcher's word in `hay`, overlapping ones included, in order.
fn starts_of(hay: &str, f: &Finder) -> Vec<usize> {
    let b = hay.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = b.get(pos..).and_then(|rest| f.find(rest)) {
        out.push(pos + i);
        pos += i + 1;
    }
    out
}

/// The last of `starts` (sorted starts of a word of `n` bytes) whose word lies in
/// `[a, b)`: the same as `rfind` of the word in that slice, as an absolute offset.
fn last_within(starts: &[usize], n: usize, a: usize, b: usize) -> Option<usize> {
    let k = starts.partition_point(|&i| i + n <= b);
    starts[..k].last().copied().filter(|&i| i >= a)
}

/// Cues starting in `[s, e)` of a sorted list.
fn cues_in(v: &[Cue], s: usize, e: usize) -> &[Cue] {
    let a = v.partition_point(|c| c.start < s);
    let b = v.partition_point(|c| c.start < e);
    &v[a..b.max(a)]
}

/// Places starting in `[s, e)`.
fn places_in(doc: &Document, s: usize, e: usize) -> &[Place] {
    doc.places_in(s, e)
}

fn years_in(doc: &Document, s: usize, e: usize) -> &[YearMention] {
    doc.years_in(s, e)
}

/// The year of the last year mention in `[a, b)` that `keep` keeps (`năm 2023`, `cuối năm
/// 2023`).
fn last_year_in(
    doc: &Document,
    a: usize,
    b: usize,
    keep: impl Fn(&YearMention) -> bool,
) -> Option<i32> {
    years_in(doc, a, b)
        .iter()
        .rev()
        .find(|y| y.end <= b && keep(y))
        .map(|y| y.year)
}

/// The year of the last date in `[a, b)` that an `as_of` word of `figure_words.tsv`
/// announces (`tính đến ngày 30/6/2024`): the point in time of the numbers after it, when
/// no year is named nearer (`Năm 2024, …; tính đến ngày 31/01/2025 đã giải ngân …` is the
/// money of 2024).
fn as_of_year_in(doc: &Document, a: usize, b: usize) -> Option<i32> {
    doc.dates_in(a, b)
        .iter()
        .rev()
        .filter(|d| d.end <= b)
        .find_map(|d| {
            let y = d.last.year.or(d.first.year)?;
            ends_with_any(&doc.lower[..d.start], &WORDS.as_of).then_some(y)
        })
}

/// The text between two offsets with spaces, brackets and commas cut from both ends.
fn gap_text(lower: &str, a: usize, b: usize) -> &str {
    if a >= b || b > lower.len() || !lower.is_char_boundary(a) || !lower.is_char_boundary(b) {
        return "";
    }
    lower[a..b]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ':' | '-'))
}

/// A link between a count and its rate: only link words, once comparisons
/// (`so với đầu năm`) are cut out.
fn is_link(gap: &str, w: &Words) -> bool {
    let mut rest = gap
        .split([',', '(', ')'])
        .map(str::trim)
        .filter(|p| !p.is_empty() && !w.comparison.iter().any(|c| p.starts_with(c.as_str())));
    // (none, or exactly one: the first two pieces tell, nothing is collected)
    match (rest.next(), rest.next()) {
        (None, _) => true,
        (Some(one), None) => w.rate_link.iter().any(|l| l == one),
        _ => false,
    }
}

fn lookup(family: &str, measure: Measure, change: bool) -> Option<&'static (String, String)> {
    let m = match measure {
        Measure::Percent => "percent",
        Measure::Households => "households",
        Measure::Vnd => "vnd",
        Measure::VndPerPersonYear | Measure::VndPerPersonMonth => "vnd_per_person_year",
        _ => return None,
    };
    let c = if change { "yes" } else { "no" };
    INDICATOR_MAP.get(&(family, m, c)).copied()
}

/// Row key of `indicator_map.tsv`: family, measure, change.
type IndicatorKey = (&'static str, &'static str, &'static str);

/// `indicator_map.tsv` by its key: the first row of a key.
static INDICATOR_MAP: Lazy<FxHashMap<IndicatorKey, &'static (String, String)>> = Lazy::new(|| {
    let mut map = FxHashMap::default();
    for (k, v) in &lexicon().indicator_map {
        map.entry((k[0].as_str(), k[1].as_str(), k[2].as_str()))
            .or_insert(v);
    }
    map
});

/// What was read for one quantity.
#[derive(Clone)]
struct Read {
    family: &'static str,
    change: bool,
    negative: bool,
    population: Option<&'static str>,
    sentence: usize,
    /// where the words of the count end (`14 hộ nghèo` ends after `nghèo`)
    tail: usize,
    /// where the phrase of the figure starts
    phrase: usize,
}

/// A unit a figure may describe: its strings borrowed from the document's places, the
/// gazetteer or the lexicon (copied only into the rows written).
#[derive(Clone, Copy)]
struct UnitPick<'a> {
    name: &'a str,
    level: &'static str,
    province: Option<&'a str>,
    code: Option<&'a str>,
}

impl<'a> UnitPick<'a> {
    /// The unit of a place mention.
    fn of(p: &'a Place) -> UnitPick<'a> {
        UnitPick {
            name: &p.name,
            level: p.level.as_str(),
            province: p.province.as_deref(),
            code: p.code,
        }
    }
}

/// The country as a unit.
fn country() -> UnitPick<'static> {
    UnitPick {
        name: "Việt Nam",
        level: "country",
        province: None,
        code: None,
    }
}

/// The unit the document speaks for: the focus, unless it is a body or abroad,
/// then the unit named most.
fn home_unit<'a>(doc: &'a Document, focus: Option<&'a Place>) -> Option<&'a Place> {
    let usable = |p: &Place| {
        !p.is_hint && matches!(p.level, Level::Province | Level::District | Level::Commune)
    };
    if let Some(f) = focus.filter(|f| usable(f)) {
        return Some(f);
    }
    let mut counts: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    for (i, p) in doc.places.iter().enumerate() {
        if usable(p) {
            counts.entry(p.name.as_str()).or_insert((0, i)).0 += 1;
        }
    }
    counts
        .values()
        .max_by_key(|&&(n, i)| (n, usize::MAX - i))
        .map(|&(_, i)| &doc.places[i])
}

/// The province of a unit mention: as written next to it, else from the gazetteer.
fn province_of<'a>(doc: &Document, p: &'a Place) -> Option<&'a str> {
    if p.level == Level::Province {
        return Some(&p.name);
    }
    p.province.as_deref().or_else(|| {
        let code = p.code?;
        Gazetteer::get()
            .by_code(code, doc.era)
            .map(|u| u.province_name.as_str())
    })
}

/// The province of the home unit, as a unit (its own province is itself).
fn home_province<'a>(doc: &'a Document, home: Option<&'a Place>) -> Option<UnitPick<'a>> {
    let h = home?;
    if h.level == Level::Province {
        return Some(UnitPick::of(h));
    }
    let name = province_of(doc, h)?;
    let code = doc
        .places
        .iter()
        .find(|p| p.level == Level::Province && p.name == name)
        .and_then(|p| p.code);
    Some(UnitPick {
        name,
        level: "province",
        province: Some(name),
        code,
    })
}

/// Mentions found once per document, each when first asked for (a document
/// whose numbers are never read as figures does not look for them).
struct Found<'a> {
    doc: &'a Document,
    cues: OnceCell<Vec<Cue>>,
    status: OnceCell<Vec<Cue>>,
    programs: OnceCell<Vec<Cue>>,
    populations: OnceCell<Vec<Cue>>,
    regions: OnceCell<Vec<Cue>>,
    unit_words: OnceCell<Vec<Cue>>,
    /// per year mention: it belongs to the number right before it, or it is a base of comparison
    not_inherited: OnceCell<Vec<bool>>,
    /// the document reports the yearly review of poor households
    review: OnceCell<bool>,
    /// the headline is about poverty
    poverty_title: OnceCell<bool>,
    /// the one year the headline names (`Kết quả giảm nghèo tỉnh Điện Biên năm 2025`)
    title_year: OnceCell<Option<i32>>,
    /// where each word of `THIS_YEAR` starts
    this_year: OnceCell<Vec<Vec<usize>>>,
    /// where `lần lượt` starts
    respectively_at: OnceCell<Vec<usize>>,
    /// where `tương ứng` starts
    correspondingly_at: OnceCell<Vec<usize>>,
}

impl<'a> Found<'a> {
    fn new(doc: &'a Document) -> Found<'a> {
        Found {
            doc,
            cues: OnceCell::new(),
            status: OnceCell::new(),
            programs: OnceCell::new(),
            populations: OnceCell::new(),
            regions: OnceCell::new(),
            unit_words: OnceCell::new(),
            not_inherited: OnceCell::new(),
            review: OnceCell::new(),
            poverty_title: OnceCell::new(),
            title_year: OnceCell::new(),
            this_year: OnceCell::new(),
            respectively_at: OnceCell::new(),
            correspondingly_at: OnceCell::new(),
        }
    }

    fn all<'s>(&self, cell: &'s OnceCell<Vec<Cue>>, set: &CueSet) -> &'s [Cue] {
        cell.get_or_init(|| self.doc.cues(set, 0, self.doc.lower.len()))
    }

    fn cues(&self) -> &[Cue] {
        self.all(&self.cues, &lexicon().indicators)
    }

    fn status(&self) -> &[Cue] {
        self.all(&self.status, &lexicon().status)
    }

    fn programs(&self) -> &[Cue] {
        self.all(&self.programs, &lexicon().programs)
    }

    fn populations(&self) -> &[Cue] {
        self.all(&self.populations, &lexicon().populations)
    }

    fn regions(&self) -> &[Cue] {
        self.all(&self.regions, &lexicon().regions)
    }

    fn unit_words(&self) -> &[Cue] {
        self.all(&self.unit_words, &lexicon().figure_units)
    }

    fn not_inherited(&self) -> &[bool] {
        self.not_inherited.get_or_init(|| {
            let doc = self.doc;
            let lower = &doc.lower;
            let w = &*WORDS;
            doc.years
                .iter()
                .map(|y| {
                    let before = &lower[..y.start];
                    if ends_with_any(before, &w.comparison) {
                        return true;
                    }
                    // the last quantity ending at or before the year, on its line (a
                    // headline's number is not the year's that opens the body)
                    let i = doc.quantities.partition_point(|q| q.end <= y.start);
                    i.checked_sub(1).is_some_and(|i| {
                        let q = &doc.quantities[i];
                        let gap = lower[q.end..y.start]
                            .trim_matches(|c: char| (c.is_whitespace() && c != '\n') || c == '(');
                        matches!(gap, "" | "vào" | "trong")
                    })
                })
                .collect()
        })
    }

    fn this_year(&self) -> &[Vec<usize>] {
        self.this_year.get_or_init(|| {
            THIS_YEAR
                .iter()
                .map(|w| starts_of(&self.doc.lower, w))
                .collect()
        })
    }

    fn correspondingly_at(&self) -> &[usize] {
        self.correspondingly_at
            .get_or_init(|| starts_of(&self.doc.lower, &TUONG_UNG))
    }

    fn respectively_at(&self) -> &[usize] {
        self.respectively_at
            .get_or_init(|| starts_of(&self.doc.lower, &LAN_LUOT))
    }

    fn review(&self) -> bool {
        *self
            .review
            .get_or_init(|| WORDS.review_in.iter().any(|w| has(&self.doc.lower, w)))
    }

    /// The year the headline names, when it names one (at points in time, none later than
    /// the year of writing): its numbers' year, and the body's that name none.
    fn title_year(&self) -> Option<i32> {
        *self.title_year.get_or_init(|| {
            let doc = self.doc;
            let t = doc.seg.paras[doc.seg.title?];
            let mut years = years_in(doc, t.start, t.end).iter();
            let first = years.next()?;
            let one = matches!(
                first.kind,
                YearKind::Point | YearKind::EndOf | YearKind::PartOf
            ) && years.all(|y| y.year == first.year && y.kind == first.kind);
            (one && doc.doc_year.is_none_or(|d| first.year <= d)).then_some(first.year)
        })
    }

    fn poverty_title(&self) -> bool {
        *self.poverty_title.get_or_init(|| {
            let doc = self.doc;
            doc.seg.title.is_some_and(|t| {
                let p = doc.seg.paras[t];
                doc.lower[p.start..p.end].contains("nghèo")
            })
        })
    }
}

/// The cue that governs a quantity: right after it, the `hộ` of the number
/// followed by `nghèo`, else the nearest before it in the clause.
/// Returns (row, start of the cue, end of the words after the number).
fn governing_cue(
    doc: &Document,
    f: &Found,
    q: &Quantity,
    cs: usize,
) -> Option<(usize, usize, usize)> {
    let lex = lexicon();
    let lower = &doc.lower;
    // a stop cue right before the number says what it counts before its noun does
    // (`phát sinh mới 42 hộ nghèo`: new poor households, no stock)
    let pre_end = lower[..q.qual_start].trim_end().len();
    if let Some(c) = cues_in(f.cues(), cs.min(q.qual_start), q.qual_start).last() {
        if c.end == pre_end
            && lex.indicators.value(c.row, 0) == "stop"
            && lex.indicators.value(c.row, 1) != "after"
        {
            return Some((c.row, c.start, q.end));
        }
    }
    let mut k = q.end;
    while lower[k..].starts_with(' ') {
        k += 1;
    }
    if let Some(c) = lex.indicators.match_at(lower, k) {
        let attach = lex.indicators.value(c.row, 1);
        let fam = lex.indicators.value(c.row, 0);
        // (the money disbursed, then the funds it came from: `giải ngân được 18.450 triệu đồng vốn
        // sự nghiệp`)
        let disbursed = fam.starts_with("funding")
            && cues_in(f.cues(), cs.min(q.qual_start), q.qual_start)
                .last()
                .is_some_and(|d| {
                    lex.indicators.value(d.row, 0) == "disbursement"
                        && matches!(lower[d.end..pre_end].trim(), "" | "được" | "là" | "đạt")
                });
        if (attach == "after" || attach == "both") && fam != "none" && !disbursed {
            return Some((c.row, c.start, c.end));
        }
        // a change before the rate it changes: `giảm 3% tỷ lệ hộ nghèo`
        let pre = &lower[cs.min(q.qual_start)..q.qual_start];
        if q.measure == Measure::Percent
            && lookup(fam, q.measure, true).is_some()
            && RATE_NOUN.iter().any(|n| lower[c.start..].starts_with(n))
            && (ends_with_any(pre, &WORDS.decrease) || ends_with_any(pre, &WORDS.increase))
        {
            return Some((c.row, c.start, c.end));
        }
    }
    if q.measure == Measure::Households {
        if let Some(u) = HO
            .find(&lower.as_bytes()[q.num_end..q.end])
            .map(|i| q.num_end + i)
        {
            if let Some(c) = lex.indicators.match_at(lower, u) {
                if c.end > q.end && lex.indicators.value(c.row, 0) != "none" {
                    return Some((c.row, c.start, c.end));
                }
            }
        }
    }
    if q.measure == Measure::Households {
        if let Some(c) = escaped_after(doc, q.end) {
            return Some(c);
        }
    }
    let to = q.qual_start.max(cs);
    let before = cues_in(f.cues(), cs, to);
    // (no `(` before the number in its clause: no cue in brackets)
    let first_open = memchr::memchr(b'(', &lower.as_bytes()[cs..to]).map(|i| cs + i);
    let in_brackets = |at: usize| {
        if first_open.is_none_or(|o| o >= at) {
            return false;
        }
        let b = &lower.as_bytes()[cs..at];
        let open = memchr::memchr_iter(b'(', b).count() > memchr::memchr_iter(b')', b).count();
        open && memchr::memchr(b')', &lower.as_bytes()[at..q.qual_start]).is_some()
    };
    before
        .iter()
        .rev()
        .filter(|c| c.end <= q.qual_start && !in_brackets(c.start))
        .find(|c| {
            let fam = lex.indicators.value(c.row, 0);
            // a `near` stop cue stops only the number right after it (`ngân sách trung ương: 30 tỷ`)
            let far_stop = fam == "stop"
                && lex.indicators.value(c.row, 2) == "near"
                && lower[c.end..q.qual_start].split_whitespace().count() > 2;
            lex.indicators.value(c.row, 1) != "after"
                && !far_stop
                && fam != "none"
                && (matches!(fam, "stop" | "previous")
                    || lookup(fam, q.measure, false).is_some()
                    || lookup(fam, q.measure, true).is_some()
                    || (fam == "disbursement" && q.shape == Shape::Fraction)
                    || (fam == "income" && q.measure == Measure::Vnd))
        })
        .map(|c| (c.row, c.start, q.end))
}

/// A value of a list that follows its nouns, `lần lượt` or `tương ứng` between them
/// (`tỷ lệ hộ nghèo, hộ cận nghèo lần lượt là 35,2% và 12,7%`, `giảm lần lượt 5,12% và
/// 1,03%`): the family of the noun at the value's place, and whether the list is of decreases
/// (`Some(true)`) or increases (`Some(false)`). The values are numbers of the same measure
/// joined by `và` or commas; the nouns are the last as many indicator cues before the word,
/// each of a family of its own that can take that measure.
fn zipped_family(
    doc: &Document,
    f: &Found,
    qi: usize,
    cs: usize,
    w: &Words,
) -> Option<(&'static str, Option<bool>)> {
    let lex = lexicon();
    let lower = &doc.lower;
    let q = &doc.quantities[qi];
    let r = [
        last_within(
            f.respectively_at(),
            LAN_LUOT.needle().len(),
            cs,
            q.qual_start,
        ),
        last_within(
            f.correspondingly_at(),
            TUONG_UNG.needle().len(),
            cs,
            q.qual_start,
        ),
    ]
    .into_iter()
    .flatten()
    .max()?;
    // the values: from the first number after the word, while the measure and the joins hold
    let mut first = qi;
    while first > 0 && doc.quantities[first - 1].qual_start > r {
        first -= 1;
    }
    let mut n = 1;
    let mut idx = None;
    for j in first..doc.quantities.len() {
        let qj = &doc.quantities[j];
        if j > first {
            let gap = gap_text(lower, doc.quantities[j - 1].end, qj.qual_start);
            if qj.measure != q.measure || !matches!(gap, "" | "và") {
                break;
            }
            n += 1;
        } else if qj.measure != q.measure {
            return None;
        }
        if j == qi {
            idx = Some(j - first);
        }
    }
    let idx = idx?;
    if n < 2 {
        return None;
    }
    let fits = |c: &&Cue| {
        let fam = lex.indicators.value(c.row, 0);
        lex.indicators.value(c.row, 1) != "after"
            && !matches!(fam, "none" | "stop" | "previous")
            && (lookup(fam, q.measure, false).is_some() || lookup(fam, q.measure, true).is_some())
    };
    // (a cue of the poor and near-poor together names them one by one in such a list: its
    // `pair` column, `tỷ lệ hộ nghèo và cận nghèo lần lượt là 4,12% và 7,25%`)
    let nouns: Vec<&'static str> = cues_in(f.cues(), cs, r)
        .iter()
        .filter(fits)
        .flat_map(|c| {
            let pair = lex.indicators.value(c.row, 3);
            let names = if pair.is_empty() {
                lex.indicators.value(c.row, 0)
            } else {
                pair
            };
            names.split('|')
        })
        .collect();
    let nouns = nouns.get(nouns.len().checked_sub(n)?..)?;
    if (1..n).any(|k| nouns[..k].contains(&nouns[k])) {
        return None;
    }
    let head = &lower[cs..doc.quantities[first].qual_start];
    let around = |list: &WordList| ends_with_any(&lower[cs..r], list) || ends_with_any(head, list);
    let change = if around(&w.decrease) {
        Some(true)
    } else if around(&w.increase) {
        Some(false)
    } else {
        None
    };
    Some((nouns[idx], change))
}

/// `thoát nghèo` after a count of households and a few words (`escape_filler` rows of
/// `figure_words.tsv`, a place after `ở` or `tại`): `96 hộ vươn lên thoát nghèo`, `327 hộ ở
/// huyện Mang Yang thoát nghèo`. The cue's row, start and end.
fn escaped_after(doc: &Document, from: usize) -> Option<(usize, usize, usize)> {
    let lex = lexicon();
    let lower = &doc.lower;
    let skip_spaces = |k: usize| k + (lower[k..].len() - lower[k..].trim_start_matches(' ').len());
    let mut k = skip_spaces(from);
    for _ in 0..3 {
        if let Some(w) = WORDS
            .escape_filler
            .iter()
            .filter(|w| lower[k..].starts_with(w.as_str()) && is_word_edge(lower, k, w.len()))
            .max_by_key(|w| w.len())
        {
            k = skip_spaces(k + w.len());
            continue;
        }
        let prep = ["ở ", "tại "]
            .into_iter()
            .find(|p| lower[k..].starts_with(p));
        if let Some(p) = prep.and_then(|p| doc.places.iter().find(|pl| pl.start == k + p.len())) {
            k = skip_spaces(p.end);
            // `(tỉnh Lai Châu)`, `, tỉnh Lai Châu`: the place's province
            if let Some(h) = doc.places.iter().find(|pl| {
                pl.start > k && pl.start <= k + 7 && matches!(lower[k..pl.start].trim(), "(" | ",")
            }) {
                k = skip_spaces(h.end);
                if lower[k..].starts_with(')') {
                    k = skip_spaces(k + 1);
                }
            }
            continue;
        }
        break;
    }
    let c = lex.indicators.match_at(lower, k)?;
    (k > skip_spaces(from) && lex.indicators.value(c.row, 0) == "escaped")
        .then_some((c.row, c.start, c.end))
}

/// Whether a sentence (lowercase) opens with the word `trong đó` (`Trong đó, …`; not
/// `Trong đóng góp …`): it goes on with the one before.
fn opens_with_trong_do(sentence: &str) -> bool {
    sentence
        .strip_prefix("trong đó")
        .is_some_and(|r| !r.starts_with(crate::lexicon::is_alnum))
}

/// The clause of a byte in its sentence: after the last `;` before it, up to the next.
fn clause(doc: &Document, s_start: usize, s_end: usize, at: usize, end: usize) -> (usize, usize) {
    let lower = &doc.lower;
    // a clause is read at most MAX_CLAUSE bytes around its number, so a page that is one
    // endless sentence still costs time in proportion to its length
    let from =
        crate::lexicon::floor_boundary(lower, at.saturating_sub(MAX_CLAUSE).max(s_start)).min(at);
    let cs = memchr::memrchr(b';', &lower.as_bytes()[from..at]).map_or(from, |i| from + i + 1);
    let end = end.min(s_end);
    let to = crate::lexicon::floor_boundary(lower, (end + MAX_CLAUSE).min(s_end)).max(end);
    let ce = memchr::memchr(b';', &lower.as_bytes()[end..to]).map_or(to, |i| end + i);
    (cs, ce)
}

/// Where the rest of a count's noun after byte `at` ends (`noun_rest` of `figure_words.tsv`:
/// `1.234 hộ| nghèo`), or `at` when none follows.
fn noun_rest_end(lower: &str, at: usize) -> usize {
    let rest = &lower[at..];
    let gap = rest.len() - rest.trim_start_matches(' ').len();
    WORDS
        .noun_rest
        .iter()
        .find(|w| {
            rest[gap..]
                .strip_prefix(w.as_str())
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', ',', '.', ';']))
        })
        .map_or(at, |w| at + gap + w.len())
}

/// The action of the words right after a number (`figure_after.tsv`).
fn after_action(lower: &str, at: usize, limit: usize) -> Option<&'static str> {
    let lex = lexicon();
    let mut k = at;
    for _ in 0..2 {
        while k < limit && lower[k..].starts_with([' ', '(']) {
            k += 1;
        }
        if k >= limit {
            return None;
        }
        if let Some(c) = lex.figure_after.match_at(lower, k) {
            // an aside in brackets that gives a number of its own (`giảm 4,52% (kế hoạch giao
            // giảm 4%)`) says nothing of the number before it
            if lower[at..k].contains('(') {
                let inner = &lower[c.end..];
                let close = inner.find(')').unwrap_or(inner.len());
                if inner[..close].bytes().any(|b| b.is_ascii_digit()) {
                    return None;
                }
            }
            return match lex.figure_after.value(c.row, 0) {
                "skip" => Some("skip"),
                "at_least" => Some("at_least"),
                "target" => Some("target"),
                "em_share" => Some("em_share"),
                "benefit" | "share_of" | "received" => None,
                _ => Some("keep"),
            };
        }
        if lower[k..].starts_with(',') {
            k += 1;
        } else {
            break;
        }
    }
    None
}

/// Whether the households right after a percent (`share_of` in `figure_after.tsv`) are
/// said to receive something (`received`, `benefit`) in the same clause, before `to`:
/// `100% hộ nghèo, hộ cận nghèo được hỗ trợ`, `95% hộ nghèo trên địa bàn huyện đã được tiếp
/// cận`: a share of the poor, not a rate. (A comma ends the clause, but for one before more
/// households: `giảm 3,2% hộ nghèo, được tỉnh khen thưởng` is a rate.)
fn share_received(doc: &Document, at: usize, to: usize) -> bool {
    let lex = lexicon();
    let lower = &doc.lower;
    let k = at + (lower[at..].len() - lower[at..].trim_start().len());
    let to = crate::lexicon::floor_boundary(lower, to.min(k + 120).min(lower.len()));
    if k >= to {
        return false;
    }
    let cues = doc.cues(&lex.figure_after, k, to);
    let role = |c: &Cue| lex.figure_after.value(c.row, 0);
    if !cues
        .first()
        .is_some_and(|c| c.start == k && role(c) == "share_of")
    {
        return false;
    }
    let mut from = k;
    for c in &cues {
        let gap = &lower[from..c.start];
        let more_households = matches!(role(c), "share_of" | "skip");
        if gap.contains([';', '.']) || (gap.contains(',') && !more_households) {
            return false;
        }
        // (or a phrase that rules the number out, `hộ cận nghèo được`)
        if matches!(role(c), "received" | "benefit" | "skip") {
            return true;
        }
        from = c.end;
    }
    false
}

fn is_em_sentence(s: &str) -> bool {
    WORDS.ethnic_topic_in.iter().any(|w| has(s, w))
}

/// Every figure of a document. `focus`: the unit the document is about.
pub fn extract_figures(doc: &Document, focus: Option<&Place>) -> Vec<FigureRow> {
    let lex = lexicon();
    let w = &*WORDS;
    let text = doc.text();
    let lower = &doc.lower;
    let f = Found::new(doc);
    let home = home_unit(doc, focus);
    let home_prov = home_province(doc, home);
    let mut rows: Vec<FigureRow> = Vec::new();
    let mut in_title: Vec<bool> = Vec::new();
    // (indicator, value, unit, population, year) of the rows so far: a story printed twice
    // yields each figure once
    type Key<'k> = (
        &'static str,
        u64,
        Option<&'k str>,
        Option<&'static str>,
        Option<i32>,
    );
    // each figure's key, and the row it gave
    let mut seen: FxHashMap<Key<'_>, usize> =
        FxHashMap::with_capacity_and_hasher(doc.quantities.len(), Default::default());
    let mut read: Vec<Option<Read>> = vec![None; doc.quantities.len()];
    // the family carried to the next clauses of a sentence: (sentence, family, population)
    let mut carry: Option<(usize, &'static str, Option<&'static str>)> = None;
    // the last rate read: (paragraph, family, population)
    let mut topic: Option<(usize, &'static str, Option<&'static str>)> = None;
    // the last figure read: (paragraph, family, measure)
    let mut last_figure: Option<(usize, &'static str, Measure)> = None;
    // counts that rates after `tương ứng` pair with, and the next one to take
    let mut respective: Option<(Vec<usize>, usize)> = None;
    // the unit of the last figure: (paragraph, unit)
    let mut last_unit: Option<(usize, UnitPick)> = None;
    for (qi, q) in doc.quantities.iter().enumerate() {
        let Some(si) = doc.sentence_of(q.start) else {
            continue;
        };
        let s = doc.seg.sentences[si];
        let pk = doc.seg.para_kind(&s);
        let sub_heading = pk == ParaKind::Caption && {
            let p = doc.seg.paras[s.para];
            let line = &lower[p.start..p.end];
            !line.contains("ảnh") && !cues_in(f.cues(), p.start, q.qual_start).is_empty()
        };
        if !matches!(pk, ParaKind::Body | ParaKind::Title | ParaKind::Lead) && !sub_heading {
            continue;
        }
        // a sentence that opens with `Trong đó,` goes on with the clause before it (`… còn 4.876
        // hộ nghèo. Trong đó, xã Mường Lạn 621 hộ, …`)
        let clause_from = si
            .checked_sub(1)
            .map(|p| doc.seg.sentences[p])
            .filter(|p| p.para == s.para && opens_with_trong_do(&lower[s.start..s.end]))
            .map_or(s.start, |p| p.start);
        let (cs, ce) = clause(doc, clause_from, s.end, q.qual_start, q.end);
        // the sentence around the number, at most MAX_CLAUSE bytes either side
        let win_from =
            crate::lexicon::floor_boundary(lower, q.qual_start.saturating_sub(MAX_CLAUSE))
                .max(s.start);
        let win_to =
            crate::lexicon::floor_boundary(lower, (q.end + MAX_CLAUSE).min(s.end)).max(q.end);
        let sent_win = &lower[win_from..win_to];
        let pre = &lower[cs..q.qual_start];
        let next_start = doc
            .quantities
            .get(qi + 1)
            .map_or(ce, |n| n.qual_start.min(ce));
        let action = after_action(lower, q.end, ce).or_else(|| {
            (q.measure == Measure::Percent && share_received(doc, q.end, next_start))
                .then_some("skip")
        });

        // (`giảm từ 5-7%`; `mỗi năm giảm từ 250 hộ nghèo trở lên`: a change of at least so much)
        let at_least = || {
            q.measure == Measure::Households
                && after_action(lower, noun_rest_end(lower, q.end), ce) == Some("at_least")
        };
        let decrease = ends_with_any(pre, &w.decrease)
            || ((q.shape == Shape::Range || at_least()) && ends_with_any(pre, &w.range_decrease));
        let mut change = decrease || ends_with_any(pre, &w.increase);
        let mut negative = decrease;
        let mut family: Option<&'static str> = None;
        let mut population: Option<&'static str> = None;
        let mut linked_pop = false;
        let mut phrase = q.qual_start;
        let mut tail = q.end;
        let prev = qi
            .checked_sub(1)
            .and_then(|i| read[i].as_ref().map(|r| (i, r)))
            .filter(|(_, r)| r.sentence == si);
        // the households a change of rate stands for (`giảm 4,12% hộ nghèo, tương ứng 812 hộ`):
        // a change the same way
        if let Some((pi, r)) = &prev {
            let gap = gap_text(lower, r.tail, q.qual_start);
            if !change
                && r.change
                && q.measure == Measure::Households
                && doc.quantities[*pi].measure == Measure::Percent
                && gap
                    .strip_suffix("với")
                    .map_or(gap, str::trim_end)
                    .ends_with("tương ứng")
            {
                change = true;
                negative = r.negative;
            }
        }

        // a rate paired with a count before it
        if q.measure == Measure::Percent {
            if let Some((pi, r)) = &prev {
                let gap = gap_text(lower, r.tail, q.qual_start);
                let pq = &doc.quantities[*pi];
                if pq.measure == Measure::Households && r.tail >= cs {
                    if w.respectively.iter().any(|x| gap.starts_with(x.as_str())) {
                        // the counts before, joined by `và` or commas
                        let mut run = vec![*pi];
                        let mut j = *pi;
                        while let Some(k) = j.checked_sub(1) {
                            let Some(rk) = &read[k] else { break };
                            let g = gap_text(lower, rk.tail, doc.quantities[j].qual_start);
                            if rk.sentence != si
                                || doc.quantities[k].measure != Measure::Households
                                || !matches!(g, "" | "và")
                            {
                                break;
                            }
                            run.push(k);
                            j = k;
                        }
                        run.reverse();
                        let first = run[0];
                        respective = Some((run, 1));
                        if let Some(rf) = &read[first] {
                            family = Some(rf.family);
                            change = rf.change;
                            negative = rf.negative;
                            population = rf.population;
                            linked_pop = true;
                            phrase = doc.quantities[first].qual_start;
                        }
                    } else if is_link(gap, w) {
                        family = Some(r.family);
                        change = r.change;
                        negative = r.negative;
                        population = r.population;
                        linked_pop = true;
                        phrase = pq.qual_start;
                    }
                } else if pq.measure == Measure::Percent && matches!(gap, "" | "và") {
                    if let Some((run, next)) = &mut respective {
                        if let Some(&k) = run.get(*next) {
                            if let Some(rf) = &read[k] {
                                family = Some(rf.family);
                                change = rf.change;
                                negative = rf.negative;
                                population = rf.population;
                                linked_pop = true;
                                phrase = doc.quantities[run[0]].qual_start;
                            }
                            *next += 1;
                        }
                    }
                }
            }
        }
        if family.is_none() {
            respective = None;
        }
        // a count after its rate: `21,92% với 701.461 hộ`
        let own = governing_cue(doc, &f, q, cs);
        let own_after = own.filter(|&(_, at, _)| at >= q.end.min(q.num_end));
        if q.measure == Measure::Households && own_after.is_none() && family.is_none() {
            if let Some((pi, r)) = &prev {
                let pq = &doc.quantities[*pi];
                if pq.measure == Measure::Percent
                    && r.tail >= cs
                    && is_link(gap_text(lower, pq.end, q.qual_start), w)
                {
                    family = Some(r.family);
                    population = r.population;
                    linked_pop = true;
                    phrase = r.phrase;
                }
            }
        }
        let mut governed = false;
        // a clause about something else (`tăng trưởng GDP`, `hộ đói`) blocks what came before
        let blocked = family.is_none()
            && own.is_some_and(|(row, _, _)| lex.indicators.value(row, 0) == "stop");
        // a clause with a rate of its own that no cue names (`; tỷ lệ lao động qua đào tạo đạt
        // 62%`) continues no clause and takes no topic
        let blocked = blocked
            || (family.is_none() && own.is_none() && RATE_NOUN.iter().any(|n| pre.contains(n)));
        // the nouns before `lần lượt` / `tương ứng`, zipped with the values after it
        let zipped = if family.is_none() && !blocked && own.is_some_and(|(_, at, _)| at < q.start) {
            zipped_family(doc, &f, qi, cs, w)
        } else {
            None
        };
        if family.is_none() && !blocked {
            if let Some((row, at, end)) = own {
                let fam = lex.indicators.value(row, 0);
                if at < q.start {
                    let between = &lower[at..q.qual_start];
                    if contains_word(between, &w.not_net_in) {
                        continue;
                    }
                    // `giảm tỷ lệ hộ nghèo năm 2022 là 0,47%`: the verb before the cue
                    if !change {
                        let cue_end = lex.indicators.match_at(lower, at).map_or(at, |c| c.end);
                        // the words between the cue and the number, up to the second
                        let mut gap = lower[cue_end..q.qual_start]
                            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':'))
                            .filter(|t| {
                                !t.is_empty()
                                    && !t.chars().all(|c| c.is_ascii_digit())
                                    && !matches!(*t, "năm" | "là" | "đạt" | "được")
                            });
                        let (first, second) = (gap.next(), gap.next());
                        if second.is_none()
                            && !first.is_some_and(|t| w.trajectory.iter().any(|x| x == t))
                            && ends_with_any(&lower[cs..at], &w.decrease)
                        {
                            change = true;
                            negative = true;
                        }
                    }
                    phrase = at;
                } else {
                    tail = end;
                    // `320 hộ nghèo phát sinh`: not the stock
                    let after = lower[end..].trim_start();
                    if w.not_net
                        .iter()
                        .any(|x| after.starts_with(x.as_str()) && is_word_edge(after, 0, x.len()))
                    {
                        continue;
                    }
                }
                if lex.indicators.value(row, 2) == "decrease" {
                    change = true;
                    negative = !ends_with_any(pre, &w.increase);
                }
                if let Some((zf, zc)) = zipped {
                    family = Some(zf);
                    if let Some(decrease) = zc {
                        change = true;
                        negative = decrease;
                    }
                } else if fam == "previous" {
                    // (`riêng năm 2024 là …`: the figure before of the same measure, whatever it
                    // was; `tỷ lệ này`: the rate of the poor before)
                    family = if lex.indicators.value(row, 2) == "any" {
                        last_figure
                            .filter(|(p, _, m)| s.para.saturating_sub(*p) <= 1 && *m == q.measure)
                            .map(|(_, fam, _)| fam)
                    } else {
                        topic
                            .as_ref()
                            .filter(|(p, _, _)| s.para.saturating_sub(*p) <= 1)
                            .map(|(_, fam, _)| *fam)
                    };
                } else {
                    family = Some(fam);
                }
                governed = true;
            }
        }
        // a clause without a cue continues the clause before it
        let mut carried = false;
        if family.is_none() && !blocked {
            if let Some((csi, fam, pop)) = &carry {
                if *csi == si && cs > s.start {
                    family = Some(*fam);
                    population = *pop;
                    linked_pop = true;
                    carried = true;
                    phrase = cs + (lower[cs..].len() - lower[cs..].trim_start().len());
                }
            }
        }
        // a trajectory without its noun: `… giảm xuống còn 20,52%`
        // … or its start: `từ 39,99% năm 2021 giảm xuống còn 25,68%`
        let starts_trajectory = pre.trim_end().ends_with("từ")
            && contains_word(&lower[q.end..ce.max(q.end)], &w.trajectory_in);
        if family.is_none()
            && !blocked
            && q.measure == Measure::Percent
            && (ends_with_any(pre, &w.trajectory) || starts_trajectory)
        {
            let sent = sent_win;
            family = topic
                .as_ref()
                .filter(|(p, _, _)| s.para.saturating_sub(*p) <= 1)
                .map(|(_, fam, _)| *fam)
                .or_else(|| has(sent, &GIAM_NGHEO).then_some("poor"));
            governed = family.is_some();
        }
        // a yearly decrease without its noun in a text about poverty: `phấn đấu giảm 3%/năm`
        if family.is_none() && !blocked && q.measure == Measure::Percent && q.per_year && negative {
            family = topic
                .as_ref()
                .filter(|(p, _, _)| s.para.saturating_sub(*p) <= 1)
                .map(|(_, fam, _)| *fam)
                .or_else(|| (has(sent_win, &NGHEO) || f.poverty_title()).then_some("poor"));
        }
        // a share of the population that is ethnic minority
        if q.measure == Measure::Percent
            && action == Some("em_share")
            && is_em_sentence(sent_win)
            && !family.is_some_and(|x| x != "em_share" && !governed)
        {
            family = Some("em_share");
            change = false;
        }
        let Some(family) = family else { continue };
        // a rate per year of the poor is a change (`giảm bình quân 1,42%/năm`, `mục tiêu 4%/năm`)
        if q.measure == Measure::Percent
            && q.per_year
            && !change
            && matches!(family, "poor" | "near_poor")
        {
            change = true;
            negative = !ends_with_any(pre, &w.increase);
        }
        if governed {
            carry = Some((si, family, None));
        }
        // population: a subgroup named in the clause, up to the next number
        // (a subgroup after the number only when it is the number's own noun: `3.373 hộ nghèo DTTS`)
        let pop_end = (q.end + 2).min(next_start.max(q.end)).min(ce.max(q.end));
        let pop_cue = cues_in(f.populations(), cs, pop_end).last();
        if let Some(c) = pop_cue {
            population = match lex.populations.value(c.row, 0) {
                "ethnic_minority" => Some("ethnic_minority"),
                "other" => Some("other"),
                _ => None,
            };
        } else if !linked_pop {
            population = None;
        }
        if family == "em_share" {
            population = None;
        }
        if let Some(c) = &mut carry {
            if c.0 == si && governed {
                c.2 = population;
            }
        }
        read[qi] = Some(Read {
            family,
            change,
            negative,
            population,
            sentence: si,
            tail,
            phrase,
        });

        // not figures: shares of a plan (except disbursement against its plan), of the poor,
        // thresholds heading a list, households that benefit from something
        if action == Some("skip") && !(family == "disbursement" && q.measure == Measure::Percent) {
            continue;
        }
        if action == Some("at_least") && !change {
            continue;
        }
        // a class of units by their rate (`không còn xã có tỷ lệ hộ nghèo trên 30%`): a threshold
        if q.qual_start < q.start && ends_with_any(pre, &w.class_rate) {
            continue;
        }
        // (`giúp 1.200 hộ thoát nghèo`, `thoát nghèo cho 1.046 hộ`: the households that escaped)
        if q.measure == Measure::Households
            && family != "escaped"
            && (ends_with_any(pre, &w.benefit_before) || lex_after_benefit(doc, q.end, next_start))
        {
            continue;
        }
        let measure = if q.shape == Shape::Fraction && family == "disbursement" {
            Measure::Vnd
        } else if q.measure == Measure::Vnd && family == "income" && !q.per_month {
            // `thu nhập … đạt 74,4 triệu đồng` is per person and year
            Measure::VndPerPersonYear
        } else {
            q.measure
        };
        if family == "income"
            && !matches!(
                measure,
                Measure::VndPerPersonYear | Measure::VndPerPersonMonth
            )
            && !q.per_month
        {
            continue;
        }
        let Some((indicator, measure_name)) = lookup(family, measure, change) else {
            continue;
        };
        if q.measure == Measure::Percent
            && matches!(family, "poor" | "near_poor" | "multidimensional")
        {
            topic = Some((s.para, family, population));
        }
        last_figure = Some((s.para, family, q.measure));
        let mut value = q.value;
        let mut other = q.other.filter(|_| q.shape == Shape::Range);
        if family == "income" && (q.per_month || q.measure == Measure::VndPerPersonMonth) {
            value *= 12.0;
            other = other.map(|o| o * 12.0);
        }
        if change && negative && !indicator.starts_with("escaped") {
            value = -value;
            other = other.map(|o| -o);
        }

        let is_stock = matches!(
            family,
            "poor" | "near_poor" | "multidimensional" | "em_share"
        );
        let (year, period_start, period_end) = year_of(doc, &f, q, qi, si, cs, (change, is_stock));
        // sentence-level look-ups read at most MAX_CLAUSE bytes before the number
        let s_from = crate::lexicon::floor_boundary(lower, q.qual_start.saturating_sub(MAX_CLAUSE))
            .max(s.start);

        // status: the last status cue before the number in its clause
        let comma_clause =
            memchr::memrchr(b',', &lower.as_bytes()[cs..q.qual_start]).map_or(cs, |i| cs + i + 1);
        // (a goal that opens a list after a colon governs every clause of it: `các chỉ tiêu
        // chủ yếu: thu nhập … đạt 35 triệu đồng; tỷ lệ hộ nghèo giảm bình quân 4%/năm`)
        let opens_a_list = |c: &Cue| {
            lex.status.value(c.row, 0) == "target"
                && memchr::memchr(b':', &lower.as_bytes()[c.end..q.qual_start]).is_some()
        };
        // (a cue in brackets closed before the number governs only the brackets: `giảm 4,52%
        // (kế hoạch giao giảm 4%), còn 22,73%`)
        let closed_before = |c: &Cue| {
            let after = &lower.as_bytes()[c.end..q.qual_start];
            memchr::memchr(b')', after).is_some() && memchr::memchr(b'(', after).is_none() && {
                let before = &lower.as_bytes()[cs.min(c.start)..c.start];
                memchr::memrchr(b'(', before) > memchr::memrchr(b')', before)
            }
        };
        let status = cues_in(f.status(), s_from, q.qual_start)
            .iter()
            .rfind(|c| {
                c.end <= q.qual_start
                    && !closed_before(c)
                    && (c.start >= comma_clause
                        || c.start <= s.start + 12
                        || c.start >= cs
                        || carried
                        || opens_a_list(c))
            })
            .map(|c| match lex.status.value(c.row, 0) {
                "target" => "target",
                "estimate" => "estimate",
                _ => "actual",
            })
            .unwrap_or("actual");
        // a figure of a year after the year of writing is a goal whatever the words
        // (`…; đến năm 2030, thu nhập bình quân đầu người đạt 120 triệu đồng`)
        let after_writing = year.zip(doc.doc_year).is_some_and(|(y, w)| y > w)
            // (a yearly change with no year of its own, toward a year to come: `đến năm 2025,
            // tỷ lệ hộ nghèo giảm bình quân trên 3%/năm`)
            || (year.is_none()
                && doc.doc_year.is_some_and(|w| {
                    years_in(doc, s_from, q.qual_start).iter().any(|y| {
                        y.year > w && {
                            let before = lower[..y.start].trim_end();
                            let at = &lower[y.start..y.end];
                            at.starts_with("đến") || before.ends_with("đến") || before.ends_with("đến năm")
                        }
                    })
                }));
        let status = if action == Some("target") || (status == "actual" && after_writing) {
            "target"
        } else {
            status
        };

        let program = program_of(doc, &f, s, q, family);
        // without a home unit, names are looked for in the province of the figure before
        let last_prov = home_prov
            .is_none()
            .then(|| {
                let (_, u) = last_unit.as_ref()?;
                let name = u.province?;
                Some(UnitPick {
                    name,
                    level: "province",
                    province: Some(name),
                    code: None,
                })
            })
            .flatten();
        let hint_prov = home_prov.as_ref().or(last_prov.as_ref());
        let unit = respective_unit(doc, &f, q, qi, cs)
            .map(UnitPick::of)
            .or_else(|| {
                unit_of(
                    doc,
                    &f,
                    (s_from, cs, phrase.min(q.qual_start)),
                    q.qual_start,
                    home,
                    hint_prov,
                )
            })
            .or_else(|| {
                // the unit of the figure before, in this paragraph or the one before
                last_unit
                    .as_ref()
                    .filter(|(p, _)| s.para.saturating_sub(*p) <= 1)
                    .map(|&(_, u)| u)
            })
            .or_else(|| home.map(UnitPick::of));
        last_unit = unit.map(|u| (s.para, u));

        let key = (
            indicator.as_str(),
            value.to_bits(),
            unit.map(|u| u.name),
            population,
            year,
        );
        let title = pk == ParaKind::Title || pk == ParaKind::Caption;
        // the same figure again: once only; the body's telling of a headline's number is
        // the one kept, with the program and status its words give (below)
        let again = seen.get(&key).copied();
        if again.is_some_and(|i| title || !in_title.get(i).copied().unwrap_or(false)) {
            continue;
        }
        let ev_start = phrase.min(q.qual_start);
        let ev_end = q.end;
        let (start, end) = doc.norm.orig_span(ev_start, ev_end);
        let row = FigureRow {
            unit: unit.map(|u| u.name.to_string()),
            unit_level: unit.map(|u| u.level),
            unit_province: unit.and_then(|u| u.province.map(str::to_string)),
            unit_code: unit.and_then(|u| u.code.map(str::to_string)),
            indicator: indicator.clone(),
            program,
            value,
            measure: measure_name.clone(),
            year,
            period_start,
            period_end,
            population,
            status,
            qualifier: q.qualifier,
            text: text[ev_start..ev_end].to_string(),
            start,
            end,
        };
        if let Some(i) = again {
            rows[i] = row;
            in_title[i] = false;
            continue;
        }
        seen.insert(key, rows.len());
        // both ends of a range
        if let Some(o) = other {
            let mut r = row.clone();
            r.value = o;
            rows.push(row);
            in_title.push(title);
            rows.push(r);
            in_title.push(title);
        } else {
            rows.push(row);
            in_title.push(title);
        }
        // the whole of a disbursed fraction is the funding total
        if q.shape == Shape::Fraction && family == "disbursement" {
            if let Some(total) = q.other {
                let mut r = rows.last().cloned().unwrap_or_default();
                r.indicator = "funding_total".into();
                r.value = total;
                // (the row's unit is the unit's name)
                let key = (
                    "funding_total",
                    total.to_bits(),
                    unit.map(|u| u.name),
                    r.population,
                    r.year,
                );
                if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(key) {
                    e.insert(rows.len());
                    rows.push(r);
                    in_title.push(title);
                }
            }
        }
    }
    // a headline rounds a number of the body (`gần 2 triệu hộ` for 1.972.767 hộ)
    let keep: Vec<bool> = rows
        .iter()
        .zip(&in_title)
        .map(|(r, &t)| {
            // (or gives a number of the body under a looser name: `Tỷ lệ hộ nghèo đa chiều còn
            // 41,2%` for the body's rate of the poor and near-poor together)
            !t || !rows.iter().zip(&in_title).any(|(o, &ot)| {
                !ot && ((o.indicator == r.indicator
                    && o.value != 0.0
                    && ((o.value - r.value) / o.value).abs() <= 0.1)
                    || (o.value == r.value && o.measure == r.measure && o.unit == r.unit))
            })
        })
        .collect();
    rows.into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// Whether beneficiary words follow a count, up to the next number (`11.467 hộ … thụ hưởng`).
fn lex_after_benefit(doc: &Document, from: usize, to: usize) -> bool {
    let lower = &doc.lower;
    let lex = lexicon();
    let to = to.min(from + 64).min(lower.len());
    let to = crate::lexicon::floor_boundary(lower, to);
    if from >= to {
        return false;
    }
    doc.cues(&lex.figure_after, from, to)
        .iter()
        .any(|c| matches!(lex.figure_after.value(c.row, 0), "benefit"))
}

/// The period `y` is the name of a poverty standard's (`theo chuẩn nghèo đa chiều giai đoạn
/// 2026-2030`: `standard` rows of figure_words.tsv), not the time a figure covers.
fn names_a_standard(lower: &str, y: &YearMention) -> bool {
    let from = crate::lexicon::floor_boundary(lower, y.start.saturating_sub(48));
    ends_with_any(&lower[from..y.start], &WORDS.standard)
}

/// Year and period of a figure.
fn year_of(
    doc: &Document,
    f: &Found,
    q: &Quantity,
    qi: usize,
    si: usize,
    cs: usize,
    (change, is_stock): (bool, bool),
) -> (Option<i32>, Option<i32>, Option<i32>) {
    let lower = &doc.lower;
    let s = doc.seg.sentences[si];
    let para = doc.seg.paras[s.para];
    // at most MAX_CLAUSE bytes before the number in its sentence, twice that in its paragraph
    let s_from =
        crate::lexicon::floor_boundary(lower, q.start.saturating_sub(MAX_CLAUSE)).max(s.start);
    let s_to = crate::lexicon::floor_boundary(lower, (q.end + MAX_CLAUSE).min(s.end)).max(q.end);
    let p_from = crate::lexicon::floor_boundary(lower, q.start.saturating_sub(2 * MAX_CLAUSE))
        .max(para.start);
    let idx = |y: &YearMention| -> usize {
        // index of a mention (mentions are sorted and distinct by start)
        doc.years.partition_point(|m| m.start < y.start)
    };
    let inherited = |y: &YearMention| !f.not_inherited().get(idx(y)).copied().unwrap_or(false);
    let point =
        |y: &YearMention| matches!(y.kind, YearKind::Point | YearKind::EndOf | YearKind::PartOf);
    // its own year: right after it (`38,3% cuối năm 2023`, `73,26% (2021)`, `4,5% vào cuối năm 2020`)
    let next_q = doc
        .quantities
        .get(qi + 1)
        .map_or(s.end, |n| n.qual_start.min(s.end));
    let own = years_in(doc, q.end, next_q.max(q.end)).first().filter(|y| {
        let gap = lower[q.end..y.start].trim_matches(|c: char| c.is_whitespace() || c == '(');
        // (the rest of the figure's noun first: `1.234 hộ nghèo vào cuối năm 2023`)
        let gap = WORDS
            .noun_rest
            .iter()
            .find_map(|w| {
                gap.strip_prefix(w.as_str())
                    .filter(|r| r.is_empty() || r.starts_with(' '))
            })
            .map_or(gap, str::trim_start);
        // (not the year of the next number: `còn 27,4% (năm 2021 là 41,2%)`)
        let names_the_next = next_q < s.end
            && matches!(
                lower[y.end..next_q].trim(),
                "là" | ":" | "là:" | "đạt" | "có" | "còn"
            );
        point(y) && matches!(gap, "" | "vào" | "trong" | "của") && !names_the_next
    });
    // … or right before it, the number in brackets (`so với năm 2023 (11,7%)`)
    let own = own.or_else(|| {
        years_in(doc, cs, q.start).last().filter(|y| {
            point(y)
                && y.end <= q.qual_start
                && matches!(lower[y.end..q.qual_start].trim(), "(" | "là" | "là:" | ":")
        })
    });
    // … or, for a change, the own year of the value right before it in its clause, the
    // change's end (`xuống còn 33,6% cuối năm 2020, giảm 4,6%`)
    let own = own.or_else(|| {
        let prev = doc.quantities.get(qi.checked_sub(1).filter(|_| change)?)?;
        if prev.start < cs || prev.end > q.start {
            return None;
        }
        years_in(doc, prev.end, q.start).first().filter(|y| {
            let gap =
                lower[prev.end..y.start].trim_matches(|c: char| c.is_whitespace() || c == '(');
            point(y) && matches!(gap, "" | "vào" | "trong")
        })
    });
    let mut year = own
        .map(|y| y.year)
        .or_else(|| respective_year(doc, f, q, qi, cs));
    if year.is_none() {
        year = last_year_in(doc, cs, q.start, |y| point(y) && inherited(y));
    }
    if year.is_none() {
        year = tag_year(doc, q.end, s_to);
    }
    let (mut period_start, mut period_end) = (None, None);
    let period = |y: &&YearMention| {
        matches!(y.kind, YearKind::Period | YearKind::Since) && !names_a_standard(lower, y)
    };
    if let Some(p) = years_in(doc, s_from, s_to).iter().find(period) {
        period_start = Some(p.year);
        period_end = p.until;
    } else if opens_with_trong_do(&lower[s.start..s.end]) {
        if let Some(prev) = si.checked_sub(1).map(|i| doc.seg.sentences[i]) {
            if let Some(p) = years_in(doc, prev.start, prev.end).iter().find(period) {
                period_start = Some(p.year);
                period_end = p.until;
            }
        }
    }
    // `Giai đoạn 2021-2025, … Tỷ lệ giải ngân cả giai đoạn đạt 89,6%`: the period named before
    if period_start.is_none()
        && own.is_none()
        && contains_word(&lower[s_from..q.qual_start], &WORDS.whole_period_in)
    {
        if let Some(p) = years_in(doc, p_from, q.start)
            .iter()
            .rfind(|y| y.kind == YearKind::Period && !names_a_standard(lower, y))
        {
            period_start = Some(p.year);
            period_end = p.until;
            year = None;
        }
    }
    if year.is_some() {
        period_start = None;
        period_end = None;
    }
    if q.per_year && change && period_start.is_none() {
        if let Some(p) = years_in(doc, p_from, q.start)
            .iter()
            .rfind(|y| y.kind == YearKind::Period && !names_a_standard(lower, y))
        {
            period_start = Some(p.year);
            period_end = p.until;
        }
    }
    // a number at a point in time has a year even when its sentence names a period: the
    // period's last year when it has passed (`Từ năm 2022 đến hết năm 2024, … tỷ lệ hộ nghèo
    // giảm còn 18,9%`), else the year of writing (below)
    let stock = !change && period_start.is_some() && is_stock;
    if stock {
        if year.is_none() {
            year = period_end.filter(|&e| doc.doc_year.is_some_and(|w| e <= w));
        }
        period_start = None;
        period_end = None;
    }
    let this_year_part = || {
        THIS_YEAR.iter().zip(f.this_year()).any(|(w, at)| {
            let n = w.needle().len();
            last_within(at, n, s_from, q.start).is_some_and(|i| {
                !lower[i + n..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
            })
        })
    };
    if year.is_none() && period_start.is_none() && this_year_part() {
        year = doc.doc_year;
    }
    // a sentence that opens with `Hiện nay`, `Đến nay`: the year of writing
    let now = || {
        let head = lower[s.start..q.start].trim_start();
        WORDS.now.iter().any(|w| {
            head.strip_prefix(w.as_str())
                .is_some_and(|r| r.starts_with([',', ' ']))
        })
    };
    if year.is_none() && period_start.is_none() {
        year = last_year_in(doc, s_from, q.start, |y| point(y) && inherited(y))
            .or_else(|| as_of_year_in(doc, s_from, q.start))
            .or_else(|| now().then_some(doc.doc_year).flatten())
            .or_else(|| last_year_in(doc, p_from, q.start, |y| point(y) && inherited(y)))
            .or_else(|| as_of_year_in(doc, p_from, q.start))
            .or_else(|| f.title_year())
            .or_else(|| {
                // the year of writing; the yearly review of poor households published
                // early in a year counts the year before
                let y = doc.doc_year?;
                let early = doc.stamp().is_some_and(|st| st.year == y && st.month <= 2)
                    || doc
                        .hint
                        .is_some_and(|h| h.year == y && h.month.is_some_and(|m| m <= 2));
                let review = f.review();
                Some(if early && review { y - 1 } else { y })
            });
    }
    if q.per_year && change {
        year = None;
    }
    (year, period_start, period_end)
}

/// The year of a tag in brackets after the numbers of a sentence (`data_tag` rows of
/// `figure_words.tsv`): `… của tỉnh Thái Nguyên là 1,9% (số liệu cuối năm 2024)`.
fn tag_year(doc: &Document, from: usize, to: usize) -> Option<i32> {
    let lower = &doc.lower;
    let b = &lower.as_bytes()[from..to];
    memchr::memchr_iter(b'(', b).find_map(|i| {
        let open = from + i + 1;
        let inner = lower[open..].trim_start();
        if !WORDS.data_tag.iter().any(|w| inner.starts_with(w.as_str())) {
            return None;
        }
        let close = memchr::memchr(b')', &lower.as_bytes()[open..to]).map_or(to, |k| open + k);
        years_in(doc, open, close).first().map(|y| y.year)
    })
}

fn program_of(
    doc: &Document,
    f: &Found,
    s: crate::segment::Sentence,
    q: &Quantity,
    family: &str,
) -> Option<&'static str> {
    let lex = lexicon();
    let lower = &doc.lower;
    let last_in = |a: usize, b: usize| {
        cues_in(f.programs(), a, b)
            .iter()
            .rfind(|c| c.end <= b)
            .and_then(|c| program_name(lex.programs.value(c.row, 0)))
    };
    let money = matches!(
        family,
        "funding_total" | "funding_investment" | "funding_recurrent" | "disbursement"
    );
    if money {
        let para = doc.seg.paras[s.para];
        last_in(s.start, q.start)
            .or_else(|| last_in(para.start, q.start))
            .or_else(|| program_in(doc, s.start, s.end))
            .or_else(|| last_in(0, q.start))
    } else {
        last_in(s.start, q.start).filter(|p| {
            *p != "sustainable_poverty_reduction"
                || has(
                    &lower[crate::lexicon::floor_boundary(lower, q.start.saturating_sub(MAX_CLAUSE))
                        .max(s.start)..q.start],
                    &CHUONG_TRINH,
                )
        })
    }
}

/// The unit a number describes: the nearest unit named before it in its clause,
/// else in its sentence (`cả nước`, a region, `toàn tỉnh`, a place), else the home unit.
fn unit_of<'a>(
    doc: &'a Document,
    f: &Found,
    (s_start, cs, phrase): (usize, usize, usize),
    at: usize,
    home: Option<&'a Place>,
    home_prov: Option<&UnitPick<'a>>,
) -> Option<UnitPick<'a>> {
    let lex = lexicon();
    let lower = &doc.lower;
    let at = at.max(s_start);
    // a unit names the figure from the part of the sentence (between `, `) that holds its
    // phrase, the part before it (`Đối với huyện X, tỷ lệ …`), or the head of the sentence
    // (its subject); not from a place named in passing further back
    let part_start = |b: usize| {
        let b = b.clamp(s_start, at);
        rfind_comma_space(&lower[s_start..b]).map_or(s_start, |i| s_start + i + 2)
    };
    let p0 = part_start(phrase);
    let mut p1 = if p0 > s_start {
        part_start(p0 - 2)
    } else {
        s_start
    };
    // a part that only dates the sentence (`năm 2023`, `đến nay`) does not count
    for _ in 0..2 {
        let short = p1 > s_start
            && lower[p1..p0.saturating_sub(2).max(p1)]
                .split_whitespace()
                .count()
                <= 3;
        if !short {
            break;
        }
        p1 = part_start(p1 - 2);
    }
    let head_end = find_comma_space(&lower[s_start..at]).map_or(at, |i| s_start + i);
    let near = |pos: usize| pos >= p1 || pos < head_end;
    let pick_in = |a: usize| -> Option<(usize, UnitPick<'a>)> {
        let places = places_in(doc, s_start, at);
        let place = places
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, p)| {
                !p.is_hint
                    && p.end <= at
                    && p.start >= a
                    && near(p.start)
                    && is_party_level(p.level)
                    && !matches!(p.level, Level::Agency | Level::Foreign)
            })
            .find(|(i, p)| {
                // a province written after a unit of it qualifies that unit, and so
                // does one the home unit belongs to (`huyện nghèo của tỉnh Đắk Nông`)
                p.level != Level::Province || {
                    let of_home = home.is_some_and(|h| {
                        h.level != Level::Province && province_of(doc, h) == Some(p.name.as_str())
                    }) && ends_with_any(&doc.lower[..p.start], &POSSESSIVE);
                    !(of_home
                        || places[..*i].iter().any(|o| {
                            o.level != Level::Province
                                && province_of(doc, o) == Some(p.name.as_str())
                        }))
                }
            })
            .map(|(_, p)| (p.start, UnitPick::of(p)));
        let region = cues_in(f.regions(), a, at)
            .iter()
            .rfind(|c| c.end <= at && near(c.start))
            .map(|c| {
                (
                    c.start,
                    UnitPick {
                        name: lex.regions.value(c.row, 0),
                        level: "region",
                        province: None,
                        code: None,
                    },
                )
            });
        let word = cues_in(f.unit_words(), a, at)
            .iter()
            // `của tỉnh Đắk Nông` names its unit: the words alone do not
            .rfind(|c| {
                c.end <= at && near(c.start) && places_in(doc, c.start, c.end + 1).is_empty()
            })
            .and_then(|c| {
                let u = match lex.figure_units.value(c.row, 0) {
                    "country" => Some(country()),
                    "home_province" => home_prov.copied(),
                    // (`toàn huyện`: a district; when the article's unit is not one, the
                    // district named last before: `(Lào Cai) - … huyện Si Ma Cai … Hiện toàn
                    // huyện còn 2.145 hộ nghèo`)
                    "home" => home
                        .filter(|h| h.level == Level::District)
                        .or_else(|| {
                            doc.places[..doc.place_index(c.start)]
                                .iter()
                                .rfind(|p| !p.is_hint && p.level == Level::District)
                        })
                        .or(home)
                        .map(UnitPick::of),
                    _ => None,
                };
                u.map(|u| (c.start, u))
            });
        [place, region, word]
            .into_iter()
            .flatten()
            .max_by_key(|(start, _)| *start)
    };
    // a unit named without its level word at the head of a list item
    // (`… như: Ea Súp có 7.849 hộ; M'Đrắk 7.362 hộ`, `A Bung giảm 7,01%`)
    // (its name is resolved only where it would be taken: after any unit near the number)
    let near = pick_in(cs);
    if let Some((item_at, name)) = bare_item(doc, s_start.max(cs), at) {
        if near.as_ref().is_none_or(|(st, _)| *st < item_at) {
            if let Some(u) = resolve_bare(doc, name, None, home_prov) {
                return Some(u);
            }
        }
    }
    if let Some((_, u)) = near.or_else(|| pick_in(s_start)) {
        return Some(u);
    }
    // the subject of the sentence: `Hướng Hiệp là xã có …`
    if let Some(u) = subject_unit(doc, s_start, at, home_prov) {
        return Some(u);
    }
    // a national body reporting, with no unit named: the country
    if places_in(doc, s_start, at)
        .iter()
        .any(|p| p.level == Level::Agency)
    {
        return Some(country());
    }
    None
}

/// Each row's `text`: the original between its `start` and `end` (code points),
/// NFC, with runs of white space as one space.
pub fn text_from_original(rows: &mut [FigureRow], original: &str) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if rows.is_empty() {
        return;
    }
    let at = char_offsets(original, rows.iter().flat_map(|r| [r.start, r.end]));
    let byte_of = |k: usize| {
        at.binary_search_by_key(&k, |&(c, _)| c)
            .ok()
            .map(|i| at[i].1)
    };
    for r in rows.iter_mut() {
        let (Some(a), Some(b)) = (byte_of(r.start), byte_of(r.end)) else {
            continue;
        };
        if a > b {
            continue;
        }
        let span = &original[a..b];
        // a span already in NFC (the quick check says so for almost every text) is its own NFC
        r.text = if span.chars().all(plain_nfc) || is_nfc_quick(span.chars()) == IsNormalized::Yes {
            one_space(span)
        } else {
            one_space(&span.nfc().collect::<String>())
        };
    }
}

/// A character that is NFC in any context: a starter (combining class 0) whose NFC
/// quick check is Yes. Below U+0300, the Vietnamese letters U+1EA0–U+1EF9 and the
/// dashes, quotes and ellipsis U+2010–U+2027 (checked on every char by a test).
fn plain_nfc(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x1EA0..=0x1EF9 | 0x2010..=0x2027)
}

/// The byte offset of each code point index asked for (sorted, distinct pairs of
/// index and offset); the index of the end of `s` maps to `s.len()`, indexes beyond
/// it are left out. One walk over the bytes up to the largest index asked for.
fn char_offsets(s: &str, wanted: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
    let mut want: Vec<usize> = wanted.collect();
    want.sort_unstable();
    want.dedup();
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(want.len());
    // `k` code points start in `b[..i]`
    let (mut i, mut k) = (0, 0);
    for &w in &want {
        // every code point takes a byte at least, so the next `w - k` bytes hold at most
        // `w - k` code points: count them in bulk (up to a character boundary, `i` is
        // always one) while that leaves many to go
        loop {
            let d = (w - k).min(b.len() - i);
            if d < 16 {
                break;
            }
            let j = crate::lexicon::floor_boundary(s, i + d);
            k += s[i..j].chars().count();
            i = j;
        }
        // a code point starts at every byte that is not a continuation byte
        while i < b.len() && !(k == w && b[i] & 0xC0 != 0x80) {
            k += usize::from(b[i] & 0xC0 != 0x80);
            i += 1;
        }
        if i < b.len() {
            out.push((w, i));
        } else {
            if k == w {
                out.push((w, s.len()));
            }
            break;
        }
    }
    out
}

/// The words of `s` joined by one space (`split_whitespace` then `join(" ")`).
fn one_space(s: &str) -> String {
    if is_one_spaced(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `s` is its words joined by one space already: no white space (`char::is_whitespace`)
/// but single ` ` between words. Read on bytes: U+0085 and U+00A0 are `C2 85`,
/// `C2 A0`; U+1680 is `E1 9A 80`; U+2000–U+200A, U+2028, U+2029 and U+202F are `E2 80`
/// and `80`–`8A`, `A8`, `A9`, `AF`; U+205F is `E2 81 9F`; U+3000 is `E3 80 80`.
fn is_one_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut space = false;
    let mut i = 0;
    while i < b.len() {
        // eight bytes at a time while none may be (part of) white space but ` `: no byte
        // below 0x0E, no lead byte 0xC2, 0xE2, 0xE3 and no 0x9A (of U+1680, whose lead
        // 0xE1 many letters share)
        let end = if let Some(t) = block_at(b, i) {
            let odd = (low7_in(t, 0, 0x0D) & !t)
                | equal(t, 0xC2)
                | equal(t, 0xE2)
                | equal(t, 0xE3)
                | equal(t, 0x9A);
            if odd == 0 {
                let sp = equal(t, b' ');
                // two spaces in a row: inside the block, or the block's first after a space
                if sp & (sp >> 8) != 0 || (space && sp & FIRST != 0) {
                    return false;
                }
                space = sp & LAST != 0;
                i += 8;
                continue;
            }
            i + 8
        } else {
            b.len()
        };
        // byte by byte up to `end`
        while i < end {
            if !one_spaced_byte(b, i, &mut space) {
                return false;
            }
            i += 1;
        }
    }
    true
}

/// One step of [`is_one_spaced`] on the byte at `i`: false when white space other than a
/// single ` ` starts there (or, for 0x9A, started the byte before: `E1 9A 80`).
fn one_spaced_byte(b: &[u8], i: usize, space: &mut bool) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    {
        let white = match b[i] {
            b' ' => {
                if *space {
                    return false;
                }
                *space = true;
                return true;
            }
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => true,
            0xC2 => matches!(at(i + 1), 0x85 | 0xA0),
            0xE1 => at(i + 1) == 0x9A && at(i + 2) == 0x80,
            0x9A => i > 0 && b[i - 1] == 0xE1 && at(i + 1) == 0x80,
            0xE2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => at(i + 2) == 0x9F,
                _ => false,
            },
            0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
            _ => false,
        };
        if white {
            return false;
        }
        *space = false;
    }
    true
}

/// Resolve a name written without its level word, inside the home province.
fn resolve_bare<'a>(
    doc: &Document,
    name: &str,
    level_word: Option<&str>,
    home_prov: Option<&UnitPick<'a>>,
) -> Option<UnitPick<'a>> {
    if name.chars().count() < 2 || name.contains(char::is_numeric) {
        return None;
    }
    // without a home province, only a name of two words or more that names one unit
    if home_prov.is_none() && name.split_whitespace().count() < 2 {
        return None;
    }
    let hint = home_prov.map(|p| p.name);
    match Gazetteer::get().resolve(name, level_word, hint, &[], doc.era) {
        Resolution::Unique(u)
            if (u.level != Level::Province || home_prov.is_none_or(|p| u.name == p.name))
                && same_name(&u.name, name) =>
        {
            Some(UnitPick {
                name: &u.name,
                level: u.level.as_str(),
                province: Some(&u.province_name),
                code: Some(&u.code),
            })
        }
        _ => None,
    }
}

/// The same name, spelling variants aside (`M’Đrắk` and `M'Đrắk`), not a near one.
fn same_name(a: &str, b: &str) -> bool {
    let k = |s: &str| -> String {
        crate::normalize::key(s)
            .chars()
            .filter(|c| crate::lexicon::is_alnum(*c))
            .collect()
    };
    k(a) == k(b)
}

/// Words written with a capital: (start, end) of the run at the head of `s`.
fn capital_run(s: &str) -> usize {
    let mut end = 0;
    let mut i = 0;
    for word in s.split_inclusive(' ') {
        let w = word.trim_end();
        if w.is_empty() {
            i += word.len();
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            end = i + w.len();
            i += word.len();
        } else {
            break;
        }
    }
    end
}

/// A unit named bare at the head of the list item that holds the number: the item
/// starts after `,`, `;`, `:`, `(` or `và`, and holds at most two words between the name and
/// the number. The start of the item and the name, to resolve with [`resolve_bare`].
fn bare_item(doc: &Document, from: usize, at: usize) -> Option<(usize, &str)> {
    let text = doc.text();
    let lower = &doc.lower;
    if from >= at {
        return None;
    }
    let seg = &lower[from..at];
    // (ASCII bytes: never inside a char)
    let sb = seg.as_bytes();
    let mark = memchr::memrchr3(b',', b';', b':', sb).max(memchr::memrchr(b'(', sb));
    let mut start = from + mark.map_or(0, |i| i + 1);
    if let Some(i) = VA.rfind(&lower.as_bytes()[start..at]) {
        start += i + " và ".len();
    }
    let item = &text[start..at];
    let lead = item.len() - item.trim_start().len();
    let item = item.trim_start();
    let mut item = item;
    let mut skip = lead;
    for w in ["các xã ", "các huyện ", "xã ", "huyện ", "như "] {
        let low = &lower[start + skip..at];
        if low.starts_with(w) {
            if let Some(rest) = item.get(w.len()..) {
                item = rest;
                skip += w.len();
            }
        }
    }
    let run = capital_run(item);
    if run == 0 {
        return None;
    }
    let rest = item[run..].split_whitespace().count();
    if rest > 2 {
        return None;
    }
    let name = item[..run].trim_matches(|c: char| !crate::lexicon::is_alnum(c));
    // `xã Phìn Ngan (huyện Bát Xát) giảm 95 hộ`: the unit a bracket or comma places the one
    // before it in heads no item
    let at_name = start + skip;
    if places_in(doc, from, at)
        .iter()
        .any(|p| p.is_hint && p.start <= at_name && at_name < p.end)
    {
        return None;
    }
    Some((at_name, name))
}

/// The subject of a sentence that opens `X là xã|huyện|tỉnh …`.
fn subject_unit<'a>(
    doc: &Document,
    s_start: usize,
    at: usize,
    home_prov: Option<&UnitPick<'a>>,
) -> Option<UnitPick<'a>> {
    let text = doc.text();
    let lower = &doc.lower;
    let head = &text[s_start..at];
    let lead = head.len() - head.trim_start().len();
    let run = capital_run(head.trim_start());
    if run == 0 {
        return None;
    }
    let after = &lower[s_start + lead + run..at];
    // `X là xã …`, `X là một huyện …`: a level word of `level_words.tsv`
    let rest = after
        .strip_prefix(" là một ")
        .or_else(|| after.strip_prefix(" là "))?;
    let words = &lexicon().level_words;
    let word = words.match_at(rest, 0)?;
    if !rest[word.end..].starts_with(' ') {
        return None;
    }
    let level = words.cue(word.row);
    let name = head.trim_start()[..run].trim_matches(|c: char| !crate::lexicon::is_alnum(c));
    resolve_bare(doc, name, Some(level), home_prov)
}

/// `các năm 2021, 2022 và 2023 lần lượt là 30,5%, 25,1% và 20,4%`: the k-th number
/// after `lần lượt` takes the k-th year of the list before it.
fn respective_year(doc: &Document, f: &Found, q: &Quantity, qi: usize, cs: usize) -> Option<i32> {
    let lower = &doc.lower;
    let r = respective(doc, f, q, qi, cs)?;
    let (ll, k) = (r.at, r.index);
    // the first of the years joined in a run before `lần lượt` (`năm 2022 và năm 2023 lần
    // lượt là …`), read on from there (`năm 2021, 2022 và 2023`)
    let ys = years_in(doc, r.from, ll);
    let mut first = ys.len().checked_sub(1)?;
    while first > 0
        && matches!(
            lower[ys[first - 1].end..ys[first].start].trim(),
            "," | "và" | ", và"
        )
    {
        first -= 1;
    }
    let y = &ys[first];
    let mut list = vec![y.year];
    let mut rest = lower.get(y.end..ll)?;
    loop {
        let r = rest.trim_start();
        let r = if let Some(x) = r.strip_prefix(',') {
            x
        } else if let Some(x) = r.strip_prefix("và") {
            x
        } else {
            break;
        };
        let r = r
            .trim_start()
            .strip_prefix("năm")
            .unwrap_or(r.trim_start())
            .trim_start();
        let digits: String = r.chars().take_while(char::is_ascii_digit).collect();
        match digits.parse::<i32>() {
            Ok(v) if digits.len() == 4 && (1900..=2100).contains(&v) => {
                list.push(v);
                rest = &r[digits.len()..];
            }
            _ => break,
        }
    }
    (list.len() > 1).then(|| list.get(k).copied()).flatten()
}

/// A number that is one of the values `lần lượt` gives in order.
struct Respective {
    /// where `lần lượt` stands
    at: usize,
    /// where the things the values are of may be named, up to `at`
    from: usize,
    /// the number's place among the values of its measure (from 0)
    index: usize,
    /// the values of the list, joined in a run after `lần lượt` (0 when they are no such run)
    count: usize,
}

/// Whether `s` (trimmed) may stand between `lần lượt` and its first value: nothing, or a word
/// of kind `respective_open` (`là`, `đạt`).
fn opens_respective(s: &str) -> bool {
    s.is_empty() || WORDS.respective_open.iter().any(|w| w == s)
}

/// The `lần lượt` whose values `q` (the `qi`th quantity) is one of: in its clause (which
/// starts at `cs`), or before it in its sentence when only values stand between (`… lần lượt
/// là 25,24%; 19,08% và 13,65%`: the `;` opens a clause of its own).
fn respective(doc: &Document, f: &Found, q: &Quantity, qi: usize, cs: usize) -> Option<Respective> {
    let lower = &doc.lower;
    let n = LAN_LUOT.needle().len();
    let same = |o: &Quantity| o.measure == q.measure;
    let joined = |a: &Quantity, b: &Quantity| {
        a.end <= b.qual_start && {
            let between = lower[a.end..b.qual_start].trim();
            WORDS.respective_join.iter().any(|w| w == between)
        }
    };
    let si = doc.sentence_of(q.start)?;
    let s = doc.seg.sentences[si];
    // the values joined in a run from the first after `at`, in the sentence
    let count = |at: usize| {
        let first = doc.quantities.partition_point(|o| o.start < at + n);
        let Some(q0) = doc.quantities.get(first) else {
            return 0;
        };
        let opens = lower.get(at + n..q0.qual_start).map(str::trim);
        if !opens.is_some_and(opens_respective) || !same(q0) {
            return 0;
        }
        1 + doc.quantities[first..]
            .windows(2)
            .take_while(|w| same(&w[1]) && w[1].start < s.end && joined(&w[0], &w[1]))
            .count()
    };
    if let Some(at) = last_within(f.respectively_at(), n, cs, q.qual_start) {
        let index = doc.quantities[..qi]
            .iter()
            .rev()
            .take_while(|o| o.start > at)
            .filter(|o| same(o))
            .count();
        return Some(Respective {
            at,
            from: cs,
            index,
            count: count(at),
        });
    }
    let from =
        crate::lexicon::floor_boundary(lower, q.qual_start.saturating_sub(MAX_CLAUSE)).max(s.start);
    let at = last_within(f.respectively_at(), n, from, q.qual_start)?;
    // the values from the first after `lần lượt` to `q`, with nothing else between
    let first = doc.quantities[..qi].partition_point(|o| o.start < at + n);
    let run = &doc.quantities[first..=qi];
    let opens = lower[at + n..run[0].qual_start].trim();
    if !opens_respective(opens)
        || !run.iter().all(same)
        || !run.windows(2).all(|w| joined(&w[0], &w[1]))
    {
        return None;
    }
    Some(Respective {
        at,
        from,
        index: run.len() - 1,
        count: count(at),
    })
}

/// The unit of a value of `lần lượt` named in the same order before it (`tỷ lệ hộ nghèo của
/// các huyện Đồng Văn, Mèo Vạc, Yên Minh lần lượt là 38,5%, 41,2% và 29,7%`): the list of
/// units right before `lần lượt`, as many as the values.
fn respective_unit<'a>(
    doc: &'a Document,
    f: &Found,
    q: &Quantity,
    qi: usize,
    cs: usize,
) -> Option<&'a Place> {
    let r = respective(doc, f, q, qi, cs)?;
    let lower = &doc.lower;
    let units: Vec<&Place> = places_in(doc, r.from, r.at)
        .iter()
        .filter(|p| !p.is_hint && is_party_level(p.level) && p.end <= r.at)
        .collect();
    // the last list: units joined by `,` / `và` (their hints, in brackets, passed over)
    let mut list: Vec<&Place> = Vec::new();
    for p in units.iter().rev() {
        if let Some(next) = list.last() {
            let gap = lower[p.end..next.start].trim_matches(|c: char| c == ' ' || c == ')');
            if !matches!(gap, "," | "và" | ", và") {
                break;
            }
        }
        list.push(p);
    }
    list.reverse();
    (list.len() >= 2 && list.len() == r.count)
        .then(|| list.get(r.index).copied())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text_from_original` as it was: every code point's offset, NFC of every span.
    fn text_from_original_ref(rows: &mut [FigureRow], original: &str) {
        use unicode_normalization::UnicodeNormalization;
        if rows.is_empty() {
            return;
        }
        let mut at: Vec<usize> = original.char_indices().map(|(i, _)| i).collect();
        at.push(original.len());
        for r in rows.iter_mut() {
            let (Some(&a), Some(&b)) = (at.get(r.start), at.get(r.end)) else {
                continue;
            };
            if a > b {
                continue;
            }
            let nfc: String = original[a..b].nfc().collect();
            r.text = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }

    use crate::test_gen::Gen;

    /// The searches over word positions and searchers give what `str`'s searches gave.
    #[test]
    fn searches_same_as_str() {
        let pieces = [
            "năm",
            " nay",
            "tháng đầu ",
            "lần lượt",
            "lần",
            " ",
            ", ",
            ",",
            "a",
            "ệ",
            "giảm",
            "xuống còn",
            "phát sinh",
            "2023",
            "nn",
            "n",
        ];
        let words = ["năm nay", "lần lượt", "nn", "a", "giảm", "xuống còn", ", "];
        let old_contains_word = |s: &str, w: &str| {
            s.match_indices(w)
                .any(|(i, _)| is_word_edge(s, i, i + w.len()))
        };
        let mut g = Gen(0x853c_49e6_748f_ea9b);
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..g.below(14) {
                t.push_str(pieces[g.below(pieces.len())]);
            }
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            for w in words {
                let f = Finder::new(w);
                let at = starts_of(&t, &f);
                for _ in 0..8 {
                    let (x, y) = (bounds[g.below(bounds.len())], bounds[g.below(bounds.len())]);
                    let (a, b) = (x.min(y), x.max(y));
                    let want = t[a..b].rfind(w).map(|i| a + i);
                    assert_eq!(
                        last_within(&at, w.len(), a, b),
                        want,
                        "{t:?} {w:?} {a}..{b}"
                    );
                    let part = &t[a..b];
                    assert_eq!(
                        contains_word(part, std::slice::from_ref(&f)),
                        old_contains_word(part, w),
                        "{part:?} {w:?}"
                    );
                    assert_eq!(has(part, &f), part.contains(w));
                    assert_eq!(rfind_comma_space(part), part.rfind(", "), "{part:?}");
                    assert_eq!(find_comma_space(part), part.find(", "), "{part:?}");
                }
            }
        }
    }

    /// Every `plain_nfc` char is a starter that the NFC quick check passes.
    #[test]
    fn plain_nfc_chars_are_nfc() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| plain_nfc(c))
        {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
        }
    }

    /// `is_one_spaced` knows every white space character.
    #[test]
    fn one_spaced_on_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for t in [
                format!("a{c}b"),
                format!("{c}"),
                format!("a {c}"),
                format!("ệ{c}"),
            ] {
                let want = t.split_whitespace().collect::<Vec<_>>().join(" ") == t;
                assert_eq!(is_one_spaced(&t), want, "{t:?}");
            }
        }
    }

    /// `lookup` by the map gives the first row of `indicator_map.tsv` that fits, as the
    /// scan of the table did.
    #[test]
    fn lookup_is_the_first_fitting_row() {
        let t = &lexicon().indicator_map;
        let families = t
            .iter()
            .map(|(k, _)| k[0].as_str())
            .chain(["", "none", "stop"]);
        for family in families {
            for measure in [
                Measure::Percent,
                Measure::Vnd,
                Measure::Households,
                Measure::Persons,
                Measure::Count,
                Measure::VndPerPersonYear,
                Measure::VndPerPersonMonth,
            ] {
                for change in [false, true] {
                    let m = match measure {
                        Measure::Percent => Some("percent"),
                        Measure::Households => Some("households"),
                        Measure::Vnd => Some("vnd"),
                        Measure::VndPerPersonYear | Measure::VndPerPersonMonth => {
                            Some("vnd_per_person_year")
                        }
                        _ => None,
                    };
                    let c = if change { "yes" } else { "no" };
                    let want = m.and_then(|m| {
                        t.iter()
                            .find(|(k, _)| k[0] == family && k[1] == m && k[2] == c)
                            .map(|(_, v)| v)
                    });
                    let got = lookup(family, measure, change);
                    assert!(
                        got.map(|v| v as *const _) == want.map(|v| v as *const _),
                        "{family} {m:?} {change}"
                    );
                }
            }
        }
    }

    /// `is_one_spaced` read eight bytes at a time: every char in every place of longer
    /// texts, and generated texts of letters, spaces and white space.
    #[test]
    fn one_spaced_in_blocks() {
        let want = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ") == t;
        let base = "Tỷ lệ hộ nghèo giảm còn 3,5%";
        let chars: Vec<char> = (0..0x3100u32).filter_map(char::from_u32).collect();
        for c in chars {
            for at in (0..=base.len()).filter(|&i| base.is_char_boundary(i)) {
                for t in [
                    format!("{}{c}{}", &base[..at], &base[at..]),
                    format!("{} {c}{}", &base[..at], &base[at..]),
                ] {
                    assert_eq!(is_one_spaced(&t), want(&t), "{t:?}");
                }
            }
        }
        let pieces = [
            " ", "  ", "a", "ệ", "\u{1680}", "\u{a0}", "\u{85}", "\u{2000}", "\u{200b}",
            "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}", "\t", "\n", "\r", "\u{b}", "\u{c}",
            "\u{1}", "–", "“", "Ú", "ạ", "x", "12", ",",
        ];
        let mut g = crate::test_gen::Gen(0x5eed_0f0e_5ace_1234);
        for _ in 0..200_000 {
            let t: String = (0..g.below(24))
                .map(|_| pieces[g.below(pieces.len())])
                .collect();
            assert_eq!(is_one_spaced(&t), want(&t), "{t:?}");
        }
    }

    #[test]
    fn text_from_original_same_as_before() {
        use unicode_normalization::UnicodeNormalization;
        let pieces = [
            "Tỷ lệ hộ nghèo",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "giảm từ 47,4%",
            "xuống còn 38,3%",
            "365.032 triệu đồng",
            "1.586.336",
            "ngày 5/3/2024",
            "Đắk Nông",
            "M’Đrắk",
            "e\u{301}",
            "\u{301}",
            "\u{1ec7}",
            "a\u{323}\u{302}",
            "😀",
            "x",
            "",
        ];
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        for round in 0..3000 {
            let mut text = String::new();
            for _ in 0..g.below(12) {
                text.push_str(pieces[g.below(pieces.len())]);
            }
            if round % 3 == 0 {
                text = text.nfd().collect();
            }
            let n = text.chars().count();
            let mut rows: Vec<FigureRow> = (0..g.below(5))
                .map(|_| FigureRow {
                    start: g.below(n + 3),
                    end: g.below(n + 3),
                    text: "unchanged".into(),
                    ..FigureRow::default()
                })
                .collect();
            let mut want = rows.clone();
            text_from_original(&mut rows, &text);
            text_from_original_ref(&mut want, &text);
            assert_eq!(rows, want, "{text:?}");
        }
    }
}
