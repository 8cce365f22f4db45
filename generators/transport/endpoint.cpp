// URL and address parsing for the report client: https://host[:port][/path], smtp://host[:port],
// host[:port], with IPv6 literals in brackets.
#include <stdexcept>
#include <string>

#include "generators/transport/report_client.hpp"

namespace tlsrpt::gen::transport {
namespace {

std::uint16_t parse_port(std::string_view text, std::string_view whole) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string_view::npos)
    throw std::invalid_argument("bad port '" + std::string(text) + "' in '" + std::string(whole) + "'");
  const auto value = std::stoul(std::string(text));
  if (value < 1 || value > 65535)
    throw std::invalid_argument("port out of range in '" + std::string(whole) + "'");
  return static_cast<std::uint16_t>(value);
}

bool has_control_or_space(std::string_view s) {
  for (const unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return true;
  return false;
}

// "host", "host:port", "[v6]", "[v6]:port" -> host and port (default_port when absent).
Endpoint parse_authority(std::string_view authority, std::uint16_t default_port, std::string_view whole) {
  Endpoint e;
  e.port = default_port;
  if (authority.find('@') != std::string_view::npos)
    throw std::invalid_argument("user information is not supported in '" + std::string(whole) + "'");
  if (authority.starts_with("[")) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("unclosed IPv6 literal in '" + std::string(whole) + "'");
    e.host = authority.substr(1, close - 1);
    const auto rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') throw std::invalid_argument("junk after IPv6 literal in '" + std::string(whole) + "'");
      e.port = parse_port(rest.substr(1), whole);
    }
  } else {
    const auto colon = authority.rfind(':');
    e.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) e.port = parse_port(authority.substr(colon + 1), whole);
  }
  if (e.host.empty()) throw std::invalid_argument("no host in '" + std::string(whole) + "'");
  if (has_control_or_space(e.host) || e.host.find_first_of("/?#[]") != std::string::npos)
    throw std::invalid_argument("bad host in '" + std::string(whole) + "'");
  return e;
}

}  // namespace

Endpoint parse_https_url(std::string_view url) {
  constexpr std::string_view scheme = "https://";
  if (url.size() < scheme.size() || url.substr(0, scheme.size()) != scheme)
    throw std::invalid_argument("not an https:// URL: '" + std::string(url) + "'");
  const auto rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  Endpoint e = parse_authority(rest.substr(0, slash), 443, url);
  e.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (has_control_or_space(e.path)) throw std::invalid_argument("spaces or control characters in the path of '" + std::string(url) + "'");
  if (const auto hash = e.path.find('#'); hash != std::string::npos) e.path.erase(hash);
  return e;
}

Endpoint parse_smtp_address(std::string_view text) {
  constexpr std::string_view scheme = "smtp://";
  auto rest = text;
  if (rest.size() >= scheme.size() && rest.substr(0, scheme.size()) == scheme) rest.remove_prefix(scheme.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find('/') != std::string_view::npos)
    throw std::invalid_argument("an SMTP address has no path: '" + std::string(text) + "'");
  Endpoint e = parse_authority(rest, 25, text);
  e.path.clear();
  return e;
}

}  // namespace tlsrpt::gen::transport
