// Where the sink's DKIM keys come from: key files in every form a user has at hand (PEM public
// key, the private key, the TXT record, a zone-file line), exact domains before "*", files before
// DNS, and a DNS server that does not answer is a missing key, not a hang.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/formats/dkim.hpp"
#include "fakemx/sink/dkim_key_cache.hpp"
#include "fakemx/sink/dkim_trust.hpp"
#include "tests/fakemx_web/web_client.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;
using namespace fakemx::sink;

std::string public_pem(const std::string& b64) {
  std::string pem = "-----BEGIN PUBLIC KEY-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) pem += b64.substr(i, 64) + "\n";
  return pem + "-----END PUBLIC KEY-----\n";
}

class DkimTrust : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir("sink-dkim-trust");
    key_ = make_dkim_key(1024);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& text) {
    write_file(dir_ / name, text);
    return (dir_ / name).string();
  }
  fs::path dir_;
  DkimKeyPair key_;
};

TEST_F(DkimTrust, EveryKeyFormGivesTheSameRecord) {
  const std::string record = dkim_txt_record(key_.public_key_b64);
  const std::string split = "tlsrpt._domainkey.sender.test. IN TXT \"" + record.substr(0, 100) + "\" \"" +
                            record.substr(100) + "\"\n";
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"public.pem", public_pem(key_.public_key_b64)},
           {"private.pem", key_.private_key_pem},
           {"record.txt", record + "\n"},
           {"zone.txt", "; published\n" + split}}) {
    const auto trusted = parse_trusted_key("tlsrpt._domainkey.sender.test=" + file(name, text));
    EXPECT_EQ(trusted.selector, "tlsrpt") << name;
    EXPECT_EQ(trusted.domain, "sender.test") << name;
    EXPECT_NE(trusted.record.find("p=" + key_.public_key_b64), std::string::npos) << name << ": " << trusted.record;
  }
}

TEST_F(DkimTrust, BadSpecsAndFilesAreClearErrors) {
  const std::string good = file("k.pem", key_.private_key_pem);
  for (const std::string& spec : std::vector<std::string>{"sender.test=" + good, "tlsrpt._domainkey.=" + good, "tlsrpt._domainkey.sender.test",
                                 "_domainkey.sender.test=" + good})
    EXPECT_THROW(parse_trusted_key(spec), std::invalid_argument) << spec;
  EXPECT_THROW(parse_trusted_key("s._domainkey.sender.test=" + (dir_ / "missing.pem").string()), std::invalid_argument);
  EXPECT_THROW(parse_trusted_key("s._domainkey.sender.test=" + file("junk", "hello\n")), std::invalid_argument);
  EXPECT_THROW(parse_trusted_key("s._domainkey.sender.test=" + file("badpub", "-----BEGIN PUBLIC KEY-----\nAAAA\n"
                                                                               "-----END PUBLIC KEY-----\n")),
               std::invalid_argument);
  EXPECT_THROW(parse_dns_key_source("192.0.2.1:53"), std::invalid_argument);
  EXPECT_EQ(parse_dns_key_source("127.0.0.53").port, 53);
  EXPECT_EQ(parse_dns_key_source("127.0.0.53:5353").port, 5353);
}

