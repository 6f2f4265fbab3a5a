//! Every free text a command accepts has a length limit: a form's field, a reason, a note, a
//! template, a query. One rule for all of them: trimmed, in NFC, and refused with `too_long`
//! on its field beyond its maximum (in characters, as a person counts them).

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, FieldError, Result};

/// A name typed in a form: an owner, a technician, an assignee, a category, a campaign.
pub const NAME: usize = 100;
/// A reason given for a void, an override, a phone reveal.
pub const REASON: usize = 500;
/// A note or a description.
pub const NOTE: usize = 2000;
/// A message template.
pub const TEMPLATE: usize = 2000;
/// What is typed in a search box: longer is cut, never refused (see [`cut`]).
pub const QUERY: usize = 200;

/// `value` trimmed and in NFC, or `too_long` on `field` beyond `max` characters.
pub fn limit(field: &str, value: &str, max: usize) -> Result<String> {
    let mut errors = Vec::new();
    let text = limit_in(field, value, max, &mut errors);
    if errors.is_empty() {
        Ok(text)
    } else {
        Err(Error::Validation(errors))
    }
}

/// [`limit`] for a form checked field by field: the error joins the others, the text is
/// returned either way.
pub fn limit_in(field: &str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let value = value.trim();
    // NFC composes at most a few marks into one letter: far beyond is refused unread.
    if value.len() > max.saturating_mul(16) {
        errors.push(FieldError::new(field, "too_long"));
        return String::new();
    }
    let text: String = value.nfc().collect();
    if text.chars().count() > max {
        errors.push(FieldError::new(field, "too_long"));
    }
    text
}

/// A search box's text, cut to its first [`QUERY`] characters: typing more never errs.
pub fn cut(query: &str) -> &str {
    match query.char_indices().nth(QUERY) {
        Some((end, _)) => &query[..end],
        None => query,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed expectation in a test is the report
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_composed_and_bounded_in_characters() {
        // "Hoà" decomposed (a, combining grave) is three characters once composed.
        assert_eq!(limit("note", "  Hoa\u{300}  ", 3).unwrap(), "Hoà");
        assert_eq!(limit("note", "ắắắ", 3).unwrap(), "ắắắ", "characters, not bytes");
        let e = limit("reason", "abcd", 3).unwrap_err();
        assert!(
            matches!(&e, Error::Validation(f) if f[0].field == "reason" && f[0].code == "too_long")
        );
        let huge = "x".repeat(10_000_000);
        assert!(limit("note", &huge, NOTE).is_err(), "refused before it is normalised");
        let mut errors = Vec::new();
        assert_eq!(limit_in("a", "ok", 2, &mut errors), "ok");
        limit_in("b", "long", 2, &mut errors);
        assert_eq!(errors, vec![FieldError::new("b", "too_long")]);
    }

    #[test]
    fn queries_are_cut_at_a_character_boundary() {
        let q = "ấ".repeat(QUERY + 50);
        assert_eq!(cut(&q).chars().count(), QUERY);
        assert_eq!(cut("lan"), "lan");
    }
}
