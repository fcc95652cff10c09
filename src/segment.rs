//! Paragraphs and sentences, with portal chrome, stamps, captions and repeated
//! blocks recognised.
//!
//! Chrome (polls, counters, rating prompts, banners, breadcrumbs, share and
//! comment prompts, "Tin liên quan" blocks) is the table `lexicon/chrome.tsv`,
//! matched on the lowercase line without its bullet (`• Đang online: 20`): each
//! pattern is tried only on the lines that may match it, as told by the pattern itself
//! (its literal prefixes, the chars its matches end with and must hold), so that most
//! lines are tried on none; a line without a letter or digit is chrome too. It is
//! kept in the paragraph list, so offsets stay whole, but marked so that
//! extraction does not read it. A story printed twice on one page is read
//! once: a paragraph seen before is a `Duplicate`.
//!
//! The page's stamp is the first stamp line, unless a later one stands between
//! the title and the story (the first was then the site's date of today). A
//! headline printed right above the stamp replaces a short title that is a
//! site or section name (`Báo Đồng Nai điện tử`). Full stops after
//! abbreviations (`TP.`, `TX.`, `ThS.`, `PGS.TS.`) and inside numbers
//! (`1.586.336`) do not end a sentence.

use memchr::memmem;
use once_cell::sync::Lazy;
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};
use rustc_hash::FxHashSet;

use crate::blocks::word_at;
use crate::dates::{stamp_of_line, Stamp};
use crate::lexicon::lexicon;

/// The chrome patterns of `lexicon/chrome.tsv`, each with what a line needs for it to
/// match, told without its automaton (a search costs more than the rest of segmenting the
/// line: the automata's tables are out of the cache by the time the next document's lines
/// come). Lines are matched lowercase, so the patterns are too (without a case-insensitive
/// flag, which makes an automaton several times larger).
/// A line is tried only on the patterns
/// - whose literal prefixes, when they have a finite set of them, it begins with (`tin
///   liên quan`, a digit);
/// - that end at the end of the line (`[^ ]+\.(png|…)$`, breadcrumbs), when it ends with
///   a char a match may end with (not a sentence's full stop) and holds one of the few
///   chars every match holds one of (a breadcrumb's `>` or `»`);
/// - neither of these (none today): every line.
struct ChromeGate {
    /// each pattern, in the table's order
    each: Vec<Regex>,
    /// by the first byte of a line: the literal prefixes it may begin with, and their patterns
    prefixes: Vec<Vec<Prefix>>,
    /// the patterns that end at the end of the line, with what such a line needs
    ends: Vec<(usize, LineEnd)>,
    /// the others
    rest: Vec<usize>,
}

/// A literal prefix of a chrome pattern. Lines that share a first byte share many prefixes
/// (`tin …`, `trang chủ`, `từ khóa`, `theo`): its first eight bytes are compared as one
/// word, and the rest (if any) only when those agree.
struct Prefix {
    /// the literal's first eight bytes (zero-padded), little-endian
    head: u64,
    /// the bytes of `head` that are the literal's
    mask: u64,
    lit: Vec<u8>,
    row: usize,
}

impl Prefix {
    fn new(lit: Vec<u8>, row: usize) -> Prefix {
        let n = lit.len().min(8);
        Prefix {
            // (a literal holds no zero byte: a line shorter than a literal of at most eight
            // bytes never agrees with it)
            head: word_at(&lit, 0),
            mask: u64::MAX >> (8 * (8 - n)),
            lit,
            row,
        }
    }

    /// Whether `line` begins with the literal; `head` is `word_at(line, 0)`.
    #[inline]
    fn begins(&self, line: &[u8], head: u64) -> bool {
        head & self.mask == self.head && (self.lit.len() <= 8 || line.starts_with(&self.lit))
    }
}

/// What a line needs for a pattern that ends at the end of the line to match it.
struct LineEnd {
    /// the chars the line may end with
    last: ClassUnicode,
    /// the chars one of which the line holds, when they are few (a search for each)
    holds: Option<Vec<memmem::Finder<'static>>>,
}

