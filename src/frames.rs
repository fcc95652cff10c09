//! The four output tables as Arrow record batches, built from the rows of a batch.
//!
//! Columns are named and typed as the schema (`shared/spec/schema.md`) in the Arrow types
//! pandas writes to Parquet for it: strings `LargeUtf8`, counts and offsets `Int64`,
//! `value` `Float64`, `year_inferred` `Boolean`, dates and date-times
//! `Timestamp(ns)`. A closed vocabulary is a dictionary (`Int8` keys) whose values are the
//! categories the caller gives for that column, in its order (so the keys are pandas
//! category codes); a value outside them is null, as pandas makes it. Without categories the
//! column is plain strings.
//!
//! Instead of `doc_id` every table starts with `_doc`, the input position (`Int64`) of the
//! document the row comes from: the ids stay on the caller's side.
//!
//! A batch is built chunk by chunk (each chunk's record batches on the worker that
//! extracted it), so the functions here are sequential.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::types::Int8Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Float64Array, Int64Array, Int8Array,
    LargeStringArray, RecordBatch, TimestampNanosecondArray,
};
use arrow_schema::{ArrowError, Field, Schema};

use crate::records::{Extraction, FigureRow, PersonRow, VisitRow, Ymd, Ymdhms};

/// The tables in output order.
pub const TABLES: [&str; 4] = ["documents", "visits", "people", "figures"];

/// The name of the input-position column that leads every table.
pub const DOC: &str = "_doc";

const NS_PER_SECOND: i64 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// The categories of one column: their Arrow values, and the words (a word's code is its
/// position: a scan of a few short words is faster than hashing).
#[derive(Debug, Clone)]
struct Vocab {
    values: ArrayRef,
    words: Vec<String>,
}

impl Vocab {
    fn code(&self, word: &str) -> Option<i8> {
        self.words.iter().position(|w| w == word).map(|i| i as i8)
    }
}

/// The closed vocabularies of the categorical columns, by table and column.
#[derive(Debug, Clone, Default)]
pub struct Categories {
    by_column: HashMap<(String, String), Vocab>,
}

impl Categories {
    /// No vocabularies: every categorical column is built as plain strings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Make `table.column` a dictionary column over `values` (codes in this order).
    ///
    /// Errors for more than 127 values (the keys are `Int8`) or a repeated value.
    pub fn set(&mut self, table: &str, column: &str, values: &[String]) -> Result<(), String> {
        if values.len() > i8::MAX as usize {
            return Err(format!(
                "{table}.{column}: {} categories, at most {} fit",
                values.len(),
                i8::MAX
            ));
        }
        for (i, v) in values.iter().enumerate() {
            if values[..i].contains(v) {
                return Err(format!("{table}.{column}: category {v:?} given twice"));
            }
        }
        let vocab = Vocab {
            values: Arc::new(LargeStringArray::from_iter_values(values)),
            words: values.to_vec(),
        };
        self.by_column
            .insert((table.to_string(), column.to_string()), vocab);
        Ok(())
    }

    fn get(&self, table: &str, column: &str) -> Option<&Vocab> {
        // a linear scan would do as well; the map keeps `set` and `get` symmetric
        self.by_column.get(&(table.to_string(), column.to_string()))
    }
}

fn strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.collect::<LargeStringArray>())
}

fn ints(values: impl Iterator<Item = Option<i64>>) -> ArrayRef {
    Arc::new(values.collect::<Int64Array>())
}

fn timestamps(values: impl Iterator<Item = Option<i64>>) -> ArrayRef {
    Arc::new(values.collect::<TimestampNanosecondArray>())
}

/// A categorical column: a dictionary over the vocabulary, or plain strings without one.
fn category<'a>(vocab: Option<&Vocab>, values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    match vocab {
        None => strings(values),
        Some(v) => {
            let keys: Int8Array = values.map(|x| x.and_then(|s| v.code(s))).collect();
            Arc::new(DictionaryArray::<Int8Type>::new(keys, v.values.clone()))
        }
    }
}

/// Nanoseconds since the epoch of a day (null if out of the 64-bit range).
fn day_ns(d: Option<Ymd>) -> Option<i64> {
    let (y, m, dd) = d?;
    crate::extract::days_from_civil(y, m, dd)
        .checked_mul(SECONDS_PER_DAY)?
        .checked_mul(NS_PER_SECOND)
}

