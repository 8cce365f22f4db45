#include "fakemx/sink/sink_flags.hpp"

#include <CLI/CLI.hpp>

#include <stdexcept>

#include "fakemx/http/pki_identity.hpp"
#include "fakemx/pki/authority.hpp"
#include "fakemx/sink/dkim_trust.hpp"
#include "fakemx/smtp/host_spec.hpp"

namespace tlsrpt::fakemx::sink {

namespace {

// "NAME=127.x.y.z[:PORT]" into the config's HTTPS listener; returns NAME.
std::string apply_https(const std::string& spec, SinkConfig& config) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--sink-https must be NAME=127.x.y.z[:PORT]");
  try {
    smtp::parse_loopback_endpoint(spec.substr(eq + 1), config.https_address, config.https_port);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("--sink-https: ") + e.what());
  }
  return spec.substr(0, eq);
}

KeyLookup trusted_keys(const SinkFlags& flags, std::ostream& out) {
  std::vector<TrustedDkimKey> keys;
  for (const auto& spec : flags.dkim_keys) {
    keys.push_back(parse_trusted_key(spec));
    out << "sink dkim-key " << keys.back().selector << "._domainkey." << keys.back().domain << '\n';
  }
  KeyLookup dns;
  if (!flags.dkim_dns.empty()) {
    const auto source = parse_dns_key_source(flags.dkim_dns);
    out << "sink dkim-dns " << source.address << ':' << source.port << '\n';
    dns = dns_key_lookup(source);
  }
  if (keys.empty() && !dns)
    out << "sink dkim unchecked (report mail is stored but not accepted; give --dkim-key or --dkim-dns)\n";
  return chain_lookups(key_file_lookup(std::move(keys)), std::move(dns));
}

}  // namespace

void add_sink_flags(CLI::App& app, SinkFlags& flags) {
  app.add_option("--sink", flags.dir, "store mail received by every host in a report sink at this directory");
  app.add_option("--sink-https", flags.https, "NAME=127.x.y.z[:PORT]: the sink also takes HTTPS POSTs (needs --sink)");
  app.add_option("--dkim-key", flags.dkim_keys,
                 "SELECTOR._domainkey.DOMAIN=FILE: the sink trusts this key (PEM public or private key, or the "
                 "TXT record text) for report mail signed s=SELECTOR d=DOMAIN; DOMAIN * means any (repeatable)");
  app.add_option("--dkim-dns", flags.dkim_dns,
                 "127.x.y.z[:PORT]: the sink asks this DNS server for SELECTOR._domainkey.DOMAIN TXT keys that "
                 "no --dkim-key gives");
  app.add_option("--profile", flags.profile,
                 "the sink's validation: strict (RFC 8460 as written; anything else is quarantined) or lenient "
                 "(accepts what real reporters send, keeping strict's objections as warnings)")
      ->check(CLI::IsMember({"strict", "lenient"}))
      ->capture_default_str();
}

std::unique_ptr<Sink> start_sink(const SinkFlags& flags, const pki::Authority& authority, UnixSeconds now,
                                 std::ostream& out) {
  if (flags.dir.empty()) {
    for (const bool given : {!flags.https.empty(), !flags.dkim_keys.empty(), !flags.dkim_dns.empty()})
      if (given) throw std::invalid_argument("--sink-https, --dkim-key and --dkim-dns need --sink");
    return nullptr;
  }
  SinkConfig config;
  config.dir = flags.dir;
  config.https = !flags.https.empty();
  config.profile = flags.profile == "lenient" ? Profile::lenient : Profile::strict;
  const std::string https_name = config.https ? apply_https(flags.https, config) : "";
  config.dkim_key_lookup = trusted_keys(flags, out);

  auto sink = std::make_unique<Sink>(config);
  if (config.https) {
    pki::LeafRequest request;
    request.host = https_name;
    request.now = now;
    sink->set_identity(https_name, http::identity_from(authority.mint(request)));
    sink->start();
    out << "sink https://" << https_name << "/ at " << config.https_address << ':' << sink->https_port() << '\n';
  }
  out << "sink profile " << flags.profile << '\n';
  out << "sink store " << config.dir.string() << " (every host's mail goes here)\n";
  return sink;
}

}  // namespace tlsrpt::fakemx::sink
