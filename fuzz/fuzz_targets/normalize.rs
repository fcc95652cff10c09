//! Normalisation and the offset map: no panic, every span maps inside the original.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let n = vnpov::normalize::normalize(s);
    let len = s.chars().count();
    assert_eq!(n.orig_len(), len);
    let idx: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
    let mut last = 0;
    for (k, &b) in idx.iter().enumerate() {
        let o = n.orig(b);
        assert!(o <= len);
        assert!(o >= last, "the map goes back");
        last = o;
        if let Some(&b2) = idx.get(k + 1) {
            let (a, e) = n.orig_span(b, b2);
            assert!(a <= e && e <= len);
        }
    }
});
