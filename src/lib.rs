//! vnpov: study visits and poverty figures from Vietnamese local-government news.
//!
//! The flow, one module per stage:
//! `normalize` → `segment` → mentions (`quantity`, `dates`, `places` with the
//! `gazetteer`, `people`) gathered in `document` → frames (`visits`,
//! `figures`) → rows (`records`), driven by `extract`. Cue words live in
//! `src/lexicon/*.tsv` (loaded by `lexicon`). `python` is the pyo3 face.

pub mod dates;
pub mod document;
pub mod extract;
pub mod figures;
pub mod frames;
pub mod gazetteer;
pub mod lexicon;
pub mod normalize;
pub mod people;
pub mod places;
pub mod quantity;
pub mod records;
pub mod segment;
pub mod visits;

#[cfg(test)]
mod test_gen;

#[cfg(feature = "python")]
mod python;

/// Many small strings and vectors per document, allocated from two threads at
/// once: mimalloc's thread-local heaps cost fewer instructions than the system
/// allocator and do not contend.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
