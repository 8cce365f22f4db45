#include "sim/runner/live/world.hpp"

#include <atomic>
#include <cctype>
#include <map>
#include <mutex>

#include "core/formats/dkim.hpp"
#include "fakedns/server.hpp"
#include "fakemx/attacker/attacker.hpp"
#include "fakemx/http/pki_identity.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/pki/seeded_key.hpp"
#include "fakemx/pki/tlsa.hpp"
#include "fakemx/policy/policy_server.hpp"
#include "fakemx/sink/smtp_intake.hpp"
#include "fakemx/smtp/mx_server.hpp"
#include "sim/mta/dns/resolver.hpp"

namespace tlsrpt::runner {
namespace {

namespace pki = fakemx::pki;

// The scenario's own 127.a.b.0/24, from its id: the addresses in its reports (sending-mta-ip,
// receiving-ip) are the same on every run and machine. Runs of the same scenario at the same
// time share the addresses safely: every listener binds port 0 and every client source port 0,
// and senders connect to the port their own world gives them.
std::string scenario_prefix(const std::string& id) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ULL;
  const unsigned a = 100 + static_cast<unsigned>(h % 100);
  const unsigned b = 1 + static_cast<unsigned>((h / 100) % 250);
  return "127." + std::to_string(a) + "." + std::to_string(b) + ".";
}

std::string slug(const std::string& org) {
  std::string out;
  for (char c : org) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "sender" : out;
}

pki::LeafRequest leaf_request(const scenario::CertSpec& cert, const std::string& host, UnixTime now) {
  pki::LeafRequest request;
  request.host = host;
  request.now = now;
  std::string name = cert.profile.empty() ? "valid" : cert.profile;
  auto profile = pki::parse_profile(name);
  if (!profile) {
    for (char& c : name) c = c == '-' ? '_' : c;
    profile = pki::parse_profile(name);
  }
  request.profile = profile.value_or(pki::Profile::valid);
  request.not_before = cert.not_before;
  if (cert.not_after) {
    request.not_after = cert.not_after;
    if (request.profile == pki::Profile::valid) request.profile = pki::Profile::expiring_at;
  }
  return request;
}

std::string policy_fault_name(const std::string& fault) {
  if (fault == "404") return "http-404";
  if (fault == "500") return "http-500";
  if (fault == "malformed") return "malformed-policy";
  return fault;  // timeout, redirect, wrong-content-type
}

std::string dnssec_mode(const std::string& mode) {
  if (mode == "bogus-expired") return "bogus-expired-signatures";
  if (mode == "bogus-signature") return "bogus-bad-signature";
  return mode;
}

std::string parent_zone(const std::string& host, const std::string& domain) {
  if (host == domain || (host.size() > domain.size() && host.ends_with("." + domain))) return domain;
  const auto dot = host.find('.');
  return dot == std::string::npos ? host : host.substr(dot + 1);
}

std::string txt_rdata(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 255) {  // character-strings hold 255 bytes
    out += (i ? " \"" : "\"");
    for (char c : text.substr(i, 255)) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out.empty() ? "\"\"" : out;
}

fakedns::ServerOptions dns_options(const std::string& address, std::uint64_t seed) {
  fakedns::ServerOptions options;
  options.address = address;
  options.seed = seed;
  return options;
}

fakemx::smtp::MxHostConfig host_config(const std::string& hostname, const std::string& address, std::uint64_t seed) {
  fakemx::smtp::MxHostConfig config;
  config.hostname = hostname;
  config.address = address;
  config.seed = seed;
  return config;
}

pki::LeafRequest plain_leaf(const std::string& host, UnixTime now) {
  pki::LeafRequest request;
  request.host = host;
  request.now = now;
  return request;
}

}  // namespace

struct World::Impl {
  const scenario::Scenario& s;
  std::filesystem::path dir;
  std::string prefix;
  pki::Authority authority;
  fakedns::Server dns;
  fakemx::smtp::MxServer mx_server{2};
  std::unique_ptr<fakemx::policy::PolicyServer> policy;
  std::unique_ptr<sim::Resolver> sink_dns;  // the sink reads DKIM keys from the scenario's DNS
  std::unique_ptr<fakemx::sink::Sink> sink;
  std::map<std::string, std::string> mx_ip;                // host -> ip
  std::map<std::string, fakemx::smtp::MxHost> mx_hosts;    // host -> handle
  std::map<std::string, std::shared_ptr<const pki::Credential>> credentials;
  std::map<std::string, std::shared_ptr<const pki::Credential>> tlsa_basis;  // the cert a TLSA record was computed from
  std::map<std::string, std::unique_ptr<fakemx::attacker::Attacker>> attackers;
  std::vector<std::string> sender_domains;      // by sender index
  std::map<std::string, std::string> dkim_keys;  // sender domain -> private key PEM
  std::string policy_ip, sink_ip;
  std::uint16_t sink_smtp_port = 0;
  mutable std::mutex mutex;  // guards ports that change (attackers, refused policy host)
  std::map<std::string, std::uint16_t> smtp_ports;       // ip -> port senders should use
  bool policy_refused = false;
  std::atomic<int> delivery_fault{0};  // 0 none, 4 tempfail, 5 refuse
  WorldState current;
  bool first_apply = true;

