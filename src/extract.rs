//! The engine's entry points: one document, or a batch over rayon.
//!
//! Every input yields exactly one document row; a document whose extraction
//! panics gets `error` set and the batch goes on.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::Duration;

use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::document::{analyse, analyse_each, DateHint, Document};
use crate::figures::extract_figures;
use crate::lexicon::lexicon;
use crate::records::{DocumentRow, Extraction, PersonRow, VisitRow};
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
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|e| failed(original, e))
}

/// The row of a document whose extraction panicked with `panic`: its `error` says why.
fn failed(original: &str, panic: Box<dyn Any + Send>) -> Extraction {
    let why = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
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

/// [`extract_document`] for each of `texts` (`hints` by position, may be shorter), stage
/// by stage: the reading (`analyse_each`), then the visits of every document, then the
/// rest, so that each stage's code serves several documents while it is in the
/// instruction cache. A panic ends only its own document, as in `extract_document`.
pub fn extract_group(texts: &[&str], hints: &[Option<DateHint>]) -> Vec<Extraction> {
    let docs = analyse_each(texts, hints);
    let found = then_each(docs, |doc| {
        let v = visits_of(&doc);
        (doc, v)
    });
    let rows = then_each(
        found
            .into_iter()
            .zip(texts)
            .map(|(f, &t)| f.map(|x| (x, t)))
            .collect(),
        |((doc, (visits, people)), original)| rows_of(&doc, original, visits, people),
    );
    rows.into_iter()
        .zip(texts)
        .map(|(r, original)| r.unwrap_or_else(|e| failed(original, e)))
        .collect()
}

/// `f` of each item read so far (`Ok`), in order; a panic in `f` ends only its own item
/// (`Err` with the panic's payload).
fn then_each<T, U>(
    items: Vec<std::thread::Result<T>>,
    f: impl Fn(T) -> U,
) -> Vec<std::thread::Result<U>> {
    items
        .into_iter()
        .map(|x| x.and_then(|t| catch_unwind(AssertUnwindSafe(|| f(t)))))
        .collect()
}

fn extract_inner(original: &str, hint: Option<DateHint>) -> Extraction {
    let doc = analyse(original, hint);
    let (visits, people) = visits_of(&doc);
    rows_of(&doc, original, visits, people)
}

/// The visits (spans in the original) and the people of a document.
fn visits_of(doc: &Document) -> (Vec<VisitRow>, Vec<PersonRow>) {
    let (mut visits, people) = extract_visits(doc);
    for v in visits.iter_mut() {
        let (s, e) = doc.norm.orig_span(v.start, v.end);
        v.start = s;
        v.end = e;
    }
    (visits, people)
}

/// The four tables' rows of a document, given its visits and people.
fn rows_of(
    doc: &Document,
    original: &str,
    visits: Vec<VisitRow>,
    people: Vec<PersonRow>,
) -> Extraction {
    let focus = visits
        .first()
        .and_then(|v| {
            doc.places
                .iter()
                .find(|p| Some(&p.name) == v.host.as_ref() && !p.is_hint)
        })
        .or_else(|| focus_place(doc));
    let mut figures = extract_figures(doc, focus);
    crate::figures::text_from_original(&mut figures, original);
    let kind = if !visits.is_empty() {
        "visit"
    } else if is_meeting(doc) {
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
            // `normalize` counted the original's chars
            n_chars: doc.norm.orig_len(),
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
/// [`num_threads`]'s default (`VNPOV_NUM_THREADS`, else all cores).
pub fn extract_batch(
    texts: &[&str],
    hints: &[Option<DateHint>],
    n_threads: Option<usize>,
) -> Result<Vec<Extraction>, String> {
    batch_with(texts, hints, n_threads, extract_group)
}

/// Most documents a worker reads stage by stage at a time (`extract_group`): enough for a
/// stage's code (and the branch predictor's memory of it) to serve many before the next
/// stage's replaces it, few enough that their texts and mentions stay in the core's own
/// caches. callgrind, whole extraction of the dev corpus: 137 cycles a byte in groups of
/// 4, 133 of 8, 129 of 16, 127 of 32.
const GROUP: usize = 32;

/// The group size for a slice of `n` documents: `GROUP`, or less when the slice is short,
/// so that every worker still gets several groups (a batch of a few dozen articles is not
/// left to one worker).
fn group_size(n: usize) -> usize {
    (n / (4 * rayon::current_num_threads())).clamp(1, GROUP)
}

/// `extract_batch` with the function that extracts a group of documents as a parameter
/// (for the tests).
fn batch_with(
    texts: &[&str],
    hints: &[Option<DateHint>],
    n_threads: Option<usize>,
    group: impl Fn(&[&str], &[Option<DateHint>]) -> Vec<Extraction> + Sync,
) -> Result<Vec<Extraction>, String> {
    let pool = pool(num_threads(n_threads)?)?;
    Ok(pool.install(|| extract_slice(texts, hints, 0, &group)))
}

/// The documents of `texts` in parallel on the current pool, `group_size` at a time; `first` is
/// the input position of `texts[0]` (for its hint).
fn extract_slice(
    texts: &[&str],
    hints: &[Option<DateHint>],
    first: usize,
    group: &(impl Fn(&[&str], &[Option<DateHint>]) -> Vec<Extraction> + Sync),
) -> Vec<Extraction> {
    let size = group_size(texts.len());
    // (rayon's collect keeps the input order)
    texts
        .par_chunks(size)
        .enumerate()
        .flat_map_iter(|(k, ts)| {
            let at = first + k * size;
            let hs = hints
                .get(at.min(hints.len())..(at + ts.len()).min(hints.len()))
                .unwrap_or(&[]);
            group(ts, hs)
        })
        .collect()
}

/// The environment variable that sets the default number of worker threads.
pub const THREADS_VAR: &str = "VNPOV_NUM_THREADS";

/// Worker threads for a batch: `n_threads` when given, else `VNPOV_NUM_THREADS` when set
/// (and not empty), else the cores this process may use.
pub fn num_threads(n_threads: Option<usize>) -> Result<usize, String> {
    match n_threads {
        Some(0) => Err("n_threads must be a positive int or None, not 0".into()),
        Some(n) => Ok(n),
        None => threads_from_env(std::env::var_os(THREADS_VAR)),
    }
}

/// The default number of threads given the value of `VNPOV_NUM_THREADS`.
fn threads_from_env(value: Option<std::ffi::OsString>) -> Result<usize, String> {
    let all = || Ok(std::thread::available_parallelism().map_or(1, |n| n.get()));
    let Some(v) = value else {
        return all();
    };
    match v.to_str().map(str::trim) {
        Some("") => all(),
        Some(t) => match t.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "environment variable {THREADS_VAR} must be a positive integer \
                 (the number of worker threads) or empty, not {t:?}"
            )),
        },
        None => Err(format!(
            "environment variable {THREADS_VAR} must be a positive integer \
             (the number of worker threads) or empty, not {v:?}"
        )),
    }
}

