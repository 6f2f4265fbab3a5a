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
    // Most text arrives composed already (and imports bring a million names): check first.
    let composed = match unicode_normalization::is_nfc_quick(input.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(input),
        _ => std::borrow::Cow::Owned(input.nfc().collect::<String>()),
    };
    let mut out = String::with_capacity(composed.len());
    for word in composed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
