#include "generators/load/target.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <stdexcept>

namespace tlsrpt::gen::load {
namespace {

std::uint16_t port_of(const std::string& text, std::uint16_t fallback) {
  if (text.empty()) return fallback;
  try {
    const auto v = std::stoul(text);
    if (v >= 1 && v <= 65535) return static_cast<std::uint16_t>(v);
  } catch (const std::exception&) {
  }
  throw std::invalid_argument("bad port '" + text + "'");
}

bool is_loopback(const sockaddr* sa) {
  if (sa->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(sa);
    return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  }
  if (sa->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
    return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
  }
  return false;
}

}  // namespace

Target parse_target(const std::string& text) {
  Target t;
  t.text = text;
  auto rest = [&](std::string_view prefix) { return text.substr(prefix.size()); };
  if (text.starts_with("dir:")) {
    t.scheme = Scheme::dir;
    t.path = rest("dir:");
  } else if (text.starts_with("maildir:")) {
    t.scheme = Scheme::maildir;
    t.path = rest("maildir:");
  } else if (text.starts_with("https://") || text.starts_with("smtp://")) {
    const bool https = text.starts_with("https://");
    t.scheme = https ? Scheme::https : Scheme::smtp;
    const auto authority_and_path = rest(https ? "https://" : "smtp://");
    const auto slash = authority_and_path.find('/');
    const auto authority = authority_and_path.substr(0, slash);
    t.path = slash == std::string::npos ? "/" : authority_and_path.substr(slash);
    std::string port;
    if (!authority.empty() && authority[0] == '[') {
      const auto close = authority.find(']');
      if (close == std::string::npos) throw std::invalid_argument("bad IPv6 literal in " + text);
      t.host = authority.substr(1, close - 1);
      if (close + 1 < authority.size() && authority[close + 1] == ':') port = authority.substr(close + 2);
    } else {
      const auto colon = authority.rfind(':');
      t.host = authority.substr(0, colon);
      if (colon != std::string::npos) port = authority.substr(colon + 1);
    }
    t.port = port_of(port, https ? 443 : 25);
  } else {
    throw std::invalid_argument("target must be https://…, smtp://…, dir:PATH or maildir:PATH, not '" + text + "'");
  }
  if ((t.scheme == Scheme::https || t.scheme == Scheme::smtp) && t.host.empty())
    throw std::invalid_argument("no host in " + text);
  if ((t.scheme == Scheme::dir || t.scheme == Scheme::maildir) && t.path.empty())
    throw std::invalid_argument("no directory in " + text);
  return t;
}

std::string check_loopback(const Target& t, bool allow_remote) {
  if (t.scheme == Scheme::dir || t.scheme == Scheme::maildir) return {};
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(t.host.c_str(), nullptr, &hints, &res) != 0 || !res)
    throw std::invalid_argument("cannot resolve " + t.host);
  bool all_loopback = true;
  for (auto* ai = res; ai; ai = ai->ai_next) all_loopback = all_loopback && is_loopback(ai->ai_addr);
  freeaddrinfo(res);
  if (all_loopback) return {};
  if (!allow_remote)
    throw std::invalid_argument(t.host + " is not a loopback address; load only targets 127.0.0.0/8 and ::1 "
                                         "unless --allow-remote is given");
  return "WARNING: --allow-remote: sending load to " + t.host +
         ", which is NOT loopback. Make sure you own this receiver and may flood it.";
}

}  // namespace tlsrpt::gen::load
