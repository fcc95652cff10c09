//! The pyo3 module `vnpov._core`: converts, releases the GIL, calls the engine.
//!
//! Tables cross as columns (a dict of lists per table) so that the Python side
//! builds each DataFrame in one call.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyKeyError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::document::DateHint;
use crate::extract::{days_from_civil, extract_batch};
use crate::gazetteer::{
    era_for_date, fold, name_key, split_level_word, Era, Gazetteer, Level, Resolution, Unit,
};
use crate::records::{Extraction, Ymd};

fn day_number(d: Option<Ymd>) -> Option<i64> {
    d.map(|(y, m, dd)| days_from_civil(y, m, dd))
}

/// Extract a batch of documents.
///
/// `texts`: the documents; `hints`: per-document date hints (`2023-04`,
/// `2024-06-21`) or None; `n_threads`: worker threads (None: all cores).
/// Returns `{table: {column: list}}` for `documents`, `visits`, `people`,
/// `figures`, with a `_doc` column of input positions; dates are days since
/// 1970-01-01 and `published` seconds since the epoch.
#[pyfunction]
#[pyo3(signature = (texts, hints, n_threads=None))]
fn extract(
    py: Python<'_>,
    texts: Vec<String>,
    hints: Vec<Option<String>>,
    n_threads: Option<usize>,
) -> PyResult<Py<PyDict>> {
    if !hints.is_empty() && hints.len() != texts.len() {
        return Err(PyValueError::new_err(format!(
            "published has {} values for {} texts",
            hints.len(),
            texts.len()
        )));
    }
    let parsed: Vec<Option<DateHint>> = hints
        .iter()
        .map(|h| h.as_deref().and_then(DateHint::parse))
        .collect();
    // each document is guarded in `extract_batch`; this guard is for the batch machinery,
    // so that no panic reaches Python as a `PanicException`
    let out: Vec<Extraction> = py
        .detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                extract_batch(&refs, &parsed, n_threads)
            }))
        })
        .map_err(|_| PyRuntimeError::new_err("vnpov: internal error in the batch"))?
        .map_err(PyValueError::new_err)?;
    to_columns(py, &out)
}

macro_rules! columns {
    ($py:expr, $dict:expr, $rows:expr, { $($name:literal => $f:expr),* $(,)? }) => {{
        $(
            let col: Vec<_> = $rows.iter().map($f).collect();
            $dict.set_item($name, col)?;
        )*
    }};
}

fn to_columns(py: Python<'_>, out: &[Extraction]) -> PyResult<Py<PyDict>> {
    let tables = PyDict::new(py);

    let docs = PyDict::new(py);
    let d: Vec<(usize, &Extraction)> = out.iter().enumerate().collect();
    columns!(py, docs, d, {
        "_doc" => |(i, _)| *i,
        "title" => |(_, x)| x.document.title.clone(),
        "published" => |(_, x)| x.document.published.map(|(y, m, dd, h, mi, s)| {
            days_from_civil(y, m, dd) * 86_400 + i64::from(h * 3600 + mi * 60 + s)
        }),
        "kind" => |(_, x)| x.document.kind,
        "n_chars" => |(_, x)| x.document.n_chars,
        "error" => |(_, x)| x.document.error.clone(),
    });
    tables.set_item("documents", docs)?;

    let visits = PyDict::new(py);
    let v: Vec<(usize, &crate::records::VisitRow)> = out
        .iter()
        .enumerate()
        .flat_map(|(i, x)| x.visits.iter().map(move |r| (i, r)))
        .collect();
    columns!(py, visits, v, {
        "_doc" => |(i, _)| *i,
        "visit_id" => |(_, r)| r.visit_id,
        "visitor" => |(_, r)| r.visitor.clone(),
        "visitor_level" => |(_, r)| r.visitor_level,
        "visitor_province" => |(_, r)| r.visitor_province.clone(),
        "visitor_code" => |(_, r)| r.visitor_code.clone(),
        "host" => |(_, r)| r.host.clone(),
        "host_level" => |(_, r)| r.host_level,
        "host_province" => |(_, r)| r.host_province.clone(),
        "host_code" => |(_, r)| r.host_code.clone(),
        "start_date" => |(_, r)| day_number(r.start_date),
        "end_date" => |(_, r)| day_number(r.end_date),
        "year_inferred" => |(_, r)| r.year_inferred,
        "purpose" => |(_, r)| r.purpose,
        "program" => |(_, r)| r.program,
        "leader" => |(_, r)| r.leader.clone(),
        "leader_title" => |(_, r)| r.leader_title.clone(),
        "start" => |(_, r)| r.start,
        "end" => |(_, r)| r.end,
    });
    tables.set_item("visits", visits)?;

    let people = PyDict::new(py);
    let p: Vec<(usize, &crate::records::PersonRow)> = out
        .iter()
        .enumerate()
        .flat_map(|(i, x)| x.people.iter().map(move |r| (i, r)))
        .collect();
    columns!(py, people, p, {
        "_doc" => |(i, _)| *i,
        "name" => |(_, r)| r.name.clone(),
        "title" => |(_, r)| r.title.clone(),
        "unit" => |(_, r)| r.unit.clone(),
        "side" => |(_, r)| r.side,
        "role" => |(_, r)| r.role,
        "start" => |(_, r)| r.start,
        "end" => |(_, r)| r.end,
    });
    tables.set_item("people", people)?;

    let figures = PyDict::new(py);
    let f: Vec<(usize, &crate::records::FigureRow)> = out
        .iter()
        .enumerate()
        .flat_map(|(i, x)| x.figures.iter().map(move |r| (i, r)))
        .collect();
    columns!(py, figures, f, {
        "_doc" => |(i, _)| *i,
        "unit" => |(_, r)| r.unit.clone(),
        "unit_level" => |(_, r)| r.unit_level,
        "unit_province" => |(_, r)| r.unit_province.clone(),
        "unit_code" => |(_, r)| r.unit_code.clone(),
        "indicator" => |(_, r)| r.indicator.clone(),
        "program" => |(_, r)| r.program,
        "value" => |(_, r)| r.value,
        "measure" => |(_, r)| r.measure.clone(),
        "year" => |(_, r)| r.year,
        "period_start" => |(_, r)| r.period_start,
        "period_end" => |(_, r)| r.period_end,
        "population" => |(_, r)| r.population,
        "status" => |(_, r)| r.status,
        "qualifier" => |(_, r)| r.qualifier,
        "text" => |(_, r)| r.text.clone(),
        "start" => |(_, r)| r.start,
        "end" => |(_, r)| r.end,
    });
    tables.set_item("figures", figures)?;
    Ok(tables.unbind())
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

fn other_era(e: Era) -> Era {
    match e {
        Era::Pre2025 => Era::Post2025,
        Era::Post2025 => Era::Pre2025,
    }
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
        g.province(h, era).or_else(|| g.province(h, other_era(era)))
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
    m.add_function(wrap_pyfunction!(gazetteer_lookup, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_resolve, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_to_2025, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_stats, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer_keys, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
