//! Print the unit mentions, sentences and focus of a file:
//! `cargo run --example debug_places FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: debug_places FILE");
    let text = std::fs::read_to_string(path).expect("read");
    let doc = vnpov::document::analyse(&text, None);
    for p in &doc.places {
        println!(
            "{:>5} {:?} {:?} {} {:?} {:?} hint={:?} is_hint={}",
            p.start,
            p.level_word,
            p.name,
            p.level.as_str(),
            p.province,
            p.code,
            p.hint,
            p.is_hint
        );
    }
    for s in &doc.seg.sentences {
        let kind = doc.seg.para_kind(s);
        let t = &doc.text()[s.start..s.end];
        println!(
            "{:>5} {:?} {}",
            s.start,
            kind,
            t.chars().take(110).collect::<String>()
        );
    }
    println!(
        "focus: {:?}",
        vnpov::visits::focus_place(&doc).map(|p| &p.name)
    );
}
