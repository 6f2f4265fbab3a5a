use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds Vietnamese text for accent-insensitive matching: NFD, drop combining marks, map đ/Đ to
/// d (NFD does not decompose đ), lowercase, and collapse every run of non-alphanumerics into one
/// space. "Đặng Thị Ngọc Hân" and "dang thi ngoc han" fold to the same string, as do Hoà/Hòa.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            // Letters some keyboards emit outside NFD's reach.
            'ð' | 'Ð' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The folded words of `input`, in order.
pub fn tokens(input: &str) -> Vec<String> {
    fold(input).split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// NFC form with surrounding whitespace trimmed and inner runs of whitespace collapsed: how names
/// are stored, so that the same name typed on two keyboards is one string.
pub fn nfc(input: &str) -> String {
    let composed: String = input.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}
