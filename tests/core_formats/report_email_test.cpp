// Report mail: build is deterministic and well-formed; parse finds the report in every corpus mail
// and in self-built messages for each reporter quirk, with findings for each deviation.
#include "core/formats/report_email.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/formats/gzip.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt {
namespace {

const std::string kJson = R"({"organization-name":"Company-X","report-id":"5065427c-23d3","policies":[]})";

ReportEmailSpec spec() {
  ReportEmailSpec s;
  s.from = "TLS Reports <tlsrpt@mail.sender.example>";
  s.to = "tlsrpt@example.net";
  s.policy_domain = "example.net";
  s.submitter = "mail.sender.example";
  s.report_id = "2026-03-01T00:00:00Z_example.net";
  s.message_id = "r1@mail.sender.example";
  s.date_rfc5322 = "Sun, 01 Mar 2026 02:00:00 +0000";
  s.human_text = "This is an aggregate TLS report from mail.sender.example\n";
  s.attachment_name = "mail.sender.example!example.net!1772323200!1772409599!001.json.gz";
  s.attachment = gzip_compress(kJson);
  return s;
}

bool has_rule(const Findings& f, std::string_view rule) {
  return std::any_of(f.begin(), f.end(), [&](const Finding& x) { return x.rule == rule; });
}

std::string rules_of(const Findings& f) {
  std::string out;
  for (const auto& x : f) out += x.rule + " (" + x.where + "): " + x.message + "\n";
  return out;
}

TEST(ReportEmailBuild, IsDeterministicCrlfAndShort) {
  const auto a = build_report_email(spec());
  EXPECT_EQ(a, build_report_email(spec()));
  std::size_t start = 0;
  while (start < a.size()) {
    const auto end = a.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
    EXPECT_LE(end - start, 78u) << a.substr(start, end - start);
    EXPECT_EQ(a.substr(start, end - start).find('\n'), std::string::npos) << "no bare LF";
    start = end + 2;
  }
  EXPECT_NE(a.find("\r\nTLS-Report-Domain: example.net\r\n"), std::string::npos);
  EXPECT_NE(a.find("\r\nTLS-Report-Submitter: mail.sender.example\r\n"), std::string::npos);
  EXPECT_NE(a.find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(a.find("multipart/report; report-type=\"tlsrpt\""), std::string::npos);
  EXPECT_NE(a.find("Content-Type: application/tlsrpt+gzip\r\n"), std::string::npos);
  EXPECT_NE(a.find("Message-ID: <r1@mail.sender.example>\r\n"), std::string::npos);
}

TEST(ReportEmailBuild, RoundTripsThroughTheParserWithoutFindings) {
  Findings findings;
  const auto mail = parse_report_email(build_report_email(spec()), findings);
  ASSERT_TRUE(mail);
  EXPECT_TRUE(findings.empty()) << rules_of(findings);
  EXPECT_EQ(mail->media_type, "application/tlsrpt+gzip");
  EXPECT_EQ(mail->filename, spec().attachment_name);
  EXPECT_EQ(gunzip_capped(mail->report_bytes).data, kJson);
  EXPECT_EQ(mail->tls_report_domain, "example.net");
  EXPECT_EQ(mail->tls_report_submitter, "mail.sender.example");
  EXPECT_EQ(mail->subject_domain, "example.net");
  EXPECT_EQ(mail->subject_submitter, "mail.sender.example");
  EXPECT_EQ(mail->subject_report_id, "<2026-03-01T00-00-00Z_example.net@mail.sender.example>");
  EXPECT_FALSE(mail->has_dkim_signature);
}

TEST(ReportEmailBuild, JsonAttachmentLongNamesAndUnicodeText) {
  auto s = spec();
  s.gzipped = false;
  s.attachment = kJson;
  s.policy_domain = std::string(50, 'a') + ".example";  // the longest word that fits one line
  s.attachment_name = "mail.sender.example!" + s.policy_domain + "!1772323200!1772409599!001.json";
  s.human_text = "Rapport TLS — résumé, with a line that is very long " + std::string(120, 'x') + " \n";
  s.boundary = "fixed";
  const auto m = build_report_email(s);
  for (std::size_t start = 0, end; (end = m.find("\r\n", start)) != std::string::npos; start = end + 2)
    EXPECT_LE(end - start, 78u) << m.substr(start, end - start);
  Findings findings;
  const auto mail = parse_report_email(m, findings);
  ASSERT_TRUE(mail);
  EXPECT_TRUE(findings.empty()) << rules_of(findings);
  EXPECT_EQ(mail->media_type, "application/tlsrpt+json");
  EXPECT_EQ(mail->report_bytes, kJson);
  EXPECT_EQ(mail->filename, s.attachment_name) << "RFC 2231 continuations read back";
  EXPECT_EQ(mail->subject_domain, s.policy_domain);
}

TEST(ReportEmailBuild, HeaderValuesCannotInjectHeaders) {
  auto s = spec();
  s.to = "a@example.net\r\nBcc: victim@example.org";
  const auto m = build_report_email(s);
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos);
}

// A message in the shape real reporters send, assembled from pieces so each quirk is one edit.
struct Shape {
  std::string eol = "\r\n";
  std::string top_type = "multipart/report; boundary=\"b1\"; report-type=tlsrpt";
  std::string subject = "Report Domain: example.net Submitter: sender.example Report-ID: <id1@sender.example>";
  std::string first_part = "Content-Type: text/plain\n\nhuman text\n";
  std::string report_headers =
      "Content-Type: application/tlsrpt+gzip\nContent-Transfer-Encoding: base64\n"
      "Content-Disposition: attachment; filename=\"sender.example!example.net!1!2!001.json.gz\"\n";
  std::string preamble;
  bool close = true;
  bool date = true;

