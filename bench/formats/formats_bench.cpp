// gzip_compress must sustain >= 50,000 ~2 KB reports/s per core for the generators; compare with
// zlib's compress2 at the same level (the baseline) in the same run:
//   build/<dir>/bench/formats/bench_formats --benchmark_filter=Gzip
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <string>

#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/records/sts_policy.hpp"
#include "core/records/tlsrpt_record.hpp"

namespace {

// A report of about 2 KB in the RFC 8460 Appendix B shape, with a few failure details.
std::string sample_report() {
  std::string details;
  for (int i = 0; i < 6; ++i) {
    if (i) details += ",";
    details += R"({"result-type":"certificate-expired","sending-mta-ip":"2001:db8:abcd:12::)" + std::to_string(i) +
               R"(","receiving-mx-hostname":"mx)" + std::to_string(i) +
               R"(.mail.company-y.example","receiving-ip":"203.0.113.)" + std::to_string(50 + i) +
               R"(","failed-session-count":)" + std::to_string(100 + 7 * i) + "}";
  }
  return R"({"organization-name":"Company-X","date-range":{"start-datetime":"2016-04-01T00:00:00Z",)"
         R"("end-datetime":"2016-04-01T23:59:59Z"},"contact-info":"sts-reporting@company-x.example",)"
         R"("report-id":"5065427c-23d3-47ca-b6e0-946ea0e8c4be","policies":[{"policy":{"policy-type":"sts",)"
         R"("policy-string":["version: STSv1","mode: testing","mx: *.mail.company-y.example","max_age: 86400"],)"
         R"("policy-domain":"company-y.example","mx-host":["*.mail.company-y.example"]},"summary":{)"
         R"("total-successful-session-count":5326,"total-failure-session-count":303},"failure-details":[)" +
         details + "]}]}";
}

const std::string& report() {
  static const std::string r = sample_report();
  return r;
}

void BM_GzipCompress(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(tlsrpt::gzip_compress(report(), static_cast<int>(state.range(0))));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(report().size()));
  state.counters["report_bytes"] = static_cast<double>(report().size());
}
BENCHMARK(BM_GzipCompress)->Arg(1)->Arg(6);

void BM_GzipCompress_ZlibBaseline(benchmark::State& state) {
  std::string out(compressBound(static_cast<uLong>(report().size())), '\0');
  for (auto _ : state) {
    uLongf len = static_cast<uLongf>(out.size());
    compress2(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(report().data()),
              static_cast<uLong>(report().size()), static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(len);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(report().size()));
}
BENCHMARK(BM_GzipCompress_ZlibBaseline)->Arg(1)->Arg(6);

void BM_Gunzip(benchmark::State& state) {
  const auto gz = tlsrpt::gzip_compress(report());
  for (auto _ : state) benchmark::DoNotOptimize(tlsrpt::gunzip_capped(gz));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(report().size()));
}
BENCHMARK(BM_Gunzip);

void BM_Gunzip_ZlibBaseline(benchmark::State& state) {
  const auto gz = tlsrpt::gzip_compress(report());
  std::string out(report().size(), '\0');
  for (auto _ : state) {
    z_stream s{};
    inflateInit2(&s, 16 + MAX_WBITS);
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
    s.avail_in = static_cast<uInt>(gz.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    benchmark::DoNotOptimize(inflate(&s, Z_FINISH));
    inflateEnd(&s);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(report().size()));
}
BENCHMARK(BM_Gunzip_ZlibBaseline);

tlsrpt::ReportEmailSpec mail_spec() {
  tlsrpt::ReportEmailSpec s;
  s.from = "TLS Reports <tlsrpt@company-x.example>";
  s.to = "tlsrpt@company-y.example";
  s.policy_domain = "company-y.example";
  s.submitter = "company-x.example";
  s.report_id = "5065427c-23d3-47ca-b6e0-946ea0e8c4be";
  s.date_rfc5322 = "Sat, 02 Apr 2016 02:00:00 +0000";
  s.human_text = "This is an aggregate TLS report from company-x.example\n";
  s.attachment_name = "company-x.example!company-y.example!1459468800!1459555199!001.json.gz";
  s.attachment = tlsrpt::gzip_compress(report());
  return s;
}

void BM_BuildReportEmail(benchmark::State& state) {
  const auto spec = mail_spec();
  for (auto _ : state) benchmark::DoNotOptimize(tlsrpt::build_report_email(spec));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BuildReportEmail);

void BM_ParseReportEmail(benchmark::State& state) {
  const auto mail = tlsrpt::build_report_email(mail_spec());
  for (auto _ : state) {
    tlsrpt::Findings findings;
    benchmark::DoNotOptimize(tlsrpt::parse_report_email(mail, findings));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(mail.size()));
}
BENCHMARK(BM_ParseReportEmail);

void BM_ParseTlsrptRecord(benchmark::State& state) {
  const std::string txt = "v=TLSRPTv1; rua=mailto:tlsrpt@reports.example, https://reports.example/v1/tlsrpt";
  for (auto _ : state) benchmark::DoNotOptimize(tlsrpt::parse_tlsrpt_record(txt));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseTlsrptRecord);

void BM_ParseStsPolicy(benchmark::State& state) {
  const std::string policy =
      "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n";
  for (auto _ : state) benchmark::DoNotOptimize(tlsrpt::parse_sts_policy(policy));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseStsPolicy);

}  // namespace
