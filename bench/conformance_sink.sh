#!/usr/bin/env bash
# The full conformance suite against the project's own report sink (HTTPS + SMTP, oracle on), timed
# against a baseline from the same run: `tlsrpt-lab load` posting the same number of plain reports
# to the same sink. Budget: the suite in 30 s or less on 2 cores.
# Usage: bench/conformance_sink.sh [BUILD_DIR] [RUNS, default 3]
set -euo pipefail
build=${1:-build/default}
runs=${2:-3}
lab="$build/tlsrpt-lab"
work=$(mktemp -d)
sink_pid=
cleanup() {
  [[ -n "$sink_pid" ]] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The sink as a user runs it; it trusts the key the suite signs with for every signing domain.
"$lab" conformance --dkim-key "$work/dkim.pem" --print-dkim-record >/dev/null
"$lab" mx --host localhost=127.0.0.1:0 --sink "$work/store" --sink-https localhost=127.0.0.1:0 --dir "$work/mx" \
  --profile strict --dkim-key "tlsrpt._domainkey.*=$work/dkim.pem" >"$work/sink.txt" 2>&1 &
sink_pid=$!
for _ in $(seq 100); do grep -q '^ready' "$work/sink.txt" && break; sleep 0.1; done
grep -q '^ready' "$work/sink.txt" || { echo "conformance_sink.sh: the sink did not start:" >&2; cat "$work/sink.txt" >&2; exit 2; }
https_port=$(sed -n 's|^sink https://localhost/ at 127.0.0.1:\([0-9]*\).*|\1|p' "$work/sink.txt")
smtp_port=$(sed -n 's|^mx localhost smtp://127.0.0.1:\([0-9]*\).*|\1|p' "$work/sink.txt")
https="https://localhost:$https_port/tlsrpt"
oracle="https://localhost:$https_port/_sink/index?report-id={report-id}"
smtp="localhost:$smtp_port"
ca=$(sed -n 's|^ca-file ||p' "$work/sink.txt")

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
