//! Phone numbers for accounts without `see_phones`: `0912 xxx 678`, enough to confirm the
//! customer in front of the counter, not enough to copy a contact list.

use crate::care::reminder::ReminderView;
use crate::care::template::PreparedMessage;
use crate::customer::{CustomerCard, DraftCheck, DuplicateMatch, SearchResult};
use crate::error::ErrorPayload;
use crate::feedback::segment::SegmentView;
use crate::sales::ClaimView;

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

fn mask_opt(phone: &mut Option<String>) {
    if let Some(p) = phone {
        *p = mask_phone(p);
    }
}

/// Replaces every phone number a value carries with its masked form.
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

impl MaskPhones for SearchResult {
    fn mask_phones(&mut self) {
        for hit in &mut self.hits {
            mask_opt(&mut hit.primary_phone);
            mask_opt(&mut hit.primary_phone_canonical);
            mask_opt(&mut hit.matched_phone);
        }
    }
}

impl MaskPhones for CustomerCard {
    fn mask_phones(&mut self) {
        for p in &mut self.phones {
            p.canonical = mask_phone(&p.canonical);
            p.raw = mask_phone(&p.raw);
            p.display = mask_phone(&p.display);
        }
    }
}

impl MaskPhones for DuplicateMatch {
    fn mask_phones(&mut self) {
        mask_opt(&mut self.primary_phone);
    }
}

impl MaskPhones for DraftCheck {
    fn mask_phones(&mut self) {
        self.duplicates.mask_phones();
    }
}

impl MaskPhones for ErrorPayload {
    fn mask_phones(&mut self) {
        self.duplicates.mask_phones();
    }
}

impl MaskPhones for ReminderView {
    fn mask_phones(&mut self) {
        mask_opt(&mut self.phone);
        // The digits only serve call and Zalo links, which a reveal provides.
        self.phone_digits = None;
    }
}

impl MaskPhones for crate::care::reminder::TodayQueue {
    fn mask_phones(&mut self) {
        self.items.mask_phones();
    }
}

impl MaskPhones for crate::care::CustomerCare {
    fn mask_phones(&mut self) {
        self.reminders.mask_phones();
    }
}

impl MaskPhones for crate::care::reminder::OutcomeResult {
    fn mask_phones(&mut self) {
        self.reminder.mask_phones();
    }
}

impl MaskPhones for ClaimView {
    fn mask_phones(&mut self) {
        mask_opt(&mut self.customer_phone);
    }
}

impl MaskPhones for SegmentView {
    fn mask_phones(&mut self) {
        for m in &mut self.members {
            mask_opt(&mut m.phone);
        }
    }
}

impl MaskPhones for PreparedMessage {
    fn mask_phones(&mut self) {
        self.zalo_url = None;
        self.tel_url = None;
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
