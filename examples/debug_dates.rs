//! Print the date and year mentions of a file (debugging): `debug_dates FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: debug_dates FILE");
    let t = std::fs::read_to_string(path).expect("read");
    let n = vnpov::normalize::normalize(&t);
    let l = vnpov::lexicon::lowercase_aligned(&n.text);
    for d in vnpov::dates::find_dates(&l) {
        println!("date {:?} {:?}", &n.text[d.start..d.end], d);
    }
    for y in vnpov::dates::find_years(&l) {
        println!("year {:?} {:?}", &n.text[y.start..y.end], y);
    }
    let s = vnpov::segment::segment(&n.text, &l);
    for p in &s.paras {
        println!(
            "{:?} {:?}",
            p.kind,
            &n.text[p.start..p.end.min(p.start + 60)]
        );
    }
    println!("stamp {:?}", s.stamp);
}
