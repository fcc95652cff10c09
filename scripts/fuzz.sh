#!/usr/bin/env bash
# Run every cargo-fuzz target for SECONDS each (default 60) and print the executions.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain runs it with
# RUSTC_BOOTSTRAP=1. FUZZ_SANITIZER=address for ASan (slower; default none,
# with debug assertions on so overflows are caught). Crashes land in fuzz/artifacts/TARGET/; add each one as a
# regression test once fixed.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalize quantities dates pipeline)
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # seed with our own sample articles
  [ -n "$(ls -A "corpus/$t")" ] || cp ../python/vnpov/data/sample/*.txt "corpus/$t/"
  log=$(mktemp)
  cargo fuzz run --release --debug-assertions --sanitizer "${FUZZ_SANITIZER:-none}" "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=4096 -timeout=10 >"$log" 2>&1 || { tail -40 "$log"; echo "fuzz: $t FAILED"; exit 1; }
  execs=$(grep -oE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -1)
  echo "fuzz: $t: ${execs:-?} executions in ${secs}s, no crash"
done
