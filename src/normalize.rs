//! Normalisation on a copy of the text, with a map back to the original.
//!
//! The extractor reads a normalised copy: Unicode NFC, one tone-mark placement
//! (`uỷ` → `ủy`, `hoà` → `hòa`), straight quotes and apostrophes, ASCII hyphens
//! for dashes, plain spaces for NBSP and friends (runs folded to one), zero-width
//! characters dropped, no stray spaces inside brackets. The tone of `oa`, `oe`,
//! `uy` moves only in an open syllable (not `hoàng`, `thuyết`, nor after `q`:
//! `quý`); only a Latin letter closes a syllable. Every byte of the copy
//! knows the code-point offset of the original character it came from, so rows
//! can point back into the ORIGINAL text.
//!
//! Text that is already NFC (the usual case) skips the composition step: the
//! quick check is ~8× faster than re-normalising (see `shared/spec/performance.md`).

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A normalised copy of a text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `map[b]` is the code-point offset in the original of the character that
    /// produced byte `b` of `text`; `map[text.len()]` is the original's length.
    map: Vec<u32>,
    /// Original clusters of more than one code point that NFC composed
    /// (`[start, end)`, sorted): a span ending inside one ends after it.
    clusters: Vec<(u32, u32)>,
}

impl Normalized {
    /// Original code-point offset of normalised byte offset `b` (a char boundary).
    pub fn orig(&self, b: usize) -> usize {
        self.map[b.min(self.text.len())] as usize
    }

    /// Original code-point span `[start, end)` of the normalised byte span `[s, e)`.
    ///
    /// The end maps to the position just after the original character that
    /// produced the last normalised character of the span.
    pub fn orig_span(&self, s: usize, e: usize) -> (usize, usize) {
        let s = s.min(self.text.len());
        let e = e.min(self.text.len()).max(s);
        if e == s {
            let o = self.orig(s);
            return (o, o);
        }
        let start = self.orig(s);
        // the last char of the span starts at the char boundary before `e`
        let last = self.text[..e]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(s);
        let last_orig = self.orig(last) as u32;
        let end = match self.clusters.binary_search_by_key(&last_orig, |&(a, _)| a) {
            Ok(i) => self.clusters[i].1,
            Err(_) => last_orig + 1,
        };
        (start, (end as usize).max(start))
    }

    /// Length of the original in code points.
    pub fn orig_len(&self) -> usize {
        *self.map.last().unwrap_or(&0) as usize
    }
}

/// Tone marks in the order grave, acute, hook, tilde, dot below, for the vowels
/// whose placement varies between the old (`hoà`) and new (`hòa`) styles.
const TONED: &[(char, [char; 5])] = &[
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
    ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
];

/// The open-syllable glides whose tone moves to the first vowel in the new
/// style: `oa`, `oe`, `uy` (`hoà`→`hòa`, `khoẻ`→`khỏe`, `thuỷ`→`thủy`).
const GLIDES: &[(char, char)] = &[('o', 'a'), ('o', 'e'), ('u', 'y')];

fn tone_of(c: char) -> Option<(char, usize)> {
    TONED
        .iter()
        .find_map(|(base, marks)| marks.iter().position(|&m| m == c).map(|i| (*base, i)))
}

fn with_tone(base: char, tone: usize) -> Option<char> {
    TONED
        .iter()
        .find(|(b, _)| *b == base)
        .and_then(|(_, marks)| marks.get(tone).copied())
}

/// `(first, second)` rewritten to the new tone placement, if it is an old-style glide.
fn move_tone(
    first: char,
    second: char,
    prev: Option<char>,
    next: Option<char>,
) -> Option<(char, char)> {
    if !matches!(first, 'o' | 'O' | 'u' | 'U') || second.is_ascii() {
        return None; // only `o`/`u` then a toned vowel can be an old-style glide
    }
    if next.is_some_and(is_latin_letter) {
        return None; // closed syllable (`hoàng`, `thuyết`): placement is not in question
    }
    let (sbase, tone) = tone_of(second)?;
    let f_low = first.to_lowercase().next()?;
    let s_low = sbase.to_lowercase().next()?;
    if !GLIDES.iter().any(|&(a, b)| a == f_low && b == s_low) {
        return None;
    }
    if f_low == 'u' && prev.is_some_and(|p| p == 'q' || p == 'Q') {
        return None; // `quý`: the u belongs to the consonant
    }
    Some((with_tone(first, tone)?, sbase))
}

/// A letter that can continue a Vietnamese syllable (Latin script, with or without marks).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn is_hspace(c: char) -> bool {
    c == ' ' || c == '\t' || (c != '\n' && c != '\r' && c.is_whitespace())
}

/// A character that `map_char` keeps and that cannot start an old-style glide
/// (`o`, `u`) nor take part in the spacing rules: copied as it is.
#[inline]
fn is_plain(c: char) -> bool {
    match c as u32 {
        0..=0x7F => !matches!(
            c,
            ' ' | '\t' | '\x0B' | '\x0C' | '\r' | '`' | 'o' | 'O' | 'u' | 'U'
        ),
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => false,
    }
}

