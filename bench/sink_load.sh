#!/usr/bin/env bash
# Report sink under load (issue 4 target): 500 concurrent HTTPS POSTs (curl, two processes of 250
# parallel transfers) and 200 concurrent SMTP deliveries into one sink; every report stored exactly
# once. Baseline in the same run: the same load against a null endpoint on the same HTTP and SMTP
# servers that acknowledges without storing, so the ratio is the price of durable storage.
# Then the sink is SIGKILLed mid-run, reopened, and every acknowledged report must be there once.
#   bench/sink_load.sh [BUILD_DIR]        (default build/default; needs curl)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/default}
bin=$build/bench/sink/sink_bench
[[ -x $bin ]] || { echo "sink_load: build $bin first (cmake --build $build --target sink_bench)" >&2; exit 2; }
command -v curl >/dev/null || { echo "sink_load: curl is not installed" >&2; exit 2; }

work=$(mktemp -d /tmp/sink-load.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
addr=127.$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1))
posts=500 mails=200

"$bin" make-reports "$work/in" "$posts" https >/dev/null

start_server() {  # $1 store dir, $2 extra flag
  rm -f "$work/ports"
  "$bin" serve "$1" "$addr" "$work/ca.pem" "$work/ports" ${2:-} &
  server_pid=$!
  for _ in $(seq 1 300); do [[ -s $work/ports ]] && break; sleep 0.1; done
  [[ -s $work/ports ]] || { echo "sink_load: server did not start" >&2; exit 2; }
  read -r https_port smtp_port <"$work/ports"
}
stop_server() { kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=; }

# One curl config per half; each transfer prints "<status> <url>".
write_curl_configs() {
  rm -f "$work"/curl-*.cfg
  for i in $(seq 0 $((posts - 1))); do
    [[ -s $work/curl-$((i % 2)).cfg ]] && echo next >>"$work/curl-$((i % 2)).cfg"
    # "next" resets every option, so each transfer carries its own.
    {
      echo "url = \"https://reports.test:$https_port/v1/tlsrpt?id=https-$i\""
      echo "data-binary = \"@$work/in/https-$i.json.gz\""
      echo "header = \"Content-Type: application/tlsrpt+gzip\""
      echo "cacert = \"$work/ca.pem\""
      echo "resolve = \"reports.test:$https_port:$addr\""
      echo "max-time = 120"
      echo "silent"
      echo "output = \"/dev/null\""
      echo "write-out = \"%{http_code} %{url}\\n\""
    } >>"$work/curl-$((i % 2)).cfg"
  done
}
post_all() {  # writes "<status> <url>" lines to $1
  local out=$1
  : >"$out"
  local pids=()
  for half in 0 1; do
    curl -s --parallel --parallel-max 250 -K "$work/curl-$half.cfg" >>"$out" 2>/dev/null &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
}
acked_ids() { grep -E '^(200|201) ' "$1" | sed -E 's/.*id=//' || true; }

phase() {  # $1 label, $2 store dir, $3 flag
  start_server "$2" "${3:-}"
  write_curl_configs
  local t0 t1 t2
  t0=$(date +%s.%N)
  post_all "$work/$1-posts.txt"
  t1=$(date +%s.%N)
  "$bin" mail "$addr" "$smtp_port" "$mails" "smtp" >"$work/$1-mail.txt" 2>"$work/$1-mail.err" || true
  t2=$(date +%s.%N)
  stop_server
  local ok_posts ok_mails
  ok_posts=$(grep -cE '^(200|201) ' "$work/$1-posts.txt" || true)
  ok_mails=$(grep -c '^250 ' "$work/$1-mail.txt" || true)
  https_s=$(echo "$t1 - $t0" | bc -l)
  smtp_s=$(echo "$t2 - $t1" | bc -l)
  printf '%-6s https: %s/%s acknowledged in %.2f s (%.0f/s)   smtp: %s/%s acknowledged in %.2f s (%.0f/s)\n' \
    "$1" "$ok_posts" "$posts" "$https_s" "$(echo "$posts / $https_s" | bc -l)" \
    "$ok_mails" "$mails" "$smtp_s" "$(echo "$mails / $smtp_s" | bc -l)"
  eval "${1}_https=$https_s ${1}_smtp=$smtp_s"
}

echo "sink_load: $posts concurrent HTTPS POSTs + $mails concurrent SMTP deliveries on $addr"
phase null "$work/null-store" --null
phase sink "$work/store"
{ acked_ids "$work/sink-posts.txt"; awk '$1 == 250 {print $2}' "$work/sink-mail.txt"; } >"$work/acked.txt"
"$bin" check "$work/store" "$work/acked.txt"
printf 'ratio sink/null time: https %.2f  smtp %.2f   (1.0 = storing costs nothing)\n' \
  "$(echo "$sink_https / $null_https" | bc -l)" "$(echo "$sink_smtp / $null_smtp" | bc -l)"

# kill -9 mid-run: POSTs in flight, the sink dies once ~100 reports are indexed.
echo "sink_load: kill -9 mid-run"
start_server "$work/kill-store"
write_curl_configs
post_all "$work/kill-posts.txt" &
posters=$!
for _ in $(seq 1 600); do
  [[ -f $work/kill-store/index.jsonl ]] && (( $(wc -l <"$work/kill-store/index.jsonl") >= 100 )) && break
  sleep 0.05
done
kill -KILL "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
wait "$posters" || true
acked_ids "$work/kill-posts.txt" >"$work/kill-acked.txt"
echo "acknowledged before the kill: $(wc -l <"$work/kill-acked.txt")"
"$bin" check "$work/kill-store" "$work/kill-acked.txt"
