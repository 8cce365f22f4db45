// Every fault shown with a real client (dig), by name/type, by count and by probability.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/fakedns/dns_fixture.hpp"

namespace tlsrpt::test {
namespace {

using ::testing::HasSubstr;

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("dig")) GTEST_SKIP() << "dig is not installed";
    server_ = start_server();
  }
  fakedns::FaultSpec fault(const std::string& kind, const std::string& name = "mx1.example.test.",
                           const std::string& type = "") {
    fakedns::FaultSpec f;
    f.kind = kind;
    f.name = name;
    f.type = type;
    return f;
  }
  std::unique_ptr<fakedns::Server> server_;
};

TEST_F(FaultTest, ServfailAndRefusedHitOnlyTheirNameAndType) {
  server_->add_fault(fault("servfail", "mx1.example.test.", "A"));
  EXPECT_EQ(dig_status(dig(*server_, {"mx1.example.test", "A"}).out), "SERVFAIL");
  EXPECT_EQ(dig_status(dig(*server_, {"mx1.example.test", "AAAA"}).out), "NOERROR");
  EXPECT_EQ(dig_status(dig(*server_, {"mx2.example.test", "A"}).out), "NOERROR");
  server_->clear_faults();
  server_->add_fault(fault("refused"));
  EXPECT_EQ(dig_status(dig(*server_, {"+tcp", "mx1.example.test", "AAAA"}).out), "REFUSED");
}

TEST_F(FaultTest, CountLimitsTheFaultToTheNextQueries) {
  auto f = fault("servfail");
  f.count = 2;
  server_->add_fault(f);
  EXPECT_EQ(dig_status(dig(*server_, {"mx1.example.test", "A"}).out), "SERVFAIL");
  EXPECT_EQ(dig_status(dig(*server_, {"mx1.example.test", "A"}).out), "SERVFAIL");
  EXPECT_EQ(dig_status(dig(*server_, {"mx1.example.test", "A"}).out), "NOERROR");
  EXPECT_TRUE(server_->faults().empty());
}

TEST_F(FaultTest, ProbabilityIsDrawnFromTheSeededGenerator) {
  auto f = fault("nxdomain", "", "");
  f.probability = 0.5;
  server_->add_fault(f);
  int nx = 0;
  for (int i = 0; i < 40; ++i) nx += dig_status(dig(*server_, {"mx2.example.test", "A"}).out) == "NXDOMAIN";
  EXPECT_GT(nx, 5);
  EXPECT_LT(nx, 35);
}

TEST_F(FaultTest, DropMakesTheClientTimeOut) {
  server_->add_fault(fault("drop"));
  const auto r = run_process({"dig", "@" + server_->address(), "-p", std::to_string(server_->port()), "+time=1",
                              "+tries=1", "mx1.example.test", "A"},
                             {}, std::chrono::seconds(30));
  EXPECT_EQ(r.exit_code, 9) << r.out;  // dig: no reply from server
  EXPECT_THAT(r.out, HasSubstr("timed out"));
}

TEST_F(FaultTest, TruncateForcesTcp) {
  server_->add_fault(fault("truncate"));
  const auto udp = dig(*server_, {"+ignore", "mx1.example.test", "A"});
  EXPECT_TRUE(dig_flag(udp.out, "tc")) << udp.out;
  const auto retried = dig(*server_, {"mx1.example.test", "A"});
  EXPECT_THAT(retried.out, HasSubstr("Truncated, retrying in TCP mode"));
  EXPECT_THAT(retried.out, HasSubstr("127.0.0.25"));
}

TEST_F(FaultTest, WrongIdIsRejectedByTheClient) {
  server_->add_fault(fault("wrong-id"));
  const auto r = run_process({"dig", "@" + server_->address(), "-p", std::to_string(server_->port()), "+time=1",
                              "+tries=1", "mx1.example.test", "A"},
                             {}, std::chrono::seconds(30));
  EXPECT_THAT(r.out + r.err, HasSubstr("ID mismatch")) << r.out << r.err;
}

TEST_F(FaultTest, DelayHoldsTheAnswerBack) {
  auto f = fault("delay");
  f.delay = std::chrono::milliseconds(2500);
  server_->add_fault(f);
  // A 1 s client gives up; a patient one gets the right answer.
  const auto impatient = run_process({"dig", "@" + server_->address(), "-p", std::to_string(server_->port()),
                                      "+time=1", "+tries=1", "mx1.example.test", "A"},
                                     {}, std::chrono::seconds(30));
  EXPECT_EQ(impatient.exit_code, 9) << impatient.out;
  const auto patient = run_process({"dig", "@" + server_->address(), "-p", std::to_string(server_->port()),
                                    "+time=8", "+tries=1", "+noall", "+answer", "mx1.example.test", "A"},
                                   {}, std::chrono::seconds(30));
  EXPECT_THAT(patient.out, HasSubstr("127.0.0.25"));
}

TEST_F(FaultTest, NxdomainDeniesANameThatExists) {
  server_->add_fault(fault("nxdomain", "mx1.example.test.", "A"));
  const auto r = dig(*server_, {"+tcp", "mx1.example.test", "A"});
  EXPECT_EQ(dig_status(r.out), "NXDOMAIN");
  EXPECT_THAT(r.out, HasSubstr("AUTHORITY: 1"));
}

TEST_F(FaultTest, TheQueryLogNamesTheFaults) {
  server_->add_fault(fault("servfail"));
  dig(*server_, {"MX1.example.test", "A"});
  const auto log = server_->query_log("mx1.example.test");
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back().name, "mx1.example.test.");
  EXPECT_EQ(log.back().type, "A");
  EXPECT_EQ(log.back().rcode, "SERVFAIL");
  EXPECT_EQ(log.back().faults, "servfail");
  EXPECT_THROW(server_->add_fault(fault("meltdown")), std::invalid_argument);
}

}  // namespace
}  // namespace tlsrpt::test
