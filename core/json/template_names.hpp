// The member names of the RFC 8460 §4.4 template, object by object, numbered as the readers
// (parse.cpp's DOM walk and quick_reader.cpp) number them. One table for both, so they cannot
// disagree on what a template member is.
#pragma once

#include "core/json/walk_path.hpp"

namespace tlsrpt::report_template {

using json_walk::MemberNames;

enum ReportMember { kOrganizationName, kDateRange, kContactInfo, kReportId, kPolicies };
inline constexpr MemberNames<5> kReportMembers{"organization-name", "date-range", "contact-info", "report-id",
                                               "policies"};

enum DateRangeMember { kStartDatetime, kEndDatetime };
inline constexpr MemberNames<2> kDateRangeMembers{"start-datetime", "end-datetime"};

enum PolicyReportMember { kPolicy, kSummary, kFailureDetails };
inline constexpr MemberNames<3> kPolicyReportMembers{"policy", "summary", "failure-details"};

enum PolicyMember { kPolicyType, kPolicyString, kPolicyDomain, kMxHost };
inline constexpr MemberNames<4> kPolicyMembers{"policy-type", "policy-string", "policy-domain", "mx-host"};

enum SummaryMember { kTotalSuccessful, kTotalFailure };
inline constexpr MemberNames<2> kSummaryMembers{"total-successful-session-count", "total-failure-session-count"};

enum DetailMember {
  kResultType, kSendingMtaIp, kReceivingMxHostname, kReceivingIp, kFailedSessionCount, kFailureReasonCode,
  kAdditionalInformation, kReceivingMxHelo
};
inline constexpr MemberNames<8> kDetailMembers{"result-type",          "sending-mta-ip",      "receiving-mx-hostname",
                                               "receiving-ip",         "failed-session-count", "failure-reason-code",
                                               "additional-information", "receiving-mx-helo"};

}  // namespace tlsrpt::report_template
