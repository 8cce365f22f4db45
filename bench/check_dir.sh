#!/usr/bin/env bash
# Times `tlsrpt-lab check` on a directory of N generated reports (default 10,000) and reports CPU
# seconds per thousand reports, next to a baseline from the same run: reading the same files (cat).
# Usage: bench/check_dir.sh [BUILD_DIR] [N]
set -euo pipefail
build=${1:-build/default}
n=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bench/core/bench_core_make_reports" "$work/reports" "$n" 1 >/dev/null

cpu_seconds() {  # runs "$@" with output discarded; prints user+sys CPU seconds
  local t
  t=$( { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  awk '{print $1 + $2}' <<<"$t"
}

baseline=$(cpu_seconds find "$work/reports" -type f -exec cat {} +)
check=$(cpu_seconds "$build/tlsrpt-lab" check --quiet "$work/reports")
json=$(cpu_seconds "$build/tlsrpt-lab" check --format json "$work/reports")
"$build/tlsrpt-lab" check --quiet "$work/reports" | tail -1

awk -v n="$n" -v b="$baseline" -v c="$check" -v j="$json" 'BEGIN {
  printf "reports: %d\n", n
  printf "baseline (cat every file): %.3f s CPU, %.4f s per thousand\n", b, b * 1000 / n
  printf "check --quiet:             %.3f s CPU, %.4f s per thousand\n", c, c * 1000 / n
  printf "check --format json:       %.3f s CPU, %.4f s per thousand\n", j, j * 1000 / n
}'
