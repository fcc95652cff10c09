//! The pyo3 module `vnpov._core`: converts, releases the GIL, calls the engine.
//!
//! Tables cross as Arrow tables (the Arrow PyCapsule interface, through `pyo3-arrow`),
//! built in Rust with the GIL released; `vnpov.result` turns them into DataFrames.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use arrow_array::RecordBatch;
use arrow_schema::ArrowError;
use pyo3::exceptions::{PyKeyError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use pyo3_arrow::PyTable;

use crate::document::DateHint;
use crate::extract::{extract_chunks, num_threads as threads_for, pool as thread_pool};
use crate::frames::{record_batches, Categories, TABLES};
use crate::gazetteer::{
    era_for_date, fold, name_key, split_level_word, Era, Gazetteer, Level, Resolution, Unit,
};
use crate::records::Extraction;

/// Texts handed to the workers at a time: about this many UTF-8 bytes…
const CHUNK_BYTES: usize = 1 << 20;
/// …or this many documents.
const CHUNK_DOCS: usize = 1024;

/// `{table: {column: [categories]}}` from Python as `frames::Categories`.
type CategoryLists = HashMap<String, HashMap<String, Vec<String>>>;

fn categories(lists: Option<CategoryLists>) -> PyResult<Categories> {
    let mut c = Categories::new();
    for (table, columns) in lists.unwrap_or_default() {
        if !TABLES.contains(&table.as_str()) {
            return Err(PyValueError::new_err(format!(
                "categories: no table {table:?}"
            )));
        }
        for (column, values) in columns {
            c.set(&table, &column, &values)
                .map_err(PyValueError::new_err)?;
        }
    }
    Ok(c)
}

/// The number of worker threads a batch uses for `n_threads` (None: the environment
/// variable `VNPOV_NUM_THREADS`, else all cores). Raises ValueError for a bad value.
#[pyfunction]
#[pyo3(signature = (n_threads=None))]
fn num_threads(n_threads: Option<usize>) -> PyResult<usize> {
    threads_for(n_threads).map_err(PyValueError::new_err)
}

/// Extract a batch of documents.
///
/// `texts`: the documents; `hints`: per-document date hints (`2023-04`,
/// `2024-06-21`) or None (or an empty list); `n_threads`: worker threads (None: see
/// `num_threads`); `categories`: `{table: {column: [category, …]}}`, the columns built as
/// dictionaries over those values (a value outside them is null).
///
/// Returns `{table: Arrow table}` for `documents`, `visits`, `people`, `figures` (objects
/// with `__arrow_c_stream__`, one record batch per chunk of documents): the schema's
/// columns without `doc_id`, after a `_doc` column (int64) of input positions. The texts are read while the first ones are
/// being extracted; the GIL is released for the rest of the work.
///
/// `timings`: a dict to receive the seconds spent reading the texts (with the GIL, while the
/// first ones are extracted: `read`), from the start to the last table built (`extract`,
/// all included) and building the tables (`tables`: time summed over the workers, which
/// build each chunk's tables after extracting it).
#[pyfunction]
#[pyo3(signature = (texts, hints, n_threads=None, categories=None, timings=None))]
fn extract<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    hints: Vec<Option<String>>,
    n_threads: Option<usize>,
    categories: Option<CategoryLists>,
    timings: Option<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let start = Instant::now();
    if !hints.is_empty() && hints.len() != texts.len() {
        return Err(PyValueError::new_err(format!(
            "published has {} values for {} texts",
            hints.len(),
            texts.len()
        )));
    }
    let cats = self::categories(categories)?;
    let parsed: Vec<Option<DateHint>> = hints
        .iter()
        .map(|h| h.as_deref().and_then(DateHint::parse))
        .collect();
    let n = threads_for(n_threads).map_err(PyValueError::new_err)?;
    let pool = py
        .detach(|| thread_pool(n))
        .map_err(PyValueError::new_err)?;

    // the texts' UTF-8 chunk by chunk, with the GIL: each text encoded into a bytes object of
    // its own (`str.encode()`), kept until the batch is done. (`to_str` would leave that copy
    // cached inside the caller's str for as long as the str lives: a batch's texts grew by
    // their UTF-8 size, held by the caller's list or DataFrame after the call.)
    let utf8: Vec<OnceCell<Bound<'py, PyBytes>>> = texts.iter().map(|_| OnceCell::new()).collect();
    let mut at = 0;
    let mut read = Duration::ZERO;
    let next = || -> Option<PyResult<Vec<&str>>> {
        if at == texts.len() {
            return None;
        }
        let t = Instant::now();
        let (mut chunk, mut bytes) = (Vec::new(), 0);
        while at < texts.len() && chunk.len() < CHUNK_DOCS && bytes < CHUNK_BYTES {
            match texts[at].encode_utf8() {
                Ok(b) => {
                    let b = utf8[at].get_or_init(|| b).as_bytes();
                    // SAFETY: CPython's UTF-8 encoder writes valid UTF-8 or fails (a lone
                    // surrogate is an error, returned here)
                    let t = unsafe { std::str::from_utf8_unchecked(b) };
                    bytes += t.len();
                    chunk.push(t);
                }
                Err(e) => return Some(Err(e)),
            }
            at += 1;
        }
        crate::extract::note_read(bytes);
        read += t.elapsed();
        Some(Ok(chunk))
    };
    // each chunk's tables are built by the worker that extracted it
    let building = AtomicU64::new(0);
    let finish = |first: usize, rows: Vec<Extraction>| {
        let t = Instant::now();
        let b = record_batches(&rows, first, &cats);
        drop(rows);
        building.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        b
    };
    // each document is guarded in the engine; this guard is for the batch machinery,
    // so that no panic reaches Python as a `PanicException`
    let chunks = catch_unwind(AssertUnwindSafe(|| {
        extract_chunks(&pool, &parsed, next, finish, |wait| py.detach(wait))
    }))
    .map_err(|_| PyRuntimeError::new_err("vnpov: internal error in the batch"))??;
    let mut per_table: [Vec<RecordBatch>; 4] = Default::default();
    if chunks.is_empty() {
        // no documents: empty tables, for their schemas
        chunks_into(&mut per_table, record_batches(&[], 0, &cats))?;
    }
    for c in chunks {
        chunks_into(&mut per_table, c)?;
    }
    if let Some(t) = timings {
        t.set_item("read", read.as_secs_f64())?;
        t.set_item("extract", start.elapsed().as_secs_f64())?;
        t.set_item("tables", building.into_inner() as f64 * 1e-9)?;
    }
    let tables = PyDict::new(py);
    for (name, batches) in TABLES.into_iter().zip(per_table) {
        let schema = batches[0].schema();
        tables.set_item(name, PyTable::try_new(batches, schema)?)?;
    }
    Ok(tables)
}

