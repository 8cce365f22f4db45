#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/report/result_types.hpp"
#include "core/util/datetime.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/time_text.hpp"
#include "sim/scenario/validate.hpp"

namespace tlsrpt::scenario {
namespace {

std::string text_of(const Node& map, std::string_view key, std::string fallback = {}) {
  const Node* node = map.find(key);
  return node && node->is_scalar() ? node->text : fallback;
}

std::int64_t int_of(const Node& map, std::string_view key, std::int64_t fallback) {
  const std::string text = text_of(map, key);
  return text.empty() ? fallback : std::stoll(text);
}

bool bool_of(const Node& map, std::string_view key, bool fallback) {
  const std::string text = text_of(map, key);
  return text.empty() ? fallback : text == "true";
}

std::vector<std::string> strings_of(const Node& map, std::string_view key) {
  std::vector<std::string> out;
  const Node* node = map.find(key);
  if (!node) return out;
  if (node->is_scalar()) out.push_back(node->text);
  for (const auto& item : node->list) out.push_back(item.text);
  return out;
}

bool is_loopback(const std::string& ip) { return std::regex_match(ip, std::regex(R"(127\.\d{1,3}\.\d{1,3}\.\d{1,3})")); }

TlsaState tlsa_from(const std::string& text) {
  if (text == "match") return TlsaState::match;
  if (text == "ta-match") return TlsaState::ta_match;
  if (text == "wrong") return TlsaState::wrong;
  if (text == "malformed") return TlsaState::malformed;
  return TlsaState::none;
}

bool is_interval_action(const std::string& action) {
  return action == "attacker" || action == "dns-fault" || action == "policy-host" || action == "report-delivery";
}

class Builder {
 public:
  Builder(const Node& root, std::string file) : root_(root), file_(std::move(file)) {}

  LoadResult build() {
    s_.file = file_;
    s_.id = text_of(root_, "id");
    s_.title = text_of(root_, "title");
    s_.description = text_of(root_, "description");
    s_.seed = static_cast<std::uint64_t>(int_of(root_, "seed", 1));
    s_.domain = text_of(root_, "domain");
    s_.report_domain = text_of(root_, "report-domain", "reports.test");
    s_.dnssec = text_of(root_, "dnssec", "unsigned");
    s_.tlsrpt = strings_of(root_, "tlsrpt");
    check_id();
    read_clock();
    read_cert_definitions();
    read_mx();
    read_mta_sts();
    read_senders();
    read_timeline();
    read_expectations();
    check_unused_definitions();
    LoadResult result;
    result.diagnostics = std::move(diags_);
    if (result.diagnostics.empty()) result.scenario = std::move(s_);
    return result;
  }

 private:
  void error(const Location& where, std::string key, std::string message, std::string suggestion = {}) {
    diags_.push_back({where, std::move(key), std::move(message), std::move(suggestion)});
  }

  void check_id() {
    static const std::regex pattern(R"(\d{4}-\d+(\.\d+)*-[a-z0-9]+(-[a-z0-9]+)*)");
    if (!std::regex_match(s_.id, pattern))
      error(root_.find("id")->where, "id",
            "an id is the RFC number, the section and a short lowercase name, e.g. 8460-4.3.1-certificate-expired-mx2");
  }

  void read_clock() {
    const Node& clock = *root_.find("clock");
    s_.start = parse_rfc3339(text_of(clock, "start"))->epoch_seconds;
    const auto days = int_of(clock, "days", 1);
    if (days < 1 || days > 31) error(clock.find("days")->where, "clock.days", "days must be 1..31");
    else s_.days = static_cast<int>(days);
  }

  void read_cert_definitions() {
    const Node* certs = root_.find("certs");
    if (!certs) return;
    for (std::size_t i = 0; i < certs->map.size(); ++i) {
      const auto& [name, def] = certs->map[i];
      definitions_[name] = cert_from_map(def, name);
      definition_where_[name] = certs->key_where[i];
    }
  }

  CertSpec cert_from_map(const Node& def, const std::string& name) {
    CertSpec cert;
    cert.name = name;
    cert.profile = text_of(def, "profile", "valid");
    if (const auto t = text_of(def, "not_before"); !t.empty()) cert.not_before = parse_rfc3339(t)->epoch_seconds;
    if (const auto t = text_of(def, "not_after"); !t.empty()) cert.not_after = parse_rfc3339(t)->epoch_seconds;
    cert.names = strings_of(def, "names");
    if (cert.not_before && cert.not_after && *cert.not_before >= *cert.not_after)
      error(def.where, name, "not_before must be earlier than not_after");
    return cert;
  }

