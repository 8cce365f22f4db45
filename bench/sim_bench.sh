#!/usr/bin/env bash
# Simulated sender benchmarks: aggregator records/s against a plain hash-map increment loop, and
# full SMTP sessions/s against a bare TLS handshake loop, each pair measured in the same run.
# usage: bench/sim_bench.sh [build-dir]
set -euo pipefail
build=${1:-build/default}
cmake --build "$build" --target bench_sim_aggregate bench_sim_session
"$build/bench/sim/bench_sim_aggregate" --benchmark_min_time=1
"$build/bench/sim/bench_sim_session" --benchmark_min_time=2
