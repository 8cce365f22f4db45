#include "tests/peers/dane_world.hpp"

#include <unistd.h>

#include <random>
#include <system_error>

#include "tests/fakemx_smtp/mx_fixture.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test::peers {
namespace {

using fakemx::test::random_loopback;

std::uint16_t random_high_port() {
  static std::mt19937 gen{std::random_device{}()};
  return static_cast<std::uint16_t>(std::uniform_int_distribution<int>(20000, 60000)(gen));
}

}  // namespace

DaneWorld::DaneWorld(UnixSeconds now, const std::vector<DaneHostSpec>& hosts)
    : dir_(make_temp_dir("peers-dane")), standard_ports_(geteuid() == 0) {
  fakedns::Zone zone("example.test");
  zone.add_default_soa_ns();
  fakedns::DnssecOptions dnssec;
  dnssec.sign = true;
  dnssec.now = now;
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    fakemx::smtp::MxHostConfig config;
    config.hostname = mx_name(i);
    config.address = random_loopback();
    config.port = standard_ports_ ? 25 : 0;
    config.io_timeout = std::chrono::seconds(30);
    hosts_.push_back(mx_server_.add_host(config));
    hosts_.back().set_credential(hosts[i].served);
    ports_[hosts_.back().address()] = hosts_.back().port();

    const std::string mx = "mx" + std::to_string(i);
    zone.add_record(mx, "A", 300, hosts_.back().address());
    zone.add_record("r" + std::to_string(i), "MX", 300, "10 " + mx_name(i) + ".");
    for (const auto& rdata : hosts[i].tlsa) zone.add_record("_25._tcp." + mx, "TLSA", 300, rdata);
    if (hosts[i].bogus_tlsa) dnssec.breakages.push_back("bad-signature:_25._tcp." + mx_name(i) + "./TLSA");
  }

  fakedns::ServerOptions options;
  options.address = random_loopback();
  dns_ = std::make_unique<fakedns::Server>(options);
  dns_->add_zone(zone, dnssec);
  dns_->start();
  resolver_ = std::make_unique<UnboundResolver>(*dns_, random_loopback(), standard_ports_ ? 53 : random_high_port());
}

DaneWorld::~DaneWorld() {
  resolver_.reset();
  if (dns_) dns_->stop();
  mx_server_.stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string DaneWorld::trust_anchor_ds() const { return dns_->trust_anchor("example.test.").ds; }

std::uint16_t DaneWorld::smtp_port_for(const std::string& ip) const {
  const auto it = ports_.find(ip);
  return it == ports_.end() ? 0 : it->second;
}

}  // namespace tlsrpt::test::peers