  Impl(const scenario::Scenario& scenario, std::filesystem::path work_dir)
      : s(scenario), dir(std::move(work_dir)), prefix(scenario_prefix(scenario.id)),
        authority(pki::Authority::create_seeded(scenario.start, scenario.seed)),
        dns(dns_options(prefix + "53", scenario.seed)) {}

  std::string tlsa_rdata(const std::string& host, scenario::TlsaState state) {
    const auto& cred = *tlsa_basis.at(host);
    switch (state) {
      case scenario::TlsaState::match:
        return pki::tlsa_for(cred, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki, pki::TlsaMatching::sha256).text();
      case scenario::TlsaState::ta_match:
        return pki::tlsa_for(cred, pki::TlsaUsage::dane_ta, pki::TlsaSelector::spki, pki::TlsaMatching::sha256).text();
      case scenario::TlsaState::wrong:
        return pki::with_flipped_byte(pki::tlsa_for(cred, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki,
                                                    pki::TlsaMatching::sha256)).text();
      case scenario::TlsaState::malformed: {
        auto record = pki::tlsa_for(cred, pki::TlsaUsage::dane_ee, pki::TlsaSelector::spki, pki::TlsaMatching::sha256);
        std::string text = record.text();
        return "255" + text.substr(text.find(' '));  // an unusable certificate usage
      }
      case scenario::TlsaState::none: break;
    }
    return {};
  }

  void set_tlsa(const std::string& host, scenario::TlsaState state) {
    const std::string owner = "_25._tcp." + host + ".";
    if (state == scenario::TlsaState::none) dns.remove_rrset(owner, "TLSA");
    else dns.set_rrset(owner, "TLSA", 300, {tlsa_rdata(host, state)});
  }

  void set_mx_records(const std::vector<std::string>& hosts) {
    std::vector<std::string> rdatas;
    for (const auto& host : hosts) rdatas.push_back(std::to_string(s.find_mx(host)->preference) + " " + host + ".");
    dns.set_rrset(s.domain + ".", "MX", 300, rdatas);
  }

  void set_policy(const scenario::StsPolicy& p) {
    std::vector<std::string> mx = p.mx;
    if (mx.empty())
      for (const auto& host : current.published_mx) mx.push_back(host);
    policy->set_policy(s.domain, fakemx::policy::policy_lines(p.mode, mx, p.max_age));
    dns.set_rrset("_mta-sts." + s.domain + ".", "TXT", 300, {txt_rdata("v=STSv1; id=" + p.id)});
  }

  void set_policy_fault(const std::string& fault) {
    const std::lock_guard lock(mutex);
    policy_refused = fault == "refused";
    if (fault == "none" || fault == "refused") policy->clear_fault(s.domain);
    else policy->set_fault(s.domain, policy_fault_name(fault));
  }

