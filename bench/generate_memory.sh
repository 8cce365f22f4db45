#!/usr/bin/env bash
# Memory stays flat while `generate` streams a bounded number of ~2 KB .json.gz reports to
# /dev/null: RSS sampled five times a second, reported at 10 %, 50 % and the end of the stream,
# with the peak (VmHWM). Baseline in the same run: the peak RSS of the same command making one report.
# Progress is read from the bytes the process has written (/proc/PID/io wchar) divided by the mean
# frame size of a sample of the same stream (report k is a pure function of k).
#   bench/generate_memory.sh [BUILD_DIR] [COUNT]   (defaults build/default, 10000000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/default}
count=${2:-10000000}
lab=$build/tlsrpt-lab
[[ -x $lab ]] || { echo "generate_memory: build $lab first" >&2; exit 2; }
args=(generate --seed 1 --size medium --personality google,microsoft,postfix,strict-rfc --format json.gz --out -)

peak_of() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }

# Baseline: one report (the process's own footprint), its peak RSS.
/usr/bin/time -f %M -o "${TMPDIR:-/tmp}/generate_memory.$$" "$lab" "${args[@]}" --count 1 >/dev/null 2>&1
base=$(tail -1 "${TMPDIR:-/tmp}/generate_memory.$$")
rm -f "${TMPDIR:-/tmp}/generate_memory.$$"

sample=$((count < 20000 ? count : 20000))
per=$(( $("$lab" "${args[@]}" --count "$sample" | wc -c) / sample ))
echo "stream of $count reports, ~$per bytes per framed .json.gz report; baseline (1 report) peak RSS ${base:-?} KiB"

start=$(date +%s.%N)
timeout 3600 "$lab" "${args[@]}" --count "$count" >/dev/null & timeout_pid=$!  # bounded in time too
pid=""
for _ in $(seq 1 100); do pid=$(pgrep -P "$timeout_pid" || true); [[ -n $pid ]] && break; sleep 0.05; done
[[ -n $pid ]] || { echo "generate_memory: the generator did not start" >&2; exit 2; }
marks=($((count / 10)) $((count / 2)))
labels=("10%" "50%")
next=0 last_rss="" last_done=0 peak=""
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  wchar=$(awk '/^wchar/ {print $2}' "/proc/$pid/io" 2>/dev/null || true)
  v=$(peak_of "$pid"); [[ -n $v ]] && peak=$v
  if [[ -n $rss && -n $wchar ]]; then
    last_rss=$rss
    last_done=$((wchar / per))
    while ((next < ${#marks[@]})) && ((last_done >= marks[next])); do
      echo "at ${labels[next]} (~$last_done reports): RSS $rss KiB"
      next=$((next + 1))
    done
  fi
  sleep 0.2
done
wait "$timeout_pid"
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
echo "at the end (~$last_done of $count reports): RSS $last_rss KiB"
echo "peak RSS (VmHWM) $peak KiB = $(echo "scale=2; $peak / ${base:-1}" | bc)x the one-report baseline"
echo "elapsed ${elapsed%.*} s, $(echo "$count / $elapsed" | bc) reports/s (one process)"
