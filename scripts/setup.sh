#!/usr/bin/env bash
# Installs what Khách Quen needs on a fresh Debian 12 / Ubuntu 22.04+ machine, skipping what is
# already there. `setup.sh` = build and run; `setup.sh --test` = also the end-to-end test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  build-essential pkg-config curl)
if [ $want_test = 1 ]; then
  packages+=(xvfb webkit2gtk-driver dbus dbus-x11 python3-venv dunst)
fi
# The hub's tests (issue 15) start a PostgreSQL server of their own from Debian's package: its
# programs under /usr/lib/postgresql/*/bin, its data in a temp folder, on a free loopback port.
if [ $want_test = 1 ]; then
  packages+=(postgresql)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "Rust is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ and npm are required" >&2; exit 1; }

# tests/boundary.rs reads every target's dependencies with `cargo tree --offline`: a dependency
# only another OS uses (the PostgreSQL client's, on macOS) must be in the cache too.
cargo fetch --quiet

echo "==> UI packages (npm ci)"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)

if [ $want_test = 1 ]; then
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "==> tauri-driver"
    cargo install tauri-driver --locked --quiet
  fi
  if [ ! -x target/e2e-venv/bin/python ]; then
    echo "==> Python WebDriver client (venv in target/e2e-venv)"
    python3 -m venv target/e2e-venv
  fi
  target/e2e-venv/bin/pip install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
fi
