//! Print every row the engine extracts from the `.txt` files of some folders,
//! with and without a scraper's date hint, and from three variants of each text
//! (decomposed to NFD, its lines in reverse order, cut at 60% of its
//! characters), one document per block (release build):
//! `cargo run --release --example dump_rows DIR... > rows.txt`
//!
//! A speed change must leave this output byte for byte the same: write it
//! before the change, diff it after (`scripts/snapshot.py` does the same
//! through Python, with the tables as the user sees them).
use unicode_normalization::UnicodeNormalization;
use vnpov::document::DateHint;
use vnpov::extract::extract_batch;

fn main() {
    let hint = DateHint::parse("2024-06");
    // (heading, text, hint) of every block, extracted as one batch (the path a user's
    // call takes), then printed in order
    let mut blocks: Vec<(String, String, Option<DateHint>)> = Vec::new();
    for dir in std::env::args().skip(1) {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("a folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).expect("UTF-8 text");
            for h in [None, hint] {
                blocks.push((format!("## {} hint={:?}", p.display(), h), text.clone(), h));
            }
            let n = text.chars().count() * 6 / 10;
            let variants = [
                ("nfd", text.nfd().collect::<String>()),
                (
                    "reversed",
                    text.lines().rev().collect::<Vec<_>>().join("\n"),
                ),
                ("cut", text.chars().take(n).collect::<String>()),
            ];
            for (name, v) in variants {
                blocks.push((format!("## {} {name}", p.display()), v, None));
            }
        }
    }
    let texts: Vec<&str> = blocks.iter().map(|(_, t, _)| t.as_str()).collect();
    let hints: Vec<Option<DateHint>> = blocks.iter().map(|(_, _, h)| *h).collect();
    let rows = extract_batch(&texts, &hints, Some(2)).expect("a batch");
    for ((heading, _, _), x) in blocks.iter().zip(rows) {
        println!("{heading}");
        println!("{x:#?}");
    }
}
