#include "tests/peers/sts_world.hpp"

#include <unistd.h>

#include <system_error>

#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test::peers {

using fakemx::test::random_loopback;

StsWorld::StsWorld(UnixSeconds now, const std::vector<StsDomainSpec>& domains)
    : dir_(make_temp_dir("peers-sts")),
      ca_file_(dir_ / "ca.pem"),
      standard_ports_(geteuid() == 0),
      authority_(fakemx::pki::Authority::create(now)) {
  authority_.write_trust_anchor(ca_file_);

  fakemx::policy::PolicyServerConfig config;
  config.address = random_loopback();
  config.port = standard_ports_ ? 443 : 0;
  config.pki = &authority_;
  config.now = [now] { return now; };
  policy_ = std::make_unique<fakemx::policy::PolicyServer>(config);

  fakedns::Zone zone("example.test");
  zone.add_default_soa_ns();
  for (std::size_t i = 0; i < domains.size(); ++i) {
    const StsDomainSpec& spec = domains[i];
    const std::string label = "s" + std::to_string(i);
    std::string txt_owner = "_mta-sts." + label;
    if (!spec.txt_delegated_to.empty()) {  // RFC 8461 §8.2 delegation
      zone.add_record(txt_owner, "CNAME", 300, spec.txt_delegated_to + ".");
      txt_owner = spec.txt_delegated_to + ".";
    }
    for (const auto& txt : spec.txt) zone.add_record(txt_owner, "TXT", 300, txt);
    if (spec.policy_host_in_dns) zone.add_record("mta-sts." + label, "A", 300, policy_->address());
    for (const auto& [name, address] : spec.mx) {
      zone.add_record(label, "MX", 300, "10 " + name + ".");
      zone.add_record(name + ".", "A", 300, address);
    }
    policy_->add_domain(domain(i), spec.policy_lines);
    if (!spec.fault.empty()) policy_->set_fault(domain(i), spec.fault);
  }
  policy_->start();

  fakedns::ServerOptions options;
  options.address = random_loopback();
  dns_ = std::make_unique<fakedns::Server>(options);
  dns_->add_zone(zone);
  dns_->start();
  resolver_ = standard_ports_ ? std::make_unique<UnboundResolver>(*dns_, random_loopback(), 53)
                              : std::make_unique<UnboundResolver>(*dns_);
}

StsWorld::~StsWorld() {
  resolver_.reset();
  if (dns_) dns_->stop();
  if (policy_) policy_->stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace tlsrpt::test::peers
