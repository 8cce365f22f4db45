#include "core/util/ip_text.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace tlsrpt {
namespace {

// inet_pton wants a NUL-terminated string; addresses are short, so a stack copy does.
bool to_cstr(std::string_view text, char (&buf)[INET6_ADDRSTRLEN + 1]) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return false;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  return std::memchr(text.data(), '\0', text.size()) == nullptr;
}

}  // namespace

IpText classify_ip(std::string_view text) {
  char buf[INET6_ADDRSTRLEN + 1];
  if (!to_cstr(text, buf)) return IpText::invalid;
  unsigned char addr[16];
  if (text.find(':') == std::string_view::npos)
    return inet_pton(AF_INET, buf, addr) == 1 ? IpText::ipv4 : IpText::invalid;
  if (inet_pton(AF_INET6, buf, addr) != 1) return IpText::invalid;
  char canon[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, addr, canon, sizeof canon)) return IpText::invalid;
  return text == canon ? IpText::ipv6_canonical : IpText::ipv6_noncanonical;
}

std::string canonical_ipv6(std::string_view text) {
  char buf[INET6_ADDRSTRLEN + 1];
  unsigned char addr[16];
  char canon[INET6_ADDRSTRLEN];
  if (!to_cstr(text, buf) || inet_pton(AF_INET6, buf, addr) != 1 || !inet_ntop(AF_INET6, addr, canon, sizeof canon))
    return {};
  return canon;
}

}  // namespace tlsrpt
