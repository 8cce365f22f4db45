#include "bench/core/sample_reports.hpp"

#include <string>

namespace tlsrpt::bench {
namespace {

const char* const kTypes[] = {"certificate-expired", "starttls-not-supported", "validation-failure",
                              "certificate-host-mismatch", "certificate-not-trusted", "tlsa-invalid"};

std::string ipv4(Rng& rng) {
  return "198.51." + std::to_string(rng.below(256)) + "." + std::to_string(1 + rng.below(254));
}

FailureDetail detail(Rng& rng, std::size_t k) {
  FailureDetail d;
  d.result_type = kTypes[rng.below(std::size(kTypes))];
  d.sending_mta_ip = rng.chance(0.5) ? ipv4(rng) : "2001:db8:abcd:" + std::to_string(10 + rng.below(89)) + "::1";
  d.receiving_mx_hostname = "mx" + std::to_string(k % 7) + ".mail.company-y.example";
  d.receiving_ip = "203.0.113." + std::to_string(1 + rng.below(254));
  d.failed_session_count = static_cast<std::int64_t>(1 + rng.below(500));
  d.failure_reason_code = "X509_V_ERR_CERT_HAS_EXPIRED";
  return d;
}

PolicyReport sts_policy(Rng& rng, std::size_t details) {
  PolicyReport pr;
  pr.policy.policy_type = PolicyType::sts;
  pr.policy.policy_string = {"version: STSv1", "mode: testing", "mx: *.mail.company-y.example", "max_age: 86400"};
  pr.policy.policy_domain = "company-y.example";
  pr.policy.mx_host = std::vector<std::string>{"*.mail.company-y.example"};
  pr.summary.total_successful_session_count = static_cast<std::int64_t>(rng.below(10000));
  std::int64_t failed = 0;
  pr.failure_details.emplace();
  for (std::size_t k = 0; k < details; ++k) {
    pr.failure_details->push_back(detail(rng, k));
    failed += *pr.failure_details->back().failed_session_count;
  }
  pr.summary.total_failure_session_count = failed;
  return pr;
}

Report base(Rng& rng) {
  Report r;
  r.organization_name = "Company-X";
  r.date_range = {"2016-04-01T00:00:00Z", "2016-04-01T23:59:59Z"};
  r.contact_info = "sts-reporting@company-x.example";
  r.report_id = "5065427c-23d3-47ca-b6e0-" + std::to_string(100000000000 + rng.below(900000000000));
  return r;
}

}  // namespace

Report small_report(Rng& rng) {
  Report r = base(rng);
  r.policies.push_back(sts_policy(rng, 3));
  r.policies[0].policy.policy_string->push_back("mx: backup.mail.company-y.example");
  r.policies[0].failure_details->at(1).additional_information =
      "https://reports.company-x.example/report_info?id=5065427c-23d3#StarttlsNotSupported";
  return r;
}

Report large_report(Rng& rng, std::size_t details) {
  Report r = base(rng);
  r.policies.push_back(sts_policy(rng, details / 2));
  PolicyReport tlsa = sts_policy(rng, details - details / 2);
  tlsa.policy.policy_type = PolicyType::tlsa;
  tlsa.policy.policy_string = {"3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6",
                               "2 1 1 1F2E3D4C5B6A79881726354453627180918273645546372819A0B1C2D3E4F5A6"};
  tlsa.policy.mx_host.reset();
  r.policies.push_back(std::move(tlsa));
  return r;
}

}  // namespace tlsrpt::bench