/// Most chars `LineEnd::holds` looks for (one search of the line each).
const HOLDS_MAX: usize = 3;

static CHROME_GATE: Lazy<ChromeGate> = Lazy::new(|| {
    let patterns: Vec<&str> = lexicon()
        .chrome
        .iter()
        .map(|(pattern, _)| pattern.as_str())
        .collect();
    ChromeGate::new(&patterns)
});

/// The literals every match of `hir` begins with, when they are a finite set without the
/// empty string (regex-syntax's prefix extraction: exact or not, each match begins with
/// one of them).
fn literal_prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let lits = seq.literals()?;
    (!lits.is_empty() && lits.iter().all(|l| !l.as_bytes().is_empty()))
        .then(|| lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// Whether `class` holds `c`.
fn has(class: &ClassUnicode, c: char) -> bool {
    let r = class.ranges();
    let i = r.partition_point(|x| x.end() < c);
    r.get(i).is_some_and(|x| x.start() <= c)
}

/// The chars of `class` as UTF-8, up to one more than `HOLDS_MAX` (enough to tell a class
/// too large for `LineEnd::holds`).
fn chars_of(class: &ClassUnicode) -> Vec<String> {
    class
        .ranges()
        .iter()
        .flat_map(|r| r.start()..=r.end())
        .take(HOLDS_MAX + 1)
        .map(String::from)
        .collect()
}

/// A class one of whose chars every match of `hir` holds, the smallest found (None when
/// a match may hold none: it may be empty, or made of looks only).
fn required_chars(hir: &Hir) -> Option<ClassUnicode> {
    let size = |c: &ClassUnicode| {
        c.ranges()
            .iter()
            .map(|r| u64::from(r.end()) - u64::from(r.start()) + 1)
            .sum::<u64>()
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Literal(lit) => {
            let c = std::str::from_utf8(&lit.0).ok()?.chars().next()?;
            Some(ClassUnicode::new([ClassUnicodeRange::new(c, c)]))
        }
        HirKind::Class(Class::Unicode(c)) => Some(c.clone()),
        HirKind::Repetition(r) if r.min > 0 => required_chars(&r.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(c) => required_chars(&c.sub),
        // any part's will do: the smallest
        HirKind::Concat(parts) => parts.iter().filter_map(required_chars).min_by_key(size),
        // one of each alternative's
        HirKind::Alternation(alts) => {
            let mut class = ClassUnicode::empty();
            for alt in alts {
                class.union(&required_chars(alt)?);
            }
            Some(class)
        }
    }
}

/// The chars the matches of `hir` may end with, when no match is empty (None then, or
/// for a part this does not read: a class of bytes).
fn last_chars(hir: &Hir) -> Option<ClassUnicode> {
    let (class, may_be_empty) = ending(hir)?;
    (!may_be_empty).then_some(class)
}

/// The chars a match of `hir` may end with, and whether it may be empty.
fn ending(hir: &Hir) -> Option<(ClassUnicode, bool)> {
    Some(match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (ClassUnicode::empty(), true),
        HirKind::Literal(lit) => {
            let c = std::str::from_utf8(&lit.0).ok()?.chars().next_back()?;
            (ClassUnicode::new([ClassUnicodeRange::new(c, c)]), false)
        }
        HirKind::Class(Class::Unicode(c)) => (c.clone(), false),
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Repetition(r) => {
            let (c, empty) = ending(&r.sub)?;
            (c, empty || r.min == 0)
        }
        HirKind::Capture(c) => ending(&c.sub)?,
        HirKind::Concat(parts) => {
            // from the last part back, as long as the parts after may be empty
            let mut class = ClassUnicode::empty();
            for part in parts.iter().rev() {
                let (c, empty) = ending(part)?;
                class.union(&c);
                if !empty {
                    return Some((class, false));
                }
            }
            (class, true)
        }
        HirKind::Alternation(alts) => {
            let mut class = ClassUnicode::empty();
            let mut any_empty = false;
            for alt in alts {
                let (c, empty) = ending(alt)?;
                class.union(&c);
                any_empty |= empty;
            }
            (class, any_empty)
        }
    })
}

impl ChromeGate {
    fn new(patterns: &[&str]) -> ChromeGate {
        let mut prefixes: Vec<Vec<Prefix>> = (0..256).map(|_| Vec::new()).collect();
        let mut ends: Vec<(usize, LineEnd)> = Vec::new();
        let mut rest: Vec<usize> = Vec::new();
        for (row, &pattern) in patterns.iter().enumerate() {
            let hir = regex_syntax::parse(pattern).expect("chrome patterns parse");
            let looks = hir.properties();
            let prefixes_of =
                literal_prefixes(&hir).filter(|_| looks.look_set_prefix().contains(Look::Start));
            let last_of = last_chars(&hir).filter(|_| looks.look_set_suffix().contains(Look::End));
            if let Some(lits) = prefixes_of {
                for lit in lits {
                    prefixes[usize::from(lit[0])].push(Prefix::new(lit, row));
                }
            } else if let Some(last) = last_of {
                let holds = required_chars(&hir)
                    .map(|c| chars_of(&c))
                    .filter(|c| c.len() <= HOLDS_MAX)
                    .map(|cs| {
                        cs.iter()
                            .map(|c| memmem::Finder::new(c).into_owned())
                            .collect()
                    });
                ends.push((row, LineEnd { last, holds }));
            } else {
                rest.push(row);
            }
        }
        ChromeGate {
            each: patterns
                .iter()
                .map(|p| Regex::new(p).expect("chrome patterns compile"))
                .collect(),
            prefixes,
            ends,
            rest,
        }
    }

    /// The patterns that may match `bare` (no other does), in the table's order.
    fn candidates(&self, bare: &str) -> Vec<usize> {
        let b = bare.as_bytes();
        let mut rows: Vec<usize> = self.rest.clone();
        if let Some(&first) = b.first() {
            let head = word_at(b, 0);
            rows.extend(
                self.prefixes[usize::from(first)]
                    .iter()
                    .filter(|p| p.begins(b, head))
                    .map(|p| p.row),
            );
        }
        if let Some(last) = bare.chars().next_back() {
            let ends_line = |e: &LineEnd| {
                has(&e.last, last)
                    && e.holds
                        .as_ref()
                        .is_none_or(|cs| cs.iter().any(|f| f.find(b).is_some()))
            };
            rows.extend(
                self.ends
                    .iter()
                    .filter(|(_, e)| ends_line(e))
                    .map(|&(row, _)| row),
            );
        }
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// The first pattern that matches `bare`.
    fn first_match(&self, bare: &str) -> Option<usize> {
        self.candidates(bare)
            .into_iter()
            .find(|&row| self.each[row].is_match(bare))
    }
}

/// The kind of chrome a (lowercase, unbulleted) line is, from the first row that matches.
fn chrome_kind(bare: &str) -> Option<&'static str> {
    let row = CHROME_GATE.first_match(bare)?;
    lexicon().chrome.get(row).map(|(_, k)| k.as_str())
}

/// What a paragraph (a line of the page) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// the headline
    Title,
    /// running text: read for visits, people and figures
    Body,
    /// a short line without a full stop: photo captions, credits (read for people only)
    Caption,
    /// a short line between the title and the body (a second headline, a sapo): read like the title
    Lead,
    /// the portal's publication stamp
    Stamp,
    /// polls, counters, banners, related links, share buttons
    Chrome,
    /// printed before on the same page
    Duplicate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Para {
    pub start: usize,
    pub end: usize,
    pub kind: ParaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// index into `Segmented::paras`
    pub para: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub paras: Vec<Para>,
    /// sentences of Title, Body and Caption paragraphs, in order
    pub sentences: Vec<Sentence>,
    /// index of the title paragraph
    pub title: Option<usize>,
    /// the first stamp line
    pub stamp: Option<Stamp>,
}

impl Segmented {
    pub fn para_kind(&self, sentence: &Sentence) -> ParaKind {
        self.paras
            .get(sentence.para)
            .map_or(ParaKind::Chrome, |p| p.kind)
    }
}

/// Short tokens after which a full stop does not end a sentence (`TP. Cần Thơ`).
const ABBREVIATIONS: &[&str] = &[
    "tp", "tx", "tt", "đ/c", "ths", "th.s", "ts", "pgs", "gs", "bs", "ks", "ls", "st", "p", "q",
    "h", "x", "ông", "bà", "v.v", "vv", "mr", "mrs", "pgs.ts", "gs.ts", "ts.bs", "ths.bs", "ncs",
    "kts", "bs.cki", "bs.ckii",
];

const CAPTION_MAX_CHARS: usize = 160;
/// A sentence longer than this (in bytes; real ones stay under 1.5 KB) is cut at a space: the
/// extractors look at a sentence as a whole, so a megabyte without a full stop would cost
/// quadratic time.
const MAX_SENTENCE_BYTES: usize = 8192;
const TITLE_MAX_CHARS: usize = 320;
/// A title this short above a headline and a stamp is a site or section name
/// (`Báo Đồng Nai điện tử`, `Thời sự địa phương`), in bytes.
const SECTION_NAME_MAX_BYTES: usize = 60;

/// Split `text` (normalised; `lower` its aligned lowercase copy) into paragraphs and sentences.
pub fn segment(text: &str, lower: &str) -> Segmented {
    let mut seg = Segmented::default();
    let mut seen: FxHashSet<Line> = FxHashSet::default();
    let mut in_related = false;
    let mut body_started = false;
    let mut stamp_after_title = false;
    let mut pos = 0;
    // the lines, as `text.split('\n')` gives them (a vectorised search for the line ends)
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for le in ends {
        let ls = pos;
        let line = &text[ls..le];
        pos = le + 1;
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (ls + lead, ls + lead + line.trim().len());
        if s >= e {
            continue;
        }
        let low = &lower[s..e];
        // (a char is four bytes at most: a line of more than `4 * TITLE_MAX_CHARS` bytes
        // is longer than any length asked below, and its chars are not counted)
        let n_chars = if e - s > 4 * TITLE_MAX_CHARS {
            TITLE_MAX_CHARS + 1
        } else {
            text[s..e].chars().count()
        };
        // chrome patterns see the line without its bullet (`• Đang online: 20`, `- Trang chủ`)
        let bare = low.trim_start_matches(['•', '·', '-', '*', '|', '»', '>', ' ']);
        let kind = if in_related {
            ParaKind::Chrome
        } else if let Some(st) = stamp_of_line(low) {
            // a headline printed right above the stamp is the title, not the
            // site's name or section above it (`Báo …`, `Thời sự địa phương`)
            if !stamp_after_title {
                retitle_before_stamp(&mut seg, &mut body_started);
            }
            // the page's own stamp: the first one, unless a later one stands between
            // the title and the story (the first was the site's date of today)
            let between_title_and_body = seg.title.is_some() && !body_started;
            if seg.stamp.is_none() || between_title_and_body && !stamp_after_title {
                seg.stamp = Some(st);
                stamp_after_title = between_title_and_body;
            }
            ParaKind::Stamp
        } else if !bare.chars().any(crate::lexicon::is_alnum) {
            ParaKind::Chrome
        } else if let Some(k) = chrome_kind(bare) {
            if k == "related" {
                in_related = true;
            }
            ParaKind::Chrome
        } else if n_chars >= 25 && !seen.insert(Line(low)) {
            ParaKind::Duplicate
        } else if seg.title.is_none()
            && !body_started
            && (12..=TITLE_MAX_CHARS).contains(&n_chars)
            && !ends_sentence(low)
        {
            seg.title = Some(seg.paras.len());
            ParaKind::Title
        } else if n_chars < CAPTION_MAX_CHARS && !ends_sentence(low) {
            if body_started || seg.title.is_none() {
                ParaKind::Caption
            } else {
                ParaKind::Lead
            }
        } else {
            body_started = true;
            ParaKind::Body
        };
        seg.paras.push(Para {
            start: s,
            end: e,
            kind,
        });
    }
    for (i, p) in seg.paras.iter().enumerate() {
        if matches!(
            p.kind,
            ParaKind::Title | ParaKind::Body | ParaKind::Caption | ParaKind::Lead
        ) {
            split_sentences(text, lower, p.start, p.end, i, &mut seg.sentences);
        }
    }
    seg
}

/// A line as a key of the lines seen before: hashed by its length and its first and last
/// bytes only (a paragraph is hashed once and compared in full only with a line of the
/// same hash), equal by all its bytes.
#[derive(PartialEq, Eq)]
struct Line<'t>(&'t str);

