#include "conformance/oracle/oracle.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <stdexcept>

namespace tlsrpt::conformance {
namespace {

using nlohmann::json;

std::optional<std::int64_t> count_at(const json& entry, const char* key) {
  if (!entry.contains(key) || entry[key].is_null()) return std::nullopt;
  if (!entry[key].is_number_integer()) throw std::invalid_argument(std::string("\"") + key + "\" is not an integer");
  return entry[key].get<std::int64_t>();
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void merge_into(OracleView& into, OracleView from) {
  for (auto& [id, held] : from.reports) into.reports.insert_or_assign(id, std::move(held));
}

class UrlOracle : public Oracle {
 public:
  UrlOracle(const std::string& url, const gen::transport::TlsOptions& tls, std::chrono::milliseconds timeout)
      : url_(url), endpoint_(gen::transport::parse_https_url(url)), client_(endpoint_, tls, timeout) {}

  OracleView fetch(const std::vector<std::string>& report_ids) override {
    const auto slot = endpoint_.path.find(kSlot);
    if (slot == std::string::npos) return get(endpoint_.path);
    OracleView view;
    for (const auto& id : report_ids) {
      std::string target = endpoint_.path;
      target.replace(slot, kSlot.size(), percent_encode(id));
      merge_into(view, get(target));
    }
    return view;
  }
  std::string describe() const override { return url_; }

 private:
  static constexpr std::string_view kSlot = "{report-id}";

  OracleView get(const std::string& target) {
    const auto response = client_.get(target);
    if (!response.error.empty()) {
      client_.close();
      throw std::runtime_error("oracle " + url_ + ": " + response.error);
    }
    if (response.status != 200)
      throw std::runtime_error("oracle " + url_ + " answered " + std::to_string(response.status) + " " + response.reason);
    try {
      return parse_oracle(response.body);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("oracle " + url_ + ": " + e.what() +
                               (response.body.size() >= (64u << 10) ? " (the answer is too long: use {report-id} in the URL)" : ""));
    }
  }

  std::string url_;
  gen::transport::Endpoint endpoint_;
  gen::transport::HttpsClient client_;
};

std::string counts_text(const std::map<std::string, std::int64_t>& counts) {
  std::string out;
  for (const auto& [type, n] : counts) out += (out.empty() ? "" : ", ") + type + " " + std::to_string(n);
  return out.empty() ? "none" : out;
}

// Differences between the counts held and the counts sent, as sentences.
std::string compare_counts(const HeldReport& held, const Counts& sent) {
  std::string out;
  if (held.successful && *held.successful != sent.successful)
    out += "successful sessions held " + std::to_string(*held.successful) + ", sent " + std::to_string(sent.successful) + ". ";
  if (held.failed && *held.failed != sent.failed)
    out += "failed sessions held " + std::to_string(*held.failed) + ", sent " + std::to_string(sent.failed) + ". ";
  if (held.result_counts) {
    // Zero-count types are the same as absent ones.
    std::map<std::string, std::int64_t> a, b;
    for (const auto& [k, v] : *held.result_counts) if (v) a[k] = v;
    for (const auto& [k, v] : sent.result_counts) if (v) b[k] = v;
    if (a != b) out += "result-type counts held {" + counts_text(a) + "}, sent {" + counts_text(b) + "}. ";
  }
  return out.empty() ? out : "parsed the counts wrong for " + held.report_id + ": " + out;
}

}  // namespace

const HeldReport* OracleView::find(const std::string& report_id) const {
  const auto it = reports.find(report_id);
  return it == reports.end() ? nullptr : &it->second;
}

OracleView parse_oracle(std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw std::invalid_argument("the oracle's answer is not JSON");
  if (!doc.is_object() || !doc.contains("reports") || !doc["reports"].is_array())
    throw std::invalid_argument("the oracle's JSON has no \"reports\" array (see docs/conformance.md)");
  OracleView view;
  for (const auto& entry : doc["reports"]) {
    if (!entry.is_object() || !entry.contains("report-id") || !entry["report-id"].is_string())
      throw std::invalid_argument("an oracle entry has no \"report-id\" string");
    HeldReport r;
    r.report_id = entry["report-id"].get<std::string>();
    if (entry.contains("accepted")) {
      if (!entry["accepted"].is_boolean()) throw std::invalid_argument("\"accepted\" is not true or false");
      r.accepted = entry["accepted"].get<bool>();
    }
    r.copies = count_at(entry, "copies").value_or(1);
    r.successful = count_at(entry, "successful-sessions");
    r.failed = count_at(entry, "failed-sessions");
    if (entry.contains("result-counts") && !entry["result-counts"].is_null()) {
      if (!entry["result-counts"].is_object()) throw std::invalid_argument("\"result-counts\" is not an object");
      std::map<std::string, std::int64_t> counts;
      for (const auto& [type, n] : entry["result-counts"].items()) {
        if (!n.is_number_integer()) throw std::invalid_argument("result count of " + type + " is not an integer");
        counts[type] = n.get<std::int64_t>();
      }
      r.result_counts = std::move(counts);
    }
    auto [it, fresh] = view.reports.try_emplace(r.report_id, r);
    if (!fresh) {
      // The same id listed again: another stored copy; it counts as accepted if either is.
      it->second.copies += r.copies;
      if (r.accepted && !it->second.accepted) {
        const auto copies = it->second.copies;
        it->second = r;
        it->second.copies = copies;
      }
    }
  }
  return view;
}

std::unique_ptr<Oracle> url_oracle(const std::string& url, const gen::transport::TlsOptions& tls,
                                   std::chrono::milliseconds timeout) {
  return std::make_unique<UrlOracle>(url, tls, timeout);
}

Judgement judge_hold(Hold hold, const std::vector<Payload>& sent, const OracleView& view) {
  Judgement j;
  auto fail = [&](const std::string& why) {
    j.ok = false;
    j.detail += (j.detail.empty() ? "" : " ") + why;
  };
  for (const auto& p : sent) {
    const HeldReport* held = view.find(p.report_id);
    const bool used = held && held->accepted;
    switch (hold) {
      case Hold::stored:
        if (!held) {
          fail("answered but lost the data: report-id " + p.report_id + " is not in the oracle.");
        } else if (!held->accepted) {
          fail("report-id " + p.report_id + " is held but not accepted (quarantined or ignored).");
        } else {
          if (held->copies != 1)
            fail("report-id " + p.report_id + " is stored " + std::to_string(held->copies) + " times, not once.");
          if (p.counts) {
            const auto diff = compare_counts(*held, *p.counts);
            if (!diff.empty()) fail(diff);
          }
        }
        break;
      case Hold::not_stored:
        if (used) fail("report-id " + p.report_id + " was stored as accepted data, but must not be.");
        break;
      case Hold::intact:
        if (used && p.counts) {
          const auto diff = compare_counts(*held, *p.counts);
          if (!diff.empty()) fail(diff);
        }
        break;
    }
  }
  return j;
}

}  // namespace tlsrpt::conformance
