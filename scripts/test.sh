#!/usr/bin/env bash
# Every test: formatting and lints, core (Rust), UI (type check, lint, vitest), and the end-to-end
# journeys on the real app under Xvfb through tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

step "Setup"
scripts/setup.sh --test

step "UI: type check, lint, unit tests, build"
(cd ui && npm run --silent check && npm run --silent lint && npm run --silent test && npm run --silent build)

# The shell embeds ui/dist at compile time, so lints come after the UI build.
step "Rust formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Core tests (headless; the lunar calendar checked against lunar-vn in target/e2e-venv)"
# Tests that need an installed reference (the lunar cross-check) fail instead of skipping here.
# The hub's tests start their own PostgreSQL (tests/pg_server.rs) and stop it when they end, a
# killed run's server included: nothing is started here.
CI=${CI:-true} cargo test --quiet

step "Core tests on Windows (cross-built, under Wine)"
scripts/windows-test.sh --quiet

step "Desktop app build"
cargo build --quiet -p khachquen-app

step "End-to-end (real app, WebKitWebDriver, Xvfb)"
export PATH="$HOME/.cargo/bin:$PATH"
# The WebDriver client hangs instead of failing when the app cannot start: always bounded.
timeout 1200 dbus-run-session -- xvfb-run -a -s "-screen 0 1920x1080x24" \
  target/e2e-venv/bin/python -m pytest -q -p no:cacheprovider tests/e2e

step "Installers, and the installed .deb: journey, removal and upgrade keep the data"
KHACHQUEN_INSTALLER_PROFILE=debug scripts/package.sh --no-setup
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
deb=$PWD/target/installers/KhachQuen_${version}_amd64.deb
packaging/windows/test-installer.sh "target/installers/KhachQuen_${version}_x64-setup.exe"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
# The variable makes the test run, and fail when the package is missing; the plain e2e run
# above skipped it. The test removes the package; a failed run must not leave it installed.
status=0
KHACHQUEN_PACKAGE_TEST=1 KHACHQUEN_DEB=$deb timeout 600 dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1920x1080x24" target/e2e-venv/bin/python -m pytest -q \
  -p no:cacheprovider tests/e2e/test_installed_package.py || status=$?
if dpkg-query -W -f='${Status}' khach-quen 2>/dev/null | grep -q "install ok installed"; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq khach-quen >/dev/null
fi
[ $status = 0 ]

step "Fuzzing, briefly (importer, phone normaliser, search query)"
# 20 s each keeps the whole run inside CI's 45 minutes; `scripts/fuzz.sh` alone fuzzes 30 s each.
FUZZ_SECONDS=${FUZZ_SECONDS:-20} scripts/fuzz.sh

step "All tests passed"
