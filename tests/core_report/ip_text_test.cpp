// classify_ip / canonical_ipv6 read and print addresses themselves; they must agree with the C
// library's inet_pton / inet_ntop on every input, valid or not. Compared here on generated texts.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/util/ip_text.hpp"
#include "core/util/rng.hpp"

namespace tlsrpt {
namespace {

// What the validator made of addresses with inet_pton / inet_ntop.
IpText libc_classify(const std::string& text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN || text.find('\0') != std::string::npos)
    return IpText::invalid;
  unsigned char addr[16];
  if (text.find(':') == std::string::npos)
    return inet_pton(AF_INET, text.c_str(), addr) == 1 ? IpText::ipv4 : IpText::invalid;
  if (inet_pton(AF_INET6, text.c_str(), addr) != 1) return IpText::invalid;
  char canon[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, addr, canon, sizeof canon)) return IpText::invalid;
  return text == canon ? IpText::ipv6_canonical : IpText::ipv6_noncanonical;
}

std::string libc_canonical(const std::string& text) {
  unsigned char addr[16];
  char canon[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET6, text.c_str(), addr) != 1 || !inet_ntop(AF_INET6, addr, canon, sizeof canon)) return {};
  return canon;
}

void expect_agrees(const std::string& text) {
  ASSERT_EQ(classify_ip(text), libc_classify(text)) << '"' << text << '"';
  if (text.find('\0') == std::string::npos && text.size() <= INET6_ADDRSTRLEN) {
    ASSERT_EQ(canonical_ipv6(text), libc_canonical(text)) << '"' << text << '"';
  }
}

TEST(IpTextAgainstLibc, HandPickedEdges) {
  for (const char* t :
       {"0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "01.2.3.4", "1.2.3.04",
        "1.2.3.4 ", "::", "::1", "1::", ":1", "1:", ":::", "1:::2", "::1:", "1::2::3", "::ffff:1.2.3.4",
        "::FFFF:1.2.3.4", "::1.2.3.4", "::0.0.0.1", "::ffff:0.0.0.0", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:0:0:1:0:0:0:1",
        "1:0:0:0:1:0:0:1", "0:0:1:0:0:1:0:0", "1:0:1:0:1:0:1:0", "2001:db8::0:1", "2001:0db8::1", "12345::",
        "::12345", "abcd::ef01", "ABCD::EF01", "g::1", "::1.2.3", "::1.2.3.4.5", "::256.1.1.1", "::01.2.3.4",
        "1.2.3.4::", "::ffff:1.2.3.4:1", "0000:0000:0000:0000:0000:0000:255.255.255.255", "fe80::1%eth0", ""})
    expect_agrees(t);
}

TEST(IpTextAgainstLibc, GeneratedAddressesAndNearMisses) {
  Rng rng(8460);
  const std::string alphabet = "0123456789abcdefABCDEF:.:.x ";
  for (int n = 0; n < 200000; ++n) {
    std::string t;
    switch (n % 4) {
      case 0: {  // a random address, printed by inet_ntop, perhaps disturbed
        unsigned char addr[16];
        for (auto& b : addr) b = static_cast<unsigned char>(rng.chance(0.5) ? 0 : rng.below(256));
        if (rng.chance(0.2)) addr[10] = addr[11] = 0xff;
        char text[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, addr, text, sizeof text);
        t = text;
        if (rng.chance(0.5)) t[rng.below(t.size())] = alphabet[rng.below(alphabet.size())];
        break;
      }
      case 1: {  // eight explicit groups, some with leading zeros or upper case
        for (int g = 0; g < 8; ++g) {
          if (g) t += ':';
          const unsigned v = rng.chance(0.4) ? 0 : static_cast<unsigned>(rng.below(0x10000));
          char buf[8];
          std::snprintf(buf, sizeof buf, rng.chance(0.2) ? "%04X" : "%x", v);
          t += buf;
        }
        break;
      }
      case 2: {  // dotted quads, some out of range or with leading zeros
        for (int o = 0; o < 4; ++o) {
          if (o) t += '.';
          t += std::to_string(rng.below(rng.chance(0.1) ? 300 : 256));
          if (rng.chance(0.03)) t.insert(t.size() - 1, "0");
        }
        break;
      }
      default:  // junk from the address alphabet
        for (std::size_t k = 0, len = 1 + rng.below(20); k < len; ++k) t += alphabet[rng.below(alphabet.size())];
    }
    expect_agrees(t);
  }
}

// Every change of one character (replaced, deleted, or one inserted) of addresses of each shape:
// the texts nearest to valid ones, where a reader that decides RFC 5952 form while reading could
// go wrong.
TEST(IpTextAgainstLibc, EverySingleCharacterChangeOfValidAddresses) {
  const std::string alphabet = "0129afAF:.x";
  for (const std::string sample :
       {"192.0.2.1", "255.255.255.255", "2001:db8::1", "2001:db8:abcd:12::1", "::", "::1", "1::", "::ffff:192.0.2.1",
        "::192.0.2.1", "1:0:0:1::1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "::1:2:3:4:5:6:7"}) {
    expect_agrees(sample);
    for (std::size_t k = 0; k <= sample.size(); ++k) {
      if (k < sample.size()) expect_agrees(std::string(sample).erase(k, 1));
      for (char c : alphabet) {
        if (k < sample.size()) {
          std::string t = sample;
          t[k] = c;
          expect_agrees(t);
        }
        expect_agrees(std::string(sample).insert(k, 1, c));
      }
    }
  }
}

}  // namespace
}  // namespace tlsrpt
