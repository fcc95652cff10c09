//! Dates, years and stamps: no panic, days are calendar days, spans inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let lower = vnpov::lexicon::lowercase_aligned(&vnpov::normalize::normalize(s).text);
    for d in vnpov::dates::find_dates(&lower) {
        assert!(d.start < d.end && d.end <= lower.len());
        for day in [d.first, d.last] {
            assert!((1..=12).contains(&day.month) && (1..=31).contains(&day.day));
        }
    }
    for y in vnpov::dates::find_years(&lower) {
        assert!(y.start < y.end && y.end <= lower.len());
        assert!((1900..=2100).contains(&y.year));
    }
    for line in lower.lines().take(16) {
        if let Some(st) = vnpov::dates::stamp_of_line(line) {
            assert!(st.hour < 24 && st.minute < 60 && st.second < 60);
        }
    }
});
