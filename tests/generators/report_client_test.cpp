// The shared report client against real peers: the project's sink and MX (`tlsrpt-lab mx`),
// `openssl s_server`, a listener that never answers, one that resets, and a closed port.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "generators/transport/report_client.hpp"
#include "tests/generators/helpers.hpp"
#include "tests/generators/peers.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::gen::transport {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

TEST(ParseEndpoint, HttpsUrls) {
  auto e = parse_https_url("https://reports.example.test/v1/tlsrpt");
  EXPECT_EQ(e.host, "reports.example.test");
  EXPECT_EQ(e.port, 443);
  EXPECT_EQ(e.path, "/v1/tlsrpt");
  e = parse_https_url("https://127.0.0.9:8443");
  EXPECT_EQ(e.host, "127.0.0.9");
  EXPECT_EQ(e.port, 8443);
  EXPECT_EQ(e.path, "/");
  e = parse_https_url("https://[::1]:9/x?y=1#frag");
  EXPECT_EQ(e.host, "::1");
  EXPECT_EQ(e.port, 9);
  EXPECT_EQ(e.path, "/x?y=1");
  for (const char* bad : {"http://a/", "https://", "https://:443/", "https://a:0/", "https://a:65536/", "https://a:x/",
                          "https://u@a/", "https://[::1/", "https://a/b c", "https://a/\r\nX: y"})
    EXPECT_THROW(parse_https_url(bad), std::invalid_argument) << bad;
}

TEST(ParseEndpoint, SmtpAddresses) {
  auto e = parse_smtp_address("smtp://mx.example.test");
  EXPECT_EQ(e.host, "mx.example.test");
  EXPECT_EQ(e.port, 25);
  e = parse_smtp_address("127.0.0.2:2525");
  EXPECT_EQ(e.host, "127.0.0.2");
  EXPECT_EQ(e.port, 2525);
  e = parse_smtp_address("smtp://[::1]:587/");
  EXPECT_EQ(e.host, "::1");
  EXPECT_EQ(e.port, 587);
  for (const char* bad : {"", "smtp://", "a:", "a:99999", "smtp://a/path", "smtp://a:25x"})
    EXPECT_THROW(parse_smtp_address(bad), std::invalid_argument) << bad;
}

TEST(ClientConstruction, UnreadableCaFileIsAClearError) {
  Endpoint e{"reports.test", 443, "/", "127.0.0.1"};
  try {
    HttpsClient client(e, {"/nonexistent/ca.pem", false}, 1s);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& ex) {
    EXPECT_TRUE(contains(ex.what(), "/nonexistent/ca.pem")) << ex.what();
  }
  EXPECT_THROW(SmtpClient(e, {"/nonexistent/ca.pem", false}, {}, 1s), std::invalid_argument);
}

// One `tlsrpt-lab mx` with its report sink for the whole suite.
class AgainstSink : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(tlsrpt::test::make_temp_dir("report-client"));
    sink_ = new test::LabSink(*dir_);
  }
  static void TearDownTestSuite() {
    delete sink_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(sink_->ready()) << sink_->banner; }

  static Endpoint https_endpoint(std::string path = "/v1/tlsrpt") {
    return {sink_->https_name, sink_->https_port, std::move(path), sink_->https_address};
  }
  static Endpoint smtp_endpoint() { return {sink_->mx_name, sink_->smtp_port, "", sink_->smtp_address}; }
  static TlsOptions verified() { return {sink_->ca_file, false}; }

  static nlohmann::json index() {
    HttpsClient client(https_endpoint(), verified(), 30s);
    const auto r = client.get("/_sink/index");
    EXPECT_EQ(r.status, 200) << r.error << r.transcript;
    return nlohmann::json::parse(r.body);
  }
  static const nlohmann::json* entry_for(const nlohmann::json& index, const std::string& report_id) {
    for (const auto& e : index["entries"])
      if (e["report_id"] == report_id) return &e;
    return nullptr;
  }

  static inline fs::path* dir_ = nullptr;
  static inline test::LabSink* sink_ = nullptr;
};

