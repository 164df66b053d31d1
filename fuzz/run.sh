#!/usr/bin/env bash
# Runs one fuzz target for a while and appends the run's figures to fuzz/runs.tsv, the log
# that bench/run.sh sums for the "10 million executions" goal.
#
#   fuzz/run.sh decode 1200            # target, seconds (default 600)
#   MAX_LEN=8192 fuzz/run.sh extract 600
#   MAX_LEN=200000 TIMEOUT=5 fuzz/run.sh extract 600   # large inputs, slow ones are findings
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain (`+nightly`, or
# RUSTC_BOOTSTRAP=1 on stable). Built without a sanitizer: the library is safe Rust, the
# findings we look for are panics, assertion failures and slow inputs (-timeout). Built
# without comparison tracing too (TRACE_COMPARES=1 to keep it): on this pipeline, which
# compares strings at every word, it cost two thirds of the execution rate.
# TARGET_DIR=dir builds elsewhere than fuzz/target (each flag set needs its own build).
set -euo pipefail
FUZZ=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$FUZZ")
target=${1:?usage: fuzz/run.sh decode|extract [seconds]}
secs=${2:-600}
MAX_LEN=${MAX_LEN:-8192}
TIMEOUT=${TIMEOUT:-20}
TOOLCHAIN=${TOOLCHAIN:-+nightly}
FLAGS=(-O -s none)
[ "${TRACE_COMPARES:-0}" = 1 ] || FLAGS+=(--no-trace-compares)
[ -z "${TARGET_DIR:-}" ] || FLAGS+=(--target-dir "$TARGET_DIR")

cd "$FUZZ"
mkdir -p "corpus/$target" artifacts
if [ -z "$(ls -A "corpus/$target")" ]; then
  # Seeds: the start of each sample document (byte 0 picks x.txt) and one HTML page.
  for f in "$ROOT"/corpus/*.txt; do
    { printf '\0'; head -c $((MAX_LEN - 1)) "$f"; } > "corpus/$target/$(basename "$f")"
  done
  printf '\1<html><body><p>2024年新建道路3公里。</p><table><tr><td>1</td></tr></table></body></html>' \
    > "corpus/$target/page.html"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
cargo $TOOLCHAIN fuzz run "${FLAGS[@]}" "$target" "corpus/$target" -- \
  -max_total_time="$secs" -max_len="$MAX_LEN" -timeout="$TIMEOUT" -rss_limit_mb=3072 \
  -print_final_stats=1 2>&1 | tee "$log" | grep -E '^#[0-9]+.*(pulse|DONE)|ERROR|panicked|SUMMARY|Done' >&2
rc=${PIPESTATUS[0]}
set -e
runs=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$log" | tail -1)
took=$(awk '/^Done [0-9]+ runs in/ { print $5 }' "$log" | tail -1)
cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
finds=$(ls artifacts/"$target" 2>/dev/null | wc -l)
[ -n "$runs" ] || { echo "fuzz/run.sh: no final stats (exit $rc)" >&2; tail -20 "$log" >&2; exit 1; }
took=${took:-$secs}
rate=$(awk -v r="$runs" -v s="$took" 'BEGIN { printf "%.0f", r / (s > 0 ? s : 1) }')
[ -f runs.tsv ] || printf 'date\ttarget\tseconds\truns\texec_per_s\tmax_len\tcov\tartifacts\tcommit\n' > runs.tsv
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$target" "$took" "$runs" "$rate" \
  "$MAX_LEN" "${cov:-?}" "$finds" "$(git -C "$ROOT" rev-parse --short HEAD)" >> runs.tsv
echo "fuzz/run.sh: $target $runs runs in $took s ($rate/s), cov ${cov:-?}, artifacts $finds, exit $rc" >&2
exit "$rc"
