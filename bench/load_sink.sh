#!/usr/bin/env bash
# `tlsrpt-lab load` into the project's own sink (`tlsrpt-lab mx --sink --sink-https`) over HTTPS
# with keep-alive and verified TLS, sink and driver on the same machine; then the ledger is
# reconciled exactly with the sink's GET /_sink/index. Baseline in the same run: the same reports
# dropped into a directory by the same driver (generation and writing, no network, no sink).
# The store lives on tmpfs (/dev/shm) when there is one, so the sink's fsyncs measure memory, not
# this machine's disk. Bounded: COUNT reports and DURATION seconds, whichever ends first.
#   bench/load_sink.sh [BUILD_DIR] [COUNT] [DURATION] [CONCURRENCY]
#   (defaults build/default 50000 120 16; needs curl and jq)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/default}
count=${2:-50000}
duration=${3:-120}
concurrency=${4:-16}
lab=$build/tlsrpt-lab
[[ -x $lab ]] || { echo "load_sink: build $lab first" >&2; exit 2; }
for p in curl jq; do command -v $p >/dev/null || { echo "load_sink: $p is not installed" >&2; exit 2; }; done

source bench/lib/sink.sh
start_sink "$lab" load-sink "$((duration + 120))"
profile=(--seed 11 --size medium --personality strict-rfc,microsoft)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)

echo "== baseline: $count reports into a directory (same driver, same reports)"
/usr/bin/time -f "%U %S" -o "$work/drop.time" "$lab" load "dir:$work/drop" --count "$count" --duration "$duration" \
  --concurrency "$concurrency" --no-live "${profile[@]}" >"$work/drop.json"
rm -rf "$work/drop"
drop_rate=$(jq .per_second "$work/drop.json")
echo "dir drop: $(jq .sent "$work/drop.json") reports, $drop_rate/s, driver CPU $(awk '{print $1 + $2}' "$work/drop.time") s"

echo "== HTTPS keep-alive into the sink at $https_addr:$port (concurrency $concurrency)"
before=$(cpu_ticks "$sink_pid")
/usr/bin/time -f "%U %S" -o "$work/https.time" "$lab" load "https://$name:$port/v1/tlsrpt" --address "$https_addr" \
  --cacert "$ca" --count "$count" --duration "$duration" --concurrency "$concurrency" --no-live \
  --ledger "$work/ledger.jsonl" "${profile[@]}" >"$work/https.json" || true
after=$(cpu_ticks "$sink_pid")
rate=$(jq .per_second "$work/https.json")
sent=$(jq .sent "$work/https.json")
elapsed=$(jq .elapsed_seconds "$work/https.json")
echo "https: sent $sent accepted $(jq .accepted "$work/https.json") errors $(jq .errors "$work/https.json")" \
  "in $elapsed s: $rate POST/s; latency ms $(jq -c .latency_ms "$work/https.json")"
echo "CPU: driver $(awk '{print $1 + $2}' "$work/https.time") s, sink $(echo "scale=2; ($after - $before) / $tick" | bc) s"
echo "ratio https / dir drop: $(echo "scale=3; $rate / $drop_rate" | bc)"

echo "== reconciliation with GET /_sink/index"
curl -sS --max-time 120 --cacert "$ca" --resolve "$name:$port:$https_addr" "https://$name:$port/_sink/index" >"$work/index.json"
jq -r 'select(.accepted) | ."report-id"' "$work/ledger.jsonl" | sort >"$work/ledger.ids"
jq -r '.entries[] | select(.transport == "https") | .report_id' "$work/index.json" | sort >"$work/index.ids"
acked=$(wc -l <"$work/ledger.ids")
stored=$(wc -l <"$work/index.ids")
if cmp -s "$work/ledger.ids" "$work/index.ids" && [[ $acked -eq $sent ]]; then
  echo "reconciled: sent $sent, acknowledged $acked, stored $stored, the same report ids"
else
  echo "NOT reconciled: sent $sent, acknowledged $acked, stored $stored"
  diff "$work/ledger.ids" "$work/index.ids" | head -20
  exit 1
fi