impl std::hash::Hash for Line<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        const ENDS: usize = 32;
        let b = self.0.as_bytes();
        h.write_usize(b.len());
        h.write(&b[..b.len().min(ENDS)]);
        h.write(&b[b.len().saturating_sub(ENDS)..]);
    }
}

/// When a stamp follows a title-like line that is not the title (a `Lead`,
/// or the first `Body` line when it is short) and the title so far is a short
/// line like a site or section name, that line becomes the title and the
/// earlier one a `Caption`.
fn retitle_before_stamp(seg: &mut Segmented, body_started: &mut bool) {
    let Some(prev) = seg.paras.len().checked_sub(1) else {
        return;
    };
    let p = seg.paras[prev];
    let only_body = p.kind == ParaKind::Body
        && seg.paras[..prev].iter().all(|q| q.kind != ParaKind::Body)
        && p.end - p.start <= TITLE_MAX_CHARS * 2;
    if !(p.kind == ParaKind::Lead || only_body) || seg.title == Some(prev) {
        return;
    }
    let old_len = seg
        .title
        .map_or(0, |t| seg.paras[t].end - seg.paras[t].start);
    if old_len > SECTION_NAME_MAX_BYTES || old_len >= p.end - p.start {
        return;
    }
    if let Some(t) = seg.title {
        seg.paras[t].kind = ParaKind::Caption;
    }
    seg.paras[prev].kind = ParaKind::Title;
    seg.title = Some(prev);
    if only_body {
        *body_started = false;
    }
}