/// Hand the memory the engine's threads hold but no longer use back to the system, once
/// 16 MiB of text were read since the last time, or now with `force`; whether it did (called
/// once a batch's tables have become DataFrames).
#[pyfunction]
#[pyo3(signature = (force=false))]
fn release_memory(py: Python<'_>, force: bool) -> bool {
    py.detach(|| crate::extract::release_free_memory(force))
}

fn chunks_into(
    tables: &mut [Vec<RecordBatch>; 4],
    chunk: Result<[RecordBatch; 4], ArrowError>,
) -> PyResult<()> {
    let chunk =
        chunk.map_err(|e| PyRuntimeError::new_err(format!("vnpov: building the tables: {e}")))?;
    for (t, b) in tables.iter_mut().zip(chunk) {
        t.push(b);
    }
    Ok(())
}

macro_rules! columns {
    ($py:expr, $dict:expr, $rows:expr, { $($name:literal => $f:expr),* $(,)? }) => {{
        $(
            let col: Vec<_> = $rows.iter().map($f).collect();
            $dict.set_item($name, col)?;
        )*
    }};
}

// ---------------------------------------------------------------------------------------------
// Gazetteer
// ---------------------------------------------------------------------------------------------
//
// Plain dicts and lists cross the boundary; `vnpov.gazetteer` builds the DataFrames. Work runs
// with the GIL released and inside `catch_unwind`, so that a bug (or tables that fail to load)
// becomes a `RuntimeError` rather than a panic crossing the FFI.