  std::string text() const {
    std::string m = "From: r@sender.example\nTo: t@example.net\n";
    if (date) m += "Date: Tue, 03 Mar 2020 02:24:39 -0800\n";
    m += "Message-ID: <x@sender.example>\nSubject: " + subject +
         "\nTLS-Report-Domain: example.net\nTLS-Report-Submitter: sender.example\nMIME-Version: 1.0\nContent-Type: " +
         top_type + "\n\n" + preamble;
    m += "--b1\n" + first_part + "\n--b1\n" + report_headers + "\n";
    std::string b64;
    {
      // base64 of the gzip, through our own builder's encoder via a tiny message
      ReportEmailSpec s = spec();
      const auto built = build_report_email(s);
      const auto at = built.find("\r\n\r\n", built.find("application/tlsrpt+gzip"));
      b64 = built.substr(at + 4, built.find("\r\n--", at) - at - 4);
    }
    m += b64 + "\n";
    m += close ? "--b1--\n" : "--b1\n\n\n";
    std::string out;
    for (char c : m) {
      if (c == '\n') out += eol;
      else out += c;
    }
    return out;
  }
};

std::optional<ReportEmail> parse(const Shape& shape, Findings& findings) { return parse_report_email(shape.text(), findings); }

TEST(ReportEmailQuirks, GoogleShapeWithLfParsesClean) {
  Shape s;
  s.eol = "\n";
  Findings f;
  const auto mail = parse(s, f);
  ASSERT_TRUE(mail);
  EXPECT_TRUE(f.empty()) << rules_of(f);
  EXPECT_EQ(gunzip_capped(mail->report_bytes).data, kJson);
}

TEST(ReportEmailQuirks, UnquotedReportTypeAnywhereIsFine) {
  Shape s;
  s.top_type = "multipart/report; report-type=tlsrpt;\n\tboundary=\"b1\"";
  Findings f;
  ASSERT_TRUE(parse(s, f));
  EXPECT_FALSE(has_rule(f, "8460-5.3-report-type")) << rules_of(f);
}

TEST(ReportEmailQuirks, WrongOrMissingReportTypeIsAWarning) {
  for (const char* type : {"multipart/mixed; boundary=\"b1\"", "multipart/report; boundary=\"b1\"",
                           "multipart/report; boundary=\"b1\"; report-type=delivery-status"}) {
    Shape s;
    s.top_type = type;
    Findings f;
    ASSERT_TRUE(parse(s, f)) << type;
    EXPECT_TRUE(has_rule(f, "8460-5.3-report-type")) << type;
    EXPECT_FALSE(has_errors(f)) << rules_of(f);
  }
}

TEST(ReportEmailQuirks, HtmlFirstPartAndPreambleAreIgnored) {
  Shape s;
  s.first_part = "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<p>Hi=20there</p>\n";
  s.preamble = "This is a multipart message in MIME format.\n\n";
  Findings f;
  const auto mail = parse(s, f);
  ASSERT_TRUE(mail);
  EXPECT_TRUE(f.empty()) << rules_of(f);
  EXPECT_EQ(mail->media_type, "application/tlsrpt+gzip");
}

TEST(ReportEmailQuirks, MissingClosingBoundaryLikeMailRu) {
  Shape s;
  s.close = false;
  s.top_type = "multipart/report; report-type=\"tlsrpt\";\n boundary=\"b1\"";
  s.subject = "Report\n Domain: example.net\n Submitter: sender.example\n Report-ID: <id1@sender.example>";
  Findings f;
  const auto mail = parse(s, f);
  ASSERT_TRUE(mail);
  EXPECT_EQ(gunzip_capped(mail->report_bytes).data, kJson);
  EXPECT_TRUE(has_rule(f, "2046-5.1.1-close-delimiter")) << rules_of(f);
  EXPECT_FALSE(has_errors(f));
  EXPECT_EQ(mail->subject, "Report Domain: example.net Submitter: sender.example Report-ID: <id1@sender.example>");
  EXPECT_EQ(mail->subject_report_id, "<id1@sender.example>");
}

TEST(ReportEmailQuirks, EveryReportMediaTypeIsFoundAndNonStandardOnesWarn) {
  struct Case {
    const char* type;
    bool warns;
  };
  for (const auto& c : {Case{"application/tlsrpt+gzip", false}, Case{"application/tlsrpt", true},
                        Case{"application/gzip", true}, Case{"application/x-gzip", true},
                        Case{"application/octet-stream", true}}) {
    Shape s;
    s.report_headers = std::string("Content-Type: ") + c.type +
                       "\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; "
                       "filename=\"sender.example!example.net!1!2!001.json.gz\"\n";
    Findings f;
    const auto mail = parse(s, f);
    ASSERT_TRUE(mail) << c.type << "\n" << rules_of(f);
    EXPECT_EQ(mail->media_type, c.type);
    EXPECT_EQ(has_rule(f, "8460-5.3-media-type"), c.warns) << c.type << "\n" << rules_of(f);
  }
}

TEST(ReportEmailQuirks, OctetStreamThatIsNotAReportIsSkipped) {
  Shape s;
  s.first_part = "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAECAwQF\n";
  Findings f;
  const auto mail = parse(s, f);
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->media_type, "application/tlsrpt+gzip");
}

