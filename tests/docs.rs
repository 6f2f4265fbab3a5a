//! Comments cite the domain facts by section (`docs/domain.md §3`): every section cited exists.

use std::path::Path;

fn cited(dir: &Path, out: &mut Vec<(String, u32)>) {
    for e in std::fs::read_dir(dir).expect("read_dir").map(|e| e.expect("entry").path()) {
        if e.is_dir() {
            cited(&e, out);
        } else if e.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&e).expect("source");
            for part in text.split("docs/domain.md §").skip(1) {
                let n: String = part.chars().take_while(char::is_ascii_digit).collect();
                out.push((e.display().to_string(), n.parse().unwrap_or(0)));
            }
        }
    }
}

#[test]
fn every_cited_domain_section_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/domain.md")).expect("docs/domain.md");
    let mut refs = Vec::new();
    cited(&root.join("src"), &mut refs);
    assert!(refs.len() >= 4, "the code cites the domain facts: {refs:?}");
    let missing: Vec<_> =
        refs.iter().filter(|(_, n)| !doc.contains(&format!("\n## {n}. "))).collect();
    assert!(missing.is_empty(), "cited sections missing from docs/domain.md: {missing:?}");
}
