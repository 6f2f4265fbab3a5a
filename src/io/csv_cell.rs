//! The cells of every CSV file the app writes, safe to open in a spreadsheet. A text cell that
//! Excel, LibreOffice or Google Sheets would run as a formula (OWASP "CSV injection": it starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return, as `=HYPERLINK(…)` typed as a customer's
//! name would) is written as text: a single quote in front, the whole cell in double quotes.
//!
//! Only text is escaped. A number the shop's data holds as a number (an amount, a count, a
//! negative difference) is written as a number and stays one, so the spreadsheet can sum it;
//! the same characters stored as text (a birthday `--05-12`, a phone `+84…`) are text and are
//! escaped. Callers say which a cell is by calling [`text`] or [`number`].

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, Write};

/// Whether a spreadsheet would read `s` as a formula rather than as text.
pub fn is_formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell as written between the commas: quoted when it holds a comma, a semicolon (the
/// separator of Excel in many locales), a quote or a line break; quoted and prefixed with `'`
/// when it would otherwise be a formula.
pub fn text(s: &str) -> Cow<'_, str> {
    if is_formula_like(s) {
        return Cow::Owned(format!("\"'{}\"", s.replace('"', "\"\"")));
    }
    if s.contains([',', ';', '"', '\n', '\r']) {
        return Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")));
    }
    Cow::Borrowed(s)
}

/// A number cell, written as the number it is (never escaped: `-5` stays minus five).
pub fn number(n: impl Display) -> String {
    n.to_string()
}

/// Writes one record of already encoded cells (from [`text`] or [`number`]), ending the line.
pub fn write_record<S: AsRef<str>>(
    out: &mut impl Write,
    cells: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(cell.as_ref().as_bytes())?;
    }
    out.write_all(b"\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed expectation in a test is the report
mod tests {
    use super::*;

    #[test]
    fn text_that_would_be_a_formula_is_quoted_and_prefixed() {
        assert_eq!(text(r#"=HYPERLINK("http://x","y")"#), r#""'=HYPERLINK(""http://x"",""y"")""#);
        for s in ["=1+1", "+84912345678", "-2+3", "@SUM(A1)", "\tx", "\rx", "--05-12"] {
            let t = text(s);
            assert!(t.starts_with("\"'") && t.ends_with('"'), "{s:?} → {t}");
        }
    }

    #[test]
    fn plain_text_is_left_alone_and_separators_are_quoted() {
        assert_eq!(text("Nguyễn Thị Lan"), "Nguyễn Thị Lan");
        assert_eq!(text("0912345678"), "0912345678");
        assert_eq!(text(""), "");
        assert_eq!(text("a = b"), "a = b", "only the first character makes a formula");
        assert_eq!(text("Lan, \"béo\""), "\"Lan, \"\"béo\"\"\"");
        assert_eq!(text("a;b"), "\"a;b\"");
        assert_eq!(text("hai\ndòng"), "\"hai\ndòng\"");
    }

    #[test]
    fn numbers_stay_numbers_even_negative() {
        assert_eq!(number(-5), "-5");
        assert_eq!(number(1_500_000.0), "1500000");
        assert_eq!(number(66.7), "66.7");
        let mut out = Vec::new();
        write_record(&mut out, [text("-5").into_owned(), number(-5)]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\"'-5\",-5\n");
    }
}