TEST(ReportEmailQuirks, GzipLabelledJsonWarns) {
  Shape s;
  s.report_headers = "Content-Type: application/tlsrpt+json\nContent-Transfer-Encoding: base64\n"
                     "Content-Disposition: attachment; filename=\"sender.example!example.net!1!2!001.json\"\n";
  Findings f;
  ASSERT_TRUE(parse(s, f));
  EXPECT_TRUE(has_rule(f, "8460-5.3-media-type")) << rules_of(f);
  EXPECT_TRUE(has_rule(f, "8460-5.1-filename")) << rules_of(f);
}

TEST(ReportEmailQuirks, NonStandardFilenameWarns) {
  Shape s;
  s.report_headers = "Content-Type: application/tlsrpt+gzip\nContent-Transfer-Encoding: base64\n"
                     "Content-Disposition: attachment; filename=\"report.json.gz\"\n";
  Findings f;
  const auto mail = parse(s, f);
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->filename, "report.json.gz");
  EXPECT_TRUE(has_rule(f, "8460-5.1-filename")) << rules_of(f);
}

TEST(ReportEmailQuirks, SingleApplicationTlsrptJsonMessage) {
  const std::string m =
      "From: r@sender.example\r\nDate: Sun, 01 Mar 2026 02:00:00 +0000\r\nMessage-ID: <a@b>\r\n"
      "Subject: Report Domain: example.net Submitter: sender.example Report-ID: <a@b>\r\n"
      "TLS-Report-Domain: example.net\r\nTLS-Report-Submitter: sender.example\r\nMIME-Version: 1.0\r\n"
      "Content-Type: application/tlsrpt+json\r\nContent-Disposition: attachment; "
      "filename=\"sender.example!example.net!1!2.json\"\r\n\r\n" +
      kJson + "\r\n";
  Findings f;
  const auto mail = parse_report_email(m, f);
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->media_type, "application/tlsrpt+json");
  EXPECT_EQ(mail->report_bytes.substr(0, kJson.size()), kJson);
  EXPECT_TRUE(has_rule(f, "8460-5.3-report-type"));
  EXPECT_FALSE(has_errors(f)) << rules_of(f);
}

TEST(ReportEmailQuirks, NestedMultipartsAndForwardedMessages) {
  const auto inner = build_report_email(spec());
  const std::string forwarded =
      "From: gw@example.net\r\nDate: Sun, 01 Mar 2026 03:00:00 +0000\r\nMessage-ID: <f@example.net>\r\n"
      "Subject: Fwd: report\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
      "--outer\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\n" +
      inner + "\r\n--outer--\r\n";
  Findings f;
  const auto mail = parse_report_email(forwarded, f);
  ASSERT_TRUE(mail) << rules_of(f);
  EXPECT_EQ(gunzip_capped(mail->report_bytes).data, kJson);
  for (const auto& x : f) EXPECT_EQ(x.where.rfind("email:", 0), 0u) << x.where;
}

