#include <nlohmann/json.hpp>

#include <stdexcept>

#include "fakedns/control/http_control.hpp"
#include "fakedns/server.hpp"

namespace tlsrpt::fakedns::detail {
namespace {

using nlohmann::json;

std::vector<std::string> rdatas_of(const json& j) {
  if (!j.contains("rdata")) return {};
  if (j["rdata"].is_string()) return {j["rdata"].get<std::string>()};
  return j["rdata"].get<std::vector<std::string>>();
}

json entry_json(const QueryLogEntry& e) {
  return {{"unix_ms", e.unix_ms}, {"name", e.name},   {"type", e.type},         {"transport", e.transport},
          {"rcode", e.rcode},     {"truncated", e.truncated}, {"faults", e.faults}};
}

std::string query_param(const std::string& target, const std::string& key) {
  const auto q = target.find('?');
  if (q == std::string::npos) return {};
  std::string rest = target.substr(q + 1);
  std::size_t at = 0;
  while (at <= rest.size()) {
    const auto amp = rest.find('&', at);
    const std::string pair = rest.substr(at, amp == std::string::npos ? std::string::npos : amp - at);
    if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
    if (amp == std::string::npos) break;
    at = amp + 1;
  }
  return {};
}

json dispatch(Server& server, const std::string& method, const std::string& path, const std::string& target,
              const json& in) {
  if (method == "POST" && path == "/add-record") {
    server.add_record({in.at("name").get<std::string>(), in.at("type").get<std::string>(),
                       in.value("ttl", 300u), in.at("rdata").get<std::string>()});
    return {{"ok", true}};
  }
  if (method == "POST" && path == "/set-record") {
    server.set_rrset(in.at("name").get<std::string>(), in.at("type").get<std::string>(), in.value("ttl", 300u),
                     rdatas_of(in));
    return {{"ok", true}};
  }
  if (method == "POST" && path == "/clear-record") {
    const auto removed = server.remove_rrset(in.at("name").get<std::string>(), in.at("type").get<std::string>());
    return {{"ok", true}, {"removed", removed}};
  }
  if (method == "POST" && path == "/add-fault") {
    FaultSpec f;
    f.kind = in.at("kind").get<std::string>();
    f.name = in.value("name", std::string{});
    f.type = in.value("type", std::string{});
    f.probability = in.value("probability", 1.0);
    if (in.contains("count")) f.count = in["count"].get<std::uint64_t>();
    if (in.contains("delay_ms")) f.delay = std::chrono::milliseconds(in["delay_ms"].get<std::int64_t>());
    server.add_fault(f);
    return {{"ok", true}};
  }
  if (method == "POST" && path == "/clear-faults") {
    server.clear_faults();
    return {{"ok", true}};
  }
  if (method == "GET" && path == "/faults") {
    json list = json::array();
    for (const auto& f : server.faults()) {
      json j{{"kind", f.kind}, {"name", f.name}, {"type", f.type}, {"probability", f.probability},
             {"delay_ms", f.delay.count()}};
      if (f.count) j["count"] = *f.count;
      list.push_back(j);
    }
    return {{"faults", list}};
  }
  if (path == "/query-log" && (method == "GET" || method == "POST")) {
    const std::string name = method == "GET" ? query_param(target, "name") : in.value("name", std::string{});
    json list = json::array();
    for (const auto& e : server.query_log(name)) list.push_back(entry_json(e));
    return {{"queries", list}};
  }
  if (method == "POST" && path == "/clear-query-log") {
    server.clear_query_log();
    return {{"ok", true}};
  }
  if (method == "GET" && path == "/trust-anchors") {
    json anchors = json::object();
    for (const auto& zone : server.zones()) {
      const TrustAnchor a = server.trust_anchor(zone);
      if (!a.empty()) anchors[zone] = {{"ds", a.ds}, {"dnskey", a.dnskey}};
    }
    return {{"anchors", anchors}};
  }
  throw std::out_of_range("no such control verb: " + method + " " + path);
}

}  // namespace

ControlReply handle_control(Server& server, const std::string& method, const std::string& target,
                            const std::string& body) {
  const std::string path = target.substr(0, target.find('?'));
  try {
    const json in = body.empty() ? json::object() : json::parse(body);
    if (!in.is_object()) throw std::invalid_argument("the request body must be a JSON object");
    return {200, dispatch(server, method, path, target, in).dump()};
  } catch (const std::out_of_range& e) {
    if (std::string(e.what()).rfind("no such control verb", 0) == 0)
      return {404, json{{"error", e.what()}}.dump()};
    return {400, json{{"error", e.what()}}.dump()};
  } catch (const std::exception& e) {
    return {400, json{{"error", e.what()}}.dump()};
  }
}

}  // namespace tlsrpt::fakedns::detail
