//! Mentions of administrative units in text, resolved against the gazetteer.
//!
//! A mention starts with a level word (`huyện`, `tỉnh`, `TP.`, `thị xã`,
//! `Huyện ủy` … — the table `lexicon/level_words.tsv`) followed by a
//! capitalised name (`huyện Ba Tơ`, `xã Ea Rốc`, `TP. Cần Thơ`); lists after a
//! plural (`tại các tỉnh Kon Tum, Gia Lai và Đắk Lắk`) give one mention per
//! name; a province in brackets or right after (`huyện Ba Tơ (Quảng Ngãi)`,
//! `huyện Hiệp Đức, tỉnh Quảng Nam`) is a hint for the mention before it.
//! Names the gazetteer does not know are kept as written, never guessed.

use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

use crate::blocks::word_at;
use crate::gazetteer::{DocProvinces, Era, Gazetteer, Level, NameKeys, Resolution, Unit};
use crate::lexicon::{lexicon, Words};

/// A unit mentioned in text (byte offsets into the normalised text).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// span of the whole mention, level word included
    pub start: usize,
    pub end: usize,
    /// span of the name
    pub name_start: usize,
    pub name_end: usize,
    /// the level word as written, lowercase (`huyện`), None for a bare name (the lexicon's
    /// own copy: no allocation per mention)
    pub level_word: Option<&'static str>,
    /// canonical name if resolved, else as written
    pub name: String,
    pub level: Level,
    /// the province: the gazetteer's name (borrowed) or a name as written (owned)
    pub province: Option<Cow<'static, str>>,
    /// the gazetteer's code of the unit
    pub code: Option<&'static str>,
    /// a province written next to the mention
    pub hint: Option<String>,
    /// this mention is only the hint of the one before it (`(Quảng Ngãi)`, `, tỉnh Quảng Nam`)
    pub is_hint: bool,
}

fn level_of_word(table_level: &str) -> Level {
    match table_level {
        "province" | "province_or_district" => Level::Province,
        "commune" => Level::Commune,
        _ => Level::District,
    }
}

/// At most five token spans, kept on the stack.
#[derive(Debug, Clone, Copy, Default)]
struct Toks {
    n: usize,
    t: [(usize, usize); 5],
}

impl Toks {
    fn push(&mut self, tok: (usize, usize)) {
        self.t[self.n] = tok;
        self.n += 1;
    }
}

impl std::ops::Deref for Toks {
    type Target = [(usize, usize)];
    fn deref(&self) -> &[(usize, usize)] {
        &self.t[..self.n]
    }
}

/// Tokens of a name: starts at `at`, capitalised words (an apostrophe or hyphen
/// may join parts: `M'Đrắk`, `Rịa-Vũng`), at most `max` (≤ 5) of them.
fn name_tokens(text: &str, at: usize, max: usize) -> Toks {
    let max = max.min(5);
    let mut out = Toks::default();
    let mut i = at;
    while out.len() < max {
        let rest = &text[i..];
        let tok_len = token_len(text, i) - i;
        let mut tok = &rest[..tok_len];
        tok = tok.trim_end_matches(['\'', '-']);
        if tok.is_empty() {
            // a spaced hyphen inside a name: `Bà Rịa - Vũng Tàu`
            if !out.is_empty() && rest.starts_with("- ") {
                out.push((i, i + 1));
                i += 2;
                continue;
            }
            break;
        }
        out.push((i, i + tok.len()));
        i += tok.len();
        if !text[i..].starts_with(' ') {
            break;
        }
        i += 1;
    }
    out
}

/// What [`token_len`] does on a byte: 0 stop, 1..=3 step over a char of so many bytes
/// (ASCII letters, digits, `'`, `-`; Latin letters U+00C0..U+027F; Latin Extended Additional
/// U+1E00..U+1EFF, told by the byte after `0xE1`), [`DECODE`] decode the char.
const TOKEN_STEP: [u8; 256] = {
    let mut t = [DECODE; 256];
    let mut b = 0;
    while b < 0x80 {
        let x = b as u8;
        t[b] = if x.is_ascii_alphanumeric() || x == b'\'' || x == b'-' {
            1
        } else {
            0
        };
        b += 1;
    }
    let mut b = 0xC3;
    while b <= 0xC9 {
        t[b] = 2;
        b += 1;
    }
    t[0xE1] = 3;
    t
};
const DECODE: u8 = 4;

/// The end of the run of letters, digits, apostrophes and hyphens that starts at byte `i` (a
/// char boundary): ASCII and the letters of Vietnamese told from their bytes by a table (so
/// without a branch on which kind of char), the rest decoded.
#[inline]
fn token_len(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    while let Some(&x) = b.get(j) {
        let next = b.get(j + 1).copied().unwrap_or(0);
        let mut step = TOKEN_STEP[usize::from(x)];
        // `×` and `÷` among the Latin letters
        let sign = (x == 0xC3) & ((next == 0x97) | (next == 0xB7));
        step &= u8::from(sign).wrapping_sub(1);
        // after `0xE1`, only U+1E00..U+1EFF are told from their bytes
        let other_e1 = (x == 0xE1) & !(0xB8..=0xBB).contains(&next);
        if step == DECODE || other_e1 {
            step = match text[j..].chars().next() {
                Some(c) if crate::lexicon::is_alnum(c) => c.len_utf8() as u8,
                _ => 0,
            };
        }
        if step == 0 {
            break;
        }
        j += usize::from(step);
    }
    j
}

