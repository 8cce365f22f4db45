#!/usr/bin/env bash
# `tlsrpt-lab fuzz --http` cases/s against the project's own sink (HTTPS keep-alive, verified TLS),
# with the same driver's plain `load` of as many reports into the same sink as the baseline, in the
# same run (target: >= 2,000 cases/s). Bounded by CASES and the sink's lifetime.
#   bench/fuzz_http.sh [BUILD_DIR] [CASES] [JOBS]
# MUTATORS=a,b,... limits the catalogue (gzip-bomb and overlong-string cases cost the receiver
# tens of milliseconds each, so the full catalogue measures the sink more than the driver).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/default}
cases=${2:-5000}
jobs=${3:-1}
lab=$build/tlsrpt-lab
[[ -x $lab ]] || { echo "fuzz_http: build $lab first" >&2; exit 2; }
command -v jq >/dev/null || { echo "fuzz_http: jq is not installed" >&2; exit 2; }
source bench/lib/sink.sh
start_sink "$lab" fuzz-http "600"
url="https://$name:$port/v1/tlsrpt"

"$lab" load "$url" --address "$https_addr" --cacert "$ca" --count "$cases" --duration 300 --concurrency 1 \
  --no-live --seed 5 >"$work/load.json"
load_rate=$(jq .per_second "$work/load.json")

"$lab" fuzz --http "$url" --address "$https_addr" --cacert "$ca" --max-cases "$cases" --max-time 300 \
  -j "$jobs" ${MUTATORS:+--mutators "$MUTATORS"} --no-minimize --out "$work/out" --json -q >"$work/fuzz.json" || true
fuzz_rate=$(jq '."execs-per-second"' "$work/fuzz.json")
echo "cases: $cases  sink: $url at $https_addr"
echo "load (1 connection, plain reports): $(printf %.0f "$load_rate")/s"
which=every; [[ -n ${MUTATORS:-} ]] && which=listed
echo "fuzz --http ($jobs jobs, $which mutators): $(printf %.0f "$fuzz_rate")/s  findings: $(jq -c '.findings | length' "$work/fuzz.json" 2>/dev/null || echo '?')"
echo "ratio: $(echo "$fuzz_rate / $load_rate" | bc -l | xargs printf %.2f) (target: >= 2,000 cases/s)"
