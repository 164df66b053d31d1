#!/usr/bin/env bash
# The goal rows of issue 19, each with `ok` or `MISSED`, measured in one run on the same text.
#
#   bench/run.sh                    # everything (about 5 minutes on an idle 2-core machine)
#   RUNS=5 bench/run.sh             # more rounds per timing (the median ratio is reported)
#   BIG_MB=0 PY=0 REPLAY=0 bench/run.sh   # skip the 100 MB RSS run, Python, the fuzz replay
#
# Inputs (built in a temporary directory, removed on exit; MB = 10^6 bytes):
#   reports/   the 138 real reports of shared/wild/city-reports-2024/txt (WILD=dir to change)
#   wild.txt   the same reports concatenated (what jieba and Python read)
#   10mb.txt   the reports repeated to 10 MB, one file
#   big.txt    10mb.txt repeated to BIG_MB (100) MB, one file: peak RSS per input byte
#
# Speed is CPU time (user + system, /usr/bin/time), not wall time: the machine's two cores
# are shared, and a one-thread process's CPU time barely moves with the load while its wall
# time doubles. Each tool's start-up is measured on a two-line file and taken off, so the
# ratios compare the work per byte (jieba's `Jieba::new`, the POS model, our lexicons and
# Python's `jieba.initialize` all stay out). Every round times jieba cut, jieba tag and
# zhengce back to back, and the row is the median of the rounds' ratios.
# `--jobs 2 / --jobs 1` is wall time by nature: it is only meaningful when the load average
# printed at the top is below 1 (nothing else running).
# Fuzzing: the rate of the `extract` target is its replay of 100 8 KB slices of the reports,
# in CPU time (needs cargo-fuzz; REPLAY=0 skips); the total is the sum of fuzz/runs.tsv
# (fuzz/run.sh).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WILD=${WILD:-}
for w in "$ROOT/../shared/wild/city-reports-2024/txt" /work/shared/wild/city-reports-2024/txt; do
  [ -n "$WILD" ] || { [ -d "$w" ] && WILD=$w; }
done
[ -d "$WILD" ] || { echo "bench: no reports directory (set WILD=)" >&2; exit 2; }
RUNS=${RUNS:-3}
BIG_MB=${BIG_MB:-100}
PY=${PY:-1}
REPLAY=${REPLAY:-1}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: $TIME missing (apt-get install -y time)" >&2; exit 2; }

cd "$ROOT"
cargo build --release --quiet --bin zhengce --example jieba_cut
BIN=$ROOT/target/release/zhengce
JIEBA=$ROOT/target/release/examples/jieba_cut