TEST_F(AgainstSink, PostsReportsOverOneKeptAliveVerifiedConnection) {
  auto factory = test::factory_for("google", gen::Format::json_gz);
  HttpsClient client(https_endpoint(), verified(), 30s);
  const auto first_report = factory.make(1);
  const auto first = client.post(first_report.bytes, first_report.media_type);
  ASSERT_TRUE(first.ok()) << first.error << "\n" << first.transcript;
  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(first.reason, "Created");
  EXPECT_FALSE(first.timed_out);
  EXPECT_GT(first.latency.count(), 0);
  EXPECT_EQ(nlohmann::json::parse(first.body)["report_id"], first_report.report_id);
  EXPECT_TRUE(contains(first.transcript, "> POST /v1/tlsrpt HTTP/1.1")) << first.transcript;
  EXPECT_TRUE(contains(first.transcript, "Host: " + sink_->https_name)) << first.transcript;
  EXPECT_TRUE(contains(first.transcript, "certificate verified for " + sink_->https_name)) << first.transcript;
  EXPECT_TRUE(contains(first.transcript, "< HTTP/1.1 201 Created")) << first.transcript;

  const auto second_report = factory.make(2);
  const auto second = client.post(second_report.bytes, second_report.media_type);
  EXPECT_EQ(second.status, 201) << second.error;
  EXPECT_FALSE(contains(second.transcript, "* connected")) << "the connection was not reused:\n" << second.transcript;

  const auto again = client.post(first_report.bytes, first_report.media_type);
  EXPECT_EQ(again.status, 200) << again.body;  // the sink's answer to a duplicate
  EXPECT_TRUE(nlohmann::json::parse(again.body)["duplicate"].get<bool>());

  const auto listed = index();
  for (const auto* id : {&first_report.report_id, &second_report.report_id}) {
    const auto* e = entry_for(listed, *id);
    ASSERT_NE(e, nullptr) << *id;
    EXPECT_EQ((*e)["transport"], "https");
    EXPECT_EQ((*e)["verdict"], "valid");
  }
}

TEST_F(AgainstSink, ReconnectsAfterClose) {
  HttpsClient client(https_endpoint(), verified(), 30s);
  EXPECT_EQ(client.get("/_sink/index").status, 200);
  client.close();
  const auto r = client.get("/_sink/index");
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_TRUE(contains(r.transcript, "* connected")) << r.transcript;
}

TEST_F(AgainstSink, ServerAnswersThatAreNotSuccessAreStatusesNotErrors) {
  HttpsClient client(https_endpoint(), verified(), 30s);
  const auto r = client.post("this is not a report", "text/plain");
  EXPECT_EQ(r.status, 415) << r.error << r.transcript;
  EXPECT_TRUE(r.error.empty());
  EXPECT_FALSE(r.ok());
  const auto method = client.get("/v1/tlsrpt");
  EXPECT_EQ(method.status, 405) << method.error;
}

TEST_F(AgainstSink, WrongNameOrUnknownCaFailsVerificationAndInsecureDoesNot) {
  Endpoint wrong_name = https_endpoint();
  wrong_name.host = "not-the-sink.example.test";
  const auto mismatch = HttpsClient(wrong_name, verified(), 30s).get("/_sink/index");
  EXPECT_EQ(mismatch.status, 0);
  EXPECT_TRUE(contains(mismatch.error, "TLS handshake: certificate verify failed: hostname mismatch")) << mismatch.error;
  EXPECT_FALSE(mismatch.timed_out);
  EXPECT_FALSE(mismatch.connection_reset);

  const auto system_store = HttpsClient(https_endpoint(), {}, 30s).get("/_sink/index");
  EXPECT_TRUE(contains(system_store.error, "certificate verify failed")) << system_store.error;

  const auto insecure = HttpsClient(wrong_name, {"", true}, 30s).get("/_sink/index");
  EXPECT_EQ(insecure.status, 200) << insecure.error;
  EXPECT_TRUE(contains(insecure.transcript, "certificate not verified")) << insecure.transcript;
}

