//! Quantities: no panic, values finite, spans on char boundaries of the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let n = vnpov::normalize::normalize(s);
    let lower = vnpov::lexicon::lowercase_aligned(&n.text);
    for q in vnpov::quantity::find_quantities(&n.text, &lower, &[]) {
        assert!(q.value.is_finite());
        assert!(q.other.is_none_or(f64::is_finite));
        assert!(q.qual_start <= q.start && q.start < q.end && q.end <= n.text.len());
        assert!(n.text.is_char_boundary(q.start) && n.text.is_char_boundary(q.end));
    }
    for tok in s.split_whitespace().take(8) {
        if let Some(v) = vnpov::quantity::parse_number(tok, true) {
            assert!(v.is_finite());
        }
    }
});
