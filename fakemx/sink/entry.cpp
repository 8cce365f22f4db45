#include "fakemx/sink/entry.hpp"

#include <nlohmann/json.hpp>

namespace tlsrpt::fakemx::sink {

using nlohmann::json;

std::string_view to_string(Transport t) { return t == Transport::https ? "https" : "smtp"; }

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::valid: return "valid";
    case Verdict::invalid: return "invalid";
    case Verdict::not_a_report: return "not-a-report";
    case Verdict::too_large: return "too-large";
  }
  return "invalid";
}

namespace {

std::optional<Transport> transport_from(std::string_view s) {
  if (s == "https") return Transport::https;
  if (s == "smtp") return Transport::smtp;
  return std::nullopt;
}

std::optional<Verdict> verdict_from(std::string_view s) {
  for (Verdict v : {Verdict::valid, Verdict::invalid, Verdict::not_a_report, Verdict::too_large})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

json findings_json(const Findings& findings) {
  json out = json::array();
  for (const auto& f : findings)
    out.push_back({{"severity", f.severity == Severity::error ? "error" : "warning"},
                   {"where", f.where},
                   {"rule", f.rule},
                   {"message", f.message}});
  return out;
}

Findings findings_from(const json& in) {
  Findings out;
  for (const auto& f : in)
    out.push_back({f.at("severity").get<std::string>() == "error" ? Severity::error : Severity::warning,
                   f.at("where").get<std::string>(), f.at("rule").get<std::string>(),
                   f.at("message").get<std::string>()});
  return out;
}

}  // namespace

std::string entry_to_json(const SinkEntry& e) {
  json j = {{"seq", e.seq},
            {"received_at", e.received_at},
            {"transport", to_string(e.transport)},
            {"remote_ip", e.remote_ip},
            {"submitter", e.submitter},
            {"report_id", e.report_id},
            {"policy_domains", e.policy_domains},
            {"date_start", e.date_start},
            {"date_end", e.date_end},
            {"successful_sessions", e.successful_sessions},
            {"failed_sessions", e.failed_sessions},
            {"result_counts", e.result_counts},
            {"verdict", to_string(e.verdict)},
            {"findings", findings_json(e.findings)},
            {"raw_path", e.raw_path},
            {"media_type", e.media_type},
            {"duplicates", e.duplicates}};
  if (e.dkim) j["dkim"] = *e.dkim;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool entry_accepted(const SinkEntry& e) {
  if (e.verdict != Verdict::valid) return false;
  return e.transport == Transport::https || (e.dkim && e.dkim->rfind("pass", 0) == 0);
}

std::string entry_to_oracle_json(const SinkEntry& e) {
  json j = {{"report-id", e.report_id},
            {"accepted", entry_accepted(e)},
            {"copies", 1},
            {"successful-sessions", e.successful_sessions},
            {"failed-sessions", e.failed_sessions},
            {"result-counts", e.result_counts}};
  if (e.dkim) j["dkim"] = *e.dkim;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<SinkEntry> entry_from_json(std::string_view line) {
  const json j = json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("seq") || !j.contains("raw_path")) return std::nullopt;
  try {
    SinkEntry e;
    e.seq = j.at("seq").get<std::uint64_t>();
    e.received_at = j.at("received_at").get<std::string>();
    e.transport = transport_from(j.at("transport").get<std::string>()).value_or(Transport::https);
    e.remote_ip = j.at("remote_ip").get<std::string>();
    e.submitter = j.at("submitter").get<std::string>();
    e.report_id = j.at("report_id").get<std::string>();
    e.policy_domains = j.at("policy_domains").get<std::vector<std::string>>();
    e.date_start = j.at("date_start").get<std::string>();
    e.date_end = j.at("date_end").get<std::string>();
    e.successful_sessions = j.at("successful_sessions").get<std::int64_t>();
    e.failed_sessions = j.at("failed_sessions").get<std::int64_t>();
    e.result_counts = j.at("result_counts").get<std::map<std::string, std::int64_t>>();
    e.verdict = verdict_from(j.at("verdict").get<std::string>()).value_or(Verdict::invalid);
    e.findings = findings_from(j.at("findings"));
    e.raw_path = j.at("raw_path").get<std::string>();
    e.media_type = j.value("media_type", "");
    e.duplicates = j.value("duplicates", std::uint64_t{0});
    if (j.contains("dkim")) e.dkim = j.at("dkim").get<std::string>();
    return e;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::string duplicate_to_json(const DuplicateRecord& r) {
  const json j = {{"duplicate_of", r.of},
                  {"received_at", r.received_at},
                  {"transport", to_string(r.transport)},
                  {"remote_ip", r.remote_ip}};
  return j.dump();
}

std::optional<DuplicateRecord> duplicate_from_json(std::string_view line) {
  const json j = json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("duplicate_of")) return std::nullopt;
  try {
    DuplicateRecord r;
    r.of = j.at("duplicate_of").get<std::uint64_t>();
    r.received_at = j.value("received_at", "");
    r.transport = transport_from(j.value("transport", "")).value_or(Transport::https);
    r.remote_ip = j.value("remote_ip", "");
    return r;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace tlsrpt::fakemx::sink