/// Pools kept per process, one per thread count, at most this many.
const MAX_POOLS: usize = 4;

/// The pools of the process that built them.
struct Pools {
    pid: u32,
    by_threads: Vec<(usize, Arc<ThreadPool>)>,
}

static POOLS: Mutex<Pools> = Mutex::new(Pools {
    pid: 0,
    by_threads: Vec::new(),
});

/// UTF-8 bytes of text the engine has read since its threads last handed their free
/// memory back (`release_free_memory`).
static READ_SINCE_RELEASE: AtomicUsize = AtomicUsize::new(0);

/// Text read (bytes) before `release_free_memory` hands memory back unasked. A batch leaves
/// about two to three times its text free in the workers, which the next batch reuses;
/// handing it back after every small batch makes each take it from the system again
/// (measured 5–13% slower for repeated batches of 7 to 2,100 documents).
pub const RELEASE_AFTER_BYTES: usize = 16 << 20;

/// Count `bytes` of text as read by a batch (see `release_free_memory`).
pub fn note_read(bytes: usize) {
    READ_SINCE_RELEASE.fetch_add(bytes, Ordering::Relaxed);
}

/// Each kept pool's workers, and then the calling thread, hand the memory they hold but no
/// longer use back to the system (`crate::release_thread_memory`), when at least
/// `RELEASE_AFTER_BYTES` of text were read since the last time, or when `force`d; returns
/// whether they did.
///
/// After a batch whose tables were freed elsewhere (by Python, once they became
/// DataFrames) the workers still hold those blocks, and keep them, with the working
/// memory of the extraction, until they next allocate. A worker busy with a chunk of
/// another batch runs this after it.
pub fn release_free_memory(force: bool) -> bool {
    let read = READ_SINCE_RELEASE.load(Ordering::Relaxed);
    if !force && read < RELEASE_AFTER_BYTES {
        return false;
    }
    READ_SINCE_RELEASE.fetch_sub(read, Ordering::Relaxed);
    let pools: Vec<Arc<ThreadPool>> = match lock_pools() {
        Some(p) if p.pid == std::process::id() => {
            p.by_threads.iter().map(|(_, p)| p.clone()).collect()
        }
        // (the pools are a parent's, or the lock is a parent's, held when it forked)
        _ => Vec::new(),
    };
    for p in pools {
        p.broadcast(|_| crate::release_thread_memory());
    }
    crate::release_thread_memory();
    true
}

