// Every file under ../shared/corpus gets an asserted verdict in both profiles, with the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/check/checker.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt {
namespace {

enum class V { valid, invalid, skip };

struct CorpusCase {
  const char* file;  // relative to corpus/
  V strict;
  V lenient;
  const char* reason;
};

const CorpusCase kCorpus[] = {
    {"PROVENANCE.md", V::skip, V::skip, "documentation of the corpus, not a report"},
    {"_rfc8460/appendixB.line-joined.json", V::invalid, V::valid,
     "mx-host is a string (EID 6241), additional-information has spaces, no receiving-ip"},
    {"_rfc8460/appendixB.pagebreak-removed.txt", V::invalid, V::invalid,
     "not JSON: a raw line break inside the additional-information string"},
    {"_rfc8460/appendixB.rfc-verbatim.txt", V::invalid, V::invalid, "not JSON: page footer and form feed inside"},
    {"_rfc8460/section5.3.1-example-email.rfc-verbatim.txt", V::invalid, V::invalid,
     "indented RFC text with a placeholder instead of a report"},
    {"cry-inc__dmarc-report-viewer/google.json", V::valid, V::valid, "Google, clean"},
    {"cry-inc__dmarc-report-viewer/microsoft.json", V::invalid, V::valid,
     "Microsoft's TLSA policy-string is a JSON array inside one string"},
    {"cry-inc__dmarc-report-viewer/no-contact.json", V::invalid, V::valid,
     "Stalwart's contact-info null; an mx-host element with a stray \"mx: \" prefix"},
    {"cry-inc__dmarc-report-viewer/no-policy.json", V::valid, V::valid, "no-policy-found with policy-domain"},
    {"cry-inc__dmarc-report-viewer/no_ip_and_mx.json", V::invalid, V::valid,
     "sts without policy-string; failure detail without IPs or MX"},
    {"cry-inc__dmarc-report-viewer/rfc-example.json", V::invalid, V::valid,
     "RFC example: a failure detail without receiving-ip"},
    {"domainaware__parsedmarc/empty_failure_detail_fields.json", V::invalid, V::valid,
     "empty strings for the failure detail's IPs, MX and URI"},
    {"domainaware__parsedmarc/google.com_smtp_tls_report.eml", V::valid, V::valid,
     "Google mail with DKIM (noted, not verified); its Subject Report-ID differs from report-id (a warning)"},
    {"domainaware__parsedmarc/mail.ru.json", V::invalid, V::valid,
     "sts fetch errors without policy-string or IPs; details sum above the total"},
    {"domainaware__parsedmarc/rfc8460.json", V::invalid, V::valid, "RFC example: mx-host string, no receiving-ip"},
    {"domainaware__parsedmarc/smtp_tls.json", V::valid, V::valid,
     "Google (anonymised); validation-failure without failure-reason-code is only a warning"},
    {"marcbradshaw__mail-tls-rpt/email.eml", V::valid, V::valid, "Google mail, 2020, with DKIM"},
    {"marcbradshaw__mail-tls-rpt/report.json", V::valid, V::valid, "Google, compact"},
    {"marcbradshaw__mail-tls-rpt/report.json.gz", V::valid, V::valid, "Google's gzip of report.json"},
    {"marcbradshaw__mail-tls-rpt/report.json.gz.b64", V::invalid, V::invalid, "base64 text, not a report"},
    {"nixis-de__tls-rpt-monitor/tls-rpt.json", V::invalid, V::valid, "RFC example: mx-host string, no receiving-ip"},
    {"robalexdev__tlsrpt-be/report-2.json", V::valid, V::valid, "Google-like, clean"},
    {"robalexdev__tlsrpt-be/report.json", V::invalid, V::valid, "102 failed sessions but no failure-details"},
    {"robalexdev__tlsrpt-be/test.eml", V::invalid, V::valid,
     "RFC envelope: no DKIM, TLS-Report-Submitter is not contact-info's domain, RFC example body"},
    {"robalexdev__tlsrpt-be/testing.json", V::invalid, V::valid,
     "RFC example with IDN A-label domain: mx-host string, spaced additional-information"},
    {"stalwartlabs__mail-auth/rpt01.eml", V::invalid, V::valid,
     "RFC envelope with gzip FNAME: no DKIM, submitter mismatch, RFC example body"},
    {"stalwartlabs__mail-auth/rpt01.json", V::invalid, V::valid,
     "RFC example: no receiving-ip, spaced additional-information"},
    {"stalwartlabs__mail-auth/rpt02.eml", V::invalid, V::valid,
     "uncompressed application/tlsrpt part; no DKIM, submitter mismatch"},
    {"stalwartlabs__mail-auth/rpt02.json", V::valid, V::valid, "a 7-day range is only a warning (SHOULD)"},
    {"stalwartlabs__mail-auth/rpt03.json", V::invalid, V::valid,
     "unknown policy-type, no policy-domain, summary without total-failure-session-count"},
};

std::string verdict_text(V v) { return v == V::valid ? "valid" : "invalid"; }

TEST(Corpus, EveryFileHasAnAssertedVerdictInBothProfiles) {
  TLSRPT_REQUIRE_SHARED(shared);
  const auto corpus = shared / "corpus";
  std::set<std::string> listed;
  for (const auto& c : kCorpus) listed.insert(c.file);
  for (const auto& e : std::filesystem::recursive_directory_iterator(corpus)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = std::filesystem::relative(e.path(), corpus).string();
    EXPECT_TRUE(listed.count(rel)) << rel << " has no verdict in the corpus table";
  }
  for (const auto& c : kCorpus) {
    if (c.strict == V::skip) continue;
    const auto path = (corpus / c.file).string();
    for (auto [profile, want] : {std::pair{Profile::strict, c.strict}, std::pair{Profile::lenient, c.lenient}}) {
      check::CheckOptions options;
      options.profile = profile;
      const auto r = check::check_path(path, options);
      ASSERT_FALSE(r.unreadable) << c.file;
      std::string findings;
      for (const auto& f : r.findings) findings += "\n  " + f.rule + " " + f.where;
      EXPECT_EQ(verdict_text(r.valid() ? V::valid : V::invalid), verdict_text(want))
          << c.file << " (" << (profile == Profile::strict ? "strict" : "lenient") << "): " << c.reason << findings;
    }
  }
}

}  // namespace
}  // namespace tlsrpt
