//! One document read once: normalised copy, segments, and every mention the
//! frame builders (`visits`, `figures`) assemble from. Each stage reads only
//! what the one before produced.

use std::cell::{OnceCell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::dates::{
    digit_runs_of, find_dates_in, find_years_in, DateMention, Stamp, YearKind, YearMention,
};
use crate::gazetteer::{Era, Level};
use crate::lexicon::{lowercase_aligned, Cue, CueSet, Words};
use crate::normalize::{normalize, Normalized};
use crate::people::{find_people, PersonMention};
use crate::places::{find_places, Place};
use crate::quantity::{find_quantities, Quantity};
use crate::segment::{segment, ParaKind, Segmented, Sentence};

/// A date hint from outside the text (a scraper's date): year, month, day as known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateHint {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl DateHint {
    /// `2023`, `2023-04`, `2024-06-21`, `2024-06-21T10:00:00`; None if unreadable.
    pub fn parse(s: &str) -> Option<DateHint> {
        let s = s.trim();
        let mut parts = s.get(..10.min(s.len()))?.split(['-', '/']);
        let year: i32 = parts.next()?.parse().ok()?;
        let month: Option<u32> = parts
            .next()
            .and_then(|m| m.parse().ok())
            .filter(|m| (1..=12).contains(m));
        let day: Option<u32> = parts
            .next()
            .and_then(|d| d.parse().ok())
            .filter(|d| (1..=31).contains(d));
        (1900..=2100)
            .contains(&year)
            .then_some(DateHint { year, month, day })
    }
}

pub struct Document {
    pub norm: Normalized,
    pub lower: String,
    /// where cues may start in `lower`
    pub words: Words,
    pub seg: Segmented,
    pub places: Vec<Place>,
    pub people: Vec<PersonMention>,
    pub dates: Vec<DateMention>,
    pub years: Vec<YearMention>,
    pub quantities: Vec<Quantity>,
    pub era: Era,
    /// the year the article was written in, as best known
    pub doc_year: Option<i32>,
    pub hint: Option<DateHint>,
    /// names' comparison keys (`normalize::key`) computed so far: the frame
    /// builders compare the same few names many times
    keys: RefCell<FxHashMap<String, Rc<str>>>,
    /// the keys of the places' names, by place index, worked out on first use
    place_keys: OnceCell<Vec<Rc<str>>>,
    /// the level the article speaks from (`visits::home_level`), worked out on first use:
    /// the frame and figure builders ask for it many times
    pub(crate) home_level: OnceCell<Option<Level>>,
}

impl Document {
    pub fn text(&self) -> &str {
        &self.norm.text
    }

    /// `normalize::key(name)`, computed once per name and document (later calls share it:
    /// no allocation).
    pub fn key(&self, name: &str) -> Rc<str> {
        if let Some(k) = self.keys.borrow().get(name) {
            return Rc::clone(k);
        }
        let k: Rc<str> = Rc::from(crate::normalize::key(name));
        self.keys
            .borrow_mut()
            .insert(name.to_string(), Rc::clone(&k));
        k
    }

    /// `key` of the name of place `i` (an index into `places`), without hashing the name:
    /// the keys of all the places are looked up once.
    pub fn place_key(&self, i: usize) -> &Rc<str> {
        &self
            .place_keys
            .get_or_init(|| self.places.iter().map(|p| self.key(&p.name)).collect())[i]
    }

    /// The cues of `set` within `lower[from..to]` (see `CueSet::find_in`).
    pub fn cues(&self, set: &CueSet, from: usize, to: usize) -> Vec<Cue> {
        set.find_words(&self.lower, &self.words, from, to)
    }

    /// Sentences that are read for frames (title and body, no captions).
    pub fn frame_sentences(&self) -> impl Iterator<Item = (usize, &Sentence)> {
        self.seg.sentences.iter().enumerate().filter(|(_, s)| {
            matches!(
                self.seg.para_kind(s),
                ParaKind::Title | ParaKind::Body | ParaKind::Lead
            )
        })
    }

    pub fn is_title(&self, s: &Sentence) -> bool {
        self.seg.para_kind(s) == ParaKind::Title
    }

