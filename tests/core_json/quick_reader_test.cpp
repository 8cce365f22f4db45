// The quick reader (core/json/quick_reader.hpp) against the full one (core/json/full_reader.hpp) on
// clean reports, every one-byte edit of a report, hand-made edge cases, the generators' malformed
// reports and the shared corpus: where the quick reader accepts a text, the full reader must read
// the same report from it and find nothing wrong at the JSON level, so the findings are the same
// whichever reader parse_report used.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "core/json/full_reader.hpp"
#include "core/json/quick_reader.hpp"
#include "core/json/validate.hpp"
#include "core/util/file_text.hpp"
#include "core/util/rng.hpp"
#include "generators/mutators/mutator.hpp"
#include "generators/output/report_json.hpp"
#include "generators/personality/personality.hpp"
#include "generators/profile/profile.hpp"
#include "generators/synth/synthesize.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt {
namespace {

std::string findings_text(const Findings& findings) {
  std::string s;
  for (const auto& f : findings)
    s += (f.severity == Severity::error ? "E " : "W ") + f.rule + " " + f.where + " " + f.message + "\n";
  return s;
}

// What the view holds beyond the Report it converts to.
std::string view_extras(const ReportView& v) {
  std::string s = v.contact_info_null ? "contact-null;" : ";";
  for (const auto& p : v.policies)
    s += std::string(p.policy_type_text) + (p.mx_host_as_string ? ",mx-string;" : ",;");
  return s;
}

// Reads `json` both ways and checks the rule above; returns whether the quick reader accepted it.
bool quick_agrees(std::string_view json, const std::string& what) {
  std::string buffer(json);
  buffer.reserve(json.size() + kJsonPadding);
  const std::string_view text(buffer.data(), json.size());
  ReportView quick;
  const bool accepted = quick_read_report(text, quick);
  if (!accepted) return false;
  for (const Profile profile : {Profile::strict, Profile::lenient}) {
    ReportView full;
    Findings full_findings;
    EXPECT_TRUE(full_read_report(text, profile, full_findings, full)) << what;
    Findings quick_findings;
    validate_view_into(quick, profile, quick_findings);
    EXPECT_EQ(findings_text(quick_findings), findings_text(full_findings)) << what;
    EXPECT_TRUE(quick.to_report() == full.to_report()) << what;
    EXPECT_EQ(view_extras(quick), view_extras(full)) << what;
  }
  return true;
}

std::string small_report_json() {
  gen::GenerationProfile profile;
  profile.failure_details = {3, 3};
  profile.failing_policy_share = 1;
  gen::finalize(profile);
  return emit_json(gen::synthesize(profile, 0).report);
}

TEST(QuickReader, ReadsEveryGeneratedReportOfTheStrictPersonalityAndAgrees) {
  gen::GenerationProfile profile;
  profile.failure_details = {0, 12};
  gen::finalize(profile);
  gen::Synthesizer synth(profile);
  gen::GeneratedReport g;
  for (std::uint64_t i = 0; i < 300; ++i) {
    synth.make(i, g);
    for (const JsonStyle style : {JsonStyle::compact, JsonStyle::pretty})
      EXPECT_TRUE(quick_agrees(emit_json(g.report, style), "report " + std::to_string(i)))
          << emit_json(g.report, style);
  }
}

TEST(QuickReader, AgreesOnEveryPersonalitysBytes) {
  for (const auto& personality : gen::personalities()) {
    gen::GenerationProfile profile;
    profile.reporters = {gen::ReporterSpec{.personality = std::string(personality.name)}};
    gen::finalize(profile);
    gen::Synthesizer synth(profile);
    gen::GeneratedReport g;
    int accepted = 0;
    for (std::uint64_t i = 0; i < 40; ++i) {
      synth.make(i, g);
      accepted += quick_agrees(gen::report_json(g.report, gen::shape_of(personality)),
                               std::string(personality.name) + " report " + std::to_string(i));
    }
    // Every personality's shapes (key orders, pretty, null contact-info) are template shapes.
    EXPECT_EQ(accepted, 40) << personality.name;
  }
}

TEST(QuickReader, AgreesOnEveryOneByteEditOfAReport) {
  const std::string json = small_report_json();
  ASSERT_TRUE(quick_agrees(json, "the report itself"));
  const std::string replacements("\"\\{}[],: 0-9n\x80\xc3\x01xe.", 20);
  int accepted = 0, edits = 0;
  for (std::size_t at = 0; at < json.size(); ++at) {
    std::string removed = json;
    removed.erase(at, 1);
    accepted += quick_agrees(removed, "byte " + std::to_string(at) + " removed");
    accepted += quick_agrees(json.substr(0, at), "cut at " + std::to_string(at));
    for (const char c : replacements) {
      std::string replaced = json;
      replaced[at] = c;
      accepted += quick_agrees(replaced, "byte " + std::to_string(at) + " set to " + std::to_string(int(c)));
      std::string inserted = json;
      inserted.insert(at, 1, c);
      accepted += quick_agrees(inserted, "byte " + std::to_string(at) + " inserted " + std::to_string(int(c)));
      edits += 2;
    }
    if (::testing::Test::HasFailure()) return;  // one edit's failures say enough
  }
  // Some edits keep a report (a digit in a string, a space between tokens), most do not.
  EXPECT_GT(accepted, 100);
  EXPECT_LT(accepted, edits / 2);
}

struct Case {
  const char* what;
  std::string json;
  bool quick;  // whether the quick reader takes it (else the full reader must)
};

constexpr std::string_view kPolicy =
    R"("policy-type":"sts","policy-string":["version: STSv1","mode: enforce","mx: mx.org.example","max_age: 86400"],)"
    R"("policy-domain":"org.example","mx-host":["mx.org.example"])";

// A minimal template report: `top` before date-range, `policy`'s members, `details` inside
// failure-details' brackets.
std::string report_with(std::string_view details, std::string_view top = R"("organization-name":"Org")",
                        std::string_view policy = kPolicy) {
  return "{" + std::string(top) +
         R"(,"date-range":{"start-datetime":"2026-03-01T00:00:00Z","end-datetime":"2026-03-01T23:59:59Z"},)"
         R"("contact-info":"tls@org.example","report-id":"r-1","policies":[{"policy":{)" +
         std::string(policy) +
         R"(},"summary":{"total-successful-session-count":5,"total-failure-session-count":1},"failure-details":[)" +
         std::string(details) + "]}]}";
}

std::string policy_with(std::string_view from, std::string_view to) {
  std::string p(kPolicy);
  p.replace(p.find(from), from.size(), to);
  return p;
}

const std::string kDetail =
    R"({"result-type":"certificate-expired","sending-mta-ip":"192.0.2.1","receiving-mx-hostname":"mx.org.example",)"
    R"("receiving-ip":"198.51.100.7","failed-session-count":1})";

constexpr std::string_view kTop = R"("organization-name":"Org")";

std::string detail_with_count(std::string_view count) {
  std::string d = kDetail;
  d.replace(d.find("\"failed-session-count\":1"), 24, "\"failed-session-count\":" + std::string(count));
  return d;
}

TEST(QuickReader, HandMadeCasesGoToTheRightReaderAndAgree) {
  const std::vector<Case> cases = {
      {"the plain report", report_with(kDetail), true},
      {"white space everywhere", " \n\t{ \"organization-name\" : \"Org\" \r\n" + report_with(kDetail).substr(26) + " \n", true},
      {"largest exact count", report_with(detail_with_count("9007199254740991")), true},
      {"count past 2^53-1", report_with(detail_with_count("9007199254740992")), false},
      {"count of 20 digits", report_with(detail_with_count("12345678901234567890")), false},
      {"count zero", report_with(detail_with_count("0")), true},
      {"count with a leading zero", report_with(detail_with_count("01")), false},
      {"negative zero", report_with(detail_with_count("-0")), false},
      {"negative count", report_with(detail_with_count("-3")), false},
      {"fractional count", report_with(detail_with_count("1.0")), false},
      {"exponent count", report_with(detail_with_count("1e2")), false},
      {"count as a string", report_with(detail_with_count("\"1\"")), false},
      {"count null", report_with(detail_with_count("null")), true},
      {"count true", report_with(detail_with_count("true")), false},
      {"count nul", report_with(detail_with_count("nul")), false},
      {"count nullx", report_with(detail_with_count("nullx")), false},
      {"organization-name null", report_with(kDetail, R"("organization-name":null)"), true},
      {"organization-name a number", report_with(kDetail, R"("organization-name":7)"), false},
      {"organization-name with an escape", report_with(kDetail, R"("organization-name":"O\"rg")"), true},
      {"every escape", report_with(kDetail, R"("organization-name":"\"\\\/\b\f\n\r\t|\u004f\u00e9\u20ac\u0000")"), true},
      {"escapes in many strings", report_with(R"({"result-type":"x\ty","failed-session-count":1,"failure-reason-code":"a\"b\"c"})",
                                              R"("organization-name":"\u004frg")"), true},
      {"an escape in a member name", report_with(kDetail, R"("organization-nam\u0065":"Org")"), true},
      {"a surrogate pair", report_with(kDetail, R"("organization-name":"\ud83d\ude00")"), false},
      {"a lone surrogate", report_with(kDetail, R"("organization-name":"\ud83d")"), false},
      {"an unknown escape", report_with(kDetail, R"("organization-name":"\x41")"), false},
      {"a short \\u", report_with(kDetail, R"("organization-name":"\u41")"), false},
      {"a backslash at the end", report_with(kDetail, R"("organization-name":"a\")"), false},
      {"organization-name in UTF-8", report_with(kDetail, "\"organization-name\":\"Gr\xc3\xbc\xc3\x9f Gott AG\""), true},
      {"organization-name bad UTF-8", report_with(kDetail, "\"organization-name\":\"Gr\xc3\x28 AG\""), false},
      {"overlong UTF-8", report_with(kDetail, "\"organization-name\":\"\xc0\xaf\""), false},
      {"a control character", report_with(kDetail, "\"organization-name\":\"a\tb\""), false},
      {"an unknown member", report_with(kDetail, R"("organization-name":"Org","x-extra":1)"), false},
      {"a repeated member", report_with(kDetail, R"("organization-name":"Org","organization-name":"Org")"), false},
      {"a member name in UTF-8", report_with(kDetail, "\"organization-nam\xc3\xa9\":\"Org\""), false},
      {"contact-info null", [] {
         std::string j = report_with(kDetail);
         j.replace(j.find("\"tls@org.example\""), 17, "null");
         return j;
       }(), true},
      {"mx-host a string", report_with(kDetail, kTop, policy_with(R"(["mx.org.example"])", R"("mx.org.example")")), true},
      {"mx-host null", report_with(kDetail, kTop, policy_with(R"(["mx.org.example"])", "null")), true},
      {"mx-host empty", report_with(kDetail, kTop, policy_with(R"(["mx.org.example"])", "[]")), true},
      {"mx-host holds a number", report_with(kDetail, kTop, policy_with(R"(["mx.org.example"])", "[1]")), false},
      {"policy-string a string",
       report_with(kDetail, kTop, policy_with(R"(["version: STSv1","mode: enforce",)", R"("version: STSv1",)")), false},
      {"policy-type unknown", report_with(kDetail, kTop, policy_with(R"("sts")", R"("smime")")), true},
      {"policy-type null", report_with(kDetail, kTop, policy_with(R"("sts")", "null")), false},
      {"no policy-type", report_with(kDetail, kTop, policy_with(R"("policy-type":"sts",)", "")), false},
      {"no failure details", report_with(""), true},
      {"failure-details null", [] {
         std::string j = report_with(kDetail);
         j.replace(j.find("[{\"result"), kDetail.size() + 2, "null");
         return j;
       }(), true},
      {"a detail without result-type", report_with(R"({"failed-session-count":1})"), false},
      {"a detail that is a string", report_with(R"("x")"), false},
      {"a trailing comma", report_with(kDetail + ","), false},
      {"two documents", report_with(kDetail) + "{}", false},
      {"trailing junk", report_with(kDetail) + "x", false},
      {"a byte-order mark", "\xef\xbb\xbf" + report_with(kDetail), false},
      {"empty input", "", false},
      {"white space only", " \n", false},
      {"an empty object", "{}", false},
      {"an array", "[]", false},
      {"policies empty", R"({"date-range":{"start-datetime":"a","end-datetime":"b"},"policies":[]})", true},
      {"date-times null", R"({"date-range":{"start-datetime":null,"end-datetime":null},"policies":[]})", true},
      {"date-range without its end", R"({"date-range":{"start-datetime":"a"},"policies":[]})", false},
      {"a NUL after the document", report_with(kDetail) + std::string(1, '\0'), false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(quick_agrees(c.json, c.what), c.quick) << c.what;
    // Whichever reader read it, parse_report and validate_json give the same findings.
    EXPECT_EQ(findings_text(parse_report(c.json).findings), findings_text(validate_json(c.json))) << c.what;
  }
}

TEST(QuickReader, AgreesOnTheGeneratorsMalformedReports) {
  const std::string json = small_report_json();
  int applied = 0;
  for (const auto& m : gen::mut::mutators()) {
    if (m.layer != gen::mut::Layer::json) continue;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      Rng rng(seed);
      const auto mutation = m.fn(json, "", rng);
      applied += mutation.applied;
      const bool accepted = quick_agrees(mutation.bytes, std::string(m.name) + ": " + mutation.description);
      // Each of these breaks a JSON-level rule or a value rule; the JSON-level ones must go to the
      // full reader, which is the only one that says what is wrong with them.
      if (mutation.applied && (m.name == "duplicate-key" || m.name == "invalid-utf8" || m.name == "deep-nesting" ||
                               m.name == "wrong-type" || m.name == "integer-past-2-53" || m.name == "float-count")) {
        EXPECT_FALSE(accepted) << m.name << ": " << mutation.description;
      }
    }
  }
  EXPECT_GT(applied, 100);
}

TEST(QuickReader, AgreesOnTheSharedCorpus) {
  TLSRPT_REQUIRE_SHARED(shared);
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(shared / "corpus")) {
    const auto name = entry.path().filename().string();
    std::string text;
    if (name.ends_with(".json")) {
      text = read_whole_file(entry.path()).value();
    } else if (name.ends_with(".json.gz")) {
      text = gunzip_capped(read_whole_file(entry.path()).value()).data;
    } else {
      continue;
    }
    quick_agrees(text, entry.path().string());
    ++files;
  }
  EXPECT_GT(files, 10);
}

}  // namespace
}  // namespace tlsrpt
