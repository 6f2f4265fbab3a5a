//! The core stays in small pieces: no source file over `MAX_FILE_LINES` lines, no function over
//! `MAX_FN_LINES`. Read from `src/**/*.rs` itself; every offender is listed, not only the first.
//!
//! Only Rust files are read, so the SQL migrations (`src/db/migrations/*.sql`) are out by
//! construction; the UI's i18n tables live in `ui/`. Nothing else is excepted: `#[cfg(test)]`
//! modules count like any other code.
//!
//! A function is measured from its `fn` line to the closing brace at the same indentation, which
//! rustfmt guarantees; nested functions count toward the one holding them too.

use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 400;
const MAX_FN_LINES: usize = 80;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read_dir").map(|e| e.expect("entry").path()) {
        if e.is_dir() {
            rust_files(&e, out);
        } else if e.extension().is_some_and(|x| x == "rs") {
            out.push(e);
        }
    }
}

/// The name of the function a line starts, if it starts one (`pub(crate) async fn name(`…).
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        for prefix in ["pub ", "const ", "async ", "unsafe ", "default "] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        if let Some(r) = rest.strip_prefix("pub(") {
            rest = r.split_once(") ").map_or(r, |(_, after)| after);
        }
        if let Some(r) = rest.strip_prefix("extern \"") {
            rest = r.split_once("\" ").map_or(r, |(_, after)| after);
        }
        if rest == before {
            break;
        }
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(name.len());
    (end > 0).then(|| &name[..end])
}

/// Lines of the function starting at `lines[start]`; `None` for a declaration without a body.
fn fn_length(lines: &[&str], start: usize) -> Option<usize> {
    let indent = &lines[start][..lines[start].len() - lines[start].trim_start().len()];
    // The signature ends at the first line ending with `{` (a body follows), `}` (a body on
    // the same line) or `;` (a trait method's declaration).
    let sig_end = (start..lines.len()).find(|&j| {
        let t = lines[j].trim_end();
        t.ends_with('{') || t.ends_with('}') || t.ends_with(';')
    })?;
    let t = lines[sig_end].trim_end();
    if t.ends_with(';') {
        return None;
    }
    if t.ends_with('}') {
        return Some(sig_end - start + 1);
    }
    let close = format!("{indent}}}");
    (sig_end + 1..lines.len()).find(|&j| lines[j].trim_end() == close).map(|j| j - start + 1)
}

/// `path (N lines)` for long files and `path:line fn name (N lines)` for long functions.
fn offenders(src: &Path, max_file: usize, max_fn: usize) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source");
        let lines: Vec<&str> = text.lines().collect();
        let shown = f.strip_prefix(src.parent().expect("root")).unwrap_or(&f).display();
        if lines.len() > max_file {
            out.push(format!("{shown} ({} lines)", lines.len()));
        }
        for (i, line) in lines.iter().enumerate() {
            let Some(name) = fn_name(line) else { continue };
            match fn_length(&lines, i) {
                Some(n) if n > max_fn => {
                    out.push(format!("{shown}:{} fn {name} ({n} lines)", i + 1));
                }
                _ => {}
            }
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_core_file_or_function_is_too_long() {
    let found = offenders(&src(), MAX_FILE_LINES, MAX_FN_LINES);
    assert!(
        found.is_empty(),
        "a core file over {MAX_FILE_LINES} lines or a function over {MAX_FN_LINES} is split by \
         what it holds (a folder with mod.rs, steps named for what they do):\n  {}",
        found.join("\n  ")
    );
}

/// The measure itself: a function is seen from its `fn` to its closing brace, a declaration
/// has no length, a one-line body is one line; and the real tree does have functions near the
/// limit, so a limit just below them reports offenders.
#[test]
fn the_size_measure_sees_functions_and_files() {
    let code = [
        "impl A {",
        "    pub(crate) fn two(",
        "        &self,",
        "    ) -> u8 {",
        "        2",
        "    }",
        "    fn decl(&self);",
        "    fn empty() {}",
        "}",
    ];
    assert_eq!(fn_name(code[1]), Some("two"));
    assert_eq!(fn_length(&code, 1), Some(5), "signature and body, closing brace included");
    assert_eq!(fn_length(&code, 6), None, "a declaration has no body to measure");
    assert_eq!(fn_length(&code, 7), Some(1));
    assert_eq!(fn_name("    // fn not_code()"), None, "comments are not functions");
    assert_eq!(fn_name("    let f = |x| x;"), None);
    assert!(
        !offenders(&src(), MAX_FILE_LINES / 2, MAX_FN_LINES / 2).is_empty(),
        "halved limits must find offenders, or the measure sees nothing"
    );
}
