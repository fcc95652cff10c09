//! Time `places::find_places` alone on a folder of .txt files (release build):
//! `cargo run --release --example places_bench DIR [REPEAT] [pre|post]`.
//! Normalisation, lowercasing and the word index are prepared once, outside the timing.
use std::time::Instant;

use vnpov::gazetteer::Era;
use vnpov::lexicon::{lowercase_aligned, Words};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: places_bench DIR [REPEAT] [pre|post]");
    let repeat: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let era = match std::env::args().nth(3).as_deref() {
        Some("post") => Era::Post2025,
        _ => Era::Pre2025,
    };
    let mut docs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for p in paths {
        let raw = std::fs::read_to_string(p).expect("read");
        let text = vnpov::normalize::normalize(&raw).text;
        let lower = lowercase_aligned(&text);
        docs.push((text, lower));
    }
    let words: Vec<Words> = docs.iter().map(|(_, l)| Words::new(l)).collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum::<usize>() * repeat;
    let _ = vnpov::gazetteer::Gazetteer::get();
    let _ = vnpov::lexicon::lexicon();
    // warm the lazily built tables
    for ((text, lower), w) in docs.iter().zip(&words) {
        let _ = vnpov::places::find_places(text, lower, w, era, Some(2024));
    }
    let c = Instant::now();
    let mut n = 0usize;
    for _ in 0..repeat {
        for ((text, lower), w) in docs.iter().zip(&words) {
            n += vnpov::places::find_places(text, lower, w, era, Some(2024)).len();
        }
    }
    let s = c.elapsed().as_secs_f64();
    println!(
        "places: {:8.1} MB/s  ({s:.3} s, {n} places)",
        bytes as f64 / 1e6 / s
    );
}