fn ends_sentence(low: &str) -> bool {
    low.trim_end().ends_with(['.', '!', '?', '…', ':', ';'])
}

fn split_sentences(
    text: &str,
    lower: &str,
    s: usize,
    e: usize,
    para: usize,
    out: &mut Vec<Sentence>,
) {
    let mut start = s;
    let bytes = text.as_bytes();
    let mut i = s;
    while i < e {
        if i - start >= MAX_SENTENCE_BYTES {
            // a run-on "sentence" (a flattened table, junk): cut at its last space, else at a
            // character, so that the extractors' per-sentence work stays bounded
            let half = start + MAX_SENTENCE_BYTES / 2;
            let cut = bytes[half..i]
                .iter()
                .rposition(|&b| b == b' ')
                .map(|k| half + k);
            let (end, next) = match cut {
                Some(k) => (k, k + 1),
                None => {
                    let mut k = i;
                    while !text.is_char_boundary(k) {
                        k -= 1;
                    }
                    (k, k)
                }
            };
            out.push(Sentence { start, end, para });
            start = next;
            i = i.max(next);
            continue;
        }
        // the bytes before the next `.`, `!` or `?` (or the cut point) end no sentence
        let limit = e.min(start + MAX_SENTENCE_BYTES);
        match next_stop(bytes, i, limit) {
            Some(k) => i = k,
            None => {
                i = limit;
                continue;
            }
        }
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && i + 1 < e && bytes[i + 1] == b' ' {
            let next = text[i + 2..e].chars().next();
            let starts_new = next
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '(');
            let token = lower[start..i].rsplit([' ', '(']).next().unwrap_or("");
            let abbrev = ABBREVIATIONS.contains(&token);
            if starts_new && !(b == b'.' && abbrev) {
                out.push(Sentence {
                    start,
                    end: i + 1,
                    para,
                });
                start = i + 2;
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    if start < e {
        out.push(Sentence {
            start,
            end: e,
            para,
        });
    }
}

/// The first `.`, `!` or `?` in `b[i..end]`, eight bytes at a time.
fn next_stop(b: &[u8], mut i: usize, end: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // per byte, bit 7 of `zero(w ^ c)` is set in the first byte of `w` equal to `c` (and
    // maybe in later bytes, after the borrow): the lowest bit set is a true one
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while i + 8 <= end {
        let Some(chunk) = b.get(i..i + 8) else { break };
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let m = zero(w ^ (ONES * u64::from(b'.')))
            | zero(w ^ (ONES * u64::from(b'!')))
            | zero(w ^ (ONES * u64::from(b'?')));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..end)?
        .iter()
        .position(|&x| matches!(x, b'.' | b'!' | b'?'))
        .map(|j| i + j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lowercase_aligned;

    fn seg(s: &str) -> (String, Segmented) {
        let n = crate::normalize::normalize(s).text;
        let l = lowercase_aligned(&n);
        let g = segment(&n, &l);
        (n, g)
    }

    #[test]
    fn chrome_title_stamp_duplicates() {
        let page = "Ý kiến thăm dò\nBạn quan tâm đến chuyên mục nào?\nĐoàn công tác huyện A học tập kinh nghiệm tại huyện B\nNgày 06/12/2019 10:31:42\nNgày 5/12/2019, đoàn công tác huyện A đến huyện B. Hai bên trao đổi kinh nghiệm giảm nghèo.\nToàn cảnh buổi làm việc\nNgày 5/12/2019, đoàn công tác huyện A đến huyện B. Hai bên trao đổi kinh nghiệm giảm nghèo.\nLượt xem: 144\nTin liên quan\nHuyện C tổ chức hội nghị";
        let (n, g) = seg(page);
        let kinds: Vec<ParaKind> = g.paras.iter().map(|p| p.kind).collect();
        use ParaKind::*;
        assert_eq!(
            kinds,
            [Chrome, Chrome, Title, Stamp, Body, Caption, Duplicate, Chrome, Chrome, Chrome]
        );
        assert_eq!(
            g.stamp.map(|s| (s.year, s.month, s.day)),
            Some((2019, 12, 6))
        );
        let body: Vec<&str> = g
            .sentences
            .iter()
            .filter(|s| g.para_kind(s) == Body)
            .map(|s| &n[s.start..s.end])
            .collect();
        assert_eq!(
            body,
            [
                "Ngày 5/12/2019, đoàn công tác huyện A đến huyện B.",
                "Hai bên trao đổi kinh nghiệm giảm nghèo."
            ]
        );
    }

    /// Two long paragraphs that agree in their length and their first and last bytes (the
    /// part of a line the seen-before set hashes) but not in the middle are both read; the
    /// same paragraph again, with other spaces around it, is the duplicate.
    #[test]
    fn a_paragraph_is_a_duplicate_only_when_all_of_it_was_seen() {
        let head = "Theo báo cáo của Ban Chỉ đạo giảm nghèo bền vững huyện A, ";
        let tail = " và đề nghị các xã tiếp tục rà soát hộ nghèo, hộ cận nghèo.";
        let one = format!("{head}năm 2023 toàn huyện có 1.250 hộ nghèo{tail}");
        let two = format!("{head}năm 2024 toàn huyện có 1.150 hộ nghèo{tail}");
        assert_eq!(one.len(), two.len());
        let page = format!("Huyện A rà soát hộ nghèo năm 2024\n{one}\n{two}\n  {one} \n");
        let (_, g) = seg(&page);
        let kinds: Vec<ParaKind> = g.paras.iter().map(|p| p.kind).collect();
        use ParaKind::*;
        assert_eq!(kinds, [Title, Body, Body, Duplicate]);
    }

    /// The lengths asked of a line are told the same way whether its chars are counted or
    /// not (a line of more than `4 * TITLE_MAX_CHARS` bytes): a long first line with no
    /// full stop is neither the title nor a caption.
    #[test]
    fn a_long_line_is_no_title() {
        let long = "Hộ nghèo ".repeat(200);
        assert!(long.len() > 4 * TITLE_MAX_CHARS);
        let page = format!("{}\nXã B có 20 hộ nghèo\n", long.trim());
        let (_, g) = seg(&page);
        let kinds: Vec<ParaKind> = g.paras.iter().map(|p| p.kind).collect();
        use ParaKind::*;
        assert_eq!(kinds, [Body, Caption]);
    }

    #[test]
    fn next_stop_same_as_a_byte_scan() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..5_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 40) as usize;
            let b: Vec<u8> = (0..len)
                .map(|k| {
                    let r = (x >> (k % 60)) as u8;
                    *b".!?a .\x00\xff/\x0e\x2f\x20\x3f\x21\x2d"
                        .get(usize::from(r) % 15)
                        .unwrap_or(&b'a')
                })
                .collect();
            for i in 0..=len {
                for end in i..=len {
                    let slow = b[i..end]
                        .iter()
                        .position(|&c| matches!(c, b'.' | b'!' | b'?'))
                        .map(|j| i + j);
                    assert_eq!(next_stop(&b, i, end), slow, "{b:?} {i} {end}");
                }
            }
        }
    }

    #[test]
    fn sentences_keep_numbers_and_abbreviations() {
        let (n, g) = seg("Tổng vốn là 1.586.336 triệu đồng, đạt 47,4%. Đoàn làm việc tại TP. Cần Thơ. Đ/c Nguyễn Văn A phát biểu.");
        let s: Vec<&str> = g.sentences.iter().map(|s| &n[s.start..s.end]).collect();
        assert_eq!(
            s,
            [
                "Tổng vốn là 1.586.336 triệu đồng, đạt 47,4%.",
                "Đoàn làm việc tại TP. Cần Thơ.",
                "Đ/c Nguyễn Văn A phát biểu."
            ]
        );
    }
}

