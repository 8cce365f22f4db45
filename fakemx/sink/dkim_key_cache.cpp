#include "fakemx/sink/dkim_key_cache.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/records/ascii_text.hpp"

namespace tlsrpt::fakemx::sink {
namespace {

constexpr std::size_t kMaxEntries = 10'000;  // past this the cache starts over: a bound, not a policy

struct Entry {
  std::optional<std::string> record;
  std::chrono::steady_clock::time_point until;
};

struct Cache {
  std::mutex mutex;
  std::unordered_map<std::string, Entry> entries;  // "selector._domainkey.domain", lower case
};

std::string cache_key(std::string_view selector, std::string_view domain) {
  std::string key = std::string(selector) + "._domainkey." + std::string(domain);
  std::transform(key.begin(), key.end(), key.begin(), ascii::to_lower);
  if (!key.empty() && key.back() == '.') key.pop_back();
  return key;
}

}  // namespace

KeyLookup cached_key_lookup(TimedKeyLookup lookup, SteadyNow now) {
  auto cache = std::make_shared<Cache>();
  return [lookup = std::move(lookup), now = std::move(now), cache](std::string_view selector,
                                                                   std::string_view domain) -> std::optional<std::string> {
    const std::string key = cache_key(selector, domain);
    {
      const std::lock_guard lock(cache->mutex);
      const auto it = cache->entries.find(key);
      if (it != cache->entries.end() && now() < it->second.until) return it->second.record;
    }
    TimedKey answer = lookup(selector, domain);
    const auto keep = answer.record ? std::min(answer.ttl, kMaxKeepKey) : kKeepMissing;
    const std::lock_guard lock(cache->mutex);
    if (cache->entries.size() >= kMaxEntries) cache->entries.clear();
    cache->entries[key] = Entry{answer.record, now() + keep};
    return answer.record;
  };
}

}  // namespace tlsrpt::fakemx::sink
