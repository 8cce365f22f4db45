#include "fakedns/engine.hpp"

#include <chrono>
#include <stdexcept>

namespace tlsrpt::fakedns::detail {
namespace {

std::string absolute_lower(std::string name) {
  if (name.empty() || name.back() != '.') name += '.';
  return dname_text(parse_dname(name).get());
}

const char* rcode_name(unsigned rcode) {
  static const char* names[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"};
  if (rcode < 6) return names[rcode];
  return rcode == 16 ? "BADVERS" : "RCODE?";
}

std::string wire_to_text(std::string_view wire) {
  if (wire.empty()) return {};
  RdfPtr rdf(ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, wire.size(), wire.data()));
  return rdf ? dname_text(rdf.get()) : std::string{};
}

}  // namespace

// ---- query log -----------------------------------------------------------------------------

struct QueryLog::Shard {
  struct Raw {
    std::int64_t unix_ms = 0;
    std::uint8_t name_size = 0;
    std::array<char, 255> name{};
    std::uint16_t type = 0;
    Transport transport = Transport::udp;
    bool sent = true;
    bool truncated = false;
    bool parsed = false;
    std::uint16_t rcode = 0;
    std::string faults;
  };
  std::mutex mu;
  std::vector<Raw> ring;
  std::size_t next = 0;
  std::size_t count = 0;
};

QueryLog::QueryLog(std::size_t capacity) : capacity_(capacity) {}
QueryLog::~QueryLog() = default;

QueryLog::Shard* QueryLog::new_shard() {
  std::lock_guard lock(mu_);
  shards_.push_back(std::make_unique<Shard>());
  shards_.back()->ring.resize(capacity_);
  return shards_.back().get();
}

void QueryLog::record(Shard* shard, const ResponseInfo& info, Transport transport) {
  if (!shard || shard->ring.empty()) return;
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  std::lock_guard lock(shard->mu);
  Shard::Raw& raw = shard->ring[shard->next];
  shard->next = (shard->next + 1) % shard->ring.size();
  if (shard->count < shard->ring.size()) ++shard->count;
  raw.unix_ms = now;
  raw.parsed = info.parsed;
  raw.name_size = static_cast<std::uint8_t>(std::min<std::size_t>(info.qname_wire.size(), 255));
  std::copy_n(info.qname_wire.data(), raw.name_size, raw.name.data());
  raw.type = info.qtype;
  raw.transport = transport;
  raw.sent = info.send;
  raw.truncated = info.truncated;
  raw.rcode = static_cast<std::uint16_t>(info.rcode);
  raw.faults = info.faults;
}

QueryLogEntry QueryLog::describe(std::int64_t unix_ms, const ResponseInfo& info, Transport transport) {
  QueryLogEntry e;
  e.unix_ms = unix_ms;
  e.name = info.parsed ? wire_to_text(info.qname_wire) : "(malformed)";
  e.type = info.parsed ? take_string(ldns_rr_type2str(static_cast<ldns_rr_type>(info.qtype))) : "-";
  e.transport = transport == Transport::udp ? "udp" : "tcp";
  e.rcode = info.send ? rcode_name(info.rcode) : "-";
  e.truncated = info.truncated;
  e.faults = info.faults;
  return e;
}

std::vector<QueryLogEntry> QueryLog::entries(const std::string& wire_filter) const {
  std::vector<QueryLogEntry> out;
  std::lock_guard lock(mu_);
  for (const auto& shard : shards_) {
    std::lock_guard shard_lock(shard->mu);
    const std::size_t size = shard->ring.size();
    for (std::size_t i = 0; i < shard->count; ++i) {
      const Shard::Raw& raw = shard->ring[(shard->next + size - shard->count + i) % size];
      const std::string_view name(raw.name.data(), raw.name_size);
      if (!wire_filter.empty() && name != wire_filter) continue;
      ResponseInfo info;
      info.parsed = raw.parsed;
      info.qname_wire.assign(name);
      info.qtype = raw.type;
      info.send = raw.sent;
      info.truncated = raw.truncated;
      info.rcode = raw.rcode;
      info.faults = raw.faults;
      out.push_back(describe(raw.unix_ms, info, raw.transport));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const QueryLogEntry& a, const QueryLogEntry& b) { return a.unix_ms < b.unix_ms; });
  return out;
}

void QueryLog::clear() {
  std::lock_guard lock(mu_);
  for (const auto& shard : shards_) {
    std::lock_guard shard_lock(shard->mu);
    shard->count = 0;
    shard->next = 0;
  }
}

// ---- engine --------------------------------------------------------------------------------

Engine::Engine(const ServerOptions& options)
    : options_(options), snapshot_(make_snapshot({})), faults_(options.seed), log_(options.query_log_capacity) {}

Engine::Worker Engine::make_worker() {
  Worker w;
  w.out.reserve(65535);
  w.log = log_.new_shard();
  return w;
}

ResponseInfo Engine::handle(Worker& w, std::span<const std::uint8_t> query, Transport transport) {
  const std::uint64_t gen = generation_.load(std::memory_order_acquire);
  if (gen != w.generation) {
    std::lock_guard lock(snapshot_mu_);
    w.snapshot = snapshot_;
    w.generation = generation_.load(std::memory_order_acquire);
  }
  ResponseInfo info = respond(*w.snapshot, &faults_, query, transport, w.out);
  log_.record(w.log, info, transport);
  if (options_.on_query) {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
    options_.on_query(QueryLog::describe(now, info, transport));
  }
  return info;
}

void Engine::rebuild(ZoneState& state) {
  BuiltZone built = build_zone(state.zone, state.dnssec, *state.keys);
  state.answers = precompute(std::move(built.data), std::move(built.anchor));
}

void Engine::publish() {
  std::vector<std::shared_ptr<const ZoneAnswers>> all;
  for (const auto& [origin, state] : zones_) all.push_back(state.answers);
  auto snap = make_snapshot(std::move(all));
  std::lock_guard lock(snapshot_mu_);
  snapshot_ = std::move(snap);
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

void Engine::add_zone(const Zone& zone, const DnssecOptions& dnssec) {
  ZoneState state{zone, dnssec, nullptr, nullptr};
  std::unique_lock lock(change_mu_);
  auto existing = zones_.find(zone.origin());
  const bool reuse_keys = existing != zones_.end();
  if (reuse_keys) {
    state.keys = std::move(existing->second.keys);
  }
  lock.unlock();
  if (!state.keys) state.keys = std::make_unique<ZoneKeys>(zone.origin());  // slow: outside the lock
  lock.lock();
  rebuild(state);
  zones_.insert_or_assign(zone.origin(), std::move(state));
  publish();
}

void Engine::remove_zone(const std::string& origin) {
  std::lock_guard lock(change_mu_);
  zones_.erase(absolute_lower(origin));
  publish();
}

std::vector<std::string> Engine::zones() const {
  std::lock_guard lock(change_mu_);
  std::vector<std::string> out;
  for (const auto& [origin, state] : zones_) out.push_back(origin);
  return out;
}

Engine::ZoneState& Engine::state_for_origin(const std::string& origin) {
  auto it = zones_.find(absolute_lower(origin));
  if (it == zones_.end()) throw std::invalid_argument("no zone " + origin + " is served");
  return it->second;
}

const Engine::ZoneState& Engine::state_for_origin(const std::string& origin) const {
  return const_cast<Engine*>(this)->state_for_origin(origin);
}

Engine::ZoneState& Engine::state_for_name(const std::string& name) {
  const RdfPtr rdf = parse_dname(absolute_lower(name));
  ZoneState* best = nullptr;
  std::size_t best_labels = 0;
  for (auto& [origin, state] : zones_) {
    const RdfPtr o = parse_dname(origin);
    if (ldns_dname_compare(o.get(), rdf.get()) != 0 && !ldns_dname_is_subdomain(rdf.get(), o.get())) continue;
    const std::size_t labels = ldns_dname_label_count(o.get());
    if (!best || labels > best_labels) best = &state, best_labels = labels;
  }
  if (!best) throw std::invalid_argument("no served zone contains " + name);
  return *best;
}

Zone Engine::zone(const std::string& origin) const {
  std::lock_guard lock(change_mu_);
  return state_for_origin(origin).zone;
}

TrustAnchor Engine::trust_anchor(const std::string& origin) const {
  std::lock_guard lock(change_mu_);
  return state_for_origin(origin).answers->anchor;
}

std::vector<TrustAnchor> Engine::trust_anchors() const {
  std::lock_guard lock(change_mu_);
  std::vector<TrustAnchor> out;
  for (const auto& [origin, state] : zones_)
    if (!state.answers->anchor.empty()) out.push_back(state.answers->anchor);
  return out;
}

void Engine::add_record(const Record& record) {
  std::lock_guard lock(change_mu_);
  ZoneState& state = state_for_name(record.name);
  Zone changed = state.zone;
  changed.add_record(absolute_lower(record.name), record.type, record.ttl, record.rdata);
  std::swap(state.zone, changed);
  try {
    rebuild(state);
  } catch (...) {
    std::swap(state.zone, changed);
    throw;
  }
  publish();
}

void Engine::set_rrset(const std::string& name, const std::string& type, std::uint32_t ttl,
                       const std::vector<std::string>& rdatas) {
  std::lock_guard lock(change_mu_);
  ZoneState& state = state_for_name(name);
  Zone changed = state.zone;
  changed.set_rrset(absolute_lower(name), type, ttl, rdatas);
  std::swap(state.zone, changed);
  try {
    rebuild(state);
  } catch (...) {
    std::swap(state.zone, changed);
    throw;
  }
  publish();
}

std::size_t Engine::remove_rrset(const std::string& name, const std::string& type) {
  std::lock_guard lock(change_mu_);
  ZoneState& state = state_for_name(name);
  const std::size_t removed = state.zone.remove_rrset(absolute_lower(name), type);
  if (removed) {
    rebuild(state);
    publish();
  }
  return removed;
}

void Engine::set_dnssec(const std::string& origin, const DnssecOptions& dnssec) {
  std::lock_guard lock(change_mu_);
  ZoneState& state = state_for_origin(origin);
  const DnssecOptions before = state.dnssec;
  state.dnssec = dnssec;
  try {
    rebuild(state);
  } catch (...) {
    state.dnssec = before;
    throw;
  }
  publish();
}

}  // namespace tlsrpt::fakedns::detail