  CertSpec cert_of(const Node* node, const std::string& shown) {
    if (!node) return CertSpec{"valid", "valid", {}, {}, {}};
    if (node->is_map()) return cert_from_map(*node, shown);
    if (const auto it = definitions_.find(node->text); it != definitions_.end()) {
      used_definitions_.insert(node->text);
      return it->second;
    }
    const auto& profiles = cert_profiles();
    if (std::find(profiles.begin(), profiles.end(), node->text) != profiles.end())
      return CertSpec{node->text, node->text, {}, {}, {}};
    std::vector<std::string> candidates = profiles;
    for (const auto& [name, def] : definitions_) candidates.push_back(name);
    error(node->where, shown, "'" + node->text + "' is neither a certificate profile nor a `certs` definition",
          nearest(node->text, candidates));
    return {};
  }

  void read_mx() {
    const Node& list = *root_.find("mx");
    std::set<std::string> ips;
    for (std::size_t i = 0; i < list.list.size(); ++i) {
      const Node& item = list.list[i];
      const std::string shown = "mx[" + std::to_string(i) + "]";
      MxHost mx;
      mx.host = text_of(item, "host");
      mx.preference = static_cast<int>(int_of(item, "pref", 10));
      mx.published = bool_of(item, "published", true);
      mx.ip = text_of(item, "ip");
      mx.cert = cert_of(item.find("cert"), shown + ".cert");
      mx.starttls = bool_of(item, "starttls", true);
      mx.tlsa = tlsa_from(text_of(item, "tlsa", "none"));
      mx.where = item.where;
      if (s_.find_mx(mx.host)) error(item.find("host")->where, shown + ".host", "MX host '" + mx.host + "' is defined twice");
      if (mx.preference < 0 || mx.preference > 65535) error(item.find("pref")->where, shown + ".pref", "pref must be 0..65535");
      if (!mx.ip.empty() && (!is_loopback(mx.ip) || !ips.insert(mx.ip).second))
        error(item.find("ip")->where, shown + ".ip", "each MX needs its own 127.x.y.z address");
      s_.mx.push_back(std::move(mx));
    }
    if (s_.mx.empty()) error(list.where, "mx", "at least one MX host is needed");
  }

  void read_mta_sts() {
    const Node* node = root_.find("mta-sts");
    if (!node) return;
    StsPolicy& p = s_.mta_sts;
    p.present = true;
    p.mode = text_of(*node, "mode", "enforce");
    p.mx = strings_of(*node, "mx");
    p.max_age = int_of(*node, "max_age", 86400);
    p.id = text_of(*node, "id", "20260101");
    if (const Node* host = node->find("host")) {
      p.host_fault = text_of(*host, "fault", "none");
      p.host_cert = cert_of(host->find("cert"), "mta-sts.host.cert");
    } else {
      p.host_cert = cert_of(nullptr, "");
    }
  }

  void read_senders() {
    const Node& list = *root_.find("senders");
    for (std::size_t i = 0; i < list.list.size(); ++i) {
      const Node& item = list.list[i];
      const std::string shown = "senders[" + std::to_string(i) + "]";
      Sender sender;
      sender.org = text_of(item, "org");
      const auto mode = text_of(item, "mode");
      sender.mode = mode == "dane" ? SenderMode::dane
                    : mode == "both" ? SenderMode::both
                    : mode == "opportunistic" ? SenderMode::opportunistic
                                              : SenderMode::mta_sts;
      sender.personality = text_of(item, "personality", "rfc");
      sender.sessions = int_of(item, "sessions", 0);
      sender.shape = text_of(item, "shape", "flat");
      sender.ips = strings_of(item, "ips");
      sender.cached_policy = bool_of(item, "cached-policy", false);
      sender.where = item.where;
      if (s_.find_sender(sender.org)) error(item.find("org")->where, shown + ".org", "sender '" + sender.org + "' is defined twice");
      if (sender.sessions < 0 || sender.sessions > 10'000'000)
        error(item.find("sessions")->where, shown + ".sessions", "sessions per day must be 0..10000000");
      for (const auto& ip : sender.ips)
        if (!is_loopback(ip)) error(item.find("ips")->where, shown + ".ips", "'" + ip + "' is not a 127.x.y.z address");
      if (sender.cached_policy && !s_.mta_sts.present)
        error(item.find("cached-policy")->where, shown + ".cached-policy", "there is no `mta-sts` policy to hold in a cache");
      s_.senders.push_back(std::move(sender));
    }
    if (s_.senders.empty()) error(list.where, "senders", "at least one sender is needed");
  }

