//! The pyo3 module `vnpov._core`: converts, releases the GIL, calls the engine.
//!
//! Tables cross as columns (a dict of lists per table) so that the Python side
//! builds each DataFrame in one call.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::document::DateHint;
use crate::extract::{days_from_civil, extract_batch};
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
    let out: Vec<Extraction> = py
        .detach(|| {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            extract_batch(&refs, &parsed, n_threads)
        })
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

/// The native core of vnpov.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
