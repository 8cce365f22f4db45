#!/usr/bin/env bash
# Plain SMTP throughput of fakemx against Postfix's smtp-sink, both driven by Postfix's smtp-source
# in the same run (messages/s and the ratio fakemx / smtp-sink), then STARTTLS sessions/s with an
# ECDSA certificate against a bare TLS accept loop (bench_fakemx_starttls, same run, ratio).
# Bounded: a fixed message count and a timeout on every step. Processes are stopped by their PID.
#
#   bench/smtp_sink.sh [build-dir]      (default build/default; needs tlsrpt-lab and the bench target)
#   MESSAGES=5000 SESSIONS=10 bench/smtp_sink.sh build/fakemx
set -euo pipefail

build=${1:-build/default}
lab=$build/tlsrpt-lab
tls_bench=$build/bench/fakemx/bench_fakemx_starttls
messages=${MESSAGES:-5000}
sessions=${SESSIONS:-10}
size=${SIZE:-1024}
for tool in /usr/sbin/smtp-source /usr/sbin/smtp-sink; do
  [[ -x $tool ]] || { echo "smtp_sink.sh: $tool missing (Debian package postfix)" >&2; exit 2; }
done
[[ -x $lab ]] || { echo "smtp_sink.sh: $lab not built" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Random high ports on their own loopback addresses, so parallel runs do not collide.
octet=$((RANDOM % 200 + 20))
fakemx_addr=127.0.$octet.1 sink_addr=127.0.$octet.2
port=$((20000 + RANDOM % 20000))

"$lab" mx --host "bench.test=$fakemx_addr:$port,profile=none" --max-connections 1024 --threads 1 \
  --dir "$work/mx" --duration 600 > "$work/mx.out" 2>&1 &
pids+=($!)
sink_user=()
[[ $(id -u) -eq 0 ]] && sink_user=(-u nobody)  # smtp-sink refuses to run as root without -u
/usr/sbin/smtp-sink "${sink_user[@]}" "$sink_addr:$port" 1024 > "$work/sink.out" 2>&1 &
pids+=($!)
listening() { (exec 3<>"/dev/tcp/$1/$port") 2>/dev/null; }
for _ in $(seq 100); do listening "$fakemx_addr" && listening "$sink_addr" && break; sleep 0.1; done
listening "$fakemx_addr" || { echo "smtp_sink.sh: fakemx did not start" >&2; cat "$work/mx.out" >&2; exit 2; }
listening "$sink_addr" || { echo "smtp_sink.sh: smtp-sink did not start" >&2; cat "$work/sink.out" >&2; exit 2; }

# Prints messages/s of smtp-source against host:port.
rate() {
  local start end
  start=$(date +%s.%N)
  if ! timeout 300 /usr/sbin/smtp-source -s "$sessions" -m "$messages" -l "$size" \
    -f bench@sender.test -t rcpt@bench.test "$1:$port" >&2; then
    echo "smtp_sink.sh: smtp-source against $1 failed" >&2
    exit 2
  fi
  end=$(date +%s.%N)
  echo "$messages / ($end - $start)" | bc -l
}

sink_rate=$(rate "$sink_addr") || exit 2
fakemx_rate=$(rate "$fakemx_addr") || exit 2
printf 'plain SMTP, %d messages of %d bytes, %d parallel sessions, one message per session\n' \
  "$messages" "$size" "$sessions"
printf '  postfix smtp-sink : %8.1f messages/s\n' "$sink_rate"
printf '  fakemx            : %8.1f messages/s\n' "$fakemx_rate"
printf '  ratio fakemx/smtp-sink = %.2f (target >= 1.00)\n' "$(echo "$fakemx_rate / $sink_rate" | bc -l)"

if [[ -x $tls_bench ]]; then
  json=$work/tls.json
  timeout 600 "$tls_bench" --benchmark_format=console --benchmark_out="$json" --benchmark_out_format=json >/dev/null
  python3 - "$json" <<'PY'
import json, sys
rates = {b["name"].split("/")[0]: b["sessions/s"] for b in json.load(open(sys.argv[1]))["benchmarks"]}
bare, fakemx = rates["BM_BareTlsAcceptLoop"], rates["BM_FakemxStarttlsSession"]
print("STARTTLS (ECDSA P-256), handshake + one message")
print(f"  bare TLS accept loop : {bare:8.1f} sessions/s")
print(f"  fakemx STARTTLS      : {fakemx:8.1f} sessions/s")
print(f"  ratio fakemx/bare = {fakemx / bare:.2f} (target >= 0.80)")
PY
else
  echo "($tls_bench not built: configure with -DTLSRPT_BENCH=ON for the STARTTLS comparison)"
fi
