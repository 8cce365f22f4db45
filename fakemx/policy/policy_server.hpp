// The MTA-STS policy host (RFC 8461 §3.3): one HTTPS listener on its own loopback address serving
// https://mta-sts.<domain>/.well-known/mta-sts.txt for one or more domains, each with its own
// certificate chosen by SNI. Policies, faults and certificates can be changed while it runs
// (timeline events); every call is thread-safe.
//
//   policy::PolicyServer server({.address = "127.0.0.7", .pki = &authority, .now = [&] { return clock.now(); }});
//   server.add_domain("example.test", {"version: STSv1", "mode: enforce", "mx: mx1.example.test", "max_age: 86400"});
//   server.start();                              // port 0 by default: read server.port()
//   server.set_fault("example.test", "http-404");        // or "timeout", "cert-expired", ...
//   server.set_fault("example.test", "http-500", 3);     // only the next 3 fetches
//   server.clear_fault("example.test");
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/util/virtual_clock.hpp"
#include "fakemx/http/limits.hpp"
#include "fakemx/http/server.hpp"
#include "fakemx/pki/authority.hpp"

namespace tlsrpt::fakemx::policy {

inline constexpr const char* kPolicyPath = "/.well-known/mta-sts.txt";

struct PolicyServerConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port (real senders need 443; use --resolve or a redirect)
  http::Limits limits = default_limits();
  // Mints mta-sts.<domain> certificates: the valid one when add_domain() gets no identity, and
  // the leaf of every "cert-<profile>" fault. May be null when identities are always given and no
  // certificate fault is used.
  const pki::Authority* pki = nullptr;
  std::function<UnixSeconds()> now;  // the minting instant; wall clock when empty
  unsigned threads = 2;

  static http::Limits default_limits() {
    http::Limits limits;
    limits.body_limit = 4096;  // policy fetches are GETs
    return limits;
  }
};

// One request the policy host answered (or held): for the runner's transcript and tests.
struct PolicyFetch {
  std::string domain;  // "" when the host matched none
  std::string remote_ip;
  std::string sni;
  std::string target;
  std::string fault;  // "" when served healthy
  int status = 0;     // 0 for a hang or a close
};

class PolicyServer {
 public:
  explicit PolicyServer(PolicyServerConfig config);
  ~PolicyServer();
  PolicyServer(const PolicyServer&) = delete;
  PolicyServer& operator=(const PolicyServer&) = delete;

  // Serves mta-sts.<domain>. policy_lines are "key: value" lines without line endings (served
  // joined by CRLF). Without an identity, a valid one is minted from config.pki.
  void add_domain(const std::string& domain, std::vector<std::string> policy_lines,
                  std::optional<http::TlsIdentity> identity = std::nullopt);
  void set_policy(const std::string& domain, std::vector<std::string> policy_lines);
  // Replaces the healthy certificate (e.g. one minted with Profile::expiring_at).
  void set_identity(const std::string& domain, const http::TlsIdentity& identity);

  // Switches a fault on for the domain: a name from fault_names(). times = 0: until cleared;
  // otherwise for the next `times` fetches (certificate faults ignore times). Throws
  // std::invalid_argument for an unknown name or domain, or a certificate fault without a PKI.
  void set_fault(const std::string& domain, const std::string& fault, std::uint32_t times = 0);
  void clear_fault(const std::string& domain);
  static std::vector<std::string> fault_names();

  void start();  // throws std::runtime_error when the address cannot be bound
  void stop();
  std::uint16_t port() const;
  const std::string& address() const;
  std::vector<PolicyFetch> fetches() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "version: STSv1", "mode: <mode>", "mx: <each>", "max_age: <seconds>".
std::vector<std::string> policy_lines(const std::string& mode, const std::vector<std::string>& mx,
                                      std::int64_t max_age);

}  // namespace tlsrpt::fakemx::policy
