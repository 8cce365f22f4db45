#!/usr/bin/env bash
# The full conformance suite against the project's own report sink (HTTPS + SMTP, oracle on), timed
# against a baseline from the same run: `tlsrpt-lab load` posting the same number of plain reports
# to the same sink. Budget: the suite in 30 s or less on 2 cores.
# Usage: bench/conformance_sink.sh [BUILD_DIR] [RUNS, default 3]
set -euo pipefail
build=${1:-build/default}
runs=${2:-3}
lab="$build/tlsrpt-lab"
server="$build/bench/conformance/bench_conformance_sink_server"
work=$(mktemp -d)
fifo="$work/stdin"
mkfifo "$fifo"
server_pid=
cleanup() {
  exec 3>&- 2>/dev/null || true
  [[ -n "$server_pid" ]] && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

record=$("$lab" conformance --dkim-key "$work/dkim.pem" --print-dkim-record | head -1 | sed -e 's/^[^"]*"//' -e 's/"$//' -e 's/" "//g')
"$server" "$work" "$record" <"$fifo" >"$work/server.txt" &
server_pid=$!
exec 3>"$fifo"  # the server runs until this closes
for _ in $(seq 100); do grep -q '^ready' "$work/server.txt" && break; sleep 0.1; done
grep -q '^ready' "$work/server.txt" || { echo "conformance_sink.sh: the sink did not start" >&2; exit 2; }
get() { awk -v k="$1" '$1 == k {print $2}' "$work/server.txt"; }
https=$(get https) oracle=$(get oracle) smtp=$(get smtp) ca=$(get ca)

seconds() {  # wall seconds of "$@" (output discarded); fails when the command fails
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}'
}

for i in $(seq "$runs"); do
  suite=$(seconds "$lab" conformance --https "$https" --smtp "$smtp" --cacert "$ca" --oracle-url "$oracle" \
    --dkim-key "$work/dkim.pem" --expect "$(dirname "$0")/../tests/conformance/sink.expect.yaml" --seed 7 --json "$work/result.json") || {
    echo "conformance_sink.sh: the suite did not pass against the sink (see $work/result.json)" >&2; exit 1; }
  cases=$(grep -c '"id":' "$work/result.json")
  baseline=$(seconds "$lab" load "$https" --count 160 --seed "$((1000 + i))" --cacert "$ca" --no-live --concurrency 1)
  awk -v i="$i" -v s="$suite" -v b="$baseline" -v n="$cases" 'BEGIN {
    printf "run %d: suite %d cases in %.2f s (budget 30 s); baseline load of 160 reports %.2f s; ratio %.1fx\n", i, n, s, b, s / b }'
done
