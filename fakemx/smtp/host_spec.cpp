#include "fakemx/smtp/host_spec.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <stdexcept>

#include "fakemx/smtp/faults/fault.hpp"

namespace tlsrpt::fakemx::smtp {
namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto pos = text.find(sep);
    parts.push_back(text.substr(0, pos));
    if (pos == std::string_view::npos) return parts;
    text.remove_prefix(pos + 1);
  }
}

template <class Number>
Number parse_number(std::string_view text, const char* what) {
  Number value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    throw std::invalid_argument(std::string("bad ") + what + ": '" + std::string(text) + "'");
  return value;
}

// "NAME=ENDPOINT" then ",key=value" pairs.
struct Parsed {
  std::string name, endpoint;
  std::vector<std::pair<std::string_view, std::string_view>> options;
};

Parsed parse_head(std::string_view text, const char* what) {
  const auto parts = split(text, ',');
  const auto eq = parts[0].find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw std::invalid_argument(std::string(what) + " must start with NAME=ADDRESS[:PORT]: '" + std::string(text) + "'");
  Parsed p{std::string(parts[0].substr(0, eq)), std::string(parts[0].substr(eq + 1)), {}};
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto kv = parts[i].find('=');
    if (kv == std::string_view::npos)
      throw std::invalid_argument(std::string(what) + " option must be key=value: '" + std::string(parts[i]) + "'");
    p.options.emplace_back(parts[i].substr(0, kv), parts[i].substr(kv + 1));
  }
  return p;
}

}  // namespace

void parse_loopback_endpoint(std::string_view text, std::string& address, std::uint16_t& port) {
  const auto colon = text.find(':');
  address = std::string(text.substr(0, colon));
  port = colon == std::string_view::npos ? 0 : parse_number<std::uint16_t>(text.substr(colon + 1), "port");
  in_addr addr{};
  if (inet_pton(AF_INET, address.c_str(), &addr) != 1)
    throw std::invalid_argument("not an IPv4 address: '" + address + "'");
  if ((ntohl(addr.s_addr) >> 24) != 127)
    throw std::invalid_argument("only loopback addresses (127.0.0.0/8) may be used: '" + address + "'");
}

HostSpec parse_host_spec(std::string_view text) {
  const Parsed p = parse_head(text, "--host");
  HostSpec spec;
  spec.hostname = p.name;
  parse_loopback_endpoint(p.endpoint, spec.address, spec.port);
  for (const auto& [key, value] : p.options) {
    if (key == "profile") {
      if (value == "none") {
        spec.tls = false;
        continue;
      }
      const auto profile = pki::parse_profile(value);
      if (!profile) throw std::invalid_argument("unknown certificate profile '" + std::string(value) + "'");
      spec.profile = *profile;
    } else if (key == "alt-profile") {
      const auto profile = pki::parse_profile(value);
      if (!profile || *profile == pki::Profile::expiring_at)
        throw std::invalid_argument("unknown alt-profile '" + std::string(value) + "'");
      spec.alt_profiles.push_back(*profile);
    } else if (key == "key") {
      const auto k = pki::parse_key_type(value);
      if (!k) throw std::invalid_argument("unknown key type '" + std::string(value) + "' (ecdsa, rsa, rsa1024)");
      spec.key = *k;
    } else if (key == "fault") {
      if (!find_fault(value)) throw std::invalid_argument("unknown fault '" + std::string(value) + "'");
      spec.faults.emplace_back(value);
    } else if (key == "fault-count") {
      spec.trigger.count = parse_number<std::uint64_t>(value, "fault-count");
    } else if (key == "fault-probability") {
      spec.trigger.probability = parse_number<double>(value, "fault-probability");
      if (spec.trigger.probability < 0 || spec.trigger.probability > 1)
        throw std::invalid_argument("fault-probability must be within [0, 1]");
    } else {
      throw std::invalid_argument("unknown --host option '" + std::string(key) + "'");
    }
  }
  if (spec.profile == pki::Profile::expiring_at)
    throw std::invalid_argument("profile expiring-at needs an instant; use it from a scenario");
  return spec;
}

AttackerSpec parse_attacker_spec(std::string_view text) {
  const Parsed p = parse_head(text, "--attacker");
  AttackerSpec spec;
  spec.target_host = p.name;
  parse_loopback_endpoint(p.endpoint, spec.address, spec.port);
  for (const auto& [key, value] : p.options) {
    if (key != "mode") throw std::invalid_argument("unknown --attacker option '" + std::string(key) + "'");
    const auto mode = attacker::parse_mode(value);
    if (!mode) throw std::invalid_argument("unknown attacker mode '" + std::string(value) + "'");
    spec.mode = *mode;
  }
  return spec;
}

}  // namespace tlsrpt::fakemx::smtp
