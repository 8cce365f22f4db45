// Everything the server is apart from its sockets: the zones and their keys, the published snapshot,
// the faults and the query log. Transports call handle() from their own threads.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "fakedns/answers/responder.hpp"
#include "fakedns/dnssec/signer.hpp"
#include "fakedns/server.hpp"

namespace tlsrpt::fakedns::detail {

class QueryLog {
 public:
  struct Shard;
  explicit QueryLog(std::size_t capacity);
  ~QueryLog();
  Shard* new_shard();
  void record(Shard* shard, const ResponseInfo& info, Transport transport);
  std::vector<QueryLogEntry> entries(const std::string& wire_filter) const;
  void clear();
  static QueryLogEntry describe(std::int64_t unix_ms, const ResponseInfo& info, Transport transport);

 private:
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

class Engine {
 public:
  explicit Engine(const ServerOptions& options);

  // One per transport thread: its own view of the snapshot, output buffer and log shard.
  struct Worker {
    std::shared_ptr<const Snapshot> snapshot;
    std::uint64_t generation = ~0ULL;
    std::vector<std::uint8_t> out;
    QueryLog::Shard* log = nullptr;
  };
  Worker make_worker();
  ResponseInfo handle(Worker& worker, std::span<const std::uint8_t> query, Transport transport);

  void add_zone(const Zone& zone, const DnssecOptions& dnssec);
  void remove_zone(const std::string& origin);
  std::vector<std::string> zones() const;
  Zone zone(const std::string& origin) const;
  TrustAnchor trust_anchor(const std::string& origin) const;
  std::vector<TrustAnchor> trust_anchors() const;
  void add_record(const Record& record);
  void set_rrset(const std::string& name, const std::string& type, std::uint32_t ttl,
                 const std::vector<std::string>& rdatas);
  std::size_t remove_rrset(const std::string& name, const std::string& type);
  void set_dnssec(const std::string& origin, const DnssecOptions& dnssec);

  FaultTable& faults() { return faults_; }
  QueryLog& log() { return log_; }

 private:
  struct ZoneState {
    Zone zone;
    DnssecOptions dnssec;
    std::unique_ptr<ZoneKeys> keys;
    std::shared_ptr<const ZoneAnswers> answers;
  };
  ZoneState& state_for_name(const std::string& name);  // the longest zone containing it
  ZoneState& state_for_origin(const std::string& origin);
  const ZoneState& state_for_origin(const std::string& origin) const;
  static void rebuild(ZoneState& state);
  void publish();  // under change_mu_

  ServerOptions options_;
  mutable std::mutex change_mu_;
  std::map<std::string, ZoneState> zones_;  // by origin

  mutable std::mutex snapshot_mu_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::atomic<std::uint64_t> generation_{0};

  FaultTable faults_;
  QueryLog log_;
};

}  // namespace tlsrpt::fakedns::detail
