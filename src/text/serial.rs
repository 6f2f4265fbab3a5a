//! Serial numbers and IMEIs as typed or scanned: `35-209900-176148-1`, `sn: c02xk1`.

/// Uppercase letters and digits only; separators and spaces dropped. `None` when nothing is
/// left or the result is not plausible (over 40 characters).
pub fn normalize_serial(input: &str) -> Option<String> {
    let s = input.trim();
    let s = s
        .strip_prefix("SN:")
        .or_else(|| s.strip_prefix("sn:"))
        .or_else(|| s.strip_prefix("IMEI:"))
        .or_else(|| s.strip_prefix("imei:"))
        .unwrap_or(s);
    let out: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '/' | '_' | '\t'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (!out.is_empty() && out.len() <= 40 && out.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(out)
}

/// The serial reversed: its last characters become a prefix range on an index.
pub fn reversed(serial: &str) -> String {
    serial.chars().rev().collect()
}

/// A 15-digit IMEI whose Luhn check digit is right.
pub fn is_imei(serial: &str) -> bool {
    serial.len() == 15
        && serial.bytes().all(|b| b.is_ascii_digit())
        && serial
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 1 {
                    let x = d * 2;
                    x / 10 + x % 10
                } else {
                    d
                }
            })
            .sum::<u32>()
            % 10
            == 0
}