  UnixTime instant(const Node& node, const std::string& shown) {
    const auto t = parse_time_text(node.text);
    const UnixTime value = resolve(*t, s_.start);
    if (value < s_.start || value > s_.end())
      error(node.where, shown, "'" + node.text + "' lies outside the run (" + format_rfc3339(s_.start) + " .. " +
                                   format_rfc3339(s_.end()) + ")");
    return value;
  }

  void require_mx(const Node& owner, std::string_view key, const std::string& shown) {
    const Node* node = owner.find(key);
    if (!node || s_.find_mx(node->text)) return;
    error(node->where, shown, "no MX host '" + node->text + "' is defined", nearest(node->text, mx_names()));
  }

  std::vector<std::string> mx_names() const {
    std::vector<std::string> names;
    for (const auto& mx : s_.mx) names.push_back(mx.host);
    return names;
  }

  void read_timeline() {
    const Node* list = root_.find("timeline");
    if (!list) return;
    for (std::size_t i = 0; i < list->list.size(); ++i) {
      const Node& item = list->list[i];
      const std::string shown = "timeline[" + std::to_string(i) + "]";
      TimelineEvent e;
      e.where = item.where;
      e.at = instant(*item.find("at"), shown + ".at");
      if (const Node* until = item.find("until")) {
        e.until = instant(*until, shown + ".until");
        if (*e.until <= e.at) error(until->where, shown + ".until", "until must be later than at");
      }
      std::vector<std::string> actions;
      for (const auto& [key, value] : item.map)
        if (key != "at" && key != "until") actions.push_back(key);
      if (actions.size() != 1) {
        error(item.where, shown, "a timeline entry needs exactly one action (" + std::to_string(actions.size()) + " given)");
        continue;
      }
      e.action = actions.front();
      const Node& body = *item.find(e.action);
      const std::string body_shown = shown + "." + e.action;
      if (e.until && !is_interval_action(e.action))
        error(item.find("until")->where, shown + ".until", "'" + e.action + "' happens at an instant; `until` does not apply");
      if (e.action == "replace-cert") {
        require_mx(body, "mx", body_shown + ".mx");
        e.target = text_of(body, "mx");
        e.cert = cert_of(body.find("cert"), body_shown + ".cert");
      } else if (e.action == "mx-records") {
        e.values = strings_of(item, "mx-records");
        for (const auto& host : e.values)
          if (!s_.find_mx(host)) error(body.where, body_shown, "no MX host '" + host + "' is defined", nearest(host, mx_names()));
      } else if (e.action == "sts-id" || e.action == "sts-policy" || e.action == "policy-host") {
        if (!s_.mta_sts.present) error(item.key_location(e.action), body_shown, "the scenario has no `mta-sts` policy to change");
        e.value = body.is_scalar() ? body.text : std::string{};
        if (e.action == "sts-policy") {
          e.policy = s_.mta_sts;
          e.policy.mode = text_of(body, "mode", s_.mta_sts.mode);
          if (body.find("mx")) e.policy.mx = strings_of(body, "mx");
          e.policy.max_age = int_of(body, "max_age", s_.mta_sts.max_age);
        }
      } else if (e.action == "attacker") {
        require_mx(body, "strip-starttls", body_shown + ".strip-starttls");
        e.target = text_of(body, "strip-starttls");
        e.value = "strip-starttls";
      } else if (e.action == "dns-fault") {
        e.target = text_of(body, "name");
        e.value = text_of(body, "fault");
      } else if (e.action == "tlsa") {
        require_mx(body, "mx", body_shown + ".mx");
        e.target = text_of(body, "mx");
        e.value = text_of(body, "records");
      } else if (e.action == "starttls") {
        require_mx(body, "mx", body_shown + ".mx");
        e.target = text_of(body, "mx");
        e.value = text_of(body, "offered");
      } else if (e.action == "report-delivery") {
        e.value = body.text;
      }
      s_.timeline.push_back(std::move(e));
    }
    check_overlaps();
    std::stable_sort(s_.timeline.begin(), s_.timeline.end(),
                     [](const TimelineEvent& a, const TimelineEvent& b) { return a.at < b.at; });
  }

