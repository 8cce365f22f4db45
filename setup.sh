#!/usr/bin/env bash
# Installs every Debian package tlsrpt-lab needs (idempotent), then configures and builds.
#   ./setup.sh              packages + build (preset "default")
#   ./setup.sh --deps-only  packages only
#   PRESET=asan ./setup.sh  another preset
# With CI set in the environment, warnings are errors.
set -euo pipefail
cd "$(dirname "$0")"

# Build: compilers, CMake, libraries.
BUILD_PKGS=(build-essential cmake ninja-build ccache pkg-config clang-14 libclang-rt-14-dev
  libboost-dev libssl-dev libldns-dev nlohmann-json3-dev libsimdjson-dev zlib1g-dev libdeflate-dev
  libyaml-cpp-dev libgmime-3.0-dev libopendkim-dev libcli11-dev libfmt-dev libpugixml-dev
  libgtest-dev libgmock-dev libbenchmark-dev)
# Real third-party peers the tests drive against the fakes.
PEER_PKGS=(openssl curl bind9-dnsutils ldnsutils knot-dnsutils unbound swaks dnsperf nsd
  postfix postfix-mta-sts-resolver python3 iproute2 opendkim-tools python3-dkim
  jq bc)  # jq, bc: the bench scripts

missing=()
for p in "${BUILD_PKGS[@]}" "${PEER_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # postfix asks questions on install; answer them up front.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "setup: missing packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
else
  echo "setup: all Debian packages present"
fi

[[ ${1:-} == --deps-only ]] && exit 0

preset=${PRESET:-default}
extra=()
[[ -n ${CI:-} ]] && extra+=(-DTLSRPT_WERROR=ON)
cmake --preset "$preset" "${extra[@]}"
cmake --build --preset "$preset"
echo "setup: built build/$preset/tlsrpt-lab"