TMP=$(mktemp -d "${TMPDIR:-/tmp}/zhengce-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# ---- inputs ---------------------------------------------------------------------------
shopt -s nullglob
DOCS=("$WILD"/*.txt)
NDOCS=${#DOCS[@]}
mkdir -p "$TMP/reports"
cp "${DOCS[@]}" "$TMP/reports/"
cat "${DOCS[@]}" > "$TMP/wild.txt"
head -n 2 "${DOCS[0]}" > "$TMP/tiny.txt"
BW=$(stat -c %s "$TMP/wild.txt")
: > "$TMP/10mb.txt"
while [ "$(stat -c %s "$TMP/10mb.txt")" -lt 10000000 ]; do
  for d in "${DOCS[@]}"; do
    cat "$d" >> "$TMP/10mb.txt"
    [ "$(stat -c %s "$TMP/10mb.txt")" -lt 10000000 ] || break
  done
done
B10=$(stat -c %s "$TMP/10mb.txt")

# ---- helpers --------------------------------------------------------------------------
# cpu CMD... : sets CPU (user + system s), WALL (s) and RSS (kB) of one run; stdout dropped.
cpu() {
  local t0 t1
  t0=$EPOCHREALTIME
  "$TIME" -v -o "$TMP/time.txt" "$@" > /dev/null 2> "$TMP/err.txt" || {
    echo "bench: failed: $*" >&2; tail -5 "$TMP/err.txt" >&2; exit 1; }
  t1=$EPOCHREALTIME
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$TMP/time.txt")
  RSS=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TMP/time.txt")
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# work SECONDS START : CPU time less start-up, at least 0.01 s.
work() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; printf "%.2f", (d > 0.01 ? d : 0.01) }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mbs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.2f", b / 1e6 / s }'; }
verdict() { awk -v v="$1" -v g="$2" -v op="$3" 'BEGIN { ok = (op == ">=") ? v >= g : v <= g; print ok ? "ok" : "MISSED" }'; }
row() { printf '%-52s %10s   goal %-8s %s\n' "$1" "$2" "$3 $4" "$(verdict "$2" "$4" "$3")"; }
info() { printf '%-52s %10s   %s\n' "$1" "$2" "${3:-}"; }

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
Z=("$BIN" extract --format jsonl --quiet)

# ---- one thread: zhengce vs jieba-rs cut and tag ---------------------------------------
cpu "$JIEBA" "$TMP/tiny.txt"; J0=$CPU
cpu "${Z[@]}" --jobs 1 "$TMP/tiny.txt"; Z0=$CPU
declare -A R
for input in wild 10mb; do
  if [ "$input" = wild ]; then jin=$TMP/wild.txt; zin=$TMP/reports; else jin=$TMP/10mb.txt; zin=$TMP/10mb.txt; fi
  tags=() cuts=() zs=() zw=()
  for ((r = 0; r < RUNS; r++)); do
    cpu "$JIEBA" "$jin"; c=$(work "$CPU" "$J0")
    cpu "$JIEBA" --tag "$jin"; t=$(work "$CPU" "$J0")
    cpu "${Z[@]}" --jobs 1 "$zin"; z=$(work "$CPU" "$Z0"); zw+=("$WALL")
    cuts+=("$(div "$c" "$z")"); tags+=("$(div "$t" "$z")"); zs+=("$z")
    R[$input.cut.cpu]+="$c "; R[$input.tag.cpu]+="$t "
  done
  R[$input.tag]=$(printf '%s\n' "${tags[@]}" | median)
  R[$input.cut]=$(printf '%s\n' "${cuts[@]}" | median)
  R[$input.z]=$(printf '%s\n' "${zs[@]}" | median)
  R[$input.zwall]=$(printf '%s\n' "${zw[@]}" | median)
  R[$input.cutmed]=$(tr ' ' '\n' <<< "${R[$input.cut.cpu]}" | grep . | median)
  R[$input.tagmed]=$(tr ' ' '\n' <<< "${R[$input.tag.cpu]}" | grep . | median)
done

# ---- --jobs 2 vs --jobs 1 on the reports directory (wall time) ---------------------------
sp=() w1s=() w2s=()
for ((r = 0; r < RUNS; r++)); do
  cpu "${Z[@]}" --jobs 1 "$TMP/reports"; w1=$WALL
  cpu "${Z[@]}" --jobs 2 "$TMP/reports"; w2=$WALL
  sp+=("$(div "$w1" "$w2")"); w1s+=("$w1"); w2s+=("$w2")
done
SPEEDUP=$(printf '%s\n' "${sp[@]}" | median)
W1=$(printf '%s\n' "${w1s[@]}" | median); W2=$(printf '%s\n' "${w2s[@]}" | median)
LOAD2=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- Python jieba + regex baseline on wild.txt -------------------------------------------
PYX=""
if [ "$PY" = 1 ] && python3 -c 'import jieba' 2>/dev/null; then
  cpu python3 "$ROOT/bench/py_baseline.py" "$TMP/tiny.txt"; P0=$CPU
  cpu python3 "$ROOT/bench/py_baseline.py" "$TMP/wild.txt"; P=$(work "$CPU" "$P0")
  PYX=$(div "$P" "${R[wild.z]}")
fi

# ---- peak RSS on one big file ------------------------------------------------------------
RSSB=""
if [ "$BIG_MB" -gt 0 ]; then
  : > "$TMP/big.txt"
  while [ "$(stat -c %s "$TMP/big.txt")" -lt $((BIG_MB * 1000000)) ]; do cat "$TMP/10mb.txt" >> "$TMP/big.txt"; done
  BBIG=$(stat -c %s "$TMP/big.txt")
  cpu "${Z[@]}" --jobs 1 "$TMP/big.txt"; RBIG=$RSS; CBIG=$CPU
  rm -f "$TMP/big.txt"
  RSSB=$(awk -v r="$RBIG" -v b="$BBIG" 'BEGIN { printf "%.2f", r * 1024 / b }')
fi

# ---- fuzzing ------------------------------------------------------------------------------
FRATE=""
# Built as fuzz/run.sh builds it (no sanitizer, no comparison tracing; TARGET_DIR likewise).
FTARGET=${TARGET_DIR:-$ROOT/fuzz/target}
FUZZBIN=$FTARGET/x86_64-unknown-linux-gnu/release/extract
if [ "$REPLAY" = 1 ] && cargo +nightly fuzz --version > /dev/null 2>&1; then
  (cd "$ROOT/fuzz" && cargo +nightly fuzz build -O -s none --no-trace-compares --target-dir "$FTARGET" extract \
    > "$TMP/fuzzbuild.txt" 2>&1) || {
    echo "bench: fuzz build failed" >&2; tail -5 "$TMP/fuzzbuild.txt" >&2; }
  if [ -x "$FUZZBIN" ]; then
    mkdir -p "$TMP/replay"
    # 8 KB slices (byte 0 = 0 picks x.txt), 100 of them, cut at line starts.
    python3 - "$TMP/wild.txt" "$TMP/replay" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
step = len(data) // 100
for i in range(100):
    a = data.find(b"\n", i * step) + 1
    chunk = data[a:a + 8191]
    chunk = chunk[:chunk.rfind(b"\n") + 1] or chunk
    open(f"{sys.argv[2]}/{i:03d}", "wb").write(b"\0" + chunk)
EOF
    # CPU time of the 100 inputs less that of the first alone (which pays Pipeline::new).
    fr=()
    for ((r = 0; r < RUNS; r++)); do
      cpu "$FUZZBIN" -runs=1 "$TMP/replay/000"; f0=$CPU
      cpu "$FUZZBIN" -runs=1 "$TMP/replay"/*; f=$(work "$CPU" "$f0")
      fr+=("$(awk -v s="$f" 'BEGIN { printf "%.0f", 99 / s }')")
    done
    FRATE=$(printf '%s\n' "${fr[@]}" | median)
  fi
fi
FTOTAL=0
[ -f "$ROOT/fuzz/runs.tsv" ] && FTOTAL=$(awk -F'\t' 'NR > 1 && ($2 == "decode" || $2 == "extract") { s += $4 } END { printf "%d", s }' "$ROOT/fuzz/runs.tsv")

# ---- report ---------------------------------------------------------------------------------
echo
echo "zhengce bench ($(nproc) cores; $(date -u +%FT%TZ); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); runs $RUNS)"
printf 'inputs: %s reports %s B; 10mb.txt %s B; big.txt %s MB\n' "$NDOCS" "$BW" "$B10" "$BIG_MB"
echo "load average: $LOAD before, $LOAD2 after the --jobs timings (2 cores; wall figures suffer above 1)"
echo "CPU s of the work (start-up taken off): start-up jieba $J0, zhengce $Z0"
echo
info "measure" "value"
for input in wild 10mb; do
  b=$BW; [ "$input" = 10mb ] && b=$B10
  info "jieba-rs cut / tag CPU s ($input)" "${R[$input.cutmed]} / ${R[$input.tagmed]}" \
    "$(mbs "$b" "${R[$input.cutmed]}") / $(mbs "$b" "${R[$input.tagmed]}") MB/s"
  info "zhengce --jobs 1 CPU s ($input)" "${R[$input.z]}" \
    "$(mbs "$b" "${R[$input.z]}") MB/s CPU, wall ${R[$input.zwall]} s"
done
info "zhengce reports/ wall s, --jobs 1 / --jobs 2" "$W1 / $W2"
[ -n "$RSSB" ] && info "zhengce big.txt peak RSS MB / CPU s" "$((RBIG / 1024)) / $CBIG"
echo
row "one thread / jieba tag, 138 reports" "${R[wild.tag]}" ">=" 0.8
row "one thread / jieba cut, 138 reports" "${R[wild.cut]}" ">=" 0.4
row "one thread / jieba tag, 10mb.txt" "${R[10mb.tag]}" ">=" 0.8
row "one thread / jieba cut, 10mb.txt" "${R[10mb.cut]}" ">=" 0.4
if [ -n "$PYX" ]; then row "one thread / python jieba+regex, 138 reports" "$PYX" ">=" 20
else info "one thread / python jieba+regex" "n/a" "PY=0 or no python jieba (pip install jieba)"; fi
row "--jobs 2 / --jobs 1 wall, 138 reports" "$SPEEDUP" ">=" 1.8
if [ -n "$RSSB" ]; then row "peak RSS bytes per input byte, ${BIG_MB} MB file" "$RSSB" "<=" 4
else info "peak RSS bytes per input byte" "n/a" "BIG_MB=0"; fi
if [ -n "$FRATE" ]; then row "fuzz extract exec/s (CPU), 8 KB inputs (replay)" "$FRATE" ">=" 300
else info "fuzz extract exec/s" "n/a" "REPLAY=0 or no cargo-fuzz (cargo install cargo-fuzz)"; fi
row "fuzz executions, decode + extract (runs.tsv)" "$FTOTAL" ">=" 10000000
exit 0
