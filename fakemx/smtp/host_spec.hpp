// Command-line descriptions of MX hosts and attackers for `tlsrpt-lab mx`:
//   --host  mx1.example.test=127.0.1.1:2525,profile=expired,key=rsa,fault=starttls-454,fault-count=3
//   --host  mx2.example.test=127.0.1.2,alt-profile=wrong-name,fault-probability=0.3
//   --attacker mx1.example.test=127.0.9.1:0,mode=strip-starttls
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakemx/attacker/starttls_filter.hpp"
#include "fakemx/pki/profile.hpp"
#include "fakemx/smtp/mx_server.hpp"

namespace tlsrpt::fakemx::smtp {

struct HostSpec {
  std::string hostname;
  std::string address;
  std::uint16_t port = 0;
  pki::Profile profile = pki::Profile::valid;
  pki::KeyType key = pki::KeyType::ecdsa_p256;
  bool tls = true;  // profile=none: no certificate, STARTTLS answered 454
  std::vector<std::string> faults;
  std::vector<pki::Profile> alt_profiles;  // served instead of `profile` on triggered sessions
  FaultTrigger trigger;                    // for every fault and alt-profile of this host
};

struct AttackerSpec {
  std::string target_host;  // a HostSpec::hostname
  std::string address;
  std::uint16_t port = 0;
  attacker::AttackMode mode = attacker::AttackMode::strip_starttls;
};

// Throw std::invalid_argument with a message naming the offending part.
HostSpec parse_host_spec(std::string_view text);
AttackerSpec parse_attacker_spec(std::string_view text);

// "127.0.1.1:2525" or "127.0.1.1" (port 0); only 127.0.0.0/8 is accepted.
void parse_loopback_endpoint(std::string_view text, std::string& address, std::uint16_t& port);

}  // namespace tlsrpt::fakemx::smtp
