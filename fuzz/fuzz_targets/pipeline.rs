//! The whole pipeline without its panic guard: no panic, every row points at a
//! non-empty span of the original, values finite.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let n_chars = s.chars().count();
    let doc = vnpov::document::analyse(s, None);
    let (visits, people) = vnpov::visits::extract_visits(&doc);
    let figures = vnpov::figures::extract_figures(&doc, vnpov::visits::focus_place(&doc));
    for v in &visits {
        // visits are mapped to the original at emit; here they are normalised byte offsets
        assert!(v.start < v.end && v.end <= doc.text().len());
    }
    for p in &people {
        assert!(p.start < p.end && p.end <= n_chars, "person span {:?}", (p.start, p.end));
    }
    for f in &figures {
        assert!(f.value.is_finite());
        assert!(f.start < f.end && f.end <= n_chars, "figure span {:?}", (f.start, f.end));
    }
    // the guarded entry point agrees and reports no internal error
    let x = vnpov::extract::extract_document(s, None);
    assert!(x.document.error.is_none(), "{:?}", x.document.error);
});
