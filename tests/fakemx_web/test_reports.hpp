// Self-made RFC 8460 reports for the sink tests: valid under the strict profile, one per id.
#pragma once

#include <string>

#include "core/report/model.hpp"

namespace tlsrpt::test {

Report make_report(const std::string& report_id, const std::string& organization = "Test Sender Inc.",
                   const std::string& policy_domain = "example.test");
std::string make_report_json(const std::string& report_id, const std::string& organization = "Test Sender Inc.");
std::string make_report_gzip(const std::string& report_id, const std::string& organization = "Test Sender Inc.");

}  // namespace tlsrpt::test
