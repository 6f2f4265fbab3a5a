//! Vietnamese đồng: whole units in `i64`, displayed `1.234.568 ₫`, typed as `150k` or `1tr2`.

/// `1.234.568 ₫` with '.' grouping and a no-break space before the sign.
pub fn format_vnd(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if amount < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out.push_str("\u{a0}₫");
    out
}

const UNITS: &[(&str, i64)] = &[
    ("triệu", 1_000_000),
    ("trieu", 1_000_000),
    ("tr", 1_000_000),
    ("nghìn", 1_000),
    ("nghin", 1_000),
    ("ngàn", 1_000),
    ("ngan", 1_000),
    ("k", 1_000),
];

const CURRENCY_SUFFIXES: &[&str] = &["₫", "vnđ", "vnd", "đồng", "dong", "đ", "d"];

/// Parses an amount as typed at the counter: `150000`, `150.000`, `150.000 ₫`, `150k`, `1tr2`
/// (1 200 000), `1tr250` (1 250 000), `2 triệu`, `1,5tr`. `None` for anything else, for a
/// negative amount, or beyond `i64`.
pub fn parse_vnd(input: &str) -> Option<i64> {
    let mut s: String = input.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    for suffix in CURRENCY_SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_owned();
            break;
        }
    }
    if s.is_empty() {
        return None;
    }
    match UNITS.iter().find_map(|(u, m)| s.split_once(u).map(|(h, t)| (h, t, *m))) {
        None => parse_grouped(&s),
        Some((head, tail, multiplier)) => {
            let (int_part, frac) = match head.split_once([',', '.']) {
                Some((i, f)) if tail.is_empty() => (i, f),
                Some(_) => return None,
                None => (head, tail),
            };
            if !is_digits(int_part) || !(frac.is_empty() || is_digits(frac)) {
                return None;
            }
            let mut amount = int_part.parse::<i64>().ok()?.checked_mul(multiplier)?;
            if !frac.is_empty() {
                // `1tr2` is 1.2 million and `1tr250` 1.25 million: the tail is a decimal fraction.
                let scale = 10i64.checked_pow(u32::try_from(frac.len()).ok()?)?;
                if scale > multiplier {
                    return None;
                }
                amount = amount
                    .checked_add(frac.parse::<i64>().ok()?.checked_mul(multiplier / scale)?)?;
            }
            Some(amount)
        }
    }
}

/// `150000`, `150.000` or `150,000`: groups after the first must have three digits.
fn parse_grouped(s: &str) -> Option<i64> {
    let groups: Vec<&str> = s.split(['.', ',']).collect();
    let ok = groups.iter().all(|g| is_digits(g))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && (groups.len() == 1 || groups[0].len() <= 3);
    if !ok {
        return None;
    }
    groups.concat().parse().ok()
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}
