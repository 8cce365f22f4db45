// RFC 8460 §5.1 report filenames, both ways.
#include "core/records/report_filename.hpp"

#include <gtest/gtest.h>

namespace tlsrpt {
namespace {

TEST(ReportFilename, RfcExampleRoundTrips) {
  const std::string name = "mail.sndr.example.com!example.net!1470013207!1470186007!001.json.gz";
  auto r = parse_report_filename(name);
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_EQ(r.value->sender, "mail.sndr.example.com");
  EXPECT_EQ(r.value->policy_domain, "example.net");
  EXPECT_EQ(r.value->begin, 1470013207);
  EXPECT_EQ(r.value->end, 1470186007);
  EXPECT_EQ(r.value->unique_id, "001");
  EXPECT_TRUE(r.value->gzipped);
  EXPECT_EQ(build_report_filename(*r.value), name);
}

TEST(ReportFilename, WithoutUniqueIdAndPlainJson) {
  auto r = parse_report_filename("mx.egressif.io!example.com!1730332800!1730419200.json");
  ASSERT_TRUE(r.ok()) << describe(r.errors);
  EXPECT_TRUE(r.value->unique_id.empty());
  EXPECT_FALSE(r.value->gzipped);
  EXPECT_EQ(build_report_filename(*r.value), "mx.egressif.io!example.com!1730332800!1730419200.json");
}

TEST(ReportFilename, ErrorsNameTheField) {
  EXPECT_EQ(parse_report_filename("a.example!b.example!1!2!001.json.zip").errors[0].column, 0u);
  EXPECT_FALSE(parse_report_filename("a.example!b.example!1.json").ok());
  EXPECT_FALSE(parse_report_filename("a.example!b.example!1!2!3!4.json").ok());
  auto ts = parse_report_filename("a.example!b.example!12x!2.json");
  ASSERT_FALSE(ts.ok());
  EXPECT_EQ(ts.errors[0].column, 21u);
  auto id = parse_report_filename("a.example!b.example!1!2!0-1.json");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.errors[0].column, 25u);
  auto dom = parse_report_filename("a.example!b_x.example!1!2.json");
  ASSERT_FALSE(dom.ok());
  EXPECT_EQ(dom.errors[0].column, 11u);
  EXPECT_FALSE(parse_report_filename("../../etc!b.example!1!2.json").ok());
  EXPECT_FALSE(parse_report_filename("").ok());
}

TEST(ReportFilename, BeginAfterEndIsAWarning) {
  auto r = parse_report_filename("a.example!b.example!9!2.json.gz");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.warnings.size(), 1u);
}

}  // namespace
}  // namespace tlsrpt
