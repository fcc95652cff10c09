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
use vnpov::extract::extract_document;

fn main() {
    let hint = DateHint::parse("2024-06");
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
                println!("## {} hint={:?}", p.display(), h);
                println!("{:#?}", extract_document(&text, h));
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
                println!("## {} {name}", p.display());
                println!("{:#?}", extract_document(&v, None));
            }
        }
    }
}