TEST(ReportEmailQuirks, NestedMultipartWithoutClosingBoundaryIsLocated) {
  const auto inner = build_report_email(spec());
  const auto body_at = inner.find("\r\n\r\n");
  const auto type_at = inner.find("Content-Type: multipart/report");
  // The report's own multipart, unclosed, as the second part of an unclosed multipart/mixed.
  std::string nested = inner.substr(type_at, body_at - type_at) + "\r\n\r\n" + inner.substr(body_at + 4);
  nested.resize(nested.rfind("--\r\n"));
  const std::string m = "From: a@b\r\nDate: Sun, 01 Mar 2026 02:00:00 +0000\r\nMessage-ID: <x@y>\r\nMIME-Version: 1.0\r\n"
                        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n--outer\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                        "--outer\r\n" + nested + "\r\n";
  Findings f;
  const auto mail = parse_report_email(m, f);
  ASSERT_TRUE(mail) << rules_of(f);
  EXPECT_EQ(gunzip_capped(mail->report_bytes).data, kJson);
  std::size_t unclosed = 0;
  for (const auto& x : f) {
    EXPECT_EQ(x.where.rfind("email:", 0), 0u) << x.where;
    if (x.rule == "2046-5.1.1-close-delimiter") ++unclosed;
  }
  EXPECT_EQ(unclosed, 2u) << rules_of(f);
}

TEST(ReportEmailQuirks, SubjectDeviationsAreListed) {
  struct Case {
    const char* subject;
    const char* id;
    std::size_t deviations;
  };
  for (const auto& c : {Case{"Report Domain: example.net Submitter: sender.example Report-ID: <a@b>", "<a@b>", 0},
                        Case{"Report Domain: krvtz.net Submitter: microsoft.com Report-ID:\n 133708152202987951+krvtz.net",
                             "133708152202987951+krvtz.net", 2},
                        Case{"Report Domain: example.net Submitter: s.example Report-ID: <1730332800_11732957880687192466>",
                             "<1730332800_11732957880687192466>", 1},
                        Case{"report domain: example.net submitter: s.example report-id: <a@b> (comment)", "<a@b>", 4}}) {
    Shape s;
    s.subject = c.subject;
    Findings f;
    const auto mail = parse(s, f);
    ASSERT_TRUE(mail);
    EXPECT_EQ(mail->subject_report_id, c.id) << c.subject;
    const auto n = static_cast<std::size_t>(std::count_if(f.begin(), f.end(), [](const Finding& x) {
      return x.rule == "8460-5.3-subject-form";
    }));
    EXPECT_EQ(n, c.deviations) << c.subject << "\n" << rules_of(f);
  }
}

TEST(ReportEmailQuirks, BadOrMissingDateAndMessageId) {
  Shape s;
  s.date = false;
  Findings f;
  ASSERT_TRUE(parse(s, f));
  EXPECT_TRUE(has_rule(f, "5322-3.6.1-date"));
  const std::string rfc_date = "Date: Fri, May 09 2017 16:54:30 -0800\r\n" + Shape{}.text();
  Findings g;
  ASSERT_TRUE(parse_report_email(rfc_date, g));
  EXPECT_TRUE(has_rule(g, "5322-3.6.1-date")) << rules_of(g);
}

TEST(ReportEmailLimits, NoReportPartIsAnError) {
  Shape s;
  s.report_headers = "Content-Type: text/plain\n";
  Findings f;
  EXPECT_FALSE(parse(s, f));
  EXPECT_TRUE(has_rule(f, "8460-5.3-report-part"));
  EXPECT_TRUE(has_errors(f));
}

TEST(ReportEmailLimits, JunkNeverCrashes) {
  for (std::string junk : {std::string(), std::string("\0\1\2", 3), std::string(10000, '\n'), std::string("--\n--\n"),
                           std::string("Content-Type: multipart/mixed; boundary=x\n\n--x\n--x--")}) {
    Findings f;
    EXPECT_FALSE(parse_report_email(junk, f));
    EXPECT_TRUE(has_errors(f));
  }
}