  void build() {
    std::filesystem::create_directories(dir);
    pki::write_file(dir / "ca.pem", authority.public_root_pem(), 0644);
    policy_ip = prefix + "80";
    sink_ip = prefix + "25";

    // Zones: the recipient domain (signed as asked), any other zone an MX lives in, the reports domain.
    std::map<std::string, fakedns::Zone> zones;
    auto zone_for = [&](const std::string& origin) -> fakedns::Zone& {
      auto it = zones.find(origin);
      if (it == zones.end()) it = zones.emplace(origin, fakedns::Zone(origin)).first;
      return it->second;
    };
    zone_for(s.domain).add_default_soa_ns();
    unsigned index = 10;
    for (const auto& mx : s.mx) {
      const std::string ip = mx.ip.empty() ? prefix + std::to_string(index++) : mx.ip;
      mx_ip[mx.host] = ip;
      auto& zone = zone_for(parent_zone(mx.host, s.domain));
      zone.add_default_soa_ns();
      zone.add_record(mx.host + ".", "A", 300, ip);
      auto host = mx_server.add_host(host_config(mx.host, ip, s.seed));
      auto cred = std::make_shared<const pki::Credential>(authority.mint(leaf_request(mx.cert, mx.host, s.start)));
      host.set_credential(cred);
      credentials[mx.host] = cred;
      tlsa_basis[mx.host] = cred;
      smtp_ports[ip] = host.port();
      mx_hosts.emplace(mx.host, host);
    }
    auto& domain_zone = zone_for(s.domain);
    for (const auto& record : s.tlsrpt) domain_zone.add_record("_smtp._tls." + s.domain + ".", "TXT", 300, txt_rdata(record));
    if (s.mta_sts.present) domain_zone.add_record("mta-sts." + s.domain + ".", "A", 300, policy_ip);

    // Each sender's domain with its DKIM key (RFC 8460 §3: report mail is signed), from the seed.
    for (const auto& sender : s.senders) {
      const std::string domain = slug(sender.org) + ".sender.test";
      sender_domains.push_back(domain);
      if (dkim_keys.count(domain)) continue;
      const auto key = pki::derive_key(pki::KeyType::rsa2048, s.seed, "dkim|" + domain);
      const DkimKeyPair pair = dkim_key_pair(pki::to_pem(key.get()));
      dkim_keys[domain] = pair.private_key_pem;
      auto& zone = zone_for(parent_zone(domain, s.domain));
      zone.add_default_soa_ns();
      zone.add_record("tlsrpt._domainkey." + domain + ".", "TXT", 300, txt_rdata(dkim_txt_record(pair.public_key_b64)));
    }

    auto& report_zone = zone_for(s.report_domain);
    report_zone.add_default_soa_ns();
    report_zone.add_record(s.report_domain + ".", "MX", 300, "10 mx." + s.report_domain + ".");
    report_zone.add_record("mx." + s.report_domain + ".", "A", 300, sink_ip);
    report_zone.add_record(s.report_domain + ".", "A", 300, sink_ip);

    for (auto& [origin, zone] : zones) {
      const bool signed_zone = origin == s.domain || parent_zone(origin, s.domain) == s.domain;
      dns.add_zone(zone, signed_zone ? fakedns::parse_dnssec_mode(dnssec_mode(s.dnssec), s.start)
                                     : fakedns::parse_dnssec_mode("unsigned", s.start));
    }
    dns.start();

    // The report sink: SMTP front door (mailto: rua) and HTTPS (https: rua).
    fakemx::sink::SinkConfig sink_config;
    sink_config.dir = dir / "sink";
    sink_config.https_address = sink_ip;
    sim::ResolverOptions resolver;
    resolver.server = dns.address();
    resolver.port = dns.port();
    resolver.source_address = sink_ip;
    sink_dns = std::make_unique<sim::Resolver>(resolver);
    sink_config.dkim_key_lookup = [this](std::string_view selector,
                                         std::string_view domain) -> std::optional<std::string> {
      const auto answer = sink_dns->query(std::string(selector) + "._domainkey." + std::string(domain), "TXT", s.start);
      if (!answer.ok() || answer.txt.empty()) return std::nullopt;
      std::string text;
      for (const auto& part : answer.txt.front()) text += part;
      return text;
    };
    sink = std::make_unique<fakemx::sink::Sink>(sink_config);
    sink->set_identity(s.report_domain, fakemx::http::identity_from(authority.mint(plain_leaf(s.report_domain, s.start))));
    sink->start();
    auto sink_host = mx_server.add_host(host_config("mx." + s.report_domain, sink_ip, s.seed));
    sink_host.set_credential(std::make_shared<const pki::Credential>(authority.mint(plain_leaf("mx." + s.report_domain, s.start))));
    sink_host.set_message_hook([this](const fakemx::smtp::Envelope& envelope, std::string_view message) {
      const int fault = delivery_fault.load();
      if (fault == 4) return fakemx::smtp::Reply{451, "4.3.0 report mailbox temporarily unavailable"};
      if (fault == 5) return fakemx::smtp::Reply{550, "5.7.1 report mailbox refuses mail"};
      fakemx::sink::SmtpIntakeConfig intake;
      intake.key_lookup = sink->config().dkim_key_lookup;
      const auto reply = fakemx::sink::handle_mail({envelope.peer, envelope.mail_from, envelope.rcpt_to, message},
                                                   sink->store(), intake);
      return fakemx::smtp::Reply{reply.code, reply.text};
    });
    sink_smtp_port = sink_host.port();
    smtp_ports[sink_ip] = sink_smtp_port;

    if (s.mta_sts.present) {
      fakemx::policy::PolicyServerConfig policy_config;
      policy_config.address = policy_ip;
      policy_config.pki = &authority;
      policy_config.now = [this] { return s.start; };
      policy = std::make_unique<fakemx::policy::PolicyServer>(policy_config);
      policy->add_domain(s.domain, {}, fakemx::http::identity_from(
                                           authority.mint(leaf_request(s.mta_sts.host_cert, "mta-sts." + s.domain, s.start))));
      policy->start();
    }
  }

