// The fake world an MTA-STS sender meets: example.test served by fakedns with one Policy Domain
// per case (s<i>.example.test: its _mta-sts TXT records, mta-sts.s<i> on the policy host, its MX
// records when the case has MX hosts), the policy host serving each case's policy file or fault,
// and unbound in front of fakedns for peers that ask the system resolver. As root the policy host
// listens on 443 and unbound on 53, where a real resolver looks for them; otherwise on random
// ports (only the sim can then reach them).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/util/virtual_clock.hpp"
#include "fakedns/server.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/policy/policy_server.hpp"
#include "tests/fakedns/unbound_resolver.hpp"

namespace tlsrpt::test::peers {

struct StsDomainSpec {
  std::vector<std::string> txt;           // rdatas at _mta-sts.s<i> (quoted TXT strings)
  std::string txt_delegated_to;           // if set: _mta-sts.s<i> is a CNAME to this name, which has the TXT
  std::vector<std::string> policy_lines;  // the policy file, one "key: value" per line
  std::string fault;                      // a policy host fault (fakemx/policy), "" for none
  bool policy_host_in_dns = true;         // mta-sts.s<i> has an A record
  // MX hosts of s<i> (name, address), published as MX 10 and A records (names under example.test).
  std::vector<std::pair<std::string, std::string>> mx;
};

class StsWorld {
 public:
  StsWorld(UnixSeconds now, const std::vector<StsDomainSpec>& domains);
  ~StsWorld();
  StsWorld(const StsWorld&) = delete;
  StsWorld& operator=(const StsWorld&) = delete;

  static std::string domain(std::size_t i) { return "s" + std::to_string(i) + ".example.test"; }

  const fakedns::Server& dns() const { return *dns_; }
  const UnboundResolver& resolver() const { return *resolver_; }
  const fakemx::policy::PolicyServer& policy_host() const { return *policy_; }
  const std::filesystem::path& ca_file() const { return ca_file_; }
  bool on_standard_ports() const { return standard_ports_; }  // policy host on 443, resolver on 53
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::filesystem::path ca_file_;
  bool standard_ports_;
  fakemx::pki::Authority authority_;
  std::unique_ptr<fakemx::policy::PolicyServer> policy_;
  std::unique_ptr<fakedns::Server> dns_;
  std::unique_ptr<UnboundResolver> resolver_;
};

}  // namespace tlsrpt::test::peers
