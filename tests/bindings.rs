use std::path::Path;

/// The committed TypeScript types must be what the Rust types generate. Run with
/// UPDATE_BINDINGS=1 to regenerate them.
#[test]
fn committed_bindings_are_fresh() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    let fresh = tempfile::tempdir().expect("tempdir");
    khachquen::bindings::export_all(fresh.path()).expect("export");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).expect("mkdir");
        for f in std::fs::read_dir(fresh.path()).expect("read") {
            let f = f.expect("entry").path();
            std::fs::copy(&f, committed.join(f.file_name().expect("name"))).expect("copy");
        }
    }
    let mut stale = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(fresh.path())
        .expect("read")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    for name in &names {
        let want = std::fs::read_to_string(fresh.path().join(name)).expect("fresh file");
        let have = std::fs::read_to_string(committed.join(name)).unwrap_or_default();
        if want != have {
            stale.push(name.to_string_lossy().into_owned());
        }
    }
    let committed_count = std::fs::read_dir(&committed).map(|d| d.count()).unwrap_or(0);
    assert!(
        stale.is_empty(),
        "stale bindings {stale:?}: run UPDATE_BINDINGS=1 cargo test bindings"
    );
    assert_eq!(
        committed_count,
        names.len(),
        "ui/src/lib/bindings holds files no Rust type generates"
    );
}