/// The pools, after a short wait if another thread holds them (starting a batch); None
/// when they stay locked: `fork` copies a locked mutex as locked, with no thread to unlock it.
fn lock_pools() -> Option<MutexGuard<'static, Pools>> {
    for _ in 0..200 {
        match POOLS.try_lock() {
            Ok(g) => return Some(g),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_micros(50)),
        }
    }
    None
}

/// The thread pool of this process for `n` threads, built on first use and kept.
///
/// Safe after `fork`: a forked child has none of its parent's threads, so it never uses (nor
/// drops, which would signal threads that are not there) a pool its parent built; it builds
/// its own. rayon's global pool is never used, for the same reason.
pub fn pool(n: usize) -> Result<Arc<ThreadPool>, String> {
    let pid = std::process::id();
    // after a fork in the middle of another thread's `pool`: a pool of our own, uncached
    let guard = lock_pools();
    let build = || {
        ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("vnpov-{i}"))
            .build()
            .map(Arc::new)
            .map_err(|e| format!("could not start {n} threads: {e}"))
    };
    let Some(mut pools) = guard else {
        return build();
    };
    if pools.pid != pid {
        // the pools (if any) are the parent's
        std::mem::forget(std::mem::take(&mut pools.by_threads));
        pools.pid = pid;
    }
    if let Some((_, p)) = pools.by_threads.iter().find(|(k, _)| *k == n) {
        return Ok(p.clone());
    }
    let p = build()?;
    if pools.by_threads.len() == MAX_POOLS {
        // its threads end once the batches running on it (holding it) are done
        pools.by_threads.remove(0);
    }
    pools.by_threads.push((n, p.clone()));
    Ok(p)
}

