// Every personality reproduces its reporter's quirks (reference/reporter-quirks.md §1-§2), field by
// field, and its output passes the validator profile the personality claims.
#include <gtest/gtest.h>

#include <regex>

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "generators/output/mime_edit.hpp"
#include "generators/personality/personality.hpp"
#include "tests/generators/helpers.hpp"

namespace tlsrpt::gen {
namespace {

using Json = nlohmann::ordered_json;
using test::factory_for;
using test::keys_of;

struct Sample {
  Artifact artifact;
  Json json;
};

std::vector<Sample> samples(const std::string& personality, Format format = Format::json) {
  auto f = factory_for(personality, format);
  std::vector<Sample> out;
  for (std::uint64_t k = 0; k < f.profile().count; ++k) {
    auto a = f.make(k);
    auto text = a.bytes;
    if (format == Format::json_gz) text = gunzip_capped(a.bytes).data;
    out.push_back({std::move(a), Json::parse(text)});
  }
  return out;
}

// The §5.1 file name of an artifact (its path may sit in a round-<n>/ folder, docs/generate.md).
std::string file_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

TEST(Personality, TableIsCompleteAndNamesAreUnique) {
  std::set<std::string_view> names;
  for (const auto& p : personalities()) {
    EXPECT_TRUE(names.insert(p.name).second) << p.name;
    EXPECT_FALSE(p.summary.empty());
    EXPECT_EQ(p.strict_valid, p.breaks.empty()) << p.name << ": a lenient personality says which rules it breaks";
  }
  for (auto n : {"google", "microsoft", "microsoft-2023", "mailru", "stalwart", "postfix", "strict-rfc"})
    EXPECT_NE(find_personality(n), nullptr) << n;
}

// One table for the simulator and the generator: every reporter once; generate offers all rows but
// the simulator's own (strict, the default-constructed row, and mox).
TEST(Personality, OneTableForSimulatorAndGenerator) {
  std::set<std::string_view> all;
  for (const auto& p : all_personalities()) {
    EXPECT_TRUE(all.insert(p.name).second) << p.name;
    EXPECT_EQ(find_personality(p.name) != nullptr, p.offered_by_generate) << p.name;
    EXPECT_EQ(find_any_personality(p.name), &p);
  }
  EXPECT_EQ(all.size(), personalities().size() + 2);
  EXPECT_EQ(find_any_personality("strict")->report_id, Personality{}.report_id);
  EXPECT_EQ(find_personality("strict"), nullptr);
  EXPECT_EQ(find_personality("mox"), nullptr);
}

// Each report-id scheme once, from its parts; randomness only where the scheme has some.
TEST(Personality, ReportIdSchemes) {
  const std::int64_t day = 20513 * 86400;  // 2026-03-01
  const ReportIdParts parts{"example.test", "sender.test", day, {}, windows_filetime(day) + 42, 3, 99};
  const auto id = [&](ReportIdScheme scheme, std::uint64_t seed = 1) {
    Rng rng(seed);
    std::string out;
    append_report_id(out, scheme, parts, rng);
    return out;
  };
  EXPECT_EQ(id(ReportIdScheme::start_domain), "2026-03-01T00:00:00Z_example.test");
  EXPECT_EQ(id(ReportIdScheme::filetime_domain), "134167968000000042+example.test");
  EXPECT_EQ(id(ReportIdScheme::unix_hash), "1772323200_99");
  EXPECT_EQ(id(ReportIdScheme::start_idx_domain), "2026-03-01T00:00:00Z_idx3_example.test");
  EXPECT_EQ(id(ReportIdScheme::date_domain_at_sender), "20260301.example.test@sender.test");
  EXPECT_TRUE(std::regex_match(id(ReportIdScheme::date_domain_hex_at_sender),
                               std::regex(R"(20260301\.example\.test\.[0-9a-f]{16}@sender\.test)")));
  const std::regex uuid(R"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");
  EXPECT_TRUE(std::regex_match(id(ReportIdScheme::uuid), uuid));
  const auto at = id(ReportIdScheme::uuid_at_sender);
  EXPECT_TRUE(std::regex_match(at.substr(0, 36), uuid) && at.substr(36) == "@sender.test") << at;
  EXPECT_NE(id(ReportIdScheme::uuid, 1), id(ReportIdScheme::uuid, 2));
  EXPECT_EQ(id(ReportIdScheme::uuid, 5), id(ReportIdScheme::uuid, 5));
}

TEST(Personality, EveryOutputPassesItsDeclaredProfile) {
  for (const auto& p : personalities()) {
    for (const auto& s : samples(std::string(p.name))) {
      const auto strict = parse_report(s.artifact.bytes, Profile::strict);
      const auto lenient = parse_report(s.artifact.bytes, Profile::lenient);
      ASSERT_TRUE(lenient.valid()) << p.name << " #" << s.artifact.index << ": " << s.artifact.bytes << "\n"
                                   << (lenient.findings.empty() ? "" : lenient.findings[0].rule + " " + lenient.findings[0].message);
      if (p.strict_valid) {
        ASSERT_TRUE(strict.valid()) << p.name << " #" << s.artifact.index << ": " << s.artifact.bytes << "\n"
                                    << (strict.findings.empty() ? "" : strict.findings[0].rule + " " + strict.findings[0].message);
      }
    }
  }
}

TEST(Personality, Google) {
  const auto all = samples("google", Format::json_gz);
  for (const auto& s : all) {
    const auto text = gunzip_capped(s.artifact.bytes).data;
    EXPECT_EQ(text.find('\n'), std::string::npos) << "compact, no trailing newline";
    EXPECT_EQ(keys_of(s.json), (std::vector<std::string>{"organization-name", "date-range", "contact-info", "report-id", "policies"}));
    EXPECT_EQ(s.json["organization-name"], "Google Inc.");
    EXPECT_EQ(s.json["contact-info"], "smtp-tls-reporting@google.com");
    const std::string start = s.json["date-range"]["start-datetime"];
    EXPECT_TRUE(start.ends_with("T00:00:00Z"));
    EXPECT_TRUE(s.json["date-range"]["end-datetime"].get<std::string>().ends_with("T23:59:59Z"));
    const auto domain = file_name(s.artifact.path).substr(11, file_name(s.artifact.path).find('!', 11) - 11);  // "google.com!<domain>!…"
    EXPECT_EQ(s.json["report-id"], start + "_" + domain);
    for (const auto& p : s.json["policies"]) {
      EXPECT_EQ(keys_of(p)[0], "policy");
      for (const auto& d : p.value("failure-details", Json::array())) EXPECT_FALSE(d.contains("failure-reason-code"));
      if (p["policy"]["policy-type"] == "no-policy-found") {
        EXPECT_EQ(keys_of(p["policy"]), (std::vector<std::string>{"policy-type", "policy-domain"}));
      }
      if (p["policy"]["policy-type"] == "sts") {
        EXPECT_TRUE(p["policy"]["mx-host"].is_array());
      }
    }
    EXPECT_TRUE(std::regex_match(file_name(s.artifact.path), std::regex(R"(google\.com![^!]+!\d+!\d+!001\.json\.gz)"))) << file_name(s.artifact.path);
    EXPECT_EQ(s.artifact.bytes[8], 0);  // XFL
    EXPECT_EQ(s.artifact.bytes[9], 0);  // OS
  }
  // STS lines echo the published order: some domains publish max_age before mx.
  bool age_before_mx = false, mx_before_age = false;
  for (const auto& s : all)
    for (const auto& p : s.json["policies"])
      if (p["policy"]["policy-type"] == "sts") {
        const auto lines = p["policy"]["policy-string"];
        (lines[2].get<std::string>().starts_with("max_age") ? age_before_mx : mx_before_age) = true;
      }
  EXPECT_TRUE(age_before_mx && mx_before_age);
}

TEST(Personality, GoogleMail) {
  auto f = factory_for("google", Format::eml);
  const auto a = f.make(3);
  const auto ct = header_value(a.bytes, "Content-Type").value();
  EXPECT_TRUE(std::regex_search(ct, std::regex(R"(^multipart/report; boundary="[^"]+"; report-type=tlsrpt$)"))) << ct;
  const auto subject = header_value(a.bytes, "Subject").value();
  EXPECT_TRUE(std::regex_search(subject, std::regex(R"(Report-ID: <\d{4}\.\d\d\.\d\dT00\.00\.00Z\+[^@]+@google\.com>$)")))
      << subject;
  EXPECT_TRUE(std::regex_search(header_value(a.bytes, "Date").value(), std::regex(R"(-0[78]00$)")));
}

void expect_microsoft(const std::vector<Sample>& all, bool zoned) {
  bool tlsa_seen = false, both_seen = false;
  for (const auto& s : all) {
    EXPECT_EQ(s.json["organization-name"], "Microsoft Corporation");
    EXPECT_EQ(keys_of(s.json), (std::vector<std::string>{"organization-name", "date-range", "contact-info", "report-id", "policies"}));
    EXPECT_EQ(s.json["date-range"]["start-datetime"].get<std::string>().ends_with("Z"), zoned);
    EXPECT_TRUE(std::regex_match(s.json["report-id"].get<std::string>(), std::regex(R"(1\d{17}\+[a-z0-9.-]*)")));
    if (s.json["policies"].size() == 2) both_seen = true;
    for (const auto& p : s.json["policies"]) {
      EXPECT_FALSE(p["policy"].contains("mx-host")) << "Microsoft never sends mx-host";
      if (p["policy"]["policy-type"] == "tlsa") {
        tlsa_seen = true;
        ASSERT_EQ(p["policy"]["policy-string"].size(), 1u);
        const auto inner = Json::parse(p["policy"]["policy-string"][0].get<std::string>());
        ASSERT_TRUE(inner.is_array());
        for (const auto& rr : inner) EXPECT_TRUE(std::regex_match(rr.get<std::string>(), std::regex(R"([23] 1 1 [0-9A-F]{64})")));
        EXPECT_EQ(p["policy"]["policy-domain"], file_name(s.artifact.path).substr(14, file_name(s.artifact.path).find('!', 14) - 14))
            << "TLSA policy-domain is the recipient domain";
      }
      for (const auto& d : p.value("failure-details", Json::array()))
        if (d["result-type"] == "sts-policy-fetch-error") {
          EXPECT_EQ(keys_of(d), (std::vector<std::string>{"result-type", "failed-session-count"}));
          EXPECT_FALSE(p["policy"].contains("policy-string"));
        }
    }
  }
  EXPECT_TRUE(tlsa_seen);
  EXPECT_TRUE(both_seen) << "a report may carry sts and tlsa for one domain";
}

TEST(Personality, Microsoft2023) {
  const auto all = samples("microsoft-2023");
  expect_microsoft(all, false);
  for (const auto& s : all) EXPECT_EQ(s.json["date-range"]["end-datetime"].get<std::string>().substr(10), "T23:59:59");
}

TEST(Personality, Microsoft2024) {
  expect_microsoft(samples("microsoft"), true);
}

TEST(Personality, MicrosoftMail) {
  auto f = factory_for("microsoft", Format::eml);
  const auto a = f.make(2);
  EXPECT_EQ(header_value(a.bytes, "From").value(), "<tlsrpt-noreply@microsoft.com>");
  const auto subject = header_value(a.bytes, "Subject").value();
  EXPECT_EQ(subject.find('<'), std::string::npos);
  EXPECT_TRUE(header_value(a.bytes, "X-MS-TrafficTypeDiagnostic").has_value());
  EXPECT_NE(a.bytes.find("Content-Type: text/html"), std::string::npos);
  EXPECT_TRUE(std::regex_search(a.path, std::regex(R"(^microsoft\.com![^!]+!\d+!\d+!1\d{17}\.eml$)"))) << a.path;
  auto gz = factory_for("microsoft", Format::json_gz).make(2).bytes;
  EXPECT_EQ(static_cast<unsigned char>(gz[8]), 4);
  EXPECT_EQ(static_cast<unsigned char>(gz[9]), 0);
}

TEST(Personality, Mailru) {
  for (const auto& s : samples("mailru", Format::json_gz)) {
    EXPECT_EQ(s.json["contact-info"], "tls_support@corp.mail.ru");
    const std::string start = s.json["date-range"]["start-datetime"];
    const std::string end = s.json["date-range"]["end-datetime"];
    EXPECT_TRUE(end.ends_with("T00:00:00Z")) << "exclusive end";
    EXPECT_NE(start, end);
    EXPECT_TRUE(std::regex_match(s.json["report-id"].get<std::string>(),
                                 std::regex(R"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@mail\.ru)")));
    for (const auto& p : s.json["policies"]) {
      EXPECT_FALSE(p["policy"].contains("mx-host"));
      for (const auto& d : p.value("failure-details", Json::array()))
        if (d["result-type"] == "sts-policy-fetch-error") {
          EXPECT_FALSE(p["policy"].contains("policy-string"));
          const std::string code = d["failure-reason-code"];
          EXPECT_TRUE(code.starts_with("bad https response code") || code.starts_with("unable to do http request")) << code;
        }
    }
    EXPECT_EQ(static_cast<unsigned char>(s.artifact.bytes[9]), 255);
    const auto dot = file_name(s.artifact.path).rfind('!');
    const auto end_ts = std::stoll(file_name(s.artifact.path).substr(file_name(s.artifact.path).rfind('!', dot - 1) + 1));
    EXPECT_EQ(end_ts % 86400, 0) << "the filename end is the next midnight too";
  }
  auto mail = factory_for("mailru", Format::eml).make(0).bytes;
  EXPECT_EQ(header_value(mail, "TLS-Report-Submitter").value(), "mail.ru");
  EXPECT_EQ(header_value(mail, "X-Mailru-Skip-Sts").value(), "true");
  const auto boundary = top_boundary(mail);
  EXPECT_EQ(mail.find("--" + boundary + "--"), std::string::npos) << "closing boundary missing";
  EXPECT_TRUE(header_value(mail, "Content-Type").value().starts_with("multipart/report; report-type=\"tlsrpt\";"));
}

TEST(Personality, Stalwart) {
  const auto all = samples("stalwart", Format::json_gz);
  bool none_seen = false;
  for (const auto& s : all) {
    ASSERT_TRUE(s.json.contains("contact-info"));
    EXPECT_TRUE(s.json["contact-info"].is_null());
    EXPECT_TRUE(s.json["date-range"]["end-datetime"].get<std::string>().ends_with("T00:00:00Z"));
    EXPECT_TRUE(std::regex_match(s.json["report-id"].get<std::string>(), std::regex(R"(\d{10}_\d+)")));
    for (const auto& p : s.json["policies"]) {
      ASSERT_TRUE(p.contains("failure-details")) << "always present, [] included";
      if (p["policy"]["policy-type"] == "no-policy-found") {
        none_seen = true;
        EXPECT_EQ(p["policy"]["policy-string"], Json::array());
        EXPECT_EQ(p["policy"]["mx-host"], Json::array());
        EXPECT_EQ(p["failure-details"], Json::array());
      }
      if (p["policy"]["policy-type"] == "sts") {
        const auto lines = p["policy"]["policy-string"];
        EXPECT_TRUE(lines[2].get<std::string>().starts_with("max_age: "));
      }
    }
    EXPECT_TRUE(std::regex_match(file_name(s.artifact.path), std::regex(R"([^!]+![^!]+!\d+!\d+\.json\.gz)"))) << "no unique-id";
  }
  EXPECT_TRUE(none_seen);
  const auto mail = factory_for("stalwart", Format::eml).make(0).bytes;
  EXPECT_TRUE(std::regex_search(header_value(mail, "Subject").value(), std::regex(R"(Report-ID: <\d+_\d+>$)")));
}

TEST(Personality, Postfix) {
  const auto all = samples("postfix");
  bool none_seen = false;
  for (const auto& s : all) {
    EXPECT_EQ(keys_of(s.json), (std::vector<std::string>{"organization-name", "date-range", "contact-info", "policies", "report-id"}));
    EXPECT_TRUE(std::regex_match(s.json["report-id"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT00:00:00Z_idx\d+_.+)")));
    for (const auto& p : s.json["policies"]) {
      EXPECT_EQ(keys_of(p), (std::vector<std::string>{"summary", "policy", "failure-details"}));
      EXPECT_EQ(keys_of(p["summary"])[0], "total-failure-session-count");
      if (p["policy"]["policy-type"] == "no-policy-found") {
        none_seen = true;
        EXPECT_FALSE(p["policy"].contains("policy-domain"));
        EXPECT_FALSE(p["policy"].contains("policy-string"));
        EXPECT_FALSE(p["policy"].contains("mx-host"));
      }
    }
  }
  EXPECT_TRUE(none_seen);
  const auto mail = factory_for("postfix", Format::eml).make(0).bytes;
  EXPECT_EQ(header_value(mail, "TLS-Required").value(), "No");
  EXPECT_TRUE(header_value(mail, "Content-Type").value().starts_with("multipart/report; report-type=tlsrpt;"));
}

TEST(Personality, StrictRfc) {
  for (const auto& s : samples("strict-rfc")) {
    EXPECT_EQ(s.artifact.bytes.back(), '\n');
    EXPECT_NE(s.artifact.bytes.find("\n  \"date-range\": {"), std::string::npos) << "pretty";
    const auto r = parse_report(s.artifact.bytes, Profile::strict);
    ASSERT_TRUE(r.valid());
    for (const auto& w : r.findings) ADD_FAILURE() << "strict-rfc should draw no warning: " << w.rule << " " << w.message;
    for (const auto& p : s.json["policies"])
      for (const auto& d : p.value("failure-details", Json::array())) EXPECT_TRUE(d.contains("failure-reason-code"));
  }
}

}  // namespace
}  // namespace tlsrpt::gen
