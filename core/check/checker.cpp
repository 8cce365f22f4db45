#include "core/check/checker.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/check/email_checks.hpp"
#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/json/rules.hpp"

namespace tlsrpt::check {
namespace {

// JSON starts (after white space) with '{' or '['; a mail with a header field name and ':'.
bool looks_like_mail(std::string_view bytes) {
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || bytes[first] == '{' || bytes[first] == '[') return false;
  const auto colon = bytes.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 76) return false;
  for (char c : bytes.substr(0, colon))
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// Unwraps gzip into `out`; on failure adds a finding and returns false.
bool inflate(std::string_view gz, const CheckOptions& options, std::string& out, Findings& findings) {
  InflateLimits limits;
  limits.max_output = options.max_size;
  InflateResult r = gunzip_capped(gz, limits);
  if (r.ok()) {
    out = std::move(r.data);
    return true;
  }
  const bool limit = r.status == InflateStatus::too_large || r.status == InflateStatus::ratio_exceeded;
  add_finding(findings, options.profile, limit ? Rule::inflate_limit : Rule::gzip_stream, "gzip:",
              r.message.empty() ? std::string("The gzip stream could not be inflated.") : r.message);
  return false;
}

void parse_into(std::string_view json, std::size_t capacity, const CheckOptions& options, CheckResult& result) {
  ParseResult parsed = parse_report(json, std::max(capacity, json.size()), options.profile);
  result.report = std::move(parsed.report);
  result.findings.insert(result.findings.end(), std::make_move_iterator(parsed.findings.begin()),
                         std::make_move_iterator(parsed.findings.end()));
}

}  // namespace

std::string_view to_string(InputFormat format) {
  switch (format) {
    case InputFormat::json: return "json";
    case InputFormat::gzip_json: return "json.gz";
    case InputFormat::email: return "email";
    case InputFormat::email_gzip: return "email+gzip";
  }
  return "?";
}

CheckResult check_bytes(std::string_view bytes, std::string input, const CheckOptions& options,
                        std::size_t capacity) {
  CheckResult result;
  result.input = std::move(input);
  if (looks_gzipped(bytes)) {
    result.format = InputFormat::gzip_json;
    std::string json;
    if (inflate(bytes, options, json, result.findings)) parse_into(json, json.capacity(), options, result);
    return result;
  }
  if (!looks_like_mail(bytes)) {
    parse_into(bytes, capacity, options, result);
    return result;
  }
  result.format = InputFormat::email;
  EmailLimits limits;
  limits.max_message = options.max_size;
  limits.max_decoded = options.max_size;
  auto mail = parse_report_email(bytes, result.findings, limits);
  if (!mail) {
    if (!has_errors(result.findings))
      add_finding(result.findings, options.profile, Rule::email_report_part, "email:",
                  "The mail has no application/tlsrpt+gzip or application/tlsrpt+json part.");
    return result;
  }
  std::string inflated;
  std::string_view json = mail->report_bytes;
  std::size_t json_capacity = 0;
  if (looks_gzipped(json)) {
    result.format = InputFormat::email_gzip;
    if (!inflate(json, options, inflated, result.findings)) return result;
    json = inflated;
    json_capacity = inflated.capacity();
  }
  parse_into(json, json_capacity, options, result);
  if (result.report) {
    auto notes = check_email_against_report(*mail, *result.report, options.profile, result.findings);
    result.notes.insert(result.notes.end(), notes.begin(), notes.end());
  }
  return result;
}

CheckResult check_path(const std::string& path, const CheckOptions& options) {
  std::string bytes;
  const auto unreadable = [&](std::string why) {
    CheckResult r;
    r.input = path;
    r.unreadable = std::move(why);
    return r;
  };
  const auto too_large = [&] {
    return unreadable("it is larger than the " + std::to_string(options.max_size >> 20) +
                      " MiB limit (--max-size)");
  };
  char buf[1 << 16];
  if (path == "-") {
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
      if (bytes.size() + n > options.max_size) return too_large();
      bytes.append(buf, n);
    }
    if (std::ferror(stdin)) return unreadable("reading standard input failed");
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return unreadable("it cannot be opened");
    // Room for the whole file and the parser's padding at once: no copies while it grows or after.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size <= options.max_size) bytes.reserve(static_cast<std::size_t>(size) + kJsonPadding);
    while (in) {
      in.read(buf, sizeof buf);
      const auto n = static_cast<std::size_t>(in.gcount());
      if (bytes.size() + n > options.max_size) return too_large();
      bytes.append(buf, n);
    }
    if (in.bad()) return unreadable("reading it failed");
  }
  return check_bytes(bytes, path, options, bytes.capacity());
}

}  // namespace tlsrpt::check