  void check_overlaps() {
    for (std::size_t i = 0; i < s_.timeline.size(); ++i)
      for (std::size_t j = 0; j < i; ++j) {
        const auto& a = s_.timeline[j];
        const auto& b = s_.timeline[i];
        if (a.action != b.action || a.target != b.target) continue;
        const UnixTime a_end = a.until ? *a.until : (is_interval_action(a.action) ? s_.end() : a.at + 1);
        const UnixTime b_end = b.until ? *b.until : (is_interval_action(b.action) ? s_.end() : b.at + 1);
        if (a.at < b_end && b.at < a_end)
          error(b.where, "timeline[" + std::to_string(i) + "]",
                "overlaps timeline[" + std::to_string(j) + "] (" + a.action + (a.target.empty() ? "" : " on " + a.target) +
                    " at " + format_rfc3339(a.at) + ")");
      }
  }

  static bool applies_sts(SenderMode m) { return m == SenderMode::mta_sts || m == SenderMode::both; }
  static bool applies_dane(SenderMode m) { return m == SenderMode::dane || m == SenderMode::both; }

  void read_expectations() {
    const Node& list = *root_.find("expect");
    std::set<std::string> ids;
    std::vector<std::string> type_names;
    for (const auto& info : result_types()) type_names.emplace_back(info.name);
    std::vector<std::string> orgs;
    for (const auto& s : s_.senders) orgs.push_back(s.org);

    for (std::size_t i = 0; i < list.list.size(); ++i) {
      const Node& item = list.list[i];
      const std::string shown = "expect[" + std::to_string(i) + "]";
      Expectation x;
      x.where = item.where;
      x.id = text_of(item, "id");
      if (!ids.insert(x.id).second) error(item.find("id")->where, shown + ".id", "expectation id '" + x.id + "' is used twice");
      std::vector<std::string> measures;
      for (const auto& m : expectation_measures())
        if (item.find(m)) measures.push_back(m);
      if (measures.size() != 1) {
        error(item.where, shown, "an expectation needs exactly one measure (result-type, successful, failures, delivered, deferred or reports); " +
                                     std::to_string(measures.size()) + " given");
        continue;
      }
      x.measure = measures.front();
      x.count = *parse_count(x.measure == "result-type" ? text_of(item, "sessions", ">0") : text_of(item, x.measure));
      x.result_type = text_of(item, "result-type");
      x.alternatives = strings_of(item, "alternatives");
      x.sender = text_of(item, "sender");
      x.mx = text_of(item, "mx");
      if (item.find("day")) x.day = static_cast<int>(int_of(item, "day", 1));
      x.policy_type = text_of(item, "policy-type");
      x.rua = text_of(item, "rua");
      x.valid_strict = text_of(item, "valid") == "strict";
      read_timing(item, shown, x);
      check_checkable(item, shown, x, type_names, orgs);
      s_.expectations.push_back(std::move(x));
    }
    if (s_.expectations.empty()) error(list.where, "expect", "a scenario without expectations checks nothing");
  }

  void read_timing(const Node& item, const std::string& shown, Expectation& x) {
    for (const char* key : {"after", "before"}) {
      const Node* node = item.find(key);
      if (!node) continue;
      const UnixTime value = instant(*node, shown + "." + key);
      (std::string_view(key) == "after" ? x.after : x.before) = value;
    }
  }