  void apply(const WorldState& next, UnixTime at) {
    const bool all = first_apply;
    first_apply = false;
    const WorldState previous = current;
    current = next;
    for (const auto& [host, state] : next.mx) {
      const MxState* before = all ? nullptr : &previous.mx.at(host);
      auto& handle = mx_hosts.at(host);
      if (before && before->cert_generation != state.cert_generation) {
        auto cred = std::make_shared<const pki::Credential>(authority.mint(leaf_request(state.cert, host, at)));
        handle.set_credential(cred);
        credentials[host] = cred;
      }
      if (!before || before->tlsa != state.tlsa) {
        tlsa_basis[host] = credentials[host];
        set_tlsa(host, state.tlsa);
      }
      if (!before || before->starttls != state.starttls) {
        handle.clear_faults();
        if (!state.starttls) handle.arm_fault("starttls-not-advertised");
      }
      if (!before || before->stripped != state.stripped) set_attacker(host, state.stripped);
    }
    if (all || previous.published_mx != next.published_mx) set_mx_records(next.published_mx);
    if (policy) {
      if (all || previous.policy.mode != next.policy.mode || previous.policy.mx != next.policy.mx ||
          previous.policy.max_age != next.policy.max_age || previous.policy.id != next.policy.id ||
          previous.published_mx != next.published_mx)
        set_policy(next.policy);
      if (all || previous.policy.host_fault != next.policy.host_fault) set_policy_fault(next.policy.host_fault);
    }
    if (all || previous.dns_faults != next.dns_faults) {
      dns.clear_faults();
      for (const auto& [name, fault] : next.dns_faults)
      {
        fakedns::FaultSpec spec;
        spec.kind = fault == "timeout" ? "drop" : fault;
        spec.name = name + ".";
        dns.add_fault(spec);
      }
    }
    delivery_fault = next.report_delivery_fault == "tempfail" ? 4 : next.report_delivery_fault == "refuse" ? 5 : 0;
  }

  void set_attacker(const std::string& host, bool active) {
    const std::string ip = mx_ip.at(host);
    const std::lock_guard lock(mutex);
    if (!active) {
      smtp_ports[ip] = mx_hosts.at(host).port();
      if (auto it = attackers.find(host); it != attackers.end()) it->second->stop();
      return;
    }
    auto& attacker = attackers[host];
    if (!attacker) {
      fakemx::attacker::AttackerConfig config;
      config.listen_address = ip;
      config.upstream_address = ip;
      config.upstream_port = mx_hosts.at(host).port();
      attacker = std::make_unique<fakemx::attacker::Attacker>(config);
    } else if (!attacker->running()) {
      attacker->start();
    }
    smtp_ports[ip] = attacker->port();
  }
};

World::World(const scenario::Scenario& s, const std::filesystem::path& work_dir)
    : impl_(std::make_unique<Impl>(s, work_dir)) {
  impl_->build();
}

World::~World() {
  for (auto& [host, attacker] : impl_->attackers) attacker->stop();
  if (impl_->policy) impl_->policy->stop();
  impl_->mx_server.stop();
  impl_->sink->stop();
  impl_->dns.stop();
}

void World::apply(const WorldState& state, UnixTime at) { impl_->apply(state, at); }
std::string World::dns_address() const { return impl_->dns.address(); }
std::uint16_t World::dns_port() const { return impl_->dns.port(); }

std::vector<std::string> World::trust_anchors() const {
  std::vector<std::string> anchors;
  for (const auto& origin : impl_->dns.zones())
    if (const auto anchor = impl_->dns.trust_anchor(origin); !anchor.empty()) anchors.push_back(anchor.ds);
  return anchors;
}

std::string World::ca_file() const { return (impl_->dir / "ca.pem").string(); }

std::uint16_t World::smtp_port_for(const std::string& ip) const {
  const std::lock_guard lock(impl_->mutex);
  const auto it = impl_->smtp_ports.find(ip);
  return it == impl_->smtp_ports.end() ? 25 : it->second;
}

std::uint16_t World::https_port_for(const std::string& ip) const {
  const std::lock_guard lock(impl_->mutex);
  if (ip == impl_->policy_ip && impl_->policy) return impl_->policy_refused ? 9 : impl_->policy->port();
  if (ip == impl_->sink_ip) return impl_->sink->https_port();
  return 443;
}

std::string World::sender_address(std::size_t index) const { return impl_->prefix + std::to_string(100 + index); }
std::string World::sender_domain(std::size_t index) const { return impl_->sender_domains.at(index); }

std::string World::dkim_private_key(std::size_t index) const {
  return impl_->dkim_keys.at(impl_->sender_domains.at(index));
}

fakemx::sink::Sink& World::sink() { return *impl_->sink; }

}  // namespace tlsrpt::runner