#[cfg(test)]
mod gate_tests {
    use super::*;
    use regex::RegexSet;

    /// Lines near the chrome patterns: each pattern's prefixes (or a line it matches) with
    /// words and marks after, and plain story lines.
    fn lines() -> Vec<String> {
        let mut starts: Vec<String> = Vec::new();
        for (pattern, _) in &lexicon().chrome {
            let hir = regex_syntax::parse(pattern).expect("parse");
            if let Some(lits) = literal_prefixes(&hir) {
                starts.extend(
                    lits.into_iter()
                        .map(|l| String::from_utf8_lossy(&l).into_owned()),
                );
            }
        }
        starts.extend(
            [
                "ảnh1.jpg",
                "trang chủ > tin tức > giảm nghèo",
                "{view}",
                "12 bình luận",
                "",
                "đoàn công tác",
                "ngày 5/12/2019, đoàn công tác huyện a đến huyện b.",
            ]
            .map(String::from),
        );
        let tails = [
            "",
            ": 144",
            " (12)",
            " > huyện a",
            "  ",
            " giảm nghèo",
            ".jpg",
            " trước",
            "bài viết",
            " 2024",
            "?",
            " của bạn",
            " lượt xem: 5",
            " hữu ích",
        ];
        let mut out = Vec::new();
        for s in &starts {
            for t in tails {
                out.push(format!("{s}{t}"));
                out.push(format!("x{s}{t}"));
                out.push(format!("{t}{s}"));
            }
        }
        out
    }