    /// Unit mentions starting in `[s, e)` (mentions are sorted by start).
    pub fn places_in(&self, s: usize, e: usize) -> &[Place] {
        let a = self.places.partition_point(|p| p.start < s);
        let b = self.places.partition_point(|p| p.start < e);
        &self.places[a..b.max(a)]
    }

    /// Index of the first unit mention starting at or after `s`.
    pub fn place_index(&self, s: usize) -> usize {
        self.places.partition_point(|p| p.start < s)
    }

    /// Years and periods starting in `[s, e)` (sorted by start).
    pub fn years_in(&self, s: usize, e: usize) -> &[YearMention] {
        let a = self.years.partition_point(|y| y.start < s);
        let b = self.years.partition_point(|y| y.start < e);
        &self.years[a..b.max(a)]
    }

    /// Dates starting in `[s, e)` (sorted by start).
    pub fn dates_in(&self, s: usize, e: usize) -> &[DateMention] {
        let a = self.dates.partition_point(|d| d.start < s);
        let b = self.dates.partition_point(|d| d.start < e);
        &self.dates[a..b.max(a)]
    }

    /// The sentence index containing byte `b`.
    pub fn sentence_of(&self, b: usize) -> Option<usize> {
        // sentences are sorted and disjoint: the last one starting at or before `b`
        let i = self
            .seg
            .sentences
            .partition_point(|s| s.start <= b)
            .checked_sub(1)?;
        let s = self.seg.sentences[i];
        (b < s.end).then_some(i)
    }

    pub fn stamp(&self) -> Option<Stamp> {
        self.seg.stamp
    }
}

/// Whether byte `b` lies in a paragraph that is read (title, body, caption).
fn readable(seg: &Segmented, b: usize) -> bool {
    // paragraphs are sorted and disjoint: the last one starting at or before `b`
    let Some(i) = seg.paras.partition_point(|p| p.start <= b).checked_sub(1) else {
        return false;
    };
    let p = seg.paras[i];
    b < p.end
        && matches!(
            p.kind,
            ParaKind::Title | ParaKind::Body | ParaKind::Caption | ParaKind::Lead
        )
}

/// Read a document: normalise, segment, find every mention.
pub fn analyse(original: &str, hint: Option<DateHint>) -> Document {
    let mut draft = Draft::new(original, hint);
    for stage in STAGES {
        stage(&mut draft);
    }
    draft.into_document()
}

/// [`analyse`] for several documents, stage by stage: each stage reads all the documents
/// before the next stage starts, so that its code stays in the instruction cache (read
/// document by document, the stages' code together is larger than the cache, and each
/// document brought it all in again). A stage that panics on a document ends that
/// document's reading with the panic's payload; the others go on. The same stages in the
/// same order as `analyse`: the same documents.
pub fn analyse_each(
    originals: &[&str],
    hints: &[Option<DateHint>],
) -> Vec<std::thread::Result<Document>> {
    read_each(originals, hints, &STAGES)
}

/// `analyse_each` with the stages as a parameter (for the tests).
fn read_each(
    originals: &[&str],
    hints: &[Option<DateHint>],
    stages: &[fn(&mut Draft)],
) -> Vec<std::thread::Result<Document>> {
    let mut drafts: Vec<std::thread::Result<Draft>> = originals
        .iter()
        .enumerate()
        .map(|(i, o)| catch_unwind(|| Draft::new(o, hints.get(i).copied().flatten())))
        .collect();
    for stage in stages {
        for d in drafts.iter_mut() {
            if let Ok(draft) = d {
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| stage(draft))) {
                    *d = Err(panic);
                }
            }
        }
    }
    drafts
        .into_iter()
        .map(|d| d.map(Draft::into_document))
        .collect()
}

/// A document being read: what the stages so far found (see `STAGES`).
struct Draft {
    hint: Option<DateHint>,
    norm: Normalized,
    lower: String,
    seg: Segmented,
    dates: Vec<DateMention>,
    years: Vec<YearMention>,
    doc_year: Option<i32>,
    era: Era,
    words: Words,
    quantities: Vec<Quantity>,
    places: Vec<Place>,
    people: Vec<PersonMention>,
}

