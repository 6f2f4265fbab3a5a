//! The domain folders of the core never import each other in a circle: shared ground goes
//! lower (text, calendar, db), and whatever gathers from every domain sits at the top (desk).
//! Read from the source itself: a `crate::folder` path in any file of another folder is an edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read_dir").map(|e| e.expect("entry").path()) {
        if e.is_dir() {
            rust_files(&e, out);
        } else if e.extension().is_some_and(|x| x == "rs") {
            out.push(e);
        }
    }
}

/// Folder → the other folders its files name, with one place each is named.
fn edges(src: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let folders: BTreeSet<String> = std::fs::read_dir(src)
        .expect("src")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for folder in &folders {
        let mut files = Vec::new();
        rust_files(&src.join(folder), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).expect("source");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                let mut named: Vec<&str> = Vec::new();
                for part in code.split("crate::").skip(1) {
                    if let Some(group) = part.strip_prefix('{') {
                        named.extend(
                            group
                                .split(['}', ','])
                                .map(|s| s.trim().split("::").next().unwrap_or("")),
                        );
                    } else {
                        named.push(
                            part.split(|c: char| !c.is_alphanumeric() && c != '_')
                                .next()
                                .unwrap_or(""),
                        );
                    }
                }
                for to in named.into_iter().filter(|t| folders.contains(*t) && *t != folder) {
                    out.entry(folder.clone())
                        .or_default()
                        .entry(to.to_owned())
                        .or_insert_with(|| format!("{}:{}", f.display(), n + 1));
                }
            }
        }
    }
    out
}

/// A path from `to` back to `from`, if the graph holds one.
fn back(
    g: &BTreeMap<String, BTreeMap<String, String>>,
    from: &str,
    to: &str,
) -> Option<Vec<String>> {
    let mut stack = vec![vec![to.to_owned()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().expect("non-empty").clone();
        if last == from {
            return Some(path);
        }
        if !seen.insert(last.clone()) {
            continue;
        }
        for next in g.get(&last).into_iter().flat_map(|m| m.keys()) {
            let mut p = path.clone();
            p.push(next.clone());
            stack.push(p);
        }
    }
    None
}

#[test]
fn domain_folders_import_each_other_in_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = edges(&src);
    assert!(g.values().map(BTreeMap::len).sum::<usize>() > 10, "the reader finds the imports");
    let mut circles = Vec::new();
    for (from, tos) in &g {
        for (to, place) in tos {
            if let Some(path) = back(&g, from, to) {
                circles.push(format!("{from} → {} ({place})", path.join(" → ")));
            }
        }
    }
    assert!(circles.is_empty(), "import circles between domain folders:\n{}", circles.join("\n"));
}

#[test]
fn the_reader_sees_a_circle_when_there_is_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (folder, body) in
        [("a", "use crate::b::x;"), ("b", "use crate::{a::y, text};"), ("text", "")]
    {
        std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
        std::fs::write(dir.path().join(folder).join("mod.rs"), body).expect("write");
    }
    let g = edges(dir.path());
    assert!(back(&g, "a", "b").is_some(), "{g:?}");
    assert!(back(&g, "b", "text").is_none());
}
