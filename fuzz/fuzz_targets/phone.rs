//! Any text as a typed phone number: a valid number comes out canonical (digits only, the
//! right length) and its display form normalises back to it.
#![no_main]

use khachquen::text::phone::{format, normalize, Phone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    if let Phone::Valid { canonical, kind } = normalize(raw) {
        assert!(canonical.bytes().all(|b| b.is_ascii_digit()), "{canonical:?}");
        assert!(canonical.len() == 10 || canonical.len() == 11, "{canonical:?}");
        let shown = format(&canonical, kind);
        match normalize(&shown) {
            Phone::Valid { canonical: again, .. } => assert_eq!(again, canonical, "{raw:?} → {shown:?}"),
            other => panic!("{raw:?} → {shown:?} → {other:?}"),
        }
    }
});