/// A character NFC leaves alone whatever surrounds it: below the combining
/// marks (U+0300), or a precomposed Latin letter (U+1E00–U+1EFF, all of
/// Vietnamese's toned vowels). A text made only of these is NFC without the
/// table lookups of `is_nfc_quick`.
#[inline]
fn is_composed_starter(c: char) -> bool {
    (c as u32) < 0x300 || matches!(c as u32, 0x1E00..=0x1EFF)
}

/// One character of output: what to write, and which original character it came from.
fn map_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{2026}' => '…',
        c if is_zero_width(c) => return None,
        c if is_hspace(c) => ' ',
        c => c,
    })
}

/// Normalise `orig` for reading, keeping the map back to it.
pub fn normalize(orig: &str) -> Normalized {
    // Stage 1: NFC, as (char, original index) pairs. Only clusters that are not
    // already NFC are recomposed; the map keeps each output char on the
    // original index of its cluster's first char.
    let mut chars: Vec<(char, u32)> = Vec::with_capacity(orig.len());
    let mut clusters: Vec<(u32, u32)> = Vec::new();
    if orig.chars().all(is_composed_starter) || is_nfc_quick(orig.chars()) == IsNormalized::Yes {
        chars.extend(orig.chars().enumerate().map(|(i, c)| (c, i as u32)));
    } else {
        let all: Vec<char> = orig.chars().collect();
        let mut i = 0;
        let mut buf = String::new();
        while i < all.len() {
            let mut j = i + 1;
            while j < all.len() && !is_boundary(all[j]) {
                j += 1;
            }
            buf.clear();
            buf.extend(&all[i..j]);
            for c in buf.nfc() {
                chars.push((c, i as u32));
            }
            if j - i > 1 {
                clusters.push((i as u32, j as u32));
            }
            i = j;
        }
    }
    let n_orig = orig.chars().count() as u32;

    // Stage 2: character rewriting on the NFC sequence.
    let mut text = String::with_capacity(orig.len());
    let mut map: Vec<u32> = Vec::with_capacity(orig.len() + 1);
    let push = |text: &mut String, map: &mut Vec<u32>, c: char, o: u32| {
        text.push(c);
        map.extend(std::iter::repeat_n(o, c.len_utf8()));
    };
    let mut tone_pairs: Vec<(u32, u32)> = Vec::new();
    // (index in `chars` of the next char that is neither a space nor zero-width, that char)
    let mut ahead: (usize, Option<char>) = (0, None);
    let mut k = 0;
    while k < chars.len() {
        let (c, o) = chars[k];
        // most characters are written as they are
        if is_plain(c) {
            text.push(c);
            match c.len_utf8() {
                1 => map.push(o),
                2 => map.extend_from_slice(&[o, o]),
                n => map.extend(std::iter::repeat_n(o, n)),
            }
            k += 1;
            continue;
        }
        // CR LF → LF; lone CR → LF
        if c == '\r' {
            if chars.get(k + 1).is_some_and(|&(n, _)| n == '\n') {
                k += 1;
                continue;
            }
            push(&mut text, &mut map, '\n', o);
            k += 1;
            continue;
        }
        let Some(m) = map_char(c) else {
            k += 1;
            continue;
        };
        if m == ' ' {
            // the usual space, between two letters or digits, stays as it is
            let between_words = text
                .as_bytes()
                .last()
                .is_some_and(|&b| !matches!(b, b' ' | b'(' | b'[' | b'\n'))
                && chars
                    .get(k + 1)
                    .is_some_and(|&(n, _)| crate::lexicon::is_alnum(n));
            if between_words {
                push(&mut text, &mut map, ' ', o);
                k += 1;
                continue;
            }
            // fold runs of spaces; drop spaces just inside brackets and before line ends
            let last = text.chars().next_back();
            // the next character that is not a space: looked up once per run of spaces
            if ahead.0 <= k {
                let j = chars[k + 1..]
                    .iter()
                    .position(|&(n, _)| !is_zero_width(n) && !is_hspace(n))
                    .map_or(chars.len(), |p| k + 1 + p);
                ahead = (j, chars.get(j).map(|&(n, _)| n));
            }
            let next = ahead.1;
            let drop = last == Some(' ')
                || last == Some('(')
                || last == Some('[')
                || matches!(next, Some(')') | Some(']') | Some('\n') | Some('\r') | None)
                || last.is_none()
                || last == Some('\n');
            if !drop {
                push(&mut text, &mut map, ' ', o);
            }
            k += 1;
            continue;
        }
        // tone-mark placement for old-style glides
        if let Some(&(second, o2)) = chars.get(k + 1) {
            let prev = text.chars().next_back();
            let next = chars.get(k + 2).map(|&(n, _)| n);
            if let Some((a, b)) = move_tone(m, second, prev, next) {
                // the pair is one unit now: both chars map to its start, and a
                // span that ends inside it ends after it
                push(&mut text, &mut map, a, o);
                push(&mut text, &mut map, b, o);
                let end2 = clusters
                    .binary_search_by_key(&o2, |&(a, _)| a)
                    .map_or(o2 + 1, |i| clusters[i].1);
                tone_pairs.push((o, end2));
                k += 2;
                continue;
            }
        }
        push(&mut text, &mut map, m, o);
        k += 1;
    }
    map.push(n_orig);
    // both lists are sorted by start: merge them (an insert per pair would be quadratic),
    // a start in both keeping the larger end
    let clusters = if tone_pairs.is_empty() {
        clusters
    } else {
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(clusters.len() + tone_pairs.len());
        let (mut ci, mut ti) = (
            clusters.into_iter().peekable(),
            tone_pairs.into_iter().peekable(),
        );
        loop {
            let next = match (ci.peek(), ti.peek()) {
                (Some(c), Some(t)) if c.0 <= t.0 => ci.next(),
                (_, Some(_)) => ti.next(),
                (Some(_), None) => ci.next(),
                (None, None) => break,
            };
            let Some((a, b)) = next else { break };
            match merged.last_mut() {
                Some(last) if last.0 == a => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    };
    Normalized {
        text,
        map,
        clusters,
    }
}

/// A position where NFC composition cannot reach across: a starter that is
/// NFC-stable on its own.
fn is_boundary(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// The matching key of a short string: normalised, lowercase. Used by lexicon
/// and gazetteer lookups so that `Uỷ ban` and `ủy ban` compare equal.
pub fn key(s: &str) -> String {
    normalize(s).text.to_lowercase()
}

/// Code-point length of a string.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` without combining marks (tones and vowel marks), for comparing
    /// texts whose tone placement may differ.
    fn untoned(s: &str) -> String {
        s.nfd()
            .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
            .collect()
    }

    fn slice_chars(s: &str, a: usize, b: usize) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn tone_placement_is_unified() {
        assert_eq!(normalize("Huyện uỷ Thanh Hoá").text, "Huyện ủy Thanh Hóa");
        assert_eq!(
            normalize("thuỷ lợi, khoẻ mạnh, HOÀ").text,
            "thủy lợi, khỏe mạnh, HÒA"
        );
        // closed syllables and `qu` are left alone
        assert_eq!(normalize("Hoàng Quý thuyết").text, "Hoàng Quý thuyết");
        // only a Latin letter closes a syllable
        assert_eq!(normalize("uỷᎠ").text, "ủyᎠ");
    }

    #[test]
    fn quotes_dashes_spaces() {
        let n = normalize("M’Drắk – Đắk Lắk\u{00A0}\u{00A0}( Cần Thơ )\u{200B}x");
        assert_eq!(n.text, "M'Drắk - Đắk Lắk (Cần Thơ)x");
    }

    #[test]
    fn nfd_is_composed_and_mapped() {
        let nfd: String = "Ủy ban huyện Đắk Glong".nfd().collect();
        let n = normalize(&nfd);
        assert_eq!(n.text, "Ủy ban huyện Đắk Glong");
        let b = n.text.find("Đắk").unwrap();
        let (s, e) = n.orig_span(b, b + "Đắk Glong".len());
        let back: String = slice_chars(&nfd, s, e).nfc().collect();
        assert_eq!(back, "Đắk Glong");
    }

    #[test]
    fn plain_characters_are_written_as_they_are() {
        for c in (0..0x2000u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
        {
            assert_eq!(map_char(c), Some(c), "{c:?}");
            assert!(c == '\n' || !c.is_whitespace(), "{c:?}");
            assert!(!matches!(c, 'o' | 'O' | 'u' | 'U'), "{c:?}");
        }
    }

    #[test]
    fn composed_starters_need_no_composition() {
        for c in (0..0x2000u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_composed_starter(c))
        {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn crlf_and_offsets() {
        let src = "a\r\nb  c";
        let n = normalize(src);
        assert_eq!(n.text, "a\nb c");
        let b = n.text.find('c').unwrap();
        assert_eq!(n.orig_span(b, b + 1), (6, 7));
        assert_eq!(n.orig_len(), 7);
    }

    proptest::proptest! {
        #[test]
        fn spans_map_back(s in "(\\PC|[\u{0300}-\u{0323}\u{00A0}\u{200B}’–ỷàò]|\u{1F600}|\r\n| ){0,40}") {
            let n = normalize(&s);
            // every normalised char span maps to an original span that normalises to it
            let idx: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
            for w in 0..idx.len() {
                for v in (w + 1)..idx.len().min(w + 6) {
                    let (a, b) = n.orig_span(idx[w], idx[v]);
                    proptest::prop_assert!(a <= b && b <= n.orig_len());
                    let back = normalize(&slice_chars(&s, a, b)).text;
                    let want = n.text[idx[w]..idx[v]].trim_matches(' ');
                    // tone placement depends on the letters around a vowel pair (`hoà`
                    // but `hoàng`, `uý` but `quý`): a slice may place it otherwise
                    proptest::prop_assert!(back.contains(want) || want.is_empty()
                        || untoned(&back).contains(&untoned(want)),
                        "span {:?} of {:?} -> {:?}", want, s, back);
                }
            }
        }
    }
}