fn is_capitalised(tok: &str) -> bool {
    tok.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_all_caps(tok: &str) -> bool {
    tok.chars().filter(|c| c.is_alphabetic()).count() >= 2 && tok.chars().all(|c| !c.is_lowercase())
}

/// Context for resolving names: the era of the article and provinces it names.
#[derive(Debug, Clone, Default)]
pub struct PlaceContext {
    pub era: Option<Era>,
}

/// Every unit mention in `text` (normalised) / `lower` (aligned lowercase copy).
pub fn find_places(
    text: &str,
    lower: &str,
    words: &Words,
    era: Era,
    year: Option<i32>,
) -> Vec<Place> {
    let gaz = Gazetteer::get();
    let mut out = level_mentions(text, lower, words, era, gaz);
    // bare provinces in brackets: `(Quảng Ngãi)`, `(Cao Bằng)`; names repeat within an
    // article: ask the gazetteer once per name
    let mut provinces: FxHashMap<&str, Option<&Unit>> =
        FxHashMap::with_capacity_and_hasher(16, Default::default());
    bracket_provinces(text, era, gaz, &mut provinces, &mut out);
    bare_provinces(text, lower, words, era, gaz, &mut provinces, &mut out);
    agencies(text, lower, words, &mut out);
    subject_units(text, lower, era, gaz, &mut out);
    out.sort_by_key(|p| p.start);
    out.dedup_by(|b, a| b.start < a.end);
    hints_and_foreign(text, lower, &mut out);
    resolve_all(&mut out, era, gaz);
    former_names(&mut out, year);
    out
}

/// The mentions that start with a level word (`huyện Ba Tơ`, `các tỉnh Kon Tum, Gia Lai`), in
/// text order. (Each stage of [`find_places`] is a function of its own, kept out of line: the
/// whole is larger than the instruction cache, and a document runs through each once.)
#[inline(never)]
fn level_mentions<'t>(
    text: &'t str,
    lower: &'t str,
    words: &Words,
    era: Era,
    gaz: &Gazetteer,
) -> Vec<Place> {
    let lex = lexicon();
    let mut out: Vec<Place> = Vec::new();
    // (room for an article's names at once: the map is not regrown name by name)
    let mut known: FxHashMap<(&str, Level), bool> =
        FxHashMap::with_capacity_and_hasher(32, Default::default());
    for cue in lex.level_words.find_words(lower, words, 0, lower.len()) {
        let level_word = lex.level_words.cue(cue.row);
        let level = level_of_word(lex.level_words.value(cue.row, 0));
        let mut at = cue.end;
        while text[at..].starts_with(' ') {
            at += 1;
        }
        // `huyện kết nghĩa Đắk Song`, `huyện bạn Yên Châu`: the name after the qualifier
        if let Some(q) = lex.unit_qualifiers.iter().find(|q| {
            lower[at..].starts_with(q.as_str())
                && text[at + q.len()..].starts_with(' ')
                && text[at + q.len() + 1..].starts_with(char::is_uppercase)
        }) {
            at += q.len() + 1;
        }
        let plural = PLURAL_WORDS
            .iter()
            .any(|w| ends_with_word(lower[..cue.start].trim_end(), w));
        if plural && text[at..].starts_with(':') {
            at += 1;
            while text[at..].starts_with(' ') {
                at += 1;
            }
        }
        let mut first = true;
        while let Some((ns, ne, name)) = read_name(text, lower, at, level, era, gaz, &mut known) {
            out.push(Place {
                start: if first { cue.start } else { ns },
                end: ne,
                name_start: ns,
                name_end: ne,
                level_word: Some(level_word),
                name,
                level,
                province: None,
                code: None,
                hint: None,
                is_hint: false,
            });
            first = false;
            // the next item of a list: `, ` or ` và `, maybe after the item's province in
            // brackets (`các huyện Bắc Hà (Lào Cai) và Mù Cang Chải (Yên Bái)`)
            let after = ne + bracket_after(text, ne);
            let rest = &lower[after..];
            let step = [", ", " và ", ","]
                .iter()
                .find(|sep| rest.starts_with(*sep))
                .map(|s| s.len());
            match step {
                Some(n)
                    if text[after + n..]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase) =>
                {
                    at = after + n
                }
                _ => break,
            }
            // after a singular level word (`tại huyện Đơn Dương, Đức Trọng và Lâm Hà`) only
            // a name the gazetteer knows at that level goes on the list, and not a province's
            // name (`huyện Mèo Vạc, Hà Giang` names the province, not its capital city);
            // provinces are read bare anyway
            if !plural
                && (level == Level::Province
                    || !singular_list_item(text, lower, at, level, era, gaz, &mut known))
            {
                break;
            }
        }
    }
    out
}

/// The length of ` (…)` at `at` in `text`, a short capitalised name in brackets (a list item's
/// province: `Bắc Hà (Lào Cai)`), or 0.
fn bracket_after(text: &str, at: usize) -> usize {
    let Some(inner) = text[at..].strip_prefix(" (") else {
        return 0;
    };
    match memchr::memchr(b')', &inner.as_bytes()[..inner.len().min(41)]) {
        Some(close) if inner[..close].starts_with(char::is_uppercase) => close + 3,
        _ => 0,
    }
}

/// Words before a level word that make it plural (`các huyện`, `hai huyện Bắc Yên và Phù Yên`):
/// the names after it are a list (kind `plural` of `grammar_words.tsv`).
static PLURAL_WORDS: Lazy<Vec<String>> = Lazy::new(|| lexicon().grammar("plural"));

/// Whether `s` ends with the word `w` (after its start or a char that is no letter or digit).
fn ends_with_word(s: &str, w: &str) -> bool {
    s.strip_suffix(w)
        .is_some_and(|r| !r.ends_with(crate::lexicon::is_alnum))
}

/// Whether the name at `at` is a unit of `level` the gazetteer knows (in the article's era or,
/// after the reform, before it) and no province's name in either era: the next item of a list
/// after a singular level word.
fn singular_list_item<'t>(
    text: &'t str,
    lower: &str,
    at: usize,
    level: Level,
    era: Era,
    gaz: &Gazetteer,
    known: &mut FxHashMap<(&'t str, Level), bool>,
) -> bool {
    let Some((ns, ne, _)) = read_name(text, lower, at, level, era, gaz, known) else {
        return false;
    };
    let name = &text[ns..ne];
    known.get(&(name, level)) == Some(&true)
        && gaz.province(name, Era::Pre2025).is_none()
        && gaz.province(name, Era::Post2025).is_none()
}

/// Provinces named alone in brackets: `(Quảng Ngãi)`, `(Cao Bằng)`.
#[inline(never)]
fn bracket_provinces<'t>(
    text: &'t str,
    era: Era,
    gaz: &'t Gazetteer,
    provinces: &mut FxHashMap<&'t str, Option<&'t Unit>>,
    out: &mut Vec<Place>,
) {
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'(', &text.as_bytes()[i..]) {
        let s = i + off + 1;
        i = s;
        // a `)` within 40 bytes (farther or nowhere, the same: no name in brackets here)
        let near = &text.as_bytes()[s..text.len().min(s + 41)];
        let Some(close) = memchr::memchr(b')', near) else {
            continue;
        };
        if close > 40 {
            continue;
        }
        let inner = &text[s..s + close];
        if out.iter().any(|p| p.start >= s && p.start < s + close) {
            continue;
        }
        if is_capitalised(inner)
            && provinces
                .entry(inner)
                .or_insert_with(|| gaz.province(inner, era))
                .is_some()
        {
            out.push(Place {
                start: s,
                end: s + close,
                name_start: s,
                name_end: s + close,
                level_word: None,
                name: inner.to_string(),
                level: Level::Province,
                province: None,
                code: None,
                hint: None,
                is_hint: false,
            });
        }
    }
}

/// Agencies acting for themselves: `Bộ Thông tin và Truyền thông`, `Văn phòng Quốc gia về
/// giảm nghèo`.
#[inline(never)]
fn agencies(text: &str, lower: &str, words: &Words, out: &mut Vec<Place>) {
    let lex = lexicon();
    // agencies acting for themselves: `Bộ Thông tin và Truyền thông`, `Văn phòng Quốc gia về giảm nghèo`
    for c in lex.agencies.find_words(lower, words, 0, lower.len()) {
        // `Chính phủ nhân dân huyện Phú Ninh` (a foreign county's government) is not the agency
        let of_unit = lower[c.end..].starts_with(" nhân dân");
        // a name written as a name (`Bộ Tài chính`, `Chánh văn phòng Quốc gia Giảm nghèo`),
        // not the common words (`chính phủ`)
        if text[c.start..c.end].contains(char::is_uppercase) && !of_unit {
            out.push(Place {
                start: c.start,
                end: c.end,
                name_start: c.start,
                name_end: c.end,
                level_word: None,
                name: lex.agencies.value(c.row, 0).to_string(),
                level: Level::Agency,
                province: None,
                code: None,
                hint: None,
                is_hint: false,
            });
        }
    }
}

