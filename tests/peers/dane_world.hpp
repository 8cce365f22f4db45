// The fake world a DANE sender meets: a signed example.test served by fakedns, one MX host per case
// (mxN.example.test, its own loopback address, port 25 when the process may bind it) with the
// TLSA records the case asks for, one recipient domain per case (rN.example.test MX 10 mxN), and a
// validating unbound in front of it (on port 53 when possible, for peers that read resolv.conf).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/util/virtual_clock.hpp"
#include "fakedns/server.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/smtp/mx_server.hpp"
#include "tests/fakedns/unbound_resolver.hpp"

namespace tlsrpt::test::peers {

struct DaneHostSpec {
  std::shared_ptr<const fakemx::pki::Credential> served;  // what the MX presents
  std::vector<std::string> tlsa;                           // rdatas published at _25._tcp.mxN
  bool bogus_tlsa = false;                                 // the TLSA RRSIG is corrupted
};

class DaneWorld {
 public:
  // Host i of `hosts` becomes mx<i>.example.test, reached through r<i>.example.test.
  DaneWorld(UnixSeconds now, const std::vector<DaneHostSpec>& hosts);
  ~DaneWorld();
  DaneWorld(const DaneWorld&) = delete;
  DaneWorld& operator=(const DaneWorld&) = delete;

  static std::string mx_name(std::size_t i) { return "mx" + std::to_string(i) + ".example.test"; }
  static std::string domain(std::size_t i) { return "r" + std::to_string(i) + ".example.test"; }

  const fakemx::smtp::MxHost& mx(std::size_t i) const { return hosts_.at(i); }
  const fakedns::Server& dns() const { return *dns_; }
  const UnboundResolver& resolver() const { return *resolver_; }
  std::string trust_anchor_ds() const;
  std::uint16_t smtp_port_for(const std::string& ip) const;  // 0 for an unknown address
  bool on_standard_ports() const { return standard_ports_; }  // MX on 25, resolver on 53
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  bool standard_ports_;
  fakemx::smtp::MxServer mx_server_{2};
  std::vector<fakemx::smtp::MxHost> hosts_;
  std::map<std::string, std::uint16_t> ports_;
  std::unique_ptr<fakedns::Server> dns_;
  std::unique_ptr<UnboundResolver> resolver_;
};

}  // namespace tlsrpt::test::peers
