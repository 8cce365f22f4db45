// Property: for any report model, parse(emit(r)) == r, compact and pretty, in both profiles.
#include <gtest/gtest.h>

#include "core/json/codec.hpp"
#include "core/util/rng.hpp"

namespace tlsrpt {
namespace {

std::string random_text(Rng& rng) {
  static const std::string_view pieces[] = {"a", "Z", "0", "-", ".", "@", " ", "\"", "\\", "/", "\n", "\t",
                                            "\x01", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x93\xa7", ":", "~"};
  std::string s;
  const auto n = rng.below(24);
  for (std::uint64_t i = 0; i < n; ++i) s += pieces[rng.below(std::size(pieces))];
  return s;
}

std::optional<std::string> maybe_text(Rng& rng) {
  return rng.chance(0.8) ? std::optional<std::string>(random_text(rng)) : std::nullopt;
}

std::optional<std::int64_t> maybe_count(Rng& rng) {
  if (!rng.chance(0.85)) return std::nullopt;
  return static_cast<std::int64_t>(rng.chance(0.1) ? (std::uint64_t{1} << 53) - 1 : rng.below(100000));
}

std::vector<std::string> texts(Rng& rng) {
  std::vector<std::string> v(rng.below(5));
  for (auto& s : v) s = random_text(rng);
  return v;
}

Report random_report(Rng& rng) {
  Report r;
  r.organization_name = maybe_text(rng);
  r.date_range = {random_text(rng), random_text(rng)};
  r.contact_info = maybe_text(rng);
  r.contact_info_null = !r.contact_info && rng.chance(0.5);
  r.report_id = maybe_text(rng);
  r.policies.resize(rng.below(4));
  for (auto& pr : r.policies) {
    const auto t = rng.below(4);
    pr.policy.policy_type = static_cast<PolicyType>(t);
    if (pr.policy.policy_type == PolicyType::unknown) pr.policy.policy_type_text = "x-" + random_text(rng);
    if (rng.chance(0.7)) pr.policy.policy_string = texts(rng);
    pr.policy.policy_domain = maybe_text(rng);
    if (rng.chance(0.6)) {
      pr.policy.mx_host = texts(rng);
      pr.policy.mx_host_as_string = pr.policy.mx_host->size() == 1 && rng.chance(0.5);
    }
    pr.summary.total_successful_session_count = maybe_count(rng);
    pr.summary.total_failure_session_count = maybe_count(rng);
    if (rng.chance(0.7)) {
      pr.failure_details.emplace(rng.below(5));
      for (auto& d : *pr.failure_details) {
        d.result_type = "r" + random_text(rng);
        d.sending_mta_ip = maybe_text(rng);
        d.receiving_mx_hostname = maybe_text(rng);
        d.receiving_mx_helo = maybe_text(rng);
        d.receiving_ip = maybe_text(rng);
        d.failed_session_count = maybe_count(rng);
        d.additional_information = maybe_text(rng);
        d.failure_reason_code = maybe_text(rng);
      }
    }
  }
  return r;
}

TEST(RoundTrip, ParseOfEmitIsIdentityOverManyRandomReports) {
  Rng rng(20260301);
  for (int i = 0; i < 3000; ++i) {
    const Report r = random_report(rng);
    for (auto style : {JsonStyle::compact, JsonStyle::pretty}) {
      const std::string json = emit_json(r, style);
      for (auto profile : {Profile::strict, Profile::lenient}) {
        const ParseResult p = parse_report(json, profile);
        ASSERT_TRUE(p.report.has_value()) << json;
        ASSERT_EQ(*p.report, r) << "iteration " << i << "\n" << json;
      }
      ASSERT_EQ(emit_json(*parse_report(json).report, style), json) << "emit is not a fixed point";
    }
  }
}

}  // namespace
}  // namespace tlsrpt