/// Run `f` without the GIL; a panic inside becomes a `RuntimeError` naming `what`.
fn gz_call<T: Send>(
    py: Python<'_>,
    what: &str,
    f: impl FnOnce(&'static Gazetteer) -> PyResult<T> + Send,
) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(|| f(Gazetteer::get()))))
        .unwrap_or_else(|payload| {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(PyRuntimeError::new_err(format!(
                "vnpov gazetteer: internal error in {what}: {msg}"
            )))
        })
}

fn era_name(e: Era) -> &'static str {
    match e {
        Era::Pre2025 => "pre2025",
        Era::Post2025 => "2025",
    }
}

fn era_on(on: Option<(i32, u32, u32)>) -> Era {
    on.map_or(Era::Pre2025, |(y, m, d)| era_for_date(y, m, d))
}

fn parse_level(level: Option<&str>) -> PyResult<Option<Level>> {
    match level.map(str::trim) {
        None => Ok(None),
        Some("province") => Ok(Some(Level::Province)),
        Some("district") => Ok(Some(Level::District)),
        Some("commune") => Ok(Some(Level::Commune)),
        Some(other) => Err(PyValueError::new_err(format!(
            "level must be None, 'province', 'district' or 'commune', not {other:?}"
        ))),
    }
}

/// Levels a canonical level word (from `split_level_word`) can name.
fn kind_levels(kind: &str) -> &'static [Level] {
    match kind {
        "thành phố" => &[Level::Province, Level::District],
        "tỉnh" => &[Level::Province],
        "huyện" | "quận" | "thị xã" => &[Level::District],
        _ => &[Level::Commune], // xã, phường, thị trấn, đặc khu
    }
}

fn level_rank(l: Level) -> u8 {
    match l {
        Level::Province => 0,
        Level::District => 1,
        Level::Commune => 2,
        _ => 3,
    }
}

/// A province given as a hint: a name (either era, level word allowed) or a province code of
/// `era`. `Ok(None)` for no hint; `ValueError` when it is not recognised.
fn hint_province(
    g: &'static Gazetteer,
    hint: Option<&str>,
    era: Era,
) -> PyResult<Option<&'static Unit>> {
    let Some(h) = hint.map(str::trim) else {
        return Ok(None);
    };
    let found = if !h.is_empty() && h.chars().all(|c| c.is_ascii_digit()) {
        g.by_code(h, era).filter(|u| u.level == Level::Province)
    } else {
        g.province(h, era).or_else(|| g.province(h, era.other()))
    };
    match found {
        Some(p) => Ok(Some(p)),
        None => Err(PyValueError::new_err(format!(
            "province {h:?} is not a province name (either era) or a province code of era {}",
            era_name(era)
        ))),
    }
}

/// Is `u` inside province `p` (eras may differ: then compared through their 2025 province)?
fn in_province(g: &Gazetteer, u: &Unit, p: &Unit) -> bool {
    if u.era == p.era {
        u.province_code == p.code
    } else {
        let a = g.province_2025(u).map(|x| &x.code);
        a.is_some() && a == g.province_2025(p).map(|x| &x.code)
    }
}

/// How a candidate matched the query: its canonical name on the name key (tone placement,
/// case and punctuation free), its canonical name without diacritics, or one of its aliases.
fn match_kind(u: &Unit, qkey: &str, qfold: &str) -> &'static str {
    if name_key(&u.name) == qkey {
        "name"
    } else if fold(&u.name) == qfold {
        "folded"
    } else {
        "alias"
    }
}

fn match_rank(m: &str) -> u8 {
    match m {
        "name" => 0,
        "alias" => 1,
        _ => 2,
    }
}

#[derive(Clone, Copy)]
struct Query<'a> {
    /// The name without its level word (or the whole name).
    rest: &'a str,
    kind: Option<&'static str>,
}

