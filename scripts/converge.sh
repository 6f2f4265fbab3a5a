#!/usr/bin/env bash
# The chain's convergence test (tests/chain_converge.rs) for longer than the test command runs
# it: twenty stores on a real PostgreSQL, CONVERGE_SEEDS random seeds (default 5) of
# CONVERGE_ROUNDS rounds each (default 12). Each seed is printed before its run; a failure
# replays with KHACHQUEN_CONVERGE_SEED=<seed> KHACHQUEN_CONVERGE_ROUNDS=<rounds>
# cargo test --test main chain_converge -- --nocapture.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${CONVERGE_SEEDS:-5}
rounds=${CONVERGE_ROUNDS:-12}

cargo test --test main --no-run --quiet
for i in $(seq 1 "$seeds"); do
  seed=$(( (RANDOM << 15 | RANDOM) + i ))
  echo "==> seed $seed, $rounds rounds ($i of $seeds)"
  KHACHQUEN_CONVERGE_SEED=$seed KHACHQUEN_CONVERGE_ROUNDS=$rounds \
    cargo test --quiet --test main chain_converge -- --nocapture
done