TEST_F(DkimTrust, ExactDomainBeforeWildcardAndFilesBeforeDns) {
  const auto exact = make_dkim_key(1024);
  const auto lookup = key_file_lookup({parse_trusted_key("tlsrpt._domainkey.*=" + file("any.pem", key_.private_key_pem)),
                                       parse_trusted_key("TLSRPT._domainkey.Sender.Test.=" +
                                                         file("exact.pem", exact.private_key_pem))});
  EXPECT_NE(lookup("tlsrpt", "sender.test")->find(exact.public_key_b64), std::string::npos);
  EXPECT_NE(lookup("tlsrpt", "elsewhere.test")->find(key_.public_key_b64), std::string::npos);
  EXPECT_FALSE(lookup("other", "sender.test").has_value());

  int asked = 0;
  const KeyLookup dns = [&asked](std::string_view, std::string_view) -> std::optional<std::string> {
    ++asked;
    return "v=DKIM1; p=FROMDNS";
  };
  const auto chained = chain_lookups(lookup, dns);
  EXPECT_NE(chained("tlsrpt", "sender.test")->find(exact.public_key_b64), std::string::npos);
  EXPECT_EQ(asked, 0);
  EXPECT_EQ(*chained("other", "sender.test"), "v=DKIM1; p=FROMDNS");
  EXPECT_EQ(asked, 1);
  EXPECT_FALSE(chain_lookups({}, {}));
  EXPECT_FALSE(key_file_lookup({}));
}

TEST_F(DkimTrust, DnsAnswersAreKeptForTheirTtlAndMissingKeysBriefly) {
  auto clock = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  std::vector<std::string> asked;
  std::optional<std::string> published = "v=DKIM1; p=FIRST";
  const auto lookup = cached_key_lookup(
      [&](std::string_view selector, std::string_view domain) {
        asked.push_back(std::string(selector) + "/" + std::string(domain));
        return TimedKey{domain == "gone.test" ? std::nullopt : published, std::chrono::seconds(60)};
      },
      [&] { return clock; });
  EXPECT_EQ(*lookup("tlsrpt", "sender.test"), "v=DKIM1; p=FIRST");
  EXPECT_EQ(*lookup("TLSRPT", "Sender.Test."), "v=DKIM1; p=FIRST");  // the same name
  EXPECT_EQ(asked.size(), 1u);
  published = "v=DKIM1; p=SECOND";  // rolled over: seen once the TTL has run out
  clock += std::chrono::seconds(59);
  EXPECT_EQ(*lookup("tlsrpt", "sender.test"), "v=DKIM1; p=FIRST");
  clock += std::chrono::seconds(2);
  EXPECT_EQ(*lookup("tlsrpt", "sender.test"), "v=DKIM1; p=SECOND");
  EXPECT_EQ(asked.size(), 2u);

  EXPECT_FALSE(lookup("tlsrpt", "gone.test").has_value());
  EXPECT_FALSE(lookup("tlsrpt", "gone.test").has_value());
  EXPECT_EQ(asked.size(), 3u);
  clock += kKeepMissing;
  EXPECT_FALSE(lookup("tlsrpt", "gone.test").has_value());
  EXPECT_EQ(asked.size(), 4u);
  EXPECT_EQ(asked.back(), "tlsrpt/gone.test");
}

TEST_F(DkimTrust, LongTtlsAreCappedSoARunSeesNewKeys) {
  auto clock = std::chrono::steady_clock::time_point{};
  int asked = 0;
  const auto lookup = cached_key_lookup(
      [&](std::string_view, std::string_view) {
        ++asked;
        return TimedKey{"v=DKIM1; p=K", std::chrono::hours(24)};
      },
      [&] { return clock; });
  lookup("s", "d.test");
  clock += kMaxKeepKey - std::chrono::seconds(1);
  lookup("s", "d.test");
  EXPECT_EQ(asked, 1);
  clock += std::chrono::seconds(1);
  lookup("s", "d.test");
  EXPECT_EQ(asked, 2);
}

TEST_F(DkimTrust, SilentDnsServerIsAMissingKey) {
  // A bound UDP socket that never answers: the lookup gives up after its timeout and retries.
  const std::string address = random_loopback();
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  ::inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa), 0);
  socklen_t len = sizeof sa;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);

  DnsKeySource source = parse_dns_key_source(address + ":" + std::to_string(ntohs(sa.sin_port)));
  source.timeout = std::chrono::milliseconds(200);
  EXPECT_FALSE(dns_key_lookup(source)("tlsrpt", "sender.test").has_value());
  ::close(fd);
}

}  // namespace
}  // namespace tlsrpt::test