/// The stages of reading after `normalize` (`Draft::new`), in order; each reads what the
/// ones before found.
const STAGES: [fn(&mut Draft); 8] = [
    |d| d.lower = lowercase_aligned(&d.norm.text),
    |d| d.seg = segment(&d.norm.text, &d.lower),
    |d| {
        // dates and years are read around the digits of the text, found once for both
        let digits = digit_runs_of(&d.lower);
        d.dates = find_dates_in(&d.lower, &digits)
            .into_iter()
            .filter(|m| readable(&d.seg, m.start))
            .collect();
        d.years = find_years_in(&d.lower, &digits)
            .into_iter()
            .filter(|y| readable(&d.seg, y.start))
            .collect();
    },
    Draft::when_written,
    |d| d.words = Words::new(&d.lower),
    |d| {
        let skip: Vec<(usize, usize)> = d.dates.iter().map(|m| (m.start, m.end)).collect();
        d.quantities = find_quantities(&d.norm.text, &d.lower, &skip)
            .into_iter()
            .filter(|q| readable(&d.seg, q.start))
            .collect();
    },
    |d| {
        d.places = find_places(&d.norm.text, &d.lower, &d.words, d.era, d.doc_year)
            .into_iter()
            .filter(|p| readable(&d.seg, p.start))
            .collect();
    },
    |d| {
        let spans: Vec<(usize, usize)> = d.seg.sentences.iter().map(|s| (s.start, s.end)).collect();
        d.people = find_people(&d.norm.text, &d.lower, &d.words, &spans, &d.places);
    },
];

impl Draft {
    fn new(original: &str, hint: Option<DateHint>) -> Draft {
        Draft {
            hint,
            norm: normalize(original),
            lower: String::new(),
            seg: Segmented::default(),
            dates: Vec::new(),
            years: Vec::new(),
            doc_year: None,
            era: Era::Pre2025,
            words: Words::default(),
            quantities: Vec::new(),
            places: Vec::new(),
            people: Vec::new(),
        }
    }

    /// The year the article was written in and the era it speaks of: the stamp, the hint,
    /// the title's year, the latest year named.
    fn when_written(&mut self) {
        let (seg, years, dates, hint) = (&self.seg, &self.years, &self.dates, self.hint);
        let title_year = seg.title.and_then(|t| {
            let p = seg.paras[t];
            years
                .iter()
                .filter(|y| y.start >= p.start && y.end <= p.end)
                .map(|y| y.until.unwrap_or(y.year))
                .max()
        });
        let latest = years
            .iter()
            .filter(|y| y.kind != YearKind::Since)
            // a period's last year may lie in the future (`giai đoạn 2021-2030`): its first counts
            .map(|y| y.year)
            .max();
        let doc_year = seg
            .stamp
            .map(|s| s.year)
            .or(hint.map(|h| h.year))
            .or(title_year)
            .or(latest.max(
                dates
                    .iter()
                    .filter_map(|d| d.last.year.or(d.first.year))
                    .max(),
            ));
        self.era = match (seg.stamp, hint) {
            (Some(s), _) => era_of(s.year, s.month),
            (None, Some(h)) => era_of(h.year, h.month.unwrap_or(1)),
            _ => {
                // the latest day written with its year, else the year of writing
                let latest_day = dates
                    .iter()
                    .flat_map(|d| [d.first, d.last])
                    .filter_map(|d| d.year.map(|y| (y, d.month)))
                    .max();
                match latest_day {
                    Some((y, m)) => era_of(y, m),
                    None => doc_year.map_or(Era::Pre2025, |y| {
                        if y > 2025 {
                            Era::Post2025
                        } else {
                            Era::Pre2025
                        }
                    }),
                }
            }
        };
        self.doc_year = doc_year;
    }

    fn into_document(self) -> Document {
        Document {
            norm: self.norm,
            lower: self.lower,
            words: self.words,
            seg: self.seg,
            places: self.places,
            people: self.people,
            dates: self.dates,
            years: self.years,
            quantities: self.quantities,
            era: self.era,
            doc_year: self.doc_year,
            hint: self.hint,
            keys: RefCell::default(),
            place_keys: OnceCell::new(),
            home_level: OnceCell::new(),
        }
    }
}