/// A province right after a smaller unit is its hint; units of another country.
#[inline(never)]
fn hints_and_foreign(text: &str, lower: &str, out: &mut [Place]) {
    let lex = lexicon();
    // a province right after a smaller unit is its hint; whether the hint is a unit of another
    // country is read where it is written (`is_foreign_name` of the hint's mention is
    // `is_foreign` of its name), without a lowercase copy
    let mut hint_foreign = vec![false; out.len()];
    for k in 1..out.len() {
        let (prev, cur) = (&out[k - 1], &out[k]);
        let gap = &lower[prev.end..cur.start];
        let adjacent = matches!(gap.trim(), "" | "," | "(" | "-" | "thuộc" | ", thuộc");
        if adjacent && rank(cur.level) > rank(prev.level) {
            hint_foreign[k - 1] = is_foreign_name(text, lower, cur);
            let hint = cur.name.clone();
            out[k].is_hint = true;
            out[k - 1].hint = Some(hint);
            let end = out[k].end + usize::from(text[out[k].end..].starts_with(')'));
            out[k - 1].end = end;
        }
    }
    // units of another country: named in `foreign.tsv`, or followed by a country in brackets
    for (p, &hint_foreign) in out.iter_mut().zip(&hint_foreign) {
        let tail = crate::lexicon::window(lower, p.end, 60).trim_start();
        // (after a comma only a country named as one: `tỉnh Luang Prabang, nước CHDCND Lào`;
        // `huyện Bát Xát, Lào Cai` is no unit of Laos)
        let tail = match tail.strip_prefix(',') {
            Some(r) => r.trim_start().strip_prefix("nước ").unwrap_or(""),
            None => tail
                .strip_prefix(|c| c == '(' || c == '-')
                .unwrap_or("")
                .trim_start(),
        };
        let tail = tail.strip_prefix("nước ").unwrap_or(tail);
        let country_after = lex.foreign.match_at(tail, 0).is_some()
            || tail.starts_with("cộng hòa dân chủ nhân dân");
        if country_after || is_foreign_name(text, lower, p) || hint_foreign {
            // `huyện Phú Ninh, tỉnh Vân Nam (Trung Quốc)`: the province written after it
            let province = p
                .hint
                .clone()
                .filter(|_| country_after || hint_foreign)
                .unwrap_or_else(|| p.name.clone());
            p.level = Level::Foreign;
            p.province = Some(Cow::Owned(province));
        }
    }
    // a foreign unit named once with its province names it everywhere (`huyện Phú Ninh` in the
    // title, `huyện Phú Ninh, tỉnh Vân Nam (Trung Quốc)` in the body)
    let foreign_provinces: FxHashMap<String, Cow<'static, str>> = out
        .iter()
        .filter(|p| p.level == Level::Foreign && !p.is_hint)
        .filter_map(|p| Some((p.name.clone(), p.province.clone()?)))
        .filter(|(n, prov)| n != prov)
        .collect();
    for p in out.iter_mut().filter(|p| p.level == Level::Foreign) {
        if let Some(prov) = foreign_provinces.get(&p.name) {
            p.province = Some(prov.clone());
        }
    }
}

/// Words of an organisation's name that may stand before a province (`Báo Đồng Nai`).
const ORG_WORDS: &[&str] = &["Theo", "Báo", "Đài", "Hội", "Sở", "Cổng", "Ban", "Tỉnh"];

/// Provinces named without a level word (`tại Lâm Đồng`, `Hội Nông dân TPHCM`):
/// a run of capitalised words that starts with a province's name.
#[inline(never)]
fn bare_provinces<'t>(
    text: &'t str,
    lower: &str,
    words: &Words,
    era: Era,
    gaz: &'t Gazetteer,
    provinces: &mut FxHashMap<&'t str, Option<&'t Unit>>,
    out: &mut Vec<Place>,
) {
    let lex = lexicon();
    let level_mentions = out.len();
    // inside a mention already found (the level-word mentions are sorted by start)
    let inside = |out: &[Place], i: usize| {
        let k = out[..level_mentions].partition_point(|p| p.start <= i);
        k > 0 && i < out[k - 1].end
    };
    let is_cap_word_before = |i: usize| {
        // the word before `i` (one word back only, so long lines stay linear)
        let back = crate::lexicon::floor_boundary(text, i.saturating_sub(64));
        let w = text[back..i]
            .trim_end_matches(' ')
            .rsplit(' ')
            .next()
            .unwrap_or("");
        text[..i].ends_with(' ')
            && w.chars().next().is_some_and(char::is_uppercase)
            && !ORG_WORDS.contains(&w)
    };
    let mut found: Vec<Place> = Vec::new();
    // names repeat within an article: ask the gazetteer once per name
    let mut uniques: FxHashMap<&str, Option<&Unit>> = FxHashMap::default();
    for (s, e) in PROVINCE_NAMES.find_all(text, lower) {
        let name = &text[s..e];
        let prev = text[..s].chars().next_back();
        let next = text[e..].chars().next();
        if prev.is_some_and(|p| crate::lexicon::is_alnum(p) || p == '\'' || p == '.')
            || next.is_some_and(|c| crate::lexicon::is_alnum(c) || c == '\'')
            || inside(out, s)
            || is_cap_word_before(s)
        {
            continue;
        }
        // a whole capitalised run only: a capitalised word right after continues a name
        if text[e..].starts_with(' ') && text[e + 1..].starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        // `Chủ tịch Hồ Chí Minh`, `Bác Hồ`: a person, not the city
        let before = lower[..s].trim_end();
        // (a title ends with the last byte before the name: no comparison for the others)
        let last = before.as_bytes().last();
        let titled = lex
            .titles
            .rows
            .iter()
            .any(|(t, _)| t.as_bytes().last() == last && before.ends_with(t.as_str()))
            || before.ends_with("bác")
            || before.ends_with("lăng");
        if titled {
            continue;
        }
        let prov = *provinces
            .entry(name)
            .or_insert_with(|| gaz.province(name, era));
        if let Some(u) = prov {
            found.push(bare_place(s, e, u));
        }
    }
    // after a preposition of place (`tại Nghi Xuân`) a district named alone counts too,
    // when the gazetteer knows exactly one
    for prep in lex
        .place_prepositions
        .find_words(lower, words, 0, lower.len())
    {
        // the preposition, a space, the name
        let at = prep.end + 1;
        if lower.as_bytes().get(prep.end) != Some(&b' ') || inside(out, at) {
            continue;
        }
        if let Some(p) = foreign_after(text, lower, at) {
            // `tại Thái Lan`, `sang Vương quốc Thái Lan`, `tại Vân Nam`: a country, or a unit
            // of another country, named alone
            found.push(p);
            continue;
        }
        // no capitalised first token (checked below) when the next character is not a capital
        if !text[at..].starts_with(char::is_uppercase) {
            continue;
        }
        let toks = name_tokens(text, at, 4);
        // a name, not a number (`tại 1 số đơn vị`; `Quận 1` needs its level word)
        let n_cap = toks
            .iter()
            .take_while(|&&(a, b)| text[a..b].starts_with(char::is_uppercase))
            .count();
        if n_cap == 0 || found.iter().any(|p| p.start == at) {
            continue;
        }
        for n in (1..=n_cap).rev() {
            let (s, e) = (toks[0].0, toks[n - 1].1);
            let unique = *uniques.entry(&text[s..e]).or_insert_with(|| {
                match gaz.resolve(&text[s..e], None, None, &[], era) {
                    Resolution::Unique(u) => Some(u),
                    _ => None,
                }
            });
            if let Some(u) = unique {
                if u.level == Level::District && n == n_cap {
                    found.push(bare_place(s, e, u));
                }
                break;
            }
        }
    }
    out.extend(found);
}

