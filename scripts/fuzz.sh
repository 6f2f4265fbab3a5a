#!/usr/bin/env bash
# Runs each fuzz target briefly: the importer (any bytes as a file), the phone normaliser and
# the counter's search query. FUZZ_SECONDS per target (default 30). A crash stops the script
# with the input saved under fuzz/artifacts/<target>/ (replay: cargo fuzz run <target> <file>).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}

if ! command -v cargo-fuzz >/dev/null && [ ! -x "$HOME/.cargo/bin/cargo-fuzz" ]; then
  echo "==> cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi
export PATH="$HOME/.cargo/bin:$PATH"

# libFuzzer's instrumentation needs nightly flags: the nightly toolchain when there is one,
# else the stable compiler allowed them (RUSTC_BOOTSTRAP) — same compiler front end.
if rustup run nightly rustc --version >/dev/null 2>&1 \
  || rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
  toolchain=+nightly
else
  export RUSTC_BOOTSTRAP=1
  toolchain=+stable
fi

# Seeds: the import fixtures (real exports, broken and legacy files).
mkdir -p fuzz/corpus/import_file
cp tests/fixtures/import/* fuzz/corpus/import_file/

log=$(mktemp)
for target in import_file phone search_query; do
  echo "==> fuzz $target (${seconds}s)"
  if ! cargo "$toolchain" fuzz run "$target" -- -max_total_time="$seconds" >"$log" 2>&1; then
    tail -60 "$log" >&2
    echo "fuzz $target failed; the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  grep -E "^Done [0-9]+ runs" "$log"
done
