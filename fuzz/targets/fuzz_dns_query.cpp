// libFuzzer target: arbitrary bytes as a DNS query into the fake DNS server's query handler (the
// same function UDP and TCP call), against a signed zone with a live fault table.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "fakedns/answers/responder.hpp"
#include "fakedns/dnssec/signer.hpp"

namespace {

using namespace tlsrpt::fakedns;

struct World {
  World() {
    Zone zone("example.test");
    zone.add_default_soa_ns()
        .add_record("@", "MX", 300, "10 mx1")
        .add_record("mx1", "A", 300, "127.0.0.25")
        .add_record("_25._tcp.mx1", "TLSA", 300, "3 1 1 0123456789abcdef0123456789abcdef")
        .add_record("_smtp._tls", "TXT", 300, "\"v=TLSRPTv1; \" \"rua=mailto:r@example.test\"")
        .add_record("www", "CNAME", 300, "mx1");
    DnssecOptions dnssec;
    dnssec.sign = true;
    detail::ZoneKeys keys(zone.origin());
    detail::BuiltZone built = detail::build_zone(zone, dnssec, keys);
    snapshot = detail::make_snapshot({detail::precompute(std::move(built.data), built.anchor)});
    FaultSpec f;
    f.kind = "truncate";
    f.probability = 0.1;
    faults.add(f);
  }
  std::shared_ptr<const detail::Snapshot> snapshot;
  detail::FaultTable faults{7};
  std::vector<std::uint8_t> out;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  const std::span<const std::uint8_t> query(data, size);
  const auto transport = size % 2 ? detail::Transport::udp : detail::Transport::tcp;
  const auto info = detail::respond(*world.snapshot, &world.faults, query, transport, world.out);
  if (info.send && world.out.size() < 12) __builtin_trap();
  if (info.send && transport == detail::Transport::udp && world.out.size() > 1232) __builtin_trap();
  return 0;
}