    /// The table's patterns as one set, read in full.
    fn full_set() -> RegexSet {
        RegexSet::new(lexicon().chrome.iter().map(|(pattern, _)| pattern.as_str()))
            .expect("chrome patterns compile")
    }

    #[test]
    fn the_gate_finds_the_first_pattern_a_full_search_finds() {
        let (mut matched, mut tried) = (0, 0);
        let set = full_set();
        for l in lines() {
            let full = set.matches(&l).iter().next();
            assert_eq!(CHROME_GATE.first_match(&l), full, "{l:?}");
            matched += usize::from(full.is_some());
            tried += usize::from(!CHROME_GATE.candidates(&l).is_empty());
        }
        // the lines do test it: many match, many are tried on no pattern at all
        let n = lines().len();
        assert!(
            matched > 100 && n - tried > 100,
            "{matched} matched, {tried} of {n} tried"
        );
        // a story line is tried on no pattern
        for l in [
            "ngày 5/12/2019, đoàn công tác huyện a đến huyện b.",
            // nor a line ending with a full stop, whatever its length, nor a headline
            "toàn cảnh buổi làm việc.",
            "đoàn công tác huyện a học tập kinh nghiệm tại huyện b",
        ] {
            assert!(CHROME_GATE.candidates(l).is_empty(), "{l:?}");
        }
        // no pattern is tried on every line
        assert!(CHROME_GATE.rest.is_empty());
    }

