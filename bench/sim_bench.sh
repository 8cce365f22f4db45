#!/usr/bin/env bash
# Simulated sender benchmarks: aggregator records/s against a plain hash-map increment loop, and
# full sessions/s (DNS, MTA-STS, STARTTLS, ECDSA handshake, message; several at once, as the runner
# runs them) against two bare TLS handshake loops on two threads, one over memory BIOs (no sockets
# at all) and one over loopback TCP (connect, handshake, close), all measured in the same run.
# Prints, for each session thread count, the ratio of the rates (wall clock: meaningful on an
# otherwise idle machine), the process CPU use during each loop (200 % = both cores busy: below
# that, the rate is bound by round-trip latency, not CPU) and the ratio of the process CPU time per
# item (meaningful either way).
# Target: >= 60 %.
# usage: bench/sim_bench.sh [build-dir]
set -euo pipefail
build=${1:-build/default}
command -v jq > /dev/null || { echo "jq is needed (Debian package: jq)" >&2; exit 2; }
cmake --build "$build" -j2 --target bench_sim_aggregate bench_sim_session
"$build/bench/sim/bench_sim_aggregate" --benchmark_min_time=1
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$build/bench/sim/bench_sim_session" --benchmark_min_time=2 --benchmark_out="$json" --benchmark_out_format=json
jq -r '
  (.benchmarks[] | select(.name | startswith("BM_BareTlsHandshakeEcdsa"))) as $mem
  | (.benchmarks[] | select(.name | startswith("BM_BareTlsHandshakeTcpEcdsa"))) as $tcp
  | "baselines: \($mem.items_per_second | floor) handshakes/s over memory BIOs (\($mem.cpu_us | floor) us CPU each, \($mem.cpu_pct | floor) % CPU), \($tcp.items_per_second | floor)/s over loopback TCP (\($tcp.cpu_us | floor) us, \($tcp.cpu_pct | floor) % CPU)",
    (.benchmarks[] | select(.name | startswith("BM_FullSessionEcdsa"))
     | "\(.name): \(.items_per_second | floor) sessions/s at \(.cpu_pct | floor) % CPU, \(.cpu_us | floor) us CPU each = by rate \(.items_per_second / $mem.items_per_second * 100 | floor) % of the memory loop, \(.items_per_second / $tcp.items_per_second * 100 | floor) % of the TCP loop; by CPU \($mem.cpu_us / .cpu_us * 100 | floor) % / \($tcp.cpu_us / .cpu_us * 100 | floor) % (target >= 60 %)")
' "$json"
