#include "sim/mta/report/report_id.hpp"

#include <fmt/format.h>

#include "core/util/datetime.hpp"

namespace tlsrpt::sim {
namespace {

std::string compact_date(UnixSeconds t) {  // "20260301"
  std::string d = format_date(t);
  std::erase(d, '-');
  return d;
}

std::string uuid4(Rng& rng) {
  const std::uint64_t hi = (rng.next() & ~0xf000ULL) | 0x4000ULL;
  const std::uint64_t lo = (rng.next() & ~(0xc000ULL << 48)) | (0x8000ULL << 48);
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff, hi & 0xffff,
                     lo >> 48, lo & 0xffffffffffffULL);
}

}  // namespace

std::string make_report_id(ReportIdScheme scheme, const ReportIdInput& in, Rng& rng) {
  switch (scheme) {
    case ReportIdScheme::unique_msgid:
      return fmt::format("{}.{}.{:016x}@{}", compact_date(in.day_start), in.policy_domain, rng.next(),
                         in.sender_domain);
    case ReportIdScheme::start_domain:
      return fmt::format("{}_{}", format_rfc3339(in.day_start), in.policy_domain);
    case ReportIdScheme::filetime_domain: {
      constexpr std::int64_t kEpochDelta = 11644473600;  // 1601-01-01 to 1970-01-01
      const auto ticks = static_cast<std::uint64_t>(in.generated_at + kEpochDelta) * 10000000ULL +
                         rng.below(10000000);
      return fmt::format("{}+{}", ticks, in.policy_domain);
    }
    case ReportIdScheme::uuid_at_domain:
      return fmt::format("{}@{}", uuid4(rng), in.sender_domain);
    case ReportIdScheme::ts_hash:
      return fmt::format("{}_{}", in.day_start, in.policy_hash);
    case ReportIdScheme::date_idx_domain:
      return fmt::format("{}_idx{}_{}", format_rfc3339(in.day_start), in.index, in.policy_domain);
    case ReportIdScheme::yyyymmdd_domain:
      return fmt::format("{}.{}@{}", compact_date(in.day_start), in.policy_domain, in.sender_domain);
  }
  return {};
}

}  // namespace tlsrpt::sim
