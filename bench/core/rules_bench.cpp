// The report rules alone: validate_view_into on a ReportView filled once (no JSON reading), and the
// text checks it calls, each on the shapes the sample reports hold. Issue 2's parse+validate target
// leaves the rules about half of a small report's budget; these rows say where it goes.
#include <benchmark/benchmark.h>

#include <array>
#include <string_view>

#include "bench/core/sample_reports.hpp"
#include "core/json/policy_string.hpp"
#include "core/json/report_view.hpp"
#include "core/json/validate.hpp"
#include "core/report/result_types.hpp"
#include "core/util/datetime.hpp"
#include "core/util/domain_text.hpp"
#include "core/util/ip_text.hpp"

namespace tlsrpt::bench {
namespace {

void validate_view(benchmark::State& state, const Report& report) {
  ReportView view;
  view.assign(report);
  Findings findings;
  validate_view_into(view, Profile::strict, findings);
  if (!findings.empty()) state.SkipWithError("sample report has findings");
  for (auto _ : state) {
    findings.clear();
    validate_view_into(view, Profile::strict, findings);
    benchmark::DoNotOptimize(findings.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["details"] = static_cast<double>(view.details.size());
}

void BM_Rules_ValidateViewSmall(benchmark::State& state) {
  Rng rng(1);
  validate_view(state, small_report(rng));
}

void BM_Rules_ValidateViewLarge(benchmark::State& state) {
  Rng rng(2);
  validate_view(state, large_report(rng, 5000));
}

// One text check over a fixed set of inputs; items are single calls.
template <class Check, std::size_t N>
void each(benchmark::State& state, const std::array<std::string_view, N>& inputs, Check check) {
  for (auto _ : state)
    for (const std::string_view text : inputs) {
      std::string_view t = text;
      benchmark::DoNotOptimize(t);
      benchmark::DoNotOptimize(check(t));
    }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * N));
}

constexpr std::array<std::string_view, 4> kIpv4{"198.51.100.7", "203.0.113.254", "192.0.2.1", "10.20.30.40"};
constexpr std::array<std::string_view, 4> kIpv6Canonical{"2001:db8:abcd:12::1", "2001:db8::1", "::ffff:192.0.2.1",
                                                         "fe80::1:2:3:4"};
constexpr std::array<std::string_view, 4> kIpv6Noncanonical{"2001:db8:abcd:0012::1", "2001:DB8::1",
                                                            "2001:db8:0:0:0:0:0:1", "fe80:0::1"};
constexpr std::array<std::string_view, 4> kHostNames{"mx0.mail.company-y.example", "company-y.example",
                                                     "mx6.mail.company-y.example.", "xn--gpher-jua.test"};
constexpr std::array<std::string_view, 4> kMxPatterns{"*.mail.company-y.example", "mx1.example.com",
                                                      "*.example.net", "backup.mail.company-y.example"};
constexpr std::array<std::string_view, 4> kAddrSpecs{"sts-reporting@company-x.example", "tlsrpt@example.com",
                                                     "tls_support@corp.mail.ru", "postmaster@[192.0.2.1]"};
constexpr std::array<std::string_view, 4> kDateTimes{"2016-04-01T00:00:00Z", "2016-04-01T23:59:59Z",
                                                     "2023-01-10T00:00:00+01:00", "2024-02-29T12:30:00.250Z"};
constexpr std::array<std::string_view, 6> kResultTypes{"certificate-expired", "starttls-not-supported",
                                                       "validation-failure", "certificate-host-mismatch",
                                                       "tlsa-invalid", "no-such-type"};

void BM_Rules_ClassifyIpv4(benchmark::State& s) { each(s, kIpv4, classify_ip); }
void BM_Rules_ClassifyIpv6Canonical(benchmark::State& s) { each(s, kIpv6Canonical, classify_ip); }
void BM_Rules_ClassifyIpv6Noncanonical(benchmark::State& s) { each(s, kIpv6Noncanonical, classify_ip); }
void BM_Rules_ALabelDomain(benchmark::State& s) {
  each(s, kHostNames, [](std::string_view t) { return is_a_label_domain(t, true); });
}
void BM_Rules_MxPattern(benchmark::State& s) { each(s, kMxPatterns, is_mx_pattern); }
void BM_Rules_AddrSpec(benchmark::State& s) { each(s, kAddrSpecs, is_addr_spec); }
void BM_Rules_ParseRfc3339(benchmark::State& s) {
  each(s, kDateTimes, [](std::string_view t) { return parse_rfc3339(t).has_value(); });
}
void BM_Rules_FindResultType(benchmark::State& s) {
  each(s, kResultTypes, [](std::string_view t) { return find_result_type(t) != nullptr; });
}

// The small sample's five policy lines, as one call.
void BM_Rules_StsPolicyProblem(benchmark::State& state) {
  const std::array<std::string_view, 5> lines{"version: STSv1", "mode: testing", "mx: *.mail.company-y.example",
                                              "max_age: 86400", "mx: backup.mail.company-y.example"};
  for (auto _ : state) {
    std::span<const std::string_view> in(lines);
    benchmark::DoNotOptimize(in);
    auto problem = sts_policy_problem(in);
    benchmark::DoNotOptimize(problem);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

BENCHMARK(BM_Rules_ValidateViewSmall);
BENCHMARK(BM_Rules_ValidateViewLarge)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Rules_ClassifyIpv4);
BENCHMARK(BM_Rules_ClassifyIpv6Canonical);
BENCHMARK(BM_Rules_ClassifyIpv6Noncanonical);
BENCHMARK(BM_Rules_ALabelDomain);
BENCHMARK(BM_Rules_MxPattern);
BENCHMARK(BM_Rules_AddrSpec);
BENCHMARK(BM_Rules_ParseRfc3339);
BENCHMARK(BM_Rules_StsPolicyProblem);
BENCHMARK(BM_Rules_FindResultType);

}  // namespace
}  // namespace tlsrpt::bench
