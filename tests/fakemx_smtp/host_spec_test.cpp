// The `tlsrpt-lab mx` host and attacker descriptions.
#include <gtest/gtest.h>

#include "fakemx/smtp/host_spec.hpp"

namespace smtp = tlsrpt::fakemx::smtp;
using tlsrpt::fakemx::pki::Profile;

TEST(HostSpec, ParsesEveryOption) {
  const auto s = smtp::parse_host_spec(
      "mx1.example.test=127.0.1.1:2525,profile=expired,key=rsa,fault=starttls-454,alt-profile=wrong-name,"
      "fault-count=3");
  EXPECT_EQ(s.hostname, "mx1.example.test");
  EXPECT_EQ(s.address, "127.0.1.1");
  EXPECT_EQ(s.port, 2525);
  EXPECT_EQ(s.profile, Profile::expired);
  EXPECT_EQ(s.key, tlsrpt::fakemx::pki::KeyType::rsa2048);
  EXPECT_EQ(s.faults, std::vector<std::string>{"starttls-454"});
  EXPECT_EQ(s.alt_profiles, std::vector<Profile>{Profile::wrong_name});
  EXPECT_EQ(s.trigger.count, 3u);
  const auto plain = smtp::parse_host_spec("mx=127.9.9.9,profile=none,fault-probability=0.25");
  EXPECT_EQ(plain.port, 0);
  EXPECT_FALSE(plain.tls);
  EXPECT_DOUBLE_EQ(plain.trigger.probability, 0.25);
}

TEST(HostSpec, RejectsWithAClearMessage) {
  const std::pair<const char*, const char*> bad[] = {
      {"mx=10.0.0.1", "only loopback"},
      {"mx=127.0.0.1:99999", "bad port"},
      {"mx=localhost", "not an IPv4 address"},
      {"=127.0.0.1", "must start with NAME="},
      {"mx=127.0.0.1,profile=nope", "unknown certificate profile 'nope'"},
      {"mx=127.0.0.1,fault=nope", "unknown fault 'nope'"},
      {"mx=127.0.0.1,color=red", "unknown --host option 'color'"},
      {"mx=127.0.0.1,fault-probability=2", "within [0, 1]"},
      {"mx=127.0.0.1,profile", "key=value"},
  };
  for (const auto& [text, message] : bad) {
    try {
      smtp::parse_host_spec(text);
      ADD_FAILURE() << text;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << text << ": " << e.what();
    }
  }
}

TEST(AttackerSpec, Parses) {
  const auto a = smtp::parse_attacker_spec("mx1.example.test=127.0.9.1:25,mode=answer-454");
  EXPECT_EQ(a.target_host, "mx1.example.test");
  EXPECT_EQ(a.port, 25);
  EXPECT_EQ(a.mode, tlsrpt::fakemx::attacker::AttackMode::answer_454);
  EXPECT_THROW(smtp::parse_attacker_spec("mx=127.0.0.1,mode=evil"), std::invalid_argument);
}
