//! Officials named in text: `đồng chí A – chức vụ`, `ông A, chức vụ`, `Đ/c A`,
//! `A-HUV, …` (name glued to an abbreviation), a title before the name
//! (`Chủ tịch UBND huyện Đắk Glong Trần Nam Thuần`), and lists
//! (`các đồng chí A - …; B - …`).
//!
//! The cue words are `lexicon/person_cues.tsv`, title heads
//! `lexicon/titles.tsv`, the words that end a title `lexicon/title_stops.tsv`,
//! family names `lexicon/surnames.txt`; abbreviations in titles are expanded
//! with `lexicon/abbreviations.tsv`.

use crate::lexicon::{expand_abbreviations, lexicon, Words};
use crate::places::Place;
use rustc_hash::{FxHashMap, FxHashSet};

/// One mention of a person (byte offsets into the normalised text).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMention {
    /// span of name and title together (the evidence)
    pub start: usize,
    pub end: usize,
    pub name_start: usize,
    pub name_end: usize,
    pub name: String,
    /// the title as written, abbreviations expanded
    pub title: Option<String>,
    pub title_span: Option<(usize, usize)>,
    /// the cue before the name (`đồng chí`, `ông`), None when found from a title
    pub cue: Option<&'static str>,
}

const MAX_NAME_TOKENS: usize = 5;

/// The unit mention covering byte `b`, if any (`places` is sorted by start and disjoint).
fn place_at(places: &[Place], b: usize) -> Option<&Place> {
    let i = places.partition_point(|p| p.start <= b).checked_sub(1)?;
    places.get(i).filter(|p| b < p.end)
}

/// At most [`MAX_NAME_TOKENS`] token spans, kept on the stack.
#[derive(Debug, Clone, Copy, Default)]
struct Tokens {
    n: usize,
    t: [(usize, usize); MAX_NAME_TOKENS],
}

impl Tokens {
    /// Adds a span (the caller keeps to the capacity).
    fn push(&mut self, tok: (usize, usize)) {
        self.t[self.n] = tok;
        self.n += 1;
    }
}

impl std::ops::Deref for Tokens {
    type Target = [(usize, usize)];
    /// The spans pushed so far.
    fn deref(&self) -> &[(usize, usize)] {
        &self.t[..self.n]
    }
}

/// Letter tokens from `at` (apostrophes join: `H'Hen`), separated by single spaces: at most
/// `max` (≤ [`MAX_NAME_TOKENS`]) of them.
fn word_tokens(text: &str, at: usize, max: usize) -> Tokens {
    let max = max.min(MAX_NAME_TOKENS);
    let mut out = Tokens::default();
    let mut i = at;
    while out.len() < max && i < text.len() {
        let mut j = i;
        loop {
            let n = letter_len_at(text, j);
            if n == 0 {
                // a hyphen between letters, a lowercase one after it, joins the parts of a
                // Lao name as Vietnamese writes it (`Khăm-phăn Xỉ-xu-phăn`; not `Thưởng-HUV`)
                if j > i && text[j..].starts_with('-') && lower_letter_at(text, j + 1) {
                    j += 1;
                    continue;
                }
                break;
            }
            j += n;
        }
        let n = j - i;
        if n == 0 {
            break;
        }
        out.push((i, i + n));
        i += n;
        if !text[i..].starts_with(' ') {
            break;
        }
        i += 1;
    }
    out
}

/// A lowercase letter starts at byte `j` of `text` (a char boundary or the end).
fn lower_letter_at(text: &str, j: usize) -> bool {
    letter_len_at(text, j) > 0
        && text
            .get(j..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_lowercase)
}

