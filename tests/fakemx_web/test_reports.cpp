#include "tests/fakemx_web/test_reports.hpp"

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"

namespace tlsrpt::test {

Report make_report(const std::string& report_id, const std::string& organization, const std::string& policy_domain) {
  Report r;
  r.organization_name = organization;
  r.date_range = {"2026-03-01T00:00:00Z", "2026-03-01T23:59:59Z"};
  r.contact_info = "tlsrpt@sender.test";
  r.report_id = report_id;
  PolicyReport p;
  p.policy.policy_type = PolicyType::sts;
  p.policy.policy_type_text = "sts";
  p.policy.policy_string = std::vector<std::string>{"version: STSv1", "mode: enforce", "mx: mx1." + policy_domain,
                                                    "max_age: 86400"};
  p.policy.policy_domain = policy_domain;
  p.policy.mx_host = std::vector<std::string>{"mx1." + policy_domain};
  p.summary.total_successful_session_count = 100;
  p.summary.total_failure_session_count = 7;
  FailureDetail expired;
  expired.result_type = "certificate-expired";
  expired.sending_mta_ip = "192.0.2.10";
  expired.receiving_mx_hostname = "mx1." + policy_domain;
  expired.receiving_ip = "198.51.100.5";
  expired.failed_session_count = 5;
  FailureDetail starttls = expired;
  starttls.result_type = "starttls-not-supported";
  starttls.failed_session_count = 2;
  p.failure_details = std::vector<FailureDetail>{expired, starttls};
  r.policies.push_back(p);
  return r;
}

std::string make_report_json(const std::string& report_id, const std::string& organization) {
  return emit_json(make_report(report_id, organization));
}

std::string make_report_gzip(const std::string& report_id, const std::string& organization) {
  return gzip_compress(make_report_json(report_id, organization));
}

}  // namespace tlsrpt::test
