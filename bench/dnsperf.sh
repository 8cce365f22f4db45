#!/usr/bin/env bash
# dnsperf against fakedns and, in the same run, against NSD serving the same zone (both without rate
# limiting), unsigned and signed, over UDP. Prints queries/s for both, the ratio, and the fake's RSS
# sampled during each run. Usage: bench/dnsperf.sh [BUILD_DIR] [SECONDS per run, default 15]
set -euo pipefail

build=${1:-build/default}
seconds=${2:-15}
lab="${LAB:-$build/tlsrpt-lab}"
for tool in dnsperf nsd ldns-signzone ldns-keygen; do
  command -v "$tool" >/dev/null || { echo "dnsperf.sh: $tool is not installed" >&2; exit 2; }
done
[ -x "$lab" ] || { echo "dnsperf.sh: $lab not found (build first)" >&2; exit 2; }
(( seconds > 0 && seconds <= 300 )) || { echo "dnsperf.sh: seconds must be 1..300" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

octet() { echo $(( (RANDOM % 200) + 20 )); }
fake_addr="127.$(octet).$(octet).$(octet)"
nsd_addr="127.$(octet).$(octet).$(octet)"
fake_port=$(( (RANDOM % 20000) + 30000 ))
nsd_port=$(( fake_port + 1 ))

cat > "$work/example.test.zone" <<ZONE
\$ORIGIN example.test.
\$TTL 300
@ IN SOA ns1 hostmaster 1 3600 900 604800 300
@ IN NS ns1
@ IN MX 10 mx1
ns1 IN A 127.0.0.53
mx1 IN A 127.0.0.25
mx1 IN AAAA ::1
_mta-sts IN TXT "v=STSv1; id=20260301T000000;"
_smtp._tls IN TXT "v=TLSRPTv1; " "rua=mailto:tlsrpt@example.test"
_25._tcp.mx1 IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
ZONE

# The query mix a sending MTA makes.
cat > "$work/queries" <<Q
example.test MX
mx1.example.test A
mx1.example.test AAAA
_mta-sts.example.test TXT
_smtp._tls.example.test TXT
_25._tcp.mx1.example.test TLSA
Q

# NSD signs nothing itself: sign its copy with ldns (same algorithm as fakedns, NSEC).
(cd "$work" && ldns-keygen -a ECDSAP256SHA256 -k example.test >/dev/null && ldns-keygen -a ECDSAP256SHA256 example.test >/dev/null
 keys=(); for k in K*.private; do keys+=("${k%.private}"); done
 ldns-signzone -f example.test.zone.signed example.test.zone "${keys[@]}" >/dev/null 2>&1 || true)
[ -s "$work/example.test.zone.signed" ] || { echo "dnsperf.sh: ldns-signzone failed" >&2; exit 2; }

qps() { sed -n 's/.*Queries per second: *\([0-9.]*\).*/\1/p'; }

rss_watch() {  # PID OUTFILE: max and last RSS (KiB) every second while the process lives
  local pid=$1 out=$2 max=0 first=0 cur
  while kill -0 "$pid" 2>/dev/null; do
    cur=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "$first" = 0 ] && first=$cur
    (( cur > max )) && max=$cur
    echo "$first $max $cur" > "$out"
    sleep 1
  done
}

run_dnsperf() {  # ADDR PORT EXTRA...
  local addr=$1 port=$2; shift 2
  dnsperf -s "$addr" -p "$port" -d "$work/queries" -l "$seconds" -c 20 -q 200 -t 2 "$@" 2>&1
}

for mode in unsigned signed; do
  zonefile="$work/example.test.zone"
  dnssec=unsigned
  do_flag=()
  if [ "$mode" = signed ]; then zonefile="$work/example.test.zone.signed"; dnssec=signed; do_flag=(-D); fi

  cat > "$work/nsd.conf" <<CONF
server:
  ip-address: $nsd_addr@$nsd_port
  port: $nsd_port
  server-count: 2
  username: ""
  chroot: ""
  zonesdir: "$work"
  database: ""
  zonelistfile: "$work/zone.list"
  pidfile: "$work/nsd.pid"
  xfrdfile: "$work/xfrd.state"
  xfrdir: "$work"
  logfile: "$work/nsd.log"
  verbosity: 0
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: example.test
  zonefile: "$zonefile"
CONF
  nsd -d -c "$work/nsd.conf" & nsd_pid=$!; pids+=("$nsd_pid")
  "$lab" dns --zone "$work/example.test.zone" --origin example.test --listen "$fake_addr:$fake_port" \
    --dnssec "$dnssec" --threads 2 --quiet > "$work/fake.out" 2>&1 & fake_pid=$!; pids+=("$fake_pid")
  for _ in $(seq 50); do grep -q '^ready' "$work/fake.out" 2>/dev/null && break; sleep 0.2; done
  grep -q '^ready' "$work/fake.out" || { cat "$work/fake.out"; exit 2; }
  sleep 1
  dig +short +time=2 "@$nsd_addr" -p "$nsd_port" mx1.example.test A >/dev/null || { cat "$work/nsd.log"; exit 2; }

  rss_watch "$fake_pid" "$work/rss" & watcher=$!; pids+=("$watcher")
  fake_qps=$(run_dnsperf "$fake_addr" "$fake_port" "${do_flag[@]}" | tee "$work/fake.dnsperf" | qps)
  nsd_qps=$(run_dnsperf "$nsd_addr" "$nsd_port" "${do_flag[@]}" | tee "$work/nsd.dnsperf" | qps)
  read -r rss_first rss_max rss_last < "$work/rss" || true
  lost=$(sed -n 's/.*Queries lost: *\([0-9]*\).*/\1/p' "$work/fake.dnsperf")
  ratio=$(awk -v a="$fake_qps" -v b="$nsd_qps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  printf '%-8s fakedns %10.0f q/s (lost %s)   nsd %10.0f q/s   ratio %s   fakedns RSS KiB first %s max %s last %s\n' \
    "$mode" "${fake_qps:-0}" "${lost:-?}" "${nsd_qps:-0}" "$ratio" "${rss_first:-?}" "${rss_max:-?}" "${rss_last:-?}"
  kill "$fake_pid" "$nsd_pid" "$watcher" 2>/dev/null || true
  wait "$fake_pid" "$nsd_pid" "$watcher" 2>/dev/null || true
  pids=()
done
