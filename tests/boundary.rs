/// The core must build without any GUI stack: the architecture's one rule. Checked for every
/// target at once (Windows' dependencies included) from the build machine: a Windows test binary
/// under Wine cannot start the Linux `cargo` it was built by.
#[test]
#[cfg_attr(windows, ignore = "runs the build machine's cargo; the Linux run checks all targets")]
fn core_does_not_depend_on_tauri() {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["tree", "--offline", "-p", "khachquen", "-e", "normal,build", "--prefix", "none"])
        .args(["--target", "all"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.contains("rusqlite"), "the tree was read (it must list rusqlite)");
    for banned in ["tauri", "wry", "gtk", "webkit2gtk", "tao "] {
        assert!(!tree.lines().any(|l| l.starts_with(banned)), "the core depends on {banned}");
    }
}