/// The length of the char at `j` (a char boundary) when it is a letter
/// ([`crate::lexicon::is_alpha`]) or an apostrophe, else 0. The letters of Vietnamese
/// are told by their first bytes: U+00C0–U+00FF (`C3`, but `×` `C3 97` and `÷` `C3 B7`),
/// U+0100–U+023F (`C4`–`C8`), U+1E00–U+1EFF (`E1` then `B8`–`BB`).
fn letter_len_at(text: &str, j: usize) -> usize {
    let b = text.as_bytes();
    match b.get(j) {
        None => 0,
        Some(&x) if x < 0x80 => usize::from(x.is_ascii_alphabetic() || x == b'\''),
        Some(0xC3) => {
            if matches!(b.get(j + 1), Some(0x97 | 0xB7)) {
                0
            } else {
                2
            }
        }
        Some(0xC4..=0xC8) => 2,
        Some(0xE1) if matches!(b.get(j + 1), Some(0xB8..=0xBB)) => 3,
        Some(_) => text[j..]
            .chars()
            .next()
            .filter(|&c| crate::lexicon::is_alpha(c))
            .map_or(0, char::len_utf8),
    }
}

/// Whether a token may be part of a personal name: a capital, then lowercase letters (no
/// capital after the second letter unless an apostrophe joins parts: `H'Hen`).
fn is_name_token(tok: &str) -> bool {
    let mut cs = tok.chars();
    let Some(first) = cs.next() else { return false };
    let rest = cs.as_str();
    let apostrophe = tok.contains('\'');
    first.is_uppercase()
        && (rest.chars().any(char::is_lowercase)
            // one-letter parts of Hmong and Ê Đê names: `Sùng A Phềnh`, `Y Mơ Mlô`
            || (rest.is_empty() && first.is_ascii_uppercase())
            || apostrophe)
        && (apostrophe || !rest.chars().skip(1).any(char::is_uppercase))
}

/// Whether the lowercase text at `at` starts a title head (`Phó Chủ tịch`, `HUV`).
fn title_head_at(lower: &str, at: usize) -> Option<usize> {
    lexicon().titles.match_at(lower, at).map(|c| c.end)
}

/// Read a personal name at `at`: (start, end) if 2..=5 name tokens stand there.
fn read_name(text: &str, lower: &str, at: usize, places: &[Place]) -> Option<(usize, usize)> {
    let toks = word_tokens(text, at, MAX_NAME_TOKENS);
    let mut n = 0;
    for &(s, e) in toks.iter() {
        let tok = &text[s..e];
        // a level word ends the name only where it starts a unit (`Bùi Văn Tỉnh` is a name)
        let starts_unit = || {
            place_at(places, s).is_some_and(|p| p.start == s)
                && lexicon().level_words.match_at(lower, s).is_some()
        };
        if !is_name_token(tok) || title_head_at(lower, s).is_some() || starts_unit() {
            break;
        }
        if place_at(places, s).is_some_and(|p| s >= p.name_start && s < p.name_end) && n == 0 {
            return None;
        }
        n += 1;
    }
    (n >= 2).then(|| (toks[0].0, toks[n - 1].1))
}

/// The title written after a name that ends at `at`: its span, if it starts with a title head.
fn title_after(text: &str, lower: &str, at: usize, sent_end: usize) -> Option<(usize, usize)> {
    let lex = lexicon();
    let mut i = at;
    // separator: ` - `, `-`, `, `, `: ` or a plain space before a title head
    let rest = &text[i..sent_end];
    let sep = rest.len() - rest.trim_start_matches([' ', '-', ',', ':']).len();
    i += sep;
    let start = i;
    title_head_at(lower, i)?;
    // extend piece by piece (`Phó Bí thư Huyện ủy, Chủ tịch UBND huyện`)
    let mut end;
    loop {
        // one piece: up to `,`/`;`/`(`/`.`/sentence end or a stop word
        // (byte by byte: the marks and ` ` are ASCII, never inside a char, so nothing is
        // found but at the start of a char)
        let b = text.as_bytes();
        let mut j = i;
        while j < sent_end {
            if matches!(b[j], b',' | b';' | b'(' | b')' | b'.' | b':') {
                break;
            }
            if j > i && b[j - 1] == b' ' {
                if let Some(c) = lex.title_stops.match_at(lower, j) {
                    if lex.title_stops.value(c.row, 0) != "continues" {
                        break;
                    }
                    // (the office's name goes on past its `và`)
                    j = c.end;
                    continue;
                }
            }
            // another person starts (`… huyện Thạch An đồng chí Nông Thế Phúc`)
            if j > i
                && b[j - 1] == b' '
                && lex
                    .person_cues
                    .match_at(lower, j)
                    .is_some_and(|c| is_person_cue(text, lower, &c))
            {
                break;
            }
            j += 1;
        }
        end = text[..j].trim_end().len().max(i);
        // continue after `, ` when the next piece is also a title
        let rest = &text[j..sent_end];
        if rest.starts_with(", ") {
            let k = j + 2;
            if title_head_at(lower, k).is_some() {
                i = k;
                continue;
            }
        }
        break;
    }
    (end > start).then_some((start, end))
}

