# Sourced by the bench scripts that need the project's own report sink on loopback.
#   start_sink LAB NAME DURATION  — starts `LAB mx --sink --sink-https` on fresh 127.x addresses in a
#   new work dir (on tmpfs when there is one, so fsyncs measure memory, not this machine's disk),
#   waits for it to be ready and sets: work, sink_pid, https_addr, name, port, ca. Stops it on exit.
start_sink() {
  local lab=$1 label=$2 duration=$3 tmp_root=/tmp mx_addr
  [[ -d /dev/shm && -w /dev/shm ]] && tmp_root=/dev/shm
  work=$(mktemp -d "$tmp_root/$label.XXXXXX")
  sink_pid=
  trap stop_sink EXIT
  https_addr=127.$((RANDOM % 250 + 2)).$((RANDOM % 250 + 2)).$((RANDOM % 250 + 2))
  mx_addr=127.$((RANDOM % 250 + 2)).$((RANDOM % 250 + 2)).$((RANDOM % 250 + 2))
  name=reports.bench.test
  "$lab" mx --host "mx.bench.test=$mx_addr" --sink "$work/sink" --sink-https "$name=$https_addr" \
    --dir "$work/mx" --duration "$duration" >"$work/banner" 2>"$work/sink.err" &
  sink_pid=$!
  for _ in $(seq 1 300); do grep -q '^ready' "$work/banner" 2>/dev/null && break; sleep 0.1; done
  grep -q '^ready' "$work/banner" || { echo "$label: the sink did not start" >&2; cat "$work/sink.err" >&2; exit 2; }
  port=$(sed -n 's/^sink https.* at .*:\([0-9]*\)$/\1/p' "$work/banner")
  ca=$(sed -n 's/^ca-file //p' "$work/banner")
}

stop_sink() {
  [[ -n ${sink_pid:-} ]] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null || true
  rm -rf "${work:?}"
}
