#!/usr/bin/env bash
# Installs what is missing, builds the UI and starts Khách Quen on the default database in the
# app-data directory (~/.local/share/vn.khachquen.app/khachquen.db; KHACHQUEN_DATA_DIR overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd ui && npm run --silent build)
exec cargo run --release -p khachquen-app --features custom-protocol
