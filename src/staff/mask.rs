//! Phone numbers for accounts without `see_phones`: `0912 xxx 678`, enough to confirm the
//! customer in front of the counter, not enough to copy a contact list.

/// Keeps the first four and last three digits (two and two in short numbers) and every
/// separator, so the masked number reads like the real one.
pub fn mask_phone(phone: &str) -> String {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let (head, tail) = if digits >= 8 { (4, 3) } else { (2.min(digits), 2.min(digits)) };
    let mut seen = 0;
    phone
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen <= head || seen > digits.saturating_sub(tail) {
                c
            } else {
                'x'
            }
        })
        .collect()
}

/// Masks the phone, if there is one.
pub fn mask_opt(phone: &mut Option<String>) {
    if let Some(p) = phone {
        *p = mask_phone(p);
    }
}

/// Replaces every phone number a value carries with its masked form. The impls for the
/// domains' types are in `desk::masking`, beside the list of types that carry none.
pub trait MaskPhones {
    fn mask_phones(&mut self);
}

impl<T: MaskPhones> MaskPhones for Vec<T> {
    fn mask_phones(&mut self) {
        self.iter_mut().for_each(MaskPhones::mask_phones);
    }
}

impl<T: MaskPhones> MaskPhones for Option<T> {
    fn mask_phones(&mut self) {
        if let Some(v) = self {
            v.mask_phones();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mask_phone;

    #[test]
    fn keeps_head_tail_and_separators() {
        assert_eq!(mask_phone("0912 345 678"), "0912 xxx 678");
        assert_eq!(mask_phone("0912345678"), "0912xxx678");
        assert_eq!(mask_phone("028 3822 1234"), "028 3xxx x234");
        assert_eq!(mask_phone("1900 1234"), "1900 x234");
        assert_eq!(mask_phone("113"), "113");
        assert_eq!(mask_phone("12345"), "12x45");
    }
}
