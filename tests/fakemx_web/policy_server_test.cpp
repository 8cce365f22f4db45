// The MTA-STS policy host against curl: the healthy policy per SNI name, every fault by its stable
// name (status, headers, body, and the TLS error curl prints for certificate faults), count
// triggers, and policy changes while running.
#include <gtest/gtest.h>

#include <memory>

#include "core/records/sts_policy.hpp"
#include "fakemx/policy/policy_server.hpp"
#include "tests/fakemx_web/test_pki.hpp"
#include "tests/fakemx_web/web_client.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::test {
namespace {

namespace fs = std::filesystem;
namespace policy = fakemx::policy;
using namespace std::chrono_literals;

class PolicyHost : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("curl")) GTEST_SKIP() << "curl is not installed";
    dir_ = make_temp_dir("policy-host");
    write_file(dir_ / "ca.pem", pki_.ca_pem());
    policy::PolicyServerConfig config;
    config.address = random_loopback();
    config.pki = &pki_.authority;
    config.limits.hang_timeout = 2s;
    server_ = std::make_unique<policy::PolicyServer>(config);
    server_->add_domain("example.test", policy::policy_lines("enforce", {"mx1.example.test", "*.mx.example.test"}, 86400));
    server_->add_domain("other.test", policy::policy_lines("testing", {"mx.other.test"}, 600));
    server_->start();
  }
  void TearDown() override {
    server_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  CurlResult fetch(const std::string& domain = "example.test", std::vector<std::string> extra = {}) {
    return curl("mta-sts." + domain, server_->port(), server_->address(), policy::kPolicyPath, dir_ / "ca.pem", extra);
  }

  TestPki pki_;
  fs::path dir_;
  std::unique_ptr<policy::PolicyServer> server_;
};

TEST_F(PolicyHost, ServesEachDomainsPolicyAsTextPlainWithCrlf) {
  const auto r = fetch();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.headers.find("Content-Type: text/plain"), std::string::npos) << r.headers;
  EXPECT_EQ(r.body, "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmx: *.mx.example.test\r\nmax_age: 86400\r\n");
  const auto parsed = parse_sts_policy(r.body);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value->mode, StsMode::enforce);

  const auto other = fetch("other.test");
  EXPECT_EQ(other.status, 200);
  EXPECT_NE(other.body.find("mode: testing\r\n"), std::string::npos);
  const auto fetches = server_->fetches();
  ASSERT_EQ(fetches.size(), 2u);
  EXPECT_EQ(fetches[1].sni, "mta-sts.other.test");
  EXPECT_EQ(fetches[1].domain, "other.test");
  EXPECT_EQ(fetches[1].status, 200);
}

TEST_F(PolicyHost, OtherPathsAndUnknownHostsAre404) {
  EXPECT_EQ(curl("mta-sts.example.test", server_->port(), server_->address(), "/", dir_ / "ca.pem").status, 404);
  EXPECT_EQ(fetch("example.test", {"-X", "POST"}).status, 405);
}

struct HttpFaultCase {
  const char* fault;
  long status;
  const char* header;    // must appear in the response headers ("" = no check)
  const char* body_has;  // must appear in the body ("" = no check)
  bool policy_parses;    // whether the core's policy parser accepts the body
};

