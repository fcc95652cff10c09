//! Time each stage of the engine on a folder of .txt files (release build):
//! `cargo run --release --example stage_timing DIR [REPEAT] [whole]`
//! (`whole`: time only the whole extraction, document by document, e.g. under a profiler;
//! `batch`: the same as one batch on 1 thread, the path a user's call takes, which reads
//! a few documents at a time stage by stage; `threads`: the whole extraction as one batch
//! on 1 and on 2 threads, the engine's own scaling; `words`: only `Words::new`).
use std::time::Instant;

use vnpov::lexicon::lowercase_aligned;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: stage_timing DIR [REPEAT] [whole]");
    let repeat: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).expect("dir").flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            texts.push(std::fs::read_to_string(e.path()).expect("read"));
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * repeat;
    let mut t = [0f64; 9];
    let names = [
        "normalize",
        "lowercase",
        "segment",
        "dates+years",
        "quantities",
        "places",
        "people",
        "visits",
        "figures",
    ];
    let _ = vnpov::gazetteer::Gazetteer::get();
    let _ = vnpov::lexicon::lexicon();
    let mode = std::env::args().nth(3).unwrap_or_default();
    if mode == "threads" {
        let all: Vec<&str> = (0..repeat)
            .flat_map(|_| texts.iter().map(String::as_str))
            .collect();
        let mut first = 0.0;
        for n in [1, 2] {
            let c = Instant::now();
            let out = vnpov::extract::extract_batch(&all, &[], Some(n)).expect("batch");
            let s = c.elapsed().as_secs_f64();
            drop(out);
            if n == 1 {
                first = s;
            }
            println!(
                "{n} thread(s): {:8.1} MB/s  ({s:.3} s, {:.2}x)",
                bytes as f64 / 1e6 / s,
                first / s
            );
        }
        return;
    }
    if mode == "batch" {
        let all: Vec<&str> = (0..repeat)
            .flat_map(|_| texts.iter().map(String::as_str))
            .collect();
        let c = Instant::now();
        let out = vnpov::extract::extract_batch(&all, &[], Some(1)).expect("batch");
        let s = c.elapsed().as_secs_f64();
        drop(out);
        println!(
            "{:>12}: {:8.1} MB/s  ({s:.3} s)",
            "batch",
            bytes as f64 / 1e6 / s
        );
        return;
    }
    if mode == "words" {
        // only the word index, e.g. under a profiler
        let lowers: Vec<String> = texts
            .iter()
            .map(|t| lowercase_aligned(&vnpov::normalize::normalize(t).text))
            .collect();
        let c = Instant::now();
        for _ in 0..repeat {
            for l in &lowers {
                std::hint::black_box(vnpov::lexicon::Words::new(l));
            }
        }
        let s = c.elapsed().as_secs_f64();
        println!(
            "{:>12}: {:8.1} MB/s  ({s:.3} s)",
            "words",
            bytes as f64 / 1e6 / s
        );
        return;
    }
    let whole_only = mode == "whole";
    for _ in 0..if whole_only { 0 } else { repeat } {
        for text in &texts {
            let c = Instant::now();
            let norm = vnpov::normalize::normalize(text);
            t[0] += c.elapsed().as_secs_f64();
            let c = Instant::now();
            let lower = lowercase_aligned(&norm.text);
            t[1] += c.elapsed().as_secs_f64();
            let c = Instant::now();
            let _seg = vnpov::segment::segment(&norm.text, &lower);
            t[2] += c.elapsed().as_secs_f64();
            let c = Instant::now();
            let dates = vnpov::dates::find_dates(&lower);
            let _ = vnpov::dates::find_years(&lower);
            t[3] += c.elapsed().as_secs_f64();
            let c = Instant::now();
            let skip: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
            let _ = vnpov::quantity::find_quantities(&norm.text, &lower, &skip);
            t[4] += c.elapsed().as_secs_f64();
            let c = Instant::now();
            let words = vnpov::lexicon::Words::new(&lower);
            let places = vnpov::places::find_places(
                &norm.text,
                &lower,
                &words,
                vnpov::gazetteer::Era::Pre2025,
                Some(2024),
            );
            t[5] += c.elapsed().as_secs_f64();
            let c = Instant::now();
            let _ = vnpov::people::find_people(
                &norm.text,
                &lower,
                &words,
                &[(0, norm.text.len())],
                &places,
            );
            t[6] += c.elapsed().as_secs_f64();
            let c = Instant::now();
            let doc = vnpov::document::analyse(text, None);
            let (_v, _p) = vnpov::visits::extract_visits(&doc);
            t[7] += c.elapsed().as_secs_f64();
            let c = Instant::now();
            let _ = vnpov::figures::extract_figures(&doc, vnpov::visits::focus_place(&doc));
            t[8] += c.elapsed().as_secs_f64();
        }
    }
    for (n, s) in names.iter().zip(t).filter(|_| !whole_only) {
        println!("{n:>12}: {:8.1} MB/s  ({s:.3} s)", bytes as f64 / 1e6 / s);
    }
    let c = Instant::now();
    for _ in 0..repeat {
        for text in &texts {
            let _ = vnpov::extract::extract_document(text, None);
        }
    }
    let s = c.elapsed().as_secs_f64();
    println!(
        "{:>12}: {:8.1} MB/s  ({s:.3} s)",
        "whole",
        bytes as f64 / 1e6 / s
    );
}
