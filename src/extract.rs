//! The engine's entry points: one document, or a batch over rayon.
//!
//! Every input yields exactly one document row; a document whose extraction
//! panics gets `error` set and the batch goes on.

use std::panic::{catch_unwind, AssertUnwindSafe};

use rayon::prelude::*;

use crate::document::{analyse, DateHint, Document};
use crate::figures::extract_figures;
use crate::lexicon::lexicon;
use crate::records::{DocumentRow, Extraction};
use crate::segment::ParaKind;
use crate::visits::{extract_visits, focus_place};

/// Extract the four tables' rows from one document.
pub fn extract_document(original: &str, hint: Option<DateHint>) -> Extraction {
    guarded(original, || extract_inner(original, hint))
}

/// Longest `error` text kept from a panic message (which may quote the document).
const MAX_ERROR_CHARS: usize = 200;

/// Run `f` for the document `original`: a panic inside becomes the document's `error`.
fn guarded(original: &str, f: impl FnOnce() -> Extraction) -> Extraction {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(x) => x,
        Err(e) => {
            let why = e
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| e.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            let mut short: String = why.chars().take(MAX_ERROR_CHARS).collect();
            if short.len() < why.len() {
                short.push('…');
            }
            Extraction {
                document: DocumentRow {
                    kind: "other",
                    n_chars: original.chars().count(),
                    error: Some(format!("internal error: {short}")),
                    ..Default::default()
                },
                ..Default::default()
            }
        }
    }
}

fn extract_inner(original: &str, hint: Option<DateHint>) -> Extraction {
    let doc = analyse(original, hint);
    let (mut visits, people) = extract_visits(&doc);
    for v in visits.iter_mut() {
        let (s, e) = doc.norm.orig_span(v.start, v.end);
        v.start = s;
        v.end = e;
    }
    let focus = visits
        .first()
        .and_then(|v| {
            doc.places
                .iter()
                .find(|p| Some(&p.name) == v.host.as_ref() && !p.is_hint)
        })
        .or_else(|| focus_place(&doc));
    let mut figures = extract_figures(&doc, focus);
    crate::figures::text_from_original(&mut figures, original);
    let kind = if !visits.is_empty() {
        "visit"
    } else if is_meeting(&doc) {
        "meeting"
    } else if !figures.is_empty() {
        "report"
    } else {
        "other"
    };
    let title = doc.seg.title.map(|t| {
        let p = doc.seg.paras[t];
        doc.text()[p.start..p.end].to_string()
    });
    let published = doc
        .stamp()
        .map(|s| (s.year, s.month, s.day, s.hour, s.minute, s.second));
    Extraction {
        document: DocumentRow {
            title,
            published,
            kind,
            n_chars: original.chars().count(),
            error: None,
        },
        visits,
        people,
        figures,
    }
}

/// A meeting: a meeting cue in the title or the lead sentence.
fn is_meeting(doc: &Document) -> bool {
    let lex = lexicon();
    let mut spans = Vec::new();
    if let Some(t) = doc.seg.title {
        spans.push((doc.seg.paras[t].start, doc.seg.paras[t].end));
    }
    if let Some(s) = doc
        .seg
        .sentences
        .iter()
        .find(|s| doc.seg.para_kind(s) == ParaKind::Body)
    {
        spans.push((s.start, s.end));
    }
    spans
        .iter()
        .any(|&(s, e)| !doc.cues(&lex.meeting_cues, s, e).is_empty())
}

/// Extract a batch in parallel, results in input order. `n_threads`: None for
/// rayon's default pool (all cores, or `RAYON_NUM_THREADS`).
pub fn extract_batch(
    texts: &[&str],
    hints: &[Option<DateHint>],
    n_threads: Option<usize>,
) -> Result<Vec<Extraction>, String> {
    batch_with(texts, hints, n_threads, extract_document)
}

/// `extract_batch` with the per-document function as a parameter (for the tests).
fn batch_with(
    texts: &[&str],
    hints: &[Option<DateHint>],
    n_threads: Option<usize>,
    one: impl Fn(&str, Option<DateHint>) -> Extraction + Sync,
) -> Result<Vec<Extraction>, String> {
    let run = || -> Vec<Extraction> {
        texts
            .par_iter()
            .enumerate()
            .map(|(i, t)| one(t, hints.get(i).copied().flatten()))
            .collect()
    };
    match n_threads {
        Some(n) if n > 0 => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(run))
            .map_err(|e| format!("could not start {n} threads: {e}")),
        _ => Ok(run()),
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2024, 8, 21), 19956);
        assert_eq!(days_from_civil(2000, 3, 1), 11017);
    }

    #[test]
    fn a_panic_becomes_the_documents_error_and_the_batch_goes_on() {
        let texts = ["Ngày 14/3/2024 đoàn công tác", "boom ✓", "", "x"];
        // a stand-in for a bug in an extractor: it panics on one document
        let one = |t: &str, h: Option<DateHint>| {
            guarded(t, || {
                if t.starts_with("boom") {
                    panic!("index out of range: {}", "y".repeat(1000));
                }
                extract_inner(t, h)
            })
        };
        for n in [Some(1), Some(2)] {
            let out = batch_with(&texts, &[], n, one).expect("batch");
            assert_eq!(out.len(), 4);
            let bad = &out[1].document;
            let err = bad.error.as_deref().expect("an error");
            assert!(
                err.starts_with("internal error: index out of range: yyy"),
                "{err}"
            );
            assert!(err.chars().count() <= "internal error: ".len() + MAX_ERROR_CHARS + 1);
            assert_eq!((bad.n_chars, bad.kind), (6, "other"));
            assert!(out[1].visits.is_empty() && out[1].figures.is_empty());
            for i in [0, 2, 3] {
                assert!(out[i].document.error.is_none());
                assert_eq!(out[i].document.n_chars, texts[i].chars().count());
            }
        }
        let plain = extract_document("boom ✓", None);
        assert!(plain.document.error.is_none());
    }

    #[test]
    fn one_row_per_document_whatever_the_input() {
        let texts = ["", "\u{0}\u{FFFF}", "Ngày 1/1 ngày 1/1", "x"];
        let out = extract_batch(&texts, &[], Some(2)).expect("batch");
        assert_eq!(out.len(), 4);
        assert!(out.iter().all(|x| x.document.error.is_none()));
    }
}
