//! Paragraphs and sentences, with portal chrome, stamps, captions and repeated
//! blocks recognised.
//!
//! Chrome (polls, counters, rating prompts, banners, "Tin liên quan" blocks) is
//! the table `lexicon/chrome.tsv`; it is kept in the paragraph list, so offsets
//! stay whole, but marked so that extraction does not read it. A story printed
//! twice on one page is read once: a paragraph seen before is a `Duplicate`.

use std::collections::HashSet;

use crate::dates::{stamp_of_line, Stamp};
use crate::lexicon::lexicon;

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
    "h", "x", "ông", "bà", "v.v", "vv", "mr", "mrs",
];

const CAPTION_MAX_CHARS: usize = 160;
const TITLE_MAX_CHARS: usize = 320;

/// Split `text` (normalised; `lower` its aligned lowercase copy) into paragraphs and sentences.
pub fn segment(text: &str, lower: &str) -> Segmented {
    let lex = lexicon();
    let mut seg = Segmented::default();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut in_related = false;
    let mut body_started = false;
    let mut pos = 0;
    for line in text.split('\n') {
        let (ls, le) = (pos, pos + line.len());
        pos = le + 1;
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (ls + lead, ls + lead + line.trim().len());
        if s >= e {
            continue;
        }
        let low = &lower[s..e];
        let n_chars = text[s..e].chars().count();
        let kind = if in_related {
            ParaKind::Chrome
        } else if let Some(st) = stamp_of_line(low) {
            if seg.stamp.is_none() {
                seg.stamp = Some(st);
            }
            ParaKind::Stamp
        } else if let Some((_, k)) = lex.chrome.iter().find(|(re, _)| re.is_match(low)) {
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