/// The candidate pool of `q` in `era`, filtered by `ok`.
///
/// `Gazetteer::candidates` answers on the name key, or on the folded key when the name key
/// finds nothing; `folded_candidates` on the folded key alone. Provinces are taken from the folded tier even when the name key finds
/// other units (`Đăk Nông` is the province before the commune of Kon Tum spelled exactly so),
/// as `Gazetteer::resolve` does; other levels only when the name key finds nothing that passes.
fn pool(
    g: &'static Gazetteer,
    rest: &str,
    era: Era,
    provinces_ok: bool,
    ok: &dyn Fn(&Unit) -> bool,
) -> Vec<&'static Unit> {
    let first = g.candidates(rest, era);
    let folded = folded_candidates(g, rest, era);
    let pick = |extra: &dyn Fn(&Unit) -> bool| -> Vec<&'static Unit> {
        for tier in [&first, &folded] {
            let c: Vec<&'static Unit> =
                tier.iter().copied().filter(|u| ok(u) && extra(u)).collect();
            if !c.is_empty() {
                return c;
            }
        }
        Vec::new()
    };
    let mut out = if provinces_ok {
        pick(&|u| u.level == Level::Province)
    } else {
        Vec::new()
    };
    for u in pick(&|_| true) {
        if !out.contains(&u) {
            out.push(u);
        }
    }
    out
}

/// Units of `era` whose canonical name is `key` itself (up to diacritics).
fn is_unit_name(g: &'static Gazetteer, key: &str, era: Era) -> bool {
    let (k, f) = (name_key(key), fold(key));
    g.candidates(key, era)
        .into_iter()
        .chain(folded_candidates(g, key, era))
        .any(|u| name_key(&u.name) == k || fold(&u.name) == f)
}

/// The units of `era` whose name or alias has the folded key of `name`. A combining overlay
/// mark (U+0334) is appended to the folded name: the name key keeps it (and then matches
/// nothing), the folded key drops it, so `Gazetteer::candidates` answers from its folded
/// index alone.
fn folded_candidates(g: &'static Gazetteer, name: &str, era: Era) -> Vec<&'static Unit> {
    g.candidates(&format!("{}\u{334}", fold(name)), era)
}

/// Candidates of `name` in `era` (see `gazetteer_lookup`), best first.
fn lookup_units(
    g: &'static Gazetteer,
    name: &str,
    level: Option<Level>,
    province: Option<&'static Unit>,
    era: Era,
) -> Vec<(&'static Unit, &'static str)> {
    // `tỉnh Đắk Nông (cũ)`: a former unit
    let mut era = era;
    let mut key = name_key(name);
    if let Some(k) = key.strip_suffix(" cu\u{303}") {
        key = k.to_string();
        era = Era::Pre2025;
    }
    if key.is_empty() {
        return Vec::new();
    }
    let (kind, rest) = split_level_word(&key);
    // a name that starts with a level word (`Phường Đúc`) is not split
    let q = if kind.is_some() && is_unit_name(g, &key, era) {
        Query {
            rest: &key,
            kind: None,
        }
    } else {
        Query { rest, kind }
    };

    let run = |era: Era, only: Option<Level>| -> Vec<&'static Unit> {
        let levels: Option<&[Level]> = q.kind.map(kind_levels);
        let provinces_ok = only.is_none_or(|l| l == Level::Province)
            && levels.is_none_or(|ls| ls.contains(&Level::Province));
        let strictness: &[bool] = if q.kind.is_some() {
            &[true, false]
        } else {
            &[false]
        };
        for &strict in strictness {
            let ok = |u: &Unit| {
                only.is_none_or(|l| l == u.level)
                    && levels.is_none_or(|ls| ls.contains(&u.level))
                    && (!strict || Some(u.kind_word.as_str()) == q.kind)
                    && province.is_none_or(|p| in_province(g, u, p))
            };
            let c = pool(g, q.rest, era, provinces_ok, &ok);
            if !c.is_empty() {
                return c;
            }
        }
        Vec::new()
    };

    let mut found = run(era, level);
    // a pre-2025 district named after the reform (`huyện Ea Súp`); a bare former province
    // name (`Hà Giang`) is not taken for its capital
    if found.is_empty() && era == Era::Post2025 && level.is_none_or(|l| l == Level::District) {
        let district_like = match q.kind {
            Some(k) => kind_levels(k).contains(&Level::District),
            None => g.province(q.rest, Era::Pre2025).is_none(),
        };
        if district_like {
            found = run(Era::Pre2025, Some(Level::District));
        }
    }

    let qkey = name_key(q.rest);
    let qfold = fold(q.rest);
    let mut out: Vec<(&'static Unit, &'static str)> = found
        .into_iter()
        .map(|u| (u, match_kind(u, &qkey, &qfold)))
        .collect();
    out.sort_by(|a, b| {
        (level_rank(a.0.level), match_rank(a.1), &a.0.code).cmp(&(
            level_rank(b.0.level),
            match_rank(b.1),
            &b.0.code,
        ))
    });
    out
}