/// Extract documents handed over chunk by chunk; one output per chunk, in input order.
///
/// `next` gives the texts of the next chunk (None at the end, or an error that stops the
/// batch); it runs on the calling thread, which may hold a lock (Python's GIL), while the
/// pool extracts the chunks given so far. Each chunk's rows go to `finish` with the input
/// position of its first document, on the worker that extracted them (so that turning
/// rows into output is parallel too). `wait` is then called with a function that blocks
/// until every chunk is done (to release the lock while waiting). `hints` are by input
/// position. After an error from `next`, the chunks already started are skipped document
/// by document and the error is returned.
pub fn extract_chunks<'t, T: Send, E>(
    pool: &ThreadPool,
    hints: &[Option<DateHint>],
    mut next: impl FnMut() -> Option<Result<Vec<&'t str>, E>>,
    finish: impl Fn(usize, Vec<Extraction>) -> T + Sync,
    wait: impl FnOnce(&(dyn Fn() + Sync)),
) -> Result<Vec<T>, E> {
    let done: Mutex<Vec<(usize, std::thread::Result<T>)>> = Mutex::new(Vec::new());
    let finished = Condvar::new();
    let stop = AtomicBool::new(false);
    let mut failed = None;
    pool.in_place_scope(|s| {
        let mut first = 0;
        let mut k = 0;
        while let Some(chunk) = next() {
            let texts = match chunk {
                Ok(t) => t,
                Err(e) => {
                    failed = Some(e);
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            };
            let (done, finished, stop, finish) = (&done, &finished, &stop, &finish);
            let (at, lo) = (k, first);
            first += texts.len();
            k += 1;
            s.spawn(move |_| {
                let group = |ts: &[&str], hs: &[Option<DateHint>]| {
                    if stop.load(Ordering::Relaxed) {
                        vec![Extraction::default(); ts.len()]
                    } else {
                        extract_group(ts, hs)
                    }
                };
                // a panic outside a document's guard must still count the chunk as done
                let out = catch_unwind(AssertUnwindSafe(|| {
                    finish(lo, extract_slice(&texts, hints, lo, &group))
                }));
                done.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push((at, out));
                finished.notify_all();
            });
        }
        let chunks = k;
        wait(&|| {
            let mut d = done.lock().unwrap_or_else(PoisonError::into_inner);
            while d.len() < chunks {
                d = finished.wait(d).unwrap_or_else(PoisonError::into_inner);
            }
        });
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let mut chunks = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    chunks.sort_unstable_by_key(|(k, _)| *k);
    chunks
        .into_iter()
        .map(|(_, c)| c.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        .map(Ok)
        .collect()
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
        let group = |ts: &[&str], hs: &[Option<DateHint>]| {
            (0..ts.len())
                .map(|i| one(ts[i], hs.get(i).copied().flatten()))
                .collect()
        };
        for n in [Some(1), Some(2)] {
            let out = batch_with(&texts, &[], n, group).expect("batch");
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

    /// Our own sample articles and the short texts of these tests.
    fn sample_texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/python/vnpov/data/sample");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("the bundled sample")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut out: Vec<String> = paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("a sample text"))
            .collect();
        out.extend(TEXTS.iter().map(|t| t.to_string()));
        out
    }

    /// Documents extracted in groups (stage by stage) give the rows they give one by one,
    /// whatever the group's size and the hints.
    #[test]
    fn groups_extract_as_documents_one_by_one() {
        let texts = sample_texts();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert!(texts.len() >= 10);
        let hints: Vec<Option<DateHint>> = (0..texts.len())
            .map(|i| DateHint::parse(["2023-04", "2025-08-01", ""][i % 3]))
            .collect();
        let one: Vec<Extraction> = (0..texts.len())
            .map(|i| extract_document(texts[i], hints[i]))
            .collect();
        assert!(one.iter().any(|x| !x.visits.is_empty()));
        assert!(one.iter().any(|x| !x.figures.is_empty()));
        for size in [1, 3, GROUP, texts.len()] {
            let grouped: Vec<Extraction> = texts
                .chunks(size)
                .zip(hints.chunks(size))
                .flat_map(|(ts, hs)| extract_group(ts, hs))
                .collect();
            assert_eq!(grouped, one, "groups of {size}");
        }
        // hints shorter than the texts: the rest have none
        let short = extract_group(&texts[..4], &hints[..1]);
        assert_eq!(short[0], one[0]);
        assert_eq!(short[1], extract_document(texts[1], None));
    }

    /// A batch is read in groups of every size `group_size` gives it (short and long
    /// batches, one and two workers), each document with its own hint: the rows of one by
    /// one.
    #[test]
    fn batches_of_every_length_extract_as_one_by_one() {
        let base = sample_texts();
        for (n, threads) in [(5, 1), (40, 2), (300, 2), (300, 1)] {
            let texts: Vec<&str> = (0..n).map(|i| base[i % base.len()].as_str()).collect();
            let hints: Vec<Option<DateHint>> = (0..n)
                .map(|i| DateHint::parse(["2023-04", "2025-08-01", "", "2019"][i % 4]))
                .collect();
            let pool = pool(threads).expect("a pool");
            let sizes = pool.install(|| (group_size(n), rayon::current_num_threads()));
            assert!((1..=GROUP).contains(&sizes.0), "{sizes:?}");
            assert!(n < 4 * threads * GROUP || sizes.0 == GROUP, "{n} {sizes:?}");
            let batch = extract_batch(&texts, &hints, Some(threads)).expect("a batch");
            let one: Vec<Extraction> = (0..n)
                .map(|i| extract_document(texts[i], hints[i]))
                .collect();
            assert_eq!(batch, one, "{n} documents on {threads} threads");
        }
    }

    /// A panic in `then_each`'s function ends its own item only, the payload kept; items
    /// that failed before are not read again.
    #[test]
    fn then_each_ends_only_the_item_that_panics() {
        let items: Vec<std::thread::Result<u32>> =
            vec![Ok(1), Ok(2), Err(Box::new("before")), Ok(4)];
        let out = then_each(items, |x| {
            assert!(x != 2, "two");
            x * 10
        });
        assert_eq!(out.len(), 4);
        assert_eq!(*out[0].as_ref().unwrap(), 10);
        assert_eq!(
            out[1].as_ref().unwrap_err().downcast_ref::<&str>(),
            Some(&"two")
        );
        assert_eq!(
            out[2].as_ref().unwrap_err().downcast_ref::<&str>(),
            Some(&"before")
        );
        assert_eq!(*out[3].as_ref().unwrap(), 40);
    }

    #[test]
    fn threads_from_the_argument_or_the_environment() {
        assert_eq!(num_threads(Some(3)), Ok(3));
        assert!(num_threads(Some(0)).is_err());
        let all = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(threads_from_env(None), Ok(all));
        assert_eq!(threads_from_env(Some(" ".into())), Ok(all));
        assert_eq!(threads_from_env(Some(" 2 ".into())), Ok(2));
        for bad in ["0", "-1", "two", "1.5"] {
            let e = threads_from_env(Some(bad.into())).unwrap_err();
            assert!(e.contains("VNPOV_NUM_THREADS") && e.contains(bad), "{e}");
        }
    }

    #[test]
    fn pools_are_kept_per_thread_count() {
        let a = pool(3).unwrap();
        assert_eq!(a.current_num_threads(), 3);
        assert!(Arc::ptr_eq(&a, &pool(3).unwrap()));
        assert_eq!(pool(1).unwrap().current_num_threads(), 1);
    }

    const TEXTS: [&str; 5] = [
        "Ngày 14/3/2024, đoàn công tác huyện Ba Tơ đến thăm và làm việc tại huyện Mường Nhé.",
        "",
        "Tỷ lệ hộ nghèo giảm còn 38,3% cuối năm 2023.",
        "x",
        "Ngày 2/4 đoàn công tác tỉnh Ninh Thuận tham quan, học tập kinh nghiệm tại Lâm Đồng.",
    ];

    #[test]
    fn chunks_give_the_rows_of_one_batch_in_input_order() {
        let hints = [None, None, None, None, DateHint::parse("2023-04")];
        let whole = extract_batch(&TEXTS, &hints, Some(2)).unwrap();
        // the hint of the last document is read: its date has the hint's year
        let dated = |x: &Extraction| x.visits.first().and_then(|v| v.start_date);
        assert_eq!(dated(&whole[4]).map(|d| d.0), Some(2023));
        for size in [1, 2, 5] {
            let mut rest: &[&str] = &TEXTS;
            let next = || -> Option<Result<Vec<&str>, ()>> {
                if rest.is_empty() {
                    return None;
                }
                let (a, b) = rest.split_at(size.min(rest.len()));
                rest = b;
                Some(Ok(a.to_vec()))
            };
            let mut waited = false;
            let keep = |first: usize, rows: Vec<Extraction>| (first, rows);
            let out = extract_chunks(&pool(2).unwrap(), &hints, next, keep, |w| {
                waited = true;
                w()
            });
            assert!(waited);
            let out = out.unwrap();
            let firsts: Vec<usize> = out.iter().map(|(f, _)| *f).collect();
            assert_eq!(firsts, (0..TEXTS.len()).step_by(size).collect::<Vec<_>>());
            let rows: Vec<Extraction> = out.into_iter().flat_map(|(_, r)| r).collect();
            assert_eq!(rows, whole, "chunks of {size}");
        }
    }

    #[test]
    fn an_error_while_reading_a_chunk_stops_the_batch() {
        let mut k = 0;
        let next = || {
            k += 1;
            match k {
                1 => Some(Ok(TEXTS.to_vec())),
                2 => Some(Err("unreadable text")),
                _ => panic!("read on after the error"),
            }
        };
        let out = extract_chunks(&pool(2).unwrap(), &[], next, |_, r| r.len(), |w| w());
        assert_eq!(out, Err("unreadable text"));
    }

    #[test]
    fn one_row_per_document_whatever_the_input() {
        let texts = ["", "\u{0}\u{FFFF}", "Ngày 1/1 ngày 1/1", "x"];
        let out = extract_batch(&texts, &[], Some(2)).expect("batch");
        assert_eq!(out.len(), 4);
        assert!(out.iter().all(|x| x.document.error.is_none()));
    }
}
