// Turns a case's `Send` into the bytes that go out, made by the generators (personality, size,
// mutators, containers, DKIM), and reads back from those same bytes what the receiver should hold.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "conformance/cases/case.hpp"
#include "generators/output/dkim.hpp"

namespace tlsrpt::conformance {

// What a receiver that accepted the report should report for it (oracle format, docs/conformance.md).
struct Counts {
  std::int64_t successful = 0;
  std::int64_t failed = 0;
  std::map<std::string, std::int64_t> result_counts;  // result-type -> sum of failed-session-count
  bool operator==(const Counts&) const = default;
};

struct Payload {
  std::string report_id;
  std::string bytes;          // HTTP body, file content, or the RFC 5322 message
  std::string content_type;   // HTTP Content-Type
  std::string filename;       // for a drop target: §5.1 name (.json, .json.gz) or .eml
  std::string mail_from;      // SMTP envelope
  std::optional<Counts> counts;  // read back from the bytes; nullopt when they hold no report
};

struct PayloadContext {
  std::uint64_t seed = 1;
  std::string rcpt = "tlsrpt@reports.conformance.example";
  const gen::DkimKey* dkim = nullptr;  // signs every mail (mutators may then break or strip it)
};

// The domain the submitter-mismatch case signs as (printed with --print-dkim-record).
inline constexpr std::string_view kForeignSubmitter = "submitter-mismatch.conformance.example";

// One payload per delivery; `concurrent_100` gives 100. `case_number` keeps ids unique in a run.
std::vector<Payload> build_payloads(const Case& c, std::size_t case_number, const PayloadContext& context);

// The counts of the report in `bytes` (JSON, gzip or a report mail), read leniently.
std::optional<Counts> counts_in(const std::string& bytes, bool is_mail);

}  // namespace tlsrpt::conformance