TEST_F(AgainstSink, SmtpTransactionWithStartTlsIsStored) {
  auto factory = test::factory_for("microsoft", gen::Format::eml);
  const auto report = factory.make(3);
  SmtpClient client(smtp_endpoint(), verified(), {}, 30s);
  const auto r = client.send("reports@sender.example.test", {"tlsrpt@example.test"}, report.bytes);
  ASSERT_TRUE(r.ok()) << r.error << "\n" << r.transcript;
  EXPECT_EQ(r.status, 250);
  for (const char* step : {"S: 220 ", "C: EHLO tlsrpt-lab.invalid", "C: STARTTLS", "* TLS established",
                           "certificate verified for mx.example.test", "C: MAIL FROM:<reports@sender.example.test>",
                           "C: RCPT TO:<tlsrpt@example.test>", "C: DATA", "S: 354", "C: .", "C: QUIT", "S: 221"})
    EXPECT_TRUE(contains(r.transcript, step)) << step << " missing in\n" << r.transcript;
  EXPECT_LT(r.transcript.find("C: STARTTLS"), r.transcript.find("C: MAIL FROM"));
  const auto listed = index();
  const auto* e = entry_for(listed, report.report_id);
  ASSERT_NE(e, nullptr) << report.report_id;
  EXPECT_EQ((*e)["transport"], "smtp");
}

TEST_F(AgainstSink, DotStuffingKeepsTheMessageIntact) {
  auto factory = test::factory_for("strict-rfc", gen::Format::eml);
  auto report = factory.make(4);
  // Lines that begin with dots, and a lone dot, must arrive as written.
  const std::string tricky = "\r\n.\r\n..two dots\r\n.leading dot\r\n";
  report.bytes.insert(report.bytes.find("\r\n\r\n") + 4, "Preamble with dots:" + tricky);
  SmtpClient client(smtp_endpoint(), verified(), {}, 30s);
  const auto r = client.send("reports@sender.example.test", {"tlsrpt@example.test"}, report.bytes);
  ASSERT_TRUE(r.ok()) << r.error << "\n" << r.transcript;
  const auto listed = index();
  const auto* e = entry_for(listed, report.report_id);
  ASSERT_NE(e, nullptr);
  const auto stored = test::read_file((sink_->store / (*e)["raw_path"].get<std::string>()).string());
  EXPECT_TRUE(contains(stored, "Preamble with dots:" + tricky)) << stored.substr(0, 2000);
}

TEST_F(AgainstSink, ProbeSaysHelloAndGoodbye) {
  SmtpClient client(smtp_endpoint(), verified(), {}, 30s);
  const auto r = client.probe();
  EXPECT_TRUE(r.ok()) << r.error << r.transcript;
  EXPECT_EQ(r.status, 250);
  EXPECT_TRUE(contains(r.transcript, "* TLS established"));
  EXPECT_TRUE(contains(r.transcript, "C: QUIT"));
  SmtpOptions plain;
  plain.use_starttls = false;
  const auto p = SmtpClient(smtp_endpoint(), verified(), plain, 30s).probe();
  EXPECT_TRUE(p.ok()) << p.error;
  EXPECT_FALSE(contains(p.transcript, "C: STARTTLS")) << p.transcript;
}

TEST_F(AgainstSink, SmtpVerificationFailureNamesTheReason) {
  Endpoint wrong_name = smtp_endpoint();
  wrong_name.host = "mx9.example.test";
  const auto r = SmtpClient(wrong_name, verified(), {}, 30s).probe();
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(contains(r.error, "TLS handshake: certificate verify failed: hostname mismatch")) << r.error;
  const auto insecure = SmtpClient(wrong_name, {"", true}, {}, 30s).probe();
  EXPECT_TRUE(insecure.ok()) << insecure.error;
}

TEST_F(AgainstSink, RefusedRecipientIsTheStatus) {
  SmtpClient client(smtp_endpoint(), verified(), {}, 30s);
  const auto r = client.send("reports@sender.example.test", {"bad\r\nRCPT TO:<x@y>"}, "Subject: x\r\n\r\nx\r\n");
  EXPECT_TRUE(contains(r.error, "line break")) << r.error;
  const auto none = client.send("reports@sender.example.test", {}, "x");
  EXPECT_TRUE(contains(none.error, "no recipients")) << none.error;
}