fn unit_dict<'py>(py: Python<'py>, g: &Gazetteer, u: &Unit) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", &u.code)?;
    d.set_item("name", &u.name)?;
    d.set_item("level", u.level.as_str())?;
    d.set_item("kind_word", &u.kind_word)?;
    d.set_item("province", &u.province_name)?;
    d.set_item("province_code", &u.province_code)?;
    d.set_item("district_code", u.district_code.as_deref())?;
    d.set_item("era", era_name(u.era))?;
    d.set_item("lat", u.lat)?;
    d.set_item("lon", u.lon)?;
    let p25 = g.province_2025(u);
    d.set_item("province_2025_code", p25.map(|p| p.code.as_str()))?;
    d.set_item("province_2025", p25.map(|p| p.name.as_str()))?;
    Ok(d)
}

/// Candidate units for a name, as columns.
///
/// `name`: as written (level word optional); `level`: None, `province`, `district` or
/// `commune`; `province`: a province name (either era) or a province code of the era;
/// `on`: (year, month, day) of use (None: before the 1 July 2025 reform).
/// Returns `{column: list}` with `code`, `name`, `level`, `kind_word`, `province`,
/// `province_code`, `district_code`, `era`, `lat`, `lon`, `match`, `province_2025_code`,
/// `province_2025`, rows best first. Raises ValueError for a bad `level` or an unknown
/// `province`.
#[pyfunction]
#[pyo3(signature = (name, level=None, province=None, on=None))]
fn gazetteer_lookup(
    py: Python<'_>,
    name: &str,
    level: Option<&str>,
    province: Option<&str>,
    on: Option<(i32, u32, u32)>,
) -> PyResult<Py<PyDict>> {
    let level = parse_level(level)?;
    let era = era_on(on);
    let (rows, p25) = gz_call(py, "lookup", |g| {
        let p = hint_province(g, province, era)?;
        let rows = lookup_units(g, name, level, p, era);
        let p25: Vec<Option<&'static Unit>> =
            rows.iter().map(|(u, _)| g.province_2025(u)).collect();
        Ok((rows, p25))
    })?;
    let cols = PyDict::new(py);
    columns!(py, cols, rows, {
        "code" => |(u, _)| u.code.as_str(),
        "name" => |(u, _)| u.name.as_str(),
        "level" => |(u, _)| u.level.as_str(),
        "kind_word" => |(u, _)| u.kind_word.as_str(),
        "province" => |(u, _)| u.province_name.as_str(),
        "province_code" => |(u, _)| u.province_code.as_str(),
        "district_code" => |(u, _)| u.district_code.as_deref(),
        "era" => |(u, _)| era_name(u.era),
        "lat" => |(u, _)| u.lat,
        "lon" => |(u, _)| u.lon,
        "match" => |(_, m)| *m,
    });
    columns!(py, cols, p25, {
        "province_2025_code" => |p| p.map(|p| p.code.as_str()),
        "province_2025" => |p| p.map(|p| p.name.as_str()),
    });
    Ok(cols.unbind())
}