/// The administrative structure in force on a day.
pub fn era_of(year: i32, month: u32) -> Era {
    if year > 2025 || (year == 2025 && month >= 7) {
        Era::Post2025
    } else {
        Era::Pre2025
    }
}

/// Places of a level that can send or host a delegation.
pub fn is_party_level(l: Level) -> bool {
    matches!(
        l,
        Level::Province
            | Level::District
            | Level::Commune
            | Level::Country
            | Level::Agency
            | Level::Foreign
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_gen::Gen;

    /// A stage that panics on one document ends that document's reading only; the others
    /// are read as `analyse` reads them.
    #[test]
    fn a_stage_that_panics_ends_only_its_document() {
        let texts = [
            "Đoàn công tác huyện Ba Tơ (Quảng Ngãi) đến thăm xã Ea Rốc.",
            "boom: đoàn công tác tỉnh Lai Châu",
            "Ngày 2/4 đoàn công tác tỉnh Ninh Thuận tham quan tại Lâm Đồng.",
        ];
        let hints = [None, None, DateHint::parse("2023-04")];
        let mut stages: Vec<fn(&mut Draft)> = STAGES.to_vec();
        stages.insert(3, |d| assert!(!d.norm.text.starts_with("boom"), "a bug"));
        let out = read_each(&texts, &hints, &stages);
        assert_eq!(out.len(), 3);
        let panic = out[1].as_ref().err().expect("the second document panicked");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"a bug"));
        for i in [0, 2] {
            let (doc, want) = (out[i].as_ref().expect("read"), analyse(texts[i], hints[i]));
            assert_eq!(doc.lower, want.lower);
            assert_eq!(doc.places, want.places);
            assert_eq!(doc.dates, want.dates);
            assert_eq!((doc.era, doc.doc_year), (want.era, want.doc_year));
            assert!(!doc.places.is_empty() && doc.people.len() == want.people.len());
        }
    }

    /// The key of a place by index is the key of its name.
    #[test]
    fn place_keys_are_the_keys_of_the_names() {
        let doc = analyse(
            "Đoàn công tác huyện Ba Tơ (Quảng Ngãi) đã đến thăm xã Ea Rốc, huyện Ea Súp, tỉnh Đắk \
             Lắk và huyện Ba Tơ. UBND TP. Cần Thơ tiếp đoàn.",
            None,
        );
        assert!(doc.places.len() >= 4, "{:?}", doc.places);
        for (i, p) in doc.places.iter().enumerate() {
            assert_eq!(&**doc.place_key(i), crate::normalize::key(&p.name).as_str());
            assert_eq!(doc.place_key(i), &doc.key(&p.name));
        }
    }

    /// The cached key is `normalize::key` of the name, the first time and every time after,
    /// and later calls share the first call's string (no allocation).
    #[test]
    fn cached_keys_are_the_normalised_keys() {
        let doc = analyse(
            "Đoàn công tác huyện Ba Tơ (Quảng Ngãi) đã đến thăm xã Ea Rốc.",
            None,
        );
        let pieces = [
            "Ba Tơ",
            "BA TƠ",
            "Hoá",
            "Hóa",
            "M'Đrắk",
            "M’Drắk",
            " ",
            "  ",
            "-",
            "Đắk",
            "ệ",
            "x",
            "TP.",
            "\u{301}",
            "Quảng Ngãi",
            "ð",
            "İ",
            "",
        ];
        let mut g = Gen(0x1234_5678_9abc_def1);
        let names: Vec<String> = (0..400)
            .map(|_| {
                (0..g.below(5))
                    .map(|_| pieces[g.below(pieces.len())])
                    .collect()
            })
            .collect();
        for round in 0..2 {
            for n in &names {
                let k = doc.key(n);
                assert_eq!(&*k, crate::normalize::key(n).as_str(), "{n:?}");
                if round == 1 {
                    assert!(Rc::ptr_eq(&k, &doc.key(n)), "{n:?}");
                }
            }
        }
    }
}