TEST_F(PolicyHost, EveryHttpFaultAnswersAsNamed) {
  const HttpFaultCase cases[] = {
      {"http-404", 404, "", "", false},
      {"http-500", 500, "", "", false},
      {"redirect", 301, "Location: https://www.example.test/.well-known/mta-sts.txt", "", false},
      {"wrong-content-type", 200, "Content-Type: text/html", "mode: enforce\r\n", true},
      {"oversized-body", 200, "Content-Type: text/plain", "x-padding: ", true},
      {"malformed-policy", 200, "Content-Type: text/plain", "version: STSv2", false},
      {"lf-line-endings", 200, "Content-Type: text/plain", "version: STSv1\nmode: enforce\n", true},
      {"mixed-line-endings", 200, "Content-Type: text/plain", "version: STSv1\r\nmode: enforce\nmx:", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.fault);
    server_->set_fault("example.test", c.fault);
    const auto r = fetch();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.status, c.status);
    EXPECT_NE(r.headers.find(c.header), std::string::npos) << r.headers;
    EXPECT_NE(r.body.find(c.body_has), std::string::npos) << r.body.substr(0, 200);
    if (r.status == 200) {
      EXPECT_EQ(parse_sts_policy(r.body).ok(), c.policy_parses) << r.body.substr(0, 200);
    }
    if (std::string_view(c.fault) == "oversized-body") {
      EXPECT_GT(r.body.size(), 64u * 1024);
    }
    if (std::string_view(c.fault) == "lf-line-endings") {
      EXPECT_EQ(r.body.find('\r'), std::string::npos);
    }
    // The other domain is untouched.
    EXPECT_EQ(fetch("other.test").status, 200);
  }
  server_->clear_fault("example.test");
  EXPECT_EQ(fetch().status, 200);
}

TEST_F(PolicyHost, TimeoutFaultHoldsTheRequestUntilTheDeadline) {
  server_->set_fault("example.test", "timeout");
  const auto impatient = fetch("example.test", {"--max-time", "1"});
  EXPECT_EQ(impatient.exit_code, 28) << impatient.err;  // CURLE_OPERATION_TIMEDOUT
  const auto start = std::chrono::steady_clock::now();
  const auto patient = fetch();
  EXPECT_EQ(patient.exit_code, 52) << patient.err;  // the server gave up: empty reply
  EXPECT_GE(std::chrono::steady_clock::now() - start, 1900ms);
  EXPECT_EQ(server_->fetches().back().fault, "timeout");
}

TEST_F(PolicyHost, CountTriggeredFaultsAndLivePolicyChanges) {
  server_->set_fault("example.test", "http-500", 2);
  EXPECT_EQ(fetch().status, 500);
  EXPECT_EQ(fetch().status, 500);
  EXPECT_EQ(fetch().status, 200);
  server_->set_policy("example.test", policy::policy_lines("none", {}, 300));
  EXPECT_EQ(fetch().body, "version: STSv1\r\nmode: none\r\nmax_age: 300\r\n");
  EXPECT_THROW(server_->set_fault("example.test", "no-such-fault"), std::invalid_argument);
  EXPECT_THROW(server_->set_fault("unknown.test", "http-404"), std::invalid_argument);
}

struct CertFaultCase {
  const char* fault;
  const char* curl_says;  // what curl (OpenSSL) prints for the verification failure
};

TEST_F(PolicyHost, CertificateFaultsFailVerificationAsCurlReportsIt) {
  const CertFaultCase cases[] = {
      {"cert-expired", "certificate has expired"},
      {"cert-wrong-name", "subject name"},
      {"cert-rogue-root", "self-signed certificate in certificate chain"},
      {"cert-self-signed", "self-signed certificate"},
      {"cert-not-yet-valid", "certificate is not yet valid"},
      {"cert-missing-intermediate", "unable to get local issuer certificate"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.fault);
    server_->set_fault("example.test", c.fault);
    const auto r = fetch();
    EXPECT_EQ(r.exit_code, 60) << r.err;  // CURLE_PEER_FAILED_VERIFICATION
    EXPECT_NE(r.err.find(c.curl_says), std::string::npos) << r.err;
    EXPECT_EQ(fetch("other.test").exit_code, 0);
  }
  server_->clear_fault("example.test");
  const auto healed = fetch();
  EXPECT_EQ(healed.exit_code, 0) << healed.err;
  EXPECT_EQ(healed.status, 200);
}

TEST_F(PolicyHost, FaultNamesAreStable) {
  const auto names = policy::PolicyServer::fault_names();
  for (const char* expected : {"http-404", "http-500", "timeout", "redirect", "wrong-content-type", "oversized-body",
                               "malformed-policy", "lf-line-endings", "mixed-line-endings", "cert-expired",
                               "cert-wrong-name", "cert-rogue-root"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
}

}  // namespace
}  // namespace tlsrpt::test