/// The unique unit a name designates, as a dict (keys as the columns of
/// `gazetteer_lookup` without `match`), or None when the name is ambiguous or unknown.
///
/// `level_word`: the word written before the name (`huyện`, `thị xã`, `TP`…), or None to
/// use one inside `name`; `province`: as in `gazetteer_lookup`; `on`: (year, month, day).
#[pyfunction]
#[pyo3(signature = (name, level_word=None, province=None, on=None))]
fn gazetteer_resolve(
    py: Python<'_>,
    name: &str,
    level_word: Option<&str>,
    province: Option<&str>,
    on: Option<(i32, u32, u32)>,
) -> PyResult<Option<Py<PyDict>>> {
    let era = era_on(on);
    let (g, found) = gz_call(py, "resolve", |g| {
        let p = hint_province(g, province, era)?;
        // the validated province, by name: codes and names then mean the same to `resolve`
        let hint = p.map(|p| p.name.as_str());
        let r = match g.resolve(name, level_word, hint, &[], era) {
            Resolution::Unique(u) => Some(u),
            _ => None,
        };
        Ok((g, r))
    })?;
    found
        .map(|u| unit_dict(py, g, u).map(Bound::unbind))
        .transpose()
}

/// For a pre-2025 GSO code: the unit, its 2025 province and the 2025 commune(s) it became.
///
/// Returns a dict with the unit's keys (as `gazetteer_resolve`) and `communes_2025`: a list
/// of dicts (`code`, `name`, `kind_word`), the default successor first; empty for a province
/// or district (except the five island districts without communes). Raises KeyError for a
/// code that is not a pre-2025 unit.
#[pyfunction]
fn gazetteer_to_2025(py: Python<'_>, code: &str) -> PyResult<Py<PyDict>> {
    let (g, unit, communes) = gz_call(py, "to_2025", |g| {
        let unit = g.by_code(code, Era::Pre2025);
        let mapped = g.to_2025(code);
        match (unit, mapped) {
            (Some(u), Some((_, cs))) => Ok((g, u, cs)),
            _ => Err(PyKeyError::new_err(format!(
                "{:?} is not a pre-2025 GSO code (provinces 2 digits, districts 3, communes 5)",
                code.trim()
            ))),
        }
    })?;
    let d = unit_dict(py, g, unit)?;
    let cs = PyList::empty(py);
    for c in communes {
        let x = PyDict::new(py);
        x.set_item("code", &c.code)?;
        x.set_item("name", &c.name)?;
        x.set_item("kind_word", &c.kind_word)?;
        cs.append(x)?;
    }
    d.set_item("communes_2025", cs)?;
    Ok(d.unbind())
}

/// Table sizes per era and level, alias count, embedded CSV bytes, and the one-off load
/// time of the tables in seconds (measured in Rust around the first parse).
#[pyfunction]
fn gazetteer_stats(py: Python<'_>) -> PyResult<Py<PyDict>> {
    let s = gz_call(py, "stats", |g| Ok(g.stats()))?;
    let d = PyDict::new(py);
    let pre = PyDict::new(py);
    pre.set_item("province", s.pre2025_provinces)?;
    pre.set_item("district", s.pre2025_districts)?;
    pre.set_item("commune", s.pre2025_communes)?;
    let new = PyDict::new(py);
    new.set_item("province", s.post2025_provinces)?;
    new.set_item("commune", s.post2025_communes)?;
    let units = PyDict::new(py);
    units.set_item("pre2025", pre)?;
    units.set_item("2025", new)?;
    d.set_item("units", units)?;
    d.set_item("aliases", s.aliases)?;
    d.set_item("csv_bytes", s.csv_bytes)?;
    d.set_item("load_seconds", s.load_time.as_secs_f64())?;
    Ok(d.unbind())
}

/// The name key and folded key of a name (as the lookups use them).
#[pyfunction]
fn gazetteer_keys(name: &str) -> (String, String) {
    (name_key(name), fold(name))
}

/// The native core of vnpov.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(release_memory, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_lookup, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_resolve, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_to_2025, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_stats, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_keys, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