/// Nanoseconds since the epoch of a date-time (null if out of the 64-bit range).
fn datetime_ns(t: Option<Ymdhms>) -> Option<i64> {
    let (y, m, d, h, mi, s) = t?;
    let secs = crate::extract::days_from_civil(y, m, d)
        .checked_mul(SECONDS_PER_DAY)?
        .checked_add(i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s))?;
    secs.checked_mul(NS_PER_SECOND)
}

fn count(n: usize) -> Option<i64> {
    i64::try_from(n).ok()
}

/// A column to build: its name and how.
type Column<'a> = (&'static str, Box<dyn Fn() -> ArrayRef + 'a>);

/// The rows of one table with the input position of their document (`first` for `out[0]`).
fn rows<'a, R>(
    out: &'a [Extraction],
    first: usize,
    pick: impl Fn(&'a Extraction) -> &'a [R],
) -> Vec<(i64, &'a R)> {
    out.iter()
        .enumerate()
        .flat_map(|(i, x)| {
            let doc = count(first + i).unwrap_or(i64::MAX);
            pick(x).iter().map(move |r| (doc, r))
        })
        .collect()
}

fn document_columns<'a>(
    out: &'a [Extraction],
    first: usize,
    cats: &'a Categories,
) -> Vec<Column<'a>> {
    let d = out;
    let kind = cats.get("documents", "kind");
    vec![
        (
            DOC,
            Box::new(move || ints((first..first + d.len()).map(count))),
        ),
        (
            "title",
            Box::new(move || strings(d.iter().map(|x| x.document.title.as_deref()))),
        ),
        (
            "published",
            Box::new(move || timestamps(d.iter().map(|x| datetime_ns(x.document.published)))),
        ),
        (
            "kind",
            Box::new(move || category(kind, d.iter().map(|x| Some(x.document.kind)))),
        ),
        (
            "n_chars",
            Box::new(move || ints(d.iter().map(|x| count(x.document.n_chars)))),
        ),
        (
            "error",
            Box::new(move || strings(d.iter().map(|x| x.document.error.as_deref()))),
        ),
    ]
}

fn visit_columns<'a>(v: &'a [(i64, &'a VisitRow)], cats: &'a Categories) -> Vec<Column<'a>> {
    let c = |name| cats.get("visits", name);
    let (vl, hl, pu, pr) = (
        c("visitor_level"),
        c("host_level"),
        c("purpose"),
        c("program"),
    );
    vec![
        (DOC, Box::new(move || ints(v.iter().map(|(i, _)| Some(*i))))),
        (
            "visit_id",
            Box::new(move || ints(v.iter().map(|(_, r)| count(r.visit_id)))),
        ),
        (
            "visitor",
            Box::new(move || strings(v.iter().map(|(_, r)| Some(r.visitor.as_str())))),
        ),
        (
            "visitor_level",
            Box::new(move || category(vl, v.iter().map(|(_, r)| r.visitor_level))),
        ),
        (
            "visitor_province",
            Box::new(move || strings(v.iter().map(|(_, r)| r.visitor_province.as_deref()))),
        ),
        (
            "visitor_code",
            Box::new(move || strings(v.iter().map(|(_, r)| r.visitor_code.as_deref()))),
        ),
        (
            "host",
            Box::new(move || strings(v.iter().map(|(_, r)| r.host.as_deref()))),
        ),
        (
            "host_level",
            Box::new(move || category(hl, v.iter().map(|(_, r)| r.host_level))),
        ),
        (
            "host_province",
            Box::new(move || strings(v.iter().map(|(_, r)| r.host_province.as_deref()))),
        ),
        (
            "host_code",
            Box::new(move || strings(v.iter().map(|(_, r)| r.host_code.as_deref()))),
        ),
        (
            "start_date",
            Box::new(move || timestamps(v.iter().map(|(_, r)| day_ns(r.start_date)))),
        ),
        (
            "end_date",
            Box::new(move || timestamps(v.iter().map(|(_, r)| day_ns(r.end_date)))),
        ),
        (
            "year_inferred",
            Box::new(move || {
                Arc::new(
                    v.iter()
                        .map(|(_, r)| r.year_inferred)
                        .collect::<BooleanArray>(),
                )
            }),
        ),
        (
            "purpose",
            Box::new(move || category(pu, v.iter().map(|(_, r)| r.purpose))),
        ),
        (
            "program",
            Box::new(move || category(pr, v.iter().map(|(_, r)| r.program))),
        ),
        (
            "leader",
            Box::new(move || strings(v.iter().map(|(_, r)| r.leader.as_deref()))),
        ),
        (
            "leader_title",
            Box::new(move || strings(v.iter().map(|(_, r)| r.leader_title.as_deref()))),
        ),
        (
            "start",
            Box::new(move || ints(v.iter().map(|(_, r)| count(r.start)))),
        ),
        (
            "end",
            Box::new(move || ints(v.iter().map(|(_, r)| count(r.end)))),
        ),
    ]
}

