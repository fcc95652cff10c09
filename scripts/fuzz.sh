#!/usr/bin/env bash
# Run cargo-fuzz targets for SECONDS each (default 60) and print the executions.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain runs it with
# RUSTC_BOOTSTRAP=1. FUZZ_SANITIZER=address for ASan (slower; default none,
# with debug assertions on so overflows are caught). FUZZ_MAX_LEN (default 4096)
# bounds the input size. One process per target, one after the other (no -fork/-jobs):
# run it under `nice -n 19` on a shared machine. The full libFuzzer log of each target is
# kept in fuzz/logs/TARGET.log. Crashes land in fuzz/artifacts/TARGET/; add each one as a
# regression test in tests/rust/regressions.rs once fixed.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalize quantities dates pipeline)
export RUSTC_BOOTSTRAP=1
mkdir -p logs
total=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # seed with our own sample articles and the hand-written seeds
  [ -n "$(ls -A "corpus/$t")" ] || cp ../python/vnpov/data/sample/*.txt seeds/*.txt "corpus/$t/" 2>/dev/null || true
  log="logs/$t.log"
  if ! cargo fuzz run --release --debug-assertions --sanitizer "${FUZZ_SANITIZER:-none}" "$t" "corpus/$t" -- \
      -max_total_time="$secs" -max_len="${FUZZ_MAX_LEN:-4096}" -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t FAILED (log: fuzz/$log; the input is in fuzz/artifacts/$t/)"
    exit 1
  fi
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  [ -n "$execs" ] || execs=$(grep -oE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -1)
  total=$((total + ${execs:-0}))
  echo "fuzz: $t: ${execs:-?} executions in ${secs}s, no crash"
done
echo "fuzz: total ${total} executions"
