#include "tests/core_report/report_fixture.hpp"

namespace tlsrpt::test {

nlohmann::json valid_report_json() {
  return nlohmann::json::parse(R"({
    "organization-name": "Example Mail Sender",
    "date-range": {"start-datetime": "2026-03-01T00:00:00Z", "end-datetime": "2026-03-01T23:59:59Z"},
    "contact-info": "tlsrpt@sender.example",
    "report-id": "2026-03-01_example.net@sender.example",
    "policies": [{
      "policy": {
        "policy-type": "sts",
        "policy-string": ["version: STSv1", "mode: enforce", "mx: mx1.example.net", "mx: *.example.net",
                          "max_age: 604800"],
        "policy-domain": "example.net",
        "mx-host": ["mx1.example.net", "*.example.net"]
      },
      "summary": {"total-successful-session-count": 1874, "total-failure-session-count": 126},
      "failure-details": [{
        "result-type": "certificate-expired",
        "sending-mta-ip": "192.0.2.25",
        "receiving-mx-hostname": "mx2.example.net",
        "receiving-mx-helo": "mx2.example.net ESMTP",
        "receiving-ip": "2001:db8::12",
        "failed-session-count": 120,
        "additional-information": "https://sender.example/tlsrpt/info?id=1",
        "failure-reason-code": "X509_V_ERR_CERT_HAS_EXPIRED"
      }, {
        "result-type": "starttls-not-supported",
        "sending-mta-ip": "192.0.2.26",
        "receiving-mx-hostname": "mx1.example.net",
        "receiving-ip": "198.51.100.11",
        "failed-session-count": 6
      }]
    }]
  })");
}

Report valid_report() {
  Report r;
  r.organization_name = "Example Mail Sender";
  r.date_range = {"2026-03-01T00:00:00Z", "2026-03-01T23:59:59Z"};
  r.contact_info = "tlsrpt@sender.example";
  r.report_id = "2026-03-01_example.net@sender.example";
  PolicyReport pr;
  pr.policy.policy_type = PolicyType::sts;
  pr.policy.policy_string = {"version: STSv1", "mode: enforce", "mx: mx1.example.net", "mx: *.example.net",
                             "max_age: 604800"};
  pr.policy.policy_domain = "example.net";
  pr.policy.mx_host = std::vector<std::string>{"mx1.example.net", "*.example.net"};
  pr.summary.total_successful_session_count = 1874;
  pr.summary.total_failure_session_count = 126;
  FailureDetail a;
  a.result_type = "certificate-expired";
  a.sending_mta_ip = "192.0.2.25";
  a.receiving_mx_hostname = "mx2.example.net";
  a.receiving_mx_helo = "mx2.example.net ESMTP";
  a.receiving_ip = "2001:db8::12";
  a.failed_session_count = 120;
  a.additional_information = "https://sender.example/tlsrpt/info?id=1";
  a.failure_reason_code = "X509_V_ERR_CERT_HAS_EXPIRED";
  FailureDetail b;
  b.result_type = "starttls-not-supported";
  b.sending_mta_ip = "192.0.2.26";
  b.receiving_mx_hostname = "mx1.example.net";
  b.receiving_ip = "198.51.100.11";
  b.failed_session_count = 6;
  pr.failure_details = std::vector<FailureDetail>{a, b};
  r.policies.push_back(pr);
  return r;
}

}  // namespace tlsrpt::test