TEST(ReportEmailLimits, TooManyPartsTooDeepTooLarge) {
  std::string many = "Content-Type: multipart/mixed; boundary=x\n\n";
  for (int i = 0; i < 300; ++i) many += "--x\nContent-Type: text/plain\n\nhi\n";
  Findings f1;
  EXPECT_FALSE(parse_report_email(many, f1));
  EXPECT_TRUE(has_errors(f1));

  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" + std::to_string(i) + "\n";
  deep += "Content-Type: application/tlsrpt+json\n\n{}\n";
  Findings f2;
  EXPECT_FALSE(parse_report_email(deep, f2));
  EXPECT_TRUE(has_errors(f2));

  EmailLimits small;
  small.max_decoded = 10;
  Findings f3;
  EXPECT_FALSE(parse_report_email(build_report_email(spec()), f3, small));
  EXPECT_TRUE(has_errors(f3));

  small = {};
  small.max_header = 100;
  Findings f4;
  EXPECT_FALSE(parse_report_email(build_report_email(spec()), f4, small));
  EXPECT_TRUE(has_errors(f4));
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every .eml in the shared corpus, with what must come out of it.
TEST(ReportEmailCorpus, EveryMailYieldsItsReport) {
  TLSRPT_REQUIRE_SHARED(shared);
  struct Expect {
    const char* file;
    const char* media_type;
    const char* filename;
    const char* domain;
    const char* submitter;
    const char* subject_id;
    bool dkim;
    bool gz;
    std::vector<const char*> rules;  // container findings expected
  };
  const std::vector<Expect> table = {
      {"domainaware__parsedmarc/google.com_smtp_tls_report.eml", "application/tlsrpt+gzip",
       "google.com!cardinalhealth.ca!1725321600!1725407999!001.json.gz", "cardinalhealth.ca", "google.com",
       "<2024.09.03T00.00.00Z+cardinalhealth.ca@google.com>", true, true, {}},
      {"marcbradshaw__mail-tls-rpt/email.eml", "application/tlsrpt+gzip",
       "google.com!fastmaildmarc.com!1583107200!1583193599!001.json.gz", "fastmaildmarc.com", "google.com",
       "<2020.03.02T00.00.00Z+fastmaildmarc.com@google.com>", true, true, {}},
      {"robalexdev__tlsrpt-be/test.eml", "application/tlsrpt+gzip",
       "mail.sender.example!example.com!1013662812!1013749130.json.gz", "example.net", "mail.sender.example.com",
       "<735ff.e317+bf22029@example.net>", false, true, {"5322-3.6.1-date", "5322-3.6.4-message-id"}},
      {"stalwartlabs__mail-auth/rpt01.eml", "application/tlsrpt+gzip",
       "mail.sender.example!example.com!1013662812!1013749130.json.gz", "example.net", "mail.sender.example.com",
       "<735ff.e317+bf22029@example.net>", false, true, {"5322-3.6.1-date", "5322-3.6.4-message-id"}},
      {"stalwartlabs__mail-auth/rpt02.eml", "application/tlsrpt",
       "mail.sender.example!example.com!1013662812!1013749130.json", "example.net", "mail.sender.example.com",
       "<735ff.e317+bf22029@example.net>", false, false, {"5322-3.6.1-date", "8460-5.3-media-type"}},
  };
  std::size_t seen = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(shared / "corpus"))
    if (entry.path().extension() == ".eml") ++seen;
  EXPECT_EQ(seen, table.size()) << "a new .eml in the corpus needs a row here";
  for (const auto& e : table) {
    SCOPED_TRACE(e.file);
    Findings f;
    const auto mail = parse_report_email(read_file(shared / "corpus" / e.file), f);
    ASSERT_TRUE(mail) << rules_of(f);
    EXPECT_FALSE(has_errors(f)) << rules_of(f);
    EXPECT_EQ(mail->media_type, e.media_type);
    EXPECT_EQ(mail->filename, e.filename);
    EXPECT_EQ(mail->tls_report_domain, e.domain);
    EXPECT_EQ(mail->tls_report_submitter, e.submitter);
    EXPECT_EQ(mail->subject_domain, e.domain);
    EXPECT_EQ(mail->subject_submitter, e.submitter);
    EXPECT_EQ(mail->subject_report_id, e.subject_id);
    EXPECT_EQ(mail->has_dkim_signature, e.dkim);
    EXPECT_EQ(looks_gzipped(mail->report_bytes), e.gz);
    const auto body = e.gz ? gunzip_capped(mail->report_bytes).data : mail->report_bytes;
    EXPECT_NE(body.find("\"policies\""), std::string::npos);
    for (const char* rule : e.rules) EXPECT_TRUE(has_rule(f, rule)) << rule << "\n" << rules_of(f);
  }
}

}  // namespace
}  // namespace tlsrpt
