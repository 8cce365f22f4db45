#include "fakedns/server.hpp"

#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

#include "fakedns/control/http_control.hpp"
#include "fakedns/engine.hpp"
#include "fakedns/net/network.hpp"

namespace tlsrpt::fakedns {

struct Server::Impl {
  explicit Impl(ServerOptions o) : options(std::move(o)), engine(options) {}
  ServerOptions options;
  detail::Engine engine;
  std::unique_ptr<detail::Network> network;
  std::unique_ptr<detail::HttpControl> control;
  std::uint16_t port = 0;
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() { stop(); }

void Server::add_zone(const Zone& zone, const DnssecOptions& dnssec) { impl_->engine.add_zone(zone, dnssec); }
void Server::remove_zone(const std::string& origin) { impl_->engine.remove_zone(origin); }
std::vector<std::string> Server::zones() const { return impl_->engine.zones(); }
Zone Server::zone(const std::string& origin) const { return impl_->engine.zone(origin); }

void Server::start() {
  if (impl_->network) return;
  impl_->network = std::make_unique<detail::Network>(impl_->engine, impl_->options);
  impl_->port = impl_->network->port();
}

void Server::stop() {
  impl_->control.reset();
  impl_->network.reset();
}

const std::string& Server::address() const { return impl_->options.address; }
std::uint16_t Server::port() const { return impl_->port; }

TrustAnchor Server::trust_anchor(const std::string& origin) const { return impl_->engine.trust_anchor(origin); }

void Server::write_trust_anchor_file(const std::filesystem::path& file) const {
  std::string text;
  for (const auto& anchor : impl_->engine.trust_anchors()) text += anchor.ds + "\n";
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  ::chmod(file.c_str(), 0600);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

void Server::add_record(const Record& record) { impl_->engine.add_record(record); }
void Server::set_rrset(const std::string& name, const std::string& type, std::uint32_t ttl,
                       const std::vector<std::string>& rdatas) {
  impl_->engine.set_rrset(name, type, ttl, rdatas);
}
std::size_t Server::remove_rrset(const std::string& name, const std::string& type) {
  return impl_->engine.remove_rrset(name, type);
}
void Server::set_dnssec(const std::string& origin, const DnssecOptions& dnssec) {
  impl_->engine.set_dnssec(origin, dnssec);
}

void Server::add_fault(const FaultSpec& fault) { impl_->engine.faults().add(fault); }
void Server::clear_faults() { impl_->engine.faults().clear(); }
std::vector<FaultSpec> Server::faults() const { return impl_->engine.faults().active(); }

std::vector<QueryLogEntry> Server::query_log(const std::string& name) const {
  std::string filter;
  if (!name.empty()) {
    std::string abs = name.back() == '.' ? name : name + ".";
    filter = detail::wire_name(detail::parse_dname(abs).get());
  }
  return impl_->engine.log().entries(filter);
}
void Server::clear_query_log() { impl_->engine.log().clear(); }

std::uint16_t Server::start_control(const std::string& address, std::uint16_t port) {
  impl_->control = std::make_unique<detail::HttpControl>(*this, address, port);
  return impl_->control->port();
}

}  // namespace tlsrpt::fakedns
