//! Paragraphs and sentences, with portal chrome, stamps, captions and repeated
//! blocks recognised.
//!
//! Chrome (polls, counters, rating prompts, banners, breadcrumbs, share and
//! comment prompts, "Tin liên quan" blocks) is the table `lexicon/chrome.tsv`,
//! matched as one `RegexSet` on the lowercase line without its bullet
//! (`• Đang online: 20`); a line without a letter or digit is chrome too. It is
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

use once_cell::sync::Lazy;
use regex::RegexSet;
use rustc_hash::FxHashSet;

use crate::dates::{stamp_of_line, Stamp};
use crate::lexicon::lexicon;

/// The chrome patterns of `lexicon/chrome.tsv` as one automaton. Lines are
/// matched lowercase, so the patterns' case-insensitive flag is dropped (it
/// makes the automaton several times larger).
static CHROME: Lazy<RegexSet> = Lazy::new(|| {
    RegexSet::new(
        lexicon()
            .chrome
            .iter()
            .map(|(re, _)| re.as_str().trim_start_matches("(?i)")),
    )
    .expect("chrome patterns compile")
});

/// The kind of chrome a (lowercase, unbulleted) line is, from the first row that matches.
fn chrome_kind(bare: &str) -> Option<&'static str> {
    // most lines are no chrome: one leftmost search rules them out, cheaper than
    // collecting every pattern's answer
    if !CHROME.is_match(bare) {
        return None;
    }
    let i = CHROME.matches(bare).iter().next()?;
    lexicon().chrome.get(i).map(|(_, k)| k.as_str())
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
    let mut seen: FxHashSet<&str> = FxHashSet::default();
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
        let n_chars = text[s..e].chars().count();
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
        } else if n_chars >= 25 && !seen.insert(low) {
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
