#include "generators/load/target.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <stdexcept>

namespace tlsrpt::gen::load {
namespace {

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

Target parse_target(const std::string& text, const std::string& address) {
  Target t;
  t.text = text;
  if (text.starts_with("dir:") || text.starts_with("maildir:")) {
    const bool maildir = text.starts_with("maildir:");
    t.scheme = maildir ? Scheme::maildir : Scheme::dir;
    t.dir = text.substr(maildir ? 8 : 4);
    if (t.dir.empty()) throw std::invalid_argument("no directory in " + text);
    return t;
  }
  if (text.starts_with("https://")) {
    t.scheme = Scheme::https;
    t.endpoint = transport::parse_https_url(text);
  } else if (text.starts_with("smtp://")) {
    t.scheme = Scheme::smtp;
    t.endpoint = transport::parse_smtp_address(text);
  } else {
    throw std::invalid_argument("target must be https://…, smtp://…, dir:PATH or maildir:PATH, not '" + text + "'");
  }
  t.endpoint.address = address;
  return t;
}

std::string check_loopback(const Target& t, bool allow_remote) {
  if (t.scheme == Scheme::dir || t.scheme == Scheme::maildir) return {};
  const std::string& host = t.endpoint.address.empty() ? t.endpoint.host : t.endpoint.address;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0 || !res)
    throw std::invalid_argument("cannot resolve " + host);
  bool all_loopback = true;
  for (auto* ai = res; ai; ai = ai->ai_next) all_loopback = all_loopback && is_loopback(ai->ai_addr);
  freeaddrinfo(res);
  if (all_loopback) return {};
  if (!allow_remote)
    throw std::invalid_argument(host + " is not a loopback address; load only targets 127.0.0.0/8 and ::1 "
                                         "unless --allow-remote is given");
  return "WARNING: --allow-remote: sending load to " + host +
         ", which is NOT loopback. Make sure you own this receiver and may flood it.";
}

}  // namespace tlsrpt::gen::load
