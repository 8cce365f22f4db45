// The conformance suite: every case in one table. Ids are stable and never renumbered; a new case
// is a new row. The expected outcome names the allowed alternatives explicitly.
#include <array>
#include <string>

#include "conformance/cases/case.hpp"

namespace tlsrpt::conformance {
namespace {

constexpr std::string_view kHttpsAccept =
    "RFC 8460 5.4: the receiver MUST return a successful response (typically 200 or 201) for a report it accepts.";
constexpr std::string_view kMailAccept =
    "RFC 8460 5.3: reports MAY be delivered by mail as multipart/report with the report part attached; "
    "a DKIM-signed report from the reporting domain is to be accepted.";
constexpr std::string_view kPersonality =
    "Real reporters' reports (reporter-quirks.md): a receiver must accept and store what they really send.";
constexpr std::string_view kResultType =
    "RFC 8460 4.3: each result-type is counted in failed-session-count; the receiver keeps the counts per type.";

constexpr Expect kStored{.answers = a2xx, .hold = Hold::stored};
constexpr Expect kStoredOrIgnored{
    .answers = a2xx | a4xx | a5xx,
    .hold = Hold::intact,
    .alternatives = "ignoring it is allowed: TLS-Report-Submitter mail.ru differs from contact-info's corp.mail.ru (5.3)"};

#define HTTPS_PERSONALITY(NAME, TIER)                                                                      \
  Case{"8460-5.4-https-gzip-" NAME, TIER, kPersonality, {.personality = NAME}, kStored,                   \
       "a " NAME " report, application/tlsrpt+gzip, by HTTPS POST"},                                        \
  Case {                                                                                                   \
    "8460-5.4-https-json-" NAME, TIER, kPersonality, {.personality = NAME, .gzip = false}, kStored,         \
        "a " NAME " report, application/tlsrpt+json, by HTTPS POST"                                         \
  }
#define SMTP_PERSONALITY(NAME, TIER, EXPECT)                                                               \
  Case {                                                                                                   \
    "8460-5.3-mail-" NAME, TIER, kPersonality, {.channel = Channel::smtp, .personality = NAME}, EXPECT,     \
        "a " NAME " report mail (gzip part, DKIM-signed with the suite's key) by SMTP"                     \
  }
#define RESULT_TYPE(TYPE, POLICY)                                                                          \
  Case {                                                                                                   \
    "8460-4.3-result-" TYPE, Tier::must, kResultType,                                                      \
        {.size = "medium", .policy = POLICY, .result_type = TYPE, .gzip = false}, kStored,                 \
        "a " POLICY " report whose failures are all " TYPE ", by HTTPS POST (json)"                        \
  }

const std::array kCases = {
    // --- valid reports over HTTPS and SMTP ------------------------------------------------------
    Case{"8460-5.4-https-gzip-accepted", Tier::must, kHttpsAccept, {}, kStored,
         "a valid report, application/tlsrpt+gzip, by HTTPS POST"},
    Case{"8460-5.4-https-json-accepted", Tier::must, kHttpsAccept, {.gzip = false}, kStored,
         "a valid report, application/tlsrpt+json, by HTTPS POST"},
    Case{"8460-5.3-mail-gzip-accepted", Tier::must, kMailAccept, {.channel = Channel::smtp}, kStored,
         "a valid DKIM-signed report mail with an application/tlsrpt+gzip part, by SMTP"},
    Case{"8460-5.1-drop-gzip-accepted", Tier::must,
         "RFC 8460 5.1: a report file named sender!policy-domain!begin!end!id.json.gz is a report.", {.channel = Channel::drop},
         kStored, "a valid report file (.json.gz) written into the watched directory"},
    HTTPS_PERSONALITY("google", Tier::interop),
    HTTPS_PERSONALITY("microsoft", Tier::interop),
    HTTPS_PERSONALITY("microsoft-2023", Tier::interop),
    HTTPS_PERSONALITY("mailru", Tier::interop),
    HTTPS_PERSONALITY("stalwart", Tier::interop),
    HTTPS_PERSONALITY("postfix", Tier::interop),
    SMTP_PERSONALITY("google", Tier::interop, kStored),
    SMTP_PERSONALITY("microsoft", Tier::interop, kStored),
    SMTP_PERSONALITY("microsoft-2023", Tier::interop, kStored),
    SMTP_PERSONALITY("mailru", Tier::interop, kStoredOrIgnored),
    SMTP_PERSONALITY("stalwart", Tier::interop, kStored),
    SMTP_PERSONALITY("postfix", Tier::interop, kStored),
    SMTP_PERSONALITY("strict-rfc", Tier::must, kStored),

    // --- every result type, multiple policies, size ----------------------------------------------
    RESULT_TYPE("starttls-not-supported", "sts"),
    RESULT_TYPE("certificate-host-mismatch", "sts"),
    RESULT_TYPE("certificate-expired", "sts"),
    RESULT_TYPE("certificate-not-trusted", "sts"),
    RESULT_TYPE("validation-failure", "sts"),
    RESULT_TYPE("tlsa-invalid", "tlsa"),
    RESULT_TYPE("dnssec-invalid", "tlsa"),
    RESULT_TYPE("dane-required", "tlsa"),
    RESULT_TYPE("sts-policy-fetch-error", "sts"),
    RESULT_TYPE("sts-policy-invalid", "sts"),
    RESULT_TYPE("sts-webpki-invalid", "sts"),
    Case{"8460-4.3-no-policy-found", Tier::must,
         "RFC 8460 4.3: no-policy-found is a policy-type of its own; its sessions are counted like any other.",
         {.policy = "no-policy-found", .gzip = false}, kStored, "a report whose policy is no-policy-found"},
    Case{"8460-4.4-no-failures-accepted", Tier::interop,
         "RFC 8460 4.4: failure-details describes failures; a day without any (most days) leaves it out.",
         {.all_successful = true}, kStored, "a report in which every session succeeded, without failure-details"},
    Case{"8460-6.6-unknown-result-type-accepted", Tier::should,
         "RFC 8460 6.6: result types are a registry that grows; a receiver accepts a type it does not know.",
         {.size = "medium", .policy = "sts", .gzip = false, .mutators = "unknown-result-type"}, kStored,
         "a report with a result-type not in the registry"},
    Case{"8460-4.4-multiple-policies", Tier::must,
         "RFC 8460 4.4: policies is an array; each policy's summary and failure details count separately.",
         {.size = "medium", .policies = 3}, kStored, "a report with three policies (three policy domains)"},
    Case{"8460-4.4-very-large-report", Tier::should,
         "RFC 8460 4.4: failure-details has no upper bound; a busy sender's day has tens of thousands of rows.",
         {.size = "huge", .policy = "sts"}, kStored, "a report with 10,000-30,000 failure details (gzip)"},
    Case{"8460-4.4-large-report-mail", Tier::should,
         "RFC 8460 5.3: a large report arrives as a base64 gzip part of a mail.",
         {.channel = Channel::smtp, .size = "large", .policy = "sts"}, kStored,
         "a report with 100-500 failure details by SMTP"},

    // --- duplicates -------------------------------------------------------------------------------
    Case{"8460-4.4-duplicate-https-stored-once", Tier::should,
         "RFC 8460 4.4/5.3: report-id identifies a report so that the receiver can spot duplicates.",
         {.action = Action::twice},
         {.answers = a2xx, .hold = Hold::stored, .alternatives = "the second POST may be answered 2xx or 4xx"},
         "the same report POSTed twice"},
    Case{"8460-5.3-duplicate-mail-stored-once", Tier::should,
         "RFC 8460 5.3: \"Report-ID lets the Policy Domain spot duplicates\".",
         {.channel = Channel::smtp, .action = Action::twice},
         {.answers = a2xx, .hold = Hold::stored, .alternatives = "the second mail may be refused"},
         "the same report mail delivered twice"},

    // --- real-world quirks receivers must tolerate --------------------------------------------------
    Case{"8460-4.4-datetime-without-zone-tolerated", Tier::interop,
         "Microsoft 2023 writes date-range times without a zone (\"2023-05-01T00:00:00\"); read them as UTC.",
         {.personality = "microsoft-2023", .policy = "sts", .result_type = "certificate-expired", .gzip = false},
         kStored, "a report with date-times lacking Z (Microsoft 2023)"},
    Case{"8460-4.4-next-midnight-end-tolerated", Tier::interop,
         "RFC 8460 4.1 says a day is 00:00-24:00; reporters end at the next 00:00:00Z (Mail.ru, Stalwart).",
         {.personality = "mailru", .policy = "sts", .result_type = "certificate-expired", .gzip = false}, kStored,
         "a report whose end-datetime is the next midnight (Mail.ru)"},
    Case{"8460-4.4-null-contact-info-tolerated", Tier::interop,
         "Stalwart sends \"contact-info\": null; the report is still data.",
         {.personality = "stalwart", .policy = "sts", .gzip = false}, kStored, "a report with null contact-info"},
    Case{"8460-4.4-mx-host-string-tolerated", Tier::interop,
         "RFC 8460 Appendix B (erratum 6241) writes mx-host as a string; fixtures and reporters copied it.",
         {.policy = "sts", .gzip = false, .mutators = "mx-host-as-string"}, kStored,
         "a report with \"mx-host\": \"mx.example\" (a string, not an array)"},
    Case{"8460-4.5-tlsa-json-in-string-tolerated", Tier::interop,
         "Microsoft writes a TLSA policy-string as one string holding a JSON array.",
         {.policy = "tlsa", .gzip = false, .mutators = "json-in-string-policy"}, kStored,
         "a TLSA policy whose policy-string is [\"[\\\"3 1 1 ab..\\\"]\"]"},
    Case{"8460-5.3-missing-closing-boundary-tolerated", Tier::interop,
         "Mail.ru's report mail ends without the closing MIME boundary; the report part is still there.",
         {.channel = Channel::smtp, .mutators = "mime-missing-closing-boundary"}, kStored,
         "a signed report mail without its closing boundary"},
    Case{"8460-5.3-text-html-first-part-tolerated", Tier::interop,
         "RFC 8460 5.3: the first part is \"typically text/plain\"; Microsoft sends text/html.",
         {.channel = Channel::smtp, .personality = "microsoft", .policy = "sts"}, kStored,
         "a report mail whose human-readable part is text/html (Microsoft)"},
    Case{"8460-5.3-octet-stream-part-tolerated", Tier::interop,
         "RFC 8460 5.3: the receiver extracts the report part; some reporters label it application/octet-stream.",
         {.channel = Channel::smtp, .mutators = "mime-wrong-media-type"}, kStored,
         "a signed report mail whose report part is application/octet-stream"},

    // --- refused or ignored ---------------------------------------------------------------------------
    Case{"8460-5.3-mail-missing-dkim-ignored", Tier::must,
         "RFC 8460 3: reports sent via SMTP MUST carry a valid DKIM signature; reports without one MUST be ignored.",
         {.channel = Channel::smtp, .mutators = "mime-missing-dkim"},
         {.answers = a2xx | a4xx | a5xx, .hold = Hold::not_stored,
          .alternatives = "refused at the SMTP level or accepted and ignored"},
         "a report mail without a DKIM-Signature"},
    Case{"8460-5.3-mail-broken-dkim-ignored", Tier::must,
         "RFC 8460 3: a report whose DKIM signature does not verify MUST be ignored.",
         {.channel = Channel::smtp, .mutators = "mime-broken-dkim"},
         {.answers = a2xx | a4xx | a5xx, .hold = Hold::not_stored,
          .alternatives = "refused at the SMTP level or accepted and ignored"},
         "a report mail whose DKIM signature fails (a signed header altered)"},
    Case{"8460-5.3-submitter-mismatch-ignored", Tier::should,
         "RFC 8460 5.3: TLS-Report-Submitter MUST match the domain of contact-info; a mismatch is not trusted.",
         {.channel = Channel::smtp, .foreign_submitter = true},
         {.answers = a2xx | a4xx | a5xx, .hold = Hold::not_stored,
          .alternatives = "refused at the SMTP level or accepted and ignored"},
         "a signed report mail whose TLS-Report-Submitter is not contact-info's domain"},
    Case{"8460-7-gzip-bomb-refused", Tier::should,
         "RFC 8460 7: report content is untrusted; a gzip body inflating to 128 MiB is refused quickly and the "
         "receiver stays up.",
         {.action = Action::gzip_bomb},
         {.answers = a4xx | closed, .hold = Hold::not_stored, .within_ms = 10000,
          .alternatives = "413, 400 or another 4xx; the connection may close after the answer"},
         "~128 KiB of gzip inflating to a report plus 128 MiB of whitespace"},
    Case{"8460-7-oversized-body-refused", Tier::should,
         "RFC 8460 7: receivers limit what they accept; a 24 MiB body is refused or stored intact, never half-read.",
         {.gzip = false, .action = Action::oversized},
         {.answers = a2xx | a4xx | closed, .hold = Hold::intact,
          .alternatives = "413 (or another 4xx, or a close) is expected; storing it intact is allowed"},
         "a valid report padded with 24 MiB of whitespace (application/tlsrpt+json)"},
    Case{"8460-4.4-invalid-json-refused", Tier::should,
         "RFC 8460 4: the report is I-JSON; a body that is not JSON holds no report.",
         {.gzip = false, .action = Action::truncate_json},
         {.answers = a2xx | a4xx, .hold = Hold::not_stored,
          .alternatives = "4xx, or 2xx when processing is deferred (5.4 MAY), but never stored as a report"},
         "a report's JSON cut off in the middle"},
    Case{"8460-5.4-wrong-content-type", Tier::should,
         "RFC 8460 5.4: the Content-Type is application/tlsrpt+gzip or +json; anything else may be refused.",
         {.gzip = false, .content_type = "text/plain"},
         {.answers = a2xx | a4xx, .hold = Hold::intact,
          .alternatives = "415 or another 4xx; a receiver that sniffs the body may store it intact"},
         "a valid report labelled text/plain"},
    Case{"8460-6.3-gzip-truncated-refused", Tier::should,
         "RFC 8460 6.3: the gzip body must be complete; a truncated member holds no report.",
         {.mutators = "gzip-truncated"},
         {.answers = a2xx | a4xx, .hold = Hold::not_stored,
          .alternatives = "4xx, or 2xx with the report never stored"},
         "a gzip body cut short"},

    // --- robustness -------------------------------------------------------------------------------------
    Case{"8460-7-slow-client-tolerated", Tier::should,
         "RFC 8460 7 (flooding): one slow client must not stop the receiver answering others.",
         {.action = Action::slow_client},
         {.answers = any_answer, .hold = Hold::intact,
          .alternatives = "the slow POST may be answered or timed out; a second client must be answered meanwhile"},
         "a POST whose body is dribbled over ~3 s while a second client probes"},
    Case{"8460-7-dropped-mid-body-survived", Tier::must,
         "RFC 8460 5.4: a report is accepted only when it was received whole; a torn upload stores nothing.",
         {.action = Action::drop_mid_body},
         {.answers = closed | a4xx, .hold = Hold::not_stored,
          .alternatives = "the receiver may answer 400/408 or just close"},
         "half a POST body, then the connection closed"},
    Case{"8460-7-concurrent-posts", Tier::should,
         "RFC 8460 7: expect flooding of rua endpoints; 100 reports at once are all answered and all stored.",
         {.gzip = false, .action = Action::concurrent_100}, kStored,
         "100 different reports POSTed at the same time on 100 connections"},
};

#undef HTTPS_PERSONALITY
#undef SMTP_PERSONALITY
#undef RESULT_TYPE

}  // namespace

std::span<const Case> catalogue() { return kCases; }

const Case* find_case(std::string_view id) {
  for (const auto& c : kCases)
    if (c.id == id) return &c;
  return nullptr;
}

std::string_view to_string(Tier tier) {
  switch (tier) {
    case Tier::must: return "MUST";
    case Tier::should: return "SHOULD";
    case Tier::interop: return "INTEROP";
  }
  return "MUST";
}

std::string_view to_string(Channel channel) {
  switch (channel) {
    case Channel::https: return "https";
    case Channel::smtp: return "smtp";
    case Channel::drop: return "drop";
  }
  return "https";
}

std::string_view to_string(Hold hold) {
  switch (hold) {
    case Hold::stored: return "stored once with the sent counts";
    case Hold::not_stored: return "not stored";
    case Hold::intact: return "not stored, or stored with the sent counts";
  }
  return "stored";
}

std::string answers_text(unsigned answers) {
  std::string out;
  const auto add = [&](unsigned bit, std::string_view word) {
    if (!(answers & bit)) return;
    if (!out.empty()) out += " or ";
    out += word;
  };
  if (answers == any_answer) return "any answer";
  add(a2xx, "2xx");
  add(a4xx, "4xx");
  add(a5xx, "5xx");
  add(closed, "closed");
  return out;
}

}  // namespace tlsrpt::conformance
