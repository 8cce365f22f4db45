#include "fakemx/sink/https_intake.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "core/records/uri_text.hpp"

namespace tlsrpt::fakemx::sink {

namespace {

constexpr std::string_view kIndexPath = "/_sink/index";

// "Application/TLSRPT+gzip; charset=x" -> "application/tlsrpt+gzip"
std::string media_type_of(std::string_view content_type) {
  std::string media(content_type.substr(0, content_type.find(';')));
  std::transform(media.begin(), media.end(), media.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto first = media.find_first_not_of(" \t");
  const auto last = media.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : media.substr(first, last - first + 1);
}

bool looks_like_json(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && body[first] == '{';
}

enum class Label { gzip, json, unlabelled, unsupported };

// Lenient also takes the near misses real tools send (reporter-quirks.md 16, 23), sniffing the body.
bool near_miss(const std::string& media) {
  return media == "application/json" || media == "application/gzip" || media == "application/tlsrpt";
}

Label label_of(const std::string& media, Profile profile) {
  if (media == "application/tlsrpt+gzip") return Label::gzip;
  if (media == "application/tlsrpt+json") return Label::json;
  if (media.empty() || media == "application/octet-stream") return Label::unlabelled;
  if (profile == Profile::lenient && near_miss(media)) return Label::unlabelled;
  return Label::unsupported;
}

http::Response json_response(int status, const nlohmann::json& body) {
  return http::Response::text(status, body.dump() + "\n", "application/json");
}

nlohmann::json findings_summary(const Findings& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : findings)
    out.push_back({{"severity", f.severity == Severity::error ? "error" : "warning"}, {"rule", f.rule},
                   {"where", f.where}, {"message", f.message}});
  return out;
}

}  // namespace

http::Response handle_https(const http::Request& request, ReportStore& store, const HttpsIntakeConfig& config) {
  if (request.path() == kIndexPath) {
    if (request.method != "GET") return http::Response::text(405, "use GET\n").with("Allow", "GET");
    // ?report-id=<percent-encoded>: only that report, in the conformance oracle format.
    const auto query = request.target.find("?report-id=");
    if (query != std::string::npos)
      return http::Response::text(200, store.oracle_json(records::percent_decode(request.target.substr(query + 11))),
                                  "application/json");
    return http::Response::text(200, store.index_json(), "application/json");
  }
  if (!config.path.empty() && request.path() != config.path)
    return http::Response::text(404, "reports are accepted at " + config.path + "\n");
  if (request.method != "POST") return http::Response::text(405, "use POST\n").with("Allow", "POST");

  const std::string media = media_type_of(request.header("Content-Type").value_or(""));
  const Label label = label_of(media, config.profile);
  const bool gz = looks_gzipped(request.body);
  if (label == Label::unsupported || (label == Label::unlabelled && !gz && !looks_like_json(request.body)))
    return http::Response::text(415, "use application/tlsrpt+gzip or application/tlsrpt+json (RFC 8460 5.4)\n");

  Arrival arrival;
  arrival.transport = Transport::https;
  arrival.remote_ip = request.remote_ip;
  arrival.media_type = media;
  arrival.raw_extension = gz ? "json.gz" : "json";
  arrival.examined = examine_report(request.body, media, config.inflate, config.profile);
  if (near_miss(media))
    arrival.examined.findings.push_back({Severity::warning, "sink:content-type", "8460-5.4-media-type",
                                         "The report was POSTed as " + media +
                                             "; RFC 8460 5.4 asks for application/tlsrpt+gzip or +json."});
  arrival.raw = request.body;
  const Verdict verdict = arrival.examined.verdict;
  const StoreResult result = store.store(std::move(arrival));

  nlohmann::json body = {{"seq", result.entry.seq},
                         {"verdict", to_string(result.entry.verdict)},
                         {"report_id", result.entry.report_id},
                         {"duplicate", result.outcome == StoreOutcome::duplicate},
                         {"findings", findings_summary(result.entry.findings)}};
  switch (result.outcome) {
    case StoreOutcome::stored: return json_response(201, body);
    case StoreOutcome::duplicate: return json_response(200, body);
    case StoreOutcome::quarantined: break;
  }
  if (verdict == Verdict::too_large) {
    http::Response response = json_response(413, body);
    response.keep_alive = false;
    return response;
  }
  if (verdict == Verdict::not_a_report) return json_response(400, body);
  return json_response(200, body);
}

}  // namespace tlsrpt::fakemx::sink