    /// `read` of `pattern`, its ranges written `a-b` one after the other.
    fn class_of(read: fn(&Hir) -> Option<ClassUnicode>, pattern: &str) -> Option<String> {
        let class = read(&regex_syntax::parse(pattern).ok()?)?;
        Some(
            class
                .ranges()
                .iter()
                .map(|r| format!("{}-{}", r.start(), r.end()))
                .collect(),
        )
    }

    fn last_of(pattern: &str) -> Option<String> {
        class_of(last_chars, pattern)
    }

    fn required_of(pattern: &str) -> Option<String> {
        class_of(required_chars, pattern)
    }

    #[test]
    fn a_pattern_anchored_at_neither_end_is_tried_on_every_line() {
        let gate = ChromeGate::new(&["tin liên quan", "^xem thêm$", "^[0-9]+ bình luận"]);
        assert_eq!(gate.rest, [0]);
        for (line, first) in [
            ("các tin liên quan", Some(0)),
            ("xem thêm", Some(1)),
            ("12 bình luận", Some(2)),
            ("xem thêm tin.", None),
            ("đoàn công tác xem thêm", None),
        ] {
            assert_eq!(gate.first_match(line), first, "{line:?}");
        }
    }

    #[test]
    fn the_chars_a_match_may_end_with() {
        assert_eq!(
            last_of(r"^[^ ]+\.(png|jpe?g|gif|webp)$").as_deref(),
            Some("f-gp-p")
        );
        // an optional last part adds its chars to those of the part before
        assert_eq!(last_of("(ab|c)d?$").as_deref(), Some("b-d"));
        assert_eq!(last_of("x(ab|c)*$").as_deref(), Some("b-cx-x"));
        assert_eq!(last_of("[0-9]+ năm$").as_deref(), Some("m-m"));
        // a match that may be empty ends with any char
        assert_eq!(last_of("a*$"), None);
        assert_eq!(last_of("(a|)$"), None);
    }

    #[test]
    fn a_char_every_match_holds() {
        // the smallest class of the parts
        assert_eq!(
            required_of(r"^[^ ]+\.(png|jpe?g|gif)$").as_deref(),
            Some(".-.")
        );
        assert_eq!(
            required_of(r"^[^.>»]{1,40}(\s*[>»]\s*[^.>»]{1,60})+$").as_deref(),
            Some(">->»-»")
        );
        // one of each alternative's
        assert_eq!(required_of("(ab|c)x*").as_deref(), Some("a-ac-c"));
        // none when a match may hold nothing
        assert_eq!(required_of("^(a|)$"), None);
        assert_eq!(required_of("x*"), None);
    }
}