/// Words that may stand between a preposition of place and a country's name (`tại Vương quốc
/// Thái Lan`, `sang nước bạn Lào`): kind `country_prefix` of `grammar_words.tsv`, longest first.
static COUNTRY_WORDS: Lazy<Vec<String>> = Lazy::new(|| {
    let mut w = lexicon().grammar("country_prefix");
    w.sort_by_key(|w| std::cmp::Reverse(w.len()));
    w
});

/// A country or a unit of another country (`foreign.tsv`) named alone at byte `at` (after a
/// preposition of place and a space), maybe after one of `COUNTRY_WORDS`: the whole run of
/// capitalised words is its name (`tại Lào Cai` is not `Lào`). Level `foreign`; a country's
/// row gives its usual name (`CHDCND Lào` is `Lào`).
fn foreign_after(text: &str, lower: &str, at: usize) -> Option<Place> {
    let lex = lexicon();
    let rest = &lower[at..];
    let skip = COUNTRY_WORDS
        .iter()
        .find(|w| rest.starts_with(w.as_str()) && rest[w.len()..].starts_with(' '))
        .map_or(0, |w| w.len() + 1);
    let s = at + skip;
    let cue = lex.foreign.match_at(lower, s)?;
    let e = cue.end;
    let written = text.get(s..e)?;
    let next_is_capital = text[e..]
        .strip_prefix(' ')
        .is_some_and(|t| t.starts_with(char::is_uppercase));
    if !written.starts_with(char::is_uppercase) || next_is_capital {
        return None;
    }
    // a country's row gives its usual name in its first column, and `country` in its second
    let name = if lex.foreign.value(cue.row, 1) == "country" {
        lex.foreign.value(cue.row, 0)
    } else {
        written
    }
    .to_string();
    Some(Place {
        start: s,
        end: e,
        name_start: s,
        name_end: e,
        level_word: None,
        name: name.clone(),
        level: Level::Foreign,
        province: Some(Cow::Owned(name)),
        code: None,
        hint: None,
        is_hint: false,
    })
}

/// A unit named without its level word as the subject of a sentence that says what it is
/// (`Khánh Vĩnh là huyện miền núi của tỉnh Khánh Hòa`, `Hướng Hiệp là một xã …`): the name,
/// resolved with the level word after `là`, when the gazetteer knows exactly one.
#[inline(never)]
fn subject_units(text: &str, lower: &str, era: Era, gaz: &Gazetteer, out: &mut Vec<Place>) {
    let lex = lexicon();
    let mut found = Vec::new();
    for k in memchr::memmem::find_iter(lower.as_bytes(), " là ") {
        let mut at = k + " là ".len();
        if lower[at..].starts_with("một ") {
            at += "một ".len();
        }
        // a level word of `level_words.tsv` (`huyện`, `xã`, `thị xã` …)
        let Some(level) = lex.level_words.match_at(lower, at) else {
            continue;
        };
        // the subject: the whole of the sentence before `là`, a run of capitalised words
        let from = crate::lexicon::floor_boundary(text, k.saturating_sub(48));
        let head = &text[from..k];
        let s = match head.rfind(['\n', '.', ',', ':', ';']) {
            Some(i) => from + i + 1,
            None if from == 0 => 0,
            None => continue,
        };
        let s = s + (text[s..k].len() - text[s..k].trim_start().len());
        let name = &text[s..k];
        let words: Vec<&str> = name.split(' ').collect();
        if name.is_empty()
            || words.len() > 4
            || !words.iter().all(|w| w.starts_with(char::is_uppercase))
            || out.iter().any(|p| p.start < k && s < p.end)
        {
            continue;
        }
        let level_word = lex.level_words.cue(level.row);
        if let Resolution::Unique(u) = gaz.resolve(name, Some(level_word), None, &[], era) {
            found.push(Place {
                level_word: Some(level_word),
                ..bare_place(s, k, u)
            });
        }
    }
    out.extend(found);
}

fn bare_place(s: usize, e: usize, u: &crate::gazetteer::Unit) -> Place {
    Place {
        start: s,
        end: e,
        name_start: s,
        name_end: e,
        level_word: None,
        name: u.name.clone(),
        level: u.level,
        province: None,
        code: None,
        hint: None,
        is_hint: false,
    }
}