class AgainstOpenSsl : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!tlsrpt::test::have_program("openssl")) GTEST_SKIP() << "openssl is needed";
    dir_ = tlsrpt::test::make_temp_dir("report-client-openssl");
    ASSERT_TRUE(test::make_self_signed(dir_, "selfsigned.example.test"));
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(AgainstOpenSsl, SelfSignedServerFailsVerificationUnlessInsecure) {
  test::SServer server(dir_, false);
  ASSERT_TRUE(server.ready());
  const Endpoint e{"selfsigned.example.test", server.port, "/", server.address};
  const auto strict = HttpsClient(e, {}, 30s).get("/");
  EXPECT_EQ(strict.status, 0);
  EXPECT_TRUE(contains(strict.error, "TLS handshake: certificate verify failed: self-signed certificate")) << strict.error;

  const auto trusted = HttpsClient(e, {(dir_ / "cert.pem").string(), false}, 30s).get("/");
  EXPECT_EQ(trusted.status, 200) << trusted.error << trusted.transcript;

  HttpsClient insecure(e, {"", true}, 30s);
  const auto r = insecure.get("/");
  EXPECT_EQ(r.status, 200) << r.error << r.transcript;
  EXPECT_TRUE(contains(r.body, "s_server")) << r.body.substr(0, 400);
  // s_server -www answers HTTP/1.0 and closes: the next request opens a new connection.
  const auto again = insecure.get("/");
  EXPECT_EQ(again.status, 200) << again.error;
  EXPECT_TRUE(contains(again.transcript, "* connected")) << again.transcript;
}

TEST_F(AgainstOpenSsl, LongBodyIsCappedAt64KiB) {
  std::ofstream(dir_ / "big.txt") << std::string(300 * 1024, 'x');
  test::SServer server(dir_, true);
  ASSERT_TRUE(server.ready());
  HttpsClient client({"selfsigned.example.test", server.port, "/", server.address}, {"", true}, 30s);
  const auto r = client.get("/big.txt");
  EXPECT_EQ(r.status, 200) << r.error << r.transcript;
  EXPECT_EQ(r.body.size(), 64u * 1024u);
  EXPECT_TRUE(r.body_truncated);
  client.set_max_body(1u << 20);
  const auto whole = client.get("/big.txt");
  EXPECT_EQ(whole.body.size(), 300u * 1024u) << whole.error;
  EXPECT_FALSE(whole.body_truncated);
}

TEST(MisbehavingPeers, SilentListenerTimesOut) {
  test::RawListener silent(test::RawListener::Kind::silent);
  ASSERT_NE(silent.port, 0);
  const auto https = HttpsClient({"silent.example.test", silent.port, "/", silent.address}, {"", true}, 300ms).get("/");
  EXPECT_TRUE(https.timed_out) << https.error;
  EXPECT_FALSE(https.connection_reset);
  EXPECT_EQ(https.status, 0);
  EXPECT_TRUE(contains(https.error, "TLS handshake: no progress within the deadline")) << https.error;

  const auto smtp = SmtpClient({"silent.example.test", silent.port, "", silent.address}, {"", true}, {}, 300ms).probe();
  EXPECT_TRUE(smtp.timed_out) << smtp.error;
  EXPECT_TRUE(contains(smtp.error, "greeting: no progress within the deadline")) << smtp.error;
}

TEST(MisbehavingPeers, ResettingListenerIsAConnectionReset) {
  test::RawListener resetting(test::RawListener::Kind::resetting);
  ASSERT_NE(resetting.port, 0);
  const auto https =
      HttpsClient({"reset.example.test", resetting.port, "/", resetting.address}, {"", true}, 10s).get("/");
  EXPECT_TRUE(https.connection_reset) << https.error;
  EXPECT_FALSE(https.timed_out);
  EXPECT_EQ(https.status, 0);

  const auto smtp =
      SmtpClient({"reset.example.test", resetting.port, "", resetting.address}, {"", true}, {}, 10s).probe();
  EXPECT_TRUE(smtp.connection_reset) << smtp.error;
  EXPECT_TRUE(contains(smtp.error, "connection reset by the server")) << smtp.error;  // at connect or greeting
}

TEST(MisbehavingPeers, ClosedPortIsRefused) {
  const auto address = test::random_loopback();
  const auto port = test::closed_port(address);
  const auto r = HttpsClient({"closed.example.test", port, "/", address}, {"", true}, 10s).get("/");
  EXPECT_TRUE(contains(r.error, "connect: connection refused")) << r.error;
  EXPECT_FALSE(r.timed_out);
  EXPECT_FALSE(r.connection_reset);
}

}  // namespace
}  // namespace tlsrpt::gen::transport