fn people_columns<'a>(p: &'a [(i64, &'a PersonRow)], cats: &'a Categories) -> Vec<Column<'a>> {
    let (side, role) = (cats.get("people", "side"), cats.get("people", "role"));
    vec![
        (DOC, Box::new(move || ints(p.iter().map(|(i, _)| Some(*i))))),
        (
            "name",
            Box::new(move || strings(p.iter().map(|(_, r)| Some(r.name.as_str())))),
        ),
        (
            "title",
            Box::new(move || strings(p.iter().map(|(_, r)| r.title.as_deref()))),
        ),
        (
            "unit",
            Box::new(move || strings(p.iter().map(|(_, r)| r.unit.as_deref()))),
        ),
        (
            "side",
            Box::new(move || category(side, p.iter().map(|(_, r)| Some(r.side)))),
        ),
        (
            "role",
            Box::new(move || category(role, p.iter().map(|(_, r)| Some(r.role)))),
        ),
        (
            "start",
            Box::new(move || ints(p.iter().map(|(_, r)| count(r.start)))),
        ),
        (
            "end",
            Box::new(move || ints(p.iter().map(|(_, r)| count(r.end)))),
        ),
    ]
}

fn figure_columns<'a>(f: &'a [(i64, &'a FigureRow)], cats: &'a Categories) -> Vec<Column<'a>> {
    let c = |name| cats.get("figures", name);
    let (ul, ind, pr, me, po, st, qu) = (
        c("unit_level"),
        c("indicator"),
        c("program"),
        c("measure"),
        c("population"),
        c("status"),
        c("qualifier"),
    );
    vec![
        (DOC, Box::new(move || ints(f.iter().map(|(i, _)| Some(*i))))),
        (
            "unit",
            Box::new(move || strings(f.iter().map(|(_, r)| r.unit.as_deref()))),
        ),
        (
            "unit_level",
            Box::new(move || category(ul, f.iter().map(|(_, r)| r.unit_level))),
        ),
        (
            "unit_province",
            Box::new(move || strings(f.iter().map(|(_, r)| r.unit_province.as_deref()))),
        ),
        (
            "unit_code",
            Box::new(move || strings(f.iter().map(|(_, r)| r.unit_code.as_deref()))),
        ),
        (
            "indicator",
            Box::new(move || category(ind, f.iter().map(|(_, r)| Some(r.indicator.as_str())))),
        ),
        (
            "program",
            Box::new(move || category(pr, f.iter().map(|(_, r)| r.program))),
        ),
        (
            // NaN is a missing value, as pandas' Float64 reads it
            "value",
            Box::new(move || {
                Arc::new(
                    f.iter()
                        .map(|(_, r)| Some(r.value).filter(|x| !x.is_nan()))
                        .collect::<Float64Array>(),
                )
            }),
        ),
        (
            "measure",
            Box::new(move || category(me, f.iter().map(|(_, r)| Some(r.measure.as_str())))),
        ),
        (
            "year",
            Box::new(move || ints(f.iter().map(|(_, r)| r.year.map(i64::from)))),
        ),
        (
            "period_start",
            Box::new(move || ints(f.iter().map(|(_, r)| r.period_start.map(i64::from)))),
        ),
        (
            "period_end",
            Box::new(move || ints(f.iter().map(|(_, r)| r.period_end.map(i64::from)))),
        ),
        (
            "population",
            Box::new(move || category(po, f.iter().map(|(_, r)| r.population))),
        ),
        (
            "status",
            Box::new(move || category(st, f.iter().map(|(_, r)| Some(r.status)))),
        ),
        (
            "qualifier",
            Box::new(move || category(qu, f.iter().map(|(_, r)| r.qualifier))),
        ),
        (
            "text",
            Box::new(move || strings(f.iter().map(|(_, r)| Some(r.text.as_str())))),
        ),
        (
            "start",
            Box::new(move || ints(f.iter().map(|(_, r)| count(r.start)))),
        ),
        (
            "end",
            Box::new(move || ints(f.iter().map(|(_, r)| count(r.end)))),
        ),
    ]
}

