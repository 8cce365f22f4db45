#!/usr/bin/env bash
# How the cost of `tlsrpt-lab run` grows with traffic: the headline scenario at 10,000 and at
# 30,000 and 100,000 sessions a day: wall time, CPU time and peak RSS of each (GNU time -v), and
# the ratios. Target: 100,000 sessions cost at most 11x the 10,000-session run. Each run is
# bounded (RUN_LIMIT seconds, default 900; interrupted runs still count as a failure here).
# Usage: bench/run_scaling.sh [path/to/tlsrpt-lab]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
lab="${1:-$here/build/default/tlsrpt-lab}"
[ -x "$lab" ] || { echo "no tlsrpt-lab at $lab (build first or pass its path)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (Debian package: time)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/scenarios/base" "$work/base"
headline="$here/scenarios/8460-4.3.1-certificate-expired-mx2.yaml"

run_at() {  # $1 = scale factor of the headline's sessions (1 = 10,000 a day)
  local scale=$1 file="$work/scaled-$1.yaml"
  awk -v k="$scale" '{ if (match($0, /sessions: [0-9]+/)) { n = substr($0, RSTART + 10, RLENGTH - 10);
         sub(/sessions: [0-9]+/, "sessions: " n * k) } print }' "$headline" > "$file"
  /usr/bin/time -v timeout --signal=INT --kill-after=30 "${RUN_LIMIT:-900}" "$lab" run "$file" --out "$work/out-$scale" --quiet > "$work/stdout-$scale" 2> "$work/time-$scale" || {
    status=$?; [ $status -eq 1 ] || { cat "$work/time-$scale" >&2; exit 2; }; }
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time-$scale")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time-$scale")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/time-$scale")
  echo "$wall $cpu $rss"
}

printf '%-18s %10s %10s %14s\n' sessions/day "wall (s)" "CPU (s)" "peak RSS (MB)"
for scale in 1 3 10; do
  read -r wall cpu rss < <(run_at $scale)
  printf '%-18s %10.2f %10.2f %14.1f\n' "$((scale * 10000))" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)"
  eval "wall$scale=$wall cpu$scale=$cpu"
done
printf 'ratio 100k/10k: wall %.2f, CPU %.2f (target <= 11)\n' "$(echo "$wall10 / $wall1" | bc -l)" "$(echo "$cpu10 / $cpu1" | bc -l)"
grep -h '"status"' "$work"/out-*/*/result.json | sort | uniq -c | sed 's/^/result status: /'
