#include "fakemx/policy/policy_server.hpp"

#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>

#include "fakemx/http/pki_identity.hpp"
#include "fakemx/policy/cert_fault.hpp"
#include "fakemx/policy/fault.hpp"

namespace tlsrpt::fakemx::policy {

namespace {

constexpr std::string_view kHostPrefix = "mta-sts.";

struct Domain {
  std::vector<std::string> lines;
  http::TlsIdentity healthy;
  const PolicyFault* fault = nullptr;
  std::string cert_fault;
  std::uint32_t fault_left = 0;  // 0: until cleared
};

}  // namespace

struct PolicyServer::Impl {
  PolicyServerConfig config;
  mutable std::mutex mutex;
  std::map<std::string, Domain> domains;
  std::vector<PolicyFetch> fetches;
  std::unique_ptr<http::Server> server;

  UnixSeconds now() const {
    if (config.now) return config.now();
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }

  http::TlsIdentity mint(const std::string& domain, pki::Profile profile) const {
    if (!config.pki) throw std::invalid_argument("policy server: no PKI to mint a certificate for " + domain);
    pki::LeafRequest request;
    request.host = std::string(kHostPrefix) + domain;
    request.profile = profile;
    request.now = now();
    return http::identity_from(config.pki->mint(request));
  }

  Domain& domain(const std::string& name) {
    auto it = domains.find(name);
    if (it == domains.end()) throw std::invalid_argument("policy server does not serve " + name);
    return it->second;
  }

  // The policy domain a request is for: SNI first, else the Host header; "mta-sts." stripped.
  static std::string domain_of(const http::Request& request) {
    std::string host = request.sni.empty() ? request.host() : request.sni;
    for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (host.rfind(kHostPrefix, 0) == 0) host.erase(0, kHostPrefix.size());
    return host;
  }

  http::Response handle(const http::Request& request) {
    PolicyFetch fetch{domain_of(request), request.remote_ip, request.sni, request.target, "", 0};
    http::Response response = answer(request, fetch);
    if (response.disposition == http::Disposition::respond) fetch.status = response.status;
    std::lock_guard lock(mutex);
    fetches.push_back(std::move(fetch));
    return response;
  }

  http::Response answer(const http::Request& request, PolicyFetch& fetch) {
    std::unique_lock lock(mutex);
    auto it = domains.find(fetch.domain);
    if (it == domains.end()) {
      fetch.domain.clear();
      return http::Response::text(404, "no MTA-STS policy is served for this host\n");
    }
    if (request.path() != kPolicyPath) return http::Response::text(404, "not found\n");
    if (request.method != "GET")
      return http::Response::text(405, "use GET\n").with("Allow", "GET");
    Domain& d = it->second;
    const std::vector<std::string> lines = d.lines;
    const PolicyFault* fault = d.fault;
    if (fault && d.fault_left > 0 && --d.fault_left == 0) d.fault = nullptr;
    lock.unlock();
    const PolicyContext context{fetch.domain, lines};
    if (!fault) return healthy_response(context);
    fetch.fault = std::string(fault->name());
    return fault->respond(context);
  }
};

PolicyServer::PolicyServer(PolicyServerConfig config) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  http::ServerConfig server_config;
  server_config.address = impl_->config.address;
  server_config.port = impl_->config.port;
  server_config.tls = true;
  server_config.limits = impl_->config.limits;
  server_config.threads = impl_->config.threads;
  impl_->server = std::make_unique<http::Server>(server_config,
                                                 [impl = impl_.get()](const http::Request& r) { return impl->handle(r); });
}

PolicyServer::~PolicyServer() { stop(); }

void PolicyServer::add_domain(const std::string& domain, std::vector<std::string> lines,
                              std::optional<http::TlsIdentity> identity) {
  Domain d;
  d.lines = std::move(lines);
  d.healthy = identity ? *identity : impl_->mint(domain, pki::Profile::valid);
  impl_->server->set_identity(std::string(kHostPrefix) + domain, d.healthy);
  std::lock_guard lock(impl_->mutex);
  impl_->domains[domain] = std::move(d);
}

void PolicyServer::set_policy(const std::string& domain, std::vector<std::string> lines) {
  std::lock_guard lock(impl_->mutex);
  impl_->domain(domain).lines = std::move(lines);
}

void PolicyServer::set_identity(const std::string& domain, const http::TlsIdentity& identity) {
  std::lock_guard lock(impl_->mutex);
  Domain& d = impl_->domain(domain);
  d.healthy = identity;
  if (d.cert_fault.empty()) impl_->server->set_identity(std::string(kHostPrefix) + domain, identity);
}

void PolicyServer::set_fault(const std::string& domain, const std::string& fault, std::uint32_t times) {
  if (auto profile = cert_fault_profile(fault)) {
    const http::TlsIdentity broken = impl_->mint(domain, *profile);
    std::lock_guard lock(impl_->mutex);
    Domain& d = impl_->domain(domain);
    d.cert_fault = fault;
    impl_->server->set_identity(std::string(kHostPrefix) + domain, broken);
    return;
  }
  const PolicyFault* found = find_fault(fault);
  if (!found) throw std::invalid_argument("unknown policy host fault '" + fault + "'");
  std::lock_guard lock(impl_->mutex);
  Domain& d = impl_->domain(domain);
  d.fault = found;
  d.fault_left = times;
}

void PolicyServer::clear_fault(const std::string& domain) {
  std::lock_guard lock(impl_->mutex);
  Domain& d = impl_->domain(domain);
  d.fault = nullptr;
  d.fault_left = 0;
  if (!d.cert_fault.empty()) impl_->server->set_identity(std::string(kHostPrefix) + domain, d.healthy);
  d.cert_fault.clear();
}

std::vector<std::string> PolicyServer::fault_names() {
  std::vector<std::string> names;
  for (const auto& f : all_faults()) names.emplace_back(f->name());
  for (auto& name : cert_fault_names()) names.push_back(std::move(name));
  return names;
}

void PolicyServer::start() { impl_->server->start(); }
void PolicyServer::stop() { impl_->server->stop(); }
std::uint16_t PolicyServer::port() const { return impl_->server->port(); }
const std::string& PolicyServer::address() const { return impl_->server->address(); }

std::vector<PolicyFetch> PolicyServer::fetches() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->fetches;
}

std::vector<std::string> policy_lines(const std::string& mode, const std::vector<std::string>& mx, std::int64_t max_age) {
  std::vector<std::string> lines = {"version: STSv1", "mode: " + mode};
  for (const auto& m : mx) lines.push_back("mx: " + m);
  lines.push_back("max_age: " + std::to_string(max_age));
  return lines;
}

}  // namespace tlsrpt::fakemx::policy