  // "Expectations that can never be checked" are errors: they would pass or fail for reasons
  // that have nothing to do with the scenario.
  void check_checkable(const Node& item, const std::string& shown, const Expectation& x,
                       const std::vector<std::string>& type_names, const std::vector<std::string>& orgs) {
    const Sender* sender = nullptr;
    if (!x.sender.empty()) {
      sender = s_.find_sender(x.sender);
      if (!sender) error(item.find("sender")->where, shown + ".sender", "no sender '" + x.sender + "' is defined", nearest(x.sender, orgs));
    }
    if (!x.mx.empty() && !s_.find_mx(x.mx))
      error(item.find("mx")->where, shown + ".mx", "no MX host '" + x.mx + "' is defined", nearest(x.mx, mx_names()));
    if (x.day && (*x.day < 1 || *x.day > s_.days))
      error(item.find("day")->where, shown + ".day", "day " + std::to_string(*x.day) + " is not in the run (1.." + std::to_string(s_.days) + ")");
    const bool per_session = x.measure == "result-type" || x.measure == "successful" || x.measure == "failures";
    if (!x.mx.empty() && !per_session)
      error(item.find("mx")->where, shown + ".mx", "'" + x.measure + "' is not counted per MX, so this can never be checked");
    if (!x.policy_type.empty() && !per_session)
      error(item.find("policy-type")->where, shown + ".policy-type", "'" + x.measure + "' is not counted per policy type");
    if (item.find("sessions") && x.measure != "result-type")
      error(item.find("sessions")->where, shown + ".sessions", "`sessions` counts a `result-type`; this expectation has none");
    if (item.find("alternatives") && x.measure != "result-type")
      error(item.find("alternatives")->where, shown + ".alternatives", "`alternatives` belong to a `result-type`");
    if ((item.find("rua") || item.find("valid")) && x.measure != "reports")
      error(item.key_location(item.find("rua") ? "rua" : "valid"), shown, "`rua` and `valid` apply to `reports` only");
    if ((x.after || x.before) && !per_session)
      error(item.where, shown, "timing (`after`, `before`) applies to sessions only");
    if (!x.rua.empty()) {
      const bool published = std::any_of(s_.tlsrpt.begin(), s_.tlsrpt.end(),
                                         [&](const std::string& r) { return r.find(x.rua) != std::string::npos; });
      if (!published) error(item.find("rua")->where, shown + ".rua", "no `tlsrpt` record names '" + x.rua + "'");
    }
    if (x.measure != "result-type") return;
    std::vector<std::string> all = x.alternatives;
    all.insert(all.begin(), x.result_type);
    for (std::size_t k = 0; k < all.size(); ++k) {
      const auto* info = find_result_type(all[k]);
      const std::string key = k == 0 ? shown + ".result-type" : shown + ".alternatives";
      const Location where = k == 0 ? item.find("result-type")->where : item.find("alternatives")->where;
      if (!info) {
        error(where, key, "'" + all[k] + "' is not an RFC 8460 result type", nearest(all[k], type_names));
        continue;
      }
    }
    const auto* info = find_result_type(x.result_type);
    if (!info) return;
    auto any_sender = [&](auto predicate) {
      if (sender) return predicate(sender->mode);
      return std::any_of(s_.senders.begin(), s_.senders.end(), [&](const Sender& s) { return predicate(s.mode); });
    };
    auto all_types_in = [&](std::string_view group) {
      return std::all_of(all.begin(), all.end(), [&](const std::string& t) {
        const auto* i = find_result_type(t);
        return i && i->group == group;
      });
    };
    const Location where = item.find("result-type")->where;
    if (all_types_in("mta-sts") && (!s_.mta_sts.present || !any_sender(applies_sts)))
      error(where, shown + ".result-type", "'" + x.result_type + "' is an MTA-STS result, but no MTA-STS policy applies to " +
                                               (sender ? "this sender" : "any sender") + "; this can never be checked");
    if (all_types_in("dane") && !any_sender(applies_dane))
      error(where, shown + ".result-type", "'" + x.result_type + "' is a DANE result, but " + (sender ? "this sender does" : "no sender does") +
                                               " DANE; this can never be checked");
  }

  void check_unused_definitions() {
    for (const auto& [name, where] : definition_where_)
      if (!used_definitions_.count(name)) error(where, "certs." + name, "the certificate definition is never used");
  }

  const Node& root_;
  std::string file_;
  Scenario s_;
  Diagnostics diags_;
  std::map<std::string, CertSpec> definitions_;
  std::map<std::string, Location> definition_where_;
  std::set<std::string> used_definitions_;
};

}  // namespace

std::string_view to_string(SenderMode mode) {
  switch (mode) {
    case SenderMode::mta_sts: return "mta-sts";
    case SenderMode::dane: return "dane";
    case SenderMode::both: return "both";
    case SenderMode::opportunistic: return "opportunistic";
  }
  return "?";
}

const MxHost* Scenario::find_mx(std::string_view host) const {
  for (const auto& entry : mx)
    if (entry.host == host) return &entry;
  return nullptr;
}

const Sender* Scenario::find_sender(std::string_view org) const {
  for (const auto& s : senders)
    if (s.org == org) return &s;
  return nullptr;
}

LoadResult load_scenario_tree(const Node& root, const std::string& file_name) {
  LoadResult result;
  if (!root.is_map()) {
    result.diagnostics.push_back({root.where.file.empty() ? Location{file_name, 1, 1} : root.where, "",
                                  "a scenario file must be a map of keys", ""});
    return result;
  }
  validate_tree(root, result.diagnostics);
  if (!result.diagnostics.empty()) return result;
  return Builder(root, file_name).build();
}

LoadResult load_scenario(const std::filesystem::path& file) {
  LoadResult result;
  const Node root = load_tree(file, result.diagnostics);
  if (!result.diagnostics.empty()) return result;
  return load_scenario_tree(root, file.string());
}

}  // namespace tlsrpt::scenario