/// Whether a cue of `person_cues.tsv` found in `lower` announces a person where it stands in
/// `text`: a row marked `lowercase` only as written in lowercase (`anh`, not `Kỳ Anh`).
fn is_person_cue(text: &str, lower: &str, c: &crate::lexicon::Cue) -> bool {
    lexicon().person_cues.value(c.row, 0) != "lowercase"
        || text.get(c.start..c.end) == lower.get(c.start..c.end)
}

/// Every person mention in the given sentence spans.
pub fn find_people(
    text: &str,
    lower: &str,
    words: &Words,
    sentences: &[(usize, usize)],
    places: &[Place],
) -> Vec<PersonMention> {
    let lex = lexicon();
    let mut out: Vec<PersonMention> = Vec::new();
    // name starts already read, so that a name is read once (linear on long texts)
    let mut seen: FxHashSet<usize> = FxHashSet::default();
    for &(ss, se) in sentences {
        // A. after a cue word, and list continuations after `;`
        for cue in lex
            .person_cues
            .find_words(lower, words, ss, se)
            .into_iter()
            .filter(|c| is_person_cue(text, lower, c))
        {
            let mut at = cue.end;
            // `các đồng chí: Nguyễn Văn Quang, …`
            while text[at..].starts_with([' ', ':']) {
                at += 1;
            }
            let rank = (lex.person_cues.value(cue.row, 0) == "rank")
                .then(|| text[cue.start..cue.end].to_string());
            let cue_word = lex.person_cues.cue(cue.row);
            let mut first = true;
            while let Some((ns, ne)) = read_name(text, lower, at, places) {
                if seen.contains(&ns) {
                    break;
                }
                let title_span = title_after(text, lower, ne, se);
                let end = title_span.map_or(ne, |t| t.1);
                seen.insert(ns);
                out.push(PersonMention {
                    start: if first { cue.start } else { ns },
                    end,
                    name_start: ns,
                    name_end: ne,
                    name: text[ns..ne].to_string(),
                    title: title_span
                        .map(|(a, b)| expand_abbreviations(&text[a..b]))
                        .or_else(|| rank.clone()),
                    title_span,
                    cue: Some(cue_word),
                });
                first = false;
                // `; Nguyễn Tiến Hùng - …` continues the list
                let rest = &text[end..se];
                let step = ["; ", ", "]
                    .iter()
                    .find(|s| rest.starts_with(*s))
                    .map(|s| s.len());
                match step {
                    Some(n) if title_span.is_some() => {
                        let k = end + n;
                        let is_surname = word_tokens(text, k, 1)
                            .first()
                            .is_some_and(|&(a, b)| lex.surnames.contains(&text[a..b]));
                        if !is_surname {
                            break;
                        }
                        at = k;
                    }
                    _ => break,
                }
            }
        }
        // B. a title before a name: `Chủ tịch UBND huyện Đắk Glong Trần Nam Thuần`
        for t in lex.titles.find_words(lower, words, ss, se) {
            let head = &text[t.start..t.end];
            if !head.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let limit = (t.end + 90).min(se);
            let mut k = t.end;
            // (byte by byte: the marks and ` ` are ASCII, never inside a char, so nothing is
            // found but at the start of a char)
            let b = text.as_bytes();
            while k < limit {
                let c = b[k];
                let after_space = k > 0 && b[k - 1] == b' ';
                // a spaced hyphen belongs to a title (`Sở Lao động - Thương binh và Xã hội`)
                let spaced = c == b'-' && after_space && b.get(k + 1) == Some(&b' ');
                if matches!(c, b',' | b';' | b'.' | b'(' | b')' | b':' | b'-') && !spaced {
                    break;
                }
                let word_start = after_space;
                if word_start
                    && !place_at(places, k).is_some_and(|p| k >= p.name_start && k < p.name_end)
                {
                    let tok = word_tokens(text, k, 1);
                    let is_surname = tok
                        .first()
                        .is_some_and(|&(a, b)| lex.surnames.contains(&text[a..b]));
                    if is_surname {
                        if let Some((ns, ne)) = read_name(text, lower, k, places) {
                            let preceded_by_cue = lex
                                .person_cues
                                .find_words(
                                    lower,
                                    words,
                                    t.start.saturating_sub(12).min(t.start),
                                    ns,
                                )
                                .iter()
                                .any(|c| {
                                    c.end <= ns && c.end + 1 >= ns && is_person_cue(text, lower, c)
                                });
                            if !preceded_by_cue && !seen.contains(&ns) {
                                let title_raw = text[t.start..k].trim_end();
                                seen.insert(ns);
                                out.push(PersonMention {
                                    start: t.start,
                                    end: ne,
                                    name_start: ns,
                                    name_end: ne,
                                    name: text[ns..ne].to_string(),
                                    title: Some(expand_abbreviations(title_raw)),
                                    title_span: Some((t.start, t.start + title_raw.len())),
                                    cue: None,
                                });
                            }
                            break;
                        }
                    }
                    // a lowercase word that is not part of a title or unit ends the search
                    if tok
                        .first()
                        .is_some_and(|&(a, _)| text[a..].starts_with(|c: char| c.is_lowercase()))
                        && lex.title_stops.match_at(lower, k).is_some_and(|c| {
                            // `Sở Lao động - Thương binh và Xã hội Bạch Thị Mân`
                            !matches!(lex.title_stops.cue(c.row), "và")
                                && lex.title_stops.value(c.row, 0) != "continues"
                        })
                    {
                        break;
                    }
                }
                k += 1;
            }
        }
    }
    // (a name read again is judged once)
    let keep: Vec<bool> = {
        let mut judged: FxHashMap<&str, bool> = FxHashMap::default();
        out.iter()
            .map(|p| {
                *judged
                    .entry(p.name.as_str())
                    .or_insert_with(|| !lex.not_people.contains(&crate::normalize::key(&p.name)))
            })
            .collect()
    };
    let mut kept = keep.into_iter();
    out.retain(|_| kept.next().unwrap_or(true));
    out.sort_by_key(|p| p.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lowercase_aligned;
    use crate::test_gen::Gen;

    /// [`word_tokens`] as it was (a `Vec`), the reference.
    fn word_tokens_ref(text: &str, at: usize, max: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = at;
        while out.len() < max && i < text.len() {
            let rest = &text[i..];
            let cs: Vec<(usize, char)> = rest.char_indices().collect();
            let n = (0..cs.len())
                .find(|&k| {
                    let c = cs[k].1;
                    let joins = c == '-'
                        && k > 0
                        && cs.get(k + 1).is_some_and(|&(_, d)| {
                            (crate::lexicon::is_alpha(d) || d == '\'') && d.is_lowercase()
                        });
                    !(crate::lexicon::is_alpha(c) || c == '\'' || joins)
                })
                .map_or(rest.len(), |k| cs[k].0);
            if n == 0 {
                break;
            }
            out.push((i, i + n));
            i += n;
            if !text[i..].starts_with(' ') {
                break;
            }
            i += 1;
        }
        out
    }

    /// [`is_name_token`] as it was (the rest of the token collected), the reference.
    fn is_name_token_ref(tok: &str) -> bool {
        let mut cs = tok.chars();
        let Some(first) = cs.next() else { return false };
        let rest: Vec<char> = cs.collect();
        first.is_uppercase()
            && (rest.iter().any(|c| c.is_lowercase())
                || (rest.is_empty() && first.is_ascii_uppercase())
                || tok.contains('\''))
            && !rest
                .iter()
                .skip(1)
                .any(|c| c.is_uppercase() && !tok.contains('\''))
    }

    /// Generated texts of name-like pieces, and every char below U+2100 at the edges.
    fn token_texts() -> Vec<String> {
        let pieces = [
            "Nguyễn", "Văn", "A", "H'Hen", "'", " ", "  ", "-", "x", "ÊĐ", "Mlô", "đ", "Y", "1",
            "ABC", "aB", "Ab", "AbC", "É", "ǅ", ",", "ổ", "",
        ];
        let mut g = Gen(0x0dd_ba11_cafe_f00d);
        let mut out: Vec<String> = (0..2000)
            .map(|_| {
                (0..g.below(9))
                    .map(|_| pieces[g.below(pieces.len())])
                    .collect()
            })
            .collect();
        // and letters and others of two, three and four bytes beyond (Greek, Cyrillic,
        // Vietnamese, spaces, CJK, Deseret, emoji)
        let beyond = [
            0x3A3, 0x416, 0x1680, 0x1E00, 0x1EFF, 0x1F00, 0x2028, 0x3000, 0x4E00, 0x10400, 0x1F600,
        ];
        for u in (0..0x2100u32).chain(beyond) {
            if let Some(c) = char::from_u32(u) {
                for t in [
                    format!("{c}"),
                    format!("{c}a"),
                    format!("A{c}"),
                    format!("Ab{c}"),
                    format!("A{c} B"),
                    format!("{c}'b c"),
                ] {
                    out.push(t);
                }
            }
        }
        out
    }

    #[test]
    fn word_tokens_are_the_reference_tokens() {
        for t in token_texts() {
            for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                for max in [1, 2, 5] {
                    assert_eq!(
                        &*word_tokens(&t, at, max),
                        word_tokens_ref(&t, at, max).as_slice(),
                        "{t:?} {at} {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn name_tokens_are_the_reference_name_tokens() {
        for t in token_texts() {
            for (a, b) in word_tokens_ref(&t, 0, 5) {
                assert_eq!(
                    is_name_token(&t[a..b]),
                    is_name_token_ref(&t[a..b]),
                    "{t:?}"
                );
            }
            assert_eq!(is_name_token(&t), is_name_token_ref(&t), "{t:?}");
        }
    }

    fn people(s: &str) -> Vec<(String, Option<String>)> {
        let n = crate::normalize::normalize(s).text;
        let l = lowercase_aligned(&n);
        find_people(&n, &l, &Words::new(&l), &[(0, n.len())], &[])
            .into_iter()
            .map(|p| (p.name, p.title))
            .collect()
    }

    #[test]
    fn cue_then_title() {
        assert_eq!(
            people("do đồng chí Nguyễn Văn Bình, Ủy viên BCH Đảng bộ huyện, Phó Chủ tịch UBND huyện làm trưởng đoàn"),
            [("Nguyễn Văn Bình".into(), Some("Ủy viên Ban Chấp hành Đảng bộ huyện, Phó Chủ tịch Ủy ban nhân dân huyện".into()))]
        );
        assert_eq!(
            people("do ông Lò Văn Sinh-HUV, Trưởng phòng Dân tộc dẫn đầu"),
            [(
                "Lò Văn Sinh".into(),
                Some("Huyện ủy viên, Trưởng phòng Dân tộc".into())
            )]
        );
    }

    #[test]
    fn lists_and_title_first() {
        let p = people("Về phía huyện, có các đồng chí Hà Văn Tâm - Phó Bí thư Thường trực Huyện ủy; Đinh Thị Lan - Chủ tịch UBND huyện.");
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["Hà Văn Tâm", "Đinh Thị Lan"]);
        let p = people("Phó Trưởng Ban Dân tộc tỉnh Nguyễn Thị Hương làm trưởng đoàn.");
        assert_eq!(
            p,
            [(
                "Nguyễn Thị Hương".into(),
                Some("Phó Trưởng Ban Dân tộc tỉnh".into())
            )]
        );
    }

    #[test]
    fn not_people() {
        assert!(people("bà con nhân dân và đồng chí Phó Chủ tịch UBND huyện").is_empty());
    }
}
