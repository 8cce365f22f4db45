#!/bin/sh
# `tlsrpt-lab fuzz --exec` rate against a plain loop that only starts the same program on the same
# inputs, measured in the same run (target: the driver at >= 80% of the loop's rate).
#   bench/fuzz_exec.sh [BUILD_DIR] [CASES] [PROGRAM...]
# PROGRAM (a path, or a program on PATH; not a shell builtin) defaults to `wc -c`: a program that starts and exits quickly is the hardest case for
# the driver, whose own work (temp dir, limits, classification) is then most visible.
set -eu
build=${1:-build/default}
cases=${2:-2000}
shift 2 2>/dev/null || shift $# 2>/dev/null || true
[ $# -gt 0 ] || set -- wc -c
lab=$build/tlsrpt-lab
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$lab" generate --count "$cases" --format json --out "$work/corpus" --seed 9 >/dev/null 2>&1
# generate writes round-N/ subfolders once report names repeat: list the files themselves. The driver
# runs corpus files first and verbatim, so with --max-cases = their number both sides see the same inputs.
find "$work/corpus" -type f | sort >"$work/files"
cases=$(wc -l <"$work/files")
now() { date +%s.%N; }

start=$(now)
while IFS= read -r f; do "$@" "$f" >/dev/null 2>&1 || true; done <"$work/files"
loop=$(echo "$(now) - $start" | bc -l)

start=$(now)
"$lab" fuzz --exec "$* @@" --corpus "$work/corpus" --max-cases "$cases" --max-time 3600 \
  --out "$work/out" --json -q >"$work/summary.json" || true
driver=$(echo "$(now) - $start" | bc -l)

rate=$(sed -n 's/.*"execs-per-second": *\([0-9.]*\).*/\1/p' "$work/summary.json")
loop_rate=$(echo "$cases / $loop" | bc -l)
echo "cases: $cases  program: $*"
echo "plain loop:  $(printf %.0f "$loop_rate") starts/s"
echo "fuzz --exec: $(printf %.0f "$rate") cases/s in the run ($(printf %.0f "$(echo "$cases / $driver" | bc -l)")/s with the command's own start-up)"
echo "ratio: $(printf %.1f "$(echo "$rate / $loop_rate * 100" | bc -l)") % (target >= 80 %)"