/// Every province name and alias of both eras, as written (`Đắk Lắk`, `TPHCM`, `Sài Gòn`),
/// longest first.
fn province_name_list() -> Vec<String> {
    let gaz = Gazetteer::get();
    let mut names: Vec<String> = [Era::Pre2025, Era::Post2025]
        .iter()
        .flat_map(|&era| {
            gaz.units(era)
                .filter(|u| u.level == Level::Province)
                .map(|u| u.name.clone())
        })
        .collect();
    names.extend(
        include_str!("../data/gazetteer/aliases.csv")
            .lines()
            .filter_map(|l| {
                let c: Vec<&str> = l.split(',').collect();
                (c.len() >= 4 && c[1].len() == 2 && c[3] == "n").then(|| c[2].to_string())
            }),
    );
    names.retain(|n| n.chars().count() >= 3 && n.chars().next().is_some_and(char::is_uppercase));
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// The names of [`province_name_list`] by their first two bytes, each group in the list's
/// order: one pass finds provinces named without a level word, as the regex alternation of
/// the names would (leftmost, then the first name of the list, then on after it).
struct ProvinceNames {
    names: Vec<String>,
    /// whether a name starts with this byte
    first: [bool; 256],
    /// by first byte: its row of `pair` (0: no name starts with it, a row of zeros)
    row: [u8; 256],
    /// row of the first byte, then second byte → index into `groups` + 1 (0: no name starts
    /// so); a row per first byte of a name, not one per byte value, so that the rows read
    /// stay in the data cache
    pair: Vec<u16>,
    /// the names of each group, in the list's order
    groups: Vec<Vec<Head>>,
    /// by group index + 1 (0: no group, nothing set): the bits [`bloom_bit`] of the third and
    /// fourth bytes of its names (every bit for a name of three bytes)
    bloom: Vec<u64>,
    /// every name's first character is changed by lowercasing (so capitals of the text are
    /// where it differs from its lowercase copy)
    cased: bool,
}

/// A name's first eight bytes (fewer when shorter: `mask` keeps those it has), read as a
/// little-endian word, and its index in [`ProvinceNames::names`].
#[derive(Debug, Clone, Copy)]
struct Head {
    head: u64,
    mask: u64,
    name: usize,
}

/// The bit of [`ProvinceNames::bloom`] for a name's third and fourth bytes.
#[inline(always)]
fn bloom_bit(b2: u8, b3: u8) -> u64 {
    1 << ((usize::from(b2) * 7 + usize::from(b3)) & 63)
}

static PROVINCE_NAMES: Lazy<ProvinceNames> = Lazy::new(|| {
    let names = province_name_list();
    let mut first = [false; 256];
    let mut row = [0u8; 256];
    let mut rows: usize = 1;
    for n in &names {
        let b0 = usize::from(n.as_bytes()[0]);
        if row[b0] == 0 {
            row[b0] = u8::try_from(rows).expect("few first bytes");
            rows += 1;
        }
    }
    let mut pair = vec![0u16; rows << 8];
    let mut groups: Vec<Vec<Head>> = Vec::new();
    let mut bloom = vec![0u64];
    for (i, n) in names.iter().enumerate() {
        // every name has at least three characters, so three bytes
        let b = n.as_bytes();
        first[b[0] as usize] = true;
        let k = (usize::from(row[usize::from(b[0])]) << 8) | usize::from(b[1]);
        if pair[k] == 0 {
            groups.push(Vec::new());
            bloom.push(0);
            pair[k] = u16::try_from(groups.len()).expect("few name groups");
        }
        bloom[usize::from(pair[k])] |= match b.get(3) {
            Some(&b3) => bloom_bit(b[2], b3),
            None => u64::MAX,
        };
        let kept = b.len().min(8);
        groups[usize::from(pair[k]) - 1].push(Head {
            head: word_at(&b[..kept], 0),
            mask: u64::MAX >> (8 * (8 - kept)),
            name: i,
        });
    }
    let cased = names.iter().all(|n| {
        let c = &n[..n.chars().next().map_or(0, char::len_utf8)];
        crate::lexicon::lowercase_aligned(c) != c
    });
    ProvinceNames {
        names,
        first,
        row,
        pair,
        groups,
        bloom,
        cased,
    }
});

impl ProvinceNames {
    /// Every occurrence in `text`, left to right, without overlaps: (start, end). `lower` is
    /// its aligned lowercase copy: a name starts with a capital, so only where the two differ.
    fn find_all(&self, text: &str, lower: &str) -> Vec<(usize, usize)> {
        if !self.cased || lower.len() != text.len() {
            return self.find_all_bytes(text);
        }
        let (t, l) = (text.as_bytes(), lower.as_bytes());
        let n = t.len();
        let mut out = Vec::new();
        // no match may start before `end` (the end of the last one)
        let mut end = 0;
        let mut i = 0;
        let cont = |k: usize| usize::from(t[k] & 0xC0 == 0x80);
        while i < n {
            // sixteen bytes at a time: most hold no capital
            if i + 16 <= n {
                let (x0, x1) = (
                    word_at(t, i) ^ word_at(l, i),
                    word_at(t, i + 8) ^ word_at(l, i + 8),
                );
                if x0 | x1 == 0 {
                    i += 16;
                    continue;
                }
                // (the first differing byte of the sixteen, without a branch)
                let x = (u128::from(x1) << 64) | u128::from(x0);
                i += (x.trailing_zeros() / 8) as usize;
            } else if t[i] == l[i] {
                i += 1;
                continue;
            }
            // a byte of a capital: the start and the end of its character (a differing byte
            // is most often a first byte or the one after it; the rest read back)
            let c0 = cont(i);
            let mut p = i - c0 - (c0 & cont(i.saturating_sub(1)));
            while p > 0 && t[p] & 0xC0 == 0x80 {
                p -= 1;
            }
            let lead = t[p];
            let q = p
                + 1
                + usize::from(lead >= 0xC0)
                + usize::from(lead >= 0xE0)
                + usize::from(lead >= 0xF0);
            if p >= end && self.first[usize::from(lead)] {
                if let Some(len) = self.match_at(t, p) {
                    out.push((p, p + len));
                    end = p + len;
                }
            }
            i = q.max(end);
        }
        out
    }

    /// [`ProvinceNames::find_all`] looking at every byte (without a lowercase copy).
    fn find_all_bytes(&self, text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(off) = bytes[i..].iter().position(|&b| self.first[b as usize]) {
            i += off;
            match self.match_at(bytes, i) {
                Some(len) => {
                    out.push((i, i + len));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Length of the first name of the list that `bytes[i..]` starts with.
    #[inline(always)]
    fn match_at(&self, bytes: &[u8], i: usize) -> Option<usize> {
        // (every name has at least three bytes)
        let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
            return None;
        };
        let g = self.pair[(usize::from(self.row[usize::from(bytes[i])]) << 8) | usize::from(b1)];
        // no group (`bloom[0]` is empty), or none of its names has these third and fourth
        // bytes: one test for most capitals
        let b3 = bytes.get(i + 3).copied().unwrap_or(0);
        if self.bloom[usize::from(g)] & bloom_bit(b2, b3) == 0 {
            return None;
        }
        let w = word_at(bytes, i);
        self.groups[usize::from(g) - 1]
            .iter()
            .filter(|h| w & h.mask == h.head)
            .map(|h| self.names[h.name].as_bytes())
            .find(|name| name.len() <= 8 || bytes[i..].starts_with(name))
            .map(<[u8]>::len)
    }
}

/// Read one name at `at`: returns its span and the name as written.
fn read_name<'t>(
    text: &'t str,
    lower: &str,
    at: usize,
    level: Level,
    era: Era,
    gaz: &Gazetteer,
    known: &mut FxHashMap<(&'t str, Level), bool>,
) -> Option<(usize, usize, String)> {
    // a name starts with a capital or a digit (checked below): most level words are not
    // followed by one (`xã hội`, `tỉnh táo`)
    if !text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let toks = name_tokens(text, at, 5);
    let first = toks.first()?;
    if !is_capitalised(&text[first.0..first.1]) {
        return None;
    }
    // a name holds at most one lowercase word (`Ea súp`): no longer candidates than that
    let mut lowercase = 0;
    let longest = toks
        .iter()
        .take_while(|&&(a, b)| {
            lowercase += usize::from(text[a..b].starts_with(char::is_lowercase));
            lowercase < 2
        })
        .count();
    // the longest run of tokens the gazetteer knows (keys computed once for all the runs)
    let mut keys: Option<NameKeys<'_>> = None;
    for n in (1..=longest.min(5)).rev() {
        if &text[toks[n - 1].0..toks[n - 1].1] == "-" {
            continue;
        }
        let (s, e) = (toks[0].0, toks[n - 1].1);
        let cand = &text[s..e];
        // a unit of the level the word announces (`huyện ủy` + a commune's name is not a unit)
        let eras: &[Era] = if era == Era::Post2025 {
            &[Era::Post2025, Era::Pre2025]
        } else {
            &[era]
        };
        // names repeat within an article: ask the gazetteer once per name and level
        let ok = *known.entry((cand, level)).or_insert_with(|| {
            let nk = keys.get_or_insert_with(|| NameKeys::new(&text[s..toks[longest - 1].1]));
            gaz.any_candidate_of(nk, e - s, eras, |u| {
                u.level == level || (level == Level::Province && u.level == Level::District)
            })
        });
        if ok {
            return Some((s, e, cand.to_string()));
        }
    }
    // unknown: capitalised tokens, not abbreviations, cut before a family name
    let surnames = &lexicon().surnames;
    // `Huyện ủy Vương Đức Thủy`: an unknown name that starts with a family name is a person,
    // unless a unit of another country is named right after it (`huyện Hà Khẩu, tỉnh Vân Nam,
    // Trung Quốc`, `huyện Hà Khẩu (Trung Quốc)`)
    let person_first = surnames.contains(&text[first.0..first.1]);
    let mut n = 0;
    for (k, &(s, e)) in toks.iter().enumerate().take(4) {
        let tok = &text[s..e];
        if !is_capitalised(tok) || (is_all_caps(tok) && !tok.chars().any(|c| c.is_ascii_digit())) {
            break;
        }
        // `huyện Đắk Glong Trần Nam Thuần`: a family name followed by more capitalised words starts a person
        let next_cap = toks
            .get(k + 1)
            .is_some_and(|&(a, b)| is_capitalised(&text[a..b]));
        if k > 0 && surnames.contains(tok) && next_cap {
            break;
        }
        if lexicon().level_words.contains(&lower[s..e]) {
            break;
        }
        n = k + 1;
    }
    if n == 0 || (person_first && !foreign_follows(lower, toks[n - 1].1)) {
        return None;
    }
    Some((
        toks[0].0,
        toks[n - 1].1,
        text[toks[0].0..toks[n - 1].1].to_string(),
    ))
}

/// A unit of another country (`foreign.tsv`), maybe after a level word, stands right after
/// byte `at`, past a comma or an opening bracket.
fn foreign_follows(lower: &str, at: usize) -> bool {
    let lex = lexicon();
    let rest = lower[at..].trim_start_matches([' ', ',', '(', '-']);
    let i = lower.len() - rest.len();
    let after_level = lex.level_words.match_at(lower, i).map_or(i, |c| {
        c.end + (lower[c.end..].len() - lower[c.end..].trim_start().len())
    });
    // (`tỉnh Luang Prabang, nước CHDCND Lào`: a country after one of `COUNTRY_WORDS`)
    let after_country = COUNTRY_WORDS
        .iter()
        .find(|w| lower[i..].starts_with(w.as_str()) && lower[i + w.len()..].starts_with(' '))
        .map_or(i, |w| i + w.len() + 1);
    lex.foreign.match_at(lower, i).is_some()
        || lex.foreign.match_at(lower, after_level).is_some()
        || lex.foreign.match_at(lower, after_country).is_some()
}

/// Names of their time for articles written before a renaming (`former_names.tsv`).
fn former_names(places: &mut [Place], year: Option<i32>) {
    let Some(year) = year else { return };
    let gaz = Gazetteer::get();
    for (code, name, until) in &lexicon().former_names {
        if year > *until {
            continue;
        }
        let Some(unit) = gaz.by_code(code, Era::Pre2025) else {
            continue;
        };
        for p in places.iter_mut() {
            if p.code == Some(code.as_str()) && p.level == unit.level {
                p.name.clone_from(name);
            }
            if p.province.as_deref() == Some(unit.name.as_str()) {
                p.province = Some(Cow::Borrowed(name.as_str()));
            }
        }
    }
}

fn rank(l: Level) -> u8 {
    match l {
        Level::Commune => 1,
        Level::District => 2,
        Level::Province => 3,
        _ => 0,
    }
}

/// [`is_foreign`] of a mention's name: read in `lower` (the aligned lowercase copy of `text`,
/// lowercased char by char) when the name is as written there, so without a lowercase copy.
fn is_foreign_name(text: &str, lower: &str, p: &Place) -> bool {
    match (
        text.get(p.name_start..p.name_end),
        lower.get(p.name_start..p.name_end),
    ) {
        (Some(written), Some(low)) if written == p.name => lexicon().foreign.contains(low),
        _ => is_foreign(&p.name),
    }
}

/// Whether a name is a unit of another country (`foreign.tsv`).
fn is_foreign(name: &str) -> bool {
    // names come from the normalised text: lowercasing is enough to meet the table's keys
    lexicon()
        .foreign
        .contains(&crate::lexicon::lowercase_aligned(name))
}

/// The written name is another unit's (a predecessor's), not a spelling of the resolved one:
/// their diacritic-free keys differ in more than a third of their letters (`Ea Rốc`/`Ea Rốk`
/// and `M’Drắk`/`M'Đrắk` are spellings; `Nam Đông`/`Phú Lộc` are two units).
fn is_former_name(written: &str, resolved: &str) -> bool {
    // most names are written as the gazetteer writes them: equal keys, no need to fold them
    if written == resolved {
        return false;
    }
    let (a, b) = (
        crate::gazetteer::fold(written),
        crate::gazetteer::fold(resolved),
    );
    if a == b || a.is_empty() || b.is_empty() {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Levenshtein distance on short names
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    let d = prev[b.len()];
    d * 3 > a.len().max(b.len())
}

#[inline(never)]
fn resolve_all(places: &mut [Place], era: Era, gaz: &'static Gazetteer) {
    let mut doc_provinces: Vec<&str> = places
        .iter()
        .filter(|p| p.level == Level::Province)
        .map(|p| p.name.as_str())
        .collect();
    doc_provinces.sort_unstable();
    doc_provinces.dedup();
    // the article's provinces are looked up once, for all its ambiguous names
    let docs = DocProvinces::new(&doc_provinces);
    // a name repeats within an article: resolve each (name, level word, hint) once
    type Key<'p> = (&'p str, Option<&'p str>, Option<&'p str>);
    let mut seen: FxHashMap<Key<'_>, Resolution<'_>> =
        FxHashMap::with_capacity_and_hasher(places.len(), Default::default());
    let mut resolved: Vec<Option<Resolution<'_>>> = Vec::with_capacity(places.len());
    for p in places.iter() {
        if matches!(p.level, Level::Foreign | Level::Agency) {
            resolved.push(None);
            continue;
        }
        let key = (p.name.as_str(), p.level_word, p.hint.as_deref());
        let res = seen.entry(key).or_insert_with(|| {
            gaz.resolve_in(&p.name, p.level_word, p.hint.as_deref(), &docs, era)
        });
        resolved.push(Some(res.clone()));
    }
    drop(seen);
    drop(docs);
    // other units of the article decide an ambiguous name: `huyện Đoàn Tam Nông … tại xã Quang
    // Húc` is the Tam Nông that holds Quang Húc; a commune lies in a district the article names
    // (most articles have no ambiguous name: then the units around are not gathered)
    let ambiguous = resolved
        .iter()
        .any(|r| matches!(r, Some(Resolution::Ambiguous(_))));
    let mut around: FxHashSet<&str> = FxHashSet::default();
    for r in resolved.iter().flatten().filter(|_| ambiguous) {
        if let Resolution::Unique(u) = r {
            around.insert(u.code.as_str());
            if let Some(d) = &u.district_code {
                around.insert(d.as_str());
            }
        }
    }
    for r in resolved.iter_mut().flatten().filter(|_| ambiguous) {
        if let Resolution::Ambiguous(cands) = r {
            let fits: Vec<&Unit> = cands
                .iter()
                .copied()
                .filter(|c| {
                    around.contains(c.code.as_str())
                        || c.district_code
                            .as_deref()
                            .is_some_and(|d| around.contains(d))
                })
                .collect();
            if let [one] = fits.as_slice() {
                *r = Resolution::Unique(one);
            }
        }
    }
    // `huyện Nam Đông` in a 2024 article: a district abolished before the gazetteer's
    // snapshot, found through its successor (Phú Lộc); asked once per written and resolved name
    let mut formers: FxHashMap<(&str, &str), bool> = FxHashMap::default();
    let former: Vec<bool> = places
        .iter()
        .zip(&resolved)
        .map(|(p, res)| match res {
            // (a name written as the gazetteer writes it is no former name: not remembered)
            Some(Resolution::Unique(u)) if u.level != Level::Province && p.name != u.name => {
                *formers
                    .entry((p.name.as_str(), u.name.as_str()))
                    .or_insert_with(|| is_former_name(&p.name, &u.name))
            }
            _ => false,
        })
        .collect();
    drop(formers);
    for ((p, res), former) in places.iter_mut().zip(resolved).zip(former) {
        let Some(res) = res else { continue };
        match res {
            Resolution::Unique(u) => {
                // `huyện Nam Đông` in a 2024 article: a district abolished before the
                // gazetteer's snapshot, found through its successor (Phú Lộc). The unit
                // visited keeps its own name; its province is the successor's, its code unknown.
                if u.level != Level::Province && former {
                    p.level = u.level;
                    p.province = Some(Cow::Borrowed(&u.province_name));
                    p.code = None;
                    continue;
                }
                // (mostly the name as written: its buffer is reused)
                p.name.clone_from(&u.name);
                p.level = u.level;
                if u.era == era {
                    p.province = Some(Cow::Borrowed(&u.province_name));
                    p.code = Some(&u.code);
                } else {
                    // a pre-2025 unit named in a later article: its province is the 2025 one,
                    // and it has no code of that era
                    let now = gaz.to_2025(&u.code).map(|(prov, _)| prov.name.as_str());
                    p.province = Some(Cow::Borrowed(now.unwrap_or(&u.province_name)));
                    p.code = None;
                }
            }
            Resolution::Ambiguous(cands) => {
                // no code; the province only if every candidate agrees
                if let Some(first) = cands.first() {
                    if cands.iter().all(|c| c.province_code == first.province_code) {
                        p.province = Some(Cow::Borrowed(&first.province_name));
                    }
                    if cands.iter().all(|c| c.name == first.name) {
                        p.name.clone_from(&first.name);
                    }
                    if cands.iter().all(|c| c.level == first.level) {
                        p.level = first.level;
                    }
                }
            }
            Resolution::NotFound => {
                if p.level == Level::Province {
                    p.province = Some(Cow::Owned(p.name.clone()));
                } else if let Some(h) = &p.hint {
                    p.province = gaz.province(h, era).map(|u| Cow::Borrowed(u.name.as_str()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places_of(text: &str, era: Era, year: i32) -> Vec<Place> {
        let lower = crate::lexicon::lowercase_aligned(text);
        let words = Words::new(&lower);
        find_places(text, &lower, &words, era, Some(year))
    }

    /// The regex alternation `PROVINCE_NAMES` was before [`ProvinceNames`].
    fn province_regex() -> regex::Regex {
        let alt: Vec<String> = province_name_list()
            .iter()
            .map(|n| regex::escape(n))
            .collect();
        regex::Regex::new(&alt.join("|")).expect("province names compile")
    }

    /// Deterministic texts made of province names, their pieces, cut names and filler.
    fn generated_texts() -> Vec<String> {
        let names = province_name_list();
        let pieces: Vec<String> = names
            .iter()
            .flat_map(|n| n.split(' ').map(str::to_string).collect::<Vec<_>>())
            .collect();
        let cut: Vec<String> = names
            .iter()
            .map(|n| n.chars().take(n.chars().count() - 1).collect())
            .collect();
        let filler = [
            " ", ", ", "x", "tỉnh ", "(", ")", "Đ", "đã ", "TP", "-", "\n", "A",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        (0..400)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..next(30) {
                    match next(4) {
                        0 => t.push_str(&names[next(names.len())]),
                        1 => t.push_str(&pieces[next(pieces.len())]),
                        2 => t.push_str(&cut[next(cut.len())]),
                        _ => t.push_str(filler[next(filler.len())]),
                    }
                }
                t
            })
            .collect()
    }

    #[test]
    fn a_district_named_alone_after_a_preposition_of_place() {
        fn names(t: &str) -> Vec<(String, &str)> {
            places_of(t, Era::Pre2025, 2024)
                .into_iter()
                .map(|p| (p.name, &t[p.start..p.end]))
                .collect()
        }
        for prep in ["tại", "đến", "về", "với", "tới", "ở"] {
            let t = format!("Đoàn công tác học tập kinh nghiệm {prep} Nghi Xuân trong hai ngày.");
            let found = names(&t);
            assert!(
                found
                    .iter()
                    .any(|(n, w)| n.contains("Nghi Xuân") && *w == "Nghi Xuân"),
                "{t:?}: {found:?}"
            );
        }
        // no preposition of place, a preposition inside a word, no space, no capital
        for t in [
            "Đoàn công tác học tập kinh nghiệm của Nghi Xuân trong hai ngày.",
            "Đoàn công tác học tập kinh nghiệmtại Nghi Xuân trong hai ngày.",
            "Đoàn công tác học tập kinh nghiệm tại: Nghi Xuân trong hai ngày.",
            "Đoàn công tác học tập kinh nghiệm tại nghi xuân trong hai ngày.",
        ] {
            assert!(names(t).is_empty(), "{t:?}: {:?}", names(t));
        }
    }

    #[test]
    fn province_names_are_found_as_by_the_regex() {
        assert!(PROVINCE_NAMES.cased);
        let re = province_regex();
        let mut found = 0;
        for t in generated_texts() {
            let want: Vec<(usize, usize)> =
                re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            let lower = crate::lexicon::lowercase_aligned(&t);
            assert_eq!(PROVINCE_NAMES.find_all(&t, &lower), want, "{t:?}");
            assert_eq!(PROVINCE_NAMES.find_all_bytes(&t), want, "{t:?}");
            found += want.len();
        }
        assert!(found > 1000, "{found}");
    }

    /// The end of a token as [`name_tokens`] first read it, char by char.
    fn token_len_ref(text: &str, i: usize) -> usize {
        let rest = &text[i..];
        i + rest
            .char_indices()
            .find(|&(_, c)| !(crate::lexicon::is_alnum(c) || c == '\'' || c == '-'))
            .map_or(rest.len(), |(j, _)| j)
    }

    #[test]
    fn tokens_end_where_read_char_by_char() {
        // every char below U+2100 and of Latin Extended Additional, a few far ones, in runs
        // of letters, marks and spaces, read from every char boundary
        let chars: Vec<char> = (0..0x2100u32)
            .chain(0x1E00..0x1F00)
            .chain([0x2019, 0x3000, 0x4E00, 0xFF21, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32)
            .collect();
        let mut stops = 0;
        for &c in &chars {
            for ctx in ["", "a", "ệ", "Đ", " ", "-'", "×", "1"] {
                let t = format!("{ctx}{c}{ctx}x{c}{c} {c}");
                for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                    let want = token_len_ref(&t, i);
                    assert_eq!(token_len(&t, i), want, "{t:?} at {i}");
                    stops += usize::from(want < t.len());
                }
            }
        }
        assert!(stops > 100_000, "{stops}");
    }

    /// A mention of `text[s..e]` as written.
    fn written(text: &str, s: usize, e: usize) -> Place {
        Place {
            start: s,
            end: e,
            name_start: s,
            name_end: e,
            level_word: None,
            name: text[s..e].to_string(),
            level: Level::District,
            province: None,
            code: None,
            hint: None,
            is_hint: false,
        }
    }

    #[test]
    fn foreign_names_read_in_the_lowercase_copy_are_the_lowercased_ones() {
        // the table's names capitalised as in text, cut, and every char below U+2100 around them
        let mut names: Vec<String> = lexicon()
            .foreign
            .rows
            .iter()
            .map(|(n, _)| n.clone())
            .collect();
        let caps: Vec<String> = names
            .iter()
            .map(|n| {
                n.split(' ')
                    .map(|w| {
                        let mut cs = w.chars();
                        cs.next()
                            .map_or(String::new(), |c| c.to_uppercase().chain(cs).collect())
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        names.extend(caps);
        let mut texts: Vec<(String, usize, usize)> = Vec::new();
        for n in &names {
            let at = "huyện ".len();
            texts.push((format!("huyện {n} và"), at, at + n.len()));
            texts.push((n.to_uppercase(), 0, n.to_uppercase().len()));
            if let Some((i, _)) = n.char_indices().nth(1) {
                texts.push((n.clone(), i, n.len()));
            }
        }
        for u in 0..0x2100u32 {
            if let Some(c) = char::from_u32(u) {
                let t = format!("{c}Lào{c}");
                texts.push((t.clone(), 0, t.len()));
                texts.push((t.clone(), c.len_utf8(), t.len() - c.len_utf8()));
            }
        }
        let mut found = 0;
        for (t, s, e) in &texts {
            let lower = crate::lexicon::lowercase_aligned(t);
            let mut p = written(t, *s, *e);
            let want = is_foreign(&p.name);
            assert_eq!(is_foreign_name(t, &lower, &p), want, "{t:?}");
            found += usize::from(want);
            // a name no longer as written is lowercased itself
            p.name.push('x');
            assert_eq!(is_foreign_name(t, &lower, &p), is_foreign(&p.name), "{t:?}");
        }
        assert!(found > 10, "{found}");
    }

    #[test]
    fn former_names_are_other_units_not_spellings() {
        assert!(is_former_name("Nam Đông", "Phú Lộc"));
        assert!(is_former_name("Hoành Bồ", "Hạ Long"));
        assert!(is_former_name("Cát Tiên", "Đạ Huoai"));
        assert!(!is_former_name("Ea Rốc", "Ea Rốk"));
        assert!(!is_former_name("M’Drắk", "M'Đrắk"));
        assert!(!is_former_name("Đăk Glong", "Đắk Glong"));
        assert!(!is_former_name("Ea súp", "Ea Súp"));
    }

    #[test]
    fn a_commune_of_the_article_decides_its_ambiguous_district() {
        // two districts are called Tam Nông (Phú Thọ, Đồng Tháp); xã Quang Húc is in the first
        let text = "Huyện đoàn Tam Nông tổ chức cho đoàn viên tham quan mô hình tại xã Quang Húc.";
        let places = places_of(text, Era::Pre2025, 2015);
        let tn = places
            .iter()
            .find(|p| p.name == "Tam Nông")
            .expect("Tam Nông");
        assert_eq!(tn.province.as_deref(), Some("Phú Thọ"));
        assert!(tn.code.is_some());
        // alone, it stays ambiguous: no province, no code
        let text = "Huyện đoàn Tam Nông tổ chức cho đoàn viên tham quan mô hình.";
        let places = places_of(text, Era::Pre2025, 2015);
        let tn = places
            .iter()
            .find(|p| p.name == "Tam Nông")
            .expect("Tam Nông");
        assert_eq!((tn.province.as_deref(), tn.code), (None, None));
    }

    #[test]
    fn a_foreign_unit_keeps_the_province_written_once() {
        let text =
            "Đoàn huyện Phú Ninh (Trung Quốc) thăm huyện Mèo Vạc. Đoàn đại biểu huyện Phú Ninh, \
                    tỉnh Vân Nam (Trung Quốc) đã sang thăm.";
        let places = places_of(text, Era::Pre2025, 2019);
        let pn: Vec<_> = places.iter().filter(|p| p.name == "Phú Ninh").collect();
        assert_eq!(pn.len(), 2);
        assert!(pn
            .iter()
            .all(|p| p.level == Level::Foreign && p.province.as_deref() == Some("Vân Nam")));
    }

    #[test]
    fn an_abolished_district_keeps_its_name_and_gets_its_province() {
        let text = "Đoàn công tác huyện A Lưới đã làm việc với huyện Nam Đông.";
        let places = places_of(text, Era::Pre2025, 2024);
        let nd = places
            .iter()
            .find(|p| p.name == "Nam Đông")
            .expect("Nam Đông");
        assert_eq!(nd.level, Level::District);
        assert!(nd.province.as_deref().is_some_and(|p| p.contains("Huế")));
        assert_eq!(nd.code, None);
    }
}