fn batch(columns: Vec<(&'static str, ArrayRef)>) -> Result<RecordBatch, ArrowError> {
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, a)| Field::new(*name, a.data_type().clone(), true))
        .collect();
    let arrays = columns.into_iter().map(|(_, a)| a).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

/// The four tables of the documents `out` (in [`TABLES`] order, rows in input order);
/// `first` is the input position of `out[0]` (the `_doc` of its rows).
pub fn record_batches(
    out: &[Extraction],
    first: usize,
    cats: &Categories,
) -> Result<[RecordBatch; 4], ArrowError> {
    let v = rows(out, first, |x| &x.visits);
    let p = rows(out, first, |x| &x.people);
    let f = rows(out, first, |x| &x.figures);
    let build = |cols: Vec<Column>| batch(cols.into_iter().map(|(name, b)| (name, b())).collect());
    Ok([
        build(document_columns(out, first, cats))?,
        build(visit_columns(&v, cats))?,
        build(people_columns(&p, cats))?,
        build(figure_columns(&f, cats))?,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::DocumentRow;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Int64Type, TimestampNanosecondType};
    use arrow_schema::{DataType, TimeUnit};

    fn vocab(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    fn sample() -> Vec<Extraction> {
        let visit = VisitRow {
            visit_id: 0,
            visitor: "Ba Tơ".into(),
            visitor_level: Some("district"),
            visitor_province: Some("Quảng Ngãi".into()),
            host: None,
            host_level: Some("region"),
            start_date: Some((2024, 3, 14)),
            end_date: None,
            year_inferred: Some(true),
            purpose: Some("study"),
            program: None,
            start: 3,
            end: 40,
            ..Default::default()
        };
        let figure = FigureRow {
            indicator: "poor_household_rate".into(),
            measure: "percent".into(),
            value: 47.4,
            year: Some(2023),
            status: "actual",
            qualifier: Some("no such qualifier"),
            text: "47,4%".into(),
            start: 10,
            end: 15,
            ..Default::default()
        };
        vec![
            Extraction {
                document: DocumentRow {
                    title: Some("Đoàn công tác".into()),
                    published: Some((2023, 12, 1, 10, 28, 5)),
                    kind: "visit",
                    n_chars: 120,
                    error: None,
                },
                visits: vec![
                    visit.clone(),
                    VisitRow {
                        visit_id: 1,
                        ..visit
                    },
                ],
                figures: vec![figure.clone()],
                ..Default::default()
            },
            Extraction {
                document: DocumentRow {
                    kind: "other",
                    error: Some("missing".into()),
                    ..Default::default()
                },
                ..Default::default()
            },
            Extraction {
                document: DocumentRow {
                    kind: "report",
                    n_chars: 9,
                    ..Default::default()
                },
                figures: vec![FigureRow {
                    value: f64::NAN,
                    ..figure
                }],
                people: vec![PersonRow {
                    name: "Lữ Đình Tích".into(),
                    side: "visitor",
                    role: "leader",
                    start: 1,
                    end: 13,
                    ..Default::default()
                }],
                ..Default::default()
            },
        ]
    }

    fn categories() -> Categories {
        let mut c = Categories::new();
        c.set(
            "documents",
            "kind",
            &vocab(&["visit", "meeting", "report", "other"]),
        )
        .unwrap();
        c.set(
            "visits",
            "visitor_level",
            &vocab(&["region", "province", "district"]),
        )
        .unwrap();
        c.set("figures", "qualifier", &vocab(&["over", "nearly", "about"]))
            .unwrap();
        c
    }

    fn names(b: &RecordBatch) -> Vec<String> {
        b.schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    #[test]
    fn tables_columns_and_row_counts() {
        let [d, v, p, f] = record_batches(&sample(), 0, &categories()).unwrap();
        assert_eq!(
            (d.num_rows(), v.num_rows(), p.num_rows(), f.num_rows()),
            (3, 2, 1, 2)
        );
        assert_eq!(
            names(&d),
            ["_doc", "title", "published", "kind", "n_chars", "error"]
        );
        assert_eq!(names(&v).len(), 19);
        assert_eq!(names(&p).len(), 8);
        assert_eq!(names(&f).len(), 18);
        for b in [&d, &v, &p, &f] {
            assert_eq!(b.schema().field(0).name(), DOC);
            assert!(b.schema().fields().iter().all(|f| f.is_nullable()));
        }
        // the rows carry the input position of their document
        let docs = |b: &RecordBatch| -> Vec<i64> {
            b.column(0).as_primitive::<Int64Type>().values().to_vec()
        };
        assert_eq!(docs(&d), [0, 1, 2]);
        assert_eq!(docs(&v), [0, 0]);
        assert_eq!(docs(&p), [2]);
        assert_eq!(docs(&f), [0, 2]);
        // a chunk that starts further in the batch
        let [d, v, _, f] = record_batches(&sample(), 10, &categories()).unwrap();
        assert_eq!(docs(&d), [10, 11, 12]);
        assert_eq!(docs(&v), [10, 10]);
        assert_eq!(docs(&f), [10, 12]);
    }

    #[test]
    fn types_and_values() {
        let [d, v, _, f] = record_batches(&sample(), 0, &categories()).unwrap();
        let col = |b: &RecordBatch, n: &str| b.column_by_name(n).unwrap().clone();
        assert_eq!(*col(&d, "title").data_type(), DataType::LargeUtf8);
        let titles = col(&d, "title");
        let titles = titles.as_string::<i64>();
        assert_eq!(titles.value(0), "Đoàn công tác");
        assert!(titles.is_null(1));
        let published = col(&d, "published");
        assert_eq!(
            *published.data_type(),
            DataType::Timestamp(TimeUnit::Nanosecond, None)
        );
        // 2023-12-01 10:28:05 UTC
        assert_eq!(
            published.as_primitive::<TimestampNanosecondType>().value(0),
            1_701_426_485 * NS_PER_SECOND
        );
        assert!(published.is_null(1));
        let start = col(&v, "start_date");
        assert_eq!(
            start.as_primitive::<TimestampNanosecondType>().value(0),
            19_796 * SECONDS_PER_DAY * NS_PER_SECOND
        );
        assert!(col(&v, "end_date").is_null(0));
        assert!(col(&v, "host").is_null(0));
        assert!(col(&v, "year_inferred").as_boolean().value(0));
        assert_eq!(
            col(&v, "visit_id")
                .as_primitive::<Int64Type>()
                .values()
                .to_vec(),
            [0, 1]
        );
        // NaN is missing, as in pandas' Float64
        let value = col(&f, "value");
        assert_eq!(value.data_type(), &DataType::Float64);
        assert_eq!(value.null_count(), 1);
        assert!(value.is_null(1));
    }

    #[test]
    fn categories_are_dictionaries_over_the_given_vocabulary() {
        let [d, v, _, f] = record_batches(&sample(), 0, &categories()).unwrap();
        let kind = d.column_by_name("kind").unwrap();
        assert_eq!(
            *kind.data_type(),
            DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::LargeUtf8))
        );
        let kind = kind.as_dictionary::<Int8Type>();
        // the whole vocabulary in its order, used or not; keys are its codes
        assert_eq!(kind.values().len(), 4);
        assert_eq!(kind.keys().values().to_vec(), [0, 3, 2]);
        let level = v.column_by_name("visitor_level").unwrap();
        assert_eq!(level.as_dictionary::<Int8Type>().keys().value(0), 2);
        // host_level has no vocabulary here: plain strings
        let host = v.column_by_name("host_level").unwrap();
        assert_eq!(*host.data_type(), DataType::LargeUtf8);
        assert_eq!(host.as_string::<i64>().value(0), "region");
        // a value outside the vocabulary is null; a missing one too
        let q = f.column_by_name("qualifier").unwrap();
        assert_eq!(q.null_count(), 2);
    }

    #[test]
    fn empty_batch_gives_empty_tables_with_all_columns() {
        let [d, v, p, f] = record_batches(&[], 0, &categories()).unwrap();
        assert_eq!(d.num_rows() + v.num_rows() + p.num_rows() + f.num_rows(), 0);
        assert_eq!(
            (
                d.num_columns(),
                v.num_columns(),
                p.num_columns(),
                f.num_columns()
            ),
            (6, 19, 8, 18)
        );
    }

    #[test]
    fn vocabularies_are_checked() {
        let mut c = Categories::new();
        assert!(c.set("people", "side", &vocab(&["a", "b", "a"])).is_err());
        let many: Vec<String> = (0..200).map(|i| i.to_string()).collect();
        assert!(c.set("people", "side", &many).is_err());
        assert!(c.set("people", "side", &vocab(&["a"])).is_ok());
    }
}
